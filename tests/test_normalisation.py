"""Old small kana (あつた → あった) and character width (ＩＮＦ → INF), as orig/reg."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from honkoku.convert import convert
from honkoku.errors import UserError
from honkoku.passes import kana, width
from teicheck import NS

# old spelling -> what the built-in rules make of it (None: left alone)
KANA = [
    ("説明があつた", "あった"),
    ("議論に移つたところ", "移った"),
    ("部下になつている", "なって"),
    ("達成出来なかつた", "なかった"),
    ("離間をはかつており", "はかって"),
    ("推進に携つて来た", "携って"),
    ("条約によつて", "よって"),
    ("誤つたアドバイス", "誤った"),
    ("会議が始まつた", "始まった"),
    ("交渉が終わつた", "終わった"),
    ("まつたく違う", "まったく"),
    ("正しかつた", "しかった"),
    ("日本にとつて", "とって"),
    ("これをもつて", "もって"),
    ("といつた問題", "いった"),
    ("かつての書記長", None),            # formerly
    ("彼はかつて大使", None),            # 彼は + かつて, not 図って
    ("欧米がかつて賭けを", None),
    ("一つて", None),                    # a counter
    ("嘗つて", None),
    ("まなつの日", None),                # 真夏
    ("ついては", None),
    ("あった", None),                    # already modern
]


@pytest.mark.parametrize("text,reg", KANA)
def test_builtin_kana_rules(text, reg):
    found = [kana.regular(text[s:e]) for s, e, _ in kana.candidates(text)]
    assert found == ([] if reg is None else [reg])


def test_regular_spelling():
    assert kana.regular("移つた") == "移った"
    assert kana.regular("まつたく") == "まったく"
    assert kana.regular("つた") == "った"
    assert kana.regular("一つ") == "一つ"            # nothing to double after it


def _convert(tmp_path: Path, text: str, sidecar: str = ""):
    txt = tmp_path / "t.txt"
    txt.write_text(text, encoding="utf-8")
    if sidecar:
        txt.with_suffix(".toml").write_text(sidecar, encoding="utf-8")
    doc, tei = convert(txt, tmp_path)
    return doc, etree.fromstring(tei).find("tei:text", NS)


def _choices(text_el):
    return [("".join(c.find("tei:orig", NS).itertext()), c.find("tei:reg", NS).text, c.find("tei:reg", NS).get("type"),
             c.find("tei:reg", NS).get("resp")) for c in text_el.iter(f"{{{NS['tei']}}}choice")
            if c.find("tei:orig", NS) is not None]


def test_sidecar_confirms_adds_and_rejects(tmp_path):
    sidecar = ('[[kana]]\nword = "あつた"\n\n[[kana]]\nword = "ちよつと"\nreg = "ちょっと"\n\n'
               '[[kana]]\nword = "かつたくみ"\nstatus = "rejected"\n\n[[kana]]\nword = "ゆつくり"\n')
    doc, text_el = _convert(tmp_path, "説明があつた。ちよつと待つて。迅速かつたくみに。\n", sidecar)
    assert _choices(text_el) == [
        ("あつた", "あった", "kana", "#ed-1"),
        ("ちよつと", "ちょっと", "kana", "#ed-1"),
        ("待つて", "待って", "kana", "#app-honkoku"),
    ]
    assert any("ゆつくり" in m for _, m in doc.warnings)          # confirmed but not in the text


def test_sidecar_word_without_a_regular_form_is_an_error(tmp_path):
    with pytest.raises(UserError, match="regular form is the same"):
        _convert(tmp_path, "ちよと\n", '[[kana]]\nword = "ちよと"\n')


def test_no_kana_choice_inside_a_correction(tmp_path):
    sidecar = '[[correction]]\nquote = "あつた"\ncorr = "あつだ"\ncert = "medium"\n'
    _, text_el = _convert(tmp_path, "説明があつた。\n", sidecar)
    assert text_el.find(".//tei:sic//tei:choice", NS) is None
    assert text_el.find(".//tei:reg[@type='kana']", NS) is None


# -- width ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,runs", [
    ("ＩＮＦ交渉", [("ＩＮＦ", "INF")]),
    ("Ｓ．Ｖ．ラヴロフ", [("Ｓ．Ｖ．", "S.V.")]),
    ("昭和６１年", [("６１", "61")]),
    ("ｶﾞｲﾑｼｮｳ", [("ｶﾞｲﾑｼｮｳ", "ガイムショウ")]),
    ("（外務省）、「極秘」。", []),              # Japanese full-width punctuation is the norm
    ("INF 61", []),
])
def test_width_runs(tmp_path, text, runs):
    _, text_el = _convert(tmp_path, text + "\n")
    assert [(o, r) for o, r, t, _ in _choices(text_el) if t == "width"] == runs


def test_width_never_nests_in_a_letter_spaced_choice(tmp_path):
    _, text_el = _convert(tmp_path, "「Ｉ Ｎ Ｆ」\n")
    assert [t for _, _, t, _ in _choices(text_el)] == ["spacing"]
    assert text_el.find(".//tei:choice//tei:choice", NS) is None


def test_width_regular_is_nfkc():
    assert width.regular("ＡＢＣ１２３") == "ABC123"
    assert width.regular("ﾊﾟﾝ") == "パン"
