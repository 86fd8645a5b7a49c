"""Counts of annotations and the edition's statistics, from a Document whose passes have run.

Share of text withheld: the extent of a redaction is usually unknown
(``[REDACTED]`` hides a word or a page), so two honest measures are given:
``paragraphs_redacted`` = paragraphs (``p``, list items, notes) holding at
least one redaction ÷ all paragraphs, and ``marker_share`` = characters of
redaction markers ÷ characters of the witness (whitespace excluded) — a
lower bound that is exact for ■■■ runs (one ■ per character withheld).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, fields

import regex

from .. import passes
from ..model import OMIT, Document

PARAGRAPHS = ("p", "item", "note")
SPACE = regex.compile(r"\s")
ENTITIES = ("persName", "placeName", "orgName", "term", "roleName", "rs")


def counts(doc: Document) -> dict[str, dict[str, int]]:
    """{pass name: {element: count}} in pipeline order: what each annotation kind found."""
    order = {p.name: i for i, p in enumerate(passes.pipeline())}
    tally: Counter = Counter((s.by, s.tag) for s in doc.spans if s.tag != OMIT and not s.tag.startswith("#"))
    out: dict[str, dict[str, int]] = {}
    for (by, tag), n in sorted(tally.items(), key=lambda kv: (order.get(kv[0][0], 99), kv[0][0], kv[0][1])):
        out.setdefault(by or "?", {})[tag] = n
    return out


def counts_line(c: dict[str, dict[str, int]]) -> str:
    return "; ".join(f"{kind} " + ", ".join(f"{tag} {n}" for tag, n in tags.items()) for kind, tags in c.items())


@dataclass
class Stats:
    id: str
    documents: int = 0
    pages: int = 0
    redactions: int = 0
    redaction_chars: int = 0
    text_chars: int = 0
    paragraphs: int = 0
    paragraphs_redacted: int = 0
    hands: int = 0
    handwritten: int = 0
    corrections: int = 0
    unclear: int = 0             # unclear passages, garbled forms (figure) excepted
    entities: int = 0
    entity_refs: int = 0

    @property
    def marker_share(self) -> float:
        return self.redaction_chars / self.text_chars if self.text_chars else 0.0

    @property
    def paragraph_share(self) -> float:
        return self.paragraphs_redacted / self.paragraphs if self.paragraphs else 0.0

    def to_json(self) -> dict:
        data = asdict(self)
        data.update(marker_share=round(self.marker_share, 6), paragraph_share=round(self.paragraph_share, 6))
        return data

    def __add__(self, other: "Stats") -> "Stats":
        total = Stats("total")
        for name in COUNTED:
            setattr(total, name, getattr(self, name) + getattr(other, name))
        return total


def stats(doc: Document, start: int = 0, end: int | None = None, name: str = "") -> Stats:
    """Statistics of the whole source, or of the range [start, end) (one document division)."""
    end = len(doc.text) if end is None else end
    whole = start == 0 and end == len(doc.text)

    def within(spans):
        return [sp for sp in spans if start <= sp.start < end or (sp.start == end == len(doc.text) and whole)]

    s = Stats(name or doc.id)
    s.documents = sum(1 for d in within(doc.find("div")) if d.attrs.get("type") == "document")
    # pages the range touches: the one it starts on, and one more for each break inside it
    s.pages = (sum(1 for p in doc.find("pb") if start < p.start < end) + 1) if doc.text[start:end].strip() else 0
    withheld = [g for g in within(doc.find("gap")) if g.attrs.get("reason") == "withheld"]
    s.redactions = len(withheld)
    s.redaction_chars = sum(len(SPACE.sub("", doc.text[g.start:g.end])) for g in withheld)
    s.text_chars = len(SPACE.sub("", doc.text[start:end]))
    paras = [p for p in within(doc.find(*PARAGRAPHS)) if p.start < p.end and not doc.inside(p.start, p.end, "figure")]
    s.paragraphs = len(paras)
    s.paragraphs_redacted = sum(1 for p in paras if any(p.start <= g.start < p.end for g in withheld))
    sc = doc.meta.get("sidecar")
    hands = sc.data.get("hand", []) if sc else []
    used = {sp.attrs["hand"].lstrip("#") for sp in within(doc.spans) if "hand" in sp.attrs}
    s.hands = (len(hands) if isinstance(hands, list) else 0) if whole else len(used)
    s.handwritten = sum(1 for sp in within(doc.spans) if "hand" in sp.attrs)
    s.corrections = sum(1 for sp in within(doc.find("choice")) if sp.by == "corrections")
    s.unclear = sum(1 for u in within(doc.find("unclear")) if not doc.inside(u.start, u.end, "figure"))
    mentions = within(doc.find(*ENTITIES))
    s.entities = len(mentions)
    s.entity_refs = len({m.attrs.get("ref") for m in mentions if m.attrs.get("ref")})
    return s


def division_stats(doc: Document) -> list[tuple[str, str, Stats]]:
    """(div id, title, statistics) for each document division (covers included: they may be redacted too)."""
    titles = {e.get("id"): e.get("title", "") for e in (doc.meta["sidecar"].data.get("document") or [])
              if isinstance(e, dict)}
    out = []
    for div in sorted(doc.find("div"), key=lambda d: d.start):
        ident = div.attrs.get("xml:id")
        if ident and div.attrs.get("type") in ("document", "cover"):
            out.append((ident, titles.get(ident, ""), stats(doc, div.start, div.end, ident)))
    return out


COUNTED = tuple(f.name for f in fields(Stats) if f.name != "id")
