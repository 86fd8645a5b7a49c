"""The light-tree writer (tei/xml.py) writes exactly what lxml + serialize.indent wrote, and escapes all text.

The TEI is written from ``Node`` trees, not lxml trees: these tests compare
the two writers on random trees (tags that are and are not MIXED, random
attributes, text and whitespace between children) and check that any text,
including markup characters, CR, tabs and astral characters, comes back
unchanged when the output is parsed.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st
from lxml import etree

from honkoku.tei import TEI_NS
from honkoku.tei.serialize import serialize
from honkoku.tei.xml import Node, escape_attr, escape_text, to_bytes

# Every character XML 1.0 allows, weighted towards the ones that need care.
XML_CHARS = st.one_of(
    st.sampled_from(list("&<>\"'\r\n\t ]\u3000\x85\u2028;#")),
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufffe\uffff",
                  min_codepoint=0x20),
)
TEXT = st.text(XML_CHARS, max_size=12)
SPACE = st.text(st.sampled_from([" ", "\n", "\t", "\u3000"]), max_size=3)
TAGS = st.sampled_from(["div", "p", "list", "item", "choice", "orig", "lb", "table", "row", "cell", "note", "sp"])
ATTRS = st.dictionaries(st.sampled_from(["n", "type", "xml:id", "rend", "who"]), TEXT, max_size=3)


@st.composite
def trees(draw, depth=0):
    node = Node(draw(TAGS), draw(ATTRS))
    for _ in range(draw(st.integers(0, 0 if depth > 3 else 4))):
        kind = draw(st.sampled_from(["child", "text", "space"]))
        if kind == "child":
            node.parts.append(draw(trees(depth + 1)))
        else:
            node.parts.append(draw(TEXT if kind == "text" else SPACE))
    return node


@settings(max_examples=400, deadline=None)
@given(trees())
def test_the_writer_writes_what_lxml_and_indent_wrote(root):
    assert to_bytes(root) == serialize(root.to_lxml())


@settings(max_examples=300, deadline=None)
@given(TEXT, TEXT)
def test_any_text_and_attribute_value_round_trip(text, value):
    root = Node("TEI", {"n": value})
    root.parts.append(Node("p", None, text))
    parsed = etree.fromstring(to_bytes(root))
    assert parsed.get("n") == value
    assert (parsed[0].text or "") == text
    assert parsed[0].tag == f"{{{TEI_NS}}}p"


def test_escaping_is_complete():
    assert escape_text("a&b<c>d\re\"f'g\th\n") == "a&amp;b&lt;c&gt;d&#13;e\"f'g\th\n"
    assert escape_attr("a&b<c>d\re\"f'g\th\n") == "a&amp;b&lt;c&gt;d&#13;e&quot;f'g&#9;h&#10;"


@pytest.mark.parametrize("bad", ["\x00", "\x0c", "\x1f", "\ufffe", "\ud800"])
def test_a_character_xml_cannot_store_is_refused(bad):
    with pytest.raises(ValueError):
        to_bytes(Node("TEI", None, f"a{bad}b"))
    with pytest.raises(ValueError):
        to_bytes(Node("TEI", {"n": f"a{bad}b"}))


def test_a_name_that_is_not_an_xml_name_is_refused():
    with pytest.raises(ValueError):
        to_bytes(Node("TEI", {'n="x" onload': "y"}))
    with pytest.raises(ValueError):
        to_bytes(Node("p><script"))
