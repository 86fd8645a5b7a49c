"""quicktoml reads plain sidecars exactly as tomllib does, and leaves everything else to tomllib."""
from __future__ import annotations

import tomllib
from pathlib import Path

from hypothesis import given, settings, strategies as st

from honkoku import quicktoml

ROOT = Path(__file__).resolve().parents[1]

NAMES = st.sampled_from(["a", "b", "id", "date", "1", "x-y", "a_b", "source", "document", "a.b", '"q"', "é", ""])
STRINGS = st.lists(st.sampled_from(list('ab é日"\\#\t\x01\x7f[],=\'') + ["\\n", "\\u0041", "\\\""]),
                   max_size=6).map("".join)
SPACE = st.sampled_from(["", " ", "\t", "  "])


@st.composite
def values(draw):
    kind = draw(st.sampled_from(["str", "array", "int", "bool", "date", "literal", "odd"]))
    if kind == "str":
        return f'"{draw(STRINGS)}"'
    if kind == "array":
        items = draw(st.lists(STRINGS.map(lambda s: f'"{s}"'), max_size=3))
        sep = draw(st.sampled_from([",", ", ", " , "]))
        return "[" + draw(SPACE) + sep.join(items) + draw(st.sampled_from(["", ","])) + draw(SPACE) + "]"
    if kind == "int":
        return draw(st.sampled_from(["0", "1", "-3", "42", "01", "+1", "1_000", "-0", "99999999999999999999"]))
    if kind == "bool":
        return draw(st.sampled_from(["true", "false", "True"]))
    if kind == "date":
        return draw(st.sampled_from(["1986-09-18", "1986-09-18T10:00:00"]))
    if kind == "literal":
        return f"'{draw(STRINGS)}'"
    return draw(st.sampled_from(['"a" "b"', '"""x"""', "{a = 1}", "", "[1, 2]", '["a",\n"b"]']))


@st.composite
def lines(draw):
    kind = draw(st.sampled_from(["kv", "kv", "kv", "table", "array", "comment", "blank", "junk"]))
    comment = draw(st.sampled_from(["", "", " # note", "#c", " # \x01"]))
    if kind == "kv":
        return f"{draw(SPACE)}{draw(NAMES)}{draw(SPACE)}={draw(SPACE)}{draw(values())}{draw(SPACE)}{comment}"
    if kind == "table":
        return f"{draw(SPACE)}[{draw(SPACE)}{draw(NAMES)}{draw(SPACE)}]{comment}"
    if kind == "array":
        return f"[[{draw(SPACE)}{draw(NAMES)}{draw(SPACE)}]]{draw(st.sampled_from(['', ']', ' ']))}{comment}"
    if kind == "comment":
        return f"{draw(SPACE)}#{draw(STRINGS)}"
    if kind == "blank":
        return draw(SPACE)
    return draw(st.sampled_from(["x", "= 1", "[a", "a = 1 b = 2", "\r", "a = 1\r"]))


def _tomllib(raw):
    try:
        return ("ok", tomllib.loads(raw))
    except tomllib.TOMLDecodeError:
        return ("error", None)


@settings(max_examples=1500, deadline=None)
@given(st.lists(lines(), max_size=8).map("\n".join))
def test_quicktoml_reads_what_tomllib_reads_or_declines(raw):
    quick = quicktoml.loads(raw)
    if quick is not None:
        assert _tomllib(raw) == ("ok", quick)


def test_the_sidecars_of_the_project_and_the_fixtures_are_read_fast_and_the_same():
    sidecars = sorted(ROOT.glob("sources/*.toml")) + sorted(ROOT.glob("tests/fixtures/*.toml"))
    assert sidecars
    fast = 0
    for path in sidecars:
        raw = path.read_text(encoding="utf-8-sig")
        quick = quicktoml.loads(raw)
        if quick is not None:
            fast += 1
            assert quick == tomllib.loads(raw), path
    assert fast >= len(sidecars) // 2          # plain sidecars are the common case


def test_what_it_declines():
    for raw in ('a = "x\\ny"', "a = 1986-09-18", "a.b = 1", 'a = "x"\na = "y"', "[s]\n[s]", "a = 1\n[[a]]",
                "a = 'x'", "a = 1\r\n", 'a = """x"""', "[[a]\n"):
        assert quicktoml.loads(raw) is None, raw
