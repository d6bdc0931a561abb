"""Every status has its own badge in every format; a single article's inconsistency is never
shown as a conflict between sources, and "could not tell" is never shown as a single source."""

from __future__ import annotations

import dataclasses
import json
import xml.etree.ElementTree as ET

import pytest

from checker.config import FailOn, parse_config
from checker.engine import CheckResult
from checker.findings import STATUS_ORDER, Severity, Status, sort_findings
from reports import (
    FAILURE_STATUSES,
    FORMATS,
    PROBLEM_STATUSES,
    STATUS_LABELS,
    ReportOptions,
    group_findings,
    render,
)
from reports.html import VERDICTS
from reports.rich_report import STATUS_STYLE

from .test_reports_common import A2, A3, A4, evidence, finding, sample_result

S8 = "The plans were made when Mr. Putin and Kim met next quarter."
S9 = "Lavrov began a three-day visit."


def with_single_article_findings() -> CheckResult:
    """The sample plus a DT03 inconsistency (one article) and a DT01 undetermined finding."""
    result = sample_result()
    extra = [
        finding("DT03", "relative-date-misfit", Status.INCONSISTENT, Severity.WARNING,
                "a2: relative date 'next quarter'",
                "'next quarter' resolves after the publication date 2023-10-19, but the clause speaks of the past.",
                [evidence(A2, S8, "next quarter", "Q1 2024", 12, kind="date", low="2024-01-01",
                          high="2024-03-31", unit=None)], None, confidence=0.7),
        finding("DT01", "event-date", Status.UNDETERMINED, Severity.INFO, "Lavrov's trip: date",
                "Could not tell whether these are the same event: a4: 2025-07-11; a3: date unresolved.",
                [evidence(A3, S9, "three-day visit", "3 days", 2, low=3.0, high=3.0),
                 evidence(A4, S9, "three-day visit", "3 days", 2, low=3.0, high=3.0)], "E10", confidence=0.4),
    ]
    return dataclasses.replace(result, findings=sort_findings([*result.findings, *extra]))


def test_every_status_has_a_place_in_every_table() -> None:
    assert set(STATUS_ORDER) == set(Status)
    assert set(STATUS_LABELS) == set(STATUS_STYLE) == set(VERDICTS) == set(Status)
    assert len(set(STATUS_LABELS.values())) == len(Status)
    assert STATUS_LABELS[Status.INCONSISTENT] != STATUS_LABELS[Status.CONFLICT]


def test_inconsistencies_fail_by_default_and_are_problems_for_code_scanning() -> None:
    assert FailOn().statuses == FAILURE_STATUSES == {Status.CONFLICT, Status.INCONSISTENT}
    assert Status.INCONSISTENT in PROBLEM_STATUSES and Status.UNDETERMINED not in PROBLEM_STATUSES


@pytest.mark.parametrize(("fmt", "shows"), [
    ("rich", ["INCONSISTENT  a2: relative date 'next quarter'", "UNDETERMINED  Lavrov's trip: date",
              "1 inconsistency", "1 undetermined event"]),
    ("html", ['<span class="badge">INCONSISTENT</span>', '<div class="finding inconsistent">',
              '<span class="badge">UNDETERMINED</span>', "1 inconsistency"]),
    ("markdown", ["### Inconsistencies within an article", "**1 single-article inconsistency.**",
                  "relative-date-misfit · inconsistent · warning"]),
    ("github", ["INCONSISTENT: 'next quarter' resolves after"]),
])
def test_the_human_formats_give_each_status_its_own_badge(fmt: str, shows: list[str]) -> None:
    text = render(fmt, with_single_article_findings(), ReportOptions(width=120, color="never", verbose=True))
    for expected in shows:
        assert expected in text
    dt03 = [line for line in text.splitlines() if "next quarter" in line and ("CONFLICT" in line or
                                                                             "conflict" in line.lower().split())]
    assert not dt03


def test_json_and_sarif_name_the_status() -> None:
    result = with_single_article_findings()
    data = json.loads(render("json", result))
    statuses = {f["rule"]: f["status"] for f in data["findings"] if f["rule"] in ("DT01", "DT03")}
    assert statuses == {"DT01": "undetermined", "DT03": "inconsistent"}
    assert data["summary"]["inconsistencies"] == 1 and data["summary"]["conflicts"] == 1
    sarif = json.loads(render("sarif", result))
    results = {r["ruleId"]: r["properties"]["status"] for r in sarif["runs"][0]["results"]}
    assert results["DT03"] == "inconsistent" and "DT01" not in results


def test_junit_fails_the_topic_of_an_inconsistency() -> None:
    root = ET.fromstring(render("junit", with_single_article_findings()))
    failed = {case.get("name"): case.find("failure") for case in root.iter("testcase")}
    failure = failed["a2: relative date 'next quarter'"]
    assert failure is not None and "[inconsistent] DT03" in (failure.text or "")
    assert failed["Lavrov's trip: date"] is None


def test_only_inconsistencies_keeps_them_alone() -> None:
    data = json.loads(render("json", with_single_article_findings(), ReportOptions(only="inconsistencies")))
    assert [f["status"] for f in data["findings"]] == ["inconsistent"]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_renders_every_status(fmt: str) -> None:
    assert render(fmt, with_single_article_findings(), ReportOptions(width=80, color="never")).strip()


def test_groups_with_an_inconsistency_come_first_like_conflicts() -> None:
    groups = group_findings(with_single_article_findings().findings)
    assert [g.event for g in groups] == ["E1", None, "E2", "E10"]  # E1: a conflict; no event: an inconsistency


@pytest.mark.parametrize(("fail_on", "fails"), [
    (None, True),  # the default: conflicts and inconsistencies
    ({"status": ["conflict"]}, False),
    (["inconsistent"], True),
    ({"status": ["conflict", "inconsistent"], "severity": "error"}, False),  # DT03 is a warning
])
def test_fail_on_knows_the_inconsistent_status(fail_on: object, fails: bool) -> None:
    config = parse_config({} if fail_on is None else {"fail-on": fail_on})
    (dt03,) = [f for f in with_single_article_findings().findings if f.rule == "DT03"]
    assert config.fail_on.fails(dt03) is fails
