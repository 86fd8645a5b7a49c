"""Files for reuse: each TEI file and source text, and one deterministic corpus zip.

Runs before the pages (they link the files and show the zip's size). The
zip is byte-identical for identical inputs: entries sorted, fixed timestamp
(1980-01-01, the zip epoch), fixed permissions, fixed compression level.

The compression level is 1, zlib's fastest: on the generated 1,000-document
corpus (38 MB of TEI and sources) it takes 0.39 s of CPU instead of 0.74 s at
level 9, for an archive of 12.1 MB instead of 10.7 MB (+13 %). The zip is
made again on every build, and downloaded rarely; level 9 cost a third of
all the time of `honkoku site --no-mkdocs` spent on pages.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Callable

ZIP_NAME = "honkoku-corpus.zip"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
ZIP_LEVEL = 1


def corpus_files(tei_dir: Path, sources_dir: Path | None) -> list[tuple[str, Path]]:
    """(name in the site's downloads/ and in the zip, file) for every TEI file and source .txt/.toml."""
    files = [(f"tei/{p.name}", p) for p in sorted(Path(tei_dir).glob("*.xml"))]
    if sources_dir and Path(sources_dir).is_dir():
        files += [(f"sources/{p.name}", p) for p in sorted(Path(sources_dir).iterdir())
                  if p.suffix in (".txt", ".toml") and p.is_file()]
    return files


def corpus_zip(files: list[tuple[str, Path]], each: Callable[[str, bytes], object] | None = None) -> bytes:
    """The corpus zip of ``files``; ``each(name, data)`` is called with every file's bytes as it is
    read, so the caller can publish the file too without reading it again."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL) as zf:
        for name, path in sorted(files):
            data = path.read_bytes()
            if each is not None:
                each(name, data)
            info = zipfile.ZipInfo(f"honkoku-corpus/{name}", ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data, compresslevel=ZIP_LEVEL)
    return buf.getvalue()


def human_size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"
