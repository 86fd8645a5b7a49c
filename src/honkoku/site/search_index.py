"""The search index: Pagefind over the built site, in bundles of at most ``BUNDLE_PAGES`` pages.

Runs after MkDocs has written site/ (``honkoku site``). Pagefind keeps its whole
index in memory while it builds: about 0.4 GB for its Japanese dictionary plus
0.7 MB a page on our pages, so one run over 10,000 documents would need about
8 GB. The pages to index (those marked ``data-pagefind-body``) are therefore
split into bundles by a stable hash of their path, each bundle is indexed by a
Pagefind run of its own, and the search page merges the bundles (Pagefind UI's
``mergeIndex``); ``pagefind/hk-bundles.json`` lists them for the page's script.

A bundle is content-addressed: its key hashes the Pagefind version, the
settings and every page's path and bytes, and the bundle is kept under that key
in ``.honkoku-cache/search/``. MkDocs rewrites site/ from scratch on every build,
but a bundle whose pages are byte-identical to an earlier build's is not indexed
again, only linked into site/: after an edit, only the bundles holding changed
pages are re-indexed.
"""
from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from ..cache import digest
from ..errors import UserError
from ..files import write_atomic

BUNDLE_PAGES = 2000            # ≈ 1.8 GB peak for one Pagefind run on our pages (README "Speed and scale")
EXCLUDE = (".hk-dipl, .hk-legend, .hk-cite, .hk-view-switch, .hk-doc-toc, .hk-division-head .hk-meta, "
           ".hk-division-head .hk-kicker, .hk-source-panel, .hk-mentions")
MARK = b"data-pagefind-body"   # Pagefind indexes only the pages carrying it, once any page does
BUNDLES_FILE = "hk-bundles.json"


@dataclass
class SearchReport:
    pages: int = 0
    bundles: int = 0
    indexed: int = 0           # bundles Pagefind had to build; the others came from the cache


def bundle_dir(i: int) -> str:
    """Where bundle ``i`` goes in the site: the first is Pagefind's usual pagefind/ (it holds the UI)."""
    return "pagefind" if i == 0 else f"pagefind-{i + 1}"


def split(pages: list[str], bundle_pages: int) -> list[list[str]]:
    """Pages into bundles by a hash of their path, so a page stays in its bundle while the count of
    bundles stays the same (adding a document re-indexes one bundle, not all)."""
    count = max(1, math.ceil(len(pages) / bundle_pages))
    bundles: list[list[str]] = [[] for _ in range(count)]
    for page in pages:
        bundles[int(digest(page)[:8], 16) % count].append(page)
    return [b for b in bundles if b]


def index_site(site: Path, cache_root: Path, bundle_pages: int = BUNDLE_PAGES) -> SearchReport:
    site = Path(site)
    store = Path(cache_root) / ".honkoku-cache" / "search"
    store.mkdir(parents=True, exist_ok=True)
    page_digests: dict[str, str] = {}      # only a hash per page is kept, never its text
    for path in site.rglob("*.html"):
        page = path.relative_to(site).as_posix()
        data = b"" if page.startswith("pagefind") else path.read_bytes()
        if MARK in data:
            page_digests[page] = digest(page, data)
    pages = sorted(page_digests)
    report = SearchReport(pages=len(pages))
    settings = digest(_pagefind_version(), EXCLUDE)
    names, used = [], set()
    for i, bundle in enumerate(split(pages, bundle_pages)):
        key = digest(settings, *(page_digests[page] for page in bundle))[:24]
        built = store / key
        if not built.is_dir():
            _run_pagefind(site, bundle, store, built)
            report.indexed += 1
        used.add(key)
        _link_tree(built, site / bundle_dir(i))
        names.append(bundle_dir(i) + "/")
    # The page's script reads this to merge the other bundles; paths relative to the first bundle.
    write_atomic(site / "pagefind" / BUNDLES_FILE,
                 json.dumps(["../" + n for n in names[1:]]).encode("utf-8"), sync=False)
    for old in store.iterdir():            # keep only what this build used: the cache does not grow
        if old.name not in used:
            shutil.rmtree(old, ignore_errors=True) if old.is_dir() else old.unlink()
    report.bundles = len(names)
    return report


def _run_pagefind(site: Path, bundle: list[str], store: Path, built: Path) -> None:
    """Index one bundle: Pagefind reads a folder holding (hard links to) just its pages, at their paths
    in the site, so the result URLs are the site's; the bundle is renamed into place only when done."""
    work = store / (built.name + ".partial")
    shutil.rmtree(work, ignore_errors=True)
    mirror, out = work / "pages", work / "bundle"
    for page in bundle:
        target = mirror / page
        target.parent.mkdir(parents=True, exist_ok=True)
        _link_or_copy(site / page, target)
    cmd = [sys.executable, "-m", "pagefind", "--site", str(mirror), "--output-path", str(out.resolve()),
           "--silent", "--exclude-selectors", EXCLUDE]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise UserError(site, f"the search index (pagefind) could not run: {exc}", 1, 1,
                        "install pagefind[extended] (pyproject) or build with --no-search") from None
    if done.returncode != 0 or not (out / "pagefind-entry.json").is_file():
        shutil.rmtree(work, ignore_errors=True)
        err = (done.stderr or done.stdout).strip()[-800:]
        raise UserError(site, f"the search index (pagefind) failed: {err}", 1, 1,
                        "install pagefind[extended] (pyproject) or build with --no-search")
    os.replace(out, built)
    shutil.rmtree(work, ignore_errors=True)


def _pagefind_version() -> str:
    for dist in ("pagefind_bin_extended", "pagefind_bin", "pagefind"):
        try:
            return f"{dist} {version(dist)}"
        except PackageNotFoundError:
            continue
    return "unknown"


def _link_tree(src: Path, dst: Path) -> None:
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(src, dst, copy_function=_link_or_copy)


def _link_or_copy(src, dst) -> None:
    """A hard link (no copy of the index's megabytes) where the file system allows it."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)
