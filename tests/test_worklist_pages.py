"""The worklist stays usable at any size: bounded pages, linked from a small index (issue 4).

Written for 20 and for 200 generated sources (the 20 are the first 20 of the
200: bench/corpus.py is deterministic per document), the largest page must
not grow, the index only by a line per run of sources; every link between the
worklist's pages must land on a file and an anchor that exist, resolved as
the site resolves them (directory URLs: ``worklist/3.md`` is ``worklist/3/``).
Not timed. (The index grows by one line per run of 25 sources: about 50 KB at 10,000.)
"""
from __future__ import annotations

import posixpath
import re
import sys
from pathlib import Path

import markdown
import pytest

from honkoku.build import build_tei
from honkoku.workbench import worklist
from honkoku.workbench.check import CachedReports, SourceReport
from honkoku.workbench.findings import Finding
from honkoku.workbench.worklist import PAGE_FINDINGS, PAGE_SOURCES, paginate, write_worklist

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.corpus import generate  # noqa: E402

HREF = re.compile(r'<a href="([^"#]*)(?:#([^"]+))?"')
MAX_PAGE = 130_000              # bytes per worklist page (its HTML body; about 150 KB once built)


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    root = tmp_path_factory.mktemp("edition")
    generate(root / "sources", 200, seed=11)
    report = build_tei(root / "sources", root / "tei", jobs=2, check=True)
    assert not report.problems and len(report.checks) == 200
    return CachedReports(report.checks.values())


def pages_of(index: Path) -> dict[str, str]:
    """Every page of the worklist at ``index``, by path relative to its folder's parent."""
    found = {index.name: index.read_text(encoding="utf-8")}
    folder = index.with_suffix("")
    for p in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        found[f"{folder.name}/{p.name}"] = p.read_text(encoding="utf-8")
    return found


def url_of(page: str) -> str:
    """A page's URL from its path in docs/ (site/pages.url_of: use_directory_urls)."""
    return page[:-len("index.md")] if page.endswith("index.md") else page[:-len(".md")] + "/"


def file_of(url: str, pages: dict[str, str]) -> str | None:
    """The page (path in docs/) at a URL, if there is one."""
    for page in (url.rstrip("/") + ".md", url + "index.md"):
        if page in pages:
            return page
    return None


def test_page_size_does_not_grow_with_the_number_of_sources(reports, tmp_path):
    write_worklist(reports[:20], tmp_path / "small" / "worklist.md")
    write_worklist(reports, tmp_path / "large" / "worklist.md")
    small, large = pages_of(tmp_path / "small" / "worklist.md"), pages_of(tmp_path / "large" / "worklist.md")
    assert len(large) > len(small) >= 2                      # the findings are on pages beside the index
    size = {name: len(text.encode("utf-8")) for name, text in large.items()}
    biggest = max(size.values())
    assert biggest <= MAX_PAGE, max(size, key=size.get)
    assert biggest <= max(len(t.encode("utf-8")) for t in small.values()) * 1.25 + 5_000
    # the index: a line per run of 25 sources more, nothing per source
    grown = size["worklist.md"] - len(small["worklist.md"].encode("utf-8"))
    assert grown < 150 * (200 - 20) // PAGE_SOURCES + 2_000, grown
    # every source once, under its anchor; every finding once
    anchors = [a for text in large.values() for a in re.findall(r'<h3 id="source-([^"]+)"', text)]
    assert sorted(anchors) == sorted(r.id for r in reports)
    rows = sum(text.count("<tr><td>warning</td>") + text.count("<tr><td>info</td>") + text.count("<tr><td>error</td>")
               for text in large.values())
    assert rows == sum(len(r.findings) for r in reports)


@pytest.mark.parametrize("name, per_list", [("worklist.md", 200), ("todo.md", 200),   # check --worklist FILE.md
                                            ("worklist.md", 3)])                    # lists of runs
def test_links_between_worklist_pages_land_on_pages_and_anchors(reports, tmp_path, monkeypatch, name, per_list):
    monkeypatch.setattr(worklist, "RUNS_PER_LIST", per_list)
    index = tmp_path / "editors" / name
    write_worklist(reports, index)
    pages = pages_of(index)
    in_docs = {f"editors/{page}": text for page, text in pages.items()}
    checked = 0
    for page, text in in_docs.items():
        for href, anchor in HREF.findall(text):
            url = posixpath.normpath(posixpath.join(url_of(page), href)) + "/" if href else url_of(page)
            if url.startswith("documents/") or url == "editors/sidecar/":
                continue                                     # the site's pages: its link check checks those
            target = file_of(url, in_docs)
            assert target, (page, href)
            if anchor:
                assert f'id="{anchor}"' in in_docs[target], (page, href, anchor)
            checked += 1
    assert checked > 2 * len(pages)                          # navigation links and source links were seen
    index_text = pages[name]
    folder = index.stem + "/"
    for page in pages:
        if page != name:                                     # a run's first page from the index, its parts from it
            first = page.split("-")[0] + (".md" if "-" in page else "")
            href = f'href="{page[len(folder):-3]}/"'
            assert href in index_text or f'href="../{page[len(folder):-3]}/"' in pages[first] or any(
                f'href="../{page[len(folder):-3]}/"' in text for p, text in pages.items() if "/list-" in p), page


def fake(source_id: str, n: int) -> SourceReport:
    findings = [Finding(f"sources/{source_id}.txt", i + 1, 1, "warning", "brackets", f"finding {i}", offset=i)
                for i in range(n)]
    return SourceReport(source_id, f"sources/{source_id}.txt", None, findings)


def test_a_source_with_more_findings_than_a_page_continues_on_the_next():
    run = [fake("a", 10), fake("b", PAGE_FINDINGS - 5), fake("c", 2 * PAGE_FINDINGS + 7), fake("d", 0)]
    pages = paginate(run, 4)
    assert [p.name for p in pages] == ["4", "4-2", "4-3", "4-4", "4-5"]
    assert [(s.report.id, s.start, s.end) for s in pages[0].segments] == [("a", 0, 10)]
    assert [(s.report.id, s.start, s.end) for s in pages[1].segments] == [("b", 0, PAGE_FINDINGS - 5)]
    assert [(s.report.id, s.end - s.start) for p in pages[2:] for s in p.segments] == \
        [("c", PAGE_FINDINGS), ("c", PAGE_FINDINGS), ("c", 7), ("d", 0)]
    assert all(sum(s.end - s.start for s in p.segments) <= PAGE_FINDINGS for p in pages)


def test_pages_of_a_larger_edition_are_removed_and_one_page_suffices_when_small(tmp_path):
    index = tmp_path / "worklist.md"
    many = [fake(f"s{i:03d}", 3) for i in range(3 * PAGE_SOURCES)]
    write_worklist(many, index)
    assert sorted(p.name for p in (tmp_path / "worklist").iterdir()) == ["1.md", "2.md", "3.md"]
    changed = write_worklist(many[:PAGE_SOURCES + 1], index)
    assert sorted(p.name for p in (tmp_path / "worklist").iterdir()) == ["1.md", "2.md"]
    assert tmp_path / "worklist" / "3.md" in changed
    write_worklist(many[:2], index)
    assert not (tmp_path / "worklist").exists()              # everything on worklist.md again
    assert 'id="source-s001"' in index.read_text(encoding="utf-8")


def test_a_change_in_one_source_rewrites_its_page_and_the_index_only(tmp_path):
    index = tmp_path / "worklist.md"
    many = [fake(f"s{i:03d}", 3) for i in range(3 * PAGE_SOURCES)]
    write_worklist(many, index)
    many[PAGE_SOURCES + 4] = fake(f"s{PAGE_SOURCES + 4:03d}", 5)
    changed = write_worklist(many, index)
    assert sorted(p.name for p in changed) == ["2.md", "worklist.md"]
    assert worklist.source_anchor("x") == "source-x"


def test_writing_only_what_changed_gives_the_pages_a_full_write_gives(tmp_path):
    many = [fake(f"s{i:03d}", 3) for i in range(4 * PAGE_SOURCES)]
    write_worklist(many, tmp_path / "inc" / "worklist.md")
    # a source of run 2 grows past a page: run 2 gets a second part, so pages 1 and 3 link elsewhere
    grown = f"s{PAGE_SOURCES + 4:03d}"
    many[PAGE_SOURCES + 4] = fake(grown, PAGE_FINDINGS + 1)
    changed = write_worklist(many, tmp_path / "inc" / "worklist.md", only={grown})
    write_worklist(many, tmp_path / "full" / "worklist.md")
    assert pages_of(tmp_path / "inc" / "worklist.md") == pages_of(tmp_path / "full" / "worklist.md")
    assert "4.md" not in {p.name for p in changed} and "2-2.md" in {p.name for p in changed}


def test_pages_show_hostile_titles_and_messages_as_text(tmp_path):
    many = [fake(f"s{i:03d}", 1) for i in range(PAGE_SOURCES + 1)]
    many[0].title = "<script>alert(1)</script>\n\n# not a heading"
    many[0].findings[0].message = "[x](javascript:alert(1)) | <img src=x onerror=alert(1)>"
    many[0].findings[0].hint = '" onmouseover="alert(1)'
    write_worklist(many, tmp_path / "worklist.md")
    html = (tmp_path / "worklist" / "1.md").read_text(encoding="utf-8")
    assert "&lt;script&gt;" in html and "&lt;img" in html and "&quot; onmouseover" in html   # there, as text
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert "# not a heading" in html and "<h1>not a heading" not in html
    # the HTML body, as MkDocs' hooks put it in the page: nothing a Markdown processor would change
    body = html.split("\n---\n", 1)[1]
    assert re.sub(r"\n+", "\n", markdown.markdown(body, extensions=["tables"])).strip() == \
        re.sub(r"\n+", "\n", body).strip()


def test_a_very_large_edition_lists_its_pages_on_lists_of_runs(tmp_path, monkeypatch):
    monkeypatch.setattr(worklist, "RUNS_PER_LIST", 2)
    index = tmp_path / "worklist.md"
    many = [fake(f"s{i:03d}", 3) for i in range(5 * PAGE_SOURCES)]           # 5 runs: lists of 2, 2 and 1
    write_worklist(many, index)
    pages = pages_of(index)
    assert {"worklist/list-1.md", "worklist/list-2.md", "worklist/list-3.md"} <= set(pages)
    assert 'href="list-3/"' in pages["worklist.md"] and 'href="3/"' not in pages["worklist.md"]
    assert 'href="../5/"' in pages["worklist/list-3.md"] and 'href="../"' in pages["worklist/list-3.md"]
    write_worklist(many[:PAGE_SOURCES * 2], index)                          # 2 runs: on the index again
    assert not (tmp_path / "worklist" / "list-1.md").exists()
    assert 'href="2/"' in index.read_text(encoding="utf-8")
