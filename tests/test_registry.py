"""Rule selection by code, prefix, name and group, with severities and options."""

from __future__ import annotations

import pytest

from checker.findings import Severity
from rules import RuleSelectionError, select_rules


def codes(**kwargs: object) -> list[str]:
    return [r.code for r in select_rules(**kwargs)]  # type: ignore[arg-type]


def test_all_rules_by_default() -> None:
    assert codes() == ["DU01", "DT01", "DT02", "DT03", "DT04", "CT01", "CT02", "NM01", "AG01"]


@pytest.mark.parametrize(
    ("select", "expected"),
    [(["DU01"], ["DU01"]), (["DT"], ["DT01", "DT02", "DT03", "DT04"]), (["event-length"], ["DU01"]),
     (["counts"], ["CT01", "CT02"]), (["names", "DU"], ["DU01", "NM01"]), (["people"], ["AG01"])],
)
def test_select(select: list[str], expected: list[str]) -> None:
    assert codes(select=select) == expected


def test_ignore_wins_over_select() -> None:
    assert codes(select=["DT"], ignore=["DT03"]) == ["DT01", "DT02", "DT04"]


def test_severity_override_and_options() -> None:
    (rule,) = select_rules(select=["DU01"], severity={"DU01": "warning"},
                           options={"event-length": {"unresolved_confidence": 0.3}})
    assert rule.effective_severity is Severity.WARNING
    assert rule.values["unresolved_confidence"] == 0.3


@pytest.mark.parametrize(("severity", "expected"), [
    ({"dates": "info"}, {"DT01": "info", "DT02": "info", "DT03": "info", "DU01": "error"}),
    ({"dates": "info", "DT": "warning"}, {"DT01": "warning", "DT02": "warning", "DT03": "warning"}),
    ({"DT01": "error", "dates": "info", "DT": "warning"}, {"DT01": "error", "DT02": "warning"}),
    ({"event-date": "info", "ALL": "warning"}, {"DT01": "info", "CT01": "warning", "NM01": "warning"}),
])
def test_per_rule_settings_name_rules_as_select_does_and_the_closest_key_wins(
        severity: dict[str, str], expected: dict[str, str]) -> None:
    chosen = {r.code: r.effective_severity.value for r in select_rules(severity=severity)}
    assert {code: chosen[code] for code in expected} == expected


def test_per_rule_options_of_a_prefix_reach_its_rules_and_the_closest_key_wins() -> None:
    chosen = {r.code: r.values for r in select_rules(options={"DU": {"unresolved_confidence": 0.2}})}
    assert chosen["DU01"]["unresolved_confidence"] == 0.2
    chosen = {r.code: r.values for r in select_rules(options={"DU": {"unresolved_confidence": 0.2},
                                                               "DU01": {"unresolved_confidence": 0.9}})}
    assert chosen["DU01"]["unresolved_confidence"] == 0.9


@pytest.mark.parametrize(("selector", "rule", "name", "expected"), [
    ("dates", "DT01", "event-date", True), ("DT", "DT02", "weekday-mismatch", True),
    ("event-date", "DT01", "event-date", True), ("dt01", "DT01", "event-date", True),
    ("counts", "DT01", "event-date", False), ("ALL", "NM01", "name-variants", True), ("", "DT01", "event-date", False),
])
def test_findings_are_matched_by_the_selection_matcher(selector: str, rule: str, name: str, expected: bool) -> None:
    from rules import finding_matches

    assert finding_matches(rule, name, selector) is expected


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"select": ["XX99"]}, "no rule matches 'XX99'"),
        ({"severity": {"DU01": "fatal"}}, "expected error, warning or info"),
        ({"options": {"DU01": {"nope": 1}}}, "no option 'nope'"),
        ({"options": {"DU01": {"unresolved_confidence": "high"}}}, "expected float"),
        ({"severity": {"ZZ01": "error"}}, "no rule 'ZZ01'"),
    ],
)
def test_selection_errors_name_the_key(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(RuleSelectionError, match=message):
        select_rules(**kwargs)  # type: ignore[arg-type]


def test_a_rule_context_gives_the_claims_of_one_kind_in_corpus_order() -> None:
    from pathlib import Path

    from checker.align import Alignment
    from checker.corpus import load_corpus
    from checker.engine import extract_corpus
    from checker.events import EventIndex
    from checker.extractors import ExtractOptions
    from checker.model import ClaimKind
    from rules import RuleContext

    corpus = load_corpus([Path(__file__).resolve().parents[1] / "seeds"])
    claims = extract_corpus(corpus, ExtractOptions())
    ctx = RuleContext(corpus, claims, Alignment.build(corpus.articles, claims), EventIndex())
    for kind in ClaimKind:
        assert list(ctx.claims_of(kind)) == [c for c in claims if c.kind is kind]
    assert sum(len(ctx.claims_of(kind)) for kind in ClaimKind) == len(claims)
    assert ctx.claims_of(ClaimKind.QUANTITY) and ctx.claims_of(ClaimKind.ENTITY)
