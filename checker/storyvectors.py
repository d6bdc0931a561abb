"""The TF-IDF vectors of a corpus's articles as arrays, and the cosines of pairs of them.

Story building (:mod:`checker.stories`) compares thousands of articles by the cosine of their
term vectors. Held as one dict per article, 10,000 articles' vectors were a million Python
floats and their cosines a Python loop per shared term; here every vector is a row of three
flat arrays (:class:`Vectors`) and a whole batch of pairs is compared by a few array
operations. Every float is still the one the same arithmetic on Python floats gives, term by
term: logarithms come from :mod:`math`, products and quotients are the same IEEE operations,
and each sum adds its terms in the order a dict built term by term would hold them, as
Python's ``sum`` adds them (:func:`python_sums`), so that stories are the same to the last bit.

Terms are numbered in alphabetical order, so that "by term" means what sorting the strings
meant. Pure functions only: no I/O, no printing.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
Integers = npt.NDArray[np.integer[Any]]
"""Integers of any width (term numbers are kept in 32 bits)."""

COMPENSATED_SUM = sum([1.0, 1e100, 1.0, -1e100]) == 2.0
"""Does this interpreter's ``sum`` of floats compensate its rounding (Neumaier's algorithm, as
Python 3.12 on does)? :func:`python_sums` does the same as it."""


def run_sums(values: FloatArray, lengths: IntArray, compensated: bool = False) -> FloatArray:
    """The sum of each run of ``values`` (consecutive runs of ``lengths``), bit for bit the float
    that adding the run's values one by one to 0.0 gives, or with ``compensated`` the float that
    Python's ``sum`` gives when it compensates. The runs are summed side by side: one array
    operation adds the k-th value of every run that has one."""
    starts = np.cumsum(lengths) - lengths
    total = np.zeros(len(lengths))
    told = lengths > 0
    total[told] = 0.0 + values[starts[told]]  # the first value leaves nothing to compensate
    longer = np.flatnonzero(lengths > 1)
    if not len(longer):
        return total
    longest = int(lengths[longer].max())
    longer = longer[order_by((longest - lengths[longer], longest))]  # longest first: the runs still adding are a prefix
    firsts, longest_first = starts[longer], lengths[longer]
    adding = np.searchsorted(-longest_first, -np.arange(1, int(longest_first[0])), side="left")
    sums = total[longer]
    error = np.zeros(len(longer))
    for k, m in enumerate(adding.tolist(), 1):
        x = values[firsts[:m] + k]
        if compensated:  # Neumaier's, as CPython's sum of floats
            s = sums[:m]
            t = s + x
            error[:m] += np.where(np.abs(s) >= np.abs(x), (s - t) + x, (x - t) + s)
            sums[:m] = t
        else:
            sums[:m] += x
    if compensated:
        sums = np.where((error != 0) & np.isfinite(error), sums + error, sums)
    total[longer] = sums
    return total


def python_sums(values: FloatArray, lengths: IntArray) -> FloatArray:
    """What Python's ``sum`` of each run of ``values`` gives on this interpreter."""
    return run_sums(values, lengths, COMPENSATED_SUM)


def ranges(starts: IntArray, lengths: IntArray) -> IntArray:
    """``concatenate([arange(s, s + n) for s, n in zip(starts, lengths)])``, without the loop."""
    ends = np.cumsum(lengths)
    return np.arange(int(ends[-1]) if len(ends) else 0, dtype=np.int64) + np.repeat(starts - ends + lengths, lengths)


def run_heads(*keys: Integers) -> IntArray:
    """Where each run of equal keys starts, in entries sorted by ``keys``."""
    if not len(keys[0]):
        return np.zeros(0, np.int64)
    changed = np.zeros(len(keys[0]) - 1, bool)
    for key in keys:
        changed |= key[1:] != key[:-1]
    return np.flatnonzero(np.r_[True, changed])


def run_lengths(heads: IntArray, size: int) -> IntArray:
    """The length of each run of :func:`run_heads` ``heads`` in ``size`` entries."""
    lengths: IntArray = np.diff(np.r_[heads, size]).astype(np.int64)
    return lengths


def ranks_in_runs(runs: IntArray) -> IntArray:
    """The place of each entry in its run of equal ``runs`` values (entries sorted by them)."""
    heads = run_heads(runs)
    return np.arange(len(runs), dtype=np.int64) - np.repeat(heads, run_lengths(heads, len(runs)))


def order_by(*keys: tuple[Integers, int]) -> IntArray:
    """The stable permutation that orders entries by the first key, then the second ...: each
    key an array of integers from 0 to below its bound. The keys are combined into one integer
    with each entry's place in its lowest bits, when the bounds allow, and sorted by value (a
    faster sort than one that must keep ties in place); else sorted key by key."""
    span = 1
    for _, bound in keys:
        span *= max(bound, 1)
    size = len(keys[0][0])
    if span >= 2**63:
        return np.lexsort([values for values, _ in reversed(keys)]).astype(np.int64)
    combined = np.zeros(size, np.int64)
    for values, bound in keys:
        combined *= max(bound, 1)
        combined += values
    place_bits = max(size - 1, 0).bit_length()
    if span << place_bits >= 2**63:
        order: IntArray = np.argsort(combined, kind="stable")
        return order
    combined <<= place_bits
    combined |= np.arange(size, dtype=np.int64)
    combined.sort()
    combined &= (1 << place_bits) - 1
    return combined


def descending(weights: FloatArray) -> tuple[IntArray, int]:
    """The rank of each weight from the heaviest (0), equal weights ranked equal, and how many ranks."""
    unique, rank = np.unique(weights, return_inverse=True)
    return len(unique) - 1 - rank.reshape(-1), len(unique)


ROWS_AT_ONCE = 2048
"""Rows (articles) whose entries are worked on at once: each step's arrays stay a few MB
whatever the corpus (a step over all entries of 100,000 articles at once would hold several
arrays of 100 MB each)."""


@dataclass(frozen=True, slots=True)
class Counts:
    """Term counts of the rows from ``first`` on: row ``first + k`` counts the terms of the
    ``lengths[k]`` entries after those of the rows before it, each term once, in the order first
    counted (the order a dict counting them holds them)."""

    first: int
    lengths: IntArray
    terms: IntArray
    counts: FloatArray

    @property
    def rows(self) -> IntArray:
        """The row of each entry, counted from ``first``."""
        return np.repeat(np.arange(len(self.lengths), dtype=np.int64), self.lengths)


def merge_counts(first: int, rows: IntArray, terms: IntArray, counts: FloatArray, n: int, n_terms: int) -> Counts:
    """The :class:`Counts` of ``n`` rows from ``first`` on, from entries (row counted from
    ``first``, term, count) row after row in the order counted: the counts of a term counted
    again in its row add up, in the order counted, in its first place."""
    grouped = order_by((rows, n), (terms, n_terms))
    heads = run_heads(rows[grouped], terms[grouped])
    totals = run_sums(counts[grouped], run_lengths(heads, len(grouped)))
    firsts = grouped[heads]
    counted = np.zeros(len(rows), bool)  # each term's first place: in the order counted, without a sort
    counted[firsts] = True
    total_at = np.empty(len(rows))
    total_at[firsts] = totals
    once = np.flatnonzero(counted)
    return Counts(first, np.bincount(rows[once], minlength=n), terms[once], total_at[once])


@dataclass(frozen=True, slots=True)
class Vectors:
    """Unit vectors of ``len(start) - 1`` rows (articles): row ``k`` holds
    ``terms[start[k]:start[k + 1]]`` (term numbers) with their ``weights``, in the order a dict
    built term by term would hold them (the order its sums add up in)."""

    start: IntArray
    terms: npt.NDArray[np.int32]
    weights: FloatArray
    df: IntArray
    """The rows each term was counted in (before ``keep``)."""

    @property
    def size(self) -> int:
        return len(self.start) - 1

    @property
    def lengths(self) -> IntArray:
        return np.diff(self.start)

    def rows(self, first: int = 0, end: int | None = None) -> IntArray:
        """The row of each entry of rows ``first`` to ``end``."""
        end = self.size if end is None else end
        return np.repeat(np.arange(first, end, dtype=np.int64), self.lengths[first:end])

    def spans(self) -> list[tuple[int, int, int, int]]:
        """:func:`row_spans` of the entries."""
        bounds = np.arange(0, self.size + ROWS_AT_ONCE, ROWS_AT_ONCE).clip(max=self.size)
        rows_at, entries = bounds.tolist(), self.start[bounds].tolist()
        return [(rows_at[k], rows_at[k + 1], entries[k], entries[k + 1]) for k in range(len(rows_at) - 1)
                if rows_at[k] < rows_at[k + 1]]


def tf_idf(spans: Sequence[Counts], n: int, n_terms: int, keep: int = 0) -> Vectors:
    """TF-IDF vectors (sublinear tf, smoothed idf, unit length) of ``n`` rows from their term
    counts (``spans``, row after row). With ``keep``, each vector keeps its ``keep`` heaviest
    terms (then made unit length again): the long tail of a long article adds little to a
    cosine and much to its cost."""
    df = np.zeros(n_terms, np.int64)
    lengths = np.zeros(n, np.int64)
    for span in spans:
        df += np.bincount(span.terms, minlength=n_terms)
        lengths[span.first:span.first + len(span.lengths)] = np.bincount(
            span.rows[span.counts > 0], minlength=len(span.lengths))
    if keep:
        lengths = np.minimum(lengths, keep)
    unique_df, df_index = np.unique(df, return_inverse=True)
    idf = np.array([math.log((1 + n) / (1 + d)) + 1.0 for d in unique_df.tolist()])[df_index.reshape(-1)]
    start = np.r_[0, np.cumsum(lengths)].astype(np.int64)
    terms = np.zeros(int(start[-1]), np.int32)
    weights = np.zeros(int(start[-1]))
    for span in spans:
        rows, positive = span.rows, span.counts > 0
        rows, span_terms, counts = rows[positive], span.terms[positive], span.counts[positive]
        unique_counts, count_index = np.unique(counts, return_inverse=True)
        tf = np.array([1.0 + math.log(c) for c in unique_counts.tolist()])[count_index.reshape(-1)]
        span_weights = tf * idf[span_terms]
        size = len(span.lengths)
        span_lengths = lengths[span.first:span.first + size]
        cut = (np.bincount(rows, minlength=size) > span_lengths)[rows]
        if cut.any():
            long_entries = np.flatnonzero(cut)
            rank, ranks = descending(span_weights[long_entries])
            heaviest = long_entries[order_by((rows[long_entries], size), (rank, ranks), (span_terms[long_entries], n_terms))]
            # rows kept whole keep the order counted, the others are heaviest first
            order = np.concatenate([np.flatnonzero(~cut), heaviest[ranks_in_runs(rows[heaviest]) < keep]])
            order = order[order_by((rows[order], size))]
            rows, span_terms, span_weights = rows[order], span_terms[order], span_weights[order]
        at = slice(int(start[span.first]), int(start[span.first + size]))
        terms[at] = span_terms
        weights[at] = span_weights
    norms = np.sqrt(python_sums(weights * weights, lengths))
    norms[norms == 0] = 1.0
    weights /= np.repeat(norms, lengths)
    return Vectors(start, terms, weights, df)


CELLS_AT_ONCE = 1 << 21
"""Cells of the table in which :func:`cosines` looks up the terms of a span of rows (rows by
the terms they may share)."""
PRODUCTS_AT_ONCE = 1 << 20
"""Products of shared terms :func:`cosines` holds before it sums them."""


def cosines(vectors: Vectors, first: IntArray, second: IntArray) -> FloatArray:
    """The cosine of each pair of rows (``first[p]``, ``second[p]``): the products of the weights
    of the terms they share, summed as Python sums them, in the order of the shorter vector
    (of the first when they are as long). The longer rows of a span of rows are laid out in a
    table (row, term) of their entries; each term of a shorter row is looked up in it."""
    lengths, start, terms, weights = vectors.lengths, vectors.start, vectors.terms, vectors.weights
    swap = lengths[first] > lengths[second]
    short, long = np.where(swap, second, first), np.where(swap, first, second)
    # only terms of two rows or more can be shared: they alone get a column
    shareable = np.bincount(terms, minlength=len(vectors.df)) > 1
    column = np.where(shareable, np.cumsum(shareable) - 1, -1).astype(np.int32)[terms]
    columns = int(shareable.sum())
    rows_at_once = max(1, CELLS_AT_ONCE // max(columns, 1))
    # each term's entry; the last column, never written, answers the terms of no column (-1)
    # (held flat, a cell at row * width + column: one index per cell is faster to take than two;
    # column -1 of a row is the last column of the row before, or of the table, never written either)
    width = columns + 1
    table = np.full(rows_at_once * width, -1, np.int32 if len(terms) < 2**31 else np.int64)
    by_long = order_by((long, vectors.size))
    bounds = np.searchsorted(long[by_long], np.arange(0, vectors.size + rows_at_once, rows_at_once)).tolist()
    result = np.zeros(len(first))
    products: list[FloatArray] = []
    counts: list[IntArray] = []
    summed = held = 0
    for span, (lo, hi) in enumerate(itertools.pairwise(bounds)):
        if lo < hi:
            first_row = span * rows_at_once
            end_row = min(first_row + rows_at_once, vectors.size)
            entries = np.arange(start[first_row], start[end_row], dtype=np.int64)
            entry_columns = column[entries]
            laid = entry_columns >= 0
            cells = (vectors.rows(first_row, end_row) - first_row)[laid] * width + entry_columns[laid]
            table[cells] = entries[laid]
            a, b = short[by_long[lo:hi]], long[by_long[lo:hi]] - first_row
            a_entries = ranges(start[a], lengths[a])
            pair_of = np.repeat(np.arange(hi - lo, dtype=np.int64), lengths[a])
            found = table[(b * width)[pair_of] + column[a_entries]]
            shared = found >= 0
            products.append(weights[a_entries[shared]] * weights[found[shared]])
            counts.append(np.bincount(pair_of[shared], minlength=hi - lo))
            table[cells] = -1
            held += len(products[-1])
        if products and (held >= PRODUCTS_AT_ONCE or hi == len(by_long)):  # sum the pairs' products so far
            result[by_long[summed:hi]] = python_sums(np.concatenate(products), np.concatenate(counts))
            products, counts, summed, held = [], [], hi, 0
    return result


def co_posted(indexed: tuple[Vectors, ...], n_terms: int, top: int, max_df: int, least: int) -> tuple[IntArray, IntArray]:
    """The pairs of rows (``i < j``, in order) that share at least ``least`` distinctive terms:
    each of the ``top`` heaviest terms of a row (of each of ``indexed``) counted in more than
    one row and at most ``max_df`` rows is posted for the row, and every two rows a term is
    posted for make a pair."""
    n = indexed[0].size
    keys: list[IntArray] = []
    for vectors in indexed:
        posted_terms: list[Integers] = []
        posted_rows: list[IntArray] = []
        for first, end, lo, hi in vectors.spans():
            rows, terms = vectors.rows(first, end), vectors.terms[lo:hi]
            rank, ranks = descending(vectors.weights[lo:hi])
            heaviest = order_by((rows - first, end - first), (rank, ranks), (terms, n_terms))
            heaviest = heaviest[ranks_in_runs(rows[heaviest]) < top]
            df = vectors.df[terms[heaviest]]
            heaviest = heaviest[(df > 1) & (df <= max_df)]
            posted_terms.append(terms[heaviest])
            posted_rows.append(rows[heaviest])
        if not posted_terms:
            continue
        terms, members = np.concatenate(posted_terms), np.concatenate(posted_rows)
        by_term = order_by((terms, n_terms), (members, n))
        terms, members = terms[by_term], members[by_term]
        heads = run_heads(terms)
        sizes = run_lengths(heads, len(terms))
        for size in np.unique(sizes[sizes > 1]).tolist():
            left, right = np.triu_indices(size, 1)
            at = heads[sizes == size][:, None]
            keys.append((members[at + left] * n + members[at + right]).ravel())
    pairs, shared = np.unique(np.concatenate(keys) if keys else np.zeros(0, np.int64), return_counts=True)
    pairs = pairs[shared >= least]
    return pairs // n, pairs % n
