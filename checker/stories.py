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
("the 2004 tsunami", "last year's fire", "a previous shooting"):
:func:`checker.storyfeatures.background` says so, with what else story building reads of one
article alone.

Pure functions only: no I/O, no printing.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
import operator
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import regex

from .forkpool import fork_map
from .model import Article, Claim, ClaimKind
from .storyfeatures import LEAD_CHARS, Marks, StoryFeatures, article_words, marks, reference_date

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
            vec = dict(_heaviest(vec, keep))
        norm = math.sqrt(sum([v * v for v in vec.values()])) or 1.0
        vectors.append({t: v / norm for t, v in vec.items()})
    return vectors, df


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum([v * b[t] for t, v in a.items() if t in b])


_WEIGHT = operator.itemgetter(1)


def _heaviest(weights: Mapping[str, float], n: int) -> list[tuple[str, float]]:
    """The ``n`` heaviest ``(term, weight)`` items, heaviest first and terms of equal weight in
    alphabetical order: ``sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:n]``, sorted
    by two stable passes of the C sort instead of a Python key per item."""
    by_weight = sorted(weights.items())  # by term: terms are unique, so weights are never compared
    by_weight.sort(key=_WEIGHT, reverse=True)  # stable: equal weights keep the terms' order
    return by_weight[:n]


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


def _postings(vectors: Sequence[Mapping[str, float]], df: Mapping[str, int], top_terms: int,
              max_df: int) -> dict[str, list[int]]:
    postings: dict[str, list[int]] = defaultdict(list)
    for i, vec in enumerate(vectors):
        for term, _ in _heaviest(vec, top_terms):
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

    missing = any(found is None for found in known)  # else all read by extraction, or kept by the cache
    if missing and (read_apart := fork_map(read, len(chunks), jobs) if jobs > 1 else None) is not None:
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
    best = sorted(total)  # then by weight, then by sharing: stable sorts keep the earlier orders
    best.sort(key=total.__getitem__, reverse=True)
    best.sort(key=shared.__getitem__, reverse=True)
    return tuple(best[:size])


def _label(terms: Sequence[str], articles: Sequence[Article]) -> str:
    """A human label: the title of the story's first titled article, else its top terms."""
    for article in articles:
        if article.title:
            return article.title.strip()[:100]
    names = [t[1:].title() for t in terms if t.startswith("@")]
    words = [t for t in terms if not t.startswith("@")]
    return ", ".join([*names, *words]) or "untitled"
