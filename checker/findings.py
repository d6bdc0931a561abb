"""Findings: what rules yield. Structured data only; renderers in ``reports/`` format them."""

from __future__ import annotations

import hashlib
import json
import operator
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, cast

from .model import Article, Bound, Claim, ClaimKind, _json_bound, replace_slotted


class Status(StrEnum):
    CONFLICT = "conflict"
    """Sources disagree about the same thing."""
    INCONSISTENT = "inconsistent"
    """One article contradicts itself or its own date (a wrong weekday, a misfit relative date)."""
    AGREEMENT = "agreement"
    SINGLE_SOURCE = "single-source"
    """Only one article states the thing."""
    VARIANT = "variant"
    DISTINCT_EVENTS = "distinct-events"
    UNDETERMINED = "undetermined"
    """Several articles, and nothing tells whether they speak of one event or of several."""


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


STATUS_ORDER = {
    Status.CONFLICT: 0,
    Status.INCONSISTENT: 1,
    Status.DISTINCT_EVENTS: 2,
    Status.VARIANT: 3,
    Status.UNDETERMINED: 4,
    Status.AGREEMENT: 5,
    Status.SINGLE_SOURCE: 6,
}


@dataclass(frozen=True, slots=True)
class Evidence:
    """One side of a finding: a claim with where it stands and how it was read."""

    article: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    quote: str
    sentence: str
    kind: str
    low: Bound
    high: Bound
    unit: str | None
    display: str
    start: int = 0
    end: int = 0
    sentence_start: int = 0
    published: str | None = None

    @classmethod
    def of(cls, claim: Claim, article: Article | None, display: str) -> Evidence:
        """The evidence of ``claim`` of ``article`` (``None``: unknown), shown as ``display``
        (built by :data:`new_evidence`, without the frozen ``__init__``'s cost)."""
        low, high = claim.low, claim.high
        published = article.published if article else None
        return new_evidence(
            claim.article, article.path if article else claim.article, claim.line, claim.column,
            claim.end_line, claim.end_column, claim.text, claim.sentence, _KIND_VALUE[claim.kind],
            _json_bound(low) if isinstance(low, float) else low,
            _json_bound(high) if isinstance(high, float) else high,
            claim.unit, display, claim.start, claim.end, claim.sentence_start,
            published.isoformat() if published else None,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "quote": self.quote,
            "sentence": self.sentence,
            "kind": self.kind,
            "low": self.low,
            "high": self.high,
            "unit": self.unit,
            "display": self.display,
        }


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    name: str
    status: Status
    severity: Severity
    topic: str
    message: str
    confidence: float
    fingerprint: str
    event: str | None
    claims: tuple[Evidence, ...]
    story: str | None = None
    """The story (``S1`` ...) all the finding's articles belong to, or ``None``."""

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(sorted({e.article for e in self.claims}))

    def sort_key(self) -> tuple[Any, ...]:
        return (
            self.event or "~",
            self.topic,
            STATUS_ORDER[self.status],
            self.rule,
            self.fingerprint,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "name": self.name,
            "status": self.status.value,
            "severity": self.severity.value,
            "topic": self.topic,
            "message": self.message,
            "confidence": round(self.confidence, 3),
            "fingerprint": self.fingerprint,
            "event": self.event,
            "story": self.story,
            "claims": [e.to_json() for e in self.claims],
        }


_KIND_VALUE = {kind: kind.value for kind in ClaimKind}


class _EvidenceSlots:
    """The slots of :class:`Evidence` without its frozen guard, for :data:`new_evidence` (as
    :class:`checker.model._ClaimSlots` for claims: a warm run makes tens of thousands of pieces
    of evidence again from the findings the rules kept). The parameters are Evidence's, in its
    order, with its defaults (``tests/test_findings.py`` checks); the object built is then made
    an :class:`Evidence` (same slots, so the same layout)."""

    __slots__ = Evidence.__slots__

    def __init__(self, article: str, path: str, line: int, column: int, end_line: int, end_column: int,
                 quote: str, sentence: str, kind: str, low: Bound, high: Bound, unit: str | None, display: str,
                 start: int = 0, end: int = 0, sentence_start: int = 0, published: str | None = None) -> None:
        self.article, self.path, self.line, self.column = article, path, line, column
        self.end_line, self.end_column, self.quote, self.sentence = end_line, end_column, quote, sentence
        self.kind, self.low, self.high, self.unit, self.display = kind, low, high, unit, display
        self.start, self.end, self.sentence_start, self.published = start, end, sentence_start, published
        self.__class__ = Evidence  # type: ignore[assignment]


class _FindingSlots:
    """The slots of :class:`Finding` without its frozen guard, for :data:`new_finding` (as
    :class:`_EvidenceSlots`)."""

    __slots__ = Finding.__slots__

    def __init__(self, rule: str, name: str, status: Status, severity: Severity, topic: str, message: str,
                 confidence: float, fingerprint: str, event: str | None, claims: tuple[Evidence, ...],
                 story: str | None = None) -> None:
        self.rule, self.name, self.status, self.severity = rule, name, status, severity
        self.topic, self.message, self.confidence, self.fingerprint = topic, message, confidence, fingerprint
        self.event, self.claims, self.story = event, claims, story
        self.__class__ = Finding  # type: ignore[assignment]


new_evidence = cast(Callable[..., Evidence], _EvidenceSlots)
"""``Evidence(*args, **fields)`` made without the frozen ``__init__``'s cost: the same frozen
object, equal and hashing alike. Like ``Evidence(...)`` it checks no value."""

new_finding = cast(Callable[..., Finding], _FindingSlots)
"""``Finding(*args, **fields)`` made without the frozen ``__init__``'s cost (as :data:`new_evidence`)."""

_FINDING_VALUES = operator.attrgetter(*Finding.__slots__)


def replace_finding(finding: Finding, **changes: Any) -> Finding:
    """``dataclasses.replace(finding, **changes)`` built by :data:`new_finding`."""
    return replace_slotted(finding, new_finding, _FINDING_VALUES, **changes)


FINGERPRINT_VERSION = 2
"""Part of every fingerprint: fingerprints of another version never match (version 1 hashed the
English topic; see :func:`fingerprint`)."""


def fingerprint(rule: str, fact: Sequence[str], values: Iterable[str], articles: Iterable[str]) -> str:
    """A stable id of a finding: the rule code, the normalised fact compared (a
    language-independent key such as ``("count", "container", "", "")`` or ``("length",
    <event family key>)``), the normalised values and the article ids. Never the topic or the
    message (rewording them keeps every fingerprint), never positions (editing an unrelated
    line keeps them)."""
    payload = json.dumps(
        [FINGERPRINT_VERSION, rule, list(fact), sorted(set(values)), sorted(set(articles))],
        ensure_ascii=False, separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


_HASHED_ID = re.compile(r"^(?:.*/)?(\w+?)_[0-9a-f]{12,}$")


def short_id(article: str) -> str:
    """A short article reference for messages ("003" for "003_dee4665052dcf1ba")."""
    match = _HASHED_ID.match(article)
    return match.group(1) if match else article


def names_article(name: str, article: str, path: str) -> bool:
    """Whether ``name`` (as given to ``--article``) names the article of id ``article`` read
    from ``path``: every name a report shows is accepted, the short id of the messages
    ("003"), the full id and the path (as shown, or spelt otherwise: ``./seeds/003_....txt``,
    an absolute path)."""
    wanted = name.strip()
    if not wanted:
        return False
    if wanted in (article, short_id(article), path):
        return True
    return os.path.normpath(os.path.abspath(wanted)) == os.path.normpath(os.path.abspath(path))


def sort_findings(findings: Sequence[Finding]) -> list[Finding]:
    return sorted(findings, key=Finding.sort_key)
