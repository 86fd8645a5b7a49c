"""Spans -> nested TEI elements: the one place where nesting and overlap are decided.

Spans are opened in document order; where two share a range, ``RANK`` says
which is outside (div outside p outside choice outside orig). A span that
would cross the end of an enclosing element is split there if it is a
phrase-level element that may be split (``SPLITTABLE``: the parts are linked
by ``@next``/``@prev``; a part that would start between the children of an
element-only container moves to where the next child starts). Any other span
that cannot nest, or that TEI does not allow where it falls (``PARENTS``), is
never written in a wrong place: if the editor declared it in the sidecar
(``#entry``), the build stops with a UserError naming the entry; if a pass
detected it, it is left out with a warning and its text stays. Text between
spans goes into the innermost open element; in element-only containers (div, sp, table …)
whitespace is dropped; in mixed content a single newline becomes ``<lb/>``
and a blank line (a page break inside a paragraph) disappears. Characters
under ``OMIT`` spans are marker syntax and are not written.
"""
from __future__ import annotations

import bisect
import heapq
import re

import regex
from lxml import etree

from ..errors import Problem, UserError
from ..model import OMIT, Document, Span
from .xml import Node

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
# Text no pass placed, in an element-only container, is kept in the element the container may hold.
STRAY_TEXT = {"table": ("row", "cell"), "row": ("cell",), "list": ("item",)}
SPLITTABLE = {"del", "add", "hi", "unclear", "persName", "placeName", "orgName", "term", "date", "foreign",
              "rs", "name", "supplied"}
# Scripts written without spaces between words (and their punctuation).
SPACELESS = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}ー\u3000-\u303f\uff00-\uffef]")
NEWLINES = re.compile(r"[ \t\u3000]*\n(?:[ \t\u3000\f]*\n)*[ \t\u3000\f]*")   # plain re: a cheaper call


# Ranks below this are structure (divisions, blocks, rows, items); above, phrase-level markup.
STRUCTURE = 50
# Phrase-level elements TEI allows right inside element-only containers (model.global); others must be
# inside a child (a del between two list items moves into the next item).
IN_CONTAINERS = {"gap", "space", "note", "fw", "figure", "metamark", "pb", "lb", "cb", "milestone", "anchor"}

# Structure TEI allows only in certain parents (a head, moreover, only before the other content).
PARENTS = {"row": {"table"}, "cell": {"row"}, "item": {"list"},
           "head": {"div", "front", "body", "back", "list", "table", "figure", "lg"},
           "p": {"div", "front", "body", "back", "figure", "note", "sp", "cell", "item"},
           "ab": {"div", "front", "body", "back", "figure", "note", "sp", "cell", "item"}}

# Elements TEI allows nothing else in (not even a page break).
CHILDREN = {"row": {"cell"}}
# What ``Weaver._misplaced`` looks at: a span with any other tag, in any other parent, is never misplaced.
CHECKED = set(PARENTS) | {"head"}
CHECKED_PARENTS = set(CHILDREN) | {"desc"}


def _key(span: Span) -> tuple:
    """Document order; at one offset milestones first, then divisions, then other structure (so a phrase
    that starts with an item is split at the item's end rather than swallowing it), then the longer span,
    then ``RANK``."""
    rank = RANK.get(span.tag, DEFAULT_RANK)
    level = 0 if rank <= RANK["div"] else 1 if rank < STRUCTURE else 2
    return (span.start, 0 if span.is_milestone else 1, level, -span.end, rank, span.seq)


class Weaver:
    def __init__(self, doc: Document):
        self.doc = doc
        self.text = doc.text
        self.mask = bytearray(len(doc.text))
        for s in doc.spans:
            if s.tag == OMIT:
                self.mask[s.start:s.end] = b"\x01" * (s.end - s.start)
        self.root = Node("text")
        self.nodes = [self.root]                   # every element, in document order (the header counts them)
        self.stack: list[tuple[Node, Span]] = [(self.root, Span(0, len(doc.text), "text"))]
        self.cursor = 0
        self.problems: dict[str, Problem] = {}     # sidecar entry -> why it cannot be woven
        self.starts = sorted({s.start for s in doc.spans if s.tag != OMIT})

    # -- text ---------------------------------------------------------------------
    @staticmethod
    def _append(el: Node, chunk: str) -> None:
        if chunk:
            el.parts.append(chunk)

    def _emit(self, upto: int) -> None:
        if upto <= self.cursor:
            return
        raw = self.text[self.cursor:upto]
        if self.mask.find(1, self.cursor, upto) != -1:
            raw = "".join(ch for ch, m in zip(raw, self.mask[self.cursor:upto]) if not m)
        if "\f" in raw:
            raw = raw.replace("\f", "")    # a form feed is a <pb type="formfeed"/>, and XML cannot store it
        self.cursor = upto
        el, span = self.stack[-1]
        tag = span.tag                     # the stack holds each element with the span it was opened for
        if tag in ELEMENT_ONLY:
            if raw.strip():
                wrap = STRAY_TEXT.get(tag, ("ab",))
                self.doc.warn(upto - len(raw), f"text outside any paragraph in <{tag}>: kept in <{wrap[-1]}>")
                for name in wrap:
                    child = Node(name)
                    el.parts.append(child)
                    self.nodes.append(child)
                    el = child
                el.set("type" if wrap == ("ab",) else "rend", "unclassified")
                el.parts.append(raw.strip())
            return
        if "\n" not in raw:               # most runs of text between two elements
            self._append(el, raw)
            return
        pos = 0
        for m in NEWLINES.finditer(raw):
            self._append(el, raw[pos:m.start()])
            if m[0].count("\n") == 1:          # a line break; a blank line is a page join: nothing
                lb = Node("lb")
                el.parts.append(lb)
                self.nodes.append(lb)
            pos = m.end()
        self._append(el, raw[pos:])

    # -- elements -----------------------------------------------------------------
    def _word_space(self, el: Node, at: int, resumes: int) -> None:
        """A paragraph joined across a page keeps one space between words of a spaced script
        ("to<pb/>reconvene" would read "toreconvene"); Japanese runs on without one."""
        text, i = self.text, at
        while i > 0 and text[i - 1].isspace():         # text[:at].rstrip()[-1:], without copying the text before
            i -= 1
        if _word_space_allowed(text[i - 1:i] if i else "", text[resumes:resumes + 1]):
            self._append(el, " ")

    def _open(self, span: Span) -> None:
        parent = self.stack[-1][0]
        attrs = span.attrs
        if span.tag == "pb" and attrs.get("#joins") and attrs.get("break") != "no":
            self._word_space(parent, span.start, int(attrs["#joins"]))
        # attributes in the order the passes set them, "#…" ones are not XML
        el = Node(span.tag, {k: v for k, v in attrs.items() if k[:1] != "#"} if attrs else None)
        parent.parts.append(el)
        self.nodes.append(el)
        for ins in span.before:
            self._insert(el, ins)
        if span.is_milestone and span.tag not in ELEMENT_ONLY:
            for ins in span.after:
                self._insert(el, ins)
            return
        self.stack.append((el, span))

    def _close(self) -> None:
        """Close the innermost element: its text up to its end, then its editorial children (reg, corr)."""
        el, span = self.stack[-1]
        if span.end > self.cursor:
            self._emit(span.end)
        self.stack.pop()
        for ins in span.after:
            self._insert(el, ins)

    def _insert(self, parent: Node, ins) -> None:
        child = Node(ins.tag, dict(ins.attrs) if ins.attrs else None, ins.text or None)
        parent.parts.append(child)
        self.nodes.append(child)

    def weave(self) -> Node:
        queue = [(_key(s), s.seq, s) for s in self.doc.spans if s.tag != OMIT and not s.tag.startswith("#")]
        heapq.heapify(queue)
        extra = 10 ** 9
        stack = self.stack
        while queue:
            _, _, span = heapq.heappop(queue)
            while True:                 # close what ends before it (the common cases decided inline)
                top_end = stack[-1][1].end
                if top_end < span.start or (top_end == span.start and self._ends_before(span)):
                    self._close()
                else:
                    break
            if span.start > self.cursor:
                self._emit(span.start)
            top = stack[-1][1]
            if top.tag in ELEMENT_ONLY and self._between_children(span):
                moved = self._next_start(span)
                if moved is None:
                    self._cannot_nest(span, top, f"starts between the elements of <{top.tag}>")
                else:
                    heapq.heappush(queue, (_key(moved), moved.seq, moved))
                continue
            misplaced = self._misplaced(span) if span.tag in CHECKED or top.tag in CHECKED_PARENTS else ""
            if misplaced and span.is_milestone and queue and queue[0][2].start == span.start \
                    and queue[0][2].tag in CHILDREN.get(self.stack[-1][1].tag, ()):
                # a page break where a cell starts: it opens inside that cell, not before it in the row
                heapq.heappush(queue, ((span.start, 1, 1, 1, DEFAULT_RANK, span.seq), span.seq, span))
                continue
            if misplaced:
                self._cannot_nest(span, top, misplaced)
                continue
            if span.end > top.end:
                if span.tag in SPLITTABLE and span.start < top.end:
                    span, rest = self._split(span, top.end, extra)
                    extra += 1
                    heapq.heappush(queue, (_key(rest), rest.seq, rest))
                else:
                    self._cannot_nest(span, top)
                    continue
            self._open(span)
        while len(self.stack) > 1:
            self._close()
        self._emit(len(self.text))
        if self.problems:
            raise UserError.many(list(self.problems.values()))
        return self.root

    def _split(self, span: Span, at: int, seq: int) -> tuple[Span, Span]:
        """``span`` cut at ``at``: the parts are linked by ``@next``/``@prev`` (one deletion in two
        elements, so recovery writes its ``~~`` once), the first keeping the span's id."""
        first_id = span.attrs.get("xml:id") or self.doc.line_id(span.tag, span.start)
        rest_id = self.doc.line_id(span.tag, at)
        attrs = {k: v for k, v in span.attrs.items() if k not in ("xml:id", "next")}
        first = Span(span.start, at, span.tag, {**span.attrs, "xml:id": first_id, "next": f"#{rest_id}"},
                     span.by, span.before, (), span.seq)
        rest = Span(at, span.end, span.tag, {**attrs, "xml:id": rest_id, "prev": f"#{first_id}"},
                    span.by, (), span.after, seq=seq)
        return first, rest

    def _unlink(self, span: Span) -> None:
        """A part that is left out: the part before it no longer points to it."""
        if span.attrs.get("prev"):
            wanted = span.attrs["prev"][1:]
            before = next((n for n in self.root.iter() if n.attrib.get("xml:id") == wanted), None)
            if before is not None:
                before.attrib.pop("next", None)

    def _between_children(self, span: Span) -> bool:
        """True if ``span`` is phrase-level markup about to open right inside an element-only container."""
        parent = self.stack[-1][1].tag
        return (parent in ELEMENT_ONLY and parent != "choice" and not span.is_milestone
                and RANK.get(span.tag, DEFAULT_RANK) >= STRUCTURE and span.tag not in IN_CONTAINERS)

    def _next_start(self, span: Span) -> Span | None:
        """A splittable span moved to where the container's next element starts (the text it skips is
        syntax or whitespace between elements), or None if it cannot be moved."""
        if span.tag not in SPLITTABLE:
            return None
        i = bisect.bisect_right(self.starts, span.start)
        if i == len(self.starts) or self.starts[i] >= span.end:
            return None
        return Span(self.starts[i], span.end, span.tag, span.attrs, span.by, span.before, span.after, span.seq)

    def _ends_before(self, span: Span) -> bool:
        """True if the innermost open element must be closed before ``span`` opens."""
        top = self.stack[-1][1]
        if top.end != span.start or len(self.stack) == 1:
            return top.end < span.start
        if top.is_milestone:        # an empty container (an empty source's body) holds what ranks inside it
            return not (span.is_milestone and RANK.get(span.tag, DEFAULT_RANK) > RANK.get(top.tag, DEFAULT_RANK))
        return True

    def _cannot_nest(self, span: Span, top: Span, how: str = "") -> None:
        """The overlap rule: an editor's annotation that cannot nest is an error naming its sidecar entry, and
        so is one that a detected annotation cannot nest in (a note quoting "- 本" across a list item's
        bullet); any other detected one is left out (its text stays, unmarked) with a warning."""
        how = how or f"would cross the end of <{top.tag}> (source lines {self.doc.line_of(top.start)}-" \
                      f"{self.doc.line_of(top.end)}), and <{span.tag}> cannot be split"
        self._unlink(span)
        if span.attrs.get("#entry"):
            self._blame(span, f"{how}")
            return
        declared = next((s for _, s in reversed(self.stack) if s.attrs.get("#entry")), None)
        if declared is not None:
            self._blame(declared, f"holds part of the <{span.tag}> at source line {self.doc.line_of(span.start)}, "
                        f"which honkoku found there: that <{span.tag}> {how}")
            return
        self.doc.warn(span.start, f"<{span.tag}> from {span.by} {how}: left out")

    def _blame(self, span: Span, how: str) -> None:
        """Record the sidecar entry of ``span`` as the one to fix (once per entry)."""
        entry = span.attrs["#entry"]
        table, index, key = entry.split(":")
        if entry not in self.problems:
            err = self.doc.meta["sidecar"].problem(
                f"[[{table}]] entry {int(index) + 1}: its <{span.tag}> (source line {self.doc.line_of(span.start)}) "
                f"{how}", table, int(index), key, "quote text that lies wholly inside one element, or wholly around it")
            self.problems[entry] = err.problems[0]

    def _misplaced(self, span: Span) -> str:
        """Why TEI does not allow ``span`` where it would open, or ""."""
        parent_el, parent_span = self.stack[-1]
        parent = parent_span.tag
        if parent == "desc":
            return "would be inside a marker such as [REDACTED] (<gap><desc>), which stands for absent text"
        if span.tag in PARENTS and parent not in PARENTS[span.tag]:
            return f"would be inside <{parent}>, where TEI allows no <{span.tag}>"
        if parent in CHILDREN and span.tag not in CHILDREN[parent]:
            return f"would be in a <{parent}> but outside its <{'>, <'.join(sorted(CHILDREN[parent]))}>"
        if span.tag == "head":
            before = [c.tag for c in parent_el]
            if parent_el.leading_text().strip() or any(tag not in IN_CONTAINERS | {"head"} for tag in before):
                return f"would come after the text of its <{parent}>: a head must open it"
        return ""


def _word_space_allowed(before: str, after: str) -> bool:
    return bool(before and after) and not SPACELESS.match(before) and not SPACELESS.match(after)


def weave_tree(doc: Document) -> tuple[Node, list[Node]]:
    """The ``<text>`` element as a light tree (``xml.Node``), for writing the TEI file, and all its
    elements in document order (what the header counts, without walking the tree again)."""
    weaver = Weaver(doc)
    return weaver.weave(), weaver.nodes


def weave(doc: Document) -> etree._Element:
    """The ``<text>`` element as an lxml tree (tests and tools that query it)."""
    return weave_tree(doc)[0].to_lxml()
