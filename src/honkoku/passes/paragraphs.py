"""Paragraphs: every block no other pass owns becomes ``<p xml:id="p-L34">``.

A block joined across a page break is one paragraph. A speaker label or a
declared head at the start of a block stays outside the paragraph
(``<speaker>(次官)</speaker><p>…``); a block that holds a turn a line
(``Q: …`` / ``A: …``, cut by the speakers pass) gives a paragraph a turn.
A numbered narrative paragraph keeps its number in the text and in ``@n``:
``(2) 軍備管理については`` → ``<p n="2">``. Runs last among the structure passes.
"""
from __future__ import annotations

import bisect

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
        starts = sorted(speakers)
        for block in doc.blocks():
            if doc.claimed(block.start, block.end):
                continue
            # a turn a line (Q: … / A: …): the speakers pass cut the block before each later label
            cuts = starts[bisect.bisect_right(starts, block.start):bisect.bisect_left(starts, block.end)]
            for start, end in zip([block.start] + cuts, cuts + [block.end]):
                self._paragraph(doc, start, start + len(doc.text[start:end].rstrip()), speakers)

    def _paragraph(self, doc: Document, start: int, end: int, speakers) -> None:
        label = speakers.get(start) or doc.inside(start, start + 1, "head")
        if label is not None:
            rest = doc.text[label.end:end]
            if not rest.strip():
                return
            start = label.end + len(rest) - len(rest.lstrip())
        attrs = {"xml_id": doc.line_id("p", start)}
        number = NUMBERED.match(doc.text[start:end])
        if number:
            attrs["n"] = number[1] or number[2]
        doc.add(start, end, "p", self.name, **attrs)
