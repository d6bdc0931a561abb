"""Sentences split with offsets; abbreviations, quotes and headlines handled."""

from __future__ import annotations

from checker.segment import is_boilerplate, split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_abbreviations_do_not_end_sentences() -> None:
    assert texts("Mr. Lavrov met the U.S. envoy on Jan. 5. He left.") == [
        "Mr. Lavrov met the U.S. envoy on Jan. 5.",
        "He left.",
    ]


def test_closing_quotes_stay_with_their_sentence() -> None:
    assert texts('He said "we agree." Then he left.') == ['He said "we agree."', "Then he left."]


def test_headlines_without_final_punctuation_are_sentences() -> None:
    sentences = split_sentences("Lavrov hails deeper ties\nMr. Lavrov arrived on Wednesday.")
    assert [s.text for s in sentences] == ["Lavrov hails deeper ties", "Mr. Lavrov arrived on Wednesday."]
    assert sentences[0].headline and not sentences[1].headline


def test_offsets_point_into_the_text() -> None:
    text = "First one. Second one.\nThird"
    for sentence in split_sentences(text):
        assert text[sentence.start:sentence.end] == sentence.text


def test_decimals_do_not_split() -> None:
    assert texts("It grew 2.5 percent. Then it fell.") == ["It grew 2.5 percent.", "Then it fell."]


def test_boilerplate_lines() -> None:
    assert is_boilerplate("MULTIPLIER CONTACTS")
    assert is_boilerplate("Comment Template")
    assert is_boilerplate("Share this article")
    assert not is_boilerplate("Deepening ties")
    assert not is_boilerplate("Russia's Lavrov hails deeper ties in N Korea visit")
