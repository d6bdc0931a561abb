"""Event detection: the quick test that skips sentences without an event noun finds exactly
what reading every word would; mentions sketched at extraction resolve to the mentions found
directly."""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect

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
from checker.model import Article, Claim, ClaimKind, new_claim
from checker.values import Interval, interval_of


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


def test_a_mention_made_without_the_frozen_init_is_the_mention_the_init_makes() -> None:
    parameters = inspect.signature(events._MentionSlots).parameters.values()
    assert [(p.name, p.default) for p in parameters] == [
        (f.name, inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default)
        for f in dataclasses.fields(events.EventMention)]
    values = ("a", "visit", "visit", 40, 12, "Sergei Lavrov", "North Korea", Interval(1.0, 2.0), None, True, False, "first")
    fast, made = events._new_mention(*values), events.EventMention(*values)
    assert type(fast) is events.EventMention and fast == made and hash(fast) == hash(made)
    assert [getattr(fast, f.name) for f in dataclasses.fields(made)] == list(values)
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.agent = "someone"  # type: ignore[misc]


def test_a_date_read_once_per_value_gives_the_interval_of_each_claim() -> None:
    def date(low: object, high: object, low_open: bool = False, high_open: bool = False) -> Claim:
        return new_claim(ClaimKind.DATE, "a", 0, 4, 1, 1, 1, 4, "date", "date", low=low, high=high,
                         low_open=low_open, high_open=high_open)

    claims = [date("2023-10-18", "2023-10-18"), date("2023-10-18", "2023-10-31"), date("2023-10-18", "2023-10-18", True),
              date("2023-10-18", "2023-10-18", False, True), date(None, "2023-10-18"), date("2023-10-18", None),
              date(None, None), date("2023-10-31", "2023-10-18"), date("not a date", "2023-10-18"), date(1, 2),
              date(1.0, 2.0), date("2023-10-18", "2023-10-18"), date("2023-10-18", "2023-10-18", 1)]  # type: ignore[arg-type]
    known: dict[tuple[object, ...], Interval | None] = {}
    for claim in [*claims, *reversed(claims)]:
        assert repr(events._date_interval(claim, known)) == repr(interval_of(claim))  # of the same types


def test_events_are_numbered_by_family_then_start_then_articles() -> None:
    texts = {"a": ("Sergei Lavrov's visit to North Korea began on October 18, 2023.", dt.date(2023, 10, 19)),
             "b": ("Sergei Lavrov's visit to North Korea was discussed.", None),  # no time: unresolved
             "c": ("Sergei Lavrov's visit to North Korea began on March 3, 2023.", dt.date(2023, 3, 4)),
             "d": ("The summit in Geneva opened on May 2, 2023.", dt.date(2023, 5, 2))}
    articles = {aid: Article(id=aid, path=f"{aid}.txt", text=text, published=day) for aid, (text, day) in texts.items()}
    claims = {aid: extract_doc(Doc.from_article(article), ExtractOptions()) for aid, article in articles.items()}
    index = build_events(articles, claims)
    assert [(e.id, e.family, e.start, e.articles) for e in index.events] == [
        ("E1", "meeting|@Geneva", "2023-05-02", ("d",)),  # a summit is a meeting
        ("E2", "visit|Sergei Lavrov", "2023-03-03", ("c",)),
        ("E3", "visit|Sergei Lavrov", "2023-10-18", ("a",)),
        ("E4", "visit|Sergei Lavrov", None, ("b",))]
    assert all(index.membership[(a, e.family)] == e.id for e in index.events for a in e.articles)
