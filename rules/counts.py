"""CT: counts and amounts of the same thing across articles."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache, partial
from typing import TypeVar

import regex

from checker.findings import Finding, Severity, Status
from checker.model import Claim, ClaimKind
from checker.ruleapi import (
    PEOPLE_MEASURES,
    SHAPE_MEASURES,
    TOLL_MEASURES,
    Frame,
    Interval,
    around,
    display,
    interval_of,
    is_country,
    plural,
    role_in,
    years,
)

from .base import FindingSpec, Rule, RuleContext
from .compare import compare, reading, short_id, sides_text


def _needs(*words: str) -> re.Pattern[str]:
    """The words (in lower case) without one of which a pattern cannot match, for :func:`_may_hold`."""
    return re.compile("|".join(re.escape(word) for word in words))


def _may_hold(text: str, words: re.Pattern[str]) -> bool:
    """Can a pattern, case-insensitive or not, that needs one of ``words`` (:func:`_needs`) match
    the text? Not when it is ASCII and holds none of them in any case (a search of plain words,
    much quicker than the pattern). Other texts are left to the pattern, whose case-insensitive
    matching goes beyond ASCII."""
    return not text.isascii() or words.search(text.lower()) is not None


def _places(ctx: RuleContext, claim: Claim) -> set[str]:
    return ctx.alignment.entities_near(claim, ("place",))


_LOCAL_PLACE = regex.compile(r"\b(?:in|at|near|from)\s+(?:the\s+)?(?:[\p{Ll}-]+\s+){0,3}(?:of\s+)?$")
_LOCAL_PLACE_BEFORE = regex.compile(r"\b(?:in|at|near)\s+(?:the\s+)?(?:\p{Ll}+\s+)?$", regex.I)  # "In neighbouring X"
# Where the clause of a figure ends: punctuation, or a coordinated clause, but for a second figure
# of the same clause ("Five people died and seven were injured in Aceh": both in Aceh).
_CLAUSE_BREAK = regex.compile(r"[,;:()]|\s(?:and|but|while|whereas)\s+(?!(?:one|two|three|four|five|six|seven|eight|"
                              r"nine|ten|eleven|twelve|dozens|scores|hundreds)\b)\p{Ll}")
_COORDINATED = regex.compile(r"^\s*(?:,\s*and|,|and|or)\s+$")
# A place that opens the sentence and whose phrase a comma closes right before the figure: "In
# neighbouring Central Aceh district, 10 people were killed", "In Gaza City, two men died".
_FRONTED_START = regex.compile(r"^\W*(?:in|at|near)\s+(?:the\s+)?(?:\p{Ll}+\s+)?$", regex.I)
_FRONTED_END = regex.compile(r"^(?:\s+\p{Ll}+)?\s*,\s*(?:(?:about|some|around|at\s+least|more\s+than|nearly|almost|"
                             r"only|another)\s+)?$", regex.I)
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
    preceding = sorted((e for e in entities if e.end <= claim.start), key=lambda e: e.start)
    if preceding:
        last = preceding[-1]
        before = text[max(last.start - 30, 0):last.start]
        between = text[last.end:claim.start]
        if claim.start - last.end <= 60 and _LOCAL_PLACE_BEFORE.search(before) and (
                not _CLAUSE_BREAK.search(between)
                or (_FRONTED_END.match(between) and _FRONTED_START.match(text[claim.sentence_start:last.start]))):
            # "a strike in Gaza killed 500"; "In neighbouring Central Aceh district, 10 people were killed"
            return {last.canonical or last.text} - _appositions(preceding, text), True
        first = preceding[0]
        if _FRONTED_START.match(text[claim.sentence_start:first.start]):
            # "In Suka Makmur village a landslide engulfed a coffee plantation, killing one man":
            # the place the sentence opens with is where what it tells happened.
            return {first.canonical or first.text}, True
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


_STOPWORDS = frozenset("""a an the of to in on at by for from with and or but as is are was were be been being has
have had do does did it its this that these those there their they he she his her him we our you your
who which whom whose what when where while than then so not no nor also just only more less most least
about around some nearly almost over under up down into onto out after before since until during
said says told according would will could can may might shall should must one two three four five
six seven eight nine ten dozen dozens hundred hundreds thousand thousands million millions billion""".split())
_TOTAL = regex.compile(r"\b(?:total|totall?ing|in all|altogether|combined|overall|cumulative|so far|to date|tally|"
                       r"across|throughout|(?<!\ban?\s(?:[\p{L}\d-]+\s+){0,3})(?:nationwide|worldwide)|over\s+the\s+weekend|"
                       r"(?:in|over|within)\s+(?:the\s+)?(?:past\s+|last\s+|first\s+)?(?:[\p{L}\d-]+\s+)?"
                       r"(?:hours|days|weeks|months)|(?:in|over|within|during)\s+(?:a|an|the)\s+(?:[\p{L}\d]+-)?"
                       r"(?:hour|day|week|month)s?\s+(?:span|period|stretch))\b", regex.I)  # "7 adults shot in five hours": a spree's total
# Words without one of which _TOTAL cannot match (each of its alternatives holds one).
_TOTAL_WORDS = _needs("total", "in all", "altogether", "combined", "overall", "cumulative", "so far", "to date", "tally",
                      "across", "throughout", "nationwide", "worldwide", "weekend", "hours", "days", "weeks", "months",
                      "span", "period", "stretch")
_RATE = regex.compile(r"\b(?:each|every|per|average\w*|annually|record|career|history|ever|all-time|lifetime)\b"
                      # "$5 a day" is a rate; "a day after three workers died" is a time
                      r"|\ba\s+(?:year|day|week|month|season|game)\b(?!\s+(?:after|before|later|earlier|ago|or\b))",
                      regex.I)
_WORD = regex.compile(r"[\p{L}][\p{L}'-]*")
_ASCII_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")  # _WORD on an ASCII text, with the quicker re


def _words(text: str) -> list[str]:
    """``_WORD.findall(text)``."""
    return _ASCII_WORD.findall(text) if text.isascii() else _WORD.findall(text)


# A figure stated for several happenings at once ("the blasts at the embassies in Kenya and
# Tanzania killed more than 200") is their total: not the figure of one of them.
_SEVERAL_HAPPENINGS = regex.compile(
    r"\b(?:the|both|two|twin|three|these|those|its|their|separate|simultaneous|coordinated)\s+(?:[\p{L}-]+\s+){0,2}"
    r"(?:blasts|bombings|bombs|attacks|explosions|quakes|earthquakes|tremors|shootings|strikes|raids|fires)\b",
    regex.I)
# "West 16th Street and Mermaid Avenue" is one corner, not two places.
_STREET = regex.compile(r"\b(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way|Place|Pl|Court|Ct|"
                        r"Parkway|Pkwy|Highway|Hwy|Square|Sq|Terrace|Circle)\.?$")
_AND_BETWEEN = regex.compile(r"^\s*(?:,\s*)?(?:and|or|&)\s+(?:the\s+)?(?:\p{Ll}+\s+){0,2}$")
# Another moment than the story's: "Earlier that day, a shell hit a house", "the day before".
_OTHER_TIME = regex.compile(
    r"\b(?:earlier\s+that\s+(?:day|week|month)|the\s+(?:day|week|night)\s+before|a\s+(?:day|week)\s+earlier|"
    r"the\s+previous\s+(?:day|week|month|night)|last\s+week|earlier\s+this\s+month|in\s+the\s+past)\b", regex.I)
# A sentence opening on a month ("In May, thieves stole", "Early November, the navy had captured").
_OPENING_MONTH = regex.compile(
    r"^\W*(?:(?:in|on|during|by|early|late|mid|last|earlier|later)[\s-]+(?:early\s+|late\s+|mid-?)?)?"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b(?!\s+\d)", regex.I)
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_MONTH_WORDS = _needs(*(month[:3] for month in _MONTHS))  # (each name of a month of _MONTH_TIME holds its first three letters)
# A month named as the time of what the sentence tells: "In May, thieves stole", "Early November,
# the navy had captured", "struck southern Iran in September", "on Oct. 10".
_MONTH_TIME = regex.compile(
    r"\b(?:(?:in|on|since|during|by|until|early|late|mid|last|this|earlier|later)[\s-]+(?:early\s+|late\s+|mid-?)?)"
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?", regex.I)


# "In a village in Bener Meriah district, one man was killed": the figure of a place inside the
# one named, a part of that place's toll.
_SUB_PLACE = regex.compile(
    r"\b(?i:in|at|inside|near)\s+(?:a|an|one)\s+(?:[\p{Ll}-]+\s+)?(?:village|town|hamlet|house|home|school|mosque|"
    r"church|building|hospital|camp|neighbou?rhood|district)\s+(?:in|of|near|outside)\s+(?:the\s+)?\p{Lu}")


# "six children were killed ... when a mosque collapsed": the toll of one building of a disaster.
_SITE_FELL = regex.compile(
    r"\b(?:when|as|after)\s+(?:a|an|the|their|its)\s+(?:[\p{Ll}-]+\s+)?(?:mosque|school|church|temple|building|house|"
    r"home|hotel|hospital|bridge|wall|roof|dormitory|factory|mine|tower)\s+(?:collapsed|caved\s+in|fell|was\s+hit|"
    r"was\s+struck|was\s+flattened|came\s+down)\b", regex.I)


def _inside(claim: Claim) -> bool:
    """Is the figure said of an unnamed place inside another ("in a village in X"), or of one
    building that fell ("when a mosque collapsed")?"""
    return _inside_sentence(claim.sentence)


# Words without one of which _SUB_PLACE cannot match (its places), and _SITE_FELL (a building and
# what befell it): see :func:`_may_hold`.
_SUB_PLACE_WORDS = _needs("village", "town", "hamlet", "house", "home", "school", "mosque", "church", "building", "hospital",
                          "camp", "neighbo", "district")
_SITES = _needs("mosque", "school", "church", "temple", "building", "house", "home", "hotel", "hospital", "bridge", "wall",
                "roof", "dormitory", "factory", "mine", "tower")
_FELL = _needs("collapsed", "caved", "fell", "hit", "struck", "flattened", "came")


@lru_cache(maxsize=65536)
def _inside_sentence(sentence: str) -> bool:
    """:func:`_inside` of the figures of a sentence (read once per sentence)."""
    return ((_may_hold(sentence, _SUB_PLACE_WORDS) and _SUB_PLACE.search(sentence) is not None)
            or (_may_hold(sentence, _SITES) and _may_hold(sentence, _FELL) and _SITE_FELL.search(sentence) is not None))


def _several(ctx: RuleContext, claim: Claim) -> bool:
    """Is the figure's sentence about several happenings (plural events, coordinated places)?"""
    if _names_several_happenings(claim.sentence):
        return True
    text = ctx.alignment.articles[claim.article].text if claim.article in ctx.alignment.articles else ""
    places = sorted((e for e in ctx.alignment.entities_in_sentence(claim) if (e.subject or "other") == "place"),
                    key=lambda e: e.start)
    return any((a.canonical or a.text) != (b.canonical or b.text) and _AND_BETWEEN.match(text[a.end:b.start])
               and not _STREET.search(a.text) and not _STREET.search(b.text)
               for a, b in itertools.pairwise(places))


@lru_cache(maxsize=65536)
def _names_several_happenings(sentence: str) -> bool:
    """Does the sentence name several happenings ("the blasts at the embassies")? (Read once per sentence.)"""
    return _may_hold(sentence, _HAPPENINGS_WORDS) and _SEVERAL_HAPPENINGS.search(sentence) is not None


# Words without one of which _SEVERAL_HAPPENINGS cannot match (its happenings).
_HAPPENINGS_WORDS = _needs("blasts", "bomb", "attacks", "explosions", "quakes", "tremors", "shootings", "strikes", "raids",
                           "fires")


_SINCE_BEFORE = regex.compile(r"\bsince\b[^,;:()]*$", regex.I)


def _months(claim: Claim) -> frozenset[int]:
    """The months a figure's sentence names as the time of what it tells (1-12)."""
    return _sentence_months(claim.sentence)


@lru_cache(maxsize=65536)
def _sentence_months(sentence: str) -> frozenset[int]:
    """:func:`_months` of the figures of a sentence (read once per sentence)."""
    out: set[int] = set()
    if not _may_hold(sentence, _MONTH_WORDS):
        return frozenset(out)
    for match in _MONTH_TIME.finditer(sentence):
        word = match.group("month").lower()
        if word == "may" and match.group(0)[:1].islower() and not match.group(0).lower().startswith(("in", "early",
                                                                                                    "late", "mid")):
            continue  # "this may", "by may": the verb, not the month
        if _SINCE_BEFORE.search(sentence[max(0, match.start() - 60):match.start()]):
            continue  # "the biggest protest since Papandreou took office last October": a point of reference
        out.add(next(i for i, m in enumerate(_MONTHS, 1) if m.startswith(word[:3])))
    return frozenset(out)


def _predicate(claim: Claim) -> frozenset[str]:
    """Content words around a figure (what is said about it: "delivered ... equipment"), as stems;
    names, numbers and function words left out."""
    offset = claim.start - claim.sentence_start
    return _predicate_at(claim.sentence, offset, offset + len(claim.text))


@lru_cache(maxsize=65536)
def _predicate_at(sentence: str, start: int, end: int) -> frozenset[str]:
    """:func:`_predicate` of the figure at ``start:end`` of ``sentence`` (a sentence a corpus
    repeats is read once)."""
    left, right = sentence[max(0, start - 70):start], sentence[end:end + 70]
    words = _words(left)[-8:] + _words(right)[:8]
    return frozenset(w.lower()[:5] for w in words
                     if w[0].islower() and w.lower() not in _STOPWORDS and len(w) > 2)


def _scope(claim: Claim) -> tuple[bool, bool]:
    """Is the figure a total ("a total of 31 magazines") or a rate/record ("in each of five seasons")?"""
    return _scope_at(claim.sentence, claim.start - claim.sentence_start, claim.text)


@lru_cache(maxsize=65536)
def _scope_at(sentence: str, start: int, quote: str) -> tuple[bool, bool]:
    """:func:`_scope` of the figure ``quote`` at ``start`` of ``sentence`` (a sentence a corpus
    repeats is read once)."""
    end = start + len(quote)
    near = f"{sentence[max(0, start - 40):start]} {quote} {sentence[end:end + 40]}"
    # "In their five operations so far, ... 31 magazines"
    wide = f"{sentence[max(0, start - 100):start]} {quote} {sentence[end:end + 60]}"
    return bool(_may_be_total(wide) and _TOTAL.search(wide)), bool(_RATE.search(near))


def _may_be_total(text: str) -> bool:
    """Can :data:`_TOTAL` match the text? (See :func:`_may_hold`.)"""
    return _may_hold(text, _TOTAL_WORDS)


def _topic(frame: Frame, claims: Sequence[Claim], ctx: RuleContext) -> str:
    places: dict[str, int] = defaultdict(int)
    for claim in claims:
        for p in _places(ctx, claim):
            places[p] += 1
    where = ""
    if places:
        best = max(places.items(), key=lambda kv: (kv[1], kv[0]))
        where = f" ({best[0]})"
    return f"count of {frame.label()}{where}"


class _Framed:
    """What CT01 compares of a figure: its frame and the scope words around it."""

    __slots__ = ("claim", "explicit", "frame", "inside", "mentions", "months", "persons", "places", "predicate",
                 "reading", "scope", "several", "value", "years")

    def __init__(self, ctx: RuleContext, claim: Claim, frame: Frame,
                 surnames: dict[str, dict[str, str]] | None = None,
                 mentions: dict[str, frozenset[str]] | None = None) -> None:
        self.claim, self.frame = claim, frame
        self.mentions = (mentions or {}).get(claim.article, frozenset())
        local, explicit = _local_places(ctx, claim)
        self.places, self.explicit = frozenset(local), explicit
        self.years = years(claim)
        self.months = _months(claim)
        self.several = _several(ctx, claim)
        self.inside = _inside(claim)
        self.scope = _scope(claim)
        self.predicate = _predicate(claim)
        self.value = interval_of(claim)
        self.reading = reading(claim)  # as compare() reads it: "more than $1 million" allows $1 million
        self.persons = _persons(ctx, claim, (surnames or {}).get(claim.article, {})) \
            if frame.measure in SHAPE_MEASURES | PERSON_FACTS else frozenset()

    def signature(self) -> tuple[object, ...]:
        """Everything :meth:`compatible` and the grouping read of a figure, with its article."""
        return (self.claim.article, self.value, self.frame, self.places, self.explicit, self.years, self.scope,
                self.predicate, self.persons, self.months, self.several, self.inside)

    def compatible(self, other: _Framed) -> bool:
        """Can two figures of one story and frame key state the same fact? Not when one is a part
        and the other not, when they name different places or years explicitly, when one is a
        total or a rate and the other not, or (for a thing with nothing said of it) when nothing
        said around them is the same."""
        if self.scope != other.scope:
            return False
        if self.frame.part != other.frame.part and not _included_count(self, other):
            return False
        if not self.frame.roles_agree(other.frame):
            return False
        if self.frame.measure in PERSONAL_MEASURES and self.persons.isdisjoint(other.persons):
            return False  # "she was shot seven times" and "Young was struck eight times": two people
        if self.persons and other.persons and self.persons.isdisjoint(other.persons):
            return False  # "a mother of 12" said of two different people
        if self.frame.who and other.frame.who and self.frame.who != other.frame.who:
            return False  # "two soldiers killed" and "ten civilians killed" count different people
        if self.explicit and other.explicit and self.places != other.places and not _nested(self, other):
            return False  # "20,000 marched in Thessaloniki" is not the Athens march
        if self.explicit != other.explicit:
            placed, spread = (self, other) if self.explicit else (other, self)
            if len(spread.places) >= 2 and spread.places != placed.places:
                return False  # "247 people in Kenya" is not the toll of the attacks in Nairobi and Dar es Salaam
        if self.years and other.years and self.years != other.years:
            return False
        if self.months and other.months and self.months.isdisjoint(other.months):
            return False  # "In May, thieves stole" and "In July, a thief stole": two thefts
        if self.inside != other.inside and self.frame.measure in PEOPLE_MEASURES:
            return False  # one man killed "in a village in Bener Meriah" is not the district's toll
        if self.several != other.several and self.frame.measure in PEOPLE_MEASURES:
            return False  # the toll of the blasts in Kenya and Tanzania is not the toll of the one in Dar es Salaam
        if self.frame.role is None and self.frame.measure not in PEOPLE_MEASURES | SHAPE_MEASURES:
            thing = _stems(self.claim.subject) | _stems(other.claim.subject)
            pa, pb = self.predicate - thing, other.predicate - thing
            shared = len(pa & pb)
            return shared >= 3 or (shared >= 1 and shared >= 0.5 * min(len(pa), len(pb)))
        return True


# "a handful of people, including two children": the figure is a part of the people counted before
# it, and the whole count of the children among them.
_INCLUDED_BEFORE = regex.compile(r"\b(?:including|among\s+them|among\s+whom|of\s+whom)\s+(?:\p{L}+\s+)?$", regex.I)


def _included(claim: Claim) -> bool:
    return _INCLUDED_BEFORE.search(around(claim, 30, 0)[0]) is not None


def _included_count(a: _Framed, b: _Framed) -> bool:
    """Is one figure a part said with "including" and the other no part, both counting the same
    specific people ("including two children" and "two children were inside")? The part is the
    whole count of those people: the two state one fact."""
    if a.frame.who is None or a.frame.who != b.frame.who:
        return False
    part, whole = (a, b) if a.frame.part is not None else (b, a)
    return whole.frame.part is None and part.frame.part == "part" and _included(part.claim)


# Facts about one person's body or life ("shot seven times"): compared only where both sentences
# name the same person.
PERSONAL_MEASURES = frozenset({"hits"})
# Facts of a person that may be told without a name ("has 20 wives"): the people named near them
# are read, and two figures said of different people are not compared ("Oler has two").
PERSON_FACTS = frozenset({"spouses"})


# How far from a figure a name may stand to be the person a shape figure is said of.
PERSON_REACH = 60
_CAPITALISED = regex.compile(r"\b\p{Lu}[\p{L}'’-]+")


def _persons(ctx: RuleContext, claim: Claim, surnames: dict[str, str]) -> frozenset[str]:
    """The people named near a figure (within :data:`PERSON_REACH` characters in its sentence):
    its person entities, and any capitalised word that is the surname of a person its article
    names in full ("Gray, 16, was shot" is Kimani Gray). "Lopez said a stray bullet hit the
    mother of 13": Lopez, far from the figure, is not the mother; nor is one who says the figure
    ("Kelly said Gray pointed a .38 revolver"). Full names come with their
    surnames, so that two spellings of one person's given name still meet."""
    low, high = claim.start - PERSON_REACH, claim.end + PERSON_REACH
    sentence, base = claim.sentence, claim.sentence_start
    found = {e.canonical or e.text for e in ctx.alignment.entities_in_sentence(claim)
             if e.subject == "person" and e.end >= low and e.start <= high
             and not _speaker(sentence, e.start - base, e.end - base)}
    offset = claim.start - base
    start = max(0, offset - PERSON_REACH)
    near = sentence[start:offset + len(claim.text) + PERSON_REACH]
    for match in _CAPITALISED.finditer(near):
        word = match.group(0).removesuffix("'s").removesuffix("’s")
        name = surnames.get(word)
        if name is not None and not _speaker(sentence, start + match.start(), start + match.start() + len(word)):
            found.add(name)
    # "James Oler" in one report is "Jim Oler" in another: a name also stands for its surname
    return frozenset(found | {name.split()[-1] for name in found if " " in name})


_SAID_AFTER = regex.compile(r"\s*(?:,[^,]{0,60},\s*)?(?:said|says|say|told|asserted|added|stated|claimed|"
                            r"explained|insisted)\b"
                            r"|\s*['’]\s*s\s+(?:assertion|claim|account|statement|version|testimony)\b", regex.I)
_ACCORDING_BEFORE = regex.compile(r"\baccording\s+to\s+(?:[\p{L}.]+\s+){0,3}$", regex.I)


def _speaker(sentence: str, start: int, end: int) -> bool:
    """Is the name at ``start:end`` of the sentence the one who says the figure ("Police
    Commissioner Raymond Kelly said Gray pointed a .38 revolver", "according to Kelly")?"""
    return (_SAID_AFTER.match(sentence, end) is not None
            or _ACCORDING_BEFORE.search(sentence[max(0, start - 40):start]) is not None)


def article_places(ctx: RuleContext, articles: Iterable[str]) -> dict[str, frozenset[str]]:
    """Per article of ``articles``, the places it names."""
    out: dict[str, frozenset[str]] = {}
    for article in articles:
        names = {claim.canonical or claim.text for claim in ctx.alignment.by_article.get(article, ())
                 if claim.kind is ClaimKind.ENTITY and claim.subject == "place"}
        if names:
            out[article] = frozenset(names)
    return out


def _nested(a: _Framed, b: _Framed) -> bool:
    """Is the one place of one figure a country and the places of the other inside it, as far as
    the articles tell: no country among them, and the country's article names them or theirs
    names the country ("a bank in Greece" in a report that names Athens, "a bank in Athens")?"""
    for outer, inner in ((a, b), (b, a)):
        if len(outer.places) != 1 or not inner.places:
            continue
        country = next(iter(outer.places))
        if not is_country(country) or any(is_country(p) for p in inner.places):
            continue
        if inner.places <= outer.mentions or country in inner.mentions:
            return True
    return False


def article_surnames(ctx: RuleContext, articles: Iterable[str]) -> dict[str, dict[str, str]]:
    """Per article of ``articles``, the surnames of the people it names in two words or more,
    with their names (the first name of each surname)."""
    out: dict[str, dict[str, str]] = {}
    for article in articles:
        for claim in ctx.alignment.by_article.get(article, ()):
            if claim.kind is ClaimKind.ENTITY and claim.subject == "person":
                name = claim.canonical or claim.text
                parts = name.split()
                if len(parts) > 1:
                    out.setdefault(article, {}).setdefault(parts[-1], name)
    return out


def _story_names(ctx: RuleContext, articles: Sequence[str]) -> tuple[dict[str, dict[str, str]],
                                                                   dict[str, frozenset[str]]]:
    """The people and places each article of a story names: read for the story alone, as most
    stories' findings are kept and only the others need them."""
    return article_surnames(ctx, articles), article_places(ctx, articles)


@lru_cache(maxsize=65536)
def _stems(subject: str | None) -> frozenset[str]:
    return frozenset(w.lower()[:5] for w in _WORD.findall(subject or ""))


# A figure visits at most this many groups beside those holding its own value: an article
# listing thousands of figures of one kind (a results table, a hostile input) must not make
# every figure visit every group.
MAX_GROUPS_VISITED = 64


class _Group:
    """A fact being grouped: its figures, and one representative per distinct figure (an article
    repeating one figure with the same words around it a thousand times is compared once)."""

    __slots__ = ("members", "reps", "signatures")

    def __init__(self) -> None:
        self.members: list[_Framed] = []
        self.reps: list[_Framed] = []
        self.signatures: set[tuple[object, ...]] = set()

    def remove(self, item: _Framed) -> None:
        members = [m for m in self.members if m is not item]
        self.members, self.reps, self.signatures = [], [], set()
        for m in members:
            self.add(m)

    def add(self, item: _Framed) -> None:
        self.members.append(item)
        signature = item.signature()
        if signature not in self.signatures:
            self.signatures.add(signature)
            self.reps.append(item)


def _fact_groups(items: Sequence[_Framed]) -> list[list[_Framed]]:
    """Group the figures of one story and frame key into facts: a figure joins a group only if
    it is compatible with every member from other articles, both ways (no chains A~B~C) and agrees with the
    members of its own article ("three killed" and "at least three people" may be one count;
    two disjoint figures of one article count different things);
    of the groups that take it, one whose figures agree with it is preferred. Groups of one
    article are left out.

    A figure visits the groups that hold its value first, then others in the order they were
    made, :data:`MAX_GROUPS_VISITED` groups in all, and compares itself with one representative
    of each distinct figure of a group: cost stays linear in the number of figures."""
    groups: list[_Group] = []
    by_value: dict[Interval | None, list[int]] = defaultdict(list)
    for item in sorted(items, key=lambda x: (x.claim.article, x.claim.start)):
        article = item.claim.article
        signature = item.signature()
        chosen = fallback = None
        visited: set[int] = set()
        for index in itertools.chain(by_value.get(item.value, ()), range(len(groups))):
            if len(visited) >= MAX_GROUPS_VISITED:
                break
            if index in visited:
                continue
            visited.add(index)
            group = groups[index]
            if signature in group.signatures:
                chosen = index  # the same figure said the same way as one of the group's
                break
            if any(m.claim.article == article and not _one_fact(m, item) for m in group.reps):
                continue  # two figures of one article that cannot be one count count two things
            others = [m for m in group.reps if m.claim.article != article]
            if not all(item.compatible(m) and m.compatible(item) for m in others):
                continue
            if all(_agrees(item, m) for m in others):
                chosen = index
                break
            if fallback is None:
                fallback = index
        found = chosen if chosen is not None else fallback
        if found is None:
            found = len(groups)
            groups.append(_Group())
        index = found
        if index not in by_value[item.value]:
            by_value[item.value].append(index)
        groups[index].add(item)
    _reseat(groups)
    return [g.members for g in groups if len({m.claim.article for m in g.reps}) > 1]


def _articles(group: _Group) -> int:
    return len({m.claim.article for m in group.reps})


def _takes(group: _Group, item: _Framed) -> bool | None:
    """Would a group of several articles take the figure? ``None`` if not, else whether the
    group's figures of other articles all agree with it."""
    article = item.claim.article
    if any(m.claim.article == article and not _one_fact(m, item) for m in group.reps):
        return None
    others = [m for m in group.reps if m.claim.article != article]
    if not others or not all(item.compatible(m) and m.compatible(item) for m in others):
        return None
    return all(_agrees(item, m) for m in others)


def _reseat(groups: list[_Group]) -> None:
    """Figures left in a group of their own article alone move to a group of other articles that
    takes them (one that agrees with them first). An article's figures join its first figure's
    group when they agree with it; when no other article's figure could join that one ("Teen Shot
    11 Times" in a headline naming nobody), its later figures ("hitting Gray eleven times") would
    otherwise be compared with nothing. A figure moves to a group that disagrees with it only when
    that group holds figures of several articles and a figure of its own group could not join it."""
    # groups of several articles first, then those of one article
    candidates = sorted(groups, key=lambda g: -min(_articles(g), 2))[:MAX_GROUPS_VISITED + 1]
    for group in groups:
        if _articles(group) > 1 or not group.members:
            continue
        for item in list(group.members):
            best = None
            for other in candidates:
                if other is group or not other.members:
                    continue
                verdict = _takes(other, item)
                if verdict is False and (_articles(other) < 2 or all(_takes(other, m) is not None
                                                                      for m in group.members if m is not item)):
                    continue  # no fact of several articles, or its own article's figures chose to stay together
                if verdict:
                    best = other
                    break
                if verdict is not None and best is None:
                    best = other
            if best is not None:
                group.remove(item)
                best.add(item)


def _agreeing_sides(fact: Sequence[_Framed]) -> list[list[Claim]]:
    """The sides of a disagreement on which articles agree: figures whose values all overlap,
    from two articles or more ("12" in eight reports against "13" in two: the eight agree).
    Distinct values are grouped greedily, the value most figures share first."""
    by_value: dict[Interval, list[Claim]] = defaultdict(list)
    for item in fact:
        if item.reading is not None:
            by_value[item.reading].append(item.claim)
    values = sorted(by_value, key=lambda v: (-len({c.article for c in by_value[v]}), v.low, v.high))
    sides: list[list[Interval]] = []
    for value in values:
        for side in sides:
            if all(value.overlaps(other) for other in side):
                side.append(value)
                break
        else:
            sides.append([value])
    out = []
    for side in sides:
        claims = sorted((c for v in side for c in by_value[v]), key=lambda c: (c.article, c.start))
        if len({c.article for c in claims}) > 1:
            out.append(claims)
    return out


def _one_fact(a: _Framed, b: _Framed) -> bool:
    """Can two figures of one article be one fact? When they agree; when one is a zero said in words
    and the other a figure of another sentence or of another account in its sentence ("no injuries
    were reported" ... "the Post says three people were injured": the article reports both
    accounts); when both say how many
    children the same parent has ("a mother of 12" ... "the mother of 13")."""
    if _agrees(a, b):
        return True
    if a.frame.part is not None or b.frame.part is not None:
        return False
    if bool(a.claim.attr("zero")) != bool(b.claim.attr("zero")):
        return a.claim.sentence_start != b.claim.sentence_start or _another_account(a.claim, b.claim)
    if a.frame.measure == "children" and a.frame.who is not None and a.frame.who == b.frame.who:
        return not (a.persons and b.persons and a.persons.isdisjoint(b.persons))
    return False


# What tells another source's account between two figures of one sentence: "no injuries (the Post
# says three people were injured)", "no injuries, though the Post reported three".
_ACCOUNT_BETWEEN = regex.compile(r"\(|\b(?:says|said|reports|reported|according\s+to)\b", regex.I)


def _another_account(a: Claim, b: Claim) -> bool:
    """Do two figures of one sentence tell two accounts: the later one in parentheses or after
    words that attribute it to a source?"""
    first, second = (a, b) if a.start <= b.start else (b, a)
    between = first.sentence[first.end - first.sentence_start:second.start - second.sentence_start]
    return _ACCOUNT_BETWEEN.search(between) is not None


def _agrees(a: _Framed, b: _Framed) -> bool:
    """Do two figures agree as :func:`compare` reads them ("$1 million" and "more than $1 million" do)?"""
    return a.reading is not None and b.reading is not None and a.reading.overlaps(b.reading)


_CORRECTION = regex.compile(r"\bnot\s+(?:\p{L}+|\d+)\s+as\s+(?:\p{L}+\s+)?(?:first|initially|earlier|previously|"
                            r"originally)\s+(?:reported|said|stated|thought)\b|\b(?:revised|corrected|correction)\b|"
                            r"\bcontrary\s+to\s+(?:the\s+)?(?:initial|earlier|first|previous|original)\s+(?:\p{L}+\s+)?"
                            r"(?:estimates?|reports?|figures?|accounts?|claims?)\b",
                            regex.I)  # "no one was killed ..., contrary to initial estimates from the state government"


def corrects(claim: Claim) -> bool:
    """Does the figure's sentence say it corrects an earlier figure ("four people were injured,
    not five as first reported")?"""
    return _corrects(claim.sentence)


@lru_cache(maxsize=65536)
def _corrects(sentence: str) -> bool:
    return _may_hold(sentence, _CORRECTION_WORDS) and _CORRECTION.search(sentence) is not None


# Words without one of which _CORRECTION cannot match.
_CORRECTION_WORDS = _needs("not", "revised", "correct", "contrary")


class CountMismatch(Rule):
    """Sources give incompatible figures for the same count or amount.

    **What it checks**: the articles of one story (one real-world happening, see
    ``stories`` in the report) are compared figure by figure on what each figure measures,
    its *fact frame*: people killed, injured, arrested, evacuated ... (the predicate said of
    them, in any inflection: "killed", "dead", "died", "bodies", "death toll" are all
    deaths), a specific counted thing ("containers", "cables", with what happened to them:
    "damaged"), or a shape that says it ("a mother of 12" counts children, "a .38-caliber
    revolver" gives a calibre, "shot eleven times" counts hits). Two figures are compared
    only when their frames agree: the same measure and unit, both parts of a whole or neither
    ("including two children", "another 20,000"), no different explicit place ("20,000
    marched in Thessaloniki" is not the Athens march) or year, the same scope (a total is not
    one operation's figure, a per-season rate is not a count). A figure whose sentence ties
    it to another happening ("the 2004 tsunami", "last year's fire") is left out. Names are
    not needed: "Five people were injured in the shooting." and "four people were injured"
    in another article of the same story are compared. Figures are compared as intervals:
    "more than 1,000" and "1,200" agree, "about 300" and "more than 1,000" conflict; vague
    words ("several", "dozens") are read loosely. A toll that only rises from one day's
    report to a later one is reported as a ``variant`` (an update), not a conflict; a figure
    that says it corrects another ("not five as first reported") is a conflict whose
    correcting side is named. Figures within one article are never compared with each other.
    Ages, times, sports statistics and model numbers ("FireWire 800 port") are not counts and
    are left out.

    **Why it matters**: counts (casualties, shipments, troops) are the facts most often
    updated, rounded or garbled between outlets.

    **Conflicting example**::

        A: North Korea has delivered more than 1,000 containers to Russia.
        B: North Korea has delivered about 300 containers to Russia.

    **Agreeing example**::

        A: more than 1,000 containers ...   B: some 1,200 containers ...

    **Options**: none.
    """

    code = "CT01"
    name = "count-mismatch"
    summary = "Sources give incompatible figures for the same count or amount"
    severity = Severity.ERROR
    groups = ("counts",)
    consumes = ("quantity",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        stories = ctx.shared_claims(ClaimKind.QUANTITY)
        for story in sorted(stories):
            # a story is a block: its findings depend on its articles alone (kept between runs)
            articles = ctx.story_articles(story) or ()
            names = _once(partial(_story_names, ctx, articles))  # read once, when the story is read
            yield from self.block_findings(ctx, articles, partial(self._story, ctx, stories[story], names))

    def _story(self, ctx: RuleContext, claims: Sequence[Claim],
               names: Callable[[], tuple[dict[str, dict[str, str]], dict[str, frozenset[str]]]]) -> Iterator[FindingSpec]:
        """The findings of the figures of one story (in the order of the corpus)."""
        blocks: dict[tuple[str, str, str], list[tuple[Claim, Frame]]] = defaultdict(list)
        for claim in claims:
            frame = ctx.frame(claim)
            if frame is not None:
                frame = _anaphoric_role(ctx, claim, frame)
                blocks[frame.key].append((claim, frame))
        for block_key in sorted(blocks):
            # Only blocks of two articles or more are read further (most figures have no
            # counterpart in another article of their story).
            if not _several_articles(blocks[block_key]):
                continue
            # (whether a figure tells another moment is asked first: read once per sentence, it is the quicker)
            framed = [(c, f) for c, f in blocks[block_key] if not _other_time(ctx, c) and not ctx.background(c)]
            if len({c.article for c, _ in framed}) < 2:
                continue
            surnames, mentions = names()
            items = [_Framed(ctx, c, f, surnames, mentions) for c, f in framed]
            for fact in _fact_groups(items):
                group = sorted((x.claim for x in fact), key=lambda c: (c.article, c.start))
                frame = fact[0].frame
                topic, facts = _topic(frame, group, ctx), _fact(frame)
                result = compare(group)
                dates = sorted({d for d in (_written(ctx, c) for c in group) if d})
                fixes = sorted({short_id(c.article) for c in group if corrects(c)})
                if result.conflict:
                    for side in _agreeing_sides(fact):
                        yield FindingSpec(Status.AGREEMENT, topic,
                                          f"Figures agree: {sides_text(side, ' and ')} (one side of a disagreement).",
                                          side, 0.7, facts, group)
                if result.conflict and fixes:
                    message = (f"Incompatible figures: {sides_text(group)}; {', '.join(fixes)} says it corrects "
                               "an earlier figure.")
                    yield FindingSpec(Status.CONFLICT, topic, message, group, 0.8, facts, group)
                elif result.conflict and _is_toll(frame) and _rising(ctx, group, result.disjoint):
                    message = (f"The figure changed between reports published on different days, each later "
                               f"report higher: {_by_date(ctx, group)}; an updated toll, not a conflict.")
                    yield FindingSpec(Status.VARIANT, topic, message, group, 0.6, facts, group, Severity.INFO)
                elif result.conflict:
                    message = f"Incompatible figures: {sides_text(group)}."
                    if len(dates) > 1 and (dates[-1] - dates[0]).days >= 1:
                        message += (f" The reports were published {plural((dates[-1] - dates[0]).days, 'day')} apart"
                                    " (the later may be an update).")
                    yield FindingSpec(Status.CONFLICT, topic, message, group, 0.75, facts, group)
                else:
                    yield FindingSpec(Status.AGREEMENT, topic, f"Figures agree: {sides_text(group, ' and ')}.",
                                      group, 0.75, facts, group)


T = TypeVar("T")


def _once(read: Callable[[], T]) -> Callable[[], T]:
    """``read``, called the first time only (``functools.cache`` without its wrapper's cost:
    one per story)."""
    done: list[T] = []

    def value() -> T:
        if not done:
            done.append(read())
        return done[0]

    return value


def _several_articles(block: Sequence[tuple[Claim, Frame]]) -> bool:
    """Do the figures come from two articles or more?"""
    first = block[0][0].article
    return any(claim.article != first for claim, _ in block)


# "the figure of $1 million", "that estimate": an amount that points back to what the sentence
# before it was about.
_ANAPHORIC = regex.compile(r"\b(?:the|that|this|a)\s+(?:figure|estimate|number|sum|tally)\s+(?:of|at|is|was)\s+"
                           r"(?:about\s+|around\s+|roughly\s+|some\s+)?$", regex.I)
_SENTENCE_END = regex.compile(r"[.!?][\"”’']?\s+")


def _anaphoric_role(ctx: RuleContext, claim: Claim, frame: Frame) -> Frame:
    """An amount with no role said of it in its sentence that points back ("There's definitely a
    lot of damage. I've heard the figure of $1 million") takes the role of the sentence before."""
    if frame.measure != "amount" or frame.role is not None or not _ANAPHORIC.search(around(claim, 40, 0)[0]):
        return frame
    article = ctx.alignment.articles.get(claim.article)
    if article is None:
        return frame
    before = article.text[max(0, claim.sentence_start - 300):claim.sentence_start]
    previous = _SENTENCE_END.split(before.rstrip())[-1]
    role = role_in(previous)
    return dataclasses.replace(frame, role=role) if role is not None else frame


def _other_time(ctx: RuleContext, claim: Claim) -> bool:
    """Does the figure's sentence tell another moment than its article's story: "earlier that day",
    "the day before", or a month that is neither the month the article was written nor the one
    before ("In May, thieves stole ..." in an August report)?"""
    if _tells_other_time(claim.sentence):
        return True
    months = _months(claim)
    if not months:
        return False
    opening = _OPENING_MONTH.match(claim.sentence)
    when = ctx.written(claim.article)
    if when is None:
        return opening is not None  # "In early March, a gunman shot ...": a story told of another time
    return not months & {when.month, (when.month - 2) % 12 + 1}


@lru_cache(maxsize=65536)
def _tells_other_time(sentence: str) -> bool:
    """Does the sentence say "earlier that day", "the day before"...? (Read once per sentence.)"""
    return _may_hold(sentence, _OTHER_TIME_WORDS) and _OTHER_TIME.search(sentence) is not None


# Words without one of which _OTHER_TIME cannot match.
_OTHER_TIME_WORDS = _needs("earlier", "before", "previous", "last", "past")


def _fact(frame: Frame) -> tuple[str, ...]:
    """What CT01 compares, for fingerprints: the frame's measure, unit, role and part."""
    return ("count", frame.measure, frame.unit or "", frame.role or "", frame.part or "")


def _is_toll(frame: Frame) -> bool:
    """Figures that grow as a story unfolds: casualties, arrests, evacuations."""
    return frame.measure.split(":")[0] in TOLL_MEASURES or frame.role in TOLL_MEASURES


def _written(ctx: RuleContext, claim: Claim) -> dt.date | None:
    """When the figure's article was written: its publication date, else its dateline's."""
    return ctx.written(claim.article)


def _report_dates(ctx: RuleContext, claims: Sequence[Claim]) -> dict[int, dt.date]:
    """The day each figure was reported (keyed by ``id`` of the claim): the day its article was
    :func:`_written`; a figure of an undated article that agrees only with figures reported on
    one single day takes that day (it tells the toll as it stood then: "one person was
    arrested" beside a report of one arrest written that night, "at least 46 demonstrators
    were arrested" beside a later report of 46 arrests)."""
    dated: dict[int, dt.date] = {}
    for c in claims:
        when = _written(ctx, c)
        if when is not None:
            dated[id(c)] = when
    known = [(interval_of(c), dated[id(c)]) for c in claims if id(c) in dated]
    for c in claims:
        mine = interval_of(c)
        if id(c) in dated or mine is None:
            continue
        days = {when for value, when in known if value is not None and value.overlaps(mine)}
        if len(days) == 1:
            dated[id(c)] = days.pop()
    return dated


def _rising(ctx: RuleContext, claims: Sequence[Claim], disjoint: Sequence[tuple[Claim, Claim]]) -> bool:
    """Is every disagreement explained by time: the later report gives the higher figure?"""
    dated = _report_dates(ctx, claims)
    for a, b in disjoint:
        da, db = dated.get(id(a)), dated.get(id(b))
        ia, ib = interval_of(a), interval_of(b)
        if da is None or db is None or da == db or ia is None or ib is None:
            return False
        early, late = (ia, ib) if da < db else (ib, ia)
        if not early.high <= late.low:
            return False
    return True


def _by_date(ctx: RuleContext, claims: Sequence[Claim]) -> str:
    dated = _report_dates(ctx, claims)

    def when(c: Claim) -> str:
        day = dated.get(id(c))
        if day is None:
            return "undated"
        return day.isoformat() if _written(ctx, c) is not None else f"undated, as on {day.isoformat()}"

    ordered = sorted(claims, key=lambda c: (when(c).removeprefix("undated, as on "), c.article, c.start))
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

    **Options**: none.
    """

    code = "CT02"
    name = "related-counts"
    summary = "Figures about one activity are stated in different units"
    severity = Severity.INFO
    groups = ("counts",)
    consumes = ("quantity",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        stories: dict[str, list[Claim]] = {}
        for story, shared in ctx.shared_claims(ClaimKind.QUANTITY).items():
            figures = [claim for claim in shared if claim.unit != "percent"]
            if figures:
                stories[story] = figures
        table = ctx.alignment.units  # the unit table of the configuration, which the groups come from
        units = repr((sorted(table.equivalent.items()), sorted(table.related.items())))
        for story in sorted(stories):
            # a story is a block: its findings depend on its articles alone (kept between runs)
            yield from self.block_findings(ctx, ctx.story_articles(story) or (),
                                           partial(self._story, ctx, stories[story]), units)

    def _story(self, ctx: RuleContext, claims: Sequence[Claim]) -> Iterator[FindingSpec]:
        """The findings of the figures of one story (in the order of the corpus)."""
        groups: dict[str, list[Claim]] = defaultdict(list)
        for claim in claims:
            frame = ctx.frame(claim)
            if frame is None or frame.part is not None:
                continue
            group = ctx.alignment.units.group(frame.measure.split(": ")[-1])
            # whether the sentence is background is asked last: few figures have a related unit
            if group and not ctx.background(claim):
                groups[group].append(claim)
        for name in sorted(groups):
            for window in _windows(ctx, groups[name]):
                yield from self._component(ctx, name, window)

    def _component(self, ctx: RuleContext, name: str, claims: list[Claim]) -> Iterator[FindingSpec]:
        component = sorted(claims, key=lambda c: (c.article, c.start))
        things = sorted({(ctx.frame(c) or Frame("", None)).measure for c in component})
        if len(things) < 2 or len({c.article for c in component}) < 2:
            return
        topic = f"{name}: figures in different units ({', '.join(things)})"
        message = (f"The {name} are counted in different units: {sides_text(component)}; "
                   "they cannot be compared without a conversion, review them together.")
        yield FindingSpec(Status.VARIANT, topic, message, component, 0.6, ("related", name, *things), component)


# Figures of related units published further apart than this describe different moments of an
# activity (a month's shipments are not the next year's).
MAX_DAYS_APART = 60


def _windows(ctx: RuleContext, claims: Sequence[Claim]) -> list[list[Claim]]:
    """The claims split where their articles' publication dates are more than
    :data:`MAX_DAYS_APART` apart (undated articles form a window of their own)."""
    def day(c: Claim) -> int:
        article = ctx.alignment.articles.get(c.article)
        return article.published.toordinal() if article is not None and article.published else -1

    ordered = sorted(claims, key=lambda c: (day(c), c.article, c.start))
    out: list[list[Claim]] = []
    last: int | None = None
    for claim in ordered:
        d = day(claim)
        if last is None or (d == -1) != (last == -1) or d - last > MAX_DAYS_APART:
            out.append([])
        out[-1].append(claim)
        last = d
    return out


__all__ = ["CountMismatch", "RelatedCounts", "short_id"]
