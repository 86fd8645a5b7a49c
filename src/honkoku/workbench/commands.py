"""The workbench's subcommands, registered in ``cli.py`` with two lines.

Each command's module is imported only when it runs, so ``honkoku tei`` pays
nothing for them.
"""
from __future__ import annotations


def add_parsers(sub) -> None:
    from . import check, new, pages, serve
    new.add_parser(sub)
    check.add_parser(sub)
    serve.add_parser(sub)
    pages.add_parser(sub)


def _lazy(module: str, func: str):
    def run(args) -> int:
        import importlib
        return getattr(importlib.import_module(f"{__package__}.{module}"), func)(args)
    run.__name__ = func
    return run


COMMANDS = {
    "new": _lazy("new", "cmd_new"),
    "check": _lazy("check", "cmd_check"),
    "serve": _lazy("serve", "cmd_serve"),
    "editor-pages": _lazy("pages", "cmd_pages"),
}
