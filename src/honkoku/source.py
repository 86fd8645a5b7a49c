"""Read ``sources/<id>.txt`` (the witness) and its sidecar into a Document."""
from __future__ import annotations

import codecs
import re
from pathlib import Path

import regex

from . import sidecar as sidecar_mod
from .files import read_bytes
from .errors import UserError, line_col
from .model import Document

SAFE_ID = regex.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")
RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}

# Characters XML 1.0 cannot carry (form feed is read as a page break instead); surrogates are \p{Cs}.
# The standard library's re scans a plain character set five times faster than regex.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")

# Byte patterns that name an encoding better than "invalid UTF-8".
SNIFFERS = (
    ("utf-16", regex.compile(rb"\A(?:\xff\xfe|\xfe\xff)")),
    ("utf-16", regex.compile(rb"\A(?:[\x20-\x7e]\x00){4}|\A(?:\x00[\x20-\x7e]){4}")),
    ("euc_jp", regex.compile(rb"(?:[\xa4\xa5][\xa1-\xf6]){3}")),           # kana rows of EUC-JP
    ("shift_jis", regex.compile(rb"(?:\x82[\x9f-\xf1]|\x83[\x40-\x96]){3}")),  # hiragana/katakana in SJIS
)


def check_id(source_id: str, where: str) -> None:
    if not SAFE_ID.fullmatch(source_id) or ".." in source_id or source_id.split(".")[0].lower() in RESERVED:
        raise UserError(where, f"source id {source_id!r} is not a safe file name", 1, 1,
                        "use letters, digits, '-', '_' and '.', e.g. 1986-09-18-inf-asia")


def sniff(data: bytes) -> str | None:
    """The encoding the bytes look like, when they are not UTF-8 (only asked on that error path)."""
    for name, pattern in SNIFFERS:
        if pattern.search(data[:65536]):
            return name
    if len(data) >= 4 and len(data) % 2 == 0:          # UTF-16 without BOM: Japanese text has no NULs to see
        for codec in ("utf-16-le", "utf-16-be"):
            try:
                text = data[:65536].decode(codec)
            except UnicodeDecodeError:
                continue
            readable = regex.findall(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Latin}\p{N}\p{P}\s]", text)
            if len(readable) >= 0.9 * len(text):
                return "utf-16"
    return None


def _where(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset, counting the valid UTF-8 before it."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, len(data[line_start:offset].decode("utf-8", "replace")) + 1


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode(data: bytes, path: str, declared: str | None) -> str:
    """UTF-8 (with or without BOM), or the encoding the sidecar declares."""
    if declared and declared.lower().replace("-", "_") not in ("utf_8", "utf8"):
        try:
            return data.decode(declared)
        except UnicodeDecodeError as exc:
            guess = sniff(data) or ("utf-8" if _is_utf8(data) else None)
            raise UserError(path, f"not {declared}, as the sidecar says: invalid bytes "
                            f"{data[exc.start:exc.end].hex(' ')} at byte {exc.start}", 1, 1,
                            f"this looks like {guess}: fix the sidecar's encoding key" if guess
                            else "check the sidecar's encoding key") from None
        except LookupError:
            raise UserError(path, f"unknown encoding {declared!r}", 1, 1, "check the sidecar's encoding key") from None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        guess = sniff(data)
        line, col = _where(data, exc.start)
        if guess:
            raise UserError(path, f"not UTF-8: this looks like {guess.replace('_', '-').upper()}", line, col,
                            f"convert it to UTF-8, or add encoding = \"{guess}\" to the sidecar") from None
        raise UserError(path, f"not UTF-8: invalid byte 0x{data[exc.start]:02x}", line, col,
                        "save the file as UTF-8, or declare its encoding in the sidecar") from None


def read(txt: Path, display_root: Path | None = None) -> Document:
    """The Document for ``<id>.txt`` and its optional ``<id>.toml``."""
    shown = str(txt if display_root is None else txt.relative_to(display_root)) if display_root else str(txt)
    source_id = txt.stem
    check_id(source_id, shown)
    toml_path = txt.with_suffix(".toml")
    sc = sidecar_mod.read(toml_path, shown[:-4] + ".toml" if shown.endswith(".txt") else str(toml_path))
    data = read_bytes(txt, shown)
    text = decode(data, shown, sc.data.get("encoding"))
    # Line ends: CRLF and lone CR read as LF (whitespace may differ; characters may not).
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = FORBIDDEN.search(text)
    if bad:
        line, col = line_col(text, bad.start())
        raise UserError(shown, f"control character U+{ord(bad[0]):04X} cannot be stored in XML", line, col,
                        "remove it from the text (form feeds are fine: they mark page breaks)")
    doc = Document(source_id, text, meta={"sidecar": sc, "bom": data.startswith(codecs.BOM_UTF8)}, path=shown)
    if not text.strip():
        doc.warn(0, "the source has no text: its TEI holds one empty division")
    return doc
