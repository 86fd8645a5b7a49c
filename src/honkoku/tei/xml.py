"""A light element tree for writing TEI as text, without building an lxml tree element by element.

Why: building the output through lxml cost about 5 µs per element in Python
calls (``SubElement``, namespaced tag strings, attribute dicts), then a
Python walk to indent it, then a walk of the header over the tree. A
``Node`` is a plain object (local tag name, attribute dict, parts), and
``to_bytes`` writes the document in one pass, indenting exactly as
``serialize.indent`` + ``etree.tostring`` did (the committed TEI is
byte-identical).

Source text is always data: every text part and attribute value is escaped
here, and only here (``escape_text``, ``escape_attr``: the references libxml2
writes, so the bytes match lxml's). Tag and attribute names come from the
code, never from the source, and are checked once each against the XML name
rule; a character XML 1.0 cannot store raises ValueError, as lxml does (the
source reader and the sidecar check reject them before, with a UserError).
"""
from __future__ import annotations

import re
from typing import Iterator

from lxml import etree

from . import TEI_NS, XML_NS

# Elements whose content is (or may be) text: never indented inside (the list serialize.py keeps).
from .serialize import MIXED

# Characters XML 1.0 cannot store (whatever is not Char).
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
TEXT_SPECIAL = re.compile("[&<>\r]")
ATTR_SPECIAL = re.compile('[&<>"\t\n\r]')
NAME = re.compile(r"(?:xml:)?[A-Za-z_][A-Za-z0-9._-]*\Z")
_names: set[str] = set()


def escape_text(s: str) -> str:
    """Character data as libxml2 writes it: &, <, > and CR as references, the rest as is."""
    if "&" in s:
        s = s.replace("&", "&amp;")
    if "<" in s:
        s = s.replace("<", "&lt;")
    if ">" in s:
        s = s.replace(">", "&gt;")
    if "\r" in s:
        s = s.replace("\r", "&#13;")
    return s


def escape_attr(s: str) -> str:
    """An attribute value (in double quotes) as libxml2 writes it: also ", tab, LF and CR as references."""
    s = escape_text(s)
    if '"' in s:
        s = s.replace('"', "&quot;")
    if "\t" in s:
        s = s.replace("\t", "&#9;")
    if "\n" in s:
        s = s.replace("\n", "&#10;")
    return s


def _check_name(name: str) -> str:
    if name not in _names:
        if not NAME.match(name):
            raise ValueError(f"not an XML name: {name!r}")
        _names.add(name)
    return name


class Node:
    """An element in the TEI namespace: ``tag`` (local name), ``attrib`` (names as written, ``xml:id``),
    ``parts``: its content in order, text (``str``, unescaped) and child Nodes."""

    __slots__ = ("tag", "attrib", "parts")

    def __init__(self, tag: str, attrib: dict[str, str] | None = None, text: str | None = None):
        self.tag = tag
        self.attrib = attrib if attrib is not None else {}
        self.parts: list = [text] if text else []

    # -- the few lxml-like accessors the header and the tests use ---------------------------
    def get(self, key: str, default=None):
        return self.attrib.get(key, default)

    def set(self, key: str, value: str) -> None:
        self.attrib[key] = value

    def append(self, child: "Node") -> None:
        self.parts.append(child)

    def __iter__(self) -> Iterator["Node"]:
        return (p for p in self.parts if p.__class__ is Node)

    def __len__(self) -> int:
        return sum(1 for p in self.parts if p.__class__ is Node)

    def iter(self, tag: str | None = None) -> Iterator["Node"]:
        """This node and its descendants in document order (those named ``tag``)."""
        stack = [self]
        while stack:
            node = stack.pop()
            if tag is None or node.tag == tag:
                yield node
            stack.extend(p for p in reversed(node.parts) if p.__class__ is Node)

    def itertext(self) -> Iterator[str]:
        for p in self.parts:
            if p.__class__ is Node:
                yield from p.itertext()
            else:
                yield p

    def leading_text(self) -> str:
        """The text before the first child (lxml's ``.text``)."""
        out = []
        for p in self.parts:
            if p.__class__ is Node:
                break
            out.append(p)
        return "".join(out)

    # -- writing ----------------------------------------------------------------------------
    def write(self, out: list[str], level: int = 0, indented: bool = True) -> None:
        """Append this element's XML to ``out``. ``indented``: its parent was indented, so it may be
        (serialize.indent: an element that is not MIXED, has children and only whitespace text)."""
        if not (indented and self.tag not in MIXED and self._indentable()):
            _flat(self, out)
            return
        out.append(_start(self) + ">")
        pad = "\n" + " " * (level + 1)
        for p in self.parts:
            if p.__class__ is Node:
                out.append(pad)
                p.write(out, level + 1, True)
        out.append("\n" + " " * level + "</" + self.tag + ">")

    def _indentable(self) -> bool:
        has_child = False
        for p in self.parts:
            if p.__class__ is Node:
                has_child = True
            elif p.strip():
                return False
        return has_child

    def to_lxml(self, parent: etree._Element | None = None) -> etree._Element:
        """The same element as an lxml tree (for tests and tools that query it)."""
        attrs = {f"{{{XML_NS}}}{k[4:]}" if k.startswith("xml:") else k: v for k, v in self.attrib.items()}
        tag = f"{{{TEI_NS}}}{self.tag}"
        el = etree.Element(tag, attrs, nsmap={None: TEI_NS}) if parent is None else etree.SubElement(parent, tag, attrs)
        last = None
        for p in self.parts:
            if p.__class__ is Node:
                last = p.to_lxml(el)
            elif last is None:
                el.text = (el.text or "") + p
            else:
                last.tail = (last.tail or "") + p
        return el


def _start(node: Node) -> str:
    """``<tag attr="value" …`` (without the closing ``>``): values escaped, names checked once each."""
    tag = node.tag
    if tag not in _names:
        _check_name(tag)
    if not node.attrib:
        return "<" + tag
    start = "<" + tag
    for k, v in node.attrib.items():
        if k not in _names:
            _check_name(k)
        if ATTR_SPECIAL.search(v):
            v = escape_attr(v)
        start += f' {k}="{v}"'
    return start


def _flat(node: Node, out: list[str]) -> None:
    """An element written as it stands (mixed content, or not in an indented container)."""
    tag = node.tag
    if tag not in _names:
        _check_name(tag)
    start = "<" + tag
    if node.attrib:
        for k, v in node.attrib.items():
            if k not in _names:
                _check_name(k)
            start += f' {k}="{escape_attr(v) if ATTR_SPECIAL.search(v) else v}"'
    parts = node.parts
    if not parts:
        out.append(start + "/>")
        return
    out.append(start + ">")
    for p in parts:
        if p.__class__ is Node:
            _flat(p, out)
        elif TEXT_SPECIAL.search(p):
            out.append(escape_text(p))
        else:
            out.append(p)
    out.append("</" + tag + ">")


def sub(parent: Node, tag: str, text: str | None = None, attrib: dict[str, str] | None = None) -> Node:
    node = Node(tag, attrib, text)
    parent.parts.append(node)
    return node


def to_bytes(root: Node, lang: str | None = None) -> bytes:
    """The whole document: XML declaration, ``root`` in the TEI namespace, indented, a final newline
    (what ``serialize.serialize`` writes for the same tree)."""
    attrib = {"xml:lang": lang} if lang else {}
    top = Node(root.tag, {**attrib, **root.attrib})
    top.parts = root.parts
    out: list[str] = []
    top.write(out)
    out[0] = out[0].replace("<" + root.tag, f'<{root.tag} xmlns="{TEI_NS}"', 1)
    text = "".join(out)
    bad = NOT_XML.search(text)
    if bad:
        raise ValueError(f"All strings must be XML compatible: U+{ord(bad[0]):04X} cannot be stored")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + text.encode("utf-8") + b"\n"
