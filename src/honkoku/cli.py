"""The command line: ``honkoku`` / ``python build.py``.

Exit codes (``EXIT_CODES``, shown by ``--help``): 0 success (warnings
allowed), 2 a problem in the input or the files (each printed as
``file:line:col: error: …``; bad command-line usage too), 3 a bug in
honkoku, 130 interrupted.
"""
from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

from .errors import EXIT_INTERNAL, EXIT_OK, EXIT_USER_ERROR, Problem, UserError
from .workbench.commands import COMMANDS as WORKBENCH_COMMANDS, add_parsers as add_workbench_parsers


EXIT_CODES = f"""exit codes:
  {EXIT_OK}    success (warnings, printed as file:line:col: warning: …, allowed)
  {EXIT_USER_ERROR}    a problem in your input or files, printed as file:line:col: error: … (hint: …);
       fix it and run again (also: a wrong command line)
  {EXIT_INTERNAL}    a bug in honkoku (a traceback is printed): please report it
  130  interrupted: every output is either its old or its new version, never half-written

--keep-going: report the problems of every source, and write the TEI of the
sources that have none; without it the build stops at the first source with
a problem and changes no output file."""


OWN_COMMANDS = ("tei", "build", "site", "text")


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """Every subcommand's parser; for one of ours (``command``), not the workbench's, whose modules
    take 0.1 s of CPU to import (they import every pass), on every run of ``honkoku site``."""
    p = argparse.ArgumentParser(prog="honkoku", description="Plain-text archival transcriptions -> TEI P5 -> site.",
                                epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command")
    for name, help_ in (("build", "build TEI and the site (the default)"), ("tei", "convert sources to TEI")):
        c = sub.add_parser(name, help=help_, epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
        c.add_argument("--sources", type=Path, default=Path("sources"), help="folder of <id>.txt (+ <id>.toml)")
        c.add_argument("--out", type=Path, default=Path("tei"), help="folder for <id>.xml")
        c.add_argument("--keep-going", action="store_true",
                       help="report every problem of every source; write the sources without problems")
        c.add_argument("-q", "--quiet", action="store_true", help="print only problems")
        if name == "build":
            from .site.command import add_arguments
            add_arguments(c, with_tei=False)
        c.add_argument("-j", "--jobs", type=int, default=None, help="worker processes (default: one per core)")
        c.add_argument("--force", action="store_true", help="convert every source, even those unchanged")
    from .site.command import add_parser as add_site_parser
    add_site_parser(sub)
    t = sub.add_parser("text", help="print the source text recovered from a TEI file")
    t.add_argument("file", type=Path)
    if command not in OWN_COMMANDS:
        add_workbench_parsers(sub)      # new, check, serve, editor-pages
    return p


def _print_problems(problems) -> None:
    for prob in problems:
        print(prob, file=sys.stderr)


def cmd_tei(args) -> int:
    from .build import build_tei, source_files
    from .workbench.progress import Progress, build_summary
    started = time.monotonic()
    with Progress(len(source_files(args.sources)), "tei", enabled=False if args.quiet else None) as bar:
        report = build_tei(args.sources, args.out, args.keep_going, args.quiet, progress=bar.step,
                           jobs=args.jobs, force=args.force, check=args.command == "build")
    _print_problems(report.warnings if not args.quiet else [])
    if report.problems:
        _print_problems(report.problems)
        print(f"honkoku: {len(report.problems)} error(s); "
              + ("no TEI file was changed" if not args.keep_going else "the other sources were written"),
              file=sys.stderr)
    if args.command == "build" and (not report.problems or args.keep_going and report.checks):
        from .workbench.check import CachedReports          # the worklist, from the reports the build made
        from .workbench.pages import write_editor_pages
        write_editor_pages(args.sources, getattr(args, "docs", Path("docs")), CachedReports(report.checks.values()))
    if not args.quiet:
        print(build_summary(report, args.out, time.monotonic() - started), end="")
    return EXIT_USER_ERROR if report.problems else EXIT_OK


def cmd_text(args) -> int:
    from .tei.recover import recover_file
    if not args.file.is_file():
        raise UserError(args.file, "no such TEI file", 1, 1, "give the path of a tei/<id>.xml file")
    sys.stdout.write(recover_file(args.file))
    return EXIT_OK


def cmd_site(args) -> int:
    from .site.command import cmd_site as run_site
    return run_site(args)


def cmd_build(args) -> int:
    from .site.command import cmd_build as run_build
    return run_build(args, cmd_tei)


COMMANDS = {"tei": cmd_tei, "build": cmd_build, "text": cmd_text, "site": cmd_site, **WORKBENCH_COMMANDS}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv = ["build", *argv]          # `honkoku -q` means `honkoku build -q`
    args = _parser(argv[0]).parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except UserError as err:
        _print_problems(err.problems)
        return EXIT_USER_ERROR
    except OSError as err:        # a file that cannot be read or written: the user's to fix, not a bug
        where = err.filename or "honkoku"
        print(Problem(str(where), 1, 1, f"cannot read or write this file: {err.strerror or err}",
                      "check that it exists, its permissions and the free disk space"), file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("honkoku: interrupted; outputs are either old or new, never half-written", file=sys.stderr)
        return 130
    except Exception:  # a bug: say so, with the traceback for the report
        traceback.print_exc()
        print("honkoku: internal error (a bug in honkoku, not in your input); please report it", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":          # `python -m honkoku.cli` as well as `python -m honkoku`
    sys.exit(main())
