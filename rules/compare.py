"""Verdict helpers shared by the rules: compare normalised intervals across articles."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from checker.findings import short_id as short_id  # re-exported: the rules name articles by it
from checker.model import Claim
from checker.ruleapi import Interval, display, interval_of


@dataclass(frozen=True)
class Comparison:
    """The outcome of comparing claims of several articles about one topic."""

    claims: tuple[Claim, ...]
    disjoint: tuple[tuple[Claim, Claim], ...]
    """Pairs of claims from different articles whose intervals do not overlap: of the claims of
    one article with one value, the first stands for all."""

    @property
    def conflict(self) -> bool:
        return bool(self.disjoint)

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(sorted({c.article for c in self.claims}))


def reading(claim: Claim) -> Interval | None:
    """The interval a claim allows, read as a newsroom reads it: "more than 1,000" allows
    1,000 (a round figure with "more than" is a floor, not a strict bound: "$1 million" and
    "more than $1 million" agree), and a vague figure ("several", "dozens", "days-long") is
    read generously, from half its lower bound to twice its upper bound."""
    iv = interval_of(claim)
    if iv is None:
        return None
    if str(claim.qualifier or "") == "vague":
        return Interval(iv.low / 2, iv.high * 2)
    return Interval(iv.low, iv.high)


def compare(claims: Sequence[Claim]) -> Comparison:
    """Compare every pair of claims from different articles (claims without a value are left
    out). Claims of one article with one value are compared once, by the first of them: an
    article repeating a figure a thousand times made a million pairs."""
    valued = [(c, reading(c)) for c in claims]
    kept = [(c, iv) for c, iv in valued if iv is not None]
    first: dict[tuple[str, Interval], tuple[Claim, Interval]] = {}
    for c, iv in kept:
        first.setdefault((c.article, iv), (c, iv))
    distinct = list(first.values())
    disjoint: list[tuple[Claim, Claim]] = []
    for i, (a, ia) in enumerate(distinct):
        for b, ib in distinct[i + 1:]:
            if a.article != b.article and not _compatible(ia, ib):
                disjoint.append((a, b))
    return Comparison(tuple(c for c, _ in kept), tuple(disjoint))


def _compatible(a: Interval, b: Interval) -> bool:
    return a.overlaps(b)


shown = lru_cache(maxsize=65536)(display)
""":func:`display`, once per claim (a figure is shown in each finding that quotes it, and again
in the messages that list the sides)."""


def sides(claims: Sequence[Claim]) -> list[tuple[str, list[str]]]:
    """Claims grouped by their displayed value: ``[(value, [article, ...]), ...]``, most sources first."""
    groups: dict[str, set[str]] = defaultdict(set)
    for claim in claims:
        groups[shown(claim)].add(claim.article)
    return sorted(((v, sorted(a)) for v, a in groups.items()), key=lambda kv: (-len(kv[1]), kv[0]))


def sides_text(claims: Sequence[Claim], joiner: str = " vs ") -> str:
    return joiner.join(f"{value} ({', '.join(short_id(a) for a in arts)})" for value, arts in sides(claims))
