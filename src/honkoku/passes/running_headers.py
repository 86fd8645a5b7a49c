"""Running headers: a short line standing alone where a page begins.

``他の分野\n\n極秘\n\nの如何`` → ``他の分野<pb/><fw type="header" place="top">極秘</fw>の如何``

Two kinds: a classification (極秘, 秘, SECRET, CONFIDENTIAL …) alone in a
block that is neither the first nor the last of its document (there it is a
stamp or a title), and a printed running title or page number whose digits
change from page to page (``- 3 -``, ``Page 4``, ``FRUS 1986, 12``).
Each gets a ``pb`` right before it; page_breaks numbers them and decides
whether the paragraph continues across. Runs after documents and furniture.
"""
from __future__ import annotations

from collections import defaultdict

import regex

from ..model import Document
from . import Pass

CLASSIFICATION = regex.compile(r"""
    ^(?:極\s?秘|秘|厳\s?秘|部外秘|取扱注意|関係者限り?|機\s?密|秘密|
       (?:TOP\s)?SECRET(?://\S+)?|CONFIDENTIAL|RESTRICTED|UNCLASSIFIED|LIMITED\sOFFICIAL\sUSE)$
""", regex.VERBOSE | regex.IGNORECASE)

PAGE_NUMBER = regex.compile(r"""
    ^(?:[-–—―‐－ー]\s*\p{Nd}{1,4}\s*[-–—―‐－ー]     # - 3 -  ― 12 ―
       |(?:page|p\.)\s*\p{Nd}{1,4}                  # Page 4, p. 4
       |\p{Nd}{1,4}\s*(?:頁|ページ)                    # 4頁
       |\(\s*\p{Nd}{1,4}\s*\))$                     # (4)  alone on a line
""", regex.VERBOSE | regex.IGNORECASE)

MAX_LEN = 60          # a running title is short
DIGIT = regex.compile(r"\p{Nd}")
DIGITS = regex.compile(r"\p{Nd}+")
LETTER = regex.compile(r"\p{L}")


class RunningHeaders(Pass):
    name = "running_headers"
    priority = 110
    EXAMPLE = "他の分野\n\n極秘\n\nの如何なる削減にも"

    def apply(self, doc: Document) -> None:
        divs = [s for s in doc.find("div")]
        blocks = [(s, e) for s, e in doc.physical_blocks() if not doc.claimed(s, e)]
        by_div = defaultdict(list)
        for s, e in blocks:
            owner = next((d.start for d in divs if d.start <= s < d.end), -1)
            by_div[owner].append((s, e))
        for members in by_div.values():
            inner = members[1:-1]          # not the first or last block of its division
            titles = self._running_titles(doc, inner)
            for s, e in inner:
                if e - s > MAX_LEN:
                    continue                   # before slicing: most blocks are long paragraphs
                line = doc.text[s:e]
                if "\n" in line:
                    continue
                if CLASSIFICATION.match(line.strip()):
                    self._mark(doc, s, e, "header")
                elif PAGE_NUMBER.match(line.strip()):
                    self._mark(doc, s, e, "pageNum")
                elif (s, e) in titles:
                    self._mark(doc, s, e, "header")

    @staticmethod
    def _running_titles(doc: Document, blocks: list[tuple[int, int]]) -> set[tuple[int, int]]:
        """Lines whose text but for its digits recurs, with different numbers."""
        groups = defaultdict(list)
        for s, e in blocks:
            if e - s > MAX_LEN:
                continue
            line = doc.text[s:e]
            if "\n" in line or not DIGIT.search(line):
                continue
            if not LETTER.search(line):
                continue
            groups[DIGITS.sub("#", line.strip())].append((s, e, line))
        found = set()
        for members in groups.values():
            if len(members) >= 2 and len({m[2] for m in members}) == len(members):
                found.update((s, e) for s, e, _ in members)
        return found

    def _mark(self, doc: Document, s: int, e: int, kind: str) -> None:
        doc.add(s, s, "pb", self.name)
        doc.add(s, e, "fw", self.name, type=kind, place="top")
