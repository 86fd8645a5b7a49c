"""Corrections keep the editor's reasons: notes and unadopted readings go to a standOff note."""
from __future__ import annotations

from lxml import etree

from honkoku.convert import convert_text

NS = {"tei": "http://www.tei-c.org/ns/1.0"}
SIDECAR = '''
[[correction]]
quote = "米ノ"
corr = "米ソ"
note = "OCR confuses ソ and ノ"

[[correction]]
quote = "福原署長官"
corr = "松永大使"
cert = "low"
'''


def test_notes_point_to_their_correction():
    root = etree.fromstring(convert_text("米ノ交渉。在米福原署長官の連絡。\n", SIDECAR))
    notes = {n.get("target"): n.text for n in root.findall("tei:standOff[@type='editorial-notes']/tei:note", NS)}
    assert notes == {"#corr-L1": "OCR confuses ソ and ノ",
                     "#unc-L1": "Possible reading, not adopted (certainty low): 松永大使."}
    assert root.find(".//tei:choice", NS).get("{http://www.w3.org/XML/1998/namespace}id") == "corr-L1"
    assert root.find(".//tei:unclear", NS).get("{http://www.w3.org/XML/1998/namespace}id") == "unc-L1"


def test_no_notes_no_standoff():
    root = etree.fromstring(convert_text("米ノ交渉。\n", '[[correction]]\nquote = "米ノ"\ncorr = "米ソ"\n'))
    assert root.find("tei:standOff", NS) is None
