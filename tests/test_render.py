"""The site renderer: tests/render/<case>.tei.xml (a TEI <text>) -> <case>.html (golden), plus properties.

Each case is wrapped in one shared teiHeader (hands) and standOff (registers),
so a case holds only the text it is about. Update goldens with
``pytest --update-golden`` and read the diff.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from honkoku.site.corpus import XML_ID, load_source, read_registers
from honkoku.site.models import FALLBACK, LEGEND, MODELS, select
from honkoku.site.render import Renderer, render_snippet

HERE = Path(__file__).parent
CASES = sorted(p.name[: -len(".tei.xml")] for p in (HERE / "render").glob("*.tei.xml"))
ROOT = HERE.parent

WRAPPER = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="ja"><teiHeader><fileDesc>
<titleStmt><title type="main">テスト</title></titleStmt><publicationStmt><publisher>honkoku</publisher>
<idno type="source">case</idno></publicationStmt><sourceDesc><msDesc><msIdentifier><institution>外務省</institution>
<idno>X</idno></msIdentifier><physDesc><handDesc><handNote xml:id="h-ms" script="handwritten">Handwriting</handNote>
</handDesc></physDesc></msDesc></sourceDesc></fileDesc></teiHeader>
<standOff><listPerson><person xml:id="per-yamada"><persName>山田<roleName>次官</roleName></persName></person></listPerson>
<listPlace><place xml:id="pl-geneva"><placeName>ジュネーヴ</placeName><placeName>ジュネーブ</placeName></place></listPlace>
<list type="gloss"><label><term xml:id="t-inf">INF</term></label><item><gloss>中距離核戦力</gloss></item></list>
</standOff>{text}</TEI>"""


def render_case(case: str) -> tuple[str, Renderer]:
    text = (HERE / "render" / f"{case}.tei.xml").read_text(encoding="utf-8")
    root = etree.fromstring(WRAPPER.format(text=text).encode("utf-8"))
    entities: dict = {}
    read_registers(root, entities)
    source = load_source(Path(f"{case}.xml"), root)
    r = Renderer(source, entities, lambda e: f"../../registers/{e.id}/")
    html = str(r.render(source.text))
    return re.sub(r"(</(?:p|div|section|li|tr|table|aside|h3|ul|ol)>)", r"\1\n", html), r


@pytest.mark.parametrize("case", CASES)
def test_render_golden(case, update_golden):
    actual, _ = render_case(case)
    golden = HERE / "render" / f"{case}.html"
    if update_golden or not golden.exists():
        golden.write_text(actual, encoding="utf-8")
        pytest.skip(f"wrote {golden.name}: review the diff")
    assert actual == golden.read_text(encoding="utf-8")


def test_views_split_a_correction():
    html, _ = render_case("choice")
    assert '<span class="hk-dipl"><span class="tei-sic">米ノ</span></span>' in html
    assert '<span class="hk-read"><span class="tei-corr">米ソ</span></span>' in html
    # old kana: both views show あつた; the modern form is search-only
    assert '<span class="tei-orig">あつた</span><span class="hk-search" hidden><span class="tei-reg">あった</span>' in html


def test_redaction_is_labelled_and_boxes_are_counted():
    html, _ = render_case("gaps")
    assert 'role="img" aria-label="墨塗り: 非開示 (範囲不明)"' in html
    assert html.count('<span class="hk-box"></span>') == 3
    assert "〓〓" in html


def test_page_markers_are_anchors_and_furniture_is_diplomatic():
    html, _ = render_case("pages")
    for n in ("5", "6", "7"):
        assert f'id="p{n}" href="#p{n}"' in html
    assert 'id="pb-L3"' in html
    assert re.search(r'class="tei-fw hk-dipl[^"]*"[^>]*data-pagefind-ignore', html)


def test_mentions_link_to_registers_and_are_recorded():
    html, r = render_case("structure")
    assert 'href="../../registers/per-yamada/"' in html
    assert 'title="人物: 山田 — 次官"' in html
    assert [(m.entity, m.anchor) for m in r.mentions] == [
        ("per-yamada", "sp-L5"), ("per-yamada", "p-L5"), ("pl-geneva", "p-L5"), ("t-inf", "p-L5")]
    assert r.warnings == ["structure.xml: no register entry for '#org-unknown'"]
    assert [(d.when, d.anchor) for d in r.dates] == [("1986-09-18", "d1")]
    # the speaker link wraps the label; no <a> inside another <a>
    assert not re.search(r"<a [^>]*>(?:(?!</a>).)*<a ", html)
    # unknown elements keep their text
    assert '<span class="tei-newElement">未知の要素</span>' in html
    # search-only spellings of the division: ヴ folded
    assert "ジュネーブ" in str(r.search_block()) or "ジュネーブ" in html


def test_source_text_is_escaped():
    html, _ = render_case("escaping")
    assert "<script" not in html and "<p>" not in html and "<!--" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;p&gt;" in html
    assert "&#123;&#123; x &#125;&#125; &#123;% if %&#125;" in html


def test_every_element_in_the_corpus_has_a_rule():
    """Adding an annotation kind means adding its rule to MODELS (else it falls back to a bare span)."""
    used = set()
    for path in sorted((ROOT / "tei").glob("*.xml")):
        text = etree.parse(str(path)).getroot().find("{http://www.tei-c.org/ns/1.0}text")
        if text is None:              # tei/registers.xml holds only the registers
            continue
        used |= {etree.QName(el).localname for el in text.iter() if isinstance(el.tag, str)}
    missing = sorted(gi for gi in used if gi not in MODELS)
    assert not missing, f"add a rule to honkoku.site.models.MODELS for: {missing}"


def test_models_select_first_matching_predicate():
    gap = etree.fromstring('<gap xmlns="http://www.tei-c.org/ns/1.0" reason="withheld"/>')
    assert select(gap).behaviour == "redaction"
    gap.set("reason", "nontext")
    assert select(gap).behaviour == "boxes"
    assert select(etree.fromstring('<zzz xmlns="http://www.tei-c.org/ns/1.0"/>')) is FALLBACK


def test_legend_is_rendered_by_the_same_rules_without_ids():
    for label, xml in LEGEND:
        html = str(render_snippet(xml))
        assert html and ' id="' not in html, label
    assert "hk-redaction" in str(render_snippet(LEGEND[2][1]))


def test_ids_stay_unique():
    root = etree.fromstring(WRAPPER.format(text='<text xmlns="http://www.tei-c.org/ns/1.0"><body>'
                                           '<div type="document" xml:id="d1"><p><pb n="2"/>a<pb n="2"/>b</p></div>'
                                           '</body></text>').encode())
    source = load_source(Path("x.xml"), root)
    html = str(Renderer(source, {}, lambda e: "").render(source.text))
    assert 'id="p2"' in html and 'id="p2-2"' in html
    assert XML_ID


def test_search_spellings():
    from honkoku.site.text import fold, search_variants
    assert fold("ラヴロフ") == "ラブロフ" and fold("ヴィエト") == "ビエト" and fold("ＩＮＦ") == "INF"
    assert search_variants("説明があつた。ジュネーヴで行つて") == ["ジュネーブ", "明があった", "で行って"]
    assert search_variants("かつて一つについて") == []


def test_search_page_folds_queries_like_the_index():
    import json

    from honkoku.site.build import search_script
    from honkoku.site.text import FOLD_PAIRS
    script = search_script().decode("utf-8")
    assert json.dumps(FOLD_PAIRS, ensure_ascii=False) in script and "/*FOLD_PAIRS*/" not in script


@given(st.text())
def test_esc_is_the_escape_table(s):
    """esc (markupsafe's C escape, then the braces) writes exactly text.ESCAPES: the output stays the same."""
    from honkoku.site.text import ESCAPES, esc
    assert str(esc(s)) == s.translate(ESCAPES)


JSON_SCALARS = st.one_of(st.text(), st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False))


@given(st.recursive(JSON_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                          st.dictionaries(st.text(max_size=6), inner, max_size=4)),
                    max_leaves=20))
def test_pretty_json_is_json_dumps(value):
    """cite.pretty_json (the CSL block, without json's Python encoder) writes what json.dumps wrote."""
    from honkoku.site.cite import pretty_json
    assert pretty_json(value) == json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)


@given(st.text())
def test_flat_is_the_regex_collapse(s):
    """corpus.flat collapses whitespace with str.split: the same as the regex it replaced, on any XML text."""
    from lxml import etree

    from honkoku.site.corpus import SPACES, flat
    xml_text = "".join(c for c in s if c in "\t\n\r" or (" " <= c <= "\ud7ff") or ("\ue000" <= c <= "\ufffd")
                       or c >= "\U00010000")
    el = etree.Element("p")
    el.text = xml_text
    assert flat(el) == SPACES.sub(" ", xml_text).strip()          # a leaf: its text alone
    child = etree.SubElement(el, "hi")
    child.text, child.tail = xml_text, xml_text
    assert flat(el) == SPACES.sub(" ", xml_text * 3).strip()       # with a child: every text in order


@given(st.text(alphabet=st.sampled_from("。.  \u3000\nab極")))
def test_first_sentence_is_the_regex_split(note):
    """Entity.description's first sentence (str.find) is what the regex split it replaced gave."""
    import regex

    from honkoku.site.corpus import first_sentence
    assert first_sentence(note) == regex.compile(r"(?<=[。.])\s*").split(note, maxsplit=1)[0]


@given(st.text(alphabet=st.sampled_from("\\{}%&$#_^~ax極 ")))
def test_bibtex_escape_is_the_regex_substitution(s):
    """cite.bibtex_escape (one str.translate) writes what the regex substitution it replaced wrote."""
    import regex

    from honkoku.site.cite import BIBTEX_ESCAPES, bibtex_escape
    expected = regex.sub(r"([\\{}%&$#_^~])", lambda m: BIBTEX_ESCAPES.get(m.group(1), "\\" + m.group(1)), s)
    assert bibtex_escape(s) == expected


def test_division_panel_and_citation_escape_every_value():
    """heads.py writes the panel and citation in Python: every value from the TEI is still escaped."""
    from honkoku.site.cite import Citation
    from honkoku.site.corpus import DateRef, Division, Party
    from honkoku.site.heads import cite_block, division_header
    from honkoku.site.text import esc_text
    bad = '<script>alert(1)</script>{{ x }}"\''
    d = Division(bad, bad, bad, bad, bad, label=bad, date=DateRef(bad, bad + "!"), classes=[bad],
                 idnos=[(bad, bad)], summary=bad, senders=[Party(bad)], places=[Party(bad)],
                 first_page=bad, last_page=bad + "2")
    c = Citation(bad, bad, bad, False, bad, bad)
    html = division_header(d, cite_block(c), lambda p: f"<b>{esc_text(p.name)}</b>", bad)
    assert "<script" not in html and "{{" not in html and bad not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;&#123;&#123; x &#125;&#125;&#34;&#39;") >= 12
