"""Finding register names in Japanese (and Latin) text: one compiled pattern per register version.

Japanese has no spaces between words, so a name is found by its characters
and its edges:

- a form that starts (ends) with katakana must not continue a katakana word:
  ア is not found in アジア, ラウニー not in a longer katakana run
  (ー counts as katakana; ・ and ＝ separate words: シュルツ・シェヴァルナツェ);
- a form that starts (ends) with a Latin letter or digit must not continue a
  Latin word: INF is not found in SRINF, SS-20 not in SS-200;
- kanji and kana forms have no edge rule (松永大使, 在米松永大使): keep them
  specific, and scope short surnames to their sources (``sources``);
- at one position the longest form wins (国連安保理 over 国連, 中国課 over 中国);
- initials written before a person's name belong to it (A・メルケル, S. V. ラヴロフ);
- an abbreviation (``abbr``: 「レ」大統領) counts only inside 「」.

Text and forms are compared after NFKC (full-width Ｑ：, half-width ｱ) with
whitespace squeezed. The forms are compiled into a trie-shaped regular
expression (shared prefixes tried once), so the cost per document does not
grow with one regex per name.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from typing import NamedTuple

import regex

KATA = r"[\p{Script=Katakana}\u30FC]"          # katakana letters and ー (not ・)
LATIN = r"[\p{Latin}\p{Nd}]"
KATA_CHAR = regex.compile(KATA)                 # compiled once: regex.match(str, …) looks it up per call
LATIN_CHAR = regex.compile(LATIN)
INITIALS = regex.compile(r"(?<![\p{Latin}\p{Nd}])(?:\p{Lu}[ ]?[.・][ ]?){1,3}$")
BARRIER = "\x00"                                  # stands for text no name may run into


SPACES = regex.compile(r"\s+")


def initials_before(text: str, start: int) -> int | None:
    """Where initials written right before ``start`` begin (A・メルケル, S. V. ラヴロフ), or None.

    Initials end with ``.`` or ``・`` (and perhaps a space): most names are checked by looking at
    one or two characters, without running INITIALS."""
    before = text[start - 1:start]
    if before == " ":
        before = text[start - 2:start - 1] if start >= 2 else ""
    if before != "." and before != "・":
        return None
    found = INITIALS.search(text, max(0, start - 12), start)
    return found.start() if found else None


def fold(text: str) -> str:
    """The comparable form of a name or label: NFKC, whitespace squeezed to single spaces."""
    return SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def _edge(ch: str) -> str:
    if KATA_CHAR.match(ch):
        return "kata"
    if LATIN_CHAR.match(ch):
        return "latin"
    return ""


GUARD_BEFORE = {"kata": f"(?<!{KATA})", "latin": f"(?<!{LATIN})", "": ""}
GUARD_AFTER = {"kata": f"(?!{KATA})", "latin": f"(?!{LATIN})", "": ""}


def trie_pattern(forms: list[str]) -> str:
    """A regex matching any of ``forms``, longest first at each position, with edge guards."""
    groups: dict[str, list[str]] = {"kata": [], "latin": [], "": []}
    for form in forms:
        groups[_edge(form[0])].append(form)
    branches = [GUARD_BEFORE[edge] + _emit(_trie(members)) for edge, members in groups.items() if members]
    return "|".join(branches) if branches else r"(?!)"


END = ""                         # trie key: a form ends here (its value: the edge guard after it)


def _trie(forms: list[str]) -> dict:
    root: dict = {}
    for form in forms:
        node = root
        for ch in form:
            node = node.setdefault(ch, {})
        node[END] = GUARD_AFTER[_edge(form[-1])]
    return root


def _emit(node: dict) -> str:
    alts = [regex.escape(ch) + _emit(node[ch]) for ch in sorted(k for k in node if k != END)]
    if END in node:
        alts.append(node[END])           # ending here is tried after every longer continuation
    if len(alts) == 1:
        return alts[0]
    return "(?:" + "|".join(alts) + ")"


class Hit(NamedTuple):
    """A form found (a tuple: made about 70 times a document, a frozen dataclass costs 1 µs each)."""

    start: int                   # offsets in the scanned (folded) string
    end: int
    form: str                    # the register form found (folded)
    ids: tuple[str, ...]         # entries it may name
    abbr: bool = False


class Matcher:
    """All forms of a set of register entries, compiled once."""

    def __init__(self, entries, ignored=()):
        self.kinds = {e.id: e.kind for e in entries}
        self.scopes = {e.id: e.sources for e in entries if e.sources is not None}
        self.forms: dict[str, tuple[str, ...]] = {}
        self.abbrs: dict[str, tuple[str, ...]] = {}
        for e in entries:
            for form in e.surface_forms:
                key = fold(form)
                if e.id not in self.forms.get(key, ()):
                    self.forms[key] = self.forms.get(key, ()) + (e.id,)
            for form in e.abbr:
                key = fold(form)
                if e.id not in self.abbrs.get(key, ()):
                    self.abbrs[key] = self.abbrs.get(key, ()) + (e.id,)
        for form in ignored:
            self.forms.setdefault(fold(form), ())     # found, consumes its place, links nothing
        # forms that may name a person: only their hits look for initials before them
        self.person_forms = {f for f, ids in self.forms.items() if any(self.kinds[i] == "person" for i in ids)}
        self.pattern = regex.compile(trie_pattern(sorted(self.forms)))
        self.abbr_pattern = regex.compile("(?<=「)(?:" + trie_pattern(sorted(self.abbrs)) + ")(?=」)")

    def bound(self, source_id: str | None) -> "Matcher":
        """This matcher for one source: entries scoped to other sources are not found there."""
        view = object.__new__(Matcher)
        view.__dict__.update(self.__dict__)
        view.source_id = source_id
        return view

    source_id: str | None = None

    def _visible(self, ids: tuple[str, ...]) -> tuple[str, ...]:
        if not self.scopes:
            return ids
        return tuple(i for i in ids if i not in self.scopes or self.source_id in self.scopes[i])

    def scan(self, text: str) -> list[Hit]:
        """Hits in ``text`` (already folded, e.g. a Projection's text), in order, not overlapping.

        A form whose entries are all scoped to other sources still occupies its
        place (like an [[ignore]] form): a shorter form inside it is not found.
        """
        hits = []
        forms, people, scoped = self.forms, self.person_forms, bool(self.scopes)
        for m in self.pattern.finditer(text):
            form = m[0]
            ids = self._visible(forms[form]) if scoped else forms[form]
            if not ids:
                continue
            start = m.start()
            if start and (any(self.kinds[i] == "person" for i in ids) if scoped else form in people):
                initials = initials_before(text, start)
                if initials is not None:
                    start = initials
            hits.append(Hit(start, m.end(), form, ids))
        if self.abbrs and "「" in text:          # an abbreviation is found only inside 「」
            taken = [(h.start, h.end) for h in hits]
            for m in self.abbr_pattern.finditer(text):
                ids = self._visible(self.abbrs[m[0]])
                if ids and not any(s < m.end() and m.start() < e for s, e in taken):
                    hits.append(Hit(m.start(), m.end(), m[0], ids, abbr=True))
        return sorted(hits, key=lambda h: h.start)    # initials before a name may reach back past a hit

    def people_in(self, label: str) -> set[str]:
        """Person ids whose full forms occur in a short text (a speaker label)."""
        return {i for h in self.scan(fold(label)) if not h.abbr for i in h.ids if self.kinds[i] == "person"}


DROP, WALL = 1, 2
BLANKS = " \t\u3000\r\n\f"


COMMON_BLOCKS = ((0x0000, 0x007F), (0x2010, 0x2027), (0x3000, 0x30FF), (0x4E00, 0x9FFF))


def _stable_class() -> str:
    """A character class of the characters of the sources' common blocks (ASCII, punctuation, CJK
    symbols, kana, kanji) that NFKC leaves as they are, BLANKS excepted. Only these blocks: a class of
    every stable character (190 ranges) makes the regex engine slower than the loop it replaces."""
    ranges, start = [], None
    for cp in (cp for a, b in COMMON_BLOCKS for cp in range(a, b + 2)):
        ch = chr(cp)
        stable = (any(a <= cp <= b for a, b in COMMON_BLOCKS) and ch not in BLANKS
                  and unicodedata.normalize("NFKC", ch) == ch)
        if stable and start is None:
            start = cp
        elif not stable and start is not None:
            ranges.append((start, cp - 1))
            start = None
    return "[" + "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges) + "]"


# A run Projection copies as it is: characters that NFKC, applied one character at a time as the
# slow path does, leaves alone, and single spaces between them (kept as one space anyway). Matched as
# one character class and trimmed after (see Projection._plain_end): the stdlib re runs a bare class
# repeat five times faster than the equivalent ``C(?:C| (?=C))*``.
_PLAIN_CHAR = _stable_class()
PLAIN_OR_SPACE = re.compile(f"[{_PLAIN_CHAR[1:-1]} ]+")
MARKED = re.compile(rb"[^\x00]")


def mask(length: int, drop=(), walls=()) -> bytearray:
    """One byte per source character: 0 read, DROP vanish, WALL stop names (see Projection)."""
    out = bytearray(length)
    for s, e in drop:
        out[s:e] = bytes([DROP]) * max(0, e - s)
    for s, e in walls:
        out[s:e] = bytes([WALL]) * max(0, e - s)
    return out


class Projection:
    """A stretch of the source as the matcher sees it, with the way back to source offsets.

    Built char by char: characters are NFKC-folded; a line break inside a
    paragraph disappears between Japanese characters (OCR lines wrap
    mid-word) and becomes a space between Latin ones; DROP characters vanish
    (the spaces of letter-spaced words: 「I N F」 reads INF); a run of WALL
    characters becomes one BARRIER (running headers, gaps, garbled forms,
    speaker labels, marker syntax), so no name runs into or across them.
    ``marks`` is a ``mask()`` of the whole source, computed once per document.
    """

    def __init__(self, source: str, start: int, end: int, marks: bytearray | None = None):
        marks = marks if marks is not None else bytearray(len(source))
        out: list[str] = []
        # the way back, by segments: projected position, source offset, 1 if the segment is copied
        # (one source character per character) or 0 if all its characters come from one offset
        seg_at: list[int] = []
        seg_src: list[int] = []
        seg_step: list[int] = []
        length = 0                             # characters projected so far
        last = ""                              # the last character appended (out holds runs)
        i = start
        while i < end:
            mark = marks[i]
            if mark == 0 and source[i] != " ":  # most of a text: a run copied as it is, in one step
                j = self._plain_end(source, i, end)
                if j > i:
                    marked = MARKED.search(marks, i, j)
                    if marked is not None:
                        j = marked.start()
                    out.append(source[i:j])
                    seg_at.append(length)
                    seg_src.append(i)
                    seg_step.append(1)
                    length += j - i
                    last = source[j - 1]
                    i = j
                    continue
            emitted = ""
            if mark == WALL:
                if last != BARRIER:
                    emitted = BARRIER
                i_next = i + 1
            elif mark == DROP:
                i_next = i + 1
            elif source[i] in BLANKS:
                j = i
                while j < end and source[j] in BLANKS and marks[j] != WALL:
                    j += 1
                run_text = source[i:j]
                if "\n" in run_text or "\f" in run_text:
                    after = source[j] if j < end else ""
                    if last and after and LATIN_CHAR.match(last) and LATIN_CHAR.match(after):
                        emitted = " "
                elif last and last != " ":
                    emitted = " "
                i_next = j
            else:
                emitted = unicodedata.normalize("NFKC", source[i])   # what the run leaves out changes under NFKC
                i_next = i + 1
            if emitted:
                out.append(emitted)
                seg_at.append(length)
                seg_src.append(i)
                seg_step.append(0)
                length += len(emitted)
                last = emitted[-1]
            i = i_next
        self.text = "".join(out)
        self._segments = (seg_at, seg_src, seg_step)
        self.source = source

    @staticmethod
    def _plain_end(source: str, i: int, end: int) -> int:
        """The end of the plain run at ``i``: plain characters and single spaces between them."""
        run = PLAIN_OR_SPACE.match(source, i, end)
        if run is None:
            return i
        j = run.end()
        double = source.find("  ", i, j)
        if double != -1:
            j = double
        elif source[j - 1] == " ":
            j -= 1
        return j

    def offset(self, position: int) -> int:
        """The source offset of projected character ``position``."""
        seg_at, seg_src, seg_step = self._segments
        k = bisect.bisect_right(seg_at, position) - 1
        return seg_src[k] + (position - seg_at[k]) * seg_step[k]

    @property
    def offsets(self) -> list[int]:
        """The source offset of every projected character (for tests; source_span needs no list)."""
        return [self.offset(p) for p in range(len(self.text))]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets [s, e) of projected [start, end)."""
        return self.offset(start), self.offset(end - 1) + 1
