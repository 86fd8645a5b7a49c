"""Full-width letters and digits, half-width katakana: regularised to the usual width.

``Ｉ Ｎ Ｆ`` is letter spacing (see spacing); ``ＩＮＦ`` → ``<choice><orig>ＩＮＦ</orig><reg type="width">INF</reg></choice>``;
``ｶﾀｶﾅ`` → ``<choice><orig>ｶﾀｶﾅ</orig><reg type="width">カタカナ</reg></choice>``.

Search for INF or 61 should find ＩＮＦ and ６１; Japanese full-width
punctuation （、。「」） is the norm and is left alone. A run of full-width
letters and digits (with ．－／：＿ between them) is one regularisation;
NFKC gives the regular form (it also joins ｶﾞ into ガ). Nothing inside
another ``choice`` (a letter-spaced word keeps its own reg), a gap, a
running header or a garbled form. Runs after spacing and kana, before dates.
"""
from __future__ import annotations

import re
import unicodedata

from ..model import Document, Insert
from . import Pass

ALNUM = r"[Ａ-Ｚａ-ｚ０-９]"
# Ｓ．Ｖ． keeps its last dot: an abbreviation (a run with an inner ． ending in a letter and ．)
# Explicit ranges only (no \p{…}, no flags): they read the same in the standard re, which scans for a leading
# character class several times faster than regex (these run over the whole text).
WIDE = re.compile(rf"{ALNUM}(?:[Ａ-Ｚａ-ｚ０-９．－／：＿]*{ALNUM})?(?:(?<=．[Ａ-Ｚａ-ｚ])．)?")
HALF_KATAKANA = re.compile(r"[\uFF66-\uFF9F][\uFF65-\uFF9F]*")     # ｦ … ﾟ (a run may hold ･ and ｰ)
NO_WIDTH = ("gap", "fw", "figure", "desc", "choice", "orig", "sic", "corr", "reg")


def regular(run: str) -> str:
    return unicodedata.normalize("NFKC", run)


class Width(Pass):
    name = "width"
    priority = 355
    EXAMPLE = "ＩＮＦ交渉、ｶﾀｶﾅ"

    def apply(self, doc: Document) -> None:
        blocked = [(s.start, s.end) for s in doc.spans if s.tag in NO_WIDTH and s.end > s.start]
        runs = sorted([m.span() for m in WIDE.finditer(doc.text)] + [m.span() for m in HALF_KATAKANA.finditer(doc.text)])
        for start, end in runs:
            if any(s < end and start < e for s, e in blocked):
                continue
            reg = Insert("reg", (("type", "width"),), regular(doc.text[start:end]))
            doc.add(start, end, "choice", self.name, after=(reg,))
            doc.add(start, end, "orig", self.name)
