"""Events told apart: which claims speak about which instance of which event.

An *event mention* is an event noun in a sentence ("Lavrov's two-day visit", "the trip to
the Asian country on Wednesday") with what the sentence says about it: the agent (a person
or organisation, preferring a possessive "Lavrov's"), the place ("to North Korea"), a date,
and ordinal or modal words ("previous", "first since 2018", "potential upcoming").

Mentions of the same class (visit ~ trip ~ journey) and agent across the corpus form an
event *family* ("Sergei Lavrov's visit to North Korea"). A family splits into *instances*
by time: each article's time for the event comes from dates attached to its mentions, else
from its publication date; times further apart than a window are different instances (the
October 2023 visit and a later one). Articles with no time at all are kept apart as
*unresolved* rather than guessed into an instance.

Finding the mentions of an article depends on the article alone except for the canonical
names of its agents and places, which entity grouping decides across the corpus: extraction
therefore *sketches* each article's mentions (claims named by index, :class:`MentionSketch`),
the claim cache keeps the sketches with the claims, and a check resolves them to names
(:func:`resolve_mentions`) instead of reading every article again.

Pure functions only: no I/O, no printing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import cast

import regex

from .extractors.nouns import EVENT_CLASSES, IRREGULAR, singular
from .extractors.twins import ascii_twin
from .model import Article, Claim, ClaimKind, Granularity
from .values import Interval, interval_of

_EVENT_WORD = regex.compile(r"\b(\p{L}+)\b")
_ASCII_EVENT_WORD = ascii_twin(_EVENT_WORD)  # its re twin: the words of an ASCII sentence in two thirds of the time
# ASCII runs: every event form is ASCII, and a form that is a whole run of letters is a whole
# run of a-z too, so this finds every form the letter runs would (and maybe more: harmless).
_ASCII_RUN = re.compile(r"[a-z]+")


def _event_word_forms() -> frozenset[str]:
    """Every word that :func:`singular` turns into an event noun, lower-cased: the noun, its
    regular plurals and the irregular plurals that map to it."""
    forms = set(EVENT_CLASSES) | {k for k, v in IRREGULAR.items() if v in EVENT_CLASSES}
    for noun in EVENT_CLASSES:
        forms.update((noun + "s", noun + "es", noun[:-1] + "ies", noun[:-1] + "ves"))
    return frozenset(f for f in forms if singular(f) in EVENT_CLASSES)


_EVENT_FORMS = _event_word_forms()


def _event_forms_in(text: str, lower: str | None = None) -> list[str] | None:
    """The event-word forms that occur in ``text`` as words, sorted; ``None`` when lower-casing
    changes the length of the text (then no quick test is exact and every sentence is read).
    ``lower`` is ``text.lower()`` when the caller has it already.

    Scanning every word of every sentence for event nouns was most of event detection; most
    sentences name no event, and this test reads each article once."""
    lower = text.lower() if lower is None else lower
    if len(lower) != len(text):
        return None
    return sorted(_EVENT_FORMS.intersection(_ASCII_RUN.findall(lower)))


_PREVIOUS = frozenset("previous prior earlier last past former first".split())
_PLANNED = frozenset("potential upcoming planned possible proposed expected future next forthcoming".split())
_ORDINALS = frozenset("first second third fourth fifth latest previous last next".split())
_PRONOUN_REF = regex.compile(r"\b(?:his|her|their|its|the|this|that)\s+(?:\p{L}+[\s-]+){0,2}$", regex.I)
_TO_PLACE = regex.compile(r"^\s*(?:\p{L}+[\s-]+){0,2}?(?:to|in|into|at)\s+(?:the\s+)?$", regex.I)
_PERSONAL_CLASSES = frozenset({"visit", "meeting", "trial"})
# Events that last for years: one instance per family, whatever the articles' dates.
DURATIVE_CLASSES = frozenset({"war"})
_PLANNED_CLAUSE = regex.compile(
    r"\b(?:will|would|to be|is to|are to|plans?\s+to|planned|expected|pave\s+the\s+way\s+for|"
    r"prepare\s+the\s+ground\s+for|prepares\s+the\s+way\s+for|invited|invitation|possible|possibly|potential|"
    r"upcoming|future)\b", regex.I)
# Between a date and an event noun, words that give the date to something else: a reaction
# to the event or a time relation to it.
_OTHER_TIME = regex.compile(
    r"\b(?:following|after|before|since|ahead\s+of|in\s+the\s+wake\s+of|in\s+response\s+to|"
    r"condemn\w*|denounc\w*|deplor\w*|mourn\w*|discuss\w*|investigat\w*|recall\w*|commemorat\w*|"
    r"blam\w*|react\w*|respond\w*|announc\w*|confirm\w*|describ\w*|vow\w*|promis\w*|claim\w*|"
    r"report\w*|said|says|told|warn\w*|prais\w*|hail\w*|criticis\w*|criticiz\w*|"
    r"remember\w*|mark\w*|review\w*)\b", regex.I)
# Between an event noun and a date: the crime a trial or a charge is about ("the trial of two men
# charged with killing Zurana Horton, 34, on Oct. 21, 2011" dates the killing, not the trial).
_CRIME_BETWEEN = regex.compile(r"\b(?:charged\s+with|accused\s+of|convicted\s+of|killing|murdering|shooting|stabbing)\b",
                               regex.I)
# Patterns of find_mentions, compiled once (it runs for every event noun of the corpus).
_LETTERS = regex.compile(r"\p{L}+")
_POSSESSIVE_GAP = regex.compile(r"^['’]s?\s+(?:[\p{L}-]+\s+){0,3}$")
_BY_GAP = regex.compile(r"^\s+by\s+(?:the\s+)?(?:[\p{L}-]+\s+){0,3}$")
_CLAUSE_GAP = regex.compile(r"[;:]|\b(?:who|which|that|while|whereas)\b")
_CLAUSE_SPLIT = regex.compile(r"[;:,]|\b(?:who|which|that)\b")
_RELATIVE_GAP = regex.compile(r"[;:]|\b(?:who|which|whose|whom)\b|\s-\s|—")


@lru_cache(maxsize=65536)
def _is_event_word(word: str) -> bool:
    return singular(word) in EVENT_CLASSES


_SINCE_BEFORE = regex.compile(r"\b(?:since|until|before|after)\s+$", regex.I)


@dataclass(frozen=True, slots=True)
class EventMention:
    article: str
    cls: str
    noun: str
    start: int  # offset of the event noun in the article text
    sentence_start: int
    agent: str | None
    place: str | None
    time: Interval | None
    time_claim: Claim | None
    planned: bool = False
    previous: bool = False
    ordinal: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One instance of an event family, as listed in the report."""

    id: str
    family: str
    label: str
    cls: str
    agent: str | None
    place: str | None
    articles: tuple[str, ...]
    start: str | None
    end: str | None
    resolved: bool
    basis: tuple[tuple[str, str], ...] = ()
    """Per article, how its time was found ("'October 18, 2023'", "publication date", "none")."""
    when: str = ""
    """How the event is dated, for humans: "2023-10-18", "2023-09-01 to 2023-09-30", "dated by
    publication, 11–13 Jul 2025" (no article gives a date: only when they were published is
    known, and ``start`` is then a week before the first of them), or "date unresolved"."""

    @property
    def dating(self) -> str:
        """:attr:`when`, or what ``start`` and ``end`` say when it is not set."""
        if self.when:
            return self.when
        if not self.resolved or self.start is None:
            return "date unresolved"
        return self.start if self.start == self.end else f"{self.start} to {self.end}"

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "label": self.label, "articles": list(self.articles), "start": self.start,
                "end": self.end}


@dataclass
class EventIndex:
    events: list[Event] = field(default_factory=list)
    mentions: list[EventMention] = field(default_factory=list)
    # (article, family) -> event id
    membership: dict[tuple[str, str], str] = field(default_factory=dict)
    # (article, sentence_start) -> mentions in that sentence
    by_sentence: dict[tuple[str, int], list[EventMention]] = field(default_factory=dict)
    families: dict[str, list[Event]] = field(default_factory=dict)
    # Lookup tables built on first use and rebuilt when the lists they index are replaced or
    # grow (prune_events replaces ``events``): lookups by id and by family stay O(1) per call.
    _ids: tuple[int, int, dict[str, Event]] | None = field(default=None, repr=False, compare=False)
    _families: tuple[int, int, dict[str, list[EventMention]]] | None = field(default=None, repr=False,
                                                                             compare=False)

    def get(self, event_id: str | None) -> Event | None:
        if self._ids is None or self._ids[:2] != (id(self.events), len(self.events)):
            table: dict[str, Event] = {}
            for event in self.events:
                table.setdefault(event.id, event)  # the first event of an id, as a scan finds it
            self._ids = (id(self.events), len(self.events), table)
        return self._ids[2].get(event_id) if event_id is not None else None

    def family_mentions(self, family: str) -> list[EventMention]:
        """The mentions whose family key is ``family``, in the order of :attr:`mentions`."""
        if self._families is None or self._families[:2] != (id(self.mentions), len(self.mentions)):
            table: dict[str, list[EventMention]] = defaultdict(list)
            for mention in self.mentions:
                key = self.family_key(mention)
                if key is not None:
                    table[key].append(mention)
            self._families = (id(self.mentions), len(self.mentions), dict(table))
        return self._families[2].get(family, [])

    def family_key(self, mention: EventMention) -> str | None:
        if mention.agent is not None:
            return f"{mention.cls}|{mention.agent}"
        if mention.place is not None:
            return f"{mention.cls}|@{mention.place}"
        return None

    def event_of(self, article: str, family: str) -> Event | None:
        eid = self.membership.get((article, family))
        return self.get(eid) if eid else None

    def mention_for(self, claim: Claim) -> EventMention | None:
        """The event mention a claim speaks about: same sentence, same noun if it has one."""
        mentions = self.by_sentence.get((claim.article, claim.sentence_start), [])
        if not mentions:
            return None
        if claim.subject:
            subject = singular(claim.subject)
            same = [m for m in mentions if m.noun == subject]
            if same:
                return min(same, key=lambda m: abs(m.start - claim.start))
            if subject in EVENT_CLASSES:
                same_cls = [m for m in mentions if m.cls == EVENT_CLASSES[subject]]
                if same_cls:
                    return min(same_cls, key=lambda m: abs(m.start - claim.start))
                return None
        return min(mentions, key=lambda m: abs(m.start - claim.start))

    def event_for(self, claim: Claim) -> Event | None:
        mention = self.mention_for(claim)
        if mention is None:
            return None
        key = self.family_key(mention)
        return self.event_of(claim.article, key) if key else None


def main_agent(claims: Sequence[Claim]) -> str | None:
    """The person an article is mostly about: the most frequent person entity."""
    entity = ClaimKind.ENTITY  # a local: an enum member read from its class costs more than the test
    counts = Counter(c.canonical or c.text for c in claims if c.kind is entity and c.subject == "person")
    if not counts:
        return None
    best = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    return best[0]


def content_sentence_spans(article: Article) -> list[tuple[int, int]]:
    """``(start, end)`` in the article text of its content sentences (boilerplate left out)."""
    from .doc import Doc

    doc = Doc.from_article(article)
    return [doc.nt.to_original(s.start, s.end) for s in doc.content_sentences()]


MAIN_AGENT = -1
"""A sketch's ``agent`` when the noun refers to the article's main person ("his visit")."""


@dataclass(frozen=True, slots=True)
class MentionSketch:
    """An event mention as its article alone determines it.

    The claims it names (agent, place, date) are indexes into the article's claims, because
    their canonical names are only known once entity names are grouped across the corpus:
    :func:`resolve_mentions` turns sketches into :class:`EventMention` with the names of the
    run. Sketching is the costly part of event detection and depends only on the article, so
    it runs with extraction (in its worker processes) and is cached with the claims."""

    cls: str
    noun: str
    start: int
    sentence_start: int
    agent: int | None  # index of a person or organisation claim, MAIN_AGENT, or None
    place: int | None  # index of a place claim
    time: int | None  # index of the date claim that dates the event
    planned: bool = False
    previous: bool = False
    ordinal: str | None = None


def find_mentions(article: Article, claims: Sequence[Claim],
                  sentences: Sequence[tuple[int, int]] | None = None) -> list[EventMention]:
    """Event mentions of one article, from the sentences its claims were found in and the
    article's own sentences (so that sentences without figures count too).

    ``sentences`` are the article's content-sentence spans when extraction kept them
    (:func:`content_sentence_spans`), so that the text is not segmented again."""
    return resolve_mentions(article.id, claims, sketch_mentions(article, claims, sentences))


def resolve_mentions(article: str, claims: Sequence[Claim], sketches: Sequence[MentionSketch],
                     intervals: dict[tuple[object, ...], Interval | None] | None = None) -> list[EventMention]:
    """The mentions of sketches made on ``claims`` (the same claims, in the same order; their
    canonical names may have changed since). Raises ``ValueError`` when a sketch names a claim
    that is not there or not of the right kind. ``intervals``: the interval of each date value
    read so far (:func:`_date_interval`), shared by the articles of a run."""
    agent_default: str | None = None
    defaulted = False
    out: list[EventMention] = []
    n = len(claims)
    known = {} if intervals is None else intervals
    for s in sketches:
        agent: str | None = None
        if s.agent == MAIN_AGENT:
            if not defaulted:
                agent_default, defaulted = main_agent(claims), True
            agent = agent_default
        elif s.agent is not None:
            agent = _name_at(claims, s.agent, n)
        place = _name_at(claims, s.place, n) if s.place is not None else None
        time: Interval | None = None
        time_claim: Claim | None = None
        if s.time is not None:
            if not 0 <= s.time < n or claims[s.time].kind is not _DATE:
                raise ValueError(f"event sketch of {article}: claim {s.time} is not a date")
            time_claim = claims[s.time]
            time = _date_interval(time_claim, known)
        out.append(_new_mention(article, s.cls, s.noun, s.start, s.sentence_start, agent, place, time, time_claim,
                                s.planned, s.previous, s.ordinal))
    return out


_DATE, _ENTITY = ClaimKind.DATE, ClaimKind.ENTITY


def _date_interval(claim: Claim, known: dict[tuple[object, ...], Interval | None]) -> Interval | None:
    """:func:`~checker.values.interval_of` a date claim, once per value in ``known`` (what it
    reads of the claim, its bounds and whether they are open, each of its type; a run dates
    thousands of mentions by a few hundred dates)."""
    values = (claim.low, claim.high, claim.low_open, claim.high_open)
    key = (*values, *map(type, values))  # equal values of two types (1 and True) are two keys
    found = known.get(key, _UNKNOWN)
    if found is _UNKNOWN:
        found = known[key] = interval_of(claim)
    return found


_UNKNOWN = Interval(0.0, 0.0)  # not read yet (a date's own interval is never this very object)


class _MentionSlots:
    """The slots of :class:`EventMention` without its frozen guard, as
    :class:`checker.model._ClaimSlots` has those of a claim: a run makes an event mention of each
    of tens of thousands of sketches, and the frozen ``__init__`` sets each field through
    ``object.__setattr__``, about five times slower. The parameters are EventMention's, in its
    order, with its defaults (``tests/test_events.py`` checks); the object is made an EventMention."""

    __slots__ = EventMention.__slots__

    def __init__(self, article: str, cls: str, noun: str, start: int, sentence_start: int, agent: str | None,
                 place: str | None, time: Interval | None, time_claim: Claim | None, planned: bool = False,
                 previous: bool = False, ordinal: str | None = None) -> None:
        self.article, self.cls, self.noun, self.start = article, cls, noun, start
        self.sentence_start, self.agent, self.place, self.time = sentence_start, agent, place, time
        self.time_claim, self.planned, self.previous, self.ordinal = time_claim, planned, previous, ordinal
        self.__class__ = EventMention  # type: ignore[assignment]


_new_mention = cast(Callable[..., EventMention], _MentionSlots)
"""``EventMention(*args)``, made without the frozen ``__init__``'s cost (the same object)."""


def _name_at(claims: Sequence[Claim], i: int, n: int) -> str:
    if not 0 <= i < n or claims[i].kind is not _ENTITY:
        raise ValueError(f"event sketch: claim {i} is not an entity")
    return claims[i].canonical or claims[i].text


def sketch_mentions(article: Article, claims: Sequence[Claim],
                    sentences: Sequence[tuple[int, int]] | None = None) -> tuple[MentionSketch, ...]:
    """The event mentions of one article as sketches (see :class:`MentionSketch`)."""
    lower = article.text.lower()
    forms = _event_forms_in(article.text, lower)
    if forms is not None and not forms:
        return ()  # no event noun anywhere in the article
    spans = content_sentence_spans(article) if sentences is None else sentences
    mentions: list[MentionSketch] = []
    # Entity and date claims by sentence, with their index, in claim order.
    by_sentence: dict[int, list[tuple[int, Claim]]] = defaultdict(list)
    for i, claim in enumerate(claims):
        if claim.kind is ClaimKind.ENTITY or claim.kind is ClaimKind.DATE:
            by_sentence[claim.sentence_start].append((i, claim))
    text_all = article.text
    for s_start, s_end in spans:
        if forms is not None and all(lower.find(form, s_start, s_end) < 0 for form in forms):
            continue  # no event noun in this sentence
        text = text_all[s_start:s_end]
        in_sentence = by_sentence.get(s_start, ())
        persons = [(i, c) for i, c in in_sentence
                   if c.kind is ClaimKind.ENTITY and (c.subject or "other") in ("person", "organisation")]
        places = [(i, c) for i, c in in_sentence if c.kind is ClaimKind.ENTITY and (c.subject or "other") == "place"]
        sentence_dates = [(i, d) for i, d in in_sentence if d.kind is ClaimKind.DATE]
        words = _ASCII_EVENT_WORD if text.isascii() else _EVENT_WORD
        nouns = [m for m in words.finditer(text) if _is_event_word(m.group(1))]
        for match in nouns:
            word = match.group(1)
            noun = singular(word)
            if word[0].isupper() and match.start() > 0:
                continue  # part of a name ("Belt and Road Initiative Forum")
            pos = s_start + match.start()
            before = text[max(0, match.start() - 60):match.start()]
            prev_words = [w.lower() for w in _LETTERS.findall(before)[-3:]]
            planned = any(w in _PLANNED for w in prev_words)
            previous = any(w in _PREVIOUS for w in prev_words[-2:]) and "latest" not in prev_words
            ordinal = next((w for w in reversed(prev_words) if w in _ORDINALS), None)
            # Agent: a possessive right before ("Lavrov's [two-day] visit"), else the nearest
            # person before the noun in the sentence, else the article's main person when the
            # noun is introduced by a pronoun or article ("his visit", "the trip").
            agent: int | None = None
            candidates = [(i, p) for i, p in persons if p.end <= pos]
            for i, p in sorted(candidates, key=lambda ic: -ic[1].end):
                if _POSSESSIVE_GAP.match(text_all[p.end:pos]):
                    agent = i
                    break
            if agent is None:
                # "a visit by Sergey Lavrov"
                for i, p in sorted(((i, p) for i, p in persons if p.start > pos), key=lambda ic: ic[1].start):
                    if _BY_GAP.match(text_all[pos + len(word):p.start]):
                        agent = i
                    break
            personal = EVENT_CLASSES[noun] in _PERSONAL_CLASSES
            if agent is None and candidates and personal:
                # The subject of the clause: the nearest person before the noun, in the same clause.
                nearest_i, nearest = max(candidates, key=lambda ic: ic[1].end)
                if not _CLAUSE_GAP.search(text_all[nearest.end:pos]):
                    agent = nearest_i
            if agent is None and personal and _PRONOUN_REF.search(before):
                agent = MAIN_AGENT
            clause_before = _CLAUSE_SPLIT.split(before)[-1]
            planned = planned or bool(_PLANNED_CLAUSE.search(clause_before))
            # Place: "to North Korea", "in Pyongyang" right after the noun, or "N Korea visit".
            place: int | None = None
            for i, p in sorted(((i, p) for i, p in places if p.start > pos), key=lambda ic: ic[1].start):
                between = text_all[pos + len(word):p.start]
                if len(between) < 40 and _TO_PLACE.match(between):
                    place = i
                    break
            if place is None:
                for i, p in places:
                    if 0 <= pos - p.end <= 2:
                        place = i
            # Time: a date in the same sentence about this noun (or the only event in it).
            time: int | None = None
            for i, d in sorted(sentence_dates, key=lambda ic: abs(ic[1].start - pos)):
                if d.subject and singular(d.subject) != noun and len(nouns) > 1:
                    continue
                lo_, hi_ = sorted((d.start, pos))
                if _RELATIVE_GAP.search(text_all[lo_:hi_]):
                    continue  # the date belongs to a relative clause about something else
                if d.attr("preposition") in ("since", "until", "before", "after"):
                    continue
                if _SINCE_BEFORE.search(text_all[max(0, d.start - 10):d.start]):
                    continue
                if _OTHER_TIME.search(text_all[lo_:hi_]):
                    continue  # "met Wednesday ... following the bombings", "Thursday condemned the attacks"
                gap = text_all[pos + len(word):d.start] if d.start > pos else text_all[d.end:pos]
                if _CRIME_BETWEEN.search(gap):
                    continue
                iv = interval_of(d)
                if iv is None or d.granularity in (Granularity.YEAR, Granularity.QUARTER):
                    continue
                if iv.width > 45:
                    continue
                time = i
                break
            mentions.append(MentionSketch(
                cls=EVENT_CLASSES[noun], noun=noun, start=pos, sentence_start=s_start, agent=agent, place=place,
                time=time, planned=planned, previous=previous, ordinal=ordinal,
            ))
    return tuple(mentions)


@dataclass
class _ArticleTime:
    article: str
    interval: Interval | None
    basis: str


def _article_time(mentions: Sequence[EventMention], published: dt.date | None) -> _ArticleTime:
    current = [m for m in mentions if not m.planned and not m.previous and m.time is not None]
    if current:
        best = min(current, key=lambda m: (m.time.width if m.time else 1e9, m.start))
        assert best.time is not None and best.time_claim is not None
        return _ArticleTime(best.article, best.time, f"'{best.time_claim.text}'")
    article = mentions[0].article
    if published is not None:
        day = float(published.toordinal())
        return _ArticleTime(article, Interval(day - 7, day), "publication date")
    return _ArticleTime(article, None, "none")


def _iso(ordinal: float) -> str:
    return dt.date.fromordinal(int(ordinal)).isoformat()


_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_span(first: dt.date, last: dt.date) -> str:
    """Two days as a short human span: "11 Jul 2025", "11–13 Jul 2025", "30 Jun – 2 Jul 2025",
    "30 Dec 2024 – 2 Jan 2025" (no leading zeros, no repeated month or year)."""
    def day(d: dt.date, month: bool = True, year: bool = True) -> str:
        return " ".join([str(d.day)] + ([_MONTH_ABBR[d.month - 1]] if month else []) + ([str(d.year)] if year else []))

    if first == last:
        return day(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{day(last)}"
    if first.year == last.year:
        return f"{day(first, year=False)} – {day(last)}"
    return f"{day(first)} – {day(last)}"


def build_events(
    articles: Mapping[str, Article],
    claims_by_article: Mapping[str, Sequence[Claim]],
    window_days: int = 21,
    sentences: Mapping[str, Sequence[tuple[int, int]]] | None = None,
    sketches: Mapping[str, Sequence[MentionSketch]] | None = None,
) -> EventIndex:
    """Find event mentions in every article and group them into event instances.

    ``sentences`` maps article ids to their content-sentence spans, as extraction found them;
    articles not in it are segmented again. ``sketches`` maps article ids to the sketches
    extraction made of their mentions (:func:`sketch_mentions`, on the same claims in the same
    order); articles not in it, or whose sketches do not fit their claims, are read again."""
    index = EventIndex()
    intervals: dict[tuple[object, ...], Interval | None] = {}
    for aid in sorted(articles):
        claims = claims_by_article.get(aid, ())
        sketched = sketches.get(aid) if sketches is not None else None
        if sketched is not None:
            try:
                index.mentions.extend(resolve_mentions(aid, claims, sketched, intervals))
                continue
            except ValueError:
                pass  # not made on these claims: read the article again
        spans = sentences.get(aid) if sentences is not None else None
        index.mentions.extend(find_mentions(articles[aid], claims, spans))
    for mention in index.mentions:
        index.by_sentence.setdefault((mention.article, mention.sentence_start), []).append(mention)

    # Families: class + agent, agents spelled alike across the corpus share a key already
    # (entity grouping gave them one canonical name).
    families: dict[str, list[EventMention]] = defaultdict(list)
    for mention in index.mentions:
        key = index.family_key(mention)
        if key is not None and not mention.planned:
            families[key].append(mention)

    events: list[tuple[tuple[str, str, tuple[str, ...]], _EventFields]] = []  # (order, fields after the id)
    for key in sorted(families):
        fam = families[key]
        cls, who = key.split("|", 1)
        agent = None if who.startswith("@") else who
        place_counts = Counter(m.place for m in fam if m.place)
        place = max(place_counts.items(), key=lambda kv: (kv[1], kv[0]))[0] if place_counts else None
        per_article: dict[str, list[EventMention]] = defaultdict(list)
        for m in fam:
            per_article[m.article].append(m)
        times = [_article_time(ms, articles[a].published) for a, ms in sorted(per_article.items())]
        known = sorted((t for t in times if t.interval is not None), key=lambda t: (t.interval.low, t.article)
                       if t.interval else (0.0, t.article))
        clusters: list[list[_ArticleTime]] = []
        for t in known:
            assert t.interval is not None
            if clusters:
                last = clusters[-1]
                hi = max(x.interval.high for x in last if x.interval)
                if t.interval.low - hi <= window_days or cls in DURATIVE_CLASSES:
                    last.append(t)
                    continue
            clusters.append([t])
        unknown = [t for t in times if t.interval is None]
        owner = f"{agent}'s {cls}" if agent else f"the {cls}"
        base = owner + (f" to {place}" if place and cls == "visit" else f" in {place}" if place else "")
        groups: list[tuple[list[_ArticleTime], bool]] = [(c, True) for c in clusters]
        if unknown:
            groups.append((unknown, False))
        for group, resolved in groups:
            arts = tuple(sorted(t.article for t in group))
            start: str | None = None
            end: str | None = None
            if resolved:
                lo = min(t.interval.low for t in group if t.interval)
                hi = max(t.interval.high for t in group if t.interval)
                explicit = [t.interval for t in group if t.basis != "publication date" and t.interval]
                if explicit and cls not in DURATIVE_CLASSES:
                    # The dates the articles give: their common part when they agree (a week and a
                    # day within it give the day), else their span.
                    lo = max(iv.low for iv in explicit)
                    hi = min(iv.high for iv in explicit)
                    if lo > hi:
                        lo = min(iv.low for iv in explicit)
                        hi = max(iv.high for iv in explicit)
                start, end = _iso(lo), _iso(hi)
                when = start if start == end else f"{start} to {end}"
                if all(t.basis == "publication date" for t in group):
                    # No article dates it: say so, with the publication dates, not the week
                    # before the first of them that ``start`` allows for.
                    days = sorted(d for d in (articles[t.article].published for t in group) if d)
                    when = f"dated by publication, {day_span(days[0], days[-1])}"
                label = f"{base} ({when})" if cls not in DURATIVE_CLASSES else base
            else:
                when = "date unresolved"
                label = f"{base} ({when})"
            events.append(((key, start or "9999", arts), (
                key, label, cls, agent, place, arts, start, end, resolved,
                tuple((t.article, t.basis) for t in group), when)))
    # Deterministic ids: by family, then start date (each event made once, numbered).
    events.sort(key=_ORDER)
    numbered = [Event(f"E{n}", *fields) for n, (_order, fields) in enumerate(events, 1)]
    index.events = numbered
    for event in numbered:
        index.families.setdefault(event.family, []).append(event)
        for aid in event.articles:
            index.membership[(aid, event.family)] = event.id
    return index


_ORDER = operator.itemgetter(0)
_EventFields = tuple[str, str, str, str | None, str | None, tuple[str, ...], str | None, str | None, bool,
                     tuple[tuple[str, str], ...], str]
"""The fields of an :class:`Event` after its id, in order."""


def prune_events(index: EventIndex, keep: set[str]) -> dict[str, str]:
    """Drop events no finding refers to and that only one article describes; renumber the
    rest (E1, E2, ...) and return the map from old to new ids."""
    kept = [e for e in index.events if e.id in keep or len(e.articles) > 1]
    mapping: dict[str, str] = {}
    renumbered: list[Event] = []
    for n, event in enumerate(kept, 1):
        mapping[event.id] = f"E{n}"
        renumbered.append(dataclasses.replace(event, id=f"E{n}"))
    index.events = renumbered
    index.membership = {k: mapping[v] for k, v in index.membership.items() if v in mapping}
    index.families = {}
    for event in renumbered:
        index.families.setdefault(event.family, []).append(event)
    return mapping
