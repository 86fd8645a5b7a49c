"""The site, built once per test session in a temporary folder, and the browser that reads it.

The build uses the real tei/ plus two fixtures: fixture-dialogue.xml (a TEI
file with registers in <standOff>, speaker turns and entity links, so the
register tests are real before the registers pass exists) and
xss-source.txt/.toml (a hostile source converted by the real TEI pipeline).
docs/editors/ is there as ``honkoku build`` writes it: the repository's
hand-written editors' pages, and the generated ones (the worklist of these
sources, finished HTML like the reader's pages).

Browser tests drive Debian's Chromium through Playwright. Without Chromium
or Playwright they skip, saying why; under CI=true they fail instead.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("HONKOKU_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
SEARCH_BUNDLE_PAGES = 60


def skip_or_fail(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: browser tests must run)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def search_bundle_pages() -> int:
    return SEARCH_BUNDLE_PAGES


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """tei/ + fixtures -> docs/ -> site/ (with the Pagefind index) under one temporary folder."""
    from honkoku.build import build_tei
    from honkoku.site.build import build_site
    from honkoku.workbench.pages import write_editor_pages
    work = tmp_path_factory.mktemp("edition")
    sources, tei, hostile = work / "sources", work / "tei", work / "hostile"
    for folder in (sources, tei, hostile):
        folder.mkdir()
    for path in sorted((ROOT / "sources").glob("*")):
        shutil.copy(path, sources / path.name)
    for path in sorted((ROOT / "tei").glob("*.xml")):
        shutil.copy(path, tei / path.name)
    shutil.copy(FIXTURES / "fixture-dialogue.xml", tei / "fixture-dialogue.xml")
    for name in ("xss-source.txt", "xss-source.toml"):
        shutil.copy(FIXTURES / name, hostile / name)
        shutil.copy(FIXTURES / name, sources / name)
    report = build_tei(hostile, tei)
    assert not report.problems, report.problems
    shutil.copytree(ROOT / "registers", work / "registers")     # the real sources' sidecars name them
    editors = work / "docs" / "editors"
    editors.mkdir(parents=True)
    for path in sorted((ROOT / "docs" / "editors").glob("*.md")):
        shutil.copy(path, editors / path.name)
    write_editor_pages(sources, work / "docs")                   # the worklist of these sources, the reference
    # Bundles of at most 60 pages: the search tests then query an index merged from three Pagefind
    # bundles, as a large edition's is (honkoku.site.search_index; test_search_index_is_in_bundles).
    build_site(tei, sources, work / "docs", work / "site", ROOT / "mkdocs.yml", search=True,
               search_bundle_pages=SEARCH_BUNDLE_PAGES)
    return work


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(built_site):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                            functools.partial(_Quiet, directory=str(built_site / "site")))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("playwright is not installed (pip install -e '.[test]')")
    if not Path(CHROMIUM).exists():
        skip_or_fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium fonts-ipaexfont-gothic)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A fresh page; every request that would leave this machine is blocked and fails the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP")
    outside: list[str] = []
    dialogs: list[str] = []

    def guard(route):
        url = route.request.url
        if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).hostname not in LOCAL_HOSTS:
            outside.append(url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", guard)
    pg = context.new_page()
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.base = server
    yield pg
    context.close()
    assert not outside, f"requests left localhost: {outside}"
    assert not dialogs, f"a page opened a dialog (script from a source ran?): {dialogs}"


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
