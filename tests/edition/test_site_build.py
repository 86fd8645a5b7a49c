"""The built site (no browser): escaping, registers, citations, downloads, links, determinism, docs/ ownership."""
from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from lxml import html as lxml_html

from honkoku.errors import UserError

ROOT = Path(__file__).resolve().parents[2]
DOC_1986 = "documents/1986-09-18-inf-asia/index.html"


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_hostile_source_shows_as_text(built_site):
    site = built_site / "site"
    page = read(site, "documents/xss-source/index.html")
    tree = lxml_html.fromstring(page)
    text = tree.text_content()
    for shown in ("<script>alert(1)</script>", "&", "<p>", "{{ x }}", "{% if %}", "<img src=x onerror=alert(2)>",
                  "**太字**", "[リンク](javascript:alert(3))", "<!-- comment -->"):
        assert shown in text, shown
    scripts = " ".join(s.text_content() + (s.get("src") or "") for s in tree.iter("script"))
    assert "alert(" not in scripts
    assert not tree.xpath("//img[@onerror]") and not tree.xpath("//*[@href[starts-with(., 'javascript:')]]")
    assert "<strong>太字</strong>" not in page          # not parsed as Markdown
    # the hostile title (sidecar) is escaped in <title>, the heading and the meta tags
    assert "<script>alert('title')" not in page
    assert tree.xpath("//h1")[0].text_content().startswith("<script>alert('title')</script> & {{ title }}")
    assert any(m.get("content", "").startswith("<script>") for m in tree.xpath("//meta[@name='citation_title']"))


def test_document_page_has_views_anchors_and_legend(built_site):
    page = read(built_site / "site", DOC_1986)
    assert 'name="hk-view" value="diplomatic"' in page and 'class="hk-legend"' in page
    assert 'id="p-L34"' in page and 'id="p10"' in page and 'id="d3"' in page
    assert 'aria-label="墨塗り: 非開示 (範囲不明)"' in page


def test_citation_block_and_meta_tags(built_site):
    tree = lxml_html.fromstring(read(built_site / "site", DOC_1986))
    metas = {m.get("name"): m.get("content") for m in tree.xpath("//meta[@name]")}
    assert metas["citation_title"].startswith("アジアINF問題")
    assert metas["citation_date"] == "1986/09/18" and metas["DC.date"] == "1986-09-18"
    assert metas["citation_xml_url"].endswith("downloads/tei/1986-09-18-inf-asia.xml")
    csl = json.loads(tree.xpath("//section[@id='d3']//pre[contains(@class,'hk-cite-csl')]")[0].text_content())
    assert csl[0]["title"].startswith("電信") and csl[0]["issued"] == {"date-parts": [[1986, 10, 3]]}
    assert csl[0]["URL"].endswith("documents/1986-09-18-inf-asia/#d3")
    bib = tree.xpath("//section[@id='d3']//pre[contains(@class,'hk-cite-bibtex')]")[0].text_content()
    assert bib.startswith("@misc{1986-09-18-inf-asia-d3,") and "date = {1986-10-03}" in bib


def test_bibtex_escapes_specials():
    from honkoku.site.cite import bibtex_escape
    assert bibtex_escape("50% & {x} #1 a_b") == r"50\% \& \{x\} \#1 a\_b"


def test_register_entry_links_every_mention_back(built_site):
    site = built_site / "site"
    entry = read(site, "registers/per-fixture-yamada/index.html")
    assert "山田太郎" in entry
    hrefs = re.findall(r'href="([^"]*documents/fixture-dialogue/[^"]*)"', entry)
    assert {h.split("#")[1] for h in hrefs} == {"sp-L5", "p-L7"}
    doc = read(site, "documents/fixture-dialogue/index.html")
    assert 'href="../../registers/per-fixture-yamada/"' in doc
    listing = read(site, "registers/index.html")
    assert "registers/per-fixture-yamada/" in listing.replace("../", "") or 'href="per-fixture-yamada/"' in listing
    glossary = read(site, "glossary/index.html")
    assert "短距離核戦力" in glossary


def test_chronology_lists_every_dated_item(built_site):
    chrono = read(built_site / "site", "chronology/index.html")
    for when in ("1986-09-18", "1986-10-03", "1986-10-16", "1987-03-02", "2023-05-17"):
        assert f'datetime="{when}"' in chrono
    assert chrono.index("1986-09-18") < chrono.index("1987-03-02") < chrono.index("2023-05-17")


def test_lists_are_paginated_with_fixed_size(built_site, monkeypatch):
    from honkoku.site import pages
    from honkoku.site.corpus import load_corpus
    corpus = load_corpus(built_site / "tei")
    monkeypatch.setattr(pages, "LIST_SIZE", 2)
    built = pages.SiteBuilder(corpus).list_pages()
    date_pages = [p for p in built if p.path == "index.md" or p.path.startswith("list/date/")]
    documents = sum(1 for s in corpus.sources for d in s.divisions if d.type != "cover")
    assert len(date_pages) == -(-documents // 2)
    assert all(str(p.body).count('<tr><td data-value=') <= 2 for p in built)


def test_about_page_reports_tag_usage_and_rules(built_site):
    about = read(built_site / "site", "about/index.html")
    assert "&lt;gap&gt;" in about and "redaction" in about and "編者の訂正" in about


def test_downloads_and_deterministic_zip(built_site, tmp_path):
    site = built_site / "site"
    assert (site / "downloads/tei/1986-09-18-inf-asia.xml").read_bytes() == (ROOT / "tei/1986-09-18-inf-asia.xml").read_bytes()
    assert (site / "downloads/sources/1986-09-18-inf-asia.txt").is_file()
    with zipfile.ZipFile(site / "downloads/honkoku-corpus.zip") as zf:
        names = zf.namelist()
        assert names == sorted(names) and "honkoku-corpus/tei/fixture-dialogue.xml" in names
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    from honkoku.site.downloads import corpus_files, corpus_zip
    files = corpus_files(built_site / "tei", built_site / "sources")
    assert corpus_zip(files) == (site / "downloads/honkoku-corpus.zip").read_bytes()


def test_no_resource_from_another_host(built_site):
    from honkoku.site.build import check_links
    assert check_links(built_site / "site") == []
    for path in (built_site / "site").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, path


def test_broken_link_fails_naming_the_page(built_site, tmp_path):
    from honkoku.site.build import check_links
    site = tmp_path / "site"
    shutil.copytree(built_site / "site", site, ignore=shutil.ignore_patterns("pagefind"))
    page = site / "about/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</article>", '<a href="../documents/nowhere/">x</a><a href="../documents/1986-09-18-inf-asia/#p999">y</a>'
                      '<script src="https://cdn.example.org/x.js"></script></article>', 1), encoding="utf-8")
    problems = check_links(site)
    assert any(p.startswith("about/index.html: broken link ../documents/nowhere/") for p in problems)
    assert any("no #p999 on that page" in p for p in problems)
    assert any("loads https://cdn.example.org/x.js from another host" in p for p in problems)


def test_links_resolve_like_a_browser(tmp_path):
    """Relative, root-relative (under site_url's path), folder and anchor links; ".." out of the site."""
    from honkoku.site.links import check_links
    site = tmp_path / "site"
    (site / "a" / "b").mkdir(parents=True)
    (site / "index.html").write_text('<h1 id="top">x</h1><a href="a/b/">ok</a><a href="a/b/#here">ok</a>',
                                     encoding="utf-8")
    (site / "a" / "b" / "index.html").write_text(
        '<p id="here"></p><a href="../../">ok</a><a href="../../index.html#top">ok</a><a href="/ed/a/b/">ok</a>'
        '<a href="#here">ok</a><a href="../../../x/">out</a><a href="/elsewhere/">out</a>'
        '<a href="../../#missing">bad</a><a href="../c/">bad</a>', encoding="utf-8")
    assert check_links(site, "/ed/") == [
        "a/b/index.html: link ../../../x/ leaves the site",
        "a/b/index.html: link /elsewhere/ leaves the site",
        "a/b/index.html: broken link ../../#missing (no #missing on that page)",
        "a/b/index.html: broken link ../c/ (no such file)"]


def test_strict_build_fails_on_a_broken_markdown_link(built_site, tmp_path):
    """An editor page (docs/editors/, kept by the site build) with a broken link stops the build, naming it."""
    from honkoku.site.build import build_site
    docs = tmp_path / "docs"
    (docs / "editors").mkdir(parents=True)
    (docs / "editors" / "index.md").write_text("# 編集\n\n[作業リスト](worklist.md)\n", encoding="utf-8")
    with pytest.raises(UserError) as err:
        build_site(built_site / "tei", None, docs, tmp_path / "site", ROOT / "mkdocs.yml", search=False)
    assert "editors/index.md" in str(err.value.problems[0]) and "worklist.md" in str(err.value.problems[0])


def test_docs_are_owned_except_editors(built_site, tmp_path):
    from honkoku.site.build import build_site
    docs = tmp_path / "docs"
    (docs / "editors").mkdir(parents=True)
    (docs / "editors" / "index.md").write_text("# 編集者の作業台\n", encoding="utf-8")
    (docs / "editors" / "worklist.md").write_text("# 作業リスト\n", encoding="utf-8")
    (docs / "documents").mkdir()
    (docs / "documents" / "deleted-source.md").write_text("stale", encoding="utf-8")
    build_site(built_site / "tei", None, docs, tmp_path / "site", ROOT / "mkdocs.yml", search=False)
    assert not (docs / "documents" / "deleted-source.md").exists()
    assert (docs / "editors" / "worklist.md").read_text(encoding="utf-8") == "# 作業リスト\n"
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "編集者" in home and 'href="editors/worklist/"' in home


def test_build_is_byte_identical(built_site, tmp_path, search_bundle_pages):
    """Two builds of the same TEI give the same docs/ and site/ (Pagefind's index included: the TEI is
    copied, so this build has its own cache and runs Pagefind again)."""
    from honkoku.site.build import build_site
    sources = built_site / "sources"
    shutil.copytree(built_site / "tei", tmp_path / "tei")
    shutil.copytree(built_site / "docs" / "editors", tmp_path / "docs" / "editors")      # the workbench's, kept
    build_site(tmp_path / "tei", sources, tmp_path / "docs", tmp_path / "site", ROOT / "mkdocs.yml", search=True,
               search_bundle_pages=search_bundle_pages)
    for name in ("docs", "site"):
        a, b = built_site / name, tmp_path / name
        files_a = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
        files_b = sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
        assert files_a == files_b, name
        different = [f for f in files_a if (a / f).read_bytes() != (b / f).read_bytes()]
        assert not different, f"{name}: {different[:10]}"


def _indexed_pages(site: Path) -> list[str]:
    from honkoku.site.search_index import MARK
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if not p.relative_to(site).parts[0].startswith("pagefind") and MARK in p.read_bytes())


def test_search_index_is_in_bundles(built_site, search_bundle_pages):
    """The session's site is indexed in three bundles (at most 60 pages each); the first lists the others
    for the search page, every indexed page is in exactly one, and the documents lie in the second and
    third only, so the browser's document searches (test_site_browser) find them in merged bundles."""
    from honkoku.site.search_index import split
    site = built_site / "site"
    assert json.loads((site / "pagefind" / "hk-bundles.json").read_text()) == ["../pagefind-2/", "../pagefind-3/"]
    pages = _indexed_pages(site)
    counts = [sum(lang["page_count"] for lang in json.loads((site / name / "pagefind-entry.json").read_text())
                  ["languages"].values()) for name in ("pagefind", "pagefind-2", "pagefind-3")]
    bundles = split(pages, search_bundle_pages)
    assert counts == [len(b) for b in bundles] and sum(counts) == len(pages) > 120
    in_bundle = {page: i for i, bundle in enumerate(bundles) for page in bundle}
    documents = {in_bundle[p] for p in pages if p.startswith("documents/")}
    assert documents == {1, 2}
    assert not (site / "pagefind-4").exists()


def test_unchanged_bundles_are_not_indexed_again(built_site, tmp_path, search_bundle_pages):
    """A bundle whose pages did not change comes from the cache; editing one page re-indexes its bundle only."""
    from honkoku.site.search_index import index_site
    site = tmp_path / "site"
    shutil.copytree(built_site / "site", site, ignore=shutil.ignore_patterns("pagefind*"))
    first = index_site(site, tmp_path, search_bundle_pages)
    assert (first.bundles, first.indexed) == (3, 3)
    before = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.glob("pagefind*/**/*") if p.is_file()}
    again = index_site(site, tmp_path, search_bundle_pages)
    assert (again.bundles, again.indexed) == (3, 0)
    after = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.glob("pagefind*/**/*") if p.is_file()}
    assert after == before
    page = site / "documents" / "2023-05-17-lavrov-tsargrad" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", "<p>追記された一文</p></article>", 1),
                    encoding="utf-8")
    edited = index_site(site, tmp_path, search_bundle_pages)
    assert (edited.bundles, edited.indexed) == (3, 1)
    assert len(list((tmp_path / ".honkoku-cache" / "search").iterdir())) == 3     # the replaced bundle is gone


def test_generated_pages_reach_the_site_unchanged(built_site):
    """MkDocs gets a marker instead of a generated page's body (mkdocs_hooks: no Markdown to convert, no
    page held in memory) and the body is put back when the page is written: exactly, once, and the theme
    adds no second title to pages that have their own <h1>."""
    from mkdocs.utils.meta import get_data
    docs, site = built_site / "docs", built_site / "site"
    generated = [p for p in sorted(docs.rglob("*.md")) if "hk_kind" in get_data(p.read_text(encoding="utf-8"))[1]]
    assert len(generated) > 150
    for md in generated:
        body = get_data(md.read_text(encoding="utf-8"))[0].strip("\n")
        rel = md.relative_to(docs).with_suffix("")
        out = site / (rel.parent if rel.name == "index" else rel) / "index.html"
        html = out.read_text(encoding="utf-8")
        assert html.count(body) == 1 and "honkoku: page body" not in html, md
        assert html.count("<h1") == max(1, body.count("<h1")), md


WORKLIST = "editors/worklist/index.html"


def test_worklist_reaches_the_site_with_its_tables_and_links_that_resolve(built_site):
    """The editors' worklist (workbench/worklist.py, written into docs/editors/ as ``honkoku build`` does) is
    finished HTML: plain tables with their heads (Material styles ``table:not([class])``), a table of contents
    made from its section headings, links to the paragraphs of the reading edition that land on a page and an id, the
    hostile source's title as text, and the menu lists it second in the editors' section."""
    from mkdocs.utils.meta import get_data
    body, meta = get_data((built_site / "docs" / "editors" / "worklist.md").read_text(encoding="utf-8"))
    assert meta["hk_kind"] == "worklist" and body.startswith("<h1>") and "|---" not in body
    site = built_site / "site"
    html = read(site, WORKLIST)
    tree = lxml_html.fromstring(html)
    content = tree.xpath("//article[contains(@class, 'md-typeset')]")[0]
    tables = content.xpath(".//table[not(@class)]")
    assert len(tables) >= 4 and all(t.xpath("./thead/tr/th") and t.xpath("./tbody/tr/td") for t in tables)
    findings = [tr for tr in content.xpath(".//tbody/tr") if tr[0].text_content() in ("error", "warning", "info")]
    assert len(findings) >= 10
    checked = 0
    for href in content.xpath(".//a/@href"):
        parts = urlsplit(urljoin("http://site/editors/worklist/", href))
        target = parts.path.lstrip("/") + ("index.html" if parts.path.endswith("/") else "")
        assert (site / target).is_file(), href
        if parts.fragment:
            assert f'id="{parts.fragment}"' in read(site, target), href
        checked += target.startswith("documents/") and bool(parts.fragment)
    assert checked >= len([tr for tr in findings if tr.xpath(".//a")]) > 5
    assert '<a href="../../documents/1986-09-18-inf-asia/#p-L125">line 125</a>' in html
    # the theme's table of contents: the sections, as when the page was Markdown (not the sources' headings);
    # Material writes it twice (the sidebar, and the menu for narrow screens)
    toc = tree.xpath("//nav[contains(@class, 'md-nav--secondary')]//a/@href")
    assert list(dict.fromkeys(toc)) == ["#the-edition-in-numbers", "#redactions", "#what-to-look-at"]
    assert content.xpath(".//h3[@id='source-1986-09-18-inf-asia']")
    hostile = content.xpath(".//h3[@id='source-xss-source']")[0].text_content()
    assert "<script>alert('title')</script>" in hostile and "<script>alert" not in html
    menu = lxml_html.fromstring(read(site, "index.html")).xpath("//nav[contains(@class, 'md-nav--primary')]//a/@href")
    editors = [h for h in menu if h.startswith("editors/")]
    assert editors[:2] == ["editors/", "editors/worklist/"] and len(editors) >= 4


def test_worklist_reaches_mkdocs_as_a_marker_and_a_broken_anchor_in_it_fails_the_build(built_site, tmp_path,
                                                                                         monkeypatch):
    """Python-Markdown never converts the worklist (its tables cost MkDocs more than every other page), and
    MkDocs does not check its links, which are raw HTML: the site's link check does, and a finding linked to
    an id the document page does not have stops the build, naming the worklist page and the anchor."""
    import markdown
    from honkoku.site.build import build_site
    from honkoku.workbench.check import check_sources
    from honkoku.workbench.findings import Finding
    from honkoku.workbench.pages import write_reference_pages
    from honkoku.workbench.worklist import write_worklist
    docs = tmp_path / "docs"
    write_reference_pages(docs)                                # the sidecar reference the worklist links to
    reports = check_sources(built_site / "sources", quiet=True, jobs=1)
    first = reports[0]
    first.findings.append(Finding(first.path, 1, 1, "info", "date", "an id the page lacks", offset=0,
                                  anchor="p-nowhere", source_id=first.id))
    write_worklist(reports, docs / "editors" / "worklist.md")
    converted: list[str] = []
    convert = markdown.Markdown.convert
    monkeypatch.setattr(markdown.Markdown, "convert", lambda self, text: converted.append(text) or convert(self, text))
    with pytest.raises(UserError) as err:
        build_site(built_site / "tei", None, docs, tmp_path / "site", ROOT / "mkdocs.yml", search=False)
    problems = [str(p) for p in err.value.problems]
    assert len(problems) == 1 and WORKLIST in problems[0], problems
    assert f"../../documents/{first.id}/#p-nowhere (no #p-nowhere on that page)" in problems[0]
    assert len(converted) > 100                                # every page went through MkDocs, as markers
    assert not [t for t in converted if "<table>" in t or 'id="source-' in t or "| warning |" in t]


def test_a_change_to_the_worklist_text_leaves_the_next_mkdocs_build_dirty(built_site, tmp_path):
    """The editors' pages are in the menu under their front matter's title, so a change to the worklist's text
    (its totals change with nearly every edit) leaves the next MkDocs build dirty (site/mkdocs_dirty.py: only
    the changed pages and the menu's are made again); a change to its title, which every page's menu shows,
    makes it clean."""
    from honkoku.site.build import build_site
    shutil.copytree(built_site / "tei", tmp_path / "tei")                 # a cache of its own
    shutil.copytree(built_site / "docs" / "editors", tmp_path / "docs" / "editors")

    def build() -> str:
        return build_site(tmp_path / "tei", None, tmp_path / "docs", tmp_path / "site", ROOT / "mkdocs.yml",
                          search=False).mkdocs
    assert build() == "clean"
    worklist = tmp_path / "docs" / "editors" / "worklist.md"
    text = worklist.read_text(encoding="utf-8")
    worklist.write_text(text.replace(" source(s): ", " sources in all: ", 1), encoding="utf-8")
    assert build() == "dirty"
    assert " sources in all: " in read(tmp_path / "site", WORKLIST)
    worklist.write_text(text.replace("title: Worklist\n", "title: To do\n", 1), encoding="utf-8")
    assert build() == "clean"
    menu = lxml_html.fromstring(read(tmp_path / "site", "about/index.html"))
    assert [a.text_content().strip() for a in menu.xpath("//a[@href='../editors/worklist/']")][:1] == ["To do"]


def test_search_indexes_the_text_not_the_page_furniture(built_site):
    """Pagefind indexes what ``data-pagefind-body`` holds minus ``data-pagefind-ignore``: the title, the
    metadata and the text, not the citation formats, the legend, the view switch, the download links
    or the permalink signs (else every excerpt shows ¶ and a search for "honkoku" finds every page)."""
    tree = lxml_html.fromstring(read(built_site / "site", DOC_1986))
    body = tree.xpath("//*[@data-pagefind-body]")[0]
    for el in body.xpath(".//*[@data-pagefind-ignore]"):
        el.drop_tree()
    text = body.text_content()
    for furniture in ("@misc{", "CSL-JSON", "凡例", "段落を引用するときは", "¶", "原文版 (翻刻)", "全資料 (zip)",
                      "資料ファイル", "収録文書"):
        assert furniture not in text, furniture
    for kept in ("アジアINF問題に関する決裁書と資料", "1986-09-18", "INF", "レイキャビク"):
        assert kept in text, kept
