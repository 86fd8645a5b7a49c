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
    # a name over exactly a letter-spaced word holds the whole choice: <term><choice><orig>I N F</orig>…
    "persName": 55, "placeName": 55, "orgName": 55, "term": 55,
}
DEFAULT_RANK = 70
# Elements that hold only elements: whitespace text inside them is dropped.
ELEMENT_ONLY = {"text", "front", "body", "back", "div", "sp", "table", "row", "list", "figure", "choice",
                "listPerson", "listPlace", "listOrg"}
SPLITTABLE = {"del", "add", "hi", "unclear", "persName", "placeName", "orgName", "term", "date", "foreign",
              "rs", "name", "supplied"}
# Elements whose content is text: where a split phrase may resume.
TEXT_CONTAINERS = {"p", "head", "cell", "item", "ab", "note", "speaker", "fw", "stamp", "label"}
# Scripts written without spaces between words (and their punctuation).
SPACELESS = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}ー\u3000-\u303f\uff00-\uffef]")
NEWLINES = regex.compile(r"[ \t\u3000]*\n(?:[ \t\u3000\f]*\n)*[ \t\u3000\f]*")


def _key(span: Span) -> tuple:
    return (span.start, 0 if span.start == span.end else 1, -span.end, RANK.get(span.tag, DEFAULT_RANK), span.seq)


_QNAMES: dict[str, str] = {}


def _qname(tag: str) -> str:
    """``{TEI namespace}tag``, made once per tag."""
    name = _QNAMES.get(tag)
    if name is None:
        name = _QNAMES[tag] = tei(tag)
    return name


class Weaver:
    def __init__(self, doc: Document):
        self.doc = doc
        self.text = doc.text
        self.mask = bytearray(len(doc.text))
        for s in doc.spans:
            if s.tag == OMIT:
                self.mask[s.start:s.end] = b"\x01" * (s.end - s.start)
        for m in regex.finditer(r"\f", doc.text):     # a form feed is a page break (pb type="formfeed")
            self.mask[m.start()] = 1
        self.root = etree.Element(tei("text"))
        # open elements: [element, its span, its last child so far (text after it goes in its tail)]
        self.stack: list[list] = [[self.root, Span(0, len(doc.text), "text"), None]]
        self.cursor = 0

    # -- text ---------------------------------------------------------------------
    @staticmethod
    def _append(frame: list, chunk: str) -> None:
        if not chunk:
            return
        last = frame[2]
        if last is not None:
            last.tail = (last.tail or "") + chunk
        else:
            el = frame[0]
            el.text = (el.text or "") + chunk

    def _emit(self, upto: int) -> None:
        if upto <= self.cursor:
            return
        raw = self.text[self.cursor:upto]
        if self.mask.find(1, self.cursor, upto) != -1:
            raw = "".join(ch for ch, m in zip(raw, self.mask[self.cursor:upto]) if not m)
        self.cursor = upto
        frame = self.stack[-1]
        el, span = frame[0], frame[1]
        tag = span.tag                      # the element was made from it: tei(span.tag)
        if tag in ELEMENT_ONLY:
            if raw.strip():
                self.doc.warn(upto - len(raw), f"text outside any paragraph in <{tag}>: kept in <ab>")
                ab = frame[2] = etree.SubElement(el, tei("ab"), type="unclassified")
                ab.text = raw.strip()
            return
        if "\n" not in raw:                 # NEWLINES needs one: most chunks are within a line
            self._append(frame, raw)
            return
        pos = 0
        for m in NEWLINES.finditer(raw):
            self._append(frame, raw[pos:m.start()])
            if m[0].count("\n") == 1:          # a line break; a blank line is a page join: nothing
                frame[2] = etree.SubElement(el, tei("lb"))
            pos = m.end()
        self._append(frame, raw[pos:])

    # -- elements -----------------------------------------------------------------
    def _open(self, span: Span) -> None:
        parent = self.stack[-1]
        if span.tag == "pb" and span.attrs.get("#joins") and span.attrs.get("break") != "no":
            self._word_space(parent, span.start, int(span.attrs["#joins"]))
        el = parent[2] = etree.SubElement(parent[0], _qname(span.tag),
                                          {attr_name(k): v for k, v in span.attrs.items() if k[:1] != "#"})
        last = None
        for ins in span.before:
            last = self._insert(el, ins)
        if span.start == span.end:
            for ins in span.after:
                self._insert(el, ins)
            return
        self.stack.append([el, span, last])

    def _close(self) -> None:
        el, span, _ = self.stack.pop()
        self._emit(span.end)
        for ins in span.after:
            self._insert(el, ins)

    @staticmethod
    def _insert(parent: etree._Element, ins) -> etree._Element:
        child = etree.SubElement(parent, tei(ins.tag))
        for k, v in ins.attrs:
            child.set(attr_name(k), v)
        child.text = ins.text or None
        return child

    def _next_text_container(self, start: int, end: int) -> int | None:
        """Where, in [start, end), the next element that may hold text begins."""
        for s in self.containers:
            if start <= s.start < end:
                return s.start
            if s.start >= end:
                break
        return None

    def _word_space(self, frame: list, at: int, resumes: int) -> None:
        """A paragraph joined across a page keeps one space between words of a spaced script
        ("to<pb/>reconvene" would read "toreconvene"); Japanese runs on without one."""
        before = self.text[:at].rstrip()[-1:]
        after = self.text[resumes:resumes + 1]
        if before and after and not SPACELESS.match(before) and not SPACELESS.match(after):
            self._append(frame, " ")

    def weave(self) -> etree._Element:
        queue = [(_key(s), s.seq, s) for s in self.doc.spans if s.tag != OMIT and not s.tag.startswith("#")]
        self.containers = sorted((s for s in self.doc.spans if s.tag in TEXT_CONTAINERS and not s.is_milestone),
                                 key=lambda s: s.start)
        heapq.heapify(queue)
        extra = 10 ** 9
        stack, pop = self.stack, heapq.heappop
        while queue:
            span = pop(queue)[2]
            top = stack[-1][1]
            # close what ends before this span starts (or where it starts, unless the open one is the root)
            while top.end < span.start or (top.end == span.start and len(stack) > 1 and top.start != top.end):
                if top.end > self.cursor:
                    self._emit(top.end)
                self._close()
                top = stack[-1][1]
            if span.start > self.cursor:
                self._emit(span.start)
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
            parent = self.stack[-1][0]
            if (span.tag in SPLITTABLE and etree.QName(parent).localname in ELEMENT_ONLY
                    and not span.is_milestone):
                # the rest of a split phrase lands between blocks: resume it in the next block
                at = self._next_text_container(span.start + 1, span.end)
                if at is not None:
                    rest = Span(at, span.end, span.tag, dict(span.attrs), span.by, span.before, span.after, seq=extra)
                    extra += 1
                    heapq.heappush(queue, (_key(rest), rest.seq, rest))
                else:
                    self.doc.warn(span.start, f"<{span.tag}> from {span.by} lies between blocks: left out")
                continue
            self._open(span)
        while len(self.stack) > 1:
            self._emit(self.stack[-1][1].end)
            self._close()
        self._emit(len(self.text))
        return self.root


def weave(doc: Document) -> etree._Element:
    return Weaver(doc).weave()
