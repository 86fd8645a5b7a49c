"""Empty boxes: ``[]`` runs, OCR placeholders for holes and blank boxes in the scan.

``[] [] []`` → ``<gap reason="nontext" quantity="3" unit="box"><desc>[] [] []</desc></gap>``

Not text: kept in ``desc`` for the diplomatic view, never searched. Runs
before page breaks, which look through a box-only block (``ア\n\n[]\n\nドレフ``).
"""
from __future__ import annotations

import regex

from ..model import Document
from . import Pass

BOXES = regex.compile(r"\[\](?:[ \u3000]*\[\])*")   # [] or [] [] [] (not [REDACTED]; a tab separates cells)


class Boxes(Pass):
    name = "boxes"
    priority = 115
    EXAMPLE = "[] [] []"

    def apply(self, doc: Document) -> None:
        for m in BOXES.finditer(doc.text):
            if doc.covered(m.start(), m.end(), "fw", "figure", "gap"):
                continue
            count = str(m[0].count("[]"))
            doc.add(m.start(), m.end(), "gap", self.name, reason="nontext", quantity=count, unit="box")
            doc.add(m.start(), m.end(), "desc", self.name)
