"""The index behind ``Document``'s queries: spans by tag, sorted by start, and the xml:ids taken.

Passes ask, once per block, whether a span of some kind covers or contains
it (``Document.covered`` / ``claimed`` / ``inside``) and which id a new element
may take (``line_id``). Scanning every span for each question made a document
cost the square of its size; these structures answer by bisection.

The index answers exactly what a scan of ``Document.spans`` would. Spans
appended to the list are taken in at the next query (``_Index.sync``). Any
other change that could make it stale bumps a generation counter, after which
it is rebuilt: a span's start, end or tag reassigned (``model.Span.__setattr__``),
its attrs replaced or its xml:id changed in place (``Attrs``), the list edited
other than at its end (``SpanList``). ``tests/test_model_index.py`` compares it
with a naive scan after random edits of all these kinds.
"""
from __future__ import annotations

import bisect
from typing import Any

# [structure, ids]: bumped by every change the index cannot follow by itself.
GENERATION = [0, 0]
STRUCTURE = ("start", "end", "tag")


class Attrs(dict):
    """A span's attributes; changing ``xml:id`` in place is seen by ``Document.line_id``."""

    __slots__ = ()

    def __setitem__(self, key, value):
        if key == "xml:id":
            GENERATION[1] += 1
        super().__setitem__(key, value)

    def __delitem__(self, key):
        if key == "xml:id":
            GENERATION[1] += 1
        super().__delitem__(key)

    def _changed(self, *args, **kwargs):
        GENERATION[1] += 1

    def update(self, *args, **kwargs):
        self._changed()
        super().update(*args, **kwargs)

    def setdefault(self, key, default=None):
        if key == "xml:id" and key not in self:      # only then does it change an id (from_entry sets "#entry")
            self._changed()
        return super().setdefault(key, default)

    def pop(self, *args):
        if args and args[0] == "xml:id":
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
        GENERATION[0] += 1
        GENERATION[1] += 1

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


class Bucket:
    """Spans of one tag, sorted by start, with the longest length: range queries by bisection."""

    __slots__ = ("starts", "spans", "longest")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.spans: list[Any] = []
        self.longest = 0

    def insert(self, span: Any) -> None:
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

    def containing(self, start: int, end: int) -> list[Any]:
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


class Index:
    """What ``Document`` queries need, built lazily from ``spans``.

    ``by_tag`` holds a bucket per tag asked about, ``groups`` one per set of
    tags asked about (``covered(s, e, "fw", "figure", "gap")``), so each query
    is one bisection whatever the number of tags. Spans appended since the
    last query are taken in by ``sync``; ``order`` is each span's position in
    the list (queries answer in the order spans were added); ``ids`` the
    xml:ids taken, made when ``line_id`` first needs them.
    """

    __slots__ = ("spans", "generation", "upto", "by_tag", "groups", "order", "ids", "ids_generation", "routes")

    def __init__(self, spans: list[Any]):
        self.spans = spans
        self.generation = GENERATION[0]
        self.upto = 0
        self.by_tag: dict[str, Bucket] = {}
        self.groups: dict[tuple[str, ...], tuple[frozenset[str], Bucket]] = {}
        self.order: dict[int, int] = {}          # id(span) -> position in the list
        self.ids: set[str | None] | None = None
        self.ids_generation = -1
        self.routes: dict[str, list[Bucket]] = {}    # tag -> the buckets a new span of it goes into

    def _route(self, tag: str) -> list[Bucket]:
        found = self.routes.get(tag)
        if found is None:
            bucket = self.by_tag.get(tag)
            found = self.routes[tag] = ([bucket] if bucket is not None else []) + \
                [group for tags, group in self.groups.values() if tag in tags]
        return found

    def sync(self) -> None:
        spans = self.spans
        routes, order, ids = self.routes, self.order, self.ids
        for position in range(self.upto, len(spans)):
            span = spans[position]
            route = routes.get(span.tag)
            if route is None:
                route = self._route(span.tag)
            for bucket in route:
                bucket.insert(span)
            order[id(span)] = position
            if ids is not None:
                ids.add(span.attrs.get("xml:id"))
        self.upto = len(spans)

    @staticmethod
    def _made(members: list[Any]) -> Bucket:
        bucket = Bucket()
        members.sort(key=lambda s: s.start)          # stable: ties stay in list order, as insert keeps them
        bucket.spans = members
        bucket.starts = [s.start for s in members]
        bucket.longest = max((s.end - s.start for s in members), default=0)
        return bucket

    def bucket(self, tag: str) -> Bucket:
        found = self.by_tag.get(tag)
        if found is None:
            found = self.by_tag[tag] = self._made([s for s in self.spans if s.tag == tag])
            self.routes.clear()                      # a new bucket: spans added later go into it too
        return found

    def group(self, tags: tuple[str, ...]) -> Bucket:
        found = self.groups.get(tags)
        if found is None:
            wanted = frozenset(tags)
            found = self.groups[tags] = (wanted, self._made([s for s in self.spans if s.tag in wanted]))
            self.routes.clear()
        return found[1]

    def taken_ids(self) -> set[str | None]:
        if self.ids is None or self.ids_generation != GENERATION[1]:
            self.ids = {s.attrs.get("xml:id") for s in self.spans}
            self.ids_generation = GENERATION[1]
        return self.ids
