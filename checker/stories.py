"""Stories: the articles of a corpus grouped by the real-world happening they report.

Two articles belong to one story when they share what is distinctive of them: content words
and names weighted by TF-IDF (a word every article uses says nothing; the victim's name, the
street, the town do), compared by cosine similarity, with a penalty when their publication
dates lie far apart (two fires in one town three weeks apart are two stories). Articles are
merged by average linkage: a story takes an article (or another story) only when the average
similarity over all its pairs stays above the threshold, so that a name shared by two stories
("Russia", "police") cannot chain them together the way single links would. Two articles that
tell two happenings of one kind (a fire on Tuesday and a fire on Saturday, a 5.6 and a 6.1
earthquake) are kept apart whatever their words: no story holds both (:func:`cluster`).

Cost stays near-linear: only pairs of articles that share one of their most distinctive terms
are compared (an inverted index over each article's top terms; terms in most articles of a
large corpus are not indexed), and average linkage runs over those pairs only.

A claim belongs to its article's story unless its sentence ties it to another happening
("the 2004 tsunami", "last year's fire", "a previous shooting"): :func:`background` says so.

Pure functions only: no I/O, no printing.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from .forkpool import fork_map
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
_NAME_KINDS = frozenset({"person", "place", "organisation", "other"})


@dataclass(frozen=True, slots=True)
class StoryOptions:
    threshold: float = 0.12
    """Average cosine similarity above which two groups of articles are one story."""
    top_terms: int = 20
    """Terms of each article used to find candidate pairs."""
    max_df_share: float = 0.5
    """Terms in more than this share of the articles (of a corpus of 20 or more) find no pairs."""
    lead_weight: float = 3.0
    """How many times a word or name of the headline and lead counts."""
    vector_terms: int = 120
    """Terms kept in each article's vector (its heaviest)."""
    lead_factor: float = 0.5
    """Weight of the similarity of headlines and leads against that of whole texts (a report
    that tells the happening in its lead and then other news is still its story)."""
    large_from: int = 1000
    """From this many articles on, a corpus is large: a pair must share two distinctive terms
    to be compared, each article offers ``large_top_terms`` terms, and terms in more than
    ``large_max_postings`` articles find no pairs (a term that common in a large corpus does
    not tell one happening from another, and its pairs grow with the square of its articles)."""
    large_top_terms: int = 12
    large_max_postings: int = 50
    max_postings: int = 100
    """Terms in more articles than this find no pairs either: on a large corpus such a term
    is not what tells one happening from another, and its pairs would grow with the square of
    its articles."""
    name_weight: float = 2.0
    """How much more a name counts than a content word."""
    near_days: int = 30
    """Articles published at most this many days apart are fully comparable."""
    far_days: int = 730
    """Articles published more than this many days apart are different stories."""
    person_days: int = 730
    """Articles that name the same two people in full (first name and surname), one of them
    reporting a court case (a trial, a verdict, a sentence), are fully comparable up to this
    many days apart: a trial is reported long after the shooting it is about, with the
    victim's and the accused's names (two visits of one minister are two stories)."""


DEFAULT_STORY_OPTIONS = StoryOptions()


@dataclass(frozen=True, slots=True)
class Story:
    """A group of articles about one happening."""

    id: str
    label: str
    articles: tuple[str, ...]
    start: str | None
    end: str | None
    """First and last publication date of its articles (ISO), ``None`` when none is dated."""
    terms: tuple[str, ...] = ()
    """The terms most distinctive of the story (its label is made of them)."""

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "label": self.label, "articles": list(self.articles), "start": self.start,
                "end": self.end, "dated_by": "publication" if self.start else None}


@dataclass
class StoryIndex:
    stories: list[Story]
    of_article: dict[str, str]
    _by_id: dict[str, Story] = field(default_factory=dict, repr=False, compare=False)

    def story_of(self, article: str) -> str | None:
        return self.of_article.get(article)

    def get(self, story_id: str | None) -> Story | None:
        if story_id is None:
            return None
        if len(self._by_id) != len(self.stories):
            self._by_id = {story.id: story for story in self.stories}
        return self._by_id.get(story_id)


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
    lead_words = Counter(map(_stem, _WORD.findall(body[:LEAD_CHARS].lower())))
    rest_words = Counter(map(_stem, _WORD.findall(body[LEAD_CHARS:].lower())))
    if article.title and not body.lstrip().startswith(article.title.strip()[:40]):
        lead_words.update(map(_stem, _WORD.findall(article.title.lower())))  # a title kept apart from the body
    lead_words.pop("", None)
    rest_words.pop("", None)
    return dict(lead_words), dict(rest_words)


def _terms(article: Article, claims: Iterable[Claim], name_weight: float, lead_weight: float,
           words: tuple[Mapping[str, int], Mapping[str, int]] | None = None,
           ) -> tuple[dict[str, float], dict[str, float]]:
    """Term counts of an article: (its content words (:func:`article_words`, or ``words`` when
    read already) and the canonical names of its entities as ``@name`` weighted ``name_weight``;
    the same of its headline and lead alone). Words and names of the headline and the lead count
    ``lead_weight`` times in the first."""
    lead_end = article.body_offset + LEAD_CHARS
    lead_words, rest_words = words if words is not None else article_words(article)
    counts: dict[str, float] = defaultdict(float, rest_words)
    lead: dict[str, float] = defaultdict(float, lead_words)
    for term, n in lead_words.items():
        counts[term] += lead_weight * n
    for claim in claims:
        if claim.kind is ClaimKind.ENTITY and (claim.subject or "other") in _NAME_KINDS:
            name = (claim.canonical or claim.text).strip().lower()
            if len(name) > 2:
                in_lead = claim.start < lead_end
                counts["@" + name] += name_weight * (lead_weight if in_lead else 1.0)
                if in_lead:
                    lead["@" + name] += name_weight
    return counts, lead


def _vectors(term_counts: Sequence[Mapping[str, float]],
             keep: int = 0) -> tuple[list[dict[str, float]], Counter[str]]:
    """TF-IDF vectors (sublinear tf, smoothed idf, unit length) and the document frequencies;
    with ``keep``, each vector keeps its ``keep`` heaviest terms (then made unit length again):
    the long tail of a long article adds little to a cosine and much to its cost."""
    df: Counter[str] = Counter()
    for counts in term_counts:
        df.update(counts.keys())
    n = len(term_counts)
    idf = {t: math.log((1 + n) / (1 + d)) + 1.0 for t, d in df.items()}
    vectors: list[dict[str, float]] = []
    for counts in term_counts:
        vec = {t: (1.0 + math.log(c)) * idf[t] for t, c in counts.items() if c > 0}
        if keep and len(vec) > keep:
            vec = dict(sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:keep])
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({t: v / norm for t, v in vec.items()})
    return vectors, df


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[t] for t, v in a.items() if t in b)


def _time_factor(a: dt.date | None, b: dt.date | None, options: StoryOptions) -> float:
    """How far publication dates allow two articles to be one story: 1 when close or unknown,
    falling linearly to 0 at ``far_days``."""
    if a is None or b is None:
        return 1.0
    gap = abs((a - b).days)
    if gap <= options.near_days:
        return 1.0
    if gap >= options.far_days:
        return 0.0
    return 1.0 - (gap - options.near_days) / (options.far_days - options.near_days)


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
    if not any(happening_class(w) == "theft" for w in set(_WORD.findall(lowered))):
        return None  # no word of a theft anywhere
    for sentence in _SENTENCE_END.split(body):
        match = _MONEY.search(sentence)
        if match is None or not any(happening_class(w) == "theft" for w in _WORD.findall(sentence.lower())):
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


def _postings(vectors: Sequence[Mapping[str, float]], df: Mapping[str, int], top_terms: int,
              max_df: int) -> dict[str, list[int]]:
    postings: dict[str, list[int]] = defaultdict(list)
    for i, vec in enumerate(vectors):
        top = sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:top_terms]
        for term, _ in top:
            if 1 < df[term] <= max_df:
                postings[term].append(i)
    return postings


# A report of a court case: what brings a crime back into the news long after it happened.
_LEGAL = regex.compile(r"\b(?:trial|tried|jury|jurors|verdict|convicted|conviction|sentenced|sentencing|pleaded|"
                       r"plea|guilty|acquitted|prosecutors?|testified|testimony)\b", regex.I)


def _head(article: Article) -> str:
    """An article's headline and lead."""
    start = article.body_offset
    return f"{article.title or ''}\n{article.text[start:start + LEAD_CHARS]}"


def _full_names(claims: Iterable[Claim]) -> frozenset[str]:
    """The people an article names in full (a canonical name of two words or more)."""
    return frozenset(name for c in claims if c.kind is ClaimKind.ENTITY and c.subject == "person"
                     and " " in (name := (c.canonical or c.text).strip().lower()))


def similarities(articles: Sequence[Article], by_article: Mapping[str, Sequence[Claim]],
                 options: StoryOptions = DEFAULT_STORY_OPTIONS) -> tuple[dict[tuple[int, int], float],
                                                                          list[dict[str, float]]]:
    pairs, vectors, _ = _similarities(articles, by_article, options)
    return pairs, vectors


FORK_CHUNK = 500
"""Articles read per task when forked processes read the articles' terms and marks."""


def _similarities(articles: Sequence[Article], by_article: Mapping[str, Sequence[Claim]],
                  options: StoryOptions, jobs: int = 1, features: Mapping[str, StoryFeatures] | None = None,
                  ) -> tuple[dict[tuple[int, int], float], list[dict[str, float]], list[tuple[int, int]]]:
    """Similarity of the candidate pairs of articles (indices into ``articles``, ``i < j``): the
    cosine of their whole texts, or of their headlines and leads (discounted by ``lead_factor``)
    when that is higher, times the factor their dates allow. Candidates are the pairs that share
    distinctive terms: one is enough in a small corpus, two in a large one (``large_from``)."""
    claims = [by_article.get(a.id, ()) for a in articles]
    dates = [reference_date(a, c) for a, c in zip(articles, claims, strict=True)]
    told: list[Marks | None] = [None] * len(articles)  # read for the candidate pairs only
    known = [None if features is None else features.get(a.id) for a in articles]
    chunks = [range(k, min(k + FORK_CHUNK, len(articles))) for k in range(0, len(articles), FORK_CHUNK)]

    def read(chunk: int) -> list[tuple[tuple[dict[str, float], dict[str, float]], Marks]]:
        return [(_terms(articles[k], claims[k], options.name_weight, options.lead_weight),
                 marks(articles[k], claims[k], dates[k])) for k in chunks[chunk]]

    if all(found is not None for found in known):  # read by extraction, or kept by the cache
        both = [_terms(a, c, options.name_weight, options.lead_weight, (f.lead_words, f.rest_words))
                for a, c, f in zip(articles, claims, known, strict=True) if f is not None]
        told = [None if f is None else f.marks for f in known]
    elif (read_apart := fork_map(read, len(chunks), jobs) if jobs > 1 else None) is not None:
        # terms and marks of every article, read by forked processes
        both = [terms for part in read_apart for terms, _ in part]
        told = [found for part in read_apart for _, found in part]
        del read_apart
    else:
        both = [_terms(a, c, options.name_weight, options.lead_weight,
                       None if f is None else (f.lead_words, f.rest_words))
                for a, c, f in zip(articles, claims, known, strict=True)]
        told = [None if f is None else f.marks for f in known]
    vectors, df = _vectors([full for full, _ in both], options.vector_terms)
    leads, lead_df = _vectors([lead for _, lead in both], options.vector_terms)
    del both
    persons = [_full_names(c) for c in claims]
    legal = [_LEGAL.search(_head(a)) is not None for a in articles]

    def marks_of(k: int) -> Marks:
        found = told[k]
        if found is None:
            found = told[k] = marks(articles[k], claims[k], dates[k])
        return found

    n = len(articles)
    large = n >= options.large_from
    max_df = n if n < 20 else max(2, min(int(options.max_df_share * n),
                                         options.large_max_postings if large else options.max_postings))
    top = options.large_top_terms if large else options.top_terms
    shared: Counter[tuple[int, int]] = Counter()
    for postings in (_postings(vectors, df, top, max_df), _postings(leads, lead_df, top, max_df)):
        for term in sorted(postings):
            members = postings[term]
            for x, i in enumerate(members):
                for j in members[x + 1:]:
                    shared[(i, j)] += 1
    least = 2 if large else 1
    pairs: dict[tuple[int, int], float] = {}
    apart: list[tuple[int, int]] = []
    for (i, j), count in sorted(shared.items()):
        if count < least:
            continue
        if marks_of(i).other_than(marks_of(j)):
            apart.append((i, j))
            continue
        di, dj = dates[i], dates[j]
        factor = _time_factor(di, dj, options)
        if factor < 1.0 and di is not None and dj is not None and len(persons[i] & persons[j]) >= 2 \
                and (legal[i] or legal[j]) and abs((di - dj).days) <= options.person_days:
            factor = 1.0  # one case (a victim and the accused) taken to court months later
        if factor > 0:
            sim = _cosine(vectors[i], vectors[j])
            if sim < options.lead_factor:  # the lead's cosine (at most 1) can only raise it below that
                sim = max(sim, options.lead_factor * _cosine(leads[i], leads[j]))
            pairs[(i, j)] = sim * factor
    return pairs, vectors, apart


def cluster(n: int, pairs: Mapping[tuple[int, int], float], threshold: float,
            apart: Iterable[tuple[int, int]] = ()) -> list[list[int]]:
    """Average-linkage clustering of ``n`` items over sparse similarities (absent pairs count 0):
    the two groups with the highest average similarity merge while it is at least ``threshold``,
    unless an item of one and an item of the other are ``apart`` (known to be two happenings).
    Deterministic: ties go to the smallest indices. Groups are returned sorted by first member."""
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    kept_apart: dict[int, set[int]] = defaultdict(set)
    for i, j in apart:
        kept_apart[i].add(j)
        kept_apart[j].add(i)
    sums: dict[int, dict[int, float]] = defaultdict(dict)
    for (i, j), s in pairs.items():
        if s > 0:
            sums[i][j] = sums[i].get(j, 0.0) + s
            sums[j][i] = sums[j].get(i, 0.0) + s
    heap: list[tuple[float, int, int]] = []
    for i in sorted(sums):
        for j, s in sorted(sums[i].items()):
            if i < j and s >= threshold:
                heap.append((-s, i, j))
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        current = sums[a].get(b, 0.0) / (len(members[a]) * len(members[b]))
        if abs(current + neg) > 1e-12:
            continue  # a stale entry: the groups changed since it was pushed
        if b in kept_apart[a]:
            continue
        # merge b into a (a < b)
        members[a].extend(members.pop(b))
        for c in kept_apart.pop(b, set()):
            kept_apart[c].discard(b)
            kept_apart[c].add(a)
            kept_apart[a].add(c)
        for c, s in sums.pop(b).items():
            if c == a:
                continue
            del sums[c][b]
            sums[a][c] = sums[a].get(c, 0.0) + s
            sums[c][a] = sums[a][c]
        sums[a].pop(b, None)
        size_a = len(members[a])
        for c, s in sums[a].items():
            avg = s / (size_a * len(members[c]))
            if avg >= threshold:
                heapq.heappush(heap, (-avg, min(a, c), max(a, c)))
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


def build_stories(articles: Sequence[Article], by_article: Mapping[str, Sequence[Claim]],
                  options: StoryOptions = DEFAULT_STORY_OPTIONS, jobs: int = 1,
                  features: Mapping[str, StoryFeatures] | None = None) -> StoryIndex:
    """Group ``articles`` into stories. Every article is in exactly one story (a story of one
    article when nothing else reports its happening). Story ids (``S1``, ``S2`` ...) follow the
    order of their first article, so the result depends on the corpus only, not on file order.
    ``jobs``: forked processes that may read the articles' terms and marks; ``features``: each
    article's :class:`StoryFeatures` as extraction read them (or the cache kept them), by article
    id; those of other articles are read here. The result is the same either way."""
    ordered = sorted(articles, key=lambda a: a.id)
    pairs, vectors, apart = _similarities(ordered, by_article, options, jobs, features)
    groups = cluster(len(ordered), pairs, options.threshold, apart)
    stories: list[Story] = []
    of_article: dict[str, str] = {}
    for number, group in enumerate(groups, 1):
        sid = f"S{number}"
        ids = tuple(ordered[i].id for i in group)
        dates = sorted(d for d in (ordered[i].published for i in group) if d is not None)
        terms = _label_terms([vectors[i] for i in group])
        stories.append(Story(sid, _label(terms, [ordered[i] for i in group]), ids,
                             dates[0].isoformat() if dates else None,
                             dates[-1].isoformat() if dates else None, terms))
        for aid in ids:
            of_article[aid] = sid
    return StoryIndex(stories, of_article)


def _label_terms(vectors: Sequence[Mapping[str, float]], size: int = 4) -> tuple[str, ...]:
    total: dict[str, float] = defaultdict(float)
    for vec in vectors:
        for term, weight in vec.items():
            total[term] += weight
    # Terms shared by the most articles of the story first, then by weight.
    shared = Counter(t for vec in vectors for t in vec)
    best = sorted(total, key=lambda t: (-shared[t], -total[t], t))
    return tuple(best[:size])


def _label(terms: Sequence[str], articles: Sequence[Article]) -> str:
    """A human label: the title of the story's first titled article, else its top terms."""
    for article in articles:
        if article.title:
            return article.title.strip()[:100]
    names = [t[1:].title() for t in terms if t.startswith("@")]
    words = [t for t in terms if not t.startswith("@")]
    return ", ".join([*names, *words]) or "untitled"


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
    r"this\s+year|(?<!\ban?\s(?:[\p{L}\d-]+\s+){0,3})(?:nationwide|worldwide|statewide)|across\s+the\s+country)\b", regex.I)


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
