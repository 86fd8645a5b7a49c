"""The edition's registers: people, places, organisations and terms, kept by the editors.

They live at the project root in ``registers/*.toml`` (one kind a file by
convention: people.toml, places.toml, orgs.toml, terms.toml) and serve every
source: the speakers pass resolves speaker labels through them, the entities
pass links mentions to them, and the build writes them as TEI (a ``standOff``
in each file, and ``tei/registers.xml`` with everything).

Loading validates every key (``schema.py``) and reports problems as
``registers/people.toml:12:1: error: …``. Registers are cached by the hash of
their files' bytes, and each keeps its compiled matcher (``matcher.py``), so a
build of thousands of sources parses and compiles them once.
"""
from __future__ import annotations

import hashlib
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from ..errors import Problem, UserError
from ..sidecar import Table, _valid_date
from .schema import OFFICE, PREFIXES, TABLES

ID = regex.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
WIKIDATA = regex.compile(r"Q[1-9][0-9]*")
VIAF = regex.compile(r"[1-9][0-9]{0,21}")
SOURCE_ID = regex.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")


@dataclass(frozen=True)
class Office:
    role: str
    role_en: str = ""
    labels: tuple[str, ...] = ()
    org: str = ""
    when: str = ""
    start: str = ""              # the TOML key ``from``
    end: str = ""                # the TOML key ``to``
    source: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.role, *self.labels)

    def fits(self, date: str) -> bool:
        """Can the office be meant on ``date`` (ISO: YYYY, YYYY-MM or YYYY-MM-DD)?

        A term (from/to) must overlap the date; an attestation (when) must
        overlap it too (1986-10 and 1986-10-16 do, 1986-10-03 and 1986-10-16
        do not). An office without dates fits every date: the editor chose not
        to date it. An unknown date fits only an undated office.
        """
        if not date:
            return not (self.when or self.start or self.end)
        lo, hi = span(date)
        if self.start or self.end:
            return span(self.start)[0] <= hi and lo <= span(self.end)[1]
        if self.when:
            w_lo, w_hi = span(self.when)
            return w_lo <= hi and lo <= w_hi
        return True


def span(date: str) -> tuple[str, str]:
    """The first and last day an ISO date (or year, or month) can mean, as comparable strings."""
    if not date:
        return "0000-00-00", "9999-99-99"
    parts = date.split("-")
    lo = "-".join(parts + ["01"] * (3 - len(parts)))
    hi = "-".join(parts + ["99"] * (3 - len(parts)))
    return lo, hi


@dataclass(frozen=True)
class Entry:
    kind: str                    # person | place | org | term
    id: str
    name: str
    where: str                   # file:line, for messages
    name_en: str = ""
    forms: tuple[str, ...] = ()
    abbr: tuple[str, ...] = ()
    sources: frozenset[str] | None = None
    cert: str = ""
    note: str = ""
    wikidata: str = ""
    viaf: str = ""
    ids_verified: str = ""
    role_only: bool = False
    offices: tuple[Office, ...] = ()
    type: str = ""
    parent: str = ""
    gloss: str = ""
    expan: str = ""

    @property
    def surface_forms(self) -> tuple[str, ...]:
        """Every form matched in the text: the name and the forms (none for a role-only person)."""
        if self.role_only:
            return ()
        return tuple(dict.fromkeys((self.name, *self.forms)))


@dataclass
class Registers:
    entries: dict[str, Entry] = field(default_factory=dict)
    ignored: tuple[str, ...] = ()            # spellings matched and left alone
    folder: str = ""
    version: str = "empty"
    _matchers: dict[Any, Any] = field(default_factory=dict, repr=False)

    def __bool__(self) -> bool:
        return bool(self.entries)

    def get(self, ident: str) -> Entry | None:
        return self.entries.get(ident.lstrip("#"))

    def of_kind(self, kind: str) -> list[Entry]:
        return [e for e in self.entries.values() if e.kind == kind]

    def matcher(self, source_id: str):
        """The compiled matcher (one per register version), seeing only the entries this source may name."""
        from .matcher import Matcher
        if "all" not in self._matchers:
            self._matchers["all"] = Matcher(list(self.entries.values()), self.ignored)
        return self._matchers["all"].bound(source_id)

    def holders(self, label: str, date: str) -> list[Entry]:
        """People whose office is called ``label`` and fits ``date``."""
        from .matcher import fold
        found = [e for e, o in self.offices_called(fold(label)) if o.fits(date)]
        return list(dict.fromkeys(found))

    def offices_called(self, key: str) -> list[tuple[Entry, Office]]:
        """(person, office) for every office one of whose names folds to ``key``, in register order.

        Indexed once per register version: speaker labels are resolved many times a document, and
        a register of thousands of people must not be walked for each."""
        if "offices" not in self._matchers:
            from .matcher import fold
            index: dict[str, list[tuple[Entry, Office]]] = {}
            for entry in self.of_kind("person"):
                for office in entry.offices:
                    for name in dict.fromkeys(fold(n) for n in office.names):
                        index.setdefault(name, []).append((entry, office))
            self._matchers["offices"] = index
        return self._matchers["offices"].get(key, [])

    def closure(self, ids: set[str]) -> set[str]:
        """``ids`` plus every entry they point to (an office's org, an org's parents)."""
        out, todo = set(), [i for i in ids if i in self.entries]
        while todo:
            ident = todo.pop()
            if ident in out:
                continue
            out.add(ident)
            entry = self.entries[ident]
            todo.extend(o.org for o in entry.offices if o.org in self.entries)
            if entry.parent in self.entries:
                todo.append(entry.parent)
        return out


EMPTY = Registers()


def of(doc) -> Registers:
    """The registers a Document was read with (empty if none)."""
    regs = doc.meta.get("registers")
    return regs if isinstance(regs, Registers) else EMPTY


def name_in(doc, text: str, kind: str) -> str | None:
    """The one register entry of ``kind`` whose full form occurs in ``text`` (松永大使 → per-matsunaga)."""
    from .matcher import fold
    regs = of(doc)
    if not regs or not text:
        return None
    matcher = regs.matcher(doc.id)
    found = {i for h in matcher.scan(fold(text)) if not h.abbr for i in h.ids if matcher.kinds[i] == kind}
    return next(iter(found)) if len(found) == 1 else None
_CACHE: dict[tuple[str, str], Registers] = {}
_LAST: dict[str, tuple[list[tuple[str, bytes]], Registers]] = {}     # folder -> (its files' bytes, registers)


def folder_for(txt: Path, root: Path | None = None) -> Path:
    """Where the registers of a source live: ``<root>/registers`` (root = the project, holding sources/)."""
    if root is not None:
        return Path(root) / "registers"
    txt = Path(txt).resolve()
    for base in (txt.parent, txt.parent.parent):
        if (base / "registers").is_dir():
            return base / "registers"
    return txt.parent.parent / "registers"


def load(folder: Path, display: str | None = None) -> Registers:
    """The registers in ``folder`` (empty if there is none), validated; cached by content.

    Asked once per source: the files are read each time, but when their bytes are those of the last call for
    this folder (compared, not hashed: memcmp is many times faster than SHA-256 on a large register), the
    registers of that call are returned without hashing.
    """
    folder = str(folder)
    try:
        names = sorted(n for n in os.listdir(folder) if n.endswith(".toml")
                       and os.path.isfile(os.path.join(folder, n)))
    except OSError:                   # no folder (or not one): no registers, as Path.is_dir() said
        names = []
    if not names:
        return EMPTY
    contents = [(n, _read(os.path.join(folder, n))) for n in names]
    last = _LAST.get(folder)
    if last is not None and last[0] == contents:
        return last[1]
    regs = _load(Path(folder), display, contents)
    _LAST.clear()
    _LAST[folder] = (contents, regs)
    return regs


def _read(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


def _load(folder: Path, display: str | None, contents: list[tuple[str, bytes]]) -> Registers:
    shown = display if display is not None else str(folder)
    blobs = [(f"{shown}/{name}" if shown else name, data) for name, data in contents]
    digest = hashlib.sha256()
    for name, data in blobs:
        digest.update(Path(name).name.encode() + b"\0" + data + b"\0")
    key = (str(folder.resolve()), digest.hexdigest())
    if key not in _CACHE:
        regs = parse(blobs)
        regs.folder = shown
        regs.version = digest.hexdigest()[:16]
        _CACHE.clear()              # keep one version per process: registers change rarely
        _CACHE[key] = regs
    return _CACHE[key]


def for_source(txt: Path, root: Path | None = None) -> Registers:
    folder = folder_for(txt, root)
    display = "registers" if root is not None else str(folder)
    return load(folder, display)


# -- parsing and validation -----------------------------------------------------------

def parse(blobs: list[tuple[str, bytes]]) -> Registers:
    """Registers from (display path, bytes) pairs; UserError listing every problem."""
    problems: list[Problem] = []
    entries: dict[str, Entry] = {}
    places: dict[str, tuple[str, Lines, int]] = {}     # id -> (path, its file's lines, index in its table)
    ignored: list[str] = []
    forms_seen: dict[str, tuple[str, str]] = {}       # folded form -> (kind, where)
    for path, data in blobs:
        raw, tables = _read_toml(path, data)
        lines = Lines(raw)
        for name, value in tables.items():
            table = TABLES.get(name)
            if table is None:
                line, col = lines.at(name, None, None)
                problems.append(Problem(path, line, col, f"unknown table {name!r}",
                                        "a register file holds [[person]], [[place]], [[org]], [[term]] or [[ignore]] tables"))
                continue
            if not isinstance(value, list):
                line, col = lines.at(name, None, None)
                problems.append(Problem(path, line, col, f"{name!r} must be an array of tables",
                                        f"write each entry as [[{name}]]"))
                continue
            for i, raw_entry in enumerate(value):
                if name == "ignore":
                    at = lambda key, i=i: lines.at(name, i, key)  # noqa: E731
                    if isinstance(raw_entry, dict) and _check_keys(table, raw_entry, f"[[ignore]] entry {i + 1}", at,
                                                                   problems, path):
                        ignored.append(raw_entry["form"])
                    elif not isinstance(raw_entry, dict):
                        problems.append(Problem(path, *at(None), f"[[ignore]] entry {i + 1} must be a table"))
                    continue
                entry = _entry(path, lines, table, i, raw_entry, problems)
                if entry is None:
                    continue
                if entry.id in entries:
                    line, col = lines.at(name, i, "id")
                    problems.append(Problem(path, line, col, f"duplicate id {entry.id!r}",
                                            f"{entries[entry.id].where} already defines it; ids are unique "
                                            "across all register files"))
                    continue
                entries[entry.id] = entry
                places[entry.id] = (path, lines, i)
                _check_forms(entry, path, lines, i, forms_seen, problems)
    _check_links(entries, places, problems)
    if problems:
        raise UserError.many(problems)
    return Registers(entries, tuple(dict.fromkeys(ignored)))


def _read_toml(path: str, data: bytes) -> tuple[str, dict[str, Any]]:
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise UserError(path, f"not UTF-8 (byte 0x{data[exc.start]:02x})", line, 1, "save the file as UTF-8") from None
    try:
        return raw, tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        m = regex.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, col = (int(m[1]), int(m[2])) if m else (1, 1)
        text = regex.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise UserError(path, f"invalid TOML: {text}", line, col,
                        "check quotes, brackets and '=' on that line (TOML syntax: https://toml.io)") from None


class Lines:
    """Where tables and keys are in one register file, indexed once (thousands of entries stay fast)."""

    HEADER = regex.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.-]+)\s*\]\]?\s*(?:#.*)?$")

    def __init__(self, raw: str):
        self.lines = raw.split("\n")
        self.headers: dict[str, list[int]] = {}
        for i, line in enumerate(self.lines):
            m = self.HEADER.match(line)
            if m:
                self.headers.setdefault(m[1], []).append(i)

    def _key(self, start: int, key: str | None) -> tuple[int, int]:
        if key is None:
            return start + 1, 1
        pattern = regex.compile(r"^\s*" + regex.escape(key) + r"\s*=")
        for j in range(start + 1, len(self.lines)):
            if self.HEADER.match(self.lines[j]):
                break
            if pattern.match(self.lines[j]):
                return j + 1, len(self.lines[j]) - len(self.lines[j].lstrip()) + 1
        return start + 1, 1

    def at(self, table: str, index: int | None, key: str | None) -> tuple[int, int]:
        """Line/col of ``key`` in the index-th ``[[table]]`` (its header line without a key)."""
        starts = self.headers.get(table, [])
        if not starts:
            return 1, 1
        start = starts[index] if index is not None and index < len(starts) else starts[0]
        return self._key(start, key)

    def office(self, index: int, k: int, key: str | None) -> tuple[int, int]:
        """Line/col of ``key`` in the k-th [[person.office]] of the index-th [[person]]."""
        people = self.headers.get("person", [])
        if index >= len(people):
            return 1, 1
        start = people[index]
        stop = people[index + 1] if index + 1 < len(people) else len(self.lines)
        offices = [i for i in self.headers.get("person.office", []) if start < i < stop]
        return self._key(offices[k], key) if k < len(offices) else (start + 1, 1)


def _check_keys(table: Table, entry: dict[str, Any], where: str, at, problems: list[Problem], path: str) -> bool:
    """Declared keys, types, choices, required keys and date syntax; False if the entry is unusable."""
    ok = True
    for name, value in entry.items():
        key = table.key(name)
        if key is None:
            line, col = at(name)
            problems.append(Problem(path, line, col, f"unknown key {name!r} in {where}",
                                    "known keys: " + ", ".join(k.name for k in table.keys)))
            ok = False
            continue
        if key.name == "office":
            continue                 # checked as [[person.office]] tables
        good = isinstance(value, key.type) and not (isinstance(value, bool) and key.type is not bool)
        if good and isinstance(value, list):
            good = all(isinstance(v, str) and v.strip() for v in value)
        if good and isinstance(value, str) and (not value.strip() or "\x00" in value):
            good = False
        if not good:
            line, col = at(name)
            kind = {str: "a non-empty string", list: "an array of non-empty strings", bool: "true or false"}
            problems.append(Problem(path, line, col, f"{name!r} in {where} must be {kind.get(key.type, key.type)}",
                                    f"example: {name} = {key.example!r}".replace("'", '"')))
            ok = False
            continue
        if key.choices and value not in key.choices:
            line, col = at(name)
            problems.append(Problem(path, line, col, f"{name!r} in {where} is {value!r}",
                                    "use one of: " + ", ".join(key.choices)))
        if name in ("when", "from", "to") and not _valid_date(value):
            line, col = at(name)
            problems.append(Problem(path, line, col, f"{name!r} in {where} is not an ISO date: {value!r}",
                                    "write 1986, 1986-10 or 1986-10-16"))
    for key in table.keys:
        if key.required and key.name not in entry:
            line, col = at(None)
            problems.append(Problem(path, line, col, f"{where} lacks the required key {key.name!r}",
                                    f"add: {key.name} = {key.example!r}".replace("'", '"')))
            ok = False
    return ok


def _entry(path: str, lines: Lines, table: Table, i: int, value: Any, problems: list[Problem]) -> Entry | None:
    where = f"[[{table.name}]] entry {i + 1}"
    at = lambda key: lines.at(table.name, i, key)  # noqa: E731
    if not isinstance(value, dict):
        line, col = at(None)
        problems.append(Problem(path, line, col, f"{where} must be a table"))
        return None
    if isinstance(value.get("id"), str):
        where = f"[[{table.name}]] {value['id']!r}"
    if not _check_keys(table, value, where, at, problems, path):
        return None
    ident = value["id"]
    prefix = PREFIXES[table.name]
    if not (ident.startswith(prefix) and ID.fullmatch(ident[len(prefix):])):
        line, col = at("id")
        problems.append(Problem(path, line, col, f"id {ident!r} of {where} is not {prefix}<ascii-lowercase-words>",
                                f"for example {prefix}{'matsunaga' if prefix == 'per-' else 'example'}; "
                                "only a-z, 0-9 and single hyphens"))
        return None
    for key, pattern in (("wikidata", WIKIDATA), ("viaf", VIAF)):
        if value.get(key) and not pattern.fullmatch(value[key]):
            line, col = at(key)
            problems.append(Problem(path, line, col, f"{key} {value[key]!r} of {where} is malformed",
                                    "Wikidata: Q followed by digits; VIAF: digits"))
    if (value.get("wikidata") or value.get("viaf")) and not value.get("ids_verified"):
        line, col = at("wikidata" if value.get("wikidata") else "viaf")
        problems.append(Problem(path, line, col, f"{where} has an external identifier but no ids_verified",
                                "identifiers are recorded only once checked: add ids_verified = \"who, when\", "
                                "or leave the identifier out"))
    for s in value.get("sources", []):
        if not SOURCE_ID.fullmatch(s):
            line, col = at("sources")
            problems.append(Problem(path, line, col, f"source id {s!r} in {where} is not a source file name",
                                    "use the .txt file name without extension, e.g. 1986-09-18-inf-asia"))
    offices = []
    raw_offices = value.get("office", [])
    if table.name == "person":
        if not isinstance(raw_offices, list) or not all(isinstance(o, dict) for o in raw_offices):
            line, col = at("office")
            problems.append(Problem(path, line, col, f"offices of {where} must be [[person.office]] tables"))
            raw_offices = []
        for k, o in enumerate(raw_offices):
            o_at = lambda key, k=k: lines.office(i, k, key)  # noqa: E731
            if not _check_keys(OFFICE, o, f"office {k + 1} of {where}", o_at, problems, path):
                continue
            offices.append(Office(o["role"], o.get("role_en", ""), tuple(o.get("labels", [])), o.get("org", ""),
                                  o.get("when", ""), o.get("from", ""), o.get("to", ""), o.get("source", "")))
        if value.get("role_only") and (value.get("forms") or value.get("abbr")):
            line, col = at("forms" if value.get("forms") else "abbr")
            problems.append(Problem(path, line, col, f"{where} is role_only: it has no forms to match",
                                    "remove forms/abbr, or give the person a name and drop role_only"))
        if value.get("role_only") and not offices:
            line, col = at("role_only")
            problems.append(Problem(path, line, col, f"{where} is role_only but holds no office",
                                    "add a [[person.office]] with the role (北米局長) and its date"))
    line, _ = at(None)
    return Entry(
        kind=table.name, id=ident, name=value["name"], where=f"{path}:{line}", name_en=value.get("name_en", ""),
        forms=tuple(value.get("forms", [])), abbr=tuple(value.get("abbr", [])),
        sources=frozenset(value["sources"]) if "sources" in value else None, cert=value.get("cert", ""),
        note=value.get("note", ""), wikidata=value.get("wikidata", ""), viaf=value.get("viaf", ""),
        ids_verified=value.get("ids_verified", ""), role_only=bool(value.get("role_only", False)),
        offices=tuple(offices), type=value.get("type", ""), parent=value.get("parent", ""),
        gloss=value.get("gloss", ""), expan=value.get("expan", ""))


def _check_forms(entry: Entry, path: str, lines: Lines, i: int, seen: dict[str, tuple[str, str]],
                 problems: list[Problem]) -> None:
    """A form may name several entries of one kind (two Andersons), never entries of two kinds."""
    from .matcher import fold
    for form in (*entry.surface_forms, *entry.abbr):
        key = fold(form)
        if not key or not regex.search(r"[\p{L}\p{N}]", key):
            line, col = lines.at(entry.kind, i, "forms")
            problems.append(Problem(path, line, col, f"form {form!r} of {entry.id} has no letter to match"))
            continue
        kind, where = seen.setdefault(key, (entry.kind, entry.where))
        if kind != entry.kind:
            line, col = lines.at(entry.kind, i, "forms" if form != entry.name else "name")
            problems.append(Problem(path, line, col, f"form {form!r} of {entry.id} also names a {kind} ({where})",
                                    "a spelling can name entries of one kind only: drop it from one of them "
                                    "(the longer form, e.g. 国連安保理, still wins in the text)"))


def _check_links(entries: dict[str, Entry], places: dict[str, tuple[str, Lines, int]],
                 problems: list[Problem]) -> None:
    """Offices and parents point to organisations of the registers; parent chains end."""
    for entry in entries.values():
        path, lines, index = places[entry.id]
        refs = [(k, "org", o.org) for k, o in enumerate(entry.offices) if o.org]
        if entry.parent:
            refs.append((None, "parent", entry.parent))
        for k, what, ref in refs:
            target = entries.get(ref)
            if target is None or target.kind != "org":
                line, col = lines.office(index, k, "org") if k is not None else lines.at(entry.kind, index, "parent")
                problems.append(Problem(path, line, col, f"{entry.id}: {what} {ref!r} is not an org of the registers",
                                        "use the id of an [[org]] entry (org-…)"))
        seen, cur = {entry.id}, entry
        while cur.parent and cur.parent in entries:
            if cur.parent in seen:
                line, col = lines.at(entry.kind, index, "parent")
                problems.append(Problem(path, line, col, f"{entry.id}: parent chain loops back to {cur.parent}",
                                        "an organisation cannot be its own ancestor"))
                break
            seen.add(cur.parent)
            cur = entries[cur.parent]
