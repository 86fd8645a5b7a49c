"""Lists: Markdown-style items, one per line, as ``<list><item>``.

``- (1) 本年2月に…`` → ``<list rend="bulleted"><item n="1" rend="dash">(1) 本年2月に…</item></list>``

The bullet is OCR/Markdown syntax (kept out of the text, written back by
``respell``); the printed number "(1)" stays in the text and goes to ``@n``.
A line without a bullet continues the item above it, and so does a block
joined across a page break. Runs after tables, before paragraphs.
"""
from __future__ import annotations

import regex
from lxml import etree

from ..model import FOREIGN, Document
from . import Pass

BULLET = regex.compile(r"^([-*•・])[ \t\u3000]+", regex.MULTILINE)
RENDS = {"-": "dash", "*": "asterisk", "•": "bullet", "・": "nakaguro"}
SPELL = {v: k for k, v in RENDS.items()}
NUMBER = regex.compile(r"^[(（]?([\p{Nd}]{1,3}|[ivxlc]{1,6}|[a-z])[)）.]", regex.IGNORECASE)


class Lists(Pass):
    name = "lists"
    priority = 210
    EXAMPLE = "- (1) 本年2月に我が方が示唆した案\n- (2) 他方、このことは"

    def apply(self, doc: Document) -> None:
        for block in doc.blocks():
            if doc.claimed(block.start, block.end) or doc.covered(block.start, block.end, *FOREIGN):
                continue
            text = doc.text[block.start:block.end]
            if not BULLET.match(text):          # a list starts with a bullet: skip the scan otherwise
                continue
            # a running header inside a joined block ("- 3 -") is not an item
            bullets = [m for m in BULLET.finditer(text)
                       if not doc.covered(block.start + m.start(), block.start + m.end(), "fw", "gap")]
            if not bullets or bullets[0].start() != 0:
                continue
            doc.add(block.start, block.end, "list", self.name, rend="bulleted")
            for i, m in enumerate(bullets):
                start = block.start + m.end()
                end = block.start + (bullets[i + 1].start() if i + 1 < len(bullets) else len(text))
                end = start + len(doc.text[start:end].rstrip())
                attrs = {"rend": RENDS[m[1]]}
                number = NUMBER.match(doc.text[start:end])
                if number:
                    attrs["n"] = number[1]
                doc.omit(block.start + m.start(), start, self.name)
                doc.add(start, end, "item", self.name, **attrs)

    @staticmethod
    def respell(el: etree._Element, tag: str) -> tuple[str, str] | None:
        if tag == "item" and el.get("rend") in SPELL:
            return SPELL[el.get("rend")] + " ", "\n"
        return None
