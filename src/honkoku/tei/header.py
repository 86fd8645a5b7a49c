"""The teiHeader, from the sidecar's metadata and from what the passes found.

It says what the source is (sourceDesc: the archival original or the
published text, and the digital text we have), what each document division
is (``msItem`` / ``bibl`` per division, ``correspDesc`` for letters and
telegrams), which hands wrote it, what was detected automatically and what
the editor declared (encodingDesc), and the tag counts (``tagUsage``).
"""
from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any

import regex

from .. import __version__, wareki
from ..model import Document
from . import TEI_NS
from .xml import Node

CATEGORY_IDS = {"極秘": "gokuhi", "秘": "hi", "厳秘": "genpi", "部外秘": "bugaihi", "取扱注意": "toriatsukai-chui",
                "至急": "shikyu", "大至急": "daishikyu", "無期限": "mukigen", "SECRET": "secret",
                "TOP SECRET": "top-secret", "CONFIDENTIAL": "confidential", "UNCLASSIFIED": "unclassified"}
LANGUAGES = {"ja": "Japanese", "en": "English", "ru": "Russian", "de": "German", "fr": "French", "zh": "Chinese",
             "ko": "Korean"}
DOCUMENT_TYPES = {"approval-form": "決裁書 (approval form)", "draft-cable": "回電案 (draft cable)",
                  "telegram": "電信 (telegram)", "record": "会談記録 (record of a meeting)",
                  "interview": "インタビュー (interview)", "letter": "書簡 (letter)", "memo": "メモ (memorandum)",
                  "report": "報告 (report)", "cover": "表紙 (cover)", "other": "その他 (other)"}
LICENCES = {"CC BY 4.0": "https://creativecommons.org/licenses/by/4.0/",
            "CC0": "https://creativecommons.org/publicdomain/zero/1.0/"}
# Compiled once: regex.sub(r"…", …) looks its pattern up (and combines flag enums) on every call.
SPACES = regex.compile(r"\s+")
HAN = regex.compile(r"\p{Han}")
KANA_KANJI = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
LETTER = regex.compile(r"\p{L}")
FULL_DATE = regex.compile(r"\d{4}-\d\d-\d\d.*")


def category_id(prefix: str, value: str) -> str:
    key = SPACES.sub("", value) if HAN.search(value) else value.upper()
    known = CATEGORY_IDS.get(key) or CATEGORY_IDS.get(value)
    return f"{prefix}-{known or hashlib.sha1(value.encode()).hexdigest()[:8]}"


def responsible_ids(meta: dict[str, Any]) -> set[str]:
    """The ids the header declares for @resp: one per editor (ed-1 …) and the application."""
    editors = meta.get("editors") or ["honkoku editors"]
    return {f"ed-{i}" for i in range(1, len(editors) + 1)} | {"app-honkoku"}


def guess_language(text: str) -> str:
    cjk = len(KANA_KANJI.findall(text[:20000]))
    return "ja" if cjk > 0.1 * max(1, len(LETTER.findall(text[:20000]))) else "en"


def sub(parent: Node, tag: str, text: str | None = None, **attrs: str) -> Node:
    if "xml_id" in attrs or "xml_lang" in attrs:
        attrs = {f"xml:{k[4:]}" if k.startswith("xml_") else k: v for k, v in attrs.items()}
    el = Node(tag, attrs, text)
    parent.parts.append(el)
    return el


class HeaderBuilder:
    def __init__(self, doc: Document, text_el: Node, nodes: list[Node] | None = None):
        self.doc = doc
        self.nodes = nodes if nodes is not None else list(text_el.iter())     # the text's elements, in order
        sc = doc.meta.get("sidecar")
        self.meta: dict[str, Any] = sc.data if sc else {}
        self.source: dict[str, Any] = self.meta.get("source", {}) if isinstance(self.meta.get("source"), dict) else {}
        self.documents = [d for d in self.meta.get("document", []) if isinstance(d, dict)]
        self.text_el = text_el
        self.language = self.meta.get("language") or guess_language(doc.text)
        self.archival = any(self.source.get(k) for k in ("repository", "institution", "idno", "collection"))
        self.categories: dict[str, str] = {}
        self.wareki = False            # a header date is written in the era calendar

    def build(self) -> Node:
        header = Node("teiHeader")
        self.file_desc(sub(header, "fileDesc"))
        self.encoding_desc(sub(header, "encodingDesc"))
        self.profile_desc(sub(header, "profileDesc"))
        return header

    # -- fileDesc ---------------------------------------------------------------------
    def file_desc(self, fd: Node) -> None:
        ts = sub(fd, "titleStmt")
        sub(ts, "title", self.meta.get("title") or self.doc.id, type="main")
        if self.meta.get("title_en"):
            sub(ts, "title", self.meta["title_en"], type="sub", xml_lang="en")
        editors = self.meta.get("editors") or ["honkoku editors"]
        for i, name in enumerate(editors, 1):
            sub(ts, "editor", name, xml_id=f"ed-{i}")
        ps = sub(fd, "publicationStmt")
        sub(ps, "publisher", "honkoku")
        sub(ps, "idno", self.doc.id, type="source")
        av = sub(ps, "availability")
        licence = self.meta.get("licence", "CC BY 4.0")
        url = self.meta.get("licence_url") or LICENCES.get(licence)
        lic = sub(av, "licence", licence + " (applies to the encoding, not to the original)")
        if url:
            lic.set("target", url)
        sd = sub(fd, "sourceDesc")
        self.digital_bibl(sd)
        if self.archival:
            self.ms_desc(sd)
        else:
            self.original_bibl(sd)

    def digital_bibl(self, sd: Node) -> None:
        bibl = sub(sd, "bibl", type="digital")
        sub(bibl, "title", f"{self.doc.id}.txt")
        if self.source.get("published"):
            sub(bibl, "publisher", self.source["published"])
        if self.source.get("url"):
            sub(bibl, "ptr", target=self.source["url"])
        note = self.source.get("digital") or "Plain-text transcription, kept byte for byte as received."
        sub(bibl, "note", note, type="provenance")

    def original_bibl(self, sd: Node) -> None:
        bibl = sub(sd, "bibl", type="original")
        if self.source.get("author"):
            sub(bibl, "author", self.source["author"])
        sub(bibl, "title", self.source.get("original_title") or self.meta.get("title") or self.doc.id)
        if self.source.get("translator"):
            sub(bibl, "editor", self.source["translator"], role="translator")
        self.date(bibl, self.meta.get("date"), self.meta.get("date_end"))
        if self.source.get("original_id") or self.source.get("original_language"):
            rel = sub(bibl, "relatedItem", type="original")
            inner = sub(rel, "bibl")
            if self.source.get("original_id"):
                sub(inner, "idno", self.source["original_id"], type="document")
            if self.source.get("original_language"):
                sub(inner, "textLang", LANGUAGES.get(self.source["original_language"], ""),
                    mainLang=self.source["original_language"])
        if self.documents:
            lb = sub(sd, "listBibl")
            for entry in self.documents:
                item = sub(lb, "bibl", xml_id=f"mi-{entry['id']}", n=entry["id"])
                if entry.get("type"):
                    item.set("type", entry["type"])
                self.item_content(item, entry)

    def ms_desc(self, sd: Node) -> None:
        ms = sub(sd, "msDesc")
        ident = sub(ms, "msIdentifier")
        for key, tag in (("country", "country"), ("settlement", "settlement"), ("institution", "institution"),
                         ("repository", "repository"), ("collection", "collection")):
            if self.source.get(key):
                sub(ident, tag, self.source[key])
        sub(ident, "idno", self.source.get("idno") or self.doc.id)
        if self.documents:
            contents = sub(ms, "msContents")
            for n, entry in enumerate(self.documents, 1):
                item = sub(contents, "msItem", xml_id=f"mi-{entry['id']}", n=str(n))
                cats = [self.doc_type(entry["type"])] if entry.get("type") in DOCUMENT_TYPES else []
                cats += [self.category("sec", c) for c in entry.get("classification", [])]
                if entry.get("retention"):
                    cats.append(self.category("ret", entry["retention"]))
                if cats:
                    item.set("class", " ".join(f"#{c}" for c in cats))
                self.item_content(item, entry)
        hands = [h for h in self.meta.get("hand", []) if isinstance(h, dict)]
        if hands:
            phys = sub(ms, "physDesc")
            self.hand_notes(sub(phys, "handDesc"), hands)

    def item_content(self, item: Node, entry: dict[str, Any]) -> None:
        sub(item, "title", entry.get("title") or self.untitled(entry["id"]))
        for key, kind in (("serial", "serial"), ("series", "series"), ("copy", "copy")):
            if entry.get(key):
                sub(item, "idno", entry[key], type=kind)
        if entry.get("date"):
            note = sub(item, "note", type="date")
            self.date(note, entry["date"], None, entry.get("date_text"))
        else:
            found = self.date_near_top(entry["id"])
            if found is not None:
                sub(item, "note", type="date").append(found)
        if entry.get("summary"):
            sub(item, "note", entry["summary"], type="summary")

    NOT_COPIED = ("evidence", "cert", "type", "xml:id", "prev", "next")

    def untitled(self, ident: str) -> str:
        """The title of a division the sidecar gives none: its heading, else the source's title (and
        the division's id when there are several), never the bare id (d1) that readers would see."""
        div = next((d for d in self.nodes if d.tag == "div" and d.get("xml:id") == ident), None)
        head = next((c for c in div if c.tag == "head"), None) if div is not None else None
        if head is not None and "".join(head.itertext()).strip():
            return " ".join("".join(head.itertext()).split())
        title = self.meta.get("title") or self.doc.id
        return title if len(self.documents) == 1 else f"{title} ({ident})"

    def date_near_top(self, ident: str) -> Node | None:
        """A division without a sidecar date: the first full date in its first three blocks, as a guess.

        Its copy carries ``evidence="internal"`` and ``cert="medium"``: the
        date at the head of a document is usually its own, not always.
        """
        div = next((d for d in self.nodes if d.tag == "div" and d.get("xml:id") == ident), None)
        if div is None:
            return None
        for block in list(div)[:3]:
            for el in block.iter("date"):
                if FULL_DATE.fullmatch(el.get("when") or ""):
                    # not its identity: an xml:id (and the prev/next of a date split by a block) belongs
                    # to the date in the text, and a copy of it would be a second element with that id
                    guess = Node("date", {k: v for k, v in el.attrib.items() if k not in self.NOT_COPIED})
                    guess.set("evidence", "internal")
                    guess.set("cert", "medium")
                    guess.parts.append("".join(el.itertext()))      # even "": lxml wrote <date …></date>
                    if guess.get("calendar"):
                        self.wareki = True
                    return guess
        return None

    def hand_notes(self, parent: Node, hands: list[dict[str, Any]]) -> None:
        for h in hands:
            attrs = {"xml_id": h["id"]}
            for key in ("script", "medium", "scribe", "scope"):
                if h.get(key):
                    attrs[key] = SPACES.sub("_", h[key]) if key == "scribe" else h[key]
            sub(parent, "handNote", h.get("desc") or h["id"], **attrs)

    def date(self, parent: Node, value: Any, end: Any = None, text: str | None = None) -> None:
        if not value:
            return
        value = str(value)
        if end:
            el = sub(parent, "date", text or f"{value}/{end}", **{"from": value, "to": str(end)})
        else:
            el = sub(parent, "date", text or value, when=value)
        if text and wareki.written_in_era(text, value):
            el.set("calendar", wareki.CAL)
            self.wareki = True

    def doc_type(self, kind: str) -> str:
        """The document type as a category (type-telegram), so types filter like classifications."""
        self.categories[f"type-{kind}"] = DOCUMENT_TYPES[kind]
        return f"type-{kind}"

    def ref(self, entry: dict[str, Any], key: str, kind: str) -> dict[str, str]:
        """``ref`` for a name in the header: the sidecar's ``<key>_ref``, else the one register entry it names."""
        from ..registers import name_in
        ident = entry.get(f"{key}_ref") or name_in(self.doc, entry.get(key, ""), kind)
        return {"ref": "#" + ident.lstrip("#")} if ident else {}

    def category(self, prefix: str, value: str) -> str:
        ident = category_id(prefix, value)
        self.categories[ident] = value
        return ident

    # -- encodingDesc ------------------------------------------------------------------
    def encoding_desc(self, ed: Node) -> None:
        ai = sub(ed, "appInfo")
        app = sub(ai, "application", xml_id="app-honkoku", ident="honkoku", version=__version__)
        sub(app, "label", "honkoku")
        decl = sub(ed, "editorialDecl")
        by_pass = Counter(s.by for s in self.doc.spans if s.tag[0] != "#")
        declared = {"documents", "furniture", "hands", "corrections"}
        auto = [f"{name} ({n})" for name, n in sorted(by_pass.items()) if name not in declared]
        mine = [f"{name} ({n})" for name, n in sorted(by_pass.items()) if name in declared]
        sub(sub(decl, "correction"), "p", "OCR and typing errors are never corrected silently: the editor's "
            "corrections are choice/sic/corr with @cert and @resp; doubtful readings are unclear.")
        sub(sub(decl, "normalization"), "p", "The witness is transcribed as received. Letter-spaced words, "
            "old small-kana spellings and full-width/half-width forms are regularised only inside choice/orig/reg "
            "(reg/@type spacing, kana, width), the original kept; a kana reg by #app-honkoku comes from a word "
            "rule, one by an editor was confirmed in the sidecar.")
        sub(sub(decl, "hyphenation"), "p", "Page breaks inside a paragraph are pb milestones; break=\"no\" marks "
            "a word cut by the page; cert=\"medium\" marks a break inferred from an unfinished sentence.")
        interp = sub(decl, "interpretation")
        sub(interp, "p", "Detected automatically by honkoku (elements added per pass): " + (", ".join(auto) or "none")
            + ".")
        sub(interp, "p", "Declared by the editor in the sidecar: " + (", ".join(mine) or "none") + ".")
        counts = Counter(el.tag for el in self.nodes)
        ns = sub(sub(ed, "tagsDecl"), "namespace", name=TEI_NS)
        ns.parts = [Node("tagUsage", {"gi": gi, "occurs": str(counts[gi])}) for gi in sorted(counts)]
        for entry in self.documents:
            for c in entry.get("classification", []):
                self.category("sec", c)
        for c in self.source.get("classification", []):
            self.category("sec", c)
        if self.source.get("retention"):
            self.category("ret", self.source["retention"])
        if self.categories:
            cd = sub(ed, "classDecl")
            for prefix, label in (("type", "Document type"), ("sec", "Classification and handling"),
                                  ("ret", "Retention period")):
                members = sorted((k, v) for k, v in self.categories.items() if k.startswith(prefix + "-"))
                if members:
                    tax = sub(cd, "taxonomy", xml_id=f"tax-{prefix}")
                    sub(sub(tax, "desc"), "term", label)
                    for ident, value in members:
                        sub(sub(tax, "category", xml_id=ident), "catDesc", value)

    # -- profileDesc -------------------------------------------------------------------
    def profile_desc(self, pd: Node) -> None:
        langs = sub(pd, "langUsage")
        sub(langs, "language", LANGUAGES.get(self.language, self.language), ident=self.language)
        calendars = {el.attrib.get("calendar") for el in self.nodes if el.tag == "date"} - {None, ""}
        if "#cal-wareki" in calendars or self.wareki:
            cal = sub(sub(pd, "calendarDesc"), "calendar", xml_id="cal-wareki")
            sub(cal, "p", "和暦 (Japanese era calendar): 明治n年 = 1867+n, 大正n年 = 1911+n, 昭和n年 = 1925+n, "
                "平成n年 = 1988+n, 令和n年 = 2018+n. @when gives the Gregorian date. Before 明治6年 (1873) "
                "month and day are lunisolar: only a window holding that year is given.")
        for entry in self.documents:
            if entry.get("type") == "telegram" or entry.get("sender") or entry.get("addressee"):
                cd = sub(pd, "correspDesc", xml_id=f"cd-{entry['id']}")
                sent = Node("correspAction", {"type": "sent"})
                if entry.get("sender"):
                    sub(sent, "persName", entry["sender"], **self.ref(entry, "sender", "person"))
                if entry.get("place"):
                    sub(sent, "placeName", entry["place"], **self.ref(entry, "place", "place"))
                received = Node("correspAction", {"type": "received"})
                if entry.get("addressee"):
                    sub(received, "persName", entry["addressee"], **self.ref(entry, "addressee", "person"))
                if entry.get("date"):          # a telegram's stamp may date its receipt (本省着)
                    action = received if entry.get("date_of") == "received" else sent
                    self.date(action, entry["date"], None, entry.get("date_text"))
                for action in (sent, received):
                    if len(action):
                        cd.append(action)
                if not len(cd):
                    sub(cd, "note", "Sender and addressee are not recorded.")
        hands = [h for h in self.meta.get("hand", []) if isinstance(h, dict)]
        if hands and not self.archival:
            self.hand_notes(sub(pd, "handNotes"), hands)
        file_cats = [category_id("sec", c) for c in self.source.get("classification", [])]
        keywords = self.meta.get("keywords", [])
        if file_cats or keywords:
            tc = sub(pd, "textClass")
            if keywords:
                kw = sub(tc, "keywords")
                for k in keywords:
                    sub(kw, "term", k)
            for c in file_cats:
                sub(tc, "catRef", scheme="#tax-sec", target=f"#{c}")
        # correspDesc and handNotes need something before them in some orders: keep schema order
        order = ["langUsage", "calendarDesc", "correspDesc", "handNotes", "textClass"]
        pd.parts = sorted(pd, key=lambda el: order.index(el.tag))


def build_header(doc: Document, text_el: Node, nodes: list[Node] | None = None) -> Node:
    """``nodes``: every element of ``text_el`` in document order, if the caller has them."""
    return HeaderBuilder(doc, text_el, nodes).build()
