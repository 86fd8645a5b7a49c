"""The command line, driven as a user would: subprocesses, exit codes, messages."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture
def edition(tmp_path):
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    shutil.copytree(ROOT / "registers", tmp_path / "registers")     # found beside sources/
    result = run("tei", "--sources", "sources", "--out", "tei", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("toml, expected", [
    ('title = "x\n', ":1:"),                                            # bad TOML: unterminated string
    ('colour = "red"\n', "unknown key 'colour'"),
    ('[[correction]]\nquote = "存在しない文字列"\ncorr = "x"\n', "matches nothing"),
    ('[[correction]]\nquote = "米ソ"\ncorr = "x"\n', "matches"),           # occurs many times
])
def test_broken_sidecar_fails_with_one_clear_message_and_leaves_tei(edition, toml, expected):
    before = snapshot(edition / "tei")
    (edition / "sources" / "2023-05-17-lavrov-tsargrad.toml").unlink()
    (edition / "sources" / "1986-09-18-inf-asia.toml").write_text(toml, encoding="utf-8")
    result = run("tei", "--sources", "sources", "--out", "tei", cwd=edition)
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith("sources/1986-09-18-inf-asia.toml:") and expected in errors[0]
    assert "Traceback" not in result.stderr
    assert snapshot(edition / "tei") == before


def test_text_recovers_the_source(edition):
    result = run("text", "tei/2023-05-17-lavrov-tsargrad.xml", cwd=edition)
    assert result.returncode == 0
    source = (edition / "sources" / "2023-05-17-lavrov-tsargrad.txt").read_text(encoding="utf-8")
    squash = lambda line: "".join(line.split())  # noqa: E731 - whitespace may differ, lines and characters may not
    assert [squash(l) for l in result.stdout.splitlines() if l.strip()] == [
        squash(l) for l in source.splitlines() if l.strip()]


def test_converts_any_folder(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "frus-1986-12.txt").write_text(
        "SECRET\n\nThe Secretary met the Ambassador. [1 paragraph not declassified]\n", encoding="utf-8")
    result = run("tei", "--sources", str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    xml = (tmp_path / "out" / "frus-1986-12.xml").read_text(encoding="utf-8")
    assert 'xml:lang="en"' in xml and 'unit="paragraph"' in xml
