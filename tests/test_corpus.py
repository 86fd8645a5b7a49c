"""What issue 2 asks the two first sources to show, checked on the committed TEI."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from teicheck import NS, transcription

ROOT = Path(__file__).resolve().parent.parent
T = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def load(name: str):
    return etree.parse(str(ROOT / "tei" / f"{name}.xml")).getroot()


@pytest.fixture(scope="module")
def inf():
    return load("1986-09-18-inf-asia")


@pytest.fixture(scope="module")
def lavrov():
    return load("2023-05-17-lavrov-tsargrad")


def text_of(el) -> str:
    return "".join(el.itertext())


def source_line(offset_text: str, needle: str) -> int:
    return offset_text[: offset_text.index(needle)].count("\n") + 1


def test_struck_out_offices_are_deletions(inf):
    dels = inf.findall(".//tei:del", NS)
    struck = [transcription(d) for d in dels]
    assert struck == ["条約局", "中国課長", "ソソエト連邦課長"]
    assert all(d.get("rend") == "strikethrough" and d.get("hand") == "#h-ms" for d in dels)


def test_redaction_is_a_gap(inf):
    gaps = inf.findall(".//tei:gap[@reason='withheld']", NS)
    assert len(gaps) == 1
    assert gaps[0].get("agent") == "declassification" and text_of(gaps[0]) == "[REDACTED]"


def test_running_headers_are_fw_with_page_breaks(inf):
    fws = inf.findall(".//tei:fw[@type='header']", NS)
    assert [text_of(f) for f in fws] == ["極秘", "極秘", "極秘"]
    for fw in fws:
        prev = fw.getprevious()
        assert prev is not None and prev.tag == T + "pb", "each running header follows its page break"
    assert [fw.getprevious().get(XML_ID) for fw in fws] == ["pb-L187", "pb-L193", "pb-L281"]


# Page boundaries the editorial brief lists (line of the text that starts the new page).
BRIEF_PAGE_STARTS = [54, 129, 131, 133, 165, 187, 193, 199, 203, 211, 221, 227, 233, 239, 249, 253, 281]


def test_a_page_break_at_each_boundary_the_brief_lists(inf):
    ids = {pb.get(XML_ID) for pb in inf.iter(T + "pb")}
    missing = [line for line in BRIEF_PAGE_STARTS if f"pb-L{line}" not in ids]
    assert not missing, f"no <pb> at source lines {missing}"
    numbers = [int(pb.get("n")) for pb in inf.iter(T + "pb")]
    assert numbers == list(range(2, len(numbers) + 2)), "pages are numbered in order"


def test_mid_word_breaks_are_marked(inf):
    """凍|結, ABM条|約, 削|減, も|の, 思われま|すが, ア|[]|ドレフ: the word continues across the page."""
    for line in (129, 133, 211, 227, 249, 267):
        pb = inf.xpath(f".//tei:pb[@xml:id='pb-L{line}']", namespaces=NS)
        assert pb and pb[0].get("break") == "no", line


def test_handwritten_part_of_the_form(inf):
    notes = inf.findall(".//tei:note[@type='annotation']", NS)
    assert len(notes) == 3 and all(n.get("hand") == "#h-ms" for n in notes)
    for pid in ("p-L34", "p-L36"):
        assert inf.xpath(f".//tei:p[@xml:id='{pid}']/@hand", namespaces=NS) == ["#h-ms"]
    assert len(inf.findall(".//tei:metamark[@function='insertion']", NS)) == 2
    approvals = inf.findall(".//tei:add[@type='approval']", NS)
    assert [text_of(a) for a in approvals] == ["了", "了"]
    hands = {h.get(XML_ID): h.get("script") for h in inf.iter(T + "handNote")}
    assert hands == {"h-type": "typewritten", "h-ms": "handwritten"}


def test_approval_grid_is_a_table(inf):
    table = inf.xpath(".//tei:div[@xml:id='d1']/tei:table", namespaces=NS)[0]
    cells = table.findall(".//tei:cell", NS)
    assert len(cells) == 6 and text_of(cells[0]).startswith("大臣 秘書官")


def test_three_attachments_are_separate_divisions(inf):
    docs = inf.findall(".//tei:body/tei:div[@type='document']", NS)
    assert [(d.get(XML_ID), d.get("subtype")) for d in docs] == [
        ("d1", "approval-form"), ("d2", "draft-cable"), ("d3", "telegram"), ("d4", "record")]
    for d in docs:
        assert d.find("tei:head", NS) is not None, f"{d.get(XML_ID)} has its own heading"
        assert d.get("decls", "").startswith(f"#mi-{d.get(XML_ID)}"), "linked to its header metadata"


def test_garbled_grid_is_form_furniture_not_prose(inf):
    form = inf.find(".//tei:figure[@type='form']", NS)
    assert form is not None
    assert "外儀官" in text_of(form) and "調" in text_of(form)
    assert not any("外儀官" in text_of(p) for p in inf.iter(T + "p"))


def test_web_furniture_kept_out_of_the_reading_text(lavrov):
    fws = lavrov.findall(".//tei:fw[@type='web']", NS)
    assert [(f.get("place"), text_of(f)) for f in fws] == [
        ("top", "見出し画像"), ("bottom", "この記事が気に入ったらサポートをしてみませんか?")]
    assert not any("見出し画像" in text_of(p) for p in lavrov.iter(T + "p"))
    assert lavrov.find(".//tei:pb", NS) is None, "web text has no page breaks"


def test_ids_are_stable_and_positional(inf):
    for el in inf.find("tei:text", NS).iter(T + "p", T + "pb"):
        assert el.get(XML_ID) and el.get(XML_ID).split("-L")[1].split("-")[0].isdigit()
