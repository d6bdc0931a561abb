"""Normalisation keeps an exact map back to the original text."""

from __future__ import annotations

import pytest

from checker.text import LineIndex, normalise


@pytest.mark.parametrize(
    ("original", "normalised"),
    [
        ("Korea\u2019s North", "Korea's North"),
        ("\u201ccomplete support\u201d", '"complete support"'),
        ("portion\u2014up to 40%\u2014of", "portion - up to 40% - of"),
        ("October 18, 2023Reuters", "October 18, 2023 Reuters"),
        ("six\u00a0journeys", "six journeys"),
        ("zero\u200bwidth", "zerowidth"),
        ("a\r\nb", "a \nb"),
    ],
)
def test_normalised_text(original: str, normalised: str) -> None:
    assert normalise(original).norm == normalised


@pytest.mark.parametrize("word", ["Reuters", "2023", "North", "journeys", "zerowidth"])
def test_spans_map_back_to_the_original(word: str) -> None:
    original = "Korea\u2019s North, October 18, 2023Reuters: six\u00a0journeys, zero\u200bwidth"
    nt = normalise(original)
    start = nt.norm.index(word)
    o_start, o_end = nt.to_original(start, start + len(word))
    assert original[o_start:o_end].replace("\u200b", "") == word


def test_line_and_column_are_one_based_for_every_line_ending() -> None:
    index = LineIndex("ab\ncd\r\nef\rgh")
    assert index.position(0) == (1, 1)
    assert index.position(4) == (2, 2)
    assert index.position(7) == (3, 1)
    assert index.position(10) == (4, 1)
