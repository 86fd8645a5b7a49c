"""The redaction finder tries REDACTION only where a match can begin, and finds exactly what finditer finds."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings, strategies as st

from honkoku.passes import redactions

PIECES = ["[", "]", "(", ")", "（", "）", "［", "］", "■", "█", "▇", "REDACTED", "redacted", "Sanitized", ": ",
          "less than ", "1", "½", "two", " line", " paragraphs", " not declassified", "不開示", "黒塗り", " ", "\n",
          "\t", "\u3000", "x", "本文"]


def _spans(matches):
    return [(m.span(), m.groupdict()) for m in matches]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join))
def test_the_finder_finds_what_the_whole_pattern_finds(text):
    assert _spans(redactions.redaction_matches(text)) == _spans(redactions.REDACTION.finditer(text))


def test_the_finder_on_the_real_sources_and_fixtures():
    root = Path(__file__).resolve().parent
    texts = [p.read_text(encoding="utf-8") for p in sorted(root.parent.glob("sources/*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((root / "fixtures").glob("*.txt"))]
    found = 0
    for text in texts:
        expected = _spans(redactions.REDACTION.finditer(text))
        assert _spans(redactions.redaction_matches(text)) == expected
        found += len(expected)
    assert found > 0
