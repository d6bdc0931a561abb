"""The data model of factlint: articles, corpora and claims.

Every object here is immutable and picklable, so that extraction can run in a
process pool and claims can be cached. Nothing in this module prints or reads files.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol, TypeVar, cast

Bound = float | str | None
"""A bound of a normalised value: a number (quantities, durations in days), an ISO date
(dates), or ``None`` for an open bound."""


class ClaimKind(StrEnum):
    QUANTITY = "quantity"
    DURATION = "duration"
    DATE = "date"
    ENTITY = "entity"


class Qualifier(StrEnum):
    """How a figure is qualified in the text.

    The qualifier together with ``low``/``high`` and the open flags gives the interval
    the sources are compared on.
    """

    EXACT = "="  # "300 vessels"
    APPROX = "~"  # "about 300", "some 130"
    MORE = ">"  # "more than 1,000"  -> (1000, +inf)
    AT_LEAST = ">="  # "at least six"  -> [6, +inf)
    LESS = "<"  # "less than 5", "nearly 40" -> just below
    AT_MOST = "<="  # "up to 40%"  -> [0, 40]
    RANGE = "range"  # "between 5 and 10", "5-10"
    VAGUE = "vague"  # "hundreds", "days-long", "recent weeks"


class Granularity(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class Article:
    """One article of a corpus, with its text exactly as read and its metadata."""

    id: str
    path: str
    text: str
    title: str | None = None
    source: str | None = None
    published: dt.date | None = None
    url: str | None = None
    body_offset: int = 0
    """Offset in ``text`` where the body starts (after any front matter)."""
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = ()

    @property
    def dated(self) -> bool:
        return self.published is not None


@dataclass(frozen=True, slots=True)
class Claim:
    """A factual claim found in an article, with its evidence and normalised value.

    ``text`` is always ``article.text[start:end]`` (offsets into the file as read).
    ``line`` and ``column`` are 1-based; ``end_line``/``end_column`` point at the last
    character of the quote (inclusive, 1-based).

    Normalised value: ``low``/``high`` are numbers for quantities and durations (durations
    in days) and ISO dates for dates; both bounds are inclusive unless ``low_open`` /
    ``high_open`` say the bound itself is excluded ("more than 1,000"); ``None`` is an
    open bound.
    """

    kind: ClaimKind
    article: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    sentence: str
    subject: str | None = None
    """What the claim is about: the counted thing ("container"), the event a duration
    measures ("visit"), the event a date anchors, or the entity type for entities."""
    qualifier: Qualifier | None = None
    low: Bound = None
    high: Bound = None
    low_open: bool = False
    high_open: bool = False
    unit: str | None = None
    granularity: Granularity | None = None
    relative: bool | None = None
    canonical: str | None = None
    """Canonical name of an entity (or the canonical phrase of a date)."""
    anchor: str | None = None
    """ISO date a relative date was resolved against."""
    modifiers: tuple[str, ...] = ()
    """Words that narrow the subject ("military" in "military workers")."""
    sentence_start: int = 0
    """Offset of ``sentence`` in the article text."""
    attrs: tuple[tuple[str, str], ...] = field(default=())
    """Further typed-as-text facts an extractor found (``("ordinal", "first")``,
    ``("entity_type", "person")``, ``("weekday", "wednesday")``)."""

    def attr(self, name: str) -> str | None:
        for key, value in self.attrs:
            if key == name:
                return value
        return None

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Pickled as new_claim(*fields): extraction workers send every claim to the main
        # process, and the frozen dataclass's own way back (a __setstate__ that sets field by
        # field through object.__setattr__) took 4x as long to unpickle.
        return new_claim, _CLAIM_VALUES(self)

    def to_json(self) -> dict[str, Any]:
        """The claim in the ``factlint extract --format json`` contract."""
        return {
            "kind": self.kind.value,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "subject": self.subject,
            "qualifier": self.qualifier.value if self.qualifier is not None else None,
            "low": _json_bound(self.low),
            "high": _json_bound(self.high),
            "unit": self.unit,
            "granularity": self.granularity.value if self.granularity is not None else None,
            "relative": self.relative,
            "canonical": self.canonical,
        }


class _ClaimSlots:
    """The slots of :class:`Claim` without its frozen guard, for :func:`new_claim`.

    A frozen dataclass sets each field through ``object.__setattr__``, which makes ``Claim(...)``
    about seven times slower than a plain slotted class; extraction builds dozens of claims per
    article and the claim cache rebuilds hundreds of thousands on every warm run. The
    parameters are Claim's, in its order, with its defaults (``tests/test_cache.py`` checks).
    The object built is then made a :class:`Claim` (same slots, so the same layout): calling this
    class gives a Claim, with no second call per claim to make it one."""

    __slots__ = Claim.__slots__

    def __init__(self, kind: ClaimKind, article: str, start: int, end: int, line: int, column: int,
                 end_line: int, end_column: int, text: str, sentence: str, subject: str | None = None,
                 qualifier: Qualifier | None = None, low: Bound = None, high: Bound = None, low_open: bool = False,
                 high_open: bool = False, unit: str | None = None, granularity: Granularity | None = None,
                 relative: bool | None = None, canonical: str | None = None, anchor: str | None = None,
                 modifiers: tuple[str, ...] = (), sentence_start: int = 0,
                 attrs: tuple[tuple[str, str], ...] = ()) -> None:
        # A statement a field: `a, b, c, d = w, x, y, z` would build and unpack a tuple (a fifth of the time).
        self.kind = kind
        self.article = article
        self.start = start
        self.end = end
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        self.text = text
        self.sentence = sentence
        self.subject = subject
        self.qualifier = qualifier
        self.low = low
        self.high = high
        self.low_open = low_open
        self.high_open = high_open
        self.unit = unit
        self.granularity = granularity
        self.relative = relative
        self.canonical = canonical
        self.anchor = anchor
        self.modifiers = modifiers
        self.sentence_start = sentence_start
        self.attrs = attrs
        self.__class__ = Claim  # type: ignore[assignment]


_CLAIM_VALUES = operator.attrgetter(*Claim.__slots__)

new_claim = cast(Callable[..., Claim], _ClaimSlots)
"""``Claim(*args, **fields)``, built as a plain slotted object whose class is then set to
:class:`Claim`: the same object, equal and hashing alike, frozen from then on, made without
the frozen ``__init__``'s cost. Like ``Claim(...)`` it checks no value."""


class _Slotted(Protocol):
    __slots__: tuple[str, ...]


T = TypeVar("T", bound=_Slotted)


def replace_slotted(obj: T, make: Callable[..., T], values: Callable[[T], tuple[Any, ...]], **changes: Any) -> T:
    """``dataclasses.replace(obj, **changes)`` for a frozen slotted dataclass, built by ``make``,
    the slotted twin of its class (:data:`new_claim`, :data:`checker.findings.new_finding`),
    from ``values``, an ``operator.attrgetter`` of all its slots (an unknown field name raises
    ``TypeError`` all the same)."""
    fields_ = dict(zip(type(obj).__slots__, values(obj), strict=True))
    fields_.update(changes)
    return make(**fields_)


def replace_claim(claim: Claim, **changes: Any) -> Claim:
    """``dataclasses.replace(claim, **changes)`` built by :data:`new_claim`."""
    return replace_slotted(claim, new_claim, _CLAIM_VALUES, **changes)


def _json_bound(value: Bound) -> float | int | str | None:
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None
        if value.is_integer() and abs(value) < 2**53:
            return int(value)
    return value


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem met while reading the corpus: one line naming the file and the problem."""

    path: str
    message: str
    level: str = "error"  # "error" (the file was skipped) or "warning" (read, with a caveat)

    def __str__(self) -> str:
        return f"{self.path}: {self.level}: {self.message}"


@dataclass(frozen=True, slots=True)
class Corpus:
    """Articles in a deterministic order (by id) plus the problems met while loading."""

    articles: tuple[Article, ...]
    diagnostics: tuple[Diagnostic, ...] = ()
    roots: tuple[str, ...] = ()

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.level == "error")

    def get(self, article_id: str) -> Article | None:
        for article in self.articles:
            if article.id == article_id:
                return article
        return None
