"""Deletions: Markdown strike-through ``~~…~~`` as ``<del rend="strikethrough">``.

``北米局 ~~条約局~~`` → ``北米局 <del rend="strikethrough" hand="#h-ms">条約局</del>``

The tildes are syntax (written back by ``respell``). An unbalanced ``~~`` or
one across a blank line is left as text for the editor (check reports it).
``[strikethrough] hand`` in the sidecar names the hand that struck them out.
Runs after paragraphs and redactions.
"""
from __future__ import annotations

import regex
from lxml import etree

from ..model import Document
from ..sidecar import Key, Table
from . import Pass, sidecar_entries, sidecar_error, sidecar_table

STRIKE = regex.compile(r"~~(?=\S)((?:(?!~~)(?!\n[ \t]*\n).)+?)(?<=\S)~~", regex.DOTALL)
# Tildes never pair across table cells (OCR cell syntax between them); across items or paragraphs
# the weaver splits the deletion into linked parts (@next/@prev).
STRUCTURE = ("cell", "row")
STRIKETHROUGH = Table("strikethrough", "Who struck text out (applies to every ~~…~~ of the source).", (
    Key("hand", str, "id of the hand, declared in [[hand]]", "h-ms"),
))


class Deletions(Pass):
    name = "deletions"
    priority = 310
    SIDECAR = (STRIKETHROUGH,)
    EXAMPLE = "北米局 ~~条約局~~"

    def apply(self, doc: Document) -> None:
        hand = sidecar_table(doc, "strikethrough").get("hand")
        attrs = {"rend": "strikethrough"}
        if hand:
            declared = {h.get("id") for h in sidecar_entries(doc, "hand")}
            if hand not in declared:
                raise sidecar_error(doc, f"[strikethrough] names hand {hand!r}, which is not declared",
                                    "strikethrough", None, "hand", f"add [[hand]] with id = \"{hand}\"")
            attrs["hand"] = f"#{hand}"
        pos = 0
        while (m := STRIKE.search(doc.text, pos)) is not None:
            pos = m.end()
            if doc.covered(m.start(), m.end(), "figure", "gap"):
                continue
            if self._crosses_structure(doc, m.start(), m.end()):
                pos = m.start() + 2       # these tildes pair with later ones, or with none
                continue
            doc.omit(m.start(), m.start() + 2, self.name)
            doc.omit(m.end() - 2, m.end(), self.name)
            doc.add(m.start(), m.end(), "del", self.name, **attrs)

    @staticmethod
    def _crosses_structure(doc: Document, start: int, end: int) -> bool:
        """A strike-through never runs from one table cell into another: a cell
        holding its first character ends before its last, or one holding its last starts after its first."""
        return (any(s.end < end for s in doc.containing(start, start + 1, *STRUCTURE))
                or any(s.start > start for s in doc.containing(end - 1, end, *STRUCTURE)))

    @staticmethod
    def respell(el: etree._Element, tag: str) -> tuple[str, str] | None:
        if tag == "del" and el.get("rend") == "strikethrough":    # a split deletion has its ~~ once
            return "" if el.get("prev") else "~~", "" if el.get("next") else "~~"
        return None
