"""Build the edition: sources/ -> tei/ (and, with the site package, docs/ -> site/)."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from .convert import convert
from .errors import Problem, UserError
from .files import sweep_temporaries, write_atomic


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


def check_out(sources: Path, out: Path) -> None:
    """The build writes nothing under sources/: refuse an output folder there."""
    src, dst = sources.resolve(), out.resolve()
    if dst == src or src in dst.parents:
        raise UserError(out, f"the output folder is inside the sources folder {sources}", 1, 1,
                        "write TEI elsewhere (the default is tei/): honkoku never writes under sources/")


def build_tei(sources: Path, out: Path, keep_going: bool = False, quiet: bool = False) -> Report:
    """Convert every source; write nothing unless all succeed (or, with keep_going, the good ones)."""
    report = Report()
    root = sources.parent
    results: list[tuple[Path, bytes]] = []
    check_out(sources, out)
    sweep_temporaries(out)
    for txt in source_files(sources):
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
    for path, data in results:
        (report.written if write_atomic(path, data) else report.unchanged).append(str(path))
    return report
