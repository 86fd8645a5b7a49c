"""Patterns moved from regex to the standard re (a faster scan) match exactly as regex matched them."""
from __future__ import annotations

import re

import regex
from hypothesis import given, settings, strategies as st

from honkoku.passes import kana, width

WIDTH_TEXT = st.text(st.sampled_from(list("ＡＺａｚ０９．－／：＿ｦｱﾟｰ･A.x 日\n")), max_size=30)
KANA_TEXT = st.lists(st.sampled_from(["まつたく", "はつきり", "すつ", "かり", "きり", "やつぱり", "つ", "ま", "あ", "x"]),
                     max_size=8).map("".join)


def _same(pattern: re.Pattern, text: str) -> None:
    assert isinstance(pattern, re.Pattern)
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in regex.finditer(pattern.pattern, text)]


@settings(max_examples=500, deadline=None)
@given(WIDTH_TEXT)
def test_width_patterns_read_the_same_in_re(text):
    _same(width.WIDE, text)
    _same(width.HALF_KATAKANA, text)


@settings(max_examples=300, deadline=None)
@given(KANA_TEXT)
def test_the_plain_kana_rules_read_the_same_in_re(text):
    plain = [r.pattern for r in kana.RULES if isinstance(r.pattern, re.Pattern)]
    assert plain                                  # the adverbs
    for pattern in plain:
        _same(pattern, text)


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("アイウーン、・大使x ")), max_size=20), st.integers(0, 20))
def test_the_katakana_follow_up_matched_at_an_offset_is_the_one_matched_on_a_slice(text, at):
    from honkoku.passes.entities import MORE_KATA
    at = min(at, len(text))
    assert MORE_KATA.match(text, at).end() == at + MORE_KATA.match(text[at:]).end()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 11), st.sampled_from([None, "pb-L1", "pb-L2", "pb-L3", "x"])), max_size=6),
       st.lists(st.integers(0, 11), max_size=3))
def test_page_numbering_gives_the_ids_that_numbering_one_by_one_gives(pbs, other_ids):
    """_number asks for every id at once when no page break has one yet; same ids as asking one by one."""
    from honkoku.model import Document
    from honkoku.passes.page_breaks import PageBreaks

    def build():
        doc = Document("d", "a\nb\nc\nd\ne\nf\n")
        for at in other_ids:
            doc.add(at, at, "lb", "test", xml_id=doc.line_id("pb", at))
        for at, ident in pbs:
            doc.add(at, at, "pb", "test", **({"xml_id": ident} if ident else {}))
        return doc

    fast = build()
    PageBreaks._number(fast, 1)
    slow = build()
    for n, span in enumerate(sorted(slow.find("pb"), key=lambda s: (s.start, s.seq)), 2):
        attrs = {"n": str(n)}
        attrs.update({k: v for k, v in span.attrs.items() if k != "n"})
        attrs["xml:id"] = slow.line_id("pb", span.start)
        span.attrs = attrs
    assert [dict(s.attrs) for s in fast.spans] == [dict(s.attrs) for s in slow.spans]
