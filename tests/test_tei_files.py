"""Every file in tei/ is valid TEI, internally consistent, lossless and up to date."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from honkoku.convert import convert
from honkoku.tei.recover import recover_file
from teicheck import NS, reference_errors, schema_errors, transcription

ROOT = Path(__file__).resolve().parent.parent
REGISTER_FILE = ROOT / "tei" / "registers.xml"          # the registers as TEI: no source of its own
TEI_FILES = sorted((ROOT / "tei").glob("*.xml"))          # every TEI file, registers.xml included
SOURCES = sorted((ROOT / "sources").glob("*.txt"))


def test_every_source_has_its_tei():
    assert SOURCES, "no sources"
    assert [p.stem for p in TEI_FILES if p != REGISTER_FILE] == [p.stem for p in SOURCES]


def test_register_file_is_up_to_date():
    from honkoku import registers
    from honkoku.tei.standoff import register_file
    regs = registers.load(ROOT / "registers", "registers")
    if not regs:
        assert not REGISTER_FILE.exists(), "tei/registers.xml without registers/: delete it"
        return
    assert REGISTER_FILE.read_bytes() == register_file(regs), "run `honkoku tei` and commit tei/registers.xml"


@pytest.mark.parametrize("path", TEI_FILES, ids=lambda p: p.stem)
def test_valid_against_tei_all(path, tei_schema):
    root = etree.parse(str(path)).getroot()
    errors = schema_errors(tei_schema, root) + reference_errors(root)
    assert not errors, "\n".join(errors[:20])


@pytest.mark.parametrize("txt", SOURCES, ids=lambda p: p.stem)
def test_tei_is_up_to_date(txt):
    """tei/ is generated and committed: it must be what the build makes now."""
    _, data = convert(txt, ROOT)
    assert (ROOT / "tei" / f"{txt.stem}.xml").read_bytes() == data, "run `make site` (or honkoku tei) and commit tei/"


@pytest.mark.parametrize("txt", SOURCES, ids=lambda p: p.stem)
def test_nothing_lost(txt):
    source = txt.read_text(encoding="utf-8")
    recovered = recover_file(ROOT / "tei" / f"{txt.stem}.xml")
    squash = lambda s: re.sub(r"\s+", "", s)  # noqa: E731 - whitespace may differ, characters may not
    assert squash(recovered) == squash(source)
    # the recovered text has the source's lines, in order
    lines = [line.strip() for line in source.splitlines() if line.strip()]
    rec_lines = [line.strip() for line in recovered.splitlines() if line.strip()]
    assert len(rec_lines) >= len(lines) - 5
    # and the transcription (editorial additions excluded) holds every non-syntax character in order
    text_el = etree.parse(str(ROOT / "tei" / f"{txt.stem}.xml")).getroot().find("tei:text", NS)
    kept = squash(transcription(text_el))
    witness = squash(re.sub(r"~~|</?p>|^- |^\|", "", source, flags=re.M)).replace("|", "")
    assert kept == witness.replace("--\t---\t--", "").replace("------", "") or _subsequence(witness, kept)


def _subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(ch in it for ch in needle)


def test_build_is_deterministic(tmp_path):
    from honkoku.build import build_tei
    a, b = tmp_path / "a", tmp_path / "b"
    build_tei(ROOT / "sources", a)
    build_tei(ROOT / "sources", b)
    for f in a.glob("*.xml"):
        assert f.read_bytes() == (b / f.name).read_bytes()
