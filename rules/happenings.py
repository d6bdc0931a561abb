"""DT04: the day (or month, or year) of a story's happening, told with a verb or an event word,
across articles."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any

import regex

from checker.findings import Finding, Severity, Status
from checker.model import Claim, ClaimKind
from checker.ruleapi import happening_class

from .base import FindingSpec, Rule, RuleContext
from .compare import short_id

# Happenings that take place once in a story: a shooting, a fire, a crash, a raid; an arrest and
# a charge once per person. Hearings, deaths of the wounded and protests come on several days of
# one story and are not compared.
ONE_DAY = frozenset({"violence", "fire", "crash", "explosion", "storm", "raid", "arrest", "charge", "visit"})
PER_PERSON = frozenset({"arrest", "charge", "visit"})
# Happenings in a story's background that befall one person or thing once: a conviction, its
# reversal, an expulsion. Stories tell them with a month or a year of their own ("was ejected
# in 2003", "In July, the Utah Supreme Court overturned"); they are compared only between
# sentences that name the same person, never across different people.
ONCE_PER_PERSON = frozenset({"verdict", "reversal", "expulsion", "appointment"})
# Happenings whose dates are compared for agreement only: a person may be appointed to
# several posts, or visit a place twice; a story names several buildings and the year each
# was built, and several bodies that renounced a practice. An earlier happening of a story's kind ("the April 2008
# raid", in stories of 2009 and 2011) is one of these too: the same place may be raided twice.
AGREE_ONLY = frozenset({"appointment", "construction", "renunciation", "visit"})
# Happenings that befall one thing once, compared between the sentences of one story that
# name the same thing: "voters in 2010 approved a $3 million bond", "Last year, voters
# approved a bond measure".
PER_THING = frozenset({"approval"})

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {m: i + 1 for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                            "nov", "dec"))}

_WORD = regex.compile(r"\p{L}+(?:['’]s)?(?:-\p{L}+)*|\d+(?:-\p{L}+)*")
# _WORD on an ASCII text (where a letter is [A-Za-z] and a digit [0-9]), with the quicker re.
_ASCII_WORD = re.compile(r"[A-Za-z]+(?:'s)?(?:-[A-Za-z]+)*|[0-9]+(?:-[A-Za-z]+)*")


def _words(text: str) -> list[str]:
    """``_WORD.findall(text)``."""
    return _ASCII_WORD.findall(text) if text.isascii() else _WORD.findall(text)


def _word_matches(text: str) -> list[re.Match[str]] | list[regex.Match[str]]:
    """``list(_WORD.finditer(text))``."""
    return list(_ASCII_WORD.finditer(text)) if text.isascii() else list(_WORD.finditer(text))
# "after" and "before" with a time of day ("just before 11:30 p.m. on Saturday") end no clause,
# nor does the colon of a time.
_CLAUSE_END = regex.compile(r"[;()]|(?<!\d):(?!\d)|\s(?:and|but|while|whereas|when|as|because|although|since|"
                            r"(?:after|before)(?!\s+(?:\d|noon|midnight|dawn|daybreak|sunrise|sunset|dusk)))\s",
                            regex.I)
# A day told by the report, not by the happening: "police said Tuesday", "announced on Monday".
_REPORTED_BEFORE = regex.compile(r"\b(?:said|say|says|told|announced|reported|confirmed|added|stated|released|"
                                 r"identified|updated|wrote|revealed|shown|showed|played|aired|testified|heard|"
                                 r"ruled|described|scheduled|ordered|issued|expected|planned|due)"
                                 r"(?:\s+\p{L}+){0,2}\s+(?:on\s+)?$", regex.I)
# Verbs whose subject is the happening itself ("the fire broke out Friday", "a fire that was
# set Friday night", "the shooting that took place last Friday"): the scan goes on to it.
_LIGHT_VERBS = frozenset("""broke break breaks out started start starts began begin begins begun erupted erupts
    occurred occurs happened happens took take takes place set ignited raged sparked""".split())
# Words passed over between a verb and its subject ("which was deliberately set").
_FILLER = frozenset("""was were is are be been being had has have which that who it its the a an apparently
    allegedly reportedly presumably deliberately intentionally first""".split())
_IRREGULAR_PAST = frozenset("""went came met made gave saw spoke left wrote told said sent got flew ran held kept
    stood sat brought bought thought""".split())
# Agents of a legal happening, not the happening ("a Utah jury found him guilty").
_AGENTS = frozenset({"court", "jury", "judge", "prosecutor"})
_POSSESSIVE = regex.compile(r"['’]s$")
# A bound of a span ("practicing polygamy between Nov. 1, 2004, and Oct. 8, 2008"), not a
# happening's date.
_BOUND_BEFORE = regex.compile(r"\b(?:between|from|until|till|through|(?<!\b(?:dates|dated|dating|back)\s+)to)\s+$|\bbetween\b[^;:]{1,40}\band\s+$", regex.I)
_FRONTED = regex.compile(r"^\s*(?:(?:on|in|at|by|during|late|early|earlier|later|last|this|since)\s+)*$", regex.I)
# Verb phrases of a class that no single lemma says.
_PHRASES = {("tossed", "out"): "reversal", ("threw", "out"): "reversal", ("struck", "down"): "reversal",
            ("found", "guilty"): "verdict", ("stopped", "by"): "visit", ("stops", "by"): "visit",
            ("stop", "by"): "visit", ("dates", "to"): "construction", ("dated", "to"): "construction",
            ("dates", "back"): "construction", ("dated", "back"): "construction", ("date", "back"): "construction"}
# Words of a class that its lemma would mistake: "built" (not "building"); "wounding" (not
# "wounds", of which one dies days later).
_SURFACE = {"built": "construction", "wounding": "violence"}
_LEGAL = frozenset({"arrest", "charge", "verdict", "sentencing", "court"})
_CRIME = frozenset({"violence", "fire", "explosion"})
_DEICTIC = frozenset({"today", "tonight"})
_IN_HAPPENING = regex.compile(r"^\s*,\s*in\s+(?:a|an|the)\s+(?:\p{L}+\s+)?(?P<word>\p{L}+)\s+(?:that|which)\b",
                              regex.I)
_HAPPENING_WORDS = 10
"""Event words up to this many words before a date (in its clause) say what it dates."""
# A charge named as what another act is on: "arraigned on charges", "held on a murder charge".
_ON_CHARGES = regex.compile(r"\bon\s+(?:(?:a|the|two|three|several|multiple|new|\p{L}+-degree)\s+)*(?:\p{L}+\s+)?$", regex.I)


@lru_cache(maxsize=65536)
def _cls(word: str) -> str | None:
    """The class of happening a word of a sentence names (see :func:`_cased`): a capitalised
    word is part of a name ("Catching Fire", "the Fire Department"), but for a named storm
    ("Hurricane Sandy")."""
    cls = _SURFACE.get(word.lower()) or happening_class(word)
    if cls is not None and word[:1].isupper() and cls != "storm":
        return None
    return cls


# The first words of :data:`_PHRASES` (in lower case).
_PHRASE_STARTS = frozenset(first for first, _ in _PHRASES)


@lru_cache(maxsize=65536)
def _may_tell(word: str) -> bool:
    """Can the word tell a happening in :func:`_classify_at`, whatever its case: a word of a
    class (by its lemmas or its surface), or the first word of a phrase of one? (What
    :func:`_cls` reads of a word is its lower case and its first letter's case.)"""
    lower = word.lower()
    return lower in _SURFACE or lower in _PHRASE_STARTS or happening_class(word) is not None


# The characters a word of :data:`_WORD` is made of: where one of them follows another, a text
# cut there may read a word that the whole sentence does not ("non-shooting" cut to "shooting").
_WORD_CHAR = regex.compile(r"[\p{L}\d'’-]")
_RUN_AFTER = regex.compile(r"[\p{L}\d'’-]*")
_RUN_BEFORE = regex.compile(r"[\p{L}\d'’-]*", regex.REVERSE)


def _cut_words(sentence: str, start: int, stop: int) -> list[str]:
    """The words of ``sentence[start:stop]`` that the sentence itself may not have: those of a
    run of word characters cut at either end (past the first other character, the words of the
    text are the sentence's)."""
    out: list[str] = []
    if 0 < start < stop and _WORD_CHAR.match(sentence, start - 1) and _WORD_CHAR.match(sentence, start):
        run = _RUN_AFTER.match(sentence, start, stop)  # (a pattern that always matches)
        out += _WORD.findall(sentence, start, run.end() if run else stop)
    if start < stop < len(sentence) and _WORD_CHAR.match(sentence, stop - 1) and _WORD_CHAR.match(sentence, stop):
        run = _RUN_BEFORE.match(sentence, start, stop)
        out += _WORD.findall(sentence, run.start() if run else start, stop)
    return out


@lru_cache(maxsize=65536)
def _read(sentence: str) -> tuple[str, bool]:
    """The sentence :func:`_cased`, and whether a word of it may tell a happening
    (:func:`_may_tell`). (Computed once per sentence: the dates and times of one sentence all
    read it.)"""
    words = _words(sentence)
    title = len(words) >= 3 and len([w for w in words if w[0].isupper()]) >= 0.6 * len(words)  # words are not empty
    if title:
        lowered = sentence.lower()
        if len(lowered) == len(sentence):
            return lowered, any(map(_may_tell, set(_WORD.findall(lowered))))
        return sentence, any(map(_may_tell, set(words)))
    first = _WORD.search(sentence)
    # (The first word in lower case is one word still, and what _may_tell reads of it, its lower case, is the same.)
    telling = any(map(_may_tell, set(words)))
    if first is None:
        return sentence, telling
    lowered = sentence[:first.start()] + first.group().lower() + sentence[first.end():]
    return (lowered if len(lowered) == len(sentence) else sentence), telling


def _cased(sentence: str) -> str:
    """The sentence with its first word, or all of it when it is set in title case (a
    headline), in lower case, so that a capitalised word inside it is part of a name. The
    length is kept: offsets into the sentence stay valid."""
    return _read(sentence)[0]


def _is_verb(word: str) -> bool:
    w = word.lower()
    return w in _IRREGULAR_PAST or (len(w) > 4 and w.endswith("ed") and not w.endswith("eed"))


def _subject_class(words: Sequence[re.Match[str]] | Sequence[regex.Match[str]], i: int, text: str) -> str | None:
    """The class of the happening that is the subject of the verb ``words[i]``, passing over
    auxiliaries and relative pronouns ("the fire, which was set"), or ``None``. A comma
    between ends the subject ("the time of the fire, stopped by Saturday") unless a relative
    pronoun follows it."""
    j = i - 1
    while j >= 0 and (words[j].group().lower() in _FILLER or words[j].group().lower().endswith("ly")
                      or words[j].group().lower() in _LIGHT_VERBS):
        j -= 1
    if j < 0:
        return None
    between = text[words[j].end():words[i].start()]
    if "," in between and not regex.search(r",\s*(?:which|that|who)\b", between, regex.I):
        return None
    return _cls(words[j].group())


def _scan_left(text: str) -> tuple[str | None, bool]:
    """The class of the happening the words before a date tell, nearest first, and whether it
    was found as the subject of a verb of happening ("the shooting that took place")."""
    matches = _word_matches(text)
    words = [m.group() for m in matches]
    lowered = [w.lower() for w in words]
    light = False
    counted = 0
    for i in range(len(words) - 1, -1, -1):
        word, lower = words[i], lowered[i]
        if not word[:1].isupper():
            # The words of a name ("Alaska Gov. and former vice presidential candidate Sarah
            # Palin") are one phrase: they do not count towards the window.
            counted += 1
            if counted > _HAPPENING_WORDS:
                break
        if i + 1 < len(words) and (lower, lowered[i + 1]) in _PHRASES:
            return _PHRASES[(lower, lowered[i + 1])], light
        cls = _cls(word)
        if cls == "charge" and _ON_CHARGES.search(text[:matches[i].start()]):
            return None, light  # "is arraigned on charges ... Wednesday": the date is the arraignment's
        if cls is not None and lower not in _AGENTS:
            return cls, light
        if lower in _LIGHT_VERBS:
            light = True
            continue
        verb = _is_verb(word)
        if (verb and i + 2 < len(words) and lowered[i + 1] == "by" and i > 0
                and lowered[i - 1] not in _FILLER and "," not in text[matches[i - 1].end():matches[i].start()]):
            counted -= 2  # with its "by": a modifier of the noun, as the name after it
            continue  # "the church attended by Sarah Palin on Friday night": a participle of the noun
        if verb:
            # The date is this verb's ("stopped by the church Saturday"): it dates a happening
            # only when the happening is the verb's subject ("the fire devastated the church").
            return _subject_class(matches, i, text), light
    return None, light


def _scan_fronted(words: Sequence[str]) -> str | None:
    """A date opening its clause ("On Wednesday, two officers ... were arrested", "In July,
    the Utah Supreme Court overturned ...") dates the clause's first happening; a noun after
    another date ("Saturday's shooting") and the agents of a legal act are passed over."""
    skip = False
    for i, word in enumerate(words[:10]):
        if skip:
            skip = False
            continue
        if _POSSESSIVE.search(word) and word[:1].isupper():
            skip = True
            continue
        if i + 1 < len(words) and (word.lower(), words[i + 1].lower()) in _PHRASES:
            return _PHRASES[(word.lower(), words[i + 1].lower())]
        cls = _cls(word)
        if cls is not None and word.lower() not in _AGENTS:
            return cls
    return None


_AUXILIARY = frozenset("was were is are has had have be been being will would did does do".split())


def _left_clause(window: str, bounds: Sequence[regex.Match[str]] | None = None) -> str:
    """The clause of the text before a date. "and" joins nouns as well as clauses: a
    conjunct with no verb ("Gov. and former candidate Sarah Palin on"), or one after a
    subject of one or two words ("Flames and smoke were coming from the church"), belongs
    to the clause before it. ``bounds``: the clause ends in the window, when already found."""
    if bounds is None:
        bounds = list(_CLAUSE_END.finditer(window))
    if not bounds:
        return window
    last = bounds[-1]
    clause = window[last.end():]
    if last.group().strip().lower() != "and":
        return clause
    start = bounds[-2].end() if len(bounds) > 1 else 0
    before = _words(window[start:last.start()])
    words = _words(clause)
    verbless = not any(_is_verb(w) or w.lower() in _AUXILIARY for w in words)
    if verbless or len(before) <= 2:
        return window[start:]
    return clause


def _happening(claim: Claim) -> str | None:
    """What a date is the date of (see :func:`_classify`)."""
    return _classify(claim)[0]


def _classify(claim: Claim) -> tuple[str | None, str | None]:
    """What a date is the date of: the class of the happening its clause tells ("was shot on
    Sunday" -> ``violence``, "the Dec. 6 killing" -> ``violence``, "the fire broke out Friday
    night" -> ``fire``, "was ejected in 2003" -> ``expulsion``), or ``None`` when no happening
    is near, when the date is the day something was said ("police said Tuesday"), or when a
    verb of another kind stands between ("the mayor thanked the firefighters Saturday"). With
    it, the class of a crime a legal act's clause dates ("accused of killing X in 2011", the
    day of the act or of the crime?), which is no happening's date of the story."""
    if claim.kind is not ClaimKind.DATE or claim.granularity is None:
        return None, None
    return _classify_at(claim.sentence, claim.start - claim.sentence_start, claim.text)


@lru_cache(maxsize=65536)
def _classify_at(text: str, offset: int, quote: str) -> tuple[str | None, str | None]:
    """:func:`_classify` of the date ``quote`` at ``offset`` in the sentence ``text``: it reads
    nothing else of the claim, so that a sentence a corpus repeats (a wire report run by several
    outlets) is read once."""
    if quote.strip().lower() in _DEICTIC:
        return None, None
    end = offset + len(quote)
    sentence, telling = _read(text)
    if not telling and not any(map(_may_tell, _cut_words(sentence, max(0, offset - 160), offset)
                                   + _cut_words(sentence, end, min(len(sentence), end + 80)))):
        return None, None  # most dates: no word of their sentence, nor of the text read of it, names a happening
    window = sentence[max(0, offset - 160):offset]
    bounds = list(_CLAUSE_END.finditer(window))
    left = _left_clause(window, bounds)
    if _REPORTED_BEFORE.search(left) or _BOUND_BEFORE.search(left):
        return None, None
    right = _CLAUSE_END.split(sentence[end:end + 80], 1)[0]
    right_words = _words(right)
    if _FRONTED.match(sentence[:offset]):
        # "On Feb. 6, a 2-year-old was shot ...": a sentence opened by its date is mostly an
        # earlier happening of the kind; only legal acts are read there.
        fronted = _scan_fronted(right_words)
        return (fronted if fronted not in _CRIME else None), None
    found, light = _scan_left(left)
    if right_words and not right.startswith(",") and _cls(right_words[0]) is not None:
        found = _cls(right_words[0])  # "convicted of the 2005 murder": the date is the murder's
    if found is None and right_words and not right.startswith(","):
        # Right after the date: "the Dec. 6 killing", "Friday night's fire", "voters in 2010 approved".
        first = right_words[1] if _POSSESSIVE.match(right_words[0]) and len(right_words) > 1 else right_words[0]
        found = _cls(first)
        if found is None and len(right_words) > 1 and right_words[0].lower() in ("fatal", "deadly", "police"):
            found = _cls(right_words[1])
    if found is None:
        # "damage was done to the church Friday night, in a fire that began ...": a phrase
        # set off after the date names the happening the clause tells of.
        after = _IN_HAPPENING.match(sentence[end:end + 40])
        found = _cls(after.group("word")) if after is not None else None
    if found is None and bounds and bounds[-1].group().strip().lower() in ("after", "when", "as"):
        # "officers fatally shot Kimani Gray after he pointed a revolver at them on Saturday
        # night": a clause of what led straight to a crime tells the crime's time.
        main, main_light = _scan_left(_left_clause(window[:bounds[-1].start()]))
        if main in _CRIME:
            found, light = main, main_light
    if found is None and _CALL.search(sentence[end:]):
        # "Shortly after 3:30 Tuesday morning someone called 911 and reported a fire": the day
        # of the call that reported a happening is its day.
        found = next((c for w in _WORD.findall(sentence[end:]) if (c := _cls(w)) in ONE_DAY and c not in PER_PERSON),
                     None)
    if found is None:
        return None, None
    if found in _CRIME and not light:
        # "arrested on a count of assault Thursday", "charged with killing X on Oct. 21": the
        # day of the arrest, or of the crime? (An age apposition ", 15," ends no clause.)
        wide = regex.sub(r",\s*\d+\s*,", " ", sentence[max(0, offset - 160):offset])
        clause = _CLAUSE_END.split(wide)[-1].rsplit(",", 1)[-1]
        if any(happening_class(w) in _LEGAL for w in _WORD.findall(clause)):
            return None, found
    return found, None


@dataclass(frozen=True, slots=True)
class When:
    """What a date claim says of a happening's time: a span of days (``low``..``high`` as
    ordinals, one day or a whole month or year), else a weekday alone (an undated article's
    "on Saturday"), else a month alone ("In July" in an undated article); with whether it is
    said late at night ("late Friday") or early in the morning ("early Saturday"). A day
    told without its year ("Dec. 6") keeps its month and day in ``md``; its span, when set,
    is in the year its articles were written in, a guess that gives its weekday."""

    low: int | None = None
    high: int | None = None
    weekday: str | None = None
    month: int | None = None
    late: bool = False
    early: bool = False
    md: tuple[int, int] | None = None

    @property
    def day(self) -> bool:
        return self.low is not None and self.low == self.high

    def shown(self) -> str:
        if self.md is not None:
            text = f"{dt.date(2000, *self.md).strftime('%B')} {self.md[1]}"
            if self.low is not None:
                day = dt.date.fromordinal(self.low)
                text += f" ({_WEEKDAYS[day.weekday()].title()} in {day.year})"
            return text
        if self.low is not None and self.high is not None:
            low, high = dt.date.fromordinal(self.low), dt.date.fromordinal(self.high)
            if self.day:
                return f"{low.isoformat()} ({_WEEKDAYS[low.weekday()].title()})"
            if low.day == 1 and low.month == 1 and high.month == 12 and high.day == 31:
                return str(low.year) if low.year == high.year else f"{low.year}-{high.year}"
            if low.day == 1 and (high + dt.timedelta(days=1)).day == 1 and (low.year, low.month) == (high.year,
                                                                                                     high.month):
                return low.strftime("%Y-%m")
            return f"{low.isoformat()}..{high.isoformat()}"
        if self.weekday:
            return self.weekday.title()
        if self.month:
            return dt.date(2000, self.month, 1).strftime("%B")
        return "unresolved"


_LATE = regex.compile(r"\b(?:late|overnight|midnight|last\s+night)\b", regex.I)
_EARLY = regex.compile(r"\b(?:overnight|early|midnight|dawn|daybreak|[1-5](?::\d\d)?\s*a\.?m\.?)", regex.I)
_MONTH_DAY = regex.compile(r"(?:(?P<m1>[A-Za-z]{3})[a-z]*\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?\b|\b(?P<d2>\d{1,2})(?:st|nd|rd|th)?"
                           r"\s+(?P<m2>[A-Za-z]{3})[a-z]*)")
# A calendar year told from the year of writing: no guess, unlike "last week".
_YEAR_WORDS = regex.compile(r"^(?:last|this)\s+year$", regex.I)
_MONTH_ONLY = regex.compile(r"^(?:(?:in|last|early|late|mid|this|since)\s+)*(?P<m>[A-Za-z]{3})[a-z]*\.?$", regex.I)


def _near(pattern: regex.Pattern[str], claim: Claim) -> bool:
    offset = claim.start - claim.sentence_start
    return pattern.search(claim.sentence[max(0, offset - 20):offset + len(claim.text) + 12]) is not None


def _ordinal(iso: object) -> int | None:
    if not isinstance(iso, str):
        return None
    try:
        return dt.date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


def when(claim: Claim, year: int | None) -> When | None:
    """What a date claim says of when (see :class:`When`); ``year`` dates a day told without
    one ("the Dec. 6 killing") in an undated article. A bare weekday ("on Saturday") says
    only the weekday: its resolution against the publication date is a guess (an article
    published weeks later about "Saturday night" means that Saturday), so it is compared as
    a weekday."""
    late, early = _near(_LATE, claim), _near(_EARLY, claim)
    weekday = claim.attr("weekday")
    if weekday is not None and claim.relative:
        return When(weekday=weekday, late=late, early=early)
    low, high = _ordinal(claim.low), _ordinal(claim.high)
    if low is not None and high is not None:
        if low != high and claim.relative and not _MONTH_ONLY.match(claim.text.strip()) \
                and not _YEAR_WORDS.match(claim.text.strip()):
            return None  # "earlier this month", "last week": a span guessed from the publication date
        return When(low, high, late=late, early=early)
    text = claim.text.strip()
    found = _MONTH_DAY.search(text)
    if found is not None:
        month = _MONTHS.get((found.group("m1") or found.group("m2") or "").lower())
        day = int(found.group("d1") or found.group("d2"))
        if month is None or _place((month, day), 2000) is None:
            return None
        ordinal = _place((month, day), year) if year is not None else None
        return When(ordinal, ordinal, late=late, early=early, md=(month, day))
    only = _MONTH_ONLY.match(text)
    if only is not None and _MONTHS.get(only.group("m").lower()) and claim.granularity is not None \
            and claim.granularity.value == "month":
        return When(month=_MONTHS[only.group("m").lower()])
    return None


def _place(md: tuple[int, int], year: int) -> int | None:
    try:
        return dt.date(year, md[0], md[1]).toordinal()
    except ValueError:
        return None


def _yearless(a: When, b: When) -> bool | None:
    """``same`` for a day told without its year and another day: the first is placed in the
    other's year (its own year is a guess)."""
    assert a.md is not None
    if b.md is not None:
        there, here = _place(b.md, 2000), _place(a.md, 2000)
    elif b.day and b.low is not None:
        there, here = b.low, _place(a.md, dt.date.fromordinal(b.low).year)
    else:
        return None
    return None if there is None or here is None else _adjacent(there - here, a, b)


def same(a: When, b: When) -> bool | None:
    """Can two times be the same happening? ``True``: the same day, one night across midnight
    (the earlier day said late, "late Friday", or the later day said early, "early Saturday";
    "Friday night" and a plain "Saturday" are two days), or a month or year that holds the
    day; ``False``: they cannot; ``None``: nothing tells (a weekday and a month)."""
    if a.md is not None and (b.md is not None or b.day):
        return _yearless(a, b)
    if b.md is not None and a.day:
        return _yearless(b, a)
    if a.low is not None and b.low is not None and a.high is not None and b.high is not None:
        if a.day and b.day:
            return _adjacent(b.low - a.low, a, b)
        return a.low <= b.high and b.low <= a.high
    if a.weekday is not None and (b.weekday is not None or b.day):
        other = b.weekday or _WEEKDAYS[dt.date.fromordinal(b.low or 0).weekday()]
        return _adjacent(_weekday_gap(a.weekday, other), a, b)
    if b.weekday is not None and a.day:
        return same(b, a)
    if a.month is not None and b.month is not None:
        return a.month == b.month
    return None


def _same_month(a: When, b: When) -> bool | None:
    """``same``, and a month told alone ("last April", in an undated article) is the month of
    a span of one month ("April 2008")."""
    for x, y in ((a, b), (b, a)):
        if x.month is not None and x.low is None and y.md is not None:
            return x.month == y.md[0]  # "last May" and "May 29th"
        if x.month is not None and x.low is None and y.low is not None and y.high is not None and y.md is None:
            low, high = dt.date.fromordinal(y.low), dt.date.fromordinal(y.high)
            if (low.year, low.month) == (high.year, high.month):
                return x.month == low.month
            return None
    if (a.low is not None and a.high is not None and b.low is not None and b.high is not None
            and a.high - a.low <= 1 and b.high - b.low <= 1
            and min(abs(a.low - b.high), abs(b.low - a.high)) > APART_DAYS):
        return None  # two days months apart: two happenings (a trial "starts Monday"), not a disagreement
    return same(a, b)


APART_DAYS = 31
"""Two days of a happening told further apart than this are not two accounts of one day."""


_OBJECT_END = frozenset("""to for that which who allowing in on of at by with from after before as and but while
    when because""".split())
_OBJECT_SKIP = frozenset("""a an the its their his her this that new second first million billion thousand hundred
    dollar dollars""".split())


def _things(claim: Claim, cls: str) -> set[str]:
    """The words of the thing a happening's word takes, in the sentence of its date ("approved
    a $3 million bond to buy" -> bond): up to the first preposition or clause word."""
    words = list(_WORD.finditer(claim.sentence))
    offset = claim.start - claim.sentence_start
    at = [i for i, w in enumerate(words) if _cls(w.group()) == cls]
    if not at:
        return set()
    i = min(at, key=lambda k: abs(words[k].start() - offset))
    out: set[str] = set()
    for w in words[i + 1:i + 7]:
        word = w.group().lower()
        if word in _OBJECT_END:
            break
        if word in _OBJECT_SKIP or not word.isalpha() or len(word) < 3:
            continue
        out.add(word)
    return out


# Words of a call that reports a happening ("The first 9-1-1 call came at 3:33 a.m.").
_CALL = regex.compile(r"\b(?:911|9\s?-\s?1\s?-\s?1|dispatchers?|emergency\s+calls?)\b", regex.I)
_AROUND = {"shortly after": (0, 15), "just after": (0, 15), "just before": (-15, 0)}
_TIME_SLACK = 5
"""Minutes either side of a time told exactly (reporters round "3:33" to "3:30")."""


def _of_the_happening(claim: Claim) -> bool:
    """Is a time of day told in a sentence of a happening that takes place once ("the fire
    broke out at 3:30 AM") or of the call that reported it?"""
    if _CALL.search(claim.sentence):
        return True
    return any(_cls(w) in ONE_DAY and _cls(w) not in PER_PERSON for w in _WORD.findall(_cased(claim.sentence)))


def _minutes(claim: Claim) -> tuple[int, int]:
    """The minutes of the day a time of day can be ("shortly after 3:30 a.m." -> 210..230)."""
    hours, minutes = (claim.attr("time") or "00:00").split(":")
    at = int(hours) * 60 + int(minutes)
    around = claim.attr("around")
    low, high = _AROUND.get(around, (-10, 10)) if around else (-_TIME_SLACK, _TIME_SLACK)
    return at + low, at + high


def _shown_time(claim: Claim) -> str:
    time = claim.attr("time") or ""
    return f"{claim.attr('around')} {time}" if claim.attr("around") else time


def _claim_key(claim: Claim) -> str:
    return f"{claim.article}\x00{claim.start:09d}"


def _to_the_month(w: When) -> bool:
    """Is a time told to the month or finer ("April 2008", "last April", "Oct. 21, 2011"; a
    weekday alone is no time of its own)?"""
    if w.month is not None or w.md is not None:
        return True
    return w.low is not None and w.high is not None and w.high - w.low <= 31


def _weekday_gap(a: str, b: str) -> int:
    gap = (_WEEKDAYS.index(b) - _WEEKDAYS.index(a)) % 7
    return -1 if gap == 6 else gap


def _adjacent(gap: int, a: When, b: When) -> bool:
    if gap == 0:
        return True
    if gap == 1:  # b is the day after a
        return a.late or b.early
    if gap == -1:  # a is the day after b
        return b.late or a.early
    return False


_NAME_FILLER = regex.compile(r"^\s*(?:(?:of|the|a|an|teen|teenager|boy|girl|student|man|woman|mother|father|"
                             r"\d+\s*-?\s*year\s*-?\s*old|\d+)\s*)*$", regex.I)
_PASSIVE_AFTER = regex.compile(r"^(?:\s*,\s*\d+\s*,)?\s+(?:was|were|had\s+been|has\s+been)\s+(?:\p{L}+ly\s+)?"
                               r"(?P<verb>\p{L}+)", regex.I)


@lru_cache(maxsize=65536)
def _happenings_of_name(before: str, after: str) -> frozenset[str]:
    """Classes of happening a person's name is the object of, from the text around it: "killed
    Grigoropoulos", "the shooting of 15-year-old Alexis Grigoropoulos", "Gray, 16, was shot"."""
    found: set[str] = set()
    words = _word_matches(before[-60:])
    for k in range(len(words) - 1, max(-1, len(words) - 5), -1):
        cls = happening_class(words[k].group())
        if cls is not None:
            if _NAME_FILLER.match(before[-60:][words[k].end():]):
                found.add(cls)
            break
    passive = _PASSIVE_AFTER.match(after)
    if passive is not None:
        cls = happening_class(passive.group("verb"))
        if cls is not None:
            found.add(cls)
    return frozenset(found)


@lru_cache(maxsize=65536)
def _surname(name: str) -> str:
    parts = _WORD.findall(name)
    return _POSSESSIVE.sub("", parts[-1]).lower() if parts else ""


# Happenings that befall a building or an organisation: "the fire at Wasilla Bible Church".
_AT_PLACES = frozenset({"fire", "explosion", "raid"})
_AT_BEFORE = regex.compile(r"\b(?P<word>\p{L}+)\s+(?:at|on|of|in|to)\s+(?:the\s+)?$", regex.I)


def _objects(ctx: RuleContext, article: str) -> dict[str, set[str]]:
    """For each class of happening, whom or what an article says it befell: the surnames of
    people ("killed Grigoropoulos"), the names of organisations and buildings ("the fire at
    Wasilla Bible Church")."""
    out: dict[str, set[str]] = defaultdict(set)
    for claim in ctx.alignment.by_article.get(article, ()):
        if claim.kind is not ClaimKind.ENTITY:
            continue
        offset = claim.start - claim.sentence_start
        if claim.subject == "person":
            full = _full_name(claim.canonical or claim.text)
            # (the 60 characters before the name are all that _happenings_of_name reads of them)
            for cls in _happenings_of_name(claim.sentence[:offset][-60:],
                                           claim.sentence[offset + len(claim.text):][:40]):
                out[cls].add(_surname(claim.canonical or claim.text))
                if full is not None:
                    out[cls].add(full)
        elif claim.subject == "organisation":
            at = _AT_BEFORE.search(claim.sentence[max(0, offset - 40):offset])
            kind = _cls(at.group("word")) if at is not None else None
            if kind in _AT_PLACES:
                out[kind].add(_name_key(claim))
    return out


def _objects_json(ctx: RuleContext, article: str) -> list[Any]:
    """:func:`_objects` as JSON: a list of one object, of sorted lists."""
    return [{kind: sorted(names) for kind, names in sorted(_objects(ctx, article).items())}]


def _are_objects(kept: list[Any]) -> bool:
    """Is ``kept`` what :func:`_objects_json` gives?"""
    return len(kept) == 1 and isinstance(kept[0], dict) and all(
        isinstance(names, list) and all(isinstance(n, str) for n in names) for names in kept[0].values())


_TIME_WORDS = regex.compile(r"(?:\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|evening|"
                            r"night|afternoon|today|yesterday|tonight))+$", regex.I)


def _name_key(entity: Claim) -> str:
    """The key of a named object: a person's surname; an organisation's name, less a day the
    name was run together with ("Wasilla Bible Church Friday")."""
    name = entity.canonical or entity.text
    if entity.subject == "person":
        return _surname(name)
    return _TIME_WORDS.sub("", name).lower()


def _dated_names(ctx: RuleContext, claims: Iterable[Claim]) -> set[str]:
    """The names in the sentences of an article's dates of a happening: organisations, and the
    full names of people (also when run together with a place: "Athens of Alexandros
    Grigoropoulos")."""
    out: set[str] = set()
    for claim in claims:
        for entity in ctx.alignment.entities_in_sentence(claim):
            if entity.subject == "organisation":
                out.add(_name_key(entity))
            elif (full := _full_name(entity.canonical or entity.text)) is not None:
                out.add(full)
    return out


@lru_cache(maxsize=65536)
def _full_name(name: str) -> str | None:
    """The key of a person's full name, its last two words ("=alexandros grigoropoulos"): a
    surname alone ("Smith") is too common to tie two articles' happenings together."""
    words = _WORD.findall(name)
    if len(words) < 2 or not all(w[:1].isupper() for w in words[-2:]):
        return None
    return "=" + " ".join(_POSSESSIVE.sub("", w).lower() for w in words[-2:])


def _year(ctx: RuleContext, articles: Iterable[str]) -> int | None:
    """The year the articles were written in, when those that say agree on one."""
    years: Counter[int] = Counter()
    for article in articles:
        when_written = _written(ctx, article)
        if when_written is not None:
            years[when_written.year] += 1
    return years.most_common(1)[0][0] if len(years) == 1 else None


# A sentence about another happening of the kind in the story ("in the most recent case").
_OTHER_CASE = regex.compile(r"\b(?:most\s+recent|latest|earlier|other)\s+(?:case|incident|shooting|fire|attack)\b",
                            regex.I)
_LINKED = 8
"""Articles of one named person compared with each other's dates, at most (linear time)."""


def _written(ctx: RuleContext, article: str) -> dt.date | None:
    return ctx.written(article)


def _written_apart(a: set[dt.date | None], b: set[dt.date | None]) -> bool:
    """Were all the dated reports of ``a`` written more than :data:`APART_DAYS` from all those of
    ``b`` (undated reports of a date go with the dated ones that give it)?"""
    known_a, known_b = [x for x in a if x is not None], [y for y in b if y is not None]
    if not known_a or not known_b:
        return False
    return all(abs((x - y).days) > APART_DAYS for x in known_a for y in known_b)


def _close(a: dt.date | None, b: dt.date | None) -> bool:
    return a is None or b is None or abs((a - b).days) <= 14


# Words that give a figure a wider scope (a national tally, a record) but tie a day to no
# other happening: "The December 6 killing ... unleashed a wave of unrest across the country".
_SCOPE = regex.compile(r"\b(?:nationwide|worldwide|statewide|across\s+the\s+country|record|history|historic|ever)\b",
                       regex.I)


_DAY_WORDS = {"yesterday": -1, "last night": -1, "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0,
              "this evening": 0, "tomorrow": 1}


def _dated_by_dateline(ctx: RuleContext, claim: Claim) -> Claim:
    """A day told by its distance from the day of writing ("early this morning", "last night"),
    or a year ("Last year, voters approved"), in an article whose date is known only from its
    dateline, resolved against it."""
    if not claim.relative or claim.low is not None:
        return claim
    text = " ".join(claim.text.lower().split())
    offset = _DAY_WORDS.get(text)
    years = _YEAR_OFFSETS.get(text)
    written = _written(ctx, claim.article) if offset is not None or years is not None else None
    if written is None:
        return claim
    if years is not None:
        year = written.year + years
        return dataclasses.replace(claim, low=f"{year:04d}-01-01", high=f"{year:04d}-12-31")
    assert offset is not None
    day = (written + dt.timedelta(days=offset)).isoformat()
    return dataclasses.replace(claim, low=day, high=day)


_YEAR_OFFSETS = {"last year": -1, "this year": 0}


def _background(ctx: RuleContext, claim: Claim) -> bool:
    """Is a date's sentence about another happening than its story's (``ctx.background``, but
    for the words of scope, which say nothing of a day)?"""
    if not ctx.background(claim):
        return False
    scrubbed = _SCOPE.sub(" ", claim.sentence)
    return scrubbed == claim.sentence or ctx.background(dataclasses.replace(claim, sentence=scrubbed))


def _other_year(ctx: RuleContext, claim: Claim) -> bool:
    """Is a month or a year given for the story's happening one of another year than its
    article's ("In December 1999, Cephas had his first charge")?"""
    low = _ordinal(claim.low)
    written = _written(ctx, claim.article)
    if low is None or written is None:
        return False
    return dt.date.fromordinal(low).year not in (written.year, written.year - 1)


def _story_articles(ctx: RuleContext, article: str) -> Sequence[str]:
    """The articles of an article's story (the article alone when it is in none)."""
    found = ctx.story_articles(ctx.story_of(article))
    return found if found is not None else (article,)


_TIMES, _EARLIER, _CHARGED, _THINGS, _DATED = "times", "earlier", "charged", "things", "dated"
"""Where :meth:`HappeningDay.check` puts a date (:func:`_place_of`): with the times of day of
its story, the dates of an earlier happening, a person's earlier charges, the dates of a
happening that befalls one thing, or the dates of the story's happenings."""


def _place_of(ctx: RuleContext, claim: Claim) -> tuple[str, str] | None:
    """Where a date goes, with the class of happening it dates (:func:`_classify`), or ``None``
    when it is compared with nothing. It reads the date's sentence and article and, through
    :meth:`RuleContext.background` of an undated article, when its story's articles were written."""
    if claim.attr("time") is not None and claim.low is None:
        return (_TIMES, "") if _of_the_happening(claim) else None
    cls, crime = _classify(claim)
    claim = _dated_by_dateline(ctx, claim)
    if cls is None:
        if crime is not None and claim.granularity is not None and claim.granularity.value != "day" \
                and (_other_year(ctx, claim) or _written(ctx, claim.article) is None):
            # "accused of killing X in 2011", in a report of the 2013 trial: the act is
            # of the report's time, the year is the crime's.
            return _EARLIER, crime
        return None
    day = claim.granularity is not None and claim.granularity.value == "day"
    if cls in PER_PERSON and not day:
        # "In 2004, Gomes was charged with stealing": a person's earlier charges, which
        # recur; compared per person for agreement only ("indicted in July, 2008").
        return (_CHARGED, cls) if cls not in AGREE_ONLY else None
    if cls in ONE_DAY:
        # A year told from the year of writing ("a shooting last year") is another
        # happening's: the story's own is told to the day.
        last_year = claim.relative and claim.granularity is not None and claim.granularity.value == "year"
        if last_year or _background(ctx, claim) or _other_year(ctx, claim) \
                or _OTHER_CASE.search(claim.sentence):
            return (_EARLIER, cls) if not day else None  # "an April 2008 raid"
    elif cls in PER_THING:
        return _THINGS, cls
    elif cls in AGREE_ONLY and cls not in ONCE_PER_PERSON:
        return (_EARLIER, cls) if not day else None  # "It was built in 1935"
    elif cls not in ONCE_PER_PERSON:
        return None
    elif day:
        return None  # a conviction on the story's day is not its background: convictions recur
    return _DATED, cls


def _places_of(ctx: RuleContext, claims: Sequence[Claim]) -> list[Any]:
    """:func:`_place_of` of each claim, as JSON values (a list, or ``None``)."""
    return [None if (place := _place_of(ctx, c)) is None else list(place) for c in claims]


_WHERE = frozenset({_TIMES, _EARLIER, _CHARGED, _THINGS, _DATED})


def _are_places(n: int, kept: list[Any]) -> bool:
    """Is ``kept`` what :func:`_places_of` gives of ``n`` claims?"""
    return len(kept) == n and all(v is None or (isinstance(v, list) and len(v) == 2 and v[0] in _WHERE
                                                and isinstance(v[1], str)) for v in kept)


class _Groups:
    """Union-find over articles."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, a: str) -> str:
        parent = self.parent
        parent.setdefault(a, a)
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


class HappeningDay(Rule):
    """Sources disagree on the day a story's happening took place.

    **What it checks**: a date told with an event word in its clause ("was shot on Sunday",
    "the Dec. 6 killing", "a gunman opened fire Tuesday", "the fire broke out Friday night",
    "On Wednesday, two officers ... were arrested") dates that kind of happening: violence
    (shot, killed, stabbed, attack), a fire, a crash, a raid, an arrest, a charge, a verdict,
    a reversal on appeal, an expulsion ... (reviewed data in ``checker/data/measures.toml``,
    matched on lemmas). A day that something was *said* ("police said Tuesday") dates
    nothing, and neither does a day another verb takes ("the mayor thanked the firefighters
    Saturday", after "the fire"), but a clause of what led straight to a crime ("shot him
    after he pointed a revolver at them on Saturday night") and the call that reported a
    happening ("Tuesday morning someone called 911 and reported a fire") tell its day. The articles compared are those of one story, and those of
    other stories that say the happening befell the same named person ("killed
    Grigoropoulos", "the shooting of Alexis Grigoropoulos"). Weekdays are resolved against
    the publication date, an undated article's bare weekday is compared as a weekday, and a
    day without a year ("Dec. 6") takes the year the articles were written in. A month or
    a year that holds the day agrees with it ("in October 2011", "on Oct. 21, 2011"); two
    days agree when they are one, or one night across midnight said so ("late Friday" and
    "Saturday", "Friday night" and "early Saturday"; "Friday night" and a plain "Saturday"
    are two days). An article that gives two different times for one kind of happening is
    left out, and so is a date in a sentence tied to another happening ("last year's fire").
    Only happenings that take place once in a story are compared (a shooting, a fire, a
    crash, an explosion, a storm, a raid; an arrest or a charge, between sentences that do
    not name different people; a person's earlier charges, told by a month or a year, for
    agreement only). Background happenings that befall one person once, a
    conviction, its reversal, an expulsion, are dated by a month or a year of their own
    ("was ejected in 2003", "ousted in 2002"): they are compared only between sentences that
    name the same person (a sentence that names nobody, "He was ejected in 2003 by its
    leader", speaks of the people of the sentence before it). Other happenings of a story are
    each compared with their own kind, for agreement only (a story tells of several): a visit
    ("visited the church on Saturday", "stopped by Saturday morning") as an arrest, an
    appointment per person, the year a building was built ("built in 1935", "dates to 1935",
    "in the 1930s"), a renunciation. An earlier happening of the story's kind ("an April 2008
    raid", "accused of killing X in 2011" in a report of the 2013 trial) is compared for
    agreement only, across the articles of its story and, told to the month, of stories whose
    sentences of it share a name. An approval ("voters in 2010 approved a $3 million bond")
    is compared between the articles of a story that name the same thing approved. The times
    of day told in a story's sentences of its happening, or of the call that reported it ("The
    fire was reported at 3:33 a.m.", "a call shortly after 3:30 a.m."), are compared for
    agreement only (a story tells of several moments). "Early
    this morning", "last night" and "last year" are resolved against the publication date,
    or the dateline.

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
        dated: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
        earlier: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
        things: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
        times: dict[str, list[Claim]] = defaultdict(list)
        charged: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
        lists = {_EARLIER: earlier, _CHARGED: charged, _THINGS: things, _DATED: dated}
        places = self._places(ctx)
        for claim in ctx.claims_of(ClaimKind.DATE):
            place = places.get(id(claim))
            if place is None:
                continue
            where, cls = place
            if where == _TIMES:
                times[ctx.story_of(claim.article)].append(claim)
                continue
            claim = _dated_by_dateline(ctx, claim)
            lists[where][cls][claim.article].append(claim)
        for cls in sorted(charged):
            yield from self._per_person(ctx, cls, charged[cls], conflicts=False)
        objects: dict[str, dict[str, set[str]]] = {}  # _objects of each article, read once for all classes
        for cls in sorted(dated):
            if cls in ONCE_PER_PERSON:
                yield from self._per_person(ctx, cls, dated[cls])
            else:
                yield from self._per_story(ctx, cls, dated[cls], objects)
        for cls in sorted(earlier):
            yield from self._earlier(ctx, cls, earlier[cls], dated.get(cls, {}))
        for cls in sorted(things):
            yield from self._per_thing(ctx, cls, things[cls])
        for story in sorted(times):
            yield from self._times(ctx, times[story])

    def _places(self, ctx: RuleContext) -> dict[int, tuple[str, str]]:
        """:func:`_place_of` of every date that has a place, by ``id`` of the claim: read story
        by story, and kept between runs for the stories none of whose articles changed
        (:meth:`Rule.block_readings`: what it reads of a date is its sentence, its article and,
        for an undated article, when the articles of its story were written)."""
        by_article: dict[str, list[Claim]] = defaultdict(list)
        for claim in ctx.claims_of(ClaimKind.DATE):
            by_article[claim.article].append(claim)
        by_story: dict[str, list[str]] = defaultdict(list)
        for article in by_article:
            by_story[ctx.story_of(article)].append(article)
        places: dict[int, tuple[str, str]] = {}
        for story, articles in by_story.items():
            claims = [c for article in sorted(articles) for c in by_article[article]]
            block = sorted({*articles, *(ctx.story_articles(story) or ())})
            read = self.block_readings(ctx, block, "places", partial(_places_of, ctx, claims),
                                       partial(_are_places, len(claims)))
            places.update((id(c), (where, cls)) for c, (where, cls) in
                          ((c, place) for c, place in zip(claims, read, strict=True) if place is not None))
        return places

    def _times(self, ctx: RuleContext, claims: Sequence[Claim]) -> Iterator[Finding]:
        """Agreements on the time of day of a story's happening ("The fire was reported at
        3:33 a.m.", "dispatchers got a call shortly after 3:30 a.m."): times that can be one,
        told in two articles or more. No conflict: a story tells the times of several moments
        (the fire reported, the firefighters' arrival, the fire put out)."""
        spans = [(c, *_minutes(c)) for c in sorted(claims, key=_claim_key)]
        # Times that can be one moment, group by group: each member can be one with each other
        # (no chain from 14:20 through 14:40 to 15:00).
        verdict: dict[tuple[int, int], bool | None] = {}
        for i, (_, alo, ahi) in enumerate(spans):
            for j, (_, blo, bhi) in enumerate(spans):
                if i != j:
                    verdict[(i, j)] = alo <= bhi and blo <= ahi
        for group in _partition(len(spans), verdict):
            members = [spans[i][0] for i in group]
            if len({c.article for c in members}) < 2:
                continue
            sides: dict[str, list[str]] = defaultdict(list)
            for c in members:
                sides[_shown_time(c)].append(short_id(c.article))
            text = " and ".join(f"{t} ({', '.join(sorted(set(a)))})" for t, a in sorted(sides.items()))
            yield self.finding(ctx, Status.AGREEMENT, "time of day of the happening",
                               f"The articles agree on the time of day of the happening: {text}.", members, 0.5,
                               values=sorted(sides), fact=("happening-time",))

    def _per_thing(self, ctx: RuleContext, cls: str, by_article: dict[str, list[Claim]]) -> Iterator[Finding]:
        """The dates of a happening that befalls one thing once, compared between the articles
        of one story whose sentences name the same thing after the event word ("approved a $3
        million bond", "approved a bond measure")."""
        by_thing: dict[tuple[str, str], dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
        for article in sorted(by_article):
            for claim in by_article[article]:
                for thing in sorted(_things(claim, cls)):
                    by_thing[(ctx.story_of(article), thing)][article].append(claim)
        for (_, thing), claims in sorted(by_thing.items()):
            chosen = [pick for article in sorted(claims) if (pick := _consistent(claims[article], None)) is not None]
            if len(chosen) >= 2:
                yield from self._compare(ctx, cls, chosen, thing)

    def _earlier(self, ctx: RuleContext, cls: str, by_article: dict[str, list[Claim]],
                 current: dict[str, list[Claim]]) -> Iterator[Finding]:
        """Agreements on the month or year of a happening in a story's background, with the
        story's own dates of it that agree ("killed in October 2011" in a report of the 2013
        trial, "killed on Oct. 21, 2011" in one of that day). Compared are the articles of one
        story, and those of other stories whose sentences of it, told to the month, share a
        name ("raided the compound in April 2008" in Texas, "the April raid on the Eldorado
        compound"). No conflict: two such dates may be of two happenings."""
        # Each different time an article gives (it may tell of two buildings).
        picks: dict[str, list[tuple[Claim, When]]] = {}
        for article in sorted(by_article):
            found = _distinct(by_article[article])
            if found:
                picks[article] = found
        if not picks:
            return
        pooled = {(c.article, c.start) for found in picks.values() for c, _ in found}
        for article in sorted(current):
            pick = _consistent(current[article], None)
            if pick is not None and pick[1].md is None and all(pick[1] != w for _, w in picks.get(article, ())):
                picks.setdefault(article, []).append(pick)
        groups = _Groups()
        stories: dict[str, str] = {}
        names: dict[str, list[str]] = defaultdict(list)
        for article in sorted(picks):
            groups.union(article, stories.setdefault(ctx.story_of(article), article))
            # Dates told to the month link stories (a weekday, "Saturday", would tie every
            # story of a Saturday together).
            keys = {_surname(e.canonical or e.text) for claim, w in picks[article] if _to_the_month(w)
                    for e in ctx.alignment.entities_in_sentence(claim)}
            for name in sorted(keys):
                for other in names[name][-_LINKED:]:
                    groups.union(article, other)
                names[name].append(article)
        blocks: dict[str, list[tuple[Claim, When]]] = defaultdict(list)
        for article in sorted(picks):
            blocks[groups.find(article)].extend(picks[article])
        for chosen in blocks.values():
            if len({c.article for c, _ in chosen}) >= 2:
                # kept per group of stories: what it compares is what their articles give
                block = sorted({a for c, _ in chosen for a in _story_articles(ctx, c.article)})
                yield from self.block_findings(ctx, block, partial(self._specs, ctx, cls, chosen, conflicts=False,
                                                                   among=pooled), "earlier", cls)

    def _per_story(self, ctx: RuleContext, cls: str, by_article: dict[str, list[Claim]],
                   read: dict[str, dict[str, set[str]]]) -> Iterator[Finding]:
        """``read``: the :func:`_objects` of articles, kept from one class to the next."""
        groups = _Groups()
        stories: dict[str, str] = {}
        people: dict[str, list[str]] = defaultdict(list)
        for article in by_article:
            if article not in read:  # kept between runs, as JSON (a list of one object)
                kept = self.article_readings(ctx, article, "objects", partial(_objects_json, ctx, article), _are_objects)
                read[article] = {kind: set(names) for kind, names in kept[0].items()}
        objects = {article: read[article].get(cls, set()) for article in by_article}
        known = set().union(*objects.values())
        for article in sorted(by_article):
            story = ctx.story_of(article)
            groups.union(article, stories.setdefault(story, article))
            # A name in the sentence that dates the happening ("A deadly police shooting Dec. 6
            # in Athens of Alexandros Grigoropoulos"), when another article says the happening
            # befell it, links the article too.
            named = objects[article] | (_dated_names(ctx, by_article[article]) & known)
            for name in sorted(named):
                # Articles of other stories that say it befell the same person, written within
                # two weeks (or undated): one happening.
                for other in people[name][-_LINKED:]:
                    if _close(_written(ctx, article), _written(ctx, other)):
                        groups.union(article, other)
                people[name].append(article)
        blocks: dict[str, list[str]] = defaultdict(list)
        for article in sorted(by_article):
            blocks[groups.find(article)].append(article)
        for articles in blocks.values():
            if len(articles) < 2:
                continue
            block = sorted({a for article in articles for a in _story_articles(ctx, article)})
            yield from self.block_findings(ctx, block, partial(self._story_specs, ctx, cls, articles, by_article, block),
                                           "per-story", cls)

    def _story_specs(self, ctx: RuleContext, cls: str, articles: Sequence[str], by_article: dict[str, list[Claim]],
                     block: Sequence[str]) -> Iterator[FindingSpec]:
        """The findings on the dates of a happening that ``articles`` give, the articles of
        ``block`` (their stories) that date it: kept per block (:meth:`Rule.block_findings`), as
        what they compare is what the articles of the block give and when they were written."""
        year = _year(ctx, block)
        chosen: list[tuple[Claim, When]] = []
        for article in articles:
            pick = _consistent(by_article[article], year)
            if pick is not None:
                chosen.append(pick)
        if len({c.article for c, _ in chosen}) < 2:
            return
        if cls in PER_PERSON and _several_people(ctx, [c for c, _ in chosen]):
            return  # arrests of different people may come on different days
        yield from self._specs(ctx, cls, chosen, conflicts=cls not in AGREE_ONLY)

    def _per_person(self, ctx: RuleContext, cls: str, by_article: dict[str, list[Claim]],
                    conflicts: bool = True) -> Iterator[Finding]:
        by_name: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
        for article, claims in by_article.items():
            for claim in claims:
                for name in sorted(_people(ctx, claim)):
                    by_name[name][article].append(claim)
        told: set[frozenset[tuple[str, int]]] = set()
        for name in sorted(by_name, key=lambda n: (-len(by_name[n]), n)):
            chosen = [pick for article in sorted(by_name[name])
                      if (pick := _consistent(by_name[name][article], None)) is not None]
            members = frozenset((c.article, c.start) for c, _ in chosen)
            if members in told:
                continue  # the same dates under another name of their sentences ("Texas")
            told.add(members)
            if len(chosen) >= 2:
                yield from self._compare(ctx, cls, chosen, name, conflicts=conflicts and cls not in AGREE_ONLY)

    def _compare(self, ctx: RuleContext, cls: str, chosen: Sequence[tuple[Claim, When]],
                 who: str | None = None, conflicts: bool = True) -> Iterator[Finding]:
        """The findings of :meth:`_specs`."""
        return (self._spec_finding(ctx, spec) for spec in self._specs(ctx, cls, chosen, who, conflicts))

    def _specs(self, ctx: RuleContext, cls: str, chosen: Sequence[tuple[Claim, When]],
               who: str | None = None, conflicts: bool = True,
               among: set[tuple[str, int]] | None = None) -> Iterator[FindingSpec]:
        """One finding for the articles' dates of one happening: a conflict when two cannot be
        one, listing the groups of articles that agree with each other; with it, an agreement
        of the largest such group (what most sources concur on). Else an agreement of the
        articles whose dates can be told to be one. Dates are compared value by value (a
        story's thousand articles give a handful of days), and for a person's background
        happening only between sentences that name no different places. Without ``conflicts``,
        an agreement of each group of dates that agree (of those that hold one of ``among``)."""
        by_key: dict[tuple[When, frozenset[str]], list[tuple[Claim, When]]] = defaultdict(list)
        for claim, w in chosen:
            places = frozenset(ctx.alignment.entities_near(claim, ("place",))) if who else frozenset()
            by_key[(w, places)].append((claim, w))
        keys = list(by_key)
        # When the articles of each date were written: a weekday told alone is within days of it.
        written = [{_written(ctx, c.article) for c, _ in by_key[key]} for key in keys]
        verdict: dict[tuple[int, int], bool | None] = {}
        for i, (wa, pa) in enumerate(keys):
            verdict[(i, i)] = True if len(by_key[keys[i]]) > 1 else None
            for j in range(i + 1, len(keys)):
                wb, pb = keys[j]
                elsewhere = bool(pa) and bool(pb) and pa.isdisjoint(pb)
                if not elsewhere and wa.low is None and wb.low is None and _written_apart(written[i], written[j]):
                    elsewhere = True  # "starts Monday" in a report two years after "Thursday night"
                verdict[(i, j)] = verdict[(j, i)] = None if elsewhere else _same_month(wa, wb)
        disagree = any(v is False for v in verdict.values())
        agree = {i for (i, _), v in verdict.items() if v is True}
        what = (f"{cls} of the {who}" if cls in PER_THING else f"{cls} of {who.title()}") if who else cls
        topic = f"day of the {what}" if cls in ONE_DAY and conflicts else f"date of the {what}"
        fact = ("happening-day", cls) if who is None else ("happening-day", cls, who)
        if not conflicts:
            fact = (*fact, "agreement-only")
            for group in _partition(len(keys), verdict):
                concur = [m for i in group for m in by_key[keys[i]]]
                if among is not None and not any((c.article, c.start) in among for c, _ in concur):
                    continue  # the story's own dates alone: told by the comparison of the story
                if len({c.article for c, _ in concur}) > 1 and any(verdict[(i, k)] is True for i in group
                                                                  for k in group):
                    yield FindingSpec(Status.AGREEMENT, topic,
                                      f"These articles agree on the date of the {what}: "
                                      f"{' and '.join(_sides(concur))}.",
                                      [c for c, _ in concur], 0.6, fact, values=_values(concur))
            return
        if not disagree:
            if agree:
                members = [m for i in sorted(agree) for m in by_key[keys[i]]]
                text = " and ".join(_sides(members))
                yield FindingSpec(Status.AGREEMENT, topic, f"The articles agree on the date of the {what}: {text}.",
                                  [c for c, _ in members], 0.6, fact, values=_values(members))
            return
        groups = _partition(len(keys), verdict)
        parts = [[m for i in group for m in by_key[keys[i]]] for group in groups
                 if any(verdict.get((i, k)) is False for i in group for k in range(len(keys)))]
        text = " vs ".join(" and ".join(_sides(part)) for part in parts)
        members = [m for part in parts for m in part]
        yield FindingSpec(Status.CONFLICT, topic, f"The articles give different dates for the {what}: {text}.",
                          [c for c, _ in members], 0.6, fact, values=_values(members))
        largest = max(groups, key=lambda g: sum(len(by_key[keys[i]]) for i in g))
        concur = [m for i in largest for m in by_key[keys[i]]]
        if len(concur) > 1 and any(verdict[(i, k)] is True for i in largest for k in largest):
            yield FindingSpec(Status.AGREEMENT, topic,
                              f"These articles agree on the date of the {what}: {' and '.join(_sides(concur))}.",
                              [c for c, _ in concur], 0.6, fact, values=_values(concur))


def _sides(members: Sequence[tuple[Claim, When]]) -> list[str]:
    """"Saturday (a, b)": each date shown once, with the articles that give it."""
    sides: dict[str, list[str]] = defaultdict(list)
    for claim, w in members:
        sides[w.shown()].append(short_id(claim.article))
    return [f"{day} ({', '.join(sorted(arts))})" for day, arts in sorted(sides.items())]


def _values(members: Sequence[tuple[Claim, When]]) -> list[str]:
    return sorted({w.shown() for _, w in members})


def _partition(n: int, verdict: dict[tuple[int, int], bool | None]) -> list[list[int]]:
    """Groups of dates that agree with each other, largest agreement first: each group is the
    date that agrees with the most others, with those of them that contradict no member."""
    # How many dates left each date agrees with, kept up to date as groups are taken out
    # (counting them again for every group made the partition cubic in the dates).
    agreeing = [0] * n
    agreed_by: list[list[int]] = [[] for _ in range(n)]
    for (i, k), v in verdict.items():
        if v is True and i != k:
            agreeing[i] += 1
            agreed_by[k].append(i)
    left = list(range(n))
    groups: list[list[int]] = []
    while left:
        pivot = max(left, key=lambda i: (agreeing[i], -i))
        group = [pivot]
        for k in left:
            if k != pivot and verdict.get((pivot, k)) is True and all(verdict.get((k, g)) is not False for g in group):
                group.append(k)
        groups.append(sorted(group))
        taken = set(group)
        left = [k for k in left if k not in taken]
        for g in group:
            for i in agreed_by[g]:
                agreeing[i] -= 1
    return groups


def _distinct(claims: Sequence[Claim]) -> list[tuple[Claim, When]]:
    """Each different time the claims tell (the first claim that tells it)."""
    out: dict[When, Claim] = {}
    for claim in claims:
        w = when(claim, None)
        if w is not None and w not in out:
            out[w] = claim
    return [(c, w) for w, c in out.items()]


def _consistent(claims: Sequence[Claim], year: int | None) -> tuple[Claim, When] | None:
    """The date an article gives a happening, when its dates of it can all be one (the
    narrowest, then the first; said late or early when one of them is), else ``None``."""
    found = [(c, w) for c in claims if (w := when(c, year)) is not None]
    if not found:
        return None
    if any(same(a, b) is False for i, (_, a) in enumerate(found) for _, b in found[i + 1:]):
        return None
    claim, best = min(found, key=lambda p: (p[1].low is None, (p[1].high or 0) - (p[1].low or 0), p[0].start))
    late, early = any(w.late for _, w in found), any(w.early for _, w in found)
    return claim, When(best.low, best.high, best.weekday, best.month, late, early, best.md)


_AGENT_BEFORE = regex.compile(r"\bby\s+(?:\p{L}+['’]?s?\s+){0,3}(?:\p{L}+,\s+)?$", regex.I)


def _people(ctx: RuleContext, claim: Claim) -> set[str]:
    """Surnames of the people a claim's sentence names, but for the agent ("by its leader,
    Warren Jeffs"): whom a background happening befell. A sentence that names nobody ("In
    September 2007 a Utah jury found him guilty", "He ... was ejected in 2003 by that group's
    leader") speaks of the people of the nearest sentence before it that names some."""
    known = _surnames(ctx, claim.article)
    entities = ctx.alignment.entities_in_sentence(claim)
    out = _named(entities, known)
    if out or not _PRONOUN.search(claim.sentence) or any(
            e.subject == "other" and len(_WORD.findall(e.text)) == 1 for e in entities):
        return out  # a name of no known type may be the person's ("Last June, Oppal appointed")
    previous = [e for e in ctx.alignment.by_article.get(claim.article, ())
                if e.kind is ClaimKind.ENTITY and _is_person(e, known)
                and claim.sentence_start - _ANAPHORA_CHARS <= e.sentence_start < claim.sentence_start]
    if not previous:
        return out
    last = max(e.sentence_start for e in previous)
    return _named([e for e in previous if e.sentence_start == last], known)


_ANAPHORA_CHARS = 300
"""How far back (in characters) a sentence naming nobody looks for the people it speaks of."""
# Last words of a title taken for a person's name ("Utah Attorney General", "the Utah Supreme").
_TITLES = frozenset("""general supreme attorney chief officer president governor minister secretary judge police
    sheriff court department spokesman spokeswoman commissioner prosecutor""".split())


_PRONOUN = regex.compile(r"\b(?:he|she|him|her|his)\b", regex.I)
# A name after a title ("Attorney General Wally Oppal", "Gov. Jane Doe") is a person's, whatever
# type it was given.
_TITLED = regex.compile(r"\b(?:General|Attorney|Gov|Governor|Sen|Senator|Rep|President|Minister|Judge|Officer|"
                        r"Chief|Sheriff|Mayor|Commissioner|Director|Dr|Rev|Mr|Mrs|Ms|Sgt|Det|Lt|Capt)\.?\s+"
                        r"\p{Lu}\p{L}+\s+\p{Lu}\p{L}+$")


def _surnames(ctx: RuleContext, article: str) -> frozenset[str]:
    """The surnames of the people an article names in full ("Warren Jeffs"): a surname alone
    ("Jeffs") is that person's, whatever type the name was given."""
    return frozenset(_surname(e.canonical or e.text) for e in ctx.alignment.by_article.get(article, ())
                     if e.kind is ClaimKind.ENTITY and _full_name(e.canonical or e.text) is not None
                     and (e.subject == "person" or _TITLED.search(e.text)))


def _is_person(entity: Claim, known: frozenset[str]) -> bool:
    surname = _surname(entity.canonical or entity.text)
    if surname in _TITLES:
        return False
    return entity.subject == "person" or surname in known or _TITLED.search(entity.text) is not None


def _named(entities: Iterable[Claim], known: frozenset[str]) -> set[str]:
    out: set[str] = set()
    for entity in entities:
        if not _is_person(entity, known):
            continue
        before = entity.sentence[:entity.start - entity.sentence_start]
        if not _AGENT_BEFORE.search(before[-50:]):
            out.add(_surname(entity.canonical or entity.text))
    return out


def _several_people(ctx: RuleContext, claims: Sequence[Claim]) -> bool:
    """Do two of the claims' sentences name people, none of them the same?"""
    named = [frozenset(ctx.alignment.entities_near(c, ("person",))) for c in claims]
    named = [n for n in named if n]
    return any(a.isdisjoint(b) for i, a in enumerate(named) for b in named[i + 1:])
