"""The editors' worklist page (``docs/editors/worklist.md``): check's findings, linked, and the numbers.

Written by ``honkoku check --worklist FILE`` and by ``honkoku editor-pages``
(which the site build and ``serve`` run). Every finding about the text links
to its place in the reading edition: the paragraph (``#p-L34``), else the
page (``#pb-L129``) or the division (``#d3``) — the TEI xml:ids, which the
site writes as HTML ids. Where document pages live is decided in one
function, ``document_link``; change it there if the site moves them. Source text quoted in messages is escaped: it is data, never
Markdown or HTML.
"""
from __future__ import annotations

import html
from pathlib import Path

import regex

from ..files import write_atomic
from .check import SourceReport, total
from .stats import Stats, division_stats

# Where the site writes a source's page (honkoku.site.pages: documents/<id>.md), relative to docs/.
DOCUMENT_PAGE = "documents/{id}.md"
# Characters that could start Markdown syntax inside a table cell (line-start syntax cannot occur there).
MD_SPECIAL = regex.compile(r"([\\`*_{}\[\]|~^])")


def document_link(source_id: str, anchor: str) -> str:
    """Link from docs/editors/worklist.md to a place in a source's page: ``../documents/<id>.md#p-L34``.

    A Markdown link to the .md file: MkDocs rewrites it to the page's URL and,
    building strict, fails on it if the page or the anchor does not exist.
    The one place to change if the site moves its pages.
    """
    return f"../{DOCUMENT_PAGE.format(id=source_id)}" + (f"#{anchor}" if anchor else "")


def md(text: str) -> str:
    """Text safe in a Markdown table cell: HTML escaped, Markdown syntax backslashed, one line."""
    return MD_SPECIAL.sub(r"\\\1", html.escape(" ".join(str(text).split()), quote=False))


def pct(x: float) -> str:
    return f"{100 * x:.2f} %"


NUMBERS_HEAD = ("| Source | Documents | Pages | Hands | Passages by hand | Corrections | Unclear "
                "| Entity mentions (distinct) |\n|---|--:|--:|--:|--:|--:|--:|--:|\n")
REDACTIONS_HEAD = "| {what} | Redactions | Paragraphs with a redaction | Marker share |\n|---|--:|--:|--:|\n"


def _numbers_row(label: str, s: Stats) -> str:
    return (f"| {label} | {s.documents} | {s.pages} | {s.hands} | {s.handwritten} | {s.corrections} | "
            f"{s.unclear} | {s.entities} ({s.entity_refs}) |\n")


def _redactions_row(label: str, s: Stats) -> str:
    return (f"| {label} | {s.redactions} | {s.paragraphs_redacted} of {s.paragraphs} ({pct(s.paragraph_share)}) | "
            f"{pct(s.marker_share)} |\n")


def render(reports: list[SourceReport]) -> str:
    t = total(reports)
    out = ["---\ntitle: Worklist\n---\n\n# Worklist\n\n",
           "What `honkoku check` found in the sources, and the edition in numbers. This page is generated "
           "(`honkoku editor-pages`, also run by the build and by `honkoku serve`): do not edit it; fix the "
           "source's sidecar, or mark a finding you have judged as `[[reviewed]]` (see the "
           "[sidecar reference](sidecar.md)).\n\n",
           f"**{len(reports)} source(s): {t['error']} error(s), {t['warning']} warning(s), {t['info']} info.** "
           "An *error* stops the build; a *warning* means the TEI is probably wrong or incomplete; "
           "an *info* is worth a look.\n\n"]
    linked = [(f"[{md(r.id)}]({document_link(r.id, '')})", r.stats) for r in reports if r.stats]
    overall = Stats("total")
    for _, st in linked:
        overall = overall + st
    out.append("## The edition in numbers\n\n" + NUMBERS_HEAD)
    out += [_numbers_row(label, st) for label, st in linked] + [_numbers_row("**All**", overall)]
    out.append(
        "\n*Pages* count page breaks plus one; *hands* are the hands declared in the sidecars; *passages by hand* "
        "the elements carrying `@hand`; *corrections* are `sic`/`corr` pairs; *unclear* excludes garbled forms; "
        "*entity mentions* are names linked to the registers (distinct targets in brackets).\n\n")
    out.append("### Redactions\n\n" + REDACTIONS_HEAD.format(what="Source"))
    out += [_redactions_row(label, st) for label, st in linked] + [_redactions_row("**All**", overall)]
    out.append(
        "\n*Redactions* are the gaps archives left (`[REDACTED]`, ■■■, `(不開示)` …). How much text they hide "
        "is usually unknown, so two shares are given: *paragraphs with a redaction* is the share of paragraphs "
        "(list items and notes included) holding at least one; *marker share* is the characters of the "
        "redaction markers over the characters of the witness (spaces excluded) — exact for ■■■ runs (one ■ a "
        "character), a lower bound for `[REDACTED]`.\n\n")
    rows = [(r, ident, title, st) for r in reports if r.inspection.doc is not None
            for ident, title, st in division_stats(r.inspection.doc) if st.redactions]
    if rows:
        out.append("Per document (documents without a redaction are not listed):\n\n")
        out.append(REDACTIONS_HEAD.format(what="Document"))
        out += [_redactions_row(f"[{md(r.id)} {md(ident)}]({document_link(r.id, ident)})"
                                + (f" {md(title)}" if title else ""), st) for r, ident, title, st in rows]
        out.append("\n")
    out.append("## What to look at\n\n")
    for r in reports:
        title = ""
        if r.inspection.doc is not None:
            title = r.inspection.doc.meta["sidecar"].data.get("title", "")
        tr = r.tally()
        out.append(f"### {md(r.id)}" + (f" — {md(title)}" if title else "") + "\n\n")
        line = f"`{md(r.path)}`: {tr['error']} error(s), {tr['warning']} warning(s), {tr['info']} info"
        out.append(line + (f", {r.reviewed} reviewed" if r.reviewed else "") + ".\n\n")
        if not r.findings:
            out.append("Nothing to look at.\n\n")
            continue
        out.append("| | Where | Category | What | How to fix |\n|---|---|---|---|---|\n")
        for f in r.findings:
            where = ("sidecar " if f.path.endswith(".toml") else "") + f"line {f.lines}"
            if f.offset is not None:
                where = f"[{md(where)}]({document_link(r.id, f.anchor)})"
            else:
                where = md(where)
            out.append(f"| {f.severity} | {where} | {md(f.category)} | {md(f.message)} | {md(f.hint)} |\n")
        out.append("\n")
    return "".join(out)


def write_worklist(reports: list[SourceReport], path: Path) -> bool:
    return write_atomic(Path(path), render(reports).encode("utf-8"))
