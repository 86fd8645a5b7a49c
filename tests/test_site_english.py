"""An English edition: ``theme: {language: en}`` in mkdocs.yml gives the reader's site an English interface.

The site is built as another edition would build it (this repository's sources and registers in a
temporary folder, a mkdocs.yml with its name and language only, ``python -m honkoku build``). The sources
are Japanese, so the pages hold Japanese text; the interface around it (menu, header, headings, metadata
panels, legend, view switch, labels for screen readers) must hold none.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import regex
from lxml import html as lxml_html

from honkoku.site import build as site_build
from honkoku.site.messages import MESSAGES
from honkoku.site.mkdocs_config import configured_language

ROOT = Path(__file__).resolve().parent.parent
CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
DOC = "1986-09-18-inf-asia"
MENU = ["Home", "People, places and organisations", "Glossary", "Chronology", "Search", "Downloads",
        "About this edition"]


@pytest.fixture(scope="module")
def english_site(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("english")
    shutil.copytree(ROOT / "sources", work / "sources")
    shutil.copytree(ROOT / "registers", work / "registers")
    (work / "mkdocs.yml").write_text("site_name: x\ntheme:\n  language: en\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))      # this tree's honkoku, not an installed one
    result = subprocess.run([sys.executable, "-m", "honkoku", "build", "-q"], cwd=work, capture_output=True,
                            text=True, timeout=600, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "site"


SIMPLE = regex.compile(r"^([a-z0-9]*)((?:[.#][\w-]+)*)((?:\[[\w-]+=\"[^\"]*\"\])*)$")


def xpath_of(selector: str) -> str:
    """The few CSS selectors these tests use, as XPath (lxml's cssselect needs a package not installed):
    tag, .class, #id, [attr="value"], descendant and ``>`` child."""
    out, axis = ".", "//"
    for step in regex.findall(r"(?:[^\s\[]|\[[^\]]*\])+", selector):
        if step == ">":
            axis = "/"
            continue
        tag, marks, attrs = SIMPLE.match(step).groups()
        tests = [f"contains(concat(' ', normalize-space(@class), ' '), ' {m[1:]} ')" if m[0] == "." else
                 f"@id='{m[1:]}'" for m in regex.findall(r"[.#][\w-]+", marks)]
        tests += [f"@{a}='{v}'" for a, v in regex.findall(r'\[([\w-]+)="([^"]*)"\]', attrs)]
        out += axis + (tag or "*") + "".join(f"[{t}]" for t in tests)
        axis = "//"
    return out


def css(el, selector: str) -> list:
    return el.xpath(xpath_of(selector))


def page(site: Path, path: str):
    return lxml_html.fromstring((site / path / "index.html").read_bytes())


def text(el) -> str:
    return " ".join(" ".join(el.itertext()).split())


def japanese_ui_strings(chrome: str) -> list[str]:
    """The catalogue's Japanese texts (their parts between placeholders) found in ``chrome``: a text of
    two letters or more (one letter, 印 or 注, is in every Japanese sentence)."""
    found = []
    for ja, _en in MESSAGES.values():
        for part in regex.split(r"\{[^}]*\}", ja):
            part = part.strip()
            if len(part) >= 2 and CJK.search(part) and part in chrome:
                found.append(part)
    return found


def test_a_document_page_has_an_english_interface(english_site):
    doc = page(english_site, f"documents/{DOC}")
    assert doc.get("lang") == "en"
    title = text(css(doc, "article.hk-source h1")[0])
    nav = css(doc, "nav.md-nav--primary")[0]
    assert [text(a) for a in css(nav, "a.md-nav__link")][:len(MENU)] == MENU
    kicker = css(doc, "article.hk-source .hk-kicker")[0]
    assert text(kicker) == "Source file"
    source_labels = [text(dt) for dt in css(doc, ".hk-source-panel dl.hk-meta dt")]
    assert source_labels[:2] == ["Held by", "Date"] and "Source ID" in source_labels and "Download" in source_labels
    panel_labels = {text(dt) for dt in css(doc, ".hk-division-head dl.hk-meta dt")}
    assert {"Date", "Type", "From", "To", "Classification", "Reference", "Pages", "Summary"} <= panel_labels
    assert text(css(doc, "nav.hk-doc-toc h2")[0]) == "Contents"
    assert {text(s) for s in css(doc, "details.hk-cite > summary")} == {"Cite this document"}
    assert "Permanent URL:" in text(css(doc, "details.hk-cite")[0])
    switch = css(doc, ".hk-view-switch")[0]
    assert text(switch) == "View Reading text Diplomatic transcription"
    assert css(doc, '.hk-redaction[aria-label="Redacted: withheld (extent unknown)"]')
    assert css(doc, 'a.tei-pb[aria-label="Page 1"]') and css(doc, 'a.tei-pb[aria-label="Page 4"]')
    assert css(doc, '.hk-stamps[aria-label="Stamps"]')
    assert css(doc, '.hk-toc-meta')[0].text.startswith("Approval form · 1986-09-18")
    cite = text(css(doc, ".hk-division-head .hk-cite-text")[0])
    assert "(Approval form)" in cite and "honkoku edition" in cite and "「" not in cite
    assert "langid = {japanese}" in text(css(doc, ".hk-cite-bibtex")[0])     # the source's language

    # the chrome: everything on the page but the document's own text and what comes from its TEI
    header = text(css(doc, "header.md-header")[0]).replace(title, "")
    chrome = {
        "menu": text(nav),
        "header": header,
        "skip link and search box": text(css(doc, "a.md-skip")[0]) + " "
        + " ".join(css(doc, "form.hk-searchbar")[0].xpath(".//text() | .//@placeholder")),
        "panel labels": " ".join(text(dt) for dt in css(doc, "dl.hk-meta dt")),
        "legend": text(css(doc, "details.hk-legend")[0]),
        "view switch": text(switch) + " ".join(switch.xpath(".//@title")),
        "summaries": " ".join(text(s) for s in css(doc, "summary")),
        "citation help": text(css(doc, ".hk-cite-hint")[0]),
        "document types": " ".join(text(m) for m in css(doc, ".hk-toc-meta")),
        "screen reader labels": " ".join(v for v in doc.xpath("//@aria-label") if v != "x"),   # x: the site's name
        "page markers": " ".join(doc.xpath("//a[contains(@class, 'tei-pb')]/@title")),
    }
    for part, chars in chrome.items():
        assert chars.strip(), part
        assert not CJK.search(chars), (part, chars)
        assert not japanese_ui_strings(chars), part
    # hover texts made from the TEI begin with their English label
    corrected = doc.xpath("//*[contains(@class, 'tei-choice')]/@title")
    assert corrected and all(not CJK.match(t) for t in corrected)
    assert any(t.startswith("Corrected: ") for t in corrected)
    hands = doc.xpath("//*[@data-hand]/@title")
    assert hands and all("Hand h-" in t for t in hands)


def test_the_browse_pages_are_in_english(english_site):
    home = page(english_site, "")
    assert text(css(home, "h2#hk-listing-title")[0]).startswith("Documents (5, by date)")
    assert [text(th) for th in css(home, "table.hk-doc-table th")] == ["Date", "Type", "Title", "Classification",
                                                                            "Source"]
    assert text(css(home, ".hk-sort")[0]) == "Sort: by date · by type · by source"
    lead = text(css(home, ".hk-lead")[0])
    assert "2 source files, 5 documents" in lead and not CJK.search(lead)
    assert [text(a) for a in css(home, ".hk-home-links a")][0] == "Index of people, places and organisations"
    people = page(english_site, "registers")
    assert text(css(people, "h1")[0]) == "Index of people"
    assert text(css(people, ".hk-sort")[0]).startswith("People (")
    entity = page(english_site, "registers/per-akhromeyev")
    assert text(css(entity, ".hk-kicker")[0]) == "Person · All people"
    assert [text(dt) for dt in css(entity, "dl.hk-meta dt")] == ["Forms of the name", "Description", "ID",
                                                                      "Mentions"]
    assert text(css(entity, "h2#hk-mentions-title")[0]) == "Mentions"
    about = page(english_site, "about")
    headings = [text(h) for h in css(about, "h2")]
    assert headings[:2] == ["How this edition is made", "Legend"] and "Software and licences" in headings
    assert not CJK.search(" ".join(headings) + " ".join(text(th) for th in css(about, "th")))
    assert text(css(page(english_site, "chronology"), "h1")[0]) == "Chronology"
    search = page(english_site, "search")
    assert text(css(search, "h1")[0]) == "Full-text search"
    script = (english_site / "assets" / "hk-search.js").read_text(encoding="utf-8")
    assert 'placeholder: "Search the texts and the index"' in script and "検索語" not in script
    for path in ("", "registers", "registers/per-akhromeyev", "about", "chronology", "search", "downloads"):
        nav = css(page(english_site, path), "nav.md-nav--primary")[0]
        assert not japanese_ui_strings(text(nav)), path
    stylesheet = (english_site / "assets" / "edition.css").read_text(encoding="utf-8")
    assert 'html:not([lang|="ja"]) .tei-fw.hk-type-header::before { content: "[Running head] "; }' in stylesheet


def test_switching_the_language_renders_every_page_again(tmp_path):
    """The language is in every page's key: pages written in Japanese are not kept for an English site."""
    shutil.copytree(ROOT / "tei", tmp_path / "tei")
    docs = tmp_path / "docs"
    site_build.generate_docs(tmp_path / "tei", None, docs, cache_root=tmp_path)
    doc = docs / "documents" / f"{DOC}.md"
    assert "この資料を引用する" in doc.read_text(encoding="utf-8")
    again = site_build.generate_docs(tmp_path / "tei", None, docs, cache_root=tmp_path)
    assert again.skipped and again.skipped_other                      # unchanged: kept
    english = site_build.generate_docs(tmp_path / "tei", None, docs, cache_root=tmp_path, language="en-GB")
    assert english.skipped == 0 and english.skipped_other == 0
    body = doc.read_text(encoding="utf-8")
    assert "Cite this document" in body and "この資料を引用する" not in body
    assert "Home" in (docs / "index.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("yaml, expected", [
    ("site_name: x\ntheme:\n  language: en\n", "en"),
    ("site_name: x\ntheme:\n  name: material\n  language: en-GB\n", "en-GB"),
    ("site_name: x\ntheme: material\n", "ja"),
    ("site_name: x\n", "ja"),
    ("site_name: 'unterminated\n", "ja"),
    (None, "ja"),
])
def test_the_language_as_mkdocs_yml_sets_it(tmp_path, yaml, expected):
    config = tmp_path / "mkdocs.yml"
    if yaml is not None:
        config.write_text(yaml, encoding="utf-8")
    assert configured_language(config) == expected


def test_pages_written_without_mkdocs_are_in_the_configured_language(tmp_path):
    """``honkoku site --no-mkdocs`` (then ``mkdocs build`` by hand) writes docs/ in the language MkDocs will use."""
    shutil.copytree(ROOT / "tei", tmp_path / "tei")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\ntheme:\n  language: en\n", encoding="utf-8")
    site_build.build_site(tmp_path / "tei", None, tmp_path / "docs", tmp_path / "site", config, mkdocs=False)
    assert "Cite this document" in (tmp_path / "docs" / "documents" / f"{DOC}.md").read_text(encoding="utf-8")


def test_the_workbench_writes_pages_in_the_configured_language(tmp_path):
    """``honkoku serve`` rewrites the edited pages in docs/: in the edition's language, as the build wrote them."""
    from honkoku.workbench.serve import rebuild_site_pages
    shutil.copytree(ROOT / "tei", tmp_path / "tei")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ntheme:\n  language: en\n", encoding="utf-8")
    assert rebuild_site_pages(tmp_path, tmp_path / "tei", tmp_path / "docs", set(), say=lambda m: None)
    assert "Cite this document" in (tmp_path / "docs" / "documents" / f"{DOC}.md").read_text(encoding="utf-8")
