"""Atomic, byte-stable output: write to a temporary file, fsync, rename into place.

A reader (or a build killed half-way) sees each output either whole and old
or whole and new, never truncated. A build killed with SIGKILL can leave a
hidden ``.<name>.*.tmp`` behind; ``sweep_temporaries`` removes old ones.
"""
from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from .errors import UserError

TEMP_PREFIX = "."
TEMP_SUFFIX = ".tmp"


def write_atomic(path: Path, data: bytes, sync: bool = True) -> bool:
    """Write ``data`` to ``path`` atomically; False (and no write) if it already holds exactly that.

    ``sync=False`` skips the fsync, for files that a caller syncs in one go later (``os.sync``
    before publishing thousands of staged files costs one flush instead of one per file).
    """
    path = Path(path)
    try:
        if path.read_bytes() == data:
            return False
    except (FileNotFoundError, IsADirectoryError, PermissionError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)        # mkstemp's 0600 would hide the edition from a web server
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if sync:
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def sweep_temporaries(folder: Path, older_than: float = 60.0) -> list[Path]:
    """Remove the temporary files an interrupted write left in ``folder`` (only ours, only stale ones:
    a build running at the same time may be writing the fresh ones)."""
    removed = []
    if not Path(folder).is_dir():
        return removed
    now = time.time()
    for tmp in Path(folder).glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"):
        try:
            if tmp.is_file() and not tmp.is_symlink() and now - tmp.stat().st_mtime > older_than:
                tmp.unlink()
                removed.append(tmp)
        except FileNotFoundError:
            pass
    return removed


def read_bytes(path: Path, shown: str) -> bytes:
    """The file's bytes, or a UserError naming it (so --keep-going goes on to the next source)."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UserError(shown, f"cannot read this file: {exc.strerror or exc}", 1, 1,
                        "check that it is a readable file") from None
