"""Run one source through the build's own steps without stopping at the first problem.

The build stops at the first error of a source (and must: it writes TEI).
``check`` must go on and report them all, so here:

1. the sidecar is read; if it is invalid, its problems are findings and the
   text is still read (with an empty sidecar) so the text checks can run;
2. every quotation anchor of the sidecar is resolved (``anchorcheck``); the
   ones that match nothing are reported *all*, with their TOML line, and left
   out of the run;
3. the passes run one by one; a pass that raises a user error is reported and
   the next pass runs;
4. the TEI is woven (not written) so the weaver's warnings are seen too.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path

import regex

from .. import passes, source
from ..convert import with_registers, to_tei
from ..errors import Problem, UserError, line_col
from ..model import Document
from ..sidecar import Sidecar
from .anchorcheck import check_anchors
from .findings import Finding


@dataclass
class Inspection:
    txt: Path
    shown: str                       # the path as printed: sources/<id>.txt
    doc: Document | None             # None when the text itself cannot be read
    findings: list[Finding] = field(default_factory=list)
    failed_passes: list[str] = field(default_factory=list)

    @property
    def toml_shown(self) -> str:
        return self.shown[:-4] + ".toml" if self.shown.endswith(".txt") else self.shown + ".toml"


def shown_path(txt: Path, root: Path | None) -> str:
    if root is not None and txt.resolve().is_relative_to(root.resolve()):
        return str(txt.resolve().relative_to(root.resolve()))
    return str(txt)


def problem_finding(prob: Problem, category: str, source_id: str) -> Finding:
    return Finding(prob.path, prob.line, prob.col, prob.severity if prob.severity in ("error", "warning") else "error",
                   category, prob.message, prob.hint, source_id=source_id)


def _read_text_only(txt: Path, shown: str, toml_shown: str) -> Document:
    """The Document with an empty sidecar: the same decoding and line-end rules as source.read."""
    data = txt.read_bytes()
    text = source.decode(data, shown, None).replace("\r\n", "\n").replace("\r", "\n")
    bad = source.FORBIDDEN.search(text)
    if bad:
        line, col = line_col(text, bad.start())
        raise UserError(shown, f"control character U+{ord(bad[0]):04X} cannot be stored in XML", line, col)
    return Document(txt.stem, text, meta={"sidecar": Sidecar(toml_shown), "bom": data.startswith(codecs.BOM_UTF8)},
                    path=shown)


def inspect(txt: Path, root: Path | None = None, use_sidecar: bool = True) -> Inspection:
    """Everything the build would do to ``txt``, with every problem collected as a finding."""
    shown = shown_path(txt, root)
    result = Inspection(txt, shown, None)
    sid = txt.stem
    try:
        if not use_sidecar:
            raise _NoSidecar
        doc = source.read(txt, root if root is not None and txt.resolve().is_relative_to(root.resolve()) else None)
        doc.path = shown
    except (UserError, _NoSidecar) as err:
        problems = err.problems if isinstance(err, UserError) else []
        result.findings += [problem_finding(p, "sidecar" if p.path.endswith(".toml") else "source", sid)
                            for p in problems]
        if any(not p.path.endswith(".toml") for p in problems):
            return result            # the text itself is unreadable (encoding, control characters, id)
        try:
            doc = _read_text_only(txt, shown, result.toml_shown)
        except UserError as exc:
            result.findings += [problem_finding(p, "source", sid) for p in exc.problems]
            return result
    with_registers(doc, txt, root if root is not None and txt.resolve().is_relative_to(root.resolve()) else None)
    result.doc = doc
    findings, pruned = check_anchors(doc)
    result.findings += findings
    doc.meta["sidecar"] = pruned
    for p in passes.pipeline():
        try:
            p.apply(doc)
        except UserError as err:
            result.failed_passes.append(p.name)
            result.findings += [problem_finding(prob, "sidecar" if prob.path.endswith(".toml") else "source", sid)
                                for prob in err.problems]
    try:
        to_tei(doc)
    except UserError as err:
        result.findings += [problem_finding(p, "source", sid) for p in err.problems]
    _add_warnings(result, doc)
    return result


def inspect_converted(doc: Document, txt: Path, root: Path | None = None) -> Inspection:
    """The Inspection of a source the build converted without error (passes run, TEI woven).

    Reading, the passes and the weave raised nothing, so what ``inspect``
    would find is: the anchor findings (``[[reviewed]]`` quotes that match
    nothing break no pass, but are listed) and the warnings of the passes.
    ``check_anchors`` only reads the text and the sidecar, neither of which
    the passes change, so running it after them finds the same.
    """
    shown = shown_path(txt, root)
    doc.path = shown                   # as inspect shows it (the TEI is already made)
    result = Inspection(txt, shown, doc)
    result.findings += check_anchors(doc)[0]
    _add_warnings(result, doc)
    return result


def _add_warnings(result: Inspection, doc: Document) -> None:
    for offset, message in doc.warnings:
        line, col = line_col(doc.text, offset)
        result.findings.append(Finding(result.shown, line, col, "warning", warning_category(message), message,
                                       offset=offset, source_id=result.txt.stem))


PASS_WARNING = regex.compile(r"^(speaker|name|date|entity|register|kana|page)\b")


def warning_category(message: str) -> str:
    """A pass's warning ``date '昭和65年' not converted: …`` or ``speaker: …`` -> its category."""
    m = PASS_WARNING.match(message)
    return m[1] if m else ("sidecar" if message.startswith("[[") else "build")


class _NoSidecar(Exception):
    """Inspect the text as if it had no sidecar (``check --no-sidecar``: before any annotation work)."""
