"""Load tei/*.xml into what the pages need: Sources, their Divisions, and the merged registers.

Runs first in the site build. Reads only the TEI (parsed by tei/safe.py: no
DTD, no entities, no network). A file whose <text> has a <body> is a source;
every file may carry a <standOff> with registers (listPerson, listPlace,
listOrg, list type="gloss"), and tei/registers.xml holds the full registers:
entries are merged by xml:id, the first full definition wins and the names
of all definitions are kept, so spelling variants from any file are found.
When every file agrees with tei/registers.xml (what the TEI stage writes), the
merge is read from it alone (``gather_registers``).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import regex
from lxml import etree

from ..tei.safe import parse, parse_bytes, shared_parser
from .messages import JA, Messages

TEI_NS = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI_NS}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SPACES = regex.compile(r"\s+")

# the names of document types, register kinds, editorialDecl sections and scripts are in messages.py


def local(el: etree._Element) -> str:
    tag = el.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""     # as QName(el).localname, without the object


def flat(el: etree._Element | None, skip: tuple[str, ...] = ()) -> str:
    """The text of an element with whitespace runs collapsed; elements named in ``skip`` are left out."""
    if el is None:
        return ""
    # " ".join(s.split()) is SPACES.sub(" ", s).strip(): str.split's whitespace is regex's \s plus
    # U+001C–U+001F, which no XML text can hold (lxml refuses them); the regex costs ~8 µs a call
    if not skip:
        if not len(el):                     # a leaf (most names, dates, titles): its text alone
            text = el.text
            return " ".join(text.split()) if text else ""
        return " ".join("".join(el.itertext()).split())
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if local(child) not in skip:
                walk(child)
            if child.tail:
                parts.append(child.tail)
    walk(el)
    return " ".join("".join(parts).split())


@lru_cache(maxsize=256)
def _compiled(path: str) -> etree.XPath:
    return etree.XPath(path, namespaces=NS)


def xp(el: etree._Element, path: str) -> list:
    """``el.xpath(path)`` with the TEI prefix ``t:``, compiled once per path (callers pass fixed paths).

    Paths below say ``descendant::t:x`` rather than ``.//t:x`` (the same nodes when the step has no
    positional predicate): libxml2 evaluates ``.//`` as ``descendant-or-self::node()/child::``, making
    a node-set of every node on the way, four to five times slower on a document's body."""
    return _compiled(path)(el)


def first(el: etree._Element, path: str) -> etree._Element | None:
    found = _compiled(path)(el)
    return found[0] if found else None


@dataclass
class DateRef:
    """One dated item: @when (or @notBefore/@from) with the text as printed."""
    when: str
    text: str
    end: str = ""


def date_of(el: etree._Element | None) -> DateRef | None:
    if el is None:
        return None
    when = el.get("when") or el.get("notBefore") or el.get("from") or ""
    if not when:
        return None
    return DateRef(when, flat(el), el.get("notAfter") or el.get("to") or "")


@dataclass
class Party:
    """A sender or addressee from correspDesc: names as printed, the register id if linked."""
    name: str
    ref: str = ""


@dataclass
class Division:
    """One document (or cover) in a source: div/@xml:id, with its header metadata via @decls."""
    id: str
    n: str
    type: str
    subtype: str
    title: str
    label: str = ""
    date: DateRef | None = None
    classes: list[str] = field(default_factory=list)          # catDesc values: 極秘, 至急, 無期限
    idnos: list[tuple[str, str]] = field(default_factory=list)  # (type, value)
    summary: str = ""
    senders: list[Party] = field(default_factory=list)
    addressees: list[Party] = field(default_factory=list)
    places: list[Party] = field(default_factory=list)
    first_page: str = ""
    last_page: str = ""

    @property
    def type_label(self) -> str:
        """The division's kind in Japanese (the site names it in its language: Messages.type_label)."""
        return JA.type_label(self)

    @property
    def pages(self) -> str:
        if not self.first_page:
            return ""
        return self.first_page if self.first_page == self.last_page else f"{self.first_page}–{self.last_page}"


@dataclass
class Source:
    """One TEI file with a body: the unit of a document page and of the downloads."""
    id: str
    path: Path
    root: etree._Element | None                  # None: not kept in memory (see tree())
    title: str
    subtitle: str = ""
    institution: str = ""
    repository: str = ""
    ms_idno: str = ""
    licence: str = ""
    licence_url: str = ""
    author: str = ""
    original_title: str = ""
    original_id: str = ""
    keywords: list[str] = field(default_factory=list)
    language: str = "ja"
    divisions: list[Division] = field(default_factory=list)
    hands: dict[str, str] = field(default_factory=dict)        # h-ms -> the handNote's text
    hand_scripts: dict[str, str] = field(default_factory=dict)  # h-ms -> its @script (handwritten …)
    categories: dict[str, str] = field(default_factory=dict)   # sec-gokuhi -> 極秘
    file_classes: list[str] = field(default_factory=list)
    header_dates: list[tuple[DateRef, str]] = field(default_factory=list)  # (date, division id)

    @property
    def date(self) -> DateRef | None:
        dated = sorted((d.date for d in self.divisions if d.date), key=lambda d: d.when)
        return dated[0] if dated else None

    def division(self, ident: str) -> Division | None:
        return next((d for d in self.divisions if d.id == ident), None)

    def tree(self) -> etree._Element:
        """The parsed TEI: kept from loading, or parsed again when load_corpus was told not to keep it."""
        return self.root if self.root is not None else parse(self.path)

    @property
    def text(self) -> etree._Element | None:
        return first(self.tree(), "t:text")


@dataclass
class Entity:
    """A register entry (person, place, organisation, term), merged over every file by xml:id."""
    id: str
    kind: str
    names: list[str] = field(default_factory=list)      # every surface form, first = display name
    roles: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def name(self) -> str:
        return self.names[0] if self.names else self.id

    @property
    def description(self) -> str:
        """``describe`` in Japanese."""
        return self.describe(JA)

    def describe(self, msg: Messages) -> str:
        """The short text shown on hover: kind, name, roles, the first sentence of the note."""
        bits = [self.name]
        roles = [r for r in self.roles if r not in self.name]
        if roles:
            bits.append(msg("sep.dot").join(roles))
        if self.note:
            bits.append(first_sentence(self.note)[:80])
        return f"{msg.label('kind', self.kind)}: " + " — ".join(bits)


def first_sentence(note: str) -> str:
    """The note up to its first 。 or . (included), or all of it: ``SENTENCE_END.split(note, 1)[0]`` (the
    split's first part ends where the first match starts, right after the mark, whatever ``\\s*`` takes)
    without the regex module's cost (~3 µs a call; the hover text is made for every entity link)."""
    ends = [i for i in (note.find("。"), note.find(".")) if i != -1]
    return note[:min(ends) + 1] if ends else note


class _TeiTags(dict):
    """local name -> Clark tag in the TEI namespace: T["div"] == "{http://www.tei-c.org/ns/1.0}div"."""
    def __missing__(self, name: str) -> str:
        self[name] = tag = f"{{{TEI_NS}}}{name}"
        return tag


T = _TeiTags()
# what load_source and HeaderSummary look for in a teiHeader, anywhere below it
SCANNED = ("institution", "repository", "idno", "term", "category", "catRef", "handNote", "editorialDecl",
           "tagUsage", "taxonomy", "calendar", "application")


class HeaderScan:
    """The teiHeader's elements that the metadata and the about page read, by name, in document order,
    from one pass of lxml's tag filter over the header. Each ``.//a/b`` XPath it replaces walked the
    whole header again (a dozen walks per file); the methods below keep those paths' meaning."""

    def __init__(self, header: etree._Element):
        self.by: dict[str, list[etree._Element]] = defaultdict(list)
        for el in header.iter(*(T[n] for n in SCANNED)):
            if el is not header:
                self.by[el.tag].append(el)

    def all(self, name: str) -> list[etree._Element]:
        """``.//t:name``"""
        return self.by.get(T[name], [])

    def under(self, name: str, *parents: str, within: etree._Element | None = None) -> list[etree._Element]:
        """``.//t:parents[0]/…/t:parents[-1]/t:name`` below the header (or below ``within``)."""
        out = []
        for el in self.by.get(T[name], ()):
            node = el
            for parent in reversed(parents):
                node = node.getparent()
                if node is None or node.tag != T[parent]:
                    break
            else:
                if within is None or _inside(node, within):
                    out.append(el)
        return out

    def first_under(self, name: str, *parents: str, within: etree._Element | None = None) -> etree._Element | None:
        found = self.under(name, *parents, within=within)
        return found[0] if found else None


def _inside(el: etree._Element, ancestor: etree._Element) -> bool:
    """Is ``el`` a proper descendant of ``ancestor``?"""
    for up in el.iterancestors():
        if up is ancestor:
            return True
    return False


@dataclass
class HeaderSummary:
    """What the about page sums over the sources' headers, gathered while they are loaded (so the
    about page does not parse every file again): editorial declarations (section's element name ->
    paragraph -> count; the about page names the sections), tagUsage (element -> [occurrences, files]),
    taxonomies, calendars, applications."""
    decl: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    tags: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    categories: dict[str, dict[str, None]] = field(default_factory=lambda: defaultdict(dict))
    calendars: dict[str, None] = field(default_factory=dict)
    apps: dict[str, None] = field(default_factory=dict)

    def add(self, h: etree._Element, scan: HeaderScan | None = None) -> None:
        scan = scan or HeaderScan(h)
        for ed in scan.all("editorialDecl"):                                       # .//t:editorialDecl/*
            for sec in ed.iterchildren(etree.Element):
                name = local(sec)
                counts = self.decl[name]
                for p in list(sec.iterchildren(T["p"])) or [sec]:
                    counts[flat(p)] += 1
        in_tags_decl: dict[etree._Element, bool] = {}          # tagUsages share a few parents: test each once
        for tu in scan.all("tagUsage"):                                            # .//t:tagsDecl//t:tagUsage
            parent = tu.getparent()
            inside = in_tags_decl.get(parent)
            if inside is None:
                inside = in_tags_decl[parent] = parent.tag == T["tagsDecl"] or \
                    next(parent.iterancestors(T["tagsDecl"]), None) is not None
            if not inside:
                continue
            gi = tu.get("gi") or ""
            self.tags[gi][0] += int(tu.get("occurs") or 0)
            self.tags[gi][1] += 1
        for tax in scan.under("taxonomy", "classDecl"):                            # .//t:classDecl/t:taxonomy
            label = flat(first(tax, "t:desc")) or tax.get(XML_ID, "")
            for c in xp(tax, "descendant::t:catDesc"):
                self.categories[label][flat(c)] = None
        for cal in scan.under("calendar", "calendarDesc"):                         # .//t:calendarDesc/t:calendar
            self.calendars[flat(cal)] = None
        for app in scan.under("application", "appInfo"):                           # .//t:appInfo/t:application
            self.apps[f"{app.get('ident')} {app.get('version') or ''}".strip()] = None

    def merge(self, part: HeaderSummary) -> None:
        """Add the sums of other headers (one file's, kept by site/metacache.py): the same as ``add``-ing
        those headers here, orders of first appearance included."""
        for sec, counts in part.decl.items():
            self.decl[sec].update(counts)
        for gi, (n, files) in part.tags.items():
            self.tags[gi][0] += n
            self.tags[gi][1] += files
        for label, cats in part.categories.items():
            self.categories[label].update(cats)
        self.calendars.update(part.calendars)
        self.apps.update(part.apps)


class Corpus:
    """The sources (``sources``: a list, or the lazy ``SourceWalk`` of ``load_corpus(keep_trees=False)``),
    the merged registers, the files that hold only registers, and the about page's header sums."""

    def __init__(self, sources: Sequence[Source], entities: dict[str, Entity],
                 register_files: list[Path] | None = None, about: HeaderSummary | None = None):
        self.sources = sources
        self.entities = entities
        self._register_files = register_files if register_files is not None else []
        self._about = about if about is not None else HeaderSummary()

    @property
    def register_files(self) -> list[Path]:
        if isinstance(self.sources, SourceWalk):
            return self.sources.loaded().register_files
        return self._register_files

    @property
    def about(self) -> HeaderSummary:
        if isinstance(self.sources, SourceWalk):
            return self.sources.loaded().about
        return self._about


def _add_name(ent: Entity, name: str) -> None:
    if name and name not in ent.names:
        ent.names.append(name)


def _entity_from(el: etree._Element, kind: str) -> Entity:
    """One register entry as the pages show it. Child steps by lxml's tag filter: the XPaths they replace
    (``t:persName``, ``t:occupation | t:roleName | t:state/t:label``, ``t:note | t:desc``) cost a few µs a
    call, and a file's register list has dozens of entries (tests/test_site_registers.py keeps them as
    the reference)."""
    ent = Entity(el.get(XML_ID), kind)
    for name_el in el.iterchildren(T[NAME_TAGS[kind]]):
        for r in name_el.iterchildren(T["roleName"]):
            role = flat(r)
            if role and role not in ent.roles:
                ent.roles.append(role)
        whole = flat(name_el)
        _add_name(ent, flat(name_el, skip=("roleName",)) or whole)
        _add_name(ent, whole)
    for child in el.iterchildren(T["occupation"], T["roleName"], T["state"]):    # in document order
        for extra in (child.iterchildren(T["label"]) if child.tag == T["state"] else (child,)):
            role = flat(extra)
            if role and role not in ent.roles:
                ent.roles.append(role)
    ent.note = flat(next(el.iterchildren(T["note"], T["desc"]), None))
    return ent


NAME_TAGS = {"person": "persName", "place": "placeName", "org": "orgName"}


def _merge(into: dict[str, Entity], ent: Entity) -> None:
    if not ent.id:
        return
    have = into.get(ent.id)
    if have is None:
        into[ent.id] = ent
        return
    for n in ent.names:
        _add_name(have, n)
    for r in ent.roles:
        if r not in have.roles:
            have.roles.append(r)
    have.note = have.note or ent.note


# entry tag -> (kind, the list element it must be in, whether as its parent or as any ancestor)
ENTRY_LISTS = {T["person"]: ("person", T["listPerson"], True), T["place"]: ("place", T["listPlace"], False),
               T["org"]: ("org", T["listOrg"], False)}


def register_entries(root: etree._Element) -> Iterator[tuple[str, etree._Element, etree._Element | None]]:
    """The register entries of a file (standOff or back; not the teiHeader's) in the order they are
    merged: people (``listPerson/person``), places (in a ``listPlace``), organisations (in a
    ``listOrg``), each with an xml:id, in document order; then glossary terms (``list[@type='gloss']``:
    a ``label`` with an xml:id or a ``term`` with one, then its ``item``) as ``("term", term, item)``."""
    found: dict[str, list[etree._Element]] = {"person": [], "place": [], "org": []}
    glossaries: list[etree._Element] = []
    for el in root.iter(T["person"], T["place"], T["org"], T["list"]):      # one pass of lxml's tag filter
        if el is root:
            continue
        if el.tag == T["list"]:
            if el.get("type") == "gloss":
                glossaries.append(el)
            continue
        kind, holder, direct = ENTRY_LISTS[el.tag]
        if direct:
            parent = el.getparent()
            if parent is None or parent.tag != holder:
                continue
        elif next(el.iterancestors(holder), None) is None:
            continue
        if el.get(XML_ID) and next(el.iterancestors(T["teiHeader"]), None) is None:
            found[kind].append(el)
    for kind, entries in found.items():
        for el in entries:
            yield kind, el, None
    for lst in glossaries:
        label = None
        for child in lst:
            if local(child) == "label":
                label = child
            elif local(child) == "item" and label is not None:
                term = label if label.get(XML_ID) is not None else \
                    next((t for t in label.iter(T["term"]) if t.get(XML_ID) is not None), None)
                if term is not None:
                    yield "term", term, child
                label = None


def entry_entity(kind: str, el: etree._Element, item: etree._Element | None) -> Entity:
    if kind == "term":
        return Entity(el.get(XML_ID), "term", [flat(el)], note=flat(next(item.iter(T["gloss"]), None)) or flat(item))
    return _entity_from(el, kind)


def read_registers(root: etree._Element, into: dict[str, Entity]) -> None:
    """Every register list in a file (standOff or back), merged into ``into``."""
    for kind, el, item in register_entries(root):
        _merge(into, entry_entity(kind, el, item))


def _parties(action: etree._Element | None, tag: str) -> list[Party]:
    if action is None:
        return []
    return [Party(flat(el), (el.get("ref") or "").lstrip("#")) for el in action.iterchildren(T[tag])]   # t:{tag}


def _child(el: etree._Element | None, name: str, attr: str = "", value: str | None = None,
           unless: bool = False) -> etree._Element | None:
    """The first child ``t:name`` (``[@attr=value]``, or with ``unless`` ``[not(@attr=value)]``): the
    child steps of the division's XPaths by lxml's tag filter, which costs a third of an XPath call."""
    if el is None:
        return None
    for child in el.iterchildren(T[name]):
        if not attr or (child.get(attr) == value) != unless:
            return child
    return None


def _item_date(item: etree._Element) -> etree._Element | None:
    """``t:note[@type='date']/t:date | t:date``: the first of either, in document order."""
    for child in item.iterchildren(T["date"], T["note"]):
        if child.tag == T["date"]:
            return child
        if child.get("type") == "date":
            date = next(child.iterchildren(T["date"]), None)
            if date is not None:
                return date
    return None


def _header_ids(header: etree._Element) -> dict[str, etree._Element]:
    """xml:id -> the first element in the header with it (what a division's @decls points to)."""
    ids: dict[str, etree._Element] = {}
    for el in xp(header, "descendant::*[@xml:id]"):
        ident = el.get(XML_ID)
        if ident:
            ids.setdefault(ident, el)
    return ids


def _division(div: etree._Element, header: etree._Element, categories: dict[str, str],
              header_ids: dict[str, etree._Element] | None = None, untitled: str = "") -> Division:
    """A document division's metadata; ``untitled`` is its title when neither the header nor a heading
    gives one (the source's title: never the bare id d1 that readers would see)."""
    ident = div.get(XML_ID) or ""
    decls = [d.lstrip("#") for d in (div.get("decls") or "").split()]
    item = corresp = None
    if header_ids is None:
        header_ids = _header_ids(header)
    for d in decls:
        el = header_ids.get(d)
        if el is None:
            continue
        if local(el) in ("msItem", "bibl"):
            item = el
        elif local(el) == "correspDesc":
            corresp = el
    label = flat(_child(div, "head", "type", "label"))
    head = _child(div, "head", "type", "label", unless=True)
    title = flat(_child(item, "title")) if item is not None else ""
    division = Division(ident, div.get("n") or "", div.get("type") or "", div.get("subtype") or "",
                        title or flat(head) or label or untitled or ident, label)
    if item is not None:
        division.date = date_of(_item_date(item))
        division.classes = [categories.get(c.lstrip("#"), c.lstrip("#")) for c in (item.get("class") or "").split()]
        division.idnos = [(i.get("type") or "", flat(i)) for i in item.iterchildren(T["idno"])]
        division.summary = flat(_child(item, "note", "type", "summary"))
    if corresp is not None:
        sent = _child(corresp, "correspAction", "type", "sent")
        received = _child(corresp, "correspAction", "type", "received")
        division.senders = _parties(sent, "persName") + _parties(sent, "orgName")
        division.addressees = _parties(received, "persName") + _parties(received, "orgName")
        division.places = _parties(sent, "placeName")
        division.date = division.date or date_of(first(corresp, "descendant::t:date"))
    return division


def _page_ranges(body: etree._Element, divisions: dict[str, Division]) -> None:
    """Which pages each division spans, from the pb milestones in document order."""
    if next(body.iter(T["pb"]), None) is None:
        return
    page = "1"
    for el in body.iter(T["pb"], T["div"]):
        name = local(el)
        if name == "pb" and el.get("n"):
            page = el.get("n")
            div = next((d for d in el.iterancestors(T["div"]) if d.get(XML_ID) is not None), None)
            if div is not None and div.get(XML_ID) in divisions:
                divisions[div.get(XML_ID)].last_page = page
        elif name == "div" and el.get(XML_ID) in divisions:
            divisions[el.get(XML_ID)].first_page = page
            divisions[el.get(XML_ID)].last_page = page


def load_source(path: Path, root: etree._Element, scan: HeaderScan | None = None) -> Source:
    header = first(root, "t:teiHeader")
    scan = scan or HeaderScan(header)
    fd = first(header, "t:fileDesc")
    ident = flat(first(fd, "t:publicationStmt/t:idno[@type='source']")) or path.stem
    main_title = first(fd, "t:titleStmt/t:title[@type='main']")
    if main_title is None:
        main_title = first(fd, "t:titleStmt/t:title")
    src = Source(ident, path, root, flat(main_title) or ident)
    src.subtitle = flat(first(fd, "t:titleStmt/t:title[@type='sub']"))
    src.institution = flat(scan.first_under("institution", "msIdentifier", within=fd))   # fd: .//t:msIdentifier/…
    src.repository = flat(scan.first_under("repository", "msIdentifier", within=fd))
    src.ms_idno = flat(scan.first_under("idno", "msIdentifier", within=fd))
    lic = first(fd, "t:publicationStmt/t:availability/t:licence")
    src.licence, src.licence_url = flat(lic), (lic.get("target") if lic is not None else "") or ""
    original = first(fd, "t:sourceDesc/t:bibl[@type='original']")
    if original is not None:
        src.author = flat(first(original, "t:author"))
        src.original_title = flat(first(original, "t:title"))
        src.original_id = flat(first(original, "descendant::t:relatedItem/descendant::t:idno"))
    src.keywords = [flat(t) for t in scan.under("term", "textClass", "keywords")]
    src.language = root.get(XML_LANG) or "ja"
    src.categories = {c.get(XML_ID): flat(first(c, "t:catDesc")) for c in scan.all("category")
                      if c.get(XML_ID) is not None}                                 # .//t:category[@xml:id]
    src.file_classes = [src.categories.get(c.get("target", "").lstrip("#"), "") for c in
                        scan.under("catRef", "textClass")]
    for hand in (h for h in scan.all("handNote") if h.get(XML_ID) is not None):     # .//t:handNote[@xml:id]
        src.hands[hand.get(XML_ID)] = flat(hand)                    # named with its script by Messages.hand
        src.hand_scripts[hand.get(XML_ID)] = hand.get("script") or ""
    body = first(root, "t:text/t:body")
    divs = xp(body, "descendant::t:div[@xml:id][@type='document' or @type='cover']") if body is not None else []
    header_ids = _header_ids(header) if divs else {}
    src.divisions = [_division(d, header, src.categories, header_ids,
                               src.title if len(divs) == 1 else f"{src.title} ({d.get(XML_ID)})") for d in divs]
    if len(src.divisions) == 1 and src.divisions[0].date is None and original is not None:
        src.divisions[0].date = date_of(first(original, "t:date"))     # the source's date is its one document's
    if body is not None:
        _page_ranges(body, {d.id: d for d in src.divisions})
    for item in src.divisions:
        if item.date:
            src.header_dates.append((item.date, item.id))
    return src


def _read_file(path: Path, root: etree._Element, keep_tree: bool, about: HeaderSummary) -> Source | None:
    """The Source of a TEI file with a body (its header summed into ``about``), or None."""
    if first(root, "t:text/t:body") is None or path.stem == "registers":
        return None
    header = first(root, "t:teiHeader")
    scan = HeaderScan(header) if header is not None else None
    source = load_source(path, root, scan)
    about.add(header, scan)
    if not keep_tree:
        source.root = None
    return source


def load_corpus(tei_dir: Path, keep_trees: bool = True, meta=None) -> Corpus:
    """Every *.xml in tei_dir, sorted by name: sources (with a body) and registers of all files.

    ``keep_trees=False`` keeps no parsed tree but the one of the source being worked on (a tree is
    about ten times its file: 180 MB for 1,000 generated documents), and parses each file once
    where it can: ``sources`` is then a SourceWalk, which reads each file when a walk over it gets
    there. Registers are needed before the first page, so they are read first (``gather_registers``:
    from tei/registers.xml when every file agrees with it, else from every file that can hold them)."""
    paths = sorted(Path(tei_dir).glob("*.xml"))
    if not keep_trees:
        entities, register_only = gather_registers(paths, meta)
        return Corpus(SourceWalk(paths, register_only, meta), entities)
    entities: dict[str, Entity] = {}
    sources: list[Source] = []
    register_files: list[Path] = []
    about = HeaderSummary()
    for path in paths:
        root = parse(path)
        if local(root) != "TEI":
            continue
        read_registers(root, entities)
        source = _read_file(path, root, True, about)
        if source is not None:
            sources.append(source)
        else:
            register_files.append(path)
    return Corpus(sources, dict(sorted(entities.items())), register_files, about)


REGISTER_FILE = "registers.xml"       # the corpus-wide registers the TEI stage writes (honkoku.build)


def gather_registers(paths: list[Path], meta=None) -> tuple[dict[str, Entity], set[Path]]:
    """The registers merged over ``paths`` (sorted by id), exactly as ``read_registers`` over every file in
    name order gives them, and the paths known to be TEI files of registers only (no need to parse them
    again to tell).

    The TEI stage writes every entry to ``registers.xml`` and, in each document, the entries it points
    to, all from the same registers. Then the merge is registers.xml's own entries: a merge of entries
    that all equal registers.xml's (names, roles, note, kind) changes nothing. So registers.xml is
    parsed, and each other file is only checked to contribute no entry that differs from it — from its
    ``standOff`` alone where its bytes show that suffices (``_standoff_alone``), without parsing the
    file (the page walk parses it once, later). If registers.xml is absent, is not TEI or holds no
    entry, or one file disagrees (TEI edited by hand, from elsewhere, or from older registers), the
    registers are merged from every file that can hold them, as they always were.

    ``meta`` (site/metacache.MetaCache): verdicts kept by the bytes of the file and of registers.xml, so
    after an edit only the files that changed are checked again."""
    entities: dict[str, Entity] = {}
    register_only: set[Path] = set()
    whole = next((p for p in paths if p.name == REGISTER_FILE), None)
    whole_root = None
    if whole is not None:
        whole_root = parse(whole)
        if local(whole_root) == "TEI":
            register_only.add(whole)                # TEI, and never a source (_read_file): known already
            read_registers(whole_root, entities)
            seen: dict = {}
            agreed = meta.agreements(whole) if meta is not None else None
            if entities and all(_agrees(path, entities, seen, agreed) for path in paths if path != whole):
                if agreed is not None:
                    agreed.commit()
                return dict(sorted(entities.items())), register_only
            entities = {}
    for path in paths:
        if path == whole:
            root = whole_root
        elif may_hold_registers(path.read_bytes()):
            root = parse(path)
        else:
            continue
        if local(root) == "TEI":
            read_registers(root, entities)
    return dict(sorted(entities.items())), register_only


def _agrees(path: Path, whole: dict[str, Entity], seen: dict, agreed=None) -> bool:
    """Would the file's register entries, merged into ``whole``, leave it as it is (every entry it gives
    equal to ``whole``'s, or at least its own merge of them)? ``seen``: verdicts by entry, kept over
    the files (the same entries recur in file after file); ``agreed``: verdicts by file bytes, kept
    over builds (metacache.Agreements)."""
    data = path.read_bytes()
    if agreed is not None:
        if agreed.known(path, data):
            return True
        if not _agrees_bytes(path, data, whole, seen):
            return False
        agreed.add(path, data)
        return True
    return _agrees_bytes(path, data, whole, seen)


def _agrees_bytes(path: Path, data: bytes, whole: dict[str, Entity], seen: dict) -> bool:
    root = _standoff_alone(data)
    if root is None:                            # the bytes cannot tell: read the file as the merge would
        if not may_hold_registers(data):
            return True
        root = parse(path)
        if local(root) != "TEI":
            return True
    for kind, el, item in register_entries(root):
        key = _entry_key(kind, el, item)
        same = seen.get(key)
        if same is None:
            ent = entry_entity(kind, el, item)
            same = seen[key] = not ent.id or whole.get(ent.id) == ent
        if not same:                            # an entry differs: does the file's own merge?
            own: dict[str, Entity] = {}
            read_registers(root, own)
            return all(whole.get(ident) == ent for ident, ent in own.items())
    return True


def _entry_key(kind: str, el: etree._Element, item: etree._Element | None) -> tuple:
    """What an entry's Entity is made from, as bytes: equal keys, equal entities (entry_entity reads only
    the entry's subtree; an organisation's, less the organisations inside it, which vary from file to
    file and are entries of their own)."""
    if kind == "term":
        return kind, etree.tostring(el, with_tail=False), etree.tostring(item, with_tail=False)
    if kind == "org" and el.find(T["org"]) is not None:
        return kind, el.get(XML_ID), tuple(etree.tostring(c, with_tail=False) for c in el if c.tag != T["org"])
    return kind, etree.tostring(el, with_tail=False)


STANDOFF = (b"<standOff>", b"</standOff>")
XML_DECL_ENCODING = re.compile(rb"""encoding\s*=\s*["']([^"']*)["']""")


def _standoff_alone(data: bytes) -> etree._Element | None:
    """A TEI file's first plain ``<standOff>``, parsed alone (a tenth of the file), or None when the
    file's bytes leave room for register entries elsewhere or that read differently in the file (the
    file is then parsed whole).

    What the file gives the merge is then either this standOff's entries or nothing: every other byte
    holds no register list (``may_hold_registers``), so every list is inside the standOff's bytes;
    those hold no namespace declaration (``xmlns``), so their elements are all TEI as parsed here or
    all in the file's default namespace there (TEI, or nothing is read); a parse error here (an
    unbalanced fragment, one cut short by ``</standOff>`` in a comment, a prefix declared outside it)
    sends the file to a full parse. If the standOff is in a comment, in the teiHeader or in a file that
    is not TEI, the file gives nothing, which agrees with any registers. UTF-8 only (no declared
    encoding, or UTF-8): the fragment is decoded as the file is."""
    if b"\x00" in data[:100]:
        return None
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    if data.startswith(b"<?xml", start):
        declared = XML_DECL_ENCODING.search(data, start, max(data.find(b"?>", start), start))
        if declared and declared[1].lower() != b"utf-8":
            return None
    elif not data.startswith(b"<", start):
        return None
    begin = data.find(STANDOFF[0])
    end = data.find(STANDOFF[1], begin)
    if begin == -1 or end == -1:
        return None
    end += len(STANDOFF[1])
    inner = data[begin + len(STANDOFF[0]):end]
    if b"xmlns" in inner or b"<standOff" in inner or may_hold_registers(data[:begin] + data[end:]):
        return None
    try:
        return etree.fromstring(b'<standOff xmlns="' + TEI_NS.encode() + b'">' + inner, shared_parser())
    except etree.XMLSyntaxError:
        return None


def may_hold_registers(data: bytes) -> bool:
    """False only when the file's bytes show it has no register list (listPerson, listPlace, listOrg, or
    list type="gloss", whose value may be written with character references). An element name is
    written as is in any ASCII-compatible encoding; a file in another one (UTF-16: NUL bytes) is always
    read. One scan for "list" in most files, instead of one per mark; a list's start tag is looked at
    alone (two scans of the whole file for "gloss" and "&#" cost 30 µs)."""
    head = data[:100]
    if not (head.startswith(b"<") or head.startswith(b"\xef\xbb\xbf<")) or b"\x00" in head:
        return True
    pos = data.find(b"list")
    while pos != -1:
        after = data[pos + 4:pos + 10]
        if after.startswith((b"Person", b"Place", b"Org")):
            return True
        if after[:1] in b" \t\r\n/>":            # a list element (or the end of the file): is it a glossary?
            # its start tag ends before the next "<" (no attribute value holds one): "gloss" there, or
            # a character reference that may spell it; a plain list does not end the search
            end = data.find(b"<", pos)
            tag = data[pos:end] if end != -1 else data[pos:]
            if b"gloss" in tag or b"&#" in tag:
                return True
        pos = data.find(b"list", pos + 4)
    return False


class SourceWalk(Sequence):
    """``Corpus.sources`` of ``load_corpus(keep_trees=False)``: the files are read in name order as a walk
    over the sources reaches them, and the tree of the source the walk is at is kept (and only that
    one): a page rendered in that walk uses the tree its metadata was read from, so each file is parsed
    once. ``len``, indexing and the header sums read every file first (keeping no tree); a source met
    again has no tree and ``Source.tree()`` parses it again. Files are read in the same order whatever
    the access, so the sums and every list come out as from an eager load. ``register_only``: files
    already known to be TEI of registers only (registers.xml, parsed for the registers), not parsed
    again."""

    def __init__(self, paths: list[Path], register_only: set[Path] | frozenset = frozenset(), meta=None):
        self._paths = paths
        self._meta = meta                           # site/metacache.MetaCache: summaries kept by file bytes
        self._register_only = register_only        # TEI files of registers only, parsed already to tell
        self._next = 0                              # the next file to read
        self._sources: list[Source] = []
        self.register_files: list[Path] = []
        self.about = HeaderSummary()
        self._held: Source | None = None            # the one source whose tree is kept

    def _read_next(self, keep_tree: bool) -> Source | None:
        path = self._paths[self._next]
        self._next += 1
        if path in self._register_only:
            self.register_files.append(path)
            return None
        if self._meta is not None:
            return self._read_cached(path, keep_tree)
        root = parse(path)
        if local(root) != "TEI":
            return None
        source = _read_file(path, root, keep_tree, self.about)
        if source is None:
            self.register_files.append(path)
        else:
            self._sources.append(source)
        return source

    def _read_cached(self, path: Path, keep_tree: bool) -> Source | None:
        """``_read_next`` with the summaries of site/metacache.py: what an earlier build read from the
        same bytes, else the file parsed and its summary stored. The header sums go through one file's
        HeaderSummary and ``merge`` either way, so a cached file and a parsed one add the same."""
        from .metacache import OTHER, REGISTERS, SOURCE
        data = path.read_bytes()
        known = self._meta.lookup(path, data)
        if known is None:
            root = parse_bytes(data, path)
            part = HeaderSummary()
            source = _read_file(path, root, keep_tree, part) if local(root) == "TEI" else None
            kind = OTHER if local(root) != "TEI" else REGISTERS if source is None else SOURCE
            self._meta.store(path, data, kind, source, part if source is not None else None)
        else:
            kind, source, part = known
        if kind == REGISTERS:
            self.register_files.append(path)
        elif kind == SOURCE:
            self.about.merge(part)
            self._sources.append(source)
        return source

    def loaded(self) -> SourceWalk:
        """Every file read (no tree kept but the held one)."""
        while self._next < len(self._paths):
            self._read_next(keep_tree=False)
        return self

    def __iter__(self):
        i = 0
        while True:
            if i < len(self._sources):
                yield self._sources[i]
                i += 1
            elif self._next < len(self._paths):
                source = self._read_next(keep_tree=True)
                if source is not None:
                    if self._held is not None:
                        self._held.root = None
                    self._held = source
            else:
                if self._held is not None:
                    self._held.root = None
                    self._held = None
                return

    def __len__(self) -> int:
        return len(self.loaded()._sources)

    def __getitem__(self, index):
        return self.loaded()._sources[index]
