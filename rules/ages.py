"""AG: the age of a person, named or not, compared across articles."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from checker.findings import Finding, Severity, Status
from checker.model import Claim, ClaimKind
from checker.ruleapi import FEMALE_ROLES, MALE_ROLES, ORG, PLACE, plural

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
    years = _years(claim.unit, claim.low, claim.high)
    return _Age(claim, *years) if years is not None else None


@lru_cache(maxsize=4096, typed=True)
def _years(unit: str | None, low: object, high: object) -> tuple[float, float] | None:
    """The bounds in years of an age of ``unit`` from ``low`` to ``high`` (see :class:`_Age`),
    or ``None`` (no unit of time, no number): read once per value (ages are compared pair by pair)."""
    per = _PER_YEAR.get(unit or "")
    if per is None or not isinstance(low, float):
        return None
    top = high if isinstance(high, float) else low
    return (low / per, (top + 1) / per)


class AgeMismatch(Rule):
    """Sources give different ages for the same person.

    **What it checks**: ages tied to a named person ("Nicholas Lindsay, 25,", "25-year-old
    Nicholas Lindsay", "Lindsay, 26," after the full name, "aged 25") are compared across
    articles, person by person. The person is the name entity grouping gave the spellings
    across the corpus; a surname alone is the person of that surname when the corpus names
    only one ("Lindsay" and "Nicholas Lindsay"), and a name without its middle name is the
    person with it when only one has it ("Christopher Duncan", "Christopher Lee Duncan").
    A short and a long form of one first name ("Alexis" and "Alexandros Grigoropoulos": the
    same first four letters; "Jim" and "James Oler": a known English short form) are one
    person when the story names no third first name of that
    surname and their ages agree; otherwise people of one surname and different first names
    are different people, never compared. A full name given the same age in two stories is
    one person (the stories split one happening, or report it again); a name given different
    ages in two stories is not compared (a namesake in another happening, or the same person
    in a report of another year).

    Ages of **unnamed people** ("a 15-year-old boy", "the 15-year-old's post-mortem", "two
    girls, ages 12 and 15") are compared only where the alignment is unambiguous:

    - an unnamed age is the named person's of its story when exactly one named person there
      is given that same age (and no other sex: "boy", "man", "son" are male, "girl",
      "woman", "daughter" female, "teenager", "victim", a nominal "the 16-year-old" either);
      failing one there, it is the person its article names (anywhere) when exactly one of
      the people it names is given that age elsewhere ("the 15-year-old's post-mortem" in an
      article naming Alexis Grigoropoulos, "Alexis Grigoropoulos, 15" in another story);
    - the others are grouped by story and sex (an age of either sex joins the one sex of the
      story given that age); stories that give a named person one and the same age speak of
      the same people at the same time, and their groups are one. When every article gives
      one age for the group, they are one person: the same age is an agreement, ages at most
      two years apart (the option below) a conflict ("the 11-year-old girl" vs "a 12-year-old
      girl") if the articles are of one story, ages further apart two people (a victim of 25
      and a suspect of 40), not compared. When an article gives several ages for the group
      (two girls, victims of 15 and 17), each age that several articles give is an
      agreement, and which one is which is not said; but an age that one article alone
      gives, and only in a definite description ("the 11-year-old girl": someone the story
      already knows), conflicts with the one age within two years of it that two or more
      other articles give ("a 12-year-old girl"). An indefinite one ("a 13-year-old girl
      also testified") may be someone new and is not compared.

    **Why it matters**: the age of a victim or a suspect is among the first facts an editor
    checks; outlets often get it wrong, or copy an age that has since changed.

    **Conflicting example**::

        A: Police identified the victim as Nicholas Lindsay, 25, of Chicago.
        B: Lindsay, 26, died at the scene.        (B also names Nicholas Lindsay)

    **Agreeing example**::

        A: The 25-year-old Nicholas Lindsay was shot on Monday.
        B: Nicholas Lindsay, aged 25, died at the scene.
        C: A 25-year-old man died after the shooting on Monday.     (the named man of 25)

    **Not compared**::

        A: Jeffs was sentenced for assaulting a 12-year-old girl.
        B: Jeffs fathered a child with a 15-year-old girl.        (two girls, 3 years apart)

    A person one year older in a report published more than half a year later (the option below; the
    victim's age at the trial a year on) is an update, reported as a ``variant``, not a
    conflict; so is a difference of as many years as lie between the publication dates. An
    age given by a single article is not reported. When an undated article takes part in
    every disagreement, the conflict has a lower confidence and says the reports may be years
    apart; an age introduced by "then" ("then-15-year-old") is a past age, not compared.

    **Options**: ``update_after_days`` (publication dates further apart than this make an age
    that grew with them an update, default 183); ``undated_confidence`` (confidence of a
    conflict that an undated article takes part in, default 0.5); ``unnamed_gap_years``
    (unnamed people of one role and sex whose ages differ by more than this are two people,
    default 2).
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
        Option("unnamed_gap_years", float, 2.0,
               "unnamed people of one role are one person in conflict only when their ages differ by at most this"),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        ages = [c for c in ctx.claims_of(ClaimKind.QUANTITY) if c.attrs and c.attr("measure") == "age"]
        tied = [c for c in ages if c.attr("person")]
        unnamed = [c for c in ages if not c.attr("person") and c.attr("role")]
        if not tied and not unnamed:
            return
        # The entity claims that name the people of the ages (only those: a corpus has millions).
        wanted = {(c.article, int(at)) for c in tied if (at := c.attr("person_at")) is not None and at.isdigit()}
        named: dict[tuple[str, int], str] = {}
        for article in {article for article, _ in wanted}:  # (the articles of the ages alone: read only those)
            for entity in ctx.alignment.by_article.get(article, ()):
                if entity.kind is ClaimKind.ENTITY and entity.subject not in (PLACE, ORG) \
                        and (article, entity.start) in wanted:
                    named[(article, entity.start)] = entity.canonical or entity.text
        people = {entity.canonical or entity.text for entity in ctx.claims_of(ClaimKind.ENTITY)
                  if entity.subject == "person"}
        persons: list[tuple[str, Claim]] = []
        for claim in tied:
            at = claim.attr("person_at")
            person = named.get((claim.article, int(at))) if at is not None and at.isdigit() else None
            person = person or claim.attr("person") or ""
            people.add(person)
            persons.append((person, claim))
        resolve = _person_resolver(people)
        by_person: dict[tuple[str, str], list[Claim]] = defaultdict(list)
        for person, claim in persons:
            key = resolve(person)
            if key is not None:
                by_person[(key, ctx.story_of(claim.article))].append(claim)
        _merge_name_variants(by_person)
        groups = _across_stories(by_person)
        named_in = _names_of_articles(ctx, {c.article for c in unnamed}, resolve)
        by_role = self._join_unnamed(ctx, unnamed, groups, named_in)
        for group in groups:
            if len({c.article for c in group.claims}) >= 2:
                yield self._verdict(ctx, group.name, group.claims, ("age", group.name))
        for stories, sex in sorted(by_role):
            claims, one_story = by_role[(stories, sex)]
            yield from self._unnamed(ctx, claims, sex, one_story)

    def _join_unnamed(self, ctx: RuleContext, unnamed: Sequence[Claim], groups: Sequence[_Person],
                      named_in: Mapping[str, set[str]]) -> dict[tuple[str, str], tuple[list[Claim], bool]]:
        """Tie each unnamed age to the one named person of its story given that age (and not
        another sex), else to the one person its article names (anywhere) given that age
        elsewhere, in place in ``groups``; the others by story and sex of their role (an age of
        unknown sex goes with the one sex of the story given that age, if any). Stories in
        which a person is given the same age are one for unnamed people: ``{(stories, sex):
        (claims, all of one story)}``."""
        of_story: dict[str, list[_Person]] = defaultdict(list)
        for group in groups:
            for story in sorted(group.stories):
                of_story[story].append(group)
        by_name: dict[str, list[_Person]] = defaultdict(list)
        for group in groups:
            for name in sorted(group.names):
                by_name[name].append(group)
        sex_of = {id(g): {sx for c in g.claims if (sx := _sex(c.attr("role"))) != _ANY} for g in groups}

        def fits(claim: Claim, sex: str, group: _Person) -> bool:
            return (any(_same_age(claim, c) for c in group.claims)
                    and (sex == _ANY or not sex_of[id(group)] or sex_of[id(group)] == {sex}))

        rest: list[tuple[str, Claim]] = []
        for claim in unnamed:
            story = ctx.story_of(claim.article)
            sex = _sex(claim.attr("role"))
            same = [g for g in of_story.get(story, ()) if fits(claim, sex, g)]
            if not same:
                named = {id(g): g for name in sorted(named_in.get(claim.article, ())) for g in by_name.get(name, ())}
                same = [g for g in named.values() if fits(claim, sex, g)]
            if len(same) == 1:
                same[0].claims.append(claim)
                same[0].stories.add(story)
            else:
                rest.append((story, claim))
        cluster = _story_clusters(groups, ctx.story_of)
        by_role: dict[tuple[str, str], list[Claim]] = defaultdict(list)
        for story, claim in rest:
            by_role[(cluster.get(story, story), _sex(claim.attr("role")))].append(claim)
        for story, claim in rest:
            if _sex(claim.attr("role")) != _ANY:
                continue
            at = cluster.get(story, story)
            sexes = [sx for sx in (_MALE, _FEMALE) if any(_same_age(claim, c) for c in by_role.get((at, sx), ()))]
            if len(sexes) == 1:
                by_role[(at, _ANY)].remove(claim)
                by_role[(at, sexes[0])].append(claim)
        return {key: (claims, len({ctx.story_of(c.article) for c in claims}) == 1)
                for key, claims in by_role.items() if claims}

    def _unnamed(self, ctx: RuleContext, claims: Sequence[Claim], sex: str, one_story: bool) -> Iterator[Finding]:
        """The verdicts on the unnamed people of one sex in one story (or stories joined by a
        person of one age): a conflict when every article gives one age, they differ by at most
        ``unnamed_gap_years`` and the articles are of one story; otherwise an agreement per
        age that several articles give."""
        values: dict[str, set[tuple[float, float]]] = defaultdict(set)
        for claim in claims:
            values[claim.article].add(_key(claim))
        if len(values) < 2:
            return
        label = _role_label(claims, sex)
        single = all(len(v) == 1 for v in values.values())
        ages = [a for a in map(_age, claims) if a is not None]
        spread = max(a.low for a in ages) - min(a.low for a in ages) if ages else 0.0
        if single and one_story and 0 < spread <= float(self.values["unnamed_gap_years"]):
            yield self._verdict(ctx, label, claims, ("age", label))
            return
        by_value: dict[tuple[float, float], list[Claim]] = defaultdict(list)
        for claim in claims:
            by_value[_key(claim)].append(claim)
        for value in sorted(by_value):
            group = by_value[value]
            if len({c.article for c in group}) >= 2:
                several = label if single else f"one of {plural(2, label).split(' ', 1)[1]}"
                yield self._verdict(ctx, several, group, ("age", label, age_text(group[0])))
        yield from self._lone_definite(ctx, by_value, label)

    def _lone_definite(self, ctx: RuleContext, by_value: Mapping[tuple[float, float], list[Claim]],
                       label: str) -> Iterator[Finding]:
        """An age that one article alone gives, and only in a definite description ("the
        11-year-old girl": someone the story already knows), conflicts with the one age that
        other articles (two or more) give within ``unnamed_gap_years`` of it ("a 12-year-old
        girl"), when its role may be theirs (not "the 16-year-old suspect" against "a
        17-year-old victim"); an indefinite one ("a 16-year-old girl who saw it") may be someone
        new."""
        gap = float(self.values["unnamed_gap_years"])
        for value in sorted(by_value):
            group = by_value[value]
            articles = {c.article for c in group}
            if len(articles) != 1 or not all(_DEFINITE_BEFORE.search(_before(c)) for c in group):
                continue
            near = [v for v, others in by_value.items() if v != value and abs(v[0] - value[0]) <= gap
                    and len({c.article for c in others} - articles) >= 2]
            if len(near) != 1:
                continue
            others = [c for c in by_value[near[0]] if c.article not in articles]
            if not all(_same_role(c.attr("role"), {o.attr("role") for o in others}) for c in group):
                continue  # "the 16-year-old suspect" and "a 17-year-old victim": two people
            yield self._verdict(ctx, label, [*others, *group], ("age", label, age_text(others[0]), age_text(group[0])))

    def _verdict(self, ctx: RuleContext, person: str, claims: Sequence[Claim], fact: Sequence[str]) -> Finding:
        ages = [a for a in map(_age, claims) if a is not None]
        topic = f"age of {person}"
        values = sorted({age_text(c) for c in claims})
        disjoint = [(a, b) for i, a in enumerate(ages) for b in ages[i + 1:]
                    if a.claim.article != b.claim.article and not (a.low < b.high and b.low < a.high)]
        sides = _sides(claims)
        if not disjoint:
            return self.finding(ctx, Status.AGREEMENT, topic, f"Sources agree on the age of {person}: {sides}.",
                                claims, 0.8, shown_as=age_text, values=values, fact=fact)
        published = {c.article: _published(ctx, c.article) for c in claims}
        after = int(self.values["update_after_days"])
        updates = [_update(a, b, published, after) or _update_as_dated(a, b, ages, published, after)
                   for a, b in disjoint]
        if all(u is not None for u in updates):
            gaps = "; ".join(sorted({u for u in updates if u is not None}))
            return self.finding(
                ctx, Status.VARIANT, topic,
                f"The age of {person} changed between reports published far apart: {sides}; {gaps}: an update, "
                "not a conflict.", claims, 0.7, severity=Severity.INFO, shown_as=age_text, values=values, fact=fact)
        undated = sorted({c.article for pair in disjoint for c in (pair[0].claim, pair[1].claim)
                          if published[c.article] is None})
        if undated and all(published[a.claim.article] is None or published[b.claim.article] is None
                           for a, b in disjoint):
            return self.finding(
                ctx, Status.CONFLICT, topic,
                f"Different ages for {person}: {sides}; {', '.join(short_id(a) for a in undated)} "
                f"{'is' if len(undated) == 1 else 'are'} undated, so the ages may come from reports years apart.",
                claims, float(self.values["undated_confidence"]), shown_as=age_text, values=values, fact=fact)
        return self.finding(ctx, Status.CONFLICT, topic, f"Different ages for {person}: {sides}.", claims, 0.8,
                            shown_as=age_text, values=values, fact=fact)


_MALE, _FEMALE, _ANY = "male", "female", "person"


def _sex(role: str | None) -> str:
    """The sex a role noun says ("boy": male), or :data:`_ANY` ("teenager", "victim", none)."""
    if role in MALE_ROLES:
        return _MALE
    if role in FEMALE_ROLES:
        return _FEMALE
    return _ANY


def _same_role(role: str | None, roles: set[str | None]) -> bool:
    """May a person of ``role`` be one of ``roles``? A nominal age ("the 16-year-old") may be
    anyone; otherwise the same role noun, or a role of the same sex ("girl", "daughter")."""
    sex = _sex(role)
    return role in (None, _ANY) or role in roles or (sex != _ANY and any(_sex(r) == sex for r in roles))


def _role_label(claims: Sequence[Claim], sex: str) -> str:
    """How unnamed people are named in findings: "the unnamed girl", "the unnamed boy" (the role
    noun most articles use for that sex), "the unnamed person"."""
    roles = Counter(r for c in claims if (r := c.attr("role")) and _sex(r) == sex and r != _ANY)
    if not roles:
        return "the unnamed person"
    best = sorted(roles.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return f"the unnamed {best}"


_DEFINITE_BEFORE = regex.compile(r"\bthe\s+$", regex.I)


def _before(claim: Claim) -> str:
    """The words of the claim's sentence before it."""
    return claim.sentence[:max(0, claim.start - claim.sentence_start)]


def _key(claim: Claim) -> tuple[float, float]:
    return _years(claim.unit, claim.low, claim.high) or (-1.0, -1.0)


def _same_age(a: Claim, b: Claim) -> bool:
    key = _key(a)
    return key == _key(b) and key != (-1.0, -1.0)


_SHORT_FORMS: dict[str, frozenset[str]] = {short: frozenset(longs.split()) for short, longs in (
    ("jim", "james"), ("jimmy", "james"), ("jamie", "james"), ("bill", "william"), ("billy", "william"),
    ("will", "william"), ("bob", "robert"), ("bobby", "robert"), ("rob", "robert"), ("mike", "michael"),
    ("tom", "thomas"), ("tommy", "thomas"), ("joe", "joseph"), ("dave", "david"), ("dan", "daniel"),
    ("danny", "daniel"), ("dick", "richard"), ("rick", "richard"), ("ed", "edward edwin"), ("ted", "edward"),
    ("tony", "anthony"), ("steve", "steven stephen"), ("ben", "benjamin"), ("sam", "samuel samantha"),
    ("matt", "matthew"), ("pat", "patrick patricia"), ("nick", "nicholas"), ("andy", "andrew"), ("alex", "alexander"),
    ("greg", "gregory"), ("jeff", "jeffrey"), ("larry", "lawrence"), ("jack", "john"), ("johnny", "john"),
    ("chuck", "charles"), ("charlie", "charles"), ("hank", "henry"), ("harry", "henry"), ("peggy", "margaret"),
    ("maggie", "margaret"), ("kate", "katherine catherine"), ("katie", "katherine catherine"),
    ("liz", "elizabeth"), ("beth", "elizabeth"), ("sue", "susan"), ("jenny", "jennifer"), ("chris", "christopher"),
)}
"""English short forms of first names that share no four first letters with the full form
("Jim" and "James"): one person with both when the ages agree."""


def _first_name_forms(first_a: str, first_b: str) -> bool:
    """Are two different first names a short and a long form of one name? The same first four
    letters ("Alexis", "Alexandros") or a known short form ("Jim", "James")."""
    if first_a == first_b:
        return False
    a, b = first_a.lower(), first_b.lower()
    if a == b:
        return True  # "LuAnn" and "Luann"
    if len(a) >= 4 and len(b) >= 4 and a[:4] == b[:4]:
        return True
    return b in _SHORT_FORMS.get(a, frozenset()) or a in _SHORT_FORMS.get(b, frozenset())


def _merge_name_variants(by_person: dict[tuple[str, str], list[Claim]]) -> dict[tuple[str, str], set[str]]:
    """Join, in place, the ages of two names of one story that differ only by a short and a long
    form of the first name ("Alexis Grigoropoulos" and "Alexandros Grigoropoulos": the same first
    four letters; or "Jim" and "James", a known short form) when the story has no third first
    name for that surname and the ages agree; two such names with different ages may be two
    relatives, and stay apart. Returns the names joined into each kept one."""
    joined: dict[tuple[str, str], set[str]] = {}
    by_surname: dict[tuple[str, str], list[str]] = defaultdict(list)
    for name, story in by_person:
        words = name.split()
        if len(words) >= 2:
            by_surname[(words[-1], story)].append(name)
    for (_, story), names in sorted(by_surname.items()):
        if len(names) != 2:
            continue
        a, b = sorted(names)
        if not _first_name_forms(a.split()[0], b.split()[0]):
            continue
        merged = by_person[(a, story)] + by_person[(b, story)]
        if len({_key(c) for c in merged}) != 1:
            continue
        keep, drop = sorted((a, b), key=lambda n: (-len({c.article for c in by_person[(n, story)]}), n))
        by_person[(keep, story)] = merged
        del by_person[(drop, story)]
        joined[(keep, story)] = {drop}
    return joined


@dataclass(slots=True)
class _Person:
    """A named person's ages: the name shown, the names that stand for the person, the stories
    the ages come from, the age claims."""

    name: str
    names: set[str]
    stories: set[str]
    claims: list[Claim]


def _one_age(claims: Sequence[Claim]) -> bool:
    return len({_key(c) for c in claims}) == 1


def _across_stories(by_person: dict[tuple[str, str], list[Claim]]) -> list[_Person]:
    """The people of the ages grouped by (name, story), joined across stories: a full name
    stands for one person in two stories that give it the same age (the stories split one
    happening, or report it twice). Two stories that give a name different ages are kept apart:
    they may be reports a year apart (an age that grew) or two namesakes. A short and a long
    first name of one surname are joined across the corpus as within a story."""
    joined = _merge_name_variants(by_person)
    by_name: dict[str, list[_Person]] = defaultdict(list)
    for (name, story), claims in sorted(by_person.items()):
        by_name[name].append(_Person(name, {name} | joined.get((name, story), set()), {story}, list(claims)))
    flat = {(name, ""): [c for p in ps for c in p.claims] for name, ps in by_name.items() if " " in name}
    for (keep, _), dropped in sorted(_merge_name_variants(flat).items()):
        for drop in sorted(dropped):
            for person in by_name.pop(drop):
                person.name = keep
                person.names.add(keep)
                by_name[keep].append(person)
    out: list[_Person] = []
    for name in sorted(by_name):
        clusters: list[_Person] = []
        for person in by_name[name]:
            if " " in name:
                for other in [c for c in clusters if _one_age(c.claims + person.claims)]:
                    clusters.remove(other)
                    person.names |= other.names
                    person.stories |= other.stories
                    person.claims[:0] = other.claims
            clusters.append(person)
        out.extend(clusters)
    return out


def _names_of_articles(ctx: RuleContext, articles: set[str],
                       resolve: Callable[[str], str | None]) -> dict[str, set[str]]:
    """The people each of ``articles`` names (anywhere), as the corpus resolves the names."""
    out: dict[str, set[str]] = defaultdict(set)
    for article in articles:
        for entity in ctx.alignment.by_article.get(article, ()):
            if entity.kind is ClaimKind.ENTITY and entity.subject == "person":
                name = entity.canonical or entity.text
                out[article].add(name)
                if (full := resolve(name)) is not None:
                    out[article].add(full)
    return out


def _story_clusters(groups: Sequence[_Person], story_of: Callable[[str], str]) -> dict[str, str]:
    """Stories that give a named person one and the same age are one for unnamed people (the
    same people at the same time): each such story -> a label of its cluster."""
    parent: dict[str, str] = {}

    def root(story: str) -> str:
        while parent.get(story, story) != story:
            story = parent[story]
        return story

    for group in groups:
        ages: dict[str, set[tuple[float, float]]] = defaultdict(set)
        for claim in group.claims:
            ages[story_of(claim.article)].add(_key(claim))
        ordered = sorted(ages)
        for i, s in enumerate(ordered):
            for t in ordered[i + 1:]:
                if len(ages[s]) == 1 and ages[s] == ages[t] and root(s) != root(t):
                    parent[max(root(s), root(t))] = min(root(s), root(t))
    members: dict[str, list[str]] = defaultdict(list)
    for story in parent:
        members[root(story)].append(story)
    for top in list(members):
        members[top].append(top)
    return {s: "+".join(sorted(set(ms))) for ms in members.values() for s in ms}


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


def _update_as_dated(a: _Age, b: _Age, ages: Sequence[_Age], published: Mapping[str, dt.date | None],
                     after_days: int) -> str | None:
    """:func:`_update` for a pair with an undated side, read as a dated report that gives the
    same age ("Jose Luis Orozco, 27," in an undated report, as in three reports of 2005, against
    "Orozco, 29," at the 2007 verdict)."""
    for undated, other in ((a, b), (b, a)):
        if published[undated.claim.article] is not None:
            continue
        for dated in ages:
            if (published[dated.claim.article] is not None and dated.low == undated.low
                    and dated.high == undated.high):
                why = _update(dated, other, published, after_days)
                if why is not None:
                    return why
    return None


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

    resolved: dict[str, str | None] = {}

    def once(name: str) -> str | None:  # (the names of a corpus's articles repeat)
        if name not in resolved:
            resolved[name] = resolve(name)
        return resolved[name]

    return once
