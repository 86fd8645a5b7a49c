"""Checks the schema cannot express, shared by the tests."""
from __future__ import annotations

import re

from lxml import etree

NS = {"tei": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
# ISO dates, dateTimes (xsd:dateTime needs seconds) and XML Schema partial dates (--09-30, ---16):
# what TEI's teidata.temporal.w3c allows and the dates pass writes
ISO = re.compile(r"^(?:-?\d{4}(?:-\d\d(?:-\d\d(?:T\d\d:\d\d:\d\d)?)?)?|--\d\d(?:-\d\d)?|---\d\d)$")
POINTERS = ("hand", "who", "ref", "resp", "decls", "calendar", "class", "target", "scheme", "corresp", "next", "prev")


def schema_errors(schema, root) -> list[str]:
    if schema.validate(root):
        return []
    return [f"{e.line}:{e.column}: {e.message}" for e in schema.error_log]


def reference_errors(root) -> list[str]:
    """Every local pointer (#id) resolves; every date attribute is ISO; ids are unique."""
    ids = [el.get(XML_ID) for el in root.iter() if isinstance(el.tag, str) and el.get(XML_ID)]
    problems = [f"duplicate xml:id {i}" for i in sorted({i for i in ids if ids.count(i) > 1})]
    known = set(ids)
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in POINTERS:
            for ref in (el.get(attr) or "").split():
                if ref.startswith("#") and ref[1:] not in known:
                    problems.append(f"<{etree.QName(el).localname} {attr}=\"{ref}\"> points to nothing")
        for attr in ("when", "notBefore", "notAfter", "from", "to"):
            value = el.get(attr)
            if value is not None and not ISO.match(value):
                problems.append(f"<{etree.QName(el).localname} {attr}=\"{value}\"> is not an ISO date")
    return problems


def transcription(text_el) -> str:
    """The witness characters of <text>: every text node but editorial additions."""
    out = []
    editorial = {"corr", "reg", "expan", "figDesc", "supplied"}

    def walk(el):
        name = etree.QName(el).localname
        if name in editorial:
            return
        out.append(el.text or "")
        for child in el:
            if isinstance(child.tag, str):
                walk(child)
            out.append(child.tail or "")

    walk(text_el)
    return "".join(out)
