"""The editors' worklist: check's findings, linked, and the numbers, on pages of bounded size.

Written by ``honkoku check --worklist FILE`` and by ``honkoku editor-pages``
(which the site build and ``serve`` run) as ``docs/editors/worklist.md``.
Every finding about the text links to its place in the reading edition: the
paragraph (``#p-L34``), else the page (``#pb-L129``) or the division
(``#d3``) — the TEI xml:ids, which the site writes as HTML ids.

**Finished HTML, not Markdown.** Each page is a ``.md`` file whose front
matter has ``hk_kind: worklist`` and whose body is HTML, as the reader's
pages are (site/pages.py): site/mkdocs_hooks.py swaps the body for a marker
before MkDocs would convert it and puts it back in the written page. As
Markdown tables, the worklist of 1,000 sources (6.4 MB) cost MkDocs more
than all the other pages together (a clean build 9 s with it, 4 s
without). The body is plain HTML (``<table>`` with ``<thead>``, ``<h2
id=…>``, ``<p>``), which the theme styles as it styled Python-Markdown's
output, with the same heading ids; each block starts a line after a blank
line, so any Markdown processor passes it through unchanged (a site without
honkoku's hooks, ``mkdocs serve`` of a bare config). Every text that comes
from a source (ids, titles, paths, messages, hints: source text is quoted in
messages) is escaped with ``html.escape``: it is data, never markup.

**Links** are the site's URLs, relative, as the theme writes them with
``use_directory_urls`` (which the site requires: site/pages.py ``url_of``): the
index ``editors/worklist.md`` is ``editors/worklist/``, its page 3
``editors/worklist/3.md`` is ``editors/worklist/3/``, a source's page
``documents/<id>.md`` is ``documents/<id>/``. So the index reaches page 3 as
``3/``, a page the index as ``../`` and page 4 as ``../4/``, whatever the
index's name, and a document as ``../../documents/<id>/#p-L34`` from the
index, one ``../`` more from a page. Where document pages live is decided in
one function, ``document_link``; change it there if the site moves them.
MkDocs checks only Markdown links; these are checked with every other link of
the built site by site/links.py (a missing page or ``#anchor`` fails
``honkoku site``).

``check --worklist FILE`` writes the same pages (there is one form, byte for
byte the build's, tested): FILE is meant to be a page of a site's
``docs/editors/`` (as ``docs/editors/todo.md``); elsewhere its links to the
documents and the sidecar reference lead nowhere, but it reads as it is in
any Markdown viewer (the HTML blocks pass through).

**Size.** An edition of 10,000 sources has hundreds of thousands of
findings: one page would weigh tens of megabytes. So the findings go on
pages beside the index, ``worklist/<n>.md``: page *n* holds the *n*-th run of
``PAGE_SOURCES`` sources (in id order) and at most ``PAGE_FINDINGS``
findings; a run with more is cut into parts (``<n>-2.md``, …), and a source
with more findings than a page holds continues on the next part. Each page
gives its sources' numbers and findings, each source under an anchor
(``#source-<id>``). The index (``worklist.md``) gives the totals, the
findings by category, the first sources with errors, and one line per run
(its first and last source, its parts); past ``RUNS_PER_LIST`` runs (5,000
sources) the runs are listed on ``worklist/list-<k>.md`` and the index has a
line per list. So no page grows with the corpus (the index by a line per
5,000 sources). Runs are cut by
position, so a change to one source's findings changes its page, the index (and its list)
only (``write_atomic`` leaves the others untouched). An edition that
fits on one page (at most ``PAGE_SOURCES`` sources and ``PAGE_FINDINGS``
findings) has everything on ``worklist.md`` and no ``worklist/`` folder.
"""
from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import regex

from ..cache import Stage, code_version, digest
from ..files import write_atomic
from .check import SourceReport, stats_fields
from .findings import SEVERITIES
from .stats import Stats

# Where the site puts a source's page (honkoku.site.pages: documents/<id>.md, at this URL), from the site's root.
DOCUMENT_URL = "documents/{id}/"
KIND = "worklist"          # the pages' hk_kind: site/mkdocs_hooks.py keeps their HTML body from Python-Markdown
PAGE_SOURCES = 25          # sources per page of findings (a run of sources, cut by position)
PAGE_FINDINGS = 300        # findings per page, at most (about 130 KB of HTML)
LISTED_ERRORS = 50         # sources with errors named on the index, at most
RUNS_PER_LIST = 200        # runs of sources listed on the index; more: lists of 200 runs (5,000 sources)
PAGE_FILE = regex.compile(r"^(?:\d+(?:-\d+)?|list-\d+)\.md$")     # the pages this module writes in worklist/


def document_link(source_id: str, anchor: str, up: int = 1) -> str:
    """Link from a worklist page to a place in a source's page: ``../../documents/<id>/#p-L34``.

    ``up``: folders between the worklist page's file and docs/ (1 for
    docs/editors/worklist.md, 2 for the pages in worklist/); its URL is one
    folder deeper (``editors/worklist/``). The one place to change if the
    site moves its pages.
    """
    return "../" * (up + 1) + DOCUMENT_URL.format(id=source_id) + (f"#{anchor}" if anchor else "")


def source_anchor(source_id: str) -> str:
    """The HTML id of a source's findings on its worklist page (source ids are safe in ids and URLs)."""
    return f"source-{source_id}"


def esc(text: str) -> str:
    """Text as HTML, on one line: escaped (quotes too), whitespace runs as one space. Source text is data."""
    return html.escape(" ".join(str(text).split()))


def link(href: str, label: str) -> str:
    """A link; ``label`` is HTML (escape text first)."""
    return f'<a href="{html.escape(href)}">{label}</a>'


def para(inner: str) -> str:
    """A paragraph, as a block of its own (``inner`` is HTML)."""
    return f"<p>{inner}</p>\n\n"


def heading(ident: str, title: str) -> str:
    """A section heading with the id Python-Markdown's toc gave it when the page was Markdown."""
    return f'<h2 id="{ident}">{title}</h2>\n\n'


def table(columns: str, head: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A table as the theme styles it (a plain ``<table>``: Material styles ``table:not([class])``).

    ``columns``: a letter a column, ``l`` or ``r`` (numbers, right-aligned by the edition's
    ``.hk-num`` rule: ``align=""`` is obsolete HTML);
    ``head`` and the cells of ``rows`` are HTML.
    """
    def row(tag: str, cells: Sequence[str]) -> str:
        return "<tr>" + "".join(f'<{tag}{ALIGN[c]}>{cell}</{tag}>' for c, cell in zip(columns, cells, strict=True)) \
            + "</tr>\n"
    return ("<table>\n<thead>\n" + row("th", head) + "</thead>\n<tbody>\n" + "".join(row("td", r) for r in rows)
            + "</tbody>\n</table>\n\n")


ALIGN = {"l": "", "r": ' class="hk-num"'}


def pct(x: float) -> str:
    return f"{100 * x:.2f} %"


NUMBERS_COLUMNS = ("lrrrrrrr", ("Source", "Documents", "Pages", "Hands", "Passages by hand", "Corrections",
                                "Unclear", "Entity mentions (distinct)"))
SEVERITY_HEAD = ("Errors", "Warnings", "Info")
FRONT = "---\ntitle: {title}\nhk_kind: " + KIND + "\n---\n\n"
INTRO = para("What <code>honkoku check</code> found in the sources, and the edition in numbers. This page is "
          "generated (<code>honkoku editor-pages</code>, also run by the build and by <code>honkoku serve</code>): "
          "do not edit it; fix the source's sidecar, or mark a finding you have judged as "
          '<code>[[reviewed]]</code> (see the <a href="../sidecar/">sidecar reference</a>).')
SEVERITY_NOTE = ("An <em>error</em> stops the build; a <em>warning</em> means the TEI is probably wrong or "
                 "incomplete; an <em>info</em> is worth a look.")
NUMBERS_NOTE = para(
    "<em>Pages</em> count page breaks plus one; <em>hands</em> are the hands declared in the sidecars; "
    "<em>passages by hand</em> the elements carrying <code>@hand</code>; <em>corrections</em> are "
    "<code>sic</code>/<code>corr</code> pairs; <em>unclear</em> excludes garbled forms; <em>entity mentions</em> "
    "are names linked to the registers (distinct targets in brackets).")
REDACTIONS_NOTE = para(
    "<em>Redactions</em> are the gaps archives left (<code>[REDACTED]</code>, ■■■, <code>(不開示)</code> …). "
    "How much text they hide is usually unknown, so two shares are given: <em>paragraphs with a redaction</em> "
    "is the share of paragraphs (list items and notes included) holding at least one; <em>marker share</em> is "
    "the characters of the redaction markers over the characters of the witness (spaces excluded) — exact for "
    "■■■ runs (one ■ a character), a lower bound for <code>[REDACTED]</code>.")


def _numbers_row(label: str, s: Stats) -> tuple[str, ...]:
    return (label, str(s.documents), str(s.pages), str(s.hands), str(s.handwritten), str(s.corrections),
            str(s.unclear), f"{s.entities} ({s.entity_refs})")


def _redactions_table(what: str, rows: Iterable[tuple[str, Stats]]) -> str:
    return table("lrrr", (what, "Redactions", "Paragraphs with a redaction", "Marker share"),
                 ((label, str(s.redactions), f"{s.paragraphs_redacted} of {s.paragraphs} ({pct(s.paragraph_share)})",
                   pct(s.marker_share)) for label, s in rows))


# -- the layout: which findings go on which page -------------------------------------------------

@dataclass
class Segment:
    """Findings ``[start, end)`` of one source, on one page."""
    report: SourceReport
    start: int
    end: int


@dataclass
class Page:
    name: str                          # file stem in worklist/: "3", or "3-2" for the second part of run 3
    segments: list[Segment] = field(default_factory=list)

    @property
    def first_id(self) -> str:
        return self.segments[0].report.id

    @property
    def last_id(self) -> str:
        return self.segments[-1].report.id

    def tally(self) -> dict[str, int]:
        c = Counter(f.severity for s in self.segments for f in s.report.findings[s.start:s.end])
        return {sev: c[sev] for sev in SEVERITIES}


def paginate(run: Sequence[SourceReport], number: int) -> list[Page]:
    """The pages of the ``number``-th run of sources: cut when ``PAGE_FINDINGS`` findings are reached.

    A source that does not fit in what is left of a page starts the next one;
    only a source with more findings than a whole page is split across pages,
    the following ones.
    """
    pages = [Page(str(number))]
    room = PAGE_FINDINGS
    for report in run:
        i, n = 0, len(report.findings)
        if room < n and pages[-1].segments:
            room = 0                                   # it does not fit in what is left: start a page
        while True:
            if room == 0 and (i < n or not pages[-1].segments):
                pages.append(Page(f"{number}-{len(pages) + 1}"))
                room = PAGE_FINDINGS
            take = min(n - i, room)
            pages[-1].segments.append(Segment(report, i, i + take))
            i, room = i + take, room - take
            if i >= n:
                break
    return pages


# -- rendering --------------------------------------------------------------------------------------

def _sources_numbers(reports: list[SourceReport], up: int) -> str:
    """The numbers and redactions of these sources (rows linked to their document pages)."""
    linked = [(link(document_link(r.id, "", up), esc(r.id)), r.stats) for r in reports if r.stats]
    if not linked:
        return ""
    return (table(*NUMBERS_COLUMNS, (_numbers_row(label, st) for label, st in linked))
            + _redactions_table("Source", linked) + _per_document(reports, up))


def _per_document(reports: Sequence[SourceReport], up: int) -> str:
    """The redactions of each document division of these sources that has one."""
    rows = [(r, ident, title, st) for r in reports for ident, title, st in r.divisions if st.redactions]
    if not rows:
        return ""
    return (para("Per document (documents without a redaction are not listed):")
            + _redactions_table("Document", ((link(document_link(r.id, ident, up), f"{esc(r.id)} {esc(ident)}")
                                              + (f" {esc(title)}" if title else ""), st)
                                             for r, ident, title, st in rows)))


FINDINGS_HEAD = ("", "Where", "Category", "What", "How to fix")
# A source's heading: with a class, so the theme's table of contents (mkdocs_hooks.toc_tokens) leaves it out:
# its page lists its 25 sources in a table at the top.
SOURCE_HEADING = "hk-worklist-source"


def _findings(segments: list[Segment], up: int) -> str:
    """Per source, its findings (or the part of them on this page), under an anchor."""
    out = []
    for seg in segments:
        r = seg.report
        title = f" — {esc(r.title)}" if r.title else ""
        if seg.start:                                  # the rest of a source begun on the page before
            out.append(f"<h3>{esc(r.id)}{title} (continued)</h3>\n\n")
        else:
            out.append(f'<h3 id="{esc(source_anchor(r.id))}" class="{SOURCE_HEADING}">{esc(r.id)}{title}</h3>\n\n')
            tr = r.tally()
            line = f"<code>{esc(r.path)}</code>: {tr['error']} error(s), {tr['warning']} warning(s), {tr['info']} info"
            out.append(para(line + (f", {r.reviewed} reviewed" if r.reviewed else "") + "."))
            if not r.findings:
                out.append(para("Nothing to look at."))
                continue
        if seg.end < len(r.findings):
            out.append(para(f"Findings {seg.start + 1}–{seg.end} of {len(r.findings)}; the rest on the next page."))
        elif seg.start:
            out.append(para(f"Findings {seg.start + 1}–{seg.end} of {len(r.findings)}."))
        rows = []
        for f in r.findings[seg.start:seg.end]:
            where = esc(("sidecar " if f.path.endswith(".toml") else "") + f"line {f.lines}")
            if f.offset is not None:
                where = link(document_link(r.id, f.anchor, up), where)
            rows.append((esc(f.severity), where, esc(f.category), esc(f.message), esc(f.hint)))
        out.append(table("lllll", FINDINGS_HEAD, rows))
    return "".join(out)


@dataclass
class Totals:
    """What the index needs of every source, gathered one run of sources at a time."""
    sources: int = 0
    severities: Counter = field(default_factory=Counter)
    categories: Counter = field(default_factory=Counter)          # (category, severity) -> findings
    stats: Stats = field(default_factory=lambda: Stats("total"))
    with_errors: list[tuple[str, str, int]] = field(default_factory=list)   # (id, page name, errors)
    errors_sources: int = 0

    def add(self, report: SourceReport, page: str) -> None:
        self.sources += 1
        tally = report.tally()
        self.severities.update(tally)
        self.categories.update((f.category, f.severity) for f in report.findings)
        if report.stats:
            self.stats = self.stats + report.stats
        if tally["error"]:
            self.errors_sources += 1
            if len(self.with_errors) < LISTED_ERRORS:
                self.with_errors.append((report.id, page, tally["error"]))

    def add_run(self, summary: dict) -> None:
        """Add a run's ``run_summary`` (as made now, or kept in the cache)."""
        self.sources += summary["sources"]
        self.severities.update(summary["severities"])
        self.categories.update({(c, sev): n for c, sev, n in summary["categories"]})
        self.stats = self.stats + Stats(**summary["stats"])
        self.errors_sources += summary["error_sources"]
        room = LISTED_ERRORS - len(self.with_errors)
        self.with_errors += [tuple(e) for e in summary["errors"][:max(room, 0)]]


def run_summary(pages: list[Page]) -> dict:
    """What the index needs of a run of sources, JSON-able (the build keeps it in its cache)."""
    t = Totals()
    for page in pages:
        for seg in page.segments:
            if seg.start == 0:
                t.add(seg.report, page.name)
    return {"sources": t.sources, "severities": {sev: t.severities[sev] for sev in SEVERITIES},
            "categories": [[c, sev, n] for (c, sev), n in sorted(t.categories.items())],
            "stats": stats_fields(t.stats), "errors": [list(e) for e in t.with_errors],
            "error_sources": t.errors_sources,
            "rows": [[p.name, p.first_id, p.last_id, p.tally()] for p in pages]}


def _head(totals: Totals) -> str:
    t = totals.severities
    out = [INTRO, para(f"<strong>{totals.sources} source(s): {t['error']} error(s), {t['warning']} warning(s), "
                    f"{t['info']} info.</strong> " + SEVERITY_NOTE)]
    if totals.categories:
        out.append(table("lrrr", ("Category",) + SEVERITY_HEAD,
                         ((esc(cat),) + tuple(str(totals.categories[cat, sev]) for sev in SEVERITIES)
                          for cat in sorted({c for c, _ in totals.categories}))))
    return "".join(out)


def _numbers(totals: Totals, sources: Sequence[SourceReport] = ()) -> str:
    """The edition in numbers: a row per source of ``sources`` (on a one-page worklist), and the total."""
    linked = [(link(document_link(r.id, ""), esc(r.id)), r.stats) for r in sources if r.stats]
    every = linked + [("<strong>All</strong>", totals.stats)]
    return "".join([heading("the-edition-in-numbers", "The edition in numbers"),
                    table(*NUMBERS_COLUMNS, (_numbers_row(label, st) for label, st in every)), NUMBERS_NOTE,
                    '<h3 id="redactions">Redactions</h3>\n\n', _redactions_table("Source", every), REDACTIONS_NOTE,
                    _per_document(sources, 1)])


def render_single(reports: Sequence[SourceReport]) -> str:
    """The whole worklist on one page (an edition that fits on one)."""
    totals = Totals()
    for r in reports:
        totals.add(r, "")
    segments = [Segment(r, 0, len(r.findings)) for r in reports]
    return (FRONT.format(title="Worklist") + "<h1>Worklist</h1>\n\n" + _head(totals) + _numbers(totals, reports)
            + heading("what-to-look-at", "What to look at") + _findings(segments, 1))


render = render_single           # the one-page form, whatever the size (tests, small editions)


def _page_link(name: str) -> str:
    """From a page of the worklist (URL ``editors/worklist/<n>/``) to another, by its name."""
    return f"../{name}/"


def _nav(before: str | None, after: str | None) -> str:
    """Links to the page before (or the index), the index, and the page after."""
    links = [link(_page_link(before), f"← page {before}") if before else link("../", "← the worklist"),
             link("../", "the worklist")]
    if after:
        links.append(link(_page_link(after), f"page {after} →"))
    return para(" · ".join(links))


def render_page(page: Page, before: str | None, after: str | None, parts: Sequence[str] = ()) -> str:
    """A page of the worklist (``worklist/<name>.md``): its sources, and links to the pages ``before`` and
    ``after`` it (nothing else of the other pages, so that a change elsewhere leaves it as it is);
    ``parts``: the pages of its run of sources, when there are several. Its links to the index are ``../``
    (the index's URL is the pages' folder), so the page does not depend on the index's file name."""
    starting = [s.report for s in page.segments if s.start == 0]
    out = [FRONT.format(title=f"Worklist, page {page.name}"),
           f"<h1>Worklist, page {page.name}: {esc(page.first_id)} – {esc(page.last_id)}</h1>\n\n",
           _nav(before, after),
           para(f'A page of the {link("../", "worklist")}, where the totals are. Generated: do not edit.')]
    if len(parts) > 1:
        others = (name if name == page.name else link(_page_link(name), name) for name in parts)
        out.append(para("This run of sources has more findings than a page holds; its pages: "
                        + " · ".join(others) + "."))
    if starting:
        rows = []
        for r in starting:
            t = r.tally()
            rows.append((link(f"#{source_anchor(r.id)}", esc(r.id)), str(t["error"]), str(t["warning"]), str(t["info"]),
                         str(r.reviewed)))
        out.append(table("lrrrr", ("Source",) + SEVERITY_HEAD + ("Reviewed",), rows))
        numbers = _sources_numbers(starting, 2)
        if numbers:
            out.append(heading("these-sources-in-numbers", "These sources in numbers") + numbers)
    out.append(heading("what-to-look-at", "What to look at") + _findings(page.segments, 2))
    out.append(_nav(before, after))
    return "".join(out)


def _run_table(runs: list[tuple[str, list]], prefix: str) -> str:
    """One line per run of sources (its parts are linked from its pages); ``prefix``: from the page that
    lists them to the pages' folder (``""`` from the index, ``"../"`` from a list)."""
    rows = []
    for number, parts in runs:
        first, last = parts[0][1], parts[-1][2]
        t = {sev: sum(row[3][sev] for row in parts) for sev in SEVERITIES}
        span = esc(first) if first == last else f"{esc(first)} – {esc(last)}"
        more = f" ({len(parts)} parts)" if len(parts) > 1 else ""
        rows.append((link(f"{prefix}{number}/", number) + more, span, str(t["error"]), str(t["warning"]),
                     str(t["info"])))
    return table("llrrr", ("Page", "Sources") + SEVERITY_HEAD, rows)


def _runs(rows: list[tuple[str, str, str, dict[str, int]]]) -> list[tuple[str, list]]:
    """The pages' rows grouped by run of sources, in order."""
    runs: dict[str, list] = {}
    for row in rows:
        runs.setdefault(row[0].split("-")[0], []).append(row)
    return list(runs.items())


def render_index(totals: Totals, rows: list[tuple[str, str, str, dict[str, int]]],
                 lists: Sequence[tuple[str, str, str, dict[str, int]]] = ()) -> str:
    """``worklist.md`` when the findings are on pages: totals, numbers overall, and one line per run of
    sources, or, when there are more runs than a list holds, one line per list of runs (``lists``).
    Its URL (``editors/worklist/``) is the pages' folder: page 3 is ``3/`` from here."""
    out = [FRONT.format(title="Worklist"), "<h1>Worklist</h1>\n\n", _head(totals), _numbers(totals),
           para("Per source and per document, the numbers are on the pages below, with the findings."),
           heading("what-to-look-at", "What to look at"),
           para(f"The sources in id order, {PAGE_SOURCES} to a page (a page holds at most {PAGE_FINDINGS} findings: "
             "a second part follows when there are more). Each source is under its own heading on its page.")]
    if totals.with_errors:
        out.append(para(f"<strong>Sources with errors</strong> ({totals.errors_sources}"
                     + (f"; the first {len(totals.with_errors)}" if totals.errors_sources > len(totals.with_errors)
                        else "") + "): "
                     + ", ".join(link(f"{page}/#{source_anchor(sid)}", esc(sid)) + f" ({n})"
                                 for sid, page, n in totals.with_errors) + "."))
    if not lists:
        out.append(_run_table(_runs(rows), ""))
        return "".join(out)
    out.append(para(f"The pages are listed {RUNS_PER_LIST} to a list:"))
    out.append(table("llrrr", ("List of pages", "Sources") + SEVERITY_HEAD,
                     ((link(f"{name}/", name), f"{esc(first)} – {esc(last)}", str(t["error"]), str(t["warning"]),
                       str(t["info"])) for name, first, last, t in lists)))
    return "".join(out)


def render_list(name: str, runs: list[tuple[str, list]]) -> str:
    """``worklist/list-<k>.md``: the pages of ``RUNS_PER_LIST`` runs of sources (a very large edition)."""
    first, last = runs[0][1][0][1], runs[-1][1][-1][2]
    return (FRONT.format(title=f"Worklist, {name}") + f"<h1>Worklist, {name}: {esc(first)} – {esc(last)}</h1>\n\n"
            + para(link("../", "← the worklist")) + _run_table(runs, "../"))


# -- writing ----------------------------------------------------------------------------------------

def fits_one_page(reports: Sequence[SourceReport]) -> bool:
    return len(reports) <= PAGE_SOURCES and sum(len(r.findings) for r in reports) <= PAGE_FINDINGS


def write_worklist(reports: Sequence[SourceReport], path: Path, only: set[str] | None = None,
                   stage: Stage | None = None) -> list[Path]:
    """Write the worklist at ``path`` (and its pages in ``path``'s stem folder); the files changed.

    ``reports`` in id order; any sequence (the build passes reports parsed from
    its cache on access, so only a run of sources is in memory at a time).
    Pages left from a larger edition are removed. ``only``: the ids whose
    reports changed since the last write of the same list of sources (serve):
    only their runs' pages, the first page of the run after (whose "before"
    link may name another page) and the index are rendered; the other pages
    are as they were. ``stage``, with reports that keep their cached text
    (``CachedReports``, the build): a run of sources whose texts, neighbour and
    page files are those recorded is not even parsed; its summary for the index
    comes from the cache.
    """
    path = Path(path)
    folder = path.with_suffix("")
    changed: list[Path] = []
    written: set[str] = set()

    def write(target: Path, text: str) -> None:
        if write_atomic(target, text.encode("utf-8")):
            changed.append(target)

    if len(reports) <= PAGE_SOURCES:
        run = list(reports)
        if fits_one_page(run):
            write(path, render_single(run))
            _remove_stale(folder, written, changed)
            for item in stage.items() if stage is not None else []:
                stage.forget(item)
            return changed
    runs = range(0, len(reports), PAGE_SOURCES)
    totals, rows = Totals(), []
    last_before = None             # the last page of the run before
    render_next = False            # the run before changed: this run's first page links back to another page
    texts = getattr(reports, "texts", None) if stage is not None else None
    code = code_version("tei") if texts is not None else ""
    # one run of sources at a time: the first page of run n is always "n", so every link is known here
    for number, start in enumerate(runs, 1):
        end = min(start + PAGE_SOURCES, len(reports))
        item, key = f"run {number}", ""
        if texts is not None:          # the build: a run whose reports and neighbours are as last time is kept
            key = digest(code, path.name, str(number), str(number == len(runs)), last_before or "",
                         *texts[start:end])
            entry = stage.get(item)
            if entry is not None and entry.key == key and stage.fresh(
                    item, key, [folder / f"{name}.md" for name, *_ in entry.data["rows"]]):
                totals.add_run(entry.data)
                rows += [tuple(row) for row in entry.data["rows"]]
                written.update(f"{name}.md" for name, *_ in entry.data["rows"])
                last_before, render_next = entry.data["rows"][-1][0], False
                continue
        run = [reports[i] for i in range(start, end)]
        pages = paginate(run, number)
        changed_here = only is None or any(r.id in only for r in run)
        render = changed_here or render_next or not (folder / f"{number}.md").is_file()
        summary = run_summary(pages)
        totals.add_run(summary)
        for k, page in enumerate(pages):
            rows.append((page.name, page.first_id, page.last_id, page.tally()))
            written.add(f"{page.name}.md")
            if render:
                before = pages[k - 1].name if k else last_before
                after = pages[k + 1].name if k + 1 < len(pages) else (str(number + 1) if number < len(runs) else None)
                write(folder / f"{page.name}.md", render_page(page, before, after, [p.name for p in pages]))
        if key:
            stage.record(item, key, [folder / f"{page.name}.md" for page in pages], summary)
        last_before, render_next = pages[-1].name, changed_here
    if stage is not None:
        for item in stage.items():
            if not item.startswith("run ") or not item[4:].isdigit() or int(item[4:]) > len(runs):
                stage.forget(item)
    grouped = _runs(rows)
    lists = []
    if len(grouped) > RUNS_PER_LIST:         # a very large edition: the index lists lists of pages
        for k in range(0, len(grouped), RUNS_PER_LIST):
            chunk, name = grouped[k:k + RUNS_PER_LIST], f"list-{k // RUNS_PER_LIST + 1}"
            write(folder / f"{name}.md", render_list(name, chunk))
            written.add(f"{name}.md")
            tally = {sev: sum(row[3][sev] for _, parts in chunk for row in parts) for sev in SEVERITIES}
            lists.append((name, chunk[0][1][0][1], chunk[-1][1][-1][2], tally))
    write(path, render_index(totals, rows, lists))
    _remove_stale(folder, written, changed)
    return changed


def _remove_stale(folder: Path, written: set[str], changed: list[Path]) -> None:
    """Pages of an earlier, larger worklist that this one no longer has."""
    if not folder.is_dir():
        return
    for p in sorted(folder.iterdir()):
        if PAGE_FILE.match(p.name) and p.name not in written:
            p.unlink()
            changed.append(p)
    try:
        folder.rmdir()                  # only when empty
    except OSError:
        pass
