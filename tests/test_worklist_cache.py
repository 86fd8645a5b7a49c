"""check's reports come from the build's own conversion and its cache (issue 4: a worklist that scales).

``honkoku build`` no longer runs the passes a second time to write the
worklist: the worker that converts a source also makes check's report from
the same Document, and the TEI stage's cache keeps it, so an unchanged source
is neither converted nor checked again. What the editor sees must not change:
the worklist written by ``build`` is byte for byte the one ``check --worklist``
writes, on generated sources, the real ones, a sidecar quote that matches
nothing, a ``[[reviewed]]`` finding and a source that fails to convert.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from honkoku.build import build_tei
from honkoku.cli import main
from honkoku.workbench.check import CachedReports, SourceReport, check_sources
from workbench_helpers import CORPUS_IDS, ROOT, project

sys.path.insert(0, str(ROOT))
from bench.corpus import generate  # noqa: E402

SIDECARS = {
    # builds, but a [[reviewed]] quote that matches nothing is an error in check's report
    "reviewed-stale": 'title = "古い確認"\n[[reviewed]]\nquote = "存在しない引用"\ncategory = "brackets"\n',
    # a finding accepted by [[reviewed]]: counted as reviewed, not listed
    "reviewed-ok": '[[reviewed]]\nquote = "閉じていない引用」"\ncategory = "brackets"\nnote = "原文のまま"\n',
    # does not build: a correction whose quote matches nothing
    "broken": '[[correction]]\nquote = "どこにもない"\ncorr = "x"\n',
}
TEXTS = {"reviewed-stale": "本文」である。\n", "reviewed-ok": "閉じていない引用」がある。\n",
         "broken": "壊れた注記の本文。\n"}


def edition(tmp: Path) -> Path:
    root = project(tmp, sources=TEXTS, sidecars=SIDECARS, copy_corpus=CORPUS_IDS)
    generate(root / "sources", 30, seed=7)
    return root


def folder_bytes(path: Path) -> dict[str, bytes]:
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*.md"))}


def test_build_writes_the_worklist_check_writes(tmp_path):
    root = edition(tmp_path)
    args = ["--sources", str(root / "sources")]
    code = main(["build", *args, "--out", str(root / "tei"), "--docs", str(root / "docs"), "--keep-going", "-q",
                 "--no-mkdocs", "--no-search"])
    assert code == 2                                      # `broken` fails; the others are written
    assert main(["check", *args, "-q", "--worklist", str(root / "checked" / "worklist.md")]) == 2
    built, checked = folder_bytes(root / "docs" / "editors"), folder_bytes(root / "checked")
    built = {k: v for k, v in built.items() if k == "worklist.md" or k.startswith("worklist/")}
    assert len(built) > 2                                 # 35 sources: an index and pages
    assert built == checked
    text = b"".join(built.values()).decode("utf-8")
    assert "どこにもない" in text and "存在しない引用" in text             # both errors are listed
    assert 'id="source-broken"' in text
    # the index names the sources with errors, linked to their place on their page
    linked = re.findall(r'<a href="([\d-]+)/#source-(broken|reviewed-stale)">\2</a>', built["worklist.md"].decode())
    assert {sid for _, sid in linked} == {"broken", "reviewed-stale"}
    for page, sid in linked:
        assert f'id="source-{sid}"'.encode() in built[f"worklist/{page}.md"]


def test_cached_reports_equal_a_fresh_check_and_survive_an_unchanged_build(tmp_path):
    root = edition(tmp_path)
    sources = root / "sources"
    first = build_tei(sources, root / "tei", keep_going=True, jobs=2, check=True)
    fresh = [r.to_json() for r in check_sources(sources, quiet=True)]
    assert [r.to_json() for r in CachedReports(first.checks.values())] == fresh
    reviewed = {r["id"]: r for r in fresh}
    assert reviewed["reviewed-ok"]["reviewed"] == 1
    assert any(f["category"] == "anchor" for f in reviewed["reviewed-stale"]["findings"])
    assert reviewed["broken"]["summary"]["error"] == 1
    # nothing changed: nothing is converted, and every good source's report comes from the cache
    again = build_tei(sources, root / "tei", keep_going=True, jobs=2, check=True)
    assert again.converted == 0 and list(again.checks) == list(first.checks)
    assert [r.to_json() for r in CachedReports(again.checks.values())] == fresh
    # one source edited: only it is converted, and its report says what changed
    edited = sources / "reviewed-ok.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nもう一つの」閉じ括弧。\n", encoding="utf-8")
    third = build_tei(sources, root / "tei", keep_going=True, jobs=2, check=True)
    assert third.converted == 1
    after = SourceReport.from_cache(third.checks["reviewed-ok"])
    assert after.reviewed == 1 and any(f.category == "brackets" and f.line == 3 for f in after.findings)
    assert {k: v for k, v in third.checks.items() if k != "reviewed-ok"} == \
        {k: v for k, v in first.checks.items() if k != "reviewed-ok"}


def test_tei_alone_makes_no_report_and_build_then_makes_them(tmp_path):
    root = project(tmp_path, sources={"a": "本文「である。\n", "b": "別の本文。\n"})
    sources = root / "sources"
    plain = build_tei(sources, root / "tei")
    assert plain.converted == 2 and plain.checks == {}
    checked = build_tei(sources, root / "tei", check=True)
    assert checked.converted == 2 and set(checked.checks) == {"a", "b"}    # made now, TEI unchanged
    assert not checked.written and len(checked.unchanged) == 2
    assert build_tei(sources, root / "tei", check=True).converted == 0


def test_build_renders_again_only_the_runs_of_sources_that_changed(tmp_path, monkeypatch):
    from honkoku.workbench import check
    from honkoku.workbench.pages import write_editor_pages
    root = edition(tmp_path)
    sources, docs = root / "sources", root / "docs"
    editors = docs / "editors"

    def build() -> tuple[list[str], int]:
        parsed = []
        real = check.SourceReport.from_cache.__func__
        monkeypatch.setattr(check.SourceReport, "from_cache", classmethod(lambda cls, t: parsed.append(t) or real(cls, t)))
        report = build_tei(sources, root / "tei", keep_going=True, check=True)
        changed = write_editor_pages(sources, docs, CachedReports(report.checks.values()))
        monkeypatch.undo()
        return sorted(p.relative_to(editors).as_posix() for p in changed if p.parent.name != "editors"
                      or p.name == "worklist.md"), len(parsed)

    changed, parsed = build()
    assert "worklist.md" in changed and "worklist/2.md" in changed and parsed == 35
    assert build() == ([], 0)                                   # nothing changed: no report even parsed
    edited = sources / f"{sorted(p.stem for p in sources.glob('*.txt'))[30]}.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n新しい」閉じ括弧。\n", encoding="utf-8")
    changed, parsed = build()
    assert changed == ["worklist.md", "worklist/2.md"] and parsed == 10     # run 2: sources 26 to 35
    (editors / "worklist" / "1.md").unlink()                   # a page deleted by hand is made again
    assert build() == (["worklist/1.md"], 25)
    main(["check", "--sources", str(sources), "-q", "--worklist", str(root / "checked" / "worklist.md")])
    built = {k: v for k, v in folder_bytes(editors).items() if k.startswith("worklist")}
    assert built == folder_bytes(root / "checked")


def test_a_failed_build_resumes_with_the_reports_it_had_staged(tmp_path):
    texts = {f"s{i:02d}": f"第{i}の本文「である。\n" for i in range(20)}
    root = project(tmp_path, sources=texts, sidecars={"s19": '[[correction]]\nquote = "ない"\ncorr = "x"\n'})
    sources = root / "sources"
    failed = build_tei(sources, root / "tei", jobs=1, check=True)
    assert failed.problems and not (root / "tei").exists()        # nothing published ...
    (sources / "s19.toml").unlink()                                 # ... the editor fixes the sidecar
    resumed = build_tei(sources, root / "tei", jobs=1, check=True)
    assert not resumed.problems and resumed.reused == 19 and resumed.converted == 1
    assert [r.to_json() for r in CachedReports(resumed.checks.values())] == \
        [r.to_json() for r in check_sources(sources, quiet=True)]


def test_check_in_worker_processes_gives_the_reports_of_one_process(tmp_path):
    root = edition(tmp_path)
    serial = [r.to_json() for r in check_sources(root / "sources", quiet=True, jobs=1)]
    assert [r.to_json() for r in check_sources(root / "sources", quiet=True, jobs=2)] == serial
    assert [r.to_json() for r in check_sources(root / "sources", use_sidecar=False, quiet=True, jobs=2)] == \
        [r.to_json() for r in check_sources(root / "sources", use_sidecar=False, quiet=True, jobs=1)]
