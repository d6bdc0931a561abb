"""Alignment: which claims of different articles speak about the same thing.

Claims are aligned on a *topic key*: the thing or event, its participants and place,
and the attribute (length, date, count, name). Keys are blocked (grouped by an exact
key first) so that cost stays near-linear in the number of claims; rapidfuzz merges
near-identical spellings of counted things ("labourer"/"laborer", "air strike"/"airstrike")
within a block. Pure: no I/O, no printing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import regex
from rapidfuzz import fuzz, process

from .extractors.nouns import singular
from .model import Article, Claim, ClaimKind
from .units import DEFAULT_UNITS, UnitTable

# Counted things too generic to compare without knowing what happened to them.
GENERIC_THINGS = frozenset(
    """person people civilian man woman child adult resident citizen individual victim soldier troop
    worker member official employee student passenger patient""".split()
)
ROLE_WORDS: dict[str, str] = {}
for _role, _words in {
    "killed": "killed dead died die dying deaths death toll perished slain fatalities lost their lives",
    "injured": "injured wounded hurt injuries hospitalized hospitalised",
    "missing": "missing unaccounted",
    "arrested": "arrested detained held jailed captured",
    "evacuated": "evacuated displaced fled homeless",
    "rescued": "rescued saved",
    "employed": "employed hired",
    "sent": "sent sending dispatched dispatch deployed deploying",
}.items():
    for _w in _words.split():
        ROLE_WORDS[_w] = _role

_WORDS = regex.compile(r"\p{L}+")


@dataclass(frozen=True, slots=True)
class CountKey:
    thing: str
    unit: str | None
    role: str | None

    def label(self) -> str:
        thing = self.thing
        if self.unit == "percent":
            return f"share of {thing}" if thing else "percentage"
        if self.role:
            return f"{thing} {self.role}"
        return thing


@dataclass
class Alignment:
    articles: dict[str, Article]
    claims: list[Claim]
    units: UnitTable = DEFAULT_UNITS
    by_article: dict[str, list[Claim]] = field(default_factory=dict)
    _entities: dict[tuple[str, int], list[Claim]] = field(default_factory=dict)
    subject_canon: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, articles: Iterable[Article], claims: Sequence[Claim], units: UnitTable = DEFAULT_UNITS,
              fuzzy_threshold: float = 90.0) -> Alignment:
        alignment = cls({a.id: a for a in articles}, list(claims), units)
        for claim in claims:
            alignment.by_article.setdefault(claim.article, []).append(claim)
            if claim.kind is ClaimKind.ENTITY:
                alignment._entities.setdefault((claim.article, claim.sentence_start), []).append(claim)
        subjects = sorted({c.subject for c in claims if c.kind is ClaimKind.QUANTITY and c.subject})
        alignment.subject_canon = merge_spellings(subjects, fuzzy_threshold)
        return alignment

    def entities_near(self, claim: Claim, types: Iterable[str] | None = None) -> set[str]:
        wanted = set(types) if types is not None else None
        return {
            e.canonical or e.text
            for e in self._entities.get((claim.article, claim.sentence_start), ())
            if wanted is None or (e.subject or "other") in wanted
        }

    def thing(self, claim: Claim) -> str | None:
        if not claim.subject:
            return None
        subject = self.subject_canon.get(claim.subject, claim.subject)
        return self.units.canonical(singular(subject) if " " not in subject else subject)

    def role(self, claim: Claim) -> str | None:
        """What happened to the counted people ("killed", "injured"), from the words around the figure."""
        sentence = claim.sentence
        offset = claim.start - claim.sentence_start
        after = sentence[offset + len(claim.text):offset + len(claim.text) + 60]
        before = sentence[max(0, offset - 40):offset]
        for word in _WORDS.findall(after)[:6]:
            role = ROLE_WORDS.get(word.lower())
            if role:
                return role
        for word in reversed(_WORDS.findall(before)[-4:]):
            role = ROLE_WORDS.get(word.lower())
            if role:
                return role
        return None

    def count_key(self, claim: Claim) -> CountKey | None:
        """The topic key of a quantity, or ``None`` when it cannot be aligned safely."""
        if claim.kind is not ClaimKind.QUANTITY or claim.attr("referential"):
            return None  # "the two nations" refers, it does not count
        thing = self.thing(claim)
        if thing is None:
            return None
        role = self.role(claim)
        if thing in ("death", "injury"):
            role, thing = None, thing
        elif thing in GENERIC_THINGS or singular(thing) in GENERIC_THINGS:
            if role is None:
                return None
            if role in ("killed", "injured"):
                thing = "person" if thing in ("person", "people", "victim") else thing
        return CountKey(thing, claim.unit, role)


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
        scores = process.cdist(block, block, scorer=fuzz.ratio, score_cutoff=threshold)
        sets = UnionFind(len(block))
        for i in range(len(block)):
            for j in range(i + 1, len(block)):
                if scores[i][j] >= threshold and _same_head(block[i], block[j]):
                    sets.union(i, j)
        for i, term in enumerate(block):
            canon[term] = block[sets.find(i)]
    return canon


def _same_head(a: str, b: str) -> bool:
    """Guard against merging different words that merely look alike ("mine"/"mines" yes,
    "million"/"billion" no): the spellings must differ by a small edit, not a first letter."""
    return a[:1] == b[:1] and abs(len(a) - len(b)) <= 2


def overlap_ratio(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
