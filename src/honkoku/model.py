"""The document model: the witness text and stand-off spans over it.

Passes never edit ``Document.text``; they only add ``Span``s, so every
offset stays valid and every character of the source survives. ``tei.weave``
alone turns the spans into nested elements.

Queries (``find``, ``covered``, ``inside``, ``claimed``, ``line_id``) go
through an index (spans by tag, sorted by start; the set of xml:ids) so that a
pass asking once per block stays linear instead of scanning every span each
time. The index answers exactly what a scan of ``spans`` would: ``add`` keeps
it up to date, and any other change that could make it stale (a span's
start/end/tag/attrs reassigned, its xml:id changed, the span list edited in
place) bumps a generation counter, after which it is rebuilt.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

import regex

OMIT = "#omit"          # pseudo-tag: marker syntax (``~~``, ``<p>``) not written as text

BLANK_LINES = regex.compile(r"\n[ \t\u3000\r\f]*\n[\s]*")
BLOCK_SEPARATOR = regex.compile(r"(?:\n[ \t\u3000\r]*){2,}|\f")
NEWLINE = regex.compile(r"\n")

# [structure, ids]: bumped by every change the index cannot follow by itself.
_GENERATION = [0, 0]
_STRUCTURE = ("start", "end", "tag")


class Attrs(dict):
    """A span's attributes; changing ``xml:id`` in place is seen by ``Document.line_id``."""

    __slots__ = ()

    def __setitem__(self, key, value):
        if key == "xml:id":
            _GENERATION[1] += 1
        super().__setitem__(key, value)

    def __delitem__(self, key):
        if key == "xml:id":
            _GENERATION[1] += 1
        super().__delitem__(key)

    def _changed(self, *args, **kwargs):
        _GENERATION[1] += 1

    def update(self, *args, **kwargs):
        self._changed()
        super().update(*args, **kwargs)

    def setdefault(self, key, default=None):
        self._changed()
        return super().setdefault(key, default)

    def pop(self, *args):
        self._changed()
        return super().pop(*args)

    def popitem(self):
        self._changed()
        return super().popitem()

    def clear(self):
        self._changed()
        super().clear()

    def __ior__(self, other):
        self._changed()
        return super().__ior__(other)


class SpanList(list):
    """``Document.spans``: a list whose in-place edits make the index stale.

    Appending (``append``, ``extend``, ``+=``) is not an edit: the index takes
    in new spans at the end by itself.
    """

    __slots__ = ()

    def _stale(self) -> None:
        _GENERATION[0] += 1
        _GENERATION[1] += 1

    def insert(self, i, item):
        self._stale()
        super().insert(i, item)

    def remove(self, item):
        self._stale()
        super().remove(item)

    def pop(self, *args):
        self._stale()
        return super().pop(*args)

    def clear(self):
        self._stale()
        super().clear()

    def sort(self, *args, **kwargs):
        self._stale()
        super().sort(*args, **kwargs)

    def reverse(self):
        self._stale()
        super().reverse()

    def __setitem__(self, i, item):
        self._stale()
        super().__setitem__(i, item)

    def __delitem__(self, i):
        self._stale()
        super().__delitem__(i)

    def __imul__(self, n):
        self._stale()
        return super().__imul__(n)


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


class _Bucket:
    """Spans of one tag, sorted by start, with the longest length: range queries by bisection."""

    __slots__ = ("starts", "spans", "longest")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.spans: list[Span] = []
        self.longest = 0

    def insert(self, span: Span) -> None:
        i = bisect.bisect_right(self.starts, span.start)
        self.starts.insert(i, span.start)
        self.spans.insert(i, span)
        if span.end - span.start > self.longest:
            self.longest = span.end - span.start

    def overlaps(self, start: int, end: int) -> bool:
        """Is there a span with s.start < end and start < s.end (milestones strictly inside)?"""
        starts, spans = self.starts, self.spans
        for i in range(bisect.bisect_left(starts, start - self.longest), bisect.bisect_left(starts, end)):
            if start < spans[i].end:
                return True
        return False

    def containing(self, start: int, end: int) -> list[Span]:
        """Spans with s.start <= start and end <= s.end."""
        starts, spans = self.starts, self.spans
        return [spans[i] for i in range(bisect.bisect_left(starts, end - self.longest),
                                        bisect.bisect_right(starts, start)) if end <= spans[i].end]

    def contains(self, start: int, end: int) -> bool:
        starts, spans = self.starts, self.spans
        for i in range(bisect.bisect_left(starts, end - self.longest), bisect.bisect_right(starts, start)):
            if end <= spans[i].end:
                return True
        return False


class _Index:
    """What ``Document`` queries need, built lazily from ``spans``.

    ``by_tag`` holds a bucket per tag asked about, ``groups`` one per set of
    tags asked about (``covered(s, e, "fw", "figure", "gap")``), so each query
    is one bisection whatever the number of tags. Spans appended since the
    last query are taken in by ``sync``; ``order`` is each span's position in
    the list (queries answer in the order spans were added); ``ids`` the
    xml:ids taken, made when ``line_id`` first needs them.
    """

    __slots__ = ("spans", "generation", "upto", "by_tag", "groups", "order", "ids", "ids_generation")

    def __init__(self, spans: list[Span]):
        self.spans = spans
        self.generation = _GENERATION[0]
        self.upto = 0
        self.by_tag: dict[str, _Bucket] = {}
        self.groups: dict[tuple[str, ...], tuple[frozenset[str], _Bucket]] = {}
        self.order: dict[int, int] = {}          # id(span) -> position in the list
        self.ids: set[str | None] | None = None
        self.ids_generation = -1

    def sync(self) -> None:
        spans = self.spans
        by_tag, groups, order, ids = self.by_tag, list(self.groups.values()), self.order, self.ids
        for position in range(self.upto, len(spans)):
            span = spans[position]
            tag = span.tag
            bucket = by_tag.get(tag)
            if bucket is not None:
                bucket.insert(span)
            for tags, group in groups:
                if tag in tags:
                    group.insert(span)
            order[id(span)] = position
            if ids is not None:
                ids.add(span.attrs.get("xml:id"))
        self.upto = len(spans)

    @staticmethod
    def _made(members: list[Span]) -> _Bucket:
        bucket = _Bucket()
        members.sort(key=lambda s: s.start)          # stable: ties stay in list order, as insert keeps them
        bucket.spans = members
        bucket.starts = [s.start for s in members]
        bucket.longest = max((s.end - s.start for s in members), default=0)
        return bucket

    def bucket(self, tag: str) -> _Bucket:
        found = self.by_tag.get(tag)
        if found is None:
            found = self.by_tag[tag] = self._made([s for s in self.spans if s.tag == tag])
        return found

    def group(self, tags: tuple[str, ...]) -> _Bucket:
        found = self.groups.get(tags)
        if found is None:
            wanted = frozenset(tags)
            found = self.groups[tags] = (wanted, self._made([s for s in self.spans if s.tag in wanted]))
        return found[1]

    def taken_ids(self) -> set[str | None]:
        if self.ids is None or self.ids_generation != _GENERATION[1]:
            self.ids = {s.attrs.get("xml:id") for s in self.spans}
            self.ids_generation = _GENERATION[1]
        return self.ids


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
    _physical: tuple[str, list[tuple[int, int]]] | None = field(default=None, repr=False, compare=False)
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
        span = object.__new__(Span)      # the fields, without Span.__setattr__'s bookkeeping (a new span)
        span.__dict__.update(start=start, end=end, tag=tag, by=by, before=tuple(before), after=tuple(after),
                             seq=len(self.spans), attrs=Attrs({k.replace("_", ":", 1) if k == "xml_id" else k: v
                                                               for k, v in attrs.items()}))
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

    def inside(self, start: int, end: int, *tags: str) -> Span | None:
        """The first span (in the order added) with one of ``tags`` that contains [start, end)."""
        idx = self._idx()
        found = [s for s in idx.group(tags).containing(start, end) if s.start < s.end]
        return min(found, key=lambda s: idx.order[id(s)]) if found else None

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
        """A stable id from the source line: ``p-L34``; ``p-L34-2`` if taken."""
        base = f"{prefix}-L{self.line_of(offset)}"
        taken = self._idx().taken_ids()
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    # -- blocks -----------------------------------------------------------
    def physical_blocks(self) -> list[tuple[int, int]]:
        """Runs of non-blank text separated by blank lines (or form feeds).

        They depend on the text alone, which never changes: computed once.
        """
        if self._physical is None or self._physical[0] is not self.text:
            self._physical = (self.text, self._physical_blocks())
        return list(self._physical[1])

    def _physical_blocks(self) -> list[tuple[int, int]]:
        blocks, pos = [], 0
        for m in BLOCK_SEPARATOR.finditer(self.text):
            blocks.append((pos, m.start()))
            pos = m.end()
        blocks.append((pos, len(self.text)))
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
        joins = sorted((s.start, int(s.attrs["#joins"])) for s in self.find("pb") if s.attrs.get("#joins"))
        cached = self._blocks
        if cached is not None and cached[0] is self.text and cached[1] == joins:
            return list(cached[2])        # the same Block objects: passes read blocks, never change them
        at = [p for p, _ in joins]
        merged: list[Block] = []
        for s, e in self.physical_blocks():
            # a join whose break lies between the block before and this one, and reaches this one
            if merged and joins and any(s <= joins[i][1] for i in range(bisect.bisect_left(at, merged[-1].start),
                                                                         bisect.bisect_right(at, s))):
                prev = merged[-1]
                merged[-1] = Block(prev.start, e, prev.parts + ((s, e),))
            else:
                merged.append(Block(s, e, ((s, e),)))
        self._blocks = (self.text, joins, merged)
        return list(merged)

    def claimed(self, start: int, end: int) -> bool:
        """True if a block-level span already owns the whole of [start, end)."""
        return self._idx().group(BLOCK_TAGS).contains(start, end)


# Elements that own whole blocks: a text block owned by one of them gets no <p>.
# (Containers such as div and sp are not here: their blocks still need a <p>.)
BLOCK_TAGS = ("p", "head", "table", "list", "fw", "figure", "ab", "gap", "note", "speaker", "lg", "label")
