"""The editors' worklist page (``docs/editors/worklist.md``): check's findings, linked, and the numbers.

Written by ``honkoku check --worklist FILE`` and by ``honkoku editor-pages``
(which the site build and ``serve`` run). Every finding about the text links
to its place in the reading edition: the paragraph (``#p-L34``), else the
page (``#pb-L129``) or the division (``#d3``). Where document pages live is
decided in one function, ``document_link``; change it there if the site
moves them. Source text quoted in messages is escaped: it is data, never
Markdown or HTML.
"""
from __future__ import annotations

import html
from pathlib import Path

import regex

from ..files import write_atomic
from .check import SourceReport, total
from .stats import Stats, division_stats

# Where the site writes a source's page, relative to docs/, first match wins.
PAGE_CANDIDATES = ("documents/{id}.md", "documents/{id}/index.md", "{id}.md")
# Characters that could start Markdown syntax inside a table cell (line-start syntax cannot occur there).
MD_SPECIAL = regex.compile(r"([\\`*_{}\[\]|~^])")


def document_link(source_id: str, anchor: str, worklist: Path) -> str:
    """URL of a place in a source's page, relative to the worklist page.

    A Markdown page the site wrote is linked as ``.md`` (MkDocs checks and
    rewrites it); before the site exists, the directory URL the site will
    have (``documents/<id>/``), seen from ``editors/worklist/``.
    """
    docs = worklist.parent.parent
    fragment = f"#{anchor}" if anchor else ""
    for pattern in PAGE_CANDIDATES:
        candidate = pattern.format(id=source_id)
        if (docs / candidate).is_file():
            return f"../{candidate}{fragment}"
    return f"../../documents/{source_id}/{fragment}"


def md(text: str) -> str:
    """Text safe in a Markdown table cell: HTML escaped, Markdown syntax backslashed, one line."""
    return MD_SPECIAL.sub(r"\\\1", html.escape(" ".join(str(text).split()), quote=False))


def pct(x: float) -> str:
    return f"{100 * x:.2f} %"


STATS_HEAD = ("| Source | Documents | Pages | Redactions | Paragraphs with a redaction | Marker share "
              "| Hands | Hand-attributed passages | Corrections | Unclear | Entity mentions (distinct) |\n"
              "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n")


def _stats_row(label: str, s: Stats) -> str:
    return (f"| {label} | {s.documents} | {s.pages} | {s.redactions} | "
            f"{s.paragraphs_redacted} of {s.paragraphs} ({pct(s.paragraph_share)}) | {pct(s.marker_share)} | "
            f"{s.hands} | {s.handwritten} | {s.corrections} | {s.unclear} | {s.entities} ({s.entity_refs}) |\n")


def render(reports: list[SourceReport], worklist: Path) -> str:
    t = total(reports)
    out = ["---\ntitle: Worklist\n---\n\n# Worklist\n\n",
           "What `honkoku check` found in the sources, and the edition in numbers. This page is generated "
           "(`honkoku editor-pages`, also run by the build and by `honkoku serve`): do not edit it; fix the "
           "source's sidecar, or mark a finding you have judged as `[[reviewed]]` (see the "
           "[sidecar reference](sidecar.md)).\n\n",
           f"**{len(reports)} source(s): {t['error']} error(s), {t['warning']} warning(s), {t['info']} info.** "
           "An *error* stops the build; a *warning* means the TEI is probably wrong or incomplete; "
           "an *info* is worth a look.\n\n"]
    out.append("## The edition in numbers\n\n")
    out.append(STATS_HEAD)
    overall = Stats("total")
    for r in reports:
        if r.stats:
            overall = overall + r.stats
            out.append(_stats_row(f"[{md(r.id)}]({document_link(r.id, '', worklist)})", r.stats))
    out.append(_stats_row("**All**", overall))
    out.append(
        "\n*Redactions* are the gaps archives left (`[REDACTED]`, ■■■, `(不開示)` …). How much text they hide "
        "is usually unknown, so two shares are given: *paragraphs with a redaction* is the share of paragraphs "
        "(list items and notes included) holding at least one; *marker share* is the characters of the "
        "redaction markers over the characters of the witness (spaces excluded) — exact for ■■■ runs (one ■ a "
        "character), a lower bound for `[REDACTED]`. *Pages* count page breaks plus one; *hands* are the hands "
        "declared in the sidecars; *hand-attributed passages* the elements carrying `@hand`; *corrections* are "
        "`sic`/`corr` pairs; *unclear* excludes garbled forms; *entity mentions* are names linked to the "
        "registers (distinct targets in brackets).\n\n")
    rows = [(r, ident, title, s) for r in reports if r.inspection.doc is not None
            for ident, title, s in division_stats(r.inspection.doc) if s.redactions]
    out.append("### Redactions per document\n\n")
    if rows:
        out.append("| Document | Title | Redactions | Paragraphs with a redaction | Marker share |\n"
                   "|---|---|--:|--:|--:|\n")
        for r, ident, title, s in rows:
            out.append(f"| [{md(r.id)} {md(ident)}]({document_link(r.id, ident, worklist)}) | {md(title)} | "
                       f"{s.redactions} | {s.paragraphs_redacted} of {s.paragraphs} ({pct(s.paragraph_share)}) | "
                       f"{pct(s.marker_share)} |\n")
        out.append("\nDocuments without a redaction are not listed.\n\n")
    else:
        out.append("No document has a redaction.\n\n")
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
            where = f"{Path(f.path).name}:{f.lines}"
            if f.offset is not None:
                where = f"[{md(where)}]({document_link(r.id, f.anchor, worklist)})"
            else:
                where = md(where)
            out.append(f"| {f.severity} | {where} | {md(f.category)} | {md(f.message)} | {md(f.hint)} |\n")
        out.append("\n")
    return "".join(out)


def write_worklist(reports: list[SourceReport], path: Path) -> bool:
    return write_atomic(Path(path), render(reports, Path(path)).encode("utf-8"))
