"""Event detection: the quick test that skips sentences without an event noun finds exactly
what reading every word would; mentions sketched at extraction resolve to the mentions found
directly."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from checker import events
from checker.doc import Doc
from checker.events import (
    _event_forms_in,
    build_events,
    day_span,
    find_mentions,
    resolve_mentions,
    sketch_mentions,
)
from checker.extractors import ExtractOptions, extract_doc
from checker.model import Article, Claim


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


SKETCHED = ("Sergei Lavrov's two-day visit to North Korea began on October 18, 2023. "
            "He said his trip was a success; the earlier meeting in Beijing was on Monday.")


def _sketched_article() -> tuple[Article, tuple[Claim, ...]]:
    article = Article(id="a", path="a.txt", text=SKETCHED, published=dt.date(2023, 10, 19))
    return article, tuple(extract_doc(Doc.from_article(article), ExtractOptions()))


def test_sketched_mentions_resolve_to_the_mentions_found_directly() -> None:
    article, claims = _sketched_article()
    sketches = sketch_mentions(article, claims)
    assert len(sketches) == 3
    assert resolve_mentions("a", claims, sketches) == find_mentions(article, claims)


def test_sketches_take_the_canonical_names_of_the_run() -> None:
    # Sketches are made before names are grouped across the corpus; resolving them afterwards
    # gives the names the grouping chose, as reading the article again would.
    article, claims = _sketched_article()
    sketches = sketch_mentions(article, claims)
    renamed = tuple(dataclasses.replace(c, canonical="Sergey Lavrov") if c.text == "Sergei Lavrov" else c
                    for c in claims)
    resolved = resolve_mentions("a", renamed, sketches)
    assert resolved == find_mentions(article, renamed)
    assert resolved[0].agent == "Sergey Lavrov"
    assert resolved[1].agent == "Sergey Lavrov"  # "his trip": the article's main person


def test_sketches_that_do_not_fit_the_claims_are_refused() -> None:
    article, claims = _sketched_article()
    sketches = sketch_mentions(article, claims)
    with pytest.raises(ValueError):
        resolve_mentions("a", claims[:1], sketches)


def test_event_detection_reads_an_article_again_when_its_sketches_do_not_fit() -> None:
    article, claims = _sketched_article()
    wrong = {"a": (dataclasses.replace(sketch_mentions(article, claims)[0], agent=10_000),)}
    index = build_events({"a": article}, {"a": claims}, sketches=wrong)
    assert index.mentions == find_mentions(article, claims)


@pytest.mark.parametrize(("first", "last", "span"), [
    ("2025-07-11", "2025-07-11", "11 Jul 2025"),
    ("2025-07-11", "2025-07-13", "11–13 Jul 2025"),
    ("2025-06-30", "2025-07-02", "30 Jun – 2 Jul 2025"),
    ("2024-12-30", "2025-01-02", "30 Dec 2024 – 2 Jan 2025"),
])
def test_publication_spans_read_as_days(first: str, last: str, span: str) -> None:
    assert day_span(dt.date.fromisoformat(first), dt.date.fromisoformat(last)) == span


def test_a_date_of_the_crime_a_trial_is_about_does_not_date_the_trial() -> None:
    text = ("The footage was shown at the trial of two men charged with killing Zurana Horton, 34, on Oct. 21, 2011. "
            "The trial will resume Monday.")
    article = Article(id="a", path="a.txt", text=text, published=dt.date(2013, 4, 11))
    claims = extract_doc(Doc.from_article(article), ExtractOptions())
    trials = [m for m in find_mentions(article, claims) if m.noun == "trial"]
    assert trials and all(m.time is None or dt.date.fromordinal(int(m.time.low)).year == 2013 for m in trials)
