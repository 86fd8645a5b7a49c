"""A fast reader for the plain TOML that sidecars are written in; anything else goes to ``tomllib``.

Why: ``tomllib`` is pure Python, and parsing each source's sidecar cost about
0.17 ms, one of the largest single costs of converting a document. Sidecars
use a small part of TOML: ``key = "text"`` (no escapes), arrays of such
strings on one line, small integers, ``true``/``false``, ``[table]`` and
``[[table]]`` headers with bare names, comments and blank lines. ``loads``
reads exactly that, line by line, and returns None as soon as a line is
anything else (an escape, a date, a dotted or quoted key, a multi-line value,
a key or table defined twice …): the caller then uses ``tomllib``, which
reads it or reports the error. So the result is always what ``tomllib.loads``
returns (``tests/test_quicktoml.py`` compares both on random documents).
"""
from __future__ import annotations

import re
from typing import Any

_STR = r'"[^"\\\x00-\x08\x0a-\x1f\x7f]*"'
_VALUE = rf'{_STR}|\[[ \t]*(?:{_STR}[ \t]*(?:,[ \t]*{_STR}[ \t]*)*,?[ \t]*)?\]|-?[1-9][0-9]{{0,17}}|0|true|false'
_COMMENT = r"(?:#[^\x00-\x08\x0a-\x1f\x7f]*)?"
KEY_VALUE = re.compile(rf"[ \t]*([A-Za-z0-9_-]+)[ \t]*=[ \t]*({_VALUE})[ \t]*{_COMMENT}")
HEADER = re.compile(rf"[ \t]*(\[\[?)[ \t]*([A-Za-z0-9_-]+)[ \t]*(\]\]?)[ \t]*{_COMMENT}")
BLANK = re.compile(rf"[ \t]*{_COMMENT}")
ITEM = re.compile(_STR)


def _value(text: str) -> Any:
    first = text[0]
    if first == '"':
        return text[1:-1]
    if first == "[":
        return [m[0][1:-1] for m in ITEM.finditer(text)]
    if text == "true":
        return True
    if text == "false":
        return False
    return int(text)


def loads(raw: str) -> dict[str, Any] | None:
    """The TOML document ``raw`` as ``tomllib.loads`` reads it, or None if it is not plain enough."""
    if "\r" in raw:
        return None
    data: dict[str, Any] = {}
    table = data
    arrays: set[str] = set()            # names made by [[name]]: each header adds an entry
    for line in raw.split("\n"):
        m = KEY_VALUE.fullmatch(line)
        if m is not None:
            key = m[1]
            if key in table:
                return None
            table[key] = _value(m[2])
            continue
        m = HEADER.fullmatch(line)
        if m is not None:
            opening, name, closing = m.groups()
            if len(opening) != len(closing):
                return None
            if opening == "[[":
                if name in data and name not in arrays:
                    return None
                arrays.add(name)
                table = {}
                data.setdefault(name, []).append(table)
            else:
                if name in data:
                    return None
                table = data[name] = {}
            continue
        if BLANK.fullmatch(line) is None:
            return None
    return data
