"""The edition in a real browser (Debian's Chromium via Playwright), served from 127.0.0.1.

Every test runs with all requests to other hosts blocked and recorded (the
``page`` fixture fails the test if there were any) and fails if a page opens
a dialog. Screenshots go to test-artifacts/ (gitignored).
"""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

DOC_1986 = "documents/1986-09-18-inf-asia/"
DOC_LAVROV = "documents/2023-05-17-lavrov-tsargrad/"


def text_of(page, selector: str) -> str:
    return page.locator(selector).first.inner_text()


def test_view_switch_changes_a_corrected_passage_and_is_remembered(page, artifacts):
    page.goto(page.base + DOC_1986)
    assert "米ソ軍備管理交渉" in text_of(page, "#p-L24") and "米ノ" not in text_of(page, "#p-L24")
    page.locator("#p-L24").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "document-reading.png"))
    page.get_by_text("原文版 (翻刻)").click()
    assert "米ノ軍備管理交渉" in text_of(page, "#p-L24") and "了INP" in text_of(page, "#p-L24")
    assert "協 議 先" in text_of(page, "#p-L12")
    page.screenshot(path=str(artifacts / "document-diplomatic.png"))
    # remembered across pages
    page.goto(page.base + DOC_LAVROV)
    assert page.locator('input[name="hk-view"][value="diplomatic"]').is_checked()
    page.goto(page.base + DOC_1986 + "#p-L24")
    assert "米ノ" in text_of(page, "#p-L24")
    # the keyboard shortcut switches back
    page.locator("body").press("v")
    assert "米ソ" in text_of(page, "#p-L24")


def test_views_in_dark_scheme_screenshot(browser, server, artifacts):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(server) else r.abort())
    pg = context.new_page()
    pg.goto(server + DOC_1986 + "#p-L36")
    pg.wait_for_timeout(500)                     # let Material's header title transition finish
    pg.screenshot(path=str(artifacts / "document-reading-dark.png"))
    pg.evaluate("localStorage.setItem('hk-view', 'diplomatic')")
    pg.reload()
    pg.wait_for_timeout(500)
    assert pg.evaluate("document.documentElement.getAttribute('data-hk-view')") == "diplomatic"
    pg.screenshot(path=str(artifacts / "document-diplomatic-dark.png"))
    context.close()


def test_redaction_bar_is_visible_and_labelled(page):
    page.goto(page.base + DOC_1986)
    bar = page.locator('.hk-reading [role="img"][aria-label^="墨塗り"]').first
    bar.scroll_into_view_if_needed()
    assert bar.is_visible()
    box = bar.bounding_box()
    assert box["width"] >= 20 and box["height"] >= 8
    assert page.evaluate("el => getComputedStyle(el).backgroundColor", bar.element_handle()) == "rgb(0, 0, 0)"
    assert bar.get_attribute("aria-label") == "墨塗り: 非開示 (範囲不明)"


def test_page_marker_link_scrolls_to_its_page(page):
    page.goto(page.base + DOC_1986)
    assert page.evaluate("window.scrollY") == 0
    page.locator('section#d4 .hk-division-head a[href="#p8"]').click()
    page.wait_for_function("location.hash === '#p8'")
    marker = page.locator("#p8")
    box = marker.bounding_box()
    assert 0 <= box["y"] < 900 and page.evaluate("window.scrollY") > 500
    # a deep link to a page in the margin lands on it
    page.goto(page.base + DOC_1986 + "#p15")
    box = page.locator("#p15").bounding_box()
    assert 0 <= box["y"] < 900


def test_person_link_reaches_the_register_entry_which_links_back(page):
    page.goto(page.base + "documents/fixture-dialogue/")
    link = page.locator('a.hk-entity[data-entity="per-fixture-yamada"]').first
    assert "山田太郎" in link.get_attribute("title")
    link.click()
    page.wait_for_url("**/registers/per-fixture-yamada/")
    assert "山田太郎" in page.locator("h1").inner_text()
    back = page.locator('.hk-mentions a[href$="#p-L7"]')
    back.click()
    page.wait_for_url("**/documents/fixture-dialogue/#p-L7")
    assert page.evaluate("document.querySelector(':target').id") == "p-L7"


def search(page, query: str) -> list[str]:
    page.goto(page.base + "search/?q=" + query)
    # settled: results shown, or a final message (a count, or none found) — not "searching…"
    page.wait_for_function(
        """() => document.querySelector('.pagefind-ui__result-link') ||
                 /件|ありません|見つかり|No results/.test(document.querySelector('.pagefind-ui__message')?.textContent || '')""",
        timeout=20000)
    page.wait_for_timeout(300)
    return page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.getAttribute('href'))")


@pytest.mark.parametrize("query, expected", [
    ("極秘", DOC_1986),                           # 「極 秘」 (reg) and 極秘
    ("あった", DOC_1986),                         # the record writes あつた (説明があつた)
    ("きまった", "documents/fixture-dialogue/"),  # old full-size sokuon きまつた
    ("ラヴロフ", DOC_LAVROV),                     # the text has ラブロフ
    ("山田太郎", "documents/fixture-dialogue/"),  # a person: register names are indexed on the pages that mention him
    ("ジュネーブ", "documents/fixture-dialogue/"),  # the text has ジュネーヴ
])
def test_japanese_search(page, query, expected):
    hrefs = search(page, query)
    assert any(expected in h for h in hrefs), (query, hrefs)


def test_search_from_the_box_on_every_page(page):
    page.goto(page.base + "about/")
    page.locator("[data-hk-search-input]").fill("中平")
    page.locator("[data-hk-search-input]").press("Enter")
    page.wait_for_url("**/search/?q=*")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    hrefs = page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.getAttribute('href'))")
    assert any(DOC_1986 in h for h in hrefs)


def test_hostile_source_runs_nothing(page):
    page.goto(page.base + "documents/xss-source/")
    body = page.locator(".hk-reading").inner_text()
    assert "<script>alert(1)</script>" in body and "{{ x }}" in body
    assert page.evaluate("document.querySelectorAll('.hk-reading script, .hk-reading img').length") == 0


def test_home_lists_documents_and_sorts(page, artifacts):
    page.goto(page.base)
    rows = page.locator(".hk-doc-table tbody tr")
    assert rows.count() >= 6
    # the date's text ends well before the kind beside it starts (they ran together: 1986-09-18決裁書)
    gap = page.evaluate("""() => { const [d, k] = document.querySelectorAll('.hk-doc-table tbody tr td');
        const r = document.createRange(); r.selectNodeContents(d); const end = r.getBoundingClientRect().right;
        r.selectNodeContents(k); return r.getBoundingClientRect().left - end; }""")
    assert gap >= 8
    page.screenshot(path=str(artifacts / "home.png"))
    page.get_by_role("link", name="種類順").click()
    page.wait_for_url("**/list/type/")
    assert page.locator(".hk-doc-table tbody tr").count() == rows.count()


def test_worklist_finding_opens_its_paragraph(page, artifacts):
    """The editors' worklist, finished HTML in the theme: its tables are Material's (wrapped by its script for
    scrolling), and a finding's "line N" link opens the document at that paragraph."""
    page.goto(page.base + "editors/worklist/")
    assert page.locator("article .md-typeset__table table").count() >= 4
    # numbers stand right-aligned, headers over them too (Material left-aligns any cell without align="")
    aligned = page.evaluate("() => [...document.querySelectorAll('article td.hk-num, article th.hk-num')]"
                            ".map(e => getComputedStyle(e).textAlign)")
    assert len(aligned) >= 10 and set(aligned) == {"right"}
    link = page.locator('article a[href*="documents/1986-09-18-inf-asia/#p-"]').first
    link.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "worklist.png"))
    anchor = link.get_attribute("href").split("#")[1]
    link.click()
    page.wait_for_url(f"**/{DOC_1986}#{anchor}")
    target = page.locator(f"[id='{anchor}']")
    box = target.bounding_box()
    assert target.is_visible() and 0 <= box["y"] < 900
