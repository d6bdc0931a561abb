"""GitHub Actions annotations and step summary: escaped so article text cannot break out."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.engine import CheckResult
from reports import ReportOptions, render
from reports.github import append_step_summary, escape_data, escape_property, render_github, step_summary_path

from .test_reports_common import sample_result

COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


@pytest.mark.parametrize(("raw", "data", "prop"), [
    ("100%", "100%25", "100%25"),
    ("a\nb", "a%0Ab", "a%0Ab"),
    ("a\r\nb", "a%0Ab", "a%0Ab"),
    ("a\rb", "ab", "ab"),  # a lone CR is a control character: removed
    ("%0A", "%250A", "%250A"),
    ("::error::x", "::error::x", "%3A%3Aerror%3A%3Ax"),
    ("a,b", "a,b", "a%2Cb"),
    ("\x1b[31mred", "red", "red"),
])
def test_escaping_follows_githubs_rules(raw: str, data: str, prop: str) -> None:
    assert escape_data(raw) == data
    assert escape_property(raw) == prop


def lines(result: CheckResult | None = None, options: ReportOptions | None = None) -> list[str]:
    return render_github(result or sample_result(), options).splitlines()


def test_one_command_per_conflict_or_variant_and_nothing_else() -> None:
    out = lines()
    assert len(out) == 2
    assert [COMMAND.match(line).group(1) for line in out] == ["error", "warning"]  # type: ignore[union-attr]


def test_properties_locate_the_first_side() -> None:
    match = COMMAND.match(lines()[0])
    assert match is not None
    props = dict(p.split("=", 1) for p in match.group(2).split(","))
    assert props == {"file": "corpus/a1.txt", "line": "3", "col": "19", "endLine": "3", "endColumn": "31",
                     "title": "DU01 event-length%3A Sergei Lavrov's visit to North Korea%3A length"}


def test_article_text_cannot_end_the_annotation_or_start_another_command() -> None:
    text = render("github", sample_result())
    assert "\r" not in text and "\x1b" not in text
    assert all(COMMAND.match(line) for line in text.splitlines())
    message = COMMAND.match(text.splitlines()[0]).group(3)  # type: ignore[union-attr]
    assert "%250A | pipe | new line%0A- a1 (2023-10-18)" in message  # the article's %0A stays literal
    decoded = message.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")
    assert "<script>alert(1)</script> ::error::boom %0A | pipe | new line\n- a1" in decoded


def test_a_hostile_path_is_escaped_in_the_properties() -> None:
    import dataclasses

    result = sample_result()
    conflict = result.findings[1]

    side = dataclasses.replace(conflict.claims[0], path="x,line=1::evil\n.txt")
    result.findings[1] = dataclasses.replace(conflict, claims=(side, *conflict.claims[1:]))
    match = COMMAND.match(lines(result)[0])
    assert match is not None
    assert match.group(2).startswith("file=x%2Cline=1%3A%3Aevil%0A.txt,line=3,")


def test_severity_picks_the_command() -> None:
    assert lines(options=ReportOptions(only="agreements"))[0].startswith("::notice ")


def test_the_step_summary_is_appended_when_github_names_a_file(tmp_path: Path) -> None:
    assert step_summary_path({}) is None
    target = tmp_path / "summary.md"
    assert step_summary_path({"GITHUB_STEP_SUMMARY": str(target)}) == str(target)
    assert append_step_summary(sample_result(), None, None) is False
    target.write_text("previous step\n", "utf-8")
    assert append_step_summary(sample_result(), ReportOptions(), str(target)) is True
    text = target.read_text("utf-8")
    assert text.startswith("previous step\n## factlint")
    assert "### Conflicts" in text
