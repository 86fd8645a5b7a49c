"""The registers as TEI: ``listPerson``, ``listPlace``, ``listOrg`` and a glossary.

Each TEI file gets a ``<standOff>`` (between teiHeader and text) holding the
entries it points to (``@who``, ``@ref``) and the entries those point to
(an office's organisation, an organisation's parent), so every file is
self-contained; ``tei/registers.xml`` holds them all. Entries keep the
registers' order. The site merges entries by their ids.
"""
from __future__ import annotations

from typing import Iterable

from ..registers import Entry, Registers
from .xml import Node, to_bytes

LANG = "xml:lang"
XML_ID = "xml:id"


def _sub(parent: Node, tag: str, text: str | None = None, **attrs: str) -> Node:
    el = Node(tag, {LANG if k == "lang" else XML_ID if k == "xml_id" else k: v for k, v in attrs.items() if v}, text)
    parent.parts.append(el)
    return el


def _names(el: Node, tag: str, entry: Entry) -> None:
    main = _sub(el, tag, type="main")
    if entry.role_only and entry.offices and entry.name.startswith(entry.offices[0].role):
        role = entry.offices[0].role
        _sub(main, "roleName", role)
        if entry.name[len(role):]:
            main.parts.append(entry.name[len(role):])
    else:
        main.parts.append(entry.name)          # even "": lxml wrote <persName type="main"></persName>
    if entry.name_en:
        _sub(el, tag, entry.name_en, lang="en")
    for form in entry.forms:
        if form != entry.name:
            _sub(el, tag, form, type="variant")
    for form in entry.abbr:
        _sub(el, tag, form, type="abbreviation")


def _ids_and_note(el: Node, entry: Entry) -> None:
    if entry.wikidata:
        _sub(el, "idno", entry.wikidata, type="wikidata")
    if entry.viaf:
        _sub(el, "idno", entry.viaf, type="VIAF")
    if entry.note:
        _sub(el, "note", entry.note)
    if entry.ids_verified:
        _sub(el, "note", f"External identifiers verified: {entry.ids_verified}", type="identifiers")


def person(entry: Entry) -> Node:
    el = Node("person", {XML_ID: entry.id})
    if entry.cert:
        el.set("cert", entry.cert)
    _names(el, "persName", entry)
    for office in entry.offices:
        attrs = {"type": "office", "ref": f"#{office.org}" if office.org else "", "when": office.when,
                 "from": office.start, "to": office.end}
        aff = _sub(el, "affiliation", **attrs)
        _sub(aff, "roleName", office.role)
        if office.role_en:
            _sub(aff, "roleName", office.role_en, lang="en")
        for label in office.labels:
            _sub(aff, "roleName", label, type="variant")
        if office.source:
            _sub(aff, "note", office.source, type="source")
    _ids_and_note(el, entry)
    return el


def place(entry: Entry) -> Node:
    return _named("place", "placeName", entry)


def org(entry: Entry) -> Node:
    return _named("org", "orgName", entry)


def _named(tag: str, name_tag: str, entry: Entry) -> Node:
    """A place or an organisation: id, type and certainty, its names, identifiers and note."""
    el = Node(tag, {XML_ID: entry.id})
    for k, v in (("type", entry.type), ("cert", entry.cert)):
        if v:
            el.set(k, v)
    _names(el, name_tag, entry)
    _ids_and_note(el, entry)
    return el


def glossary_entry(parent: Node, entry: Entry) -> None:
    label = _sub(parent, "label")
    _sub(label, "term", entry.name, xml_id=entry.id)
    variants = [f for f in entry.forms if f != entry.name]
    for i, form in enumerate(variants):
        label.parts.append(" (" if i == 0 else ", ")      # the tail of the term before
        _sub(label, "term", form, type="variant")
    if variants:
        label.parts.append(")")
    item = _sub(parent, "item")
    _sub(item, "gloss", entry.gloss, lang="ja")
    _sub(item, "gloss", entry.expan, lang="en")
    if entry.note:
        _sub(item, "note", entry.note)


def standoff(regs: Registers, ids: set[str] | None = None) -> Node | None:
    """A ``standOff`` with the entries ``ids`` (and what they point to); all entries if None."""
    wanted = set(regs.entries) if ids is None else regs.closure(ids)
    if not wanted:
        return None
    chosen = [e for e in regs.entries.values() if e.id in wanted]
    so = Node("standOff")
    people = [e for e in chosen if e.kind == "person"]
    if people:
        lp = _sub(so, "listPerson")
        for e in people:
            lp.append(person(e))
    places = [e for e in chosen if e.kind == "place"]
    if places:
        lpl = _sub(so, "listPlace")
        for e in places:
            lpl.append(place(e))
    orgs = [e for e in chosen if e.kind == "org"]
    if orgs:
        lo = _sub(so, "listOrg")
        elements = {e.id: org(e) for e in orgs}
        for e in orgs:                    # a division inside its bureau inside its ministry
            parent = elements.get(e.parent)
            (parent if parent is not None else lo).append(elements[e.id])
    terms = [e for e in chosen if e.kind == "term"]
    if terms:
        gl = _sub(so, "list", type="gloss")
        for e in terms:
            glossary_entry(gl, e)
    return so


def referenced(nodes: Iterable[Node]) -> set[str]:
    """Ids pointed to by ``@who`` and ``@ref`` (#id) in ``nodes``."""
    out = set()
    for el in nodes:
        if not el.attrib:
            continue
        for attr in ("who", "ref"):
            for token in (el.attrib.get(attr) or "").split():
                if token.startswith("#"):
                    out.add(token[1:])
    return out


def for_document(regs: Registers, nodes: Iterable[Node]) -> Node | None:
    """The standOff of one TEI file: the register entries its elements (``nodes``: header and text) point to."""
    if not regs:
        return None
    ids = {i for i in referenced(nodes) if i in regs.entries}
    return standoff(regs, ids) if ids else None


def register_file(regs: Registers, licence_url: str = "https://creativecommons.org/licenses/by/4.0/") -> bytes:
    """``tei/registers.xml``: every entry of the registers, as a TEI document of its own."""
    root = Node("TEI")
    header = _sub(root, "teiHeader")
    fd = _sub(header, "fileDesc")
    _sub(_sub(fd, "titleStmt"), "title", "honkoku: registers of people, places, organisations and terms", type="main")
    ps = _sub(fd, "publicationStmt")
    _sub(ps, "publisher", "honkoku")
    _sub(ps, "idno", regs.version, type="registers-version")
    lic = _sub(_sub(ps, "availability"), "licence", "CC BY 4.0 (applies to the encoding)")
    lic.set("target", licence_url)
    sd = _sub(fd, "sourceDesc")
    _sub(sd, "p", "Compiled by the editors from the sources of the edition (registers/*.toml in the project). "
         "Offices carry the dates on which the sources show them (affiliation/@when); external identifiers "
         "appear only once verified.")
    pd = _sub(header, "profileDesc")
    langs = _sub(pd, "langUsage")
    _sub(langs, "language", "Japanese", ident="ja")
    _sub(langs, "language", "English", ident="en")
    so = standoff(regs)
    if so is not None:
        root.append(so)
    return to_bytes(root, lang="ja")
