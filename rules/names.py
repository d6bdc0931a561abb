"""NM: the same person or place spelled differently across articles."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from functools import lru_cache, partial

import regex
from rapidfuzz import fuzz

from checker.findings import Finding, Severity, Status
from checker.model import Claim, ClaimKind
from checker.ruleapi import plural, translit_key

from .base import FindingSpec, Rule, RuleContext
from .compare import short_id

# Patterns of this module's one-off searches, compiled once (compiling per call showed in profiles).
_NON_LETTER = regex.compile(r"[^\p{L}]")
_NOT_NAME_MARK = regex.compile(r"[^\p{L}'-]")

_TITLES = regex.compile(
    r"^(?:(?:mr|mrs|ms|dr|prof|president|minister|foreign minister|general|gen|sen|rep|sir|dame)\.?\s+)+", regex.I)

_POSSESSIVE = regex.compile(r"'s$")


def spelling(claim: Claim) -> str:
    """The spelling of a name, without titles, possessive or case differences that are not variants."""
    return _spelling(claim.text)


@lru_cache(maxsize=1 << 16)
def _spelling(quote: str) -> str:
    text = quote.strip().replace("’", "'").replace("‘", "'")
    text = _POSSESSIVE.sub("", text)
    text = _TITLES.sub("", text)
    return " ".join(text.split())


class NameVariants(Rule):
    """The same person or place is spelled differently across articles.

    **What it checks**: names that entity grouping recognised as one entity (rapidfuzz
    similarity of transliterations, within blocks) but that articles spell differently
    ("Sergei Lavrov" / "Sergey Lavrov", "Dunay" / "Dunai"). A person's name is also spelled
    differently by an apostrophe, a hyphen or two letters transposed ("Anaiya" / "A'naiya" /
    "Aniaya Montgomery", "Mary-Ann" / "Maryann Lee") and by the order of the same words ("Lee
    Mary" / "Mary Lee"). First names that differ by a silent letter or a hard c for k ("Jon" /
    "John", "Marc" / "Mark") beside the same surname are reported as a variant for the editor
    to settle, though they may be two people; first names with different initials ("Ivan" /
    "Evan", "Carl" / "Karl") are two people and never reported. The finding lists every
    spelling and where it occurs: every article of the less used spellings (the ones to
    correct) and, of the most used spelling, how many articles use it and the first five.
    Its fingerprint names the articles of the less used spellings only, so that more
    articles written in the house style do not make it a new finding.

    **Why it matters**: a house style wants one spelling; readers and search engines treat
    two spellings as two people.

    **Conflicting example** (a ``variant``)::

        A: Russian Foreign Minister Sergei Lavrov ...
        B: Russian Foreign Minister Sergey Lavrov ...

    **Agreeing example**: every article writes "Sergei Lavrov" (a surname alone, "Lavrov",
    is not a variant).

    **Options**: none; the similarity threshold is the extractor's ``entity_similarity``.
    """

    code = "NM01"
    name = "name-variants"
    summary = "The same person or place is spelled differently across articles"
    severity = Severity.WARNING
    groups = ("names",)
    consumes = ("entity",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        by_canonical: dict[str, list[Claim]] = defaultdict(list)
        for claim in ctx.claims_of(ClaimKind.ENTITY):
            # Aliases, abbreviations and surnames ("DPRK", "Lavrov") are other names, not spellings.
            # (most entities have no attributes: asked first, it is the quicker)
            if claim.canonical and (not claim.attrs or claim.attr("alias_of") is None):
                by_canonical[claim.canonical].append(claim)
        for canonical in sorted(name for name, claims in by_canonical.items() if _two_ways(claims)):
            claims = by_canonical[canonical]
            # a name is a block: its finding depends on the claims of its articles alone (kept between runs)
            yield from self.block_findings(ctx, sorted({c.article for c in claims}),
                                           partial(self._spellings, canonical, claims), "spelling", canonical)

    def _spellings(self, canonical: str, claims: Sequence[Claim]) -> Iterator[FindingSpec]:
        """The finding on the spellings of one name, ``claims`` (none when it has one spelling)."""
        spellings: dict[str, list[Claim]] = defaultdict(list)
        for claim in claims:
            s = spelling(claim)
            if s:
                spellings[s].append(claim)
        variants = _true_variants(spellings, person=claims[0].subject == "person")
        if len(variants) < 2:
            return
        evidence: list[Claim] = []
        parts: list[str] = []
        involved: set[str] = set()
        deviating: list[str] = []
        ordered = sorted(variants, key=lambda k: (-len({c.article for c in variants[k]}), k))
        for rank, s in enumerate(ordered):
            # One occurrence per article is enough evidence. Every article of the other
            # spellings is quoted (those are the ones to correct); of the most used spelling,
            # the house style in effect, the first few, so that a name written one way in
            # thousands of articles does not make a finding of thousands of quotes.
            first: dict[str, Claim] = {}
            for c in sorted(variants[s], key=lambda c: (c.article, c.start)):
                first.setdefault(c.article, c)
            involved.update(first)
            quoted = list(first.values()) if rank else list(first.values())[:MAX_QUOTED]
            evidence.extend(quoted)
            if rank:
                deviating.extend(first)
            parts.append(f"'{s}' ({_articles_text(sorted(first))})")
        if len(involved) < 2:
            return
        kind = claims[0].subject or "name"
        yield FindingSpec(
            Status.VARIANT, f"spelling of {canonical}",
            f"The {kind} {canonical} is spelled {plural(len(parts), 'way')}: " + ", ".join(parts) + ".",
            evidence, 0.8, ("spelling", canonical), values=sorted(variants), shown_as=spelling,
            fingerprint_articles=deviating,
        )


def _two_ways(claims: Sequence[Claim]) -> bool:
    """Are the claims of a name written two ways or more? (Else at most one spelling: most
    names are written one way, and many named once.)"""
    if len(claims) > 1:
        text = claims[0].text
        for claim in claims:
            if claim.text != text:
                return True
    return False


MAX_QUOTED = 5
"""Articles quoted (and named in the message) for the most used spelling of a name."""


def _articles_text(articles: list[str]) -> str:
    """The articles of a spelling for the message: all of them up to :data:`MAX_QUOTED`, else
    how many and the first few."""
    if len(articles) <= MAX_QUOTED:
        return ", ".join(short_id(a) for a in articles)
    shown = ", ".join(short_id(a) for a in articles[:MAX_QUOTED])
    return f"{plural(len(articles), 'article')}: {shown}, ..."


def _similar(a: str, b: str) -> bool:
    return bool(fuzz.ratio(translit_key(a), translit_key(b)) >= 80)


def _true_variants(spellings: dict[str, list[Claim]], person: bool = False) -> dict[str, list[Claim]]:
    """Keep spellings that differ in letters, not just in length: a surname alone ("Lavrov")
    or a longer form ("Kim Jong Un" / "Kim") is not a variant spelling of a full name.
    A person's name differs also by an apostrophe or a hyphen ("A'naiya"/"Anaiya",
    "Mary-Ann"/"Maryann") and by the order of the same words ("Lee Mary"/"Mary Lee")."""
    names = sorted(spellings)
    kept: dict[str, list[Claim]] = {}
    for name in names:
        tokens = name.lower().split()
        others = [o for o in names if o != name]
        if any(set(tokens) < set(o.lower().split()) for o in others):
            continue  # a sub-form of a longer spelling
        kept[name] = spellings[name]
    # Merge spellings that differ only in case; keep those that look alike (transliterations),
    # not reorderings ("Korea's North") or other words.
    # Case, hyphens, dots, spaces and a plural "s" are not spellings of a name either
    # ("Poly-technic", "L.A."/"LA", "Socialists").
    form = _person_form if person else _form
    merged: dict[str, list[Claim]] = {}
    for name, cs in kept.items():
        key = next((k for k in merged if form(k) == form(name)), name)
        merged.setdefault(key, []).extend(cs)
    if len(merged) < 2:
        return merged
    main = max(merged, key=lambda k: (len(merged[k]), k))
    return {k: v for k, v in merged.items()
            if k == main or (_similar(k, main) and not _truncation(_letters(k), _letters(main)))
            or (person and _reordered(k, main))}


def _person_form(name: str) -> str:
    """A person's name as spellings are told apart: case aside, apostrophes and hyphens kept."""
    return _NOT_NAME_MARK.sub("", name.lower())


def _reordered(a: str, b: str) -> bool:
    """The same words in another order ("Lee Mary" / "Mary Lee")."""
    return a != b and sorted(a.lower().split()) == sorted(b.lower().split())


def _letters(name: str) -> str:
    return _NON_LETTER.sub("", name.lower())


def _form(name: str) -> str:
    """The letters of a name without a final plural "s": spellings of one form are one spelling."""
    letters = _letters(name)
    return letters[:-1] if letters.endswith("s") and len(letters) > 3 else letters


def _truncation(a: str, b: str) -> bool:
    """One name (its letters) is the other cut short by two letters or more ("Alex"/"Alexis"),
    also once a plural "s" is dropped ("Democrats"/"Democratic"): a short form or another
    word, not a spelling. "Zelensky"/"Zelenskyy" and "Kovacs"/"Kovacse" are spellings: the
    shorter one is whole at the start of the longer, one letter short."""
    short, long_ = sorted((a, b), key=lambda x: (len(x), x))
    if long_.startswith(short):
        return len(long_) - len(short) >= 2
    stem = _form(short)
    return stem != short and long_.startswith(stem) and len(long_) - len(stem) >= 2
