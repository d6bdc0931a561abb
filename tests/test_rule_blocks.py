"""Rules that read the corpus story by story (CT01, CT02) keep what they found in each story in
the claim cache (rules/base.py, ``Rule.block_findings``), and DT04 what it reads of each article
alone (``Rule.article_readings``): a warm run reads again only the stories and articles that,
or what the corpus makes of whose claims, changed, and reports exactly what a run without the
cache reports."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from checker import engine
from checker.cli import main
from rules import happenings
from rules.counts import CountMismatch, RelatedCounts
from rules.happenings import HappeningDay
from tests.test_stories import FIRE_A, FIRE_B, FIRE_C, QUAKE, RESTAURANT, _write

QUAKE_B = QUAKE.replace("dozens of aftershocks", "more than 40 aftershocks").replace(
    "Thursday", "Thursday; 12 people were injured")
QUAKE_C = QUAKE.replace("dozens of aftershocks", "about 45 aftershocks").replace(
    "Thursday", "Thursday; eight people were injured")
ARTICLES = {"a": ("2024-03-05", FIRE_A), "b": ("2024-03-06", FIRE_B), "c": ("2024-03-06", FIRE_C),
            "d": ("2024-03-25", RESTAURANT), "e": ("2024-03-07", QUAKE_B), "f": ("2024-03-07", QUAKE_C)}


def _report(capsys: pytest.CaptureFixture[str], corpus: Path, *options: str) -> str:
    main(["check", str(corpus), "--format", "json", *options])
    return capsys.readouterr().out


def _stories_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The articles of each story CT01 reads (instead of taking it from the cache), as they come."""
    read: list[str] = []
    story = CountMismatch._story

    def counted(self: CountMismatch, ctx: object, claims: list, names: object) -> object:  # type: ignore[type-arg]
        read.append(",".join(sorted({c.article for c in claims})))
        return story(self, ctx, claims, names)  # type: ignore[arg-type]

    monkeypatch.setattr(CountMismatch, "_story", counted)
    return read


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    _write(root, ARTICLES)
    return root


def test_a_warm_run_reads_no_story_again_and_reports_what_a_run_without_the_cache_reports(
        corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    full = _report(capsys, corpus, "--no-cache")
    assert '"rule": "CT01"' in full and '"status": "conflict"' in full
    read = _stories_read(monkeypatch)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    assert _report(capsys, corpus, *cache) == full
    assert sorted(read) == ["a,b", "e,f"]  # the figures of the stories of several articles, read once
    for _ in range(2):  # what a warm run read from the cache is kept for the next one
        read.clear()
        assert _report(capsys, corpus, *cache) == full
        assert read == []


def test_after_an_edit_only_the_edited_story_is_read_again(
        corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    cache = ["--cache-dir", str(tmp_path / "cache")]
    _report(capsys, corpus, *cache)
    read = _stories_read(monkeypatch)
    (corpus / "f.txt").write_text((corpus / "f.txt").read_text("utf-8").replace("eight people", "nine people"),
                                  "utf-8")
    warm = _report(capsys, corpus, *cache)
    assert read == ["e,f"]
    assert warm == _report(capsys, corpus, "--no-cache")
    assert "nine" in warm


@pytest.mark.parametrize("config", [
    # the grouped name of a place, which the topic of the fire's figures names
    '[tool.factlint.aliases]\n"Maple Street" = "Maple St."\n',
    # the severity of the rule
    '[tool.factlint.rules.CT01]\nseverity = "info"\n',
    # the unit table, which CT02 groups related things by
    '[tool.factlint.units.related]\ncasualties = ["injuries", "shake"]\n',
])
def test_what_the_configuration_changes_in_a_story_is_read_again(
        corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], config: str) -> None:
    cache = ["--cache-dir", str(tmp_path / "cache")]
    before = _report(capsys, corpus, *cache)
    (tmp_path / "pyproject.toml").write_text(config, "utf-8")
    configured = [*cache, "--config", str(tmp_path / "pyproject.toml")]
    warm = _report(capsys, corpus, *configured)
    assert warm == _report(capsys, corpus, "--no-cache", "--config", str(tmp_path / "pyproject.toml"))
    assert warm != before


def test_a_story_whose_kept_findings_are_damaged_is_read_again(
        corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    cache = ["--cache-dir", str(tmp_path / "cache")]
    full = _report(capsys, corpus, *cache)
    with sqlite3.connect(tmp_path / "cache" / "claims.sqlite") as db:
        keys = [k for (k,) in db.execute("SELECT key FROM rule_blocks WHERE rule = 'CT01' ORDER BY key")]
        damaged = ["[[1]]", "not json", '[["conflict","error","t","m",0.5,"x",[[[0,99999],"1"]],[]]]',
                   '[["nonsense","error","t","m",0.5,"x",[],[]]]']
        for key, data in zip(keys, damaged, strict=False):
            db.execute("UPDATE rule_blocks SET data = ? WHERE rule = 'CT01' AND key = ?", (data, key))
    read = _stories_read(monkeypatch)
    assert _report(capsys, corpus, *cache) == full
    assert len(read) == len(keys) == 2


def test_rules_run_in_forked_processes_keep_their_stories_too(
        corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "PARALLEL_RULES_FROM", 1)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    full = _report(capsys, corpus, "--no-cache", "--jobs", "2")
    assert _report(capsys, corpus, *cache, "--jobs", "2") == full
    with sqlite3.connect(tmp_path / "cache" / "claims.sqlite") as db:
        kept = dict(db.execute("SELECT rule, count(*) FROM rule_blocks GROUP BY rule").fetchall())
    assert kept[CountMismatch.code] == kept[RelatedCounts.code] == 2  # a block per story of several articles
    # what DT04 reads of each of the 4 articles that date something: the happenings of its
    # dates, and whom its names say a happening befell
    assert kept[HappeningDay.code] == 8
    assert _report(capsys, corpus, *cache, "--jobs", "2") == full


def test_a_corpus_named_by_another_path_is_quoted_from_that_path(
        corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    cache = ["--cache-dir", str(tmp_path / "cache")]
    _report(capsys, corpus, *cache)
    monkeypatch.chdir(tmp_path)
    warm = _report(capsys, Path("corpus"), *cache)  # the same articles, by a relative path
    assert warm == _report(capsys, Path("corpus"), "--no-cache")
    assert '"path": "corpus/f.txt"' in warm


def test_dt04_reads_again_only_the_dates_and_names_of_the_articles_that_changed(
        corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[str] = []
    classes_of = happenings._classes_of

    def counted(claims: list) -> list:  # type: ignore[type-arg]
        read.append(claims[0].article)
        return classes_of(claims)

    monkeypatch.setattr(happenings, "_classes_of", counted)
    objects: list[str] = []
    objects_of = happenings._objects

    def names_read(ctx: object, article: str) -> object:
        objects.append(article)
        return objects_of(ctx, article)  # type: ignore[arg-type]

    monkeypatch.setattr(happenings, "_objects", names_read)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    full = _report(capsys, corpus, *cache)
    assert '"rule": "DT04"' in full
    assert len(read) == len(objects) == 4
    read.clear()
    objects.clear()
    assert _report(capsys, corpus, *cache) == full
    assert read == objects == []
    (corpus / "e.txt").write_text((corpus / "e.txt").read_text("utf-8").replace("Thursday", "Friday"), "utf-8")
    warm = _report(capsys, corpus, *cache)
    assert read == objects == ["e"]
    assert warm == _report(capsys, corpus, "--no-cache")
