#!/usr/bin/env python3
"""Measure the two search options for the edition (notes/site.md has the figures).

Builds the site from tei/ (or from a generated corpus of N copies of it) with
(a) Material's built-in search (lunr, ``search: lang: ja``) and (b) Pagefind
(extended), serves each on 127.0.0.1 and drives Debian's Chromium to record:
build time, index size on disk, bytes a visitor downloads to run one query,
and whether the edition's four Japanese queries find the expected document.

    python scripts/site_search_bench.py            # our corpus
    python scripts/site_search_bench.py --copies 250   # 500 generated pages
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
# query -> (source id expected among the results)
QUERIES = {"極秘": "1986-09-18-inf-asia", "あった": "1986-09-18-inf-asia", "ラヴロフ": "2023-05-17-lavrov-tsargrad",
           "中平": "1986-09-18-inf-asia"}


def make_corpus(dest: Path, copies: int) -> Path:
    tei = dest / "tei"
    tei.mkdir(parents=True)
    for src in sorted((ROOT / "tei").glob("*.xml")):
        data = src.read_text(encoding="utf-8")
        shutil.copy(src, tei / src.name)
        for i in range(1, copies):
            ident = f"{src.stem}-copy{i:04d}"
            (tei / f"{ident}.xml").write_text(data.replace(f'<idno type="source">{src.stem}</idno>',
                                                           f'<idno type="source">{ident}</idno>'), encoding="utf-8")
    return tei


def config_for(engine: str, dest: Path) -> Path:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("src/honkoku/site/", str(ROOT / "src/honkoku/site") + "/")
    if engine == "lunr":
        text = text.replace("plugins: []", "plugins:\n  - search:\n      lang: ja")
    cfg = dest / f"mkdocs-{engine}.yml"
    cfg.write_text(text, encoding="utf-8")
    return cfg


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a):
        pass


def serve(root: Path):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def query_pagefind(page, base: str, q: str) -> tuple[list[str], int]:
    page.goto(base + "search/")
    page.wait_for_load_state("networkidle")
    sizes: list[int] = []
    page.on("response", lambda r: sizes.append(len(r.body())) if r.ok else None)
    urls = page.evaluate("""async (q) => {
        const pf = await import('../pagefind/pagefind.js');
        const r = await pf.search(window.hkFold(q));
        const out = [];
        for (const x of r.results.slice(0, 10)) out.push((await x.data()).url);
        return out; }""", q)
    page.wait_for_timeout(200)
    return urls, sum(sizes)


def query_lunr(page, base: str, q: str) -> tuple[list[str], int]:
    sizes: list[int] = []
    search_files = ("search_index.json", "/lunr/", "search.", "workers/")   # what only search needs
    handler = lambda r: sizes.append(len(r.body())) if r.ok and any(s in r.url for s in search_files) else None  # noqa: E731
    page.on("response", handler)
    page.goto(base + "about/")
    page.wait_for_load_state("networkidle")
    page.keyboard.press("s")                       # Material: open search
    box = page.locator(".md-search__input")
    box.fill(q)
    box.press("End")                               # fill() fires no keyup; Material listens for it
    t = time.perf_counter()
    try:      # the worker builds the index in the browser first: wait for results (or give up after 60 s)
        page.wait_for_selector(".md-search-result__item > a", timeout=60000)
    except Exception:
        pass
    page.wait_for_timeout(300)
    print(f"lunr {q!r}: results after {time.perf_counter() - t:.1f} s", file=sys.stderr)
    urls = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
    page.remove_listener("response", handler)
    return urls, sum(sizes)


def run(engine: str, tei: Path, work: Path) -> dict:
    from honkoku.site.build import check_links, run_mkdocs, run_pagefind, generate_docs
    docs, site = work / f"docs-{engine}", work / f"site-{engine}"
    cfg = config_for(engine, work)
    t0 = time.perf_counter()
    generate_docs(tei, None, docs, "", "bench", search=engine == "pagefind")
    t1 = time.perf_counter()
    run_mkdocs(cfg, docs, site)
    t2 = time.perf_counter()
    if engine == "pagefind":
        run_pagefind(site)
    t3 = time.perf_counter()
    index = site / ("pagefind" if engine == "pagefind" else "search")
    pages = len(list((site / "documents").glob("*/index.html")))
    result = {"engine": engine, "document_pages": pages, "docs_s": round(t1 - t0, 2), "mkdocs_s": round(t2 - t1, 2),
              "index_s": round(t3 - t2, 2), "index_bytes": du(index),
              "site_bytes": du(site), "queries": {}}
    from playwright.sync_api import sync_playwright
    httpd, base = serve(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS, headless=True)
            for q, expected in QUERIES.items():
                page = browser.new_page()
                urls, nbytes = (query_pagefind if engine == "pagefind" else query_lunr)(page, base, q)
                found = any(f"/documents/{expected}/" in u for u in urls)
                result["queries"][q] = {"found_expected": found, "results": len(urls), "bytes_downloaded": nbytes}
                page.close()
            browser.close()
    finally:
        httpd.shutdown()
    return result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=1, help="copies of each TEI file (1 = our corpus)")
    ap.add_argument("--engines", default="lunr,pagefind")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        tei = make_corpus(work, args.copies) if args.copies > 1 else ROOT / "tei"
        for engine in args.engines.split(","):
            print(json.dumps(run(engine, tei, work), ensure_ascii=False))


if __name__ == "__main__":
    main()
