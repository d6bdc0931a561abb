"""NM01's fingerprint names the articles that deviate from the house spelling, so that a
baseline keeps matching while more articles are written in the house style."""

from __future__ import annotations

from pathlib import Path

from checker.corpus import load_corpus
from checker.engine import run_check
from rules import select_rules

SENTENCE = "Russian Foreign Minister {} has landed in North Korea.\n"


def _nm01(root: Path) -> list[str]:
    result = run_check(load_corpus([root]), select_rules(["NM01"]))
    return [f.fingerprint for f in result.findings if f.rule == "NM01"]


def test_more_articles_in_the_house_spelling_keep_the_fingerprint(tmp_path: Path) -> None:
    for name, spelling in [("a1", "Sergei Lavrov"), ("a2", "Sergei Lavrov"), ("b1", "Sergey Lavrov")]:
        (tmp_path / f"{name}.txt").write_text(SENTENCE.format(spelling), "utf-8")
    (before,) = _nm01(tmp_path)
    (tmp_path / "a0.txt").write_text(SENTENCE.format("Sergei Lavrov"), "utf-8")
    assert _nm01(tmp_path) == [before]
    (tmp_path / "b2.txt").write_text(SENTENCE.format("Sergey Lavrov"), "utf-8")
    assert _nm01(tmp_path) != [before]  # one more article to correct: a new finding
