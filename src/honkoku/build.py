"""Build the edition: sources/ -> tei/ (and, with the site package, docs/ -> site/).

The TEI stage is incremental, parallel and all-or-nothing:

- **incremental**: a source is converted only if its key — the hash of its
  .txt, its sidecar, the shared inputs (registers) and honkoku's own code
  (``cache.code_version``) — differs from the one its TEI was made from, or
  that TEI is gone or was edited (``cache.Stage.fresh``). Editing one source
  of 10,000 converts one.
- **parallel**: the sources to convert are spread over the cores
  (``ProcessPoolExecutor``, chunks of a few documents); results come back in
  source order, so reports and outputs do not depend on timing.
- **all-or-nothing, bounded memory**: each converted document is written to
  a staging folder in the cache, and only paths are kept in memory. When every
  source converted (or, with ``keep_going``, for the good ones) staged files
  are renamed into ``tei/``; otherwise no TEI file changes, and the staged
  ones wait, keyed by their inputs, for the next run: a build that failed or
  was killed resumes instead of starting again.
"""
from __future__ import annotations

import json
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator

from . import collector
from .cache import CACHE_DIR, Cache, code_version, digest, file_digest, files_digest, open_cache
from .convert import convert
from .errors import Problem, UserError, line_col
from .files import sweep_temporaries, write_atomic

# Folders of the project (beside sources/) that every document's TEI depends on.
SHARED_INPUTS = ("registers",)
MIN_PARALLEL = 16          # fewer sources to convert than this: one process is faster than starting a pool


@dataclass
class Report:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    converted: int = 0          # sources converted by this run
    checks: dict[str, str] = field(default_factory=dict)   # with check=True: id -> check's report (to_cache)
    reused: int = 0             # staged by an earlier run that failed or was killed, published now
    removed: list[str] = field(default_factory=list)   # TEI whose source is gone


def source_files(sources: Path) -> list[Path]:
    if not sources.is_dir():
        raise UserError(sources, "sources folder not found", 1, 1, "pass --sources DIR with your .txt files")
    return sorted(p for p in sources.glob("*.txt") if p.is_file())


def shared_inputs(root: Path) -> list[Path]:
    """Files besides a source and its sidecar that its TEI depends on (the registers)."""
    found: list[Path] = []
    for name in SHARED_INPUTS:
        folder = root / name
        if folder.is_dir():
            found += sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    return found


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:                       # not on Linux
        return os.cpu_count() or 1


# -- converting one source into the staging folder (runs in a worker process) ---------------

@dataclass(frozen=True)
class Job:
    txt: Path
    root: Path | None          # paths in messages are shown relative to it
    staged: Path               # where the TEI goes until it is published
    check: tuple[Path, str] | None = None    # (project root, registers' digest): also make check's report


def _problem_dicts(problems: list[Problem]) -> list[dict]:
    return [vars(p) for p in problems]


def convert_to_staging(job: Job) -> tuple[bool, list[dict], list[dict], str | None]:
    """(converted, warnings, problems, check's report or None); the TEI, its warnings and report written
    next to ``job.staged``."""
    try:
        doc, data = convert(job.txt, job.root)
    except UserError as err:
        return False, [], _problem_dicts(err.problems), _check_report(job, None)
    warnings = []
    for offset, message in doc.warnings:
        line, col = line_col(doc.text, offset)
        warnings.append(Problem(doc.path, line, col, message, severity="warning"))
    # warnings (if any) first, the TEI last: a staged .xml is only ever seen with its warnings
    if warnings:
        _stage_write(_warnings_path(job.staged), json.dumps(_problem_dicts(warnings), ensure_ascii=False).encode())
    check = _check_report(job, doc)
    if check is not None:
        _stage_write(_check_path(job.staged), check.encode("utf-8"))
    _stage_write(job.staged, data)
    return True, _problem_dicts(warnings), [], check


def _check_report(job: Job, doc) -> str | None:
    """``honkoku check``'s report of the source, from the Document just converted (the passes are not
    run again), or, when the conversion failed (``doc`` None), from check's own tolerant run."""
    if job.check is None:
        return None
    from .workbench.check import check_converted, check_source
    root = job.check[0]
    ctx = _check_context(*job.check)
    report = check_source(job.txt, root, ctx) if doc is None else check_converted(doc, job.txt, root, ctx)
    return report.to_cache()


@lru_cache(maxsize=2)
def _check_context(root: Path, registers_digest: str):
    """The detectors' context (names in the registers), made once per worker for the registers' content."""
    from .workbench.check import context_for
    return context_for(root)


def _stage_write(path: Path, data: bytes) -> None:
    """Write into the staging folder, complete or not at all (rename); synced all at once before publishing."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


def _warnings_path(staged: Path) -> Path:
    return staged.with_suffix(".warnings.json")


def _check_path(staged: Path) -> Path:
    return staged.with_suffix(".check")


def run_jobs(jobs: list[Job], workers: int) -> Iterator[tuple[bool, list[dict], list[dict], str | None]]:
    """Outcomes in the order of ``jobs``; a caller that stops early cancels what has not started."""
    if workers <= 1 or len(jobs) < MIN_PARALLEL:
        with collector.relaxed():
            yield from map(convert_to_staging, jobs)
        return
    import multiprocessing
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    chunk = max(1, min(32, len(jobs) // (workers * 8)))       # a few chunks per worker balance the load
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=collector.relax)
    try:
        yield from pool.map(convert_to_staging, jobs, chunksize=chunk)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# -- the TEI stage -----------------------------------------------------------------------------

@dataclass
class _Item:
    txt: Path
    key: str
    out: Path
    staged: Path | None = None              # None: the TEI in out/ is fresh
    warnings: list[dict] = field(default_factory=list)
    check: str | None = None                # check's report (SourceReport.to_cache), when asked for


_open_cache = open_cache          # moved to cache.py: the site stage uses it without importing the passes


def check_out(sources: Path, out: Path) -> None:
    """The build writes nothing under sources/: refuse an output folder there."""
    src, dst = sources.resolve(), out.resolve()
    if dst == src or src in dst.parents:
        raise UserError(out, f"the output folder is inside the sources folder {sources}", 1, 1,
                        "write TEI elsewhere (the default is tei/): honkoku never writes under sources/")


REGISTER_FILE = "registers.xml"


def _register_file(root: Path, out: Path, report: Report) -> list[tuple[Path, bytes]]:
    """``tei/registers.xml``: the whole registers as TEI, when the project has any."""
    from . import registers
    from .tei.standoff import register_file
    try:
        regs = registers.load(root / "registers", "registers")
    except UserError as err:
        report.problems.extend(err.problems)
        return []
    return [(out / REGISTER_FILE, register_file(regs))] if regs else []


def build_tei(sources: Path, out: Path, keep_going: bool = False, quiet: bool = False, jobs: int | None = None,
              force: bool = False, progress: Callable[[str], None] | None = None, check: bool = False) -> Report:
    """Convert every source whose inputs changed; write nothing unless all succeed (or, with keep_going,
    the good ones). ``jobs``: worker processes (default: the cores); ``force``: ignore the cache;
    ``progress`` is called with each source's id as it is done (the progress bar); ``check``: also
    give ``honkoku check``'s report of every source (``report.checks``), made by the worker from the
    Document it converted and kept in the cache entry, so an unchanged source is not checked again."""
    report = Report()
    root = sources.parent
    txts = source_files(sources)
    check_out(sources, out)
    sweep_temporaries(out)                   # leftovers of a write killed mid-way
    step = progress or (lambda _name: None)
    register_results = _register_file(root, out, report)     # validated once: every source uses them
    if report.problems:
        return report
    cache, throwaway = _open_cache(root)
    try:
        stage = cache.stage("tei", out)
        staging = cache.staging(stage.name)
        registers = files_digest(shared_inputs(root), root)
        shared = digest(code_version("tei"), registers)
        checking = (root, registers) if check else None
        items: list[_Item] = []
        todo: list[tuple[_Item, Job]] = []
        for txt in txts:
            display = root if txt.is_relative_to(root) else None
            key = digest(shared, str(txt.relative_to(root)) if display else str(txt),
                         file_digest(txt), file_digest(txt.with_suffix(".toml")))
            item = _Item(txt, key, out / f"{txt.stem}.xml")
            items.append(item)
            if not force and stage.fresh(txt.stem, key, [item.out]):
                data = stage.get(txt.stem).data or {}
                if not check or "check" in data:            # a TEI made by `tei` has no report: made again
                    item.warnings, item.check = data.get("warnings", []), data.get("check")
                    step(txt.stem)
                    continue
            item.staged = staging / f"{txt.stem}.{key[:32]}.xml"
            if not force and item.staged.is_file():          # made by a run that failed or was killed
                try:
                    noted = _warnings_path(item.staged)
                    item.warnings = json.loads(noted.read_text(encoding="utf-8")) if noted.exists() else []
                    item.check = _check_path(item.staged).read_text(encoding="utf-8") if check else None
                    report.reused += 1
                    step(txt.stem)
                    continue
                except (OSError, ValueError):
                    pass
            todo.append((item, Job(txt, display, item.staged, checking)))
        outcomes = run_jobs([job for _, job in todo], jobs or default_jobs())
        try:
            for (item, _), (ok, warnings, problems, checked) in zip(todo, outcomes):
                step(item.txt.stem)
                report.converted += ok
                item.warnings, item.check = warnings, checked
                if not ok:
                    report.problems += [Problem(**p) for p in problems]
                    item.staged, item.key = None, ""
                    if not keep_going:
                        break                  # the first failing source, in source order: deterministic
        finally:
            outcomes.close()                   # stops the workers' pending chunks
        if report.problems and not keep_going:
            return report
        for item in items:
            report.warnings += [Problem(**w) for w in item.warnings]
            if item.check is not None:
                report.checks[item.txt.stem] = item.check
        _publish(items, stage, report)
        for path, data in register_results:
            (report.written if write_atomic(path, data) else report.unchanged).append(str(path))
        _remove_orphans(stage, {t.stem for t in txts}, report)
        stage.commit()
        for leftover in staging.iterdir():       # older keys of sources that changed since
            leftover.unlink(missing_ok=True)
        return report
    finally:
        cache.close()
        if throwaway:
            shutil.rmtree(throwaway, ignore_errors=True)


def _publish(items: list[_Item], stage, report: Report) -> None:
    """Move staged TEI into place, one file at a time, recording each in the manifest."""
    if any(item.staged is not None and item.key for item in items):
        os.sync()            # staged files reach the disk before any is renamed into place
    for item in items:
        if not item.key:                         # failed (keep_going): its old TEI, if any, stays
            continue
        if item.staged is None:
            report.unchanged.append(str(item.out))
            continue
        try:
            same = item.out.stat().st_size == item.staged.stat().st_size and \
                item.out.read_bytes() == item.staged.read_bytes()
        except (FileNotFoundError, IsADirectoryError, PermissionError, NotADirectoryError):
            same = False
        if same:
            item.staged.unlink()
            report.unchanged.append(str(item.out))
        else:
            item.out.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.replace(item.staged, item.out)          # staged by write_atomic: complete and synced
            except OSError:                                # another file system: copy atomically instead
                write_atomic(item.out, item.staged.read_bytes())
                item.staged.unlink(missing_ok=True)
            report.written.append(str(item.out))
        if item.warnings:
            _warnings_path(item.staged).unlink(missing_ok=True)
        _check_path(item.staged).unlink(missing_ok=True)
        data = {"warnings": item.warnings}
        if item.check is not None:
            data["check"] = item.check
        stage.record(item.txt.stem, item.key, [item.out], data)


def _remove_orphans(stage, current: set[str], report: Report) -> None:
    """TEI this build wrote for a source that no longer exists: removed, unless edited since."""
    for name in stage.items():
        if name in current:
            continue
        entry = stage.get(name)
        for path, size, mtime in entry.outputs:
            p = Path(path)
            try:
                st = p.stat()
            except OSError:
                continue
            if (st.st_size, st.st_mtime_ns) == (size, mtime):
                p.unlink()
                report.removed.append(path)
        stage.forget(name)
