"""Alignment: which claims of different articles speak about the same thing.

Claims are aligned on a *topic key*: the thing or event, its participants and place,
and the attribute (length, date, count, name). Keys are blocked (grouped by an exact
key first) so that cost stays near-linear in the number of claims; rapidfuzz merges
near-identical spellings of counted things ("labourer"/"laborer", "air strike"/"airstrike")
within a block. Pure: no I/O, no printing.
"""

from __future__ import annotations

import operator
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import groupby

from .extractors.entities import similar_pairs
from .extractors.nouns import singular
from .model import Article, Claim, ClaimKind
from .units import DEFAULT_UNITS, UnitTable

_SENTENCE_START = operator.attrgetter("sentence_start")
_ARTICLE = operator.attrgetter("article")
_UNREAD = ""  # not cached yet (a thing that is the empty string, if any, is read again: the same answer)


@dataclass
class Alignment:
    articles: dict[str, Article]
    claims: list[Claim]
    units: UnitTable = DEFAULT_UNITS
    by_article: dict[str, list[Claim]] = field(default_factory=dict)
    _entities: dict[str, list[Claim]] = field(default_factory=dict, repr=False, compare=False)
    """Each article's entity claims, by sentence (in claim order within one), listed the first
    time a claim of the article asks for them (:meth:`entities_in_sentence`): one list per
    article, not one per sentence, which on 100,000 articles held 2 million small lists; and on
    a warm run the rules ask about fewer than half of the articles. Not compared: it is read
    from ``by_article``."""
    subject_canon: dict[str, str] = field(default_factory=dict)
    _things: dict[str, str | None] = field(default_factory=dict, repr=False, compare=False)
    """:meth:`thing` of each subject, once read (every rule about figures asks it of every figure)."""

    @classmethod
    def build(cls, articles: Iterable[Article], claims: Sequence[Claim], units: UnitTable = DEFAULT_UNITS,
              fuzzy_threshold: float = 90.0) -> Alignment:
        alignment = cls({a.id: a for a in articles}, list(claims), units)
        by_article = alignment.by_article
        # An article's claims come in one run (extraction lists them article by article): one
        # list per run, not one append per claim; a later run of an article joins its first.
        for article, run in groupby(claims, _ARTICLE):
            found = by_article.get(article)
            if found is None:
                by_article[article] = list(run)
            else:
                found.extend(run)
        quantity = ClaimKind.QUANTITY  # a local: an enum member read from its class costs more than the test
        subjects = sorted({c.subject for c in claims if c.kind is quantity and c.subject})
        alignment.subject_canon = merge_spellings(subjects, fuzzy_threshold)
        return alignment

    def entities_in_sentence(self, claim: Claim) -> Sequence[Claim]:
        """The entity claims of a claim's sentence, in claim order."""
        entities = self._entities.get(claim.article)
        if entities is None:
            entities = self._entities[claim.article] = _by_sentence(self.by_article.get(claim.article, ()))
        if not entities:
            return ()
        start = claim.sentence_start
        low = bisect_left(entities, start, key=_SENTENCE_START)
        return entities[low:bisect_right(entities, start, low, key=_SENTENCE_START)]

    def entities_near(self, claim: Claim, types: Iterable[str] | None = None) -> set[str]:
        """The names of the entities of a claim's sentence, of the given types."""
        wanted = set(types) if types is not None else None
        return {e.canonical or e.text for e in self.entities_in_sentence(claim)
                if wanted is None or (e.subject or "other") in wanted}

    def thing(self, claim: Claim) -> str | None:
        if not claim.subject:
            return None
        known = self._things.get(claim.subject, _UNREAD)
        if known is _UNREAD:
            subject = self.subject_canon.get(claim.subject, claim.subject)
            known = self._things[claim.subject] = self.units.canonical(
                singular(subject) if " " not in subject else subject)
        return known


def _by_sentence(claims: Iterable[Claim]) -> list[Claim]:
    """The entity claims of ``claims`` (one article's) sorted by sentence, in claim order within one."""
    entity = ClaimKind.ENTITY
    entities = [c for c in claims if c.kind is entity]
    entities.sort(key=_SENTENCE_START)  # stable: claim order within a sentence
    return entities


class UnionFind:
    """Disjoint sets over ``0..n-1``; the representative of a set is its smallest member."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            out[self.find(i)].append(i)
        return [out[k] for k in sorted(out)]


def merge_spellings(terms: Sequence[str], threshold: float = 90.0) -> dict[str, str]:
    """Map near-identical spellings to one (the alphabetically first), blocking on the first
    two letters so that only terms of a block are compared (``process.cdist``)."""
    blocks: dict[str, list[str]] = defaultdict(list)
    for term in terms:
        blocks[term[:2].lower()].append(term)
    canon: dict[str, str] = {}
    for block in blocks.values():
        block = sorted(set(block))
        if len(block) == 1:
            canon[block[0]] = block[0]
            continue
        sets = UnionFind(len(block))
        for i, j in similar_pairs(block, threshold):
            if _same_head(block[i], block[j]):
                sets.union(i, j)
        for i, term in enumerate(block):
            canon[term] = block[sets.find(i)]
    return canon


def _same_head(a: str, b: str) -> bool:
    """Guard against merging different words that merely look alike ("mine"/"mines" yes,
    "million"/"billion" no): the spellings must differ by a small edit, not a first letter."""
    return a[:1] == b[:1] and abs(len(a) - len(b)) <= 2
