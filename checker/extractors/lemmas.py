"""lemminflect's ``getAllLemmas`` without loading lemminflect: the same lookup in the same tables.

``from lemminflect import getAllLemmas`` imports lemminflect (and through it numpy) and, on the
first call, parses its 80,000-line lemma table line by line out of a gzip stream: about 0.7 s
per process, more than a tenth of extracting a thousand articles, for a hundred words looked up.
:func:`all_lemmas` reads the same two resource files of the installed lemminflect (found without
importing it) at C speed, keeps each word's lines as text and parses only the lines of the words
looked up; its result is ``getAllLemmas(word)``'s (no part of speech given): the table's entries
for the lower-cased word in file order, the overrides applied over them, the forms in the word's
capitalisation. When lemminflect's resources are not where its 0.2 layout puts them, it asks
lemminflect itself.
"""

from __future__ import annotations

import gzip
import importlib.util
from functools import cache, lru_cache
from pathlib import Path

__all__ = ["all_lemmas"]


def _resources() -> Path | None:
    spec = importlib.util.find_spec("lemminflect")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        folder = Path(location) / "resources"
        if (folder / "lemma_lu.csv.gz").is_file() and (folder / "lemma_overrides.csv").is_file():
            return folder
    return None


@cache
def _tables() -> tuple[dict[str, list[str]], dict[str, dict[str, tuple[str, ...]]]] | None:
    """The lemma table (word -> its lines' "category,forms" parts, in file order) and the
    overrides (word -> {upos: (lemma,)}), as lemminflect's codecs read them; ``None`` if the
    files are not found."""
    folder = _resources()
    if folder is None:
        return None
    with gzip.open(folder / "lemma_lu.csv.gz", "rb") as f:
        text = f.read().decode()
    table: dict[str, list[str]] = {}
    for line in text.split("\n"):
        if not line:
            continue
        word, _, rest = line.strip().partition(",")
        entries = table.get(word)
        if entries is None:
            table[word] = [rest]
        else:
            entries.append(rest)
    overrides: dict[str, dict[str, tuple[str, ...]]] = {}
    with open(folder / "lemma_overrides.csv") as f:  # as lemminflect's OverridesCodec.load opens it
        for raw in f:
            line = raw.strip()
            if not line or line[0] == "#":
                continue
            word_in, pos, word_out = line.split(",")
            overrides.setdefault(word_in, {})[pos] = (word_out,)
    return table, overrides


def _upos(category: str) -> str:
    upos = category.upper()
    return "AUX" if upos == "MODAL" else upos


def _caps(word: str, style: str) -> str:
    if style == "all_upper":
        return word.upper()
    if style == "first_upper":
        return word.capitalize()
    return word.lower()


@lru_cache(maxsize=65536)
def _all_lemmas(word: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    tables = _tables()
    if tables is None:
        from lemminflect import getAllLemmas  # the resources moved: ask lemminflect

        return tuple((k, tuple(v)) for k, v in getAllLemmas(word).items())
    table, overrides = tables
    style = "all_upper" if word.isupper() else "first_upper" if word and word[0].isupper() else "lower"
    w = word.lower()
    lemmas: dict[str, tuple[str, ...]] = {}
    for rest in table.get(w, ()):
        category, forms = rest.split(",")
        lemmas[_upos(category)] = tuple(forms.split("/"))
    lemmas.update(overrides.get(w, {}))
    return tuple((upos, tuple(_caps(f, style) for f in forms)) for upos, forms in lemmas.items())


def all_lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """``lemminflect.getAllLemmas(word)``: part of speech (upos) -> lemmas of the word."""
    return dict(_all_lemmas(word))
