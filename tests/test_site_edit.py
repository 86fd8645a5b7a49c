"""After an edit, the site stage remakes only what changed and gives the same site as a clean build (issue 4).

A generated edition of 12 documents is built (pages + MkDocs + link check, no
search index); then one source is edited, the TEI made again and the site
built again: MkDocs must have made a dirty build (only the changed pages), the
link check must have read only a few pages, and site/ and docs/ must be
byte-identical to a clean build of the same inputs into fresh folders with a
fresh cache. A change of mkdocs.yml makes the next build clean. The link
check, given a page removed or a page that lost an anchor, reports the links
into it from pages it did not read, as a full check does.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from buildcheck import file_tree
from honkoku.build import build_tei

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.corpus import generate  # noqa: E402

site_build = pytest.importorskip("honkoku.site.build", reason="the site renderer (issue 7) is not on this branch")
from honkoku.site.links import check_links, check_links_incremental  # noqa: E402

N = 12


def config(tmp: Path, extra: str = "") -> Path:
    """The project's mkdocs.yml with its theme and hooks paths made absolute (it is read from tmp)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("src/honkoku/site/", f"{ROOT}/src/honkoku/site/")
    path = tmp / "mkdocs.yml"
    path.write_text(text + extra, encoding="utf-8")
    return path


def build(root: Path, cfg: Path):
    return site_build.build_site(root / "tei", root / "sources", root / "docs", root / "site", cfg,
                                 mkdocs=True, search=False, quiet=True)


def clean_build_equals(root: Path, cfg: Path) -> None:
    """A clean build of the same TEI and sources (fresh docs/, site/ and cache) gives the same files."""
    fresh = root / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir()
    shutil.copytree(root / "tei", fresh / "tei")
    shutil.copytree(root / "sources", fresh / "sources")
    report = build(fresh, cfg)
    assert report.mkdocs == "clean" and report.links_read == report_pages(fresh)
    assert file_tree(root / "docs") == file_tree(fresh / "docs")
    ours, theirs = file_tree(root / "site"), file_tree(fresh / "site")
    assert sorted(ours) == sorted(theirs)
    assert [k for k in ours if ours[k] != theirs[k]] == []


def report_pages(root: Path) -> int:
    return len([p for p in (root / "site").rglob("*.html")])


@pytest.mark.slow
def test_an_edit_remakes_only_changed_pages_and_matches_a_clean_build(tmp_path, parses):
    cfg = config(tmp_path)
    txts = generate(tmp_path / "sources", N, seed=5)
    assert not build_tei(tmp_path / "sources", tmp_path / "tei", jobs=1).problems
    first = build(tmp_path, cfg)
    assert first.mkdocs == "clean" and first.links_read == report_pages(tmp_path)
    before = file_tree(tmp_path / "site")

    again = build(tmp_path, cfg)                  # nothing changed: a dirty build that remakes the menu's pages
    assert again.mkdocs == "dirty" and again.links_read < 15
    assert file_tree(tmp_path / "site") == before

    edited = txts[3]
    with open(edited, "a", encoding="utf-8") as fh:           # as bench/run.py edits a source
        fh.write("\nA paragraph added by the editor.\n")
    assert not build_tei(tmp_path / "sources", tmp_path / "tei", jobs=1).problems
    parses.clear()
    after = build(tmp_path, cfg)
    # the other files' metadata came from the cache (site/metacache.py): only the edited file is parsed
    assert [p for p in parses if p != "registers.xml"] == [f"{edited.stem}.xml"]
    assert after.mkdocs == "dirty" and after.links_read < report_pages(tmp_path) // 2
    page = f"documents/{edited.stem}/index.html"
    assert "A paragraph added by the editor." in (tmp_path / "site" / page).read_text(encoding="utf-8")
    assert "A paragraph added by the editor." not in before[page].decode("utf-8")
    clean_build_equals(tmp_path, cfg)

    # a page output edited by hand is made again
    (tmp_path / "site" / page).write_text("edited by hand", encoding="utf-8")
    assert build(tmp_path, cfg).mkdocs == "dirty"
    assert "A paragraph added by the editor." in (tmp_path / "site" / page).read_text(encoding="utf-8")
    clean_build_equals(tmp_path, cfg)

    # a TEI file changed by hand (title, dates, a header count): lists, chronology, about and the zip follow
    hand = tmp_path / "tei" / f"{txts[7].stem}.xml"
    text = hand.read_text(encoding="utf-8")
    assert '<title type="main">' in text and 'when="19' in text and 'occurs="' in text
    hand.write_text(re.sub(r'<title type="main">[^<]*<', '<title type="main">手で直した題<', text)
                    .replace('when="19', 'when="17').replace('occurs="', 'occurs="9', 1), encoding="utf-8")
    pages = {name: (tmp_path / "docs" / name).read_bytes() for name in ("index.md", "chronology/index.md", "about.md")}
    parses.clear()
    build(tmp_path, cfg)
    assert [p for p in parses if p != "registers.xml"] == [hand.name]
    assert all((tmp_path / "docs" / name).read_bytes() != data for name, data in pages.items())
    assert "手で直した題" in (tmp_path / "docs" / "index.md").read_text(encoding="utf-8")
    clean_build_equals(tmp_path, cfg)
    zipped = tmp_path / "docs" / "downloads" / "honkoku-corpus.zip"
    if shutil.which("unzip"):
        assert subprocess.run(["unzip", "-tq", str(zipped)], capture_output=True).returncode == 0
    with zipfile.ZipFile(zipped) as zf:
        assert zf.testzip() is None and "手で直した題" in zf.read(f"honkoku-corpus/tei/{hand.name}").decode("utf-8")

    # mkdocs.yml changed: every page shell may change, so the build is clean
    cfg = config(tmp_path, "\n# changed\n")
    assert build(tmp_path, cfg).mkdocs == "clean"

    # a source removed: the set of pages changed, so the build is clean, and the same as a clean one
    edited.unlink()
    edited.with_suffix(".toml").unlink(missing_ok=True)
    assert not build_tei(tmp_path / "sources", tmp_path / "tei", jobs=1).problems
    gone = build(tmp_path, cfg)
    assert gone.mkdocs == "clean" and not (tmp_path / "site" / page).exists()
    clean_build_equals(tmp_path, cfg)


def write(site: Path, name: str, html: str) -> None:
    (site / name).parent.mkdir(parents=True, exist_ok=True)
    (site / name).write_text(f"<html><body>{html}</body></html>", encoding="utf-8")


def test_the_incremental_link_check_finds_links_into_removed_and_changed_pages(tmp_path):
    site = tmp_path / "site"
    write(site, "index.html", '<a href="a/">a</a> <a href="b/#x">b</a>')
    write(site, "a/index.html", '<a href="../b/#x">b</a> <a href="../c.css">c</a> <p id="y">')
    write(site, "b/index.html", '<p id="x">x</p> <a href="../a/#y">a</a>')
    (site / "c.css").write_text("", encoding="utf-8")

    first = check_links_incremental(site, "/", tmp_path)
    assert first.full and first.problems == [] and first.read == 3
    second = check_links_incremental(site, "/", tmp_path)
    assert not second.full and second.problems == [] and second.read == 0

    # b loses its anchor #x: the two unchanged pages linking to it are read again and reported
    write(site, "b/index.html", '<p id="z">x</p> <a href="../a/#y">a</a>')
    lost = check_links_incremental(site, "/", tmp_path)
    assert lost.problems == check_links(site) and len(lost.problems) == 2, lost.problems
    assert lost.read == 3
    write(site, "b/index.html", '<p id="x">x</p> <a href="../a/#y">a</a>')
    assert check_links_incremental(site, "/", tmp_path).problems == []      # full again (the last one failed)

    # a page removed and a file removed: the pages linking to them are reported without being changed
    (site / "c.css").unlink()
    shutil.rmtree(site / "b")
    removed = check_links_incremental(site, "/", tmp_path)
    assert removed.problems == check_links(site) and len(removed.problems) == 3, removed.problems
    assert removed.read == 2                          # index and a: the pages that link to what is gone

    # put back: after a failed check the next one is full and clean
    write(site, "b/index.html", '<p id="x">x</p> <a href="../a/#y">a</a>')
    (site / "c.css").write_text("", encoding="utf-8")
    assert check_links_incremental(site, "/", tmp_path).problems == []

    # a new page with a broken link is read (it was never checked)
    write(site, "d/index.html", '<a href="../nowhere/">n</a>')
    new = check_links_incremental(site, "/", tmp_path)
    assert new.problems == check_links(site) == ["d/index.html: broken link ../nowhere/ (no such file)"]
