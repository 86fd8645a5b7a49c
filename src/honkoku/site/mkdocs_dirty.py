"""MkDocs after an edit: rebuild only the pages whose Markdown changed (MkDocs' ``dirty`` build), when safe.

Runs inside ``honkoku site`` (build.run_mkdocs), after docs/ was written. MkDocs
has no incremental build of its own that is safe: ``--dirty`` rebuilds a page
when its source is newer than its output (by date), and warns that navigation
may be wrong. Here the decision is ours, and a dirty build is used only where
it gives the same site as a clean one:

- A page shell (theme, menu, title, meta tags) depends on the page's own
  Markdown, on the menu (the nav and the titles of the pages in it), on the
  configuration, the theme, the hooks and honkoku's code, and, through the
  sitemap and 404 page (always rebuilt), on the set of pages. It never
  depends on the text of a page outside the menu.
- So the build is clean (every page, site/ emptied first) when any of these
  changed since the last successful build: ``code_version("site")``, the
  versions of MkDocs, Material and MkDocs plugins, mkdocs.yml's bytes, the
  hooks' bytes, the theme's own files (custom_dir), the set of files (a page
  or file added or removed), the nav's structure and titles, or the bytes of
  a nav page whose title the nav does not give (it is read from the page); or
  when there is no record of a successful build (first build, the last one
  failed, the cache deleted). The nav and the file set are known only once
  MkDocs has listed the files, so the dirty attempt checks them in its
  ``on_nav`` event and gives up before writing anything.
- In a dirty build, a file is rebuilt (page) or copied (static file) unless
  both its source in docs/ and its output in site/ have the size and
  modification time (ns) recorded after the last build: by equality of
  stats, not by MkDocs' "older than" test, so a file written at any time, or
  an output edited or deleted by hand, is made again. The pages of the menu
  are always rebuilt (MkDocs must read them for their titles, which every
  rebuilt page's menu shows).

MkDocs' warning about dirty builds (which strict mode would count) is
dropped by a logging filter on the one logger that emits it, for this build
only.
"""
from __future__ import annotations

import logging
import os
from importlib.metadata import PackageNotFoundError, entry_points, version
from pathlib import Path

from ..cache import Stage, code_version, digest, file_digest, files_digest

BUILD_ITEM = "\x00build"          # the stage's record of the last successful build (no file is named so)
DIRTY_WARNING = "A 'dirty' build is being performed"


class NeedCleanBuild(Exception):
    """Raised in on_nav when the dirty attempt finds something that every page depends on has changed."""


class DropDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "absent"


def _site_packages(path: Path) -> bool:
    return "site-packages" in path.parts or "dist-packages" in path.parts


def _tree_stats(folder: Path) -> str:
    """Names, sizes and modification times of a folder's files (a theme's custom_dir: few files)."""
    parts = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            p = Path(root, name)
            st = p.stat()
            parts.append(f"{p.relative_to(folder).as_posix()}:{st.st_size}:{st.st_mtime_ns}:{file_digest(p)}")
    return digest(*parts)


def static_key(cfg, config_file: Path) -> str:
    """What every page depends on and is known before MkDocs runs."""
    hooks = [Path(h) for h in (cfg.get("hooks") or [])]
    theme_dirs = [Path(d) for d in cfg.theme.dirs]
    own_theme = [_tree_stats(d) for d in theme_dirs if d.is_dir() and not _site_packages(d.resolve())]
    plugins = sorted(f"{ep.name}={ep.dist.name if ep.dist else ''}:{_version(ep.dist.name) if ep.dist else ''}"
                     for ep in entry_points(group="mkdocs.plugins"))
    return digest(code_version("site"), _version("mkdocs"), _version("mkdocs-material"), *plugins,
                  file_digest(config_file), files_digest(hooks), *map(str, theme_dirs), *own_theme,
                  str(Path(cfg["docs_dir"]).resolve()), str(Path(cfg["site_dir"]).resolve()),
                  os.environ.get("SOURCE_DATE_EPOCH", ""))


def _nav_repr(items) -> list[str]:
    out = []
    for item in items:
        children = getattr(item, "children", None)
        file = getattr(item, "file", None)
        if children is not None and file is None:
            out.append(f"section:{item.title}[" + ",".join(_nav_repr(children)) + "]")
        else:
            out.append(f"{type(item).__name__}:{item.title}:{getattr(item, 'url', '')}:"
                       + (file.src_uri if file is not None else ""))
    return out


class DirtyPlan:
    """One MkDocs run's decisions: clean or dirty, and in a dirty run, which files are made again.

    Registered as a plugin on the loaded config (``plugin()``); ``record()`` after the build succeeded."""

    def __init__(self, stage: Stage, static: str, site: Path, dirty: bool):
        self.stage = stage
        self.static = static
        self.site = site
        self.dirty = dirty
        self.key = ""                       # the full key, set in on_nav
        self.files = None
        self.nav_uris: set[str] = set()
        self.decided: dict[str, bool] = {}

    @classmethod
    def start(cls, stage: Stage, static: str, site: Path) -> "DirtyPlan":
        last = stage.get(BUILD_ITEM)
        dirty = (last is not None and last.data is not None and last.data.get("static") == static
                 and Path(site).is_dir() and any(Path(site).iterdir()))
        return cls(stage, static, site, dirty)

    # -- MkDocs events ------------------------------------------------------------------------------
    def on_files(self, files, config, **kwargs):
        self.files = files
        return files

    def on_nav(self, nav, config, files, **kwargs):
        self.nav_uris = {p.file.src_uri for p in nav.pages}
        listing = sorted(f"{f.src_uri}>{f.dest_uri}" for f in files)
        # a nav page's title is in every page's menu: given in the nav (ours are), or read from the page
        nav_pages = sorted(f"{p.file.src_uri}:{file_digest(p.file.abs_src_path)}" for p in nav.pages
                           if "title" not in vars(p))
        self.key = digest(self.static, *listing, "\x00nav", *_nav_repr(nav.items), "\x00pages", *nav_pages)
        if self.dirty:
            last = self.stage.get(BUILD_ITEM)
            if last is None or last.key != self.key:
                raise NeedCleanBuild()
            for f in files:
                f.is_modified = (lambda f=f: self.modified(f))     # MkDocs asks each file, maybe twice
        return nav

    def modified(self, f) -> bool:
        uri = f.src_uri
        if uri not in self.decided:
            outputs = [Path(f.abs_src_path), Path(f.abs_dest_path)] if f.abs_src_path else []
            self.decided[uri] = (uri in self.nav_uris or not outputs
                                 or not self.stage.fresh(uri, self.key, outputs))
        return self.decided[uri]

    # -- after a successful build ---------------------------------------------------------------------
    def record(self) -> int:
        """Remember every file made (all in a clean build), forget files that are gone; the count made."""
        made = 0
        present = set()
        for f in self.files or []:
            present.add(f.src_uri)
            if not f.abs_src_path:
                continue
            if not self.dirty or self.decided.get(f.src_uri, False):
                self.stage.record(f.src_uri, self.key, [Path(f.abs_src_path), Path(f.abs_dest_path)])
                made += 1
        for item in self.stage.items():
            if item != BUILD_ITEM and item not in present:
                self.stage.forget(item)
        self.stage.record(BUILD_ITEM, self.key, [], {"static": self.static})
        self.stage.commit()
        return made

    def forget_build(self) -> None:
        """A failed build: the next one is clean."""
        self.stage.forget(BUILD_ITEM)
        self.stage.commit()
