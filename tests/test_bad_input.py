"""Every bad input of issue 5, one row each: what honkoku does with it (notes/robustness.md is this table).

A row either builds, and then the TEI must be valid and lossless and the row's
own check hold, or is refused with a UserError at a given file, line and
column whose message says what is wrong.
"""
from __future__ import annotations

import time

import pytest
from lxml import etree

from buildcheck import build_one, check_problems, check_tei
from honkoku.convert import convert_text
from honkoku.errors import UserError
from teicheck import NS, transcription

JA = "本日午後、米側と軍備管理について協議を行った。\nアジアINF問題について先方は次のとおり述べた。\n"


def ok(data: bytes | str, toml: str | None = None, check=None, warns: str = ""):
    return ("ok", data.encode("utf-8") if isinstance(data, str) else data, toml, check, warns)


def refused(data: bytes | str, toml: str | None, where: str, line: int, col: int, says: str, source_id: str = "doc"):
    return ("error", data.encode("utf-8") if isinstance(data, str) else data, toml, (where, line, col, says), source_id)


def text_of(tei: bytes) -> str:
    return transcription(etree.fromstring(tei).find("tei:text", NS))


def has(*tags: str):
    def check(doc, tei):
        root = etree.fromstring(tei)
        for tag in tags:
            assert root.find(f".//tei:{tag}", NS) is not None, f"no <{tag}>"
    return check


def keeps(exact: str):
    """The witness characters reach the TEI exactly (no normalisation: NFC, width, …)."""
    def check(doc, tei):
        assert exact in doc.text and exact in text_of(tei)
    return check


def lacks(*tags: str):
    def check(doc, tei):
        root = etree.fromstring(tei)
        for tag in tags:
            assert root.find(f".//tei:{tag}", NS) is None, f"unexpected <{tag}>"
    return check


CASES = {
    # -- the text file ---------------------------------------------------------------------------------
    "empty file": ok(b"", warns="no text"),
    "only whitespace": ok(" \n\n\t\u3000\n", warns="no text"),
    "UTF-8 BOM": ok(b"\xef\xbb\xbf" + JA.encode(), check=lambda doc, tei: doc.text == JA),
    "CRLF line ends": ok(JA.replace("\n", "\r\n"), check=lambda doc, tei: doc.text == JA),
    "lone CR line ends": ok(JA.replace("\n", "\r"), check=lambda doc, tei: doc.text == JA),
    "Shift_JIS, undeclared": refused(JA.encode("shift_jis"), None, "doc.txt", 1, 1, "looks like SHIFT-JIS"),
    "EUC-JP, undeclared": refused(JA.encode("euc_jp"), None, "doc.txt", 1, 1, "looks like EUC-JP"),
    "UTF-16 with BOM, undeclared": refused(JA.encode("utf-16"), None, "doc.txt", 1, 1, "looks like UTF-16"),
    "UTF-16LE without BOM, undeclared": refused(JA.encode("utf-16-le"), None, "doc.txt", 1, 3, "looks like UTF-16"),
    "Shift_JIS, declared": ok(JA.encode("shift_jis"), 'encoding = "shift_jis"\n', lambda doc, tei: doc.text == JA),
    "EUC-JP, declared": ok(JA.encode("euc_jp"), 'encoding = "euc_jp"\n', lambda doc, tei: doc.text == JA),
    "UTF-16, declared": ok(JA.encode("utf-16"), 'encoding = "utf-16"\n', lambda doc, tei: doc.text == JA),
    "EUC-JP declared as Shift_JIS": refused(JA.encode("euc_jp"), 'encoding = "shift_jis"\n', "doc.txt", 1, 1,
                                            "not shift_jis, as the sidecar says"),
    "invalid UTF-8 byte": refused("ab\nあいう".encode() + b"\xff" + "え".encode(), None, "doc.txt", 2, 4,
                                  "invalid byte 0xff"),
    "truncated UTF-8 sequence": refused("ab\n".encode() + "あ".encode()[:2], None, "doc.txt", 2, 1,
                                        "invalid byte 0xe3"),
    "NUL": refused("ab\ncd\x00", None, "doc.txt", 2, 3, "U+0000"),
    "C0 control (ESC)": refused("a\x1bb", None, "doc.txt", 1, 2, "U+001B"),
    "C0 control (vertical tab)": refused("a\x0bb", None, "doc.txt", 1, 2, "U+000B"),
    "DEL": refused("a\x7fb", None, "doc.txt", 1, 2, "U+007F"),
    "U+FFFE": refused("a\ufffeb", None, "doc.txt", 1, 2, "U+FFFE"),
    "U+FFFF": refused("a\uffffb", None, "doc.txt", 1, 2, "U+FFFF"),
    "form feed as a page break": ok("一頁目の終わり。\f二頁目の始まり。", check=has("pb")),
    "form feed inside a sentence": ok("米側も十分承知しているものと思われま\fすが、他方で", check=has("pb")),
    "lone surrogate (UTF-8 bytes of U+D800)": refused(b"ab\xed\xa0\x80", None, "doc.txt", 1, 3, "invalid byte 0xed"),
    "lone surrogate in declared UTF-16": refused(b"\xff\xfea\x00\x00\xd8b\x00", 'encoding = "utf-16"\n', "doc.txt", 1, 1,
                                                 "not utf-16"),
    "half-width and full-width forms kept": ok("ｱｼﾞｱ ＩＮＦ　１２３ ABC", check=keeps("ｱｼﾞｱ ＩＮＦ　１２３ ABC")),
    "combining marks kept (no NFC)": ok("Cafe\u0301 か\u3099 \u0301先頭", check=keeps("Cafe\u0301 か\u3099 \u0301先頭")),
    "unbalanced ~~": ok("北米局 ~~条約局 と 中国課", check=lambda doc, tei: "~~条約局" in text_of(tei)),
    "~~ across a blank line": ok("北米局 ~~条約局\n\n中国課~~", check=lacks("del")),
    "unterminated <p> row": ok("<p>起 案\t<p>決 裁 昭和 年", check=lambda doc, tei: b'rend="p-open"' in tei),
    "text after </p> in a row": ok("<p>a</p> b <p>c</p></p>", check=lambda doc, tei: b'rend="bare"' in tei),
    "[REDACTED without its bracket": ok("打診越した。[REDACTED と云", check=lacks("gap")),
    "[REDACTED across a line end": ok("打診越した。[REDACTED\n[REDACTED]と云", check=has("gap")),
    # -- the sidecar --------------------------------------------------------------------------------------
    "bad TOML": refused(JA, 'title = "x"\ndate = 1986-09-\n', "doc.toml", 2, 12, "invalid TOML"),
    "TOML nested 2000 deep": refused(JA, "a = " + "[" * 2000 + "]" * 2000 + "\n", "doc.toml", 1, 1, "too deeply"),
    "sidecar not UTF-8": refused(JA, "title = '決'".encode("shift_jis"), "doc.toml", 1, 1,
                                 "not UTF-8"),
    "unknown key": refused(JA, 'title = "x"\ncolour = "red"\n', "doc.toml", 2, 1, "unknown key 'colour'"),
    "unknown key in a table": refused(JA, '[source]\nrepo = "x"\n', "doc.toml", 2, 1, "unknown key 'repo'"),
    "wrong type": refused(JA, 'editors = "N.N."\n', "doc.toml", 1, 1, "must be an array"),
    "impossible date": refused(JA, 'date = "1986-02-30"\n', "doc.toml", 1, 1, "not a real date"),
    "TOML date-time for a date": refused(JA, "date = 1986-09-18T10:00:00\n", "doc.toml", 1, 1,
                                         "not a real date: 1986-09-18T10:00:00"),
    "TOML date": ok(JA, "date = 1986-09-18\n", check=lambda doc, tei: b'when="1986-09-18"' in tei),
    "impossible month": refused(JA, '[[document]]\nid = "d1"\nstart = "本日"\ndate = "1986-13"\n', "doc.toml", 4, 1,
                                "not a real date"),
    "duplicate ids": refused(JA, '[[document]]\nid = "d1"\nstart = "本日"\n[[document]]\nid = "d1"\nstart = "アジア"\n',
                             "doc.toml", 5, 1, "duplicate [[document]] id 'd1'"),
    "id that is not an XML id": refused(JA, '[[hand]]\nid = "1 hand"\n', "doc.toml", 2, 1, "not a valid XML id"),
    "quote that matches nothing": refused(JA, '[[correction]]\nquote = "米ノ"\ncorr = "米ソ"\n', "doc.toml", 2, 1,
                                          "matches nothing"),
    "quote that matches twice": refused(JA, '[[correction]]\nquote = "について"\ncorr = "に就いて"\n', "doc.toml", 2, 1,
                                        "matches 2 times"),
    "empty quote": refused(JA, '[[unclear]]\nquote = ""\n', "doc.toml", 2, 1, "is empty"),
    "occurrence 0": refused(JA, '[[unclear]]\nquote = "について"\noccurrence = 0\n', "doc.toml", 3, 1, "count from 1"),
    "occurrence too large": refused(JA, '[[unclear]]\nquote = "について"\noccurrence = 3\n', "doc.toml", 2, 1,
                                    "occurs only 2 time(s)"),
    "quote cutting into [REDACTED]": refused("打診越した。[REDACTED]と云", '[[unclear]]\nquote = "た。[RED"\n', "doc.toml",
                                             2, 1, "cuts into the marker"),
    "control character in a sidecar string": refused(JA, 'title = "a\\u0001b"\n', "doc.toml", 1, 1, "U+0001"),
    "javascript: link": refused(JA, 'licence_url = "javascript:alert(1)"\n', "doc.toml", 1, 1, "not an http(s) URL"),
    "data: link": refused(JA, '[source]\nurl = "data:text/html,<script>x</script>"\n', "doc.toml", 2, 1,
                          "not an http(s) URL"),
    "link with a newline": refused(JA, 'licence_url = "https://x.org/\\n"\n', "doc.toml", 1, 1, "not an http(s) URL"),
    "undeclared hand": refused(JA, '[[handwritten]]\nquote = "本日午後"\nhand = "h-ms"\n', "doc.toml", 3, 1,
                               "not declared"),
    "overlapping corrections that cannot nest": refused(
        JA, '[[correction]]\nquote = "本日午後"\ncorr = "x"\n[[correction]]\nquote = "午後、米側"\ncorr = "y"\n',
        "doc.toml", 5, 1, "[[correction]] entry 2: its <choice>"),
    "correction across two paragraphs": refused(
        "一つ目の段落。\n\n二つ目の段落。", '[[correction]]\nquote = "段落。\\n\\n二つ目"\ncorr = "x"\n', "doc.toml", 2, 1,
        "would cross the end of <p>"),
    "unclear across two paragraphs is split": ok(
        "一つ目の段落。\n\n二つ目の段落。", '[[unclear]]\nquote = "段落。\\n\\n二つ目"\n',
        check=lambda doc, tei: tei.count(b"<unclear") == 2 and b"next=" in tei and b"prev=" in tei),
    "nested correction inside unclear": ok(JA, '[[unclear]]\nquote = "米側と軍備管理"\n[[correction]]\nquote = "軍備"\ncorr = "x"\n',
                                           check=has("unclear", "choice")),
    "head that is not at the start": refused(
        "前文。\n\n資料②\n本文。", '[[document]]\nid = "d1"\nstart = "前文"\nhead = ["資料②"]\n', "doc.toml", 4, 1,
        "a head must open it"),
    # -- the source id --------------------------------------------------------------------------------------
    "source id with a space": refused(JA, None, "a b.txt", 1, 1, "not a safe file name", "a b"),
    "reserved name CON": refused(JA, None, "CON.txt", 1, 1, "not a safe file name", "CON"),
    "reserved name nul.x": refused(JA, None, "nul.x.txt", 1, 1, "not a safe file name", "nul.x"),
    "hidden file": refused(JA, None, ".hidden.txt", 1, 1, "not a safe file name", ".hidden"),
    "id with ..": refused(JA, None, "a..b.txt", 1, 1, "not a safe file name", "a..b"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_input(case, tei_schema):
    kind, data, toml, expect, extra = CASES[case]
    if kind == "ok":
        doc, tei = build_one("doc", data, toml)
        check_tei(tei_schema, doc, tei)
        if expect:
            assert expect(doc, tei) is not False
        warnings = " | ".join(message for _, message in doc.warnings)
        assert (extra in warnings) if extra else True, warnings
        return
    where, line, col, says = expect
    with pytest.raises(UserError) as info:
        build_one(extra, data, toml)
    check_problems(info.value, extra)
    first = info.value.problems[0]
    assert (first.path.endswith(where), first.line, first.col) == (True, line, col), str(first)
    assert says in first.message, str(first)
    assert first.hint, "every problem says how to fix it"


@pytest.mark.parametrize("source_id", ["../x", "../../etc/passwd", "a/b", ""])
def test_source_id_that_is_a_path_is_refused_before_any_file_is_written(source_id, tmp_path, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    with pytest.raises(UserError, match="not a safe file name"):
        convert_text(JA, source_id=source_id)
    assert not list(tmp_path.rglob("*.txt"))


def test_a_1_mb_line_builds_in_seconds(tei_schema):
    line = ("本日午後、米側と軍備管理について協議を行った。~~条約局~~ [REDACTED] 極 秘 <p>セル</p> " * 9000)[:500_000]
    assert len(line.encode()) > 1_000_000
    doc, tei = build_one("doc", line.encode(), None)        # its speed: bench/run.py (no timed tests)
    check_tei(tei_schema, doc, tei)


def test_time_grows_linearly_with_size():
    """No quadratic pass: a source four times as long takes well under sixteen times as long."""
    block = "本日午後、米側と ~~軍備~~ 管理について [REDACTED] 協議を行った。\n- (1) 項目 極 秘\n\n<p>a</p>\t<p>b</p>\n\n"

    def seconds(n: int) -> float:
        data = (block * n).encode()
        started = time.perf_counter()
        build_one("doc", data, None)
        return time.perf_counter() - started

    seconds(50)                               # warm up imports and regex caches
    small, large = min(seconds(500) for _ in range(2)), min(seconds(2000) for _ in range(2))
    assert large < 8 * small, f"{small:.2f}s for 500 blocks, {large:.2f}s for 2000"


@pytest.mark.slow
def test_a_50_mb_file_builds(tmp_path):
    """50 MB of OCR prose: about 10 s and under 1 GB here; the output is checked for size, not validated."""
    import resource
    from honkoku.build import build_tei
    paragraph = ("本日午後、米側と軍備管理について協議を行った。先方は次のとおり述べた。"
                 "The Soviet side proposed a freeze on SS-20 deployments in Asia. ") * 4
    folder = tmp_path / "sources"
    folder.mkdir()
    data = ("\n\n".join([paragraph] * (50_000_000 // len(paragraph.encode())))).encode()
    assert len(data) >= 49_000_000
    (folder / "big.txt").write_bytes(data)
    del data
    report = build_tei(folder, tmp_path / "tei", quiet=True)
    assert not report.problems and report.written
    assert (tmp_path / "tei" / "big.xml").stat().st_size > 50_000_000
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < 3_000_000, "more than 3 GB of memory"
