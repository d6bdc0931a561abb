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

import regex

from .extractors.entities import similar_pairs
from .extractors.nouns import singular
from .model import Article, Claim, ClaimKind
from .units import DEFAULT_UNITS, UnitTable

# Counted things too generic to compare without knowing what happened to them.
GENERIC_THINGS = frozenset(
    """person people civilian man woman child adult resident citizen individual victim soldier troop
    worker member official employee student passenger patient""".split()
)
# Counted "things" that measure time or play rather than count objects ("in 54 games", "six
# seasons", "two blocks away", "3 p.m."): figures about them are not aligned as counts.
SPAN_THINGS = frozenset(
    """second minute hour day night week month year decade century season game match inning round
    start time times block mile kilometre kilometer meter metre foot feet yard inch p am pm a.m. p.m.
    lead loss win victory defeat record score deficit edge margin x by""".split()
)
# Adjectives used as the counted people ("24 dead", "over 200 injured"), with their role.
_ADJECTIVE_PEOPLE = {"dead": "killed", "injured": "injured", "injure": "injured", "wounded": "injured",
                     "wound": "injured", "missing": "missing"}
# Sports statistics change with every game and are stated per game, season or career: a
# figure does not say which, so they are not aligned.
STAT_THINGS = frozenset(
    """touchdown rebound shot pass homer run rbi goal point assist yard carry catch reception sack
    strikeout hit basket knockout punch birdie bogey wicket""".split()
)
# Nouns that measure or classify rather than name the counted thing ("two counts of murder",
# "a pair of shoes"): without their complement the figures cannot be aligned.
MEASURE_THINGS = frozenset("count charge piece pair group number set series kind type lot batch part share".split())
# "completed 28 of 41 passes": the second figure is the whole, the first the part.
_NAME_BEFORE = regex.compile(r"(?<![.!?]\s)(?<!^)\b\p{Lu}[\p{L}\d-]*\s+$")
_PARTITIVE_BEFORE = regex.compile(r"\d\s+(?:of|out\s+of)\s+$")
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

_SENTENCE_START = operator.attrgetter("sentence_start")
_WORDS = regex.compile(r"\p{L}+")
_DEAD_OR_MISSING = regex.compile(r"^\s+(?:dead|killed)\s+(?:and|or)\s+missing\b", regex.I)
# Where a clause ends, for the words that describe a figure: punctuation or a coordinating word.
_CLAUSE_END = regex.compile(r"[,;:()]|\s(?:and|but|while|whereas|as well as)\s", regex.I)


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
    _entities: dict[str, list[Claim]] = field(default_factory=dict)
    """Each article's entity claims, by sentence (in claim order within one): one list per
    article, not one per sentence, which on 100,000 articles held 2 million small lists."""
    subject_canon: dict[str, str] = field(default_factory=dict)
    _count_keys: dict[int, CountKey | None] = field(default_factory=dict)

    @classmethod
    def build(cls, articles: Iterable[Article], claims: Sequence[Claim], units: UnitTable = DEFAULT_UNITS,
              fuzzy_threshold: float = 90.0) -> Alignment:
        alignment = cls({a.id: a for a in articles}, list(claims), units)
        for claim in claims:
            alignment.by_article.setdefault(claim.article, []).append(claim)
            if claim.kind is ClaimKind.ENTITY:
                alignment._entities.setdefault(claim.article, []).append(claim)
        for entities in alignment._entities.values():
            entities.sort(key=_SENTENCE_START)  # stable: claim order within a sentence
        subjects = sorted({c.subject for c in claims if c.kind is ClaimKind.QUANTITY and c.subject})
        alignment.subject_canon = merge_spellings(subjects, fuzzy_threshold)
        return alignment

    def entities_in_sentence(self, claim: Claim) -> Sequence[Claim]:
        """The entity claims of a claim's sentence, in claim order."""
        entities = self._entities.get(claim.article)
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
        subject = self.subject_canon.get(claim.subject, claim.subject)
        return self.units.canonical(singular(subject) if " " not in subject else subject)

    def role(self, claim: Claim) -> str | None:
        """What happened to the counted people ("killed", "injured"), from the words around the figure.

        The verb right before the figure wins ("killed 257 people and injured 5,500"), then the
        words after it up to the end of its clause ("six people were killed"), then the words a
        little further before it.
        """
        sentence = claim.sentence
        offset = claim.start - claim.sentence_start
        after = _CLAUSE_END.split(sentence[offset + len(claim.text):offset + len(claim.text) + 60], 1)[0]
        before_words = _WORDS.findall(_CLAUSE_END.split(sentence[max(0, offset - 40):offset])[-1])
        if _DEAD_OR_MISSING.match(sentence[offset + len(claim.text):]):
            return "killed or missing"  # "left 230,000 people dead or missing": not a death toll
        # In order of preference: the two words before, six after, the two before those.
        candidates = [*reversed(before_words[-2:]), *_WORDS.findall(after)[:6], *reversed(before_words[-4:-2])]
        return next((ROLE_WORDS[w.lower()] for w in candidates if w.lower() in ROLE_WORDS), None)

    def count_key(self, claim: Claim) -> CountKey | None:
        """The topic key of a quantity, or ``None`` when it cannot be aligned safely (computed
        once per claim: several rules ask for it, pair by pair)."""
        if claim.kind is not ClaimKind.QUANTITY:
            return None
        key = id(claim)
        if key not in self._count_keys:
            # Keyed by identity: the claims of an alignment live as long as it does.
            self._count_keys[key] = self._count_key(claim)
        return self._count_keys[key]

    def _count_key(self, claim: Claim) -> CountKey | None:
        if claim.attr("referential"):
            return None  # "the two nations" refers, it does not count
        if claim.attr("measure") == "age":
            return None  # an age belongs to a person, not to a count of things
        thing = self.thing(claim)
        if thing is None or thing in SPAN_THINGS or thing in MEASURE_THINGS or thing in STAT_THINGS:
            return None
        offset = claim.start - claim.sentence_start
        if _PARTITIVE_BEFORE.search(claim.sentence[max(0, offset - 12):offset]):
            return None
        if claim.text[:1].isdigit() and _NAME_BEFORE.search(claim.sentence[max(0, offset - 30):offset]):
            return None  # "FireWire 800 port", "USB 3.0 ports", "Week 15 loss": part of a name
        role = self.role(claim)
        if thing in _ADJECTIVE_PEOPLE:  # "24 dead and over 200 injured"
            thing, role = "person", _ADJECTIVE_PEOPLE[thing]
        if thing == "person" or role is not None:
            low, high = claim.low, claim.high
            if any(isinstance(v, float) and not v.is_integer() for v in (low, high) if v is not None and v != float("inf")):
                return None  # "6.1 magnitude earthquake injures": people are counted in whole numbers
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


def overlap_ratio(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
