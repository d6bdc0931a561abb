"""Durations: real sentences and the duration claim each must yield, in days.

Calendar units keep their natural spread (a month is 28 to 31 days, a year 365 to 366);
vague durations ("days-long") are intervals with the ``vague`` qualifier.
"""

from __future__ import annotations

import datetime as dt

import pytest

from checker.extractors.nouns import EVENT_CLASSES, EVENT_NOUNS
from checker.model import Claim, ClaimKind
from tests.claims import claims_of, interval, only_claim

PUBLISHED = dt.date(2023, 10, 19)


def durations(sentence: str) -> list[Claim]:
    return claims_of(ClaimKind.DURATION, sentence, PUBLISHED)


def only_duration(sentence: str, quote: str) -> Claim:
    return only_claim(ClaimKind.DURATION, sentence, quote, PUBLISHED)


# sentence, quote, qualifier, interval in days, event noun measured
CASES: list[tuple[str, str, str, str, str | None]] = [
    # --- the seed articles ---------------------------------------------------------------
    ("Following Mr. Kim’s days-long trip to Russia in September — his first trip abroad since the pandemic — "
     "Mr. Lavrov paid a two-day visit.", "two-day visit", "=", "[2, 2]", "visit"),
    ("Following Mr. Kim’s days-long trip to Russia in September, Mr. Lavrov paid a two-day visit.",
     "days-long trip", "vague", "[2, 13]", "trip"),
    ("Russian Foreign Minister Sergei Lavrov has begun his three-day visit to North Korea.",
     "three-day visit", "=", "[3, 3]", "visit"),
    ("Kim’s words were clear; he expressed hopes for a decisive victory for Russia in what has been a grueling "
     "four-year-long war.", "four-year-long war", "=", "[1460, 1464]", "war"),
    ("Following North Korean leader Kim’s unusual trip to Russia, Lavrov’s two-day trip to Russia arrived one "
     "month later.", "two-day trip", "=", "[2, 2]", "trip"),
    ("Both Korea’s North and Russia have committed to strengthening ties with one another over the past six months "
     "as both nations have grown more and more isolated.", "over the past six months", "=", "[168, 186]", None),
    # --- phrasal durations ---------------------------------------------------------------
    ("The delegation stayed in Pyongyang for three days.", "three days", "=", "[3, 3]", None),
    ("His visit will last three days.", "three days", "=", "[3, 3]", "visit"),
    ("The talks lasted nearly two weeks.", "nearly two weeks", "<", "[12.6, 14)", "talks"),
    ("He spent more than a decade in prison.", "more than a decade", ">", "(3652, inf)", None),
    ("The operation took 48 hours.", "48 hours", "=", "[2, 2]", "operation"),
    ("The fighting has gone on for two and a half years.", "two and a half years", "=", "[912.5, 915]", "fighting"),
    ("The truce collapsed within a fortnight.", "a fortnight", "=", "[14, 14]", "truce"),
    # --- compounds and vague compounds --------------------------------------------------
    ("The city imposed a six-week lockdown.", "six-week lockdown", "=", "[42, 42]", "lockdown"),
    ("The months-long siege ended on Friday.", "months-long siege", "vague", "[60, 364]", "siege"),
    ("He was handed a 10-year prison sentence.", "10-year prison sentence", "=", "[3650, 3660]", "sentence"),
    # --- events of any kind: fires, storms, crashes, standoffs (the nouns of EVENT_CLASSES) --
    ("Firefighters battled a three-hour blaze on Monday.", "three-hour blaze", "=", "[0.125, 0.125]", "blaze"),
    ("A two-hour fire destroyed the warehouse.", "two-hour fire", "=", "[0.0833333, 0.0833333]", "fire"),
    ("Police ended a six-hour standoff with the gunman.", "six-hour standoff", "=", "[0.25, 0.25]", "standoff"),
    ("The 12-hour siege ended on Friday.", "12-hour siege", "=", "[0.5, 0.5]", "siege"),
    ("The storm lasted three days.", "three days", "=", "[3, 3]", "storm"),
    ("The two-day manhunt ended in Ohio.", "two-day manhunt", "=", "[2, 2]", "manhunt"),
    # gunfire is no blaze
    ("Officers exchanged fire with him for two hours.", "two hours", "=", "[0.0833333, 0.0833333]", None),
]


def test_every_event_noun_of_a_class_measures_a_duration() -> None:
    """One table of event nouns: a noun that events class (and DU01 compares) is one whose
    length the durations extractor attaches."""
    assert set(EVENT_CLASSES) <= EVENT_NOUNS


@pytest.mark.parametrize(("sentence", "quote", "qualifier", "expected", "subject"), CASES,
                         ids=[c[1] for c in CASES])
def test_duration(sentence: str, quote: str, qualifier: str, expected: str, subject: str | None) -> None:
    claim = only_duration(sentence, quote)
    assert claim.qualifier is not None and claim.qualifier.value == qualifier
    assert interval(claim) == expected
    assert claim.unit == "day"
    assert claim.subject == subject
    assert claim.text == sentence[claim.start:claim.end]


# Not durations: ages, and offsets that date another event.
NOT_DURATIONS = [
    "The 45-year-old man was arrested.",
    "He is 45 years old.",
    "Kim Jong Un visited Moscow just a month ago.",
    "Lavrov’s trip arrived one month later.",
]


@pytest.mark.parametrize("sentence", NOT_DURATIONS)
def test_not_a_duration(sentence: str) -> None:
    assert durations(sentence) == []


def test_json_contract_of_a_duration() -> None:
    data = only_duration("Mr. Lavrov paid a two-day visit.", "two-day visit").to_json()
    assert (data["kind"], data["low"], data["high"], data["unit"], data["subject"], data["qualifier"]) == (
        "duration", 2, 2, "day", "visit", "=")
