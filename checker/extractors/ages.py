"""Ages of named people: "Nicholas Lindsay, 25,", "Lindsay (26)", "25-year-old Nicholas Lindsay",
"Nicholas Lindsay, aged 25", "Nicholas Lindsay, a 25-year-old student".

Runs after the quantities and the entities of an article are found (:func:`link_ages`). An
age is tied to the person whose name stands right before it as an apposition (a comma, a
parenthesis, "aged", "who is", "a") or right after an "N-year-old" with at most a few role
words between ("the 25-year-old victim Nicholas Lindsay"). A bare figure after a name
("Lindsay, 26,") becomes an age only in that apposition, closed by a comma, a parenthesis,
"and", "of" or the end of the sentence; "a 25-year-old man" names no one and keeps no person.

The age claim keeps its quote and value and gets ``subject="age"``, ``unit`` in years (or the
unit written: "6-month-old"), and the attributes ``measure=age``, ``person`` (the person's name
as this article resolves it: a surname alone is the article's full name of that surname) and,
when an entity claim names the person there, ``person_at`` (the start offset of that entity
claim, so that a rule reads the person's name as entity grouping settled it across the corpus).
"""

from __future__ import annotations

import bisect
import dataclasses
from collections import defaultdict
from collections.abc import Sequence

import regex

from ..model import Claim, Qualifier
from .entities import ORG, PERSON, PLACE

MAX_AGE = 120
"""A figure above this after a name is no age ("Route 66" aside, a count or a year)."""

# Between a name and its age: "Lindsay, 26", "Lindsay, aged 26", "Lindsay, who is 26",
# "Lindsay, a 26-year-old". (A figure in parentheses is no quantity claim: "Lindsay (26)" is not read.)
_GAP_AFTER_NAME = regex.compile(r"\s*,\s*(?:(?P<words>aged?|who\s+(?:is|was))\s+|(?P<article>an?|the)\s+)?$", regex.I)
# After a bare figure that is an age in apposition: a closing comma or sentence end, "and" (a
# list of people), "of" or "from" (where they live), or "years old".
_AFTER_BARE_AGE = regex.compile(r"\s*[,;]|\s*[.!?]?\s*$|\s*[.!?]\s|\s+(?:and|of|from)\b|[\s-]+years?[\s-]+old\b",
                                regex.I)
# Words that may stand between an "N-year-old" and the name: capitalised words ("Chicago") and
# nouns of a person's role.
ROLE_WORDS = frozenset("""man woman boy girl teen teenager child toddler baby infant son daughter father mother
brother sister husband wife boyfriend girlfriend friend cousin nephew niece uncle aunt grandson granddaughter
grandmother grandfather resident student victim suspect gunman shooter driver passenger officer deputy trooper
detective sergeant employee worker owner clerk bystander neighbor neighbour relative roommate veteran""".split())
_WORDS_TO_NAME = regex.compile(r"\s+(?:(?P<words>[\p{L}'’-]+(?:\s+[\p{L}'’-]+){0,2})\s*(?P<comma>,)?\s+)?")
_CAPITALISED_BEFORE = regex.compile(r"(?<![\p{L}'’-])(\p{Lu}[\p{L}'’-]+)$")
# A surname alone, not the last word of a longer name the entity finder missed ("Michael C. Reyes").
_NAME_WORD_BEFORE = regex.compile(r"(?:\p{Lu}[\p{L}'’-]*\.?|[\"”])\s+$")
_THEN_BEFORE = regex.compile(r"\bthen[-\s]+$", regex.I)
_ROLE_AFTER = regex.compile(r"\s+(\p{Ll}+)")


def _is_bare_figure(claim: Claim) -> bool:
    return (claim.subject is None and claim.unit is None and claim.qualifier is Qualifier.EXACT
            and isinstance(claim.low, float) and claim.low == claim.high and claim.low.is_integer()
            and 0 < claim.low <= MAX_AGE and claim.text.isdigit())


def link_ages(text: str, quantities: Sequence[Claim], entities: Sequence[Claim]) -> dict[int, Claim]:
    """The age claims of an article tied to people: ``{index in quantities: new claim}``.

    ``text`` is the article text (claims' offsets index it); ``entities`` are the article's
    entity claims as :func:`~checker.extractors.entities.find_entities` found them."""
    people = sorted((e for e in entities if e.subject != PLACE and e.subject != ORG
                     and not any(w.lower() in ROLE_WORDS for w in e.text.split())), key=lambda e: e.end)
    ends = [e.end for e in people]
    starts = sorted((e.start, i) for i, e in enumerate(people))
    full_names: dict[str, set[str]] = defaultdict(set)
    for e in people:
        words = (e.canonical or e.text).split()
        if e.subject == PERSON and len(words) >= 2:
            full_names[words[-1]].add(e.canonical or e.text)
    out: dict[int, Claim] = {}
    for index, claim in enumerate(quantities):
        is_age = claim.attr("measure") == "age"
        if not is_age and not _is_bare_figure(claim):
            continue
        if _THEN_BEFORE.search(text, max(claim.sentence_start, claim.start - 8), claim.start):
            continue  # "then-15-year-old Timmons": an age the person had, not has
        linked = _name_before(text, claim, people, ends, full_names, bare=not is_age)
        if linked is None and is_age:
            linked = _name_after(text, claim, people, starts)
        if linked is None:
            continue
        person, entity = linked
        attrs = [(k, v) for k, v in claim.attrs if k not in ("measure", "person", "person_at")]
        attrs += [("measure", "age"), ("person", person)]
        if entity is not None:
            attrs.append(("person_at", str(entity.start)))
        out[index] = dataclasses.replace(claim, subject="age", unit=claim.unit if is_age else "year",
                                         attrs=tuple(attrs))
    return out


Linked = tuple[str, Claim | None]


def _name_before(text: str, claim: Claim, people: Sequence[Claim], ends: Sequence[int],
                 full_names: dict[str, set[str]], bare: bool) -> Linked | None:
    """The person named right before an age in apposition ("Lindsay, 26,")."""
    before = text[claim.sentence_start:claim.start]
    gap = _GAP_AFTER_NAME.search(before)
    if gap is None:
        return None  # "Lindsay 26" is no apposition
    if bare and (gap.group("article") or not _AFTER_BARE_AGE.match(text, claim.end, claim.end + 16)):
        return None  # "Lindsay, a 26", "Lindsay, 26 people": no age without "year-old" or a closing comma
    name_end = claim.sentence_start + gap.start()
    i = bisect.bisect_left(ends, name_end)
    while i < len(ends) and ends[i] == name_end:
        entity = people[i]
        if entity.subject == PERSON or (bare and " " not in entity.text.strip()):
            return entity.canonical or entity.text, entity
        i += 1
    # A surname the entity finder left out (a sentence-initial "Lindsay, 26, died"): the
    # article's one full name with that surname.
    word = _CAPITALISED_BEFORE.search(text, claim.sentence_start, name_end)
    if word is not None and not _NAME_WORD_BEFORE.search(text, claim.sentence_start, word.start()):
        names = full_names.get(word.group(1), set())
        if len(names) == 1:
            return next(iter(names)), None
    return None


def _name_after(text: str, claim: Claim, people: Sequence[Claim],
                starts: Sequence[tuple[int, int]]) -> Linked | None:
    """The person named right after an "N-year-old" ("the 25-year-old victim Nicholas Lindsay")."""
    i = bisect.bisect_left(starts, (claim.end, -1))
    while i < len(starts) and starts[i][0] <= claim.end + 60:
        entity = people[starts[i][1]]
        i += 1
        if entity.sentence_start != claim.sentence_start:
            return None  # a headline's "10-Year-Old Son" and the name that opens the body
        gap = _WORDS_TO_NAME.fullmatch(text, claim.end, entity.start)
        if gap is None:
            return None  # punctuation or more than three words: the name is not the age's
        words = (gap.group("words") or "").split()
        if any(w.lower() not in ROLE_WORDS and not w[0].isupper() for w in words):
            return None  # "a 25-year-old man shot Nicholas Lindsay": a verb between
        if gap.group("comma") and not any(w.lower() in ROLE_WORDS for w in words):
            return None  # "the 25-year-old, Lindsay" without a role noun: another clause
        role = _ROLE_AFTER.match(text, entity.end)
        if role is not None and role.group(1) in ROLE_WORDS:
            continue  # "the 8-year-old Port Orange boy": the name says where the person is from
        if entity.subject == PERSON:
            return entity.canonical or entity.text, entity
    return None
