"""The two real sources against the editorial brief: speakers resolve, named entities are linked."""
from __future__ import annotations

from pathlib import Path

import pytest
import regex
from lxml import etree

from honkoku.convert import convert
from honkoku.passes.entities import unknown_names
from honkoku.passes.speakers import unresolved

ROOT = Path(__file__).resolve().parent.parent
TEI = "{http://www.tei-c.org/ns/1.0}"
RECORD = ROOT / "sources" / "1986-09-18-inf-asia.txt"
INTERVIEW = ROOT / "sources" / "2023-05-17-lavrov-tsargrad.txt"

# Everything the brief names, as spelled in the sources (a regex where a plain form would over-match).
BRIEF = {
    RECORD: ["松永", "ラウニー", "柳谷", "中平", "渡辺", "倉成", "グリットマン", "ニッツェ", "アフロメーエフ", "レーガン",
             "(?<=「)レ(?=」)", "ゴルバチョフ", "(?<=「)ゴ(?=」)", "(?<=「)ア(?=」)", "シュルツ", "シェヴァルナツェ",
             "ドブレニン", "ドブリニン", "ワインバーガー", "エーデルマン", "パラリーノ", "シャヒーン", "アンダーソン",
             "アルバートフ", "ファーリン", "ベススメルトヌィヒ", "ストゥラデュボフ", "デディノフ", "チェルヴォフ",
             "グロムイコ", "ワシントン", "ジュネーヴ", "レイキャビク", "レイキャビック", "ウラジオストック", "アラスカ",
             "ドログヴィナヤ", "ミクロネシア", "外務省", "外 務 省", "(?<![A-Z])INF(?![A-Z])", "I N F", "SRINF", "NST",
             "SDI", "ABM", "SLCM", "FBS", "SNDV", "ICBM", "SLBM", "ALCM", "ACDA", "SS-20", "SS20"],
    INTERVIEW: ["マクロン", "ショルツ", "ベルボック", "メルケル", "オランド", "ポロシェンコ", "プーチン", "ウシャコフ",
                "ウィーラン", "ゲルシュコビッチ", "ブリンケン", "ボレル", "ル・メール", "トカエフ", "ムバラク", "オバマ",
                "メドベージェフ", "Podolyak", "ヴルブレフスキー", "ゼレンスキー", "ヴィソツキー", "オクジャヴァ",
                "ヴィズボル", "ゴロドニツキー", "NATO", "EU", "CSTO", "EAEU", "ユーラシア経済連合", "CIS", "ASEAN",
                "国連安保理", "(?<!ロシア連邦)外務省"],
}
LINKS = ("persName", "placeName", "orgName", "term")


@pytest.fixture(scope="module")
def converted():
    return {txt: convert(txt, ROOT) for txt in (RECORD, INTERVIEW)}


@pytest.mark.parametrize("txt, count, people", [
    (RECORD, 20, 7),          # 次官, ラウニー, 国連局長 and four bureau directors known by office
    (INTERVIEW, 32, 2),       # the interviewer and Lavrov, whatever the spelling
])
def test_every_turn_resolves(converted, txt, count, people):
    doc, tei = converted[txt]
    sps = list(etree.fromstring(tei).iter(f"{TEI}sp"))
    assert len(sps) == count
    assert all(sp.get("who") for sp in sps) and not unresolved(doc)
    assert len({sp.get("who") for sp in sps}) == people


def test_the_record_knows_who_holds_each_office(converted):
    _, tei = converted[RECORD]
    by_label = {}
    for sp in etree.fromstring(tei).iter(f"{TEI}sp"):
        by_label.setdefault(sp.findtext(f"{TEI}speaker"), set()).add(sp.get("who"))
    assert by_label["(次官)"] == {"#per-yanagiya"}
    assert by_label["(国連局長)"] == {"#per-nakahira"}
    assert by_label["(ラウニー大使)"] == by_label["(ラウニー)"] == {"#per-rowny"}
    assert by_label["(北米局長)"] == {"#per-hokubei-kyokucho-1986"}


@pytest.mark.parametrize("txt", [RECORD, INTERVIEW], ids=lambda p: p.stem)
def test_every_entity_of_the_brief_is_linked_wherever_mentioned(converted, txt):
    doc, _ = converted[txt]
    linked = [(s.start, s.end) for s in doc.spans if s.tag in LINKS and s.attrs.get("ref")]
    labels = [(s.start, s.end) for s in doc.spans if s.tag == "speaker"]
    missing = []
    for form in BRIEF[txt]:
        occurrences = list(regex.finditer(form, doc.text))
        assert occurrences, f"{form} is not in {txt.name}"
        for m in occurrences:
            if not any(s <= m.start() and m.end() <= e for s, e in linked + labels):
                missing.append(f"{form} at line {doc.line_of(m.start())}")
    assert not missing


def test_no_unknown_names_remain(converted):
    assert all(not unknown_names(doc) for doc, _ in converted.values())


def test_standoff_holds_what_the_file_points_to(converted):
    for doc, tei in converted.values():
        root = etree.fromstring(tei)
        pointed = {v[1:] for el in root.iter() if isinstance(el.tag, str) for a in ("who", "ref")
                   for v in (el.get(a) or "").split() if v.startswith("#")}
        defined = {el.get("{http://www.w3.org/XML/1998/namespace}id") for el in root.find(f"{TEI}standOff").iter()}
        registered = {i for i in pointed if doc.meta["registers"].get(i)}
        assert registered and registered <= defined
        assert defined - {None} <= doc.meta["registers"].closure(registered)


def test_the_telegram_header_points_to_sender_and_addressee(converted):
    _, tei = converted[RECORD]
    cd = etree.fromstring(tei).find(f".//{TEI}correspDesc")
    sent, received = cd.findall(f"{TEI}correspAction")
    assert sent.find(f"{TEI}persName").get("ref") == "#per-matsunaga"
    assert sent.find(f"{TEI}placeName").get("ref") == "#pl-washington"
    assert received.find(f"{TEI}persName").get("ref") == "#per-kuranari"
    assert received.find(f"{TEI}date").get("when") == "1986-10-03"      # 本省着: the receipt stamp
