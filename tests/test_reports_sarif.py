"""SARIF 2.1.0 for GitHub code scanning: valid, located, linked, stable."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from checker import __version__
from reports import ReportOptions, render
from reports.sarif import FINGERPRINT_KEY, artifact_uri, escape_message
from rules import select_rules

from .test_reports_common import sample_result

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"


def sarif(options: ReportOptions | None = None) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(render("sarif", sample_result(), options))
    return data


@pytest.mark.skipif(not SCHEMA.exists(), reason="SARIF schema not in ../shared/schemas")
@pytest.mark.parametrize("options", [ReportOptions(), ReportOptions(only="agreements"),
                                     ReportOptions(only="conflicts", articles=("nobody",))])
def test_the_output_validates_against_the_sarif_schema(options: ReportOptions) -> None:
    import jsonschema  # type: ignore[import-untyped]

    schema = json.loads(SCHEMA.read_text("utf-8"))
    errors = [e.message for e in jsonschema.Draft4Validator(schema).iter_errors(sarif(options))]
    assert errors == []


def test_the_driver_lists_every_active_rule_from_its_metadata() -> None:
    driver = sarif()["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("factlint", __version__)
    rules = {r.code: r for r in select_rules()}
    assert [d["id"] for d in driver["rules"]] == sorted(rules)
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for descriptor in driver["rules"]:
        rule = rules[descriptor["id"]]
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["fullDescription"]["text"] and "**" not in descriptor["fullDescription"]["text"]
        assert descriptor["help"]["text"] == rule.doc()
        assert descriptor["help"]["markdown"].startswith(f"## {rule.code}")
        assert descriptor["defaultConfiguration"]["level"] == levels[rule.effective_severity.value]


def test_a_configured_severity_sets_the_rule_level() -> None:
    result = sample_result()
    result.rules = select_rules(severity={"NM01": "error", "DU01": "info"})
    driver = json.loads(render("sarif", result))["runs"][0]["tool"]["driver"]
    levels = {d["id"]: d["defaultConfiguration"]["level"] for d in driver["rules"]}
    assert (levels["NM01"], levels["DU01"]) == ("error", "note")


def test_conflicts_and_variants_are_results_at_their_first_side() -> None:
    run = sarif()["runs"][0]
    results = run["results"]
    assert [(r["ruleId"], r["level"], r["properties"]["status"]) for r in results] == [
        ("DU01", "error", "conflict"), ("NM01", "warning", "variant")]
    conflict = results[0]
    assert run["tool"]["driver"]["rules"][conflict["ruleIndex"]]["id"] == "DU01"
    where = conflict["locations"][0]["physicalLocation"]
    assert where["artifactLocation"]["uri"] == "corpus/a1.txt"
    assert where["region"] == {"startLine": 3, "startColumn": 19, "endLine": 3, "endColumn": 32,
                               "snippet": {"text": "two-day visit"}}  # endColumn is exclusive
    assert conflict["partialFingerprints"] == {FINGERPRINT_KEY: sample_result().findings[1].fingerprint}


def test_the_other_sides_are_related_locations_linked_from_the_message() -> None:
    conflict = sarif()["runs"][0]["results"][0]
    related = conflict["relatedLocations"]
    assert [r["id"] for r in related] == [1]
    assert related[0]["physicalLocation"]["artifactLocation"]["uri"] == "corpus/sub%20dir/a2.txt"
    assert related[0]["physicalLocation"]["region"]["startLine"] == 7
    assert "[a2: 3 days](1)" in conflict["message"]["text"]


def test_article_text_cannot_forge_links_or_control_sequences_in_messages() -> None:
    text = sarif()["runs"][0]["results"][0]["message"]["text"]
    assert "\\[link=http://evil\\]click\\[/link\\]" in text
    assert "\x1b" not in text and "\n" not in text
    # the only unescaped link is factlint's own
    import re

    assert re.findall(r"(?<!\\)\[[^\]]*(?<!\\)\]\(\d+\)", text) == ["[a2: 3 days](1)"]


@pytest.mark.parametrize(("raw", "escaped"), [
    ("[x](1)", "\\[x\\](1)"),
    ("a\\b", "a\\\\b"),
    ("line\nbreak\x1b[31m", "line break"),
])
def test_message_escaping(raw: str, escaped: str) -> None:
    assert escape_message(raw) == escaped


def test_artifact_uris_are_relative_and_percent_encoded(tmp_path: Path) -> None:
    assert artifact_uri("seeds/a b#1.txt") == "seeds/a%20b%231.txt"
    assert artifact_uri("./seeds/a.txt") == "seeds/a.txt"
    assert artifact_uri(os.path.join(str(tmp_path), "x", "a.txt"), cwd=str(tmp_path)) == "x/a.txt"
    assert artifact_uri(str(tmp_path / "a.txt"), cwd="/nonexistent-root").startswith("file:///")


def test_only_narrows_the_results() -> None:
    assert [r["properties"]["status"] for r in sarif(ReportOptions(only="agreements"))["runs"][0]["results"]] == [
        "agreement"]
    assert sarif(ReportOptions(min_confidence=0.95))["runs"][0]["results"] == []
