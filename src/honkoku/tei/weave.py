"""Spans -> nested TEI elements: the one place where nesting and overlap are decided.

Spans are opened in document order; where two share a range, ``RANK`` says
which is outside (div outside p outside choice outside orig). A span that
would cross the end of an enclosing element is split there if it is a
phrase-level element that may be split (``SPLITTABLE``), else dropped with a
warning: never silently wrong nesting. Text between spans goes into the
innermost open element; in element-only containers (div, sp, table …)
whitespace is dropped; in mixed content a single newline becomes ``<lb/>``
and a blank line (a page break inside a paragraph) disappears. Characters
under ``OMIT`` spans are marker syntax and are not written.
"""
from __future__ import annotations

import heapq

import regex
from lxml import etree

from ..model import OMIT, Document, Span
from . import attr_name, tei

RANK = {
    "text": -3, "front": -2, "body": -2, "div": 0, "figure": 5, "sp": 10, "note": 12, "table": 20, "list": 20,
    "row": 25, "head": 30, "item": 30, "cell": 30, "speaker": 30, "p": 40, "ab": 40, "fw": 45,
    "choice": 60, "orig": 65, "sic": 65, "unclear": 80, "stamp": 50,
}
DEFAULT_RANK = 70
# Elements that hold only elements: whitespace text inside them is dropped.
ELEMENT_ONLY = {"text", "front", "body", "back", "div", "sp", "table", "row", "list", "figure", "choice",
                "listPerson", "listPlace", "listOrg"}
SPLITTABLE = {"del", "add", "hi", "unclear", "persName", "placeName", "orgName", "term", "date", "foreign",
              "rs", "name", "supplied"}
NEWLINES = regex.compile(r"[ \t\u3000]*\n(?:[ \t\u3000\f]*\n)*[ \t\u3000\f]*")


def _key(span: Span) -> tuple:
    return (span.start, 0 if span.is_milestone else 1, -span.end, RANK.get(span.tag, DEFAULT_RANK), span.seq)


class Weaver:
    def __init__(self, doc: Document):
        self.doc = doc
        self.text = doc.text
        self.mask = bytearray(len(doc.text))
        for s in doc.spans:
            if s.tag == OMIT:
                self.mask[s.start:s.end] = b"\x01" * (s.end - s.start)
        self.root = etree.Element(tei("text"))
        self.stack: list[tuple[etree._Element, Span]] = [(self.root, Span(0, len(doc.text), "text"))]
        self.cursor = 0

    # -- text ---------------------------------------------------------------------
    def _append(self, el: etree._Element, chunk: str) -> None:
        if not chunk:
            return
        last = next(el.iterchildren(reversed=True), None)    # len(el) walks every child: quadratic
        if last is not None:
            last.tail = (last.tail or "") + chunk
        else:
            el.text = (el.text or "") + chunk

    def _emit(self, upto: int) -> None:
        if upto <= self.cursor:
            return
        raw = self.text[self.cursor:upto]
        if any(self.mask[self.cursor:upto]):
            raw = "".join(ch for ch, m in zip(raw, self.mask[self.cursor:upto]) if not m)
        self.cursor = upto
        el, span = self.stack[-1]
        tag = etree.QName(el).localname
        if tag in ELEMENT_ONLY:
            if raw.strip():
                self.doc.warn(upto - len(raw), f"text outside any paragraph in <{tag}>: kept in <ab>")
                ab = etree.SubElement(el, tei("ab"), type="unclassified")
                ab.text = raw.strip()
            return
        pos = 0
        for m in NEWLINES.finditer(raw):
            self._append(el, raw[pos:m.start()])
            if m[0].count("\n") == 1:          # a line break; a blank line is a page join: nothing
                etree.SubElement(el, tei("lb"))
            pos = m.end()
        self._append(el, raw[pos:])

    # -- elements -----------------------------------------------------------------
    def _open(self, span: Span) -> None:
        parent = self.stack[-1][0]
        el = etree.SubElement(parent, tei(span.tag))
        for k, v in span.attrs.items():
            if not k.startswith("#"):
                el.set(attr_name(k), v)
        for ins in span.before:
            self._insert(el, ins)
        if span.is_milestone:
            for ins in span.after:
                self._insert(el, ins)
            return
        self.stack.append((el, span))

    def _close(self) -> None:
        el, span = self.stack.pop()
        self._emit(span.end)
        for ins in span.after:
            self._insert(el, ins)

    @staticmethod
    def _insert(parent: etree._Element, ins) -> None:
        child = etree.SubElement(parent, tei(ins.tag))
        for k, v in ins.attrs:
            child.set(attr_name(k), v)
        child.text = ins.text or None

    def weave(self) -> etree._Element:
        queue = [(_key(s), s.seq, s) for s in self.doc.spans if s.tag != OMIT and not s.tag.startswith("#")]
        heapq.heapify(queue)
        extra = 10 ** 9
        while queue:
            _, _, span = heapq.heappop(queue)
            while self.stack[-1][1].end < span.start or (
                    self.stack[-1][1].end == span.start and len(self.stack) > 1
                    and not self.stack[-1][1].is_milestone):
                self._emit(self.stack[-1][1].end)
                self._close()
            self._emit(span.start)
            top = self.stack[-1][1]
            if span.end > top.end:
                if span.tag in SPLITTABLE and span.start < top.end:
                    rest = Span(top.end, span.end, span.tag, {k: v for k, v in span.attrs.items() if k != "xml:id"},
                                span.by, (), span.after, seq=extra)
                    extra += 1
                    heapq.heappush(queue, (_key(rest), rest.seq, rest))
                    span = Span(span.start, top.end, span.tag, span.attrs, span.by, span.before, (), span.seq)
                else:
                    self.doc.warn(span.start, f"<{span.tag}> from {span.by} crosses the end of <{top.tag}> and "
                                  "cannot be split: left out")
                    continue
            self._open(span)
        while len(self.stack) > 1:
            self._emit(self.stack[-1][1].end)
            self._close()
        self._emit(len(self.text))
        return self.root


def weave(doc: Document) -> etree._Element:
    return Weaver(doc).weave()
