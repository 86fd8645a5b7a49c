"""The site's registers: read once from tei/registers.xml when every file agrees with it, else merged from
every file; either way exactly what an eager load (every file parsed, read_registers over each) gives."""
from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from lxml import etree

from honkoku.site import corpus as corpus_mod
from honkoku.site.corpus import Entity, flat, gather_registers, load_corpus, read_registers

ROOT = Path(__file__).resolve().parent.parent
TEI = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


# -- read_registers against its XPath formulation (the code it replaced, kept here as the reference) --------

def _reference_entity(el: etree._Element, kind: str) -> Entity:
    ent = Entity(el.get(XML_ID), kind)
    name_tag = {"person": "persName", "place": "placeName", "org": "orgName"}[kind]

    def add(name):
        if name and name not in ent.names:
            ent.names.append(name)
    for name_el in el.xpath(f"t:{name_tag}", namespaces=NS):
        for role in [flat(r) for r in name_el.xpath("t:roleName", namespaces=NS)]:
            if role and role not in ent.roles:
                ent.roles.append(role)
        add(flat(name_el, skip=("roleName",)) or flat(name_el))
        add(flat(name_el))
    for extra in el.xpath("t:occupation | t:roleName | t:state/t:label", namespaces=NS):
        if flat(extra) and flat(extra) not in ent.roles:
            ent.roles.append(flat(extra))
    notes = el.xpath("t:note | t:desc", namespaces=NS)
    ent.note = flat(notes[0] if notes else None)
    return ent


def reference_read_registers(root: etree._Element) -> dict[str, Entity]:
    into: dict[str, Entity] = {}
    for kind, path in (("person", ".//t:listPerson/t:person"), ("place", ".//t:listPlace//t:place"),
                       ("org", ".//t:listOrg//t:org")):
        for el in root.xpath(path, namespaces=NS):
            if el.get(XML_ID) and not el.xpath("ancestor::t:teiHeader", namespaces=NS):
                corpus_mod._merge(into, _reference_entity(el, kind))
    for lst in root.xpath(".//t:list[@type='gloss']", namespaces=NS):
        label = None
        for child in lst:
            if corpus_mod.local(child) == "label":
                label = child
            elif corpus_mod.local(child) == "item" and label is not None:
                terms = label.xpath("descendant::t:term[@xml:id]", namespaces=NS)
                term = label if label.get(XML_ID) is not None else (terms[0] if terms else None)
                if term is not None:
                    glosses = child.xpath("descendant::t:gloss", namespaces=NS)
                    corpus_mod._merge(into, Entity(term.get(XML_ID), "term", [flat(term)],
                                                   note=flat(glosses[0] if glosses else None) or flat(child)))
                label = None
    return into


RICH = f"""<TEI xmlns="{TEI}"><teiHeader><profileDesc><particDesc><listPerson>
<person xml:id="per-header"><persName>Only in the header</persName></person></listPerson></particDesc></profileDesc>
</teiHeader><standOff><listPerson><person xml:id="p1"><persName type="main">山田<roleName>次官</roleName></persName>
<persName xml:lang="en">Yamada</persName><occupation>diplomat</occupation><roleName>大使</roleName>
<state><label>在米</label><label>大使</label></state><desc>first</desc><note>second</note></person>
<person xml:id="p1b"><persName>山田太郎</persName><note>a later note</note></person>
<person><persName>no id</persName></person></listPerson>
<listPlace><place xml:id="pl1"><placeName>ジュネーヴ</placeName><location><place xml:id="pl2"><placeName>内</placeName>
</place></location></place></listPlace><listOrg><org xml:id="o1"><orgName>外務省</orgName><org xml:id="o2">
<orgName>北米局</orgName><note>bureau</note></org><note>ministry</note></org></listOrg>
<listPerson><listPerson><person xml:id="p-nested"><persName>not a direct child</persName></person></listPerson>
</listPerson>
<list type="gloss"><label><term xml:id="t1">INF</term> (<term type="variant">inf</term>)</label>
<item><gloss xml:lang="ja">中距離核戦力</gloss><gloss xml:lang="en">intermediate-range</gloss></item>
<label xml:id="t2">ABM</label><item>no gloss element</item><label>no id</label><item><gloss>x</gloss></item>
<item>an item without a label</item></list><list type="simple"><label><term xml:id="t3">not a glossary</term>
</label><item>x</item></list></standOff><text><body><p>x</p></body></text></TEI>"""


@pytest.mark.parametrize("name", ["rich", *sorted(p.name for p in (ROOT / "tei").glob("*.xml"))])
def test_read_registers_is_its_xpath_formulation(name):
    root = etree.fromstring(RICH.encode()) if name == "rich" else etree.parse(str(ROOT / "tei" / name)).getroot()
    into: dict[str, Entity] = {}
    read_registers(root, into)
    assert into == reference_read_registers(root)
    assert into                                                # the case is not empty


# -- gather_registers: registers.xml when every file agrees, else every file --------------------------------

def entities_of(corpus) -> dict:
    return {k: dataclasses.asdict(e) for k, e in corpus.entities.items()}


@pytest.fixture
def edition(tmp_path):
    d = tmp_path / "tei"
    shutil.copytree(ROOT / "tei", d)
    return d


def test_registers_from_registers_xml_equal_those_of_every_file(edition, parses):
    eager = load_corpus(edition, keep_trees=True)
    parses.clear()
    lazy = load_corpus(edition, keep_trees=False)
    assert parses == ["registers.xml"]                        # the documents' standOffs: not parsed whole
    assert entities_of(lazy) == entities_of(eager)
    assert len(lazy.entities) > 100
    walked = [s.id for s in lazy.sources]
    assert walked == [s.id for s in eager.sources]
    documents = sorted(p.name for p in edition.glob("*.xml") if p.name != "registers.xml")
    assert sorted(parses) == sorted(["registers.xml", *documents])      # every file parsed once in all
    assert [p.name for p in lazy.register_files] == ["registers.xml"]


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


DOC = "1986-09-18-inf-asia.xml"
MATSUNAGA = '<persName type="main">松永</persName>'


def variant_in_comment(d):
    edit(d / DOC, " <standOff>", " <!-- <standOff><listPerson><person xml:id=\"per-matsunaga\"><persName>偽</persName>"
         "</person></listPerson></standOff> -->\n <standOff>")


def standoff_in_the_header(d):
    """The header's standOff comes first (and is not read): the bytes cannot tell, the file is parsed."""
    edit(d / DOC, "</teiHeader>", "<standOff><listPerson><person xml:id=\"per-header-only\"><persName>偽</persName>"
         "</person></listPerson></standOff></teiHeader>")


def only_a_differing_standoff_in_a_header(d):
    """Read alone, it differs (that it is not read in the file is not seen): every file is read."""
    (d / "a-header.xml").write_text(f'<TEI xmlns="{TEI}"><teiHeader><standOff><listPerson><person xml:id='
                                    '"per-matsunaga"><persName>偽</persName></person></listPerson></standOff>'
                                    "</teiHeader></TEI>", encoding="utf-8")


def shift_jis(d):
    text = (d / DOC).read_text(encoding="utf-8").replace('encoding="UTF-8"', 'encoding="Shift_JIS"')
    text = text.replace("松永", "松長")           # a difference the bytes as UTF-8 would not show the same
    (d / DOC).write_bytes(text.encode("shift_jis", errors="xmlcharrefreplace"))


CASES = {
    # consistent (True: only registers.xml parsed; a name: that file parsed whole too, to tell): registers.xml
    # is used and gives exactly the eager merge
    "consistent": (lambda d: None, True),
    "standOff with a comment and an entry repeated": (lambda d: edit(
        d / DOC, MATSUNAGA, MATSUNAGA + "<!-- </listPerson> -->"), True),
    "a differing entry inside a comment": (variant_in_comment, DOC),          # parsed whole to tell
    "a standOff in the teiHeader first": (standoff_in_the_header, DOC),
    "a file that is not TEI": (lambda d: (d / "n-html.xml").write_text(
        "<html><standOff><listPerson/></standOff></html>", encoding="utf-8"), True),
    # inconsistent: every file is read, as before
    "a spelling only in one file": (lambda d: edit(d / DOC, MATSUNAGA, MATSUNAGA + "<persName>松長</persName>"), False),
    "an entry only in one file": (lambda d: edit(
        d / DOC, "</listPerson>", '<person xml:id="per-new"><persName>新</persName></person></listPerson>'), False),
    "a note only in one file, in the back": (lambda d: edit(
        d / DOC, "</body>", '</body><back><listPlace><place xml:id="pl-back"><placeName>裏</placeName></place>'
        "</listPlace></back>"), False),
    "the same id as another kind, in a file of its own": (lambda d: (d / "a-kind.xml").write_text(
        f'<TEI xmlns="{TEI}"><teiHeader/><standOff><listPlace><place xml:id="per-matsunaga"><placeName>松永</placeName>'
        "</place></listPlace></standOff></TEI>", encoding="utf-8"), False),
    "only a differing standOff in a teiHeader": (only_a_differing_standoff_in_a_header, False),
    "another file in Shift_JIS": (shift_jis, False),
    "a glossary behind a character reference": (lambda d: edit(
        d / DOC, " <standOff>", ' <standOff><list type="&#103;loss"><label><term xml:id="t-zz">ZZ</term></label>'
        "<item><gloss>ぜっと</gloss></item></list>"), False),
    "no registers.xml": (lambda d: (d / "registers.xml").unlink(), False),
    "registers.xml is not TEI": (lambda d: (d / "registers.xml").write_text("<x/>", encoding="utf-8"), False),
    "registers.xml holds one entry less": (lambda d: edit(
        d / "registers.xml", '<person xml:id="per-matsunaga">', '<person xml:id="per-gone">'), False),
}


@pytest.mark.parametrize("case", CASES)
def test_the_registers_are_those_of_an_eager_load(edition, parses, case):
    change, from_registers_xml = CASES[case]
    change(edition)
    eager = load_corpus(edition, keep_trees=True)
    parses.clear()
    lazy = load_corpus(edition, keep_trees=False)
    assert entities_of(lazy) == entities_of(eager)
    documents = [p.name for p in sorted(edition.glob("*.xml")) if p.name != "registers.xml"]
    if from_registers_xml is True:
        assert parses == ["registers.xml"]
    elif from_registers_xml:
        assert parses == ["registers.xml", from_registers_xml]
    else:
        assert set(documents) & set(parses)                   # the documents were read for their registers
    assert [s.id for s in lazy.sources] == [s.id for s in eager.sources]


def test_a_differing_spelling_reaches_the_pages(edition):
    """Not only equal to the eager load: the variant of one file is in the merged entry."""
    edit(edition / DOC, MATSUNAGA, MATSUNAGA + "<persName>松長</persName>")
    assert "松長" in load_corpus(edition, keep_trees=False).entities["per-matsunaga"].names


@pytest.mark.parametrize("data, alone", [
    (b'<TEI><teiHeader/><standOff><listPerson/></standOff><text/></TEI>', True),
    (b'<?xml version="1.0" encoding="utf-8"?><TEI><standOff><listPerson/></standOff></TEI>', True),
    (b'\xef\xbb\xbf<TEI><standOff><listPerson/></standOff></TEI>', True),
    (b'<?xml version="1.0" encoding="EUC-JP"?><TEI><standOff><listPerson/></standOff></TEI>', False),
    (b'<TEI><standOff><listPerson/></standOff><back><listOrg/></back></TEI>', False),
    (b'<TEI><standOff xmlns:x="y"><listPerson/></standOff></TEI>', False),      # not a plain <standOff>
    (b'<TEI><standOff><listPerson xmlns="urn:x"/></standOff></TEI>', False),
    (b'<TEI><standOff><x:listPerson/></standOff></TEI>', False),              # a prefix declared outside
    (b'<TEI><standOff><!-- </standOff> --><listPerson/></standOff></TEI>', False),
    (b'<TEI><standOff><standOff><listPerson/></standOff></standOff></TEI>', False),
    (b'<TEI><standOff><listPerson/></TEI>', False),
    (b'<TEI><text/></TEI>', False),
    ('<TEI><standOff><listPerson/></standOff></TEI>'.encode("utf-16"), False),
])
def test_a_standoff_is_read_alone_only_when_its_bytes_tell_all(data, alone):
    assert (corpus_mod._standoff_alone(data) is not None) is alone


# -- the verdicts kept over builds (site/metacache.Agreements) -------------------------------------------------

@pytest.fixture
def meta_of(tmp_path):
    """A MetaCache in a fresh cache, as the site stage opens it; closed after the test."""
    from honkoku.cache import Cache
    from honkoku.site.metacache import MetaCache
    caches = []

    def open_meta(tei):                  # a build of its own: the last one's cache is closed (committed)
        while caches:
            caches.pop().close()
        caches.append(Cache(tmp_path / "cache"))
        return MetaCache(caches[-1], tei)
    yield open_meta
    for cache in caches:
        cache.close()


def checks(monkeypatch) -> list[str]:
    """The files whose register entries are checked against registers.xml (not taken from a verdict)."""
    checked: list[str] = []
    real = corpus_mod._agrees_bytes

    def counting(path, *args):
        checked.append(Path(path).name)
        return real(path, *args)
    monkeypatch.setattr(corpus_mod, "_agrees_bytes", counting)
    return checked


def test_a_file_found_to_agree_is_not_checked_again_until_its_bytes_change(edition, meta_of, monkeypatch):
    checked = checks(monkeypatch)
    documents = sorted(p.name for p in edition.glob("*.xml") if p.name != "registers.xml")
    eager = entities_of(load_corpus(edition, keep_trees=True))
    assert entities_of(load_corpus(edition, keep_trees=False, meta=meta_of(edition))) == eager
    assert sorted(checked) == documents
    checked.clear()
    assert entities_of(load_corpus(edition, keep_trees=False, meta=meta_of(edition))) == eager
    assert checked == []                                           # every verdict kept
    edit(edition / DOC, "</text>", "</text><!-- edited -->")
    assert entities_of(load_corpus(edition, keep_trees=False, meta=meta_of(edition))) == eager
    assert checked == [DOC]                                        # only the file whose bytes changed


@pytest.mark.parametrize("case", CASES)
def test_kept_verdicts_never_hide_a_change(edition, meta_of, case):
    """A build with every verdict kept from the unchanged edition, then the change: still the eager merge."""
    load_corpus(edition, keep_trees=False, meta=meta_of(edition))
    change, _ = CASES[case]
    change(edition)
    eager = load_corpus(edition, keep_trees=True)
    lazy = load_corpus(edition, keep_trees=False, meta=meta_of(edition))
    assert entities_of(lazy) == entities_of(eager)
    assert [s.id for s in lazy.sources] == [s.id for s in eager.sources]
