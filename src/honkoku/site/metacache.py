"""What the site stage reads from each TEI file's header, kept by the file's bytes (issue 4).

Runs inside the page walk (corpus.SourceWalk): before parsing a file, the walk
asks ``MetaCache.lookup`` for what an earlier build read from the same bytes
with the same honkoku (``code_version("site")``): the file's kind (a source,
a file of registers only, or not TEI), its Source without the tree (title,
divisions, dates, hands …) and its share of the about page's header sums
(corpus.HeaderSummary). After an edit, every other file is then hashed
instead of parsed; a page that must be rendered parses its file when it
needs the tree (Source.tree()).

The summaries are rows of the cache's SQLite (table source_meta), read one
at a time as the walk reaches each file and never all held: the walk keeps
each file's Source (as it did before), and its header sums are added into
the corpus' one HeaderSummary. A row is zlib-compressed JSON (about 1 KB for
a generated document). Its key holds the file's name and SHA-256 and
honkoku's code, so a file edited by hand, renamed or read by other code is
parsed again.
"""
from __future__ import annotations

import hashlib
import json
import zlib
from collections import Counter
from pathlib import Path

from .corpus import DateRef, Division, HeaderSummary, Party, Source

TABLE = """CREATE TABLE IF NOT EXISTS source_meta1 (tei TEXT, name TEXT, key TEXT, data BLOB,
                                                   PRIMARY KEY (tei, name)) WITHOUT ROWID"""
AGREE_TABLE = """CREATE TABLE IF NOT EXISTS register_agree1 (tei TEXT, name TEXT, key TEXT,
                                                        PRIMARY KEY (tei, name)) WITHOUT ROWID"""
SOURCE, REGISTERS, OTHER = "source", "registers", "other"      # what a file is to the site


class MetaCache:
    """The source_meta rows of one TEI folder in an open honkoku.cache.Cache; ``digests`` keeps each
    file's SHA-256 as the walk read it, so the page keys need not hash the files again."""

    def __init__(self, cache, tei_dir: Path):
        from ..cache import code_version
        self.db = cache.db
        self.db.execute(TABLE)
        self.db.execute(AGREE_TABLE)
        self.tei = str(Path(tei_dir).resolve())
        self.code = code_version("site")
        self.digests: dict[Path, str] = {}
        self.hits = 0

    def _key(self, path: Path, data: bytes) -> str:
        from ..cache import digest
        sha = self.digests[path] = hashlib.sha256(data).hexdigest()
        return digest(self.code, path.name, sha)

    def lookup(self, path: Path, data: bytes) -> tuple[str, Source | None, HeaderSummary | None] | None:
        """(kind, Source without tree, its header sums) read earlier from exactly these bytes, or None."""
        row = self.db.execute("SELECT key, data FROM source_meta1 WHERE tei = ? AND name = ?",
                              (self.tei, path.name)).fetchone()
        if row is None or row[0] != self._key(path, data):
            return None
        kind, source, about = json.loads(zlib.decompress(row[1]))
        self.hits += 1
        if kind != SOURCE:
            return kind, None, None
        return kind, source_from(source, path), about_from(about)

    def store(self, path: Path, data: bytes, kind: str, source: Source | None = None,
              about: HeaderSummary | None = None) -> None:
        blob = json.dumps([kind, source_to(source) if source else None, about_to(about) if about else None],
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self.db.execute("INSERT OR REPLACE INTO source_meta1 (tei, name, key, data) VALUES (?, ?, ?, ?)",
                        (self.tei, path.name, self._key(path, data), zlib.compress(blob, 1)))

    def keep_only(self, names: set[str]) -> None:
        """Forget the rows of files no longer in the folder."""
        for table in ("source_meta1", "register_agree1"):
            gone = [(self.tei, n) for (n,) in self.db.execute(f"SELECT name FROM {table} WHERE tei = ?", (self.tei,))
                    if n not in names]
            self.db.executemany(f"DELETE FROM {table} WHERE tei = ? AND name = ?", gone)

    def agreements(self, registers_xml: Path) -> "Agreements":
        """Which files were found to agree with these bytes of registers.xml (corpus.gather_registers)."""
        return Agreements(self, registers_xml)


class Agreements:
    """Files whose register entries were found to equal registers.xml's, kept by both files' bytes (and
    honkoku's code): the check parses each file's standOff (1.5 s for 10,000 files), the lookup hashes it.
    All of a folder's rows are read at once: a name and a key per file."""

    def __init__(self, meta: MetaCache, registers_xml: Path):
        from ..cache import digest
        self.meta = meta
        self.db = meta.db
        self.registers = digest(meta.code, hashlib.sha256(registers_xml.read_bytes()).hexdigest())
        self.rows = dict(self.db.execute("SELECT name, key FROM register_agree1 WHERE tei = ?", (meta.tei,)))
        self.new: list[tuple[str, str, str]] = []

    def _key(self, path: Path, data: bytes) -> str:
        from ..cache import digest
        return digest(self.registers, path.name, hashlib.sha256(data).hexdigest())

    def known(self, path: Path, data: bytes) -> bool:
        return self.rows.get(path.name) == self._key(path, data)

    def add(self, path: Path, data: bytes) -> None:
        self.new.append((self.meta.tei, path.name, self._key(path, data)))

    def commit(self) -> None:
        """Keep the verdicts (only when every file agreed: a disagreement reads every file anyway)."""
        self.db.executemany("INSERT OR REPLACE INTO register_agree1 (tei, name, key) VALUES (?, ?, ?)", self.new)
        self.new = []


# -- Source <-> JSON: every field but path and root, tuples and nested dataclasses rebuilt as they were --

def _date_to(d: DateRef | None):
    return None if d is None else [d.when, d.text, d.end]


def _date_from(v) -> DateRef | None:
    return None if v is None else DateRef(*v)


def _parties_to(parties: list[Party]):
    return [[p.name, p.ref] for p in parties]


def _parties_from(v) -> list[Party]:
    return [Party(*p) for p in v]


def _division_to(d: Division) -> dict:
    return {"id": d.id, "n": d.n, "type": d.type, "subtype": d.subtype, "title": d.title, "label": d.label,
            "date": _date_to(d.date), "classes": d.classes, "idnos": [list(i) for i in d.idnos],
            "summary": d.summary, "senders": _parties_to(d.senders), "addressees": _parties_to(d.addressees),
            "places": _parties_to(d.places), "first_page": d.first_page, "last_page": d.last_page}


def _division_from(v: dict) -> Division:
    return Division(v["id"], v["n"], v["type"], v["subtype"], v["title"], v["label"], _date_from(v["date"]),
                    list(v["classes"]), [tuple(i) for i in v["idnos"]], v["summary"], _parties_from(v["senders"]),
                    _parties_from(v["addressees"]), _parties_from(v["places"]), v["first_page"], v["last_page"])


PLAIN = ("id", "title", "subtitle", "institution", "repository", "ms_idno", "licence", "licence_url", "author",
         "original_title", "original_id", "keywords", "language", "hands", "hand_scripts", "categories", "file_classes")


def source_to(s: Source) -> dict:
    out = {name: getattr(s, name) for name in PLAIN}
    out["divisions"] = [_division_to(d) for d in s.divisions]
    # header_dates are the divisions' dates, in order: kept as indexes so they stay the same objects
    index = {id(d.date): i for i, d in enumerate(s.divisions) if d.date is not None}
    out["header_dates"] = [[index[id(date)], div_id] if id(date) in index else [_date_to(date), div_id]
                           for date, div_id in s.header_dates]
    return out


def source_from(v: dict, path: Path) -> Source:
    s = Source(v["id"], path, None, v["title"])
    for name in PLAIN[2:]:
        setattr(s, name, v[name])
    s.divisions = [_division_from(d) for d in v["divisions"]]
    s.header_dates = [(s.divisions[ref].date if isinstance(ref, int) else _date_from(ref), div_id)
                      for ref, div_id in v["header_dates"]]
    return s


def about_to(a: HeaderSummary) -> list:
    return [[[sec, list(c.items())] for sec, c in a.decl.items()], [[gi, n, f] for gi, (n, f) in a.tags.items()],
            [[label, list(cats)] for label, cats in a.categories.items()], list(a.calendars), list(a.apps)]


def about_from(v: list) -> HeaderSummary:
    a = HeaderSummary()
    decl, tags, categories, calendars, apps = v
    for sec, items in decl:
        a.decl[sec] = Counter(dict(items))
    for gi, n, f in tags:
        a.tags[gi] = [n, f]
    for label, cats in categories:
        a.categories[label] = dict.fromkeys(cats)
    a.calendars = dict.fromkeys(calendars)
    a.apps = dict.fromkeys(apps)
    return a
