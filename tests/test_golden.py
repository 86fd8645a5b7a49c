"""Golden files: tests/fixtures/<kind>__<scenario>.txt (+ .toml) -> .tei.xml (the <text> element).

Run ``pytest --update-golden`` after a deliberate change, read the diff of
the .tei.xml files, and commit them with the change.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from honkoku.convert import convert
from honkoku.tei.recover import recover_text
from teicheck import NS, reference_errors, schema_errors

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(p.stem for p in FIXTURES.glob("*.txt"))


def text_part(tei: bytes) -> str:
    root = etree.fromstring(tei)
    text = root.find("tei:text", NS)
    return etree.tostring(text, encoding="unicode").replace(' xmlns="http://www.tei-c.org/ns/1.0"', "", 1) + "\n"


@pytest.mark.parametrize("case", CASES)
def test_golden(case, update_golden, tei_schema):
    _, tei = convert(FIXTURES / f"{case}.txt", FIXTURES)
    root = etree.fromstring(tei)
    assert not schema_errors(tei_schema, root) + reference_errors(root)
    actual = text_part(tei)
    golden = FIXTURES / f"{case}.tei.xml"
    if update_golden or not golden.exists():
        golden.write_text(actual, encoding="utf-8")
        pytest.skip(f"wrote {golden.name}: review the diff")
    assert actual == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES)
def test_golden_lossless(case):
    import re
    _, tei = convert(FIXTURES / f"{case}.txt", FIXTURES)
    source = (FIXTURES / f"{case}.txt").read_text(encoding="utf-8")
    recovered = recover_text(etree.fromstring(tei).find("tei:text", NS))
    assert re.sub(r"\s+", "", recovered) == re.sub(r"\s+", "", source.replace("\f", ""))
