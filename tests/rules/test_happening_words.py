"""DT04 reads a date's happening from the words around it; a date with no word near it that
may name a happening is passed over without that reading, and a word cut short by the text
read around a date is read as cut."""

from __future__ import annotations

from rules.happenings import _WORD, _classify_at, _cut_words, _word_matches, _words


def _classify(sentence: str, quote: str) -> tuple[str | None, str | None]:
    return _classify_at(sentence, sentence.index(quote), quote)


def test_a_date_in_a_sentence_naming_no_happening_dates_nothing() -> None:
    assert _classify("The council published its report on Monday.", "Monday") == (None, None)


def test_a_date_beside_a_happening_dates_it() -> None:
    assert _classify("The teenager was shot on Saturday night.", "Saturday") == ("violence", None)


def test_a_word_cut_where_the_text_starts_is_read_from_the_cut() -> None:
    assert _cut_words("a non-shooting b", 6, 16) == ["shooting"]


def test_a_word_cut_where_the_text_ends_is_read_to_the_cut() -> None:
    assert _cut_words("the shootings", 0, 12) == ["shooting"]


def test_a_text_that_cuts_no_word_has_no_words_of_its_own() -> None:
    assert _cut_words("a shooting b", 2, 10) == []
    assert _cut_words("a shooting b", 0, 12) == []


def test_a_happening_word_cut_out_of_a_longer_word_dates_as_the_text_read_cuts_it() -> None:
    # The 160 characters read before the date start inside "non-shooting": they read "shooting".
    filler = " ".join(["q" * 20] * 7)
    sentence = f"A non-shooting {filler} on Sunday."
    offset = sentence.index("Sunday")
    assert sentence[offset - 160:].startswith("-shooting")
    assert _classify_at(sentence, offset, "Sunday") == ("violence", None)


def test_an_ascii_text_has_the_words_any_text_has() -> None:
    # ASCII texts are split with a quicker pattern of the same words
    for text in ["Gray's 16-year-old friend, shot at 11:30 p.m. on Dec. 6th", "a non-shooting 2nd-degree O'Neil's -x- 'sx",
                 "JOHN'S arrest", "Mühlenberg's shooting"]:
        assert _words(text) == _WORD.findall(text)
        assert [(m.start(), m.group()) for m in _word_matches(text)] == [(m.start(), m.group())
                                                                        for m in _WORD.finditer(text)]
