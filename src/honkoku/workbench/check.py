"""``honkoku check``: per source, what the build found and what an editor should look at.

Output (text): for each source a line of counts (what each annotation kind
found), then its findings, one per line, as ``file:line:col: severity:
message [category] (hint: …)``, then a one-line total. ``--format json``
gives the same for tools. Exit status: 0 when there is no error (warnings
and infos allowed), 2 (EXIT_USER_ERROR) when at least one finding is an
error — the build would fail on it.
"""
from __future__ import annotations

import base64
import json
import sys
import tomllib
import zlib
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from .. import passes
from ..build import MIN_PARALLEL, default_jobs, shared_inputs, source_files
from ..cache import files_digest
from ..errors import EXIT_OK, EXIT_USER_ERROR
from .detectors import DETECTORS, Context
from .findings import SEVERITIES, Finding
from .inspect import Inspection, inspect, inspect_converted
from .progress import Progress
from .reviewed import is_reviewed, reviewed_ranges
from .stats import Stats, counts, counts_line, division_stats, stats


@dataclass
class SourceReport:
    """What check found in one source; everything the worklist shows, without the Document.

    ``inspection`` is None for a report read back from the build's cache
    (``from_cache``): the worklist needs only the fields, which round-trip
    through JSON exactly (``to_cache`` / ``from_cache``).
    """
    id: str
    path: str
    inspection: Inspection | None
    findings: list[Finding] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    stats: Stats | None = None
    reviewed: int = 0
    title: str = ""                     # the sidecar's title
    divisions: list[tuple[str, str, Stats]] = field(default_factory=list)   # (div id, title, stats) per document

    def tally(self) -> dict[str, int]:
        return {sev: sum(1 for f in self.findings if f.severity == sev) for sev in SEVERITIES}

    def to_json(self) -> dict:
        return {"id": self.id, "file": self.path, "counts": self.counts,
                "stats": self.stats.to_json() if self.stats else None, "reviewed": self.reviewed,
                "summary": self.tally(), "findings": [f.to_json() for f in self.findings]}

    def to_cache(self) -> str:
        """The report as compact JSON, compressed (zlib, base64: ASCII), kept in the TEI stage's cache entry.

        Compressed because the manifest holds one per source and is read whole on every build:
        about 2.5 KB instead of 13 KB (JSON with its Japanese escaped) per generated document."""
        data = {"id": self.id, "path": self.path, "counts": self.counts,
                "stats": stats_fields(self.stats) if self.stats else None, "reviewed": self.reviewed,
                "title": self.title, "divisions": [[i, t, stats_fields(s)] for i, t, s in self.divisions],
                "findings": [[getattr(f, name) for name in FINDING_FIELDS] for f in self.findings]}
        packed = zlib.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6)
        return base64.b64encode(packed).decode("ascii")

    @classmethod
    def from_cache(cls, text: str) -> "SourceReport":
        data = json.loads(zlib.decompress(base64.b64decode(text)).decode("utf-8"))
        return cls(data["id"], data["path"], None,
                   [Finding(**dict(zip(FINDING_FIELDS, values))) for values in data["findings"]],
                   data["counts"], Stats(**data["stats"]) if data["stats"] else None, data["reviewed"],
                   data["title"], [(i, t, Stats(**s)) for i, t, s in data["divisions"]])


class CachedReports(Sequence):
    """Reports kept as ``to_cache`` text (the build's cache), parsed when read: a long worklist holds a few
    at a time."""

    def __init__(self, texts: Iterable[str]):
        self.texts = list(texts)

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [SourceReport.from_cache(t) for t in self.texts[i]]
        return SourceReport.from_cache(self.texts[i])


FINDING_FIELDS = tuple(f.name for f in fields(Finding))


def stats_fields(s: Stats) -> dict:
    return {f.name: getattr(s, f.name) for f in fields(Stats)}


def register_forms(root: Path) -> set[str]:
    """Every string in the registers (``registers/*.toml``, any layout): the names the edition knows."""
    forms: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, str):
            forms.add(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    folder = root / "registers"
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        try:
            if path.suffix == ".toml":
                walk(tomllib.loads(path.read_text(encoding="utf-8")))
            elif path.suffix == ".json":
                walk(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue                  # the registers' own validation reports a broken file
    return forms


def anchor_of(doc, offset: int) -> str:
    """The xml:id of the innermost element holding ``offset`` (p-L34), else the page (pb-L129) or division."""
    return Anchors(doc).of(offset)


class Anchors:
    """``anchor_of`` for the many findings of one Document: the spans with an xml:id are listed once."""

    def __init__(self, doc):
        self.holding = [s for s in doc.spans if s.attrs.get("xml:id") and s.tag != "div"]
        self.pages = [s for s in doc.find("pb") if s.attrs.get("xml:id")]
        self.divisions = [s for s in doc.find("div") if s.attrs.get("xml:id")]

    def of(self, offset: int) -> str:
        holding = [s for s in self.holding if s.start <= offset < s.end]
        if holding:
            return min(holding, key=lambda s: (s.end - s.start, -s.seq)).attrs["xml:id"]
        around = [s for s in self.pages if s.start <= offset]
        around += [s for s in self.divisions if s.start <= offset < s.end]
        return max(around, key=lambda s: (s.start, s.tag == "pb", s.seq)).attrs["xml:id"] if around else ""


def context_for(root: Path | None) -> Context:
    """What the detectors share for the sources of the project at ``root``."""
    return Context(known_names=register_forms(root) if root is not None else set(),
                   pass_names={p.name for p in passes.ALL})


def check_source(txt: Path, root: Path | None, ctx: Context, use_sidecar: bool = True) -> SourceReport:
    return report_of(inspect(txt, root, use_sidecar), ctx)


def check_converted(doc, txt: Path, root: Path | None, ctx: Context) -> SourceReport:
    """The report of a source the build has just converted, from its Document (passes run, TEI woven):
    the same as ``check_source`` would give, without running the passes again."""
    return report_of(inspect_converted(doc, txt, root), ctx)


def report_of(ins: Inspection, ctx: Context) -> SourceReport:
    """Detectors, reviewed ranges, anchors, counts and statistics over an inspected source."""
    txt = ins.txt
    report = SourceReport(txt.stem, ins.shown, ins)
    found = list(ins.findings)
    doc = ins.doc
    if doc is not None:
        for detector in DETECTORS:
            found += detector(doc, ctx)
        ranges = reviewed_ranges(doc)
        kept = [f for f in found if not is_reviewed(f, ranges)]
        report.reviewed = len(found) - len(kept)
        found = kept
        anchors = Anchors(doc)
        for f in found:
            if f.offset is not None:
                f.anchor = anchors.of(f.offset)
        report.counts = counts(doc)
        report.stats = stats(doc)
        title = doc.meta["sidecar"].data.get("title", "")
        report.title = str(title) if title else ""
        report.divisions = [(ident, str(t) if t else "", st) for ident, t, st in division_stats(doc)]
    report.findings = sorted(_dedupe(found), key=Finding.sort_key)
    return report


def _dedupe(found: list[Finding]) -> list[Finding]:
    seen, out = set(), []
    for f in found:
        key = (f.path, f.line, f.col, f.category, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def check_sources(sources: Path, use_sidecar: bool = True, only: list[str] | None = None,
                  quiet: bool = False, jobs: int | None = None) -> list[SourceReport]:
    """Every source's report, in id order; spread over ``jobs`` worker processes (default: the cores)
    when there are enough sources, as the build does. Reports are made afresh (not from the cache)."""
    root = sources.parent
    files = source_files(sources)
    if only:
        files = [f for f in files if f.stem in only]
    reports = []
    with Progress(len(files), "check", enabled=False if quiet else None) as bar:
        for txt, report in zip(files, _reports(files, root, use_sidecar, jobs or default_jobs())):
            bar.step(txt.stem)
            reports.append(report)
    return reports


def _reports(files: list[Path], root: Path, use_sidecar: bool, workers: int) -> Iterator[SourceReport]:
    if workers <= 1 or len(files) < MIN_PARALLEL:
        ctx = context_for(root)
        for txt in files:
            report = check_source(txt, root, ctx, use_sidecar)
            report.inspection = None          # the report keeps what it needs; not every Document at once
            yield report
        return
    import multiprocessing
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    registers = files_digest(shared_inputs(root), root)
    tasks = [(txt, root, use_sidecar, registers) for txt in files]
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        try:
            for text in pool.map(_check_in_worker, tasks, chunksize=max(1, min(32, len(files) // (workers * 8)))):
                yield SourceReport.from_cache(text)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _check_in_worker(task: tuple[Path, Path, bool, str]) -> str:
    txt, root, use_sidecar, registers = task
    return check_source(txt, root, _worker_context(root, registers), use_sidecar).to_cache()


@lru_cache(maxsize=2)
def _worker_context(root: Path, registers_digest: str) -> Context:
    """The detectors' context, made once per worker process for the registers' content."""
    return context_for(root)


def total(reports: list[SourceReport]) -> dict[str, int]:
    return {sev: sum(r.tally()[sev] for r in reports) for sev in SEVERITIES}


def format_text(reports: list[SourceReport], min_severity: str = "info") -> str:
    limit = SEVERITIES.index(min_severity)
    lines = []
    for r in reports:
        t = r.tally()
        head = f"{r.path}: {t['error']} error(s), {t['warning']} warning(s), {t['info']} info"
        if r.reviewed:
            head += f", {r.reviewed} reviewed"
        lines.append(head)
        if r.counts:
            lines.append(f"  found: {counts_line(r.counts)}")
        lines += [str(f) for f in r.findings if SEVERITIES.index(f.severity) <= limit]
    t = total(reports)
    lines.append(f"check: {len(reports)} source(s), {t['error']} error(s), {t['warning']} warning(s), "
                 f"{t['info']} info")
    return "\n".join(lines) + "\n"


def format_json(reports: list[SourceReport]) -> str:
    data = {"sources": [r.to_json() for r in reports], "summary": total(reports)}
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def add_parser(sub) -> None:
    c = sub.add_parser("check", help="list what an editor should look at, per source (file:line:col)")
    c.add_argument("--sources", type=Path, default=Path("sources"), help="folder of <id>.txt (+ <id>.toml)")
    c.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json for tools")
    c.add_argument("--severity", choices=SEVERITIES, default="info", help="list findings down to this severity")
    c.add_argument("-q", "--quiet", action="store_true", help="only errors and the total (for CI); no progress bar")
    c.add_argument("--no-sidecar", action="store_true",
                   help="ignore the sidecars: what the text alone shows, before any annotation work")
    c.add_argument("--worklist", type=Path, metavar="FILE.md", help="also write the editors' worklist page")
    c.add_argument("-j", "--jobs", type=int, default=None, help="worker processes (default: one per core)")
    c.add_argument("ids", nargs="*", help="only these source ids")


def cmd_check(args) -> int:
    reports = check_sources(args.sources, not args.no_sidecar, args.ids or None, args.quiet, args.jobs)
    if args.worklist:
        from .worklist import write_worklist
        write_worklist(reports, args.worklist)
    if args.format == "json":
        out = format_json(reports)
    elif args.quiet:
        out = "".join(f"{f}\n" for r in reports for f in r.findings if f.severity == "error")
        out += format_text(reports).splitlines()[-1] + "\n"
    else:
        out = format_text(reports, args.severity)
    sys.stdout.write(out)
    return EXIT_USER_ERROR if total(reports)["error"] else EXIT_OK
