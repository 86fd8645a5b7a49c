"""Entities: every mention of a register entry, linked to it.

``「レ」大統領はSDIの…`` → ``「<persName ref="#per-reagan">レ</persName>」大統領は<term ref="#t-sdi">SDI</term>の…``

People become ``persName``, places ``placeName``, organisations ``orgName``,
glossary terms ``term``, each with ``@ref`` to its register entry. Matching
follows ``registers/matcher.py``: no match inside a longer katakana or Latin
word, the longest form wins, abbreviations only inside 「」 and only once the
person has been named in full earlier in the source (「ア」 after
アフロメーエフ). A spelling that names several entries (外務省: Japan's or
Russia's ministry) is linked only if the sidecar prefers one
(``[entities] prefer``); a mention the registers do not know is left alone.

Nothing is tagged inside running headers, gaps and their ``desc``, garbled
forms, metamarks, ``sic`` readings or speaker labels (``@who`` links those),
and no mention crosses the edge of another element: such a match is left out
with a warning. A letter-spaced word is read without its spaces
(「I N F」 is INF), a line break inside a paragraph is read as nothing
between Japanese characters.

``[[entity]]`` in the sidecar declares what matching cannot find
(ファーリンソーボスチ: two names run together by the OCR) or must not link
(``skip = true``). Katakana words that look like names (followed by a title
such as 大統領 or 氏, or preceded by initials) but are in no register are
reported: "name: …". Runs last, after dates (4xx), on the finished structure.
"""
from __future__ import annotations

import bisect
import itertools

import regex

from ..model import OMIT, Document
from ..registers import Registers
from ..registers.matcher import KATA, Projection, initials_before, mask
from ..registers.schema import ELEMENTS
from ..sidecar import ANCHOR_KEYS, Key, Table
from . import Pass, anchored, sidecar_entries, sidecar_error, sidecar_table
from .speakers import registers_of

ENTITY = Table("entity", "A mention declared by the editor: one matching cannot find, or a place not to link.",
               ANCHOR_KEYS + (
                   Key("ref", str, "the entry it names: an id of the registers", "per-falin"),
                   Key("skip", bool, "true: leave this place unlinked (a false match)", True),
               ), many=True)
ENTITIES = Table("entities", "How mentions in this source are linked to the registers.", (
    Key("prefer", list, "ids to choose when a spelling names several entries (外務省)", ["org-mofa"]),
))

WALLS = ("fw", "gap", "desc", "figure", "metamark", "sic", "speaker", OMIT)
NAMES = tuple(ELEMENTS.values())
TITLE = regex.compile(r"(?:両|元|前)?(?:大統領|首相|外相|国防相|外務大臣|大臣|国務長官|国防長官|長官|大使|公使|書記長|書記|"
                      r"次官|局長|補佐官|代表|参謀総長|総長|総裁|所長|中将|大将|議長|委員長|事務総長|報道官|氏|夫人|"
                      r"さん|教授|博士|記者|特使|首席)")
KATA_RUN = regex.compile(f"{KATA}{{2,}}")
MORE_KATA = regex.compile(f"(?:[、・]{KATA}{{2,}})*")
FORM_SPACE = regex.compile(r"[ \u3000]")


class Entities(Pass):
    name = "entities"
    priority = 420
    SIDECAR = (ENTITY, ENTITIES)
    EXAMPLE = "「レ」大統領はSDIの研究を実験室内に限定しようという…レーガン大統領"

    def apply(self, doc: Document) -> None:
        regs = registers_of(doc)
        doc.meta["unknown_names"] = []
        self._header_refs(doc, regs)
        if not regs:
            return
        matcher = regs.matcher(doc.id)
        prefer = self._prefer(doc, regs)
        mentioned: set[str] = set()
        walls = [(s.start, s.end) for s in doc.spans if s.tag in WALLS and s.end > s.start]
        walls += self._declared(doc, regs, mentioned)
        spaced = [(s.start, s.end) for s in doc.spans if s.tag == "orig" and s.by == "spacing"]
        blocks = doc.blocks()
        if not blocks:
            return
        # one projection of the whole text, the blank lines between blocks walls: no name runs from one
        # block into the next, as if each block were read alone, at the cost of one scan a document
        between = [(a.end, b.start) for a, b in zip(blocks, blocks[1:])]
        marks = mask(len(doc.text), self._spaces(doc, spaced), walls + between)
        projection = Projection(doc.text, blocks[0].start, blocks[-1].end, marks)
        edges = Edges(s for s in doc.spans if s.tag != OMIT and s.end > s.start)
        hits = matcher.scan(projection.text)
        for hit in hits:
            start, end = projection.source_span(hit.start, hit.end)
            ident = self._choose(doc, hit, start, prefer, mentioned)
            if ident is None:
                continue
            crossed = edges.crossing(start, end)
            if crossed is not None:
                doc.warn(start, f"name: {doc.text[start:end]!r} crosses the edge of <{crossed.tag}>: left unlinked")
                continue
            mentioned.add(ident)
            doc.add(start, end, ELEMENTS[matcher.kinds[ident]], self.name, ref=f"#{ident}")
        self._unknown(doc, projection, hits)

    @staticmethod
    def _header_refs(doc: Document, regs: Registers) -> None:
        """The sidecar's sender_ref / addressee_ref must name people of the registers."""
        for i, entry in enumerate(sidecar_entries(doc, "document")):
            for key in ("sender_ref", "addressee_ref"):
                ident = entry.get(key, "").lstrip("#")
                target = regs.get(ident) if ident else None
                if ident and (target is None or target.kind not in ("person", "org")):
                    raise sidecar_error(doc, f"[[document]] {entry.get('id')!r} {key} {ident!r} is not a person or "
                                        "organisation of the registers", "document", i, key,
                                        "use a per- or org- id from registers/*.toml")

    @staticmethod
    def _spaces(doc: Document, spaced: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The spaces inside letter-spaced words: read as nothing (I N F is INF)."""
        return [(s + m.start(), s + m.end()) for s, e in spaced for m in FORM_SPACE.finditer(doc.text[s:e])]

    @staticmethod
    def _prefer(doc: Document, regs: Registers) -> set[str]:
        prefer = sidecar_table(doc, "entities").get("prefer", [])
        for ident in prefer:
            if regs.get(ident) is None:
                raise sidecar_error(doc, f"[entities] prefer names {ident!r}, which is not in the registers",
                                    "entities", None, "prefer", "use ids from registers/*.toml (org-mofa, per-…)")
        return {i.lstrip("#") for i in prefer}

    def _declared(self, doc: Document, regs: Registers, mentioned: set[str]) -> list[tuple[int, int]]:
        """Add the sidecar's [[entity]] mentions; their ranges are walls for the matcher."""
        out = []
        for i, entry, start, end in anchored(doc, "entity"):
            out.append((start, end))
            if entry.get("skip"):
                continue
            ref = entry.get("ref", "").lstrip("#")
            target = regs.get(ref) if ref else None
            if target is None:
                raise sidecar_error(doc, f"[[entity]] {entry.get('quote')!r} needs ref = an id of the registers"
                                    + (f" ({ref!r} is not one)" if ref else ""), "entity", i, "ref" if ref else None,
                                    "write ref = \"per-…\" (or pl-, org-, t-), or skip = true")
            mentioned.add(target.id)
            doc.add(start, end, ELEMENTS[target.kind], self.name, ref=f"#{target.id}")
        return out

    @staticmethod
    def _choose(doc: Document, hit, start: int, prefer: set[str], mentioned: set[str]) -> str | None:
        """The one entry a hit names, or None (with a warning when the registers cannot decide)."""
        ids = hit.ids
        if hit.abbr:
            ids = tuple(i for i in ids if i in mentioned)
            if len(ids) != 1:
                if ids:
                    doc.warn(start, f"name: abbreviation 「{hit.form}」 could be {', '.join(ids)}: left unlinked")
                return None
            return ids[0]
        if len(ids) > 1:
            chosen = tuple(i for i in ids if i in prefer)
            if len(chosen) != 1:
                doc.warn(start, f"name: {hit.form!r} names several entries ({', '.join(ids)}): left unlinked; "
                         "say which in the sidecar ([entities] prefer = [...])")
                return None
            ids = chosen
        return ids[0]

    @staticmethod
    def _unknown(doc: Document, projection: Projection, hits) -> None:
        """Report katakana words shaped like names (title after, initials before) that no register knows."""
        seen: set[str] = set()
        text = projection.text
        starts = [h.start for h in hits]                          # in order (scan sorts them)
        reach = list(itertools.accumulate((h.end for h in hits), max))   # the furthest end so far
        for m in KATA_RUN.finditer(text):
            k = bisect.bisect_left(starts, m.end())          # hits[:k] start before the run ends
            if (k and reach[k - 1] > m.start()) or m[0] in seen:      # one of them reaches into it
                continue
            follow = MORE_KATA.match(text, m.end())
            titled = TITLE.match(text, follow.end())
            if not (titled or initials_before(text, m.start()) is not None):
                continue
            seen.add(m[0])
            start, _ = projection.source_span(m.start(), m.end())
            doc.meta["unknown_names"].append((start, m[0]))
            doc.warn(start, f"name: katakana name {m[0]!r} is in no register; add it to registers/people.toml "
                     "(or to [[ignore]] if it is no name)")


class Edges:
    """Where phrase and block elements start and end, to find a match that would cross one."""

    def __init__(self, spans):
        self.spans = list(spans)
        self.starts = sorted((s.start, i) for i, s in enumerate(self.spans))
        self.ends = sorted((s.end, i) for i, s in enumerate(self.spans))

    def crossing(self, start: int, end: int):
        """A span with exactly one edge strictly inside [start, end), or None."""
        for edges in (self.starts, self.ends):
            lo = bisect.bisect_right(edges, (start, len(self.spans)))
            hi = bisect.bisect_left(edges, (end, -1))
            for _, i in edges[lo:hi]:
                s = self.spans[i]
                if (start < s.start < end < s.end) or (s.start < start < s.end < end):
                    return s
        return None


def unknown_names(doc: Document) -> list[tuple[int, str]]:
    """(offset, word) of katakana words shaped like names that no register knows (for ``check``)."""
    return list(doc.meta.get("unknown_names", []))
