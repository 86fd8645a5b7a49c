"""The document model: the witness text and stand-off spans over it.

Passes never edit ``Document.text``; they only add ``Span``s, so every
offset stays valid and every character of the source survives. ``tei.weave``
alone turns the spans into nested elements.

Queries (``find``, ``covered``, ``inside``, ``containing``, ``claimed``,
``line_id``) go through ``span_index`` so that a pass asking once per block
stays linear; they answer exactly what a scan of ``spans`` would.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

import regex

from .span_index import GENERATION as _GENERATION, STRUCTURE as _STRUCTURE, Attrs, Index as _Index, SpanList

OMIT = "#omit"          # pseudo-tag: marker syntax (``~~``, ``<p>``) not written as text

BLANK_LINES = regex.compile(r"\n[ \t\u3000\r\f]*\n[\s]*")
BLOCK_SEPARATOR = regex.compile(r"(?:\n[ \t\u3000\r]*){2,}|\f")
NEWLINE = regex.compile(r"\n")


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

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "attrs":
            if not isinstance(value, Attrs):
                value = Attrs(value)
            if "attrs" in self.__dict__:
                _GENERATION[1] += 1
        elif name in _STRUCTURE and name in self.__dict__:
            _GENERATION[0] += 1
        object.__setattr__(self, name, value)

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
    _index: _Index | None = field(default=None, repr=False, compare=False)
    _physical: tuple[str, tuple[int, ...], list[tuple[int, int]]] | None = field(default=None, repr=False,
                                                                               compare=False)
    _handed: set = field(default_factory=set, repr=False, compare=False)
    _blocks: tuple[str, list, list[Block]] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if type(self.spans) is list:
            self.spans = SpanList(self.spans)

    # -- the index ----------------------------------------------------------
    def _idx(self) -> _Index:
        """The index, current: rebuilt after an edit it cannot follow, else given the spans added since."""
        idx = self._index
        if idx is None or idx.spans is not self.spans or idx.generation != _GENERATION[0] \
                or type(self.spans) is not SpanList:
            idx = self._index = _Index(self.spans)
        if idx.upto != len(self.spans):
            idx.sync()
        return idx

    # -- adding spans -----------------------------------------------------
    def add(self, start: int, end: int, tag: str, by: str, *, before=(), after=(), **attrs: str) -> Span:
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {tag} {start}-{end} outside text of {len(self.text)}")
        if "xml_id" in attrs:
            attrs = {"xml:id" if k == "xml_id" else k: v for k, v in attrs.items()}
        span = object.__new__(Span)      # the fields, without Span.__setattr__'s bookkeeping (a new span)
        span.__dict__.update(start=start, end=end, tag=tag, by=by, before=tuple(before), after=tuple(after),
                             seq=len(self.spans), attrs=Attrs(attrs))
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
        """Spans with one of ``tags``, in the order they were added."""
        idx = self._idx()
        found = [s for tag in dict.fromkeys(tags) for s in idx.bucket(tag).spans]
        if len(found) > 1:
            order = idx.order
            found.sort(key=lambda s: order[id(s)])
        return found

    def covered(self, start: int, end: int, *tags: str) -> bool:
        """True if [start, end) overlaps a span with one of ``tags``."""
        return self._idx().group(tags).overlaps(start, end)

    def overlapping(self, start: int, end: int, *tags: str) -> list[Span]:
        """Spans with one of ``tags`` that overlap [start, end), in the order added."""
        idx = self._idx()
        found = [s for s in self.find(*tags) if s.start < end and start < s.end]
        if len(found) > 1:
            found.sort(key=lambda s: idx.order[id(s)])
        return found

    def inside(self, start: int, end: int, *tags: str) -> Span | None:
        """The first span (in the order added) with one of ``tags`` that contains [start, end)."""
        idx = self._idx()
        found = [s for s in idx.group(tags).containing(start, end) if s.start < s.end]
        if len(found) < 2:
            return found[0] if found else None
        return min(found, key=lambda s: idx.order[id(s)])

    def containing(self, start: int, end: int, *tags: str) -> list[Span]:
        """Spans with one of ``tags`` that contain [start, end) (milestones too), in the order added."""
        idx = self._idx()
        found = idx.group(tags).containing(start, end)
        if len(found) > 1:
            found.sort(key=lambda s: idx.order[id(s)])
        return found

    def line_of(self, offset: int) -> int:
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in NEWLINE.finditer(self.text)]
        return bisect.bisect_right(self._line_starts, offset)

    def line_id(self, prefix: str, offset: int) -> str:
        """A stable id from the source line: ``p-L34``; ``p-L34-2`` if taken.

        Taken: the ids of the spans so far and every id handed out here, so a
        caller may ask for two ids before it adds either span.
        """
        base = f"{prefix}-L{self.line_of(offset)}"
        taken = self._idx().taken_ids()
        candidate, n = base, 1
        while candidate in taken or candidate in self._handed:
            n += 1
            candidate = f"{base}-{n}"
        self._handed.add(candidate)
        return candidate

    # -- blocks -----------------------------------------------------------
    def physical_blocks(self) -> list[tuple[int, int]]:
        """Runs of non-blank text separated by blank lines (or form feeds), and by the start of a
        document division (a document may begin on the line right after the last one's end).

        They depend on the text and the divisions only: computed once for each.
        """
        cuts = self._division_starts()
        if self._physical is None or self._physical[0] is not self.text or self._physical[1] != cuts:
            self._physical = (self.text, cuts, self._physical_blocks(cuts))
        return list(self._physical[2])

    def _division_starts(self) -> tuple[int, ...]:
        return tuple(sorted({s.start for s in self._idx().bucket("div").spans}))     # a set: any order will do

    def _physical_blocks(self, cuts: tuple[int, ...]) -> list[tuple[int, int]]:
        blocks, pos = [], 0
        for m in BLOCK_SEPARATOR.finditer(self.text):
            blocks.append((pos, m.start()))
            pos = m.end()
        blocks.append((pos, len(self.text)))
        if cuts:
            cut = list(cuts)
            blocks = [piece for s, e in blocks
                      for piece in zip([s] + cut[bisect.bisect_right(cut, s):bisect.bisect_left(cut, e)],
                                       cut[bisect.bisect_right(cut, s):bisect.bisect_left(cut, e)] + [e])]
        out = []
        for s, e in blocks:
            chunk = self.text[s:e]
            stripped = chunk.strip()
            if stripped:
                lead = len(chunk) - len(chunk.lstrip())
                out.append((s + lead, s + lead + len(stripped)))
        return out

    def blocks(self) -> list[Block]:
        """Physical blocks, joined where a page break continues a paragraph.

        A ``pb`` span whose ``#joins`` attribute holds the offset where the
        paragraph resumes (set by page_breaks) makes every block from the
        break up to that offset part of the block before it.
        """
        joins = sorted((s.start, int(s.attrs["#joins"])) for s in self._idx().bucket("pb").spans   # sorted:
                       if s.attrs.get("#joins"))                                            # any order will do
        cuts = self._division_starts()          # never joined across the start of a document
        cached = self._blocks
        if cached is not None and cached[0] is self.text and cached[1] == (joins, cuts):
            return list(cached[2])        # the same Block objects: passes read blocks, never change them
        at = [p for p, _ in joins]
        merged: list[Block] = []
        for s, e in self.physical_blocks():
            # a join whose break lies between the block before and this one, and reaches this one
            if merged and joins and bisect.bisect_right(cuts, merged[-1].start) == bisect.bisect_right(cuts, s) \
                    and any(s <= joins[i][1] for i in range(bisect.bisect_left(at, merged[-1].start),
                                                            bisect.bisect_right(at, s))):
                prev = merged[-1]
                merged[-1] = Block(prev.start, e, prev.parts + ((s, e),))
            else:
                merged.append(Block(s, e, ((s, e),)))
        self._blocks = (self.text, (joins, cuts), merged)
        return list(merged)

    def claimed(self, start: int, end: int) -> bool:
        """True if a block-level span already owns the whole of [start, end)."""
        idx = self._index                 # asked once per block by five passes: the current index, directly
        if idx is None or idx.upto != len(self.spans) or idx.generation != _GENERATION[0] \
                or idx.spans is not self.spans or type(self.spans) is not SpanList:
            idx = self._idx()
        group = idx.groups.get(BLOCK_TAGS)
        return (group[1] if group is not None else idx.group(BLOCK_TAGS)).contains(start, end)


# Elements that own whole blocks: a text block owned by one of them gets no <p>.
# (Containers such as div and sp are not here: their blocks still need a <p>.)
BLOCK_TAGS = ("p", "head", "table", "list", "fw", "figure", "ab", "gap", "note", "speaker", "lg", "label")

# Declared elements that may hold part of a block: a table or list cannot be built around them.
FOREIGN = ("fw", "figure", "head")
