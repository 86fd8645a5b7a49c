"""load_corpus(keep_trees=False): sources read as a walk reaches them, each file parsed once, same corpus."""
from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from honkoku.site.corpus import load_corpus, may_hold_registers

ROOT = Path(__file__).resolve().parent.parent
TEI = "http://www.tei-c.org/ns/1.0"


def plain_source(ident: str, extra: str = "") -> str:
    return (f'<TEI xmlns="{TEI}"><teiHeader><fileDesc><titleStmt><title>{ident}</title></titleStmt>'
            f'<publicationStmt><idno type="source">{ident}</idno></publicationStmt><sourceDesc><p/></sourceDesc>'
            f'</fileDesc><encodingDesc><tagsDecl><namespace name="{TEI}"><tagUsage gi="p" occurs="1"/></namespace>'
            f'</tagsDecl></encodingDesc></teiHeader><text><body><div type="document" xml:id="d1"><p>{ident} つかう</p>'
            f'</div></body></text>{extra}</TEI>')


@pytest.fixture
def tei_dir(tmp_path):
    """The edition's TEI (registers in every file) plus sources without registers, a glossary written with
    a character reference, a file of registers only and an XML file that is not TEI."""
    d = tmp_path / "tei"
    shutil.copytree(ROOT / "tei", d)
    (d / "a-plain.xml").write_text(plain_source("a-plain"), encoding="utf-8")
    (d / "z-plain.xml").write_text(plain_source("z-plain"), encoding="utf-8")
    gloss = ('<standOff><list type="&#103;loss"><label><term xml:id="t-zz">ZZ</term></label>'
             '<item><gloss>ぜっと</gloss></item></list></standOff>')
    (d / "m-gloss.xml").write_text(plain_source("m-gloss", gloss), encoding="utf-8")
    (d / "n-not-tei.xml").write_text("<html><body><p>not TEI</p></body></html>", encoding="utf-8")
    return d


def summary(corpus) -> tuple:
    sources = [{k: v for k, v in dataclasses.asdict(dataclasses.replace(s, root=None)).items()}
               for s in corpus.sources]
    about = corpus.about
    return (sources, {k: dataclasses.asdict(e) for k, e in corpus.entities.items()}, corpus.register_files,
            dict(about.decl), dict(about.tags), dict(about.categories), about.calendars, about.apps)


@pytest.mark.parametrize("access", ["walk", "len", "about", "index"])
def test_the_walk_reads_the_same_corpus_as_an_eager_load(tei_dir, access):
    eager = load_corpus(tei_dir, keep_trees=True)
    lazy = load_corpus(tei_dir, keep_trees=False)
    if access == "walk":
        assert [s.id for s in lazy.sources] == [s.id for s in eager.sources]
    elif access == "len":
        assert len(lazy.sources) == len(eager.sources)
    elif access == "about":
        assert dict(lazy.about.tags) == dict(eager.about.tags)
    else:
        assert lazy.sources[-1].id == eager.sources[-1].id
    assert summary(lazy) == summary(eager)
    assert "t-zz" in lazy.entities                            # the glossary behind a character reference
    assert [p.name for p in lazy.register_files] == ["registers.xml"]


def test_the_walk_keeps_one_tree_and_parses_each_file_once(tei_dir, parses):
    parsed = parses
    corpus = load_corpus(tei_dir, keep_trees=False)
    # registers first, from the files whose bytes can hold them only
    assert sorted(parsed) == sorted(["1986-09-18-inf-asia.xml", "2023-05-17-lavrov-tsargrad.xml",
                                     "registers.xml", "m-gloss.xml"])
    parsed.clear()
    walked = []
    for source in corpus.sources:
        held = [s.id for s in corpus.sources._sources if s.root is not None]
        assert held == [source.id]                            # the page's own tree, and no other
        assert source.text is not None
        walked.append(source.id)
    assert all(s.root is None for s in corpus.sources._sources)
    # each file once in the walk, but registers.xml: read for the registers, and known to hold only them
    assert sorted(parsed) == sorted(p.name for p in tei_dir.glob("*.xml") if p.name != "registers.xml")
    assert walked == [s.id for s in load_corpus(tei_dir).sources]


@pytest.mark.parametrize("data, expected", [
    (b'<TEI><standOff><listPerson/></standOff></TEI>', True),
    (b'<TEI><standOff><tei:listOrg xmlns:tei="x"/></standOff></TEI>', True),
    (b'<TEI><back><list type="gloss"/></back></TEI>', True),
    (b'<TEI><back><list type="&#x67;loss"/></back></TEI>', True),
    (b'\xef\xbb\xbf<TEI><listPlace/></TEI>', True),
    (b'<TEI><p>a listing, a blacklist</p><list><item/></list></TEI>', False),
    (b'<TEI><p>no lists</p></TEI>', False),
    (b'<TEI><text><list><item/></list></text><standOff><listPerson/></standOff></TEI>', True),   # a plain list first
    (b'<TEI><list rend=">"\n type="gloss"><label/></list></TEI>', True),         # ">" in an attribute value
    (b'<TEI><list><item>gloss, &#38;</item></list></TEI>', False),             # only in the list's text
    (b'<TEI><list type="&#x67;loss"/></TEI>', True),
    (b'<TEI><p>list</p></TEI>', False),
    (b'<TEI><p>a list</p><gloss/>', False),
    ('<TEI><listPerson/></TEI>'.encode("utf-16"), True),                 # not ASCII-compatible: always read
    (b' <TEI/>', True),
])
def test_may_hold_registers(data, expected):
    assert may_hold_registers(data) is expected
