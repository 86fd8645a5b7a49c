"""Dates as English documents write them, read into the same ``Reading`` as the Japanese forms.

``wareki.scan`` finds these beside the Japanese forms, in text order, with
the same context (the division's date, the last full date read):

* ``October 3, 1986``, ``Oct. 3, 1986``, ``Friday, October 3rd, 1986``,
  ``3 October 1986``, ``3rd of October, 1986``, ``OCTOBER 3, 1986``
  (cables write in capitals) → ``@when``;
* ``October 1986``, ``Oct. 1986`` → ``@notBefore``/``@notAfter`` of the month;
* ``October 3``, ``3 October`` (year left out) → placed next to the division's
  date as ``9月30日`` is (``evidence="internal"``, ``cert``);
* ``February 30, 1986`` is a problem: reported, never converted.

Month names are matched as written in English (capitalised or in capitals),
never inside a longer word (``Marching``); ``may`` is not a month, ``May 1986``
is. Years run from 1500 to 2099 (``October 3, 4000 troops`` is no date). A
day range (``October 3-5, 1986``) is not read: its first day alone would give
the wrong end, so nothing is tagged there (an editor can add a
``[[date_reading]]``). Two-digit years (``3 OCT 86``) and numeric US forms
(``10/3/86``: month or day first?) are not read either.
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
NO_RANGE = r"(?![ ]?[-–—][ ]?\d)"                 # October 3-5: a range of days, not read
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
# 3 October 1986 / Friday, 3rd of October, 1986 / 3 October (year left out)
DAY_FIRST = regex.compile(
    rf"(?<={EDGE}(?P<before>{WEEKDAY}{_day('day')}{SP}(?:of{SP})?)){_month('month')}"
    rf"(?:,?{SP}{_year('year')}|{NO_NUMBER})")
# October 3, 1986 / Friday, October 3rd, 1986 / October 3 (year left out)
MONTH_FIRST = regex.compile(
    rf"(?:(?<={EDGE}(?P<before>{WEEKDAY_WRITTEN}))|{EDGE}){_month('month')}"
    rf"{SP}{_day('day')}{NO_RANGE}(?:,?{SP}{_year('year')}|{NO_NUMBER})")
# October 1986 / Oct. 1986 (no weekday: a month has none; empty groups, so that every pattern has the same names)
MONTH_YEAR = regex.compile(rf"{EDGE}(?P<before>){_month('month')},?{SP}{_year('year')}(?P<day>)")
MONTH_WORD = re.compile(_MONTH_ALTS)              # no word edges: a superset of the places to try


class EnglishMatch(NamedTuple):
    """One English date found: where it is (``start()``/``end()``, as a match has) and its parts."""

    begin: int
    finish: int
    month: str
    day: str | None
    year: str | None

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
        for pattern in (DAY_FIRST, MONTH_FIRST, MONTH_YEAR):
            m = pattern.match(text, at, end)
            if m is None:
                continue
            begin = m.start("before") if m["before"] is not None else at
            if begin < taken:           # a weekday in the last date or before the slice: the date starts after it
                begin = m.start("day") if pattern is DAY_FIRST else at
                if begin < taken:
                    continue
            yield EnglishMatch(begin, m.end(), m["month"], m["day"] or None, m["year"])
            taken = m.end()
            break


def interpret(m: EnglishMatch, ctx: Context) -> Reading | None:
    """The reading of one English date, or None if it is no date (day 0)."""
    month = MONTH_NUMBER[m.month]
    day = int(m.day) if m.day else None
    year = int(m.year) if m.year else None
    if day == 0:
        return None
    name = MONTHS[month - 1]
    if year is not None:
        if day is not None and not _valid_day(year, month, day):
            return _fail(f"{name} {day} does not exist in {year}")
        return gregorian(year, month, day)
    if not _valid_day(2000, month, day):         # 2000 is a leap year: February 29 may exist
        return _fail(f"{name} {day} does not exist")
    return place_month_day(month, day, ctx.anchor)
