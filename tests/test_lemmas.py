"""checker.extractors.lemmas.all_lemmas answers as lemminflect.getAllLemmas does."""

from __future__ import annotations

import gzip

import pytest

from checker.extractors.lemmas import _tables, all_lemmas

lemminflect = pytest.importorskip("lemminflect")


def test_tables_found() -> None:
    assert _tables() is not None


@pytest.mark.parametrize("word", [
    "technician", "ships", "SHIPS", "Ships", "dead", "killed", "sank", "all", "All", "ALL", "it", "its", "men",
    "people", "running", "launcher", "grenade", "xyzzy", "", "'s", "Aachen", "aachen", "better", "was", "data",
])
def test_same_as_lemminflect(word: str) -> None:
    expected = lemminflect.getAllLemmas(word)
    found = all_lemmas(word)
    assert found == expected
    assert list(found) == list(expected)  # the same order of parts of speech


def test_every_tenth_word_of_the_table() -> None:
    from lemminflect import config

    with gzip.open(config.lemma_lu_fn, "rb") as f:
        words = [line.split(",", 1)[0] for line in f.read().decode().split("\n") if line]
    for word in words[::10]:
        assert all_lemmas(word) == lemminflect.getAllLemmas(word), word
