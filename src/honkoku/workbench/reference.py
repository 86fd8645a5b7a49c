"""Generated editor documentation: the sidecar reference, the markers page and the sidecar skeleton.

All three are made from the declarations the code itself reads — ``Key``
and ``Table`` (``sidecar.all_tables()``: the core tables and every pass's
``SIDECAR``) and each pass's ``EXAMPLE`` run through the real pipeline — so
they cannot drift from what the build does. A test asserts the committed
pages are what this module makes now.
"""
from __future__ import annotations

import copy
import datetime as dt
import sys
import tomllib
from typing import Any

from lxml import etree

from .. import passes
from ..convert import convert_text
from ..sidecar import Key, Table, all_tables
from ..tei import TEI_NS
from ..tei.serialize import indent

TYPE_NAMES = {str: "string", int: "integer", bool: "true/false", list: "array of strings", dict: "table",
              dt.date: "date"}


def type_name(t) -> str:
    ts = t if isinstance(t, tuple) else (t,)
    return " or ".join(TYPE_NAMES.get(x, x.__name__) for x in ts)


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return str(value)


def table_title(t: Table) -> str:
    return "Top level" if not t.name else (f"[[{t.name}]]" if t.many else f"[{t.name}]")


# -- the sidecar reference ----------------------------------------------------------------------

def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_sidecar_reference() -> str:
    out = ["---\ntitle: Sidecar reference\n---\n\n# Sidecar reference\n\n",
           "Every key a sidecar (`sources/<id>.toml`) may hold, as the build reads it. This page is generated "
           "from the declarations in the code (`honkoku.sidecar` and each annotation pass's `SIDECAR`): "
           "`honkoku editor-pages` rewrites it, and a test fails when it is out of date. An unknown key, a "
           "wrong type or a value outside the listed choices is an error naming the file and line.\n\n",
           "Tables marked `[[name]]` repeat: one entry per annotation. Entries that point into the text do so "
           "by **quotation**: `quote` is the exact text (spaces included); when it occurs more than once, add "
           "`prefix` or `suffix` (the text right before or after it) or `occurrence = N`. A quote that matches "
           "nothing is an error: `honkoku check` lists them all.\n\n"]
    for t in all_tables():
        out.append(f"## `{table_title(t)}`\n\n{t.doc}\n\n")
        out.append("| Key | Type | Required | Meaning | Example | Choices |\n|---|---|---|---|---|---|\n")
        for k in t.keys:
            example = f"`{_cell(toml_value(k.example))}`" if k.example is not None else ""
            choices = ", ".join(f"`{c}`" for c in k.choices)
            out.append(f"| `{k.name}` | {type_name(k.type)} | {'yes' if k.required else ''} | {_cell(k.doc)} | "
                       f"{example} | {choices} |\n")
        out.append("\n```toml\n" + example_block(t) + "```\n\n")
    return "".join(out)


def example_block(t: Table) -> str:
    """A filled-in example of the table: its required keys, then others that have a real example."""
    useful = [k for k in t.keys if k.example is not None and k.example != "..."]
    chosen = [k for k in useful if k.required] + [k for k in useful if not k.required]
    head = "" if not t.name else (f"[[{t.name}]]\n" if t.many else f"[{t.name}]\n")
    return head + "".join(f"{k.name} = {toml_value(k.example)}\n" for k in chosen[:6])


# -- the sidecar skeleton (honkoku new) -----------------------------------------------------------

def skeleton(source_id: str, active: dict[str, Any] | None = None, found: dict[str, Any] | None = None) -> str:
    """A sidecar with every key of every table, commented out, each with its meaning and an example.

    ``active`` holds top-level keys to write uncommented (``encoding`` when
    the text is not UTF-8); ``found``, keys honkoku new read in the text (the
    first full date), written uncommented with a note to check them. Without
    them the result is valid TOML that builds as if empty.
    """
    active = active or {}
    found = found or {}
    out = [f"# Sidecar of sources/{source_id}.txt: what an editor knows beyond the text.\n",
           "# Uncomment (remove the leading '# ') and fill in what applies; the source builds without any of it.\n",
           "# Every key is explained in the sidecar reference (docs/editors/sidecar.md).\n",
           "# Quotes must be copied from the .txt exactly; `honkoku check` lists those that match nothing.\n\n"]
    for name, value in active.items():
        out.append(f"{name} = {toml_value(value)}\n")
    for name, value in found.items():
        out.append(f"{name} = {toml_value(value)}    # found in the text by honkoku new: check it\n")
    if active or found:
        out.append("\n")
    active = {**active, **found}
    for t in all_tables():
        out.append(f"# ---- {table_title(t)}: {t.doc}\n")
        if t.name:
            out.append(f"# {'[[' + t.name + ']]' if t.many else '[' + t.name + ']'}\n")
        for k in t.keys:
            if not t.name and k.name in active:
                continue
            note = f"{type_name(k.type)}{', required' if k.required else ''}: {k.doc}"
            if k.choices:
                note += f" (one of: {', '.join(k.choices)})"
            out.append(f"# {k.name} = {toml_value(k.example) if k.example is not None else '…'}    # {note}\n")
        out.append("\n")
    return "".join(out)


# -- the markers page -------------------------------------------------------------------------------

def example_io(p: type[passes.Pass]) -> tuple[str, str]:
    """(source text, sidecar TOML) for a pass's EXAMPLE.

    An EXAMPLE is a source sample; for kinds the editor declares it is a
    sidecar snippet instead, and the text is made of its quotes (hands it
    names are declared, so the snippet builds).
    """
    sample = p.EXAMPLE
    if getattr(p, "EXAMPLE_TEXT", ""):
        return p.EXAMPLE_TEXT, sample
    try:
        data = tomllib.loads(sample)
    except tomllib.TOMLDecodeError:
        return sample, ""
    names = {t.name for t in all_tables() if t.name}
    if not data or not set(data) <= names:
        return sample, ""
    quotes: list[str] = []
    hands: set[str] = set()
    for entries in data.values():
        for entry in entries if isinstance(entries, list) else [entries]:
            for key in ("start", "quote", "end"):
                if isinstance(entry.get(key), str):
                    quote = entry.get("prefix", "") + entry[key] + entry.get("suffix", "")
                    if all(quote not in q for q in quotes):
                        quotes.append(quote)
            if isinstance(entry.get("hand"), str):
                hands.add(entry["hand"])
    toml = sample.rstrip("\n") + "\n"
    for hand in sorted(hands):
        toml += f'\n[[hand]]\nid = "{hand}"\nscript = "handwritten"\n'
    return "\n\n".join(quotes) + "\n", toml


def text_part(tei: bytes) -> str:
    """The ``<text>`` element alone, indented from column 0."""
    text = copy.deepcopy(etree.fromstring(tei).find(f"{{{TEI_NS}}}text"))
    text.tail = None
    indent(text)
    return etree.tostring(text, encoding="unicode").replace(f' xmlns="{TEI_NS}"', "", 1)


def render_markers() -> str:
    out = ["---\ntitle: Markers and their TEI\n---\n\n# What the build recognises\n\n",
           "Each annotation kind is one pass of the build, run in this order. For each: what it recognises, "
           "an example, and the TEI the build makes of it (the `<text>` part; the header is left out). This "
           "page is generated by running each pass's own example through the real pipeline "
           "(`honkoku editor-pages`), so it shows what the build does today. Kinds marked *sidecar* are not "
           "visible in the text: the editor declares them in the sidecar (see the "
           "[sidecar reference](sidecar.md)).\n\n"]
    for p in passes.pipeline():
        cls = type(p)
        if not cls.EXAMPLE:
            continue
        module = sys.modules[cls.__module__]
        summary = (module.__doc__ or cls.__doc__ or "").strip().split("\n\n")[0]
        text, toml = example_io(cls)
        kind = " *(sidecar)*" if toml else ""
        out.append(f"## {cls.name.replace('_', ' ')}{kind}\n\n{' '.join(summary.split())}\n\n")
        if toml:
            out.append("Sidecar:\n\n```toml\n" + toml + "```\n\n")
        out.append("Source text:\n\n```text\n" + text.rstrip("\n") + "\n```\n\n")
        tei = convert_text(text, toml, source_id="example")
        out.append("TEI:\n\n```xml\n" + text_part(tei) + "\n```\n\n")
    return "".join(out)
