"""Every page of the edition, as (path in docs/, URL, title, HTML body), built with Jinja2.

Runs after corpus.load_corpus. Document pages are rendered first (one per
source file: the archival unit, whose page numbers, paragraph ids and
downloads are per file), collecting mentions and dates; register, glossary,
chronology and list pages are built from what they collected. Every list is
split into pages of a fixed size, so no page grows with the corpus (only an
entity page grows with that entity's mentions, grouped and collapsed).
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..cache import digest
from . import cite, heads
from .corpus import TEI_NS, Corpus, Division, Entity, Party, Source, first, flat, local
from .behaviours import page_title
from .messages import Messages
from .models import MODELS, Model, legend_entries
from .render import DatedItem, Mention, Renderer, render_snippet
from .text import esc, esc_text, fold, safe

TEMPLATES = Path(__file__).parent / "templates"
PB = f"{{{TEI_NS}}}pb"
PLACEHOLDER = Markup("\x00")     # where SiteBuilder.tpl_around puts a large piece of HTML
LIST_SIZE = 50          # documents per list page
ENTITY_LIST_SIZE = 200  # register entries per list page
CHRONO_SIZE = 200       # dated items per chronology page
OPEN_MENTIONS = 30      # an entity page opens its groups when it has at most this many mentions
MENTIONS_SIZE = 300     # mentions per page of an entity's mentions
KINDS = [("person", "registers/"), ("place", "registers/place/"), ("org", "registers/org/")]   # named in messages.py
ORDERS = ("date", "type", "source")


@dataclass
class Page:
    path: str                 # in docs/, e.g. "documents/x.md"
    title: str
    kind: str
    body: Markup
    meta_tags: list[tuple[str, str]] = field(default_factory=list)
    hide: tuple[str, ...] = ("toc",)

    @property
    def url(self) -> str:
        return url_of(self.path)


class LazyPage(Page):
    """A page made by one template from plain data (``ctx``: strings, numbers, lists, dicts, dataclasses such
    as Entity and Pager, Markup), rendered when ``body`` is first read. ``inputs()`` spells out all it is
    made from (template, title, kind, the repr of ``ctx``), so a caller that kept the page written from the
    same inputs (and the same code: the templates are in ``code_version("site")``) need not render it:
    after an edit, most corpus-wide pages (lists, registers, chronology) are unchanged. Every value in
    ``ctx`` must have a repr that shows all the template reads of it (no object addresses)."""

    def __init__(self, builder: "SiteBuilder", path: str, title: str, kind: str, template: str, ctx: dict):
        self.path, self.title, self.kind, self.meta_tags, self.hide = path, title, kind, [], ("toc",)
        self._builder, self._template, self._ctx, self._body = builder, template, ctx, None

    @property
    def body(self) -> Markup:                     # type: ignore[override]
        if self._body is None:
            self._body = self._builder.tpl(self._template, **self._ctx)
        return self._body

    def inputs(self) -> str:
        return "\x00".join((self._template, self.title, self.kind, repr(self.meta_tags), repr(self.hide),
                            repr(sorted(self._ctx.items()))))


def url_of(path: str) -> str:
    """docs path -> directory URL (MkDocs use_directory_urls): a/index.md -> a/, a/b.md -> a/b/."""
    stem = path[:-3]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


def rel(from_url: str, to: str) -> str:
    """A relative link from a page URL to a site path (URL or file), so the site works from any folder."""
    up = "../" * from_url.count("/")
    return (up + to) or "./"


def environment(auto_reload: bool = True) -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=False, lstrip_blocks=False, keep_trailing_newline=True, auto_reload=auto_reload,
                      finalize=lambda v: v if isinstance(v, Markup) else esc(v) if isinstance(v, str) else v)
    return env


@lru_cache(maxsize=1)
def shared_environment() -> Environment:
    """One Environment per process, its templates compiled once (as a stylesheet is compiled once) and
    not checked on disk at every use: the templates are part of the code, not of the edition."""
    return environment(auto_reload=False)


@lru_cache(maxsize=None)
def legend(language: str = "ja") -> list[tuple[str, Markup]]:
    """The legend's samples, rendered once per process and language (they depend on nothing else but MODELS)."""
    msg = Messages(language)
    return [(label, render_snippet(xml, msg=msg)) for label, xml in legend_entries(msg)]


@dataclass
class Pager:
    number: int
    count: int
    total: int
    size: int
    hrefs: list[str]

    @property
    def prev(self):
        return self.hrefs[self.number - 2] if self.number > 1 else None

    @property
    def next(self):
        return self.hrefs[self.number] if self.number < self.count else None

    @property
    def links(self):
        """A window around the current page plus first and last: constant size for any corpus."""
        keep = {1, self.count} | set(range(max(1, self.number - 3), min(self.count, self.number + 3) + 1))
        return [(n, self.hrefs[n - 1]) for n in sorted(keep)]

    @property
    def first_item(self):
        return (self.number - 1) * self.size + 1 if self.total else 0

    @property
    def last_item(self):
        return min(self.number * self.size, self.total)


def paginate(items: list, size: int, path_of) -> list[tuple[str, list, int, int]]:
    """(docs path, items, page number, page count) for each page of ``size`` items (one empty page if none)."""
    chunks = [items[i:i + size] for i in range(0, len(items), size)] or [[]]
    return [(path_of(n), chunk, n, len(chunks)) for n, chunk in enumerate(chunks, 1)]


class Groups:
    """Memory of the pages a group of pages (an entity's) was last made as: none here, so every group is
    made. site/build.py gives the builder one backed by the cache (``fresh``: the group's pages are
    those recorded with ``key`` and still as written, so they are kept without building their data;
    ``made``: record them)."""

    def fresh(self, name: str, key: str) -> bool:
        return False

    def made(self, name: str, key: str, paths: list[str]) -> None:
        pass


class SiteBuilder:
    def __init__(self, corpus: Corpus, site_url: str = "", site_name: str = "honkoku", search: bool = True,
                 has_txt: set[str] | None = None, corpus_zip: str = "downloads/honkoku-corpus.zip",
                 corpus_size: str = "", language: str = "ja"):
        self.corpus = corpus
        self.msg = Messages(language)         # the interface language (messages.ui_language of theme.language)
        self.site_url = site_url if not site_url or site_url.endswith("/") else site_url + "/"
        self.site_name = site_name
        self.search = search
        self.has_txt = has_txt if has_txt is not None else set()
        self.corpus_zip = corpus_zip
        self.corpus_size = corpus_size
        self.env = shared_environment()
        self.legend = legend(self.msg.lang)
        # the same on every document page: the macros are called once per build, not once per page
        macros = self.env.get_template("macros.html.j2").module
        self.legend_html, self.view_switch_html = macros.legend(self.legend, self.msg), macros.view_switch(self.msg)
        self.mentions: list[Mention] = []
        self.dates: list[DatedItem] = []
        self.warnings: list[str] = []
        self.last_collected: tuple[list[Mention], list[DatedItem], list[str]] = ([], [], [])
        # source id -> the key of its document page (everything it shows, its mentions included), when the
        # caller knows them all: an entity's pages are then keyed by the pages of the documents naming it
        self.doc_keys: dict[str, str] = {}
        self.groups = Groups()

    @cached_property
    def sources(self) -> dict[str, Source]:
        """Sources by id, for the register and chronology pages: made when first needed, after the
        document pages' walk over ``corpus.sources`` (which reads each file as it gets there)."""
        return {s.id: s for s in self.corpus.sources}

    def tpl(self, name: str, **ctx) -> Markup:
        """A template rendered with ``ctx`` and ``t``, the site's messages."""
        return Markup(self.env.get_template(name).render(t=self.msg, **ctx))

    def lazy(self, path: str, page_title: str, page_kind: str, template: str, /, **ctx) -> "LazyPage":
        """A page of ``template`` rendered with ``ctx`` only when its body is asked for (see LazyPage)."""
        return LazyPage(self, path, page_title, page_kind, template, ctx)

    def tpl_around(self, name: str, big: str, html: str, **ctx) -> str:
        """``tpl(name, **{big: html}, **ctx)`` for a large piece of finished HTML (a page's text, a page's
        body): the template is rendered around a placeholder and the HTML put in its place, copied once.
        Passed to Jinja it is copied at every step (escape, finalize, join, Markup): ~0.1 MB each time.
        The placeholder is a NUL, which no text of an XML file or a template can hold."""
        out = self.env.get_template(name).render(t=self.msg, **ctx, **{big: PLACEHOLDER})
        before, after = out.split(PLACEHOLDER)
        return "".join((before, html, after))

    # -- document pages ---------------------------------------------------------------------------
    @staticmethod
    def doc_path(source_id: str) -> str:
        return f"documents/{source_id}.md"

    @staticmethod
    def entity_path(ent: Entity) -> str:
        return f"registers/{ent.id}.md"

    def document_page(self, source: Source) -> Page:
        path = self.doc_path(source.id)
        url = url_of(path)
        archival = " ".join(x for x in (source.institution, source.ms_idno) if x)
        msg = self.msg

        def party(p: Party) -> str:
            ent = self.corpus.entities.get(p.ref) if p.ref else None
            if ent:
                return (f'<a class="hk-entity" href="{esc_text(rel(url, url_of(self.entity_path(ent))))}" '
                        f'title="{esc_text(ent.describe(msg))}">{esc_text(p.name)}</a>')
            return esc_text(p.name)

        def division_header(d: Division) -> str:
            c = cite.citation(source, d, self.site_url, url, "", msg)
            return heads.division_header(d, heads.cite_block(c, msg), party, archival, msg)

        r = Renderer(source, self.corpus.entities, lambda e: rel(url, url_of(self.entity_path(e))), division_header,
                     msg=msg)
        text_el = source.text
        start = ""
        if text_el is not None and _pages_start_unnumbered(text_el):
            r.unique_id("p1")
            first = esc_text(page_title(msg, "1"))
            start = (f'<div class="hk-pb-line"><a class="tei-pb" id="p1" href="#p1" title="{first}" '
                     f'aria-label="{first}">1</a></div>')
        text = start + (r.render(text_el) if text_el is not None else "")
        self.take_collected(source, r.mentions, r.dates, r.warnings)
        self.last_collected = (r.mentions, r.dates, r.warnings)
        tei_href = rel(url, f"downloads/tei/{source.path.name}")
        downloads = {"tei": tei_href, "corpus": rel(url, self.corpus_zip),
                     "txt": rel(url, f"downloads/sources/{source.id}.txt") if source.id in self.has_txt else ""}
        c = cite.citation(source, None, self.site_url, url, "", msg)
        body = safe(self.tpl_around("document.html.j2", "text", text, source=source,
                                    cite_html=safe(heads.cite_block(c, msg)), downloads=downloads,
                                    legend_html=self.legend_html, view_switch_html=self.view_switch_html,
                                    search_block=safe(r.search_block())))
        abs_url = self.site_url + url if self.site_url else ""
        tags = cite.meta_tags(source, abs_url, (self.site_url + f"downloads/tei/{source.path.name}")
                              if self.site_url else tei_href)
        return Page(path, source.title, "document", body, tags)

    def take_collected(self, source: Source, mentions: list[Mention], dates: list[DatedItem],
                       warnings: list[str]) -> None:
        """What a document page collected (rendered now, or remembered by the cache when it was skipped),
        for the register and chronology pages: call once per source, in corpus order."""
        self.mentions += mentions
        self.dates += dates
        for date, div_id in source.header_dates:
            self.dates.append(DatedItem(date.when, date.end, date.text, source.id, div_id, div_id, ""))
        self.warnings += warnings

    def other_pages(self):
        """Every page but the document pages, one at a time: after every document page was rendered
        or taken from the cache (they need its mentions and dates)."""
        yield from self.iter_list_pages()
        yield from self.iter_entity_pages()
        yield from self.iter_entity_list_pages()
        yield from self.iter_chronology_pages()
        yield self.about_page()
        yield self.search_page()
        yield self.downloads_page()

    # -- lists of documents ---------------------------------------------------------------------------
    def list_path(self, order: str, n: int) -> str:
        if order == "date":
            return "index.md" if n == 1 else f"list/date/{n}.md"
        return f"list/{order}/index.md" if n == 1 else f"list/{order}/{n}.md"

    def list_pages(self) -> list[Page]:
        return list(self.iter_list_pages())

    def iter_list_pages(self):
        msg = self.msg
        rows = []
        for s in self.corpus.sources:
            for i, d in enumerate(s.divisions):
                if d.type == "cover":
                    continue
                rows.append({"date": d.date.when if d.date else "", "type": msg.type_label(d), "title": d.title,
                             "label": d.label, "classes": d.classes, "source_id": s.id, "source_title": s.title,
                             "path": self.doc_path(s.id), "anchor": d.id, "i": i})
        keys = {"date": lambda r: (r["date"] or "9999", r["source_id"], r["i"]),
                "type": lambda r: (r["type"], r["date"] or "9999", r["source_id"], r["i"]),
                "source": lambda r: (r["source_id"], r["i"])}
        stats = {"sources": len(self.corpus.sources), "documents": len(rows),
                 "entities": len(self.corpus.entities), "dates": len(self.dates)}
        for order in ORDERS:
            order_label = msg(f"order.{order}")
            ordered = sorted(rows, key=keys[order])
            chunks = paginate(ordered, LIST_SIZE, lambda n, o=order: self.list_path(o, n))
            all_paths = [c[0] for c in chunks]
            for path, chunk, n, count in chunks:
                url = url_of(path)
                pager = Pager(n, count, len(ordered), LIST_SIZE, [rel(url, url_of(p)) for p in all_paths])
                view_rows = [dict(r, href=rel(url, url_of(r["path"])) + "#" + r["anchor"]) for r in chunk]
                orders = [(k, msg(f"order.{k}"), rel(url, url_of(self.list_path(k, 1)))) for k in ORDERS]
                intro = self.tpl("home_intro.html.j2", site_name=self.site_name, stats=stats,
                                 base=rel(url, "")) if path == "index.md" else None
                title = (msg("nav.home") if path == "index.md"
                         else msg("list.title", order=order_label, n=n, count=count))
                yield self.lazy(path, title, "list", "listing.html.j2", rows=view_rows, pager=pager, order=order,
                                order_label=order_label, orders=orders, intro=intro)

    # -- registers ------------------------------------------------------------------------------------
    def entity_pages(self) -> list[Page]:
        return list(self.iter_entity_pages())

    def iter_entity_pages(self):
        """An entity's page, then its mentions MENTIONS_SIZE at a time: a person named 5,000 times gets
        17 pages of bounded size, not one page of megabytes."""
        msg = self.msg
        by_entity: dict[str, list[Mention]] = defaultdict(list)
        for mn in self.mentions:
            by_entity[mn.entity].append(mn)
        # what a mention shows of its document, worked out once per document (division) and per page
        # depth, not once per mention: a 10,000-document edition has hundreds of thousands of mentions
        titles: dict[tuple[str, str], str] = {}
        has_pages: dict[str, bool] = {}
        doc_hrefs: dict[tuple[int, str], str] = {}

        def group_title(source_id: str, division: str) -> str:
            key = (source_id, division)
            if key not in titles:
                src = self.sources[source_id]
                d = src.division(division) if division else None
                titles[key] = f"{src.title}" + (f" — {d.title}" if d else "")
            return titles[key]

        def pages_of(source_id: str) -> bool:
            if source_id not in has_pages:
                has_pages[source_id] = src_has_pages(self.sources[source_id])
            return has_pages[source_id]

        def doc_href(url: str, source_id: str) -> str:
            key = (url.count("/"), source_id)          # rel() depends on the page's depth only
            if key not in doc_hrefs:
                doc_hrefs[key] = rel(url, url_of(self.doc_path(source_id)))
            return doc_hrefs[key]
        for ent in self.corpus.entities.values():
            mentions = by_entity.get(ent.id, [])
            # All an entity's pages show is the entity and what the documents naming it say (titles,
            # divisions, pages, mentions, in corpus order): keyed by those documents' page keys, the
            # pages of an entity that no edited document names are kept without building their data.
            group, group_key = f"entity-pages:{ent.id}", None
            named_by = list(dict.fromkeys(mn.source for mn in mentions))
            if all(s in self.doc_keys for s in named_by):
                group_key = digest(repr(ent), *(f"{s}\x00{self.doc_keys[s]}" for s in named_by))
                if self.groups.fresh(group, group_key):
                    continue
            places = len({(mn.source, mn.division) for mn in mentions})
            kind_label = msg.label("kind", ent.kind)
            kind_path = next((p for k, p in KINDS if k == ent.kind), "glossary/")
            back_label = msg.label("back", ent.kind, msg("entity.back_other", kind=kind_label))
            folded = [fold(n) for n in ent.names if fold(n) != n]

            def path_of(n, ent=ent):
                return self.entity_path(ent) if n == 1 else f"registers/{ent.id}/{n}.md"
            chunks = paginate(mentions, MENTIONS_SIZE, path_of)
            all_paths = [c[0] for c in chunks]
            for path, chunk, n, count in chunks:
                url = url_of(path)
                pager = Pager(n, count, len(mentions), MENTIONS_SIZE, [rel(url, url_of(p)) for p in all_paths])
                groups: dict[tuple[str, str], dict] = {}
                for mn in chunk:
                    key = (mn.source, mn.division)
                    if key not in groups:
                        groups[key] = {"title": group_title(mn.source, mn.division), "mentions": []}
                    href = doc_href(url, mn.source) + "#" + (mn.anchor or mn.division or "")
                    groups[key]["mentions"].append({"href": href, "page": mn.page if pages_of(mn.source) else "",
                                                    "anchor": mn.anchor, "surface": mn.surface})
                title, kind = (ent.name, "entity") if n == 1 else (
                    msg("entity.mentions_title", name=ent.name, n=n, count=count), "entity-mentions")
                yield self.lazy(path, title, kind, "entity.html.j2", e=ent, groups=list(groups.values()),
                                total=len(mentions), places=places, kind_label=kind_label, back=rel(url, kind_path),
                                back_label=back_label,
                                home=rel(url, url_of(path_of(1))), open_all=len(mentions) <= OPEN_MENTIONS,
                                folded=folded, pager=pager)
            if group_key is not None:
                self.groups.made(group, group_key, all_paths)     # after its pages were written (by the caller)

    def entity_list_pages(self) -> list[Page]:
        return list(self.iter_entity_list_pages())

    def iter_entity_list_pages(self):
        msg = self.msg
        counts = Counter(mn.entity for mn in self.mentions)
        kinds_all = KINDS + [("term", "glossary/")]
        totals = {k: sum(1 for e in self.corpus.entities.values() if e.kind == k) for k, _ in kinds_all}
        for kind, base in kinds_all:
            ents = sorted((e for e in self.corpus.entities.values() if e.kind == kind),
                          key=lambda e: (fold(e.name), e.id))

            def path_of(n, base=base):
                return f"{base}index.md" if n == 1 else f"{base}{n}.md"
            chunks = paginate(ents, ENTITY_LIST_SIZE, path_of)
            all_paths = [c[0] for c in chunks]
            for path, chunk, n, count in chunks:
                url = url_of(path)
                pager = Pager(n, count, len(ents), ENTITY_LIST_SIZE, [rel(url, url_of(p)) for p in all_paths])
                rows = [{"e": e, "href": rel(url, url_of(self.entity_path(e))), "count": counts.get(e.id, 0),
                         "gloss": e.note if kind == "term" else "", "title": e.describe(msg)} for e in chunk]
                kinds = [(k, msg(f"kinds.{k}"), rel(url, b), totals[k]) for k, b in kinds_all]
                title = msg(f"registers.{kind}")
                yield self.lazy(path, title if n == 1 else f"{title} ({n}/{count})", "register", "entity_list.html.j2",
                                title=title, rows=rows, pager=pager, kind=kind, kinds=kinds)

    # -- chronology -----------------------------------------------------------------------------------
    def chronology_pages(self) -> list[Page]:
        return list(self.iter_chronology_pages())

    def iter_chronology_pages(self):
        msg = self.msg
        # a date whose year is unknown (--09-30: the text left it out and nothing placed it) has no place in time
        items = sorted((d for d in self.dates if not d.when.startswith("-")),
                       key=lambda d: (d.when, d.source, d.anchor, d.text))

        def path_of(n):
            return "chronology/index.md" if n == 1 else f"chronology/{n}.md"
        chunks = paginate(items, CHRONO_SIZE, path_of)
        all_paths = [c[0] for c in chunks]
        for path, chunk, n, count in chunks:
            url = url_of(path)
            pager = Pager(n, count, len(items), CHRONO_SIZE, [rel(url, url_of(p)) for p in all_paths])
            groups: dict[str, list] = {}
            for it in chunk:
                src = self.sources[it.source]
                d = src.division(it.division) if it.division else None
                groups.setdefault(it.when[:4], []).append({
                    "when": it.when, "end": it.end, "text": it.text,
                    "title": d.title if d else src.title,
                    "href": rel(url, url_of(self.doc_path(it.source))) + "#" + (it.anchor or it.division),
                    "kind": msg("chrono.catalogue" if it.anchor == it.division and not it.page else "chrono.text")})
            title = msg("nav.chronology")
            yield self.lazy(path, title if n == 1 else f"{title} ({n}/{count})", "chronology", "chronology.html.j2",
                            groups=list(groups.items()), pager=pager)

    # -- about, search, downloads ---------------------------------------------------------------------
    def about_page(self) -> Page:
        about = self.corpus.about              # summed from the headers while loading (corpus.HeaderSummary)
        msg = self.msg
        hands: dict[tuple[str, str], int] = Counter()
        licences: dict[str, None] = {}
        for s in self.corpus.sources:
            for ident, note in s.hands.items():
                hands[(ident, msg.hand(s.hand_scripts.get(ident, ""), note))] += 1
            if s.licence:
                licences[s.licence] = None
        decl, tags, categories, calendars, apps = (about.decl, about.tags, about.categories, about.calendars,
                                                   about.apps)
        decl_rows = [(msg.label("decl", sec), sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:12])
                     for sec, c in decl.items()]
        tag_rows = [(gi, t, f, describe(gi, msg)) for gi, (t, f) in sorted(tags.items())]
        body = self.tpl("about.html.j2", legend=self.legend, decl=decl_rows, tags=tag_rows,
                        categories=[(k, list(v)) for k, v in categories.items()],
                        hands=[(i, d, n) for (i, d), n in sorted(hands.items())], calendars=list(calendars),
                        apps=[msg("about.app", app=a) for a in apps], licences=list(licences))
        return Page("about.md", msg("nav.about"), "about", body)

    def search_page(self) -> Page:
        return Page("search.md", self.msg("nav.search"), "search", self.tpl("search.html.j2", enabled=self.search,
                                                                           base=rel("search/", "")))

    def downloads_page(self) -> Page:
        url = "downloads/"
        reg = [(p.name, rel(url, f"downloads/tei/{p.name}")) for p in self.corpus.register_files]
        body = self.tpl("downloads.html.j2", corpus=rel(url, self.corpus_zip), corpus_size=self.corpus_size,
                        register_files=reg)
        return Page("downloads/index.md", self.msg("nav.downloads"), "downloads", body)

    def all_pages(self) -> list[Page]:
        pages = [self.document_page(s) for s in self.corpus.sources]
        return pages + list(self.other_pages())

    def page_markdown(self, page: Page) -> str:
        front = [("template", json.dumps("edition.html")),
                 ("title", json.dumps(str(esc(page.title)), ensure_ascii=False)),
                 ("hide", json.dumps(list(page.hide))),
                 ("hk_kind", json.dumps(page.kind))]
        if page.meta_tags:
            front.append(("meta_tags", json.dumps([list(t) for t in page.meta_tags], ensure_ascii=False)))
        return self.tpl_around("page.md.j2", "body", page.body, front_matter=[(k, Markup(v)) for k, v in front],
                               kind=page.kind)


def _pages_start_unnumbered(text_el) -> bool:
    """Has the text numbered page breaks (``.//t:pb[@n]``) but none for page 1 (``not(.//t:pb[@n='1'])``)?
    Then the page opens with a marker for page 1. One pass of lxml's tag filter for both XPaths."""
    numbered = False
    for pb in text_el.iter(PB):
        n = pb.get("n")
        if n == "1":
            return False
        numbered = numbered or n is not None
    return numbered


def src_has_pages(src: Source) -> bool:
    return any(d.first_page for d in src.divisions)


def describe(gi: str, msg: Messages) -> str:
    """The rendering rule of an element, in words, from MODELS (documents the renderer on the about page)."""
    models: list[Model] = MODELS.get(gi, [])
    if not models:
        return msg("rule.default")
    out = []
    for m in models:
        bits = [m.behaviour]
        if m.css:
            bits.append(m.css)
        if m.view:
            bits.append(msg(f"rule.{m.view}"))
        if m.predicate is not None:
            bits.append(msg("rule.if", name=m.predicate.__name__))
        out.append(" · ".join(bits))
    return " / ".join(out)
