"""Date forms, table-driven: input, the division's date, what is matched and read.

Each row goes through the real parser (``honkoku.wareki.read_all``: the
finder, the context and the carry-over between neighbouring dates). ``None``
means "no date here"; ``REJECTED`` means "looks like a date but cannot be:
reported, not converted". The rows after ``PIPELINE`` go through the whole
conversion (sidecar, passes, weave) and check the TEI.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from lxml import etree

import regex

from honkoku import english_dates, wareki
from honkoku.convert import convert
from honkoku.errors import UserError
from teicheck import NS as TEI_NS, reference_errors, schema_errors

NS = TEI_NS | {"xml": "http://www.w3.org/XML/1998/namespace"}

REJECTED = "rejected"
W = {"calendar": "#cal-wareki"}
CTX_M = {"evidence": "internal", "cert": "medium"}
CTX_L = {"evidence": "internal", "cert": "low"}
CTX_H = {"evidence": "internal", "cert": "high"}


def when(iso, **extra):
    return {"when": iso} | extra


def window(lo, hi, **extra):
    return {"notBefore": lo, "notAfter": hi} | extra


# (input, anchor = the division's date, matched text, expected attributes | None | REJECTED)
FORMS = [
    # -- era dates, all numeral kinds ------------------------------------------------------------
    ("昭和61年9月18日", None, "昭和61年9月18日", when("1986-09-18") | W),
    ("昭和六十一年九月十八日", None, "昭和六十一年九月十八日", when("1986-09-18") | W),
    ("昭和６１年９月１８日", None, "昭和６１年９月１８日", when("1986-09-18") | W),
    ("起 案 昭和 61年 9月 18日", None, "昭和 61年 9月 18日", when("1986-09-18") | W),
    ("昭和61年10月16日\n国連局軍縮課", None, "昭和61年10月16日", when("1986-10-16") | W),
    ("平成元年", None, "平成元年", window("1989-01-08", "1989-12-31") | W),
    ("平成元年1月", None, "平成元年1月", window("1989-01-08", "1989-01-31") | W),
    ("昭和64年", None, "昭和64年", window("1989-01-01", "1989-01-07") | W),
    ("昭和元年12月25日", None, "昭和元年12月25日", when("1926-12-25") | W),
    ("大正15年12月25日", None, "大正15年12月25日", when("1926-12-25") | W),
    ("令和元年5月1日", None, "令和元年5月1日", when("2019-05-01") | W),
    ("令和5年5月17日", None, "令和5年5月17日", when("2023-05-17") | W),
    ("明治45年7月30日", None, "明治45年7月30日", when("1912-07-30") | W),
    ("明治3年5月1日", None, "明治3年5月1日", window("1870-01-21", "1871-02-20") | W),   # lunisolar
    ("平成三十一年四月三十日", None, "平成三十一年四月三十日", when("2019-04-30") | W),
    ("S61.9.18", None, "S61.9.18", when("1986-09-18") | W),
    ("H元.1.8", None, "H元.1.8", when("1989-01-08") | W),
    ("昭61.9.18", None, "昭61.9.18", when("1986-09-18") | W),
    ("昭和61年 月 日", None, "昭和61年 月 日", window("1986-01-01", "1986-12-31") | W),
    # -- impossible era dates: reported, not converted -------------------------------------------
    ("昭和65年", None, "昭和65年", REJECTED),
    ("平成32年", None, "平成32年", REJECTED),
    ("平成31年5月1日", None, "平成31年5月1日", REJECTED),
    ("昭和64年1月8日", None, "昭和64年1月8日", REJECTED),
    ("昭和元年12月24日", None, "昭和元年12月24日", REJECTED),
    ("昭和0年", None, "昭和0年", REJECTED),
    ("昭和61年2月30日", None, "昭和61年2月30日", REJECTED),
    ("昭和61年13月1日", None, "昭和61年13月1日", REJECTED),
    ("H32.1.1", None, "H32.1.1", REJECTED),
    # -- blank form dates ------------------------------------------------------------------------
    ("決 裁 昭和 年 月 日", None, "昭和 年 月 日", W),
    ("昭和年間", None, None, None),
    # -- abbreviated era dates: the era from the division's date ---------------------------------
    ("61.9.18", "1986-09-18", "61.9.18", when("1986-09-18") | W),
    ("61年10月03日", "1986-10-03", "61年10月03日", when("1986-10-03") | W),
    ("61年 10月 03日", "1986-10-03", "61年 10月 03日", when("1986-10-03") | W),
    ("昭和61年10月16日。62.1.5 に再開", None, "62.1.5", when("1987-01-05") | W),    # era from the text
    ("61.9.18", None, None, None),                       # no era known: not read
    ("3.1.2 項", "1986-09-18", None, None),              # a section number, not 昭和3年
    ("61.2.30", "1986-09-18", "61.2.30", REJECTED),
    ("70年1月1日", "1986-09-18", "70年1月1日", when("1970-01-01") | CTX_M),          # no 昭和70年: 1970
    ("22年10月", "2023-05-17", "22年10月", window("2022-10-01", "2022-10-31") | CTX_M),   # Reiwa 22 is 2040
    # -- Western dates ---------------------------------------------------------------------------
    ("2023年5月17日", None, "2023年5月17日", when("2023-05-17")),
    ("２０２３年５月１７日", None, "２０２３年５月１７日", when("2023-05-17")),
    ("一九八六年", None, "一九八六年", window("1986-01-01", "1986-12-31")),
    ("17.05.2023 10:15", None, "17.05.2023 10:15", when("2023-05-17T10:15:00")),
    ("17.05.2023", None, "17.05.2023", when("2023-05-17")),
    ("2023.5.17", None, "2023.5.17", when("2023-05-17")),
    ("2023-05-17", None, "2023-05-17", when("2023-05-17")),
    ("1991年までの5年間", None, "1991年", window("1991-01-01", "1991-12-31")),
    ("2022年10月、大臣は", None, "2022年10月", window("2022-10-01", "2022-10-31")),
    ("2024年2月", None, "2024年2月", window("2024-02-01", "2024-02-29")),
    ("2022年秋", None, "2022年", window("2022-01-01", "2022-12-31")),
    ("2001年以降", None, "2001年", window("2001-01-01", "2001-12-31")),
    ("1980年代", None, "1980年代", window("1980-01-01", "1989-12-31")),
    ("2023年2月29日", None, "2023年2月29日", REJECTED),
    ("31.04.2023", None, "31.04.2023", REJECTED),
    ("17.05.2023 25:00", None, "17.05.2023 25:00", REJECTED),
    # -- not dates -------------------------------------------------------------------------------
    ("939-17-05-2023", None, None, None),
    ("2023年度", None, None, None),
    ("2000年前", None, None, None),
    ("3000年の歴史", None, None, None),
    ("5年間", "1986-10-16", None, None),
    ("15年までと述べ", "1986-10-16", None, None),
    ("20年にわたる", "2023-05-17", None, None),
    ("6カ月以内", "1986-10-16", None, None),
    ("2日目に", "1986-10-16", None, None),
    ("数日前", "1986-10-16", None, None),
    ("総番号 R136903", "1986-10-03", None, None),
    ("10.2.3 項による", "1986-10-03", None, None),        # 昭和10年 is 51 years back: a section number
    ("10年から15年かかる", "1986-10-16", None, None),     # a duration
    ("15年から20年の間", "1986-10-16", None, None),
    ("〇〇年〇月〇日", "1986-10-16", None, None),         # a template's placeholder
    ("十百年5月", "1986-10-16", None, None),              # not a numeral
    # -- two-digit years in a range --------------------------------------------------------------
    ("91年から96年の5年間", "1986-10-16", "91年", window("1991-01-01", "1991-12-31") | CTX_M),
    ("55年から60年まで", "1986-10-16", "55年", window("1980-01-01", "1980-12-31") | W),   # era years first
    # -- year (or month) left out: placed by the division's date --------------------------------
    ("9月30日付", "1986-10-03", "9月30日", when("1986-09-30") | CTX_M),
    ("9月18日、", "1986-09-18", "9月18日", when("1986-09-18") | CTX_M),
    ("12月28日", "1987-01-05", "12月28日", when("1986-12-28") | CTX_M),             # across the new year
    ("6月20日", "1986-10-16", "6月20日", when("1986-06-20") | CTX_L),
    ("4月15日", "1986-10-16", "4月15日", {"when": "--04-15"}),                       # 6 months each way
    ("4月1日", "1986-10-16", "4月1日", {"when": "--04-01"}),                         # 5½ months back, 6½ on
    ("2月29日", "1986-10-16", "2月29日", {"when": "--02-29"}),                       # no 2月29日 near 1986
    ("2月30日", "1986-10-16", "2月30日", REJECTED),
    ("16日午前", "1986-10-16", "16日", when("1986-10-16") | CTX_M),
    ("11日午後", "1986-10-16", "11日", when("1986-10-11") | CTX_L),
    ("18日から始まる", "1986-09-18", "18日", when("1986-09-18") | CTX_M),
    ("30日付", "1986-10-03", "30日", when("1986-09-30") | CTX_L),                     # the month before
    ("16日午前", "1986", "16日", {"when": "---16"}),                                  # only a year known
    ("9月の専門家会合", "1986-10-16", "9月", window("1986-09-01", "1986-09-30") | CTX_M),
    ("昨年11月の米ソ首脳会談", "1986-10-16", "昨年11月", window("1985-11-01", "1985-11-30") | CTX_H),
    ("本年2月", "1986-09-18", "本年2月", window("1986-02-01", "1986-02-28") | CTX_H),
    ("来年1月10日", "1986-10-16", "来年1月10日", when("1987-01-10") | CTX_H),
    ("9月30日付", None, "9月30日", {"when": "--09-30"}),
    ("月 02日", "1986-10-03", "月 02日", {"when": "---02"}),                          # nothing to bound it
    # -- English (honkoku.english_dates) -----------------------------------------------------------
    ("Washington, October 3, 1986.", None, "October 3, 1986", when("1986-10-03")),
    ("on Friday, October 3rd, 1986 we", None, "Friday, October 3rd, 1986", when("1986-10-03")),
    ("Friday, 3 October 1986", None, "Friday, 3 October 1986", when("1986-10-03")),
    ("the 3rd of October, 1986", None, "3rd of October, 1986", when("1986-10-03")),
    ("OCTOBER 3, 1986", None, "OCTOBER 3, 1986", when("1986-10-03")),
    ("Sept. 3, 1986", None, "Sept. 3, 1986", when("1986-09-03")),
    ("Nov 19, 1985", None, "Nov 19, 1985", when("1985-11-19")),
    ("signed October\n3, 1986", None, "October\n3, 1986", when("1986-10-03")),        # a wrapped line
    ("in October 1986,", None, "October 1986", window("1986-10-01", "1986-10-31")),
    ("Feb. 1988", None, "Feb. 1988", window("1988-02-01", "1988-02-29")),
    ("We met on October 16.", "1986-10-03", "October 16", when("1986-10-16") | CTX_M),
    ("the 20th of October.", "1986-10-03", "20th of October", when("1986-10-20") | CTX_M),  # not the full stop
    ("on 5 Nov. the", "1986-10-03", "5 Nov.", when("1986-11-05") | CTX_M),             # an abbreviation's stop
    ("on October 16", None, "October 16", {"when": "--10-16"}),
    ("February 30, 1986", None, "February 30, 1986", REJECTED),
    ("February 29, 1987", None, "February 29, 1987", REJECTED),
    ("by June 31", "1986-06-01", "June 31", REJECTED),
    ("Reykjavik, October 11-12, 1986.", None, "October 11-12, 1986", {"from": "1986-10-11", "to": "1986-10-12"}),
    ("on 11–12 October 1986", None, "11–12 October 1986", {"from": "1986-10-11", "to": "1986-10-12"}),
    ("September 30-October 2, 1986", None, "September 30-October 2, 1986",
     {"from": "1986-09-30", "to": "1986-10-02"}),
    ("the talks of October 11-12", "1986-10-20", "October 11-12", {"from": "1986-10-11", "to": "1986-10-12"} | CTX_M),
    ("December 30-January 2", "1986-12-20", "December 30-January 2",
     {"from": "1986-12-30", "to": "1987-01-02"} | CTX_M),
    ("October 11-12", None, "October 11-12", {"from": "--10-11", "to": "--10-12"}),
    ("October 12-11, 1986", None, "October 12-11, 1986", REJECTED),
    ("February 28-30, 1986", None, "February 28-30, 1986", REJECTED),
    ("December 30-January 2, 1987", None, "December 30-January 2, 1987", REJECTED),   # whose year?
    ("sent 3 OCT 86 greetings", "1986-10-03", None, None),                            # two-digit year
    ("October 3, 4000 troops", None, None, None),
    ("The Mayor of Geneva may 3 times", None, None, None),
    ("Marching 3 miles", None, None, None),
]


@pytest.mark.parametrize("text,anchor,matched,expected", FORMS, ids=[f"{i}:{r[0][:12]}" for i, r in enumerate(FORMS)])
def test_form(text, anchor, matched, expected):
    found = wareki.read_all(text, anchor)
    if matched is None:
        assert found == [], f"{text!r} is not a date, read {found}"
        return
    hits = {shown: reading for shown, reading in found}
    assert matched in hits, f"{matched!r} not found in {text!r}: {[s for s, _ in found]}"
    reading = hits[matched]
    if expected == REJECTED:
        assert reading.problem and not reading.attrs
    else:
        assert reading.problem == ""
        assert reading.attrs == expected


def test_the_table_is_large_enough():
    assert len(FORMS) >= 40
    assert sum(1 for r in FORMS if r[3] == REJECTED) >= 8


def test_carry_over_between_neighbours():
    """6月 in 本年2月及び6月 and 96年 in 91年から96年 take the year (or century) of the date before."""
    got = dict(wareki.read_all("(本年2月及び6月)、91年から96年の5年間", "1986-10-16"))
    assert got["6月"].attrs == window("1986-06-01", "1986-06-30") | CTX_H
    assert got["96年"].attrs == window("1996-01-01", "1996-12-31") | CTX_M
    got = dict(wareki.read_all("昭和61年から62年まで"))
    assert got["62年"].attrs == window("1987-01-01", "1987-12-31") | W


def test_month_lost_is_bounded_by_the_reply_window():
    """「月 02日」 heading a telegram received 10-03 that answers a cable of 9月30日."""
    got = dict(wareki.read_all("月 02日\n\n61年 10月 03日\n\n9月30日付貴部内連絡電に関し、", "1986-10-03"))
    assert got["月 02日"].attrs == window("1986-09-30", "1986-10-03") | CTX_L
    got = dict(wareki.read_all("月 05日\n\n9月30日付貴電に関し、", "1986-10-03"))     # no day 5 in the window
    assert got["月 05日"].attrs == {"when": "---05"}
    assert wareki.read_all("今月 02日", "1986-10-03") == []                        # 月 not at a line start


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=list("0123456789０１年月日昭和平成元令〇一二三六十百 .．/-:午前付からS本昨同\n間代"), max_size=24),
       st.sampled_from([None, "1986-10-16", "1986", "1989-01-07", "1868-03-01", "2099-12-31"]))
def test_any_text_reads_to_iso_values_or_problems(text, anchor):
    """No input makes the parser fail; every value it writes is an ISO date (or partial date), windows in order."""
    for shown, reading in wareki.read_all(text, anchor):
        assert shown and (reading.problem or reading.attrs is not None)
        for key in ("when", "notBefore", "notAfter"):
            value = reading.attrs.get(key, "")
            if value and not value.startswith("--"):
                dt.date.fromisoformat(value[:10])
        if "notBefore" in reading.attrs:
            assert reading.attrs["notBefore"] <= reading.attrs["notAfter"]


_FINDER_ALPHABET = list("0123456789０１年月日昭和明治大正平成元令〇一二三六十百千 \u3000.．/／-－:：T午前後付からづけ、,に"
                        "SMHRTx本今昨同翌来間度代目以上半余漢かあAaZ\n")


def _spans(matches):
    return [(m.span(), m.groupdict()) for m in matches]


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=_FINDER_ALPHABET, max_size=40), st.integers(0, 45), st.integers(0, 45))
def test_the_fast_finder_finds_what_the_whole_pattern_finds(text, a, b):
    """``date_matches`` looks only where a date can be: it must find exactly the matches of ``DATE.finditer``,
    in any slice (a division), with any character before or after a run (lookbehinds, lookaheads)."""
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    assert _spans(wareki.date_matches(text, start, end)) == _spans(wareki.DATE.finditer(text, start, end))


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(["19", "9", "０", "1986", "0", "S61", "H", "昭", ".", "．", "/", "／", "-", "－", ":",
                                  " ", "x", "日"]), max_size=10).map("".join), st.integers(0, 30), st.integers(0, 30))
def test_the_fast_finder_finds_the_numeric_forms(text, a, b):
    """The same, on text made of the pieces of the forms without 年月日 (61.9.18, 1986-09-18, S61/9/18):
    the finder keys them on a separator followed by a digit."""
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    assert _spans(wareki.date_matches(text, start, end)) == _spans(wareki.DATE.finditer(text, start, end))


def test_the_fast_finder_keys_every_separator_and_digit():
    """Each numeric form, with every separator and every digit after it (the finder's key), is found."""
    for sep in ".．/／-－":
        for d in "0123456789０１２３４５６７８９":
            for text in (f"19{sep}{d}{sep}{d}", f"S61{sep}{d}{sep}{d}", f"1986{sep}{d}{sep}{d}", f"x {d}.{d}.1986"):
                found = _spans(wareki.DATE.finditer(text))
                assert _spans(wareki.date_matches(text)) == found, text


def test_the_fast_finder_on_the_real_sources():
    for txt in sorted(Path(__file__).resolve().parents[1].glob("sources/*.txt")):
        text = txt.read_text(encoding="utf-8")
        found = _spans(wareki.date_matches(text))
        assert found and found == _spans(wareki.DATE.finditer(text))


# What an English date is, as one pattern tried at every character: the reference ``english_dates.matches``
# (which tries only at month names and looks behind them) must agree with.
_E = english_dates
ENGLISH_REFERENCE = regex.compile(
    rf"{_E.EDGE}(?:{_E.WEEKDAY}{_E._month('month')}{_E.SP}{_E._day('day')}{_E.DASH}(?:{_E._month('month2')}{_E.SP})?"
    rf"{_E._day('day2')}(?:,?{_E.SP}{_E._year('year')}|{_E.NO_NUMBER})"
    rf"|{_E.WEEKDAY}{_E._month('month')}{_E.SP}{_E._day('day')}{_E.NO_RANGE}"
    rf"(?:,?{_E.SP}{_E._year('year')}|{_E.NO_NUMBER})"
    rf"|{_E._day('day')}{_E.DASH}{_E._day('day2')}{_E.SP}(?:of{_E.SP})?{_E._month('month')}"
    rf"(?:,?{_E.SP}{_E._year('year')}|{_E.NO_NUMBER})"
    rf"|{_E.WEEKDAY}{_E.NOT_RANGE_END}{_E._day('day')}{_E.SP}(?:of{_E.SP})?{_E._month('month')}"
    rf"(?:,?{_E.SP}{_E._year('year')}|{_E.NO_NUMBER})"
    rf"|{_E._month('month')},?{_E.SP}{_E._year('year')})")


def _english(matches):
    fields = ("month", "day", "year", "day2", "month2")
    return [(m.start(), m.end(), *[getattr(m, f) if hasattr(m, "begin") else m.groupdict().get(f) for f in fields])
            for m in matches]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["October", "Oct", "OCT", ".", "Sept", "May", "Friday", "Fri", ",", " ", "  ", "\n",
                                  "3", "03", "31", "3rd", "of", "1986", "2099", "4000", "86", "-", "5", "x", "ing",
                                  "日", "Mayor", "3 October 1986", "October 3, 1986", "Friday, ", "3rd of ", "Oct. ",
                                  "October 3-5, 1986", "October 1986", " 3 ", ", 1986", "May 1986", "3-5 ", "–",
                                  "September 30-October 2, 1986", "11–12 October 1986"]),
                max_size=10).map("".join), st.integers(0, 80), st.integers(0, 80))
def test_the_english_finder_finds_what_the_whole_pattern_finds(text, a, b):
    """``english_dates.matches`` looks only at month names: it must find exactly what the whole pattern finds
    at every character, in any slice (a division), whatever comes before and after."""
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    assert _english(english_dates.matches(text, start, end)) == \
        _english(ENGLISH_REFERENCE.finditer(text, start, end))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["February", "Feb.", "Sept", "May", "JUNE", "Friday, ", "29", "30", "31", "0", "00",
                                  "1", "3rd", "of", " ", ", ", "1500", "1900", "2000", "2099", "1986", "\n", "x"]),
                max_size=10).map("".join),
       st.sampled_from([None, "1986-10-16", "1986", "2000-02-29", "1500-01-01"]))
def test_any_english_text_reads_to_iso_values_or_problems(text, anchor):
    """February 30, 1900 (not a leap year), day 0, the edges of the years read: an ISO value or a problem."""
    for shown, reading in wareki.read_all(text, anchor):
        assert shown and (reading.problem or reading.attrs)
        for key in ("when", "notBefore", "notAfter"):
            value = reading.attrs.get(key, "")
            if value and not value.startswith("--"):
                dt.date.fromisoformat(value[:10])


def test_no_english_dates_in_the_japanese_sources():
    """No false date in the real sources (the interview writes no English month; the file has INF, SS-20 …)."""
    for txt in sorted(Path(__file__).resolve().parents[1].glob("sources/*.txt")):
        text = txt.read_text(encoding="utf-8")
        assert list(english_dates.matches(text)) == list(ENGLISH_REFERENCE.finditer(text)) == []


def test_numerals():
    assert [wareki.kanji_number(s) for s in ("六十一", "十八", "十", "二十", "二〇二三", "千九百八十六", "三十一")] == \
        [61, 18, 10, 20, 2023, 1986, 31]
    assert wareki.kanji_number("十百") is None and wareki.kanji_number("六一十") is None
    assert wareki.number("元") == 1 and wareki.number("０３") == 3


def test_era_table_is_continuous():
    for before, after in zip(wareki.ERAS, wareki.ERAS[1:]):
        assert 0 <= (after.start - before.end).days <= 1, (before.name, after.name)
        assert before.offset + before.last_year == before.end.year


def test_style_of_a_text():
    assert wareki.style_of("昭和61年10月16日 …") == "wareki"
    assert wareki.style_of("2023年5月17日 …") == "western"
    assert wareki.style_of("61.9.18") == "wareki"


# -- PIPELINE: sidecar, passes, weave, TEI -------------------------------------------------------------

SIDECAR = '''date = "1986-09-18"

[[document]]
id = "d1"
start = "決 裁 書"
type = "approval-form"
date = "1986-09-18"

[[document]]
id = "d3"
start = "資料②"
type = "telegram"
date = "1986-10-03"
date_text = "61年 10月 03日"

[[document]]
id = "d4"
start = "資料③"
type = "record"
date = "1986-10-16"
'''
TEXT = """決 裁 書

<p>起 案 昭和 61年 9月 18日</p>	<p>決 裁 昭和 年 月 日</p>
--	--

9月18日、連絡があつた。

資料②

月 02日

61年 10月 03日

9月30日付貴部内連絡電に関し、昭和65年の案は存在しない。[REDACTED] 極秘

資料③

16日午前、協議が行われた。91年から96年の5年間。
"""

# (document id, text of the date element, expected attributes)
PIPELINE = [
    ("d1", "昭和 61年 9月 18日", {"type": "drafted", "when": "1986-09-18"} | W),
    ("d1", "昭和 年 月 日", {"type": "approval"} | W),
    ("d1", "9月18日", when("1986-09-18") | CTX_M),
    ("d3", "月 02日", window("1986-09-30", "1986-10-03") | CTX_L),
    ("d3", "61年 10月 03日", when("1986-10-03") | W),
    ("d3", "9月30日", when("1986-09-30") | CTX_M),
    ("d4", "16日", when("1986-10-16") | CTX_M),
    ("d4", "91年", window("1991-01-01", "1991-12-31") | CTX_M),
    ("d4", "96年", window("1996-01-01", "1996-12-31") | CTX_M),
]


def _convert(tmp_path: Path, text: str, sidecar: str = ""):
    txt = tmp_path / "t.txt"
    txt.write_text(text, encoding="utf-8")
    if sidecar:
        txt.with_suffix(".toml").write_text(sidecar, encoding="utf-8")
    doc, tei = convert(txt, tmp_path)
    return doc, etree.fromstring(tei)


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    return _convert(tmp_path_factory.mktemp("dates"), TEXT, SIDECAR)


def _dates(root):
    out = []
    for el in root.find("tei:text", NS).iter(f"{{{NS['tei']}}}date"):
        div = next(el.iterancestors(f"{{{NS['tei']}}}div"))
        out.append((div.get("{http://www.w3.org/XML/1998/namespace}id"), "".join(el.itertext()), dict(el.attrib)))
    return out


@pytest.mark.parametrize("div,shown,expected", PIPELINE, ids=[r[1] for r in PIPELINE])
def test_pipeline(converted, div, shown, expected):
    _, root = converted
    assert (div, shown, expected) in _dates(root)


def test_pipeline_tags_nothing_else_and_stays_valid(converted, tei_schema):
    doc, root = converted
    assert len(_dates(root)) == len(PIPELINE)
    assert not schema_errors(tei_schema, root) + reference_errors(root)
    assert root.find(".//tei:calendarDesc/tei:calendar[@xml:id='cal-wareki']", NS) is not None
    messages = [m for _, m in doc.warnings]
    assert any("昭和65年" in m and "not converted" in m for m in messages)


def test_no_dates_in_furniture_and_garble(tmp_path):
    text = "本文。\n\n1986年10月3日号\n\n続き。\n\n外儀官\n61年10月3日\n調\n\n1986年10月3日に。\n"
    sidecar = ('date = "1986-10-03"\n\n[[furniture]]\nquote = "1986年10月3日号"\ntype = "header"\nplace = "top"\n\n'
               '[[form]]\nstart = "外儀官"\nend = "調"\ndesc = "grid"\n')
    _, root = _convert(tmp_path, text, sidecar)
    assert [el.getparent().tag.split("}")[1] for el in root.iter(f"{{{NS['tei']}}}date")
            if el.getparent().tag.endswith(("p", "fw", "ab", "unclear"))] == ["p"]
    assert root.find(".//tei:fw//tei:date", NS) is None and root.find(".//tei:figure//tei:date", NS) is None


def test_a_date_crossing_another_element_is_reported_not_woven(tmp_path):
    # the correction covers 日号: a date over 61年10月03日 would cross its <sic>
    sidecar = 'date = "1986-10-03"\n\n[[correction]]\nquote = "日号"\ncorr = "日分"\ncert = "medium"\n'
    doc, root = _convert(tmp_path, "61年10月03日号\n", sidecar)
    assert root.find("tei:text//tei:date", NS) is None
    assert any("crosses" in m for _, m in doc.warnings)


def test_sidecar_date_reading_overrides_and_suppresses(tmp_path):
    sidecar = ('[[document]]\nid = "d1"\nstart = "月 02日"\ndate = "1986-10-03"\n\n'
               '[[date_reading]]\nquote = "月 02日"\nwhen = "1986-10-02"\ncert = "medium"\n\n'
               '[[date_reading]]\nquote = "9月30日"\nignore = true\n')
    doc, root = _convert(tmp_path, "月 02日\n\n9月30日付で照会した。\n", sidecar)
    assert _dates(root) == [("d1", "月 02日", {"when": "1986-10-02", "cert": "medium", "resp": "#ed-1"})]


def test_sidecar_date_reading_must_be_a_real_date(tmp_path):
    with pytest.raises(UserError, match="not a real ISO date"):
        _convert(tmp_path, "月 02日\n", '[[date_reading]]\nquote = "月 02日"\nwhen = "1986-02-30"\n')


def test_date_text_disagreeing_with_date_is_reported(tmp_path):
    sidecar = '[[document]]\nid = "d1"\nstart = "本文"\ndate = "1986-10-16"\ndate_text = "昭和61年10月15日"\n'
    doc, _ = _convert(tmp_path, "本文。\n", sidecar)
    assert any("date_text" in m and "1986-10-15" in m for _, m in doc.warnings)


def test_header_dates_carry_the_calendar(converted):
    _, root = converted
    note = root.find(".//*[@xml:id='mi-d3']/tei:note[@type='date']/tei:date", NS)
    assert note.get("calendar") == "#cal-wareki" and note.get("when") == "1986-10-03"


def test_division_without_a_sidecar_date_takes_the_first_date_near_its_top(tmp_path):
    sidecar = 'date = "1986"\n\n[[document]]\nid = "d1"\nstart = "電信"\ntype = "telegram"\nsender = "大使"\n'
    _, root = _convert(tmp_path, "電信\n\n昭和61年10月3日\n\n本文。\n", sidecar)
    guess = root.find(".//*[@xml:id='mi-d1']/tei:note[@type='date']/tei:date", NS)
    assert guess is not None and guess.get("when") == "1986-10-03" and guess.get("cert") == "medium"


def test_a_telegram_dated_by_its_receipt_puts_the_date_on_received(tmp_path):
    sidecar = ('[[document]]\nid = "d1"\nstart = "電信"\ntype = "telegram"\ndate = "1986-10-03"\n'
               'date_text = "61年 10月 03日"\ndate_of = "received"\nsender = "松永大使"\n')
    _, root = _convert(tmp_path, "電信\n\n61年 10月 03日\n", sidecar)
    sent, received = root.findall(".//tei:correspDesc/tei:correspAction", NS)
    assert sent.find("tei:date", NS) is None
    assert received.find("tei:date", NS).get("when") == "1986-10-03"
