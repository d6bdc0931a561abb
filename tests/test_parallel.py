"""Extraction in a process pool gives exactly what one process gives."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from typing import Any

import pytest

from checker import engine, forkpool
from checker.corpus import load_corpus
from checker.engine import CheckSettings, default_jobs, extract_articles, run_check
from checker.events import content_sentence_spans
from checker.extractors import extract, group_entities
from checker.model import Corpus
from reports.json_report import render_json
from reports.sarif import render_sarif

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """The seeds three times over (in subdirectories), so that a pool gets several chunks."""
    root = tmp_path_factory.mktemp("corpus")
    for copy in ("a", "b", "c"):
        shutil.copytree(SEEDS, root / copy)
    return load_corpus([root])


@pytest.fixture
def pool_for_small_corpora(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "MIN_ARTICLES_PER_JOB", 1)


def test_jobs_2_gives_byte_identical_json_and_sarif(corpus: Corpus, pool_for_small_corpora: None) -> None:
    one = run_check(corpus, settings=CheckSettings(jobs=1))
    two = run_check(corpus, settings=CheckSettings(jobs=2))
    assert render_json(two) == render_json(one)
    assert render_sarif(two) == render_sarif(one)
    assert two.diagnostics == one.diagnostics == []


def test_the_pool_really_runs_and_keeps_corpus_order(corpus: Corpus, pool_for_small_corpora: None) -> None:
    done: list[int] = []
    result = extract_articles(corpus, CheckSettings(jobs=2), progress=done.append)
    assert result.jobs == 2
    assert sum(done) == len(corpus.articles)
    expected = group_entities([c for a in corpus.articles for c in extract(a)])
    assert result.claims == expected
    assert result.sentences == {a.id: tuple(content_sentence_spans(a)) for a in corpus.articles}


def test_small_corpora_are_extracted_in_process(corpus: Corpus) -> None:
    assert extract_articles(corpus, CheckSettings(jobs=4)).jobs == 1
    assert default_jobs() >= 1


def test_a_failing_article_becomes_an_error_not_a_crash(
    corpus: Corpus, pool_for_small_corpora: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = engine.extract_bounded
    broken = corpus.articles[1].id

    def flaky(doc, options):  # type: ignore[no-untyped-def]
        if doc.article_id == broken:
            raise RuntimeError("boom")
        return real(doc, options)

    monkeypatch.setattr(engine, "extract_bounded", flaky)
    for jobs in (1, 2):
        result = extract_articles(corpus, CheckSettings(jobs=jobs))
        assert [(d.path, d.level) for d in result.diagnostics] == [(corpus.articles[1].path, "error")]
        assert "boom" in result.diagnostics[0].message
        assert not [c for c in result.claims if c.article == broken]
        assert {c.article for c in result.claims} == {a.id for a in corpus.articles} - {broken}


def test_events_from_the_sketches_of_extraction_are_those_of_reading_again(corpus: Corpus) -> None:
    # Sketches are made per article before names are grouped (Sergei/Sergey in the seeds);
    # the check gives the same events and findings as one that reads every article again.
    extraction = extract_articles(corpus, CheckSettings(jobs=1))
    assert set(extraction.sketches) == {a.id for a in corpus.articles}
    sketched = run_check(corpus, extraction=extraction)
    read_again = run_check(corpus, extraction=dataclasses.replace(extraction, sketches={}))
    assert sketched.events.mentions == read_again.events.mentions
    assert len(sketched.events.mentions) > 10
    assert render_json(sketched) == render_json(read_again)


def test_rules_run_in_parallel_processes_give_byte_identical_json(corpus: Corpus, pool_for_small_corpora: None,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from concurrent.futures import ProcessPoolExecutor

    monkeypatch.setattr(engine, "PARALLEL_RULES_FROM", 1)
    mapped: list[str] = []
    real_map = ProcessPoolExecutor.map

    def spy(self: ProcessPoolExecutor, fn: Any, *iterables: Any, **kwargs: Any) -> Any:
        mapped.append(forkpool._TASK[-1].__name__ if fn is forkpool._run else fn.__name__)
        return real_map(self, fn, *iterables, **kwargs)

    monkeypatch.setattr(ProcessPoolExecutor, "map", spy)
    one = run_check(corpus, settings=CheckSettings(jobs=1))
    assert "_rule_findings" not in mapped
    two = run_check(corpus, settings=CheckSettings(jobs=2))
    assert "_rule_findings" in mapped  # the rules ran in forked processes
    assert render_json(two) == render_json(one)
    assert render_sarif(two) == render_sarif(one)


def test_the_rules_run_here_when_no_process_can_be_forked(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "PARALLEL_RULES_FROM", 1)
    monkeypatch.setattr(forkpool, "fork_context", lambda: None)
    one = run_check(corpus, settings=CheckSettings(jobs=1))
    two = run_check(corpus, settings=CheckSettings(jobs=2))
    assert render_json(two) == render_json(one)
