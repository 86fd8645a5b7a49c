"""Every quotation anchor of a sidecar, resolved: report them all, not just the first.

The build stops at the first quote that matches nothing (it must not guess).
After an edit of the text several annotations may break at once; the editor
wants the full list, each with its TOML line. The anchors are the ones the
passes resolve: ``quote`` (+ ``prefix``/``suffix``/``occurrence``, ``until``)
of every ``[[table]]`` that declares a ``quote`` key, ``[[document]]``
``start`` and ``head``, ``[[form]]`` ``start``/``end``. Broken entries are
left out of a pruned copy of the sidecar, so the passes can still run on
the rest.
"""
from __future__ import annotations

import copy

from ..anchors import Anchor, AnchorError, resolve
from ..model import Document
from ..sidecar import Sidecar, all_tables, locate
from .findings import Finding


def _finding(sc: Sidecar, source_id: str, message: str, table: str, index: int, key: str, hint: str) -> Finding:
    line, col = locate(sc.raw, table, index, key)
    return Finding(sc.path, line, col, "error", "anchor", message, hint, source_id=source_id)


def check_anchors(doc: Document) -> tuple[list[Finding], Sidecar]:
    """(errors, the sidecar without the broken entries)."""
    sc: Sidecar = doc.meta["sidecar"]
    text = doc.text
    findings: list[Finding] = []
    data = copy.deepcopy(sc.data)
    for table in all_tables():
        entries = data.get(table.name)
        if not table.many or not isinstance(entries, list):
            continue
        broken: set[int] = set()
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict):
                continue
            if table.name == "document":
                problems = _document(text, entry, i)
            elif table.name == "form":
                problems = _form(text, entry, i)
            elif table.key("quote") is not None:
                problems = _quoted(text, sc, entry, table.name, i)
            else:
                problems = []
            for key, message, hint in problems:
                findings.append(_finding(sc, doc.id, message, table.name, i, key, hint))
                if key != "head":        # a bad head is dropped from the entry; the document stays
                    broken.add(i)
        data[table.name] = [e for i, e in enumerate(entries) if i not in broken]
    return findings, Sidecar(sc.path, sc.raw, data)


Problem = tuple[str, str, str]        # (key, message, hint)


def _quoted(text: str, sc: Sidecar, entry: dict, table: str, i: int) -> list[Problem]:
    if not isinstance(entry.get("quote"), str):
        return []                # the sidecar validation reports a missing or mistyped quote
    try:
        start, end = resolve(text, sc.anchor(entry))
    except AnchorError as exc:
        return [("quote", f"[[{table}]] entry {i + 1}, quote: {exc}", exc.hint)]
    until = entry.get("until")
    if isinstance(until, str) and until and text.find(until, end) == -1:
        return [("until", f"[[{table}]] entry {i + 1}: until {until!r} is not found after the quote",
                 "quote text that follows the quote in the source")]
    return []


def _document(text: str, entry: dict, i: int) -> list[Problem]:
    ident = entry.get("id", i + 1)
    if not isinstance(entry.get("start"), str):
        return []
    try:
        start, _ = resolve(text, Anchor(entry["start"], occurrence=entry.get("start_occurrence", 0)))
    except AnchorError as exc:
        return [("start", f"[[document]] {ident!r} start: {exc}", exc.hint)]
    if text[text.rfind("\n", 0, start) + 1:start].strip():
        return [("start", f"[[document]] {ident!r} start {entry['start']!r} is not at the start of a line",
                 "quote the first characters of the document's first line")]
    heads = entry.get("head") if isinstance(entry.get("head"), list) else []
    missing = [q for q in heads if isinstance(q, str) and text.find(q, start) == -1]
    entry["head"] = [q for q in heads if q not in missing]
    return [("head", f"[[document]] {ident!r} head {q!r} is not in the document",
             "quote a heading line inside this document") for q in missing]


def _form(text: str, entry: dict, i: int) -> list[Problem]:
    if not isinstance(entry.get("start"), str) or not isinstance(entry.get("end"), str):
        return []
    try:
        start, _ = resolve(text, Anchor(entry["start"]))
    except AnchorError as exc:
        return [("start", f"[[form]] entry {i + 1}, start: {exc}", exc.hint)]
    try:
        resolve(text[start:], Anchor(entry["end"], occurrence=entry.get("end_occurrence", 1)))
    except AnchorError as exc:
        return [("end", f"[[form]] entry {i + 1}, end (after start): {exc}", exc.hint)]
    return []
