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
from . import Pass, sidecar_table

STRIKE = regex.compile(r"~~(?=\S)((?:(?!~~)(?!\n[ \t]*\n).)+?)(?<=\S)~~", regex.DOTALL)
STRUCTURE = ("p", "cell", "row", "item", "head", "note", "speaker", "fw", "ab")
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
        """A strike-through never runs from one cell, item or paragraph into another."""
        return any(s.start < start < s.end < end or start < s.start < end < s.end
                   for s in doc.find(*STRUCTURE))

    @staticmethod
    def respell(el: etree._Element, tag: str) -> tuple[str, str] | None:
        if tag == "del" and el.get("rend") == "strikethrough":
            return "~~", "~~"
        return None
