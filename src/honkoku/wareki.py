"""Dates as Japanese documents write them, read into ISO values: pure functions, no Document.

The dates pass (``passes/dates.py``) finds ``DATE`` matches in a division and
calls ``scan``; the table test (``tests/test_dates.py``) calls the same code.

What is read (each becomes a ``Reading`` whose ``attrs`` are TEI ``date``
attributes):

* era dates, Meiji to Reiwa: 昭和61年9月18日, 昭和六十一年九月十八日, 平成元年,
  ``昭和 61年 9月 18日`` (spaces of a form), S61.9.18, 昭61.9.18 →
  ``calendar="#cal-wareki"``. A date outside its era (昭和65年, 平成31年5月1日)
  or the calendar (2月30日) is a ``problem``: reported, never converted.
  Before 明治6年 (1873) Japan used the lunisolar calendar: only a window
  covering that lunisolar year is given.
* abbreviated era dates, when the context knows the era: 61.9.18, 61年10月03日;
* Western dates: 2023年5月17日, 2022年10月, 1991年, 1980年代,
  17.05.2023 10:15, 2023.5.17, 2023-05-17, 一九八六年;
* two-digit years in a range (91年から96年), read in the context's century;
* dates with the year or month left out (9月30日, 16日午前, 9月, 本年2月,
  昨年11月), placed next to the context's date with ``evidence="internal"``
  and a ``cert`` that says how close (see ``place_*``);
* a blank form date (昭和 年 月 日): a date with no value;
* English dates (October 3, 1986; 3 October 1986; October 1986; October 3): ``english_dates``,
  found by ``scan`` beside these, with the same context.

A full date is ``@when``; a month or a year is ``@notBefore``/``@notAfter``
(clipped to its era: 平成元年 starts on 1989-01-08). A date whose year cannot
be placed keeps what is known as an XML Schema partial date (``--09-30``,
``---16``), which TEI's ``@when`` allows.
"""
from __future__ import annotations

import calendar
import datetime as dt
import heapq
import re
from dataclasses import dataclass, field

import regex


@dataclass(frozen=True)
class Era:
    name: str
    letter: str
    start: dt.date
    end: dt.date | None          # last day (None: current era)
    offset: int                  # Gregorian year = offset + era year

    @property
    def last_year(self) -> int | None:
        return None if self.end is None else self.end.year - self.offset


# Boundary days belong to both eras (the change took effect that day).
ERAS = (
    Era("明治", "M", dt.date(1868, 1, 25), dt.date(1912, 7, 30), 1867),
    Era("大正", "T", dt.date(1912, 7, 30), dt.date(1926, 12, 25), 1911),
    Era("昭和", "S", dt.date(1926, 12, 25), dt.date(1989, 1, 7), 1925),
    Era("平成", "H", dt.date(1989, 1, 8), dt.date(2019, 4, 30), 1988),
    Era("令和", "R", dt.date(2019, 5, 1), None, 2018),
)
ERA_BY_NAME = {e.name: e for e in ERAS} | {e.letter: e for e in ERAS} | {e.name[0]: e for e in ERAS}
GREGORIAN_SINCE = dt.date(1873, 1, 1)      # 明治6年1月1日; before it month and day are lunisolar
CAL = "#cal-wareki"
ISO_DAY = regex.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")
TEMPLATE = regex.compile("〇+")          # 〇〇年〇月: a form's blank, not a numeral


def era_at(year: int, month: int = 7, day: int = 1) -> Era | None:
    """The era in force on a day (on a changeover day, the new one)."""
    day_ = dt.date(year, month, day)
    found = None
    for era in ERAS:
        if era.start <= day_ and (era.end is None or day_ <= era.end):
            found = era
    return found


# -- numerals -------------------------------------------------------------------------------------

KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}


def kanji_number(s: str) -> int | None:
    """六十一 → 61, 十八 → 18, 二〇二三 → 2023 (positional), 千九百八十六 → 1986; None if malformed."""
    if not s or any(c not in KANJI_DIGITS and c not in KANJI_UNITS for c in s):
        return None
    if not any(c in KANJI_UNITS for c in s):
        return int("".join(str(KANJI_DIGITS[c]) for c in s))
    total, digit, last_unit = 0, None, 10 ** 9
    for c in s:
        if c in KANJI_DIGITS:
            if digit is not None:
                return None                  # 六一十
            digit = KANJI_DIGITS[c]
        else:
            unit = KANJI_UNITS[c]
            if unit >= last_unit:
                return None                  # 十百
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
    return total + (digit or 0)


def number(s: str | None) -> int | None:
    """Arabic, full-width or kanji numerals, or 元 (the first year of an era)."""
    if not s:
        return None
    if s == "元":
        return 1
    if s.isdecimal():
        return int(s)                        # int() reads full-width digits too
    return kanji_number(s)


# -- the finder -----------------------------------------------------------------------------------

D = r"[0-9０-９]"
KN = r"[〇一二三四五六七八九十百千]"
NUM2 = rf"(?:{D}{{1,2}}|{KN}{{1,3}})"                      # a month or a day
SP = r"[ \u3000]*"                                            # spaces of a form: 昭和 61年 9月 18日
NOT_AFTER_NUM = r"(?<![0-9０-９〇一二三四五六七八九十百千.．/／])"
SEP = r"[.．/／]"
END_NUM = rf"(?!{D}|[.．/／\-－]{D})"
ERA_NAMES = "|".join(e.name for e in ERAS)
YEAR_NOT_DATE = r"(?![間度来余]|以[上内下]|前(?!半)|後(?!半)|ぶり|近く|ほど|程)"   # 5年間, 2023年度, 2000年前: not dates

DATE = regex.compile(rf"""
    (?P<era>{ERA_NAMES}){SP}(?P<ey>{D}{{1,2}}|{KN}{{1,3}}|元)?{SP}年
        (?:{SP}(?P<em>{NUM2})?{SP}月(?:{SP}(?P<ed>{NUM2})?{SP}日)?|(?![間度代]))
  | (?<![A-Za-z0-9０-９\p{{Han}}])(?P<lera>[MTSHR明大昭平令])(?P<ly>{D}{{1,2}}|元)(?P<lsep>{SEP})
        (?P<lm>{D}{{1,2}})(?P=lsep)(?P<ld>{D}{{1,2}}){END_NUM}
  | {NOT_AFTER_NUM}(?P<wy>{D}{{4}}|[〇一二三四五六七八九]{{4}}){SP}年
        (?:{SP}(?P<wm>{NUM2}){SP}月(?:{SP}(?P<wd>{NUM2}){SP}日)?|(?P<decade>代)|{YEAR_NOT_DATE})
  | {NOT_AFTER_NUM}(?P<ed2>{D}{{1,2}})[.．](?P<em2>{D}{{1,2}})[.．](?P<ey2>{D}{{4}})
        (?:[ ]{{1,3}}(?P<hh>{D}{{1,2}})[:：](?P<mi>{D}{{2}}))?{END_NUM}
  | (?<![0-9０-９.．/／\-－])(?P<iy>{D}{{4}})(?P<isep>[-－.．/／])(?P<im>{D}{{1,2}})(?P=isep)(?P<id>{D}{{1,2}})
        (?:[T ](?P<ih>{D}{{2}})[:：](?P<imi>{D}{{2}}))?{END_NUM}
  | {NOT_AFTER_NUM}(?P<ay>{D}{{2}}|{KN}{{2,3}}){SP}年{SP}(?P<am>{NUM2}){SP}月(?:{SP}(?P<ad>{NUM2}){SP}日)?
  | {NOT_AFTER_NUM}(?P<by>{D}{{2}})(?P<bsep>{SEP})(?P<bm>{D}{{1,2}})(?P=bsep)(?P<bd>{D}{{1,2}}){END_NUM}
  | (?P<rel>本年|今年|昨年|去年|来年|明年|同年|前年|翌年){SP}(?P<rm>{NUM2}){SP}月(?:{SP}(?P<rd>{NUM2}){SP}日)?
  | {NOT_AFTER_NUM}(?P<mm>{NUM2}){SP}月{SP}(?P<md>{NUM2}){SP}日
  | (?<=^[ \u3000]*)月{SP}(?P<xd>{D}{{1,2}}){SP}日
  | {NOT_AFTER_NUM}(?P<yy>{D}{{2}})年(?![間度代前後目来内末以余])
  | (?<![0-9０-９.．/／\p{{Han}}])(?P<om>{D}{{1,2}})月(?![間目])
  | (?<![0-9０-９.．/／:：\p{{Han}}\p{{Katakana}}A-Za-zＡ-Ｚａ-ｚ])(?P<od>{D}{{1,2}}){SP}日
        (?=午前|午後|朝|夕刻|夕方|夜|未明|付|づけ|から|まで|[、，,]|に(?![0-9０-９]))
""", regex.VERBOSE | regex.MULTILINE)

# DATE's group names by number (every group of DATE is named): groupdict() as zip(names, groups()).
_GROUP_NAMES = [name for name, _ in sorted(DATE.groupindex.items(), key=lambda item: item[1])]
assert len(_GROUP_NAMES) == DATE.groups and [DATE.groupindex[n] for n in _GROUP_NAMES] == list(range(1, DATE.groups + 1))

NUMERIC = ("ey", "em", "ed", "ly", "lm", "ld", "wy", "wm", "wd", "ed2", "em2", "ey2", "hh", "mi", "iy", "im", "id",
           "ih", "imi", "ay", "am", "ad", "by", "bm", "bd", "rm", "rd", "mm", "md", "xd", "yy", "om", "od")

# Where ``DATE`` can match, found fast. Every match is a run of the characters below (what its alternatives
# consume: numerals, era names and letters, 元年月日代, separators, spaces of a form, 本今昨… of 本年) and holds
# one of 年月日 or a separator followed by a digit (the numeric forms: 61.9.18, 1986-09-18, S61/9/18); its
# lookaheads read at most 3 characters past it. So scanning only the runs that hold such a key, each with a few
# characters after it, finds exactly what scanning the whole text finds (tests/test_dates.py compares both), at
# a fraction of the cost: the alternation is tried only there (not on the two runs in three that are plain
# numbers: page numbers, "(1)", "in 1986,").
_RUN = ("0123456789０１２３４５６７８９〇一二三四五六七八九十百千元年月日代 \u3000" + "MTSHR"
        + "".join(e.name for e in ERAS) + ".．/／-－:：" + "本今昨去来明同前翌")
_IN_RUN = frozenset(_RUN)
# (a character class first: re scans for it fast; "[年月日]|[.．/／-－](?=…)" is four times slower)
_KEY_CHAR = re.compile(r"[年月日.．/／\-－](?:(?<=[年月日])|(?=[0-9０-９]))")
_RUN_END = re.compile(f"[{re.escape(_RUN)}]*")
_LOOKAHEAD = 8


def date_matches(text: str, start: int = 0, end: int | None = None):
    """``DATE.finditer(text, start, end)``, the same matches, looked for only where one can be."""
    end = len(text) if end is None else end
    key = _KEY_CHAR.search(text, start, end)
    while key is not None:
        run_start = key.start()
        while run_start > start and text[run_start - 1] in _IN_RUN:
            run_start -= 1
        run_end = _RUN_END.match(text, key.start(), end).end()
        for m in DATE.finditer(text, run_start, min(end, run_end + _LOOKAHEAD)):
            if m.start() >= run_end:
                break
            yield m
        key = _KEY_CHAR.search(text, run_end, end)


# Words between two dates that make the second one share the first one's year (本年2月及び6月).
CONNECTOR = regex.compile(r"[ \u3000]*(?:及び|および|並びに|ならびに|又は|または|ないし|乃至|から|より|まで|と|や|、|，|～|〜|~|－|-|―|ー)[ \u3000]*")
RANGE_NEXT = regex.compile(rf"(?:から|～|〜|~|－|-|―|ないし|乃至){SP}{D}{{2}}年"
                           r"(?![間前後]|程度|ほど|くらい|ぐらい|かか|以上|以内|余)")   # 10年から15年かかる: years, not dates


# -- readings -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Anchor:
    """The date a division is known to have (sidecar, or the text): what omitted parts are read against."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value) -> "Anchor | None":
        if value is None or value == "":
            return None
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        m = ISO_DAY.fullmatch(str(value))
        if not m:
            return None
        return cls(int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None)

    def date(self) -> dt.date | None:
        return dt.date(self.year, self.month, self.day) if self.month and self.day else None


@dataclass
class Context:
    """What a division tells about its dates: its own date, its era, and how it writes years."""

    anchor: Anchor | None = None
    era: Era | None = None               # named by a full era date earlier in the division
    style: str = "wareki"                # "wareki": a bare 61年 is an era year first; "western": 19xx first
    anchor_from_text: bool = False       # the anchor is the last full date read, not the sidecar's

    def current_era(self) -> Era | None:
        if self.era:
            return self.era
        if self.anchor:
            return era_at(self.anchor.year, self.anchor.month or 7, self.anchor.day or 1)
        return None


@dataclass
class Reading:
    """What one match means: TEI attributes, or a problem (a date that cannot be)."""

    attrs: dict[str, str] = field(default_factory=dict)
    problem: str = ""
    year: int | None = None              # Gregorian year, for a following date that shares it
    month: int | None = None
    era: Era | None = None               # the era named, if any
    explicit: bool = False               # year (and so the whole date) written out in the text
    kind: str = ""                       # full | month | year | decade | blank | month-lost | partial
    day: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problem


def _iso(y: int, m: int, d: int) -> str:
    return f"{y:04d}-{m:02d}-{d:02d}"


def _valid_day(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


def _window(lo: dt.date, hi: dt.date) -> dict[str, str]:
    return {"notBefore": lo.isoformat(), "notAfter": hi.isoformat()}


def _fail(message: str) -> Reading:
    return Reading(problem=message)


def gregorian(y: int, m: int | None = None, d: int | None = None, era: Era | None = None,
              hh: int | None = None, mi: int | None = None) -> Reading:
    """The reading of a Gregorian year/month/day, clipped to ``era`` when one is named."""
    if not 1 <= y <= 9999:
        return _fail(f"year {y} is out of range")
    if m is not None and not 1 <= m <= 12:
        return _fail(f"month {m} does not exist")
    if d is not None and m is None:
        return _fail("a day without a month")
    if d is not None and not _valid_day(y, m, d):
        return _fail(f"{m}月{d}日 does not exist in {y}")
    attrs: dict[str, str] = {}
    lo, hi = dt.date(y, m or 1, d or 1), dt.date(y, m or 12, d or calendar.monthrange(y, m or 12)[1])
    if era is not None and lo < GREGORIAN_SINCE:
        # 明治1-5年: month and day are lunisolar; give a window that holds the whole lunisolar year
        lo = max(era.start, dt.date(y, 1, 21))
        hi = min(dt.date(1872, 12, 31), dt.date(y + 1, 2, 20))
        return Reading(_window(lo, hi) | {"calendar": CAL}, year=None, era=era, explicit=True, kind="lunisolar")
    if era is not None:
        if hi < era.start or (era.end and lo > era.end):
            span = f"{era.start.isoformat()} to {era.end.isoformat() if era.end else 'today'}"
            return _fail(f"{era.name} ran from {span}: this date is outside it")
        lo, hi = max(lo, era.start), min(hi, era.end) if era.end else hi
    if d is not None:
        attrs["when"] = _iso(y, m, d)
        if hh is not None:
            if not (0 <= hh <= 23 and 0 <= (mi or 0) <= 59):
                return _fail(f"time {hh}:{mi:02d} does not exist")
            attrs["when"] += f"T{hh:02d}:{mi or 0:02d}:00"     # xsd:dateTime needs the seconds
        kind = "full"
    else:
        attrs.update(_window(lo, hi))
        kind = "month" if m is not None else "year"
    if era is not None:
        attrs["calendar"] = CAL
    return Reading(attrs, year=y, month=m, era=era, explicit=True, kind=kind, day=d)


def era_date(era: Era, n: int | None, m: int | None = None, d: int | None = None) -> Reading:
    """昭和 n年 m月 d日 → Reading; 昭和65年, 昭和0年, 平成31年5月1日 are problems."""
    if n is None:
        return Reading({"calendar": CAL}, era=era, kind="blank")
    label = f"{era.name}{'元' if n == 1 else n}年"
    if n < 1:
        return _fail(f"{label} does not exist: era years start at 元年 (1)")
    if era.last_year is not None and n > era.last_year:
        return _fail(f"{label} does not exist: {era.name} ended in {era.name}{era.last_year}年 "
                     f"({era.end.isoformat()})")
    reading = gregorian(era.offset + n, m, d, era)
    if reading.problem:
        reading.problem = f"{label}{f'{m}月' if m else ''}{f'{d}日' if d else ''}: {reading.problem}"
    return reading


# -- placing a date whose year (or month) is left out ----------------------------------------------

def _near(anchor: dt.date, candidates: list[dt.date]) -> tuple[dt.date, int] | None:
    """The candidate nearest the anchor, and its distance in days; None on a tie."""
    ranked = sorted(candidates, key=lambda c: (abs((c - anchor).days), c))
    if not ranked:
        return None
    if len(ranked) > 1 and abs((ranked[0] - anchor).days) == abs((ranked[1] - anchor).days):
        return None
    return ranked[0], abs((ranked[0] - anchor).days)


def place_month_day(m: int, d: int, anchor: Anchor | None) -> Reading:
    """9月30日 in a division of 1986-10-03 → 1986-09-30: the nearest year; medium within 3 months, low within 4."""
    if not 1 <= m <= 12 or not _valid_day(2000, m, d):       # 2000 is a leap year: 2月29日 may exist
        return _fail(f"{m}月{d}日 does not exist")
    partial = Reading({"when": f"--{m:02d}-{d:02d}"}, month=m, kind="partial", day=d)
    if anchor is None:
        return partial
    base = anchor.date()
    if base is None:                                     # only the year is known
        if not _valid_day(anchor.year, m, d):
            return _fail(f"{m}月{d}日 does not exist in {anchor.year}")
        return Reading({"when": _iso(anchor.year, m, d), "evidence": "internal", "cert": "low"},
                       year=anchor.year, month=m, kind="full", day=d)
    found = _near(base, [dt.date(y, m, d) for y in (base.year - 1, base.year, base.year + 1) if _valid_day(y, m, d)])
    if found is None or found[1] > 122:                  # beyond 4 months the other year is nearly as near
        return partial
    when, distance = found
    return Reading({"when": when.isoformat(), "evidence": "internal", "cert": "medium" if distance <= 92 else "low"},
                   year=when.year, month=m, kind="full", day=d)


def place_day(d: int, anchor: Anchor | None) -> Reading:
    """16日 in a division of 1986-10-16 → that day (medium); another day within 15 days is low."""
    if not 1 <= d <= 31:
        return _fail(f"{d}日 does not exist")
    partial = Reading({"when": f"---{d:02d}"}, kind="partial", day=d)
    if anchor is None or anchor.date() is None:
        return partial
    base = anchor.date()
    candidates = []
    for shift in (-1, 0, 1):
        y, m = base.year + (base.month - 1 + shift) // 12, (base.month - 1 + shift) % 12 + 1
        if _valid_day(y, m, d):
            candidates.append(dt.date(y, m, d))
    found = _near(base, candidates)
    if found is None or found[1] > 15:
        return partial
    when, distance = found
    return Reading({"when": when.isoformat(), "evidence": "internal", "cert": "medium" if distance == 0 else "low"},
                   year=when.year, month=when.month, kind="full", day=d)


def place_month(m: int, anchor: Anchor | None) -> Reading:
    """9月 in a division of 1986-10-16 → September 1986: medium within 3 months, low at 4."""
    if not 1 <= m <= 12:
        return _fail(f"month {m} does not exist")
    partial = Reading({"when": f"--{m:02d}"}, month=m, kind="partial")
    if anchor is None or anchor.month is None:
        return partial
    options = sorted(((abs((y * 12 + m) - (anchor.year * 12 + anchor.month)), y)
                      for y in (anchor.year - 1, anchor.year, anchor.year + 1)))
    distance, year = options[0]
    if distance > 4:
        return partial
    reading = gregorian(year, m)
    reading.attrs.update(evidence="internal", cert="medium" if distance <= 3 else "low")
    reading.explicit = False
    return reading


def month_lost_window(day: int, anchor: Anchor | None, earlier: list[dt.date]) -> Reading:
    """「月 02日」 (month lost in OCR) at the head of a division dated C.

    It was written on or before C, and on or after the latest date (within a
    month before C) the division refers to: 9月30日付貴電 in a telegram received
    1986-10-03 gives 1986-09-30 … 1986-10-03. The window is kept only if a day
    ``day`` falls inside it; otherwise only the day is known.
    """
    partial = Reading({"when": f"---{day:02d}"}, kind="partial", day=day)
    base = anchor.date() if anchor else None
    if base is None or not 1 <= day <= 31:
        return partial
    before = [e for e in earlier if base - dt.timedelta(days=31) <= e < base]
    if not before:
        return partial
    lo = max(before)
    days = [lo + dt.timedelta(days=i) for i in range((base - lo).days + 1)]
    if not any(x.day == day for x in days):
        return partial
    return Reading(_window(lo, base) | {"evidence": "internal", "cert": "low"}, kind="month-lost", day=day)


# -- two-digit years --------------------------------------------------------------------------------

def two_digit_year(n: int, ctx: Context, era_only: bool = False, back: int = 100
                   ) -> tuple[int, Era | None, bool] | None:
    """(Gregorian year, era or None, guessed century?) for 61 in 61年10月 or 91 in 91年から96年.

    An era year first if the context writes era dates, the era knows that year
    and it is within ``back`` years before or 15 years after the anchor; else
    the anchor's century (91 in 1986 → 1991). Forms that are often not dates
    (10.2.3 a section, 10年から15年 a duration) pass ``back=30``.
    """
    anchor_year = ctx.anchor.year if ctx.anchor else None
    era = ctx.current_era()
    candidates: list[tuple[int, Era | None, bool]] = []
    if era is not None and n >= 1 and (era.last_year is None or n <= era.last_year):
        year = era.offset + n
        if anchor_year is None or anchor_year - back <= year <= anchor_year + 15:
            candidates.append((year, era, False))
    if not era_only and anchor_year is not None:
        western = min((c * 100 + n for c in (anchor_year // 100 - 1, anchor_year // 100, anchor_year // 100 + 1)),
                      key=lambda y: abs(y - anchor_year))
        if anchor_year - back <= western <= anchor_year + 15:
            candidates.append((western, None, True))
    if not candidates:
        return None
    if ctx.style == "western":
        candidates.sort(key=lambda c: c[1] is not None)
    return candidates[0]


# -- one match -------------------------------------------------------------------------------------

def interpret(m: regex.Match, ctx: Context, prev: Reading | None = None, last: Reading | None = None) -> Reading | None:
    """The reading of one ``DATE`` match, or None if it is not a date after all.

    ``prev`` is the date right before it when only a connector (及び, から, ～)
    stands between them: 6月 in 本年2月及び6月 takes its year. ``last`` is the
    latest date read in the division (for 同年, 翌年).
    """
    g = dict(zip(_GROUP_NAMES, m.groups()))          # m.groupdict(), five times faster (regex builds it slowly)
    for name in NUMERIC:
        if g[name] and (number(g[name]) is None or TEMPLATE.fullmatch(g[name])):
            return None                                  # 十百, 六一十: not a numeral; 〇〇年〇月: a template
    if g["era"]:
        era = ERA_BY_NAME[g["era"]]
        n, mo, d = number(g["ey"]), number(g["em"]), number(g["ed"])
        if n is None and (mo or d):
            return _fail(f"{m[0]}: a month or day without a year")
        if n is None and "月" not in m[0]:
            return None                                  # 昭和年 alone: not a form date
        return era_date(era, n, mo, d if mo else None)
    if g["lera"]:
        return era_date(ERA_BY_NAME[g["lera"]], number(g["ly"]), number(g["lm"]), number(g["ld"]))
    if g["wy"]:
        y = number(g["wy"])
        if not 1600 <= y <= 2099:
            return None                                  # 3000年 (years of history), not a date
        if g["decade"]:
            if y % 10:
                return None
            return Reading(_window(dt.date(y, 1, 1), dt.date(y + 9, 12, 31)), year=y, explicit=True, kind="decade")
        return gregorian(y, number(g["wm"]), number(g["wd"]))
    if g["ey2"]:
        hh = number(g["hh"])
        return gregorian(number(g["ey2"]), number(g["em2"]), number(g["ed2"]), hh=hh, mi=number(g["mi"]))
    if g["iy"]:
        y = number(g["iy"])
        if not 1600 <= y <= 2099:
            return None
        return gregorian(y, number(g["im"]), number(g["id"]), hh=number(g["ih"]), mi=number(g["imi"]))
    if g["ay"] or g["by"]:
        dotted = bool(g["by"])
        n = number(g["by"] or g["ay"])
        mo, d = (number(g["bm"]), number(g["bd"])) if dotted else (number(g["am"]), number(g["ad"]))
        if not dotted and mo is not None and not 1 <= mo <= 12:
            return _fail(f"{m[0]}: month {mo} does not exist")
        choice = two_digit_year(n, ctx, era_only=dotted, back=30 if dotted else 100)
        if choice is None:
            if dotted or ctx.anchor is None and ctx.current_era() is None:
                return None                              # 3.1.2 with nothing to read it by: not a date
            era = ctx.current_era()
            if era and era.last_year and n > era.last_year:
                return _fail(f"{m[0]}: {era.name}{n}年 does not exist ({era.name} ended in {era.name}{era.last_year}年)")
            return None
        year, era, guessed = choice
        reading = era_date(era, n, mo, d) if era else gregorian(year, mo, d)
        if reading.ok:
            reading.explicit = True
            if guessed:
                reading.attrs.update(evidence="internal", cert="medium")
        return reading
    if g["rel"]:
        mo, d = number(g["rm"]), number(g["rd"])
        rel = g["rel"]
        if rel in ("同年", "前年", "翌年"):
            if last is None or last.year is None:
                return None
            year = last.year + {"同年": 0, "前年": -1, "翌年": 1}[rel]
            cert = last.attrs.get("cert", "high")
        else:
            if ctx.anchor is None:
                return None
            year = ctx.anchor.year + {"本年": 0, "今年": 0, "昨年": -1, "去年": -1, "来年": 1, "明年": 1}[rel]
            cert = "high" if not ctx.anchor_from_text else "medium"
        reading = gregorian(year, mo, d)
        if reading.ok:
            reading.attrs.update(evidence="internal", cert=cert)
            reading.explicit = False
        return reading
    if g["mm"]:
        mo, d = number(g["mm"]), number(g["md"])
        if prev is not None and prev.year is not None:
            return _shared_year(prev, mo, d)
        return place_month_day(mo, d, ctx.anchor)
    if g["xd"]:
        return Reading({}, kind="month-lost", day=number(g["xd"]))
    if g["yy"]:
        n = number(g["yy"])
        starts_range = RANGE_NEXT.match(m.string, m.end())
        if prev is not None and prev.year is not None and prev.kind in ("year", "month", "full") and not starts_range:
            # 91年から96年: the second year is read like the first
            base = prev.year - prev.year % 100 if prev.era is None else None
            if prev.era is not None:
                reading = era_date(prev.era, n)
            else:
                year = base + n if base + n >= prev.year else base + 100 + n
                reading = gregorian(year)
            if reading.ok:
                reading.explicit = True
                if prev.attrs.get("evidence"):
                    reading.attrs.update(evidence=prev.attrs["evidence"], cert=prev.attrs.get("cert", "medium"))
            return reading
        if not starts_range:
            return None                                  # 15年まで, 20年に: a number of years, not a date
        choice = two_digit_year(n, ctx, back=30)
        if choice is None:
            return None
        year, era, guessed = choice
        reading = era_date(era, n) if era else gregorian(year)
        if reading.ok:
            reading.explicit = True
            if guessed:
                reading.attrs.update(evidence="internal", cert="medium")
        return reading
    if g["om"]:
        mo = number(g["om"])
        if prev is not None and prev.year is not None:
            return _shared_year(prev, mo, None)
        return place_month(mo, ctx.anchor)
    if g["od"]:
        return place_day(number(g["od"]), ctx.anchor)
    return None


def _shared_year(prev: Reading, mo: int, d: int | None) -> Reading:
    """6月 after 本年2月及び: the year of the date before it, with its certainty."""
    reading = gregorian(prev.year, mo, d)
    if reading.ok:
        cert = prev.attrs.get("cert", "high")
        reading.attrs.update(evidence="internal", cert=cert)
        reading.explicit = False
    return reading


# -- a division --------------------------------------------------------------------------------------

@dataclass
class Found:
    start: int
    end: int
    reading: Reading


def scan(text: str, start: int = 0, end: int | None = None, ctx: Context | None = None,
         skip=lambda s, e: False) -> list[Found]:
    """Every date in ``text[start:end]`` (one division), read in order with its context.

    A full era date teaches the context its era (61年 after 昭和61年); with no
    anchor from the sidecar, the last full date read becomes the anchor.
    ``skip(s, e)`` tells matches to pass over (inside a gap, a form's garble).
    Month-lost dates (「月 02日」) are placed once the whole division is read.
    """
    end = len(text) if end is None else end
    ctx = ctx or Context()
    found: list[Found] = []
    prev: Found | None = None
    last: Reading | None = None
    for m in heapq.merge(date_matches(text, start, end), english_dates.matches(text, start, end), key=_start):
        if skip(m.start(), m.end()):
            continue
        if isinstance(m, english_dates.EnglishMatch):
            if found and m.start() < found[-1].end:
                continue                    # inside a date already read
            reading = english_dates.interpret(m, ctx)
        else:
            linked = None
            if prev is not None and prev.reading.ok and CONNECTOR.fullmatch(text, prev.end, m.start()):
                linked = prev.reading
            reading = interpret(m, ctx, linked, last)
        if reading is None:
            continue
        item = Found(m.start(), m.end(), reading)
        found.append(item)
        prev = item
        if reading.ok and reading.kind != "month-lost":
            last = reading if reading.year is not None else last
            if reading.era is not None and reading.explicit:
                ctx.era = reading.era
            if reading.explicit and reading.kind == "full" and (ctx.anchor is None or ctx.anchor_from_text):
                when = reading.attrs["when"][:10]
                ctx.anchor = Anchor(int(when[:4]), int(when[5:7]), int(when[8:10]))
                ctx.anchor_from_text = True
    earlier = [dt.date.fromisoformat(f.reading.attrs["when"][:10]) for f in found
               if f.reading.ok and len(f.reading.attrs.get("when", "")) >= 10]
    for f in found:
        if f.reading.kind == "month-lost" and not f.reading.attrs:
            f.reading = month_lost_window(f.reading.day or 0, ctx.anchor, earlier)
    return found


def _start(m) -> int:
    return m.start()


def read_all(text: str, anchor=None, style: str = "wareki") -> list[tuple[str, Reading]]:
    """(matched text, reading) for every date in ``text``: the table test's entry point."""
    ctx = Context(Anchor.parse(anchor), style=style)
    return [(text[f.start:f.end], f.reading) for f in scan(text, ctx=ctx)]


ERA_YEAR = regex.compile(rf"(?:{ERA_NAMES})[ \u3000]*(?:{D}|{KN}|元)")
WESTERN_YEAR = regex.compile(rf"{NOT_AFTER_NUM}{D}{{4}}[ \u3000]*年")


def style_of(text: str) -> str:
    """"wareki" if the text writes an era year anywhere (or writes no 4-digit year at all), else "western"."""
    if ERA_YEAR.search(text):
        return "wareki"
    return "western" if WESTERN_YEAR.search(text) else "wareki"




def written_in_era(text: str, value) -> bool:
    """True if ``text`` (a sidecar's ``date_text``) writes the date ``value`` in the era calendar."""
    ctx = Context(Anchor.parse(value))
    return any(f.reading.attrs.get("calendar") == CAL for f in scan(text, ctx=ctx))


from . import english_dates  # noqa: E402  (its forms use this module's readings)
