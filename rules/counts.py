"""CT: counts and amounts of the same thing across articles."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from checker.align import CountKey, UnionFind, overlap_ratio
from checker.findings import Finding, Severity, Status
from checker.model import Claim, ClaimKind

from .base import Option, Rule, RuleContext
from .compare import compare, short_id, sides_text

_CONTEXT_TYPES = ("place", "organisation", "person")


def _context(ctx: RuleContext, claim: Claim) -> set[str]:
    return ctx.alignment.entities_near(claim, _CONTEXT_TYPES)


def _places(ctx: RuleContext, claim: Claim) -> set[str]:
    return ctx.alignment.entities_near(claim, ("place",))


def _event_of(ctx: RuleContext, claim: Claim) -> str | None:
    event = ctx.events.event_for(claim)
    return event.id if event else None


def _same_story(ctx: RuleContext, a: Claim, b: Claim, min_overlap: float) -> bool:
    """Do two figures about the same thing speak about the same happening?

    Their sentences must share context (places, people, organisations), must not name
    different places only, and, when both are tied to events, must be tied to the same one.
    """
    ea, eb = _event_of(ctx, a), _event_of(ctx, b)
    if ea and eb and ea != eb:
        return False
    pa, pb = _places(ctx, a), _places(ctx, b)
    if pa and pb and not (pa & pb):
        return False
    ca, cb = _context(ctx, a), _context(ctx, b)
    if ea and ea == eb:
        return True
    return overlap_ratio(ca, cb) >= min_overlap


def _components(ctx: RuleContext, claims: Sequence[Claim], min_overlap: float) -> list[list[Claim]]:
    """Group claims (of several articles) that speak about the same happening."""
    sets = UnionFind(len(claims))
    for i in range(len(claims)):
        for j in range(i + 1, len(claims)):
            if claims[i].article != claims[j].article and _same_story(ctx, claims[i], claims[j], min_overlap):
                sets.union(i, j)
    groups = [[claims[i] for i in members] for members in sets.groups()]
    return [g for g in groups if len({c.article for c in g}) > 1]


def _topic(key: CountKey, claims: Sequence[Claim], ctx: RuleContext) -> str:
    places: dict[str, int] = defaultdict(int)
    for claim in claims:
        for p in _places(ctx, claim):
            places[p] += 1
    where = ""
    if places:
        best = max(places.items(), key=lambda kv: (kv[1], kv[0]))
        where = f" ({best[0]})"
    return f"count of {key.label()}{where}"


class CountMismatch(Rule):
    """Sources give incompatible figures for the same count or amount.

    **What it checks**: quantities are aligned on what they count (the counted thing,
    singular and with equivalent terms merged: "vessels" ~ "ships"), their unit, what
    happened to the people counted ("killed", "injured") and the context of their sentence
    (places, people and organisations, and the event they are tied to). Figures of different
    articles about the same thing in the same story are compared as intervals: "more than
    1,000" and "1,200" agree, "about 300" and "more than 1,000" conflict. Figures within one
    article are never compared with each other (they usually count different things).

    **Why it matters**: counts (casualties, shipments, troops) are the facts most often
    updated, rounded or garbled between outlets.

    **Conflicting example**::

        A: North Korea has delivered more than 1,000 containers to Russia.
        B: North Korea has delivered about 300 containers to Russia.

    **Agreeing example**::

        A: more than 1,000 containers ...   B: some 1,200 containers ...

    **Options**: ``min_context_overlap`` (share of context entities two sentences must have
    in common to speak about the same story, default 0.5).
    """

    code = "CT01"
    name = "count-mismatch"
    summary = "Sources give incompatible figures for the same count or amount"
    severity = Severity.ERROR
    groups = ("counts",)
    consumes = ("quantity",)
    options = (Option("min_context_overlap", float, 0.5,
                      "share of context entities two sentences must share to speak about the same story"),)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        blocks: dict[CountKey, list[Claim]] = defaultdict(list)
        for claim in ctx.claims:
            key = ctx.alignment.count_key(claim)
            if key is not None:
                blocks[key].append(claim)
        min_overlap = float(self.values["min_context_overlap"])
        for key in sorted(blocks, key=lambda k: (k.thing, k.unit or "", k.role or "")):
            claims = blocks[key]
            if len({c.article for c in claims}) < 2:
                continue
            for group in _components(ctx, claims, min_overlap):
                group.sort(key=lambda c: (c.article, c.start))
                topic = _topic(key, group, ctx)
                result = compare(group)
                event = next((e for e in (_event_of(ctx, c) for c in group) if e), None)
                dates = sorted({d for d in (ctx.alignment.articles[c.article].published for c in group) if d})
                if result.conflict:
                    message = f"Incompatible figures: {sides_text(group)}."
                    if len(dates) > 1 and (dates[-1] - dates[0]).days >= 1:
                        message += (f" The reports were published {(dates[-1] - dates[0]).days} day(s) apart"
                                    " (the later may be an update).")
                    yield self.finding(ctx, Status.CONFLICT, topic, message, group, 0.75, event=event)
                else:
                    yield self.finding(ctx, Status.AGREEMENT, topic, f"Figures agree: {sides_text(group, ' and ')}.",
                                       group, 0.75, event=event)


class RelatedCounts(Rule):
    """Figures about one activity are stated in different units: shown together for review.

    **What it checks**: counts whose things are related but not equivalent in the unit table
    (shipments counted as containers, vessels or journeys; casualties as deaths or injuries)
    and whose sentences share context are gathered into one ``variant`` finding, so an
    editor sees every figure of the activity side by side.

    **Why it matters**: "more than 1,000 containers" and "300 vessels" may describe the same
    shipments; no rule can convert between them, but a reader must not see only one.

    **Conflicting example** (reported as a variant for review)::

        A: more than 1,000 containers of military equipment were delivered to Russia.
        B: 300 vessels were transported from Nanjin to Dunay.
        C: at least six journeys by sea between the two nations.

    **Agreeing example**: figures stated in the same unit go to CT01 instead.

    **Options**: ``min_context_overlap`` (default 0.5, as in CT01).
    """

    code = "CT02"
    name = "related-counts"
    summary = "Figures about one activity are stated in different units"
    severity = Severity.INFO
    groups = ("counts",)
    consumes = ("quantity",)
    options = (Option("min_context_overlap", float, 0.5,
                      "share of context entities two sentences must share to speak about the same story"),)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        groups: dict[str, list[Claim]] = defaultdict(list)
        for claim in ctx.claims:
            if claim.kind is not ClaimKind.QUANTITY or claim.unit == "percent":
                continue
            key = ctx.alignment.count_key(claim)
            if key is None:
                continue
            group = ctx.alignment.units.group(key.thing)
            if group:
                groups[group].append(claim)
        min_overlap = float(self.values["min_context_overlap"])
        for name in sorted(groups):
            claims = groups[name]
            for component in _components(ctx, claims, min_overlap):
                things = sorted({ctx.alignment.thing(c) or "" for c in component})
                if len(things) < 2:
                    continue
                component.sort(key=lambda c: (c.article, c.start))
                topic = f"{name}: figures in different units ({', '.join(things)})"
                message = (f"The {name} are counted in different units: {sides_text(component)}; "
                           "they cannot be compared without a conversion, review them together.")
                yield self.finding(ctx, Status.VARIANT, topic, message, component, 0.6,
                                   event=next((e for e in (_event_of(ctx, c) for c in component) if e), None))


__all__ = ["CountMismatch", "RelatedCounts", "short_id"]
