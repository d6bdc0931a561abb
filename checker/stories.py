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
large corpus are not indexed), and average linkage runs over those pairs only. Vectors, pairs
and cosines are arrays (:mod:`checker.storyvectors`), computed to the same floats as Python's
arithmetic term by term.

A claim belongs to its article's story unless its sentence ties it to another happening
("the 2004 tsunami", "last year's fire", "a previous shooting"):
:func:`checker.storyfeatures.background` says so, with what else story building reads of one
article alone.

Pure functions only: no I/O, no printing.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain, count

import numpy as np
import numpy.typing as npt
import regex

from .forkpool import fork_map
from .model import Article, Claim, ClaimKind
from .storyfeatures import (
    LEAD_CHARS,
    Marks,
    StoryFeatures,
    article_words,
    marks,
    reference_date,
    story_features,
)
from .storyvectors import (
    ROWS_AT_ONCE,
    Counts,
    FloatArray,
    IntArray,
    Vectors,
    co_posted,
    cosines,
    descending,
    merge_counts,
    order_by,
    ranges,
    ranks_in_runs,
    run_heads,
    run_lengths,
    run_sums,
    tf_idf,
)

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


def _time_factors(gaps: IntArray, options: StoryOptions) -> FloatArray:
    """How far publication dates ``gaps`` days apart allow two articles to be one story: 1 when
    close, falling linearly to 0 at ``far_days``."""
    span = options.far_days - options.near_days
    return np.where(gaps <= options.near_days, 1.0,
                    np.where(gaps >= options.far_days, 0.0, 1.0 - (gaps - options.near_days) / span))


# A report of a court case: what brings a crime back into the news long after it happened.
_LEGAL = regex.compile(r"\b(?:trial|tried|jury|jurors|verdict|convicted|conviction|sentenced|sentencing|pleaded|"
                       r"plea|guilty|acquitted|prosecutors?|testified|testimony)\b", regex.I)


def _head(article: Article) -> str:
    """An article's headline and lead."""
    start = article.body_offset
    return f"{article.title or ''}\n{article.text[start:start + LEAD_CHARS]}"


_ENTITY = ClaimKind.ENTITY


@dataclass(frozen=True, slots=True)
class _Names:
    """The canonical names of an article's entities as terms (``@name``), each with whether the
    headline and lead tell it, and the people it names in full (two words or more)."""

    terms: list[str] = field(default_factory=list)
    in_lead: list[bool] = field(default_factory=list)
    people: list[str] = field(default_factory=list)


def _names(claims: Iterable[Claim], lead_end: int, memo: dict[str, str]) -> _Names:
    """The :class:`_Names` of an article's claims; ``memo``: the term of each name read so far
    ("" for a name too short to tell a story by)."""
    found = _Names()
    for claim in claims:
        if claim.kind is _ENTITY and (claim.subject or "other") in _NAME_KINDS:
            name = claim.canonical or claim.text
            term = memo.get(name)
            if term is None:
                lowered = name.strip().lower()
                term = memo[name] = "@" + lowered if len(lowered) > 2 else ""
            if term:
                found.terms.append(term)
                found.in_lead.append(claim.start < lead_end)
                if claim.subject == "person" and " " in term:
                    found.people.append(term)
    return found


def _term_counts(words: Sequence[tuple[Mapping[str, int], Mapping[str, int]]], names: Sequence[_Names],
                 options: StoryOptions) -> tuple[list[str], list[Counts], list[Counts]]:
    """The terms of each article: its content words (``words``: those of its headline and lead,
    those of the rest) and the canonical names of its entities weighted ``name_weight``; the
    same of its headline and lead alone. Words and names of the headline and the lead count
    ``lead_weight`` times in the first. Returns the terms (numbered in alphabetical order) and
    the counts as :func:`merge_counts` gives them, of the whole texts and of the headlines and
    leads: a row counts the rest's words, then the lead's, then the names (the order the
    vectors' dicts were built in)."""
    numbers: defaultdict[str, int] = defaultdict(count().__next__)  # in the order first seen
    name_weight, lead_weight = options.name_weight, options.lead_weight
    full: list[Counts] = []
    lead: list[Counts] = []
    for first in range(0, len(words), ROWS_AT_ONCE):
        span = list(zip(words[first:first + ROWS_AT_ONCE], names[first:first + ROWS_AT_ONCE], strict=True))
        sizes = np.fromiter(chain.from_iterable((len(rest), len(lead), len(named.terms))
                                                for (lead, rest), named in span), np.int64, 3 * len(span))
        total = int(sizes.sum())
        seen = np.fromiter(map(numbers.__getitem__, chain.from_iterable(
            chain(rest, lead, named.terms) for (lead, rest), named in span)), np.int64, total)
        values = np.fromiter(chain.from_iterable(chain(rest.values(), lead.values(), named.in_lead)
                                                 for (lead, rest), named in span), np.int64, total).astype(
            np.float64)  # counts and flags are ints, read faster as such (a float of them is exact)
        part = np.repeat(np.tile(np.arange(3, dtype=np.int8), len(span)), sizes)  # the rest's words, the lead's, names
        rows = np.repeat(np.arange(len(span), dtype=np.int64), sizes.reshape(-1, 3).sum(axis=1))
        name_in_lead = (part == 2) & (values != 0)
        counts = np.where(part == 0, values, np.where(part == 1, lead_weight * values,
                                                      np.where(name_in_lead, name_weight * lead_weight, name_weight)))
        full.append(merge_counts(first, rows, seen, counts, len(span), len(numbers)))
        in_lead = (part == 1) | name_in_lead
        lead.append(merge_counts(first, rows[in_lead], seen[in_lead], np.where(part == 1, values, name_weight)[in_lead],
                                 len(span), len(numbers)))
    vocabulary = sorted(numbers)
    alphabetical = np.empty(len(vocabulary), np.int64)
    alphabetical[np.fromiter(map(numbers.__getitem__, vocabulary), np.int64, len(vocabulary))] = np.arange(
        len(vocabulary), dtype=np.int64)

    return vocabulary, [replace(c, terms=alphabetical[c.terms]) for c in full], \
        [replace(c, terms=alphabetical[c.terms]) for c in lead]


def similarities(articles: Sequence[Article], by_article: Mapping[str, Sequence[Claim]],
                 options: StoryOptions = DEFAULT_STORY_OPTIONS) -> dict[tuple[int, int], float]:
    """Similarity of the candidate pairs of ``articles`` (indices, ``i < j``; see :func:`_similarities`)."""
    return _similarities(articles, by_article, options).pairs


FORK_CHUNK = 500
"""Articles read per task when forked processes read the words and marks of articles."""


def _read_apart(articles: Sequence[Article], claims: Sequence[Sequence[Claim]], which: Sequence[int],
                jobs: int) -> list[StoryFeatures] | None:
    """The :class:`StoryFeatures` of the articles ``which``, read by ``jobs`` forked processes,
    or ``None`` when none could be forked."""
    chunks = [which[k:k + FORK_CHUNK] for k in range(0, len(which), FORK_CHUNK)]

    def read(chunk: int) -> list[StoryFeatures]:
        return [story_features(articles[k], claims[k]) for k in chunks[chunk]]

    found = fork_map(read, len(chunks), jobs)
    return None if found is None else [features for part in found for features in part]


@dataclass(frozen=True, slots=True)
class _Similar:
    pairs: dict[tuple[int, int], float]
    apart: list[tuple[int, int]]
    vectors: Vectors
    vocabulary: list[str]


def _similarities(articles: Sequence[Article], by_article: Mapping[str, Sequence[Claim]],
                  options: StoryOptions, jobs: int = 1, features: Mapping[str, StoryFeatures] | None = None,
                  ) -> _Similar:
    """Similarity of the candidate pairs of articles (indices into ``articles``, ``i < j``): the
    cosine of their whole texts, or of their headlines and leads (discounted by ``lead_factor``)
    when that is higher, times the factor their dates allow. Candidates are the pairs that share
    distinctive terms: one is enough in a small corpus, two in a large one (``large_from``).
    With them, the pairs kept apart, the articles' vectors and the terms they number."""
    claims = [by_article.get(a.id, ()) for a in articles]
    dates = [reference_date(a, c) for a, c in zip(articles, claims, strict=True)]
    known = [None if features is None else features.get(a.id) for a in articles]
    missing = [k for k, found in enumerate(known) if found is None]
    if missing and jobs > 1 and (read_apart := _read_apart(articles, claims, missing, jobs)) is not None:
        for k, found in zip(missing, read_apart, strict=True):
            known[k] = found
    told = [None if f is None else f.marks for f in known]  # the others read for candidate pairs only
    memo: dict[str, str] = {}
    names = [_names(c, a.body_offset + LEAD_CHARS, memo) for a, c in zip(articles, claims, strict=True)]
    vocabulary, full, lead = _term_counts([article_words(a) if f is None else (f.lead_words, f.rest_words)
                                           for a, f in zip(articles, known, strict=True)], names, options)
    del known, memo
    n = len(articles)
    vectors = tf_idf(full, n, len(vocabulary), options.vector_terms)
    del full
    leads = tf_idf(lead, n, len(vocabulary), options.vector_terms)
    del lead
    large = n >= options.large_from
    max_df = n if n < 20 else max(2, min(int(options.max_df_share * n),
                                         options.large_max_postings if large else options.max_postings))
    first, second = co_posted((vectors, leads), len(vocabulary), options.large_top_terms if large else options.top_terms,
                              max_df, 2 if large else 1)

    kept_apart = _kept_apart(articles, claims, dates, told, first, second)
    apart = list(zip(first[kept_apart].tolist(), second[kept_apart].tolist(), strict=True))
    first, second = first[~kept_apart], second[~kept_apart]
    factors = _date_factors(articles, dates, names, first, second, options)
    close = factors > 0
    first, second, factors = first[close], second[close], factors[close]
    sims = cosines(vectors, first, second)
    low = np.flatnonzero(sims < options.lead_factor)  # the lead's cosine (at most 1) can only raise it below that
    sims[low] = np.maximum(sims[low], options.lead_factor * cosines(leads, first[low], second[low]))
    pairs = dict(zip(zip(first.tolist(), second.tolist(), strict=True), (sims * factors).tolist(), strict=True))
    return _Similar(pairs, apart, vectors, vocabulary)


def _kept_apart(articles: Sequence[Article], claims: Sequence[Sequence[Claim]], dates: Sequence[dt.date | None],
                told: list[Marks | None], first: IntArray, second: IntArray) -> npt.NDArray[np.bool_]:
    """Which pairs of articles (``first[p]``, ``second[p]``) tell two happenings of one kind
    (:meth:`Marks.other_than`). ``told``: the marks of each article, ``None`` where not read yet
    (read here for the articles of a pair). Most articles tell no day, magnitude or haul: only
    a pair whose two articles both tell one of them is asked, the others cannot be apart."""
    rows = np.unique(np.r_[first, second]).tolist()
    for k in rows:
        if told[k] is None:
            told[k] = marks(articles[k], claims[k], dates[k])
    day, magnitude, haul = (np.zeros(len(told), bool) for _ in range(3))
    for k in rows:
        found = told[k]
        assert found is not None
        day[k], magnitude[k], haul[k] = found.day is not None, found.magnitude is not None, bool(found.haul)
    asked = np.flatnonzero((day[first] & day[second]) | (magnitude[first] & magnitude[second])
                           | (haul[first] & haul[second]))
    kept_apart = np.zeros(len(first), bool)
    for p, i, j in zip(asked.tolist(), first[asked].tolist(), second[asked].tolist(), strict=True):
        mark_i, mark_j = told[i], told[j]
        assert mark_i is not None and mark_j is not None
        kept_apart[p] = mark_i.other_than(mark_j)
    return kept_apart


def _date_factors(articles: Sequence[Article], dates: Sequence[dt.date | None], names: Sequence[_Names],
                  first: IntArray, second: IntArray, options: StoryOptions) -> FloatArray:
    """How far the dates of each pair of articles (``first[p]``, ``second[p]``) allow them to be
    one story (:func:`_time_factors`; 1 when either is undated), or fully when they name the
    same two people in full and one of them reports a court case."""
    dated = np.array([d is not None for d in dates], bool)
    day = np.array([0 if d is None else d.toordinal() for d in dates], np.int64)
    both, gaps = dated[first] & dated[second], np.abs(day[first] - day[second])
    factors = np.where(both, _time_factors(gaps, options), 1.0)
    people = [frozenset(named.people) for named in names]
    several = np.array([len(named) >= 2 for named in people], bool)  # a pair can share two people only then
    legal: dict[int, bool] = {}
    late = np.flatnonzero(both & (factors < 1.0) & (gaps <= options.person_days) & several[first] & several[second])
    for p, i, j in zip(late.tolist(), first[late].tolist(), second[late].tolist(), strict=True):
        if len(people[i] & people[j]) < 2:
            continue
        for k in (i, j):
            if k not in legal:
                legal[k] = _LEGAL.search(_head(articles[k])) is not None
        if legal[i] or legal[j]:
            factors[p] = 1.0  # one case (a victim and the accused) taken to court months later
    return factors


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
    # Entries are told apart by their pair, so the heap pops them in one order whatever the
    # order they were put in: it needs no sorting first.
    heap = [(-s, i, j) for i, row in sums.items() for j, s in row.items() if i < j and s >= threshold]
    heapq.heapify(heap)
    pop, push = heapq.heappop, heapq.heappush
    while heap:
        neg, a, b = pop(heap)
        group_a, group_b = members.get(a), members.get(b)
        if group_a is None or group_b is None:
            continue
        sums_a = sums[a]
        current = sums_a.get(b, 0.0) / (len(group_a) * len(group_b))
        if abs(current + neg) > 1e-12:
            continue  # a stale entry: the groups changed since it was pushed
        if b in kept_apart[a]:
            continue
        # merge b into a (a < b)
        group_a.extend(members.pop(b))
        for c in kept_apart.pop(b, set()):
            kept_apart[c].discard(b)
            kept_apart[c].add(a)
            kept_apart[a].add(c)
        for c, s in sums.pop(b).items():
            if c == a:
                continue
            sums_c = sums[c]
            del sums_c[b]
            sums_a[c] = sums_c[a] = sums_a.get(c, 0.0) + s
        sums_a.pop(b, None)
        size_a = len(group_a)
        for c, s in sums_a.items():
            avg = s / (size_a * len(members[c]))
            if avg >= threshold:
                push(heap, (-avg, a, c) if a < c else (-avg, c, a))
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


def build_stories(articles: Sequence[Article], by_article: Mapping[str, Sequence[Claim]],
                  options: StoryOptions = DEFAULT_STORY_OPTIONS, jobs: int = 1,
                  features: Mapping[str, StoryFeatures] | None = None) -> StoryIndex:
    """Group ``articles`` into stories. Every article is in exactly one story (a story of one
    article when nothing else reports its happening). Story ids (``S1``, ``S2`` ...) follow the
    order of their first article, so the result depends on the corpus only, not on file order.
    ``jobs``: forked processes that may read the articles' words and marks; ``features``: each
    article's :class:`StoryFeatures` as extraction read them (or the cache kept them), by article
    id; those of other articles are read here. The result is the same either way."""
    ordered = sorted(articles, key=lambda a: a.id)
    similar = _similarities(ordered, by_article, options, jobs, features)
    groups = cluster(len(ordered), similar.pairs, options.threshold, similar.apart)
    labels = _label_terms(similar.vectors, groups, similar.vocabulary)
    stories: list[Story] = []
    of_article: dict[str, str] = {}
    for number, (group, terms) in enumerate(zip(groups, labels, strict=True), 1):
        sid = f"S{number}"
        ids = tuple(ordered[i].id for i in group)
        dates = sorted(d for d in (ordered[i].published for i in group) if d is not None)
        stories.append(Story(sid, _label(terms, [ordered[i] for i in group]), ids,
                             dates[0].isoformat() if dates else None,
                             dates[-1].isoformat() if dates else None, terms))
        for aid in ids:
            of_article[aid] = sid
    return StoryIndex(stories, of_article)


def _label_terms(vectors: Vectors, groups: Sequence[Sequence[int]], vocabulary: Sequence[str],
                 size: int = 4) -> list[tuple[str, ...]]:
    """The ``size`` terms most distinctive of each group of rows: those in the vectors of the
    most of its articles first, then by their weight summed over its articles (in their order),
    then alphabetically."""
    n_terms = len(vocabulary)
    lengths = vectors.lengths
    labels: list[tuple[str, ...]] = []
    first = 0
    while first < len(groups):
        end, rows_taken = first, 0
        while end < len(groups) and (end == first or rows_taken + len(groups[end]) <= ROWS_AT_ONCE):
            rows_taken += len(groups[end])
            end += 1
        members = np.fromiter(chain.from_iterable(groups[first:end]), np.int64, rows_taken)
        entries = ranges(vectors.start[members], lengths[members])
        in_group = np.repeat(np.repeat(np.arange(end - first, dtype=np.int64), [len(g) for g in groups[first:end]]),
                             lengths[members])
        terms = vectors.terms[entries]
        order = order_by((in_group, end - first), (terms, n_terms), (entries, len(vectors.terms)))  # a term's weights by article
        in_group, terms = in_group[order], terms[order]
        heads = run_heads(in_group, terms)
        shared = run_lengths(heads, len(order))
        total = run_sums(vectors.weights[entries[order]], shared)
        in_group, terms = in_group[heads], terms[heads]
        most = int(shared.max(initial=0))
        rank, ranks = descending(total)
        best = order_by((in_group, end - first), (most - shared, most + 1), (rank, ranks), (terms, n_terms))
        best = best[ranks_in_runs(in_group[best]) < size]
        found: list[list[str]] = [[] for _ in range(end - first)]
        for group, term in zip(in_group[best].tolist(), terms[best].tolist(), strict=True):
            found[group].append(vocabulary[term])
        labels.extend(tuple(label) for label in found)
        first = end
    return labels


def _label(terms: Sequence[str], articles: Sequence[Article]) -> str:
    """A human label: the title of the story's first titled article, else its top terms."""
    for article in articles:
        if article.title:
            return article.title.strip()[:100]
    names = [t[1:].title() for t in terms if t.startswith("@")]
    words = [t for t in terms if not t.startswith("@")]
    return ", ".join([*names, *words]) or "untitled"
