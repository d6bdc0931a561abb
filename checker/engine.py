"""The check pipeline: extraction, entity grouping, alignment, events, rules.

Pure: takes a corpus and settings, returns a :class:`CheckResult`. Only ``reports/`` and
the CLI write anything.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .align import Alignment
from .events import EventIndex, build_events, prune_events
from .extractors import ExtractOptions, extract, group_entities
from .findings import Finding, sort_findings
from .model import Claim, Corpus
from .units import DEFAULT_UNITS, UnitTable

if TYPE_CHECKING:
    from rules.base import Rule


@dataclass(frozen=True)
class CheckSettings:
    extract: ExtractOptions = field(default_factory=ExtractOptions)
    units: UnitTable = DEFAULT_UNITS
    event_window_days: int = 21


@dataclass
class CheckResult:
    corpus: Corpus
    claims: list[Claim]
    events: EventIndex
    findings: list[Finding]
    rules: list[Rule]


def extract_corpus(
    corpus: Corpus, options: ExtractOptions, progress: Callable[[int], None] | None = None
) -> list[Claim]:
    claims: list[Claim] = []
    for article in corpus.articles:
        claims.extend(extract(article, options))
        if progress:
            progress(1)
    return group_entities(claims, options)


def run_check(
    corpus: Corpus,
    rules: Sequence[Rule] | None = None,
    settings: CheckSettings | None = None,
    claims: Sequence[Claim] | None = None,
    progress: Callable[[int], None] | None = None,
) -> CheckResult:
    from rules import RuleContext, select_rules

    cfg = settings or CheckSettings()
    active = list(rules) if rules is not None else select_rules()
    all_claims = list(claims) if claims is not None else extract_corpus(corpus, cfg.extract, progress)
    alignment = Alignment.build(corpus.articles, all_claims, cfg.units)
    events = build_events(alignment.articles, alignment.by_article, cfg.event_window_days)
    ctx = RuleContext(corpus, all_claims, alignment, events)
    findings: list[Finding] = []
    for rule in active:
        findings.extend(rule.check(ctx))
    # Keep the events an editor needs: those findings refer to and those several articles describe.
    mapping = prune_events(events, {f.event for f in findings if f.event})
    findings = [f if f.event is None else dataclasses.replace(f, event=mapping.get(f.event)) for f in findings]
    return CheckResult(corpus, all_claims, events, sort_findings(findings), active)
