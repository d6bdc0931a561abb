"""Claim extraction: the public entry points and the order extractors run in.

Each extractor is a pure function ``(Doc, ExtractOptions) -> list[Claim]``. Dates and
durations run first; a quantity whose span overlaps a date or a duration ("2018" in
"since 2018", "two" in "two-day visit") is part of that claim and is dropped. Ages are tied to the people
the entities name last (:mod:`.ages`).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from collections.abc import Sequence

from ..doc import Doc
from ..model import Article, Claim, ClaimKind
from .entities import find_entities, group_entities
from .options import DEFAULT_OPTIONS, ExtractOptions

__all__ = ["ExtractOptions", "extract", "extract_bounded", "extract_doc", "extract_text", "group_entities",
           "load_extractors"]


class _Spans:
    """Spans for fast overlap tests: sorted starts and the running maximum of their ends, so a
    test costs a binary search (linear overall, whatever the number of claims)."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.max_end: list[int] = []
        best = -1
        for _, end in ordered:
            best = max(best, end)
            self.max_end.append(best)

    def overlaps(self, claim: Claim) -> bool:
        i = bisect.bisect_left(self.starts, claim.end)  # spans starting before the claim ends
        return i > 0 and self.max_end[i - 1] > claim.start


def load_extractors() -> None:
    """Import (and so compile the patterns of) the date, duration and quantity extractors.

    They are imported when first needed, not with this package: a run whose claims all come
    from the cache never uses them, and compiling their patterns was over a third of its
    start-up. The engine calls this before it forks extraction processes, so that they share
    the compiled patterns instead of compiling them each."""
    from . import ages, dates, durations, quantities, zeros  # noqa: F401


# The first pass of :func:`extract_bounded` reads the sentences within this many characters of
# the start of the body (every ordinary article in one pass); each further pass reads up to
# PASS_GROWTH times as far, less where the claims found so far say that less will do (never
# less than MIN_PASS_GROWTH times as far).
FIRST_PASS_CHARS = 1 << 16
PASS_GROWTH = 4.0
MIN_PASS_GROWTH = 1.5


def extract_doc(doc: Doc, options: ExtractOptions = DEFAULT_OPTIONS) -> list[Claim]:
    """The claims of a prepared document, sorted by position then kind: all of them, or the
    first ``options.max_claims`` (see :func:`extract_bounded`)."""
    return extract_bounded(doc, options)[0]


def extract_bounded(doc: Doc, options: ExtractOptions = DEFAULT_OPTIONS) -> tuple[list[Claim], bool]:
    """The claims of a prepared document, sorted by position then kind, and whether some were
    dropped: at most ``options.max_claims``, the first ones by position.

    The time of an article of thousands of figures stays bounded: the sentences are read in
    passes over growing prefixes of the text until a pass has found more claims than the limit
    or has read the whole text. The first pass reads :data:`FIRST_PASS_CHARS` characters; each
    next one reads :data:`PASS_GROWTH` times as far, or less: as far as the density of the
    claims found so far says a quarter more than the limit lies (at least
    :data:`MIN_PASS_GROWTH` times as far). An article under the limit whose text is longer
    than the first pass is read again in each pass; its claims are those of one pass over the
    whole text. Past the limit, the names a truncated article capitalises beyond the prefix
    read are not known to the entity extractor (a name capitalised only later in the text)."""
    sentences = doc.sentences
    reach = FIRST_PASS_CHARS
    while True:
        part = doc
        if sentences and sentences[-1].end - sentences[0].start > reach:
            count = bisect.bisect_right(sentences, sentences[0].start + reach, key=lambda s: s.end)
            part = dataclasses.replace(doc, sentences=sentences[:max(1, count)])
        claims = _extract_all(part, options)
        if len(claims) > options.max_claims:
            return claims[:options.max_claims], True
        if part is doc:
            return claims, False
        wanted = 1.25 * options.max_claims / len(claims) if claims else PASS_GROWTH
        reach = int(reach * min(PASS_GROWTH, max(MIN_PASS_GROWTH, wanted)))


def _extract_all(doc: Doc, options: ExtractOptions) -> list[Claim]:
    """All claims of the document's sentences, sorted by position then kind."""
    from .dates import find_dates
    from .durations import find_durations
    from .quantities import find_quantities
    from .zeros import find_zeros

    claims: list[Claim] = []
    kinds = set(options.kinds)
    temporal: list[Claim] = []
    if "date" in kinds:
        temporal.extend(find_dates(doc, options))
    if "duration" in kinds:
        durations = find_durations(doc, options)
        date_spans = _Spans([(c.start, c.end) for c in temporal])
        temporal.extend(c for c in durations if not date_spans.overlaps(c))
    claims.extend(temporal)
    if "quantity" in kinds:
        spans = _Spans([(c.start, c.end) for c in temporal])
        figures = [c for c in find_quantities(doc, options) if not spans.overlaps(c)]
        taken = _Spans([(c.start, c.end) for c in figures])
        claims.extend(figures)
        claims.extend(c for c in find_zeros(doc, options) if not taken.overlaps(c))
    if "entity" in kinds:
        entities = find_entities(doc, options)
        if "quantity" in kinds:
            _link_ages(doc, claims, entities)
        claims.extend(entities)
    claims.sort(key=lambda c: (c.start, c.end, c.kind.value, c.text))
    return claims


def _link_ages(doc: Doc, claims: list[Claim], entities: list[Claim]) -> None:
    """Tie the ages among ``claims`` to the people ``entities`` name (in place)."""
    from .ages import link_ages

    quantity = ClaimKind.QUANTITY
    positions = [i for i, c in enumerate(claims) if c.kind is quantity]
    linked = link_ages(doc.original, [claims[i] for i in positions], entities)
    for index, ages in linked.items():
        claims[positions[index]] = ages[0]
        claims.extend(ages[1:])


def extract(article: Article, options: ExtractOptions = DEFAULT_OPTIONS) -> list[Claim]:
    """Every claim found in ``article``."""
    return extract_doc(Doc.from_article(article), options)


def extract_text(
    text: str, published: dt.date | None = None, options: ExtractOptions = DEFAULT_OPTIONS
) -> list[Claim]:
    """Every claim found in a bare text (for evaluation and tests)."""
    return extract_doc(Doc.from_text(text, published), options)


KINDS = tuple(k.value for k in ClaimKind)
