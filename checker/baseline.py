"""The baseline: findings accepted once, so that CI fails only on new ones.

``factlint baseline`` writes the findings that fail the run (see
:class:`~checker.config.FailOn`) to a JSON file meant to be committed::

    {
      "factlint-baseline": 2,
      "findings": [
        {"fingerprint": "3f0c...", "rule": "DU01", "status": "conflict", "severity": "error",
         "topic": "Sergei Lavrov's visit to North Korea: length",
         "values": ["2 days", "3 days"], "articles": ["a", "b"]}
      ]
    }

Only ``fingerprint`` matters for matching (it never depends on line numbers, so editing an
unrelated line of an article keeps it, nor on the wording of topics and messages); the other
fields are for humans reading the file or its diff. Version 1 files hold fingerprints made from
the English topic of each finding, which match nothing now: reading one is a one-line error
that says to write the baseline again. Entries are sorted by rule, topic and fingerprint; the file is byte-identical
for the same findings. Pure: reading and writing files is the caller's business.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .findings import Finding

FORMAT_KEY = "factlint-baseline"
FORMAT_VERSION = 2
"""2 since fingerprints are made from the rule's fact key instead of the English topic
(:func:`checker.findings.fingerprint`); the fields are those of version 1."""


class BaselineError(ValueError):
    """A baseline file that cannot be used; the message names the problem (the caller adds the file)."""


@dataclass(frozen=True, slots=True)
class Entry:
    fingerprint: str
    rule: str
    status: str
    severity: str
    topic: str
    values: tuple[str, ...]
    articles: tuple[str, ...]

    @classmethod
    def of(cls, finding: Finding) -> Entry:
        return cls(
            fingerprint=finding.fingerprint,
            rule=finding.rule,
            status=finding.status.value,
            severity=finding.severity.value,
            topic=finding.topic,
            values=tuple(sorted({e.display for e in finding.claims})),
            articles=finding.articles,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "fingerprint": self.fingerprint,
            "rule": self.rule,
            "status": self.status,
            "severity": self.severity,
            "topic": self.topic,
            "values": list(self.values),
            "articles": list(self.articles),
        }

    def sort_key(self) -> tuple[str | tuple[str, ...], ...]:
        return (self.rule, self.topic, self.fingerprint, self.status, self.severity, self.values, self.articles)


@dataclass(frozen=True)
class Baseline:
    entries: tuple[Entry, ...] = ()

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> Baseline:
        unique: dict[str, Entry] = {}
        for entry in sorted((Entry.of(f) for f in findings), key=Entry.sort_key):
            unique.setdefault(entry.fingerprint, entry)
        return cls(tuple(unique.values()))

    @property
    def fingerprints(self) -> frozenset[str]:
        return frozenset(e.fingerprint for e in self.entries)

    def dumps(self) -> str:
        document = {FORMAT_KEY: FORMAT_VERSION, "findings": [e.to_json() for e in self.entries]}
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def loads(cls, text: str) -> Baseline:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise BaselineError(f"invalid JSON: {exc}") from None
        if not isinstance(data, dict) or FORMAT_KEY not in data:
            raise BaselineError(f"not a factlint baseline (no {FORMAT_KEY!r} key)")
        if data[FORMAT_KEY] == 1:
            raise BaselineError("baseline format 1 is out of date: its fingerprints were made from the English "
                                "topics of findings and match none now; write it again with 'factlint baseline'")
        if data[FORMAT_KEY] != FORMAT_VERSION:
            raise BaselineError(f"baseline format {data[FORMAT_KEY]!r} is not supported (expected {FORMAT_VERSION})")
        items = data.get("findings")
        if not isinstance(items, list):
            raise BaselineError("'findings' must be an array")
        entries: list[Entry] = []
        for i, item in enumerate(items):
            if not isinstance(item, dict) or not isinstance(item.get("fingerprint"), str):
                raise BaselineError(f"findings[{i}]: expected an object with a 'fingerprint' string")

            def field_(key: str, item: dict[str, Any] = item) -> str:
                value = item.get(key, "")
                return value if isinstance(value, str) else str(value)

            def fields(key: str, item: dict[str, Any] = item) -> tuple[str, ...]:
                value = item.get(key, [])
                return tuple(str(v) for v in value) if isinstance(value, list) else ()

            entries.append(Entry(item["fingerprint"], field_("rule"), field_("status"), field_("severity"),
                                 field_("topic"), fields("values"), fields("articles")))
        return cls(tuple(entries))


@dataclass(frozen=True)
class Comparison:
    """Failing findings split against a baseline."""

    new: tuple[Finding, ...]
    """failing findings not in the baseline: these fail the run"""
    known: tuple[Finding, ...]
    """failing findings the baseline accepts"""
    stale: tuple[Entry, ...]
    """baseline entries (of the rules that ran) that no longer occur: prune them"""


def compare(baseline: Baseline, failing: Sequence[Finding], run_failing: Sequence[Finding] | None = None,
            rules_run: Iterable[str] | None = None) -> Comparison:
    """Split ``failing`` (the failing findings reported) into new and known findings.

    Entries whose fingerprint is among none of ``run_failing`` (the failing findings of the
    whole run, before report filters and ``--changed``; default ``failing``) are stale. With
    ``rules_run``, entries of rules that did not run are never stale.
    """
    accepted = baseline.fingerprints
    present = {f.fingerprint for f in (failing if run_failing is None else run_failing)}
    ran = set(rules_run) if rules_run is not None else None
    stale = tuple(e for e in baseline.entries
                  if e.fingerprint not in present and (ran is None or e.rule in ran))
    return Comparison(
        new=tuple(f for f in failing if f.fingerprint not in accepted),
        known=tuple(f for f in failing if f.fingerprint in accepted),
        stale=stale,
    )
