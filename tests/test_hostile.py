"""Hostile text: source text is data. Markup in a source or sidecar reaches the TEI as escaped text; XML
with a DOCTYPE or entities is refused before it is expanded; links in metadata are http(s) only.
(The site's no-XSS test, on the HTML built from a hostile source, belongs with the site.)"""
from __future__ import annotations


import pytest
from lxml import etree

from buildcheck import build_one, check_tei
from honkoku.cli import main
from honkoku.errors import EXIT_USER_ERROR, UserError
from honkoku.tei import TEI_NS
from honkoku.tei.safe import parse
from strategies import toml_str
from teicheck import NS, transcription

HOSTILE = ["<script>alert(1)</script>", "a & b", "&amp;", "&lt;", "]]>", "<![CDATA[x]]>", "{{ config }}",
           "{% include 'x' %}", "**bold** _it_ [link](javascript:alert(1))", '<img src=x onerror="alert(1)">',
           "<!-- comment -->", "<?php echo 1 ?>", "</p></text></TEI>", "<a href='javascript:x'>x</a>", "&#0;",
           "<!DOCTYPE x>", "<!ENTITY e 'x'>", "\u202eevil", "<svg onload=alert(1)>"]


def elements(tei: bytes) -> set[str]:
    return {etree.QName(el).localname for el in etree.fromstring(tei).iter() if isinstance(el.tag, str)}


def test_hostile_source_text_reaches_the_tei_as_text(tei_schema):
    source = "\n\n".join(f"{n}. {s} 本文。" for n, s in enumerate(HOSTILE, 1)) + "\n"
    doc, tei = build_one("doc", source.encode(), None)
    check_tei(tei_schema, doc, tei)
    text = transcription(etree.fromstring(tei).find("tei:text", NS))
    for hostile in HOSTILE:
        assert hostile in text, f"{hostile!r} did not reach the TEI as text"
    assert not elements(tei) & {"script", "img", "svg", "a", "b", "iframe"}
    assert all(el.tag.startswith(f"{{{TEI_NS}}}") for el in etree.fromstring(tei).iter() if isinstance(el.tag, str))
    assert b"<script" not in tei and b"&lt;script&gt;" in tei
    root = etree.fromstring(tei)
    assert not [n for n in root.iter() if isinstance(n, (etree._Comment, etree._ProcessingInstruction))]


@pytest.mark.parametrize("hostile", HOSTILE[:8])
def test_hostile_text_inside_markers_and_cells(hostile, tei_schema):
    source = (f"<p>{hostile}</p>\t<p>{hostile}</p>\n\n- {hostile}\n- ~~{hostile}~~\n\n| {hostile} | x |\n|---|---|\n\n"
              f"[REDACTED: {hostile}]\n")
    doc, tei = build_one("doc", source.encode(), None)
    check_tei(tei_schema, doc, tei)
    assert hostile in transcription(etree.fromstring(tei).find("tei:text", NS))
    assert not elements(tei) & {"script", "img", "svg", "a", "b"}


def test_hostile_sidecar_text_reaches_the_header_as_text(tei_schema):
    toml = ('title = "<script>alert(1)</script> & {{ x }}"\nsummary = "]]> <b>bold</b>"\n'
            '[[correction]]\nquote = "本文"\ncorr = "<img src=x onerror=alert(1)>"\n')
    doc, tei = build_one("doc", "これは本文です。\n".encode(), toml)
    check_tei(tei_schema, doc, tei)
    root = etree.fromstring(tei)
    assert root.find(".//tei:titleStmt/tei:title", NS).text == "<script>alert(1)</script> & {{ x }}"
    assert root.find(".//tei:corr", NS).text == "<img src=x onerror=alert(1)>"
    assert not elements(tei) & {"script", "img", "b"}


# -- XML input: no DOCTYPE, no entities, no network ---------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&lol9;</p></body></text></TEI>"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE TEI [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&secret;</p></body></text></TEI>"""
NETWORK = """<?xml version="1.0"?>
<!DOCTYPE TEI SYSTEM "http://127.0.0.1:9/tei.dtd">
<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>x</p></body></text></TEI>"""
LATE_DOCTYPE = "<?xml version='1.0'?>\n<!--" + "x" * 10_000 + "-->\n" + EXTERNAL.split("\n", 1)[1]
PARAMETER = """<!DOCTYPE x [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]><x/>"""


@pytest.mark.parametrize("xml, encoding", [
    (BILLION_LAUGHS, "utf-8"), (EXTERNAL, "utf-8"), (NETWORK, "utf-8"), (LATE_DOCTYPE, "utf-8"),
    (PARAMETER, "utf-8"), (EXTERNAL.replace('"1.0"?>', '"1.0" encoding="UTF-16"?>', 1), "utf-16"),
    (BILLION_LAUGHS.replace('"1.0"?>', '"1.0" encoding="UTF-16"?>', 1), "utf-16"),
], ids=["billion laughs", "external entity", "external DTD", "DOCTYPE after 10 kB", "parameter entity",
        "external entity in UTF-16", "billion laughs in UTF-16"])
def test_xml_with_a_doctype_or_entities_is_refused_not_expanded(tmp_path, capsys, xml, encoding):
    evil = tmp_path / "evil.xml"
    evil.write_bytes(xml.encode(encoding))
    with pytest.raises(UserError, match="DOCTYPE") as info:        # refused before anything is expanded
        parse(evil)
    assert info.value.problems[0].path == str(evil)
    assert main(["text", str(evil)]) == EXIT_USER_ERROR
    out, err = capsys.readouterr()
    assert "root:" not in out and "lol" not in out and "DOCTYPE" in err


def test_tei_nested_2000_deep_is_a_user_error(tmp_path, capsys):
    deep = tmp_path / "deep.xml"
    deep.write_text(f'<TEI xmlns="{TEI_NS}"><text>' + "<hi>" * 2000 + "x" + "</hi>" * 2000 + "</text></TEI>",
                    encoding="utf-8")
    assert main(["text", str(deep)]) == EXIT_USER_ERROR
    assert "nest too deeply" in capsys.readouterr().err


def test_well_formed_tei_without_doctype_is_read(tmp_path):
    good = tmp_path / "good.xml"
    good.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&lt;script&gt;</p></body></text></TEI>',
                    encoding="utf-8")
    assert parse(good).find(".//{http://www.tei-c.org/ns/1.0}p").text == "<script>"


# -- links in metadata ------------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,<script>x</script>",
                                 "file:///etc/passwd", "//evil.example/x", "ftp://x.org/", "vbscript:x", "http:///x",
                                 "https://x.org/\n", 'https://x.org/"onmouseover="x', "https://a b.org/", ""])
@pytest.mark.parametrize("key", ["licence_url", "source.url"])
def test_links_in_metadata_are_http_or_https_only(key, url):
    table, _, name = key.rpartition(".")
    toml = (f"[{table}]\n" if table else "") + f"{name} = {toml_str(url)}\n"
    with pytest.raises(UserError, match="not an http\\(s\\) URL"):
        build_one("doc", "本文。\n".encode(), toml)


@pytest.mark.parametrize("url", ["https://creativecommons.org/licenses/by/4.0/", "http://example.org/a?b=c#d"])
def test_http_links_reach_the_header(url, tei_schema):
    doc, tei = build_one("doc", "本文。\n".encode(), f'licence_url = "{url}"\n[source]\nurl = "{url}"\n')
    check_tei(tei_schema, doc, tei)
    root = etree.fromstring(tei)
    assert root.find(".//tei:licence", NS).get("target") == url
    assert root.find(".//tei:ptr", NS).get("target") == url
