"""``honkoku editor-pages``: write the generated pages of the editors' section of the site.

``docs/editors/sidecar.md`` and ``markers.md`` come from the code alone
(committed; a test asserts they are current); ``worklist.md`` and its pages
(``worklist/<n>.md``) come from the sources and are rewritten by every build
of the site and by ``serve`` (only those whose sources changed). The
hand-written pages of the section (index, adding a source, citing) sit
beside them. Call ``write_editor_pages`` from any build step that writes docs/.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from ..cache import open_cache
from ..errors import EXIT_OK
from ..files import write_atomic
from .check import CachedReports, check_sources
from .reference import render_markers, render_sidecar_reference
from .worklist import write_worklist

SECTION = "editors"
GENERATED_FROM_CODE = {"sidecar.md": render_sidecar_reference, "markers.md": render_markers}


def write_reference_pages(docs: Path) -> list[Path]:
    """The pages made from the code only; returns those whose content changed."""
    changed = []
    for name, render in GENERATED_FROM_CODE.items():
        path = docs / SECTION / name
        if write_atomic(path, render().encode("utf-8")):
            changed.append(path)
    return changed


def write_editor_pages(sources: Path, docs: Path, reports=None, only: set[str] | None = None) -> list[Path]:
    """All generated editor pages; ``reports`` (check's, in id order: from check_sources, serve, or the
    build's cache) saves checking the sources again; ``only``: the sources whose reports changed since
    the last write (``write_worklist``). Returns the files written or removed."""
    changed = write_reference_pages(docs)
    path = docs / SECTION / "worklist.md"
    if not isinstance(reports, CachedReports):
        return changed + write_worklist(reports if reports is not None else check_sources(sources), path, only)
    # the build's reports: runs of sources unchanged since the last build are not rendered again
    cache, throwaway = open_cache(sources.parent)
    try:
        changed += write_worklist(reports, path, only, cache.stage("worklist", path.with_suffix("")))
    finally:
        cache.close()
        if throwaway:
            shutil.rmtree(throwaway, ignore_errors=True)
    return changed


def add_parser(sub) -> None:
    c = sub.add_parser("editor-pages", help="write the generated editor pages (docs/editors/: sidecar "
                                            "reference, markers, worklist)")
    c.add_argument("--sources", type=Path, default=Path("sources"), help="folder of <id>.txt (+ <id>.toml)")
    c.add_argument("--docs", type=Path, default=Path("docs"), help="the site's Markdown folder")
    c.add_argument("-q", "--quiet", action="store_true", help="print nothing")


def cmd_pages(args) -> int:
    changed = write_editor_pages(args.sources, args.docs)
    if not args.quiet:
        print(f"editor-pages: {len(changed)} page(s) written -> {args.docs / SECTION}", file=sys.stderr)
    return EXIT_OK
