"""Escaping and search folding: the two places where source text meets HTML and the index.

``esc`` is the only way text reaches a page. Besides the HTML specials it
writes ``{`` and ``}`` as character references, so a source's ``{{ x }}`` or
``{% if %}`` can never be read as a template by MkDocs plugins (e.g. macros)
and no source text is parsed as Markdown (pages are raw HTML blocks).

``fold`` maps Japanese spelling variants to one search form, applied both to
the indexed text (search-only spans) and to the query (search page script,
the same table exported as JSON): small kana to full size (あった ~ あつた,
old texts write the sokuon full size), ヴ-row to バ-row (ラヴロフ ~ ラブロフ),
half-width katakana and full-width ASCII via NFKC.
"""
from __future__ import annotations

import unicodedata

from markupsafe import Markup, escape

# small kana -> full size; ヴ row -> バ row (the usual loanword variants)
FOLD_PAIRS: list[tuple[str, str]] = [
    ("ヴァ", "バ"), ("ヴィ", "ビ"), ("ヴェ", "ベ"), ("ヴォ", "ボ"), ("ヴュ", "ビュ"), ("ヴ", "ブ"),
    ("ゔ", "ぶ"),
    *zip("ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ", "あいうえおつやゆよわかけアイウエオツヤユヨワカケ"),
]
FOLDABLE = set("".join(a for a, _ in FOLD_PAIRS))


def esc(value: object) -> Markup:
    """HTML-escape (``& < > " '``) and neutralise template braces."""
    return Markup(str(escape("" if value is None else str(value))).replace("{", "&#123;").replace("}", "&#125;"))


def fold(text: str) -> str:
    """The search form of a text: NFKC, small kana full size, ヴ as ブ."""
    text = unicodedata.normalize("NFKC", text)
    if not FOLDABLE.intersection(text):
        return text
    for a, b in FOLD_PAIRS:
        text = text.replace(a, b)
    return text
