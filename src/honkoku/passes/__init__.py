"""Annotation passes: each reads the text and the spans so far, and adds spans.

Passes run by ``priority`` in bands:
1xx page furniture and divisions (documents, furniture, running_headers, boxes, page_breaks)
2xx structure (tables, lists, speakers, paragraphs)
3xx editorial (redactions, deletions, hands, corrections, spacing, kana)
4xx semantic (dates, entities)

A pass module holds everything about its annotation kind: its regexes, its
sidecar table (``SIDECAR``), an ``EXAMPLE`` for the docs, and ``respell`` to
write its marker syntax back when the source text is recovered from TEI.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Any, ClassVar, Iterator

from lxml import etree

from ..anchors import AnchorError, resolve
from ..errors import UserError
from ..model import Document
from ..sidecar import Table


class Pass:
    """One annotation kind: reads text and spans, adds spans."""

    name: ClassVar[str]
    priority: ClassVar[int]
    SIDECAR: ClassVar[tuple[Table, ...]] = ()
    EXAMPLE: ClassVar[str] = ""          # a source sample, shown with its TEI in the docs

    def apply(self, doc: Document) -> None:
        raise NotImplementedError

    @staticmethod
    def respell(el: etree._Element, tag: str) -> tuple[str, str] | None:
        """Marker syntax to write around ``el`` when recovering the source, or None."""
        return None


def sidecar_entries(doc: Document, table: str) -> list[dict[str, Any]]:
    sc = doc.meta.get("sidecar")
    value = sc.data.get(table, []) if sc else []
    return value if isinstance(value, list) else []


def sidecar_table(doc: Document, table: str) -> dict[str, Any]:
    sc = doc.meta.get("sidecar")
    value = sc.data.get(table, {}) if sc else {}
    return value if isinstance(value, dict) else {}


def anchored(doc: Document, table: str, quote_key: str = "quote") -> Iterator[tuple[int, dict[str, Any], int, int]]:
    """(index, entry, start, end) for each ``[[table]]`` entry, or a UserError naming the quote.

    An entry with ``until`` runs from its quote to the end of the first match
    of ``until`` after it: a region of several paragraphs without quoting them whole.
    """
    sc = doc.meta["sidecar"]
    for i, entry in enumerate(sidecar_entries(doc, table)):
        try:
            start, end = resolve(doc.text, sc.anchor(entry, quote_key))
        except AnchorError as exc:
            raise sc.problem(f"[[{table}]] entry {i + 1}, {quote_key}: {exc}", table, i, quote_key, exc.hint) from None
        if entry.get("until"):
            stop = doc.text.find(entry["until"], end)
            if stop == -1:
                raise sc.problem(f"[[{table}]] entry {i + 1}: until {entry['until']!r} is not found after the quote",
                                 table, i, "until", "quote text that follows the quote in the source")
            end = stop + len(entry["until"])
        marker = next((g for g in doc.overlapping(start, end, "gap") if not start <= g.start <= g.end <= end), None)
        if marker is not None:
            raise sc.problem(f"[[{table}]] entry {i + 1}, {quote_key}: the quote cuts into the marker "
                             f"{doc.text[marker.start:marker.end]!r} (source line {doc.line_of(marker.start)}), "
                             "which stands for text that is not there", table, i, quote_key,
                             "quote text before or after the marker, or around the whole marker")
        with from_entry(doc, table, i, quote_key):
            yield i, entry, start, end


@contextmanager
def from_entry(doc: Document, table: str, index: int, key: str = "quote") -> Iterator[None]:
    """Spans added inside come from sidecar entry ``index`` of ``[[table]]`` (``#entry``): if one cannot
    nest, the weaver names that entry in its error."""
    first = len(doc.spans)
    yield
    for span in doc.spans[first:]:
        span.attrs.setdefault("#entry", f"{table}:{index}:{key}")


def sidecar_error(doc: Document, message: str, table: str, index: int | None = None, key: str | None = None,
                  hint: str = "") -> UserError:
    return doc.meta["sidecar"].problem(message, table, index, key, hint)


from .documents import Documents          # noqa: E402
from .furniture import Furniture          # noqa: E402
from .running_headers import RunningHeaders  # noqa: E402
from .boxes import Boxes                  # noqa: E402
from .page_breaks import PageBreaks       # noqa: E402
from .tables import Tables                # noqa: E402
from .lists import Lists                  # noqa: E402
from .speakers import Speakers            # noqa: E402
from .paragraphs import Paragraphs        # noqa: E402
from .redactions import Redactions        # noqa: E402
from .deletions import Deletions          # noqa: E402
from .hands import Hands                  # noqa: E402
from .corrections import Corrections      # noqa: E402
from .spacing import Spacing              # noqa: E402
from .kana import Kana                    # noqa: E402
from .width import Width                  # noqa: E402
from .dates import Dates                  # noqa: E402
from .entities import Entities            # noqa: E402

ALL: tuple[type[Pass], ...] = (
    Documents, Furniture, RunningHeaders, Boxes, PageBreaks,
    Tables, Lists, Speakers, Paragraphs,
    Redactions, Deletions, Hands, Corrections, Spacing,
    Kana, Width, Dates, Entities,
)


def pipeline(only: set[str] | None = None) -> list[Pass]:
    chosen = [p for p in ALL if only is None or p.name in only]
    return [p() for p in sorted(chosen, key=lambda p: p.priority)]


def run(doc: Document, only: set[str] | None = None) -> Document:
    for p in pipeline(only):
        p.apply(doc)
    return doc
