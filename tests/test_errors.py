"""The error model seen from the command line: file:line:col messages, documented exit codes, no traceback
for a problem in the input, and what --keep-going does."""
from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from honkoku import cli
from honkoku.errors import EXIT_INTERNAL, EXIT_OK, EXIT_USER_ERROR

ROOT = Path(__file__).resolve().parent.parent
GOOD = "本日午後、米側と協議を行った。\n\n先方は次のとおり述べた。\n"
PROBLEM = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): error: (?P<what>.+?)(?: \(hint: (?P<hint>.+)\))?$")


def run_build(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def problems(stderr: str) -> list[dict]:
    return [m.groupdict() for line in stderr.splitlines() if (m := PROBLEM.match(line))]


def tree_digest(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file under ``folder``: its hash and its modification time (ns)."""
    return {str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Three sources, a.txt and c.txt good, built once into tei/."""
    (tmp_path / "sources").mkdir()
    for name in ("a", "b", "c"):
        (tmp_path / "sources" / f"{name}.txt").write_text(GOOD.replace("本日", f"{name}日"), encoding="utf-8")
    assert run_build(tmp_path, "tei", "-q").returncode == 0
    return tmp_path


def test_help_documents_the_exit_codes():
    run = subprocess.run([sys.executable, str(ROOT / "build.py"), "--help"], capture_output=True, text=True)
    assert run.returncode == 0
    for code, meaning in ((EXIT_OK, "success"), (EXIT_USER_ERROR, "a problem in your input"),
                          (EXIT_INTERNAL, "a bug in honkoku"), (130, "interrupted")):
        assert re.search(rf"^\s+{code}\s+{meaning}", run.stdout, re.M), run.stdout
    assert "--keep-going" in run.stdout


def test_a_user_error_is_one_line_per_problem_and_exit_2(project):
    (project / "sources" / "b.toml").write_text('title = "x"\ncolour = "red"\ndate = "1986-02-30"\n', encoding="utf-8")
    run = run_build(project, "tei")
    assert run.returncode == EXIT_USER_ERROR
    assert "Traceback" not in run.stderr
    found = problems(run.stderr)
    assert [(p["path"], p["line"], p["col"]) for p in found] == [("sources/b.toml", "2", "1"), ("sources/b.toml", "3", "1")]
    assert all(p["hint"] for p in found)


def test_default_stops_at_the_first_failing_source_and_changes_no_output(project):
    before = tree_digest(project / "tei")
    (project / "sources" / "a.txt").write_text(GOOD + "追記。\n", encoding="utf-8")     # would change a.xml
    (project / "sources" / "b.toml").write_text('colour = "red"\n', encoding="utf-8")
    (project / "sources" / "c.toml").write_text('[[unclear]]\nquote = "無い"\n', encoding="utf-8")
    run = run_build(project, "tei")
    assert run.returncode == EXIT_USER_ERROR
    assert [p["path"] for p in problems(run.stderr)] == ["sources/b.toml"], run.stderr   # c is never reached
    assert "no TEI file was changed" in run.stderr
    assert tree_digest(project / "tei") == before                    # byte-identical, not even touched


def test_keep_going_reports_every_source_and_writes_the_good_ones(project):
    before = tree_digest(project / "tei")
    (project / "sources" / "a.txt").write_text(GOOD + "追記。\n", encoding="utf-8")
    (project / "sources" / "b.toml").write_text('colour = "red"\n', encoding="utf-8")
    (project / "sources" / "c.toml").write_text('[[unclear]]\nquote = "無い"\n', encoding="utf-8")
    run = run_build(project, "tei", "--keep-going")
    assert run.returncode == EXIT_USER_ERROR
    assert [p["path"] for p in problems(run.stderr)] == ["sources/b.toml", "sources/c.toml"], run.stderr
    after = tree_digest(project / "tei")
    assert after["a.xml"] != before["a.xml"]                          # the good source was written
    assert after["b.xml"] == before["b.xml"] and after["c.xml"] == before["c.xml"]   # the failing ones kept


@pytest.mark.parametrize("args, says", [
    (("tei", "--sources", "nowhere"), "nowhere:1:1: error: sources folder not found"),
    (("tei", "--out", "sources"), "error: the output folder is inside the sources folder"),
    (("tei", "--out", "sources/tei"), "error: the output folder is inside the sources folder"),
    (("tei", "--out", "afile"), "afile:1:1: error: cannot read or write this file"),
    (("text", "missing.xml"), "missing.xml:1:1: error: no such TEI file"),
    (("text", "sources/a.txt"), "sources/a.txt:1:1: error: not well-formed XML: Start tag expected, '<' not found ("),
    (("text", "plain.xml"), "plain.xml:1:1: error: no TEI <text> element"),
    (("text", "evil.xml"), "evil.xml:1:1: error: the XML declares a DOCTYPE"),
], ids=["no sources folder", "out is sources", "out inside sources", "out is a file", "text: missing file",
        "text: not XML", "text: not TEI", "text: DOCTYPE"])
def test_problems_with_files_and_arguments_are_user_errors(project, args, says):
    (project / "afile").write_text("not a folder", encoding="utf-8")
    (project / "plain.xml").write_text("<x/>", encoding="utf-8")
    (project / "evil.xml").write_text('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', encoding="utf-8")
    before = tree_digest(project / "sources")
    run = run_build(project, *args)
    assert run.returncode == EXIT_USER_ERROR, run.stderr
    assert says in run.stderr
    assert "Traceback" not in run.stderr
    assert tree_digest(project / "sources") == before


def test_keep_going_goes_on_after_an_unreadable_sidecar(project):
    (project / "sources" / "a.toml").mkdir()                 # a folder where the sidecar should be
    (project / "sources" / "c.toml").write_text('colour = "red"\n', encoding="utf-8")
    run = run_build(project, "tei", "--keep-going")
    assert run.returncode == EXIT_USER_ERROR and "Traceback" not in run.stderr
    assert [p["path"] for p in problems(run.stderr)] == ["sources/a.toml", "sources/c.toml"], run.stderr


def test_a_wrong_command_line_exits_2(project):
    run = run_build(project, "tei", "--no-such-option")
    assert run.returncode == 2 and "usage:" in run.stderr and "Traceback" not in run.stderr


def test_a_bug_exits_3_with_its_traceback(project, monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")
    monkeypatch.setattr("honkoku.build.convert", broken)
    monkeypatch.chdir(project)
    assert cli.main(["tei", "-q", "--force"]) == EXIT_INTERNAL    # --force: the cache would skip convert
    err = capsys.readouterr().err
    assert "Traceback" in err and "RuntimeError: a bug" in err and "internal error" in err


def test_interrupt_exits_130(project, monkeypatch, capsys):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr("honkoku.build.convert", interrupted)
    monkeypatch.chdir(project)
    assert cli.main(["tei", "-q", "--force"]) == 130
    assert "interrupted" in capsys.readouterr().err


def test_warnings_do_not_fail_the_build(project):
    (project / "sources" / "b.txt").write_text("", encoding="utf-8")
    run = run_build(project, "tei")
    assert run.returncode == EXIT_OK
    assert re.search(r"^sources/b\.txt:1:1: warning: the source has no text", run.stderr, re.M), run.stderr
