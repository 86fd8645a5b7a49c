"""The sidecar ``<id>.toml``: what an editor knows beyond the witness text.

Every key the edition reads is declared here (or, for an annotation kind, in
its pass module as ``SIDECAR``), with its type, meaning and an example. The
declarations validate the file and generate the sidecar reference, so the
docs cannot drift from the code.
"""
from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import regex

from . import quicktoml
from .anchors import Anchor
from .errors import Problem, UserError
from .files import read_bytes


@dataclass(frozen=True)
class Key:
    name: str
    type: type | tuple[type, ...]
    doc: str
    example: Any = None
    required: bool = False
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    """A TOML table (``[name]``) or, with ``many``, an array of tables (``[[name]]``)."""

    name: str
    doc: str
    keys: tuple[Key, ...]
    many: bool = False

    def key(self, name: str) -> Key | None:
        return self._by_name.get(name)

    @cached_property
    def _by_name(self) -> dict[str, Key]:
        return {k.name: k for k in reversed(self.keys)}     # reversed: the first of a name wins, as before


ANCHOR_KEYS = (
    Key("quote", str, "exact text of the source this entry is about", "国軍長へ", required=True),
    Key("prefix", str, "text right before the quote, when the quote occurs more than once", "本日"),
    Key("suffix", str, "text right after the quote, to disambiguate", "、"),
    Key("occurrence", int, "which match (1-based) when prefix/suffix are not enough", 2),
    Key("until", str, "extend the region to the end of this text (first match after the quote)", "(御参照))"),
)

# Characters XML 1.0 cannot store; a form feed may appear only in quotes (it is a page break of the source).
NOT_XML = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\p{Cs}]")
# The only links metadata may hold: http(s), a host, no space or quote (javascript:, data:, file: are refused).
HTTP_URL = regex.compile(r"https?://[^\s/<>\"'`]+(?:[/?#][^\s<>\"'`]*)?")
# TEI's teidata.language (BCP 47, simplified) and an XML name (@scribe).
LANGUAGE_TAG = regex.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
XML_NAME = regex.compile(r"[\p{L}_][\p{L}\p{M}\p{N}._-]*")
SPACES = regex.compile(r"\s+")
XML_ID = regex.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")        # a [[document]] or [[hand]] id
ISO_DATE = regex.compile(r"(-?\d{4})(?:-(\d\d)(?:-(\d\d))?)?")
ANCHOR_NAMES = {"quote", "prefix", "suffix", "until", "start", "end", "head"}

DATE_DOC = "ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD"

TOP = Table("", "Metadata of the whole source file.", (
    Key("title", str, "title of this source in the edition", "アジアINF問題に関する決裁書と資料", required=False),
    Key("title_en", str, "English title", "Approval file on the Asian INF question"),
    Key("language", str, "main language (BCP 47)", "ja"),
    Key("date", (str, dt.date), DATE_DOC + " of the source as a whole", "1986-09-18"),
    Key("date_end", (str, dt.date), "last date, when the source spans a period", "1986-10-16"),
    Key("editors", list, "names of the editors responsible for this encoding", ["N.N."]),
    Key("licence", str, "licence of the encoding", "CC BY 4.0"),
    Key("licence_url", str, "URL of the licence (http or https)", "https://creativecommons.org/licenses/by/4.0/"),
    Key("keywords", list, "free keywords", ["INF", "arms control"]),
    Key("summary", str, "one-paragraph summary for readers", "..."),
    Key("encoding", str, "encoding of the .txt when it is not UTF-8; converted on reading",
        "shift_jis", choices=("utf-8", "shift_jis", "cp932", "euc_jp", "iso2022_jp", "utf-16")),
))

SOURCE = Table("source", "The original and its digital text.", (
    Key("repository", str, "archive or publisher holding the original", "外務省外交史料館"),
    Key("country", str, "country of the repository", "Japan"),
    Key("settlement", str, "city of the repository", "東京"),
    Key("institution", str, "institution that produced the original", "外務省"),
    Key("collection", str, "collection or series", "外交記録"),
    Key("idno", str, "archival reference or call number", "2019-0001"),
    Key("classification", list, "security classifications of the file", ["極秘"]),
    Key("retention", str, "retention period as written", "無期限"),
    Key("url", str, "where the digital text came from (http or https)", "https://example.org/x"),
    Key("digital", str, "how the digital text was made", "OCR of the declassified scans, uncorrected"),
    Key("original_title", str, "title of the original, if different", "..."),
    Key("original_language", str, "language of the original, if this is a translation", "ru"),
    Key("original_id", str, "identifier of the original (document number)", "939-17-05-2023"),
    Key("author", str, "author or issuing body of the original", "ロシア連邦外務省"),
    Key("translator", str, "translator, if this is a translation", "..."),
    Key("published", str, "where and when the digital text was published", "note.com, 2023"),
))

DOCUMENT = Table("document", "A document division of the file, from its first line.", (
    Key("id", str, "stable id: d1, d2 …", "d2", required=True),
    Key("start", str, "quote of the document's first text (a line start)", "アジア I N F 対米回電案", required=True),
    Key("start_occurrence", int, "which match of start, when it occurs more than once", 2),
    Key("type", str, "kind of document", "telegram",
        choices=("approval-form", "draft-cable", "telegram", "record", "interview", "letter", "memo", "report", "cover", "other")),
    Key("title", str, "title given by the editor", "アジアINF対米回電案"),
    Key("head", list, "quotes of the heading lines at its start", ["資料②"]),
    Key("date", (str, dt.date), DATE_DOC + " of this document", "1986-09-18"),
    Key("date_text", str, "the date as written in the text (anchors the header's date)", "61.9.18"),
    Key("date_of", str, "for a letter or telegram: whether the date is of sending or of receipt", "received",
        choices=("sent", "received")),
    Key("sender", str, "who sent or wrote it", "松永大使"),
    Key("sender_ref", str, "the sender in the registers (found from sender's text if unique)", "per-matsunaga"),
    Key("addressee", str, "to whom", "外務大臣"),
    Key("addressee_ref", str, "the addressee in the registers, e.g. the office holder", "per-kuranari"),
    Key("place", str, "where it was written or sent from", "ワシントン"),
    Key("classification", list, "classifications as written", ["極秘", "至急"]),
    Key("retention", str, "retention period as written", "無期限"),
    Key("serial", str, "serial or telegram number", "R136903"),
    Key("series", str, "series number as written", "極秘第23/号"),
    Key("copy", str, "copy number / total", "23/25"),
    Key("summary", str, "a sentence for readers", "..."),
), many=True)

HAND = Table("hand", "A hand (typescript, handwriting) that wrote part of the source.", (
    Key("id", str, "id used by annotations: h-type, h-ms …", "h-ms", required=True),
    Key("script", str, "how it is written", "handwritten", choices=("handwritten", "typewritten", "printed", "stamped", "digital")),
    Key("medium", str, "pen, pencil, ink, typescript …", "pen"),
    Key("scribe", str, "who wrote it, if known", "渡辺"),
    Key("scope", str, "major or minor hand", "minor", choices=("sole", "major", "minor")),
    Key("desc", str, "description for readers", "Handwritten additions on the form"),
), many=True)

CORE_TABLES = (TOP, SOURCE, DOCUMENT, HAND)


def all_tables() -> tuple[Table, ...]:
    """Core tables plus every pass module's own ``SIDECAR`` table."""
    from .passes import ALL
    if _ALL_TABLES[0] is not ALL:                 # computed once per registry of passes
        from .workbench.reviewed import REVIEWED    # check's [[reviewed]] findings
        extra = tuple(t for p in ALL for t in getattr(p, "SIDECAR", ()))
        _ALL_TABLES[:] = [ALL, CORE_TABLES + extra + (REVIEWED,)]
    return _ALL_TABLES[1]


_ALL_TABLES: list = [None, ()]


def _table_names() -> frozenset[str]:
    """The names of ``all_tables()`` (top-level keys that are tables), computed once per set of tables."""
    tables = all_tables()
    if _TABLE_NAMES[0] is not tables:
        _TABLE_NAMES[:] = [tables, frozenset(t.name for t in tables)]
    return _TABLE_NAMES[1]


_TABLE_NAMES: list = [None, frozenset()]


# -- locating a key in the TOML text for error messages -------------------------

def locate(raw: str, table: str, index: int | None, key: str | None) -> tuple[int, int]:
    """Best line/column for ``[[table]]`` number ``index``, key ``key``."""
    lines = raw.split("\n")
    start = 0
    if table:
        header = regex.compile(r"^\s*\[\[?\s*" + regex.escape(table) + r"\s*\]\]?\s*(#.*)?$")
        seen = -1
        for i, line in enumerate(lines):
            if header.match(line):
                seen += 1
                if index is None or seen == index:
                    start = i
                    break
    if key is None:
        return start + 1, 1
    pattern = regex.compile(r"^\s*" + regex.escape(key) + r"\s*=")
    for i in range(start, len(lines)):
        if i > start and regex.match(r"^\s*\[", lines[i]):
            break
        m = pattern.match(lines[i])
        if m:
            return i + 1, len(lines[i]) - len(lines[i].lstrip()) + 1
    return start + 1, 1


# -- reading and validating -------------------------------------------------------

@dataclass
class Sidecar:
    path: str
    raw: str = ""
    data: dict[str, Any] = field(default_factory=dict)

    def section(self, name: str) -> Any:
        return self.data.get(name, [] if any(t.many and t.name == name for t in all_tables()) else {})

    def problem(self, message: str, table: str = "", index: int | None = None, key: str | None = None,
                hint: str = "") -> UserError:
        line, col = locate(self.raw, table, index, key)
        return UserError(self.path, message, line, col, hint)

    def anchor(self, entry: dict[str, Any], quote_key: str = "quote") -> Anchor:
        return Anchor(entry.get(quote_key, ""), entry.get("prefix", ""), entry.get("suffix", ""),
                      entry.get("occurrence", 0))


def _type_name(t) -> str:
    names = {str: "a string", int: "an integer", list: "an array", dict: "a table", bool: "true or false",
             dt.date: "a date"}
    ts = t if isinstance(t, tuple) else (t,)
    return " or ".join(names.get(x, x.__name__) for x in ts)


def _check_entry(sc: Sidecar, table: Table, entry: Any, index: int | None, problems: list[Problem]) -> None:
    where = f"[[{table.name}]] entry {index + 1}" if table.many else (f"[{table.name}]" if table.name else "top level")
    if not isinstance(entry, dict):
        line, col = locate(sc.raw, table.name, index, None)
        problems.append(Problem(sc.path, line, col, f"{where} must be a table"))
        return
    for name, value in entry.items():
        key = table.key(name)
        if key is None:
            if not table.name and name in _table_names():
                continue
            line, col = locate(sc.raw, table.name, index, name)
            known = ", ".join(k.name for k in table.keys)
            problems.append(Problem(sc.path, line, col, f"unknown key {name!r} in {where}",
                                    f"known keys: {known}; see the sidecar reference"))
            continue
        ok = isinstance(value, key.type) and not (isinstance(value, bool) and key.type is int)
        if ok and isinstance(value, list) and not all(isinstance(v, str) for v in value):
            ok = False
        if not ok:
            line, col = locate(sc.raw, table.name, index, name)
            problems.append(Problem(sc.path, line, col, f"{name!r} in {where} must be {_type_name(key.type)}"
                                    f"{' of strings' if key.type is list else ''}, not {type(value).__name__}",
                                    f"example: {name} = {_toml_repr(key.example)}"))
            continue
        bad = None
        for v in (value if isinstance(value, list) else (value,)):
            if isinstance(v, str):
                bad = NOT_XML.search(v.replace("\f", "") if name in ANCHOR_NAMES else v)
                if bad:
                    break
        if bad:
            line, col = locate(sc.raw, table.name, index, name)
            problems.append(Problem(sc.path, line, col, f"{name!r} in {where} holds the control character "
                                    f"U+{ord(bad[0]):04X}, which XML cannot store", "remove it (a \\u escape?)"))
            continue
        if key.choices and value not in key.choices:
            line, col = locate(sc.raw, table.name, index, name)
            problems.append(Problem(sc.path, line, col, f"{name!r} in {where} is {value!r}",
                                    f"use one of: {', '.join(key.choices)}"))
        if name.startswith("date") and name not in ("date_text", "date_of") and not _valid_date(value):
            line, col = locate(sc.raw, table.name, index, name)
            shown = value.isoformat() if isinstance(value, dt.date) else repr(value)
            problems.append(Problem(sc.path, line, col, f"{name!r} in {where} is not a real date: {shown}",
                                    "write an ISO date: 1986, 1986-09 or 1986-09-18"))
        if name in ANCHOR_NAMES - {"prefix", "suffix"} and "" in (value if isinstance(value, list) else [value]):
            line, col = locate(sc.raw, table.name, index, name)
            problems.append(Problem(sc.path, line, col, f"{name!r} in {where} is empty, so it quotes nothing",
                                    "quote the exact text of the source this is about"))
        if name in ("language", "original_language") and value and not LANGUAGE_TAG.fullmatch(value):
            line, col = locate(sc.raw, table.name, index, name)
            problems.append(Problem(sc.path, line, col, f"{name!r} in {where} is not a language tag: {value!r}",
                                    "use a BCP 47 tag such as ja, en, ru, zh-Hant"))
        if name == "scribe" and value and not XML_NAME.fullmatch(SPACES.sub("_", value)):
            line, col = locate(sc.raw, table.name, index, name)
            problems.append(Problem(sc.path, line, col, f"{name!r} in {where} is not a name TEI can store in "
                                    f"@scribe: {value!r}", "start with a letter; use letters, digits, '-', '_', '.'"))
        if name.endswith("occurrence") and value < 1:
            line, col = locate(sc.raw, table.name, index, name)
            problems.append(Problem(sc.path, line, col, f"{name!r} in {where} is {value}, but matches count from 1",
                                    "use 1 for the first match, 2 for the second …"))
        if name.endswith("url") and isinstance(value, str) and not HTTP_URL.fullmatch(value):
            line, col = locate(sc.raw, table.name, index, name)
            problems.append(Problem(sc.path, line, col, f"{name!r} in {where} is not an http(s) URL: {value!r}",
                                    "only http:// and https:// links are allowed"))
    for key in table.keys:
        if key.required and key.name not in entry:
            line, col = locate(sc.raw, table.name, index, None)
            problems.append(Problem(sc.path, line, col, f"{where} lacks the required key {key.name!r}",
                                    f"add: {key.name} = {_toml_repr(key.example)}"))


def _valid_date(value: Any) -> bool:
    if isinstance(value, dt.datetime):        # a TOML date-time is a dt.date too, but @when takes a day
        return False
    if isinstance(value, dt.date):
        return True
    if not isinstance(value, str):
        return False
    m = ISO_DATE.fullmatch(value)
    if not m:
        return False
    try:
        dt.date(int(m[1]) if int(m[1]) > 0 else 1, int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        return False
    return True


def _toml_repr(value: Any) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_repr(v) for v in value) + "]"
    return str(value).lower() if isinstance(value, bool) else str(value)


def read(path: Path, display: str | None = None) -> Sidecar:
    """Read and validate a sidecar; a missing file is an empty sidecar."""
    shown = display or str(path)
    if not path.exists():
        return Sidecar(shown)
    raw_bytes = read_bytes(path, shown)
    try:
        raw = raw_bytes.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw_bytes.count(b"\n", 0, exc.start) + 1
        raise UserError(shown, f"not UTF-8 (byte 0x{raw_bytes[exc.start]:02x})", line, 1,
                        "save the sidecar as UTF-8") from None
    try:
        data = quicktoml.loads(raw)           # plain sidecars, fast; None: anything else, read by tomllib
        if data is None:
            data = tomllib.loads(raw)
    except RecursionError:
        raise UserError(shown, "invalid TOML: arrays or tables nest too deeply", 1, 1,
                        "a sidecar needs at most two levels: [[table]] entries holding strings and lists") from None
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = regex.search(r"\(at line (\d+), column (\d+)\)", msg)
        line, col = (int(m[1]), int(m[2])) if m else (1, 1)
        text = regex.sub(r"\s*\(at line \d+, column \d+\)", "", msg)
        raise UserError(shown, f"invalid TOML: {text}", line, col,
                        "check quotes, brackets and '=' on that line (TOML syntax: https://toml.io)") from None
    sc = Sidecar(shown, raw, data)
    problems: list[Problem] = []
    tables = {t.name: t for t in all_tables()}
    _check_entry(sc, tables[""], {k: v for k, v in data.items()}, None, problems)
    for name, value in data.items():
        table = tables.get(name)
        if table is None or not table.name:
            continue
        if table.many:
            if not isinstance(value, list):
                line, col = locate(raw, name, None, None)
                problems.append(Problem(shown, line, col, f"{name!r} must be an array of tables",
                                        f"write each entry as [[{name}]]"))
                continue
            for i, entry in enumerate(value):
                _check_entry(sc, table, entry, i, problems)
        else:
            _check_entry(sc, table, value, None, problems)
    for name in ("document", "hand"):
        seen: dict[str, int] = {}
        for i, entry in enumerate(data.get(name, []) if isinstance(data.get(name), list) else []):
            ident = entry.get("id") if isinstance(entry, dict) else None
            if not isinstance(ident, str):          # missing, or of a wrong type (reported above)
                continue
            if not XML_ID.fullmatch(str(ident)):
                line, col = locate(raw, name, i, "id")
                problems.append(Problem(shown, line, col, f"[[{name}]] id {ident!r} is not a valid XML id",
                                        "use letters, digits, '-', '_' or '.', starting with a letter"))
            if ident in seen:
                line, col = locate(raw, name, i, "id")
                problems.append(Problem(shown, line, col, f"duplicate [[{name}]] id {ident!r}",
                                        f"entry {seen[ident] + 1} already uses it; give each a distinct id"))
            seen[ident] = i
    if problems:
        raise UserError.many(problems)
    return sc
