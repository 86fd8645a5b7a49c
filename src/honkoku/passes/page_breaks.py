"""Page breaks: form feeds, the editor's ``[[page_break]]``s, and paragraphs cut by a page.

OCR of scanned pages leaves a blank line where a page ends. When a paragraph
stops without sentence-final punctuation and the next block continues the
sentence, the two are one paragraph across a page boundary:

``…思われま\n\nすが、…`` → ``<p>…思われま<pb n="6" break="no" cert="medium"/>すが、…</p>``

``break="no"`` when both sides are letters of one script (a word cut in two);
``cert="medium"`` because only the unfinished sentence shows the break. A
running header between the two (running_headers ran first) proves the break.
Finally every ``pb`` is numbered (``@n``, page 1 being the first) and given a
line-based id. Runs after documents, furniture, running_headers and boxes,
before any pass that needs paragraphs.
"""
from __future__ import annotations

import bisect

import regex

from ..anchors import AnchorError, resolve
from ..model import Document
from ..sidecar import ANCHOR_KEYS, Key, Table
from . import Pass, from_entry, sidecar_entries, sidecar_error, sidecar_table

PAGE_BREAK = Table("page_break", "A page break the text cannot show: placed right before the quote.",
                   ANCHOR_KEYS + (
                       Key("break", str, "'no' when the break cuts a word", "no", choices=("yes", "no")),
                   ), many=True)
PAGES = Table("pages", "How the file shows its pages.", (
    Key("detect_breaks", bool, "find paragraphs cut by a page (OCR); false for web text", False),
    Key("first", int, "number of the first page", 1),
))

# A paragraph ends with sentence-final punctuation (a numeral in brackets, "(2)", is a reference).
FINAL = regex.compile(r"(?:[。．！？!?」』”’\"'】〕》〉]|[.:;](?<!\p{Lu}\.)|(?<![(（][\p{Nd}ivxIVX]{1,4})[)）])\s*$")
# The next block opens something new: a list item, a numbered point, a speaker, a bracket.
OPENS = regex.compile(r"^(?:[-*•・]\s|\p{Nd}{1,3}[.．、]|[(（［\[【「『〈《]|第\p{Nd}+|[A-Z][a-z]*\.?:)")
SCRIPT_CLASSES = tuple(regex.compile(p) for p in (r"\p{Han}", r"\p{Katakana}", r"\p{Hiragana}", r"[\p{Latin}]"))
TABLE_ROW = regex.compile(r"^\s*(?:\||<p>)|\|\s*$")
LATIN = 3                  # index of the one space-separated script above
LATIN_END = regex.compile(r"[\p{Latin}]$")
LOWER_OR_DIGIT = regex.compile(r"[\p{Ll}\p{Nd}]")
COMMA = regex.compile(r"[、。，]")
HIRAGANA_OR_LOWER = regex.compile(r"[\p{Hiragana}\p{Ll}]")
HYPHENATED = regex.compile(r"\p{Latin}-$")
LOWER = regex.compile(r"\p{Ll}")
BLANK_BEFORE = regex.compile(r"\n[ \t\u3000]*\n\s*$")
FORM_FEED = regex.compile(r"\f")


def script_class(ch: str) -> int:
    return next((i for i, p in enumerate(SCRIPT_CLASSES) if p.match(ch)), -1)


def continues(before: str, after: str) -> tuple[bool, bool]:
    """(does ``after`` continue the sentence of ``before``, is a word cut)."""
    tail = before.rstrip()
    # FINAL ends in \s*$ and tail ends in no space: only its last character can match (lookbehinds
    # still see before it), so search from there instead of trying every character of the block.
    if not tail or not after or FINAL.search(tail, len(tail) - 1) or OPENS.match(after):
        return False, False
    last_line = tail.rsplit("\n", 1)[-1]
    if TABLE_ROW.match(last_line) or "\t" in last_line:
        return False, False                      # a table row is not a sentence cut by the page
    if LATIN_END.search(tail, len(tail) - 1) and LOWER_OR_DIGIT.match(after):
        prose = len(last_line.split()) >= 4
    else:
        prose = bool(COMMA.search(last_line)) or (
            len(last_line) >= 20 and HIRAGANA_OR_LOWER.match(after) is not None)
    if not prose:
        return False, False
    if HYPHENATED.search(tail):           # "recon-|vene": a hyphenated word
        return True, LOWER.match(after) is not None
    a, b = script_class(tail[-1]), script_class(after[0])
    # Japanese runs words together, so a page between two letters of one script cuts a word;
    # a space-separated script (Latin) cuts a word only with a hyphen, handled above
    return True, a >= 0 and a == b and a != LATIN


class PageBreaks(Pass):
    name = "page_breaks"
    priority = 120
    SIDECAR = (PAGE_BREAK, PAGES)
    EXAMPLE = "日本の立場については、米側も十分承知しているものと思われま\n\nすが、他方で"

    def apply(self, doc: Document) -> None:
        settings = sidecar_table(doc, "pages")
        for m in FORM_FEED.finditer(doc.text):
            doc.add(m.end(), m.end(), "pb", self.name, type="formfeed")
        self._declared(doc)
        if settings.get("detect_breaks", True):
            self._continuations(doc)
        self._number(doc, settings.get("first", 1))

    def _declared(self, doc: Document) -> None:
        sc = doc.meta["sidecar"]
        for i, entry in enumerate(sidecar_entries(doc, "page_break")):
            try:
                start, _ = resolve(doc.text, sc.anchor(entry))
            except AnchorError as exc:
                raise sidecar_error(doc, f"[[page_break]] entry {i + 1}: {exc}", "page_break", i, "quote",
                                    exc.hint) from None
            attrs = {"break": "no"} if entry.get("break") == "no" else {}
            before = doc.text[:start]
            after_blank = BLANK_BEFORE.search(before) is not None
            if after_blank and (entry.get("break") == "no" or continues(before, doc.text[start:])[0]):
                attrs["#joins"] = str(start)     # the paragraph goes on across the declared break
            with from_entry(doc, "page_break", i):
                doc.add(start, start, "pb", self.name, resp="#ed-1", **attrs)

    def _continuations(self, doc: Document) -> None:
        divs = doc.find("div")
        pbs = {s.start: s for s in doc.find("pb")}
        blocks = doc.physical_blocks()
        starts = [s for s, _ in blocks]
        prose = [(s, e) for s, e in blocks if not doc.claimed(s, e)]
        for (s1, e1), (s2, e2) in zip(prose, prose[1:]):
            if any(d.start <= s1 < d.end and not d.start <= s2 < d.end for d in divs):
                continue               # never across a document boundary
            between = blocks[bisect.bisect_right(starts, e1):bisect.bisect_left(starts, s2)]   # e1 < s < s2
            if any(not self._see_through(doc, s, e) for s, e in between):
                continue
            ok, cut = continues(doc.text[s1:e1], doc.text[s2:e2])
            if not ok:
                continue
            # a running header between the two already carries the break
            header = next((pbs[s] for s, _ in between if s in pbs), None)
            if header is not None:
                header.attrs["#joins"] = str(s2)
                if cut:
                    header.attrs["break"] = "no"
                continue
            if s2 in pbs:
                pbs[s2].attrs["#joins"] = str(s2)
                continue
            # a box-only block between ("ア\n\n[]\n\nドレフ"): the break is before the boxes
            at = between[0][0] if between else s2
            attrs = {"break": "no"} if cut else {}
            pbs[at] = doc.add(at, at, "pb", self.name, cert="medium", **attrs)
            pbs[at].attrs["#joins"] = str(s2)

    @staticmethod
    def _see_through(doc: Document, s: int, e: int) -> bool:
        """Blocks a continuing paragraph may cross: running headers and empty boxes."""
        return any(sp.tag == "gap" or sp.by == "running_headers" for sp in doc.containing(s, e, "gap", "fw"))

    @staticmethod
    def _number(doc: Document, first: int) -> None:
        pbs = sorted(doc.find("pb"), key=lambda s: (s.start, s.seq))
        if any("xml:id" in span.attrs for span in pbs):
            ids = None                  # an id to replace: ask for each after the one before is in place
        else:                           # none: the ids handed out are taken for the next ones (line_id), and
            ids = [doc.line_id("pb", span.start) for span in pbs]      # the index is not rebuilt after each
        for n, span in enumerate(pbs, first + 1):
            attrs = {"n": str(n)}
            attrs.update({k: v for k, v in span.attrs.items() if k != "n"})
            attrs["xml:id"] = ids[n - first - 1] if ids is not None else doc.line_id("pb", span.start)
            span.attrs = attrs
