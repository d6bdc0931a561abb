"""The baseline file: deterministic, versioned, matched by fingerprint only; fingerprints survive
edits of unrelated lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.baseline import Baseline, BaselineError, Entry, compare
from checker.corpus import load_corpus
from checker.engine import run_check
from checker.findings import Evidence, Finding, Severity, Status


def finding(fp: str, rule: str = "DU01", topic: str = "visit: length", values: tuple[str, ...] = ("2 days",),
            status: Status = Status.CONFLICT) -> Finding:
    sides = tuple(Evidence(a, f"{a}.txt", 1, 1, 1, 3, "q", "s", "duration", 2, 2, "day", v)
                  for a, v in zip("ab", values, strict=False))
    return Finding(rule, "event-length", status, Severity.ERROR, topic, "m", 0.9, fp, None, sides)


def test_entries_are_sorted_by_rule_topic_and_fingerprint_and_unique() -> None:
    findings = [finding("c", "DU01", "z"), finding("b", "CT01", "y"), finding("a", "DU01", "z"), finding("a")]
    baseline = Baseline.of(findings)
    assert [e.fingerprint for e in baseline.entries] == ["b", "a", "c"]
    assert Baseline.of(reversed(findings)).dumps() == baseline.dumps()


def test_the_file_is_versioned_and_readable() -> None:
    text = Baseline.of([finding("f1", values=("3 days", "2 days"))]).dumps()
    data = json.loads(text)
    assert data == {"factlint-baseline": 1, "findings": [{
        "fingerprint": "f1", "rule": "DU01", "status": "conflict", "severity": "error", "topic": "visit: length",
        "values": ["2 days", "3 days"], "articles": ["a", "b"]}]}
    assert text.endswith("}\n")
    assert Baseline.loads(text) == Baseline.of([finding("f1", values=("3 days", "2 days"))])


@pytest.mark.parametrize(("text", "problem"), [
    ("{", "invalid JSON"),
    ("[]", "not a factlint baseline"),
    ('{"factlint-baseline": 2, "findings": []}', "format 2 is not supported"),
    ('{"factlint-baseline": 1, "findings": {}}', "'findings' must be an array"),
    ('{"factlint-baseline": 1, "findings": [{"rule": "DU01"}]}', "findings[0]: expected an object"),
])
def test_a_broken_file_says_what_is_wrong(text: str, problem: str) -> None:
    with pytest.raises(BaselineError, match=problem.replace("[", r"\[").replace("]", r"\]")):
        Baseline.loads(text)


def test_only_the_fingerprint_is_needed_to_match() -> None:
    baseline = Baseline.loads('{"factlint-baseline": 1, "findings": [{"fingerprint": "f1"}]}')
    assert baseline.entries == (Entry("f1", "", "", "", "", (), ()),)
    result = compare(baseline, [finding("f1"), finding("f2")])
    assert [f.fingerprint for f in result.new] == ["f2"]
    assert [f.fingerprint for f in result.known] == ["f1"]


def test_new_known_and_stale() -> None:
    baseline = Baseline.of([finding("old", "CT01"), finding("kept"), finding("elsewhere"), finding("off", "NM01")])
    reported = [finding("kept"), finding("new")]
    whole_run = [*reported, finding("elsewhere")]  # e.g. outside the changed articles
    result = compare(baseline, reported, whole_run, rules_run={"DU01", "CT01"})
    assert [f.fingerprint for f in result.new] == ["new"]
    assert [f.fingerprint for f in result.known] == ["kept"]
    # "elsewhere" still occurs in the run; NM01 did not run, so its entry cannot be judged
    assert [e.fingerprint for e in result.stale] == ["old"]


BODY_A = ("Russian Foreign Minister Sergei Lavrov arrived in Pyongyang on Wednesday for a two-day visit to "
          "North Korea.\n\nThe weather in the capital was mild.\n")
BODY_B = "Russian Foreign Minister Sergei Lavrov began a three-day visit to North Korea on Wednesday.\n"


def _fingerprints(root: Path) -> dict[str, tuple[tuple[str, int], ...]]:
    result = run_check(load_corpus([root]))
    return {f.fingerprint: tuple((e.article, e.line) for e in f.claims) for f in result.findings}


def test_editing_an_unrelated_line_keeps_every_fingerprint(tmp_path: Path) -> None:
    front = "---\npublished: 2023-10-19\n---\n"
    (tmp_path / "a.txt").write_text(front + BODY_A, "utf-8")
    (tmp_path / "b.txt").write_text(front + BODY_B, "utf-8")
    before = _fingerprints(tmp_path)
    assert before, "the corpus has findings"
    # a new first paragraph moves every line down; an unrelated sentence is rewritten
    edited = front + "Editor's note: this story was updated.\n\n" + BODY_A.replace(
        "The weather in the capital was mild.", "It rained in the capital all afternoon.")
    (tmp_path / "a.txt").write_text(edited, "utf-8")
    after = _fingerprints(tmp_path)
    assert set(after) == set(before)
    moved = [fp for fp in before if before[fp] != after[fp]]
    assert moved, "the evidence did move: the fingerprints do not depend on lines"
