"""The span index answers exactly what a scan of every span would (issue 4: speed without new output).

Random documents get random spans, then random edits of the kinds passes make
(retagging, replacing attrs, changing an xml:id in place, editing the list);
after each step every query is compared with a naive scan of ``doc.spans``.
"""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from honkoku.model import BLOCK_TAGS, Document
from honkoku.passes.spacing import SINGLES, single_runs

TAGS = ("p", "gap", "fw", "pb", "note", "choice", "div", "cell")
TEXT = "あ" * 60


def naive_covered(doc, start, end, *tags):
    return any(s.tag in tags and s.start < end and start < s.end for s in doc.spans)


def naive_inside(doc, start, end, *tags):
    return next((s for s in doc.spans if s.tag in tags and s.start <= start and end <= s.end and s.start < s.end), None)


def naive_claimed(doc, start, end):
    return any(s.tag in BLOCK_TAGS and s.start <= start and end <= s.end for s in doc.spans)


def naive_containing(doc, start, end, *tags):
    return [s for s in doc.spans if s.tag in tags and s.start <= start and end <= s.end]


def naive_line_id(doc, prefix, offset):
    """What line_id answers: ids of the spans and every id it handed out (a caller may ask twice first)."""
    base = f"{prefix}-L{doc.line_of(offset)}"
    taken = {s.attrs.get("xml:id") for s in doc.spans} | doc._handed
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


span = st.tuples(st.integers(0, 60), st.integers(0, 12), st.sampled_from(TAGS), st.booleans())
edit = st.one_of(
    st.tuples(st.just("add"), span),
    st.tuples(st.just("retag"), st.integers(0, 99), st.sampled_from(TAGS)),
    st.tuples(st.just("move"), st.integers(0, 99), st.integers(0, 60)),
    st.tuples(st.just("attrs"), st.integers(0, 99), st.integers(1, 5)),
    st.tuples(st.just("id"), st.integers(0, 99), st.integers(1, 5)),
    st.tuples(st.just("setdefault"), st.integers(0, 99), st.sampled_from(["xml:id", "#entry"]), st.integers(1, 5)),
    st.tuples(st.just("pop"), st.integers(0, 99), st.sampled_from(["xml:id", "#entry"])),
    st.tuples(st.just("remove"), st.integers(0, 99)),
)
query = st.tuples(st.integers(0, 60), st.integers(0, 10), st.lists(st.sampled_from(TAGS), min_size=1, max_size=3))


@settings(max_examples=150, deadline=None)
@given(st.lists(span, max_size=25), st.lists(edit, max_size=12), st.lists(query, min_size=1, max_size=8))
def test_queries_match_a_scan_of_every_span(spans, edits, queries):
    text = "\n".join(TEXT[i:i + 6] for i in range(0, 60, 6)) + "\n"
    doc = Document("t", text)

    def add(start, length, tag, with_id):
        end = min(start + length, len(text))
        attrs = {"xml_id": doc.line_id("x", start)} if with_id else {}
        doc.add(start, end, tag, "test", **attrs)

    def check():
        for start, length, tags in queries:
            end = min(start + length, len(text))
            assert doc.covered(start, end, *tags) == naive_covered(doc, start, end, *tags)
            assert doc.inside(start, end, *tags) is naive_inside(doc, start, end, *tags)
            assert doc.containing(start, end, *tags) == naive_containing(doc, start, end, *tags)
            assert doc.claimed(start, end) == naive_claimed(doc, start, end)
            assert doc.find(*tags) == [s for s in doc.spans if s.tag in tags]
            expected = naive_line_id(doc, "x", start)
            assert doc.line_id("x", start) == expected

    for s in spans:
        add(*s)
    check()
    for e in edits:
        if e[0] == "add":
            add(*e[1])
        elif doc.spans:
            target = doc.spans[e[1] % len(doc.spans)]
            if e[0] == "retag":
                target.tag = e[2]
            elif e[0] == "move":
                target.start = min(e[2], target.end)
            elif e[0] == "attrs":
                target.attrs = {"xml:id": f"x-L{e[2]}"}
            elif e[0] == "id":
                target.attrs["xml:id"] = f"x-L{e[2]}"
            elif e[0] == "setdefault":
                target.attrs.setdefault(e[2], f"x-L{e[3]}")
            elif e[0] == "pop":
                target.attrs.pop(e[2], None)
            else:
                doc.spans.remove(target)
        check()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="極秘 I N F a　あ1\n.-", max_size=40))
def test_spacing_candidates_find_every_run(text):
    assert [m.span() for m in single_runs(text)] == [m.span() for m in SINGLES.finditer(text)]


def test_an_id_set_or_removed_in_place_is_seen_by_line_id():
    """setdefault and pop on a span's attrs change the ids taken only when the key is xml:id."""
    doc = Document("t", "one\ntwo\n")
    first = doc.add(0, 3, "p", "test")
    doc.add(4, 7, "p", "test", xml_id="q-L2")
    assert doc.line_id("x", 0) == "x-L1"                  # the index has read the ids
    first.attrs.setdefault("#entry", "t:0:quote")          # not an id
    first.attrs.setdefault("xml:id", "p-L1")
    assert doc.line_id("p", 0) == "p-L1-2"
    doc.spans[1].attrs.pop("xml:id")
    assert doc.line_id("q", 4) == "q-L2"
