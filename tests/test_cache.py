"""The per-article claim cache: exact round trips, hits, misses, corruption, concurrency."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import inspect
import json
import multiprocessing
import pickle
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from checker import engine
from checker.cache import (
    CACHE_FILENAME,
    ENTRY_FORMAT,
    POSITION_FIELDS,
    SHARED_FIELDS,
    ArticleExtraction,
    ClaimCache,
    _pick,
    _shared_ints,
    article_key,
    decode,
    decode_many,
    default_cache_dir,
    encode,
    extractor_version,
    options_key,
)
from checker.corpus import load_corpus
from checker.engine import CheckSettings, extract_articles, run_check
from checker.events import sketch_mentions
from checker.extractors import ExtractOptions, extract
from checker.extractors.entities import PairMemo
from checker.model import (
    Article,
    Claim,
    ClaimKind,
    Granularity,
    Qualifier,
    _ClaimSlots,
    new_claim,
    replace_claim,
)
from checker.storyfeatures import HappeningDay, Marks, StoryFeatures, story_features
from reports.json_report import render_json

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def seeds():  # type: ignore[no-untyped-def]
    return load_corpus([SEEDS])


def _same(a: Claim, b: Claim) -> bool:
    """Equal field for field and type for type (3 == 3.0 is not enough)."""
    return all(
        getattr(a, f.name) == getattr(b, f.name) and type(getattr(a, f.name)) is type(getattr(b, f.name))
        for f in dataclasses.fields(Claim)
    )


def test_claims_of_every_seed_round_trip_exactly(seeds) -> None:  # type: ignore[no-untyped-def]
    for article in seeds.articles:
        claims = tuple(extract(article))
        data = encode(ArticleExtraction(claims, ((0, 5), (6, 9))), article.text)
        back = decode(data, article.text)
        assert len(back.claims) == len(claims) > 0
        assert all(_same(x, y) for x, y in zip(claims, back.claims, strict=True))
        assert back.sentences == ((0, 5), (6, 9))
        assert claims[0].sentence.encode() not in data  # sentences are stored as offsets into the text


def test_event_sketches_round_trip_exactly(seeds) -> None:  # type: ignore[no-untyped-def]
    for article in seeds.articles:
        claims = tuple(extract(article))
        sketches = sketch_mentions(article, claims)
        back = decode(encode(ArticleExtraction(claims, (), sketches), article.text), article.text)
        assert back.mentions == sketches
    assert decode(encode(ArticleExtraction(claims, ())), article.text).mentions is None


def test_story_features_round_trip_exactly_with_the_order_of_their_words(seeds) -> None:  # type: ignore[no-untyped-def]
    day = HappeningDay("fire", 1, dt.date(2024, 3, 5))
    for article in seeds.articles:
        claims = tuple(extract(article))
        features = story_features(article, claims)
        for marks in (features.marks, Marks(day, 6.1, 2.6e6), Marks(HappeningDay("storm", 6), None, None)):
            told = dataclasses.replace(features, marks=marks)
            back = decode(encode(ArticleExtraction(claims, (), None, False, told), article.text), article.text)
            assert back.story == told
            assert back.story is not None and list(back.story.rest_words) == list(told.rest_words)
            assert [type(x) for x in (back.story.marks.magnitude, back.story.marks.haul)] == \
                [type(x) for x in (marks.magnitude, marks.haul)]
    assert decode(encode(ArticleExtraction(claims, ())), article.text).story is None


@pytest.mark.parametrize("row", [[], [0, [], None, None], [1, [], None, None, None], [0, ["a"], None, None, None],
                                 [True, [], None, None, None], [0, [1], None, None, None],
                                 [0, [], ["fire", "1", None], None, None], [0, [], None, 6, None],
                                 [0, [], ["fire", 1, "2024-13-01"], None, None], [0, {}, None, None, None]])
def test_malformed_story_features_are_rejected(seeds, row: list[object]) -> None:  # type: ignore[no-untyped-def]
    article = seeds.articles[0]
    data = encode(ArticleExtraction(tuple(extract(article)), ()), article.text)
    with pytest.raises(ValueError):
        decode(_with_header(data, w=row), article.text)


@pytest.mark.parametrize("row", [[], ["visit"], ["visit", "visit", "1", 0, None, None, None, False, False, None],
                                 ["visit", "visit", 1, 0, None, None, None, 0, False, None],
                                 ["visit", "visit", True, 0, None, None, None, False, False, None]])
def test_malformed_event_sketches_are_rejected(seeds, row: list[object]) -> None:  # type: ignore[no-untyped-def]
    article = seeds.articles[0]
    data = encode(ArticleExtraction(tuple(extract(article)), ()), article.text)
    with pytest.raises(ValueError):
        decode(_with_header(data, m=[row]), article.text)


def test_odd_values_round_trip_exactly() -> None:
    claim = Claim(
        kind=ClaimKind.QUANTITY, article="a/b", start=1, end=5, line=1, column=2, end_line=1, end_column=5,
        text="ünïcode “quote” \x1b[31m", sentence="s", subject="container", qualifier=Qualifier.MORE,
        low=1000.0, high=float("inf"), low_open=True, unit="percent", granularity=Granularity.MONTH,
        relative=False, canonical=None, anchor="2023-10-18", modifiers=("military", "new"),
        attrs=(("ordinal", "first"), ("referential", "1")),
    )
    other = dataclasses.replace(claim, low=6, high=0.1 + 0.2, qualifier=None, granularity=None, relative=None)
    for text in ("", "x" * 10):  # quotes that are not slices of the text are stored as they are
        back = decode(encode(ArticleExtraction((claim, other)), text), text)
        assert _same(back.claims[0], claim)
        assert _same(back.claims[1], other)


def test_the_fast_claim_constructor_makes_the_same_frozen_claim() -> None:
    values = [f"v{i}" for i in range(len(dataclasses.fields(Claim)))]  # every field told apart
    fast, slow = new_claim(*values), Claim(*values)  # type: ignore[arg-type]
    assert type(fast) is Claim
    assert _same(fast, slow) and fast == slow and hash(fast) == hash(slow)
    assert [getattr(fast, f.name) for f in dataclasses.fields(Claim)] == values
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.text = "changed"  # type: ignore[misc]
    assert dataclasses.replace(fast, text="other").text == "other"
    # The same defaults: a claim built with the required fields only is the same claim.
    required = {f.name: getattr(slow, f.name) for f in dataclasses.fields(Claim)
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
    assert _same(new_claim(**required), Claim(**required))
    assert _same(pickle.loads(pickle.dumps(fast)), slow) and type(copy.deepcopy(fast)) is Claim
    parameters = inspect.signature(_ClaimSlots).parameters.values()
    assert [(p.name, p.default) for p in parameters] == [
        (f.name, inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default)
        for f in dataclasses.fields(Claim)]


def test_name_pairs_are_kept_for_the_next_run_of_this_extractor_version(tmp_path: Path) -> None:
    with ClaimCache(tmp_path) as cache:
        cache.put_pairs({"a": [(0, 1), (2, 5)], "b": []})
        assert cache.get_pairs() == {"a": [(0, 1), (2, 5)], "b": []}
        cache.put_pairs({"c": [(1, 2)]})  # what a run did not use is dropped
        assert cache.get_pairs() == {"c": [(1, 2)]}
    conn = sqlite3.connect(tmp_path / CACHE_FILENAME)
    with conn:
        conn.executemany("INSERT INTO name_pairs (key, version, data) VALUES (?, ?, ?)",
                         [("old", "another-version", "[[0,1]]"), ("bad", extractor_version(), "[[0,\"x\"]]"),
                          ("junk", extractor_version(), "{")])
    conn.close()
    with ClaimCache(tmp_path) as cache:
        assert cache.get_pairs() == {"c": [(1, 2)]}
        assert cache.diagnostics == []


def test_a_warm_run_compares_only_the_name_blocks_that_changed(tmp_path: Path, seeds) -> None:  # type: ignore[no-untyped-def]
    settings = CheckSettings(use_cache=True, cache_dir=str(tmp_path))
    first = extract_articles(seeds, settings)
    with ClaimCache(tmp_path) as cache:
        kept = cache.get_pairs()
    assert kept
    seen: list[PairMemo] = []
    real = engine.group_entities

    def spy(claims, options, workers=1, memo=None):  # type: ignore[no-untyped-def]
        seen.append(memo)
        return real(claims, options, workers=workers, memo=memo)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine, "group_entities", spy)
        second = extract_articles(seeds, settings)
    assert second.claims == first.claims
    assert seen[0] is not None and seen[0].hits == len(kept)


def test_garbage_entries_are_rejected(seeds) -> None:  # type: ignore[no-untyped-def]
    article = seeds.articles[0]
    good = encode(ArticleExtraction(tuple(extract(article)), ()), article.text)
    assert decode(good, article.text).claims
    start = _columns_at(good)
    for bad in (b"", b"{", b"[]", b"\x02\x00\x00\x00[]", good.decode("latin-1"),  # not bytes: an entry of old
                good[:-1], good[:-4], good + b"\x00" * 4,  # columns cut or grown
                (ENTRY_FORMAT - 1).to_bytes(4, "little") + good[4:],  # an entry of the layout before
                good[:start] + b"\xff" * (len(good) - start),  # negative indices
                good[:start] + b"\x7f" * (len(good) - start),  # indices past their tables
                _with_header(good, v=[]), _with_header(good, z=[["x", 3]]), _with_header(good, z=[[0, 3]]),
                _with_header(good, q=[[0, 5]]), _with_header(good, m=[[]]), _with_header(good, m={}),
                _with_header(good, w=[0, None, None, None, ["a"]])):  # a story word the entry has no count for
        with pytest.raises(ValueError):
            decode(bad, article.text)  # type: ignore[arg-type]


def _prefix(data: bytes) -> list[int]:
    """An entry's first ints: format mark, claims, header bytes, sentences, spans, words, word bytes."""
    return [int.from_bytes(data[i:i + 4], "little") for i in range(0, 28, 4)]


def _columns_at(data: bytes) -> int:
    """Where an entry's int columns start: after its first ints and its JSON header."""
    return 28 + _prefix(data)[2]


def _with_header(data: bytes, **changes: object) -> bytes:
    """The entry ``data`` with these keys of its JSON header changed."""
    prefix, start = _prefix(data), _columns_at(data)
    header = json.loads(data[28:start])
    header.update(changes)
    head = json.dumps(header).encode()
    prefix[2] = len(head)
    return b"".join(n.to_bytes(4, "little") for n in prefix) + head + data[start:]


def _article(text: str = "Lavrov began a two-day visit on Wednesday.", **kw: object) -> Article:
    fields: dict[str, object] = {"id": "a", "path": "a.txt", "text": text, "published": None}
    fields.update(kw)
    return Article(**fields)  # type: ignore[arg-type]


def test_key_changes_with_text_metadata_options_and_version() -> None:
    import datetime as dt

    base = _article()
    key = article_key(base, ExtractOptions())
    assert key == article_key(_article(), ExtractOptions())
    assert key != article_key(_article(text=base.text + " "), ExtractOptions())
    assert key != article_key(_article(published=dt.date(2023, 10, 19)), ExtractOptions())
    assert key != article_key(_article(id="b"), ExtractOptions())
    assert key != article_key(dataclasses.replace(base, title="Another headline"), ExtractOptions())  # story words
    assert key != article_key(base, ExtractOptions(kinds=("date",)))
    assert key != article_key(base, ExtractOptions(), version="another-extractor")


def _settings(tmp_path: Path, **kw: object) -> CheckSettings:
    return CheckSettings(use_cache=True, cache_dir=str(tmp_path / "cache"), **kw)  # type: ignore[arg-type]


def test_second_run_hits_and_gives_the_same_report(tmp_path: Path, seeds) -> None:  # type: ignore[no-untyped-def]
    cold = run_check(seeds, settings=_settings(tmp_path))
    warm = run_check(seeds, settings=_settings(tmp_path))
    plain = run_check(seeds)
    assert cold.cache is not None and (cold.cache.hits, cold.cache.misses) == (0, 5)
    assert warm.cache is not None and (warm.cache.hits, warm.cache.misses) == (5, 0)
    assert render_json(warm) == render_json(cold) == render_json(plain)
    assert warm.diagnostics == []
    assert (tmp_path / "cache" / ".gitignore").read_text().strip().endswith("*")


def test_equal_values_are_one_object_fresh_or_from_the_cache(tmp_path: Path, seeds) -> None:  # type: ignore[no-untyped-def]
    # A large corpus repeats names and attribute pairs over millions of claims: one object each.
    for run in ("cold", "warm"):
        claims = extract_articles(seeds, _settings(tmp_path)).claims
        for name in SHARED_FIELDS:
            firsts: dict[object, object] = {}
            for claim in claims:
                value = getattr(claim, name)
                if isinstance(value, str | tuple):
                    assert firsts.setdefault(value, value) is value, (run, name, value)
        quotes = [c.text for c in claims]
        assert len(set(quotes)) < len(quotes)  # the seeds do repeat quotes ("Lavrov", "North Korea")


def test_the_claims_of_one_sentence_share_its_offset_fresh_or_from_the_cache(tmp_path: Path, seeds) -> None:  # type: ignore[no-untyped-def]
    # An int above 256 is an object of its own: one per sentence, not one per claim.
    for run in ("cold", "warm"):
        claims = extract_articles(seeds, _settings(tmp_path)).claims
        firsts: dict[tuple[str, int], int] = {}
        shared = 0
        for claim in claims:
            first = firsts.setdefault((claim.article, claim.sentence_start), claim.sentence_start)
            assert first is claim.sentence_start, (run, claim)
            shared += first is claim.sentence_start and claim.sentence_start > 256
        assert shared > len(firsts) // 2, run  # the seeds have long articles with many claims a sentence


def test_equal_offsets_and_line_numbers_are_one_object_fresh_or_from_the_cache(tmp_path: Path, seeds) -> None:  # type: ignore[no-untyped-def]
    # Above 256 each int is an object of its own: one per value across the corpus, not one per field.
    for run in ("cold", "warm"):
        claims = extract_articles(seeds, _settings(tmp_path)).claims
        firsts: dict[int, int] = {}
        for claim in claims:
            for name in (*POSITION_FIELDS, "sentence_start"):
                value = getattr(claim, name)
                assert firsts.setdefault(value, value) is value, (run, name, value)
        assert max(firsts) > 256, run


def test_story_words_round_trip_whatever_characters_they_hold(seeds) -> None:  # type: ignore[no-untyped-def]
    article = seeds.articles[0]
    claims = tuple(extract(article))
    marks = story_features(article, claims).marks
    for lead, rest in (({}, {}), ({"one": 1}, {}), ({}, {"one": 2}), ({"a\x1fb": 1, "": 2}, {"c": 3}),
                       ({"x": 1, "y": 7}, {"\x1f": 1, "z": 2**31})):
        told = StoryFeatures(lead, rest, marks)
        back = decode(encode(ArticleExtraction(claims, (), None, False, told), article.text), article.text).story
        assert back == told and back is not None
        assert list(back.lead_words.items()) == list(lead.items())
        assert list(back.rest_words.items()) == list(rest.items())


def test_replace_claim_is_dataclasses_replace(seeds) -> None:  # type: ignore[no-untyped-def]
    claim = next(iter(extract(seeds.articles[0])))
    for changes in ({"canonical": "Other Name"}, {"start": 7, "text": "x"}, {}):
        fast, slow = replace_claim(claim, **changes), dataclasses.replace(claim, **changes)
        assert type(fast) is Claim and _same(fast, slow)
    with pytest.raises(TypeError):
        replace_claim(claim, no_such_field=1)


def test_a_changed_article_is_extracted_again(tmp_path: Path) -> None:
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    (corpus_dir / "a.txt").write_text("Lavrov began a two-day visit to North Korea on Wednesday.\n")
    (corpus_dir / "b.txt").write_text("Lavrov began a three-day visit to North Korea on Wednesday.\n")
    first = extract_articles(load_corpus([corpus_dir]), _settings(tmp_path))
    (corpus_dir / "b.txt").write_text("Lavrov began a four-day visit to North Korea on Wednesday.\n")
    second = extract_articles(load_corpus([corpus_dir]), _settings(tmp_path))
    assert second.cache is not None and (second.cache.hits, second.cache.misses) == (1, 1)
    assert "four-day visit" in {c.text for c in second.claims}
    assert "three-day visit" not in {c.text for c in second.claims}
    assert [c for c in first.claims if c.article == "a"] == [c for c in second.claims if c.article == "a"]
    with ClaimCache(tmp_path / "cache") as cache:
        assert len(cache) == 2  # the old entry of b was pruned


def test_other_extractor_version_or_options_miss(tmp_path: Path, seeds) -> None:  # type: ignore[no-untyped-def]
    extract_articles(seeds, _settings(tmp_path))
    other = extract_articles(seeds, _settings(tmp_path, extract=ExtractOptions(kinds=("date",))))
    assert other.cache is not None and other.cache.hits == 0
    assert {c.kind for c in other.claims} == {ClaimKind.DATE}
    keys = [article_key(a, ExtractOptions(), version="0ther") for a in seeds.articles]
    with ClaimCache(tmp_path / "cache") as cache:
        assert cache.get_many(keys) == {}


@pytest.mark.parametrize("damage", ["garbage", "truncated", "bad-row"])
def test_a_corrupt_cache_is_rebuilt_with_a_warning(tmp_path: Path, seeds, damage: str) -> None:  # type: ignore[no-untyped-def]
    expected = run_check(seeds, settings=_settings(tmp_path))
    path = tmp_path / "cache" / CACHE_FILENAME
    if damage == "garbage":
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.write_bytes(b"this is not a database" * 100)
    elif damage == "truncated":
        with sqlite3.connect(path) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        data = path.read_bytes()
        path.write_bytes(data[:100] + b"\xff" * (len(data) - 100))
    else:
        with sqlite3.connect(path) as conn:
            conn.execute("UPDATE claims SET data = '{not json'")
    result = run_check(seeds, settings=_settings(tmp_path))
    assert render_json(result) == render_json(expected)
    assert result.diagnostics and all(d.level == "warning" for d in result.diagnostics)
    assert any("corrupt cache rebuilt" in d.message or "unreadable" in d.message for d in result.diagnostics)
    again = run_check(seeds, settings=_settings(tmp_path))
    assert again.cache is not None and again.cache.hits == len(seeds.articles)
    assert again.diagnostics == []


def test_an_unusable_cache_directory_only_warns(tmp_path: Path, seeds) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    result = run_check(seeds, settings=CheckSettings(use_cache=True, cache_dir=str(blocker / "cache")))
    assert render_json(result) == render_json(run_check(seeds))
    assert [d.level for d in result.diagnostics] == ["warning"]


def _writer(directory: str, start: int, barrier: multiprocessing.synchronize.Barrier) -> None:
    claim = Claim(ClaimKind.DATE, "x", 0, 1, 1, 1, 1, 1, "x", "x")
    barrier.wait()
    with ClaimCache(directory) as cache:
        for i in range(start, start + 200, 10):
            cache.put_many([(f"k{j}", f"a{j}", ArticleExtraction((claim,)), "x") for j in range(i, i + 10)])
        assert not cache.diagnostics, cache.diagnostics


def test_two_concurrent_writers(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("spawn" if "fork" not in multiprocessing.get_all_start_methods() else "fork")
    barrier = ctx.Barrier(2)
    procs = [ctx.Process(target=_writer, args=(str(tmp_path), start, barrier)) for start in (0, 100)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(30)
    assert [p.exitcode for p in procs] == [0, 0]
    with ClaimCache(tmp_path) as cache:
        assert len(cache) == 300  # keys 0..299, the overlap 100..199 written by both
        assert cache.get("k150", "x") is not None


def test_default_directory_is_never_inside_the_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir([str(corpus)], cwd=tmp_path) == tmp_path.resolve() / ".factlint-cache"
    for cwd in (corpus, corpus / "sub"):
        chosen = default_cache_dir([str(corpus)], cwd=cwd)
        assert corpus.resolve() not in chosen.parents
        assert (tmp_path / "xdg" / "factlint").resolve() in chosen.parents


def test_options_key_is_the_same_for_unhashable_options_spelled_alike() -> None:
    listed = ExtractOptions(kinds=["date", "entity"])  # type: ignore[arg-type]
    assert options_key(listed) == options_key(ExtractOptions(kinds=("date", "entity")))


def test_the_cache_keeps_one_parse_per_file_for_its_digest(tmp_path: Path) -> None:
    with ClaimCache(tmp_path) as cache:
        assert cache.get_parsed("/c/corpus.toml", "d1") is None
        cache.put_parsed("/c/corpus.toml", "d1", '{"a":1}')
        cache.put_parsed("/c/corpus.toml", "d2", '{"a":2}')  # the file changed: replaces
        assert cache.get_parsed("/c/corpus.toml", "d1") is None
        assert cache.get_parsed("/c/corpus.toml", "d2") == '{"a":2}'
        cache.clear()
        assert cache.get_parsed("/c/corpus.toml", "d2") is None
    assert not list(tmp_path.glob("corpus.toml"))  # nothing written beside the cache file


def test_a_run_served_by_the_cache_never_loads_the_pattern_extractors(tmp_path: Path, seeds_dir: Path) -> None:
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from checker.corpus import load_corpus\n"
        "from checker.engine import CheckSettings, run_check\n"
        f"settings = CheckSettings(use_cache=True, cache_dir={str(tmp_path)!r})\n"
        f"result = run_check(load_corpus([{str(seeds_dir)!r}]), settings=settings)\n"
        "print(result.cache.hits, result.cache.misses, len(result.findings),"
        " sorted(m for m in sys.modules if m.startswith('checker.extractors.')))\n"
    )
    cold, warm = (subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
                  for _ in range(2))
    assert cold.startswith("0 5 ") and "checker.extractors.dates" in cold
    hits, misses, findings, modules = warm.split(" ", 3)
    assert (hits, misses, findings) == ("5", "0", cold.split(" ")[2])
    assert "dates" not in modules and "quantities" not in modules and "durations" not in modules


def test_rule_blocks_are_kept_per_rule_and_replaced_by_what_the_last_run_read(tmp_path: Path) -> None:
    with ClaimCache(tmp_path) as cache:
        cache.put_blocks("CT01", {"a": "[1]", "b": "[2]"})
        cache.put_blocks("DT04", {"a": "[9]"})
        first = cache.get_blocks("CT01")
        assert first == {"a": "[1]", "b": "[2]"}
        # what a run read ("b") and made ("c"); "a", not read, goes: only the difference is written
        cache.put_blocks("CT01", {"b": "[2]", "c": "[3]"}, first)
        assert cache.get_blocks("CT01") == {"b": "[2]", "c": "[3]"}
        cache.put_blocks("CT01", {"c": "[4]"})
        assert cache.get_blocks("CT01") == {"c": "[4]"}
        assert cache.get_blocks("DT04") == {"a": "[9]"}
        assert cache.get_blocks("NM01") == {}
        cache.clear()
        assert cache.get_blocks("DT04") == {}


def _entries(corpus) -> list[tuple[bytes, str]]:  # type: ignore[no-untyped-def]
    return [(encode(ArticleExtraction(tuple(extract(a)), ((0, 5),), None, False, story_features(a, ())), a.text),
             a.text) for a in corpus.articles]


def test_entries_decoded_together_are_what_each_decodes_to_alone(seeds) -> None:  # type: ignore[no-untyped-def]
    entries = _entries(seeds)
    together = decode_many(entries)
    alone = [decode(data, text) for data, text in entries]
    assert together == alone
    for mine, its in zip(together, alone, strict=True):
        assert mine is not None and all(_same(a, b) for a, b in zip(mine.claims, its.claims, strict=True))


def test_a_bad_entry_among_good_ones_is_the_only_one_lost(seeds) -> None:  # type: ignore[no-untyped-def]
    entries = _entries(seeds)
    bad = (_with_header(entries[1][0], z=[["x", 3]]), entries[1][1])
    found = decode_many([entries[0], bad, *entries[2:]])
    assert found[1] is None
    assert found[:1] + found[2:] == [decode(data, text) for data, text in entries[:1] + entries[2:]]


def test_an_index_past_its_own_table_is_refused_though_the_next_entry_has_values_there(
        seeds) -> None:  # type: ignore[no-untyped-def]
    """Decoded together, the tables of all entries lie one after the other: an index one past
    the first entry's kinds would read the next entry's first kind, and must not."""
    (first, text), after = _entries(seeds)[0], _entries(seeds)[1:]
    start = _columns_at(first)
    header = json.loads(first[28:start])
    n = _prefix(first)[1]
    kinds = len(header["v"][0])
    column = len(POSITION_FIELDS) + 1  # the kinds' index column follows the positions and the sentence index
    at = start + 4 * column * n
    broken = first[:at] + kinds.to_bytes(4, "little") + first[at + 4:]  # the first claim's kind: one past
    with pytest.raises(ValueError):
        decode(broken, text)
    found = decode_many([(broken, text), *after])
    assert found[0] is None and all(found[1:])
    quoted = _with_header(first, q=[[n, "x"]])  # a quote for a claim past the entry's own
    assert decode_many([(quoted, text), *after])[0] is None
    sentences = _prefix(first)[3]
    told = _with_header(first, z=[[sentences, "x"]])  # a sentence past the entry's own
    assert decode_many([(told, text), *after])[0] is None


def _with_words(data: bytes, words: bytes) -> bytes:
    """The entry ``data`` with its story words (the text after its int columns) replaced by ``words``."""
    prefix = _prefix(data)
    old = prefix[6]
    prefix[6] = len(words)
    return b"".join(n.to_bytes(4, "little") for n in prefix) + data[28:len(data) - old] + words


def test_story_words_decoded_together_stay_with_their_own_entry(seeds) -> None:  # type: ignore[no-untyped-def]
    """The story words of the entries decoded together are read as one text: an entry with a
    word too many and the next with one too few, together the right number, are both refused,
    never given each other's words; so is an entry whose words are not UTF-8."""
    entries = _entries(seeds)
    (first, text), (second, other) = entries[1], entries[2]
    assert _prefix(first)[5] > 2 and _prefix(second)[5] > 2
    split = first[len(first) - _prefix(first)[6]:].replace(b"\x1f", b"\x1fx\x1f", 1)  # a word too many
    merged = second[len(second) - _prefix(second)[6]:].replace(b"\x1f", b"", 1)  # one too few
    bad = [(_with_words(first, split), text), (_with_words(second, merged), other)]
    found = decode_many([entries[0], *bad, *entries[3:]])
    assert found[1] is None and found[2] is None
    assert found[:1] + found[3:] == [decode(data, text) for data, text in entries[:1] + entries[3:]]
    for data, words in bad:
        with pytest.raises(ValueError):
            decode(data, words)
    broken = (_with_words(first, b"\xff" + first[len(first) - _prefix(first)[6]:]), text)
    assert decode_many([entries[0], broken, *entries[2:]])[1] is None


def test_ints_read_through_a_table_are_those_read_one_at_a_time() -> None:
    """:func:`_shared_ints` reads small values through a table of them, large ones a value at a
    time: the same ints, each the object ``numbers`` holds for its value."""
    for ints in (np.array([[0, 5, 300, 5], [300, 7000, 1, 0]]), np.array([[2**31, 300, 7]]),
                 np.zeros((2, 0), dtype=np.int64)):
        held = int("300")  # the object a former entry gave
        numbers: dict[int, int] = {300: held}
        found = _shared_ints(ints, numbers.setdefault)
        assert found == ints.tolist()
        assert all(type(v) is int and v is numbers[v] for row in found for v in row)
        assert all(v is held for row in found for v in row if v == 300)


def test_values_are_picked_as_they_are_even_tuples_of_one_length() -> None:
    """:func:`_pick` takes a table of tuples of one length as values (never as rows of a grid)."""
    table = [("a", "b"), ("c", "d"), ()]
    assert _pick(table, np.array([1, 0, 1])) == [("c", "d"), ("a", "b"), ("c", "d")]
    assert _pick(table[:2], np.array([[1], [0]])) == [[("c", "d")], [("a", "b")]]  # a row per field
    assert all(a is b for a, b in zip(_pick(table, np.array([2, 0])), (table[2], table[0]), strict=True))
