"""Files for reuse: each TEI file and source text, and one deterministic corpus zip.

Runs before the pages (they link the files and show the zip's size). The
zip is byte-identical for identical inputs: entries sorted, fixed timestamp
(1980-01-01, the zip epoch), fixed permissions, fixed compression level.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

ZIP_NAME = "honkoku-corpus.zip"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def corpus_files(tei_dir: Path, sources_dir: Path | None) -> list[tuple[str, Path]]:
    """(name in the site's downloads/ and in the zip, file) for every TEI file and source .txt/.toml."""
    files = [(f"tei/{p.name}", p) for p in sorted(Path(tei_dir).glob("*.xml"))]
    if sources_dir and Path(sources_dir).is_dir():
        files += [(f"sources/{p.name}", p) for p in sorted(Path(sources_dir).iterdir())
                  if p.suffix in (".txt", ".toml") and p.is_file()]
    return files


def corpus_zip(files: list[tuple[str, Path]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, path in sorted(files):
            info = zipfile.ZipInfo(f"honkoku-corpus/{name}", ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes(), compresslevel=9)
    return buf.getvalue()


def human_size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"
