"""Paragraphs: every block no other pass owns becomes ``<p xml:id="p-L34">``.

A block joined across a page break is one paragraph. A speaker label or a
declared head at the start of a block stays outside the paragraph
(``<speaker>(次官)</speaker><p>…``).
A numbered narrative paragraph keeps its number in the text and in ``@n``:
``(2) 軍備管理については`` → ``<p n="2">``. Runs last among the structure passes.
"""
from __future__ import annotations

import regex

from ..model import Document
from . import Pass

NUMBERED = regex.compile(r"^(?:[(（]([\p{Nd}]{1,3})[)）]|([\p{Nd}]{1,3})[.．](?!\p{Nd}))")


class Paragraphs(Pass):
    name = "paragraphs"
    priority = 290
    EXAMPLE = "(2) 軍備管理については11日午後の第2セッションで"

    def apply(self, doc: Document) -> None:
        speakers = {}
        for s in doc.find("speaker"):
            speakers.setdefault(s.start, s)          # the first label at a place, as a scan would find
        for block in doc.blocks():
            if doc.claimed(block.start, block.end):
                continue
            start = block.start
            label = speakers.get(start) or doc.inside(start, start + 1, "head")
            if label is not None:
                rest = doc.text[label.end:block.end]
                if not rest.strip():
                    continue
                start = label.end + len(rest) - len(rest.lstrip())
            attrs = {"xml_id": doc.line_id("p", start)}
            number = NUMBERED.match(doc.text[start:block.end])
            if number:
                attrs["n"] = number[1] or number[2]
            doc.add(start, block.end, "p", self.name, **attrs)
