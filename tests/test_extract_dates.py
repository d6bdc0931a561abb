"""Dates: real sentences, the publication date they are read against, and the date claim each
must yield as an inclusive interval of ISO dates with its granularity."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.model import Claim, ClaimKind
from tests.claims import claims_of, only_claim

THU = dt.date(2023, 10, 19)  # publication of seeds 002 and 004 (a Thursday)
WED = dt.date(2023, 10, 18)  # publication of seed 003 (a Wednesday)
FRI_2025 = dt.date(2025, 7, 11)  # publication of seed 000


def dates(sentence: str, published: dt.date | None) -> list[Claim]:
    return claims_of(ClaimKind.DATE, sentence, published)


def only_date(sentence: str, published: dt.date | None, quote: str) -> Claim:
    return only_claim(ClaimKind.DATE, sentence, quote, published)


# sentence, published, quote, low, high, granularity, relative
CASES: list[tuple[str, dt.date | None, str, str | None, str | None, str, bool]] = [
    # --- absolute ------------------------------------------------------------------------
    ("Russian Foreign Minister Sergei Lavrov takes part in a welcoming ceremony upon his arrival in Pyongyang, "
     "Korea's North, October 18, 2023Reuters", THU, "October 18, 2023", "2023-10-18", "2023-10-18", "day", False),
    ("Uncertainty surrounds whether Mr. Lavrov will run into Mrs. Kim while on his latest journey, as he did during "
     "his previous trip to Pyongyang in 2018.", THU, "2018", "2018-01-01", "2018-12-31", "year", False),
    ("Lavrov’s trip to the Asian country on Wednesday, his first since 2018, is expected to pave the way.",
     WED, "2018", "2018-01-01", "2018-12-31", "year", False),
    ("The ceasefire took effect on 7 August 1998.", None, "7 August 1998", "1998-08-07", "1998-08-07", "day", False),
    ("The report was filed in March 2013.", None, "March 2013", "2013-03-01", "2013-03-31", "month", False),
    ("Results are due in the first quarter of 2024.", None, "first quarter of 2024", "2024-01-01", "2024-03-31",
     "quarter", False),
    ("The deadline is 2024-02-29.", None, "2024-02-29", "2024-02-29", "2024-02-29", "day", False),
    # --- decades, and the year a thing dates to ------------------------------------------
    ("The cannery was built in the 1920s by Norwegian settlers.", THU, "1920s", "1920-01-01", "1929-12-31", "year",
     False),
    ("The mills dated back to the mid 1880's, when the railway came.", THU, "mid 1880's", "1883-01-01",
     "1886-12-31", "year", False),
    ("The lighthouse dates to 1902, when the harbour opened.", THU, "1902", "1902-01-01", "1902-12-31", "year",
     False),
    # --- months without a year: the most recent such month --------------------------------
    ("Following Mr. Kim’s days-long trip to Russia in September, Mr. Lavrov paid a two-day visit.",
     THU, "September", "2023-09-01", "2023-09-30", "month", True),
    ("The defense secretary of Russia even traveled to Korea’s North earlier in July.",
     THU, "earlier in July", "2023-07-01", "2023-07-31", "month", True),
    ("Satellite photographs indicated at least six journeys by sea between the two nations since late August.",
     THU, "late August", "2023-08-21", "2023-08-31", "month", True),
    ("Putin and Kim heaped praise upon one another during their September meeting.",
     WED, "September", "2023-09-01", "2023-09-30", "month", True),
    ("The grand jury heard evidence collected during the April raid on the compound.",
     THU, "April", "2023-04-01", "2023-04-30", "month", True),
    # --- weekdays: the nearest such day on or before publication -------------------------
    ("Lavrov came to Pyongyang on Wednesday for talks.", THU, "Wednesday", "2023-10-18", "2023-10-18", "day", True),
    ("Lavrov’s trip to the Asian country on Wednesday, his first since 2018.", WED, "Wednesday", "2023-10-18",
     "2023-10-18", "day", True),
    ("An air strike killed at least 500 civilians at a crowded hospital on Tuesday night.",
     WED, "Tuesday night", "2023-10-17", "2023-10-17", "day", True),
    ("Thursday’s anti-naval mine practice off the coast of South Korea included the fleets of the United States.",
     THU, "Thursday", "2023-10-19", "2023-10-19", "day", True),
    ("The US released knowledge and evidence on Friday.", THU, "Friday", "2023-10-13", "2023-10-13", "day", True),
    ("The talks will resume next Monday.", THU, "next Monday", "2023-10-23", "2023-10-23", "day", True),
    # --- relative to the publication date -----------------------------------------------
    ("The US claimed last week that Korea’s North had started sending Russia sizable amounts of weapons.",
     THU, "last week", "2023-10-09", "2023-10-15", "week", True),
    ("Putin hosted North Korean leader Kim Jong Un in Moscow just a month ago.",
     WED, "just a month ago", "2023-09-01", "2023-09-30", "month", True),
    ("He added that he was there to talk about the plans made when Mr. Putin and Kim met next quarter.",
     THU, "next quarter", "2024-01-01", "2024-03-31", "quarter", True),
    ("Lavrov may also inform North Korean officials of the outcomes of Putin’s visit to China this past week.",
     THU, "this past week", "2023-10-12", "2023-10-18", "week", True),
    ("According to Lavrov, this week’s visit will provide a valuable opportunity.",
     THU, "this week", "2023-10-16", "2023-10-22", "week", True),
    ("North Korea has delivered more than 1,000 containers of military equipment to Russia in recent weeks.",
     WED, "recent weeks", "2023-09-06", "2023-10-18", "week", True),
    ("A cargo-passenger boat was also spotted this month in the same port’s drydock.",
     THU, "this month", "2023-10-01", "2023-10-31", "month", True),
    ("Kim Jong Un officiated the opening ceremony, inaugurated just a few weeks ago.",
     FRI_2025, "just a few weeks ago", "2025-05-30", "2025-06-27", "week", True),
    ("Such interactions followed a treaty signing last year.", FRI_2025, "last year", "2024-01-01", "2024-12-31",
     "year", True),
    ("The minister arrived yesterday.", THU, "yesterday", "2023-10-18", "2023-10-18", "day", True),
    ("A fast-moving fire destroyed the old warehouse early this morning.", THU, "this morning", "2023-10-19",
     "2023-10-19", "day", True),
    ("The chapel was apparently attacked by an arsonist last night.", THU, "last night", "2023-10-18",
     "2023-10-18", "day", True),
    ("The vote took place three days ago.", THU, "three days ago", "2023-10-16", "2023-10-16", "day", True),
    ("Netanyahu apologized to Turkey for a 2010 commando raid that killed nine activists.", THU, "2010",
     "2010-01-01", "2010-12-31", "year", False),
    ("The pandemic of 2009-2010 killed 348 children.", THU, "2010", "2010-01-01", "2010-12-31", "year", False),
    ("He took part in the trans-Antarctic expedition of 1957-58.", THU, "58", "1958-01-01", "1958-12-31", "year",
     False),
    ("The FAA must cut $600 million from its budget this fiscal year.", THU, "this fiscal year", "2023-01-01",
     "2023-12-31", "year", True),
    # --- the tense of the clause chooses between the last and the next such day or month ----
    ("The book of memoirs is due to be published in May.", THU, "May", "2024-05-01", "2024-05-31", "month", True),
    ("Microsoft said the program will run through June.", THU, "June", "2024-06-01", "2024-06-30", "month", True),
    ("The minister will meet his counterpart on Monday.", THU, "Monday", "2023-10-23", "2023-10-23", "day", True),
    ("It's possible there will be more, Dr. Michael Jhung said Friday.", dt.date(2013, 3, 22), "Friday",
     "2013-03-22", "2013-03-22", "day", True),
    # --- relative to another event: never resolved ----------------------------------------
    ("Following Kim’s unusual trip to Russia, Lavrov’s two-day trip to Russia arrived one month later.",
     THU, "one month later", None, None, "month", True),
    # --- undated articles keep relative dates unresolved, absolute ones resolved ----------
    ("The US claimed last week that the North had started sending weapons.", None, "last week", None, None,
     "week", True),
    ("Lavrov came to Pyongyang on Wednesday for talks.", None, "Wednesday", None, None, "day", True),
    ("The summit opened on October 18, 2023.", None, "October 18, 2023", "2023-10-18", "2023-10-18", "day", False),
    # A dateline: the weekday without a comma is not part of what dateparser reads.
    ("Friday August 2, 2013 @ 8:13am PDT", None, "Friday August 2, 2013", "2013-08-02", "2013-08-02", "day", False),
]


def test_a_time_of_day_is_a_date_claim_without_a_day() -> None:
    claim = only_date("Dispatchers got a call shortly after 3:30 a. m. that the building was on fire.", THU,
                      "3:30 a. m.")
    assert (claim.low, claim.high, claim.granularity) == (None, None, None)
    assert claim.attr("time") == "03:30" and claim.attr("around") == "shortly after"
    assert only_date("The bank was evacuated at 1:30 p.m. on Monday.", None, "1:30 p.m.").attr("time") == "13:30"
    # The part of the day after it tells the morning from the afternoon.
    assert only_date("Shortly after 3:30 Tuesday morning someone called 911.", None, "3:30").attr("time") == "03:30"
    assert only_date("The blaze started at 9:40 Friday night.", None, "9:40").attr("time") == "21:40"


@pytest.mark.parametrize(("sentence", "published", "quote", "low", "high", "granularity", "relative"), CASES,
                         ids=[f"{c[2]}@{c[1]}" for c in CASES])
def test_date(sentence: str, published: dt.date | None, quote: str, low: str | None, high: str | None,
              granularity: str, relative: bool) -> None:
    claim = only_date(sentence, published, quote)
    assert (claim.low, claim.high) == (low, high)
    assert claim.granularity is not None and claim.granularity.value == granularity
    assert claim.relative is relative
    assert claim.anchor == (published.isoformat() if relative and published and low else None)
    assert claim.text == sentence[claim.start:claim.end]


# sentence, published, every date quote in order
ALL: list[tuple[str, dt.date | None, list[str]]] = [
    ("Earlier in September, 300 vessels were reportedly transported from the harbor of Nanjin.", THU,
     ["Earlier in September"]),
    ("The White House said last week that North Korea has recently sent weaponry to Russia.", THU, ["last week"]),
    # Not dates: a modal verb, a count, a name.
    ("Officials may meet again, and 2,000 people may march in May.", THU, ["May"]),
    ("He won 1999 votes and 2018 people signed.", THU, []),
    # Relative dates in days, in sentences with no other date word (the quick test that skips
    # sentences without one once missed these).
    ("Rescuers said two days after the quake that no more survivors were expected.", THU, ["two days after"]),
    ("Fighting has intensified in recent days.", THU, ["recent days"]),
    ("Rescuers in Bogotá said two days after the quake that hope was fading.", THU, ["two days after"]),  # not ASCII
]


@pytest.mark.parametrize(("sentence", "published", "quotes"), ALL, ids=[s[:40] for s, _, _ in ALL])
def test_all_dates_of_a_sentence(sentence: str, published: dt.date | None, quotes: list[str]) -> None:
    assert [c.text for c in dates(sentence, published)] == quotes


def test_a_date_names_the_event_it_anchors() -> None:
    claim = only_date("His previous trip to Pyongyang in 2018 was short.", THU, "2018")
    assert claim.subject == "trip"


def test_json_contract_of_a_month() -> None:
    data = only_date("The visit took place in October 2023.", None, "October 2023").to_json()
    assert (data["kind"], data["low"], data["high"], data["granularity"], data["relative"]) == (
        "date", "2023-10-01", "2023-10-31", "month", False)


@pytest.mark.parametrize("text", ["", "February 30, 2023", "on 99 March 2024", "Q9", "99999 years ago",
                                  "last last last week", "Wednesday's Wednesday", "\x00 May \u200b 2023",
                                  "in 1066", "10/18/2023", "a" * 5000])
def test_odd_text_never_crashes(text: str) -> None:
    for claim in dates(text, THU):
        assert claim.text == text[claim.start:claim.end]


def test_a_dateline_in_capitals_is_a_full_date() -> None:
    claim = only_date("PUBLISHED: WEDNESDAY, MARCH 13, 2013, 2:29 PM", None, "WEDNESDAY, MARCH 13, 2013")
    assert (claim.low, claim.granularity.value if claim.granularity else None) == ("2013-03-13", "day")
    assert claim.attr("weekday") == "wednesday"
    assert only_date("MAR. 14, 2013, 8:12 PM", None, "MAR. 14, 2013").low == "2013-03-14"
    # Without its year a word in capitals is not read as a month: "MAY" may be the verb.
    assert [c for c in claims_of(ClaimKind.DATE, "THE JURY MAY 13 DECIDE", None)] == []
