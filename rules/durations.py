"""DU: how long events lasted (visits, trips, wars, fires, standoffs)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from checker.findings import Finding, Severity, Status
from checker.model import Claim, ClaimKind
from checker.ruleapi import EVENT_CLASSES, Event, EventIndex, singular

from .base import Option, Rule, RuleContext
from .compare import compare, short_id, sides_text


class EventLength(Rule):
    """Sources disagree on how long an event lasted.

    **What it checks**: durations attached to an event noun ("two-day visit", "a days-long
    trip", "four-year-long war", "a three-hour blaze", "the 12-hour siege") are aligned on the event they measure (its class, agent and
    place) and on the event instance (dates told apart); their lengths, normalised to days as
    intervals, are compared across articles.

    **Why it matters**: the length of a visit or a war is a basic fact that rewrites and
    updates often garble; readers notice when two outlets disagree.

    **Conflicting example**::

        A: Mr. Lavrov paid a two-day visit.            (published 2023-10-19)
        B: Lavrov begins a three-day visit to Pyongyang. (published 2023-10-18)

    **Agreeing example**::

        A: Lavrov paid a two-day visit.
        B: Lavrov's two-day trip to North Korea ...
        C: a days-long trip   (vague: "days-long" contains two days)

    When the articles date the events far apart (October 2023 against July 2025), the two
    lengths belong to different visits and are reported as ``distinct-events``, not as a
    conflict. When an article is undated the event cannot be resolved: a disagreement is
    still reported, with lower confidence and a reason saying so.

    **Options**: ``unresolved_confidence`` (confidence of a conflict whose event could not
    be resolved, default 0.5).
    """

    code = "DU01"
    name = "event-length"
    summary = "Sources disagree on how long an event lasted"
    severity = Severity.ERROR
    groups = ("durations", "events")
    consumes = ("duration",)
    options = (
        Option("unresolved_confidence", float, 0.5,
               "confidence of a conflict between articles whose event could not be dated"),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        by_family: dict[str, list[tuple[Claim, Event]]] = defaultdict(list)
        for claim in ctx.claims_of(ClaimKind.DURATION):
            if not claim.subject:
                continue
            if singular(claim.subject) not in EVENT_CLASSES:
                continue
            event = ctx.events.event_for(claim)
            if event is None:
                continue
            by_family[event.family].append((claim, event))
        for family in sorted(by_family):
            yield from self._family(ctx, ctx.events, by_family[family])

    def _family(self, ctx: RuleContext, index: EventIndex, items: Sequence[tuple[Claim, Event]]) -> Iterator[Finding]:
        by_event: dict[str, list[Claim]] = defaultdict(list)
        events: dict[str, Event] = {}
        for claim, event in items:
            by_event[event.id].append(claim)
            events[event.id] = event
        resolved = sorted((e for e in events.values() if e.resolved), key=lambda e: e.start or "")
        unresolved = [e for e in events.values() if not e.resolved]
        any_event = next(iter(events.values()))
        topic = f"{_base_label(any_event)}: length"
        for event in resolved:
            claims = by_event[event.id]
            peers = list(claims)
            note = ""
            if unresolved and len(resolved) == 1:
                # The undated articles may well describe this same event: compare with caution.
                for u in unresolved:
                    peers.extend(by_event[u.id])
                note = _unresolved_note(unresolved, by_event)
            yield from self._verdict(ctx, topic, event, peers, note)
        if unresolved and len(resolved) != 1:
            for u in unresolved:
                yield from self._verdict(ctx, topic, u, by_event[u.id], _unresolved_note(unresolved, by_event))
        if len(resolved) > 1:
            yield self._distinct(ctx, topic, resolved, by_event)

    def _verdict(self, ctx: RuleContext, topic: str, event: Event, claims: Sequence[Claim], note: str) -> Iterator[Finding]:
        articles = {c.article for c in claims}
        uncertain = bool(note)
        base_conf = 0.9 if not uncertain else float(self.values["unresolved_confidence"])
        if len(articles) == 1:
            yield self.finding(
                ctx, Status.SINGLE_SOURCE, topic,
                f"Only {short_id(next(iter(articles)))} gives the length: {sides_text(claims)}.",
                claims, 0.8, fact=_fact(event), event=event.id,
            )
            return
        result = compare(claims)
        if result.conflict:
            message = f"Different lengths for the same event: {sides_text(claims)}."
            if note:
                message = f"Different lengths: {sides_text(claims)}; {note}."
            yield self.finding(ctx, Status.CONFLICT, topic, message, claims, base_conf, fact=_fact(event),
                               event=event.id)
        else:
            message = f"Sources agree on the length: {sides_text(claims, ' and ')}."
            if note:
                message = f"Lengths agree: {sides_text(claims, ' and ')}; {note}."
            yield self.finding(ctx, Status.AGREEMENT, topic, message, claims, min(base_conf, 0.9), fact=_fact(event),
                               event=event.id)

    def _distinct(self, ctx: RuleContext, topic: str, events: Sequence[Event], by_event: dict[str, list[Claim]]) -> Finding:
        parts = []
        claims: list[Claim] = []
        for event in events:
            cs = by_event[event.id]
            claims.extend(cs)
            when = event.dating
            parts.append(f"{sides_text(cs)}, {when}" if when.startswith("dated") else f"{sides_text(cs)} dated {when}")
        message = "Different events, not a conflict: " + "; ".join(parts) + "."
        return self.finding(ctx, Status.DISTINCT_EVENTS, topic, message, claims, 0.8, fact=_fact(events[0]),
                            event=events[0].id)


def _fact(event: Event) -> tuple[str, str]:
    """What DU01 compares, for fingerprints: the length of the events of one family."""
    return ("length", event.family)


def _base_label(event: Event) -> str:
    return event.label.rsplit(" (", 1)[0]


def _unresolved_note(unresolved: Sequence[Event], by_event: dict[str, list[Claim]]) -> str:
    arts = sorted({c.article for e in unresolved for c in by_event[e.id]})
    if not arts:
        return ""
    who = ", ".join(short_id(a) for a in arts)
    return f"the event could not be resolved for {who} (no date ties it to an event), so these may be different events"
