"""Counts read as English: "1 conflict", "2 conflicts", never "1 conflicts" or "20 day(s)"."""

from __future__ import annotations

import re

import pytest

from checker.values import fmt_days
from checker.wording import plural
from reports import FORMATS, ReportOptions, render

from .test_reports_statuses import with_single_article_findings


@pytest.mark.parametrize(("n", "word", "text"), [
    (0, "conflict", "0 conflicts"),
    (1, "conflict", "1 conflict"),
    (2, "conflict", "2 conflicts"),
    (1, "inconsistency", "1 inconsistency"),
    (3, "inconsistency", "3 inconsistencies"),
    (2, "single-source claim", "2 single-source claims"),
    (2, "distinct-event pair", "2 distinct-event pairs"),
    (2, "entry", "2 entries"),
    (1.0, "day", "1 day"),
    (20, "day", "20 days"),
    (1.5, "day", "1.5 days"),
    (336000, "claim", "336,000 claims"),
    (2, "person", "2 people"),
])
def test_plural(n: float, word: str, text: str) -> None:
    assert plural(n, word) == text


@pytest.mark.parametrize(("days", "text"), [(1, "1 day"), (20, "20 days"), (1 / 24, "1 hour"), (0.5, "12 hours"),
                                            (365, "1 year"), (730, "2 years")])
def test_lengths_read_as_english(days: float, text: str) -> None:
    assert fmt_days(days) == text


WRONG = re.compile(r"\b1 (?:conflicts|inconsistencies|agreements|single-source claims|name variants|other variants|"
                   r"distinct-event pairs|distinct events|undetermined events|claims|findings|events|articles|days)\b"
                   r"|\(s\)|\bs\)")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_no_report_counts_one_thing_in_the_plural(fmt: str) -> None:
    """The result has one finding of every status, so every count in the headers is 1."""
    for verbose in (False, True):
        text = render(fmt, with_single_article_findings(), ReportOptions(width=120, color="never", verbose=verbose))
        assert not WRONG.search(text), WRONG.search(text)
