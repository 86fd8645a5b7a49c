"""Parse XML safely: no DTD loading, no external or internal entity expansion, no network."""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from ..errors import UserError


def parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=True, remove_comments=False)


def parse(path: str | Path) -> etree._Element:
    data = Path(path).read_bytes()
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
        raise UserError(path, "the XML declares a DOCTYPE or entities, which honkoku refuses", 1, 1,
                        "remove the DOCTYPE: TEI needs none, and entities could read files or expand without end")
    try:
        return etree.fromstring(data, parser())
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (1, 1)
        raise UserError(path, f"not well-formed XML: {exc.msg}", line, col + 1, "fix the XML at that place") from None
