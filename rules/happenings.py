"""DT04: the day of a story's happening, told with a verb or an event word, across articles."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence

import regex

from checker.findings import Finding, Severity, Status
from checker.model import Claim, ClaimKind
from checker.ruleapi import happening_of

from .base import Rule, RuleContext
from .compare import short_id

# Happenings that take place once in a story: a shooting, a fire, a crash; an arrest and a
# charge once per person. Hearings, deaths of the wounded and protests come on several days of
# one story and are not compared.
ONE_DAY = frozenset({"violence", "fire", "crash", "explosion", "storm", "arrest", "charge"})
PER_PERSON = frozenset({"arrest", "charge"})

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _day(claim: Claim) -> tuple[str | None, str | None]:
    """(ISO date, weekday) a day-precise date claim gives; either may be unknown. A bare weekday
    ("on Saturday") says only the weekday: its resolution against the publication date is a
    guess (an article published weeks later about "Saturday night" means that Saturday), so
    it is compared as a weekday."""
    iso = claim.low if isinstance(claim.low, str) and claim.low == claim.high else None
    weekday = claim.attr("weekday")
    if weekday is not None and claim.relative:
        return None, weekday
    if iso is not None:
        try:
            weekday = _WEEKDAYS[dt.date.fromisoformat(iso[:10]).weekday()]
        except ValueError:
            iso = None
    return iso, weekday


def _same_day(a: tuple[str | None, str | None], b: tuple[str | None, str | None],
              late: tuple[bool, bool] = (False, False), early: tuple[bool, bool] = (False, False)) -> bool:
    """Can two days be the same happening? The same day; or one night across midnight: the
    earlier day said late ("late Friday", "Friday night") or the later day said early ("early
    Saturday", "2 a.m. Saturday"). ``late`` and ``early`` say so of ``a`` and ``b``."""
    if a[0] is not None and b[0] is not None:
        gap = dt.date.fromisoformat(b[0][:10]).toordinal() - dt.date.fromisoformat(a[0][:10]).toordinal()
    elif a[1] is None or b[1] is None or a[1] == b[1]:
        return True
    else:
        gap = (_WEEKDAYS.index(b[1]) - _WEEKDAYS.index(a[1])) % 7
        gap = -1 if gap == 6 else gap
    if gap == 0:
        return True
    if gap == 1:  # b is the day after a
        return late[0] or early[1]
    if gap == -1:  # a is the day after b
        return late[1] or early[0]
    return False


_LATE = regex.compile(r"\b(?:night|overnight|late|midnight|evening|p\.m\.|pm)\b", regex.I)
_EARLY = regex.compile(r"\b(?:overnight|early|midnight|dawn|a\.m\.|am|morning|daybreak)\b", regex.I)


def _near(pattern: regex.Pattern[str], claim: Claim) -> bool:
    offset = claim.start - claim.sentence_start
    return pattern.search(claim.sentence[max(0, offset - 30):offset + len(claim.text) + 30]) is not None


def _several_people(ctx: RuleContext, claims: Sequence[Claim]) -> bool:
    """Do two of the claims' sentences name people, none of them the same?"""
    named = [frozenset(ctx.alignment.entities_near(c, ("person",))) for c in claims]
    named = [n for n in named if n]
    return any(a.isdisjoint(b) for i, a in enumerate(named) for b in named[i + 1:])


def _shown(day: tuple[str | None, str | None]) -> str:
    iso, weekday = day
    if iso is not None:
        return f"{iso} ({weekday.title()})" if weekday else iso
    return (weekday or "unresolved").title()


class HappeningDay(Rule):
    """Sources disagree on the day a story's happening took place.

    **What it checks**: a day-precise date told with an event word in its clause ("was shot
    on Sunday", "the Dec. 6 killing", "a gunman opened fire Tuesday", "a fire broke out
    Wednesday") dates that kind of happening: violence (shot, killed, stabbed, attack), a
    fire, a crash, a death, an arrest, a charge, a verdict ... (reviewed data in
    ``checker/data/measures.toml``, matched on lemmas; a day that something was *said*,
    "police said Tuesday", dates nothing). Within one story, the days each article gives for
    one kind of happening are compared: weekdays are resolved against the publication date,
    and an undated article's bare weekday is compared as a weekday. An article that gives two
    different days for one kind of happening (a shooting on Saturday, another on Monday) is
    left out of that comparison, and so is a date in a sentence tied to another happening
    ("last year's fire"). Only happenings that take place once in a story are compared (a
    shooting, a fire, a crash, an explosion, a storm; an arrest or a charge, between sentences
    that do not name different people): hearings, deaths of the wounded and protests come on
    several days of one story.

    **Why it matters**: the day of a shooting or a fire is the first fact a reader checks,
    and outlets that rewrite "Saturday night" as "Sunday" get it wrong.

    **Conflicting example**::

        A: The 15-year-old was shot by police on Saturday night.
        B: Police killed the teenager on Sunday.

    **Agreeing example**::

        A: The fatal shooting on Dec. 6 ...   B: ... was shot on Saturday (published 2008-12-09).

    **Options**: none.
    """

    code = "DT04"
    name = "happening-day"
    summary = "Sources disagree on the day a story's happening took place"
    severity = Severity.WARNING
    groups = ("dates",)
    consumes = ("date",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        blocks: dict[tuple[str, str], dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
        for claim in ctx.claims_of(ClaimKind.DATE):
            if ctx.alone(claim.article):
                continue
            cls = happening_of(claim)
            if cls not in ONE_DAY or ctx.background(claim) or _day(claim) == (None, None):
                continue
            blocks[(ctx.story_of(claim.article), cls)][claim.article].append(claim)
        for story, cls in sorted(blocks):
            by_article = blocks[(story, cls)]
            chosen: list[Claim] = []
            for article in sorted(by_article):
                claims = by_article[article]
                days = [_day(c) for c in claims]
                if all(_same_day(days[0], d) for d in days[1:]):
                    chosen.append(min(claims, key=lambda c: (_day(c)[0] is None, c.start)))
            if len(chosen) < 2:
                continue
            if cls in PER_PERSON and _several_people(ctx, chosen):
                continue  # arrests of different people may come on different days
            yield from self._compare(ctx, cls, chosen)

    def _compare(self, ctx: RuleContext, cls: str, claims: Sequence[Claim]) -> Iterator[Finding]:
        days = {c.article: _day(c) for c in claims}
        disagree = any(not _same_day(days[a.article], days[b.article], (_near(_LATE, a), _near(_LATE, b)),
                                     (_near(_EARLY, a), _near(_EARLY, b)))
                       for i, a in enumerate(claims) for b in claims[i + 1:])
        sides: dict[str, list[str]] = defaultdict(list)
        for claim in claims:
            sides[_shown(days[claim.article])].append(short_id(claim.article))
        joiner = " vs " if disagree else " and "
        text = joiner.join(f"{day} ({', '.join(sorted(arts))})" for day, arts in sorted(sides.items()))
        topic = f"day of the {cls}"
        if disagree:
            yield self.finding(ctx, Status.CONFLICT, topic, f"The articles give different days for the {cls}: {text}.",
                               claims, 0.6, values=sorted(sides), fact=("happening-day", cls))
        else:
            yield self.finding(ctx, Status.AGREEMENT, topic, f"The articles agree on the day of the {cls}: {text}.",
                               claims, 0.6, values=sorted(sides), fact=("happening-day", cls))

