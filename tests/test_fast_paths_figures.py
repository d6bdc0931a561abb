"""The quantity extractor's fast paths answer exactly as the patterns they stand in for.

As in ``test_fast_paths.py``: each fast path (the ``re`` twins of the figure patterns, the number
starts found by two skipping scans, the end and first-character tests before the context
patterns, the qualifier read once per wording) is compared with the plain pattern on random texts
built from the words and characters those care about (seeded: the same texts every run), and,
where a test of a text's end stands in for a pattern, with every string the pattern can match."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

import pytest
import regex

from checker.extractors import numbers, quantities
from checker.extractors.twins import ascii_twin
from tests.test_fast_paths import _language

ROUNDS = 4000
_ODD = ["é", "ſ", "K", "İ", "\t", "\x1c", "\u00a0", "\n", "_", "-", ".", ",", "(", ")", "'", "’", "  "]


def _texts(seed: int, pieces: list[str], joins: list[str], most: int) -> Iterator[str]:
    rng = random.Random(seed)
    for _ in range(ROUNDS):
        yield "".join(rng.choice(pieces) + rng.choice(joins) for _ in range(rng.randint(0, most)))


_FIGURE_PIECES = ["greater than or equal than", "more than", "More Than", "at least", "up to", "nearly", "about",
                  "approx.", "sub-", "<", ">=", "US $", "US$", "$", "A$", "$US", "USD", "usd", "Rs.", "euro", "minus",
                  "-", "1,000", "2.5", ".5", "3", "2018", "1957-58", "2-1", "twenty-five", "one", "a few", "a hundred",
                  "tens of thousands", "half a dozen", "two dozen", "5m", "5M", "3bn", "no-one", "someone", "people",
                  "percent", "per cent", "%", "million", "bn", "k", "to", "and", "or", "between", "km", "4km", "mg",
                  "euros", "dollars", "-euro", "or more", "or so", "kilometres", "°C", "x", "Xk", "_", "é"]


def _groups(match: regex.Match[str] | re.Match[str] | None) -> object:
    if match is None:
        return None
    return match.span(), sorted((name, match.span(name)) for name in match.groupdict())


def test_ascii_twin_reads_letter_properties_as_ascii_classes() -> None:
    twin = ascii_twin(regex.compile(r"(?<!\p{L}-)[\p{L}\d]+(?![\p{L}])\p{Ll}", regex.I))
    assert twin.pattern == r"(?<![A-Za-z]-)[A-Za-z\d]+(?![A-Za-z])[A-Za-z]"
    assert twin.flags & re.ASCII and twin.flags & re.IGNORECASE
    assert ascii_twin(regex.compile(r"[]\p{L}]\p{Ll}")).pattern == r"[]A-Za-z][a-z]"
    assert ascii_twin(regex.compile(r"\\p{L}\[\p{L}")).pattern == r"\\p{L}\[[A-Za-z]"
    with pytest.raises(ValueError):
        ascii_twin(regex.compile(r"\p{Lu}"))


def test_figure_twins_find_the_figures_of_the_patterns() -> None:
    texts = list(_texts(41, _FIGURE_PIECES, [" ", " ", "", "-", ",", ".", "  ", "\t"], 10))
    checked = 0
    for t in texts:
        if not t.isascii():
            continue
        checked += 1
        for pos in range(0, len(t) + 1, 3):
            assert _groups(quantities._ASCII_FIGURE.search(t, pos)) == _groups(quantities._FIGURE.search(t, pos)), t
            assert _groups(quantities._ASCII_SINGLE_FIGURE.match(t, pos)) == _groups(
                quantities._SINGLE_FIGURE.match(t, pos)), t
    assert checked > ROUNDS // 2


def test_figures_searched_near_number_starts_with_the_twin() -> None:
    for t in _texts(42, _FIGURE_PIECES, [" ", " ", "", "-", ",", "."], 12):
        starts = quantities._figure_number_starts(t)
        if starts is None:
            continue
        near, plain, pos, k = [], [], 0, 0
        while True:
            match, k = numbers.search_near_cue(quantities._ASCII_FIGURE, t, pos, starts, k, quantities._FIGURE_LEAD,
                                               quantities._figure_may_start_before)
            if match is None:
                break
            near.append(_groups(match))
            pos = max(match.end(), match.start() + 1)
        pos = 0
        while (found := quantities._FIGURE.search(t, pos)) is not None:
            plain.append(_groups(found))
            pos = max(found.end(), found.start() + 1)
        assert near == plain, t


def test_number_starts_are_those_of_the_start_pattern() -> None:
    pieces = ["one", "someone", "_one", "no-one", "twenty", "ninety9", "9ninety", "a", "a few", "a dozen", "a hundreds",
              "a hundred", "a couple", "a thousand", "a millions", "half", "tens", "x", "2018", "2.5", ".5", "1..5", "x.5",
              "5.", "a score", "scores", "sixteen", "eight", "eighteen"]
    for t in _texts(43, pieces, [" ", "", "-", ".", ",", "_"], 10):
        lower = t.lower()
        assert numbers.number_starts_ascii(lower) == [m.start() for m in numbers.NUMBER_START_ASCII.finditer(lower)], t


def test_skip_before_and_after_as_their_patterns() -> None:
    before = ["No.", "no.", "number", "page", "p.", "Route", "COVID-", "G", "g", "Q", "#", "A.D.", "AD", "ad", "head",
              "game", "(", "x", "killing", "day", "Tuesday", "vol.", "pp.", "fig.", "DAY", "Ward", "ſtep", "KODE", *_ODD]
    for t in _texts(44, before, ["", " ", "  ", "\n"], 5):
        t = t[-12:]
        assert quantities._skip_before(t) == (quantities._SKIP_BEFORE.search(t) is not None), t
    after = ["a.m.", "am", "AM", "p.m.", "pm", "GMT", "gmt", "UTC", "EST", "CET", "BST", "EDT", ":3", ":", "st", "nd",
             "rd", "th", "ST", "TH", "Nd", "RD", "ſt", "-day", "-week", "-Year", ")", "people", "x", "5", "amid", "the", "nd.", *_ODD]
    for t in _texts(45, after, ["", " ", "  ", "\n"], 4):
        t = t[:16]
        assert quantities._skip_after(t) == (quantities._SKIP_AFTER.match(t) is not None), t


@pytest.mark.parametrize(("pattern", "ends"), [
    (quantities._SKIP_BEFORE, quantities._SKIP_BEFORE_ENDS),
    (quantities._REFERENTIAL_BEFORE, quantities._REFERENTIAL_ENDS),
    (quantities._CHANGE_VERB, quantities._CHANGE_ENDS),
])
def test_every_match_ends_with_one_of_its_ends(pattern: regex.Pattern[str], ends: tuple[str, ...]) -> None:
    language = _language(pattern.pattern)
    assert len(language) > len(ends) // 2
    for string in language:
        for case in (string, string.upper(), string.title()):
            assert quantities._ends_with(case, ends), case
            assert quantities._ends_with(case + " \n", ends), case


def test_context_words_before_a_figure_as_their_patterns() -> None:
    pieces = ["the", "The", "THESE", "both", "its", "their", "his", "her", "our", "all", "ball", "breathe", "rose",
              "rise", "Risen", "increase", "increased", "grew", "up", "jumped", "fell", "fallen", "declined", "down",
              "lost", "plunged", "by", "BY", "bye", "nearby", "x", "said", "between", "roſe", "ſlipped", *_ODD]
    for t in _texts(46, pieces, ["", " ", "  ", "\n"], 5):
        for pattern, ends in ((quantities._REFERENTIAL_BEFORE, quantities._REFERENTIAL_ENDS),
                              (quantities._CHANGE_VERB, quantities._CHANGE_ENDS)):
            if pattern.search(t) is not None:
                assert quantities._ends_with(t, ends), (pattern.pattern, t)


def test_qualifier_read_once_per_wording() -> None:
    wordings = {w for w in _language(quantities._QUAL_RE) if w.strip()}
    assert {"more than", "at least", "up to", "nearly", "about", "or so"} <= wordings
    rng = random.Random(47)
    for words in sorted(wordings):
        for text in (words, words.upper(), words.replace(" ", "  ") + " ", rng.choice(["", "x "]) + words):
            t = " ".join(text.lower().split())
            plain = next((q for p, q in quantities._QUALIFIER_PATTERNS if p.fullmatch(t)), quantities.Qualifier.EXACT)
            assert quantities._qualifier(text, None) is plain, text
