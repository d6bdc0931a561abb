"""DT: when events happened, and whether dates fit their articles."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from functools import lru_cache

import regex

from checker.findings import Finding, Severity, Status
from checker.model import Claim, ClaimKind, Granularity
from checker.ruleapi import Event, EventMention, display, interval_of

from .base import Option, Rule, RuleContext
from .compare import compare, short_id, sides_text

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_CLAUSE_SPLIT = regex.compile(r"[,;:]|\bthat\b|\bwhich\b|\bwho\b")

def _family_label(event: Event) -> str:
    return event.label.rsplit(" (", 1)[0]


Placed = dict[str, list[tuple[int, EventMention]]]
"""A family's mentions by article, each with its place in the family's order."""


def _unplanned_mentions(ctx: RuleContext, family: str) -> Placed:
    """The mentions of a family that are not of a planned event, by article, each with its
    place in the family's order: sorted out once per family, not once per event of it (a family
    of 100,000 articles has thousands)."""
    out: Placed = {}
    for position, m in enumerate(ctx.events.family_mentions(family)):
        if not m.planned:
            out.setdefault(m.article, []).append((position, m))
    return out


def _support(ctx: RuleContext, event: Event, mentions: Placed) -> list[Claim]:
    """Claims that show what each article says of the event: the date it gives, else a claim
    about this very event (its length; not a referring phrase like "the two nations"), else the
    agent's name where the event is mentioned. ``mentions``: :func:`_unplanned_mentions` of its family.

    A family's events are set side by side only with two such claims in all (mentions in
    passing are not worth a finding); the evidence shown is the dates (:func:`_date_evidence`)."""
    out: list[Claim] = []
    for article in event.articles:
        own = [m for _, m in mentions.get(article, ())]
        dated = [m.time_claim for m in own if m.time_claim is not None and not m.previous]
        if dated:
            out.append(min(dated, key=lambda c: c.start))
            continue
        sentences = {m.sentence_start for m in own}
        about = [c for c in ctx.alignment.by_article.get(article, ())
                 if c.sentence_start in sentences and c.kind is not ClaimKind.ENTITY
                 and not c.attr("referential") and ctx.events.mention_for(c) in own]
        if about:
            out.append(min(about, key=lambda c: (c.kind is not ClaimKind.DURATION, c.start)))
            continue
        names = [c for c in ctx.alignment.by_article.get(article, ())
                 if c.kind is ClaimKind.ENTITY and c.sentence_start in sentences
                 and (c.canonical or c.text) in (event.agent, event.place)]
        if names:
            out.append(min(names, key=lambda c: c.start))
    return out


def _date_evidence(event: Event, mentions: Placed) -> list[Claim]:
    """The date each article of the event gives it (the one its time was read from: the
    narrowest, then the first); articles that give none (dated by publication, or undated)
    have no evidence row, the message says how they are dated. ``mentions``:
    :func:`_unplanned_mentions` of its family."""
    out: list[Claim] = []
    for article in event.articles:
        dated = [m for _, m in mentions.get(article, ())
                 if m.time_claim is not None and m.time is not None and not m.previous]
        if dated:
            best = min(dated, key=lambda m: (m.time.width if m.time else 1e9, m.start))
            assert best.time_claim is not None
            out.append(best.time_claim)
    return out


def _how_dated(claim: Claim) -> str:
    """A date claim's value and how it dates the event: as written, or counted from the
    publication date of its article."""
    if claim.relative and claim.anchor:
        return f"{display(claim)}, counted from publication {claim.anchor}"
    return f"{display(claim)}, as written"


class EventDate(Rule):
    """Sources date the same event differently, or describe different events of one kind.

    **What it checks**: events are grouped into families (class + agent: "Sergei Lavrov's
    visit to North Korea") and split into instances by the dates the articles give them
    (resolved against each article's publication date). Within an instance, explicit dates
    from different articles must overlap; across instances the finding says which articles
    describe which event, with the dates that separate them (status ``distinct-events``), or,
    when some of its articles are undated, that nothing tells whether they describe one event
    (``undetermined``).

    **Why it matters**: an update about a later visit must not be read as a contradiction of
    the first, and a report that moves an event by a day is a real error.

    **Conflicting example**::

        A (2023-10-19): Lavrov arrived in Pyongyang on Wednesday.   -> 2023-10-18
        B (2023-10-19): Lavrov arrived in Pyongyang on Tuesday.     -> 2023-10-17

    **Agreeing example**::

        A: ... upon his arrival in Pyongyang, October 18, 2023
        B (2023-10-19): Lavrov came to Pyongyang on Wednesday.      -> 2023-10-18

    **Options**: none beyond severity; the window that separates instances is the engine's
    ``event_window_days`` setting.
    """

    code = "DT01"
    name = "event-date"
    summary = "Sources date the same event differently, or describe different events"
    severity = Severity.ERROR
    groups = ("dates", "events")
    consumes = ("date",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for family in sorted(ctx.events.families):
            events = ctx.events.families[family]
            topic = f"{_family_label(events[0])}: date"
            unplanned = _unplanned_mentions(ctx, family)
            for event in events:
                if event.resolved:
                    yield from self._within(ctx, topic, event, unplanned)
            if len(events) > 1:
                resolved = [e for e in events if e.resolved]
                unresolved = [e for e in events if not e.resolved]
                claims: list[Claim] = []
                parts: list[str] = []
                support = 0
                for event in events:
                    claims.extend(_date_evidence(event, unplanned))
                    support += len(_support(ctx, event, unplanned))
                    arts = ", ".join(short_id(a) for a in event.articles)
                    parts.append(f"{arts}: {_dating(event)}")
                if not claims or support < 2:
                    continue
                described = sorted({a for event in events for a in event.articles})
                # Normalised, for the fingerprint: each instance's articles and dates.
                values = [f"{' '.join(e.articles)}={e.start or ''}/{e.end or ''}" for e in events]
                if len(resolved) > 1:
                    message = "Different events of this kind: " + "; ".join(parts) + "."
                    yield self.finding(ctx, Status.DISTINCT_EVENTS, topic, message, claims, 0.8,
                                       fact=("date", family), event=resolved[0].id, values=values,
                                       shown_as=_how_dated, fingerprint_articles=described)
                elif unresolved and resolved:
                    message = ("Could not tell whether these are the same event: " + "; ".join(parts)
                               + ". Nothing dates the unresolved articles.")
                    yield self.finding(ctx, Status.UNDETERMINED, topic, message, claims, 0.4,
                                       fact=("date", family), event=unresolved[0].id, values=values,
                                       shown_as=_how_dated, fingerprint_articles=described)

    def _within(self, ctx: RuleContext, topic: str, event: Event, unplanned: Placed) -> Iterator[Finding]:
        # The mentions of the event's articles with a date of their own, in the family's order.
        mentions = sorted((pair for article in set(event.articles) for pair in unplanned.get(article, ())
                           if pair[1].time_claim is not None and not pair[1].previous), key=lambda pair: pair[0])
        claims = [m.time_claim for _, m in mentions if m.time_claim is not None]
        seen: set[tuple[str, int]] = set()
        unique = []
        for c in claims:
            if (c.article, c.start) not in seen:
                seen.add((c.article, c.start))
                unique.append(c)
        if len({c.article for c in unique}) < 2:
            return
        result = compare(unique)
        if result.conflict:
            yield self.finding(ctx, Status.CONFLICT, topic,
                               f"The same event is dated differently: {sides_text(unique)}.", unique, 0.8,
                               fact=("date", event.family), event=event.id)
        else:
            yield self.finding(ctx, Status.AGREEMENT, topic, f"Sources agree on the date: {sides_text(unique, ' and ')}.",
                               unique, 0.85, fact=("date", event.family), event=event.id)


def _dating(event: Event) -> str:
    """When the event was and what dates it: "2023-10-18 (dated by 'October 18, 2023')",
    "dated by publication, 11–13 Jul 2025", "date unresolved (undated)"."""
    bases = sorted({b for _, b in event.basis})
    if bases == ["publication date"]:
        return event.dating
    if bases == ["none"]:
        return f"{event.dating} (undated)"
    return f"{event.dating} (dated by " + ", ".join(b for b in bases if b not in ("none",)) + ")"


class WeekdayMismatch(Rule):
    """A weekday does not match the date it is given with.

    **What it checks**: a weekday stated with a calendar date ("Wednesday, October 19, 2023")
    must be that date's weekday. The status is ``inconsistent``: the article contradicts
    itself, whatever other sources say.

    **Why it matters**: a wrong weekday is a sign that one of the two was edited and the
    other was not; the reader cannot know which is right.

    **Conflicting example**::

        Lavrov arrived on Wednesday, October 19, 2023.   (October 19, 2023 was a Thursday)

    **Agreeing example**::

        Lavrov arrived on Wednesday, October 18, 2023.

    **Options**: none.
    """

    code = "DT02"
    name = "weekday-mismatch"
    summary = "A weekday does not match the date it is given with"
    severity = Severity.ERROR
    groups = ("dates",)
    consumes = ("date",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        by_article: dict[str, list[Claim]] = defaultdict(list)
        weekdays: set[str] = set()  # the articles that give a weekday (only those can find anything)
        for claim in ctx.claims_of(ClaimKind.DATE):  # (not the other claims, most of a corpus's)
            by_article[claim.article].append(claim)
            if claim.attrs and claim.attr("weekday"):
                weekdays.add(claim.article)
        for article in sorted(weekdays):
            dates = sorted(by_article[article], key=lambda c: c.start)
            for i, claim in enumerate(dates):
                pairs: list[tuple[str, Claim, Sequence[Claim]]] = []
                weekday = claim.attr("weekday")
                if weekday and claim.relative is False:
                    pairs.append((weekday, claim, [claim]))
                elif weekday and i + 1 < len(dates):
                    nxt = dates[i + 1]
                    gap = nxt.start - claim.end
                    if 0 <= gap <= 3 and nxt.granularity is Granularity.DAY and not nxt.relative:
                        pairs.append((weekday, nxt, [claim, nxt]))
                for name, dated, evidence in pairs:
                    iv = interval_of(dated)
                    if iv is None or not iv.point:
                        continue
                    actual = _WEEKDAYS[dt.date.fromordinal(int(iv.low)).weekday()]
                    if actual != name.lower():
                        day = dt.date.fromordinal(int(iv.low)).isoformat()
                        yield self.finding(
                            ctx, Status.INCONSISTENT, f"{short_id(article)}: weekday of {day}",
                            f"'{name.capitalize()}' is given for {day}, which was a {actual.capitalize()}.",
                            evidence, 0.95, fact=("weekday", day), values=[name.lower(), day],
                        )


_PAST = regex.compile(
    r"\b(?:met|was|were|had|did|held|took place|happened|occurred|signed|visited|arrived|agreed|made|said|"
    r"announced|launched|killed|struck|\p{L}+ed)\b", regex.I)
_FUTURE = regex.compile(r"\b(?:will|shall|is to|are to|is expected to|are expected to|plans? to|is due to|"
                        r"are due to|upcoming|is set to|are set to|going to)\b", regex.I)
# Words that make a clause not a plain statement about the past ("was scheduled to return
# tomorrow", "may only be resolved next week", "expected to close").
_NOT_PAST = regex.compile(r"\b(?:will|shall|expected|plans?|planned|planning|due|set to|upcoming|scheduled|pending|"
                          r"may|might|could|would|can|going to|to be|hopes?|aims?|intends?|should|must|if|until)\b",
                          regex.I)
# A past participle after these is not a past tense ("may only be resolved next week").
_NOT_FINITE = regex.compile(r"\b(?:be|been|being|is|are|am|was|were|to|get|gets|got|has|have|had)\s+(?:\p{L}+ly\s+)?$",
                            regex.I)
# Only phrases that state their direction from the publication date can misfit it; a bare
# weekday or month is resolved by the tense of its clause and cannot.
_DEICTIC = regex.compile(r"\b(?:next|last|past|previous|coming|ago|tomorrow|yesterday|tonight|today)\b", regex.I)


@lru_cache(maxsize=4096)
def _deictic(text: str) -> bool:
    """Does a date's text state its direction from the publication date? (Read once per text:
    a corpus writes "last week" thousands of times.)"""
    return _DEICTIC.search(text) is not None


def _finite_past(clause: str) -> str | None:
    """The last simple-past verb of a clause ("met"), not a participle ("was scheduled")."""
    found = None
    for match in _PAST.finditer(clause):
        if not _NOT_FINITE.search(clause[:match.start()]):
            found = match.group(0)
    return found


class RelativeDateMisfit(Rule):
    """A relative date does not fit the article's publication date.

    **What it checks**: references that state their direction from the publication date
    ("next quarter", "last week", "tomorrow", "two days ago") are resolved against it; a
    reference that lands in the future of the article while its clause speaks of a past
    event in a finite past tense ("the plans made when Putin and Kim met next quarter"), or that lands in the past
    while the sentence speaks of a future one ("will meet last week"), is flagged with the
    status ``inconsistent``: the article does not fit its own date, whatever other sources say.

    **Why it matters**: such phrases usually come from a rewrite that changed the words
    around a date; the date the reader infers is wrong.

    **Conflicting example**::

        (published 2023-10-19) ... plans made when Mr. Putin and Kim met next quarter.

    **Agreeing example**::

        (published 2023-10-19) ... plans made when Mr. Putin and Kim met last month.

    **Options**: ``window`` (characters around the date searched for tense, default 60).
    """

    code = "DT03"
    name = "relative-date-misfit"
    summary = "A relative date does not fit the article's publication date"
    severity = Severity.WARNING
    groups = ("dates",)
    consumes = ("date",)
    options = (Option("window", int, 60, "characters before the date searched for the tense of the clause"),)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        window = int(self.values["window"])
        for claim in ctx.claims_of(ClaimKind.DATE):
            if not claim.relative or not claim.anchor:
                continue
            if not _deictic(claim.text):
                continue
            if not claim.sentence.rstrip().endswith((".", "!", "?", '"', "\u201d", "'")):
                continue  # a headline: telegraphic grammar ("problems only resolved next week")
            iv = interval_of(claim)
            if iv is None:
                continue
            anchor = float(dt.date.fromisoformat(claim.anchor).toordinal())
            later, earlier = iv.low > anchor, iv.high < anchor - 1
            if not (later or earlier):
                continue  # the day of publication or the day before: it fits whatever the tense
            offset = claim.start - claim.sentence_start
            before = claim.sentence[max(0, offset - window):offset]
            clause = _CLAUSE_SPLIT.split(before)[-1]
            problem = None
            verb = _finite_past(clause) if later else None
            if later and verb and not _NOT_PAST.search(clause):
                problem = (f"'{claim.text}' resolves after the publication date {claim.anchor}, "
                           f"but the clause speaks of the past ('{verb}')")
            elif earlier and _FUTURE.search(clause):
                verb = _FUTURE.findall(clause)[-1]
                problem = (f"'{claim.text}' resolves before the publication date {claim.anchor}, "
                           f"but the clause speaks of the future ('{verb}')")
            if problem:
                yield self.finding(ctx, Status.INCONSISTENT,
                                   f"{short_id(claim.article)}: relative date '{claim.text}'",
                                   problem + ".", [claim], 0.7, fact=("relative-date", claim.text),
                                   values=[claim.text, claim.anchor])


__all__ = ["EventDate", "RelativeDateMisfit", "WeekdayMismatch"]


