"""The extraction's fast paths answer exactly as the patterns they stand in for.

Each fast path (a substring or byte test before a pattern, a search started near a cue instead of
at the start of the sentence, a word-level tokenisation) is compared with the plain pattern on
random texts built from the words and characters the patterns care about (seeded: the same
texts every run)."""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import regex

from checker import events, frames, segment, storyfeatures, text
from checker.extractors import ages, dates, durations, entities, extract_text, numbers, quantities
from checker.model import Claim, ClaimKind

ROUNDS = 4000


def _texts(seed: int, pieces: list[str], joins: list[str], most: int) -> Iterator[str]:
    rng = random.Random(seed)
    for _ in range(ROUNDS):
        yield "".join(rng.choice(pieces) + rng.choice(joins) for _ in range(rng.randint(0, most)))


_ODD = ["é", "ſ", "K", "İ", "\t", "\x1c", "\u00a0", "_", "-", ".", ",", "(", ")", "'", "’"]


def test_has_number_cue() -> None:
    pieces = ["one", "One", "ONE", "someone", "twenty", "twenty-one", "dozen", "dozens", "a", "few", "hundred",
              "million", "mn", "half", "couple", "the", "5", "tens", "scores", "ninety9", *_ODD]
    for t in _texts(1, pieces, [" ", "", "-", "_"], 6):
        assert numbers.has_number_cue(t) == (numbers.NUMBER_CUE.search(t) is not None), t


def test_duration_unit_gate() -> None:
    pieces = ["h", "hr", "hrs", "HRS", "min", "mins", "sec", "yr", "wk", "5h", "5", "x", "hrsx", "today", "days",
              "Monday", "decade", "centuries", "fortnight", *_ODD]
    for t in _texts(2, pieces, [" ", "", "-", ","], 6):
        lower = t.lower() if t.isascii() else None
        assert durations._has_unit(t, lower) == (durations._UNIT_GATE.search(t) is not None), t


def test_duration_phrase_gate() -> None:
    pieces = ["for", "three", "days", "48", "hours", "48-hour", "all-day", "full-day", "a", "half", "an", "hour",
              "HRS", "5h", "over", "the", "past", "business", "years-long", "today", "more than", "centuries", "min"]
    for t in _texts(3, pieces, [" ", " ", "", "-"], 8):
        if t.isascii() and durations._PHRASE.search(t):
            assert durations._PHRASE_GATE.search(t.lower()), t


def _figures(found: Callable[[str, int], regex.Match[str] | None], s: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    while (m := found(s, pos)) is not None:
        out.append(m.span())
        pos = max(m.end(), m.start() + 1)
    return out


def test_figure_search_from_number_starts() -> None:
    pieces = ["greater than or equal than", "more than", "at least", "up to", "nearly", "about", "approx.", "sub-",
              "<", ">=", "US $", "US$", "$", "A$", "$US", "USD", "Rs.", "euro", "minus", "-", "1,000", "2.5", ".5", "3",
              "2018", "1957-58", "twenty-five", "one", "a few", "a hundred", "tens of thousands", "half a dozen",
              "no-one", "someone", "often", "people", "percent", "%", "million", "bn", "k", "to", "and", "or", "km"]
    for t in _texts(4, pieces, [" ", " ", "", "-", ",", "."], 12):
        starts = quantities._figure_number_starts(t)
        if starts is None:
            continue
        assert _figures(_near_number_starts(starts), t) == _figures(quantities._FIGURE.search, t), t


def _near_number_starts(starts: list[int]) -> Callable[[str, int], regex.Match[str] | None]:
    def search(s: str, pos: int) -> regex.Match[str] | None:
        later = [c for c in starts if c >= pos]
        return quantities._FIGURE.search(s, max(pos, later[0] - quantities._FIGURE_LEAD)) if later else None
    return search


def test_skip_before_reverse_twin() -> None:
    pieces = ["No.", "number", "page", "p.", "Route", "COVID-", "G", "Q", "#", "A.D.", "AD", "game", "(", "x",
              "killing", "day", "vol.", "pp.", "fig.", "DAY", *_ODD]
    for t in _texts(5, pieces, ["", " ", "  "], 5):
        t = t[-12:]
        assert (quantities._SKIP_BEFORE.search(t) is None) == (quantities._SKIP_BEFORE_TEST.search(t) is None), t


def test_month_patterns_near_month_tokens() -> None:
    patterns = dict(dates._PATTERNS)
    pieces = ["through", "early", "late", "mid-", "in", "since", "earlier", "Earlier", "of", "the", "Wednesday,",
              "31st", "3", "March", "May", "Mar.", "Sept.", "Dec", "Market", "meeting", "2013", ",", "January", "next"]
    for t in _texts(6, pieces, [" ", " ", "", "-", ", "], 10):
        if not dates._single_separators(t):
            continue
        cues = [m.start() for m in dates._MONTH_TOKEN_GATE.pattern.finditer(t)]
        for kind in ("month", "monthday"):
            plain = [m.span() for m in patterns[kind].finditer(t)]
            assert [m.span() for m in dates._near_cues(patterns[kind], t, cues, dates._MONTH_LEAD)] == plain, t


def _all_tokens(sentence: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in entities._TOKEN.finditer(sentence)]


def test_entity_spans_with_word_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    pieces = ["of", "the", "and", "for", "Mr.", "U.S.", "A.", "North", "'s", "x", "Y", "de", "y", "O'Brien",
              "Mary-Ann", "pro-Russian", "iPhone", "(", ")", "Obama's", "Korea's", "of,", "Gulf", "Mexico",
              "New York", "5", "Of", "THE", "bin", "Laden", "J.R.", "é"]
    texts = list(_texts(7, pieces, [" ", " ", " ", "", "  ", ".", ","], 14))
    fast = [(entities._raw_spans(t), entities._spans(t, entities.known_multi_names_in(t))) for t in texts]
    monkeypatch.setattr(entities, "_tokens", _all_tokens)
    assert fast == [(entities._raw_spans(t), entities._spans(t)) for t in texts]


def test_entity_pieces_reuse_the_tokens_of_whole_spans(monkeypatch: pytest.MonkeyPatch) -> None:
    pieces = ["of", "the", "and", "for", "Mr.", "Mrs.", "U.S.", "C.", "North", "'s", "’s", "x", "Y", "de", "O'Brien",
              "Ministry", "Athens", "Gulf", "Mexico", "New York", "South Korea", "Kim", "Jong", "Un", "5", "é", "Ké"]
    texts = list(_texts(13, pieces, [" ", " ", " ", "", "  ", ".", ",", "\u2005"], 14))
    fast = [entities._spans(t) for t in texts]
    split = entities._split_on_connectors
    monkeypatch.setattr(entities, "_split_on_connectors",
                        lambda sentence, start, end, words, scanned=None: split(sentence, start, end, words))
    assert fast == [entities._spans(t) for t in texts]


def test_spans_without_known_names_piece_by_piece() -> None:
    pieces = ["of", "the", "and", "for", "Mr.", "Mrs.", "U.S.", "C.", "North", "'s", "’s", "x", "Y", "de", "O'Brien",
              "Ministry", "Athens", "Gulf", "Mexico", "Bank", "Kim", "Jong", "Un", "5", "é", "Ké", "van", "Of", "And",
              "Beethoven's", "Korea’s", "St.", "A.", "J.R.", "Ki-moon", "pro-Russian", "(", ")", ",", ".", "Ⓐ", "ǅ"]
    texts = list(_texts(14, pieces, [" ", " ", " ", "", "  ", ".", ",", "\u2005", ". "], 14))
    for t in texts:
        raw = entities._raw_spans(t)
        assert entities._spans_alone(t, raw) == entities._pieces(t, [], raw), t


def test_strip_of_spans_whose_first_word_stays() -> None:
    words = ["The", "A", "An", "However", "Mr.", "Mr", "Dr.", "President", "Foreign", "Minister", "Interior", "Health",
             "Secretary", "General", "Russian", "North", "South", "Korean", "Americans", "Christian", "Dawson",
             "March", "Jan", "Jan.", "May", "Monday", "Moscow-based", "Four-year-old", "Kim", "Jong", "Un", "of",
             "the", "de", "Ministry", "Bank", "Lavrov", "Sergei", "Iran", "West", "Western", "Minister.", "Gen.",
             "Today", "Officials", "Victim", "Chair", "5", "New", "Old"]
    rng = random.Random(15)
    for _ in range(ROUNDS):
        span = [rng.choice(words) for _ in range(rng.randint(1, 5))]
        sentence = rng.choice(["", "5 ", "On 3 ", "x "]) + " ".join(span) + rng.choice(["", ".", " said"])
        start = sentence.find(span[0])
        initial = rng.random() < 0.5
        assert entities._strip(list(span), start, sentence, initial) \
            == entities._strip_words(list(span), start, sentence, initial), (span, sentence, initial)


def test_plain_names_as_stripped_word_by_word() -> None:
    words = ["The", "A", "However", "He", "Police", "Mr.", "Dr.", "President", "Interior", "Minister", "General",
             "Russian", "North", "Korea", "Korean", "Christian", "Dawson", "March", "Jan", "Jan.", "Sept", "May",
             "Thursday", "Moscow-based", "Four-year-old", "Kim", "Un", "of", "the", "de", "De", "Of", "Ministry", "Bank",
             "Lavrov", "Iran", "West", "Today", "New", "York", "Times", "United", "States", "UN", "U.S.", "Kim's",
             "Korea's", "5", "X", "Security", "Council", "Gulf", "Coast", "Office", "Chair", "Guard", "State"]
    rng = random.Random(20)
    seen = 0
    for _ in range(ROUNDS):
        span = [rng.choice(words) for _ in range(rng.randint(1, 4))]
        facts = entities._plain_name(" ".join(span))
        if facts is None:
            continue  # find_entities strips it word by word
        seen += 1
        prefix = rng.choice(["", "On 5 ", "x ", '"', "In "])
        sentence = prefix + " ".join(span) + rng.choice(["", " 5", " said"])
        initial = rng.random() < 0.5
        if " ".join(span) in entities._KNOWN_NAMES:
            slow = (0, span, [])
        else:
            slow = entities._strip_words(list(span), len(prefix), sentence, initial)
        if not facts[0] or facts[2]:  # no entity
            assert facts[2] and (not slow[1] or entities._name_verdict(slow[1])[1]), span
            continue
        assert slow == (0, facts[0], []), span
        name, skip, listed = entities._name_verdict(slow[1])
        kind = entities.OTHER if skip else entities._classify(name, False, False)
        assert facts[1:] == (name, skip, listed, kind), span
    assert seen > ROUNDS // 4


def test_initial_spans_only_after_an_opening_mark() -> None:
    pieces = ['"', "'", "(", "-", " ", "\u2005", "\t", "x", "Kim", ".", "“"]
    for t in _texts(16, pieces, ["", " "], 5):
        for start in range(1, len(t) + 1):
            if t[:start].strip() in entities._OPENERS:
                assert t[:1] in entities._OPENERS or t[:1].isspace(), (t, start)


def test_known_multi_names_gate() -> None:
    names = entities._KNOWN_MULTI_NAMES
    pieces = [*names, *(n[:-1] for n in names), *(n[1:] for n in names), *(n.split()[0] for n in names),
              "New York Time", "UN Security", "al-Qaed", "x", "é", "Korea", "of", "South"]
    for t in _texts(17, pieces, [" ", "", "-", ". "], 4):
        assert (entities._ANY_KNOWN_MULTI.search(t) is not None) == any(n in t for n in names), t


def test_entity_tokens_of_words_with_marks(monkeypatch: pytest.MonkeyPatch) -> None:
    listed = re.search(r"\(\?:([A-Za-z|]+)\)\\\.\(\?=\\s\)", entities._TOKEN.pattern)
    assert listed is not None and frozenset(listed.group(1).split("|")) == entities._TITLE_ABBREVIATIONS
    pieces = ["Smith", "C", "U", "S", "Mr", "Mrs", "Mx", "Stx", "COVID", "AP", "iPod", "of", "the", "and", "for",
              "North", "Korea", "x", "de", "O'Brien", "T-Mobile", "'s", "1", "19", "2018", "Kim", "Jong", "A", "B"]
    marks = [" ", " ", " ", "", "", ".", ". ", ",", "(", ")", '"', "'", "-", "-", ";", ":", "&", "/", "?", "!", "$", "  "]
    texts = list(_texts(18, pieces, marks, 12))
    for t in texts:
        tokens = entities._tokens(t)
        assert set(tokens) <= set(_all_tokens(t)) and tokens == sorted(tokens), t
    fast = [entities._raw_spans(t) for t in texts]
    monkeypatch.setattr(entities, "_tokens", _all_tokens)
    assert fast == [entities._raw_spans(t) for t in texts]


def test_claim_end_positions_without_line_breaks() -> None:
    from checker.doc import Doc
    from checker.model import ClaimKind
    from checker.segment import Sentence

    pieces = ["Kim", "x", "\n", "\r", "\r\n", "\n\n", " ", "é", "\u00ad", "-", "\t"]
    rng = random.Random(19)
    for t in _texts(19, pieces, ["", " "], 8):
        doc = Doc.from_text(t)
        n = len(doc.norm)
        sentence = Sentence(0, n, doc.norm)
        for _ in range(5):
            start = rng.randint(0, n)
            end = rng.randint(start, n)
            if start == n:
                continue
            claim = doc.claim(ClaimKind.ENTITY, start, end, sentence)
            assert (claim.end_line, claim.end_column) == doc.lines.position(max(claim.start, claim.end - 1)), t


def test_segment_helpers() -> None:
    pieces = ["a", "B", ".", "!", "?", '"', ")", "]", " ", "U.S", "Mr", "x", "1", "abcdefghij", "...", *_ODD]
    for t in _texts(8, pieces, [""], 40):
        for dot in (i for i, c in enumerate(t) if c == "."):
            m = segment._WORD_BEFORE.search(t, max(0, dot - 40), dot + 1)
            assert segment._word_before(t, dot) == (m.group(1) if m else None), (t, dot)
        assert segment._ends_sentence(t) == (segment._ENDS_SENTENCE.search(t) is not None), t


def test_letter_runs() -> None:
    pieces = ["word", "W0rd", "a", "Z", "5", "-", "'", "é", "ſ", "\u2005", "_", "x_y", *_ODD]
    for t in _texts(14, pieces, [" ", "", ",", "\t"], 12):
        assert segment._letter_runs(t) == len(segment._LETTERS.findall(t)), t


def test_glue_test_and_line_index() -> None:
    pieces = ["a", "Z", "0", "9", " ", ".", "\n", "\r", "\r\n", "xQ5", "Ab", *_ODD]
    for t in _texts(9, pieces, [""], 12):
        assert text._maybe_glue(t) == (text._MAYBE_GLUE.search(t) is not None), t
        expected = [0] + [m.end() for m in text._LINE_BREAK.finditer(t)]
        assert text.LineIndex(t)._starts == expected, t


def test_date_gates_with_digit_cues() -> None:
    gates = [dates._YEAR_GATE, dates._GATES["iso"][0], dates._GATES["clock"][0]]
    pieces = ["1", "2", "9", "0", "5", "-", " ", "a", "A", "p", "P", "m", ".", ":", "x", "2013", "2100", "3:30", "pm",
              "a.m.", " Pm", *_ODD]
    for t in _texts(10, pieces, [""], 10):
        lower = t.lower() if t.isascii() else None
        for gate in gates:
            assert gate.passes(t, lower) == (gate.pattern.search(t) is not None), t


def test_offset_maps_from_the_kept_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text, "_identity", text.array("q"))
    monkeypatch.setattr(text, "_IDENTITY_CAP", 5000)
    rng = random.Random(9)
    for _ in range(ROUNDS):
        start = rng.randint(0, 6000)
        stop = start + rng.randint(0, 300) if rng.random() < 0.9 else rng.randint(0, 7000)
        assert text._offsets(start, stop) == text.array("q", range(start, stop)), (start, stop)
    assert len(text._identity) <= 5000


def test_offset_maps_of_normalised_texts(monkeypatch: pytest.MonkeyPatch) -> None:
    pieces = ["word", "5", "\u2014", "\u200b", "\u00ad", "2023Reuters", "visit2023", "\r\n", "\r", "\u2019", " "]
    texts = list(_texts(10, pieces, [" ", ""], 12))
    fast = [text.normalise(t) for t in texts]
    monkeypatch.setattr(text, "_offsets", lambda start, stop: text.array("q", range(start, stop)))
    for t, nt in zip(texts, fast, strict=True):
        assert nt == text.normalise(t), t


_BEFORE_PIECES = ["in", "In", "near", "outside", "across", "throughout", "the", "of", "Of", "Athens", "iPhone",
                  "S&P", "O'Neil", "Game", "game", "ÉCOLE", "élan", "ϒ", "12", "5", "Mr.", "x", "\u2005", "\x1c", " ",
                  *_ODD]


def _before_texts(seed: int) -> Iterator[tuple[str, int]]:
    for t in _texts(seed, _BEFORE_PIECES, [" ", " ", "", "\u2005", "  ", ", "], 12):
        yield from ((t, start) for start in range(len(t) + 1))


def test_name_before_a_figure() -> None:
    for t, start in _before_texts(11):
        slow = quantities._NAME_BEFORE.search(t, max(0, start - 30), start)
        fast = quantities._name_before(t, start)
        assert (fast and fast.span(1)) == (slow and slow.span(1)), (t, start)


def test_place_words_before_a_name() -> None:
    for t, start in _before_texts(12):
        assert entities._locative_before(t, start) == (
            entities._LOCATIVE_BEFORE.search(t[max(0, start - 12):start]) is not None), (t, start)
        assert entities._from_place_before(t, start) == (
            entities._FROM_PLACE_BEFORE.search(t, max(0, start - 40), start) is not None), (t, start)


def _language(source: str) -> set[str]:
    """Every string a look-around-free reading of ``source`` matches, white space read as one
    space (``\\s+`` and ``\\s*`` as one space or none): the language of a qualifier pattern."""
    import re._constants as c  # the parser of the standard library, for this test only
    import re._parser as p

    def strings(items: Any) -> set[str]:
        out = {""}
        for op, arg in items:
            if op is c.LITERAL:
                options = {chr(arg)}
            elif op is c.IN:
                options = {" " if kind is c.CATEGORY else chr(value) for kind, value in arg}
            elif op is c.BRANCH:
                options = set().union(*(strings(branch) for branch in arg[1]))
            elif op is c.SUBPATTERN:
                options = strings(arg[3])
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
                low, high, inner = arg
                once = strings(inner)
                options = ({""} if low == 0 else set()) | once
                if high != c.MAXREPEAT and high > 1:
                    raise AssertionError(f"repeat {low},{high} in {source}")
            elif op in (c.ASSERT, c.ASSERT_NOT, c.AT):
                options = {""}
            else:
                raise AssertionError(f"{op} in {source}")
            out = {a + b for a in out for b in options}
        return out

    return strings(p.parse(source.replace(r"\p{L}", "a"), re.IGNORECASE))


def test_figure_starts_before_its_digits_only_where_told() -> None:
    # What a match holds before its number: a qualifier, a currency, a space, a minus, each optional.
    # The test reads the end of it: every qualifier, every currency after a few qualifiers, every
    # minus after a few of both.
    qualifiers = {"", *_language(quantities._FIGURE_QUAL)}
    currencies = _language(quantities._SYMBOL_RE)
    minus = _language(quantities._NEG_SIGN)
    spaces = ("", " ")
    leads = {q + w for q in qualifiers for w in spaces} \
        | {q + c + w for q in ("", "about ", "up to ") for c in currencies for w in spaces} \
        | {q + c + w + m for q in ("", "about ") for c in ("", "$", "USD", "Rs") for w in spaces for m in minus}
    assert {"more than ", "at least ", "approx. ", "sub-", ">= ", "US $", "Rs. ", "minus ", "-", "euro"} <= leads
    for lead in sorted(leads):
        for before in ("", "x ", "(", "said ", "5 ", "U.S. "):
            for case in (lead, lead.upper(), lead.title()):
                for number in ("5 people", "five people", "a few people", "hundreds of people", "ten"):
                    t = before + case + number
                    cue = len(before + case)
                    match = quantities._FIGURE.search(t, len(before))
                    if match is None or not t.isascii():
                        continue
                    # No number starts inside what a figure holds before its number ("approx." before
                    # "5" aside): the first number start after a search's start is the figure's.
                    starts = quantities._figure_number_starts(t) or []
                    assert all(not match.start() <= start < match.start("num") or t[start:match.start("num")] == "."
                               for start in starts), t
                    if match.start() < cue == match.start("num"):
                        assert quantities._figure_may_start_before(t, cue), t


def test_figure_search_near_number_starts_told_where_figures_start() -> None:
    pieces = ["greater than or equal than", "more than", "at least", "up to", "nearly", "about", "approx.", "sub-",
              "<", ">=", "US $", "US$", "$", "A$", "$US", "USD", "Rs.", "Rs", "euro", "minus", "-", "1,000", "2.5",
              ".5", "3", "2018", "twenty-five", "one", "a few", "people", "percent", "%", "million", "to", "and",
              "or", "km", "was", "also", "As", "(", ":", "5:30", "x"]
    for t in _texts(16, pieces, [" ", " ", "", "-", ",", "."], 12):
        starts = quantities._figure_number_starts(t)
        if starts is None:
            continue
        found, pos, k = [], 0, 0
        while True:
            match, k = numbers.search_near_cue(quantities._FIGURE, t, pos, starts, k, quantities._FIGURE_LEAD,
                                               quantities._figure_may_start_before)
            if match is None:
                break
            found.append(match.span())
            pos = max(match.end(), match.start() + 1)
        assert found == _figures(quantities._FIGURE.search, t), t


def test_duration_phrases_searched_near_their_units() -> None:
    pieces = ["for", "over", "the", "past", "last", "for the past", "over the last", "in the coming", "more than", "about",
              "some", "three", "twenty-five", "48", "1,000",
              "2.5", ".5", "a", "an", "half", "and a half", "a few", "another", "all", "full", "business", "days",
              "hours", "48-hour", "all-day", "5h", "hrs", "min", "year", "weeks", "people", "(for", "x(", "U.S.-led",
              "5m", "dozen", "tens of thousands", "several", "Hours", "TWO", "of", "ago", "old", ":", "x"]
    for t in _texts(17, pieces, [" ", " ", " ", "", "-", ",", "(", "  "], 12):
        lower = t.lower() if t.isascii() else None
        fast = [m.span() for m in durations._phrase_matches(t, lower)]
        assert fast == [m.span() for m in durations._PHRASE.finditer(t)], t


def test_compound_durations_hold_a_hyphen_and_their_unit() -> None:
    pieces = ["two", "TWO", "48", "twenty-five", "more than", "day", "Day", "hours", "year", "-", "long", "old", "visit",
              "war", "sentence", "-old", "ago", "x"]
    found = 0
    for t in _texts(18, pieces, [" ", "-", "", " - "], 8):
        if durations._COMPOUND.search(t) is not None and t.isascii():
            found += 1
            assert any(unit in t.lower() for unit in durations._COMPOUND_UNITS), t
    assert found


def _groups(match: regex.Match[str] | re.Match[str]) -> object:
    return match.span(), sorted((name, match.span(name)) for name in match.groupdict())


_DURATION_PIECES = ["for", "over", "the", "past", "last", "for the past", "over the last", "in the coming", "more than",
                    "about", "some", "three", "twenty-five", "48", "1,000", "2.5", ".5", "a", "an", "half", "and a half",
                    "a few", "another", "all", "full", "business", "days", "hours", "48-hour", "all-day", "full-day",
                    "ball-day", "fall-", "5h", "hr", "hrs", "HRS", "min", "wk", "yr", "sec", "year", "weeks", "people", "(for", "x(", "5m", "dozen",
                    "several", "Hours", "TWO", "of", "ago", ":", "x", "é", "ſ", "K", "\x1c", "\t", "  "]


def test_duration_phrase_twins_find_what_the_patterns_find() -> None:
    checked = 0
    for t in _texts(19, _DURATION_PIECES, [" ", " ", " ", "", "-", ",", "(", "  "], 12):
        if not t.isascii():
            continue
        checked += 1
        assert [_groups(m) for m in durations._ASCII_PHRASE.finditer(t)] == [
            _groups(m) for m in durations._PHRASE.finditer(t)], t
        lower = t.lower()
        assert [m.span() for m in durations._ASCII_PHRASE_GATE.finditer(lower)] == [
            m.span() for m in durations._PHRASE_GATE.finditer(lower)], t
        assert [_groups(m) for m in durations._phrase_matches(t, lower)] == [
            _groups(m) for m in durations._PHRASE.finditer(t)], t
    assert checked > ROUNDS // 2


def test_duration_phrase_look_behind_of_all_day_read_as_one() -> None:
    # _PHRASE writes the look-behind of "all-day" and "full-day" as two, so that re takes its twin:
    # the same pattern as the one look-behind of both words, on any text.
    one = regex.compile(durations._PHRASE.pattern.replace("(?:(?<=all)|(?<=full))-", "(?<=all|full)-"),
                        durations._PHRASE.flags)
    assert one.pattern != durations._PHRASE.pattern
    for t in _texts(20, _DURATION_PIECES, [" ", "", "-"], 10):
        assert [_groups(m) for m in durations._PHRASE.finditer(t)] == [_groups(m) for m in one.finditer(t)], t


def test_story_words_with_the_ascii_twin() -> None:
    pieces = ["fire", "Fire", "o'neil", "rock-'n'-roll", "’s", "x", "-", "'", "’", "5", "ab", "a-b", "é", "ſ", "K", "İ",
              "naïve", "_", "\x1c"]
    for t in _texts(21, pieces, [" ", "", "-", "'", ","], 10):
        assert storyfeatures._words(t) == storyfeatures._WORD.findall(t), t


def _plain_happening_of(claim: Claim) -> str | None:
    """:func:`frames.happening_of` as it was: the classes of each word's lemmas looked up for
    every word it reads."""
    if claim.kind is not ClaimKind.DATE or claim.granularity is None or claim.granularity.value != "day":
        return None
    if claim.text.strip().lower() in frames._DEICTIC:
        return None
    offset = claim.start - claim.sentence_start
    end = offset + len(claim.text)
    left = frames._DATE_CLAUSE_END.split(claim.sentence[max(0, offset - 80):offset])[-1]
    if frames._REPORTED_BEFORE.search(left):
        return None
    right = frames._DATE_CLAUSE_END.split(claim.sentence[end:end + 40], 1)[0]
    table = frames._happenings()
    order = [*reversed(frames._WORDS.findall(left)[-frames._HAPPENING_WORDS:]), *frames._WORDS.findall(right)[:3]]
    found = [cls for word in order for cls in dict.fromkeys(table.get(lemma) for lemma in frames.lemmas(word)) if cls]
    if not found:
        return None
    wide = frames._DATE_CLAUSE_END.split(claim.sentence[max(0, offset - 160):offset])[-1]
    legal = {table.get(lemma) for word in frames._WORDS.findall(wide) for lemma in frames.lemmas(word)} & frames._LEGAL
    if found[0] in frames._CRIME and (legal or any(cls in frames._LEGAL for cls in found)):
        return None
    return found[0]


@pytest.mark.parametrize("two_classes", [False, True])
def test_happening_of_a_date_with_each_words_classes_read_once(two_classes: bool,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    pieces = ["was shot", "shooting", "fired", "fire", "fires", "charged", "arrested", "the", "a", "police said",
              "on Sunday", "Tuesday", "on March 3, 2013", "today", "tonight", "the Dec. 6 killing", "Tuesday's fire",
              "marched", "march", "robbed", "trial", "sentenced", "hearing", "blast", "and", "while", ";", ",", "x"]
    published = dt.date(2013, 3, 20)
    if two_classes:  # no word of the data names two classes: one that does ("fire", then "arrest"), in order
        table = {**frames._happenings(), "fired": "arrest"}
        assert [table.get(lemma) for lemma in frames.lemmas("fired")] == ["fire", "arrest"]
        monkeypatch.setattr(frames, "_happenings", lambda: table)
    frames._word_happenings.cache_clear()  # read with this test's table, and forgotten after it
    dates_read = 0
    try:
        for t in _texts(22, pieces, [" ", " ", ", "], 10):
            for claim in extract_text(t, published):
                if claim.kind is ClaimKind.DATE:
                    dates_read += 1
                    assert frames.happening_of(claim) == _plain_happening_of(claim), (t, claim.text)
    finally:
        frames._word_happenings.cache_clear()
    assert dates_read > ROUNDS


def _plain_is_boilerplate(line: str) -> bool:
    """:func:`segment.is_boilerplate` as it was: the letter pattern read on every line of up to
    120 characters."""
    stripped = line.strip()
    if not stripped:
        return True
    if len(stripped) > segment._LONG_LINE and segment._letter_runs(stripped[:segment._LONG_LINE]) > 6:
        return False
    words = segment._LETTERS.findall(stripped)
    if not words:
        return not segment._DIGIT.search(stripped)
    if len(words) <= 6 and not segment._FINAL_PUNCTUATION.search(stripped):
        letters = "".join(words)
        if letters.isupper() and len(letters) > 1 and not segment._DIGIT.search(stripped):
            return True
        lowered = [w.lower() for w in words]
        if sum(w in segment._BOILERPLATE_WORDS for w in lowered) * 2 >= len(lowered) + 1:
            return True
        if len(lowered) <= 4 and lowered[0] in segment._NAVIGATION_VERBS:
            return True
    return False


def test_boilerplate_lines_told_by_their_words_and_last_character() -> None:
    pieces = ["Share", "share this", "COMMENTS", "Read more", "Click here", "word", "Word", "a", "5", "2013", ".", "!",
              "?", ")", "é", "ÉCOLE", "ſ", "\x1c", "\t", "_", "-", "Subscribe", "US", "A", "x1y"]
    lines = 0
    for t in _texts(23, pieces, [" ", " ", "", ".", "!"], 9):
        lines += 1
        assert segment.is_boilerplate(t) == _plain_is_boilerplate(t), t
        assert segment.is_boilerplate(t + ".") == _plain_is_boilerplate(t + "."), t
    assert lines == ROUNDS


def test_abbreviation_before_a_full_stop() -> None:
    pieces = ["Mr", "mr", "U.S", "u.s.a", "D.P.R.K", "F", "x", "said", "Inc", "a.b", "1", "é", "U.é", ".", " ", "’"]
    for t in _texts(24, pieces, ["", " ", "."], 6):
        t += "."
        before = segment._word_before(t, len(t) - 1)
        word = before.lower().rstrip(".") if before else ""
        plain = bool(before) and (word in segment.ABBREVIATIONS or (len(word) == 1 and word.isalpha())
                                  or bool(segment._DOTTED_ACRONYM.fullmatch(word)))
        assert segment._is_abbreviation(t, len(t) - 1) == plain, t


def test_event_words_with_the_ascii_twin() -> None:
    pieces = ["visit", "Visits", "the", "x_y", "_", "5", "a5", "-", "'", "é", "ſ", "K", "talks", "war", "\x1c", "\t"]
    for t in _texts(25, pieces, [" ", "", "-", ",", "_"], 10):
        if t.isascii():
            assert [m.span(1) for m in events._ASCII_EVENT_WORD.finditer(t)] == [
                m.span(1) for m in events._EVENT_WORD.finditer(t)], t


def test_people_read_only_where_a_figure_may_be_an_age(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[str] = []
    named_people = ages._named_people

    def counted(text: str, entity: Claim) -> list[Claim]:
        read.append(entity.text)
        return named_people(text, entity)

    monkeypatch.setattr(ages, "_named_people", counted)
    claims = extract_text("Kim Jong Un said 300 containers arrived in Rason on Tuesday.\n")
    assert any(c.kind is ClaimKind.QUANTITY for c in claims) and not read  # no age, no bare figure
    claims = extract_text("John Smith, 45, said the ship sank.\n")
    assert read and any(c.attr("person") == "John Smith" for c in claims)
