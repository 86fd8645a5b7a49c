"""Skip work whose inputs have not changed: content hashes and a per-stage manifest.

A stage (sources -> TEI, TEI -> pages …) gives each item (a document, a
page) a **key**: the hash of everything its output depends on — the input
files' bytes, the shared inputs (registers), and the code that makes it
(``code_version``). The manifest remembers, per item, the key its outputs
were made from and the outputs' size and mtime. An item is fresh when its
key is the recorded one and its outputs are still the files written then;
anything else (an edited source, an edited register, a new honkoku, an output
deleted or edited by hand) makes it run again. Inputs are compared by
content, never by date.

The manifest is a SQLite file in ``.honkoku-cache/`` (not part of the
edition: gitignored, safe to delete — the next build is then a full one).
Records are committed as work completes, so a build that is killed resumes
where it stopped.

Typical use by a stage::

    with Cache.open(project_root) as cache:
        stage = cache.stage("site", out_dir)
        code = code_version("site")
        for page in pages:
            key = digest(code, file_digest(page.tei))
            if stage.fresh(page.id, key, [page.out]):
                continue
            render(page)
            stage.record(page.id, key, [page.out])
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from . import __version__

CACHE_DIR = ".honkoku-cache"
SCHEMA = 1
PACKAGE = Path(__file__).resolve().parent


def digest(*parts: bytes | str) -> str:
    """SHA-256 of the parts, each length-prefixed (so ("ab", "c") and ("a", "bc") differ)."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def file_digest(path: Path | str | None) -> str:
    """Hash of a file's bytes; a missing file (an optional sidecar) hashes as "absent"."""
    if path is None:
        return "absent"
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except FileNotFoundError:
        return "absent"
    except OSError as exc:          # a folder or an unreadable file: never fresh, so the build reports it
        return f"unreadable:{type(exc).__name__}"


def files_digest(paths: Iterable[Path], relative_to: Path | None = None) -> str:
    """Hash of several files, names included (renaming a register file changes it)."""
    parts: list[str] = []
    for p in sorted(Path(x) for x in paths):
        parts += [str(p.relative_to(relative_to)) if relative_to else p.name, file_digest(p)]
    return digest(*parts)


# Package folders that only the site stage reads: editing them does not make TEI stale.
SITE_ONLY = ("site",)


@lru_cache(maxsize=None)
def code_version(scope: str = "tei") -> str:
    """Hash of honkoku's own files that a stage's output depends on, with ``__version__``.

    ``tei``: every file of the package except the site renderer (``site/``);
    ``site``: every file. Editing a pass rebuilds every document; editing a
    template rebuilds every page but no TEI.
    """
    if scope not in ("tei", "site"):
        raise ValueError(f"unknown scope {scope!r}")
    files = []
    for p in sorted(PACKAGE.rglob("*")):
        rel = p.relative_to(PACKAGE)
        if not p.is_file() or "__pycache__" in rel.parts or p.suffix in (".pyc", ".pyo"):
            continue
        if scope == "tei" and rel.parts[0] in SITE_ONLY:
            continue
        files.append(p)
    return digest(__version__, scope, files_digest(files, PACKAGE))


@dataclass(frozen=True)
class Entry:
    key: str
    outputs: tuple[tuple[str, int, int], ...]   # (path, size, mtime_ns) when recorded
    data: Any = None                            # what the stage wants back when skipping (warnings …)


def _stat(path: Path) -> tuple[str, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return str(path), st.st_size, st.st_mtime_ns


class Stage:
    """The manifest of one stage writing into one folder: item name -> Entry."""

    def __init__(self, cache: "Cache", name: str):
        self.cache = cache
        self.name = name
        rows = cache.db.execute("SELECT item, key, outputs, data FROM entries WHERE stage = ?", (name,))
        self.entries: dict[str, Entry] = {
            item: Entry(key, tuple(tuple(o) for o in json.loads(outputs)), json.loads(data) if data else None)
            for item, key, outputs, data in rows}
        self.pending = 0

    def get(self, item: str) -> Entry | None:
        return self.entries.get(item)

    def fresh(self, item: str, key: str, outputs: Iterable[Path]) -> bool:
        """The item's outputs were made from ``key`` and are still exactly as written then."""
        entry = self.entries.get(item)
        if entry is None or entry.key != key:
            return False
        recorded = {o[0]: o for o in entry.outputs}
        for path in outputs:
            now = _stat(Path(path))
            if now is None or recorded.get(str(path)) != now:
                return False
        return True

    def record(self, item: str, key: str, outputs: Iterable[Path], data: Any = None) -> None:
        stats = tuple(s for s in (_stat(Path(p)) for p in outputs) if s is not None)
        entry = Entry(key, stats, data)
        self.entries[item] = entry
        self.cache.db.execute("INSERT OR REPLACE INTO entries (stage, item, key, outputs, data) VALUES (?, ?, ?, ?, ?)",
                              (self.name, item, key, json.dumps(stats), json.dumps(data) if data is not None else None))
        self._tick()

    def forget(self, item: str) -> None:
        self.entries.pop(item, None)
        self.cache.db.execute("DELETE FROM entries WHERE stage = ? AND item = ?", (self.name, item))
        self._tick()

    def items(self) -> list[str]:
        return sorted(self.entries)

    def _tick(self) -> None:
        self.pending += 1
        if self.pending >= 200:          # commit as work completes: a killed build keeps what it did
            self.commit()

    def commit(self) -> None:
        self.cache.db.commit()
        self.pending = 0


class Cache:
    """The ``.honkoku-cache`` folder of a project: the manifest and a staging area."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        gitignore = self.folder / ".gitignore"
        if not gitignore.exists():
            gitignore.write_text("# honkoku's build cache: safe to delete\n*\n", encoding="utf-8")
        self.db = sqlite3.connect(self.folder / "manifest.sqlite", timeout=60)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA:
            self.db.execute("DROP TABLE IF EXISTS entries")
            self.db.execute(f"PRAGMA user_version = {SCHEMA}")
        self.db.execute("CREATE TABLE IF NOT EXISTS entries (stage TEXT, item TEXT, key TEXT, outputs TEXT, "
                        "data TEXT, PRIMARY KEY (stage, item))")
        self.db.commit()

    @classmethod
    def open(cls, root: Path) -> "Cache":
        return cls(Path(root) / CACHE_DIR)

    def stage(self, name: str, out: Path | None = None) -> Stage:
        """The manifest of stage ``name`` writing into ``out`` (two output folders never share records)."""
        return Stage(self, f"{name}:{Path(out).resolve()}" if out is not None else name)

    def staging(self, name: str) -> Path:
        """A folder for outputs made but not yet published (kept across a killed or failed build)."""
        folder = self.folder / "staged" / digest(name)[:16]
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def close(self) -> None:
        self.db.commit()
        self.db.close()

    def __enter__(self) -> "Cache":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_cache(root: Path) -> tuple[Cache, Path | None]:
    """The project's cache; a fresh one if its manifest is corrupt; a throwaway one if it cannot be used
    (a read-only project, a manifest locked by another build for over a minute)."""
    try:
        return Cache.open(root), None
    except sqlite3.DatabaseError as exc:
        if type(exc) is sqlite3.DatabaseError:          # "file is not a database": start afresh
            shutil.rmtree(root / CACHE_DIR, ignore_errors=True)
            try:
                return Cache.open(root), None
            except (OSError, sqlite3.Error):
                pass
    except OSError:
        pass
    tmp = Path(tempfile.mkdtemp(prefix="honkoku-cache-"))
    return Cache(tmp), tmp
