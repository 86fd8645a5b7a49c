"""Nothing lost, nothing half-written: atomic outputs, interrupted builds, sources never touched,
byte-identical output whatever the hash seed, locale or file-system order."""
from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from honkoku.build import build_tei
from honkoku.files import sweep_temporaries, write_atomic

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
PROSE = "本日午後、米側と軍備管理について協議を行った。~~条約局~~ [REDACTED] 極 秘\n- (1) 項目\n- (2) 項目\n\n"


def make_sources(folder: Path, count: int, version: str, order=None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    names = [f"s{n:02d}" for n in range(count)]
    for name in order(names) if order else names:
        (folder / f"{name}.txt").write_text(f"{version} {name}\n\n" + PROSE * 40, encoding="utf-8")
        (folder / f"{name}.toml").write_text(f'title = "{name} {version}"\n[[unclear]]\nquote = "{version} {name}"\n',
                                             encoding="utf-8")


def digests(folder: Path, pattern: str = "*") -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob(pattern)) if p.is_file()}


# -- write_atomic ------------------------------------------------------------------------------------

def test_write_atomic_replaces_whole_files_and_skips_identical_ones(tmp_path):
    target = tmp_path / "out" / "x.xml"
    assert write_atomic(target, b"one") is True
    stamp = target.stat().st_mtime_ns
    time.sleep(0.01)
    assert write_atomic(target, b"one") is False and target.stat().st_mtime_ns == stamp   # untouched
    assert write_atomic(target, b"two") is True and target.read_bytes() == b"two"
    assert oct(target.stat().st_mode & 0o777) == oct(0o666 & ~_umask())           # readable by a web server
    assert [p.name for p in target.parent.iterdir()] == ["x.xml"]                  # no temporary left


def test_write_atomic_leaves_the_old_file_when_writing_fails(tmp_path, monkeypatch):
    target = tmp_path / "x.xml"
    target.write_bytes(b"old")

    def full_disk(fd):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.xml"]


def test_write_atomic_replaces_a_symlink_not_its_target(tmp_path):
    source = tmp_path / "sources" / "a.txt"
    source.parent.mkdir()
    source.write_bytes(b"the witness")
    link = tmp_path / "tei" / "a.xml"
    link.parent.mkdir()
    link.symlink_to(source)
    write_atomic(link, b"<TEI/>")
    assert source.read_bytes() == b"the witness" and not link.is_symlink() and link.read_bytes() == b"<TEI/>"


def test_sweep_removes_only_stale_temporaries(tmp_path):
    stale, fresh, other = tmp_path / ".a.xml.x1.tmp", tmp_path / ".b.xml.x2.tmp", tmp_path / "notes.tmp"
    for p in (stale, fresh, other):
        p.write_bytes(b"half")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    os.utime(other, (time.time() - 3600, time.time() - 3600))
    assert sweep_temporaries(tmp_path) == [stale]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".b.xml.x2.tmp", "notes.tmp"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# -- interrupted builds -------------------------------------------------------------------------------

KILLER = """
import os, signal, sys
sys.path.insert(0, {src!r})
import honkoku.files as files
calls = 0
real_replace = os.replace
def dying_replace(tmp, dst):
    global calls
    calls += 1
    if calls == {at}:
        if {half}:                                    # die with a half-written temporary file
            with open(tmp, "r+b") as fh:
                fh.truncate(os.path.getsize(tmp) // 2)
        else:                                         # die right after this file was replaced
            real_replace(tmp, dst)
        os.kill(os.getpid(), signal.SIGKILL)
    real_replace(tmp, dst)
files.os = type("os", (), {{"replace": staticmethod(dying_replace), "__getattr__": lambda s, n: getattr(os, n)}})()
import honkoku.build as build                      # staged TEI is renamed into place there
build.os = files.os
from honkoku.cli import main
sys.exit(main(["tei", "-q"]))
"""


def _build_in_subprocess(project: Path, code: str | None = None) -> subprocess.Popen:
    args = [sys.executable, "-c", code] if code else [sys.executable, str(ROOT / "build.py"), "tei", "-q"]
    return subprocess.Popen(args, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _old_and_new(tmp_path: Path, count: int) -> tuple[Path, dict[str, str], dict[str, str]]:
    """A project built from version 'old', its sources then changed to 'new'; the expected outputs of both."""
    expected = {}
    for version in ("old", "new"):
        make_sources(tmp_path / version / "sources", count, version)
        assert not build_tei(tmp_path / version / "sources", tmp_path / version / "tei", quiet=True).problems
        expected[version] = digests(tmp_path / version / "tei", "*.xml")
    project = tmp_path / "project"
    make_sources(project / "sources", count, "old")
    build_tei(project / "sources", project / "tei", quiet=True)
    make_sources(project / "sources", count, "new")
    return project, expected["old"], expected["new"]


def _every_file_old_or_new(project: Path, old: dict[str, str], new: dict[str, str]) -> tuple[int, int]:
    now = digests(project / "tei", "*.xml")
    assert sorted(now) == sorted(old), "an output file vanished or appeared"
    for name, digest in now.items():
        assert digest in (old[name], new[name]), f"{name} is neither the old nor the new version (truncated?)"
    return sum(now[n] == old[n] for n in now), sum(now[n] == new[n] for n in now)


@pytest.mark.parametrize("half", [True, False], ids=["killed mid-write", "killed between files"])
def test_a_build_killed_in_the_middle_leaves_old_or_new_files_and_the_next_build_repairs_them(tmp_path, half):
    # The build stages all 6 documents (renames 1-6 in the cache), then publishes them into tei/
    # (renames 7-12). Killed mid-write while staging: tei/ is wholly old. Killed after the third
    # publication: three files are new, three old, none half-written.
    project, old, new = _old_and_new(tmp_path, 6)
    run = _build_in_subprocess(project, KILLER.format(src=str(SRC), at=3 if half else 9, half=half))
    run.communicate(timeout=120)
    assert run.returncode == -signal.SIGKILL
    kept_old, got_new = _every_file_old_or_new(project, old, new)
    assert (got_new, kept_old) == ((0, 6) if half else (3, 3))
    leftovers = list((project / "tei").glob(".*.tmp")) + list((project / ".honkoku-cache").rglob(".*.tmp"))
    assert len(leftovers) == (1 if half else 0)
    for tmp in leftovers:                                   # as if the next build came a while later
        os.utime(tmp, (time.time() - 3600, time.time() - 3600))
    repair = _build_in_subprocess(project)
    repair.communicate(timeout=120)
    assert repair.returncode == 0
    assert digests(project / "tei", "*.xml") == new
    assert not list((project / "tei").glob(".*.tmp")), "the repair build sweeps the stale temporary"


def test_kill_9_at_random_moments(tmp_path):
    """SIGKILL from outside at random moments of a 20-source build: never a truncated file."""
    project, old, new = _old_and_new(tmp_path, 20)
    rng = random.Random(5)
    for _ in range(4):
        run = _build_in_subprocess(project)
        time.sleep(rng.uniform(0.1, 1.2))
        run.send_signal(signal.SIGKILL)
        run.communicate(timeout=120)
        _every_file_old_or_new(project, old, new)
    repair = _build_in_subprocess(project)
    repair.communicate(timeout=120)
    assert repair.returncode == 0 and digests(project / "tei", "*.xml") == new


# -- sources are never touched ---------------------------------------------------------------------------

def test_no_build_writes_or_deletes_anything_under_sources(tmp_path):
    make_sources(tmp_path / "sources", 3, "v1")
    (tmp_path / "sources" / "notes.xml").write_text("<mine/>", encoding="utf-8")       # the editor's own file
    (tmp_path / "sources" / "s01.toml").write_text('colour = "red"\n', encoding="utf-8")
    (tmp_path / "sources" / "s02.xml").write_text("<also-mine/>", encoding="utf-8")

    def snapshot():
        return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted((tmp_path / "sources").iterdir())}

    before = snapshot()
    for args in (["tei"], ["tei", "--keep-going"], ["tei", "--out", "sources"], ["tei", "--out", "sources/x"],
                 ["tei", "--out", "tei", "--sources", "sources"]):
        run = subprocess.run([sys.executable, str(ROOT / "build.py"), *args, "-q"], cwd=tmp_path, capture_output=True,
                             text=True, timeout=120)
        assert run.returncode == 2, run.stderr
        assert snapshot() == before, args
    (tmp_path / "sources" / "s01.toml").unlink()
    before = snapshot()
    run = subprocess.run([sys.executable, str(ROOT / "build.py"), "tei", "-q"], cwd=tmp_path, capture_output=True,
                         timeout=120)
    assert run.returncode == 0 and snapshot() == before


# -- determinism ----------------------------------------------------------------------------------------------

def _locales() -> list[str]:
    available = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split()
    wanted = ["C", "POSIX", "C.UTF-8", "C.utf8", "ja_JP.UTF-8", "ja_JP.utf8", "tr_TR.UTF-8", "tr_TR.utf8"]
    return [loc for loc in wanted if loc in available or loc == "C"]


def test_output_does_not_depend_on_hash_seed_locale_or_file_order(tmp_path):
    corpus = sorted((ROOT / "sources").glob("*"))
    outputs = []
    locales = _locales()
    runs = [("0", locales[0], False), ("1", locales[-1], True), ("4242", locales[len(locales) // 2], False)]
    for n, (seed, loc, reverse) in enumerate(runs):
        project = tmp_path / f"run{n}"
        (project / "sources").mkdir(parents=True)
        for f in (reversed(corpus) if reverse else corpus):               # created in another order
            (project / "sources" / f.name).write_bytes(f.read_bytes())
        shutil.copytree(ROOT / "registers", project / "registers")        # the sidecars refer to them
        env = {**os.environ, "PYTHONHASHSEED": seed, "LC_ALL": loc, "LANG": loc, "TZ": "Asia/Tokyo" if n else "UTC"}
        run = subprocess.run([sys.executable, str(ROOT / "build.py"), "tei", "-q"], cwd=project, env=env,
                             capture_output=True, timeout=300)
        assert run.returncode == 0, run.stderr
        outputs.append(digests(project / "tei", "*.xml"))
    assert outputs[0] == outputs[1] == outputs[2]
    assert outputs[0] == digests(ROOT / "tei", "*.xml"), "the committed tei/ is what any machine builds"
