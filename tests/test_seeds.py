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
    assert {short(a) for a in finding.articles} == {"002", "003", "004"}  # the articles that give a date
    assert "002, 003, 004: 2023-10-18" in finding.message
    assert "000, 001: dated by publication, 11–13 Jul 2025" in finding.message
    visits = [e for e in dated.events.events if e.cls == "visit" and "Lavrov" in (e.agent or "")]
    by_articles = {tuple(short(a) for a in e.articles): e for e in visits}
    assert ("002", "003", "004") in by_articles
    assert ("000", "001") in by_articles
    assert by_articles[("002", "003", "004")].start == "2023-10-18"
    assert (by_articles[("000", "001")].start or "") >= "2025-07-01"


@pytest.mark.parametrize("which", ["dated", "undated"])
def test_date_findings_show_dates_only_each_saying_how_it_dates_the_event(which: str,
                                                                          request: pytest.FixtureRequest) -> None:
    result: CheckResult = request.getfixturevalue(which)
    shown = [f for f in findings(result, "DT01") if f.status in (Status.DISTINCT_EVENTS, Status.UNDETERMINED)]
    assert shown
    for finding in shown:
        for evidence in finding.claims:
            assert evidence.kind == "date", (evidence.quote, evidence.display)
            assert evidence.display.endswith((", as written", f", counted from publication {evidence.published}"))
    relative = [e for f in shown for e in f.claims if e.quote == "this week"]
    assert [e.display for e in relative] == ["2023-10-16 to 2023-10-22, counted from publication 2023-10-19"] * (
        which == "dated")


def test_an_event_no_article_dates_says_it_is_dated_by_publication(dated: CheckResult) -> None:
    (later,) = [e for e in dated.events.events if tuple(short(a) for a in e.articles) == ("000", "001")
                and e.cls == "visit"]
    assert later.label == "Sergei Lavrov's visit to North Korea (dated by publication, 11–13 Jul 2025)"
    # the event may have taken place in the week before the first report: start allows for it
    assert (later.start, later.end) == ("2025-07-04", "2025-07-13")
    (distinct,) = findings(dated, "DU01", Status.DISTINCT_EVENTS)
    assert "3 days (000), dated by publication, 11–13 Jul 2025" in distinct.message
    assert "2025-07-04" not in distinct.message


def test_several_articles_that_may_describe_one_event_are_never_single_source(undated: CheckResult) -> None:
    for finding in undated.findings:
        if finding.status is Status.SINGLE_SOURCE:
            assert len(finding.articles) == 1 and "Could not tell" not in finding.message
    (unknown,) = findings(undated, "DT01", Status.UNDETERMINED)
    assert unknown.message.startswith("Could not tell whether these are the same event")
    assert "000, 001, 003, 004: date unresolved" in unknown.message


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
