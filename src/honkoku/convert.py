"""One source to one TEI file: read -> ordered passes -> weave + header -> serialise."""
from __future__ import annotations

from itertools import chain
from pathlib import Path

from . import passes, registers, source
from .model import Document
from .tei.header import build_header
from .tei.standoff import for_document
from .tei.weave import weave_tree
from .tei.xml import Node, to_bytes


def to_tei(doc: Document) -> bytes:
    """The TEI document for a Document whose passes have run (written from light trees, ``tei.xml``)."""
    text_el, nodes = weave_tree(doc)
    header = build_header(doc, text_el, nodes)
    root = Node("TEI")
    root.append(header)
    registered = for_document(doc.meta.get("registers") or registers.EMPTY, chain(header.iter(), nodes))
    if registered is not None:
        root.append(registered)          # the register entries this file points to: self-contained
    for extra in doc.meta.get("standoff", []):
        root.append(extra)
    root.append(text_el)
    return to_bytes(root, lang=next(header.iter("language")).get("ident"))


def load_document(txt: Path, display_root: Path | None = None) -> Document:
    """The source with its sidecar and the registers beside it: what every pass reads."""
    doc = source.read(txt, display_root)
    return with_registers(doc, txt, display_root)


def with_registers(doc: Document, txt: Path, display_root: Path | None = None) -> Document:
    doc.meta.setdefault("registers", registers.for_source(txt, display_root))
    return doc


def convert(txt: Path, display_root: Path | None = None) -> tuple[Document, bytes]:
    doc = load_document(txt, display_root)
    passes.run(doc)
    return doc, to_tei(doc)


def convert_text(text: str, sidecar_toml: str = "", source_id: str = "doc") -> bytes:
    """Convert text held in memory (tests, fuzzing): same pipeline, temporary files."""
    import tempfile
    source.check_id(source_id, f"{source_id}.txt")      # before it becomes a path: "../x" stays in tmp
    with tempfile.TemporaryDirectory() as tmp:
        txt = Path(tmp) / f"{source_id}.txt"
        txt.write_bytes(text.encode("utf-8", "surrogatepass"))     # a lone surrogate is read as the bad byte it is
        if sidecar_toml:
            txt.with_suffix(".toml").write_text(sidecar_toml, encoding="utf-8")
        return convert(txt, Path(tmp))[1]
