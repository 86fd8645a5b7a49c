#!/usr/bin/env python3
"""The scale benchmark: generated corpora through every stage, with ratios measured in the same run.

    /work/venv/bin/python bench/run.py --sizes 100,1000 [--tei-stylesheets PATH] [--jobs 2] [--repeat 3]

For each size N it generates N sources (``bench/corpus.py``) in a scratch
folder outside the repository, then measures:

- **sources -> TEI**, cold (empty cache) and incremental (nothing changed;
  one source edited), run as ``python -m honkoku tei`` in a child process;
- **floor**: lxml parse + serialise of the same TEI files (one core);
- **teitohtml**: the TEI Consortium's XSLT (profiles/default/html/to.xsl) on
  the same TEI through Saxon (``saxonche``, the ``bench`` extra), when
  ``--tei-stylesheets`` names a checkout of github.com/TEIC/Stylesheets;
- **TEI -> pages, MkDocs build, search index**: ``python -m honkoku site``
  when the site renderer is present (``--site-src`` may point at another
  checkout's ``src``), cold and after the one-source edit.

Per stage: wall time, time per document, MB/s (input bytes per wall second
and per CPU second), CPU time, peak memory (the sum of the resident memory of
the stage's process tree, sampled every 20 ms, and the largest single
process from ``wait4``), output sizes. Timed figures are medians of
``--repeat`` runs. Results: a Markdown table on stdout and JSON (``--json``).
Not part of the test suite: it is slow by design and the machine is shared.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
from bench.corpus import generate  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE")


# -- measuring a child process ------------------------------------------------------------------

def _tree_rss(root_pid: int) -> tuple[int, int]:
    """(resident bytes of a process and all its descendants, of the largest of them), from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2:].split()
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        rss[pid] = int(fields[21]) * PAGE
    total, largest, todo, seen = 0, 0, [root_pid], set()
    children: dict[int, list[int]] = {}
    for pid, ppid in parents.items():
        children.setdefault(ppid, []).append(pid)
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += rss.get(pid, 0)
        largest = max(largest, rss.get(pid, 0))
        todo += children.get(pid, [])
    return total, largest


@dataclass
class Run:
    wall: float
    cpu: float                 # user + system of the process tree
    peak_tree: int             # bytes: largest sampled sum over the tree
    peak_process: int          # bytes: largest single process (sampled; wait4's ru_maxrss would count the
                               # benchmark's own memory, which Linux carries into a child across fork and exec)
    stdout: str
    returncode: int


def run_measured(cmd: list[str], cwd: Path, env: dict[str, str]) -> Run:
    out_path = cwd / f".bench-out-{os.getpid()}.txt"
    with open(out_path, "w+", encoding="utf-8") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        peak = [0, 0]
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                tree, largest = _tree_rss(proc.pid)
                peak[0], peak[1] = max(peak[0], tree), max(peak[1], largest)
                done.wait(0.02)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read()
    out_path.unlink()
    return Run(wall, usage.ru_utime + usage.ru_stime, peak[0], peak[1], text, proc.returncode)


# -- helpers -------------------------------------------------------------------------------------

def size_of(paths) -> int:
    return sum(p.stat().st_size for p in paths)


def folder_size(folder: Path) -> int:
    return size_of(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else 0


def mb(n: float) -> str:
    return f"{n / 1e6:.1f} MB"


def kb(n: float) -> str:
    return f"{n / 1e3:.1f} KB"


def median_run(runs: list[Run]) -> Run:
    runs = sorted(runs, key=lambda r: r.wall)
    return runs[len(runs) // 2]


@dataclass
class Stage:
    name: str
    status: str = "ok"
    docs: int = 0
    input_bytes: int = 0
    wall: float | None = None
    cpu: float | None = None
    peak_tree: int | None = None
    peak_process: int | None = None
    outputs: dict[str, str] = field(default_factory=dict)
    note: str = ""

    def row(self) -> dict:
        d = {"stage": self.name, "status": self.status, "docs": self.docs}
        if self.wall is not None and self.docs:
            d["wall_s"] = round(self.wall, 3)
            d["ms_per_doc"] = round(1000 * self.wall / self.docs, 3)
            if self.input_bytes:
                d["MB_per_s"] = round(self.input_bytes / self.wall / 1e6, 2)
        if self.cpu is not None and self.docs:
            d["cpu_s"] = round(self.cpu, 3)
            d["cpu_ms_per_doc"] = round(1000 * self.cpu / self.docs, 3)
            if self.input_bytes:
                d["MB_per_cpu_s"] = round(self.input_bytes / self.cpu / 1e6, 2)
        if self.peak_tree is not None:
            d["peak_tree"] = mb(self.peak_tree)
            d["peak_process"] = mb(self.peak_process or 0)
        d.update(self.outputs)
        if self.note:
            d["note"] = self.note
        return d


# -- stages -------------------------------------------------------------------------------------

class Bench:
    def __init__(self, args, n: int):
        self.args = args
        self.n = n
        self.work = Path(args.workdir) / f"n{n}"
        self.sources = self.work / "sources"
        self.tei = self.work / "tei"
        self.stages: list[Stage] = []
        self.ratios: dict[str, float] = {}
        src = str(ROOT / "src")
        self.env = dict(os.environ, PYTHONPATH=src, PYTHONHASHSEED="0", SOURCE_DATE_EPOCH="315532800")
        site_src = Path(args.site_src).resolve() if args.site_src else ROOT / "src"
        self.site_env = dict(self.env, PYTHONPATH=f"{site_src}{os.pathsep}{src}" if args.site_src else src)
        self.site_src = site_src

    def log(self, msg: str) -> None:
        print(f"[n={self.n}] {msg}", file=sys.stderr, flush=True)

    def honkoku(self, *argv: str, env=None) -> Run:
        run = run_measured([sys.executable, "-m", "honkoku", *argv], self.work, env or self.env)
        if run.returncode != 0:
            raise SystemExit(f"honkoku {' '.join(argv)} failed ({run.returncode}):\n{run.stdout[-3000:]}")
        return run

    def prepare(self) -> None:
        if self.work.exists():
            shutil.rmtree(self.work)
        t = time.perf_counter()
        generate(self.sources, self.n, seed=self.args.seed)
        self.txts = sorted(self.sources.glob("*.txt"))
        self.source_bytes = size_of(self.txts)
        self.log(f"generated {self.n} sources, {mb(self.source_bytes)} of text, in {time.perf_counter() - t:.1f}s")

    def startup(self) -> None:
        """The fixed cost of a TEI run with nothing to do (interpreter, imports): not a cost per document."""
        empty = self.work / "empty"
        (empty / "sources").mkdir(parents=True, exist_ok=True)
        runs = [run_measured([sys.executable, "-m", "honkoku", "tei", "--sources", "sources", "--out", "tei", "-q"],
                             empty, self.env) for _ in range(self.args.repeat)]
        self.startup_run = median_run(runs)
        self.stages.append(Stage("startup (empty project)", docs=0, note=f"{self.startup_run.wall:.2f}s wall, "
                                 f"{self.startup_run.cpu:.2f}s CPU: a fixed cost, included in the TEI rows"))

    def tei_cold(self) -> None:
        runs = []
        for i in range(self.args.repeat):
            shutil.rmtree(self.tei, ignore_errors=True)
            shutil.rmtree(self.work / ".honkoku-cache", ignore_errors=True)
            runs.append(self.honkoku("tei", "--sources", "sources", "--out", "tei", "-q", "-j", str(self.args.jobs)))
            self.log(f"tei cold {i + 1}/{self.args.repeat}: {runs[-1].wall:.2f}s")
        r = median_run(runs)
        teis = sorted(self.tei.glob("*.xml"))
        sizes = sorted(p.stat().st_size for p in teis)
        self.tei_bytes = sum(sizes)
        self.stages.append(Stage("sources → TEI (cold)", docs=self.n, input_bytes=self.source_bytes, wall=r.wall,
                                 cpu=r.cpu, peak_tree=r.peak_tree, peak_process=r.peak_process,
                                 outputs={"TEI total": mb(self.tei_bytes),
                                          "TEI per doc (median)": kb(statistics.median(sizes))},
                                 note=f"{self.args.jobs} workers"))
        self.tei_cold_run = r

    def tei_incremental(self) -> None:
        noop = median_run([self.honkoku("tei", "--sources", "sources", "--out", "tei", "-j", str(self.args.jobs))
                           for _ in range(self.args.repeat)])
        self.stages.append(Stage("sources → TEI (nothing changed)", docs=self.n, wall=noop.wall, cpu=noop.cpu,
                                 peak_tree=noop.peak_tree, peak_process=noop.peak_process,
                                 note=self._converted(noop.stdout)))
        edits = []
        for i in range(self.args.repeat):
            victim = self.txts[(self.n // 2 + i) % self.n]
            with open(victim, "a", encoding="utf-8") as fh:
                fh.write(f"\n編集 {i}: 一文を加えた。\n")
            edits.append(self.honkoku("tei", "--sources", "sources", "--out", "tei", "-j", str(self.args.jobs)))
        r = median_run(edits)
        self.stages.append(Stage("sources → TEI (one source edited)", docs=1, wall=r.wall, cpu=r.cpu,
                                 peak_tree=r.peak_tree, peak_process=r.peak_process, note=self._converted(r.stdout)))
        self.edit_wall = r.wall

    @staticmethod
    def _converted(stdout: str) -> str:
        """The TEI summary's counts (``documents built (TEI written)  1`` / ``skipped as unchanged  999``)."""
        built = re.search(r"^documents built \(TEI written\)\s+(\d+)", stdout, re.M)
        skipped = re.search(r"^skipped as unchanged\s+(\d+)", stdout, re.M)
        if built and skipped:
            return f"{built[1]} built, {skipped[1]} unchanged"
        return stdout.strip()[-120:]

    def floor(self) -> None:
        from lxml import etree
        teis = sorted(self.tei.glob("*.xml"))
        blobs = [p.read_bytes() for p in teis]          # reading is not part of the floor
        times = []
        for _ in range(self.args.repeat):
            t = time.perf_counter()
            for data in blobs:
                etree.tostring(etree.fromstring(data), encoding="UTF-8")
            times.append(time.perf_counter() - t)
        wall = statistics.median(times)
        self.floor_per_doc = wall / len(blobs)
        self.stages.append(Stage("floor: lxml parse + serialise of the TEI", docs=len(blobs),
                                 input_bytes=sum(map(len, blobs)), wall=wall, cpu=wall, note="1 core, in process"))
        del blobs

    def saxon(self) -> None:
        ss = Path(self.args.tei_stylesheets) if self.args.tei_stylesheets else None
        xsl = ss / "profiles" / "default" / "html" / "to.xsl" if ss else None
        if xsl is None or not xsl.is_file():
            why = ("absent: pass --tei-stylesheets PATH (a checkout of github.com/TEIC/Stylesheets)" if ss is None
                   else f"absent: {xsl} not found (is {ss} a checkout of TEIC/Stylesheets?)")
            self.stages.append(Stage("teitohtml (TEI XSLT, Saxon)", status=why))
            return
        try:
            from saxonche import PySaxonProcessor
        except ImportError:
            self.stages.append(Stage("teitohtml (TEI XSLT, Saxon)",
                                     status="absent: saxonche not installed (pip install -e '.[bench]')"))
            return
        teis = sorted(self.tei.glob("*.xml"))[: self.args.saxon_sample]
        per_doc, out_sizes = [], []
        with PySaxonProcessor(license=False) as proc:
            compiled = proc.new_xslt30_processor().compile_stylesheet(stylesheet_file=str(xsl))
            compiled.transform_to_string(xdm_node=proc.parse_xml(xml_file_name=str(teis[0])))   # warm up the JIT
            for _ in range(self.args.repeat):
                t = time.perf_counter()
                for p in teis:
                    html = compiled.transform_to_string(xdm_node=proc.parse_xml(xml_file_name=str(p)))
                    if len(out_sizes) < len(teis):
                        out_sizes.append(len(html.encode("utf-8")))
                per_doc.append((time.perf_counter() - t) / len(teis))
        wall = statistics.median(per_doc) * len(teis)
        self.saxon_per_doc = statistics.median(per_doc)
        self.stages.append(Stage("teitohtml (TEI XSLT, Saxon)", docs=len(teis), input_bytes=size_of(teis), wall=wall,
                                 cpu=wall, outputs={"HTML per doc (median)": kb(statistics.median(out_sizes))},
                                 note=f"saxonche, profiles/default/html/to.xsl, {len(teis)} docs, 1 core"))

    def render_in_process(self) -> None:
        """Our TEI → page for the documents teitohtml rendered, measured as Saxon is: in one process,
        per document, parsing included (the metadata read that the site's pages need, then the page)."""
        if self.args.no_site or self.site_available():
            return
        sys.path.insert(0, str(self.site_src))
        from honkoku.site.corpus import load_corpus
        from honkoku.site.pages import SiteBuilder
        sample = self.work / "render-sample"
        shutil.rmtree(sample, ignore_errors=True)
        sample.mkdir()
        for p in sorted(self.tei.glob("*.xml"))[: self.args.saxon_sample]:
            (sample / p.name).symlink_to(p.resolve())
        registers = self.tei / "registers.xml"          # the site stage reads tei/ with it: so does the sample
        if registers.is_file() and not (sample / registers.name).exists():
            (sample / registers.name).symlink_to(registers.resolve())
        per_doc = []
        for _ in range(self.args.repeat):
            t = time.perf_counter()
            corpus = load_corpus(sample, keep_trees=False)
            builder = SiteBuilder(corpus)
            for source in corpus.sources:
                builder.page_markdown(builder.document_page(source))
            per_doc.append((time.perf_counter() - t) / len(corpus.sources))
        self.render_per_doc = statistics.median(per_doc)
        n = len(corpus.sources)
        self.stages.append(Stage("TEI → page per document (in process, as teitohtml)", docs=n,
                                 input_bytes=size_of(sample.glob("*.xml")), wall=self.render_per_doc * n,
                                 cpu=self.render_per_doc * n,
                                 note=f"load_corpus + document_page + page_markdown, {n} docs"
                                 f"{' + registers.xml' if registers.is_file() else ''}, 1 core"))
        shutil.rmtree(sample, ignore_errors=True)

    def site_available(self) -> str:
        if not (self.site_src / "honkoku" / "site" / "build.py").is_file():
            return "absent: the site renderer (honkoku.site) is not in " + str(self.site_src)
        if not self.config.is_file():
            return f"absent: no MkDocs configuration at {self.config}"
        return ""

    @property
    def config(self) -> Path:
        return Path(self.args.mkdocs_config) if self.args.mkdocs_config else self.site_src.parent / "mkdocs.yml"

    def site(self) -> None:
        if self.args.no_site:
            self.stages.append(Stage("site stages", status="skipped (--no-site)"))
            return
        try:
            self._site()
        except SystemExit as exc:            # the renderer refused this corpus: say so, keep measuring the rest
            last = str(exc).strip().splitlines()[-1][:300]
            self.stages.append(Stage("site stage", status=f"failed: {last}"))

    def _site(self) -> None:
        why = self.site_available()
        if why:
            for name in ("TEI → pages", "MkDocs build", "search index"):
                self.stages.append(Stage(name, status=why))
            return
        common = ["site", "--tei", "tei", "--sources", "sources", "--docs", "docs", "--site", "site",
                  "--config", str(self.config.resolve())]
        # cold: docs/ empty, so every page is rendered (a page is skipped only while its output is
        # still the file written then; the site cache's records alone skip nothing); median of --repeat
        runs = []
        for i in range(self.args.repeat):
            shutil.rmtree(self.work / "docs", ignore_errors=True)
            runs.append(self.honkoku(*common, "--no-mkdocs", "--no-search", env=self.site_env))
            if "(0 document pages unchanged" not in runs[-1].stdout:
                raise SystemExit(f"the cold TEI → pages run skipped pages: {runs[-1].stdout[-300:]}")
            self.log(f"TEI → pages cold {i + 1}/{self.args.repeat}: {runs[-1].wall:.2f}s, CPU {runs[-1].cpu:.2f}s")
        pages = sorted(runs, key=lambda r: r.cpu)[len(runs) // 2]       # the ratio is taken on CPU time
        self.stages.append(Stage("TEI → pages", docs=self.n, input_bytes=self.tei_bytes, wall=pages.wall,
                                 cpu=pages.cpu, peak_tree=pages.peak_tree, peak_process=pages.peak_process,
                                 outputs={"docs/ total": mb(folder_size(self.work / "docs"))},
                                 note="honkoku site --no-mkdocs --no-search"))
        full = self.honkoku(*common, env=self.site_env)
        timings = dict((k, float(v)) for k, v in re.findall(r"(\w+) ([\d.]+)s", full.stdout.split("[")[-1]))
        site = self.work / "site"
        htmls = [p for p in site.rglob("*.html") if "pagefind" not in p.parts]
        sizes = sorted(p.stat().st_size for p in htmls)
        doc_pages = sorted(p.stat().st_size for p in htmls if any(p.parent.name == t.stem for t in self.txts))
        bundles = sorted(p for p in site.glob("pagefind*") if p.is_dir())     # pagefind/, pagefind-2/ …
        search_files = [p for b in bundles for p in b.rglob("*") if p.is_file()]
        self.stages.append(Stage("MkDocs build", docs=len(htmls), wall=timings.get("mkdocs"),
                                 outputs={"HTML pages": str(len(htmls)),
                                          "HTML per page (median)": kb(statistics.median(sizes)) if sizes else "-",
                                          "HTML per page (max)": kb(sizes[-1]) if sizes else "-",
                                          "document page (median)": kb(statistics.median(doc_pages)) if doc_pages
                                          else "-",
                                          "site total": mb(folder_size(site))},
                                 note=f"whole `honkoku site`: {full.wall:.1f}s wall, peak {mb(full.peak_tree)}; "
                                      + ", ".join(f"{k} {v:.1f}s" for k, v in timings.items())))
        self.site_full = full
        self.stages.append(Stage("search index", docs=len(htmls), wall=timings.get("pagefind") or timings.get("search"),
                                 outputs={"index total": mb(size_of(search_files)),
                                          "index files": str(len(search_files)),
                                          "largest index file": kb(max((p.stat().st_size for p in search_files),
                                                                       default=0))},
                                 note=f"{len(bundles)} Pagefind bundle(s)"))
        # one source edited: what the site stage costs then
        victim = self.txts[self.n // 3]
        with open(victim, "a", encoding="utf-8") as fh:
            fh.write("\n編集: サイトの増分を測る一文。\n")
        tei = self.honkoku("tei", "--sources", "sources", "--out", "tei", "-j", str(self.args.jobs))
        again = self.honkoku(*common, env=self.site_env)
        self.stages.append(Stage("site after one edit (pages + MkDocs + search)", docs=1, wall=again.wall,
                                 cpu=again.cpu, peak_tree=again.peak_tree, peak_process=again.peak_process,
                                 note=f"TEI stage {tei.wall:.2f}s ({self._converted(tei.stdout)}); site: "
                                      + again.stdout.strip().splitlines()[-1][-160:] if again.stdout.strip() else ""))

    def end_to_end(self) -> None:
        """What an editor waits for: sources to a built, searchable site, from nothing (no TEI, no pages,
        no cache), with `honkoku build`."""
        if self.args.no_site or self.args.no_end_to_end or self.site_available():
            return
        for name in ("tei", "docs", "site", ".honkoku-cache"):
            shutil.rmtree(self.work / name, ignore_errors=True)
        run = self.honkoku("build", "--sources", "sources", "--out", "tei", "-j", str(self.args.jobs), "--docs", "docs",
                           "--site", "site", "--config", str(self.config.resolve()), env=self.site_env)
        self.log(f"end to end: {run.wall:.1f}s, peak {mb(run.peak_tree)}")
        timings = ", ".join(f"{k} {float(v):.1f}s" for k, v in re.findall(r"(\w+) ([\d.]+)s", run.stdout.split("[")[-1]))
        self.stages.append(Stage("end to end: sources → searchable site (honkoku build, cold)", docs=self.n,
                                 input_bytes=self.source_bytes, wall=run.wall, cpu=run.cpu, peak_tree=run.peak_tree,
                                 peak_process=run.peak_process, note=f"site: {timings}"))
        self.ratios["end to end: minutes for the whole corpus"] = round(run.wall / 60, 2)

    def run(self) -> dict:
        self.prepare()
        self.startup()
        self.tei_cold()
        self.floor()
        self.saxon()
        self.render_in_process()
        self.site()
        self.tei_incremental()
        self.end_to_end()
        cold = self.tei_cold_run
        cpu_per_doc = cold.cpu / self.n
        self.ratios["sources→TEI CPU per doc / lxml floor per doc"] = round(cpu_per_doc / self.floor_per_doc, 2)
        self.ratios["sources→TEI MB/s of source text per core"] = round(self.source_bytes / cold.cpu / 1e6, 2)
        work = max(cold.cpu - self.startup_run.cpu, 1e-9)
        self.ratios["same, without the fixed startup: CPU per doc / floor"] = round(work / self.n / self.floor_per_doc,
                                                                                      2)
        self.ratios["same, without the fixed startup: MB/s per core"] = round(self.source_bytes / work / 1e6, 2)
        if hasattr(self, "saxon_per_doc"):
            self.ratios["teitohtml per doc / lxml floor per doc"] = round(self.saxon_per_doc / self.floor_per_doc, 1)
            pages = next((s for s in self.stages if s.name == "TEI → pages" and s.cpu), None)
            if pages:
                self.ratios["teitohtml per doc / our TEI → pages CPU per doc"] = round(
                    self.saxon_per_doc / (pages.cpu / self.n), 2)
            if hasattr(self, "render_per_doc"):
                self.ratios["teitohtml per doc / our TEI → page per doc, both in process"] = round(
                    self.saxon_per_doc / self.render_per_doc, 2)
        self.ratios["one source edited: TEI stage wall seconds"] = round(self.edit_wall, 2)
        return {"n": self.n, "source_bytes": self.source_bytes, "stages": [s.row() for s in self.stages],
                "ratios": self.ratios}


def machine() -> dict:
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = ""
    try:
        mem = next(line.split(":", 1)[1].strip() for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    except (OSError, StopIteration):
        pass
    return {"date": time.strftime("%Y-%m-%d %H:%M %Z"), "cpu": cpu, "cores": os.cpu_count(), "memory": mem,
            "python": platform.python_version(), "load_before": os.getloadavg()}


def markdown(result: dict) -> str:
    lines = []
    m = result["machine"]
    lines.append(f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory']}; Python {m['python']}; {m['date']}; "
                 f"load average before: {', '.join(f'{x:.2f}' for x in m['load_before'])}")
    for res in result["runs"]:
        lines.append(f"\n### {res['n']} documents ({res['source_bytes'] / 1e6:.1f} MB of source text)\n")
        cols = ["stage", "status", "docs", "wall_s", "ms_per_doc", "MB_per_s", "cpu_ms_per_doc", "MB_per_cpu_s",
                "peak_tree", "peak_process"]
        lines.append("| " + " | ".join(cols + ["outputs / note"]) + " |")
        lines.append("|" + "---|" * (len(cols) + 1))
        for row in res["stages"]:
            extra = "; ".join(f"{k}: {v}" for k, v in row.items() if k not in cols)
            lines.append("| " + " | ".join(str(row.get(c, "")) for c in cols) + f" | {extra} |")
        lines.append("")
        for k, v in res["ratios"].items():
            lines.append(f"- {k}: **{v}**")
    return "\n".join(lines)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="100,1000", help="comma-separated corpus sizes (default 100,1000)")
    p.add_argument("--jobs", type=int, default=2, help="worker processes for the TEI stage (default 2)")
    p.add_argument("--repeat", type=int, default=3, help="runs per timed figure; the median is reported")
    p.add_argument("--seed", type=int, default=1986)
    p.add_argument("--tei-stylesheets", help="path of a checkout of the TEI Consortium's Stylesheets repository")
    p.add_argument("--saxon-sample", type=int, default=200, help="documents rendered by teitohtml (default 200)")
    p.add_argument("--site-src", help="a `src` folder holding honkoku.site, if not this checkout's")
    p.add_argument("--mkdocs-config", help="mkdocs.yml for the site stage (default: beside the site's src)")
    p.add_argument("--no-site", action="store_true", help="skip the site stages (pages, MkDocs, search)")
    p.add_argument("--no-end-to-end", action="store_true", help="skip the cold `honkoku build` from nothing")
    p.add_argument("--workdir", default="/tmp/honkoku-bench", help="scratch folder (outside the repository)")
    p.add_argument("--json", help="also write the results as JSON here")
    args = p.parse_args(argv)
    if Path(args.workdir).resolve().is_relative_to(ROOT):
        p.error("--workdir must be outside the repository")
    result = {"machine": machine(), "runs": []}
    for n in [int(x) for x in args.sizes.split(",") if x.strip()]:
        result["runs"].append(Bench(args, n).run())
    result["machine"]["load_after"] = os.getloadavg()
    text = markdown(result)
    print(text)
    if args.json:
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
