"""The date extractor's fast paths answer exactly as the slow paths they stand in for.

As in ``test_fast_paths.py``: each fast path (the gates of an ASCII sentence tested at once, the
searches started near cues) is compared with the plain gates and patterns on random texts built
from the words and characters those care about (seeded: the same texts every run), and on the
sentences of the seed articles."""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterator
from pathlib import Path

import regex

from checker.doc import Doc
from checker.extractors import dates
from checker.extractors.nouns import EVENT_NOUNS, singular

ROUNDS = 4000
SEEDS = Path(__file__).resolve().parents[1] / "seeds"

_ODD = ["\t", "\x1c", "\n", "_", "-", ".", ",", "(", ")", "'", "  ", ":", "é", "’"]
_PIECES = ["2013", "2100", "1999", "1930s", "1930 's", "2009-2010", "1957-58", "3", "31st", "5:30", "3:33 a.m.",
           "4 p. m.", "2013-03-13", "0-0", "Q1", "q4", "first quarter", "quarter", "January", "Jan.", "Sept.",
           "Sept", "March", "MARCH", "MAR.", "May", "may", "MAY", "Market", "market", "Dec", "december", "of",
           "the", "Monday", "Wednesday,", "WEDNESDAY,", "Thursday's", "day", "days", "today", "tonight",
           "yesterday", "this", "last", "next", "past", "night", "morning", "week", "weekend", "month", "year",
           "years", "decade", "ago", "earlier", "later", "before", "after", "from", "now", "since", "recent",
           "few", "coming", "two", "a", "several", "in", "on", "by", "early", "mid-", "late", "meeting", *_ODD]

# Whole date phrases of every pattern, to be cut and joined with the pieces above.
_PHRASES = ["Wednesday, March 13, 2013", "13 March 2013", "13th of March", "MAR. 14, 2013",
            "WEDNESDAY, MARCH 13, 2013", "March 13th", "Sept. 5", "two days ago", "a few weeks later",
            "in recent weeks", "the past few days", "last week", "this past weekend", "earlier this year",
            "last fiscal year", "early March 2013", "the end of May 2012", "since late August",
            "earlier in July", "the April raid", "next Wednesday", "Tuesday night", "on Friday",
            "this past Monday", "this past Sunday evening", "until Thursday's", "this morning", "last night",
            "the third quarter of 2012", "in the 1990s", "the mid 1930's", "dating back to 1935",
            "his 2007 campaign", "the 2000 people", "at 3:30 a.m.", "9:40 Friday night",
            "shortly after 5 p.m.", "2013-03-18", "more than 20 years ago", "one month later"]
_MIXED = _PIECES + _PHRASES * 2


def _texts(seed: int, pieces: list[str], joins: list[str], most: int) -> Iterator[str]:
    rng = random.Random(seed)
    for _ in range(ROUNDS):
        yield "".join(rng.choice(pieces) + rng.choice(joins) for _ in range(rng.randint(0, most)))


def _seed_sentences() -> list[str]:
    out = []
    for path in sorted(SEEDS.rglob("*.txt")):
        doc = Doc.from_text(path.read_text("utf-8"))
        out.extend(doc.norm[s.start:s.end] for s in doc.sentences)
    return out


def _slow_kinds(text: str) -> set[str]:
    lower = text.lower() if text.isascii() else None
    return dates._gated_kinds(text, lower) if dates._date_cue(text, lower) else set()


def test_ascii_kinds_are_the_gates_answers() -> None:
    texts = [t for t in _texts(21, _PIECES, [" ", " ", "", "-", ", ", "."], 8) if t.isascii()]
    texts += [t for t in _texts(24, _MIXED, [" ", " ", ", ", "."], 6) if t.isascii()]
    texts += [s for s in _seed_sentences() if s.isascii()]
    assert len(texts) > ROUNDS // 2
    for t in texts:
        kinds = dates._ascii_kinds(t)
        assert kinds == _slow_kinds(t), t
        # and the gates let through every kind whose pattern finds something
        found = {kind for kind, pattern in dates._PATTERNS if pattern.search(t)}
        assert found <= kinds, t
        assert found <= dates._gated_kinds(t, None), t


def test_searches_near_cues_find_what_the_patterns_find() -> None:
    patterns = dict(dates._PATTERNS)
    texts = list(_texts(22, _PIECES, [" ", " ", "", "-", ", ", "."], 10)) + _seed_sentences()
    texts += _texts(25, _MIXED, [" ", " ", ", ", "."], 6)
    near = 0
    for t in texts:
        if not dates._single_separators(t):
            continue
        near += 1
        for kind, (cue, lead) in dates._NEAR_CUES.items():
            plain = [m.span() for m in patterns[kind].finditer(t)]
            cues = dates._cue_positions(cue, t)
            assert cues == sorted(set(cues)), t
            assert [m.span() for m in dates._near_cues(patterns[kind], t, cues, lead)] == plain, (kind, t)
    assert near > ROUNDS // 2


def test_cue_positions_are_the_starts_of_the_cue_words() -> None:
    pieces = ["March", "MARCH", "Mar.", "MAR", "Marc", "MARCh", "may", "May", "MAY", "Sept", "SEPT.", "Sep", "sept",
              "Monday", "monday", "Sundays", "JANUARY", "Janu", "x", "1", *_ODD]
    any_case = regex.compile(dates._MONTH_TOKEN_GATE.pattern.pattern, regex.IGNORECASE)
    for t in _texts(23, pieces, [" ", "", ","], 8):
        if not t.isascii():
            continue
        assert dates._cue_positions("month", t) == [
            m.start() for m in dates._MONTH_TOKEN_GATE.pattern.finditer(t)], t
        assert dates._cue_positions("weekday", t) == sorted(
            i for w in dates._WEEKDAY_GATE.words for i in range(len(t)) if t.startswith(w, i)), t
        assert dates._cue_positions("anymonth", t) == [m.start() for m in any_case.finditer(t)], t


def _groups(kind: str, match: regex.Match[str] | re.Match[str]) -> list[tuple[str, str | None, tuple[int, int]]]:
    """A match's groups by name, with their spans, a renamed group (``day__2``) under its name."""
    out: dict[str, tuple[str | None, tuple[int, int]]] = {}
    for name in match.groupdict():
        value, span = match.group(name), match.span(name)
        base = name.removesuffix("__2")
        if base not in out or value is not None:
            out[base] = (value, span)
    return [(name, *out[name]) for name in sorted(out)]


def _found(kind: str, matches: Iterator[regex.Match[str]] | Iterator[re.Match[str]]) -> list[object]:
    return [(m.span(), _groups(kind, m)) for m in matches]


def test_ascii_twins_match_as_the_patterns() -> None:
    twins = dict(dates._ASCII_PATTERNS)
    assert [kind for kind, _ in dates._ASCII_PATTERNS] == [kind for kind, _ in dates._PATTERNS]
    texts = list(_texts(26, _PIECES, [" ", " ", "", "-", ", ", "."], 8)) + _seed_sentences()
    texts += _texts(27, [*_MIXED, "Jan", "DEC. 3, 2012", "week's", "a 2010 raid", "an 1999 x", "its 2011 Y"],
                    [" ", " ", ", ", ".", "  ", "\t", "\x0b", "\x1c", "--"], 6)
    checked = 0
    for t in texts:
        if not t.isascii():
            continue
        checked += 1
        for kind, pattern in dates._PATTERNS:
            if kind in dates._TWINNED:
                assert isinstance(twins[kind], re.Pattern)
                assert _found(kind, twins[kind].finditer(t)) == _found(kind, pattern.finditer(t)), (kind, t)
            if kind in dates._NEAR_CUES and dates._single_separators(t):
                cue, lead = dates._NEAR_CUES[kind]
                near = dates._near_cues(twins[kind], t, dates._cue_positions(cue, t), lead)
                assert _found(kind, near) == _found(kind, pattern.finditer(t)), (kind, t)
    assert checked > ROUNDS


def test_resolving_a_twins_match_is_resolving_the_patterns() -> None:
    twins = dict(dates._ASCII_PATTERNS)
    published = dt.date(2013, 3, 20)
    for t in _texts(28, _MIXED, [" ", " ", ", ", "."], 6):
        if not t.isascii():
            continue
        for kind in dates._RENAMED:
            pairs = zip(dict(dates._PATTERNS)[kind].finditer(t), twins[kind].finditer(t), strict=True)
            for slow, fast in pairs:
                a, b = dates._resolve(kind, slow, published, t), dates._resolve(kind, fast, published, t)
                assert (a is None) == (b is None), t
                if a is not None and b is not None:
                    assert [getattr(a, f) for f in a.__slots__] == [getattr(b, f) for f in b.__slots__], t


def _plain_subject(sentence: str, start: int, end: int) -> str | None:
    """:func:`dates._subject` as it was: regex patterns, and ``singular`` for every word."""
    before = dates._STRONG_BREAK.split(sentence[:start])[-1][-90:]
    for word in reversed(dates._WORD.findall(before)):
        if word[0].islower() and singular(word) in EVENT_NOUNS:
            return singular(word)
    after = dates._CLAUSE_BREAK.split(sentence[end:])[0][:50]
    for word in dates._WORD.findall(after):
        if word[0].islower() and singular(word) in EVENT_NOUNS:
            return singular(word)
    return None


def test_subject_with_ascii_patterns_and_memoised_nouns() -> None:
    pieces = ["attack", "attacks", "Attack", "ATTACKS", "shooting", "raids", "meeting", "visit", "visits", "the",
              "police", "said", "on", "March 3", "Monday", "a", "few", "é", "ſ", "x", ";", ":", " - ", "-", ",", "2013",
              "crisis", "analyses", "dies", "\x1c-\x1c", " -\x1f", *_ODD]
    rng = random.Random(29)
    for t in _texts(29, pieces, [" ", " ", "", "  "], 14):
        for _ in range(3):
            start = rng.randint(0, len(t))
            end = rng.randint(start, len(t))
            assert dates._subject(t, start, end) == _plain_subject(t, start, end), (t, start, end)


def _plain_future(text: str, start: int) -> bool:
    """:func:`dates._future` as it was: regex patterns on every text."""
    clause = dates._CLAUSE_BOUNDARY.split(text[max(0, start - 80):start])[-1]
    past = dates._PAST_VERB.search(clause)
    if past and not dates._BE_BEFORE.search(clause[:past.start()]):
        return False
    return bool(dates._FUTURE_CUE.search(clause))


def test_future_with_ascii_patterns() -> None:
    pieces = ["will", "Will", "WOULD", "'ll", "is", "to", "To", "be", "meet", "Meet", "MEET", "through", "until", "by",
              "in", "on", "before", "said", "SAID", "walked", "Walked", "earlier", "he", "planned", "plans", "due",
              "upcoming", "coming", "set", "expected", "x", ".", ". ", ",", ";", '"', "“", "(", "é", "ſ", "\x1c",
              "\t", "  ", "Friday", "to Meet through", "to meet until", "TO MEET BY", "to be held in"]
    rng = random.Random(30)
    for t in _texts(30, pieces, [" ", " ", " ", "", "\x1c", "."], 14):
        for _ in range(3):
            start = rng.randint(0, len(t))
            assert dates._future(t, start) == _plain_future(t, start), (t, start)
    for t in _texts(31, pieces, [" "], 10):
        assert dates._future(t + " ", len(t) + 1) == _plain_future(t + " ", len(t) + 1), t
