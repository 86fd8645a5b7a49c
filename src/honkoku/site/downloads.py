"""Files for reuse: each TEI file and source text, and one deterministic corpus zip.

Runs before the pages (they link the files and show the zip's size). The
zip is byte-identical for identical inputs: entries sorted, fixed timestamp
(1980-01-01, the zip epoch), fixed permissions, fixed compression level.

After an edit, the zip is made from the last one (``previous``): an entry whose
file's bytes are those recorded with it (SHA-256) is copied as it was written
(local header and compressed data), and only the others are compressed. The
copy is the bytes zipfile would write again (same name, date, level, zlib), so
the archive is the one a clean build writes; the caller keys the record by
honkoku's code and zlib's and Python's versions, and by the zip's own stats.

The compression level is 1, zlib's fastest: on the generated 1,000-document
corpus (38 MB of TEI and sources) it takes 0.39 s of CPU instead of 0.74 s at
level 9, for an archive of 12.1 MB instead of 10.7 MB (+13 %). The zip is
made again on every build, and downloaded rarely; level 9 cost a third of
all the time of `honkoku site --no-mkdocs` spent on pages.
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import struct
import sys
import zipfile
import zlib
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


def reuse_key(code: str) -> str:
    """What the compressed bytes of an unchanged entry depend on, besides the file: honkoku's code (this
    module's settings), zlib's version and Python's (zipfile's headers)."""
    return "\x00".join((code, zlib.ZLIB_RUNTIME_VERSION, sys.version, str(ZIP_LEVEL)))


def corpus_zip(files: list[tuple[str, Path]], each: Callable[[str, bytes], object] | None = None,
               previous: tuple[Path, dict[str, str]] | None = None, digests: dict[str, str] | None = None) -> bytes:
    """The corpus zip of ``files``; ``each(name, data)`` is called with every file's bytes as it is
    read, so the caller can publish the file too without reading it again. ``previous``: the last zip
    this code wrote and its files' SHA-256 by name (the ``digests`` it filled): an entry whose file is
    unchanged is copied from it instead of compressed."""
    with contextlib.ExitStack() as stack:
        last = None
        if previous:
            try:
                last = stack.enter_context(open(previous[0], "rb"))
            except OSError:
                pass
        old = _old_entries(last, previous[1]) if last is not None else {}
        return _write(files, each, digests, old, last)


def _write(files, each, digests, old, last) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL) as zf:
        for name, path in sorted(files):
            data = path.read_bytes()
            if each is not None:
                each(name, data)
            sha = hashlib.sha256(data).hexdigest()
            if digests is not None:
                digests[name] = sha
            info = zipfile.ZipInfo(f"honkoku-corpus/{name}", ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            kept = old.get(name)
            if kept is not None and kept[0] == sha and _copy_entry(zf, info, data, last, *kept[1:]):
                continue
            zf.writestr(info, data, compresslevel=ZIP_LEVEL)
    return buf.getvalue()


LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")        # zipfile.structFileHeader


def _old_entries(fh, recorded: dict[str, str]) -> dict[str, tuple[str, zipfile.ZipInfo, int, int]]:
    """name -> (recorded SHA-256, entry, offset and length of its local header and compressed data) in
    the last zip (open as ``fh``; the bytes are read when copied, one entry at a time); empty if it
    cannot be read as a zip."""
    out = {}
    try:
        with zipfile.ZipFile(fh) as old:
            for info in old.infolist():
                name = info.filename.removeprefix("honkoku-corpus/")
                if name not in recorded or info.flag_bits & 0x08 or info.compress_type != zipfile.ZIP_DEFLATED:
                    continue
                fh.seek(info.header_offset)
                fields = LOCAL_HEADER.unpack(fh.read(LOCAL_HEADER.size))
                if fields[0] != zipfile.stringFileHeader:
                    continue
                out[name] = (recorded[name], info, info.header_offset,
                             LOCAL_HEADER.size + fields[10] + fields[11] + info.compress_size)
    except (OSError, zipfile.BadZipFile, struct.error):
        return {}
    return out


def _copy_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes, last, old: zipfile.ZipInfo,
                offset: int, length: int) -> bool:
    """Append an entry written by an earlier ``writestr`` of the same ``info`` and ``data``: the bytes are
    those writestr would write, and ``info`` gets the fields writestr sets (for the central directory,
    which zipfile writes on close from ``zf.filelist``). False if the old entry is not for ``data``."""
    if old.file_size != len(data) or old.CRC != zlib.crc32(data):
        return False
    try:
        last.seek(offset)
        raw = last.read(length)
    except OSError:
        return False
    if len(raw) != length:
        return False
    info.file_size, info.CRC, info.compress_size = old.file_size, old.CRC, old.compress_size
    info._compresslevel = ZIP_LEVEL
    zf.fp.seek(zf.start_dir)
    info.header_offset = zf.fp.tell()
    zf.fp.write(raw)
    zf.start_dir = zf.fp.tell()
    zf.filelist.append(info)
    zf.NameToInfo[info.filename] = info
    zf._didModify = True
    return True


def human_size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"
