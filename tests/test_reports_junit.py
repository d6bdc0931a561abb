"""JUnit XML: one test case per topic, a failure for each topic with a conflict."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

from reports import ReportOptions, render
from reports.junit import xml_text

from .test_reports_common import sample_result


def suite(text: str | None = None) -> ET.Element:
    root = ET.fromstring(text or render("junit", sample_result()))
    assert root.tag == "testsuites"
    found = root.find("testsuite")
    assert found is not None
    return found


def test_one_testcase_per_topic_and_a_failure_per_conflicting_topic() -> None:
    s = suite()
    assert (s.get("name"), s.get("tests"), s.get("failures")) == ("factlint", "5", "1")
    cases = [(c.get("classname"), c.get("name"), c.find("failure") is not None) for c in s.iter("testcase")]
    assert cases == [
        ("E1", "Sergei Lavrov's visit to North Korea: containers", False),
        ("E1", "Sergei Lavrov's visit to North Korea: length", True),
        ("E2", "Sergei Lavrov's visit: length", False),
        ("E10", "Lavrov's trip: length", False),
        ("factlint", "name: Sergei Lavrov", False),
    ]


def test_the_failure_carries_the_reason_and_the_evidence() -> None:
    failure = suite().find("testcase/failure")
    assert failure is not None
    assert failure.get("type") == "DU01"
    assert (failure.get("message") or "").startswith("2 days vs 3 days")
    body = failure.text or ""
    assert 'corpus/a1.txt:3:19: "two-day visit" = 2 days' in body
    assert 'corpus/sub dir/a2.txt:7:17: "three-day visit" = 3 days' in body
    assert "<script>alert(1)</script>" in body  # escaped in the file, text again once parsed
    assert "\x1b" not in body


def test_characters_xml_cannot_carry_are_removed() -> None:
    result = sample_result()
    conflict = result.findings[1]
    result.findings[1] = dataclasses.replace(conflict, message="nul\x00 formfeed\x0c bell\x07 \ufffe end")
    failure = suite(render("junit", result)).find("testcase/failure")
    assert failure is not None and failure.get("message") == "nul formfeed bell  end"
    assert xml_text("a\x00b\x1b[31mc\ud800d") == "abcd"


def test_filters_apply() -> None:
    s = suite(render("junit", sample_result(), ReportOptions(only="conflicts")))
    assert (s.get("tests"), s.get("failures")) == ("1", "1")
