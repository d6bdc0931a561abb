"""The baseline file: deterministic, versioned, matched by fingerprint only; fingerprints survive
edits of unrelated lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from checker.baseline import Baseline, BaselineError, Entry, compare
from checker.corpus import load_corpus
from checker.engine import run_check
from checker.findings import Evidence, Finding, Severity, Status
from rules import BUILTIN_RULES


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
    assert data == {"factlint-baseline": 2, "findings": [{
        "fingerprint": "f1", "rule": "DU01", "status": "conflict", "severity": "error", "topic": "visit: length",
        "values": ["2 days", "3 days"], "articles": ["a", "b"]}]}
    assert text.endswith("}\n")
    assert Baseline.loads(text) == Baseline.of([finding("f1", values=("3 days", "2 days"))])


@pytest.mark.parametrize(("text", "problem"), [
    ("{", "invalid JSON"),
    ("[]", "not a factlint baseline"),
    ('{"factlint-baseline": 3, "findings": []}', "format 3 is not supported (expected 2)"),
    ('{"factlint-baseline": 1, "findings": []}',
     "baseline format 1 is out of date: its fingerprints were made from the English topics of findings and "
     "match none now; write it again with 'factlint baseline'"),
    ('{"factlint-baseline": 2, "findings": {}}', "'findings' must be an array"),
    ('{"factlint-baseline": 2, "findings": [{"rule": "DU01"}]}', "findings[0]: expected an object"),
])
def test_a_broken_file_says_what_is_wrong(text: str, problem: str) -> None:
    with pytest.raises(BaselineError) as caught:
        Baseline.loads(text)
    assert problem in str(caught.value) and "\n" not in str(caught.value)


def test_only_the_fingerprint_is_needed_to_match() -> None:
    baseline = Baseline.loads('{"factlint-baseline": 2, "findings": [{"fingerprint": "f1"}]}')
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


# --- fingerprints do not depend on wording ----------------------------------------------------

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
CASES = Path(__file__).resolve().parent / "rules" / "cases"


def _case_corpora(root: Path) -> list[Path]:
    """Every article set of the rule cases (tests/rules/cases), one directory each: small
    corpora on which every rule has findings."""
    import yaml

    dirs = []
    for path in sorted(CASES.glob("*.yml")):
        for n, case in enumerate(yaml.safe_load(path.read_text("utf-8"))["cases"]):
            directory = root / f"{path.stem}-{n}"
            directory.mkdir()
            for article in case["articles"]:
                front = f"---\npublished: {article['published']}\n---\n" if article.get("published") else ""
                (directory / f"{article['id']}.txt").write_text(front + article["text"], "utf-8")
            dirs.append(directory)
    return dirs


def _all_fingerprints(corpora: list[Path]) -> list[tuple[str, str, str]]:
    found = []
    for root in corpora:
        findings = run_check(load_corpus([root])).findings
        assert len({f.fingerprint for f in findings}) == len(findings), f"two findings share a fingerprint in {root}"
        found.extend((f.rule, f.status.value, f.fingerprint) for f in findings)
    return sorted(found)


def test_rewording_every_topic_and_message_keeps_every_fingerprint(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from rules.base import Rule

    corpora = [SEEDS, *_case_corpora(tmp_path)]
    before = _all_fingerprints(corpora)
    assert {rule for rule, _, _ in before} == {r.code for r in BUILTIN_RULES}  # every rule has findings
    original = Rule.finding

    def reworded(self: Rule, ctx: Any, status: Status, topic: str, message: str, *args: Any, **kwargs: Any) -> Finding:
        return original(self, ctx, status, f"Übersetzt: {topic[::-1]}", f"Anders gesagt: {message.upper()}",
                        *args, **kwargs)

    monkeypatch.setattr(Rule, "finding", reworded)
    after = run_check(load_corpus([SEEDS])).findings
    assert after and all(f.topic.startswith("Übersetzt: ") and f.message.startswith("Anders gesagt: ") for f in after)
    assert _all_fingerprints(corpora) == before


def test_the_fingerprint_names_the_fact_not_the_words() -> None:
    from checker.findings import fingerprint

    base = fingerprint("CT01", ("count", "container", "", ""), ["about 300", "more than 1,000"], ["c", "d"])
    assert fingerprint("CT01", ("count", "container", "", ""), ["more than 1,000", "about 300"], ["d", "c"]) == base
    for other in [fingerprint("CT01", ("count", "vessel", "", ""), ["about 300", "more than 1,000"], ["c", "d"]),
                  fingerprint("CT02", ("count", "container", "", ""), ["about 300", "more than 1,000"], ["c", "d"]),
                  fingerprint("CT01", ("count", "container", "", ""), ["about 300", "1,000"], ["c", "d"]),
                  fingerprint("CT01", ("count", "container", "", ""), ["about 300", "more than 1,000"], ["c", "e"])]:
        assert other != base
