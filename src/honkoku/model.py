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
    """``Document.spans``: a list whose in-place edits (other than ``append``) make the index stale."""

    __slots__ = ()

    def _stale(self) -> None:
        _GENERATION[0] += 1
        _GENERATION[1] += 1

    def append(self, item):
        self._stale()
        super().append(item)

    def extend(self, items):
        self._stale()
        super().extend(items)

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

    def __iadd__(self, items):
        self._stale()
        return super().__iadd__(items)

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
    """What ``Document`` queries need, built from ``spans`` and kept current by ``add``.

    ``by_tag`` holds one bucket per tag; ``groups`` one bucket per set of tags
    a pass asks about (``covered(s, e, "fw", "figure", "gap")``), made on first
    use, so each query is one bisection whatever the number of tags.
    """

    __slots__ = ("spans", "generation", "by_tag", "groups", "order", "ids")

    def __init__(self, spans: list[Span]):
        self.spans = spans
        self.by_tag: dict[str, _Bucket] = {}
        self.groups: dict[tuple[str, ...], tuple[frozenset[str], _Bucket]] = {}
        self.order: dict[int, int] = {}          # id(span) -> position in the list
        self.ids: set[str | None] = set()
        for span in spans:
            self.insert(span)
        self.generation = tuple(_GENERATION)

    def insert(self, span: Span) -> None:
        bucket = self.by_tag.get(span.tag)
        if bucket is None:
            bucket = self.by_tag[span.tag] = _Bucket()
        bucket.insert(span)
        for tags, group in self.groups.values():
            if span.tag in tags:
                group.insert(span)
        self.order[id(span)] = len(self.order)
        self.ids.add(span.attrs.get("xml:id"))

    def buckets(self, tags) -> list[_Bucket]:
        return [b for b in map(self.by_tag.get, tags) if b is not None]

    def group(self, tags: tuple[str, ...]) -> _Bucket:
        found = self.groups.get(tags)
        if found is None:
            members = sorted((s for b in self.buckets(set(tags)) for s in b.spans), key=lambda s: s.start)
            group = _Bucket()
            group.starts = [s.start for s in members]
            group.spans = members
            group.longest = max((s.end - s.start for s in members), default=0)
            found = self.groups[tags] = (frozenset(tags), group)
        return found[1]


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

    def __post_init__(self) -> None:
        if type(self.spans) is list:
            self.spans = SpanList(self.spans)

    # -- the index ----------------------------------------------------------
    def _current(self) -> _Index | None:
        idx = self._index
        if idx is not None and idx.spans is self.spans and idx.generation[0] == _GENERATION[0] \
                and type(self.spans) is SpanList:
            return idx
        return None

    def _idx(self) -> _Index:
        idx = self._current()
        if idx is None:
            idx = self._index = _Index(self.spans)
        return idx

    def _ids(self) -> set[str | None]:
        idx = self._idx()
        if idx.generation[1] != _GENERATION[1]:
            idx.ids = {s.attrs.get("xml:id") for s in self.spans}
            idx.generation = (idx.generation[0], _GENERATION[1])
        return idx.ids

    # -- adding spans -----------------------------------------------------
    def add(self, start: int, end: int, tag: str, by: str, *, before=(), after=(), **attrs: str) -> Span:
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {tag} {start}-{end} outside text of {len(self.text)}")
        span = object.__new__(Span)      # the fields, without Span.__setattr__'s bookkeeping (a new span)
        span.__dict__.update(start=start, end=end, tag=tag, by=by, before=tuple(before), after=tuple(after),
                             seq=len(self.spans), attrs=Attrs({k.replace("_", ":", 1) if k == "xml_id" else k: v
                                                               for k, v in attrs.items()}))
        idx = self._current()
        ids_current = idx is not None and idx.generation[1] == _GENERATION[1]
        self.spans.append(span)
        if idx is not None:
            idx.insert(span)
            idx.generation = (_GENERATION[0], _GENERATION[1] if ids_current else -1)
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
        found = [s for b in idx.buckets(dict.fromkeys(tags)) for s in b.spans]
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
        taken = self._ids()
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
        return merged

    def claimed(self, start: int, end: int) -> bool:
        """True if a block-level span already owns the whole of [start, end)."""
        return self._idx().group(BLOCK_TAGS).contains(start, end)


# Elements that own whole blocks: a text block owned by one of them gets no <p>.
# (Containers such as div and sp are not here: their blocks still need a <p>.)
BLOCK_TAGS = ("p", "head", "table", "list", "fw", "figure", "ab", "gap", "note", "speaker", "lg", "label")
