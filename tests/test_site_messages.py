"""The interface's message catalogue (site/messages.py): both languages complete and alike, every key the
code asks for present, the language chosen from theme.language."""
from __future__ import annotations

from pathlib import Path

import pytest
import regex
from markupsafe import Markup

from honkoku.site.messages import CATALOGUES, EN, JA, MESSAGES, Messages, placeholders, ui_language

SITE = Path(__file__).resolve().parent.parent / "src" / "honkoku" / "site"
CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
# a key written out where it is used: t("…") in templates, msg("…")/r.msg("…")/self.msg("…") in Python,
# hk_t("…") in the theme override; keys made with f-strings ("order.{order}") are checked by the site tests
USED_KEY = regex.compile(r"""(?:\bt|\bmsg|\bhk_t)\(\s*["']([A-Za-z_.\-]+)["']""")


def test_every_entry_has_a_japanese_and_an_english_text():
    for key, texts in MESSAGES.items():
        assert isinstance(texts, tuple) and len(texts) == 2, key
        assert all(isinstance(t, str) and t for t in texts), key
    assert CATALOGUES["ja"].keys() == CATALOGUES["en"].keys() == MESSAGES.keys()


def test_both_languages_use_the_same_placeholders():
    different = {key: (placeholders(ja), placeholders(en)) for key, (ja, en) in MESSAGES.items()
                 if placeholders(ja) != placeholders(en)}
    assert not different


def test_the_english_catalogue_has_no_japanese():
    japanese = {key: en for key, (_ja, en) in MESSAGES.items() if CJK.search(en)}
    assert not japanese


def test_every_key_the_code_asks_for_is_in_the_catalogue():
    files = [p for p in sorted(SITE.rglob("*")) if p.suffix in (".py", ".j2", ".html") and p.name != "messages.py"]
    used = {key for p in files for key in USED_KEY.findall(p.read_text(encoding="utf-8"))}
    assert len(used) > 100                                     # the pattern finds the uses
    assert not used - MESSAGES.keys()


@pytest.mark.parametrize("setting, expected", [
    ("ja", "ja"), ("ja-JP", "ja"), ("ja_JP", "ja"), ("JA", "ja"), (None, "ja"), ("", "ja"),
    ("en", "en"), ("en-GB", "en"), ("de", "en"), ("fr", "en"), ("jam", "en"),
])
def test_the_language_comes_from_theme_language(setting, expected):
    assert ui_language(setting) == expected
    assert Messages(setting or "ja").lang == expected


def test_formatting_plurals_and_html():
    assert EN("entity.mentions_count", total=1, places=1) == "1 mention in 1 document"
    assert EN("entity.mentions_count", total=5, places=2) == "5 mentions in 2 documents"
    assert JA("entity.mentions_count", total=5, places=2) == "5 回 (2 文書)"
    assert EN("render.page", n="3") == "Page 3" and JA("render.page", n="3") == "3ページ目"
    html = EN("search.noscript_html", base='"><script>')
    assert isinstance(html, Markup) and "<script>" not in html and "&#34;&gt;&lt;script&gt;" in html
    plain = EN("quote", text="<b>")
    assert not isinstance(plain, Markup) and plain == "“<b>”"          # escaped where it is used
    assert EN.label("type", "telegram") == "Telegram" and EN.label("type", "minutes") == "minutes"
    assert EN.hand("handwritten", "pencil") == "Handwritten — pencil" and JA.hand("", "pencil") == "pencil"
