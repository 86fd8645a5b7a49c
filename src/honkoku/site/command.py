"""``honkoku site``: tei/ -> docs/ -> site/ (registered in cli.py; ``honkoku build`` runs tei, then this)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import EXIT_OK


def add_arguments(p: argparse.ArgumentParser, with_tei: bool = True) -> None:
    if with_tei:
        p.add_argument("--tei", type=Path, default=Path("tei"), help="folder of TEI files (default: tei)")
        p.add_argument("--sources", type=Path, default=Path("sources"), help="source .txt/.toml to offer for download")
    p.add_argument("--docs", type=Path, default=Path("docs"), help="where the generated pages go (default: docs)")
    p.add_argument("--site", type=Path, default=Path("site"), help="where the built site goes (default: site)")
    p.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs configuration (default: mkdocs.yml)")
    p.add_argument("--no-mkdocs", action="store_true", help="only write docs/ (then run `mkdocs build --strict`)")
    p.add_argument("--no-search", action="store_true", help="skip the Pagefind search index")
    if with_tei:
        p.add_argument("-q", "--quiet", action="store_true", help="print only problems")


def add_parser(sub) -> None:
    add_arguments(sub.add_parser("site", help="build the reader's edition (docs/ and site/) from tei/"))


def run(tei: Path, sources: Path, args) -> int:
    from .build import build_site
    report = build_site(tei, sources, args.docs, args.site, args.config, mkdocs=not args.no_mkdocs,
                        search=not args.no_search, quiet=args.quiet)
    for w in report.warnings:
        print(f"site: warning: {w}", file=sys.stderr)
    if not args.quiet:
        times = ", ".join(f"{k} {v:.2f}s" for k, v in report.timings.items())
        where = args.docs if args.no_mkdocs else args.site
        print(f"site: {report.pages} pages ({report.skipped} document pages unchanged, not rendered; "
              f"{report.written} files written, {report.removed} removed)"
              + (f"; MkDocs {report.mkdocs} build" if report.mkdocs else "") + f" -> {where} [{times}]")
    return EXIT_OK


def cmd_site(args) -> int:
    return run(args.tei, args.sources, args)


def cmd_build(args, cmd_tei) -> int:
    """tei, then site (with the TEI just written)."""
    code = cmd_tei(args)
    if code != EXIT_OK:
        return code
    return run(args.out, args.sources, args)
