"""The built site's links: every local link resolves (file and #anchor), nothing is loaded from another host.

Runs last in ``honkoku site``. MkDocs checks only Markdown links, and our pages
are raw HTML, so every built page is read once here. Links are resolved as
strings against the set of files in the site (one walk), never through the
file system: a site of 10,000 documents has over a million links. Only the
anchors (ids) of each page are kept, never its text.
"""
from __future__ import annotations

import html
import os
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import regex

HREF = regex.compile(r"""<(a|link|script|img|source|iframe)\b[^>]*?\s(href|src)="([^"]*)"[^>]*>""", regex.I)
IDS = regex.compile(r"""\s(?:id|name)="([^"]*)\"""")
EXTERNAL = regex.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", regex.I)
LINK_TAG = regex.compile(r"<link\b[^>]*>")
LINK_HREF = regex.compile(r'href="([^"]*)"')
LOADING_REL = regex.compile(r'rel="[^"]*(?:stylesheet|preload|preconnect|icon|modulepreload|dns-prefetch)')
LOADING_TAGS = ("script", "img", "source", "iframe")


class _Site:
    """The site's files and folders (paths relative to its root, "/"-separated) and its pages' anchors."""

    def __init__(self, root: Path):
        self.root = root
        self.files: set[str] = set()
        self.dirs: set[str] = {""}
        for folder, subdirs, names in os.walk(root):
            rel = Path(folder).relative_to(root).as_posix()
            prefix = "" if rel == "." else rel + "/"
            self.dirs.update(prefix + d for d in subdirs)
            self.files.update(prefix + n for n in names)
        self._ids: dict[str, frozenset[str]] = {}

    def pages(self) -> list[str]:
        return sorted(f for f in self.files if f.endswith(".html") and not f.split("/")[0].startswith("pagefind"))

    def ids(self, page: str, text: str | None = None) -> frozenset[str]:
        if page not in self._ids:
            if text is None:
                text = (self.root / page).read_text(encoding="utf-8")
            self._ids[page] = frozenset(html.unescape(i) for i in IDS.findall(text))
        return self._ids[page]


def _target(page_dir: str, path: str, base_path: str) -> str | None:
    """The site-relative path a link's path points to, or None when it leaves the site."""
    if path.startswith("/"):                              # root-relative (MkDocs' 404.html)
        if not path.startswith(base_path):
            return None
        joined = path[len(base_path):].lstrip("/")
    else:
        joined = page_dir + path
    norm = posixpath.normpath(joined) if joined else "."
    if norm == ".." or norm.startswith("../") or norm.startswith("/"):
        return None
    return "" if norm == "." else norm


def check_links(site: Path, base_path: str = "/") -> list[str]:
    """Problems, each naming its page; ``base_path`` is the path of site_url ("/" when unset)."""
    found = _Site(Path(site).resolve())
    problems: list[str] = []
    foreign: list[str] = []
    for page in found.pages():
        text = (found.root / page).read_text(encoding="utf-8")
        found.ids(page, text)
        page_dir = page.rpartition("/")[0] + "/" if "/" in page else ""
        for tag, _attr, raw in HREF.findall(text):
            value = html.unescape(raw)
            if EXTERNAL.match(value):
                if tag.lower() in LOADING_TAGS and not value.startswith("data:"):
                    problems.append(f"{page}: loads {value} from another host (the site must work offline)")
                continue
            parts = urlsplit(value)
            target = page
            if parts.path:
                target = _target(page_dir, unquote(parts.path), base_path)
                if target is None:
                    problems.append(f"{page}: link {value} leaves the site")
                    continue
                if value.endswith("/") or target in found.dirs:
                    target = f"{target}/index.html" if target else "index.html"
                if target not in found.files:
                    problems.append(f"{page}: broken link {value} (no such file)")
                    continue
            if parts.fragment and target.endswith(".html") and unquote(parts.fragment) not in found.ids(target):
                problems.append(f"{page}: broken link {value} (no #{unquote(parts.fragment)} on that page)")
        for m in LINK_TAG.finditer(text):
            href = LINK_HREF.search(m.group(0))
            if href and EXTERNAL.match(html.unescape(href.group(1))) and LOADING_REL.search(m.group(0)):
                foreign.append(f"{page}: loads {href.group(1)} from another host")
    return problems + foreign
