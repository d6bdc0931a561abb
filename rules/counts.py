"""CT: counts and amounts of the same thing across articles."""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Generic, TypeVar

import regex

from checker.align import CountKey, overlap_ratio
from checker.extractors.entities import is_country
from checker.findings import Finding, Severity, Status
from checker.model import Claim, ClaimKind
from checker.values import Interval, display, interval_of

from .base import Option, Rule, RuleContext
from .compare import compare, short_id, sides_text

T = TypeVar("T")

_CONTEXT_TYPES = ("place", "organisation", "person")


def _context(ctx: RuleContext, claim: Claim) -> set[str]:
    return ctx.alignment.entities_near(claim, _CONTEXT_TYPES)


def _places(ctx: RuleContext, claim: Claim) -> set[str]:
    return ctx.alignment.entities_near(claim, ("place",))


_LOCAL_PLACE = regex.compile(r"\b(?:in|at|near|from)\s+(?:the\s+)?(?:[\p{Ll}-]+\s+){0,3}(?:of\s+)?$")
_CLAUSE_BREAK = regex.compile(r"[,;:()]|\s(?:and|but|while|whereas)\s+\p{Ll}")
_COORDINATED = regex.compile(r"^\s*(?:,\s*and|,|and|or)\s+$")
_ADJECTIVAL = regex.compile(r"^\s+[a-z]")


def _local_places(ctx: RuleContext, claim: Claim) -> tuple[set[str], bool]:
    """Where a figure happened, and whether the text says so explicitly.

    Explicit: the first place after the figure in its clause, introduced by "in", "at", "near"
    or "from" ("247 people in Kenya and 10 in Tanzania", "killed when a shell hit a school in
    Khan Younis"), with the places coordinated with it. Otherwise the places of the sentence,
    without abbreviations used as adjectives ("U.S. embassies" is not where people died).
    """
    entities = [e for e in ctx.alignment.entities_in_sentence(claim) if (e.subject or "other") == "place"]
    text = ctx.alignment.articles[claim.article].text if claim.article in ctx.alignment.articles else ""
    following = sorted((e for e in entities if e.start >= claim.end), key=lambda e: e.start)
    if following:
        first = following[0]
        between = text[claim.end:first.start]
        if first.start - claim.end <= 100 and not _CLAUSE_BREAK.search(between) and _LOCAL_PLACE.search(between):
            local = {first.canonical or first.text}
            for prev, e in itertools.pairwise(following):
                if not _COORDINATED.match(text[prev.end:e.start]):
                    break
                local.add(e.canonical or e.text)
            return local - _appositions(following, text), True
    out = set()
    for e in entities:
        if "." in e.text and e.text.replace(".", "").isupper() and _ADJECTIVAL.match(text[e.end:e.end + 3]):
            continue
        out.add(e.canonical or e.text)
    return out - _appositions(entities, text), False


def _appositions(places: Sequence[Claim], text: str) -> set[str]:
    """Countries that only say where the place before them is ("Kathmandu, Nepal", "Nairobi,
    Kenya"): "killed 988 people in Kathmandu, Nepal" happened where "killed 395 in Kathmandu" did."""
    ordered = sorted(places, key=lambda e: e.start)
    out = set()
    for prev, e in itertools.pairwise(ordered):
        name, before = e.canonical or e.text, prev.canonical or prev.text
        if is_country(name) and not is_country(before) and text[prev.end:e.start] == ", ":
            out.add(name)
    return out


def _event_of(ctx: RuleContext, claim: Claim) -> str | None:
    event = ctx.events.event_for(claim)
    return event.id if event else None


class _Memo(Generic[T]):
    """One feature of claims, computed once per claim (by identity: the claims outlive the rule run)."""

    __slots__ = ("compute", "values")

    def __init__(self, compute: Callable[[Claim], T]) -> None:
        self.compute = compute
        self.values: dict[int, T] = {}

    def __call__(self, claim: Claim) -> T:
        key = id(claim)
        values = self.values
        if key in values:
            return values[key]
        value = values[key] = self.compute(claim)
        return value


class _Features:
    """What :func:`_same_story` and :func:`_same_fact` read of each claim, computed once per
    claim and rule run: comparing figures pairwise then costs set comparisons, not sentence scans."""

    def __init__(self, ctx: RuleContext) -> None:
        self.event: _Memo[str | None] = _Memo(lambda c: _event_of(ctx, c))
        self.local_places: _Memo[frozenset[str]] = _Memo(lambda c: frozenset(_local_places(ctx, c)[0]))
        self.places: _Memo[set[str]] = _Memo(lambda c: _places(ctx, c))
        self.context: _Memo[set[str]] = _Memo(lambda c: _context(ctx, c))
        self.predicate: _Memo[frozenset[str]] = _Memo(_predicate)
        self.scope: _Memo[tuple[bool, bool]] = _Memo(_scope)
        self.years: _Memo[frozenset[str]] = _Memo(_years)
        self.signature: _Memo[tuple[object, ...]] = _Memo(lambda c: (
            _published(ctx, c), self.event(c), self.local_places(c), frozenset(self.places(c)),
            frozenset(self.context(c)), self.predicate(c), self.scope(c), self.years(c), c.subject))
        """Everything :func:`_same_story` and :func:`_same_fact` read of a claim: two claims of
        one signature compare alike with any third."""


# Reports further apart than this speak of different moments (a toll of 1998 is not one of 2004).
MAX_DAYS_APART = 60


def _same_time(ctx: RuleContext, a: Claim, b: Claim) -> bool:
    """Can two figures be of the same moment? Not if one article is dated and the other is not
    (nothing ties the undated one to that moment), nor if they were published months apart."""
    da, db = _published(ctx, a), _published(ctx, b)
    if (da is None) != (db is None):
        return False
    return da is None or db is None or abs((da - db).days) <= MAX_DAYS_APART


def _published(ctx: RuleContext, claim: Claim) -> dt.date | None:
    """The publication date of a claim's article (``None``: undated or not in the corpus)."""
    article = ctx.alignment.articles.get(claim.article)
    return article.published if article is not None else None


def _same_story(ctx: RuleContext, a: Claim, b: Claim, min_overlap: float, same_places: bool = False,
                features: _Features | None = None) -> bool:
    """Do two figures about the same thing speak about the same happening?

    Their sentences must share context (places, people, organisations), must not name
    different places only, and, when both are tied to events, must be tied to the same one.
    With ``same_places`` (figures to be compared), the places where the figures happened must
    be the same: a toll in Tanzania is not the toll in Kenya and Tanzania.
    """
    f = features or _Features(ctx)
    ea, eb = f.event(a), f.event(b)
    if ea and eb and ea != eb:
        return False
    # Figures are compared only where the text places them in the same places: "247 in
    # Kenya" is not the toll of "the attacks in Nairobi and Dar es Salaam".
    if same_places and f.local_places(a) != f.local_places(b):
        return False
    if same_places and not _same_time(ctx, a, b):
        return False
    pa, pb = f.places(a), f.places(b)
    if pa and pb and not (pa & pb):
        return False
    ca, cb = f.context(a), f.context(b)
    if ea and ea == eb:
        return True
    return overlap_ratio(ca, cb) >= min_overlap


def _related(ctx: RuleContext, claims: Sequence[Claim], min_overlap: float) -> list[list[Claim]]:
    """Figures about one happening, grouped without chains: a figure joins the first group in
    which every figure of another article speaks about the same story (:func:`_same_story`)
    and was published within MAX_DAYS_APART of it; groups of one article are left out.

    Linking pairs into connected components instead chained unrelated stories through names
    they share ("Russia", a capital): on 100,000 articles one group held 2,668 figures."""
    features = _Features(ctx)
    groups: list[list[Claim]] = []
    distinct: list[_Distinct] = []  # per group, the members a figure is compared with
    index: _GroupIndex[tuple[str, str]] = _GroupIndex()
    current, first_own = None, 0
    for claim in sorted(claims, key=lambda c: (c.article, c.start)):
        if claim.article != current:
            current, first_own = claim.article, len(groups)
        keys = _story_keys(claim, features)
        # The groups made since this article began hold its figures only, and a group takes a
        # figure only with a figure of another article in it: they are never candidates (an
        # article listing thousands of figures of one story made every figure scan them all).
        candidates = (_merged(*index.before(keys, first_own)) if min_overlap > 0
                      else iter(range(first_own)))

        def accepts(index: int, claim: Claim = claim) -> bool:
            others = [m for m in distinct[index].members if m.article != claim.article]
            return bool(others) and all(
                _same_time(ctx, claim, m) and _same_story(ctx, claim, m, min_overlap, False, features)
                for m in others)

        joined, new = _join_first(groups, claim, candidates, accepts)
        if new:
            distinct.append(_Distinct())
        distinct[joined].add(claim, features)
        for key in keys:
            index.add(key, joined)
    return [g for g in groups if len({c.article for c in g}) > 1]


K = TypeVar("K")


class _GroupIndex(Generic[K]):
    """The groups that have a member under a key, as ascending lists of group indices."""

    def __init__(self) -> None:
        self._lists: dict[K, list[int]] = defaultdict(list)
        self._seen: set[tuple[K, int]] = set()

    def add(self, key: K, group: int) -> None:
        if (key, group) not in self._seen:
            self._seen.add((key, group))
            bisect.insort(self._lists[key], group)

    def under(self, keys: Iterable[K]) -> list[list[int]]:
        return [self._lists.get(key, []) for key in keys]

    def has(self, key: K, group: int) -> bool:
        return (key, group) in self._seen

    def count_before(self, keys: Iterable[K], stop: int) -> int:
        """How many entries :meth:`before` gives (a group under several keys counted in each)."""
        return sum(bisect.bisect_left(self._lists[key], stop) for key in keys if key in self._lists)

    def before(self, keys: Iterable[K], stop: int) -> list[Iterable[int]]:
        """The groups under ``keys`` with an index below ``stop``, as ascending iterables."""
        out: list[Iterable[int]] = []
        for key in keys:
            groups = self._lists.get(key)
            if groups:
                out.append(groups if groups[-1] < stop else itertools.islice(groups, bisect.bisect_left(groups, stop)))
        return out


def _join_first(groups: list[list[Claim]], claim: Claim, candidates: Iterable[int],
                accepts: Callable[[int], bool]) -> tuple[int, bool]:
    """Add ``claim`` to the first candidate group that accepts it (``accepts`` is given the
    group's index), else to a new group; returns the group's index and whether it is new."""
    for index in candidates:
        if accepts(index):
            groups[index].append(claim)
            return index, False
    groups.append([claim])
    return len(groups) - 1, True


def _story_keys(claim: Claim, f: _Features) -> list[tuple[str, str]]:
    """What two figures about the same story share: their event, or a context entity."""
    event = f.event(claim)
    keys = [("context", name) for name in sorted(f.context(claim))]
    return [("event", event), *keys] if event else keys


_STOPWORDS = frozenset("""a an the of to in on at by for from with and or but as is are was were be been being has
have had do does did it its this that these those there their they he she his her him we our you your
who which whom whose what when where while than then so not no nor also just only more less most least
about around some nearly almost over under up down into onto out after before since until during
said says told according would will could can may might shall should must one two three four five
six seven eight nine ten dozen dozens hundred hundreds thousand thousands million millions billion""".split())
_TOTAL = regex.compile(r"\b(?:total|totall?ing|in all|altogether|combined|overall|cumulative|so far|to date|tally|"
                       r"across|throughout|nationwide|worldwide)\b", regex.I)
_RATE = regex.compile(r"\b(?:each|every|per|average\w*|a year|a day|a week|a month|a season|a game|annually|"
                      r"record|career|history|ever|all-time|lifetime)\b", regex.I)
_WORD = regex.compile(r"[\p{L}][\p{L}'-]*")


def _window(claim: Claim, before: int = 70, after: int = 70) -> tuple[str, str]:
    offset = claim.start - claim.sentence_start
    return (claim.sentence[max(0, offset - before):offset],
            claim.sentence[offset + len(claim.text):offset + len(claim.text) + after])


def _predicate(claim: Claim) -> frozenset[str]:
    """Content words around a figure (what is said about it: "delivered ... equipment"), as stems;
    names, numbers and function words left out."""
    left, right = _window(claim)
    words = _WORD.findall(left)[-8:] + _WORD.findall(right)[:8]
    return frozenset(w.lower()[:5] for w in words
                     if w[0].islower() and w.lower() not in _STOPWORDS and len(w) > 2)


def _scope(claim: Claim) -> tuple[bool, bool]:
    """Is the figure a total ("a total of 31 magazines") or a rate/record ("in each of five seasons")?"""
    left, right = _window(claim, 40, 40)
    around = f"{left} {claim.text} {right}"
    return bool(_TOTAL.search(around)), bool(_RATE.search(around))


def _same_fact(a: Claim, b: Claim, role: str | None, f: _Features) -> bool:
    """Two figures state the same fact: same scope and years, and the same thing is said about
    them (a role like "killed", or content words in common around the figures: three, or half
    of the fewer)."""
    if f.scope(a) != f.scope(b) or f.years(a) != f.years(b):
        return False
    if role is not None:
        return True
    thing = {w.lower()[:5] for w in _WORD.findall(a.subject or "")} | {w.lower()[:5] for w in _WORD.findall(b.subject or "")}
    pa, pb = f.predicate(a) - thing, f.predicate(b) - thing
    shared = len(pa & pb)
    return shared >= 3 or (shared >= 1 and shared >= 0.5 * min(len(pa), len(pb)))


_YEAR = regex.compile(r"\b(?:1[89]|20)\d\d\b")


def _years(claim: Claim) -> frozenset[str]:
    """Years named near a figure ("the 2004 tsunami that killed 168,000"): a figure about
    another year is another fact."""
    return frozenset(_YEAR.findall(claim.sentence.replace(claim.text, " ")))


def _cliques(ctx: RuleContext, claims: Sequence[Claim], min_overlap: float,
             role: str | None = None) -> list[list[Claim]]:
    """Group figures to compare: a figure joins a group only if it speaks about the same
    happening as every member from other articles (no chains A~B~C), and a group keeps at most
    one value per article (two figures of one article count different things)."""
    groups: list[list[Claim]] = []
    features = _Features(ctx)
    # Only groups with a member placed where the claim is (same local places) and published
    # within MAX_DAYS_APART of it (or, for an undated claim, undated), both conditions of
    # _same_story with same_places, or groups made of the claim's own article, can take it:
    # the others are skipped unvisited, in the same order, so that cost stays near-linear.
    # Groups are indexed by place and by window of publication dates (MAX_DAYS_APART + 1 days
    # wide: a date within MAX_DAYS_APART of the claim's is in its window or a neighbour).
    index: _GroupIndex[tuple[frozenset[str], int | None]] = _GroupIndex()
    # With min_overlap > 0, _same_story holds only for figures tied to the same event or sharing
    # a context name (_story_keys): a group of another article can take a figure only if its
    # figures share such a key with it. Groups are indexed by these keys too, and a figure visits
    # only the groups under both its place-and-window keys and its story keys, walking the
    # shorter of the two lists and looking the other up (on 100,000 articles a place and window
    # held thousands of groups; two articles listing thousands of figures each made every
    # figure of the second walk every group of the first).
    by_key: _GroupIndex[tuple[str, str]] = _GroupIndex()
    # The groups made since the claim's article began hold its figures only, all of one value
    # (a group keeps one value per article), so only the one of the claim's value can take it:
    # it is looked up by value, and the others are left out of the indexes' lists (an article
    # listing thousands of different figures of one count made every figure scan them all).
    own: dict[Interval | None, int] = {}
    held: list[dict[str, Interval | None]] = []  # per group: the value of each article in it
    distinct: list[_Distinct] = []  # per group, the members a figure is compared with
    current, first_own = None, 0
    for claim in sorted(claims, key=lambda c: (c.article, c.start)):
        if claim.article != current:
            current, own, first_own = claim.article, {}, len(groups)
        value = interval_of(claim)
        where = features.local_places(claim)
        window = _date_window(ctx, claim)
        windows = (None,) if window is None else (window - 1, window, window + 1)
        keys = _story_keys(claim, features)
        places = [(where, w) for w in windows]

        def accepts(index: int, claim: Claim = claim, value: Interval | None = value) -> bool:
            if held[index].get(claim.article, value) != value:
                return False
            return all(m.article == claim.article or (_same_story(ctx, claim, m, min_overlap, True, features)
                                                      and _same_fact(claim, m, role, features))
                       for m in distinct[index].members)

        earlier: Iterable[int]
        if min_overlap <= 0:
            earlier = _merged(*index.before(places, first_own))
        elif index.count_before(places, first_own) <= by_key.count_before(keys, first_own):
            earlier = (g for g in _merged(*index.before(places, first_own)) if any(by_key.has(k, g) for k in keys))
        else:
            earlier = (g for g in _merged(*by_key.before(keys, first_own)) if any(index.has(p, g) for p in places))
        mine = [own[value]] if value in own else []
        joined, new = _join_first(groups, claim, _merged(mine, earlier), accepts)
        if new:
            own[value] = joined
            held.append({})
            distinct.append(_Distinct())
        distinct[joined].add(claim, features)
        held[joined][claim.article] = value
        for key in keys:
            by_key.add(key, joined)
        index.add((where, window), joined)
    return [g for g in groups if len({c.article for c in g}) > 1]


class _Distinct:
    """The members of a group that figures are compared with: of the members of one article
    that compare alike (one signature, :attr:`_Features.signature`: the same places, context,
    words around the figure...), the first. Members alike give the same answer: an article
    repeating one figure in the same words a thousand times had made every figure of another
    article compare with each repeat. A signature is computed only for an article with two
    members in the group."""

    __slots__ = ("_first", "_signatures", "members")

    def __init__(self) -> None:
        self.members: list[Claim] = []
        self._first: dict[str, Claim] = {}
        self._signatures: dict[str, set[tuple[object, ...]]] = {}

    def add(self, claim: Claim, features: _Features) -> None:
        first = self._first.setdefault(claim.article, claim)
        if first is claim:
            self.members.append(claim)
            return
        seen = self._signatures.get(claim.article)
        if seen is None:
            seen = self._signatures[claim.article] = {features.signature(first)}
        signature = features.signature(claim)
        if signature not in seen:
            seen.add(signature)
            self.members.append(claim)


def _date_window(ctx: RuleContext, claim: Claim) -> int | None:
    """The window of publication dates of a claim's article (``None``: undated)."""
    published = _published(ctx, claim)
    return None if published is None else published.toordinal() // (MAX_DAYS_APART + 1)


def _merged(*lists: Iterable[int]) -> Iterator[int]:
    """The union of ascending lists of indices, ascending, each index once."""
    last = -1
    for index in heapq.merge(*lists):
        if index != last:
            last = index
            yield index


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
    (places, people and organisations, and the event they are tied to). Two figures are
    compared only when they state the same fact: the same places ("247 in Kenya" is not the
    toll of Kenya and Tanzania), the same scope (a total is not one operation's figure, a
    per-season rate is not a count), the same years, and the same thing said about them (a
    role such as "killed", or content words in common). Figures are compared as intervals:
    "more than 1,000" and "1,200" agree, "about 300" and "more than 1,000" conflict; vague
    words ("several", "dozens") are read loosely. A toll that only rises from one day's
    report to a later one is reported as a ``variant`` (an update), not a conflict. Figures
    within one article are never compared with each other, nor figures of a dated and an
    undated article or of reports published more than 60 days apart. Ages, times, sports statistics
    and model numbers ("FireWire 800 port") are not counts and are left out.

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
        for claim in ctx.claims_of(ClaimKind.QUANTITY):
            key = ctx.alignment.count_key(claim)
            if key is not None:
                blocks[key].append(claim)
        min_overlap = float(self.values["min_context_overlap"])
        for key in sorted(blocks, key=lambda k: (k.thing, k.unit or "", k.role or "")):
            claims = blocks[key]
            if len({c.article for c in claims}) < 2:
                continue
            for group in _cliques(ctx, claims, min_overlap, key.role):
                group.sort(key=lambda c: (c.article, c.start))
                topic = _topic(key, group, ctx)
                result = compare(group)
                event = next((e for e in (_event_of(ctx, c) for c in group) if e), None)
                dates = sorted({d for d in (ctx.alignment.articles[c.article].published for c in group) if d})
                if result.conflict and _is_toll(key) and _rising(ctx, result.disjoint):
                    message = (f"The figure changed between reports published on different days, each later "
                               f"report higher: {_by_date(ctx, group)}; an updated toll, not a conflict.")
                    yield self.finding(ctx, Status.VARIANT, topic, message, group, 0.6, event=event,
                                       severity=Severity.INFO)
                elif result.conflict:
                    message = f"Incompatible figures: {sides_text(group)}."
                    if len(dates) > 1 and (dates[-1] - dates[0]).days >= 1:
                        message += (f" The reports were published {(dates[-1] - dates[0]).days} day(s) apart"
                                    " (the later may be an update).")
                    yield self.finding(ctx, Status.CONFLICT, topic, message, group, 0.75, event=event)
                else:
                    yield self.finding(ctx, Status.AGREEMENT, topic, f"Figures agree: {sides_text(group, ' and ')}.",
                                       group, 0.75, event=event)


_TOLL_ROLES = frozenset({"killed", "injured", "missing", "arrested", "evacuated", "rescued"})


def _is_toll(key: CountKey) -> bool:
    return key.role in _TOLL_ROLES or key.thing in ("death", "injury", "casualty", "fatality")


def _rising(ctx: RuleContext, disjoint: Sequence[tuple[Claim, Claim]]) -> bool:
    """Is every disagreement explained by time: the later report gives the higher figure?"""
    for a, b in disjoint:
        da, db = ctx.alignment.articles[a.article].published, ctx.alignment.articles[b.article].published
        ia, ib = interval_of(a), interval_of(b)
        if da is None or db is None or da == db or ia is None or ib is None:
            return False
        early, late = (ia, ib) if da < db else (ib, ia)
        if not early.high <= late.low:
            return False
    return True


def _by_date(ctx: RuleContext, claims: Sequence[Claim]) -> str:
    def when(c: Claim) -> str:
        published = ctx.alignment.articles[c.article].published
        return published.isoformat() if published else "undated"

    ordered = sorted(claims, key=lambda c: (when(c), c.article, c.start))
    return ", ".join(f"{display(c)} ({short_id(c.article)}, {when(c)})" for c in ordered)


class RelatedCounts(Rule):
    """Figures about one activity are stated in different units: shown together for review.

    **What it checks**: counts whose things are related but not equivalent in the unit table
    (shipments counted as containers, vessels or journeys; casualties as deaths or injuries)
    and whose sentences share context are gathered into one ``variant`` finding, so an
    editor sees every figure of the activity side by side. Every figure of a group speaks
    about the same story as each figure of the other articles in it (no chains through a
    name they happen to share), and their reports were published within 60 days.

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
        for claim in ctx.claims_of(ClaimKind.QUANTITY):
            if claim.unit == "percent":
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
            for component in _related(ctx, claims, min_overlap):
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
