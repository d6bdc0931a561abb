"""A run served by the cache reports exactly what a run reading everything again reports,
after each of a series of random edits to a generated corpus (tests/benchmarks/differential.py;
its script runs a few hundred)."""

from __future__ import annotations

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
