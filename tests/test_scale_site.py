"""Page size does not grow with the number of documents (issue 4: a site that scales).

The site is built (pages + MkDocs, no search index) for 20 and for 200
generated documents; the 20 are the first 20 of the 200 (bench/corpus.py is
deterministic per document), so each document's page can be compared with
itself: a menu of every document in every page would make it grow about
tenfold. No page may link to (nearly) all 200 documents: a browse page must be
paginated or split. And none may pass 150 KB, the editors' worklist pages
included (finished HTML: the site's link check, site/links.py, checks their
links and anchors). (A page of a paginated list grows until it is full, so
list pages are bounded, not compared.)
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from honkoku.build import build_tei
from honkoku.workbench.check import CachedReports
from honkoku.workbench.pages import write_editor_pages

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.corpus import generate  # noqa: E402

site_build = pytest.importorskip("honkoku.site.build", reason="the site renderer (issue 7) is not on this branch")
CONFIG = ROOT / "mkdocs.yml"
MAX_PAGE = 150_000          # bytes of HTML per page, whatever N (issue 4)


DOC_LINK = re.compile(r'href="[^"]*?(g\d{6}-[a-z]+)/?(?:index\.html)?["#]')


def build(tmp: Path, n: int) -> tuple[dict[str, int], dict[str, int], set[str]]:
    """(HTML bytes per page, documents linked per page, the document ids) of a site built for ``n``."""
    txts = generate(tmp / "sources", n, seed=11)
    report = build_tei(tmp / "sources", tmp / "tei", jobs=2, check=True)
    assert not report.problems
    # the editors' pages too, as `honkoku build` writes them: the worklist is on pages of bounded size
    write_editor_pages(tmp / "sources", tmp / "docs", CachedReports(report.checks.values()))
    site_build.build_site(tmp / "tei", tmp / "sources", tmp / "docs", tmp / "site", CONFIG, mkdocs=True,
                          search=False, quiet=True)
    sizes, links = {}, {}
    for p in (tmp / "site").rglob("*.html"):
        name = p.relative_to(tmp / "site").as_posix()
        html = p.read_text(encoding="utf-8")
        sizes[name] = len(html.encode("utf-8"))
        links[name] = len(set(DOC_LINK.findall(html)))
    return sizes, links, {t.stem for t in txts}


@pytest.mark.slow
def test_page_size_is_independent_of_corpus_size(tmp_path):
    if not CONFIG.is_file():
        pytest.skip("no mkdocs.yml in this checkout")
    small, _, ids = build(tmp_path / "n20", 20)
    large, links, _ = build(tmp_path / "n200", 200)
    assert len(large) > len(small)
    assert max(large.values()) <= MAX_PAGE, max(large, key=large.get)
    doc_pages = [page for page in set(small) & set(large) if any(i in page.split("/") for i in ids)]
    assert len(doc_pages) >= 20, sorted(small)[:30]                # every document has its page in both
    for page in doc_pages:
        # the same document's page, in a corpus ten times larger: never a menu of every document
        assert large[page] <= small[page] * 1.1 + 2_000, (page, small[page], large[page])
    busiest = max(links, key=links.get)
    assert links[busiest] < 180, f"{busiest} links to {links[busiest]} of 200 documents: paginate or split it"
    worklist = [page for page in large if page.startswith("editors/worklist/")]
    assert len(worklist) > len([page for page in small if page.startswith("editors/worklist/")]) > 1
    # the most named entity (Geneva: over a thousand mentions in 200 documents): its mentions are spread
    # over pages of bounded size (checked above), and together they list every mention once
    site = tmp_path / "n200" / "site"
    counts = {p.parent.name: int(m.group(1)) for p in site.glob("registers/*/index.html")
              if (m := re.search(r"<dt>出現</dt><dd>(\d+) 回", p.read_text(encoding="utf-8")))}
    top = max(counts, key=counts.get)
    pages = [site / "registers" / top / "index.html"] + sorted((site / "registers" / top).glob("*/index.html"))
    assert counts[top] > 1000 and len(pages) >= 4, (top, counts[top], len(pages))
    listed = sum(ol.count("<li>") for p in pages
                 for ol in re.findall(r'<ol class="hk-mention-list">(.*?)</ol>', p.read_text(encoding="utf-8"), re.S))
    assert listed == counts[top]
