"""The editors' section: generated pages are current, examples are real TEI, the worklist is safe and linked."""
from __future__ import annotations

import io
import re

import lxml.html
import markdown
from lxml import etree

from honkoku import passes
from honkoku.convert import convert_text
from honkoku.sidecar import all_tables
from honkoku.workbench.check import check_source, check_sources
from honkoku.workbench.detectors import Context
from honkoku.workbench.progress import Progress, summary_table
from honkoku.workbench.reference import example_io, render_markers, render_sidecar_reference
from honkoku.workbench.worklist import document_link, render
from teicheck import schema_errors
from workbench_helpers import ROOT, project, run

EDITORS = ROOT / "docs" / "editors"
STALE = "out of date: run `python build.py editor-pages` and commit docs/editors/"


def test_generated_reference_pages_are_up_to_date():
    assert (EDITORS / "sidecar.md").read_text(encoding="utf-8") == render_sidecar_reference(), STALE
    assert (EDITORS / "markers.md").read_text(encoding="utf-8") == render_markers(), STALE


def test_sidecar_reference_lists_every_key_of_every_table():
    page = render_sidecar_reference()
    for table in all_tables():
        section = page.split(f"`{'[[' + table.name + ']]' if table.many else '[' + table.name + ']'}`"
                             if table.name else "`Top level`", 1)[1].split("\n## ", 1)[0]
        for key in table.keys:
            assert f"| `{key.name}` |" in section, (table.name, key.name)
            assert key.doc.replace("|", "\\|") in section


def test_every_pass_example_shows_its_own_markup_in_valid_tei(tei_schema):
    page = render_markers()
    for cls in passes.ALL:
        if not cls.EXAMPLE:
            continue
        assert f"## {cls.name.replace('_', ' ')}" in page
        text, toml = example_io(cls)
        root = etree.fromstring(convert_text(text, toml, source_id="example"))
        assert not schema_errors(tei_schema, root), cls.name
        made = {s for s in root.find("{http://www.tei-c.org/ns/1.0}text").iter() if isinstance(s.tag, str)}
        assert len(made) > 3, cls.name                      # body, div and at least the pass's element


def test_hand_written_editor_pages_exist_and_link_to_the_generated_ones():
    for name in ("index.md", "adding-a-source.md", "citing.md"):
        text = (EDITORS / name).read_text(encoding="utf-8")
        assert text.startswith("---\ntitle: ")
    index = (EDITORS / "index.md").read_text(encoding="utf-8")
    for target in ("adding-a-source.md", "worklist.md", "sidecar.md", "markers.md", "citing.md"):
        assert f"({target})" in index and (EDITORS / target).exists()


def table_rows(page: str) -> list[tuple[list[str], list[str]]]:
    """Each table row of a worklist page's HTML body: (its cells' text, the links in it)."""
    body = page.split("\n---\n", 1)[1]
    root = lxml.html.fragment_fromstring(body, create_parent="div")
    return [([td.text_content() for td in tr], [a.get("href") for a in tr.iter("a")]) for tr in root.iter("tr")]


def test_worklist_links_findings_to_paragraphs_and_gives_the_numbers():
    reports = check_sources(ROOT / "sources")
    page = render(reports)
    assert page.startswith("---\ntitle: Worklist\nhk_kind: worklist\n---\n\n<h1>")   # finished HTML (mkdocs_hooks)
    # the site's page, its paragraph: docs/editors/worklist.md is at editors/worklist/, the document at documents/<id>/
    assert 'href="../../documents/1986-09-18-inf-asia/#p-L125"' in page
    rows = table_rows(page)
    numbers, redactions = [cells for cells, _ in rows if cells[0] == "All"]
    assert numbers[1:3] == ["5", "23"]                                     # documents and pages overall
    # redactions overall (paragraphs; speaker labels alone on a line are not paragraphs)
    assert redactions[1:] == ["1", "1 of 189 (0.53 %)", "0.05 %"]
    d1 = next(cells for cells, links in rows if links == ["../../documents/1986-09-18-inf-asia/#d1"])
    assert d1[1:] == ["1", "1 of 13 (7.69 %)", "2.03 %"]                    # and in the document that has one
    assert document_link("x", "") == "../../documents/x/"
    assert document_link("x", "p-L3", 2) == "../../../documents/x/#p-L3"
    assert "|---" not in page and "](" not in page                          # no Markdown left for MkDocs to convert


def test_worklist_shows_hostile_source_text_as_text(tmp_path):
    tmp = project(tmp_path, sources={"evil": "「<script>alert(1)</script> | [x](javascript:alert(1)) {{ x }} ~~\n"})
    report = check_source(tmp / "sources" / "evil.txt", tmp, Context())
    page = render([report])
    assert "&lt;script&gt;" in page                                        # the text is there, as text
    assert "<script" not in page and 'href="javascript' not in page
    # a Markdown processor (MkDocs without honkoku's hooks, a Markdown viewer) passes the HTML through unchanged:
    # "~~", "|", "[x](…)" and "{{ x }}" in the source's text stay text
    body = page.split("\n---\n", 1)[1]
    html = markdown.markdown(body, extensions=["tables"])
    assert re.sub(r"\n+", "\n", html).strip() == re.sub(r"\n+", "\n", body).strip()


def test_progress_bar_only_on_a_terminal_and_summary_table():
    class Tty(io.StringIO):
        def isatty(self):
            return True
    tty = Tty()
    with Progress(10, "tei", stream=tty) as bar:
        for i in range(10):
            bar.step(f"doc{i}")
    assert "tei 10/10 [" in tty.getvalue() and tty.getvalue().endswith("\r")
    plain = io.StringIO()
    with Progress(100, "tei", stream=plain) as bar:
        bar.step("x")
    assert plain.getvalue() == ""                                          # a pipe or a log: no bar
    few = Tty()
    with Progress(3, "tei", stream=few) as bar:
        bar.step("x")
    assert few.getvalue() == ""                                            # three documents: no bar
    table = summary_table([("documents built", "2"), ("time", "0.10 s")])
    assert re.search(r"^documents built\s+2$", table, re.M)


def test_build_prints_a_summary_and_quiet_prints_nothing(tmp_path):
    tmp = project(tmp_path, sources={"a": "本文。\n", "b": "別の本文、[REDACTED]。\n"})
    proc = run("tei", cwd=tmp)
    assert proc.returncode == 0
    assert re.search(r"^documents built \(TEI written\)\s+2$", proc.stdout, re.M)
    assert re.search(r"^skipped as unchanged\s+0$", proc.stdout, re.M)
    again = run("tei", cwd=tmp)
    assert re.search(r"^skipped as unchanged\s+2$", again.stdout, re.M)
    quiet = run("tei", "-q", cwd=tmp)
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""
