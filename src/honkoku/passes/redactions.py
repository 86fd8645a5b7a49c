"""Redactions: the marks archives leave where text was withheld.

``[REDACTED]`` → ``<gap reason="withheld" agent="declassification" extent="unknown"><desc>[REDACTED]</desc></gap>``

Also ■■■ runs (``quantity`` characters), ``(不開示)``, and the FRUS forms
``[1 paragraph not declassified]``, ``[less than 1 line not declassified]``,
``[name not declassified]``. The marker stays in ``desc`` for the diplomatic
view; a gap is countable. Runs after paragraphs (a redacted paragraph is a
``p`` holding a gap) and before every pass that tags words, so redacted
text is never tagged.
"""
from __future__ import annotations

import re

import regex

from ..model import Document
from . import Pass

# A marker stays on one line, one page and one table cell: its spaces (␣) are never a line end, a form
# feed or a tab (a <desc> holds no <lb/> or <pb/>, and a gap never spans two cells).
SPACE = r"[^\S\n\t\f\v\r\x85\u2028\u2029]"
REDACTION = regex.compile(r"""
    (?P<redacted>\[␣*(?:REDACTED|Redacted|redacted|SANITIZED|WITHHELD|EXCISED)(?:(?::|␣)[^\]\n\t\f]{0,80})?\])
  | (?P<frus>\[(?P<less>less␣than␣)?(?P<q>\d+(?:[½¼¾]|\.\d)?|one|two|three|a)?␣*
        (?P<unit>paragraphs?|lines?|pages?|names?|words?|sentences?|columns?|footnotes?|rows?)␣+
        not␣+declassified[^\]\n\t\f]{0,40}\])
  | (?P<blocks>[■█▇]{1,})                             # ■■■ blacked-out characters
  | (?P<ja>[(（\[［]␣*(?:不開示|非開示|不開示部分|黒塗り)␣*[)）\]］])
""".replace("␣", SPACE), regex.VERBOSE | regex.IGNORECASE)

# Every alternative of REDACTION begins with one of these characters (none has a case variant).
FIRST = re.compile(r"[\[(（［■█▇]")


def redaction_matches(text: str):
    """``REDACTION.finditer(text)``, the same matches, tried only where one can begin.

    The alternation scans at a few MB/s when tried at every character; the standard re finds the
    possible first characters at GB/s, and ``match`` tries the alternation only there
    (tests/test_redactions_finder.py compares both).
    """
    pos = 0
    while True:
        first = FIRST.search(text, pos)
        if first is None:
            return
        m = REDACTION.match(text, first.start())
        if m is None:
            pos = first.start() + 1
        else:
            yield m
            pos = m.end()


WORDS = {"one": "1", "two": "2", "three": "3", "a": "1"}
UNITS = {"paragraph": "paragraph", "line": "line", "page": "page", "name": "name", "word": "word",
         "sentence": "sentence", "column": "column", "footnote": "footnote", "row": "row"}


def gap_attrs(m: regex.Match) -> dict[str, str]:
    attrs = {"reason": "withheld", "agent": "declassification"}
    if m["frus"]:
        unit = UNITS[m["unit"].lower().rstrip("s")]
        if m["less"] or not m["q"]:
            attrs["extent"] = m["frus"][1:-1].split(" not ")[0]
        else:
            quantity = WORDS.get(m["q"].lower(), m["q"]).replace("½", ".5").replace("¼", ".25").replace("¾", ".75")
            attrs.update(quantity=quantity, unit=unit)
    elif m["blocks"]:
        attrs.update(quantity=str(len(m["blocks"])), unit="character")
    else:
        attrs["extent"] = "unknown"
    return attrs


class Redactions(Pass):
    name = "redactions"
    priority = 300
    EXAMPLE = "打診越した。[REDACTED]と云"

    def apply(self, doc: Document) -> None:
        for m in redaction_matches(doc.text):
            if doc.covered(m.start(), m.end(), "figure", "fw", "gap"):
                continue
            doc.add(m.start(), m.end(), "gap", self.name, **gap_attrs(m))
            doc.add(m.start(), m.end(), "desc", self.name)
