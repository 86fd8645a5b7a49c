"""``honkoku serve``: live preview while editing sources, sidecars and registers.

A watcher polls ``sources/*.txt``, ``sources/*.toml`` and ``registers/``
(mtime and size, twice a second: no inotify, so it behaves the same on
network drives, containers and every OS; 10,000 files cost about 20 ms a
tick). When files change it rebuilds what they feed, in order: the TEI of
the sources concerned (all of them when a register changed), their site
pages (through the site package, when it is there), and the editors' worklist. A source that fails keeps its previous
TEI and its problems are printed in ``file:line:col`` form; serve goes on.

The pages are served by ``mkdocs serve`` (its livereload reloads the browser
when docs/ changes, and it depends on watchdog already) when the project has
an ``mkdocs.yml``; before the site exists, a plain local HTTP server shows
the project folder (``/tei/<id>.xml``). Both listen on 127.0.0.1 by default.
Ctrl-C or SIGTERM stops everything cleanly (exit 0).
"""
from __future__ import annotations

import functools
import http.server
import logging
import signal
import sys
import threading
import time
from pathlib import Path

from ..convert import convert
from ..errors import EXIT_OK, UserError
from ..files import write_atomic
from .check import CachedReports, SourceReport, check_converted, check_source, context_for
from .progress import Progress

Snapshot = dict[Path, tuple[int, int]]


def snapshot(sources: Path, registers: Path) -> Snapshot:
    files = [p for pattern in ("*.txt", "*.toml") for p in sources.glob(pattern)]
    if registers.is_dir():
        files += [p for p in registers.rglob("*") if p.is_file()]
    out: Snapshot = {}
    for p in files:
        try:
            st = p.stat()
        except FileNotFoundError:
            continue                   # removed between glob and stat
        out[p] = (st.st_mtime_ns, st.st_size)
    return out


def changed_ids(before: Snapshot, after: Snapshot, sources: Path) -> tuple[set[str], bool]:
    """(ids of sources whose text or sidecar changed, whether a register changed)."""
    paths = {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}
    ids = {p.stem for p in paths if p.parent == sources and p.suffix in (".txt", ".toml")}
    return ids, any(p.parent != sources for p in paths)


def rebuild_site_pages(root: Path, tei: Path, docs: Path, ids: set[str], say=print) -> list[Path]:
    """The site's pages in docs/, rewritten from tei/ by the site package (issue 7), if it is there.

    The one place that knows the site's API: ``honkoku.site.build.generate_docs``
    writes every page whose content changed (write_atomic: unchanged pages are
    not touched, so mkdocs serve reloads only what changed) and leaves
    docs/editors/ alone. ``ids`` is what changed, for a future incremental writer.
    """
    try:
        from ..site.build import generate_docs
        from ..site.mkdocs_config import configured_language
    except ImportError:
        return []                                # no site yet: TEI and the worklist only
    sources = root / "sources" if (root / "sources").is_dir() else None
    try:
        report = generate_docs(tei, sources, docs, language=configured_language(root / "mkdocs.yml"))
    except UserError as err:
        for prob in err.problems:
            say(str(prob))
        return []
    return [docs] * report.written


class Rebuilder:
    """What serve does on a change, kept apart from threads and servers so it can be tested directly."""

    def __init__(self, root: Path, sources: Path, tei: Path, docs: Path, out=sys.stderr):
        self.root, self.sources, self.tei, self.docs, self.out = root, sources, tei, docs, out
        self.reports: dict[str, str] = {}          # id -> check's report (SourceReport.to_cache: compact)
        self.ctx = context_for(root)
        self.listed: list[str] | None = None       # the sources of the worklist last written

    def say(self, message: str) -> None:
        print(message, file=self.out, flush=True)

    def rebuild(self, ids: set[str], registers_changed: bool = False) -> list[str]:
        started = time.monotonic()
        if registers_changed:
            self.ctx = context_for(self.root)
            ids = ids | {p.stem for p in self.sources.glob("*.txt")}
        built, failed = [], []
        bar = Progress(len(ids), "serve", stream=self.out)
        for sid in sorted(ids):
            bar.step(sid)
            txt = self.sources / f"{sid}.txt"
            if not txt.is_file():
                self.reports.pop(sid, None)
                self.say(f"serve: {sid}: source removed (its TEI stays in {self.tei}/ until you delete it)")
                continue
            try:
                doc, data = convert(txt, self.root)
            except UserError as err:
                failed.append(sid)
                for prob in err.problems:
                    self.say(str(prob))
                report = check_source(txt, self.root, self.ctx)       # every problem, not just the first
            else:
                write_atomic(self.tei / f"{sid}.xml", data)
                built.append(sid)
                report = check_converted(doc, txt, self.root, self.ctx)   # the passes are not run again
            self.reports[sid] = report.to_cache()     # what the worklist needs, without the Document
        bar.close()
        pages = self._pages(built, ids)
        warnings = sum(SourceReport.from_cache(r).tally()["warning"] for k, r in self.reports.items() if k in ids)
        self.say(f"serve: rebuilt {', '.join(built) or 'nothing'}"
                 + (f"; FAILED {', '.join(failed)} (previous TEI kept)" if failed else "")
                 + f"; {len(pages)} page(s) updated; {warnings} warning(s) — {time.monotonic() - started:.2f} s")
        return built


    def _pages(self, built: list[str], ids: set[str] | None) -> list[Path]:
        """The site's pages (when sources were built) and the editors' pages, from ``self.reports``."""
        pages = rebuild_site_pages(self.root, self.tei, self.docs, set(built), self.say) if built else []
        if self.docs.is_dir() or (self.root / "mkdocs.yml").is_file():
            from .pages import write_editor_pages
            listed = sorted(self.reports)
            # the same sources as last time: only the pages of those rebuilt (and the index) are rendered
            pages += write_editor_pages(self.sources, self.docs, CachedReports([self.reports[k] for k in listed]),
                                        ids if ids is not None and listed == self.listed else None)
            self.listed = listed
        return pages

    def start(self) -> list[str]:
        """The first build, by the TEI stage: parallel, and what an earlier build made from the same
        inputs (TEI and check's reports) comes from its cache. Source by source (``rebuild``) if the
        stage cannot run (its own errors: registers, folders)."""
        from ..build import build_tei
        started = time.monotonic()
        ids = {p.stem for p in self.sources.glob("*.txt")}
        try:
            with Progress(len(ids), "serve", stream=self.out) as bar:
                report = build_tei(self.sources, self.tei, keep_going=True, progress=bar.step, check=True)
        except UserError:
            return self.rebuild(ids)
        if set(report.checks) != ids:
            return self.rebuild(ids)
        for prob in report.problems:
            self.say(str(prob))
        failed = sorted({Path(p.path).stem for p in report.problems} & ids)
        built = sorted(ids - set(failed))
        self.reports = dict(report.checks)
        pages = self._pages(built, None)
        self.say(f"serve: built {len(built)} source(s) ({report.converted} converted, the others unchanged "
                 "since the last build)" + (f"; FAILED {', '.join(failed)}" if failed else "")
                 + f"; {len(pages)} page(s) updated; {len(report.warnings)} warning(s) — "
                 f"{time.monotonic() - started:.2f} s")
        return built


class Watcher(threading.Thread):
    def __init__(self, rebuilder: Rebuilder, interval: float):
        super().__init__(name="honkoku-watcher", daemon=True)
        self.rebuilder, self.interval = rebuilder, interval
        self.stop = threading.Event()
        self.registers = rebuilder.root / "registers"
        self.state = snapshot(rebuilder.sources, self.registers)

    def run(self) -> None:
        while not self.stop.wait(self.interval):
            now = snapshot(self.rebuilder.sources, self.registers)
            if now == self.state:
                continue
            self.stop.wait(self.interval)          # let an editor's save (write, rename) settle
            now = snapshot(self.rebuilder.sources, self.registers)
            ids, registers_changed = changed_ids(self.state, now, self.rebuilder.sources)
            self.state = now
            try:
                self.rebuilder.rebuild(ids, registers_changed)
            except Exception as exc:            # a bug must not kill the preview silently
                self.rebuilder.say(f"serve: internal error while rebuilding ({exc!r}); please report it")


def _parse_addr(addr: str) -> tuple[str, int]:
    host, _, port = addr.rpartition(":")
    if not port.isdigit():
        raise UserError("--addr", f"not an address: {addr!r}", 1, 1, "use HOST:PORT, e.g. 127.0.0.1:8000")
    return host or "127.0.0.1", int(port)


def _plain_server(root: Path, host: str, port: int) -> None:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    done = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: done.set())
    thread = threading.Thread(target=server.serve_forever, name="honkoku-http", daemon=True)
    thread.start()
    try:
        while not done.wait(0.2):
            pass
    finally:
        server.shutdown()
        server.server_close()


def _mkdocs_server(config: Path, host: str, port: int) -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve

    def interrupt(*_):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, interrupt)
    logging.basicConfig(level=logging.INFO, format="mkdocs: %(message)s", stream=sys.stderr)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    try:
        mkdocs_serve(config_file=str(config), livereload=True, dev_addr=f"{host}:{port}")
    except KeyboardInterrupt:
        raise
    except Exception as exc:      # the first build of the site failed (a template, a link): say so, stop
        raise UserError(config, f"the site could not be built for the preview: {exc}", 1, 1,
                        "run `honkoku build` to see the full report") from None


def add_parser(sub) -> None:
    c = sub.add_parser("serve", help="live preview: rebuild what changed when a source, sidecar or register "
                                     "is saved, and reload the browser")
    c.add_argument("--sources", type=Path, default=Path("sources"), help="folder of <id>.txt (+ <id>.toml)")
    c.add_argument("--out", type=Path, default=Path("tei"), help="folder for <id>.xml")
    c.add_argument("--docs", type=Path, default=Path("docs"), help="the site's Markdown folder")
    c.add_argument("--addr", default="127.0.0.1:8000", help="HOST:PORT to listen on (default 127.0.0.1:8000)")
    c.add_argument("--interval", type=float, default=0.5, help="seconds between looks at the files")


def cmd_serve(args) -> int:
    host, port = _parse_addr(args.addr)
    root = args.sources.parent
    rebuilder = Rebuilder(root, args.sources, args.out, args.docs)
    if not args.sources.is_dir():
        raise UserError(args.sources, "sources folder not found", 1, 1, "run serve in the edition's folder")
    rebuilder.start()
    watcher = Watcher(rebuilder, args.interval)
    watcher.start()
    config = Path("mkdocs.yml")
    rebuilder.say(f"serve: watching {args.sources}/ and registers/; preview at http://{host}:{port}/ "
                  f"({'mkdocs with live reload' if config.is_file() else 'plain files: no site yet'}); "
                  "Ctrl-C stops")
    try:
        if config.is_file():
            _mkdocs_server(config, host, port)
        else:
            _plain_server(Path.cwd(), host, port)
    except KeyboardInterrupt:
        pass
    finally:
        watcher.stop.set()
        watcher.join(timeout=5)
    rebuilder.say("serve: stopped")
    return EXIT_OK
