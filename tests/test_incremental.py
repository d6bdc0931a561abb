"""A run served by the cache reports exactly what a run reading everything again reports,
after each of a series of random edits to a generated corpus (tests/benchmarks/differential.py;
its script runs a few hundred)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tests.conftest import EXTERNAL

pytestmark = pytest.mark.skipif(not (EXTERNAL / "ecbplus").is_dir(), reason="needs ../shared/external (the generator's sources)")


def test_after_each_random_edit_the_warm_report_is_the_full_report_byte_for_byte(tmp_path: Path) -> None:
    from tests.benchmarks.differential import run

    outcome = run(tmp_path, edits=24, articles=30, seed=7)
    assert len(outcome.edits) == 24
    assert len({what.split(" ")[1] for what in outcome.edits}) >= 4  # figures, dates, names, files...
    assert outcome.mismatches == []


def test_a_finding_takes_the_story_all_its_articles_belong_to_and_only_then() -> None:
    """engine._with_story: the story is set when every side's article is in the same story and
    the finding names none; otherwise the finding is returned as it was."""
    from checker.engine import _with_story
    from checker.findings import Evidence, Finding, Severity, Status

    def finding(*articles: str, story: str | None = None) -> Finding:
        sides = tuple(Evidence(article=a, path=f"{a}.txt", line=1, column=1, end_line=1, end_column=2, quote="x",
                               sentence="x", kind="quantity", low=1, high=1, unit=None, display="1")
                      for a in articles)
        return Finding(rule="CT01", name="count-mismatch", status=Status.CONFLICT, severity=Severity.ERROR,
                       topic="t", message="m", confidence=1.0, fingerprint="f", event=None, claims=sides,
                       story=story)

    of = {"a": "s1", "b": "s1", "c": "s2"}.get
    cases = [(("a", "b"), None, "s1"), (("a",), None, "s1"), (("a", "c"), None, None), (("a", "x"), None, None),
             (("x", "a"), None, None), (("x", "y"), None, None), ((), None, None), (("a", "b"), "s9", "s9"),
             (("c", "c", "c"), None, "s2"), (("a", "b", "c"), None, None)]
    for articles, given, expected in cases:
        before = finding(*articles, story=given)
        after = _with_story(before, of)
        assert after.story == expected, articles
        assert after == dataclasses.replace(before, story=expected)
