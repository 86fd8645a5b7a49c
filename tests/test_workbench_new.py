"""honkoku new, as a user types it: copy byte for byte, skeleton, report, refuse to overwrite; then build."""
from __future__ import annotations

import tomllib

from honkoku.sidecar import all_tables
from honkoku.sidecar import read as read_sidecar
from honkoku.workbench.reference import skeleton
from workbench_helpers import ROOT, copy_edition, project, run

FRESH = "\ufeff新しい資料\r\n\r\n本文、[REDACTED]と云う「未完の引用\r\n\r\n- (1) 一つ目\r\n"


def test_new_copies_byte_for_byte_writes_the_skeleton_and_reports(tmp_path):
    tmp = project(tmp_path)
    original = tmp_path / "incoming.txt"
    original.write_bytes(FRESH.encode("utf-8"))
    proc = run("new", "fresh-2024", str(original), cwd=tmp)
    assert proc.returncode == 0, proc.stderr
    assert (tmp / "sources" / "fresh-2024.txt").read_bytes() == original.read_bytes()   # BOM and CRLF kept
    sidecar = (tmp / "sources" / "fresh-2024.toml").read_text(encoding="utf-8")
    assert tomllib.loads(sidecar) == {}                       # everything commented: builds as if empty
    for table in all_tables():
        for key in table.keys:
            assert f"# {key.name} = " in sidecar, key.name
    out = proc.stdout
    assert "redactions" in out and "gap 1" in out            # what the passes found
    assert "sources/fresh-2024.txt:3:" in out and "[brackets]" in out   # and what to look at


def test_new_refuses_to_overwrite_and_bad_ids(tmp_path):
    tmp = project(tmp_path, sources={"taken": "元の本文。\n"})
    original = tmp_path / "incoming.txt"
    original.write_text("別の本文。\n", encoding="utf-8")
    before = (tmp / "sources" / "taken.txt").read_bytes()
    proc = run("new", "taken", str(original), cwd=tmp)
    assert proc.returncode == 2 and "already exists" in proc.stderr
    assert (tmp / "sources" / "taken.txt").read_bytes() == before
    assert not (tmp / "sources" / "taken.toml").exists()
    for bad in ("../escape", "has space", "con"):
        proc = run("new", bad, str(original), cwd=tmp)
        assert proc.returncode == 2 and "not a safe file name" in proc.stderr, bad
    assert sorted(p.name for p in (tmp / "sources").iterdir()) == ["taken.txt"]
    proc = run("new", "missing", str(tmp_path / "nope.txt"), cwd=tmp)
    assert proc.returncode == 2 and "no such file" in proc.stderr


def test_new_declares_a_legacy_encoding_and_refuses_unreadable_text(tmp_path):
    tmp = project(tmp_path)
    sjis = tmp_path / "sjis.txt"
    sjis.write_bytes("ラウニー大使と柳谷次官との協議が行われた。\n".encode("shift_jis"))
    proc = run("new", "sjis", str(sjis), cwd=tmp)
    assert proc.returncode == 0, proc.stderr
    assert tomllib.loads((tmp / "sources" / "sjis.toml").read_text(encoding="utf-8")) == {"encoding": "shift_jis"}
    assert run("tei", "-q", cwd=tmp).returncode == 0
    assert "柳谷次官" in (tmp / "tei" / "sjis.xml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"ok\x00 text\n")
    proc = run("new", "bad", str(bad), cwd=tmp)
    assert proc.returncode == 2 and "U+0000" in proc.stderr
    assert not (tmp / "sources" / "bad.txt").exists()


def test_new_offers_the_first_full_date_of_the_text(tmp_path):
    """The first date written out in full is the sidecar's date, marked to be checked; a partial date is not."""
    tmp = project(tmp_path)
    memo = tmp_path / "memo.txt"
    memo.write_text("MEMORANDUM\n\nOn October 16 we met.\n\nWashington, Friday, October 3, 1986.\n\n"
                    "昭和61年9月18日起案\n", encoding="utf-8")
    proc = run("new", "memo", str(memo), cwd=tmp)
    assert proc.returncode == 0, proc.stderr
    sidecar = (tmp / "sources" / "memo.toml").read_text(encoding="utf-8")
    assert tomllib.loads(sidecar) == {"date": "1986-10-03"}
    assert 'date = "1986-10-03"    # found in the text by honkoku new: check it' in sidecar
    assert 'date = "1986-10-03" as found in the text' in proc.stdout and "no date" not in proc.stdout
    summit = tmp_path / "summit.txt"
    summit.write_text("Reykjavik, October 11-12, 1986\n\nThe summit ended.\n", encoding="utf-8")
    assert run("new", "summit", str(summit), cwd=tmp).returncode == 0
    assert tomllib.loads((tmp / "sources" / "summit.toml").read_text(encoding="utf-8")) == \
        {"date": "1986-10-11", "date_end": "1986-10-12"}
    undated = tmp_path / "undated.txt"
    undated.write_text("本文、9月30日付の電報。\n", encoding="utf-8")
    assert run("new", "undated", str(undated), cwd=tmp).returncode == 0
    assert tomllib.loads((tmp / "sources" / "undated.toml").read_text(encoding="utf-8")) == {}


def test_every_key_of_the_skeleton_uncommented_is_a_valid_sidecar(tmp_path):
    """The examples in the declarations have the declared types and choices (else the docs would lie)."""
    text = skeleton("x")
    lines = [line[2:] if line.startswith("# ") and "=" in line or line.startswith("# [") else line
             for line in text.split("\n")]
    path = tmp_path / "x.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    data = read_sidecar(path).data                           # raises UserError on any bad key/type/choice
    assert {t.name for t in all_tables() if t.name} <= set(data)


def test_new_then_the_build_command_produces_its_tei_and_its_page(tmp_path):
    """The README's loop: `new` a fresh text, run the build, get its TEI (and its page once the site exists)."""
    site = (ROOT / "mkdocs.yml").is_file()
    if site:       # a whole copy of the edition, so the site build has its config, templates and registers
        tmp = copy_edition(tmp_path / "edition")
    else:
        tmp = project(tmp_path)
    original = tmp_path / "fresh.txt"
    original.write_text("新規の文書\n\n確認のための固有の語句、ゆう先処理済み。\n", encoding="utf-8")
    assert run("new", "fresh-e2e", str(original), cwd=tmp).returncode == 0
    proc = run(cwd=tmp, timeout=600)                           # `python build.py`: the default build
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "確認のための固有の語句" in (tmp / "tei" / "fresh-e2e.xml").read_text(encoding="utf-8")
    if site:       # checked as soon as the site exists (issue 7); before that the TEI is the product
        pages = [p for p in (tmp / "site").rglob("*.html") if "確認のための固有の語句" in p.read_text(encoding="utf-8")]
        assert pages, "the new source has no page in site/"
