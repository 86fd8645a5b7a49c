"""Build one source as an editor would have it, and check the TEI or the error (shared by the tests)."""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

from lxml import etree

from honkoku.convert import convert
from honkoku.errors import UserError
from honkoku.tei.recover import recover_text
from honkoku.tei.safe import parser
from teicheck import NS, reference_errors, schema_errors, transcription

SQUASH = re.compile(r"\s+")


def squash(text: str) -> str:
    return SQUASH.sub("", text)


def is_subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(ch in it for ch in needle)


def build_one(source_id: str, data: bytes, toml: str | bytes | None):
    """convert() on files as an editor would have them (the sidecar as text, or as bytes in any
    encoding); returns (doc, tei bytes) or raises."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "sources"
        folder.mkdir()
        txt = folder / f"{source_id}.txt"
        txt.write_bytes(data)
        if isinstance(toml, bytes):
            txt.with_suffix(".toml").write_bytes(toml)
        elif toml is not None:
            txt.with_suffix(".toml").write_text(toml, encoding="utf-8", errors="surrogatepass")
        return convert(txt, Path(tmp))


def check_tei(schema, doc, data: bytes) -> None:
    root = etree.fromstring(data, parser())
    problems = schema_errors(schema, root) + reference_errors(root)
    assert not problems, "\n".join(problems[:10])
    text_el = root.find("tei:text", NS)
    witness = doc.text
    recovered = recover_text(text_el)
    assert squash(recovered) == squash(witness.replace("\f", "")), "the TEI lost or added characters"
    assert is_subsequence(squash(transcription(text_el)), squash(witness)), "the transcription invents text"


def check_problems(err: UserError, source_id: str = "doc") -> None:
    assert err.problems
    for prob in err.problems:
        assert prob.path.endswith((f"{source_id}.txt", f"{source_id}.toml")) or "sources" in prob.path, prob
        assert prob.line >= 1 and prob.col >= 1, prob
        assert prob.message.strip(), prob
        assert re.match(r"^.+:\d+:\d+: error: .+", str(prob)), prob


def file_tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by its relative path: two builds compare as two dicts."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
