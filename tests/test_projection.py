"""The registers' Projection, which copies runs of plain characters at once, projects exactly as the
character-by-character reading it replaced (kept here as the reference)."""
from __future__ import annotations

import unicodedata

from hypothesis import given, settings, strategies as st

from honkoku.registers.matcher import BARRIER, DROP, LATIN_CHAR, WALL, Projection


def reference(source: str, start: int, end: int, marks: bytearray) -> tuple[str, list[int]]:
    out: list[str] = []
    offsets: list[int] = []
    i = start
    while i < end:
        mark = marks[i]
        if mark == WALL:
            if not out or out[-1] != BARRIER:
                out.append(BARRIER)
                offsets.append(i)
            i += 1
            continue
        if mark == DROP:
            i += 1
            continue
        ch = source[i]
        if ch in " \t\u3000\r\n\f":
            j = i
            while j < end and source[j] in " \t\u3000\r\n\f" and marks[j] != WALL:
                j += 1
            run = source[i:j]
            if "\n" in run or "\f" in run:
                before = out[-1] if out else ""
                after = source[j] if j < end else ""
                if before and after and LATIN_CHAR.match(before) and LATIN_CHAR.match(after):
                    out.append(" ")
                    offsets.append(i)
            elif out and out[-1] != " ":
                out.append(" ")
                offsets.append(i)
            i = j
            continue
        for folded in unicodedata.normalize("NFKC", ch):
            out.append(folded)
            offsets.append(i)
        i += 1
    return "".join(out), offsets


CHARS = list("、。「」〃〶‐…aZ9.-' \t\u3000\r\n\f\x00あゔ\u3099アヴー・漢字ＡＢ１ｶﾞｰ①ﬁ㈱é\u0301Ωё가")


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(CHARS), st.sampled_from([0, 0, 0, DROP, WALL])), max_size=30),
       st.integers(0, 30), st.integers(0, 30))
def test_the_projection_reads_as_the_character_by_character_reference(chars, a, b):
    source = "".join(c for c, _ in chars)
    marks = bytearray(m for _, m in chars)
    start, end = min(a, b, len(source)), min(max(a, b), len(source))
    projection = Projection(source, start, end, marks)
    assert (projection.text, projection.offsets) == reference(source, start, end, marks)


def test_the_projection_of_the_real_sources():
    from pathlib import Path
    for txt in sorted(Path(__file__).resolve().parents[1].glob("sources/*.txt")):
        text = txt.read_text(encoding="utf-8")
        marks = bytearray(len(text))
        for i in range(0, len(text), 97):
            marks[i] = DROP if i % 2 else WALL
        projection = Projection(text, 0, len(text), marks)
        assert (projection.text, projection.offsets) == reference(text, 0, len(text), marks)
