"""Rule selection by code, prefix, name and group, with severities and options."""

from __future__ import annotations

import pytest

from checker.findings import Severity
from rules import RuleSelectionError, select_rules


def codes(**kwargs: object) -> list[str]:
    return [r.code for r in select_rules(**kwargs)]  # type: ignore[arg-type]


def test_all_rules_by_default() -> None:
    assert codes() == ["DU01", "DT01", "DT02", "DT03", "CT01", "CT02", "NM01"]


@pytest.mark.parametrize(
    ("select", "expected"),
    [(["DU01"], ["DU01"]), (["DT"], ["DT01", "DT02", "DT03"]), (["event-length"], ["DU01"]),
     (["counts"], ["CT01", "CT02"]), (["names", "DU"], ["DU01", "NM01"])],
)
def test_select(select: list[str], expected: list[str]) -> None:
    assert codes(select=select) == expected


def test_ignore_wins_over_select() -> None:
    assert codes(select=["DT"], ignore=["DT03"]) == ["DT01", "DT02"]


def test_severity_override_and_options() -> None:
    (rule,) = select_rules(select=["DU01"], severity={"DU01": "warning"},
                           options={"event-length": {"unresolved_confidence": 0.3}})
    assert rule.effective_severity is Severity.WARNING
    assert rule.values["unresolved_confidence"] == 0.3


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
