"""Speaker labels and turns: what is a label, who it names, where a turn ends."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from honkoku import passes
from honkoku.convert import convert, convert_text
from honkoku.model import Document
from honkoku.passes.speakers import Resolver, Speakers, unresolved

FIXTURES = Path(__file__).parent / "fixtures"
TEI = {"tei": "http://www.tei-c.org/ns/1.0"}


@pytest.mark.parametrize("block, core", [
    ("(1) 米国は", "1"),                             # a label shape; resolve() says it is a number
    ("(次官) 遠路はるばる", "次官"),
    ("（ラウニー大使）", "ラウニー大使"),
    ("(ラウニー大使)\n(1) 米国は", "ラウニー大使"),
    ("質問:まずは", "質問"),
    ("Q.: では", "Q."),
    ("S. V. ラヴロフ: 作曲家", "S. V. ラヴロフ"),
    ("S.V. ラヴロフ：考えた", "S.V. ラヴロフ"),
    ("(ワシントン時間)に行われた", None),            # no space after the bracket: part of the sentence
    ("(もとより、当方の", None),
    ("「グローバル200: アジア100", None),
    ("http://example.org は", None),
])
def test_label_shapes(block, core):
    found = Speakers.label(block)
    assert (found[1] if found else None) == core


@pytest.mark.parametrize("core, bracketed, is_speaker", [
    ("1", True, False), ("ii", True, False), ("a", True, False), ("イ", True, False), ("二", True, False),
    ("A", False, True),                                    # (a) is a numbered point, A: an answer
])
def test_numbers_in_brackets_are_no_speakers(core, bracketed, is_speaker):
    from honkoku.sidecar import Sidecar
    doc = Document("t", "")
    doc.meta["sidecar"] = Sidecar("t.toml")
    assert Resolver(doc).resolve(core, 0, bracketed)[0] is is_speaker


@pytest.mark.parametrize("core, is_speaker", [
    ("注", False), ("参考", False), ("件名", False), ("17.05.2023 10", False), ("Subject", False),
    ("NOTE", False), ("署名者", False),
    ("北米局長", True), ("次官", True), ("質問", True), ("Q.", True), ("Q", True), ("ラウニー大使", True),
    ("ゲルシュコビッチ", True), ("S. V. ラヴロフ", True), ("Mr. Smith", True), ("LAVROV", True),
])
def test_unresolved_labels_are_judged_by_shape(core, is_speaker):
    assert Resolver.looks_like_speaker(core) is is_speaker


def turns(tei: bytes) -> list[tuple[str, str | None, int]]:
    """(speaker label, @who, number of paragraphs) for each sp."""
    root = etree.fromstring(tei)
    return [(sp.findtext("tei:speaker", namespaces=TEI), sp.get("who"), len(sp.findall("tei:p", TEI)))
            for sp in root.iter("{http://www.tei-c.org/ns/1.0}sp")]


def test_a_turn_runs_to_the_next_label_and_stops_at_the_next_section():
    text = "1. まず説明があった。\n\n(次官)\n\n(1) 第一点。\n\n(2) 第二点。\n\n2. 続いて質疑応答。\n\n(次官) 質問。\n\n" \
           "2. 次官自身の二点目。\n\n3. 三点目。\n"
    got = turns(convert_text(text))
    assert got == [("(次官)", None, 2), ("(次官)", None, 3)]   # section 2 ends the first; 2. and 3. inside the second


def test_a_label_with_no_speech_is_not_a_turn():
    from honkoku.sidecar import Sidecar
    doc = Document("t", "(次官)\n\n(ラウニー大使) はい。\n")
    doc.meta["sidecar"] = Sidecar("t.toml")
    passes.run(doc, {"documents", "speakers"})
    assert [s.tag for s in doc.spans if s.by == "speakers"] == ["sp", "speaker"]
    assert any(m.startswith("speaker: label '(次官)' is followed by no speech") for _, m in doc.warnings)


def test_the_sidecar_maps_labels_and_rejects_unknown_people():
    from honkoku.errors import UserError
    text = "質問:はい。\n\nラウニー:いいえ。\n"
    with pytest.raises(UserError, match="'per-nobody' is not a person of the registers"):
        convert_text(text, '[[speaker]]\nlabel = "質問"\nwho = "per-nobody"\n')


def test_fixture_turns_resolve_as_the_record_says():
    doc, tei = convert(FIXTURES / "speakers__record.txt", FIXTURES)
    assert turns(tei) == [("(次官)", "#per-yanagiya", 1), ("(ラウニー大使)", "#per-rowny", 2),
                          ("(北米局長)", "#per-hokubei-kyokucho-1986", 1), ("(ラウニー)", "#per-rowny", 1),
                          ("(条約局長)", None, 3)]
    assert [core for _, core in unresolved(doc)] == ["条約局長"]      # its register office is dated 1990


def test_interview_speakers_are_two_people():
    _, tei = convert(FIXTURES / "speakers__interview.txt", FIXTURES)
    assert {who for _, who, _ in turns(tei)} == {"#per-interviewer", "#per-lavrov"}


@pytest.mark.parametrize("text, expected", [
    # alone, a one-word name reads as a memorandum's field: no turn
    ("Karpov: insisted on the numbers.\n\nSummary: none.\n", []),
    # used twice as a label, it is a speaker's, and so is every other one-word name then
    ("Shultz: Good morning.\n\nShevardnadze: Good morning.\n\nShultz: Let us begin.\n",
     [("Shultz:", None, 1), ("Shevardnadze:", None, 1), ("Shultz:", None, 1)]),
    # a label taken on its own (capitals, Q:) makes the record a dialogue
    ("NITZE: The numbers.\n\nKarpov: Agreed.\n", [("NITZE:", None, 1), ("Karpov:", None, 1)]),
    ("Q: Why?\n\nLavrov: Because.\n", [("Q:", None, 1), ("Lavrov:", None, 1)]),
    # memorandum fields stay fields even in a dialogue, however often they come
    ("NITZE: The numbers.\n\nNote: one.\n\nNote: two.\n", [("NITZE:", None, 3)]),
])
def test_one_word_names_are_speakers_in_a_dialogue(text, expected):
    assert turns(convert_text(text)) == expected


def test_a_speaker_naming_nobody_known_says_how_to_add_the_person():
    from honkoku.errors import UserError
    with pytest.raises(UserError) as err:
        convert_text("Karpov: Agreed.\n", '[[speaker]]\nlabel = "Karpov"\nwho = "per-nobody"\n')
    message = str(err.value)
    assert "'per-nobody' is not a person of the registers" in message
    assert "add the person to registers/people.toml" in message and "( …)" not in message
