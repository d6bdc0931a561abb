"""Markdown for a pull-request comment: counts, a conflicts table, collapsible details."""

from __future__ import annotations

import re

import pytest

from reports import ReportOptions, render
from reports.markdown import escape

from .test_reports_common import sample_result

UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


@pytest.mark.parametrize(("raw", "escaped"), [
    ("a | b", "a \\| b"),
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("[bold]x[/]", "\\[bold\\]x\\[/\\]"),
    ("**not bold** _nor_ `code`", "\\*\\*not bold\\*\\* \\_nor\\_ \\`code\\`"),
    ("line\nbreak", "line break"),
    ("@someone #12", "&#64;someone &#35;12"),
    ("AT&T \x1b[31mred", "AT&amp;T red"),
    ("back\\slash", "back\\\\slash"),
])
def test_article_text_is_escaped(raw: str, escaped: str) -> None:
    assert escape(raw) == escaped


def markdown(options: ReportOptions | None = None) -> str:
    return render("markdown", sample_result(), options)


def test_summary_counts() -> None:
    text = markdown()
    assert "**1 conflict between sources.**" in text
    assert "| 4 | 3 | 1 | 0 | 1 | 1 | 1 | 1 | 0 |" in text


def test_every_table_row_has_its_columns_despite_pipes_in_article_text() -> None:
    rows = [line for line in markdown().splitlines() if line.startswith("|")]
    assert len(rows) == 3 + 4  # counts (head, rule, row) and conflicts (head, rule, two sides)
    counts = {len(UNESCAPED_PIPE.findall(row)) for row in rows[3:]}
    assert counts == {5}  # four columns


def test_the_conflict_table_quotes_both_sides_with_the_value_in_bold() -> None:
    text = markdown()
    assert "Mr. Lavrov paid a **two-day visit** \\[bold\\]x\\[/\\]" in text
    assert "Lavrov begins a **three-day visit** \\| to Pyongyang" in text
    assert "`corpus/sub dir/a2.txt:7:17`" in text
    assert "<script>" not in text and "\x1b" not in text


def test_agreements_and_variants_are_collapsible() -> None:
    text = markdown()
    assert text.count("<details>") == text.count("</details>") == 3
    assert "<summary>Agreements (1)</summary>" in text
    assert "<summary>Distinct events, variants and undetermined events (2)</summary>" in text


def test_no_conflict_says_so() -> None:
    assert "**No conflicts between sources.**" in markdown(ReportOptions(only="agreements"))
