"""Furniture the editor declares: web page furniture, stamps, garbled printed forms.

``[[furniture]]`` → ``<fw type place>`` (kept, out of the reading text);
``[[stamp]]`` → ``<figure type="stamp"><p><stamp type>``;
``[[form]]`` → ``<figure type="form"><figDesc/><ab><unclear reason="garbled">``
for OCR garble of a printed grid: witness kept, never presented as prose.
Runs before page breaks and paragraphs, so the blocks it claims get no ``<p>``.
"""
from __future__ import annotations

from ..anchors import Anchor, AnchorError, resolve
from ..model import Document, Insert
from ..sidecar import ANCHOR_KEYS, Key, Table
from . import Pass, anchored, from_entry, sidecar_entries, sidecar_error

FURNITURE = Table("furniture", "Page furniture: running titles, web page chrome, catchwords.", ANCHOR_KEYS + (
    Key("type", str, "kind of furniture", "web", choices=("header", "footer", "web", "pageNum", "catch", "sig")),
    Key("place", str, "where on the page", "top", choices=("top", "bottom", "margin")),
), many=True)

STAMP = Table("stamp", "A stamped or boxed area: classification, retention, copy number.", ANCHOR_KEYS + (
    Key("type", str, "what the stamp records", "classification",
        choices=("classification", "retention", "copy", "series", "date", "receipt", "other")),
), many=True)

FORM = Table("form", "A printed form garbled by OCR, kept as unreadable form furniture.", (
    Key("start", str, "quote of its first line", "外儀官", required=True),
    Key("end", str, "quote of its last line", "調", required=True),
    Key("end_occurrence", int, "which match of end after start, if not the first", 2),
    Key("desc", str, "what the form is", "Distribution grid of the telegram form, OCR garbled"),
), many=True)


class Furniture(Pass):
    name = "furniture"
    priority = 105
    SIDECAR = (FURNITURE, STAMP, FORM)
    EXAMPLE = '[[furniture]]\nquote = "見出し画像"\ntype = "web"\nplace = "top"'

    def apply(self, doc: Document) -> None:
        for _, entry, start, end in anchored(doc, "furniture"):
            doc.add(start, end, "fw", self.name, type=entry.get("type", "header"), place=entry.get("place", "top"))
        self._stamps(doc)
        self._forms(doc)

    def _stamps(self, doc: Document) -> None:
        blocks = doc.physical_blocks()
        framed: set[tuple[int, int]] = set()
        for _, entry, start, end in anchored(doc, "stamp"):
            block = next(((s, e) for s, e in blocks if s <= start and end <= e), None)
            if block and block not in framed:
                framed.add(block)
                doc.add(*block, "figure", self.name, type="stamp")
                doc.add(*block, "p", self.name, xml_id=doc.line_id("p", block[0]))
            doc.add(start, end, "stamp", self.name, type=entry.get("type", "other"))

    def _forms(self, doc: Document) -> None:
        for i, entry in enumerate(sidecar_entries(doc, "form")):
            try:
                start, _ = resolve(doc.text, Anchor(entry["start"]))
                tail = doc.text[start:]
                _, end = resolve(tail, Anchor(entry["end"], occurrence=entry.get("end_occurrence", 1)))
            except AnchorError as exc:
                raise sidecar_error(doc, f"[[form]] entry {i + 1}: {exc}", "form", i, "start", exc.hint) from None
            end += start
            desc = entry.get("desc", "Printed form, OCR garbled")
            with from_entry(doc, "form", i, "start"):
                doc.add(start, end, "figure", self.name, type="form", before=(Insert("figDesc", (), desc),))
                for s, e in doc.physical_blocks():
                    if start <= s and e <= end:
                        doc.add(s, e, "ab", self.name)
                        doc.add(s, e, "unclear", self.name, reason="garbled")
