"""Dates: absolute, weekdays and relative references, resolved against the publication date.

Candidate spans are found by the patterns of this module (never by running dateparser over
whole texts) and resolved by calendar arithmetic on the groups the patterns capture: each
pattern already names the year, month and day, so parsing the phrase again (dateparser was
once run on every calendar date, as a cross-check) changed no result and cost a tenth of the
extraction time. Every date becomes an inclusive interval of ISO dates with a granularity.

Conventions (documented in the README):

- a bare weekday ("on Wednesday", "Tuesday night", "Thursday's") is the nearest such day
  on or before the publication date (news convention), "next Wednesday" the one after;
- a month without a year ("in September", "earlier in July") is the most recent such month
  not after the publication month; "late August" is the 21st to the end of the month;
- "last week" is the previous Monday-to-Sunday week, "this past week" the seven days
  before publication, "in recent weeks" the six weeks before (vague), "a month ago" the
  calendar month one month before, "next quarter" the calendar quarter after;
- "one month later" is relative to another event, not to the publication: unresolved;
- in an undated article relative references stay unresolved (never anchored to today).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import regex

from ..doc import Doc
from ..model import Claim, ClaimKind, Granularity, Qualifier
from ..segment import Sentence
from .nouns import EVENT_NOUNS, singular
from .numbers import NUMBER_PATTERN, parse_number, search_near_cue
from .options import ExtractOptions
from .twins import ascii_twin

# Patterns of this module's one-off searches, compiled once (compiling per call showed in profiles).
_CLAUSE_BOUNDARY = regex.compile(r"[,;:\"“”()]|\.\s")
_BE_BEFORE = regex.compile(r"\bbe\s+$", regex.IGNORECASE)
_STRONG_BREAK = regex.compile(r"[;:]|\s-\s")
_CLAUSE_BREAK = regex.compile(r"[,;:]|\s-\s")

MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name}
MONTH_ABBR = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9,
              "Oct": 10, "Nov": 11, "Dec": 12}
WEEKDAYS = {name: i for i, name in enumerate(calendar.day_name)}

_MONTH = (r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|"
          r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)")
_MONTH2 = _MONTH.replace("?P<month>", "?P<month2>")
# A full date in capitals, as datelines print it ("WEDNESDAY, MARCH 13, 2013", "MAR. 14, 2013"):
# read only with its year, where a capitalised "MAY" or "MARCH" cannot be a verb.
_CAPS_MONTH = (r"(?P<cmonth>JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|"
               r"(?:JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT?|OCT|NOV|DEC)\.?)")
_CAPS_WEEKDAY = r"(?P<cweekday>MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d|2100)"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?P<part>\s+(?:night|morning|afternoon|evening))?"
_NUM = rf"(?P<num>{NUMBER_PATTERN}|an?|a\s+few|several|a\s+couple\s+of)"
_UNIT = r"(?P<unit>day|week|month|year|decade|quarter)s?"

_PATTERNS: list[tuple[str, regex.Pattern[str]]] = [
    ("iso", regex.compile(r"(?<![\d-])(?P<year>1[5-9]\d\d|20\d\d)-(?P<mon>0[1-9]|1[0-2])-(?P<dom>0[1-9]|[12]\d|3[01])(?![\d-])")),
    ("full", regex.compile(
        rf"(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\s+{_DAY},?\s+{_YEAR}|{_DAY}\s+{_MONTH2},?\s+{_YEAR})(?!\d)"
        rf"|(?:{_CAPS_WEEKDAY},?\s+)?{_CAPS_MONTH}\s+(?P<cday>[0-3]?\d),?\s+(?P<cyear>1[5-9]\d\d|20\d\d|2100)(?!\d)")),
    ("monthday", regex.compile(
        rf"(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\s+{_DAY}|{_DAY}\s+(?:of\s+)?{_MONTH2})(?![\d,]*\s*\d)(?![\p{{L}}\d])")),
    ("monthyear", regex.compile(
        rf"(?P<mod>(?:early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of)[\s-]+)?{_MONTH}(?:\s+of)?,?\s+{_YEAR}(?!\d)",
        regex.IGNORECASE)),
    ("weekday", regex.compile(
        rf"(?P<rel>(?:last|next|this|this\s+past|on|by|until|since|from|early|late)\s+)?{_WEEKDAY}{_PART}(?P<poss>'s)?(?![\p{{L}}])")),
    ("month", regex.compile(
        rf"(?P<lead>(?P<earlier>(?i:earlier|later))\s+in\s+|(?i:in|since|until|by|from|through|during|last|next|this|of|"
        rf"early|mid|late|before|after)[\s-]+(?:early\s+|mid-?|late\s+)?)(?P<mod>(?:early|mid|late)[\s-]+)?{_MONTH}(?![\p{{L}}\d])"
        rf"|(?P<poss_month>{_MONTH2})\s+(?=(?:meeting|summit|visit|talks|trip|election|attack|strike|elections|visits|"
        rf"raid|shooting|killing|bombing|fire|blaze|crash|riots?|protests?|arrests?|storm|flood|earthquake)\b)")),
    ("quarter", regex.compile(
        r"(?P<q>\b(?:(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter|Q[1-4]))(?:\s+(?:of\s+)?(?P<year>1[5-9]\d\d|20\d\d))?",
        regex.IGNORECASE)),
    # A decade: "in the 1930s", "the mid 1930's", "the late 1990s".
    ("decade", regex.compile(
        r"(?P<prep>\b(?:in|since|by|until|from|of|during|before|after|through|around|to)\s+)?(?:the\s+)?"
        r"(?P<part>(?:early|mid|late)[\s-]*)?(?P<dec>1[5-9]\d0|20\d0)\s?['’]?\s?s\b",
        regex.IGNORECASE)),
    ("year", regex.compile(
        rf"(?P<prep>\b(?:in|since|by|until|from|of|during|before|after|through|around|early|late|mid|"
        rf"dat(?:es|ed|ing)\s+(?:back\s+)?to)[\s-]+)"
        rf"(?:the\s+(?:year|summer|spring|autumn|fall|winter)\s+(?:of\s+)?)?{_YEAR}(?![\d,.]\d)(?!\s*(?:%|percent|people|troops))",
        regex.IGNORECASE)),
    ("deictic", regex.compile(
        r"\b(?P<word>yesterday|today|tonight|tomorrow|this\s+(?:morning|afternoon|evening)|last\s+night)\b",
        regex.IGNORECASE)),
    ("period", regex.compile(
        r"\b(?P<rel>last|past|previous|next|this|coming|this\s+past|earlier\s+this|later\s+this)\s+"
        r"(?:(?:fiscal|financial|calendar|school|academic)\s+)?"
        r"(?P<unit>week|weekend|month|year|quarter|decade)(?P<poss>'s)?\b", regex.IGNORECASE)),
    # The second year of a span: "2009-2010", "1957-58" (the first is read by "year" or "bareyear").
    ("year2", regex.compile(r"(?<=(?P<century>1[5-9]|20)\d\d[-–])(?P<year2>(?:1[5-9]|20)?\d\d)(?![\d-])")),
    # A year used as a modifier: "a 2010 commando raid", "his 2007 presidential campaign".
    ("bareyear", regex.compile(
        r"(?P<det>\b(?:a|an|the|his|her|its|their|our|this|that|whose)\s+)(?P<year>1[5-9]\d\d|20\d\d)"
        r"(?=(?P<next>\s+\p{Ll}[\p{L}-]*|'s|[-–](?:1[5-9]|20)?\d\d\b))", regex.IGNORECASE)),
    ("ago", regex.compile(
        rf"\b(?P<just>(?:just|only|about|some|nearly|almost|more\s+than)\s+)?{_NUM}\s+{_UNIT}\s+(?P<dir>ago|earlier|later|"
        rf"before|after|from\s+now|since)\b", regex.IGNORECASE)),
    ("recent", regex.compile(r"\b(?:in\s+)?(?P<rel>recent|the\s+past\s+few|the\s+last\s+few|coming|the\s+coming)\s+"
                             r"(?P<unit>days|weeks|months|years)\b", regex.IGNORECASE)),
    # A time of day: "at 3:33 a.m.", "shortly after 3:30 a. m.", "around 5:30 p.m." (the day is
    # not told by it: no interval, the time in the "time" attribute).
    ("clock", regex.compile(
        r"(?P<mod>\b(?:shortly\s+after|just\s+before|just\s+after|about|around|approximately|roughly)\s+)?"
        r"(?<![\d:.,$])(?P<h>1[0-2]|0?[1-9])(?:(?::(?P<min>[0-5]\d))?\s?(?P<ampm>[ap])\.?\s?m\b\.?"
        r"|:(?P<min2>[0-5]\d)(?=\s+(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+)?"
        r"(?P<part>morning|afternoon|evening|night)\b))",
        regex.IGNORECASE)),
]


# The patterns run on ASCII sentences: the ``re`` twins of those it scans faster.
_TWINNED = frozenset({"full", "monthday", "monthyear", "weekday", "month", "quarter", "decade", "year", "year2", "bareyear",
                      "period", "clock"})
_ASCII_PATTERNS: Sequence[tuple[str, regex.Pattern[str] | re.Pattern[str]]] = [
    (kind, ascii_twin(pattern) if kind in _TWINNED else pattern) for kind, pattern in _PATTERNS]
_RENAMED = frozenset({"full", "monthday"})  # their twins name a group again (day__2, year__2)

def _month_number(name: str) -> int:
    clean = name.rstrip(".").capitalize()
    return MONTHS.get(clean) or MONTH_ABBR.get(clean[:4]) or MONTH_ABBR.get(clean[:3]) or 0


def _month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _week_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    start = day - dt.timedelta(days=day.weekday())
    return start, start + dt.timedelta(days=6)


def _quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    first = 3 * (quarter - 1) + 1
    return dt.date(year, first, 1), _month_bounds(year, first + 2)[1]


def _sub_month(lo: dt.date, hi: dt.date, mod: str | None) -> tuple[dt.date, dt.date]:
    m = (mod or "").lower().strip(" -")
    if m.startswith("early") or "beginning" in m or "start" in m:
        return lo, lo.replace(day=10)
    if m.startswith("mid"):
        return lo.replace(day=11), lo.replace(day=20)
    if m.startswith("late") or "end" in m:
        return lo.replace(day=21), hi
    return lo, hi


class _Resolved:
    __slots__ = ("attrs", "end", "granularity", "high", "low", "qualifier", "relative", "start")

    def __init__(self, start: int, end: int, low: dt.date | None, high: dt.date | None,
                 granularity: Granularity | None, relative: bool, qualifier: Qualifier = Qualifier.EXACT,
                 attrs: tuple[tuple[str, str], ...] = ()) -> None:
        self.start, self.end = start, end
        self.low, self.high = low, high
        self.granularity = granularity
        self.relative = relative
        self.qualifier = qualifier
        self.attrs = attrs


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None  # "February 30", year 99999: not a date


def _nearest_month(anchor: dt.date, month: int, direction: str = "past") -> int:
    """The year of the most recent ``month`` not after the anchor's month (or the next one)."""
    if direction == "next":
        return anchor.year if month > anchor.month else anchor.year + 1
    if direction == "future":
        return anchor.year if month >= anchor.month else anchor.year + 1
    if direction == "last":
        return anchor.year if month < anchor.month else anchor.year - 1
    return anchor.year if month <= anchor.month else anchor.year - 1


def _weekday_date(anchor: dt.date, weekday: int, rel: str) -> dt.date:
    back = (anchor.weekday() - weekday) % 7
    if rel == "next":
        ahead = (weekday - anchor.weekday()) % 7 or 7
        return anchor + dt.timedelta(days=ahead)
    if rel in ("last", "this past") and back == 0:
        back = 7
    return anchor - dt.timedelta(days=back)


_FUTURE_CUE = regex.compile(
    r"\b(?:will|would|shall|'ll|is\s+to|are\s+to|to\s+be|plans?\s+to|expected|scheduled|due|set\s+to|aims?\s+to|"
    r"going\s+to|intends?\s+to|upcoming|coming)\b|\b(?-i:to\s+\p{Ll}+\s+(?:through|until|by|in|on|before))\s+$",
    regex.IGNORECASE)
_PAST_VERB = regex.compile(r"\b(?:said|told|announced|reported|added|\p{Ll}+ed)\s+(?:on\s+|in\s+|earlier\s+in\s+)?$",
                           regex.IGNORECASE)


# The same on ASCII text, for re (faster there); the \p{Ll} of _FUTURE_CUE is read with its case.
_ASCII_CLAUSE_BOUNDARY = ascii_twin(_CLAUSE_BOUNDARY)
_ASCII_PAST_VERB = ascii_twin(_PAST_VERB)
_ASCII_BE_BEFORE = ascii_twin(_BE_BEFORE)
_ASCII_FUTURE_CUE = ascii_twin(regex.compile(
    _FUTURE_CUE.pattern.replace(r"(?-i:to\s+\p{Ll}+", r"(?-i:to\s+[a-z]+"), _FUTURE_CUE.flags))


def _future(text: str, start: int) -> bool:
    """Whether the clause before a date speaks of the future ("will meet on Friday", "is due to be
    published in May"); a past verb right before the date wins ("there will be more, he said Friday")."""
    boundary: regex.Pattern[str] | re.Pattern[str] = _CLAUSE_BOUNDARY
    past_verb: regex.Pattern[str] | re.Pattern[str] = _PAST_VERB
    be_before: regex.Pattern[str] | re.Pattern[str] = _BE_BEFORE
    future_cue: regex.Pattern[str] | re.Pattern[str] = _FUTURE_CUE
    if text.isascii():
        boundary, past_verb, be_before, future_cue = (
            _ASCII_CLAUSE_BOUNDARY, _ASCII_PAST_VERB, _ASCII_BE_BEFORE, _ASCII_FUTURE_CUE)
    clause = boundary.split(text[max(0, start - 80):start])[-1]
    past = past_verb.search(clause)
    if past and not be_before.search(clause[:past.start()]):
        return False
    return bool(future_cue.search(clause))


def _count(text: str) -> tuple[float, bool] | None:
    t = " ".join(text.lower().split())
    if t in ("a", "an"):
        return 1.0, False
    if t in ("a few", "several", "a couple of"):
        return {"a few": 3.0, "several": 4.0, "a couple of": 2.0}[t], True
    value = parse_number(t)
    if value is None or value.exact is None or value.exact > 10000:
        return None
    return value.exact, False


def _resolve(kind: str, m: regex.Match[str] | re.Match[str], anchor: dt.date | None, text: str) -> _Resolved | None:
    g = m.groupdict()
    if kind in _RENAMED and isinstance(m, re.Match):
        g = {name: value for name, value in g.items() if not name.endswith("__2")} | {
            name[:-3]: value for name, value in g.items() if name.endswith("__2") and value is not None}
    start, end = m.start(), m.end()
    attrs: tuple[tuple[str, str], ...] = ()
    if kind == "iso":
        day = _safe_date(int(g["year"]), int(g["mon"]), int(g["dom"]))
        return _Resolved(start, end, day, day, Granularity.DAY, False) if day else None
    if kind == "full":
        if g.get("cmonth"):  # a dateline in capitals
            g = {**g, "month": g["cmonth"], "day": g["cday"], "year": g["cyear"], "weekday": g.get("cweekday")}
        month = _month_number(g.get("month") or g.get("month2") or "")
        day = _safe_date(int(g["year"]), month, int(g["day"])) if month else None
        if day is None:
            return None
        attrs = (("weekday", g["weekday"].lower()),) if g.get("weekday") else ()
        return _Resolved(start, end, day, day, Granularity.DAY, False, attrs=attrs)
    if kind == "monthday":
        month = _month_number(g.get("month") or g.get("month2") or "")
        dom = int(g["day"])
        if not month or not 1 <= dom <= 31:
            return None
        attrs = (("weekday", g["weekday"].lower()),) if g.get("weekday") else ()
        if anchor is None:
            return _Resolved(start, end, None, None, Granularity.DAY, True, attrs=attrs)
        candidates = [d for d in (_safe_date(anchor.year + k, month, dom) for k in (-1, 0, 1)) if d]
        if not candidates:
            return None
        # Prefer dates up to a month after publication, then the nearest past one.
        future_ok = [d for d in candidates if dt.timedelta(0) <= d - anchor <= dt.timedelta(days=31)]
        past = [d for d in candidates if d <= anchor]
        day = future_ok[0] if future_ok else (max(past) if past else min(candidates))
        return _Resolved(start, end, day, day, Granularity.DAY, True, attrs=attrs)
    if kind == "monthyear":
        month = _month_number(g["month"])
        if not month:
            return None
        lo, hi = _month_bounds(int(g["year"]), month)
        lo, hi = _sub_month(lo, hi, g.get("mod"))
        return _Resolved(start, end, lo, hi, Granularity.MONTH, False)
    if kind == "weekday":
        weekday = WEEKDAYS[g["weekday"]]
        rel = " ".join((g.get("rel") or "").lower().split())
        s_start = m.start("weekday") if rel in ("on", "by", "until", "since", "from", "early", "late") else start
        s_end = m.end("part") if g.get("part") else m.end("weekday")
        attrs = (("weekday", g["weekday"].lower()),)
        if rel in ("since", "until", "by", "from"):
            attrs += (("preposition", rel),)
        if anchor is None:
            return _Resolved(s_start, s_end, None, None, Granularity.DAY, True, attrs=attrs)
        future = rel == "next" or (rel in ("", "on", "by", "until", "from") and _future(text, m.start("weekday")))
        day = _weekday_date(anchor, weekday, "next" if future else rel)
        return _Resolved(s_start, s_end, day, day, Granularity.DAY, True, attrs=attrs)
    if kind == "month":
        name = g.get("month") or g.get("month2") or ""
        month = _month_number(name)
        if not month:
            return None
        lead = " ".join((g.get("lead") or "").lower().split())
        before = text[max(0, start - 5):start].lower()
        if name == "May" and not lead:
            return None
        if "the " in before[-4:] and name in ("March", "May"):
            return None
        direction = "next" if lead.startswith("next") else "last" if lead.startswith("last") else "past"
        month_start = m.start("month") if g.get("month") else m.start("month2")
        if direction == "past" and not g.get("earlier") and _future(text, month_start):
            direction = "future"
        attrs = ()
        if g.get("earlier"):
            attrs = (("modifier", g["earlier"].lower()),)
        prep = lead.split()[0] if lead else ""
        if prep in ("since", "until", "by", "from", "before", "after"):
            attrs += (("preposition", prep),)
        mod = g.get("mod") or next((w for w in ("early", "mid", "late") if w in lead.split()[-1:] or
                                    lead.endswith(w) or lead.endswith(w + "-")), None)
        if g.get("earlier"):
            q_start = start
        elif g.get("month2"):
            q_start = m.start("month2")
        else:
            q_start = m.start("mod") if g.get("mod") else m.start("month")
            if mod and not g.get("mod"):
                # "since late August": the quote starts at the modifier inside the lead.
                found = regex.search(rf"\b{mod}", m.group("lead"))
                if found:
                    q_start = m.start("lead") + found.start()
        q_end = m.end("month") if g.get("month") else m.end("month2")
        if anchor is None:
            return _Resolved(q_start, q_end, None, None, Granularity.MONTH, True, attrs=attrs)
        year = _nearest_month(anchor, month, direction)
        lo, hi = _month_bounds(year, month)
        lo, hi = _sub_month(lo, hi, mod)
        return _Resolved(q_start, q_end, lo, hi, Granularity.MONTH, True, attrs=attrs)
    if kind == "year":
        year = int(g["year"])
        prep = g["prep"].strip().lower()
        attrs = (("preposition", prep),)
        q_start = m.start("year") if prep in ("in", "since", "by", "until", "from", "of", "during", "before",
                                             "after", "through", "around") or prep.startswith("dat") else start
        lo, hi = dt.date(year, 1, 1), dt.date(year, 12, 31)
        return _Resolved(q_start, end, lo, hi, Granularity.YEAR, False, attrs=attrs)
    if kind == "decade":
        first = int(g["dec"])
        part = (g.get("part") or "").strip(" -").lower()
        low, high = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}.get(part, (0, 9))
        q_start = m.start("part") if g.get("part") else m.start("dec")
        return _Resolved(q_start, end, dt.date(first + low, 1, 1), dt.date(first + high, 12, 31), Granularity.YEAR,
                         False, attrs=(("decade", "yes"),))
    if kind == "clock":
        part = (g.get("part") or "").lower()
        evening = part in ("afternoon", "evening") or (part == "night" and int(g["h"]) >= 6)
        afternoon = g["ampm"].lower() == "p" if g.get("ampm") else evening
        hour = int(g["h"]) % 12 + (12 if afternoon else 0)
        attrs = (("time", f"{hour:02d}:{int(g.get('min') or g.get('min2') or 0):02d}"),)
        mod = " ".join((g.get("mod") or "").lower().split())
        if mod:
            attrs += (("around", mod),)
        return _Resolved(m.start("h"), end, None, None, None, False, attrs=attrs)
    if kind == "year2":
        digits = g["year2"]
        year = int(digits) if len(digits) == 4 else int(g["century"] + digits)
        first = int(text[start - 5:start - 1])
        if not first < year <= first + 20:
            return None
        return _Resolved(start, end, dt.date(year, 1, 1), dt.date(year, 12, 31), Granularity.YEAR, False)
    if kind == "bareyear":
        det = g["det"].strip().lower()
        following = (g.get("next") or "").strip()
        if det not in ("a", "an", "his", "her", "whose") and (
                following.lower() in ("people", "men", "women", "children", "others")
                or (following.endswith("s") and not following.endswith(("ss", "us", "is", "'s")))):
            return None  # "the 2000 people": a count
        year = int(g["year"])
        return _Resolved(m.start("year"), m.end("year"), dt.date(year, 1, 1), dt.date(year, 12, 31),
                         Granularity.YEAR, False)
    if kind == "quarter":
        q = g["q"].lower()
        quarter = int(q[1]) if q.startswith("q") else {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1,
                                                      "2nd": 2, "3rd": 3, "4th": 4}[q.split()[0]]
        if g.get("year"):
            lo, hi = _quarter_bounds(int(g["year"]), quarter)
            return _Resolved(start, end, lo, hi, Granularity.QUARTER, False)
        if anchor is None:
            return _Resolved(start, end, None, None, Granularity.QUARTER, True)
        year = anchor.year if quarter <= (anchor.month - 1) // 3 + 1 else anchor.year - 1
        lo, hi = _quarter_bounds(year, quarter)
        return _Resolved(start, end, lo, hi, Granularity.QUARTER, True)
    if kind == "deictic":
        word = " ".join(g["word"].lower().split())
        if anchor is None:
            return _Resolved(start, end, None, None, Granularity.DAY, True)
        offset = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "last night": -1}.get(word, 0)
        day = anchor + dt.timedelta(days=offset)
        return _Resolved(start, end, day, day, Granularity.DAY, True)
    if kind == "period":
        rel = " ".join(g["rel"].lower().split())
        unit = g["unit"].lower()
        gran = {"week": Granularity.WEEK, "weekend": Granularity.DAY, "month": Granularity.MONTH,
                "year": Granularity.YEAR, "quarter": Granularity.QUARTER, "decade": Granularity.YEAR}[unit]
        q_end = m.end("unit")
        if anchor is None:
            return _Resolved(start, q_end, None, None, gran, True)
        lo, hi = _period(anchor, rel, unit)
        qualifier = Qualifier.EXACT
        return _Resolved(start, q_end, lo, hi, gran, True, qualifier, (("relation", rel),))
    if kind == "ago":
        counted = _count(g["num"])
        if counted is None:
            return None
        n, vague = counted
        unit = g["unit"].lower()
        direction = " ".join(g["dir"].lower().split())
        q_start = m.start("just") if g.get("just") else m.start("num")
        gran = {"day": Granularity.DAY, "week": Granularity.WEEK, "month": Granularity.MONTH,
                "year": Granularity.YEAR, "decade": Granularity.YEAR, "quarter": Granularity.QUARTER}[unit]
        if direction in ("later", "earlier", "before", "after", "since"):
            # Relative to another event, not to the publication date.
            return _Resolved(q_start, end, None, None, gran, True,
                             attrs=(("relative_to", "event"), ("offset", f"{n:g} {unit}"), ("direction", direction)))
        if anchor is None:
            return _Resolved(q_start, end, None, None, gran, True)
        sign = 1 if direction == "from now" else -1
        lo, hi = _ago(anchor, n, unit, sign, vague)
        return _Resolved(q_start, end, lo, hi, gran, True, Qualifier.VAGUE if vague else Qualifier.EXACT)
    if kind == "recent":
        unit = g["unit"].lower().rstrip("s")
        rel = g["rel"].lower()
        gran = {"day": Granularity.DAY, "week": Granularity.WEEK, "month": Granularity.MONTH,
                "year": Granularity.YEAR}[unit]
        q_start = m.start("rel")
        if anchor is None:
            return _Resolved(q_start, end, None, None, gran, True, Qualifier.VAGUE)
        span = {"day": 7, "week": 42, "month": 180, "year": 1095}[unit]
        if "coming" in rel:
            return _Resolved(q_start, end, anchor, anchor + dt.timedelta(days=span), gran, True, Qualifier.VAGUE)
        return _Resolved(q_start, end, anchor - dt.timedelta(days=span), anchor, gran, True, Qualifier.VAGUE)
    return None


def _period(anchor: dt.date, rel: str, unit: str) -> tuple[dt.date, dt.date]:
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
    if rel == "this past" or (rel == "past" and unit == "week"):
        days = {"week": 7, "weekend": 3, "month": 30, "year": 365, "quarter": 91, "decade": 3652}[unit]
        return anchor - dt.timedelta(days=days), anchor - dt.timedelta(days=1)
    if unit == "week":
        lo, hi = _week_bounds(anchor + dt.timedelta(days=7 * step))
    elif unit == "weekend":
        sat = anchor - dt.timedelta(days=(anchor.weekday() - 5) % 7)
        if step > 0 or (rel in ("this", "coming") and anchor.weekday() < 5):
            sat = anchor + dt.timedelta(days=(5 - anchor.weekday()) % 7 or 7)
        lo, hi = sat, sat + dt.timedelta(days=1)
    elif unit == "month":
        y, mth = _shift_month(anchor.year, anchor.month, step)
        lo, hi = _month_bounds(y, mth)
    elif unit == "quarter":
        q = (anchor.month - 1) // 3 + 1 + step
        y = anchor.year + (q - 1) // 4
        lo, hi = _quarter_bounds(y, (q - 1) % 4 + 1)
    elif unit == "decade":
        d = anchor.year // 10 * 10 + 10 * step
        lo, hi = dt.date(d, 1, 1), dt.date(d + 9, 12, 31)
    else:
        lo, hi = dt.date(anchor.year + step, 1, 1), dt.date(anchor.year + step, 12, 31)
    if rel.startswith("earlier"):
        hi = min(hi, anchor)
    elif rel.startswith("later"):
        lo = max(lo, anchor)
    return lo, hi


def _ago(anchor: dt.date, n: float, unit: str, sign: int, vague: bool) -> tuple[dt.date, dt.date]:
    if vague:
        per = {"day": 1, "week": 7, "month": 30, "year": 365, "decade": 3652, "quarter": 91}[unit]
        far = anchor + dt.timedelta(days=sign * per * (n + 3))
        near = anchor + dt.timedelta(days=sign * per * max(n - 1, 1))
        return (far, near) if sign < 0 else (near, far)
    k = int(n)
    if unit == "day":
        day = anchor + dt.timedelta(days=sign * k)
        return day, day
    if unit == "week":
        return _week_bounds(anchor + dt.timedelta(days=sign * 7 * k))
    if unit == "month":
        y, mth = _shift_month(anchor.year, anchor.month, sign * k)
        return _month_bounds(y, mth)
    if unit == "quarter":
        y, mth = _shift_month(anchor.year, anchor.month, sign * 3 * k)
        return _quarter_bounds(y, (mth - 1) // 3 + 1)
    years = k * (10 if unit == "decade" else 1)
    y = anchor.year + sign * years
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


_WORD = regex.compile(r"\p{L}+")
# The same on ASCII text, for re (faster there).
_ASCII_WORD = re.compile(r"[A-Za-z]+")
_ASCII_STRONG_BREAK = ascii_twin(_STRONG_BREAK)
_ASCII_CLAUSE_BREAK = ascii_twin(_CLAUSE_BREAK)

# Each word read by _subject: the event noun it is (its singular), or None (capitalised, or no
# event noun). A news corpus uses a few tens of thousands of words; the table is emptied past
# _EVENT_OF_CAP of them.
_EVENT_OF: dict[str, str | None] = {}
_EVENT_OF_CAP = 200_000


def _event_noun(word: str) -> str | None:
    """``singular(word)`` when ``word`` begins in lower case and that is an event noun, else ``None``."""
    try:
        return _EVENT_OF[word]
    except KeyError:
        pass
    noun = singular(word) if word[0].islower() else None
    if noun not in EVENT_NOUNS:
        noun = None
    if len(_EVENT_OF) >= _EVENT_OF_CAP:
        _EVENT_OF.clear()
    _EVENT_OF[word] = noun
    return noun


def _subject(sentence: str, start: int, end: int) -> str | None:
    """The event a date anchors: the nearest event noun in its clause, before it preferably."""
    if sentence.isascii():
        strong, clause, words = _ASCII_STRONG_BREAK.split, _ASCII_CLAUSE_BREAK.split, _ASCII_WORD.findall
    else:
        strong, clause, words = _STRONG_BREAK.split, _CLAUSE_BREAK.split, _WORD.findall
    before = strong(sentence[:start])[-1][-90:]
    for word in reversed(words(before)):
        noun = _event_noun(word)
        if noun is not None:
            return noun
    after = clause(sentence[end:])[0][:50]
    for word in words(after):
        noun = _event_noun(word)
        if noun is not None:
            return noun
    return None


def find_dates(doc: Doc, options: ExtractOptions) -> list[Claim]:
    claims: list[Claim] = []
    anchor = doc.published
    for sentence in doc.content_sentences():
        claims.extend(_sentence_dates(doc, sentence, anchor))
    return claims


_MONTH_ABBREVIATIONS = "jan feb mar apr may jun jul aug sep oct nov dec"
_DIGITS = "0123456789"
# A sentence without a digit or one of these words cannot hold a date ("day" covers weekdays,
# "today", "days ago"; "jan" covers "January"). On an ASCII sentence substring tests find
# them; otherwise the pattern built of the same words does.
_CUE_WORDS = ("day", "ago", "week", "month", "year", "quarter", "tonight", "tomorrow", "morning", "afternoon",
              "evening", "night",
              *_MONTH_ABBREVIATIONS.split())
_DATE_CUE = regex.compile(r"\d|" + "|".join(_CUE_WORDS), regex.IGNORECASE)


def _date_cue(text: str, lower: str | None) -> bool:
    """Can the sentence hold a date at all? ``lower`` is the sentence lower-cased when it is
    ASCII (substring tests), else ``None`` (:data:`_DATE_CUE` decides, with the same words)."""
    if lower is None:
        return _DATE_CUE.search(text) is not None
    return any(d in text for d in _DIGITS) or any(word in lower for word in _CUE_WORDS)


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one object per gate
class _Gate:
    """A cheap test a sentence must pass before a date pattern is run on it: ``pattern`` finds
    something in it. On an ASCII sentence the test is a substring search for any of ``words``
    instead (in the lower-cased sentence when ``fold``), which finds at least whatever the
    pattern would and costs a fraction of a regular-expression scan."""

    pattern: regex.Pattern[str]
    words: tuple[str, ...] = ()
    fold: bool = False
    # On printable ASCII text, byte strings one of which every match holds once digits are
    # written "0" and capitals in lower case (see _DIGIT_CLASSES): without one, no scan.
    digit_cues: tuple[bytes, ...] = ()

    def passes(self, text: str, lower: str | None) -> bool:
        if self.words and lower is not None:
            haystack = lower if self.fold else text
            return any(word in haystack for word in self.words)
        if self.digit_cues and lower is not None and text.isprintable():
            shapes = text.encode("ascii").translate(_DIGIT_CLASSES)
            if not any(cue in shapes for cue in self.digit_cues):
                return False
        return self.pattern.search(text) is not None


# ASCII bytes: digits -> "0", capitals -> lower case, the rest as it is.
_DIGIT_CLASSES = bytes(48 if 48 <= b <= 57 else b + 32 if 65 <= b <= 90 else b for b in range(256))


def _word_gate(words: str, fold: bool = True) -> _Gate:
    listed = tuple(words.split())
    flags = regex.IGNORECASE if fold else 0
    return _Gate(regex.compile("|".join(regex.escape(w) for w in listed), flags), listed, fold)


# Most sentences have no month name, no weekday, no four-digit year: a pattern runs only if all
# its gates pass. The month names of "full", "monthday" and "month" are matched with their
# capital (only "monthyear" ignores case), so their gate is the capitalised abbreviation, which
# every form of the name begins with: "market" or "may" do not send a sentence through them.
_MONTH_GATE = _word_gate(_MONTH_ABBREVIATIONS)
_CAPITAL_MONTH_GATE = _word_gate(_MONTH_ABBREVIATIONS.title(), fold=False)
_FULL_MONTH_GATE = _word_gate(f"{_MONTH_ABBREVIATIONS.title()} {_MONTH_ABBREVIATIONS.upper()}", fold=False)
_YEAR_GATE = _Gate(regex.compile(r"1[5-9]\d\d|20\d\d|2100"), digit_cues=(b"0000",))
# Tighter gates, tried after the cheap ones: every match of "month" and "monthday" holds a month
# name or abbreviation (capitalised) that no letter follows ("March", "Sept.", not "Market");
# "weekday" a weekday's full name; "ago" a unit, spaces and the direction word ("two days ago");
# "decade" the decade's digits and its "s" ("1990s", "1930 's").
_MONTH_TOKEN_GATE = _Gate(regex.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?![A-Za-z])"))
_WEEKDAY_GATE = _word_gate("Monday Tuesday Wednesday Thursday Friday Saturday Sunday", fold=False)
_AGO_GATE = _Gate(regex.compile(
    r"(?:day|week|month|year|decade|quarter)s?\s+(?:ago|earlier|later|before|after|from|since)", regex.IGNORECASE))
_DECADE_GATE = _Gate(regex.compile(r"(?:1[5-9]\d0|20\d0)\s?['’]?\s?s", regex.IGNORECASE))
_GATES: dict[str, tuple[_Gate, ...]] = {
    "iso": (_Gate(regex.compile(r"\d-\d"), digit_cues=(b"0-0",)),),
    "full": (_FULL_MONTH_GATE, _YEAR_GATE),
    "monthday": (_CAPITAL_MONTH_GATE, _MONTH_TOKEN_GATE),
    "monthyear": (_YEAR_GATE, _MONTH_GATE),
    "month": (_CAPITAL_MONTH_GATE, _MONTH_TOKEN_GATE),
    "weekday": (_word_gate("day", fold=False), _WEEKDAY_GATE),
    "quarter": (_word_gate("quarter q1 q2 q3 q4"),),
    "decade": (_YEAR_GATE, _DECADE_GATE),
    "year": (_YEAR_GATE,),
    "year2": (_YEAR_GATE,),
    "clock": (_Gate(regex.compile(r"\d\s?[ap]\.?\s?m\b|\d:\d\d\s+\p{L}+", regex.IGNORECASE),
                    digit_cues=(b"0a", b"0p", b"0 a", b"0 p", b"0:00")),),
    "bareyear": (_YEAR_GATE,),
    "deictic": (_word_gate("yesterday today tonight tomorrow morning afternoon evening night"),),
    "period": (_word_gate("week month year quarter decade"),),
    "ago": (_word_gate("ago earlier later before after from since"), _AGO_GATE),  # "from now": "from"
    "recent": (_word_gate("recent few coming"),),
}


# "month" and "monthday" matches hold a month token (what _MONTH_TOKEN_GATE finds) at most this
# many characters after their start when spaces and hyphens come one at a time: "through early
# late " (20) before the month, "Wednesday, 31st of " (19).
_MONTH_LEAD = 24
# "full" matches hold a month token or one in capitals ("MARCH", "SEPT.") at most 16 characters
# after their start ("Wednesday, 31st " before the month), "monthyear" matches a month token of
# any case at most 17 ("the beginning of "), "weekday" matches their weekday at most 10 ("this
# past "), when spaces and hyphens come one at a time.
_WEEKDAY_LEAD = 10

# Cue patterns on ASCII text (where ``re`` and ``regex`` read these literals alike): month tokens
# as _MONTH_TOKEN_GATE finds them, month tokens in capitals, month tokens of any case in the
# lower-cased text, weekday names.
_ASCII_MONTH_TOKEN = re.compile(_MONTH_TOKEN_GATE.pattern.pattern)
_ASCII_CAPS_MONTH_TOKEN = re.compile(
    r"(?:JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|"
    r"JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT?|OCT|NOV|DEC)(?![A-Za-z])")
_ASCII_ANY_MONTH_TOKEN = re.compile(_MONTH_TOKEN_GATE.pattern.pattern.lower().replace("a-za-z", "a-z"))
_ASCII_WEEKDAY = re.compile("|".join(_WEEKDAY_GATE.words))
_ASCII_FULL_MONTH = re.compile("|".join(_FULL_MONTH_GATE.words))
_ASCII_YEAR = ascii_twin(_YEAR_GATE.pattern)

# The kinds searched near cues on printable single-spaced ASCII (see _single_separators): the
# cue positions' name (see _cue_positions) and how far before a cue a match can start.
_NEAR_CUES: dict[str, tuple[str, int]] = {
    "full": ("full", _MONTH_LEAD), "monthday": ("month", _MONTH_LEAD), "month": ("month", _MONTH_LEAD),
    "monthyear": ("anymonth", _MONTH_LEAD), "weekday": ("weekday", _WEEKDAY_LEAD),
}


def _cue_positions(cue: str, text: str) -> list[int]:
    """Where the cues named ``cue`` (see :data:`_NEAR_CUES`) start in an ASCII ``text``, ascending."""
    if cue == "month":
        return [m.start() for m in _ASCII_MONTH_TOKEN.finditer(text)]
    if cue == "weekday":
        return [m.start() for m in _ASCII_WEEKDAY.finditer(text)]
    if cue == "anymonth":
        return [m.start() for m in _ASCII_ANY_MONTH_TOKEN.finditer(text.lower())]
    return sorted([m.start() for m in _ASCII_MONTH_TOKEN.finditer(text)]
                  + [m.start() for m in _ASCII_CAPS_MONTH_TOKEN.finditer(text)])


_NO_KINDS: frozenset[str] = frozenset()
_YEAR_KINDS = ("year", "year2", "bareyear")
_WORD_KINDS = tuple((kind, _GATES[kind][0].words) for kind in ("deictic", "period", "recent"))
_ISO_GATE, _CLOCK_GATE = _GATES["iso"][0], _GATES["clock"][0]
# Faster as one re search than as substring tests: the quarter words and the clock's digit cues
# (their first characters are rare), and the "ago" gate in the lower-cased text (a match of it
# holds one of the direction words of the "ago" word gate, which need no test of their own).
_ASCII_QUARTER = re.compile("|".join(_GATES["quarter"][0].words))
_CLOCK_SHAPES = re.compile(b"|".join(re.escape(cue) for cue in _CLOCK_GATE.digit_cues))
_ASCII_AGO = re.compile(_AGO_GATE.pattern.pattern, re.ASCII)


def _gated_kinds(text: str, lower: str | None) -> set[str]:
    """The kinds of :data:`_PATTERNS` all of whose :data:`_GATES` pass on ``text`` (``lower``
    as :meth:`_Gate.passes` takes it), each gate tested once."""
    results: dict[_Gate, bool] = {}
    kinds: set[str] = set()
    for kind, _ in _PATTERNS:
        for gate in _GATES[kind]:
            if gate not in results:
                results[gate] = gate.passes(text, lower)
            if not results[gate]:
                break
        else:
            kinds.add(kind)
    return kinds


def _ascii_kinds(text: str) -> set[str] | frozenset[str]:
    """For an ASCII sentence, what ``_date_cue`` then :func:`_gated_kinds` answer (no kind where
    the cue fails), with each test done once and by its cheapest form: one byte translation for
    the digit cues, ``re`` for the capitalised words, substring tests on the lower-cased text."""
    lower = text.lower()
    shapes = text.encode("ascii").translate(_DIGIT_CLASSES)
    digit = b"0" in shapes
    if not digit and not any(word in lower for word in _CUE_WORDS):
        return _NO_KINDS
    kinds: set[str] = set()
    if digit:  # the iso, clock and year gates all need one
        printable = text.isprintable()
        if (not printable or b"0-0" in shapes) and _ISO_GATE.pattern.search(text):
            kinds.add("iso")
        if (not printable or _CLOCK_SHAPES.search(shapes)) and _CLOCK_GATE.pattern.search(text):
            kinds.add("clock")
        if (not printable or b"0000" in shapes) and _ASCII_YEAR.search(text):
            kinds.update(_YEAR_KINDS)
            if _ASCII_FULL_MONTH.search(text):
                kinds.add("full")
            if any(word in lower for word in _MONTH_GATE.words):
                kinds.add("monthyear")
            if _DECADE_GATE.pattern.search(text):
                kinds.add("decade")
    if _ASCII_MONTH_TOKEN.search(text):  # a month token holds a capitalised abbreviation
        kinds.update(("month", "monthday"))
    if _ASCII_WEEKDAY.search(text):  # a weekday's name holds "day"
        kinds.add("weekday")
    if _ASCII_QUARTER.search(lower):
        kinds.add("quarter")
    for kind, words in _WORD_KINDS:
        if any(word in lower for word in words):
            kinds.add(kind)
    if _ASCII_AGO.search(lower):
        kinds.add("ago")
    return kinds


def _single_separators(text: str) -> bool:
    """Printable ASCII without two spaces or hyphens in a row: every run of ``\\s`` or ``[\\s-]``
    a pattern can match there is one character long."""
    return text.isascii() and text.isprintable() and "  " not in text and "--" not in text \
        and " -" not in text and "- " not in text


def _near_cues(pattern: regex.Pattern[str] | re.Pattern[str], text: str, cues: list[int],
               lead: int) -> Iterator[regex.Match[str] | re.Match[str]]:
    """``pattern.finditer(text)`` when every match holds a position of ``cues`` (ascending) at
    most ``lead`` characters after its start: the next match from ``pos`` on begins at or after
    the first cue from ``pos`` on minus ``lead``, so the search starts there, not at ``pos``."""
    pos = k = 0
    while True:
        match, k = search_near_cue(pattern, text, pos, cues, k, lead)
        if match is None:
            return
        yield match
        pos = match.end() if match.end() > match.start() else match.end() + 1


def _sentence_dates(doc: Doc, sentence: Sentence, anchor: dt.date | None) -> list[Claim]:
    s_text = doc.norm[sentence.start:sentence.end]
    patterns: Sequence[tuple[str, regex.Pattern[str] | re.Pattern[str]]] = _ASCII_PATTERNS
    if s_text.isascii():
        kinds = _ascii_kinds(s_text)
        if not kinds:
            return []
    elif _DATE_CUE.search(s_text) is None:
        return []
    else:
        kinds = _gated_kinds(s_text, None)
        patterns = _PATTERNS
    found: list[_Resolved] = []
    cues: dict[str, list[int]] = {}  # cue positions of the kinds searched near them (_NEAR_CUES)
    near = _single_separators(s_text)
    for kind, pattern in patterns:
        if kind not in kinds:
            continue
        matches: Iterator[regex.Match[str] | re.Match[str]]
        if near and kind in _NEAR_CUES:
            cue_kind, lead = _NEAR_CUES[kind]
            if cue_kind not in cues:
                cues[cue_kind] = _cue_positions(cue_kind, s_text)
            matches = _near_cues(pattern, s_text, cues[cue_kind], lead)
        else:
            matches = pattern.finditer(s_text)
        for match in matches:
            if any(match.start() < r.end and r.start < match.end() for r in found):
                continue
            resolved = _resolve(kind, match, anchor, s_text)
            if resolved is None or resolved.end <= resolved.start:
                continue
            if any(resolved.start < r.end and r.start < resolved.end for r in found):
                continue
            found.append(resolved)
    out: list[Claim] = []
    for r in sorted(found, key=lambda r: r.start):
        out.append(doc.claim(
            ClaimKind.DATE, sentence.start + r.start, sentence.start + r.end, sentence,
            subject=_subject(s_text, r.start, r.end), qualifier=r.qualifier,
            low=r.low.isoformat() if r.low else None, high=r.high.isoformat() if r.high else None,
            unit=None, granularity=r.granularity, relative=r.relative,
            anchor=anchor.isoformat() if (r.relative and anchor and r.low) else None,
            canonical=None, attrs=r.attrs,
        ))
    return out
