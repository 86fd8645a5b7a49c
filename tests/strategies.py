"""Hypothesis strategies: plain text mixed with every marker the passes recognise."""
from __future__ import annotations

from hypothesis import strategies as st

CJK = st.text(alphabet=st.sampled_from("漢字交渉米ソ欧州アジア削減ラウニー大使ことのはにをですます、。「」"), min_size=1, max_size=30)
LATIN = st.text(alphabet=st.sampled_from("abcdefghij KLMNOP,.;:'\"&<>{}%#$"), min_size=1, max_size=30)
WORDS = st.one_of(CJK, LATIN)

INLINE_MARKERS = st.sampled_from([
    "[REDACTED]", "[1 paragraph not declassified]", "[less than 1 line not declassified]", "■■■", "(不開示)",
    "~~条約局~~", "~~struck words~~", "[] [] []", "[]", "極 秘", "I N F", "決 裁 書", "<script>alert(1)</script>",
    "]]>", "{{ x }}", "{% if %}", "&amp;", "~~", "[REDACTED", "→", "了",
])


@st.composite
def inline(draw) -> str:
    parts = draw(st.lists(st.one_of(WORDS, INLINE_MARKERS), min_size=1, max_size=6))
    return draw(st.sampled_from(["", " "])).join(parts).strip() or "x"


@st.composite
def block(draw) -> str:
    kind = draw(st.sampled_from(["para", "para", "para", "header", "list", "table", "pipe", "boxes", "lines"]))
    if kind == "header":
        return draw(st.sampled_from(["極秘", "SECRET", "- 3 -"]))
    if kind == "list":
        items = draw(st.lists(inline(), min_size=1, max_size=3))
        return "\n".join(f"- ({i}) {t}" for i, t in enumerate(items, 1))
    if kind == "table":
        cells = draw(st.lists(inline(), min_size=1, max_size=3))
        row = "\t".join(f"<p>{c}</p>" for c in cells)
        return row + draw(st.sampled_from(["", "\n--\t---\t--"]))
    if kind == "pipe":
        cells = draw(st.lists(st.text(alphabet="abcxyz漢字 ", min_size=1, max_size=8).map(str.strip).filter(bool),
                              min_size=2, max_size=3))
        return "| " + " | ".join(cells) + " |\n|" + "---|" * len(cells)
    if kind == "boxes":
        return "[] [] []"
    if kind == "lines":
        return "\n".join(draw(st.lists(inline(), min_size=2, max_size=3)))
    return draw(inline())


@st.composite
def source_text(draw) -> str:
    blocks = draw(st.lists(block(), min_size=1, max_size=8))
    out = blocks[0]
    for b in blocks[1:]:
        out += draw(st.sampled_from(["\n\n", "\n\n", "\n\n\n", "\f", "\n\n"])) + b
    return out + draw(st.sampled_from(["", "\n"]))
