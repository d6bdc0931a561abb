"""Event detection: the quick test that skips sentences without an event noun finds exactly
what reading every word would."""

from __future__ import annotations

import datetime as dt

import pytest

from checker import events
from checker.doc import Doc
from checker.events import _event_forms_in, find_mentions
from checker.extractors import ExtractOptions, extract_doc
from checker.model import Article


def test_event_forms_are_found_whatever_their_case_and_number() -> None:
    text = "Two VISITS and a Summit, then talks; the revisit and visitors do not count."
    assert _event_forms_in(text) == ["summit", "talks", "visits"]


def test_no_quick_test_when_lower_casing_changes_the_length() -> None:
    # "İ" lower-cases to two characters: offsets of the lower-cased text would be off.
    assert _event_forms_in("İstanbul visit") is None


@pytest.mark.parametrize("text", [
    "Lavrov arrived in Pyongyang on Wednesday for a two-day visit. Nothing else happened.",
    "İstanbul hosted the summit on Monday. The Talks ended on Tuesday.",
    "No event is named here at all.",
])
def test_mentions_are_those_of_a_scan_of_every_sentence(text: str) -> None:
    published = dt.date(2023, 10, 18)
    article = Article(id="a", path="a.txt", text=text, published=published)
    claims = extract_doc(Doc.from_article(article), ExtractOptions())
    gated = find_mentions(article, claims)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(events, "_event_forms_in", lambda _text, _lower=None: None)  # read every sentence
        full = find_mentions(article, claims)
    assert gated == full
    assert (len(full) > 0) == ("visit" in text or "summit" in text)
