"""Reports of a real check run: files on disk, the engine's events and rules, every format.

The extractors are bypassed (claims are placed by hand on phrases of the articles, through
``Doc.claim`` like an extractor would), so this test pins the renderers to the engine's
real evidence: positions in the files, sentences, events and rule messages.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from checker.corpus import load_corpus
from checker.doc import Doc
from checker.engine import CheckResult, run_check
from checker.model import Claim, ClaimKind, Qualifier
from reports import FORMATS, ReportOptions, render

A = ("---\ntitle: <script>alert(1)</script> [bold]A[/]\nsource: Wire | %0A ::x\npublished: 2023-10-19\n---\n"
     "Intro line.\nRussian Foreign Minister Sergei Lavrov arrived in Pyongyang on Wednesday for a two-day visit "
     "to North Korea [bold]x[/] | \x1b[31mred.\n")
B = ("---\npublished: 2023-10-19\n---\nRussian Foreign Minister Sergei Lavrov began a three-day visit to North "
     "Korea on Wednesday <b>::error::x</b>.\n")

PHRASES: list[tuple[str, ClaimKind, dict[str, object]]] = [
    ("Sergei Lavrov", ClaimKind.ENTITY, {"subject": "person", "canonical": "Sergei Lavrov"}),
    ("North Korea", ClaimKind.ENTITY, {"subject": "place", "canonical": "North Korea"}),
    ("two-day visit", ClaimKind.DURATION, {"subject": "visit", "qualifier": Qualifier.EXACT, "low": 2.0,
                                           "high": 2.0, "unit": "day"}),
    ("three-day visit", ClaimKind.DURATION, {"subject": "visit", "qualifier": Qualifier.EXACT, "low": 3.0,
                                             "high": 3.0, "unit": "day"}),
]


@pytest.fixture
def result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CheckResult:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text(A, "utf-8")
    (tmp_path / "corpus" / "b.txt").write_text(B, "utf-8")
    corpus = load_corpus(["corpus"])
    claims: list[Claim] = []
    for article in corpus.articles:
        doc = Doc.from_article(article)
        for sentence in doc.content_sentences():
            text = doc.nt.norm[sentence.start:sentence.end]
            for phrase, kind, fields in PHRASES:
                at = text.find(phrase)
                if at >= 0:
                    claims.append(doc.claim(kind, sentence.start + at, sentence.start + at + len(phrase), sentence,
                                            **fields))
    return run_check(corpus, claims=claims)


def at(path: str, line: int, column: int, end_column: int) -> str:
    """The text of a file between 1-based inclusive columns of a line."""
    return Path(path).read_text("utf-8").splitlines()[line - 1][column - 1:end_column]


def test_the_engine_found_the_conflict(result: CheckResult) -> None:
    assert [(f.rule, f.status.value) for f in result.findings] == [("DU01", "conflict")]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_reports_the_conflict(result: CheckResult, fmt: str) -> None:
    text = render(fmt, result, ReportOptions(width=80, color="never"))
    assert "\x1b" not in text
    flat = " ".join(text.split())  # the rich report wraps lines
    assert "two-day visit" in flat and "three-day visit" in flat


def test_sarif_regions_point_at_the_quotes(result: CheckResult) -> None:
    run = json.loads(render("sarif", result))["runs"][0]
    (found,) = run["results"]
    sides = [found["locations"][0], *found["relatedLocations"]]
    quotes = []
    for side in sides:
        loc = side["physicalLocation"]
        region = loc["region"]
        assert region["startLine"] == region["endLine"]
        quotes.append(at(loc["artifactLocation"]["uri"], region["startLine"], region["startColumn"],
                         region["endColumn"] - 1))
    assert quotes == ["two-day visit", "three-day visit"]


def test_github_annotations_point_at_the_quote(result: CheckResult) -> None:
    (line,) = render("github", result).splitlines()
    props = dict(p.split("=", 1) for p in line.split("::")[1].split(" ", 1)[1].split(","))
    assert at(props["file"], int(props["line"]), int(props["col"]), int(props["endColumn"])) == "two-day visit"


def test_the_rich_report_at_80_columns(result: CheckResult) -> None:
    text = render("rich", result, ReportOptions(width=80, color="never"))
    assert all(len(line) <= 80 for line in text.splitlines())
    text = " ".join(text.split())  # wrapped lines joined
    for expected in ("CONFLICT Sergei Lavrov's visit to North Korea: length", "corpus/a.txt:7:80",
                     "«two-day visit» to North Korea [bold]x[/] | red.", "<script>alert(1)</script> [bold]A[/]",
                     "— Wire | %0A", "E1 Sergei Lavrov's visit to North Korea", "3 days"):
        assert expected in text, expected


def test_html_and_junit_escape_the_run(result: CheckResult) -> None:
    page = render("html", result)
    assert "<script" not in page and "&lt;b&gt;::error::x&lt;/b&gt;" in page
    suite = ET.fromstring(render("junit", result)).find("testsuite")
    assert suite is not None and suite.get("failures") == "1"
