"""Finding register names in Japanese text: word edges, longest form, abbreviations, folding."""
from __future__ import annotations

import pytest

from honkoku.registers import parse
from honkoku.registers.matcher import Matcher, Projection, fold, mask

REGISTERS = '''
[[person]]
id = "per-rowny"
name = "ラウニー"
[[person]]
id = "per-akhromeyev"
name = "アフロメーエフ"
abbr = ["ア"]
[[person]]
id = "per-merkel"
name = "メルケル"
[[person]]
id = "per-lavrov"
name = "ラブロフ"
forms = ["ラヴロフ"]
[[person]]
id = "per-shultz"
name = "シュルツ"
[[person]]
id = "per-shevardnadze"
name = "シェヴァルナツェ"
[[place]]
id = "pl-china"
name = "中国"
[[place]]
id = "pl-india"
name = "インド"
[[org]]
id = "org-un"
name = "国連"
[[org]]
id = "org-unsc"
name = "国連安保理"
[[org]]
id = "org-china-division"
name = "中国課"
[[term]]
id = "t-inf"
name = "INF"
gloss = "中距離核戦力"
expan = "Intermediate-range Nuclear Forces"
[[term]]
id = "t-srinf"
name = "SRINF"
gloss = "短射程中距離核戦力"
expan = "Shorter-Range INF"
[[term]]
id = "t-ss-20"
name = "SS-20"
forms = ["SS20"]
gloss = "SS-20"
expan = "SS-20"
[[ignore]]
form = "インド洋"
'''


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return parse([("registers/test.toml", REGISTERS.encode())]).matcher("test")


def found(matcher: Matcher, text: str) -> list[tuple[str, str]]:
    """(text found, the id) for each unambiguous hit."""
    folded = fold(text)
    return [(folded[h.start:h.end], h.ids[0]) for h in matcher.scan(folded)]


@pytest.mark.parametrize("text, expected", [
    # katakana edges: no match inside a longer katakana word
    ("アジアの安全", []),
    ("ラウニーズ・バー", []),
    ("スーパーラウニー", []),
    ("ラウニー大使", [("ラウニー", "per-rowny")]),
    ("松永・ラウニー会談", [("ラウニー", "per-rowny")]),
    ("シュルツ・シェヴァルナツェ会談", [("シュルツ", "per-shultz"), ("シェヴァルナツェ", "per-shevardnadze")]),
    ("ラウニー。", [("ラウニー", "per-rowny")]),
    ("インドネシア", []),
    ("インド太平洋", [("インド", "pl-india")]),
    ("インド洋", []),                                   # [[ignore]]: found, consumed, not linked
    # the longest form wins
    ("国連安保理の決議", [("国連安保理", "org-unsc")]),
    ("国連の決議", [("国連", "org-un")]),
    ("中国課長", [("中国課", "org-china-division")]),
    ("中国への言及", [("中国", "pl-china")]),
    # Latin edges
    ("SRINFも対象", [("SRINF", "t-srinf")]),
    ("INFの全廃", [("INF", "t-inf")]),
    ("米側が INF に関し", [("INF", "t-inf")]),
    ("INFORMAL", []),
    ("SS20とSS-20", [("SS20", "t-ss-20"), ("SS-20", "t-ss-20")]),
    ("SS-200", []),
    # initials belong to the name
    ("A・メルケル元首相", [("A・メルケル", "per-merkel")]),
    ("S. V. ラヴロフ:", [("S. V. ラヴロフ", "per-lavrov")]),
    ("P.Y.メルケル", [("P.Y.メルケル", "per-merkel")]),
    ("SDI.メルケル", [("メルケル", "per-merkel")]),
    # abbreviations only inside 「」
    ("「ア」は軍人として", [("ア", "per-akhromeyev")]),
    ("なしにア", []),
    ("「アジア」", []),
    # width and spacing are folded
    ("ＩＮＦ交渉", [("INF", "t-inf")]),
    ("ﾗｳﾆｰ大使", [("ラウニー", "per-rowny")]),
])
def test_japanese_matching(matcher, text, expected):
    assert found(matcher, text) == expected


def test_abbreviations_are_marked(matcher):
    hits = matcher.scan("「ア」とアフロメーエフ")
    assert [(h.form, h.abbr) for h in hits] == [("ア", True), ("アフロメーエフ", False)]


def test_projection_reads_through_line_wraps_and_letter_spacing():
    text = "ラウ\nニーと I N F\nand New\nYork[] X"
    spaced = text.index("I N F")
    box = text.index("[]")
    marks = mask(len(text), drop=[(spaced + 1, spaced + 2), (spaced + 3, spaced + 4)], walls=[(box, box + 2)])
    p = Projection(text, 0, len(text), marks)
    assert p.text == "ラウニーと INF and New York\x00 X"          # a wrap between Latin words is a space
    start = p.text.index("INF")
    assert p.source_span(start, start + 3) == (spaced, spaced + 5)       # the whole letter-spaced word
    assert p.source_span(0, 4) == (0, 5)                                 # across the line break


def test_people_in_a_label(matcher):
    assert matcher.people_in("S.V. ラヴロフ") == {"per-lavrov"}
    assert matcher.people_in("次官") == set()


def test_one_compiled_pattern_scales_to_thousands_of_forms():
    kata = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"
    names = sorted({kata[i % 40] + kata[i // 40 % 40] + kata[i // 1600] + "ー" + kata[i * 7 % 40][: 1 + i % 2]
                    for i in range(5000)})
    body = "\n".join(f'[[person]]\nid = "per-n{i}"\nname = "{n}"' for i, n in enumerate(names))
    m = parse([("registers/big.toml", body.encode())]).matcher("x")
    picked = range(0, len(names), 7)
    text = ("。".join(f"{names[i]}大使と会った" for i in picked) + "。") * 10
    hits = m.scan(text)
    assert len(names) > 1000 and len(hits) == 10 * len(picked)     # speed: bench/run.py, not a timed test



def test_a_name_never_runs_from_one_block_into_the_next(tmp_path):
    """The entities pass scans a source's blocks in one projection, the gaps between them read as walls:
    ラウ at the end of one paragraph and ニー大使 at the start of the next are no ラウニー, while a
    paragraph's own line wrap (ラウ / ニー) is read through."""
    from honkoku.convert import convert
    (tmp_path / "registers").mkdir()
    (tmp_path / "registers" / "people.toml").write_text(REGISTERS, encoding="utf-8")
    (tmp_path / "sources").mkdir()
    txt = tmp_path / "sources" / "s.txt"
    txt.write_text("会談の相手はラウ\n\nニー大使であった。\n\nまたラウ\nニー大使と会った。\n\n中国\n\n国連\n", encoding="utf-8")
    doc, tei = convert(txt, tmp_path)
    linked = [(s.start, doc.text[s.start:s.end], s.attrs["ref"]) for s in doc.spans if s.by == "entities"]
    text = doc.text
    assert not [w for _, w in doc.warnings if "crosses" in w]      # not even found, to be left out
    assert linked == [(text.index("ラウ\nニー"), "ラウ\nニー", "#per-rowny"), (text.index("中国"), "中国", "#pl-china"),
                      (text.index("国連"), "国連", "#org-un")]
