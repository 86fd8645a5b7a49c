"""Deterministic, pretty TEI output.

Indentation goes only where whitespace is insignificant (element-only
containers, the header); mixed content such as ``<p>`` is written exactly,
so pretty-printing never adds a space to the text.
"""
from __future__ import annotations

from lxml import etree

# Elements whose content is (or may be) text: never indented inside.
MIXED = {"p", "head", "cell", "item", "speaker", "note", "ab", "fw", "stamp", "unclear", "del", "add", "sic",
         "corr", "orig", "reg", "desc", "title", "persName", "placeName", "orgName", "term", "date", "label",
         "gloss", "catDesc", "licence", "figDesc", "hi", "foreign", "roleName", "forename", "surname", "idno",
         "change", "resp", "name", "editor", "publisher", "institution", "repository", "language", "addName",
         "metamark", "rs", "supplied", "expan", "abbr", "settlement", "country", "collection", "quote", "q",
         "bibl", "author", "respStmt", "application", "occupation", "role", "state", "desc", "event", "placeName",
         "geogName", "region", "orgName", "affiliation", "note", "keywords", "term", "dateline", "trailer"}


def indent(el: etree._Element, level: int = 0, space: str = " ") -> None:
    tag = el.tag
    name = tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
    if not len(el) or name in MIXED:
        return
    children = list(el)
    if (el.text or "").strip() or any((c.tail or "").strip() for c in children):
        return
    pad = "\n" + space * (level + 1)
    el.text = pad
    for child in children:
        child.tail = pad
        if len(child):                  # a leaf has nothing to indent
            indent(child, level + 1, space)
    children[-1].tail = "\n" + space * level


def serialize(root: etree._Element) -> bytes:
    indent(root)
    body = etree.tostring(root, encoding="UTF-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body + b"\n"
