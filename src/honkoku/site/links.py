"""The built site's links: every local link resolves (file and #anchor), nothing is loaded from another host.

Runs last in ``honkoku site``. MkDocs checks only Markdown links, and our pages
are raw HTML, so every built page is read once here. Links are resolved as
strings against the set of files in the site (one walk), never through the
file system: a site of 10,000 documents has over a million links. Only the
anchors (ids) of each page are kept, never its text.

After an edit, ``check_links_incremental`` reads only the pages that changed
and gives the same answer as reading them all. The last successful check
left, in the project's cache, each page's size and modification time and the
links it makes to other files (target, #anchor). A page whose stats are the
recorded ones has the same links as then, all valid then; one of them can
only have broken because its target file is gone (or is now a folder, or no
longer one: the file it resolved to is then gone too) or because its target
page changed and lost the anchor. So the check reads the changed pages, looks
up in the record the links into files that are gone and the anchored links
into changed pages, and reads again every page holding such a link that no
longer resolves. Problems come out as from a full check (same messages, same
order). A check that finds problems records nothing, so the next one is full;
a change of honkoku's code, of site_url's path or of the site's folder makes
it full too.
"""
from __future__ import annotations

import html
import os
import posixpath
import shutil
from dataclasses import dataclass
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


def _scan(found: _Site, page: str, base_path: str):
    """One page's problems, its foreign resources, and its links to other files: {(target, anchor): raw}."""
    text = (found.root / page).read_text(encoding="utf-8")
    found.ids(page, text)
    page_dir = page.rpartition("/")[0] + "/" if "/" in page else ""
    problems: list[str] = []
    foreign: list[str] = []
    out: dict[tuple[str, str], str] = {}
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
        anchor = unquote(parts.fragment) if parts.fragment and target.endswith(".html") else ""
        if anchor and anchor not in found.ids(target):
            problems.append(f"{page}: broken link {value} (no #{anchor} on that page)")
        if target != page:
            out.setdefault((target, anchor), value)
    for m in LINK_TAG.finditer(text):
        href = LINK_HREF.search(m.group(0))
        if href and EXTERNAL.match(html.unescape(href.group(1))) and LOADING_REL.search(m.group(0)):
            foreign.append(f"{page}: loads {href.group(1)} from another host")
    return problems, foreign, out


def check_links(site: Path, base_path: str = "/") -> list[str]:
    """Problems, each naming its page; ``base_path`` is the path of site_url ("/" when unset)."""
    found = _Site(Path(site).resolve())
    problems: list[str] = []
    foreign: list[str] = []
    for page in found.pages():
        p, f, _ = _scan(found, page, base_path)
        problems += p
        foreign += f
    return problems + foreign


@dataclass
class LinkReport:
    problems: list[str]
    pages: int = 0
    read: int = 0             # pages read (all of them in a full check)
    full: bool = True


SCHEMA = """
CREATE TABLE IF NOT EXISTS link_checks (site TEXT PRIMARY KEY, key TEXT);
CREATE TABLE IF NOT EXISTS link_names (id INTEGER PRIMARY KEY, site TEXT, name TEXT, size INTEGER,
                                       mtime_ns INTEGER, UNIQUE (site, name));
CREATE TABLE IF NOT EXISTS link_targets (target INTEGER, source INTEGER, anchor TEXT,
                                         PRIMARY KEY (target, source, anchor)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS link_targets_by_source ON link_targets (source);
"""
# link_names: every page and link target of a site by number (a page has its size and mtime_ns once
# checked); link_targets: which page links to which file (by an #anchor, or "" for the file itself)


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def check_links_incremental(site: Path, base_path: str, cache_root: Path) -> LinkReport:
    """``check_links``, reading only what an edit can have broken (see the module's docstring)."""
    from ..cache import code_version, digest, open_cache
    root = Path(site).resolve()
    found = _Site(root)
    pages = found.pages()
    cache, throwaway = open_cache(Path(cache_root))
    db = cache.db
    where = str(root)
    try:
        db.executescript(SCHEMA)
        key = digest(code_version("site"), base_path, where)
        row = db.execute("SELECT key FROM link_checks WHERE site = ?", (where,)).fetchone()
        full = row is None or row[0] != key
        if full:
            db.execute("DELETE FROM link_targets WHERE source IN (SELECT id FROM link_names WHERE site = ?)", (where,))
            db.execute("DELETE FROM link_names WHERE site = ?", (where,))
        ids: dict[str, int] = {}
        recorded: dict[str, tuple[int, int]] = {}
        for ident, name, size, mtime in db.execute("SELECT id, name, size, mtime_ns FROM link_names WHERE site = ?",
                                                   (where,)):
            ids[name] = ident
            if size is not None:
                recorded[name] = (size, mtime)
        names = {ident: name for name, ident in ids.items()}
        stats = {page: _stat(root / page) for page in pages}
        changed = [p for p in pages if recorded.get(p) != stats[p]]
        removed = sorted(set(recorded) - set(pages))
        scanned: dict[str, tuple[list[str], list[str], dict]] = {p: _scan(found, p, base_path) for p in changed}
        if not full:
            # links from pages not read into files that are gone, or into changed pages by an anchor
            suspects: set[str] = set()
            gone = [ident for name, ident in ids.items() if name not in found.files]
            for target in gone:
                suspects.update(names[s] for (s,) in db.execute(
                    "SELECT DISTINCT source FROM link_targets WHERE target = ?", (target,)))
            for page in changed:
                if page not in ids:
                    continue
                present = found.ids(page)
                for source, anchor in db.execute("SELECT source, anchor FROM link_targets WHERE target = ? "
                                                 "AND anchor != ''", (ids[page],)):
                    if anchor not in present:
                        suspects.add(names[source])
            for source in sorted(suspects - set(changed)):
                if source in found.files:
                    scanned[source] = _scan(found, source, base_path)
        problems = [x for p in sorted(scanned) for x in scanned[p][0]]
        foreign = [x for p in sorted(scanned) for x in scanned[p][1]]
        report = LinkReport(problems + foreign, len(pages), len(scanned), full)
        if report.problems:
            db.execute("DELETE FROM link_checks WHERE site = ?", (where,))      # the next check is full
            db.commit()
            return report

        def ident_of(name: str) -> int:
            if name not in ids:
                ids[name] = db.execute("INSERT INTO link_names (site, name) VALUES (?, ?)", (where, name)).lastrowid
            return ids[name]
        for page in removed:
            db.execute("DELETE FROM link_targets WHERE source = ?", (ids[page],))
            db.execute("UPDATE link_names SET size = NULL, mtime_ns = NULL WHERE id = ?", (ids[page],))
        for page in sorted(scanned):
            source = ident_of(page)
            db.execute("DELETE FROM link_targets WHERE source = ?", (source,))
            db.executemany("INSERT INTO link_targets VALUES (?, ?, ?)",
                           ((ident_of(t), source, a) for (t, a) in scanned[page][2]))
            if stats.get(page) is not None:
                db.execute("UPDATE link_names SET size = ?, mtime_ns = ? WHERE id = ?", (*stats[page], source))
        db.execute("INSERT OR REPLACE INTO link_checks VALUES (?, ?)", (where, key))
        db.commit()
        return report
    except BaseException:
        db.rollback()
        db.execute("DELETE FROM link_checks WHERE site = ?", (where,))
        db.commit()
        raise
    finally:
        cache.close()
        if throwaway:
            shutil.rmtree(throwaway, ignore_errors=True)
