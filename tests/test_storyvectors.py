"""Story vectors as arrays (checker/storyvectors.py): every float is the one Python's arithmetic
term by term gives, which the dict-based reference below spells out."""

from __future__ import annotations

import math
import random
from collections import Counter
from itertools import combinations

import numpy as np
import pytest

from checker import storyvectors
from checker.storyvectors import (
    Counts,
    Vectors,
    co_posted,
    cosines,
    merge_counts,
    order_by,
    python_sums,
    run_sums,
    tf_idf,
)


def _neumaier(values: list[float]) -> float:
    """CPython 3.12's ``sum`` of floats, spelled out."""
    total, error = 0.0, 0.0
    for x in values:
        t = total + x
        error += (total - t) + x if abs(total) >= abs(x) else (x - t) + total
        total = t
    return total + error if error and math.isfinite(error) else total


def _one_by_one(values: list[float]) -> float:
    total = 0.0
    for x in values:
        total += x
    return total


def _runs(rng: random.Random) -> tuple[list[list[float]], np.ndarray, np.ndarray]:
    runs = [[rng.choice([-1, 1]) * rng.random() * 10 ** rng.randint(-8, 8) for _ in range(rng.choice([0, 1, 1, 2, 3, 9, 40]))]
            for _ in range(300)]
    return runs, np.array([x for run in runs for x in run]), np.array([len(run) for run in runs], np.int64)


def test_run_sums_are_bit_for_bit_the_sums_of_python_floats_one_by_one_or_compensated() -> None:
    runs, values, lengths = _runs(random.Random(3))
    assert run_sums(values, lengths).tolist() == [_one_by_one(run) for run in runs]
    assert run_sums(values, lengths, compensated=True).tolist() == [_neumaier(run) for run in runs]


def test_python_sums_are_what_this_pythons_sum_gives() -> None:
    runs, values, lengths = _runs(random.Random(4))
    assert python_sums(values, lengths).tolist() == [float(sum(run)) for run in runs]


def test_order_by_sorts_by_each_key_in_turn_keeping_ties_in_place_however_large_the_keys() -> None:
    rng = np.random.default_rng(1)
    a, b = rng.integers(0, 5, 200), rng.integers(0, 7, 200)
    expected = sorted(range(200), key=lambda k: (a[k], b[k]))
    assert order_by((a, 5), (b, 7)).tolist() == expected
    assert order_by((a, 2**30), (b, 2**30)).tolist() == expected  # no room left for the places
    assert order_by((a, 2**40), (b, 2**40)).tolist() == expected  # too wide for one key: sorted key by key


def _reference(counts: list[dict[str, float]], keep: int) -> list[dict[str, float]]:
    """TF-IDF vectors built term by term in dicts (sublinear tf, smoothed idf, unit length, the
    ``keep`` heaviest terms of each)."""
    df: Counter[str] = Counter()
    for row in counts:
        df.update(row.keys())
    n = len(counts)
    idf = {t: math.log((1 + n) / (1 + d)) + 1.0 for t, d in df.items()}
    vectors = []
    for row in counts:
        vec = {t: (1.0 + math.log(c)) * idf[t] for t, c in row.items() if c > 0}
        if keep and len(vec) > keep:
            vec = dict(sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:keep])
        norm = math.sqrt(sum([v * v for v in vec.values()])) or 1.0
        vectors.append({t: v / norm for t, v in vec.items()})
    return vectors


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum([v * b[t] for t, v in a.items() if t in b])


def _corpus(seed: int, n: int = 60) -> tuple[list[list[tuple[str, float]]], list[str]]:
    """Rows of (term, count) entries as counted, terms counted again in a row among them."""
    rng = random.Random(seed)
    words = ["".join(rng.choice("abcde") for _ in range(rng.randint(1, 3))) for _ in range(80)]
    rows = [[(rng.choice(words), float(rng.choice([1, 1, 1, 2, 3, 0.5, 7]))) for _ in range(rng.randint(0, 50))]
            for _ in range(n)]
    return rows, sorted({t for row in rows for t, _ in row})


def _counts(rows: list[list[tuple[str, float]]], vocabulary: list[str], at_once: int) -> list[Counts]:
    number = {t: k for k, t in enumerate(vocabulary)}
    spans = []
    for first in range(0, len(rows), at_once):
        span = rows[first:first + at_once]
        entries = [(r, number[t], c) for r, row in enumerate(span) for t, c in row]
        spans.append(merge_counts(first, np.array([r for r, _, _ in entries], np.int64),
                                  np.array([t for _, t, _ in entries], np.int64),
                                  np.array([c for _, _, c in entries]), len(span), len(vocabulary)))
    return spans


def _dicts(vectors: Vectors, vocabulary: list[str]) -> list[dict[str, float]]:
    start, terms, weights = vectors.start.tolist(), vectors.terms.tolist(), vectors.weights.tolist()
    return [{vocabulary[t]: w for t, w in zip(terms[start[k]:start[k + 1]], weights[start[k]:start[k + 1]], strict=True)}
            for k in range(vectors.size)]


@pytest.mark.parametrize("keep", [0, 6, 30])
def test_vectors_hold_the_terms_and_floats_of_dicts_built_term_by_term_in_their_order(keep: int) -> None:
    rows, vocabulary = _corpus(keep)
    counted = []
    for row in rows:
        counts: dict[str, float] = {}
        for t, c in row:
            counts[t] = counts.get(t, 0.0) + c
        counted.append(counts)
    expected = _reference(counted, keep)
    for at_once in (7, 1000):
        got = _dicts(tf_idf(_counts(rows, vocabulary, at_once), len(rows), len(vocabulary), keep), vocabulary)
        assert [list(v.items()) for v in got] == [list(v.items()) for v in expected]


def test_cosines_are_the_sums_python_gives_in_the_order_of_the_shorter_vector(monkeypatch: pytest.MonkeyPatch) -> None:
    rows, vocabulary = _corpus(9)
    vectors = tf_idf(_counts(rows, vocabulary, 13), len(rows), len(vocabulary), 20)
    dicts = _dicts(vectors, vocabulary)
    pairs = list(combinations(range(len(rows)), 2))
    first, second = (np.array(side, np.int64) for side in zip(*pairs, strict=True))
    expected = [float(_cosine(dicts[i], dicts[j])) for i, j in pairs]
    assert cosines(vectors, first, second).tolist() == expected
    monkeypatch.setattr(storyvectors, "CELLS_AT_ONCE", 50)  # a table of a row or two at once
    monkeypatch.setattr(storyvectors, "PRODUCTS_AT_ONCE", 30)  # summed every few pairs
    assert cosines(vectors, first, second).tolist() == expected


def test_rows_are_paired_when_they_share_enough_of_their_heaviest_terms(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storyvectors, "ROWS_AT_ONCE", 5)
    rows, vocabulary = _corpus(11, n=40)
    vectors = tf_idf(_counts(rows, vocabulary, 5), len(rows), len(vocabulary), 20)
    dicts = _dicts(vectors, vocabulary)
    df = Counter(t for row in rows for t in {t for t, _ in row})
    top = [{t for t, _ in sorted(v.items(), key=lambda kv: (-kv[1], kv[0]))[:4] if 1 < df[t] <= 9} for v in dicts]
    for least in (1, 2):
        expected = [(i, j) for i, j in combinations(range(len(rows)), 2) if len(top[i] & top[j]) >= least]
        first, second = co_posted((vectors,), len(vocabulary), 4, 9, least)
        assert list(zip(first.tolist(), second.tolist(), strict=True)) == expected


@pytest.mark.parametrize("rows", [
    [[("a", 1.0)], [("b", 2.0)], [("c", 1.0), ("d", 1.0)]],  # no term in two rows: a table of no columns
    [[("a", 1.0)], [], [("a", 1.0), ("b", 1.0)], [("c", 1.0)]],  # a term shared, and rows that share none
])
def test_cosines_of_rows_that_share_no_term_are_zero(rows: list[list[tuple[str, float]]]) -> None:
    vocabulary = sorted({t for row in rows for t, _ in row})
    vectors = tf_idf(_counts(rows, vocabulary, 2), len(rows), len(vocabulary))
    dicts = _dicts(vectors, vocabulary)
    pairs = list(combinations(range(len(rows)), 2))
    first, second = (np.array(side, np.int64) for side in zip(*pairs, strict=True))
    assert cosines(vectors, first, second).tolist() == [float(_cosine(dicts[i], dicts[j])) for i, j in pairs]
