"""A finding: one thing an editor should look at, at a place in a source or its sidecar.

Printed as ``path:line:col: severity: message [category] (hint: …)``, the form
compilers use and editors' tools can jump to. ``severity`` is ``error`` (the
build fails on it), ``warning`` (the TEI is probably wrong or incomplete) or
``info`` (worth a look). ``offset`` is the character offset in the source text
(None for findings about the sidecar); the worklist turns it into a link.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

SEVERITIES = ("error", "warning", "info")
# Categories of findings about a place in the text (the ones [[reviewed]] can accept).
TEXT_CATEGORIES = ("page-break", "garble", "handwriting", "brackets", "deletion", "name", "speaker", "date",
                   "division", "page-number", "entity", "register", "kana", "page", "build")


@dataclass
class Finding:
    path: str
    line: int
    col: int
    severity: str
    category: str
    message: str
    hint: str = ""
    end_line: int = 0            # last line of a region (garble, …); 0 for a single place
    offset: int | None = None    # character offset in the source text
    anchor: str = ""             # xml:id of the TEI element holding the place (p-L34, pb-L129, d3)
    source_id: str = ""

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"

    @property
    def lines(self) -> str:
        return f"{self.line}–{self.end_line}" if self.end_line and self.end_line != self.line else str(self.line)

    def __str__(self) -> str:
        text = f"{self.where}: {self.severity}: {self.message} [{self.category}]"
        return f"{text} (hint: {self.hint})" if self.hint else text

    def to_json(self) -> dict:
        data = asdict(self)
        data["file"] = data.pop("path")
        return data

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.col, SEVERITIES.index(self.severity), self.category, self.message)
