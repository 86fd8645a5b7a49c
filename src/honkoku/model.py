"""The document model: the witness text and stand-off spans over it.

Passes never edit ``Document.text``; they only add ``Span``s, so every
offset stays valid and every character of the source survives. ``tei.weave``
alone turns the spans into nested elements.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

import regex

OMIT = "#omit"          # pseudo-tag: marker syntax (``~~``, ``<p>``) not written as text

BLANK_LINES = regex.compile(r"\n[ \t\u3000\r\f]*\n[\s]*")


@dataclass(frozen=True)
class Insert:
    """An element whose text is editorial, not the witness's (reg, corr, figDesc)."""

    tag: str
    attrs: tuple[tuple[str, str], ...] = ()
    text: str = ""


@dataclass
class Span:
    start: int
    end: int                     # == start for milestones (<pb/>, <lb/>)
    tag: str                     # exact TEI element name, or OMIT
    attrs: dict[str, str] = field(default_factory=dict)
    by: str = ""                 # the pass that added it
    before: tuple[Insert, ...] = ()   # editorial children written first (figDesc)
    after: tuple[Insert, ...] = ()    # editorial children written last (reg, corr)
    seq: int = 0                 # order of addition: the last tie-breaker

    @property
    def is_milestone(self) -> bool:
        return self.start == self.end


@dataclass
class Block:
    """A run of text between blank lines, after page-break joins."""

    start: int
    end: int
    parts: tuple[tuple[int, int], ...]   # the physical blocks it was joined from

    def text(self, doc: "Document") -> str:
        return doc.text[self.start:self.end]


@dataclass
class Document:
    id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    path: str = ""
    spans: list[Span] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    _line_starts: list[int] | None = field(default=None, repr=False)
    _span_grid: "SpanGrid | None" = field(default=None, repr=False, compare=False)
    _ids: set = field(default_factory=set, repr=False, compare=False)
    _ids_seen: int = field(default=0, repr=False, compare=False)

    # -- adding spans -----------------------------------------------------
    def add(self, start: int, end: int, tag: str, by: str, *, before=(), after=(), **attrs: str) -> Span:
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {tag} {start}-{end} outside text of {len(self.text)}")
        span = Span(start, end, tag, {k.replace("_", ":", 1) if k == "xml_id" else k: v for k, v in attrs.items()},
                    by, tuple(before), tuple(after), seq=len(self.spans))
        self.spans.append(span)
        return span

    def omit(self, start: int, end: int, by: str) -> None:
        """Mark marker syntax (``~~``, ``<p>``): kept in the source, not in the TEI text."""
        if end > start:
            self.add(start, end, OMIT, by)

    def warn(self, offset: int, message: str) -> None:
        self.warnings.append((offset, message))

    # -- querying ---------------------------------------------------------
    def find(self, *tags: str) -> list[Span]:
        return [s for s in self.spans if s.tag in tags]

    def covered(self, start: int, end: int, *tags: str) -> bool:
        """True if [start, end) overlaps a span with one of ``tags``."""
        return any(s.tag in tags and s.start < end and start < s.end for s in self._grid().near(start, end))

    def overlapping(self, start: int, end: int, *tags: str) -> list[Span]:
        """Spans with one of ``tags`` that overlap [start, end), in order of addition."""
        return [s for s in self._grid().near(start, end, ordered=True)
                if s.tag in tags and s.start < end and start < s.end]

    def containing(self, start: int, end: int, *tags: str) -> list[Span]:
        """Spans with one of ``tags`` (not milestones) that contain [start, end), in order of addition."""
        return [s for s in self._grid().near(start, end, ordered=True)
                if s.tag in tags and s.start <= start and end <= s.end and s.start < s.end]

    def inside(self, start: int, end: int, *tags: str) -> Span | None:
        """The first span with one of ``tags`` that contains [start, end)."""
        found = self.containing(start, end, *tags)
        return found[0] if found else None

    def _grid(self) -> "SpanGrid":
        """The positional index of ``spans``, brought up to date (passes append to ``spans`` as they go)."""
        if self._span_grid is None or self._span_grid.stale(self.spans):
            self._span_grid = SpanGrid()
        self._span_grid.sync(self.spans)
        return self._span_grid

    def line_of(self, offset: int) -> int:
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in regex.finditer(r"\n", self.text)]
        return bisect.bisect_right(self._line_starts, offset)

    def line_id(self, prefix: str, offset: int) -> str:
        """A stable id from the source line: ``p-L34``; ``p-L34-2`` if taken.

        Taken ids are those of the spans so far (read once each) plus every id
        this method has handed out, so a caller may set the id after asking.
        """
        if self._ids_seen > len(self.spans):
            self._ids, self._ids_seen = set(), 0
        for span in self.spans[self._ids_seen:]:
            self._ids.add(span.attrs.get("xml:id"))
        self._ids_seen = len(self.spans)
        base = f"{prefix}-L{self.line_of(offset)}"
        candidate, n = base, 1
        while candidate in self._ids:
            n += 1
            candidate = f"{base}-{n}"
        self._ids.add(candidate)
        return candidate

    # -- blocks -----------------------------------------------------------
    def physical_blocks(self) -> list[tuple[int, int]]:
        """Runs of non-blank text separated by blank lines (or form feeds), and by the start of a
        document division (a document may begin on the line right after the last one's end)."""
        blocks, pos = [], 0
        for m in regex.finditer(r"(?:\n[ \t\u3000\r]*){2,}|\f", self.text):
            blocks.append((pos, m.start()))
            pos = m.end()
        blocks.append((pos, len(self.text)))
        cuts = self._division_starts()
        if cuts:
            blocks = [piece for s, e in blocks
                      for piece in zip([s] + cuts[bisect.bisect_right(cuts, s):bisect.bisect_left(cuts, e)],
                                       cuts[bisect.bisect_right(cuts, s):bisect.bisect_left(cuts, e)] + [e])]
        out = []
        for s, e in blocks:
            chunk = self.text[s:e]
            stripped = chunk.strip()
            if stripped:
                lead = len(chunk) - len(chunk.lstrip())
                out.append((s + lead, s + lead + len(stripped)))
        return out

    def _division_starts(self) -> list[int]:
        return sorted({s.start for s in self.spans if s.tag == "div"})

    def blocks(self) -> list[Block]:
        """Physical blocks, joined where a page break continues a paragraph.

        A ``pb`` span whose ``#joins`` attribute holds the offset where the
        paragraph resumes (set by page_breaks) makes every block from the
        break up to that offset part of the block before it.
        """
        joins = sorted((s.start, int(s.attrs["#joins"])) for s in self.spans
                       if s.tag == "pb" and s.attrs.get("#joins"))
        cuts = self._division_starts()                 # never joined across the start of a document
        merged: list[list[tuple[int, int]]] = []      # the physical parts of each block
        j, reach, at_start = 0, -1, -1    # reach: furthest #joins of a pb inside the block being built
        for s, e in self.physical_blocks():
            # a pb at p joins this block to the one before if prev.start <= p <= s <= its #joins
            while j < len(joins) and joins[j][0] <= s:
                p, upto = joins[j]
                if merged and p >= merged[-1][0][0]:
                    reach = max(reach, upto)
                if p == s:
                    at_start = max(at_start, upto)
                j += 1
            if merged and reach >= s and bisect.bisect_right(cuts, merged[-1][0][0]) == bisect.bisect_right(cuts, s):
                merged[-1].append((s, e))
            else:
                merged.append([(s, e)])
                reach = at_start          # only a pb at this block's own start counts from here on
            at_start = -1
        return [Block(parts[0][0], parts[-1][1], tuple(parts)) for parts in merged]

    def claimed(self, start: int, end: int) -> bool:
        """True if a block-level span already owns the whole of [start, end)."""
        return any(s.tag in BLOCK_TAGS and s.start <= start and end <= s.end for s in self._grid().near(start, end))


# Elements that own whole blocks: a text block owned by one of them gets no <p>.
# (Containers such as div and sp are not here: their blocks still need a <p>.)
BLOCK_TAGS = ("p", "head", "table", "list", "fw", "figure", "ab", "gap", "note", "speaker", "lg", "label")


class SpanGrid:
    """Spans filed under every ``CELL``-character cell of the text they touch.

    Passes ask "is this match inside a gap?" once per match; scanning every
    span each time made a large source quadratic (minutes for a few MB).
    Here a question looks only at the spans filed under the cells of its
    range: the containers around it and the few spans that start nearby.
    Offsets of a span never change once added (passes may change its tag or
    attributes, so those are tested at question time, not filed).
    """

    CELL = 256

    def __init__(self) -> None:
        self.cells: dict[int, list[tuple[int, Span]]] = {}
        self.count = 0
        self.first: Span | None = None

    def stale(self, spans: list[Span]) -> bool:
        """True if ``spans`` was cut or replaced rather than appended to since the last sync."""
        return len(spans) < self.count or (self.count > 0 and spans[0] is not self.first)

    def sync(self, spans: list[Span]) -> None:
        cell = self.CELL
        for index in range(self.count, len(spans)):
            span = spans[index]
            for c in range(span.start // cell, max(span.start, span.end - 1) // cell + 1):
                self.cells.setdefault(c, []).append((index, span))
        if spans and self.count == 0:
            self.first = spans[0]
        self.count = len(spans)

    def near(self, start: int, end: int, ordered: bool = False) -> list[Span]:
        """Every span that overlaps or touches [start, end) (a superset: callers test exactly)."""
        cell = self.CELL
        first, last = max(start - 1, 0) // cell, max(start, end - 1) // cell
        if first == last:
            found = self.cells.get(first, ())
            return [s for _, s in found]
        seen: dict[int, Span] = {}
        for c in range(first, last + 1):
            for index, span in self.cells.get(c, ()):
                seen[index] = span
        return [seen[i] for i in sorted(seen)] if ordered else list(seen.values())
# Declared elements that may hold part of a block: a table or list cannot be built around them.
FOREIGN = ("fw", "figure", "head")
