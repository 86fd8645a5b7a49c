"""honkoku check, driven as a user would (subprocess), on the corpus and on edited copies of it."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from workbench_helpers import CORPUS_IDS, ROOT, check_json, findings, project, run

LINE = re.compile(r"^sources/[^:]+:\d+:\d+: (error|warning|info): .+ \[[a-z-]+\]( \(hint: .*\))?$")

# Page boundaries the editorial brief names for the 1986 file (line before -> line after).
BRIEF_BOUNDARIES = [(52, 54), (127, 129), (129, 131), (131, 135), (163, 165), (197, 199), (201, 203),
                    (209, 211), (219, 221), (225, 227), (231, 233), (237, 239), (247, 249), (251, 253)]
BRIEF_HEADERS = [187, 193, 281]


def test_check_on_the_edition_prints_file_line_col_and_exits_0_on_warnings():
    proc = run("check")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    problems = [line for line in lines if re.match(r"^sources/\S+:\d+:", line)]
    assert problems, "the corpus has things to look at"
    assert all(LINE.match(line) for line in problems), [line for line in problems if not LINE.match(line)]
    assert any(line.startswith("  found: ") and re.search(r"; redactions [^;]*gap 1", line)
               for line in lines)     # counts per kind
    assert lines[-1].startswith("check: 2 source(s), 0 error(s)")


def test_json_has_counts_stats_and_findings():
    code, data = check_json(ROOT)
    assert code == 0 and data["summary"]["error"] == 0
    inf = next(s for s in data["sources"] if s["id"] == CORPUS_IDS[0])
    assert inf["counts"]["redactions"]["gap"] == 1 and inf["counts"]["deletions"]["del"] == 3
    assert inf["stats"]["redactions"] == 1 and inf["stats"]["documents"] == 4 and inf["stats"]["pages"] > 15
    assert all({"file", "line", "col", "severity", "category", "message"} <= f.keys() for f in inf["findings"])


@pytest.fixture(scope="module")
def bare_1986(tmp_path_factory) -> tuple[Path, dict]:
    """The 1986 source before any annotation work: its sidecar removed."""
    tmp = project(tmp_path_factory.mktemp("bare"), copy_corpus=(CORPUS_IDS[0],), with_sidecars=False)
    code, data = check_json(tmp)
    assert code == 0
    assert run("tei", "-q", cwd=tmp).returncode == 0
    return tmp, data


def test_before_annotation_the_garble_lines_58_to_95_are_listed(bare_1986):
    _, data = bare_1986
    garble = [f for f in findings(data, CORPUS_IDS[0], "garble") if f["end_line"]]
    assert [(f["line"], f["end_line"]) for f in garble] == [(58, 95)]
    assert '[[form]] start = "外儀官" end = "調"' in garble[0]["hint"]


def test_before_annotation_every_page_boundary_of_the_brief_is_marked_or_listed(bare_1986):
    tmp, data = bare_1986
    tei = etree.parse(str(tmp / "tei" / f"{CORPUS_IDS[0]}.xml"))
    pb_lines = {int(i.split("-L")[1]) for i in tei.xpath("//*[local-name()='pb']/@xml:id")}
    listed = {f["line"] for f in findings(data, CORPUS_IDS[0], "page-break")}
    for before, after in BRIEF_BOUNDARIES:
        assert any(before < n <= after for n in pb_lines | listed), (before, after)
    assert set(BRIEF_HEADERS) <= pb_lines
    # and what the build could not see: a sentence cut at line 123, the attachments 資料② and 資料③
    assert {125, 56, 146} <= listed
    merged = {f["line"] for f in findings(data, CORPUS_IDS[0], "division")}
    assert {56, 146} <= merged                    # labels inside one document: documents merged


def test_before_annotation_handwriting_is_listed(bare_1986):
    _, data = bare_1986
    lines = {f["line"] for f in findings(data, CORPUS_IDS[0]) if f["category"] in ("garble", "handwriting")}
    assert {30, 32, 40, 41} <= lines             # いたるく子使, 国軍長へ, the arrows →


def test_annotation_removes_what_it_declares():
    _, data = check_json(ROOT)
    lines = {f["line"] for f in findings(data, CORPUS_IDS[0]) if f["category"] in ("garble", "handwriting")}
    assert not lines & ({30, 32, 40, 41} | set(range(58, 96)))


def test_unbalanced_quotation_marks_of_the_interview_are_listed():
    _, data = check_json(ROOT)
    marks = {(f["line"], f["message"][0]) for f in findings(data, CORPUS_IDS[1], "brackets")}
    assert {(66, "」"), (136, "」")} <= marks


def test_reviewed_findings_leave_the_list_and_come_back_as_errors_when_the_text_changes(tmp_path):
    sidecar = (ROOT / "sources" / f"{CORPUS_IDS[1]}.toml").read_text(encoding="utf-8")
    sidecar += '\n[[reviewed]]\nquote = "」というジ"\ncategory = "brackets"\nnote = "as in the original"\n'
    tmp = project(tmp_path, copy_corpus=(CORPUS_IDS[1],), sidecars={CORPUS_IDS[1]: sidecar})
    _, data = check_json(tmp)
    lines = {f["line"] for f in findings(data, CORPUS_IDS[1], "brackets")}
    assert 66 not in lines and 136 in lines
    assert data["sources"][0]["reviewed"] == 1
    txt = tmp / "sources" / f"{CORPUS_IDS[1]}.txt"
    txt.write_text(txt.read_text(encoding="utf-8").replace("」というジ", "」とのジ"), encoding="utf-8")
    code, data = check_json(tmp)
    assert code == 2
    assert [f["category"] for f in findings(data, CORPUS_IDS[1]) if f["severity"] == "error"] == ["anchor"]


def test_every_broken_quote_is_an_error_with_its_toml_line(tmp_path):
    tmp = project(tmp_path, copy_corpus=(CORPUS_IDS[0],))
    txt = tmp / "sources" / f"{CORPUS_IDS[0]}.txt"
    text = txt.read_text(encoding="utf-8")
    for old, new in (("米ノ", "米ソ"), ("了INP", "INF"), ("国軍長へ", "国連局長へ"), ("外儀官", "外務官")):
        text = text.replace(old, new, 1)
    txt.write_text(text, encoding="utf-8")
    toml_lines = (tmp / "sources" / f"{CORPUS_IDS[0]}.toml").read_text(encoding="utf-8").split("\n")

    def line_of(quote: str, key: str = "quote") -> list[int]:
        return [i + 1 for i, line in enumerate(toml_lines) if line.strip() in (f'{key} = "{quote}"',)]

    proc = run("check", cwd=tmp)
    assert proc.returncode == 2
    errors = [line for line in proc.stdout.splitlines() if ": error: " in line]
    where = {int(line.split(":")[1]) for line in errors}
    expected = set(line_of("米ノ") + line_of("了INP") + line_of("国軍長へ") + line_of("外儀官", "start"))
    assert len(expected) == 5 and expected <= where, errors   # 国軍長へ is quoted twice (hand, correction)
    assert all(line.startswith(f"sources/{CORPUS_IDS[0]}.toml:") for line in errors)
    # the rest of the check still ran, with the broken entries left out
    assert any("[brackets]" in line and ":125:" in line for line in proc.stdout.splitlines())
    # the build itself stops at the first
    build = run("tei", cwd=tmp)
    assert build.returncode == 2 and build.stderr.count(": error: ") == 1


def test_an_invalid_sidecar_is_an_error_and_the_text_is_still_checked(tmp_path):
    tmp = project(tmp_path, sources={"x": "「開いたまま\n\n本文。\n"}, sidecars={"x": "title = [unclosed\n"})
    code, data = check_json(tmp)
    assert code == 2
    cats = [(f["severity"], f["category"]) for f in findings(data, "x")]
    assert ("error", "sidecar") in cats and ("warning", "brackets") in cats


def test_sources_option_and_no_error_exit_code_on_fresh_text(tmp_path):
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "a.txt").write_text("Page one ends here without a stop and runs on\n\nand so on.\n", encoding="utf-8")
    proc = run("check", "--sources", str(folder))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == "check: 1 source(s), 0 error(s), 1 warning(s), 0 info"


def test_an_unreadable_text_is_an_error_naming_its_encoding(tmp_path):
    tmp = project(tmp_path, sources={"sjis": "柳谷次官との協議が行われた。\n".encode("shift_jis")})
    code, data = check_json(tmp)
    assert code == 2
    [err] = findings(data, "sjis")
    assert (err["severity"], err["category"]) == ("error", "source") and "SHIFT-JIS" in err["message"]
