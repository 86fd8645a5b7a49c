"""Documents: the file's divisions, from the sidecar's ``[[document]]`` starts.

A source without ``[[document]]`` is one document ``d1``. Text before the
first declared document becomes ``<front>``. A document of type ``cover``
is a ``div type="cover"``; every other one a ``div type="document"`` with
its type as ``@subtype`` and its metadata linked by ``@decls``. Declared
``head`` quotes become ``<head>`` (``type="label"`` for 資料② or Document 3).
Runs first: every later pass works inside these divisions.
"""
from __future__ import annotations

import regex

from ..anchors import Anchor, AnchorError, resolve
from ..model import Document
from . import Pass, from_entry, sidecar_entries, sidecar_error

LABEL = regex.compile(r"^(?:資料|別添|別紙|添付|付属|Document|Enclosure|Attachment|Annex)\s*[\p{N}①-⑳]*\s*$",
                      regex.IGNORECASE)


class Documents(Pass):
    name = "documents"
    priority = 100
    EXAMPLE = '[[document]]\nid = "d2"\nstart = "アジア I N F 対米回電案"\ntype = "draft-cable"'

    def apply(self, doc: Document) -> None:
        text = doc.text
        entries = sidecar_entries(doc, "document")
        starts: list[tuple[int, dict, int]] = []
        for i, entry in enumerate(entries):
            anchor = Anchor(entry["start"], occurrence=entry.get("start_occurrence", 0))
            try:
                start, _ = resolve(text, anchor)
            except AnchorError as exc:
                raise sidecar_error(doc, f"[[document]] {entry['id']!r} start: {exc}", "document", i, "start",
                                    exc.hint) from None
            line_start = text.rfind("\n", 0, start) + 1
            if text[line_start:start].strip():
                raise sidecar_error(doc, f"[[document]] {entry['id']!r} start {entry['start']!r} is not at the "
                                    "start of a line", "document", i, "start",
                                    "quote the first characters of the document's first line")
            starts.append((start, entry, i))
        if not starts:
            starts = [(0, {"id": "d1"}, -1)]
        starts.sort(key=lambda t: t[0])
        for (a, ea, ia), (b, eb, ib) in zip(starts, starts[1:]):
            if a == b:
                raise sidecar_error(doc, f"[[document]] {ea['id']!r} and {eb['id']!r} start at the same place",
                                    "document", ib, "start", "give each document its own first line")
        end = len(text)
        first = starts[0][0]
        if text[:first].strip():
            doc.add(0, first, "front", self.name)
            doc.add(0, first, "div", self.name, type="front")
        doc.add(first if text[:first].strip() else 0, end, "body", self.name)
        for n, (start, entry, index) in enumerate(starts, 1):
            stop = starts[n][0] if n < len(starts) else end
            if n == 1 and not text[:first].strip():
                start = 0            # leading blank lines belong to the first document
            kind = entry.get("type", "")
            attrs = {"type": "cover"} if kind == "cover" else {"type": "document"}
            if kind and kind != "cover":
                attrs["subtype"] = kind
            attrs["xml_id"] = entry["id"]
            attrs["n"] = str(n)
            meta_refs = [f"#mi-{entry['id']}"] if index >= 0 else []
            if kind == "telegram" or entry.get("sender") or entry.get("addressee"):
                meta_refs.append(f"#cd-{entry['id']}")
            if meta_refs:
                attrs["decls"] = " ".join(meta_refs)
            doc.add(start, stop, "div", self.name, **attrs)
            for h, quote in enumerate(entry.get("head", [])):
                at = text.find(quote, start, stop)       # a literal: no regex to compile per heading
                if at == -1:
                    raise sidecar_error(doc, f"[[document]] {entry['id']!r} head {quote!r} is not in the document",
                                        "document", index, "head", "quote a heading line inside this document")
                hs, he = at, at + len(quote)
                head_attrs = {"type": "label"} if LABEL.match(quote) else {}
                with from_entry(doc, "document", index, "head"):
                    doc.add(hs, he, "head", self.name, **head_attrs)
