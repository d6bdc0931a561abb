"""Acceptance on the seed corpus: the findings the rules issue asks for, with evidence."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checker.corpus import load_corpus
from checker.engine import CheckResult, run_check
from checker.findings import Finding, Status


def short(article: str) -> str:
    return article[:3]


@pytest.fixture(scope="module")
def dated(request: pytest.FixtureRequest) -> CheckResult:
    root = Path(__file__).resolve().parent.parent / "seeds"
    return run_check(load_corpus([root]))


@pytest.fixture(scope="module")
def undated(tmp_path_factory: pytest.TempPathFactory) -> CheckResult:
    root = Path(__file__).resolve().parent.parent / "seeds"
    copy = tmp_path_factory.mktemp("seeds-undated")
    for path in root.glob("*.txt"):
        shutil.copy(path, copy / path.name)
    return run_check(load_corpus([copy]))


def findings(result: CheckResult, rule: str, status: Status | None = None) -> list[Finding]:
    return [f for f in result.findings if f.rule == rule and (status is None or f.status is status)]


def sides(finding: Finding) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for evidence in finding.claims:
        out.setdefault(evidence.display, set()).add(short(evidence.article))
    return out


def test_visit_length_two_day_against_three_day_are_different_visits(dated: CheckResult) -> None:
    (finding,) = findings(dated, "DU01", Status.DISTINCT_EVENTS)
    values = sides(finding)
    assert values["2 days"] == {"002", "004"}
    assert values["3 days"] == {"000"}
    assert "2023-10-18" in finding.message and "2025" in finding.message
    assert not findings(dated, "DU01", Status.CONFLICT)


def test_the_two_day_reports_agree(dated: CheckResult) -> None:
    agreements = findings(dated, "DU01", Status.AGREEMENT)
    assert any({short(a) for a in f.articles} == {"002", "004"} for f in agreements)


def test_the_october_2023_visit_and_the_later_one_are_told_apart(dated: CheckResult) -> None:
    (finding,) = [f for f in findings(dated, "DT01", Status.DISTINCT_EVENTS) if "visit" in f.topic]
    assert {short(a) for a in finding.articles} == {"000", "001", "002", "003", "004"}
    visits = [e for e in dated.events.events if e.cls == "visit" and "Lavrov" in (e.agent or "")]
    by_articles = {tuple(short(a) for a in e.articles): e for e in visits}
    assert ("002", "003", "004") in by_articles
    assert ("000", "001") in by_articles
    assert by_articles[("002", "003", "004")].start == "2023-10-18"
    assert (by_articles[("000", "001")].start or "") >= "2025-07-01"


def test_container_count_is_aligned_with_the_other_shipment_figures(dated: CheckResult) -> None:
    (finding,) = [f for f in findings(dated, "CT02") if "container" in f.topic]
    quotes = {short(e.article): e.quote for e in finding.claims}
    assert "more than 1,000 containers" in quotes["003"]
    assert "300 vessels" in quotes["002"]
    assert "six journeys" in quotes["004"]


def test_every_finding_quotes_its_evidence_exactly(dated: CheckResult) -> None:
    texts = {a.id: a.text for a in dated.corpus.articles}
    for finding in dated.findings:
        assert finding.message and finding.topic and 0 <= finding.confidence <= 1
        for evidence in finding.claims:
            assert texts[evidence.article][evidence.start:evidence.end] == evidence.quote


def test_without_dates_the_visit_length_is_a_conflict_whose_event_is_unresolved(undated: CheckResult) -> None:
    (finding,) = findings(undated, "DU01", Status.CONFLICT)
    values = sides(finding)
    assert values["3 days"] == {"000"}
    assert {"002", "004"} <= values["2 days"]
    assert "could not be resolved" in finding.message
    assert finding.confidence <= 0.5
    assert not findings(undated, "DU01", Status.DISTINCT_EVENTS)
