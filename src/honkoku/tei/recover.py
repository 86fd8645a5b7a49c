"""Recover the source text from a TEI file: the proof that nothing was lost.

Every text node of ``<text>`` is written in order, except editorial
additions (``corr``, ``reg``, ``expan``, ``figDesc``, ``supplied``). Block
elements are separated by a blank line, ``<lb/>`` is a newline, and each
pass's ``respell`` writes its marker syntax back (``~~``, ``<p>``, ``- ``).
Whitespace may differ from the source; characters may not.
"""
from __future__ import annotations

import regex
from lxml import etree

from . import TEI_NS
from .weave import ELEMENT_ONLY

EDITORIAL = {"corr", "reg", "expan", "figDesc", "supplied"}
BLOCKS = {"div", "p", "head", "ab", "sp", "speaker", "note", "list", "table", "figure", "front", "body",
          "lg", "l", "label"}


def _respellers():
    from ..passes import ALL
    return [p.respell for p in ALL]


def recover_text(text_el: etree._Element) -> str:
    spellers = _respellers()
    out: list[str] = []

    def walk(el: etree._Element) -> None:
        tag = etree.QName(el).localname
        if tag in EDITORIAL:
            return
        syntax = next((r for r in (f(el, tag) for f in spellers) if r is not None), ("", ""))
        parent = el.getparent()
        in_container = parent is not None and etree.QName(parent).localname in ELEMENT_ONLY
        block = tag in BLOCKS or tag == "fw" or (tag in ("gap", "metamark") and in_container)
        if tag == "lb":
            out.append("\n")
        elif tag == "pb":
            out.append("\n\n")
        prev = el.getprevious()
        after_label = tag == "p" and prev is not None and etree.QName(prev).localname == "speaker"
        if after_label:               # a turn's first paragraph stands on its label's line
            out.append("" if "".join(prev.itertext()).rstrip().endswith((":", "：")) else " ")
        elif block:
            out.append("\n\n")
        out.append(syntax[0])
        container = tag in ELEMENT_ONLY       # its whitespace is indentation, not text
        if el.text and not (container and not el.text.strip()):
            out.append(el.text)
        for child in el:
            if isinstance(child.tag, str):
                walk(child)
            if child.tail and not (container and not child.tail.strip()):
                out.append(child.tail)
        out.append(syntax[1])
        if block and tag != "speaker":
            out.append("\n\n")

    walk(text_el)
    joined = "".join(out)
    joined = regex.sub(r"[ \t]*\n[ \t]*(?:\n[ \t]*)+", "\n\n", joined)
    return joined.strip("\n") + "\n"


def recover_file(path) -> str:
    from .safe import parse
    root = parse(path)
    text = root.find(f"{{{TEI_NS}}}text")
    if text is None:
        from ..errors import UserError
        raise UserError(path, "no TEI <text> element in this file", 1, 1,
                        "give a TEI file made by honkoku (tei/<id>.xml), in the TEI namespace")
    try:
        return recover_text(text)
    except RecursionError:
        from ..errors import UserError
        raise UserError(path, "elements nest too deeply to be read back", 1, 1,
                        "give a TEI file made by honkoku (tei/<id>.xml)") from None
