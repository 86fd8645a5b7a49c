"""Old small-kana spellings: あつた → あった, kept as a regularisation.

``説明があつた`` → ``説明が<choice><orig>あつた</orig><reg type="kana" resp="#app-honkoku">あった</reg></choice>``

Typescripts of the period write the geminate っ as a full-size つ. Reading
and search want あった; the diplomatic view keeps あつた. The rule is
conservative, because a full-size つ before た/て is often right (かつて
"formerly", 一つ, 且つ): only the forms in ``RULES`` are regularised —
verb and adjective endings after known stems — and each is listed with the
words it is meant for. The sidecar's ``[[kana]]`` table confirms a spelling
(the reg then carries the editor's ``resp``), adds one the rules miss
(``word = "ちよつと"``, ``reg = "ちょっと"``), or rejects one
(``status = "rejected"``: every rule match inside that word is dropped).

Runs after spacing (whose ``choice`` it never nests in) and before dates.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import regex

from ..model import Document, Insert
from ..sidecar import Key, Table
from . import Pass, sidecar_entries, sidecar_error

KANA = Table("kana", "An old kana spelling to regularise (or not) for reading and search.", (
    Key("word", str, "the spelling as the witness writes it; every occurrence is meant", "携つて", required=True),
    Key("reg", str, "the modern spelling (default: つ before a kana it doubles → っ)", "携って"),
    Key("status", str, "confirmed: regularise (the editor's decision); rejected: never regularise inside this word",
        "confirmed", choices=("confirmed", "rejected")),
    Key("resp", str, "editor id of who decided", "ed-1"),
    Key("note", str, "why", "かつて here means 'formerly'"),
), many=True)


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: regex.Pattern | re.Pattern
    words: str                     # what the rule is meant for (docs and tests)


def _rule(name: str, pattern: str, words: str) -> Rule:
    # A plain alternation of words (no classes, no lookarounds) reads the same in the standard re, which scans
    # for it about three times faster than regex (the adverbs: 0.08 -> 0.03 ms on a 14 KB text).
    plain = all(ch not in pattern for ch in "[](){}\\?*+.^$")
    return Rule(name, re.compile(pattern) if plain else regex.compile(pattern), words)


RULES = (
    _rule("okurigana", r"(?![一二三四五六七八九十百千幾何嘗曾且])\p{Han}[わかがなま]?つ[たて]",
          "a kanji verb stem and its okurigana: 移つた 行つて 上つて 立つた 誤つた 携つて 終わつた 始まつた"),
    _rule("aru", r"あつ[たて]", "ある: であつた があつて"),
    _rule("naru", r"(?<!ま)なつ[たて]", "なる: になつた となつて (not まなつ)"),
    _rule("adjective", r"[なしよたき]かつた", "past of adjectives and ない: なかつた よかつた 正しかつた"),
    _rule("yoru", r"よつ[たて]", "よる: によつて よつて"),
    _rule("motsu", r"(?<=を)もつて", "をもつて"),
    _rule("toru", r"(?<=に)とつて", "にとつて"),
    _rule("iu", r"(?<=[とてにへ])いつ[たて]", "言う・行く after a particle: といつた ていつた"),
    _rule("hakaru", r"(?<=を)はかつ[たて]", "図る after を: をはかつて (not 彼はかつて, formerly)"),
    _rule("adverb", r"まつたく|はつきり|すつかり|しつかり|やつぱり|びつくり|ゆつくり|あつさり|すつきり|ぴつたり|もつぱら",
          "adverbs: まつたく はつきり すつかり …"),
)
# A full-size つ that an old spelling uses for the geminate: before a kana that can be doubled.
GEMINATE = regex.compile(r"つ(?=[かきくけこがぎぐげごさしすせそざじずぜぞたちつてとだぢづでどぱぴぷぺぽ])")
NO_KANA = ("gap", "fw", "figure", "desc", "choice", "orig", "sic", "corr", "reg")


def regular(word: str) -> str:
    """The modern spelling: 移つた → 移った, まつたく → まったく."""
    return GEMINATE.sub("っ", word)


def candidates(text: str) -> list[tuple[int, int, str]]:
    """(start, end, rule) for every built-in match, overlaps resolved: earliest, then longest."""
    found = sorted(((m.start(), m.end(), r.name) for r in RULES for m in r.pattern.finditer(text)),
                   key=lambda t: (t[0], -t[1]))
    out: list[tuple[int, int, str]] = []
    for s, e, name in found:
        if out and s < out[-1][1]:
            continue
        out.append((s, e, name))
    return out


class Kana(Pass):
    name = "kana"
    priority = 350
    SIDECAR = (KANA,)
    EXAMPLE = "説明があつた。宇宙の議論に移つたところ"

    def apply(self, doc: Document) -> None:
        text = doc.text
        blocked = [(s.start, s.end) for s in doc.spans if s.tag in NO_KANA and s.end > s.start]
        taken: list[tuple[int, int]] = []

        def free(a: int, b: int) -> bool:
            return not any(s < b and a < e for s, e in blocked + taken)

        confirmed, rejected = self._sidecar(doc)
        for word, reg, resp in confirmed:
            hits = [m for m in regex.finditer(regex.escape(word), text) if free(m.start(), m.end())]
            if not hits and word in text:
                continue
            if not hits:
                doc.warn(0, f"[[kana]] word {word!r} does not occur in the text")
            for m in hits:
                self._add(doc, m.start(), m.end(), reg, resp)
                taken.append((m.start(), m.end()))
        for s, e, _ in candidates(text):
            if not free(s, e) or any(rs < e and s < re_ for rs, re_ in rejected):
                continue
            self._add(doc, s, e, regular(text[s:e]), "#app-honkoku")

    def _add(self, doc: Document, start: int, end: int, reg: str, resp: str) -> None:
        doc.add(start, end, "choice", self.name, after=(Insert("reg", (("type", "kana"), ("resp", resp)), reg),))
        doc.add(start, end, "orig", self.name)

    @staticmethod
    def _sidecar(doc: Document) -> tuple[list[tuple[str, str, str]], list[tuple[int, int]]]:
        confirmed, rejected = [], []
        for i, entry in enumerate(sidecar_entries(doc, "kana")):
            word = entry.get("word", "")
            if not word:
                raise sidecar_error(doc, f"[[kana]] entry {i + 1} has an empty word", "kana", i, "word",
                                    "quote the old spelling, e.g. word = \"あつた\"")
            if entry.get("status", "confirmed") == "rejected":
                rejected += [(m.start(), m.end()) for m in regex.finditer(regex.escape(word), doc.text)]
                continue
            reg = entry.get("reg") or regular(word)
            if reg == word:
                raise sidecar_error(doc, f"[[kana]] word {word!r}: its regular form is the same", "kana", i, "reg",
                                    "give reg, the modern spelling (e.g. reg = \"ちょっと\")")
            confirmed.append((word, reg, "#" + entry.get("resp", "ed-1").lstrip("#")))
        confirmed.sort(key=lambda c: -len(c[0]))             # a longer word first: it wins over a part of it
        return confirmed, rejected
