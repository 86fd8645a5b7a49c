"""Escaping and search folding: the two places where source text meets HTML and the index.

``esc`` is the only way text reaches a page. Besides the HTML specials it
writes ``{`` and ``}`` as character references, so a source's ``{{ x }}`` or
``{% if %}`` can never be read as a template by MkDocs plugins (e.g. macros)
and no source text is parsed as Markdown (pages are raw HTML blocks).

Search spellings: Pagefind matches query words against the words its
Japanese segmenter made of the page, so variants must be *in the page*:
``search_variants`` gives, for a text, the ヴ-words folded to ブ (ラヴロフ ~
ラブロフ) and old full-size sokuon modernised (あつた -> あった); the renderer
puts them in search-only spans next to the text. ``fold`` (NFKC, ヴ -> ブ) is
also applied to the query by the search page (same table, exported as JSON).
"""
from __future__ import annotations

import re
import unicodedata

import regex

from markupsafe import Markup, escape

# ヴ row -> バ row (the usual loanword variants), applied to query and text
FOLD_PAIRS: list[tuple[str, str]] = [
    ("ヴァ", "バ"), ("ヴィ", "ビ"), ("ヴェ", "ベ"), ("ヴォ", "ボ"), ("ヴュ", "ビュ"), ("ヴ", "ブ"), ("ゔ", "ぶ"),
]
# Old texts write the sokuon full size: あつた, 行つて. A つ before a consonant-initial kana
# that follows a verb stem is very probably っ; the search-only variant modernises it, so a
# reader typing あった finds あつた (the TEI's reg type="kana", when present, does the same).
OLD_SOKUON = regex.compile(r"[\p{Han}\p{Hiragana}]{0,3}つ(?=[かくけこさすせそたちてとぱぴぷぺぽ])[\p{Hiragana}]{0,2}")
NOT_SOKUON = ("かつて", "且つ", "一つ", "二つ", "三つ", "五つ", "六つ", "七つ", "八つ", "九つ", "いくつ")
# OLD_SOKUON needs a つ right before one of those kana: the stdlib test for it is far cheaper than the match
SOKUON_GATE = re.compile(r"つ[かくけこさすせそたちてとぱぴぷぺぽ]")
KATAKANA_V = regex.compile(r"[\p{Katakana}ー]*[ヴゔ][\p{Katakana}ー]*")


ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;",
                         "{": "&#123;", "}": "&#125;"})


try:                        # markupsafe's C escape, as a plain str: exactly ESCAPES' five HTML specials
    from markupsafe._speedups import _escape_inner as _escape_specials
except ImportError:         # pragma: no cover - markupsafe without its C speedups (or a future layout)
    def _escape_specials(s: str) -> str:
        return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;")
                .replace("'", "&#39;"))

_new_str = str.__new__


def safe(html: str) -> Markup:
    """HTML that we made, every piece of source text in it already escaped by ``esc``, as Markup.

    The same as ``Markup(html)`` for a str, without markupsafe's constructor in Python (the renderer
    makes one per element); never call it on source text."""
    return _new_str(Markup, html)


def esc_text(value: str) -> str:
    """``esc`` for a str, returning a plain str (for the renderer's inner loop, which joins pieces)."""
    out = _escape_specials(value)
    if "{" in out or "}" in out:
        out = out.replace("{", "&#123;").replace("}", "&#125;")
    return out


def esc(value: object) -> Markup:
    """HTML-escape (``& < > " '``) and neutralise template braces; Markup passes through unchanged."""
    if type(value) is str:
        return _new_str(Markup, esc_text(value))
    if isinstance(value, Markup):
        return value
    # markupsafe's escape writes exactly ESCAPES' five HTML specials; the braces are rarer
    out = escape("" if value is None else str(value))
    if "{" in out or "}" in out:
        out = Markup(str.replace(str.replace(out, "{", "&#123;"), "}", "&#125;"))
    return out


def fold(text: str) -> str:
    """The search form of a text: NFKC, ヴ as ブ (the query gets the same in hk-search.js)."""
    text = unicodedata.normalize("NFKC", text)
    if "ヴ" not in text and "ゔ" not in text:
        return text
    for a, b in FOLD_PAIRS:
        text = text.replace(a, b)
    return text


def search_variants(text: str) -> list[str]:
    """Search-only spellings of words in ``text``: ヴ-words as ブ, old full-size sokuon as っ."""
    out: list[str] = []
    if "ヴ" in text or "ゔ" in text:
        out += [fold(m) for m in KATAKANA_V.findall(text)]
    if "つ" in text and SOKUON_GATE.search(text):
        for m in OLD_SOKUON.finditer(text):
            word = m.group(0)
            if any(w in word for w in NOT_SOKUON):
                continue
            cut = word.rindex("つ")
            out.append(word[:cut] + "っ" + word[cut + 1:])
    return list(dict.fromkeys(out))
