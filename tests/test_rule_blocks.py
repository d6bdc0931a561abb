"""Rules that read the corpus story by story (CT01, CT02) keep what they found in each story in
the claim cache (rules/base.py, ``Rule.block_findings``), and DT04 what it reads of each article
alone (``Rule.article_readings``): a warm run reads again only the stories and articles that,
or what the corpus makes of whose claims, changed, and reports exactly what a run without the
cache reports."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from checker import engine
from checker.cli import main
from rules import happenings
from rules.counts import CountMismatch, RelatedCounts
from rules.happenings import HappeningDay
from rules.names import NameVariants
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


def _replace_in(path: Path, old: str, new: str) -> None:
    """Edit an article: ``old`` replaced with ``new``."""
    path.write_text(path.read_text("utf-8").replace(old, new), "utf-8")


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
    _replace_in(corpus / "f.txt", "eight people", "nine people")
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


def _damage(cache: Path, rule: str, damaged: list[str]) -> list[str]:
    """Replace what the cache keeps for each block of ``rule`` with one of ``damaged`` in turn;
    the keys of the blocks."""
    with sqlite3.connect(cache / "claims.sqlite") as db:
        keys = [k for (k,) in db.execute("SELECT key FROM rule_blocks WHERE rule = ? ORDER BY key", (rule,))]
        for i, key in enumerate(keys):
            db.execute("UPDATE rule_blocks SET data = ? WHERE rule = ? AND key = ?",
                       (damaged[i % len(damaged)], rule, key))
    return keys


def test_a_story_whose_kept_findings_are_damaged_is_read_again(
        corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    cache = ["--cache-dir", str(tmp_path / "cache")]
    full = _report(capsys, corpus, *cache)
    keys = _damage(tmp_path / "cache", "CT01", ["[[1]]", "not json",
                                                '[["conflict","error","t","m",0.5,"x",[[[0,99999],"1"]],[]]]',
                                                '[["nonsense","error","t","m",0.5,"x",[],[]]]'])
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
    # what DT04 keeps: where the dates of each of the 3 stories that date something go, whom
    # the names of each of the 4 articles that date a happening say it befell, and the
    # comparison of the one story of two articles that date one
    assert kept[HappeningDay.code] == 3 + 4 + 1
    assert _report(capsys, corpus, *cache, "--jobs", "2") == full


def test_a_corpus_named_by_another_path_is_quoted_from_that_path(
        corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    cache = ["--cache-dir", str(tmp_path / "cache")]
    _report(capsys, corpus, *cache)
    monkeypatch.chdir(tmp_path)
    warm = _report(capsys, Path("corpus"), *cache)  # the same articles, by a relative path
    assert warm == _report(capsys, Path("corpus"), "--no-cache")
    assert '"path": "corpus/f.txt"' in warm


def _dt04_reads(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """What DT04 reads of the corpus instead of taking it from the cache, as it comes: the
    articles of each story whose dates it places (``places``), each article whose names it reads
    (``objects``), and the articles of each group of stories whose dates of one happening it
    compares (``compared``)."""
    reads: dict[str, list[str]] = {"places": [], "objects": [], "compared": []}
    places_of, objects_of = happenings._places_of, happenings._objects
    story_specs, specs = HappeningDay._story_specs, HappeningDay._specs

    def placed(ctx: object, claims: list) -> list:  # type: ignore[type-arg]
        reads["places"].append(",".join(sorted({c.article for c in claims})))
        return places_of(ctx, claims)  # type: ignore[arg-type]

    def names_read(ctx: object, article: str) -> object:
        reads["objects"].append(article)
        return objects_of(ctx, article)  # type: ignore[arg-type]

    def compared(self: HappeningDay, ctx: object, cls: str, articles: list, *rest: object) -> object:  # type: ignore[type-arg]
        reads["compared"].append(",".join(sorted(articles)))
        return story_specs(self, ctx, cls, articles, *rest)  # type: ignore[arg-type]

    def earlier(self: HappeningDay, ctx: object, cls: str, chosen: list, *rest: object, **options: object) -> object:  # type: ignore[type-arg]
        if options.get("among") is not None:  # (the comparisons of an earlier happening, kept per group)
            reads["compared"].append(",".join(sorted({c.article for c, _ in chosen})))
        return specs(self, ctx, cls, chosen, *rest, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(happenings, "_places_of", placed)
    monkeypatch.setattr(happenings, "_objects", names_read)
    monkeypatch.setattr(HappeningDay, "_story_specs", compared)
    monkeypatch.setattr(HappeningDay, "_specs", earlier)
    return reads


def test_dt04_reads_again_only_the_stories_and_names_of_the_articles_that_changed(
        corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    reads = _dt04_reads(monkeypatch)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    full = _report(capsys, corpus, *cache)
    assert '"rule": "DT04"' in full
    # the dates of each story, kept per story (of the fire's, only a tells a date)
    assert sorted(reads["places"]) == ["a", "d", "e,f"]
    assert sorted(reads["objects"]) == ["a", "d", "e", "f"]  # (those of the articles that date a happening)
    assert reads["compared"] == ["e,f"]
    for _ in range(2):  # a warm run reads nothing of DT04 again, and keeps it for the next one
        for read in reads.values():
            read.clear()
        assert _report(capsys, corpus, *cache) == full
        assert reads == {"places": [], "objects": [], "compared": []}
    _replace_in(corpus / "e.txt", "Thursday", "Friday")
    warm = _report(capsys, corpus, *cache)
    assert reads == {"places": ["e,f"], "objects": ["e"], "compared": ["e,f"]}
    assert warm == _report(capsys, corpus, "--no-cache")


def _dateless_quake_report(corpus: Path) -> None:
    """A third report of the quake, which tells no date: its story gains an article."""
    text = QUAKE_B.replace(" on Thursday; 12 people were injured", "; 12 people were injured")
    (corpus / "g.txt").write_text(f"---\npublished: 2024-03-07\n---\n{text}", "utf-8")


def _fire_report_redated(corpus: Path) -> None:
    """b, of the fire's story, which tells no date of its own, published a day later."""
    _replace_in(corpus / "b.txt", "2024-03-06", "2024-03-07")


@pytest.mark.parametrize(("change", "places", "compared"), [
    # what an undated article's dates are read against, and the year of a story's happening,
    # are when the articles of its story were written: a story is read again when any of its
    # articles changes, or when it gains one
    (_fire_report_redated, ["a"], []),
    (_dateless_quake_report, ["e,f"], ["e,f"]),
])
def test_dt04_reads_a_story_again_when_an_article_of_it_that_dates_nothing_changes(
        corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        change: Callable[[Path], None], places: list[str], compared: list[str]) -> None:
    cache = ["--cache-dir", str(tmp_path / "cache")]
    _report(capsys, corpus, *cache)
    reads = _dt04_reads(monkeypatch)
    change(corpus)
    warm = _report(capsys, corpus, *cache)
    assert reads == {"places": places, "objects": [], "compared": compared}
    assert warm == _report(capsys, corpus, "--no-cache")


def test_dt04_reads_again_what_it_kept_damaged(
        corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    cache = ["--cache-dir", str(tmp_path / "cache")]
    full = _report(capsys, corpus, *cache)
    # not JSON; not a list; places of another number of dates; a place of no kind; a finding
    # of a claim the block does not have
    _damage(tmp_path / "cache", "DT04", ["not json", '{"a": 1}', "[[]]", '[["somewhere", "fire"]]', '[[null]]',
                                         '[["agreement","info","t","m",0.6,"x",[[[0,99999],"1"]],[]]]'])
    reads = _dt04_reads(monkeypatch)
    assert _report(capsys, corpus, *cache) == full
    assert sorted(reads["places"]) == ["a", "d", "e,f"]
    assert sorted(reads["objects"]) == ["a", "d", "e", "f"]
    assert reads["compared"] == ["e,f"]


CHURCH_FIRE = """{title}
A fire destroyed Grace Church on Maple Street in Brookton on Friday night.
Police arrested a suspect on {day}, Fire Chief Dana Wells said.
"""


def test_dt04_keeps_the_comparisons_of_each_happening_of_a_story_apart(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _write(corpus, {"a": ("2024-03-10", CHURCH_FIRE.format(title="Fire destroys Grace Church in Brookton",
                                                           day="Saturday")),
                    "b": ("2024-03-10", CHURCH_FIRE.format(title="Grace Church in Brookton destroyed by fire",
                                                           day="Sunday"))})
    full = _report(capsys, corpus, "--no-cache")
    assert '"topic": "day of the arrest"' in full and '"topic": "day of the fire"' in full
    cache = ["--cache-dir", str(tmp_path / "cache")]
    assert _report(capsys, corpus, *cache) == full
    assert _report(capsys, corpus, *cache) == full  # the story's fire and arrest, each from its own block


MOSCOW = "Russian Foreign Minister {lavrov} met Kremlin spokesman {peskov} in Moscow on Tuesday.\n"
KYIV = "Ukrainian President {zelensky} visited a hospital in Kyiv on Thursday.\n"
SPELLINGS = {"a": ("2024-03-10", "Lavrov meets Peskov in Moscow\n"
                   + MOSCOW.format(lavrov="Sergei Lavrov", peskov="Dmitry Peskov")),
             "b": ("2024-03-10", "Lavrov and Peskov meet in Moscow\n"
                   + MOSCOW.format(lavrov="Sergey Lavrov", peskov="Dmitri Peskov")),
             "c": ("2024-05-02", "Zelensky visits Kyiv hospital\n" + KYIV.format(zelensky="Volodymyr Zelensky")),
             "d": ("2024-05-02", "Zelenskyy at Kyiv hospital\n" + KYIV.format(zelensky="Volodymyr Zelenskyy"))}


def _spellings_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names whose spellings NM01 compares (instead of taking the finding from the cache)."""
    read: list[str] = []
    spellings = NameVariants._spellings

    def compared(self: NameVariants, canonical: str, claims: list) -> object:  # type: ignore[type-arg]
        read.append(canonical)
        return spellings(self, canonical, claims)

    monkeypatch.setattr(NameVariants, "_spellings", compared)
    return read


def test_nm01_compares_again_only_the_spellings_of_the_names_of_an_edited_article(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _write(corpus, SPELLINGS)
    full = _report(capsys, corpus, "--no-cache")
    names = ["Dmitri Peskov", "Sergei Lavrov", "Volodymyr Zelensky"]
    assert all(f'"topic": "spelling of {name}"' in full for name in names)
    read = _spellings_read(monkeypatch)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    assert _report(capsys, corpus, *cache) == full
    assert sorted(read) == names
    for _ in range(2):  # Lavrov and Peskov, named by the same articles, are kept apart, each under its name
        read.clear()
        assert _report(capsys, corpus, *cache) == full
        assert read == []
    _replace_in(corpus / "d.txt", "a hospital", "the hospital")
    warm = _report(capsys, corpus, *cache)
    assert read == ["Volodymyr Zelensky"]
    assert warm == _report(capsys, corpus, "--no-cache")
    assert "the hospital" in warm


RAID = {"a": ("2011-08-04", "Jeffs convicted in Texas\nWarren Jeffs was convicted in San Angelo on Thursday.\n"
                            "The evidence was seized in the April 2008 raid on the Yearning for Zion Ranch in Eldorado.\n"),
        "b": ("2011-08-05", "Jeffs found guilty in San Angelo\nWarren Jeffs was found guilty in San Angelo on Thursday.\n"
                            "Authorities raided the Yearning for Zion Ranch in Eldorado in April 2008.\n"),
        "c": ("2011-08-05", "Jeffs guilty verdict in San Angelo\n"
                            "Warren Jeffs was found guilty in San Angelo, jurors said.\n")}


def test_dt04_compares_an_earlier_happening_again_when_any_article_of_its_stories_changes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _write(corpus, RAID)
    reads = _dt04_reads(monkeypatch)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    full = _report(capsys, corpus, *cache)
    assert '"topic": "date of the raid"' in full  # the raid of 2008, in reports of the 2011 trial
    assert "a,b" in reads["compared"]
    for read in reads.values():
        read.clear()
    assert _report(capsys, corpus, *cache) == full
    assert reads["compared"] == []
    # c, of the same story, dates no raid, but the articles of the stories are in the key of
    # the raid's comparison (when they were written tells which dates of an undated article
    # are of another year): the raid is compared again
    _replace_in(corpus / "c.txt", "2011-08-05", "2011-08-06")
    warm = _report(capsys, corpus, *cache)
    assert "a,b" in reads["compared"]
    assert warm == _report(capsys, corpus, "--no-cache")
