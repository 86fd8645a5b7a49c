"""Letter-spaced words: 極 秘 → 極秘 as a regularisation, the spacing kept.

``決 裁 書`` → ``<choice><orig>決 裁 書</orig><reg type="spacing">決裁書</reg></choice>``

A run of two or more single kanji or katakana (or three or more capital
letters, ``I N F``) separated by single spaces is one word set letter-spaced.
A run holding a hiragana (部 の 内 部: a form with blanks) is not, nor the
blanks of a form date (昭和 年 月 日: a date, see dates), nor are
table cells, forms and gaps, where the spaces separate fields. Runs after
corrections, before dates and entities (which then see the regular form).
"""
from __future__ import annotations

import regex

from ..model import Document, Insert
from . import Pass

SPACED = regex.compile(r"""
    (?<![\p{L}\p{N}])                                  # starts a word
    (?:[\p{Han}\p{Katakana}ー](?:[ \u3000][\p{Han}\p{Katakana}ー])+     # 決 裁 書
      |\p{Lu}(?:[ ]\p{Lu}){2,})                        # I N F
    (?![\p{L}\p{N}])                                   # ends a word
""", regex.VERBOSE)
BLANK_DATE = regex.compile(r"[年月日時分](?:[ \u3000][年月日時分])+")   # 昭和 年 月 日: a form's blank date
SINGLES = regex.compile(r"(?<![\p{L}\p{N}])[\p{L}\p{N}](?:[ \u3000][\p{L}\p{N}])+(?![\p{L}\p{N}])")
# A space between two single letters: every run of SINGLES holds one. Found ten times faster than
# SINGLES itself (which tries every letter of the text), it tells where SINGLES needs to look.
CANDIDATE = regex.compile(r"(?<=(?<![\p{L}\p{N}])[\p{L}\p{N}])[ \u3000](?=[\p{L}\p{N}](?![\p{L}\p{N}]))")
HIRAGANA = regex.compile(r"\p{Hiragana}")
SPACES = regex.compile(r"[ \u3000]")


def single_runs(text: str):
    """SINGLES.finditer(text), scanning only around candidate spaces (same matches, same order).

    Consecutive spaces of a run are two characters apart, so windows of
    [space - 1, space + 3) that overlap are merged into the run's region; the
    lookbehind sees before a window and its last character serves the lookahead.
    """
    windows: list[list[int]] = []
    for m in CANDIDATE.finditer(text):
        start, end = m.start() - 1, min(m.start() + 3, len(text))
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    for start, end in windows:
        yield from SINGLES.finditer(text, start, end)


class Spacing(Pass):
    name = "spacing"
    priority = 340
    EXAMPLE = "決 裁 書"

    def apply(self, doc: Document) -> None:
        for run in single_runs(doc.text):
            if HIRAGANA.search(run[0]) or BLANK_DATE.fullmatch(run[0]):
                continue
            for m in SPACED.finditer(doc.text, run.start(), run.end()):
                if m.start() != run.start() or m.end() != run.end():
                    continue
                if doc.covered(m.start(), m.end(), "cell", "figure", "gap", "choice", "row"):
                    continue
                reg = Insert("reg", (("type", "spacing"),), SPACES.sub("", m[0]))
                doc.add(m.start(), m.end(), "choice", self.name, after=(reg,))
                doc.add(m.start(), m.end(), "orig", self.name)
