"""Build the site: tei/ -> docs/ (generated pages, assets, downloads) -> MkDocs (strict) -> search index -> link check.

Runs after the TEI build (``honkoku build`` = tei, then this). docs/ is
generated: every file in it is written here, except docs/editors/, which
belongs to the editor workbench; files this build did not write are removed
(outside editors/), so a deleted source leaves no stale page. MkDocs runs in
process with the project's mkdocs.yml (docs_dir/site_dir overridden), strict:
any warning fails the build. MkDocs checks only Markdown links, and ours are
raw HTML, so links.check_links() reads every built page afterwards and fails,
naming the page, on a link to a missing file or anchor, and on any resource
(script, stylesheet, image) loaded from another host. The search index is
built in bundles (search_index.py).
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .. import collector
from ..cache import code_version, digest, file_digest, open_cache
from ..errors import Problem, UserError
from ..files import write_atomic
from . import downloads
from .corpus import load_corpus
from .metacache import MetaCache
from .messages import Messages, ui_language
from .mkdocs_config import Collect, configured_language, load as _config
from .links import check_links, check_links_incremental  # noqa: F401  (check_links: for callers)
from .pages import Groups, LazyPage, SiteBuilder
from .render import DatedItem, Mention
from .search_index import BUNDLE_PAGES, SearchReport, index_site
from .text import FOLD_PAIRS

ASSETS = Path(__file__).parent / "assets"
OWNED_BY_OTHERS = ("editors",)     # docs/editors/ is written by the editor workbench
FIXED_EPOCH = "315532800"          # 1980-01-01: sitemap dates when SOURCE_DATE_EPOCH is unset


@dataclass
class SiteReport:
    pages: int = 0
    written: int = 0
    removed: int = 0
    skipped: int = 0                 # document pages not rendered again: their inputs are unchanged
    skipped_other: int = 0           # lists, register and chronology pages not rendered again: same inputs
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    search: SearchReport | None = None
    mkdocs: str = ""                 # "clean" or "dirty" (only the changed pages made again)
    links_read: int = 0              # pages the link check read (every page when it had to check all)


def search_script(language: str = "ja") -> bytes:
    """The search page's script, with the same folding table as text.fold (one source of truth) and the
    search field's placeholder in the site's language."""
    template = (ASSETS / "hk-search.js.in").read_text(encoding="utf-8")
    placeholder = json.dumps(Messages(language)("search.placeholder"), ensure_ascii=False)
    return template.replace("/*FOLD_PAIRS*/[]", json.dumps(FOLD_PAIRS, ensure_ascii=False)) \
        .replace('/*PLACEHOLDER*/""', placeholder).encode("utf-8")


def generate_docs(tei: Path, sources: Path | None, docs: Path, site_url: str = "", site_name: str = "honkoku",
                  search: bool = True, report: SiteReport | None = None, cache_root: Path | None = None,
                  force: bool = False, language: str = "ja") -> SiteReport:
    """Write every generated file into docs/; remove what an earlier build wrote and this one did not.

    Each file is written as soon as it is made and only its path is kept, so memory does not grow
    with the site's HTML. A document page whose inputs are unchanged (its TEI file's bytes, the
    merged registers, the build's settings, ``code_version("site")``) is not rendered again: the
    cache (``.honkoku-cache`` in ``cache_root``, by default the TEI folder's parent) keeps what
    it collected for the other pages (mentions, dates, warnings). ``force`` renders every page.
    Lists, registers and chronology depend on the whole corpus: they are made from what the document
    pages collected, but a page whose template inputs (pages.LazyPage.inputs) are those recorded with
    its unchanged output is not rendered again. Each TEI file's metadata (its Source, its header sums)
    is taken from the cache when its bytes were read before (site/metacache.py), so after an edit
    only the files whose pages are rendered are parsed. ``language`` is MkDocs' theme.language: the
    interface text of every page (messages.py; "ja" Japanese, any other English), in every page's key."""
    report = report or SiteReport()
    t0 = time.perf_counter()
    cache, throwaway = open_cache(Path(cache_root) if cache_root else Path(tei).resolve().parent)
    try:
        with collector.relaxed():
            return _generate_docs(tei, sources, docs, site_url, site_name, search, report, cache, force, t0,
                                  ui_language(language))
    finally:
        cache.close()
        if throwaway:
            shutil.rmtree(throwaway, ignore_errors=True)


def _generate_docs(tei: Path, sources: Path | None, docs: Path, site_url: str, site_name: str, search: bool,
                   report: SiteReport, cache, force: bool, t0: float, language: str) -> SiteReport:
    meta = MetaCache(cache, tei)
    corpus = load_corpus(tei, keep_trees=False, meta=meta)   # sources are read as the page loop reaches them
    if next(iter(corpus.sources), None) is None:      # (not len(): it would read every file before the loop)
        raise UserError(tei, "no TEI source files to publish", 1, 1, "run `honkoku tei` first (or pass --tei DIR)")
    keep: set[str] = set()

    def emit(rel_path: str, data: bytes) -> Path:
        keep.add(rel_path)
        if write_atomic(docs / rel_path, data, sync=False):
            report.written += 1
        return docs / rel_path

    files = downloads.corpus_files(tei, sources)
    zip_rel = f"downloads/{downloads.ZIP_NAME}"       # made from the last one when this code wrote it
    zip_stage, zip_key = cache.stage("site-zip", docs), downloads.reuse_key(code_version("site"))
    last = zip_stage.get(zip_rel)
    previous = (docs / zip_rel, last.data) if not force and last is not None and last.data and \
        zip_stage.fresh(zip_rel, zip_key, [docs / zip_rel]) else None
    digests: dict[str, str] = {}
    zipped = downloads.corpus_zip(files, lambda name, data: emit(f"downloads/{name}", data), previous, digests)
    zip_stage.record(zip_rel, zip_key, [emit(zip_rel, zipped)], digests)
    zip_stage.commit()
    zip_size = downloads.human_size(len(zipped))
    del zipped
    has_txt = {p.stem for _, p in files if p.suffix == ".txt"}
    builder = SiteBuilder(corpus, site_url, site_name, search, has_txt, f"downloads/{downloads.ZIP_NAME}", zip_size,
                          language)
    t1 = time.perf_counter()
    stage = cache.stage("site", docs)
    shared = digest(code_version("site"), site_url, site_name, str(bool(search)), language, _entities_digest(corpus))
    done: set[str] = set()
    builder.groups = _StageGroups(stage, docs, shared, force, keep, done, report)
    for source in corpus.sources:
        path = builder.doc_path(source.id)
        sha = meta.digests.get(source.path) or file_digest(source.path)
        key = builder.doc_keys[source.id] = digest(shared, source.id, source.path.name, sha,
                                                   "txt" if source.id in has_txt else "")
        entry = stage.get(path)
        if not force and stage.fresh(path, key, [docs / path]) and entry.data is not None:
            keep.add(path)
            builder.take_collected(source, list(map(Mention._make, entry.data["mentions"])),
                                   list(map(DatedItem._make, entry.data["dates"])), entry.data["warnings"])
            report.skipped += 1
        else:
            out = emit(path, builder.page_markdown(builder.document_page(source)).encode("utf-8"))
            mentions, dates, warnings = builder.last_collected
            stage.record(path, key, [out], {"mentions": [list(m) for m in mentions],
                                            "dates": [list(d) for d in dates], "warnings": warnings})
        done.add(path)
        report.pages += 1
    for page in builder.other_pages():
        report.pages += 1
        done.add(page.path)
        if isinstance(page, LazyPage):         # made from plain data: unchanged data, unchanged page
            key = digest(shared, page.inputs())
            if not force and stage.fresh(page.path, key, [docs / page.path]):
                keep.add(page.path)
                report.skipped_other += 1
                continue
            stage.record(page.path, key, [emit(page.path, builder.page_markdown(page).encode("utf-8"))])
        else:
            emit(page.path, builder.page_markdown(page).encode("utf-8"))
    for item in stage.items():
        if item not in done:
            stage.forget(item)
    meta.keep_only({p.name for p in Path(tei).glob("*.xml")})
    stage.commit()
    report.timings["render"] = time.perf_counter() - t1
    for asset in sorted(ASSETS.iterdir()):
        if asset.is_file() and not asset.name.endswith(".in"):
            emit(f"assets/{asset.name}", asset.read_bytes())
    emit("assets/hk-search.js", search_script(language))
    if report.written:
        os.sync()                        # one flush for every page written (write_atomic ran with sync=False)
    report.removed = _remove_stale(docs, keep)
    report.warnings += builder.warnings
    report.timings["docs"] = time.perf_counter() - t0
    return report


@dataclass
class _StageGroups(Groups):
    """pages.Groups kept in the site stage's records: a group's record holds the paths of its pages."""
    stage: object
    docs: Path
    shared: str
    force: bool
    keep: set
    done: set
    report: SiteReport

    def fresh(self, name: str, key: str) -> bool:
        entry = self.stage.get(name)
        key = digest(self.shared, key)
        if self.force or entry is None or not isinstance(entry.data, list) or \
                not self.stage.fresh(name, key, [self.docs / p for p in entry.data]):
            return False
        self.done.add(name)
        for path in entry.data:
            self.keep.add(path)
            self.done.add(path)                  # its own record (pages.LazyPage inputs) is kept too
        self.report.pages += len(entry.data)
        self.report.skipped_other += len(entry.data)
        return True

    def made(self, name: str, key: str, paths: list[str]) -> None:
        self.done.add(name)
        self.stage.record(name, digest(self.shared, key), [self.docs / p for p in paths], list(paths))


def _entities_digest(corpus) -> str:
    """The merged registers as the pages see them (an entity's names and note appear in every page that
    mentions it), hashed once for every document page's key."""
    return digest(json.dumps([[e.id, e.kind, e.names, e.roles, e.note] for e in corpus.entities.values()],
                             ensure_ascii=False))


def _remove_stale(docs: Path, keep: set[str]) -> int:
    """Remove the files of docs/ this build did not write (and the folders left empty), except those
    other tools own. One os.walk, deepest folders first, names as strings: pathlib's sort of 14,000
    Paths cost more than the walk itself."""
    removed = 0
    for folder, dirs, files in os.walk(docs, topdown=False):
        rel_folder = os.path.relpath(folder, docs).replace(os.sep, "/")
        rel_folder = "" if rel_folder == "." else rel_folder + "/"
        if rel_folder.split("/")[0] in OWNED_BY_OTHERS:
            continue
        for name in files:
            if rel_folder + name not in keep and (rel_folder or name not in OWNED_BY_OTHERS):
                os.unlink(os.path.join(folder, name))
                removed += 1
        if rel_folder and not os.listdir(folder):
            os.rmdir(folder)
    return removed


def run_mkdocs(config_file: Path, docs: Path, site: Path, quiet: bool = True,
               cache_root: Path | None = None) -> str:
    """MkDocs, strict, in process. With ``cache_root`` (the project folder holding .honkoku-cache), a build
    after a successful one remakes only the changed pages when that is safe (mkdocs_dirty.py) and is
    clean otherwise; without it, always clean. Returns "clean" or "dirty"."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, BuildError
    from .mkdocs_dirty import DirtyPlan, DropDirtyWarning, NeedCleanBuild, static_key
    os.environ.setdefault("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    logger = logging.getLogger("mkdocs")
    collect = Collect()
    echo = logging.StreamHandler(sys.stderr)
    echo.setLevel(logging.WARNING if quiet else logging.INFO)
    echo.setFormatter(logging.Formatter("mkdocs: %(levelname)s: %(message)s"))
    drop = DropDirtyWarning()
    build_logger = logging.getLogger("mkdocs.commands.build")
    old_level = logger.level
    logger.setLevel(logging.INFO)
    logger.addHandler(collect)
    logger.addHandler(echo)
    build_logger.addFilter(drop)
    cache = throwaway = plan = None
    try:
        cfg = _config(config_file, docs, site)
        if cache_root is not None:
            cache, throwaway = open_cache(Path(cache_root))
            plan = DirtyPlan.start(cache.stage("mkdocs", site), static_key(cfg, config_file), site)
            cfg.plugins["honkoku-dirty"] = plan
            try:
                build(cfg, dirty=plan.dirty)
            except NeedCleanBuild:
                collect.messages.clear()
                cfg = _config(config_file, docs, site)
                plan = DirtyPlan(plan.stage, plan.static, site, dirty=False)
                cfg.plugins["honkoku-dirty"] = plan
                build(cfg)
            plan.record()
            return "dirty" if plan.dirty else "clean"
        build(cfg)
        return "clean"
    except (Abort, BuildError) as exc:
        if plan is not None:
            plan.forget_build()
        detail = "; ".join(collect.messages[:10]) or str(exc)
        raise UserError(config_file, f"the site build failed (mkdocs, strict): {detail}", 1, 1,
                        "the message names the page; fix the link or the page") from None
    except BaseException:
        if plan is not None:
            plan.forget_build()
        raise
    finally:
        build_logger.removeFilter(drop)
        logger.removeHandler(collect)
        logger.removeHandler(echo)
        logger.setLevel(old_level)
        if cache is not None:
            cache.close()
        if throwaway:
            shutil.rmtree(throwaway, ignore_errors=True)


def build_site(tei: Path, sources: Path | None, docs: Path, site: Path, config_file: Path,
               mkdocs: bool = True, search: bool = True, quiet: bool = True,
               search_bundle_pages: int = BUNDLE_PAGES) -> SiteReport:
    report = SiteReport()
    docs.mkdir(parents=True, exist_ok=True)
    site_url, site_name, language = "", "honkoku", configured_language(config_file)
    if mkdocs:
        cfg = _config(config_file, docs, site)
        site_url, site_name = cfg.site_url or "", cfg.site_name or "honkoku"
        language = cfg.theme.get("language") or "ja"      # the interface's too (messages.ui_language)
    generate_docs(tei, sources, docs, site_url, site_name, search and mkdocs, report, language=language)
    if not mkdocs:
        return report
    t = time.perf_counter()
    report.mkdocs = run_mkdocs(config_file, docs, site, quiet, cache_root=Path(tei).resolve().parent)
    report.timings["mkdocs"] = time.perf_counter() - t
    if search:
        t = time.perf_counter()
        found = index_site(site, Path(tei).resolve().parent, search_bundle_pages)
        report.timings["pagefind"] = time.perf_counter() - t
        report.search = found
    t = time.perf_counter()
    checked = check_links_incremental(site, urlsplit(site_url).path or "/", Path(tei).resolve().parent)
    problems, report.links_read = checked.problems, checked.read
    report.timings["links"] = time.perf_counter() - t
    if problems:
        hint = "the page is named first; fix the template or the TEI reference that made the link"
        raise UserError.many([Problem(str(site / p.split(":", 1)[0]), 1, 1, p.split(": ", 1)[1], hint)
                              for p in problems])
    return report
