"""Tables: OCR table rows as TEI tables.

Three row syntaxes, one per block:
- HTML paragraphs as cells (OCR engines emit them): ``<p>a</p>\t<p>b</p>``
  → ``<cell rend="p-tags">a</cell>``; an unterminated ``<p>a`` runs to the
  next ``<p>`` or the line end (``rend="p-open"``); text between cells is a
  cell of its own (``rend="bare"``);
- Markdown pipes: ``| a | b |`` → ``<cell rend="pipe">``;
- tab-separated lines (every line of the block has a tab).
A Markdown separator row (``--\t---``, ``|---|:--|``) is a sign about reading
the table, not content: ``<metamark function="separator">``. The cell syntax
is kept out of the text and written back by ``respell``. Runs before lists
and paragraphs, after page breaks.
"""
from __future__ import annotations

import regex
from lxml import etree

from ..model import FOREIGN, Document
from . import Pass

P_CELL = regex.compile(r"<p>(.*?)(?:</p>|(?=<p>)|$)", regex.MULTILINE)
SEPARATOR = regex.compile(r"^[ \t|]*:?-{2,}:?(?:[ \t|]+:?-{2,}:?)*[ \t|]*$")
P_TAG = regex.compile(r"</?p>")
BAR = regex.compile(r"\|")


def is_pipe_row(line: str) -> bool:
    """``| a | b |``: a bar at both ends (a regex with ``.*`` backtracked quadratically on a long line)."""
    row = line.strip()
    return len(row) >= 2 and row[0] == "|" and row[-1] == "|"


class Tables(Pass):
    name = "tables"
    priority = 200
    EXAMPLE = "<p>起 案 昭和 61年 9月 18日</p>\t<p>決 裁 昭和 年 月 日</p>\n--\t--"

    def apply(self, doc: Document) -> None:
        for block in doc.blocks():
            if (doc.claimed(block.start, block.end) or doc.covered(block.start, block.end, *FOREIGN)
                    or len(block.parts) > 1):
                continue
            text = doc.text[block.start:block.end]
            if "<p>" not in text and "|" not in text and "\t" not in text:
                continue                        # no row syntax: not a table (cheap test first)
            lines = self._lines(doc.text, block.start, block.end)
            kind = self._kind([doc.text[s:e] for s, e in lines])
            if kind:
                self._table(doc, block.start, block.end, lines, kind)

    @staticmethod
    def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
        out, pos = [], start
        for line in text[start:end].split("\n"):
            if line.strip():
                out.append((pos, pos + len(line)))
            pos += len(line) + 1
        return out

    @staticmethod
    def _kind(lines: list[str]) -> str:
        rows = [line for line in lines if not SEPARATOR.match(line)]
        if not rows:
            return ""
        if all(line.lstrip().startswith("<p>") for line in rows):
            return "html"
        if all(is_pipe_row(line) for line in rows) and any(SEPARATOR.match(line) for line in lines):
            return "pipe"
        if len(lines) >= 2 and all("\t" in line.strip() for line in rows):
            return "tab"
        return ""

    def _table(self, doc: Document, start: int, end: int, lines, kind: str) -> None:
        doc.add(start, end, "table", self.name, rend={"html": "html-p", "pipe": "markdown", "tab": "tsv"}[kind])
        for s, e in lines:
            line = doc.text[s:e]
            if SEPARATOR.match(line):
                doc.add(s, e, "metamark", self.name, function="separator")
                continue
            doc.add(s, e, "row", self.name)
            for cs, ce, rend in self._cells(line, kind):
                doc.add(s + cs, s + ce, "cell", self.name, rend=rend)
                if rend in ("p-tags", "p-open"):          # only a cell's own <p> and </p> are syntax
                    doc.omit(s + cs, s + cs + 3, self.name)
                    if rend == "p-tags":
                        doc.omit(s + ce - 4, s + ce, self.name)
            if kind == "pipe":
                for m in BAR.finditer(line):
                    doc.omit(s + m.start(), s + m.end(), self.name)

    @staticmethod
    def _cells(line: str, kind: str):
        if kind == "html":
            pos = 0
            for m in P_CELL.finditer(line):
                yield from Tables._bare(line, pos, m.start())
                closed = line.startswith("</p>", m.end(1))
                yield m.start(), (m.end() if closed else m.end(1)), "p-tags" if closed else "p-open"
                pos = m.end()
            yield from Tables._bare(line, pos, len(line))
        elif kind == "pipe":
            bars = [m.start() for m in BAR.finditer(line)]
            for a, b in zip(bars, bars[1:]):
                cell = line[a + 1:b]
                lead = len(cell) - len(cell.lstrip())
                yield (a + 1 + lead, a + 1 + len(cell.rstrip()), "pipe") if cell.strip() else (a + 1, a + 1, "pipe")
        else:
            pos = 0
            for part in line.split("\t"):
                if part.strip():
                    lead = len(part) - len(part.lstrip())
                    yield pos + lead, pos + len(part.rstrip()), "tab"
                pos += len(part) + 1

    @staticmethod
    def _bare(line: str, start: int, end: int):
        """Text between ``<p>`` cells (``<p>a</p> b``, ``</p></p>``): a cell of its own, so no text is lost."""
        chunk = line[start:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            yield start + lead, start + len(chunk.rstrip()), "bare"

    @staticmethod
    def respell(el: etree._Element, tag: str) -> tuple[str, str] | None:
        rend = el.get("rend")
        if tag == "cell":
            return {"p-tags": ("<p>", "</p>\t"), "p-open": ("<p>", "\t"), "pipe": ("| ", " "),
                    "tab": ("", "\t")}.get(rend, ("", "\t"))
        if tag == "row":
            parent = el.getparent()
            return ("", "|\n") if parent is not None and parent.get("rend") == "markdown" else ("", "\n")
        if tag == "metamark" and el.get("function") == "separator":
            return "", "\n"
        return None
