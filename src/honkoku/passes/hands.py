"""Hands: what the editor says was handwritten, and approval marks.

``[[handwritten]]`` entries, by ``kind``:
- ``block`` (the default when the quote covers whole paragraphs): ``<p hand="#h-ms">``;
- ``note``: a handwritten remark standing alone, ``<note type="annotation" hand>``;
- ``add``: handwriting inside typed text, ``<add hand>``;
- ``approval``: a 了 or initials, ``<add type="approval" hand>``.
Inside handwritten blocks, an insertion arrow ``→`` is a ``<metamark function="insertion">``.
Runs after paragraphs (it marks the paragraphs they made) and deletions.
"""
from __future__ import annotations

import regex

from ..model import Document
from ..sidecar import ANCHOR_KEYS, Key, Table
from . import Pass, anchored, sidecar_entries, sidecar_error

HANDWRITTEN = Table("handwritten", "Text written by hand (on a typed or printed original).", ANCHOR_KEYS + (
    Key("hand", str, "id of the hand, declared in [[hand]]", "h-ms", required=True),
    Key("kind", str, "block, note, add or approval (default: block if whole paragraphs, else add)", "note",
        choices=("block", "note", "add", "approval")),
    Key("place", str, "where on the page, if seen on a scan", "margin",
        choices=("above", "below", "margin", "top", "bottom", "inline")),
), many=True)

ARROW = regex.compile(r"[→←↑↓⇒⤴⤵]")


class Hands(Pass):
    name = "hands"
    priority = 320
    SIDECAR = (HANDWRITTEN,)
    EXAMPLE = '[[handwritten]]\nquote = "本日午後5時の迄の到着を期す"\nhand = "h-ms"\nkind = "note"'

    def apply(self, doc: Document) -> None:
        hands = {h.get("id") for h in sidecar_entries(doc, "hand")}
        for i, entry, start, end in anchored(doc, "handwritten"):
            hand = entry["hand"]
            if hand not in hands:
                raise sidecar_error(doc, f"[[handwritten]] entry {i + 1} names hand {hand!r}, which is not declared",
                                    "handwritten", i, "hand", f"add [[hand]] with id = \"{hand}\", or use one of: "
                                    + (", ".join(sorted(h for h in hands if h)) or "(none declared)"))
            blocks = [s for s in doc.find("p", "head", "list", "table")
                      if start <= s.start and s.end <= end and s.start < s.end]
            kind = entry.get("kind") or ("block" if blocks else "add")
            ref = f"#{hand}"
            place = {"place": entry["place"]} if entry.get("place") else {}
            if kind == "approval":
                doc.add(start, end, "add", self.name, type="approval", hand=ref, **place)
            elif kind == "add":
                doc.add(start, end, "add", self.name, hand=ref, **place)
            elif kind == "note":
                self._note(doc, start, end, ref, place)
            else:
                if not blocks:
                    raise sidecar_error(doc, f"[[handwritten]] entry {i + 1} is kind 'block' but covers no whole "
                                        "paragraph", "handwritten", i, "kind",
                                        "quote whole paragraphs, or use kind = \"add\"")
                for span in blocks:
                    span.attrs["hand"] = ref
                    for m in ARROW.finditer(doc.text, span.start, span.end):
                        doc.add(m.start(), m.end(), "metamark", self.name, function="insertion")

    def _note(self, doc: Document, start: int, end: int, ref: str, place: dict[str, str]) -> None:
        whole = [s for s in doc.find("p") if s.start == start and s.end == end]
        if whole:                        # a block of its own: the paragraph becomes the note
            span = whole[0]
            span.tag = "note"
            ident = span.attrs.get("xml:id")          # a stamp's or form's paragraph has none
            span.attrs = {"type": "annotation", "hand": ref, **place,
                          **({"xml:id": ident.replace("p-", "n-", 1)} if ident else {})}
        else:
            doc.add(start, end, "note", self.name, type="annotation", hand=ref, **place)
