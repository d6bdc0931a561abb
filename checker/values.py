"""Normalised values as comparable intervals, and their human display.

Dates become day ordinals so that every kind compares the same way. Open bounds are
``±inf``; ``low_open``/``high_open`` exclude the bound itself ("more than 1,000").
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from .extractors.nouns import plural
from .model import Claim, ClaimKind, Qualifier
from .wording import plural as counted

INF = math.inf


@dataclass(frozen=True, slots=True)
class Interval:
    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def overlaps(self, other: Interval) -> bool:
        if self.low != other.low:
            lo, lo_open = (self.low, self.low_open) if self.low > other.low else (other.low, other.low_open)
        else:
            lo, lo_open = self.low, self.low_open or other.low_open
        if self.high != other.high:
            hi, hi_open = (self.high, self.high_open) if self.high < other.high else (other.high, other.high_open)
        else:
            hi, hi_open = self.high, self.high_open or other.high_open
        return lo < hi or (lo == hi and not lo_open and not hi_open)

    def contains(self, other: Interval) -> bool:
        low_ok = self.low < other.low or (self.low == other.low and (not self.low_open or other.low_open))
        high_ok = self.high > other.high or (
            self.high == other.high and (not self.high_open or other.high_open)
        )
        return low_ok and high_ok

    @property
    def width(self) -> float:
        return self.high - self.low

    @property
    def point(self) -> bool:
        return self.low == self.high and not (self.low_open or self.high_open)

    def gap(self, other: Interval) -> float:
        """Distance between two disjoint intervals (0 when they overlap)."""
        if self.overlaps(other):
            return 0.0
        return max(other.low - self.high, self.low - other.high)


def _date_ordinal(value: str) -> float:
    return float(dt.date.fromisoformat(value[:10]).toordinal())


def interval_of(claim: Claim) -> Interval | None:
    """The claim's value as an interval, or ``None`` when it was not resolved."""
    low, high = claim.low, claim.high
    if low is None and high is None:
        return None
    try:
        if claim.kind is ClaimKind.DATE:
            lo = _date_ordinal(low) if isinstance(low, str) else -INF
            hi = _date_ordinal(high) if isinstance(high, str) else INF
        else:
            lo = float(low) if isinstance(low, (int, float)) else -INF
            hi = float(high) if isinstance(high, (int, float)) else INF
    except (TypeError, ValueError, OverflowError):
        return None
    if lo != lo or hi != hi or lo > hi:
        return None
    return Interval(lo, hi, claim.low_open, claim.high_open)


def fmt_number(value: float) -> str:
    if value in (INF, -INF):
        return "∞" if value > 0 else "-∞"
    if abs(value) >= 1e15:
        return f"{value:.3g}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


_UNIT_PLURAL = {"day": "days", "percent": "%"}


def _with_unit(text: str, unit: str | None, subject: str | None, one: bool = False) -> str:
    if unit == "percent":
        text = f"{text}%"
        if subject:
            text = f"{text} of {subject}"
        return text
    if unit and unit.isupper():  # a currency code: "1,000,000 USD"
        text = f"{text} {unit}"
    elif unit:
        text = f"{text} {unit if one else plural(unit)}"
    if subject:
        adjective = subject in ("dead", "missing", "injured", "wounded") or subject.endswith("ed")
        text = f"{text} {subject if one or unit or adjective else plural(subject)}"
    return text


def fmt_days(days: float) -> str:
    if days >= 365 and days % 365 < 2:
        years = days / 365.25
        return counted(round(years), "year")
    if days < 1:
        return counted(round(days * 24, 1), "hour")
    return counted(days, "day")


def _fmt_duration(low: float, high: float) -> str:
    # Calendar units carry their spread: [168, 186] days is "6 months".
    for unit, lo_per, hi_per in (("year", 365, 366), ("month", 28, 31), ("week", 7, 7)):
        n = round(low / lo_per)
        if n >= 1 and math.isclose(low, n * lo_per) and math.isclose(high, n * hi_per):
            return counted(n, unit)
    if low == high:
        return fmt_days(low)
    return f"{fmt_days(low)}–{fmt_days(high)}".replace(" days–", "–")


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]


def fmt_date_interval(low: str | None, high: str | None, granularity: str | None) -> str:
    if low is None and high is None:
        return "unresolved"
    if low is None or high is None:
        return f"{'…' if low is None else low} to {'…' if high is None else high}"
    lo = dt.date.fromisoformat(low[:10])
    hi = dt.date.fromisoformat(high[:10])
    if lo == hi:
        return f"{lo.day} {_MONTHS[lo.month - 1]} {lo.year} ({lo.strftime('%A')})"
    if granularity == "month" or (lo.day == 1 and (hi + dt.timedelta(days=1)).day == 1 and lo.month == hi.month
                                  and lo.year == hi.year):
        return f"{_MONTHS[lo.month - 1]} {lo.year}"
    if granularity == "year" or ((lo.month, lo.day, hi.month, hi.day) == (1, 1, 12, 31) and lo.year == hi.year):
        return str(lo.year)
    if granularity == "quarter":
        return f"Q{(lo.month - 1) // 3 + 1} {lo.year}"
    return f"{lo.isoformat()} to {hi.isoformat()}"


def display(claim: Claim) -> str:
    """A short human reading of a claim's normalised value ("more than 1,000 container")."""
    if claim.kind is ClaimKind.ENTITY:
        return claim.canonical or claim.text
    if claim.kind is ClaimKind.DATE:
        time = claim.attr("time")
        if time is not None and claim.low is None and claim.high is None:
            return f"{time} ({claim.attr('around')})" if claim.attr("around") else time
        return fmt_date_interval(
            claim.low if isinstance(claim.low, str) else None,
            claim.high if isinstance(claim.high, str) else None,
            claim.granularity.value if claim.granularity else None,
        )
    iv = interval_of(claim)
    if iv is None:
        return "unresolved"
    subject = claim.subject if claim.kind is ClaimKind.QUANTITY else None
    if claim.kind is ClaimKind.DURATION:
        if iv.high == INF:
            return f"more than {_fmt_duration(iv.low, iv.low)}"
        text = _fmt_duration(iv.low, iv.high)
        if claim.qualifier is Qualifier.VAGUE:
            text = f"{text} (vague)"
        return text
    q = claim.qualifier
    if iv.point:
        return _with_unit(fmt_number(iv.low), claim.unit, subject, one=iv.low == 1)
    if iv.high == INF:
        word = "more than" if iv.low_open else "at least"
        return f"{word} " + _with_unit(fmt_number(iv.low), claim.unit, subject)
    if iv.low in (0, -INF) and q in (Qualifier.AT_MOST, Qualifier.LESS):
        word = "up to" if q is Qualifier.AT_MOST else "less than"
        return f"{word} " + _with_unit(fmt_number(iv.high), claim.unit, subject)
    if q is Qualifier.APPROX:
        mid = (iv.low + iv.high) / 2
        return "about " + _with_unit(fmt_number(round(mid, 6)), claim.unit, subject)
    if q is Qualifier.LESS:
        return "nearly " + _with_unit(fmt_number(iv.high), claim.unit, subject)
    return _with_unit(f"{fmt_number(iv.low)}–{fmt_number(iv.high)}", claim.unit, subject)
