"""The Renderer: walks a TEI tree in document order and applies MODELS through BEHAVIOURS.

Runs after corpus.load_corpus (it needs the Source for hands and categories
and the merged registers for links). While it walks it keeps what only a
walk in document order knows: the current page (last pb), the nearest
element with an xml:id (the anchor a mention or date links to) and the
current division; it records every entity mention and every dated item for
the register and chronology pages.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, NamedTuple

from lxml import etree
from markupsafe import Markup

from ..tei.serialize import MIXED
from .behaviours import BEHAVIOURS, plain_inline
from .corpus import TEI_NS, XML_ID, Division, Entity, Source, flat, local
from .messages import JA, Messages
from .models import Model, rules_for
from .text import esc_text, fold, safe, search_variants

VIEW_CLASS = {"reading": "hk-read", "diplomatic": "hk-dipl", "search": "hk-search"}
# elements whose @type and @reason become classes (hk-type-stamp, hk-reason-withheld …)
TYPED = frozenset(("gap", "stamp", "fw", "note", "add", "figure"))
# for (tag, css, extra, view): the class attribute's fixed part (escaped), whether @type/@reason
# become classes, and what ends the attributes; made once per kind of element
_CLASSES: dict[tuple[str, str, str, str], tuple[str, bool, str]] = {}


_MIXED_TAGS: dict[object, bool] = {}        # tag -> its local name is in serialize.MIXED


def _fixed_attrs(tag: str, css: str, extra: str, view: str) -> tuple[str, bool, str]:
    name = tag[tag.rfind("}") + 1:]
    fixed = [f"tei-{name}"] + [c for c in (css, extra, VIEW_CLASS.get(view, "")) if c]
    return esc_text(" ".join(fixed)), name in TYPED, " data-pagefind-ignore" if view == "diplomatic" else ""


class Mention(NamedTuple):
    """A register entry named in a document (tuples: a large edition has hundreds of thousands, made
    again from the cache at every build)."""

    entity: str
    source: str
    division: str
    anchor: str
    page: str
    surface: str


class DatedItem(NamedTuple):
    when: str
    end: str
    text: str
    source: str
    division: str
    anchor: str
    page: str


class Renderer:
    """Render one source (or, with ``sample=True``, a legend snippet: no ids, no links, nothing recorded)."""

    def __init__(self, source: Source | None, entities: dict[str, Entity], entity_url: Callable[[Entity], str],
                 division_header: Callable[[Division], str] | None = None, sample: bool = False,
                 msg: Messages = JA):
        self.source = source
        self.msg = msg                             # the site's interface language (hover texts, aria-labels)
        self.entities = entities
        self.entity_url = entity_url
        self._division_header = division_header
        self.sample = sample
        self.page = "1"
        self.anchors: list[str] = []
        self.divisions: list[str] = []
        self.link_depth = 0
        self.used_ids: set[str] = set()
        self.mentions: list[Mention] = []
        self.dates: list[DatedItem] = []
        self.mentioned: dict[str, None] = {}       # entity ids in order of first mention (search block)
        self.variants: dict[str, None] = {}        # search-only spellings waiting for flush_variants()
        self.warnings: list[str] = []
        self._links: dict[str, tuple[str, str, str]] = {}   # entity id -> escaped (hover text, URL, id)

    # -- the walk ---------------------------------------------------------------------------------
    # Behaviours return plain str (HTML whose text is already escaped): wrapping every element in a
    # Markup would copy each subtree's HTML once per level. Callers that hand HTML to Jinja wrap it
    # once with text.safe().
    def render(self, el: etree._Element) -> str:
        tag = el.tag
        fn, model = _RULES.get(tag) or _rule_for(tag)
        ident = el.get(XML_ID)                     # None for comments and processing instructions
        if not ident:
            return fn(self, el, model)
        anchors = self.anchors
        anchors.append(ident)
        html = fn(self, el, model)
        anchors.pop()                              # (after an exception the renderer is not used again)
        return html

    def render_as(self, el: etree._Element, view: str) -> str:
        """Render ``el`` wrapped for one view only (the other view hides it; "search" is never shown)."""
        inner = self.render(el)
        if view == "search":
            return f'<span class="hk-search" hidden>{inner}</span>'
        return f'<span class="{VIEW_CLASS[view]}">{inner}</span>'

    def children(self, el: etree._Element) -> str:
        """The element's content: text nodes escaped (indentation the serializer added left out) and
        child elements rendered; ``render`` and ``text`` inlined, as this loop runs for every element."""
        variants = not self.sample
        text = el.text
        if text and not ("\n" in text and not text.strip()):      # not the serializer's indentation
            if variants and ("つ" in text or "ヴ" in text or "ゔ" in text):
                self._collect_variants(text)
            text = esc_text(text)
            if not len(el):                                        # a leaf (most elements): its text
                return text
            out: list[str] = [text]
        elif not len(el):
            return ""
        else:
            out = []
        rules, anchors = _RULES, self.anchors
        for child in el:
            tag = child.tag
            fn, model = rules.get(tag) or _rule_for(tag)
            ident = child.get(XML_ID)
            if ident:
                anchors.append(ident)
                out.append(fn(self, child, model))
                anchors.pop()
            else:
                out.append(fn(self, child, model))
            tail = child.tail
            if tail and not ("\n" in tail and not tail.strip()):
                if variants and ("つ" in tail or "ヴ" in tail or "ゔ" in tail):
                    self._collect_variants(tail)
                out.append(esc_text(tail))
        return "".join(out)

    def text(self, s: str) -> str:
        """A text node, escaped; its search-only spellings (text.search_variants) are kept for the
        end of the division: in the index, out of the way of excerpts of the text itself."""
        if not self.sample and ("つ" in s or "ヴ" in s or "ゔ" in s):   # the only texts with variants
            self._collect_variants(s)
        return esc_text(s)

    def _collect_variants(self, s: str) -> None:
        for v in search_variants(s):
            self.variants.setdefault(v, None)

    def flush_variants(self) -> str:
        """The search-only spellings collected since the last flush (at the end of each division)."""
        if not self.variants:
            return ""
        words, self.variants = " ".join(self.variants), {}
        return f'<div class="hk-search" hidden>{esc_text(self.msg("search.variants", words=words))}</div>'

    # -- helpers for behaviours ---------------------------------------------------------------------
    def attrs(self, el: etree._Element, m: Model, extra: str = "", title: str = "", title_html: str = "") -> str:
        """class (tei-<name>, the model's css, view, hand), id (xml:id) and title, escaped (``title_html``:
        a title escaped already, as esc_text(title) would)."""
        key = (el.tag, m.css, extra, m.view)
        fixed = _CLASSES.get(key)
        if fixed is None:
            fixed = _CLASSES[key] = _fixed_attrs(*key)
        classes, typed, after = fixed
        if title:
            title_html = esc_text(title)
        hand = el.get("hand")
        if hand:
            hand = hand.lstrip("#")
        more = ""
        if hand:
            more = " hk-hand"
            source = self.source
            desc = self.msg.hand(source.hand_scripts.get(hand, ""), source.hands.get(hand, "")) if source else ""
            hand_title = esc_text(self.msg("render.hand", hand=hand) + (f": {desc}" if desc else ""))  # per character
            title_html = f"{title_html} · {hand_title}" if title_html else hand_title
        if typed:
            for attr in ("type", "reason"):
                value = el.get(attr)
                if value:
                    more += f" hk-{attr}-{value}"
        out = f' class="{classes}{esc_text(more)}"' if more else f' class="{classes}"'
        ident = el.get(XML_ID)
        if ident and not self.sample:
            out += f' id="{esc_text(self.unique_id(ident))}"'
        if hand:
            out += f' data-hand="{esc_text(hand)}"'
        if title_html:
            out += f' title="{title_html}"'
        return out + after if after else out

    def unique_id(self, ident: str) -> str:
        """HTML ids must be unique on the page; a repeated id gets a numbered suffix."""
        candidate, n = ident, 1
        while candidate in self.used_ids:
            n += 1
            candidate = f"{ident}-{n}"
        self.used_ids.add(candidate)
        return candidate

    def inline_context(self, el: etree._Element) -> bool:
        """Is the element inside mixed content (a p, a cell …), so it must be an inline HTML element?"""
        parent = el.getparent()
        if parent is None:
            return False
        tag = parent.tag
        mixed = _MIXED_TAGS.get(tag)
        if mixed is None:
            mixed = _MIXED_TAGS[tag] = tag[tag.rfind("}") + 1:] in MIXED if tag.__class__ is str else False
        return mixed

    @contextmanager
    def in_division(self, ident: str):
        self.divisions.append(ident)
        try:
            yield
        finally:
            self.divisions.pop()

    def division_header(self, el: etree._Element) -> str:
        if self.sample or self.source is None or self._division_header is None:
            return ""
        division = self.source.division(el.get(XML_ID) or "")
        return self._division_header(division) if division else ""

    @property
    def anchor(self) -> str:
        return self.anchors[-1] if self.anchors else ""

    @property
    def division(self) -> str:
        return self.divisions[-1] if self.divisions else ""

    # -- entities and dates ---------------------------------------------------------------------------
    def _entity(self, refs: str) -> Entity | None:
        if refs[:1] == "#" and " " not in refs:      # one pointer (nearly every @ref): no split
            ent = self.entities.get(refs.lstrip("#"))
            if ent:
                return ent
        for ref in refs.split():
            ent = self.entities.get(ref.lstrip("#"))
            if ent:
                return ent
        if refs and self.source is not None:
            self.warnings.append(f"{self.source.path.name}: no register entry for {refs!r}")
        return None

    def _record(self, ent: Entity, surface: str) -> None:
        if self.sample or self.source is None:
            return
        self.mentioned.setdefault(ent.id, None)
        divisions, anchors = self.divisions, self.anchors          # (the properties division and anchor)
        self.mentions.append(Mention(ent.id, self.source.id, divisions[-1] if divisions else "",
                                     anchors[-1] if anchors else "", self.page, surface))

    def _link(self, ent: Entity) -> tuple[str, str, str]:
        """The entity's hover text, its link's URL and its id, escaped: made once per page and entity (a
        page names the same few people dozens of times; the hover text alone took ~5 µs to make)."""
        link = self._links.get(ent.id)
        if link is None:
            link = self._links[ent.id] = (esc_text(ent.describe(self.msg)), esc_text(self.entity_url(ent)),
                                          esc_text(ent.id))
        return link

    def entity_link(self, el: etree._Element, m: Model) -> str:
        ent = self._entity(el.get("ref") or "")
        if ent is None or self.sample:
            return BEHAVIOURS["inline"](self, el, plain_inline(m.css))
        self._record(ent, flat(el))
        title, href, ident = self._link(ent)
        if self.link_depth:                        # no <a> inside <a>: the outer link wins
            return f'<span{self.attrs(el, m, title_html=title)}>{self.children(el)}</span>'
        self.link_depth += 1
        try:
            inner = self.children(el)
        finally:
            self.link_depth -= 1
        return f'<a{self.attrs(el, m, title_html=title)} href="{href}" data-entity="{ident}">{inner}</a>'

    def speaker_label(self, speaker: etree._Element | None, who: list[str]) -> str:
        ent = self._entity(" ".join(who)) if who else None
        self.link_depth += 1 if ent else 0
        try:
            inner = self.render(speaker) if speaker is not None else esc_text(ent.name if ent else "")
        finally:
            self.link_depth -= 1 if ent else 0
        if ent is None or self.sample:
            return f'<span class="hk-speaker">{inner}</span>'
        self._record(ent, flat(speaker) if speaker is not None else ent.name)
        title, href, ident = self._link(ent)
        return f'<a class="hk-speaker hk-entity" href="{href}" title="{title}" data-entity="{ident}">{inner}</a>'

    def record_date(self, el: etree._Element) -> None:
        if self.sample or self.source is None:
            return
        when = el.get("when") or el.get("notBefore") or el.get("from") or ""
        if when:
            self.dates.append(DatedItem(when, el.get("notAfter") or el.get("to") or "", flat(el), self.source.id,
                                        self.division, self.anchor, self.page))

    def search_block(self) -> str:
        """Search-only text for the page: the folded forms and every register name of the entities mentioned."""
        names: list[str] = []
        for ident in self.mentioned:
            for name in self.entities[ident].names:
                names.append(name)
                if fold(name) != name:
                    names.append(fold(name))
        rest = self.flush_variants()
        if not names:
            return rest
        names_text = self.msg("search.names", names=" ".join(dict.fromkeys(names)))
        return rest + f'<div class="hk-search" hidden>{esc_text(names_text)}</div>'


def _indentation(s: str) -> bool:
    """Whitespace the serializer added between elements (it always contains a newline)."""
    return "\n" in s and not s.strip()


def render_snippet(xml: str, source: Source | None = None, msg: Messages = JA) -> Markup:
    """Render a TEI fragment (legend samples, tests): no ids, no links, nothing recorded."""
    el = etree.fromstring(f'<ab xmlns="{TEI_NS}">{xml}</ab>')
    r = Renderer(source, {}, lambda e: "", sample=True, msg=msg)
    return safe(r.children(el))


# The MODELS table compiled per element: tag -> (behaviour, its argument), made on first use. An element
# with one model calls its behaviour directly; one with several goes through _first_match, which tries
# them in MODELS' order (models.rules_for: the first whose predicate holds wins).
Rule = tuple[Callable[["Renderer", etree._Element, object], str], object]
_RULES: dict[object, Rule] = {}


def _nothing(r: Renderer, el: etree._Element, model: object) -> str:
    return ""


def _first_match(r: Renderer, el: etree._Element, rules) -> str:
    for pred, fn, model in rules:
        if pred is None or pred(el):
            return fn(r, el, model)
    raise AssertionError("models.rules_for ends with a model without predicate")


def _rule_for(tag: object) -> Rule:
    if tag.__class__ is not str:               # comments, processing instructions
        rule: Rule = (_nothing, None)
    else:
        rules = [(pred, BEHAVIOURS[m.behaviour], m) for pred, m in rules_for(tag[tag.rfind("}") + 1:])]
        rule = (rules[0][1], rules[0][2]) if len(rules) == 1 else (_first_match, rules)
    _RULES[tag] = rule
    return rule
