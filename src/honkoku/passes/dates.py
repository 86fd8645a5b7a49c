"""Dates: every date in the text becomes ``<date>`` with an ISO value.

``昭和 61年 9月 18日`` → ``<date when="1986-09-18" calendar="#cal-wareki">``;
``9月30日付`` in a telegram of 1986-10-03 → ``<date when="1986-09-30"
evidence="internal" cert="medium">9月30日</date>付``; ``1991年`` →
``<date notBefore="1991-01-01" notAfter="1991-12-31">``. What the forms are
and how they are read is in ``honkoku.wareki``; this pass gives each
division its context (its ``[[document]]`` date, else the file's ``date``;
the era of a full era date earlier in it) and decides where a date may go.

A date is not looked for inside gaps, running headers, figures (a garbled
form), and is not tagged where it would cross another element (it is
reported). A date that cannot exist (昭和65年, 2月30日) is reported with
``doc.warn`` and left as plain text. A date labelled on a form (起案, 決裁)
gets ``@type`` (``drafted``, ``approval``…). The sidecar's ``[[date_reading]]``
overrides or suppresses one date. Runs after every editorial pass (it sees
their ``choice``/``sic`` spans) and before entities.
"""
from __future__ import annotations

import bisect
import datetime as dt
from typing import Any

import regex

from .. import wareki
from ..model import OMIT, Document, Span
from ..sidecar import ANCHOR_KEYS, Key, Table
from . import Pass, anchored, sidecar_entries, sidecar_error

DATE_TABLE = Table("date_reading", "One date the editor reads differently, or that is not a date.", ANCHOR_KEYS + (
    Key("when", str, "the date as ISO 8601 (YYYY-MM-DD)", "1986-10-02"),
    Key("not_before", str, "earliest possible date (ISO)", "1986-09-30"),
    Key("not_after", str, "latest possible date (ISO)", "1986-10-03"),
    Key("cert", str, "certainty of the reading", "medium", choices=("high", "medium", "low")),
    Key("type", str, "role of the date on its form", "approval"),
    Key("ignore", bool, "true: this text is not a date (no <date>)", True),
    Key("resp", str, "who decided: an editor id", "ed-1"),
    Key("note", str, "why", "month lost in OCR; the reply window gives 10月"),
), many=True)

# Where a date is never looked for: withheld or illegible text, page furniture, a garbled form.
NO_DATES = ("gap", "fw", "figure", "desc", "figDesc")
# A label right before a date on a form says what the date is.
LABELS = regex.compile(r"(?P<label>起[ \u3000]*案|決[ \u3000]*裁|施[ \u3000]*行|発[ \u3000]*信|受[ \u3000]*信|接[ \u3000]*受|"
                       r"着[ \u3000]*信)[ \u3000]*$")
LABEL_TYPES = {"起案": "drafted", "決裁": "approval", "施行": "issued", "発信": "sent", "受信": "received",
               "接受": "received", "着信": "received"}
ISO_DAY = regex.compile(r"\d{4}-\d\d-\d\d")
FORM_SPACE = regex.compile(r"[ \u3000]")


class Boundaries:
    """Which spans begin or end inside a range: a date may not cross any of them."""

    def __init__(self, spans: list[Span]):
        self.spans = [s for s in spans if s.start != s.end and (s.tag[0] != "#" or s.tag == OMIT)]
        # (offset, index) of every start and end: sorted, they give the spans at each offset in list order
        self.bounds = sorted([(s.start, i) for i, s in enumerate(self.spans)]
                             + [(s.end, i) for i, s in enumerate(self.spans)])

    def crossing(self, a: int, b: int) -> Span | None:
        """The first span (by offset, then in list order) that begins or ends inside (a, b) and reaches out."""
        bounds, i = self.bounds, bisect.bisect_right(self.bounds, (a, len(self.bounds)))
        while i < len(bounds) and bounds[i][0] < b:
            s = self.spans[bounds[i][1]]
            if s.start < a or s.end > b:
                return s
            i += 1
        return None


def _label_type(text: str, start: int) -> str | None:
    line_start = text.rfind("\n", 0, start) + 1
    m = LABELS.search(text, line_start, start)
    return LABEL_TYPES[FORM_SPACE.sub("", m["label"])] if m else None


def _divisions(doc: Document) -> list[tuple[int, int, dict[str, Any]]]:
    """(start, end, [[document]] entry) for each division; the whole text if there is none."""
    entries = {e.get("id"): e for e in sidecar_entries(doc, "document") if isinstance(e, dict)}
    divs = sorted((s for s in doc.spans if s.tag == "div" and not s.is_milestone), key=lambda s: (s.start, -s.end))
    out = [(s.start, s.end, entries.get(s.attrs.get("xml:id"), {})) for s in divs]
    return out or [(0, len(doc.text), {})]


def _top(doc: Document) -> dict[str, Any]:
    sc = doc.meta.get("sidecar")
    return sc.data if sc else {}


class Dates(Pass):
    name = "dates"
    priority = 400
    SIDECAR = (DATE_TABLE,)
    EXAMPLE = "起 案 昭和 61年 9月 18日\n\n61.9.18\n\n9月30日付貴部内連絡電に関し、"

    def apply(self, doc: Document) -> None:
        text = doc.text
        excluded = [(s.start, s.end) for s in doc.spans if s.tag in NO_DATES and s.end > s.start]
        bounds = Boundaries(doc.spans)
        overrides = self._overrides(doc)
        style = wareki.style_of(text)
        top_anchor = wareki.Anchor.parse(_top(doc).get("date"))

        def skip(a: int, b: int) -> bool:
            return any(s < b and a < e for s, e in excluded) or any(s < b and a < e for s, e, _ in overrides)

        for start, end, entry in _divisions(doc):
            anchor = wareki.Anchor.parse(entry.get("date")) or top_anchor
            ctx = wareki.Context(anchor, style=style)
            self._check_date_text(doc, start, entry)
            for found in wareki.scan(text, start, end, ctx, skip):
                self._tag(doc, bounds, found)
        for s, e, attrs in overrides:
            if attrs is not None:
                doc.add(s, e, "date", self.name, **attrs)

    def _tag(self, doc: Document, bounds: Boundaries, found: wareki.Found) -> None:
        shown = doc.text[found.start:found.end]
        reading = found.reading
        if not reading.ok:
            doc.warn(found.start, f"date {shown!r} not converted: {reading.problem}")
            return
        crossed = bounds.crossing(found.start, found.end)
        if crossed is not None:
            what = "marker syntax" if crossed.tag == OMIT else f"<{crossed.tag}> from {crossed.by}"
            doc.warn(found.start, f"date {shown!r} crosses {what}: not tagged")
            return
        if reading.kind == "partial":
            doc.warn(found.start, f"date {shown!r}: its year or month cannot be placed from the document's date; "
                     "kept as a partial date")
        attrs = dict(reading.attrs)
        kind = _label_type(doc.text, found.start)
        if kind:
            attrs = {"type": kind} | attrs
        doc.add(found.start, found.end, "date", self.name, **attrs)

    @staticmethod
    def _check_date_text(doc: Document, start: int, entry: dict[str, Any]) -> None:
        """The header shows ``date_text`` with the sidecar's ``date``: they must agree."""
        if not entry.get("date") or not entry.get("date_text"):
            return
        ctx = wareki.Context(wareki.Anchor.parse(entry["date"]))
        readings = [f.reading for f in wareki.scan(entry["date_text"], ctx=ctx)]
        whens = [r.attrs.get("when", "")[:10] for r in readings if r.ok]
        if readings and whens and str(entry["date"]) not in whens:
            doc.warn(start, f"[[document]] {entry.get('id')!r}: date {entry['date']} but date_text "
                     f"{entry['date_text']!r} reads {whens[0]}")

    def _overrides(self, doc: Document) -> list[tuple[int, int, dict[str, str] | None]]:
        """``[[date_reading]]`` entries: (start, end, attributes), or None for ``ignore = true``."""
        if doc.meta.get("sidecar") is None:
            return []
        out = []
        for i, entry, start, end in anchored(doc, "date_reading"):
            if entry.get("ignore"):
                out.append((start, end, None))
                continue
            attrs: dict[str, str] = {}
            if entry.get("type"):
                attrs["type"] = entry["type"]
            for key, attr in (("when", "when"), ("not_before", "notBefore"), ("not_after", "notAfter")):
                value = entry.get(key)
                if value is None:
                    continue
                if not ISO_DAY.fullmatch(value) or not _real(value):
                    raise sidecar_error(doc, f"[[date_reading]] entry {i + 1}: {key} {value!r} is not a real ISO date",
                                        "date_reading", i, key, "write YYYY-MM-DD, e.g. 1986-10-02")
                attrs[attr] = value
            if not attrs.keys() & {"when", "notBefore", "notAfter"}:
                raise sidecar_error(doc, f"[[date_reading]] entry {i + 1} gives no date", "date_reading", i, None,
                                    "add when = \"YYYY-MM-DD\" (or not_before/not_after), or ignore = true")
            ctx = wareki.Context(wareki.Anchor.parse(attrs.get("when") or attrs.get("notBefore")))
            if any(f.reading.attrs.get("calendar") for f in wareki.scan(doc.text[start:end], ctx=ctx)):
                attrs["calendar"] = wareki.CAL
            if entry.get("cert"):
                attrs["cert"] = entry["cert"]
            attrs["resp"] = "#" + entry.get("resp", "ed-1").lstrip("#")
            out.append((start, end, attrs))
        return out


def _real(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True
