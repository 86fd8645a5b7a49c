"""Invariants on random text mixed with every marker: valid TEI, nothing lost, deterministic."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from lxml import etree

from honkoku.convert import convert_text
from honkoku.tei.recover import recover_text
from strategies import marker_texts as source_text
from teicheck import NS, reference_errors, schema_errors, transcription

SYNTAX = re.compile(r"~~|</?p>|^[-*•・][ \t\u3000]+|^\||\|$|^\|?[-| \t]+$", re.M)


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


@settings(max_examples=1000, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source_text())
def test_random_marker_text_is_valid_lossless_and_deterministic(tei_schema, text):
    text = text.removeprefix("\ufeff")           # a leading BOM is the encoding's mark, not text: read as such
    tei = convert_text(text)
    root = etree.fromstring(tei)
    errors = schema_errors(tei_schema, root) + reference_errors(root)
    assert not errors, errors
    text_el = root.find("tei:text", NS)
    # the source comes back from the TEI, marker syntax re-spelled (whitespace may differ)
    assert squash(recover_text(text_el)) == squash(text)
    # the transcription (editorial additions excluded) holds every non-syntax character, in order
    kept = iter(squash(transcription(text_el)))
    lines = "\n".join(line.lstrip() for line in text.replace("\f", "\n").split("\n"))  # blocks are stripped
    witness = squash(SYNTAX.sub("", lines)).replace("|", "")
    missing = [ch for ch in witness if ch not in kept]
    assert not missing, f"characters lost from the transcription: {missing[:10]}"
    assert convert_text(text) == tei
