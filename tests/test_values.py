"""Verdicts compare normalised intervals, not strings."""

from __future__ import annotations

import pytest

from checker.values import INF, Interval


@pytest.mark.parametrize(
    ("a", "b", "overlap"),
    [
        (Interval(1000, INF, low_open=True), Interval(1200, 1200), True),  # more than 1,000 ~ 1,200
        (Interval(1000, INF, low_open=True), Interval(1000, 1000), False),  # more than 1,000 != 1,000
        (Interval(2, 2), Interval(3, 3), False),  # two-day vs three-day
        (Interval(270, 330), Interval(1000, INF, low_open=True), False),  # about 300 vs more than 1,000
        (Interval(6, INF), Interval(6, 6), True),  # at least six ~ six
        (Interval(0, 40), Interval(40, 40), True),  # up to 40% ~ 40%
        (Interval(36, 40, high_open=True), Interval(40, 40), False),  # nearly 40 != 40
        (Interval(2, 13), Interval(2, 2), True),  # days-long ~ two-day
    ],
)
def test_overlap(a: Interval, b: Interval, overlap: bool) -> None:
    assert a.overlaps(b) is overlap
    assert b.overlaps(a) is overlap


def test_a_vague_interval_contains_a_precise_one() -> None:
    assert Interval(2, 13).contains(Interval(2, 2))
    assert not Interval(2, 2).contains(Interval(2, 13))
