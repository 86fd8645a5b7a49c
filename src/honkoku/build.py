"""Build the edition: sources/ -> tei/ (and, with the site package, docs/ -> site/)."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .convert import convert
from .errors import Problem, UserError
from .files import write_atomic


@dataclass
class Report:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def source_files(sources: Path) -> list[Path]:
    if not sources.is_dir():
        raise UserError(sources, "sources folder not found", 1, 1, "pass --sources DIR with your .txt files")
    return sorted(p for p in sources.glob("*.txt") if p.is_file())


REGISTER_FILE = "registers.xml"


def _register_file(root: Path, out: Path, report: Report) -> list[tuple[Path, bytes]]:
    """``tei/registers.xml``: the whole registers as TEI, when the project has any."""
    from . import registers
    from .tei.standoff import register_file
    try:
        regs = registers.load(root / "registers", "registers")
    except UserError as err:
        report.problems.extend(err.problems)
        return []
    return [(out / REGISTER_FILE, register_file(regs))] if regs else []


def build_tei(sources: Path, out: Path, keep_going: bool = False, quiet: bool = False,
              progress: Callable[[str], None] | None = None) -> Report:
    """Convert every source; write nothing unless all succeed (or, with keep_going, the good ones).

    ``progress`` is called with each source's id as its conversion starts (the progress bar)."""
    report = Report()
    root = sources.parent
    results: list[tuple[Path, bytes]] = []
    register_results = _register_file(root, out, report)     # validated once: every source uses them
    if report.problems:
        return report
    for txt in source_files(sources):
        if progress:
            progress(txt.stem)
        try:
            doc, data = convert(txt, root if txt.is_relative_to(root) else None)
        except UserError as err:
            report.problems.extend(err.problems)
            if not keep_going:
                return report
            continue
        for offset, message in doc.warnings:
            from .errors import line_col
            line, col = line_col(doc.text, offset)
            report.warnings.append(Problem(doc.path, line, col, message, severity="warning"))
        results.append((out / f"{txt.stem}.xml", data))
    if report.problems and not keep_going:
        return report
    results.extend(register_results)
    for path, data in results:
        (report.written if write_atomic(path, data) else report.unchanged).append(str(path))
    return report
