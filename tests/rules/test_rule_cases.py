"""Data-driven rule tests: every ``tests/rules/cases/<CODE>.yml`` case is one test.

A case gives small articles (with optional publication dates) and the findings the rule
must yield. Each expected finding names its ``status`` and the ``articles`` involved, and may
give ``values`` (displayed normalised values that must all appear) and ``message`` (words
the one-line reason must contain). Findings with a status listed in the case's
``ignore_status`` are not compared; every other finding of the rule must be expected.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.corpus import load_corpus
from checker.engine import run_check
from rules import all_rules, select_rules

CASES_DIR = Path(__file__).parent / "cases"


def _load_cases() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        for case in data["cases"]:
            params.append(pytest.param(data["rule"], case, id=f"{path.stem}-{case['name']}"))
    return params


def _write_articles(case: dict[str, Any], root: Path) -> None:
    for article in case["articles"]:
        front = ""
        if article.get("published"):
            front = f"---\npublished: {article['published']}\n---\n"
        (root / f"{article['id']}.txt").write_text(front + article["text"], "utf-8")


@pytest.mark.parametrize(("code", "case"), _load_cases())
def test_rule_case(code: str, case: dict[str, Any], tmp_path: Path) -> None:
    _write_articles(case, tmp_path)
    corpus = load_corpus([tmp_path])
    result = run_check(corpus, select_rules([code]))
    ignored = set(case.get("ignore_status", []))
    found = [f for f in result.findings if f.rule == code and f.status.value not in ignored]
    expected = case.get("expect", [])
    described = [(f.status.value, f.articles, [e.display for e in f.claims], f.message) for f in found]
    assert len(found) == len(expected), f"expected {len(expected)} findings, got {described}"
    remaining = list(found)
    for want in expected:
        match = None
        for finding in remaining:
            if finding.status.value != want["status"]:
                continue
            if sorted(want["articles"]) != list(finding.articles):
                continue
            displays = [e.display for e in finding.claims]
            if not all(any(v in d for d in displays) for v in want.get("values", [])):
                continue
            if not all(w.lower() in finding.message.lower() for w in want.get("message", [])):
                continue
            match = finding
            break
        assert match is not None, f"no finding like {want}; found {described}"
        remaining.remove(match)


PROBLEMS = ("conflict", "inconsistent", "variant")


def test_every_rule_has_cases_with_a_conflict_and_an_agreement() -> None:
    for rule in all_rules(include_plugins=False):
        path = CASES_DIR / f"{rule.code}.yml"
        assert path.exists(), f"{rule.code} has no case file"
        data = yaml.safe_load(path.read_text("utf-8"))
        assert data["rule"] == rule.code
        statuses = {want["status"] for case in data["cases"] for want in case.get("expect", [])}
        negative = [case for case in data["cases"] if not any(
            want["status"] in PROBLEMS for want in case.get("expect", []))]
        assert statuses & set(PROBLEMS), f"{rule.code} has no conflicting case"
        assert negative, f"{rule.code} has no agreeing (non-conflicting) case"


@pytest.mark.parametrize("rule", all_rules(include_plugins=False), ids=lambda r: r.code)
def test_every_rule_is_documented(rule: Any) -> None:
    doc = rule.doc()
    for heading in ("What it checks", "Why it matters", "Conflicting example", "Agreeing example", "Options"):
        assert f"**{heading}" in doc, f"{rule.code} docstring lacks '{heading}'"
    assert rule.code[:2].isalpha() and rule.code[2:].isdigit() and len(rule.code) == 4
    assert rule.name == rule.name.lower() and " " not in rule.name
    assert rule.summary and not rule.summary.endswith(".")
    assert rule.consumes
