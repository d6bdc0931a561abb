"""AG: the age of a named person, compared across articles."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from checker.findings import Finding, Severity, Status
from checker.model import Claim, ClaimKind
from checker.ruleapi import ORG, PLACE

from .base import Option, Rule, RuleContext
from .compare import short_id

_PER_YEAR = {"year": 1.0, "month": 12.0, "week": 52.0, "day": 365.0}


@dataclass(frozen=True, slots=True)
class _Age:
    claim: Claim
    low: float
    """The age in years; the person is at least this old ..."""
    high: float
    """... and younger than this (an age of 25 is [25, 26))."""


def age_text(claim: Claim) -> str:
    """An age as shown in findings: "25 years", "11 months"."""
    unit = claim.unit or "year"
    value = claim.low if isinstance(claim.low, float) else 0.0
    number = f"{value:g}"
    return f"{number} {unit}" if value == 1 else f"{number} {unit}s"


def _age(claim: Claim) -> _Age | None:
    per = _PER_YEAR.get(claim.unit or "")
    if per is None or not isinstance(claim.low, float):
        return None
    high = claim.high if isinstance(claim.high, float) else claim.low
    return _Age(claim, claim.low / per, (high + 1) / per)


class AgeMismatch(Rule):
    """Sources give different ages for the same person.

    **What it checks**: ages tied to a named person ("Nicholas Lindsay, 25,", "25-year-old
    Nicholas Lindsay", "Lindsay, 26," after the full name, "aged 25") are compared across
    articles, person by person. The person is the name entity grouping gave the spellings
    across the corpus; a surname alone is the person of that surname when the corpus names
    only one ("Lindsay" and "Nicholas Lindsay"), and a name without its middle name is the
    person with it when only one has it ("Christopher Duncan", "Christopher Lee Duncan").
    People of one surname and different first names are different people, never compared,
    and so are the ages given in two different stories (a namesake in another happening, or
    the same person in a report of another year).

    **Why it matters**: the age of a victim or a suspect is among the first facts an editor
    checks; outlets often get it wrong, or copy an age that has since changed.

    **Conflicting example**::

        A: Police identified the victim as Nicholas Lindsay, 25, of Chicago.
        B: Lindsay, 26, died at the scene.        (B also names Nicholas Lindsay)

    **Agreeing example**::

        A: The 25-year-old Nicholas Lindsay was shot on Monday.
        B: Nicholas Lindsay, 25, died at the scene.

    A person one year older in a report published more than half a year later (the option below; the
    victim's age at the trial a year on) is an update, reported as a ``variant``, not a
    conflict; so is a difference of as many years as lie between the publication dates. An
    age given by a single article is not reported. When an undated article takes part in
    every disagreement, the conflict has a lower confidence and says the reports may be years
    apart; an age introduced by "then" ("then-15-year-old") is a past age, not compared.

    **Options**: ``update_after_days`` (publication dates further apart than this make an age
    that grew with them an update, default 183); ``undated_confidence`` (confidence of a
    conflict that an undated article takes part in, default 0.5).
    """

    code = "AG01"
    name = "age-mismatch"
    summary = "Sources give different ages for the same person"
    severity = Severity.ERROR
    groups = ("people",)
    consumes = ("quantity", "entity")
    options = (
        Option("update_after_days", int, 183,
               "publication dates further apart than this make an age that grew with them an update"),
        Option("undated_confidence", float, 0.5,
               "confidence of a conflict that an undated article takes part in"),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        tied = [c for c in ctx.claims_of(ClaimKind.QUANTITY) if c.attr("measure") == "age" and c.attr("person")]
        if not tied:
            return
        # The entity claims that name the people of the ages (only those: a corpus has millions).
        wanted = {(c.article, int(at)) for c in tied if (at := c.attr("person_at")) is not None and at.isdigit()}
        named: dict[tuple[str, int], str] = {}
        people: set[str] = set()
        for entity in ctx.claims_of(ClaimKind.ENTITY):
            if entity.subject not in (PLACE, ORG):
                name = entity.canonical or entity.text
                if (entity.article, entity.start) in wanted:
                    named[(entity.article, entity.start)] = name
                if entity.subject == "person":
                    people.add(name)
        ages: list[tuple[str, Claim]] = []
        for claim in tied:
            at = claim.attr("person_at")
            person = named.get((claim.article, int(at))) if at is not None and at.isdigit() else None
            person = person or claim.attr("person") or ""
            people.add(person)
            ages.append((person, claim))
        resolve = _person_resolver(people)
        by_person: dict[tuple[str, str], list[Claim]] = defaultdict(list)
        for person, claim in ages:
            key = resolve(person)
            if key is not None:
                by_person[(key, ctx.story_of(claim.article))].append(claim)
        for person, story in sorted(by_person):
            claims = by_person[(person, story)]
            if len({c.article for c in claims}) >= 2:
                yield self._verdict(ctx, person, claims)

    def _verdict(self, ctx: RuleContext, person: str, claims: Sequence[Claim]) -> Finding:
        ages = [a for a in map(_age, claims) if a is not None]
        topic = f"age of {person}"
        values = sorted({age_text(c) for c in claims})
        disjoint = [(a, b) for i, a in enumerate(ages) for b in ages[i + 1:]
                    if a.claim.article != b.claim.article and not (a.low < b.high and b.low < a.high)]
        sides = _sides(claims)
        if not disjoint:
            return self.finding(ctx, Status.AGREEMENT, topic, f"Sources agree on the age of {person}: {sides}.",
                                claims, 0.8, shown_as=age_text, values=values, fact=("age", person))
        published = {c.article: _published(ctx, c.article) for c in claims}
        updates = [_update(a, b, published, int(self.values["update_after_days"])) for a, b in disjoint]
        if all(u is not None for u in updates):
            gaps = "; ".join(sorted({u for u in updates if u is not None}))
            return self.finding(
                ctx, Status.VARIANT, topic,
                f"The age of {person} changed between reports published far apart: {sides}; {gaps}: an update, "
                "not a conflict.", claims, 0.7, severity=Severity.INFO, shown_as=age_text, values=values, fact=("age", person))
        undated = sorted({c.article for pair in disjoint for c in (pair[0].claim, pair[1].claim)
                          if published[c.article] is None})
        if undated and all(published[a.claim.article] is None or published[b.claim.article] is None
                           for a, b in disjoint):
            return self.finding(
                ctx, Status.CONFLICT, topic,
                f"Different ages for {person}: {sides}; {', '.join(short_id(a) for a in undated)} "
                f"{'is' if len(undated) == 1 else 'are'} undated, so the ages may come from reports years apart.",
                claims, float(self.values["undated_confidence"]), shown_as=age_text, values=values, fact=("age", person))
        return self.finding(ctx, Status.CONFLICT, topic, f"Different ages for {person}: {sides}.", claims, 0.8,
                            shown_as=age_text, values=values, fact=("age", person))


def _sides(claims: Sequence[Claim], joiner: str = " vs ") -> str:
    groups: dict[str, set[str]] = defaultdict(set)
    for claim in claims:
        groups[age_text(claim)].add(claim.article)
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return joiner.join(f"{value} ({', '.join(short_id(a) for a in sorted(arts))})" for value, arts in ordered)


def _published(ctx: RuleContext, article: str) -> dt.date | None:
    found = ctx.article(article)
    published = getattr(found, "published", None)
    return published if isinstance(published, dt.date) else None


def _update(a: _Age, b: _Age, published: Mapping[str, dt.date | None], after_days: int) -> str | None:
    """Why two ages of different reports are an update ("b published 13 months after a"), or
    ``None``: the later report gives the older age, by at most the years between the reports,
    and they are more than ``after_days`` apart."""
    da, db = published[a.claim.article], published[b.claim.article]
    if da is None or db is None or da == db:
        return None
    early, late = (a, b) if da < db else (b, a)
    days = abs((db - da).days)
    grown = late.low - early.low
    if days <= after_days or grown <= 0 or grown > math.ceil(days / 365.25):
        return None
    months = round(days / 30.44)
    return f"{short_id(late.claim.article)} published {months} months after {short_id(early.claim.article)}"


def _person_resolver(names: set[str]) -> Callable[[str], str | None]:
    """The person a name stands for across the corpus: a first and last name is the one longer
    name with them ("Christopher Duncan" -> "Christopher Lee Duncan"); a surname alone is the one
    full name of that surname ("Lindsay" -> "Nicholas Lindsay"; ``None`` when there are several,
    as one of them cannot be chosen); any other name is itself."""
    by_ends: dict[tuple[str, str], set[str]] = defaultdict(set)
    for name in names:
        words = name.split()
        if len(words) >= 3:
            by_ends[(words[0], words[-1])].add(name)

    def full(name: str) -> str:
        words = name.split()
        longer = by_ends.get((words[0], words[-1]), set()) if len(words) == 2 else set()
        return next(iter(longer)) if len(longer) == 1 else name

    by_surname: dict[str, set[str]] = defaultdict(set)
    for name in names:
        if len(name.split()) >= 2:
            by_surname[name.split()[-1]].add(full(name))

    def resolve(name: str) -> str | None:
        if " " in name:
            return full(name)
        persons = by_surname.get(name, set())
        if len(persons) > 1:
            return None
        return next(iter(persons)) if persons else name

    return resolve
