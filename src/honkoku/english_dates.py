"""Dates as English documents write them, read into the same ``Reading`` as the Japanese forms.

``wareki.scan`` finds these beside the Japanese forms, in text order, with
the same context (the division's date, the last full date read):

* ``October 3, 1986``, ``Oct. 3, 1986``, ``Friday, October 3rd, 1986``,
  ``3 October 1986``, ``3rd of October, 1986``, ``OCTOBER 3, 1986``
  (cables write in capitals) → ``@when``;
* ``October 1986``, ``Oct. 1986`` → ``@notBefore``/``@notAfter`` of the month;
* ``October 3``, ``3 October`` (year left out) → placed next to the division's
  date as ``9月30日`` is (``evidence="internal"``, ``cert``);
* ``October 11-12, 1986``, ``11–12 October 1986``, ``September 30-October 2, 1986``
  → ``@from``/``@to`` (a range of days; the year, if left out, placed by the first day);
* ``February 30, 1986``, ``October 12-11, 1986`` are problems: reported, never converted, and
  so is ``December 30-January 2, 1987`` (is the year the first day's or the last's?).

Month names are matched as written in English (capitalised or in capitals),
never inside a longer word (``Marching``); ``may`` is not a month, ``May 1986``
is. Years run from 1500 to 2099 (``October 3, 4000 troops`` is no date).
Two-digit years (``3 OCT 86``) and numeric US forms (``10/3/86``: month or
day first?) are not read.
"""
from __future__ import annotations

import re
from typing import NamedTuple

import regex

from .wareki import Context, Reading, _fail, _valid_day, gregorian, place_month_day

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
# a month's name as written (capitalised or in capitals, full or abbreviated: Sept, Oct) -> its number
MONTH_NUMBER: dict[str, int] = {}
for _n, _name in enumerate(MONTHS, 1):
    for _form in (_name, _name[:3]) + (("Sept",) if _n == 9 else ()):
        MONTH_NUMBER[_form] = MONTH_NUMBER[_form.upper()] = _n
_MONTH_ALTS = "|".join(sorted(MONTH_NUMBER, key=lambda f: (-len(f), f)))      # longest first: June before Jun
_FULL_ALTS = "|".join(sorted((f for f in MONTH_NUMBER if f.title() in MONTHS), key=lambda f: (-len(f), f)))
_SHORT_ALTS = "|".join(sorted((f for f in MONTH_NUMBER if f.title() not in MONTHS), key=lambda f: (-len(f), f)))
_DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_WEEKDAY_ALTS = "|".join([_DAYS, _DAYS.upper(), "Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun"])
SP = r"(?:[ \t\u00a0]{1,3}|[ \t]{0,3}\n[ \t]{0,3})"   # a few spaces, or a line wrapped between the parts
WEEKDAY_WRITTEN = rf"(?:{_WEEKDAY_ALTS})\.?,?{SP}"    # part of the date as written, not checked
WEEKDAY = rf"(?:{WEEKDAY_WRITTEN})?"
DASH = r"[ ]?[-–—][ ]?"                            # between the days of a range: 3-5, 3–5, 30 – 2
NO_RANGE = rf"(?!{DASH}\d)"                        # October 3 of October 3-5 is no date alone
NOT_RANGE_END = rf"(?<!\d{DASH})"                  # nor 5 October of 3-5 October
NO_NUMBER = rf"(?!,?{SP}\d)"                      # 3 OCT 86, October 3, 4000 troops: no year we read


def _month(g: str) -> str:
    """A month's name; an abbreviation takes its full stop (Oct.), a full name leaves the sentence's."""
    return rf"(?:(?P<{g}>{_FULL_ALTS})|(?P<{g}>{_SHORT_ALTS})\.?)(?!\p{{L}})"


def _day(g: str) -> str:
    return rf"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?(?![\p{{L}}\p{{N}}])"


def _year(g: str) -> str:
    return rf"(?P<{g}>1[5-9]\d\d|20\d\d)(?!\p{{N}})"


EDGE = r"(?<![\p{L}\p{N}])"                      # a date does not start inside a word or a number
# The patterns are matched at a month's name (the fast part: plain ``re`` finds the names), and look
# behind it for what comes before: the pattern tried at every character cost 2.5 ms a 9 KB English text.
# (Empty groups, so that every pattern has the same names.)
# 11-12 October 1986 / 11–12 October (year left out): a range of days
DAY_RANGE = regex.compile(
    rf"(?<={EDGE}(?P<before>{_day('day')}{DASH}{_day('day2')}{SP}(?:of{SP})?)){_month('month')}"
    rf"(?:,?{SP}{_year('year')}|{NO_NUMBER})(?P<month2>)")
# 3 October 1986 / Friday, 3rd of October, 1986 / 3 October (year left out)
DAY_FIRST = regex.compile(
    rf"(?<={EDGE}(?P<before>{WEEKDAY}{NOT_RANGE_END}{_day('day')}{SP}(?:of{SP})?)){_month('month')}"
    rf"(?:,?{SP}{_year('year')}|{NO_NUMBER})(?P<day2>)(?P<month2>)")
# October 11-12, 1986 / September 30-October 2, 1986 / October 11–12 (year left out): a range of days
MONTH_RANGE = regex.compile(
    rf"(?:(?<={EDGE}(?P<before>{WEEKDAY_WRITTEN}))|{EDGE}){_month('month')}{SP}{_day('day')}{DASH}"
    rf"(?:{_month('month2')}{SP})?{_day('day2')}(?:,?{SP}{_year('year')}|{NO_NUMBER})")
# October 3, 1986 / Friday, October 3rd, 1986 / October 3 (year left out)
MONTH_FIRST = regex.compile(
    rf"(?:(?<={EDGE}(?P<before>{WEEKDAY_WRITTEN}))|{EDGE}){_month('month')}"
    rf"{SP}{_day('day')}{NO_RANGE}(?:,?{SP}{_year('year')}|{NO_NUMBER})(?P<day2>)(?P<month2>)")
# October 1986 / Oct. 1986 (no weekday: a month has none)
MONTH_YEAR = regex.compile(rf"{EDGE}(?P<before>){_month('month')},?{SP}{_year('year')}(?P<day>)(?P<day2>)(?P<month2>)")
PATTERNS = (DAY_RANGE, DAY_FIRST, MONTH_RANGE, MONTH_FIRST, MONTH_YEAR)      # at a month's name, in this order
MONTH_WORD = re.compile(_MONTH_ALTS)              # no word edges: a superset of the places to try


class EnglishMatch(NamedTuple):
    """One English date found: where it is (``start()``/``end()``, as a match has) and its parts."""

    begin: int
    finish: int
    month: str
    day: str | None
    year: str | None
    day2: str | None = None          # the last day of a range (3-5 October)
    month2: str | None = None        # its month, when it is another (September 30-October 2)

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish


def matches(text: str, start: int = 0, end: int | None = None):
    """Every English date in ``text[start:end]``, in order, none inside another; the day-first form
    is tried first at each month's name (it starts earlier: 3 October 5, 1986 is October 5, 1986)."""
    end = len(text) if end is None else end
    taken = start                                      # where the last date ended
    for name in MONTH_WORD.finditer(text, start, end):
        at = name.start()
        if at < taken:
            continue
        for pattern in PATTERNS:
            m = pattern.match(text, at, end)
            if m is None:
                continue
            begin = m.start("before") if m["before"] is not None else at
            if begin < taken:           # a weekday in the last date or before the slice: the date starts after it
                begin = m.start("day") if pattern is DAY_FIRST else at
                if begin < taken or pattern is DAY_RANGE:
                    continue
            yield EnglishMatch(begin, m.end(), m["month"], m["day"] or None, m["year"], m["day2"] or None,
                               m["month2"] or None)
            taken = m.end()
            break


def interpret(m: EnglishMatch, ctx: Context) -> Reading | None:
    """The reading of one English date, or None if it is no date (day 0)."""
    month = MONTH_NUMBER[m.month]
    day = int(m.day) if m.day else None
    year = int(m.year) if m.year else None
    if day == 0:
        return None
    if m.day2:
        return _range(month, day, MONTH_NUMBER[m.month2] if m.month2 else month, int(m.day2), year, ctx)
    name = MONTHS[month - 1]
    if year is not None:
        if day is not None and not _valid_day(year, month, day):
            return _fail(f"{name} {day} does not exist in {year}")
        return gregorian(year, month, day)
    if not _valid_day(2000, month, day):         # 2000 is a leap year: February 29 may exist
        return _fail(f"{name} {day} does not exist")
    return place_month_day(month, day, ctx.anchor)


def _range(month: int, day: int, month2: int, day2: int, year: int | None, ctx: Context) -> Reading | None:
    """October 11-12, 1986 -> from/to; the year, if left out, placed by the first day (as October 11 alone)."""
    if day2 == 0:
        return None
    shown = f"{MONTHS[month - 1]} {day}-{MONTHS[month2 - 1] + ' ' if month2 != month else ''}{day2}"
    if not _valid_day(year if year is not None else 2000, month, day):     # 2000: February 29 may exist
        return _fail(f"{shown}{f', {year}' if year else ''}: {MONTHS[month - 1]} {day} does not exist"
                     + (f" in {year}" if year else ""))
    first = gregorian(year, month, day) if year is not None else place_month_day(month, day, ctx.anchor)
    start = first.attrs["when"]
    if len(start) < 10:                          # no year known: a partial range, as --10-11
        if not _valid_day(2000, month2, day2) or (month2, day2) <= (month, day):
            return _fail(f"{shown}: not a range of days")
        return Reading({"from": start, "to": f"--{month2:02d}-{day2:02d}"}, month=month, kind="partial", day=day)
    y = int(start[:4])
    if month2 < month and year is not None:      # December 30-January 2, 1987: which year is written?
        return _fail(f"{shown}, {year}: across the new year, the year written may be the first day's or the "
                     "last day's")
    y2 = y + 1 if month2 < month else y          # December 30-January 2 placed by the document's date
    if not _valid_day(y2, month2, day2) or (y2, month2, day2) <= (y, month, day):
        return _fail(f"{shown}: not a range of days")
    attrs = {"from": start, "to": f"{y2:04d}-{month2:02d}-{day2:02d}"}
    attrs.update({k: v for k, v in first.attrs.items() if k not in ("when", "from", "to")})    # evidence, cert
    return Reading(attrs, year=y, month=month, explicit=year is not None, kind="range", day=day)
