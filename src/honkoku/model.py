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
        return any(s.tag in tags and s.start < end and start < s.end for s in self.spans)

    def inside(self, start: int, end: int, *tags: str) -> Span | None:
        """The first span with one of ``tags`` that contains [start, end)."""
        for s in self.spans:
            if s.tag in tags and s.start <= start and end <= s.end and s.start < s.end:
                return s
        return None

    def line_of(self, offset: int) -> int:
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in regex.finditer(r"\n", self.text)]
        return bisect.bisect_right(self._line_starts, offset)

    def line_id(self, prefix: str, offset: int) -> str:
        """A stable id from the source line: ``p-L34``; ``p-L34-2`` if taken."""
        base = f"{prefix}-L{self.line_of(offset)}"
        taken = {s.attrs.get("xml:id") for s in self.spans}
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    # -- blocks -----------------------------------------------------------
    def physical_blocks(self) -> list[tuple[int, int]]:
        """Runs of non-blank text separated by blank lines (or form feeds)."""
        blocks, pos = [], 0
        for m in regex.finditer(r"(?:\n[ \t\u3000\r]*){2,}|\f", self.text):
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
        joins = [(s.start, int(s.attrs["#joins"])) for s in self.spans if s.tag == "pb" and s.attrs.get("#joins")]
        merged: list[Block] = []
        for s, e in self.physical_blocks():
            if merged and any(merged[-1].start <= p <= s <= upto for p, upto in joins):
                prev = merged[-1]
                merged[-1] = Block(prev.start, e, prev.parts + ((s, e),))
            else:
                merged.append(Block(s, e, ((s, e),)))
        return merged

    def claimed(self, start: int, end: int) -> bool:
        """True if a block-level span already owns the whole of [start, end)."""
        return any(s.tag in BLOCK_TAGS and s.start <= start and end <= s.end for s in self.spans)


# Elements that own whole blocks: a text block owned by one of them gets no <p>.
# (Containers such as div and sp are not here: their blocks still need a <p>.)
BLOCK_TAGS = ("p", "head", "table", "list", "fw", "figure", "ab", "gap", "note", "speaker", "lg", "label")
