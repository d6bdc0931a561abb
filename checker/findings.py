"""Findings: what rules yield. Structured data only; renderers in ``reports/`` format them."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .model import Article, Bound, Claim, _json_bound


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
        low = _json_bound(claim.low)
        high = _json_bound(claim.high)
        return cls(
            article=claim.article,
            path=article.path if article else claim.article,
            line=claim.line,
            column=claim.column,
            end_line=claim.end_line,
            end_column=claim.end_column,
            quote=claim.text,
            sentence=claim.sentence,
            kind=claim.kind.value,
            low=low,
            high=high,
            unit=claim.unit,
            display=display,
            start=claim.start,
            end=claim.end,
            sentence_start=claim.sentence_start,
            published=article.published.isoformat() if article and article.published else None,
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
