"""honkoku serve as a user runs it: start it, save a source, see the TEI (and page) change, stop it."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from workbench_helpers import ROOT, copy_edition, project

TEXT = "監視の試験\n\n最初の段落である。\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout: float = 30.0, step: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return None


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


class Served:
    """``python build.py serve`` in a project folder, stopped with SIGTERM like a service manager would."""

    def __init__(self, cwd: Path, port: int):
        self.log = cwd / "serve.log"
        self.proc = subprocess.Popen([sys.executable, "build.py", "serve", "--addr", f"127.0.0.1:{port}",
                                      "--interval", "0.2"], cwd=cwd, stdout=subprocess.DEVNULL,
                                     stderr=open(self.log, "w"), env={**os.environ, "PYTHONIOENCODING": "utf-8"})
        self.url = f"http://127.0.0.1:{port}"

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise


def test_serve_rebuilds_the_tei_of_a_saved_source_and_stops_cleanly(tmp_path):
    tmp = project(tmp_path, sources={"watched": TEXT})
    served = Served(tmp, free_port())
    try:
        assert wait_for(lambda: "serve: watching" in served.output()), served.output()
        tei = tmp / "tei" / "watched.xml"
        assert "最初の段落" in tei.read_text(encoding="utf-8")
        assert "最初の段落" in wait_for(lambda: fetch(f"{served.url}/tei/watched.xml"))
        # the editor saves a new paragraph
        with open(tmp / "sources" / "watched.txt", "a", encoding="utf-8") as fh:
            fh.write("\n保存された新しい段落。\n")
        assert wait_for(lambda: "保存された新しい段落" in tei.read_text(encoding="utf-8")), served.output()
        assert "保存された新しい段落" in fetch(f"{served.url}/tei/watched.xml")
        # ... then a sidecar with a quote that matches nothing: reported, the last good TEI kept, serve goes on
        (tmp / "sources" / "watched.toml").write_text('title = "監視"\n[[correction]]\nquote = "存在しない"\ncorr = "x"\n',
                                                      encoding="utf-8")
        assert wait_for(lambda: "watched.toml:3:1: error:" in served.output()), served.output()
        assert "保存された新しい段落" in tei.read_text(encoding="utf-8")
        # ... and fixes it: the title reaches the TEI header
        (tmp / "sources" / "watched.toml").write_text('title = "監視の試験文書"\n', encoding="utf-8")
        assert wait_for(lambda: "監視の試験文書" in tei.read_text(encoding="utf-8")), served.output()
    finally:
        code = served.stop()
    assert code == 0, served.output()
    assert served.output().rstrip().endswith("serve: stopped")


@pytest.mark.skipif(not (ROOT / "mkdocs.yml").is_file(), reason="the site (issue 7) is not there yet: "
                    "the page part of serve is tested once mkdocs.yml exists")
def test_serve_updates_the_page_of_a_saved_source(tmp_path):
    tmp = copy_edition(tmp_path / "edition")
    sid = sorted(p.stem for p in (tmp / "sources").glob("*.txt"))[-1]
    served = Served(tmp, free_port())
    try:
        assert wait_for(lambda: "Serving on" in served.output() or "serving on" in served.output().lower(),
                        timeout=300), served.output()
        with open(tmp / "sources" / f"{sid}.txt", "a", encoding="utf-8") as fh:
            fh.write("\n\nプレビューで確認する新しい段落。\n")

        def page_url():
            for md in (tmp / "docs").rglob("*.md"):
                if "プレビューで確認する新しい段落" in md.read_text(encoding="utf-8"):
                    rel = md.relative_to(tmp / "docs").with_suffix("")
                    parts = rel.parts[:-1] if rel.name == "index" else rel.parts
                    return served.url + "/" + "/".join(parts) + ("/" if parts else "")
            return None
        url = wait_for(page_url, timeout=120)
        assert url, served.output()
        assert wait_for(lambda: "プレビューで確認する新しい段落" in fetch(url), timeout=120), served.output()
    finally:
        code = served.stop()
    assert code == 0, served.output()


def test_serve_with_mkdocs_rebuilds_the_worklist_page_and_live_reloads(tmp_path):
    """With an mkdocs.yml, serve runs mkdocs' live-reload server; the worklist follows the sources."""
    tmp = project(tmp_path, sources={"watched": TEXT})
    (tmp / "docs").mkdir()
    if (ROOT / "mkdocs.yml").is_file():          # the edition's own site configuration, once it exists
        shutil.copy(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    else:
        (tmp / "mkdocs.yml").write_text("site_name: serve test\ndocs_dir: docs\n", encoding="utf-8")
        (tmp / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    served = Served(tmp, free_port())
    try:
        page = f"{served.url}/editors/worklist/"
        assert wait_for(lambda: "watched" in fetch(page), timeout=60), served.output()
        assert "livereload" in fetch(page)                   # mkdocs injects its reload script
        assert "closes nothing" not in fetch(page)
        with open(tmp / "sources" / "watched.txt", "a", encoding="utf-8") as fh:
            fh.write("\n閉じていない引用」がある。\n")
        assert wait_for(lambda: "closes nothing" in fetch(page), timeout=60), served.output()
    finally:
        code = served.stop()
    assert code == 0, served.output()


def test_serve_rewrites_the_worklist_page_of_the_saved_source_and_the_index_only(tmp_path):
    """Without the server: serve starts from the build's cache; the worklist after a save equals check's, and
    only what changed is written."""
    from honkoku.workbench.check import check_sources
    from honkoku.workbench.serve import Rebuilder
    from honkoku.workbench.worklist import write_worklist
    texts = {f"s{i:02d}": f"第{i}の本文「である。\n" if i % 3 else f"第{i}の本文。\n" for i in range(60)}
    tmp = project(tmp_path, sources=texts)
    (tmp / "docs").mkdir()
    log = tmp / "serve.log"
    rebuilder = Rebuilder(tmp, tmp / "sources", tmp / "tei", tmp / "docs", out=open(log, "w"))
    rebuilder.start()                          # the first build: the TEI stage, parallel and cached
    assert "built 60 source(s) (60 converted" in log.read_text(encoding="utf-8")
    again = Rebuilder(tmp, tmp / "sources", tmp / "tei", tmp / "docs", out=open(log, "w"))
    again.start()                              # a second start: everything from the cache
    assert "built 60 source(s) (0 converted" in log.read_text(encoding="utf-8")
    folder = tmp / "docs" / "editors"
    before = {p: p.stat().st_mtime_ns for p in folder.rglob("*.md")}
    assert len([p for p in before if p.parent.name == "worklist"]) >= 3
    time.sleep(0.01)
    (tmp / "sources" / "s30.txt").write_text("第30の本文」が閉じる。\n", encoding="utf-8")   # had no finding
    rebuilder.rebuild({"s30"})
    after = {p: p.stat().st_mtime_ns for p in folder.rglob("*.md")}
    assert sorted(p.relative_to(folder).as_posix() for p in after if after[p] != before.get(p)) == \
        ["worklist.md", "worklist/2.md"]
    write_worklist(check_sources(tmp / "sources", quiet=True), tmp / "checked" / "worklist.md")
    checked = {p.relative_to(tmp / "checked").as_posix(): p.read_bytes() for p in (tmp / "checked").rglob("*.md")}
    served = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("worklist*.md")}
    served |= {f"worklist/{p.name}": p.read_bytes() for p in (folder / "worklist").glob("*.md")}
    assert served == checked and "closes nothing" in checked["worklist/2.md"].decode("utf-8")
