"""Ages of people: "Nicholas Lindsay, 25,", "Lindsay (26)", "25-year-old Nicholas Lindsay",
"Nicholas Lindsay, aged 25", "Nicholas Lindsay, a 25-year-old student", and of unnamed people:
"a 15-year-old boy", "the 15-year-old's post-mortem", "two girls, ages 12 and 15".

Runs after the quantities and the entities of an article are found (:func:`link_ages`). An
age is tied to the person whose name stands right before it as an apposition (a comma, a
parenthesis, "aged", "who is", "a") or right after an "N-year-old" with at most a few role
words between ("the 25-year-old victim Nicholas Lindsay"), or named after it ("the 15-year-old
victim, identified as Jimmy Vasquez", "a 6-year-old girl named Isis Allen", "The 11-year-old has
been identified as Madelyn Rychetski"). A bare figure after a name
("Lindsay, 26,") becomes an age only in that apposition, closed by a comma, a parenthesis,
"and", "of" or the end of the sentence. A name written with a nickname ("Kimani (Kiki) Gray",
'Cashaan "Dink" Williams') is the first name and the surname. A surname alone is the article's
full name of that surname; when the article names several, the one named last before it if
its sentence names no other ("Warren Jeffs ... Jeffs, 55, ... his nephew Brent Jeffs"). Titles
and role words before a name are not part of it ("51-year-old Capt. Tom Tennant", "Senior
Trooper William Hakim"), and "A and B, both 51," gives each of the two people that age (two
age claims of the one figure).

An age tied to no one keeps the role of the person it describes: the role noun after an
"N-year-old" (capitalised words and one other word may stand between: "a 15-year-old Greek
boy", "the 55-year-old sect leader"), ``person`` when the age stands for the person ("the
15-year-old's", "the 16-year-old was shot"), or the noun before a list of ages ("two girls,
ages 12 and 15": both are girls'). An "N-year-old" before a noun that is no role ("the
86-year-old structure"), an age said of someone ("he was 5 years old"), a bound ("an
under-14-year-old") or an age before a comma and a name gets no role: it is no one's.

The age claim keeps its quote and value and gets ``subject="age"``, ``unit`` in years (or the
unit written: "6-month-old"), and the attributes ``measure=age``, ``person`` (the person's name
as this article resolves it), ``role`` (the role noun, singular, when one is said) and,
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
from .nouns import singular

MAX_AGE = 120
"""A figure above this after a name is no age ("Route 66" aside, a count or a year)."""

# Between a name and its age: "Lindsay, 26", "Lindsay, aged 26", "Lindsay, who is 26", "Timmons,
# now 16,", "Lindsay, a 26-year-old". (A figure in parentheses is no quantity claim: "Lindsay (26)"
# is not read.)
_GAP_AFTER_NAME = regex.compile(r"\s*,\s*(?:(?P<words>aged?|who\s+(?:is|was)|now)\s+|(?P<article>an?|the)\s+)?$", regex.I)
# After a bare figure that is an age in apposition: a closing comma or sentence end, "and" (a
# list of people), "of" or "from" (where they live), or "years old".
_AFTER_BARE_AGE = regex.compile(r"\s*[,;]|\s*[.!?]?\s*$|\s*[.!?]\s|\s+(?:and|of|from)\b|[\s-]+years?[\s-]+old\b",
                                regex.I)
# Words that may stand between an "N-year-old" and the name: capitalised words ("Chicago") and
# nouns of a person's role.
MALE_ROLES = frozenset("""man boy son father husband brother boyfriend nephew uncle grandson grandfather male
schoolboy gentleman policeman patrolman stepson stepfather stepbrother son-in-law father-in-law brother-in-law
fiancé dad grandpa widower groom""".split())
FEMALE_ROLES = frozenset("""woman girl daughter mother wife sister girlfriend niece aunt granddaughter grandmother
female schoolgirl lady policewoman stepdaughter stepmother stepsister daughter-in-law mother-in-law
sister-in-law fiancée mom mum grandma widow bride actress""".split())
ROLE_WORDS = MALE_ROLES | FEMALE_ROLES | frozenset("""teen teenager child kid youth toddler baby infant adult
stepchild grandchild spouse fiance
friend cousin relative roommate neighbor neighbour resident student pupil victim suspect gunman shooter attacker
assailant robber accused defendant inmate prisoner driver passenger motorist cyclist pedestrian officer deputy trooper
detective sergeant soldier guard employee worker owner clerk bystander veteran protester demonstrator activist
leader head member journalist reporter photographer teacher doctor nurse pastor priest lawyer""".split())
"""Nouns of a person's role: they may stand between an "N-year-old" and the name ("the 25-year-old
victim Nicholas Lindsay"), and an unnamed "N-year-old" followed by one is a person's age ("a
15-year-old boy") with that role; :data:`MALE_ROLES` and :data:`FEMALE_ROLES` say a sex."""
# An entity with one of these words is a description, not a name ("Officer Down", "Boy Scouts").
_NOT_IN_NAMES = frozenset("""man woman boy girl teen teenager child toddler baby infant son daughter father
mother brother sister husband wife boyfriend girlfriend friend cousin nephew niece uncle aunt grandson
granddaughter grandmother grandfather resident student victim suspect gunman shooter driver passenger officer
deputy trooper detective sergeant employee worker owner clerk bystander neighbor neighbour relative roommate
veteran""".split())
_WORDS_TO_NAME = regex.compile(r"\s+(?:(?P<words>[\p{L}'’-]+\.?(?:\s+[\p{L}'’-]+\.?){0,2})\s*(?P<comma>,)?\s+)?")
_CAPITALISED_BEFORE = regex.compile(r"(?<![\p{L}'’-])(\p{Lu}[\p{L}'’-]+)$")
# A surname alone, not the last word of a longer name the entity finder missed ("Michael C. Reyes").
_NAME_WORD_BEFORE = regex.compile(r"(?:\p{Lu}[\p{L}'’-]*\.?|[\"”])\s+$")
_THEN_BEFORE = regex.compile(r"\bthen[-\s]+$", regex.I)
# "two girls, ages 12 and 15", "the victims, aged 15 and 17": the noun before and the list of ages.
_AGES_LIST_BEFORE = regex.compile(
    r"(?P<noun>[\p{L}'’-]+)\s*,?\s+(?:ages?|aged)\s+(?:\d{1,3}\s*(?:,\s*|,?\s+(?:and|&)\s+))*$", regex.I)
# What follows a nominal "N-year-old" (no noun after it): "the 15-year-old's", "the 16-year-old was
# shot", "a 12-year-old as well as".
_NOMINAL_AFTER = regex.compile(r"(?:'s|’s)\b|\s*(?:[.;:!?)]|$)|\s*,(?!\s*\p{Lu})", regex.I)
_NOMINAL_NEXT = frozenset("""was is were are had has have who whose whom that and or but as of from in at on with
to for by said told died remains remained will would could can may might did does survived""".split())
# "he was 5 years old" (an age at some time, said of someone) and "an under-14-year-old" (a
# class of people) describe no one of the story.
_PREDICATIVE = regex.compile(r"\p{L}s\s+old$", regex.I)
_BOUND_BEFORE = regex.compile(r"\b(?:under|over|below|above)[\s-]*$", regex.I)
_WORD_AFTER = regex.compile(r"\s+(\p{L}[\p{L}'’-]*)")
_POSSESSIVE = regex.compile(r"(?:'s|’s|'|’)$")
_ROLE_AFTER = regex.compile(r"\s+(\p{Ll}+)")


def _is_bare_figure(claim: Claim) -> bool:
    return (claim.subject is None and claim.unit is None and claim.qualifier is Qualifier.EXACT
            and isinstance(claim.low, float) and claim.low == claim.high and claim.low.is_integer()
            and 0 < claim.low <= MAX_AGE and claim.text.isdigit())


def link_ages(text: str, quantities: Sequence[Claim], entities: Sequence[Claim]) -> dict[int, tuple[Claim, ...]]:
    """The age claims of an article tied to people: ``{index in quantities: new claims}`` (two
    for "A and B, both 51").

    ``text`` is the article text (claims' offsets index it); ``entities`` are the article's
    entity claims as :func:`~checker.extractors.entities.find_entities` found them."""
    # Only ages and bare figures can be tied to a person: without them (most articles) the people
    # named need not be read.
    figures = [(index, claim, is_age) for index, claim in enumerate(quantities)
               if (is_age := claim.attr("measure") == "age") or _is_bare_figure(claim)]
    if not figures:
        return {}
    people = sorted((p for e in entities if e.subject != PLACE and e.subject != ORG for p in _named_people(text, e)),
                    key=lambda e: (e.end, e.start))
    ends = [e.end for e in people]
    starts = sorted((e.start, i) for i, e in enumerate(people))
    full_names: dict[str, set[str]] = defaultdict(set)
    for e in people:
        words = (e.canonical or e.text).split()
        if e.subject == PERSON and len(words) >= 2:
            full_names[words[-1]].add(e.canonical or e.text)
    out: dict[int, tuple[Claim, ...]] = {}
    for index, claim, is_age in figures:
        if _THEN_BEFORE.search(text, max(claim.sentence_start, claim.start - 8), claim.start):
            continue  # "then-15-year-old Timmons": an age the person had, not has
        if not is_age:
            pair = _both(text, claim, people, ends)
            if pair is not None:
                out[index] = tuple(_age_claim(claim, name, entity, None, is_age) for name, entity in pair)
                continue
        linked = _nicknamed(text, claim, bare=not is_age)
        if linked is None:
            linked = _name_before(text, claim, people, ends, full_names, bare=not is_age)
        if linked is None and is_age:
            linked = _name_after(text, claim, people, starts)
        if linked is None and is_age:
            linked = _named_as(text, claim, people, starts)
        role = None
        if is_age and claim.qualifier is Qualifier.EXACT and not _PREDICATIVE.search(claim.text) \
                and not _BOUND_BEFORE.search(text, max(claim.sentence_start, claim.start - 10), claim.start):
            role = _role_after(text, claim)
        if linked is None and not is_age:
            role = _listed_role(text, claim)
            if role is None:
                continue
        person, entity = linked if linked is not None else (None, None)
        out[index] = (_age_claim(claim, person, entity, role, is_age),)
    return out


def _age_claim(claim: Claim, person: str | None, entity: Claim | None, role: str | None, is_age: bool) -> Claim:
    """The quantity as an age claim of ``person`` (named by the entity claim ``entity``)."""
    attrs = [(k, v) for k, v in claim.attrs if k not in ("measure", "person", "person_at", "role")]
    attrs.append(("measure", "age"))
    if person is not None:
        attrs.append(("person", person))
        if entity is not None:
            attrs.append(("person_at", str(entity.start)))
    if role is not None:
        attrs.append(("role", role))
    return dataclasses.replace(claim, subject="age", unit=claim.unit if is_age else "year", attrs=tuple(attrs))


_TITLE_WORDS = frozenset("""senior junior chief capt captain sgt sergeant lt lieutenant officer trooper deputy
detective police state cpl corporal col colonel gen general maj major dr mr mrs ms miss rev reverend judge sheriff
agent special prosecutor patrolman firefighter constable inspector superintendent commander commissioner""".split())
_AND = regex.compile(r"\s+(?:and|&)\s+")


def _named_people(text: str, entity: Claim) -> list[Claim]:
    """The people an entity claim names, as entity claims: itself; or, when it holds titles or
    role words ("Senior Trooper William Hakim", "Capt. Tom Tennant and Senior Trooper William
    Hakim"), the names of two words or more after the titles of each part joined by "and";
    none when no such name is left ("Officer Down", "Boy Scouts")."""
    words = entity.text.split()
    described = any(w.lower() in _NOT_IN_NAMES for w in words)
    if not described and not any(w.rstrip(".").lower() in _TITLE_WORDS for w in words) \
            and not _AND.search(entity.text):
        return [entity]
    out: list[Claim] = []
    at = entity.start
    for part in _AND.split(entity.text):
        start = text.find(part, at, entity.end)
        if start < 0:
            return []
        at = start + len(part)
        tokens = [(m.start(), m.group()) for m in regex.finditer(r"\S+", part)]
        while tokens and (tokens[0][1].lower() in _NOT_IN_NAMES or tokens[0][1].rstrip(".").lower() in _TITLE_WORDS
                          or tokens[0][1].endswith(".")):
            tokens = tokens[1:]
        name = part[tokens[0][0]:] if tokens else ""
        if len(tokens) < 2 or not all(t[1][:1].isupper() for t in tokens) \
                or any(t[1].lower() in _NOT_IN_NAMES for t in tokens):
            continue
        begin = start + tokens[0][0]
        out.append(dataclasses.replace(entity, start=begin, end=begin + len(name), text=name, canonical=None,
                                       subject=PERSON))
    if not out and not described and not _AND.search(entity.text):
        return [entity]  # "Mr. Gray": a title and a surname
    return out


# "Capt. Tom Tennant and Senior Trooper William Hakim, both 51,": an age of each of two people.
_BOTH_GAP = regex.compile(r"\s*,\s*both\s+$", regex.I)
_AND_GAP = regex.compile(r"\s+(?:and|&)\s+(?:\S+\s+){0,3}$")


def _both(text: str, claim: Claim, people: Sequence[Claim], ends: Sequence[int]) -> list[Linked] | None:
    """The two people named before "both" and a bare figure in apposition ("A and B, both
    51,"): each is that age."""
    gap = _BOTH_GAP.search(text, claim.sentence_start, claim.start)
    if gap is None or not _AFTER_BARE_AGE.match(text, claim.end, claim.end + 16):
        return None
    i = bisect.bisect_left(ends, gap.start())
    second = next((people[j] for j in range(i, len(ends)) if ends[j] == gap.start()), None)
    if second is None:
        return None
    joint = _AND_GAP.search(text, max(claim.sentence_start, second.start - 40), second.start)
    if joint is None:
        return None
    i = bisect.bisect_left(ends, joint.start())
    first = next((people[j] for j in range(i, len(ends)) if ends[j] == joint.start()), None)
    if first is None or first.subject != PERSON or second.subject != PERSON:
        return None
    return [(first.canonical or first.text, first), (second.canonical or second.text, second)]


def _role_after(text: str, claim: Claim) -> str | None:
    """The role of the person an "N-year-old" describes: the role noun after it, skipping
    capitalised words and one other word ("a 15-year-old Greek boy" -> "boy", "the 55-year-old
    sect leader" -> "leader"); "person" when the age stands for the person ("the 15-year-old's
    post-mortem", "the 16-year-old was shot"); ``None`` when a noun that is no person's role
    follows ("the 86-year-old structure") or a name stands after a comma."""
    end = claim.sentence_start + len(claim.sentence)
    if _NOMINAL_AFTER.match(text, claim.end, end):
        return "person"
    at, others = claim.end, 0
    for _ in range(5):
        word = _WORD_AFTER.match(text, at, end)
        if word is None:
            return None
        at = word.end()
        raw = _POSSESSIVE.sub("", word.group(1))
        lower = raw.lower()
        if lower in ROLE_WORDS or singular(lower) in ROLE_WORDS:
            return lower if lower in ROLE_WORDS else singular(lower)
        if raw[:1].isupper():
            continue  # "Greek", "FLDS", "Chicago"
        if others == 0 and lower in _NOMINAL_NEXT:
            return "person"  # "the 16-year-old was shot"
        others += 1
        if others > 1 or lower in _NOMINAL_NEXT:
            return None
    return None


def _listed_role(text: str, claim: Claim) -> str | None:
    """The role of people whose ages are listed after them: "two girls, ages 12 and 15" -> "girl"
    (for both figures); ``None`` when the figure is not in such a list or the noun is no role
    ("people aged 18 and over")."""
    listed = _AGES_LIST_BEFORE.search(text, claim.sentence_start, claim.start)
    if listed is None:
        return None
    noun = singular(listed.group("noun"))
    return noun if noun in ROLE_WORDS else None


# "Kimani (Kiki) Gray", 'Michael "Rambo" Smith': a first name, a nickname, a surname.
_NICKNAMED = r"(?<![\p{L}'’-])(\p{Lu}[\p{L}'’-]+)\s*[(\"“]\s*\p{Lu}[\p{L}'’.-]*\s*[)\"”]\s*(\p{Lu}[\p{L}'’-]+)"
_NICKNAMED_BEFORE = regex.compile(_NICKNAMED + r"$")
_NICKNAMED_AFTER = regex.compile(r"\s+" + _NICKNAMED + r"(?![\p{L}'’-])")


def _nicknamed(text: str, claim: Claim, bare: bool) -> Linked | None:
    """A person written with a nickname between first name and surname, the age in apposition
    after ("Kimani (Kiki) Gray, 16,") or the name after an "N-year-old" ("16-year-old Kimani
    (Kiki) Gray"): the person is the first name and the surname ("Kimani Gray")."""
    gap = _GAP_AFTER_NAME.search(text, claim.sentence_start, claim.start)
    if gap is not None and not (bare and (gap.group("article")
                                          or not _AFTER_BARE_AGE.match(text, claim.end, claim.end + 16))):
        before = _NICKNAMED_BEFORE.search(text, max(claim.sentence_start, gap.start() - 80), gap.start())
        if before is not None:
            return f"{before.group(1)} {before.group(2)}", None
    after = None if bare else _NICKNAMED_AFTER.match(text, claim.end, claim.end + 80)
    if after is not None:
        return f"{after.group(1)} {after.group(2)}", None
    return None


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
            name = entity.canonical or entity.text
            if " " not in name.strip() and len(full_names.get(name, ())) > 1:
                # "Jeffs, 55," in an article naming Warren Jeffs and, later, Brent Jeffs
                earlier = _antecedent(people, name, entity.start)
                return (earlier, None) if earlier is not None else (name, entity)
            return name, entity
        i += 1
    # A surname the entity finder left out (a sentence-initial "Lindsay, 26, died"): the
    # article's one full name with that surname, or the one named last before.
    word = _CAPITALISED_BEFORE.search(text, claim.sentence_start, name_end)
    if word is not None and not _NAME_WORD_BEFORE.search(text, claim.sentence_start, word.start()):
        names = full_names.get(word.group(1), set())
        if len(names) == 1:
            return next(iter(names)), None
        earlier = _antecedent(people, word.group(1), word.start())
        if earlier is not None:
            return earlier, None
    return None


def _antecedent(people: Sequence[Claim], surname: str, before: int) -> str | None:
    """The full name a surname alone stands for when the article names several people of that
    surname: the one named last before it, if its sentence names no other of them ("Polygamist
    leader Warren Jeffs was sentenced ... Jeffs, 55, will ... Jeffs' nephew, Brent Jeffs")."""
    named = [e for e in people if e.subject == PERSON and e.end <= before
             and len(words := (e.canonical or e.text).split()) >= 2 and words[-1] == surname]
    if not named:
        return None
    last = max(named, key=lambda e: e.end)
    names = {e.canonical or e.text for e in named if e.sentence_start == last.sentence_start}
    return next(iter(names)) if len(names) == 1 else None


# "the 15-year-old victim, identified (by family) as Jimmy Vasquez", "a 6-year-old girl named Isis
# Allen", "The 11-year-old has been identified as Madelyn Rychetski": the name said of the age's person.
_NAMED_APPOSITION = regex.compile(r"(?P<words>(?:\s+[\p{L}'’-]+){0,3}?)"
                                  r"(?:\s*,\s*identified\s+(?:[\p{L}]+\s+){0,3}?as|\s+named)\s+", regex.I)
_IDENTIFIED_PREDICATE = regex.compile(r"[^.;:!?\n]{0,100}?\s(?:(?:has|have|had)\s+been|was|is)\s+identified\s+as\s+",
                                      regex.I)
_SUBJECT_START = regex.compile(r"^(?:[\p{Lu}\d]+:\s*)?(?:the|a|an)\s+$", regex.I)


def _named_as(text: str, claim: Claim, people: Sequence[Claim], starts: Sequence[tuple[int, int]]) -> Linked | None:
    """The person an unnamed "N-year-old" is said to be: in apposition ("the 15-year-old
    victim, identified as Jimmy Vasquez", "a 6-year-old girl named Isis Allen", only role
    words between) or, for the subject that opens the sentence, by the predicate "has been
    identified as" ("The 15-year-old girl shot on Tuesday has been identified as Niaa
    Savagee", no other person named between)."""
    end = claim.sentence_start + len(claim.sentence)
    found = _NAMED_APPOSITION.match(text, claim.end, end)
    if found is not None and not all(w.lower() in ROLE_WORDS or singular(w.lower()) in ROLE_WORDS or w[:1].isupper()
                                     for w in found.group("words").split()):
        found = None  # "a 20-year-old shot a woman named Jane Doe": a verb between
    if found is None and _SUBJECT_START.match(text[claim.sentence_start:claim.start]):
        found = _IDENTIFIED_PREDICATE.match(text, claim.end, end)
    if found is None:
        return None
    i = bisect.bisect_left(starts, (claim.end, -1))
    while i < len(starts) and starts[i][0] < found.end():
        if people[starts[i][1]].subject == PERSON:
            return None  # "the 15-year-old who shot John Doe has been identified as ...": another person between
        i += 1
    if i < len(starts) and starts[i][0] == found.end():
        entity = people[starts[i][1]]
        if entity.subject == PERSON:
            return entity.canonical or entity.text, entity
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
        if any(w.rstrip(".").lower() not in ROLE_WORDS and not w[0].isupper() for w in words):
            return None  # "a 25-year-old man shot Nicholas Lindsay": a verb between
        if gap.group("comma") and not any(w.lower() in ROLE_WORDS for w in words):
            return None  # "the 25-year-old, Lindsay" without a role noun: another clause
        role = _ROLE_AFTER.match(text, entity.end)
        if role is not None and role.group(1) in ROLE_WORDS:
            continue  # "the 8-year-old Port Orange boy": the name says where the person is from
        if entity.subject == PERSON:
            return entity.canonical or entity.text, entity
    return None
