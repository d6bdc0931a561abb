"""What story building reads of one article alone: its content words, the day of the happening
it reports, the magnitude of its earthquake, the haul of its theft; and whether a claim's
sentence ties it to another happening than the article's story (:func:`background`).

Each of these is a function of the article (its text, metadata and claims as extraction found
them) and of nothing else in the corpus, so extraction reads them with the claims, in its
processes, and the claim cache keeps them (:class:`StoryFeatures`); the cache's version covers
this module's code. How articles are then grouped into stories is :mod:`checker.stories`.

Pure functions only: no I/O, no printing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from .extractors.twins import ascii_twin
from .frames import happening_class, happening_of, years, years_in
from .model import Article, Claim, ClaimKind

# Function words and the words of every news report: never distinctive of a story.
STOPWORDS = frozenset("""
a about above after again against ago all almost along also although always am among an and another any
anyone anything are around as at away back be became because become been before being below between both
but by came can cannot could day days did do does doing done down during each early either else end even
ever every few first for former from further get gets getting give given go going gone got had has have
having he her here hers herself him himself his how however i if in including into is it its itself just
last later least less like made make many may me might more most much must my near nearly never new news
next no nor not now of off often on once one only onto or other others our ours out over own part per
perhaps put rather really said same say saying says see seen several she should since so some still such
take taken than that the their theirs them themselves then there these they thing things this those though
three through thus time times to today together told too toward two under until up upon us use used very
via was way we week weeks well were what when where whether which while who whom whose why will with
within without would year years yet you your yesterday according added asked called including reported
reports report reporting tuesday monday wednesday thursday friday saturday sunday morning afternoon evening
night tonight am pm p.m a.m mr mrs ms dr st told think know want wanted lot lots among amid across people
man woman men women statement official officials saturday story stories read click share email print
comments comment copyright rights reserved updated posted photo photos video image images
""".split())

BODY_CHARS = 3000
"""The part of an article read for its terms: what a report is about is said in its first
paragraphs; a long roundup or transcript adds cost, not a different story."""
LEAD_CHARS = 400
"""The headline and the first sentences of a report: what happened, where, to whom."""
_WORD = regex.compile(r"\p{L}[\p{L}'’-]*\p{L}")
_ASCII_WORD = ascii_twin(_WORD)


def _words(text: str) -> list[str]:
    """``_WORD.findall(text)``: on ASCII text (most articles) by its ``re`` twin, in half the time."""
    return (_ASCII_WORD if text.isascii() else _WORD).findall(text)


@lru_cache(maxsize=262144)
def _stem(word: str) -> str:
    """A light stem of a lower-cased word: no possessive, no plural ``s`` (shootings ~
    shooting); the empty string for a stopword or a word of two letters or fewer."""
    if word in STOPWORDS:
        return ""
    w = word.replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'-")
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    return w if len(w) > 2 and w not in STOPWORDS else ""


def article_words(article: Article) -> tuple[dict[str, int], dict[str, int]]:
    """The content words of an article, stemmed and without stopwords, counted in one pass:
    (those of its headline and lead, the first :data:`LEAD_CHARS` characters of the body where
    a news report says what happened; those of the rest of its body, as far as
    :data:`BODY_CHARS`). A function of the article alone: extraction reads it with the claims."""
    body_start = article.body_offset
    body = article.text[body_start:body_start + BODY_CHARS]
    lead_words = Counter(map(_stem, _words(body[:LEAD_CHARS].lower())))
    rest_words = Counter(map(_stem, _words(body[LEAD_CHARS:].lower())))
    if article.title and not body.lstrip().startswith(article.title.strip()[:40]):
        lead_words.update(map(_stem, _words(article.title.lower())))  # a title kept apart from the body
    lead_words.pop("", None)
    rest_words.pop("", None)
    return dict(lead_words), dict(rest_words)


DATELINE_CHARS = 300
"""A full date within this many characters of the start of an undated article's body is its
dateline ("Tuesday, August 7, 2012", "July 23, 2008, 4:49 pm")."""


def reference_date(article: Article, claims: Iterable[Claim]) -> dt.date | None:
    """When an article was written: its publication date, else the full date of its dateline."""
    if article.published is not None:
        return article.published
    for claim in claims:
        if (claim.kind is ClaimKind.DATE and not claim.relative and claim.granularity is not None
                and claim.granularity.value == "day" and claim.start - article.body_offset < DATELINE_CHARS
                and isinstance(claim.low, str)):
            try:
                return dt.date.fromisoformat(claim.low)
            except ValueError:
                continue
    return None


OWN_DAY_SPAN = 60
"""A full date further than this from an article's own date is not the day of its happening."""
# Happenings of one moment: two of one class told on days of the week two or more apart are two
# happenings. Not so arrests, hearings, deaths, protests: one story tells several of them.
_MOMENT_CLASSES = frozenset({"violence", "fire", "crash", "storm", "explosion", "raid", "theft"})
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_YESTERDAY = regex.compile(r"\b(?:yesterday|last\s+night)\b", regex.I)
_TODAY = regex.compile(r"\b(?:today|this\s+morning|tonight)\b", regex.I)


@dataclass(frozen=True, slots=True)
class HappeningDay:
    """The day an article tells its happening on: its class (``storm``, ``fire`` ...), the day
    of the week (0 Monday), and the date when the article states it or its own date gives it."""

    kind: str
    weekday: int
    date: dt.date | None = None

    def other_than(self, other: HappeningDay | None) -> bool:
        """Do the two days tell two happenings of one kind (a day apart is one happening told
        from two time zones, or late at night)?"""
        if other is None or self.kind != other.kind:
            return False
        if self.date is not None and other.date is not None:
            return abs((self.date - other.date).days) > DAYS_APART
        return min((self.weekday - other.weekday) % 7, (other.weekday - self.weekday) % 7) > DAYS_APART


DAYS_APART = 2
"""Days of a one-moment happening told this many days apart or fewer may be one happening
told differently (a day apart: two time zones, late at night; two days: a report's mistake
that DT04 reports as a conflict); further apart, two happenings of one kind."""


def _event_word(sentence: str, kind: str) -> bool:
    """Does the sentence tell a happening of ``kind`` by a common word ("a fire", "Fire broke
    out"), not only by a word of a name or a title ("Catching Fire", "Storm Lake")?"""
    for match in _WORD.finditer(sentence):
        word = match.group(0)
        if (word[:1].islower() or match.start() == 0) and happening_class(word.lower()) == kind:
            return True
    return False


def happening_day(article: Article, claims: Iterable[Claim], when: dt.date | None = None) -> HappeningDay | None:
    """The day of the happening an article reports: the first day-precise date of its text
    (read as far as :data:`BODY_CHARS`) that an event word of a one-moment happening ties to
    ("a quake struck on Sunday", "the Thursday fire"); a weekday, or a full date, or "yesterday"
    and "today" read from ``when`` (the article's own date). ``None`` when none is told."""
    dates = sorted((c for c in claims if c.kind is ClaimKind.DATE and c.start - article.body_offset <= BODY_CHARS),
                   key=lambda c: c.start)
    for claim in dates:
        kind = happening_of(claim)
        if kind not in _MOMENT_CLASSES or background(claim, when.year if when else None):
            continue  # "the last major quake, on Sunday, Nov. 27, 2005": another happening's day
        if not _event_word(claim.sentence, kind):
            continue  # "'Catching Fire' has a release date of 22 November 2013": a title, not a fire
        text = claim.text.lower()
        if not claim.relative and isinstance(claim.low, str):
            try:
                day = dt.date.fromisoformat(claim.low)
            except ValueError:
                continue
            if when is not None and abs((day - when).days) > OWN_DAY_SPAN:
                continue  # a day of another year than the article's own
            return HappeningDay(kind, day.weekday(), day)
        named = [i for i, name in enumerate(_WEEKDAYS) if name in text]
        if named:
            return HappeningDay(kind, named[0])
        if when is not None and _YESTERDAY.search(text):
            day = when - dt.timedelta(days=1)
            return HappeningDay(kind, day.weekday(), day)
        if when is not None and _TODAY.search(text):
            return HappeningDay(kind, when.weekday(), when)
    return None


# The magnitude of an earthquake as reports state it: "a magnitude-5.2 quake", "a 4.6-magnitude
# earthquake", "measuring 5.6 on the Richter scale", "a magnitude of 4.6", "a 5.6 quake".
_MAGNITUDE = regex.compile(
    r"\b(?:magnitude|measuring|measured|registering|registered)[\s-]+(?:of\s+)?"
    r"(?:about\s+|around\s+|at\s+least\s+|nearly\s+)?(\d\.\d)\b(?![\d.])"
    r"|(?<![\d.])(\d\.\d)[\s-]*(?:magnitude|on\s+the\s+richter|richter|(?:quake|earthquake|temblor|tremor)s?)\b",
    regex.I)
_MAGNITUDE_WORDS = ("magnitude", "measur", "regist", "richter", "quake", "temblor", "tremor")
MAGNITUDE_GAP = 0.35
"""Magnitudes further apart than this are two earthquakes: agencies and revisions differ by a
tenth or two for one quake (5.9 and 6.1), a quake and the next one by more."""


def magnitude(article: Article) -> float | None:
    """The magnitude of the earthquake an article reports: the first one its text states (read
    as far as :data:`BODY_CHARS`; a report gives its own quake's first), or ``None``."""
    body = article.text[article.body_offset:article.body_offset + BODY_CHARS]
    lowered = body.lower()
    if not any(word in lowered for word in _MAGNITUDE_WORDS):
        return None  # most reports are not of earthquakes: skip the slower pattern
    match = _MAGNITUDE.search(body)
    if match is None:
        return None
    return float(match.group(1) or match.group(2))


# A sum of money: "$2.6 million", "€85 million", "£1.7m", "85 million euros", "2 mn-euro".
_MONEY = regex.compile(
    r"(?:(?:US)?[$€£¥]|\b(?:USD|EUR|GBP)\s?)\s?(\d+(?:\.\d+)?)(?:[\s-]*(million|billion|mn|bn|m)\b)?"
    r"|\b(\d+(?:\.\d+)?)\s*(million|billion|mn|bn)?[\s-]*(?:euros?|dollars?|pounds?|yen)\b", regex.I)
_MONEY_SIGNS = ("$", "€", "£", "¥", "usd", "eur", "gbp", "dollar", "pound", "yen")
_SCALE = {"million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9}
_SENTENCE_END = regex.compile(r"(?<=[.!?])\s+(?=\p{Lu})|\n")
# A sentence about another time than the report's days of the week: a year, a month, "previous".
_OTHER_TIME = regex.compile(r"\b(?:1[89]|20)\d\d\b|\b(?:January|February|March|April|May|June|July|August|"
                            r"September|October|November|December|Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\b|"
                            r"\b(?:previous|prior|earlier|last\s+(?:year|month))\b")
HAUL_RATIO = 5.0
"""Hauls this many times apart are two thefts: the estimates of one theft's haul differ by a
currency's rate or a valuation (85 million euros, $108 million, $160 million), not fivefold."""


def haul(article: Article) -> float | None:
    """The value stolen in the theft an article reports: the first sum of money (in any
    currency: their rates are far below :data:`HAUL_RATIO`) in a sentence that tells a theft
    ("robbers made off with $2.6 million", "jewels worth 85 million euros were stolen") and
    names no other time (a year, a month, "previous": a past theft), read as far as
    :data:`BODY_CHARS`; ``None`` when no such sentence states one."""
    body = article.text[article.body_offset:article.body_offset + BODY_CHARS]
    lowered = body.lower()
    if not any(sign in lowered for sign in _MONEY_SIGNS) or _MONEY.search(body) is None:
        return None  # no sum of money: skip the slower patterns
    if not any(happening_class(w) == "theft" for w in set(_words(lowered))):
        return None  # no word of a theft anywhere
    for sentence in _SENTENCE_END.split(body):
        match = _MONEY.search(sentence)
        if match is None or not any(happening_class(w) == "theft" for w in _words(sentence.lower())):
            continue
        if _OTHER_TIME.search(sentence):
            continue  # "In July, a thief stole £88m", "the 2008 heist": another theft
        number, scale = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        return float(number) * _SCALE.get((scale or "").lower(), 1.0)
    return None


@dataclass(frozen=True, slots=True)
class Marks:
    """What tells an article's happening from another of its kind: its day, the magnitude of
    its earthquake, the haul of its theft (each ``None`` when the article does not tell it)."""

    day: HappeningDay | None = None
    magnitude: float | None = None
    haul: float | None = None

    def other_than(self, other: Marks) -> bool:
        """Do the two articles tell two happenings of one kind: one on a day, the other days
        apart; earthquakes of magnitudes apart; thefts of hauls many times apart?"""
        if self.day is not None and self.day.other_than(other.day):
            return True
        if (self.magnitude is not None and other.magnitude is not None
                and abs(self.magnitude - other.magnitude) > MAGNITUDE_GAP):
            return True
        if self.haul and other.haul:
            return max(self.haul, other.haul) / min(self.haul, other.haul) >= HAUL_RATIO
        return False


def marks(article: Article, claims: Iterable[Claim], when: dt.date | None = None) -> Marks:
    """The :class:`Marks` of an article (``when``: its own date, for "yesterday" and "today")."""
    return Marks(happening_day(article, claims, when), magnitude(article), haul(article))



@dataclass(frozen=True, slots=True)
class StoryFeatures:
    """What story building reads of one article alone, whatever else the corpus holds: its
    content words (:func:`article_words`) and its :class:`Marks`. Extraction reads them with the
    claims (in its processes, on a large corpus) and the claim cache keeps them with the claims,
    so that a run on a cached corpus does not read every text again."""

    lead_words: Mapping[str, int]
    rest_words: Mapping[str, int]
    marks: Marks


def story_features(article: Article, claims: Sequence[Claim]) -> StoryFeatures:
    """The :class:`StoryFeatures` of an article from its own claims (as extraction found them:
    the features use no name, so grouping names across the corpus changes nothing here)."""
    lead, rest = article_words(article)
    return StoryFeatures(lead, rest, marks(article, claims, reference_date(article, claims)))


# Words in a figure's sentence that tie it to another happening than the story's own.
_BACKGROUND = regex.compile(
    r"\b(?:last\s+year|last\s+month|a\s+year\s+ago|years?\s+ago|months\s+ago|previous|prior|earlier\s+this\s+year|"
    r"another\s+(?:\p{L}+\s+){0,2}(?:attack|shooting|fire|incident|crash|earthquake|bombing)|"
    r"separate\s+(?:\p{L}+\s+)?(?:attacks?|shootings?|fires?|incidents?|crash(?:es)?|bombings?)|"
    r"(?:days|weeks|months|years)\s+(?:after|before|since|earlier|later)|"
    r"(?:after|in|from)\s+(?:\p{L}+\s+)?(?:shootings|attacks|fires|crashes|bombings)\b|"
    r"similar\s+(?:attacks?|shootings?|incidents?)|record|history|historic|ever|so\s+far\s+this\s+year|"
    r"aftershocks?|foreshocks?|followed\s+by\s+(?:a|an)\s|"
    r"(?:the|its|their)\s+(?:last|most\s+recent)\s+(?:\p{L}+\s+){0,2}(?:quake|earthquake|tremor|attack|shooting|"
    r"fire|blaze|crash|bombing|explosion|storm|hurricane|flood|riot)s?|"
    # "the nationwide toll" is a tally; "during a nationwide strike" says what the story's happening is
    # (the look back for "a" comes after the word: before it, it was tried at every word of every sentence)
    r"this\s+year|(?:nationwide|worldwide|statewide)(?<!\ban?\s(?:[\p{L}\d-]+\s+){0,3}(?:nationwide|worldwide|statewide))|"
    r"across\s+the\s+country)\b", regex.I)


@lru_cache(maxsize=65536)
def _names_other_happening(sentence: str) -> bool:
    """Do the sentence's words tie it to another happening (read once per sentence)?"""
    return _BACKGROUND.search(sentence) is not None


# A sentence that goes on telling what the one before it told: its subject is a pronoun ("The
# last major quake to hit southern Iran was in February. It killed 612 people").
_CONTINUES = regex.compile(r"^\W*(?:It|This|That)\s+(?:also\s+)?\p{Ll}+(?:ed|ing)?\b(?<!\b(?:is|was|has|had|will|would))")


def continues(sentence: str) -> bool:
    """Does the sentence carry on the happening of the sentence before it (a pronoun subject)?"""
    return _CONTINUES.match(sentence) is not None


def background(claim: Claim, year: int | None = None, previous: str | None = None) -> bool:
    """Does the claim's sentence tie it to another happening than its article's story ("the
    2004 tsunami killed 230,000", "last year's fire", "a previous shooting", "the last major
    quake", a national tally)? ``year``: the article's year; a sentence naming only that year
    (or the one before, for a story of early January) is about the story. ``previous``: the
    sentence before the claim's, read when the claim's sentence :func:`continues` it ("It
    killed 612 people" after a sentence about the last major quake is background too)."""
    if _names_other_happening(claim.sentence):
        return True
    if previous and continues(claim.sentence):
        if _names_other_happening(previous):
            return True
        told = {int(y) for y in years_in(previous)}
        if told and year is not None and not told <= {year, year - 1}:
            return True
    named = {int(y) for y in years(claim)}
    if not named:
        return False
    if year is None:
        return False  # an undated article: years are kept as the figure's scope (frames.years)
    return not named <= {year, year - 1}
