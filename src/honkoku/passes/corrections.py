"""Corrections and unclear passages the editor declares.

``[[correction]]`` → ``<choice><sic>米ノ</sic><corr cert="high" resp="#ed-1">米ソ</corr></choice>``;
a correction with ``cert = "low"`` is not made: the passage becomes
``<unclear reason="ocr" cert="low">`` (no silent correction, no wild guess).
``[[unclear]]`` → ``<unclear reason cert>``. An entry's ``note`` (and the reading a
low-certainty correction suggests) goes to a ``<standOff type="editorial-notes">``
as ``<note type="editorial" target="#unc-L34">``. Runs after hands and deletions.
"""
from __future__ import annotations

from ..model import Document, Insert
from ..tei.xml import Node, sub
from ..sidecar import ANCHOR_KEYS, Key, Table
from ..tei.header import responsible_ids
from . import Pass, anchored, sidecar_error

CERT = ("high", "medium", "low")
CORRECTION = Table("correction", "An OCR or typing error: the witness reads quote, the editor reads corr.",
                   ANCHOR_KEYS + (
                       Key("corr", str, "the corrected reading", "米ソ", required=True),
                       Key("cert", str, "certainty of the correction", "high", choices=CERT),
                       Key("resp", str, "who made it: an editor id (ed-1) or app-honkoku", "ed-1"),
                       Key("note", str, "why", "OCR confuses ソ and ノ"),
                   ), many=True)
UNCLEAR = Table("unclear", "A passage whose reading is uncertain.", ANCHOR_KEYS + (
    Key("reason", str, "why it is unclear", "ocr", choices=("ocr", "garbled", "illegible", "faded", "damage")),
    Key("cert", str, "certainty of the transcription", "low", choices=CERT),
    Key("note", str, "the editor's thought, e.g. a possible reading", "perhaps 在米松永大使"),
), many=True)


class Corrections(Pass):
    name = "corrections"
    priority = 330
    SIDECAR = (CORRECTION, UNCLEAR)
    EXAMPLE = '[[correction]]\nquote = "米ノ"\ncorr = "米ソ"\ncert = "high"'

    def apply(self, doc: Document) -> None:
        notes: list[tuple[str, str]] = []
        for i, entry, start, end in anchored(doc, "correction"):
            cert = entry.get("cert", "high")
            if cert == "low":
                ident = doc.line_id("unc", start)
                doc.add(start, end, "unclear", self.name, reason="ocr", cert="low", xml_id=ident)
                notes.append((ident, f"Possible reading, not adopted (certainty low): {entry['corr']}."
                              + (f" {entry['note']}" if entry.get("note") else "")))
                continue
            resp = "#" + entry.get("resp", "ed-1").lstrip("#")
            known = responsible_ids(doc.meta["sidecar"].data)
            if resp[1:] not in known:
                raise sidecar_error(doc, f"[[correction]] entry {i + 1}: resp {entry['resp']!r} is neither an editor "
                                    "nor honkoku", "correction", i, "resp", "use one of: " + ", ".join(sorted(known)))
            corr = Insert("corr", (("cert", cert), ("resp", resp)), entry["corr"])
            attrs = {"xml_id": doc.line_id("corr", start)} if entry.get("note") else {}
            doc.add(start, end, "choice", self.name, after=(corr,), **attrs)
            doc.add(start, end, "sic", self.name)
            if entry.get("note"):
                notes.append((attrs["xml_id"], entry["note"]))
        for _, entry, start, end in anchored(doc, "unclear"):
            attrs = {"xml_id": doc.line_id("unc", start)} if entry.get("note") else {}
            doc.add(start, end, "unclear", self.name, reason=entry.get("reason", "ocr"), cert=entry.get("cert", "low"),
                    **attrs)
            if entry.get("note"):
                notes.append((attrs["xml_id"], entry["note"]))
        if notes:
            doc.meta.setdefault("standoff", []).append(editorial_notes(notes))


def editorial_notes(notes: list[tuple[str, str]]) -> Node:
    """The editor's notes on corrections and unclear readings, pointing to them (kept out of the text)."""
    so = Node("standOff", {"type": "editorial-notes"})
    for target, text in notes:
        note = sub(so, "note", None, {"type": "editorial", "target": f"#{target}", "resp": "#ed-1"})
        if text is not None:
            note.parts.append(text)           # even "": lxml wrote <note …></note>
    return so
