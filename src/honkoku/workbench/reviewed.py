"""``[[reviewed]]``: a finding of ``honkoku check`` the editor has looked at and accepted.

The original itself may be unbalanced (「…というジョーク」 with no opening
mark) or a short line may really be a word: once decided, the finding should
leave the worklist, and come back if the text changes (the quote then
matches nothing, which check reports as an error). A finding is reviewed
when its place lies inside the quote and its category is the one named.
The TEI is not affected.
"""
from __future__ import annotations

from ..anchors import AnchorError, resolve
from ..model import Document
from ..sidecar import ANCHOR_KEYS, Key, Table
from .findings import TEXT_CATEGORIES, Finding

REVIEWED = Table("reviewed", "A finding of `honkoku check` the editor has looked at: no longer listed.",
                 ANCHOR_KEYS[:4] + (
                     Key("category", str, "the finding's category, as check prints it in [brackets]", "brackets",
                         required=True, choices=TEXT_CATEGORIES),
                     Key("note", str, "what the editor decided, for the next editor", "unbalanced in the original"),
                 ), many=True)


def reviewed_ranges(doc: Document) -> list[tuple[int, int, str]]:
    sc = doc.meta["sidecar"]
    out = []
    for entry in sc.data.get("reviewed", []) if isinstance(sc.data.get("reviewed"), list) else []:
        try:
            start, end = resolve(doc.text, sc.anchor(entry))
        except AnchorError:
            continue                  # reported by anchorcheck
        out.append((start, end, entry.get("category", "")))
    return out


def is_reviewed(finding: Finding, ranges: list[tuple[int, int, str]]) -> bool:
    return finding.offset is not None and any(
        s <= finding.offset < max(e, s + 1) and cat == finding.category for s, e, cat in ranges)
