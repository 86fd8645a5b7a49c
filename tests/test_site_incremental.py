"""The site stage renders again only the document pages whose inputs changed (issue 4).

A generated corpus of 12 documents: docs/ is generated, then generated again
with nothing changed (no document page rendered, same files), then after one
TEI file changed (only its page rendered), then after a register name changed
(every page that may show it rendered). Each time docs/ must be byte-identical
to a forced build from scratch, so a skipped page can never be a stale one,
and the register and chronology pages must still see the skipped pages'
mentions and dates.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from buildcheck import file_tree
from honkoku.build import build_tei

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.corpus import generate  # noqa: E402

site_build = pytest.importorskip("honkoku.site.build", reason="the site renderer (issue 7) is not on this branch")
N = 12


def generate_both(root: Path):
    """(incremental report, docs/) and docs/ of a forced build into a fresh folder with a fresh cache."""
    report = site_build.generate_docs(root / "tei", root / "sources", root / "docs", cache_root=root)
    fresh = root / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    site_build.generate_docs(root / "tei", root / "sources", fresh / "docs", cache_root=fresh, force=True)
    assert file_tree(root / "docs") == file_tree(fresh / "docs")
    return report


def test_only_changed_document_pages_are_rendered(tmp_path):
    txts = generate(tmp_path / "sources", N, seed=5)
    assert not build_tei(tmp_path / "sources", tmp_path / "tei", jobs=1).problems
    first = generate_both(tmp_path)
    assert first.skipped == 0 and first.written > N
    pages_before = file_tree(tmp_path / "docs")

    again = generate_both(tmp_path)
    assert again.skipped == N and again.written == 0 and again.pages == first.pages
    assert file_tree(tmp_path / "docs") == pages_before

    edited = txts[3]
    edited.write_text(edited.read_text(encoding="utf-8").replace("\n\n", "\n\nAn added paragraph.\n\n", 1),
                      encoding="utf-8")
    assert not build_tei(tmp_path / "sources", tmp_path / "tei", jobs=1).problems
    after_edit = generate_both(tmp_path)
    assert after_edit.skipped == N - 1
    changed = {k for k, v in file_tree(tmp_path / "docs").items() if pages_before.get(k) != v}
    assert f"documents/{edited.stem}.md" in changed

    # an output edited by hand is not trusted: its page is rendered again
    page = tmp_path / "docs" / f"documents/{txts[0].stem}.md"
    page.write_text("edited by hand", encoding="utf-8")
    assert generate_both(tmp_path).skipped == N - 1


def test_a_changed_register_renders_every_document_page(tmp_path):
    """The real corpus: its registers are merged from every file, and any page may show any entry."""
    shutil.copytree(ROOT / "tei", tmp_path / "tei")
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    n = len([p for p in (tmp_path / "tei").glob("*.xml") if p.stem != "registers"])
    assert generate_both(tmp_path).skipped == 0
    assert generate_both(tmp_path).skipped == n
    registers = tmp_path / "tei" / "registers.xml"
    text = registers.read_text(encoding="utf-8")
    name_at = text.index("<persName", text.index("<person "))
    close = text.index(">", name_at) + 1
    registers.write_text(text[:close] + "Renamed " + text[close:], encoding="utf-8")
    assert generate_both(tmp_path).skipped == 0



def test_an_entitys_pages_are_built_again_only_when_a_document_naming_it_changes(tmp_path, monkeypatch):
    """An entity's pages are keyed by the pages of the documents that name it: after a hand edit of one
    TEI file's title, only the entities that file names have their pages' data built again, and docs/
    is still that of a forced build."""
    import re
    from honkoku.site import pages as pages_mod
    generate(tmp_path / "sources", N, seed=5)
    assert not build_tei(tmp_path / "sources", tmp_path / "tei", jobs=1).problems
    generate_both(tmp_path)
    built: set[str] = set()
    real_lazy = pages_mod.SiteBuilder.lazy

    def recording_lazy(self, path, *args, **ctx):
        if "e" in ctx:                                # an entity's page (entity.html.j2)
            built.add(ctx["e"].id)
        return real_lazy(self, path, *args, **ctx)
    monkeypatch.setattr(pages_mod.SiteBuilder, "lazy", recording_lazy)

    def incremental():
        built.clear()
        site_build.generate_docs(tmp_path / "tei", tmp_path / "sources", tmp_path / "docs", cache_root=tmp_path)
        return set(built)

    everyone = set(re.findall(r'xml:id="([^"]+)"', (tmp_path / "tei" / "registers.xml").read_text(encoding="utf-8")))
    assert incremental() == set()                     # nothing changed: no entity's data built
    hand = sorted((tmp_path / "tei").glob("g*.xml"))[2]
    text = hand.read_text(encoding="utf-8")
    named = set(re.findall(r'(?:ref|who)="#([^"]+)"', text.split("<text", 1)[1]))
    hand.write_text(text.replace('<title type="main">', '<title type="main">改題 ', 1), encoding="utf-8")
    rebuilt = incremental()
    assert rebuilt and rebuilt <= named and rebuilt < everyone    # some entities, not every one
    assert incremental() == set()                     # and kept again at the next build
    generate_both(tmp_path)                           # docs/ is that of a forced build


def test_stale_files_and_empty_folders_are_removed_but_not_the_editors_section(tmp_path):
    docs = tmp_path / "docs"
    for name in ("index.md", "documents/a.md", "documents/b.md", "registers/x/2.md", "registers/x.md",
                 "list/date/3.md", "editors/worklist.md", "editors/worklist/1.md", "editors/empty/.keep"):
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("x", encoding="utf-8")
    (docs / "editors" / "nothing").mkdir()
    removed = site_build._remove_stale(docs, {"index.md", "documents/a.md", "registers/x.md"})
    assert removed == 3
    left = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*"))
    assert left == ["documents", "documents/a.md", "editors", "editors/empty", "editors/empty/.keep",
                    "editors/nothing", "editors/worklist", "editors/worklist.md", "editors/worklist/1.md",
                    "index.md", "registers", "registers/x.md"]
