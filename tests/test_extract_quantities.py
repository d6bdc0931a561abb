"""Quantities: real sentences and the claim each must yield.

Intervals are written in the usual notation: ``(1000, inf)`` excludes 1000, ``[6, inf)``
includes 6; bounds are the exact numbers the extractor must produce (tolerance bands use
the default 10 %).
"""

from __future__ import annotations

import datetime as dt

import pytest

from checker.extractors.numbers import TENS, UNITS
from checker.model import Claim, ClaimKind
from tests.claims import claims_of, interval, only_claim

PUBLISHED = dt.date(2023, 10, 19)


def quantities(sentence: str) -> list[Claim]:
    return claims_of(ClaimKind.QUANTITY, sentence, PUBLISHED)


def only_quantity(sentence: str, quote: str) -> Claim:
    return only_claim(ClaimKind.QUANTITY, sentence, quote, PUBLISHED)


# sentence, quote, qualifier, interval, unit, counted thing
CASES: list[tuple[str, str, str, str, str | None, str | None]] = [
    # --- the seed articles ---------------------------------------------------------------
    ("Washington claimed on Friday that North Korea has delivered more than 1,000 containers of military "
     "equipment and munitions to Russia in recent weeks.",
     "more than 1,000 containers", ">", "(1000, inf)", None, "container"),
    ("According to a U.S. think tank, satellite photographs indicated ongoing activity near a North Korean port "
     "close to Russia on Tuesday, indicating at least six journeys by sea between the two nations since late August.",
     "at least six journeys", ">=", "[6, inf)", None, "journey"),
    ("In fact, there are reports suggesting that North Korea is supplying a significant portion—up to 40%—of "
     "Russia’s ammunition for the ongoing conflict in Ukraine.",
     "up to 40%", "<=", "[0, 40]", "percent", "ammunition"),
    ("Lavrov is expected to brief the North Koreans on Putin’s visit to China, which is hosting some 130 global "
     "leaders for its third Belt and Road Initiative forum.",
     "some 130 global leaders", "~", "[117, 143]", None, "leader"),
    ("Earlier in September, 300 vessels were reportedly transported from the Korea’s Northn harbor of Nanjin to "
     "Dunay on Russia’s west coast.",
     "300 vessels", "=", "[300, 300]", None, "vessel"),
    ("This visit follows closely on the heels of North Korea’s commitment to dispatch an additional 6,000 military "
     "workers to the Kursk region.",
     "6,000 military workers", "=", "[6000, 6000]", None, "worker"),
    ("- North Korea sending 6,000 workers to Russia’s Kursk region.",
     "6,000 workers", "=", "[6000, 6000]", None, "worker"),
    ("However, Moscow’s diplomatic drive in East Asia could be eclipsed by the escalating war in Gaza, which saw an "
     "air strike kill at least 500 civilians at a crowded hospital on Tuesday night.",
     "at least 500 civilians", ">=", "[500, inf)", None, "civilian"),
    ("It also comes as Russia faces criticism for an air strike in the southeastern city of Zaporizhzhia that "
     "killed at least two civilians and wiped out two floors of a residential building.",
     "two floors", "=", "[2, 2]", None, "floor"),
    # --- qualifiers as intervals ---------------------------------------------------------
    ("Nearly 40 people were injured in the blast.", "Nearly 40 people", "<", "[36, 40)", None, "person"),
    ("The fire destroyed almost 200 homes.", "almost 200 homes", "<", "[180, 200)", None, "home"),
    ("About 300 protesters gathered outside parliament.", "About 300 protesters", "~", "[270, 330]", None,
     "protester"),
    ("Police detained around 50 people.", "around 50 people", "~", "[45, 55]", None, "person"),
    ("Fewer than 20 journalists were allowed in.", "Fewer than 20 journalists", "<", "[0, 20)", None, "journalist"),
    ("The army deployed over 3,000 troops to the border.", "over 3,000 troops", ">", "(3000, inf)", None, "troop"),
    ("Officials said no more than 15 ships could dock.", "no more than 15 ships", "<=", "[0, 15]", None, "ship"),
    ("Between 5 and 10 soldiers were wounded.", "Between 5 and 10 soldiers", "range", "[5, 10]", None, "soldier"),
    ("The strike killed between 5 and 10 soldiers.", "between 5 and 10 soldiers", "range", "[5, 10]", None,
     "soldier"),
    ("The strike killed 5-10 soldiers.", "5-10 soldiers", "range", "[5, 10]", None, "soldier"),
    ("Rescuers found 12 to 15 survivors.", "12 to 15 survivors", "range", "[12, 15]", None, "survivor"),
    ("Ten or more vessels left the port.", "Ten or more vessels", ">=", "[10, inf)", None, "vessel"),
    # --- number words, scales and vague plurals ------------------------------------------
    ("Hundreds of people fled the city.", "Hundreds of people", "vague", "[200, 999]", None, "person"),
    ("Tens of thousands of workers went on strike.", "Tens of thousands of workers", "vague", "[20000, 99999]",
     None, "worker"),
    ("The navy sent a dozen boats.", "a dozen boats", "=", "[12, 12]", None, "boat"),
    ("About two dozen young protesters splintered off.", "About two dozen young protesters", "~",
     "[21.6, 26.4]", None, "protester"),
    ("At least three dozen mostly young people stormed the store.",
     "At least three dozen mostly young people", ">=", "[36, inf)", None, "person"),
    ("AMD bought ATI for US $5.4-billion.", "US $5.4-billion", "=", "[5.4e+09, 5.4e+09]", "USD", None),
    ("UMC closed at NT $18 on Friday.", "NT $18", "=", "[18, 18]", "TWD", None),
    ("The Orioles offered $140- $150 million over seven years.", "$140- $150 million", "range",
     "[1.4e+08, 1.5e+08]", "USD", None),
    ("Officers fired, hitting Gray eleven times.", "eleven", "=", "[11, 11]", None, None),
    ("Twenty-five inspectors visited the site.", "Twenty-five inspectors", "=", "[25, 25]", None, "inspector"),
    ("The city has 2.5 million residents.", "2.5 million residents", "=", "[2.5e+06, 2.5e+06]", None, "resident"),
    # --- money and percentages ------------------------------------------------------------
    ("The deal is worth $3bn over five years.", "$3bn", "=", "[3e+09, 3e+09]", "USD", None),
    ("The company paid 2.5 million dollars in fines.", "2.5 million dollars", "=", "[2.5e+06, 2.5e+06]", "USD", None),
    ("Exports fell 12 percent in August.", "12 percent", "=", "[12, 12]", "percent", None),
    ("Turnout reached 61.5% of registered voters.", "61.5%", "=", "[61.5, 61.5]", "percent", "voter"),
    ("Prices rose by more than 40 per cent.", "more than 40 per cent", ">", "(40, inf)", "percent", None),
    ("The bill costs £450m.", "£450m", "=", "[4.5e+08, 4.5e+08]", "GBP", None),
    ("Facebook expected a fine of $3 billion to $5 billion.", "$3 billion to $5 billion", "range", "[3e+09, 5e+09]",
     "USD", None),
    ("Let's get from $10 to $15 billion, he said.", "$10 to $15 billion", "range", "[1e+10, 1.5e+10]", "USD", None),
    ("Fresh fruit prices are expected to increase between 5% and 6%.", "between 5% and 6%", "range", "[5, 6]",
     "percent", None),
    ("The WTO said global trade could see a five per cent to 20 per cent rebound.", "five per cent to 20 per cent",
     "range", "[5, 20]", "percent", None),
    ("There are four to five thousand people.", "four to five thousand people", "range", "[4000, 5000]", None,
     "person"),
    ("There were 4 hundred million people.", "4 hundred million people", "=", "[4e+08, 4e+08]", None, "person"),
    ("The yacht was quoted at USD10m.", "USD10m", "=", "[1e+07, 1e+07]", "USD", None),
    ("Global debt was about $US113 trillion.", "about $US113 trillion", "~", "[1.017e+14, 1.243e+14]", "USD", None),
    ("The Hornets total offense was -5 yards.", "-5 yards", "=", "[-5, -5]", None, "yard"),
    ("Chipmakers will produce sub-7 nanometer chips.", "sub-7 nanometer chips", "<", "[0, 7)", None, "chip"),
    # a currency word glued before the figure or hyphenated after it
    ("Greece gets a euro110 billion ($141 billion) loan package.", "euro110 billion", "=", "[1.1e+11, 1.1e+11]",
     "EUR", None),
    ("It is a condition of a 110bn-euro rescue package.", "110bn-euro", "=", "[1.1e+11, 1.1e+11]", "EUR", "package"),
    # a figure joined to a noun by a hyphen counts that noun, even after "the"
    ("The 1,000-member evangelical church was under scrutiny.", "1,000-member", "=", "[1000, 1000]", None, "member"),
    ("Smoke came out of the back of the three-story building.", "three-story", "=", "[3, 3]", None, "story"),
    # no plural-looking word: the last noun read is the head, not the verb after it
    ("A total of 31 fire apparatus arrived to fight the fire.", "31 fire apparatus", "=", "[31, 31]", None,
     "apparatus"),
    # pieces of something count that thing
    ("A total of 31 separate pieces of firefighting apparatus responded.", "31 separate pieces of firefighting apparatus",
     "=", "[31, 31]", None, "apparatus"),
    # a name that modifies the counted noun, and text in capitals
    ("The RCMP arrested two Bountiful residents on Wednesday.", "two Bountiful residents", "=", "[2, 2]", None,
     "resident"),
    ("Police raided three Rite Aid stores.", "three Rite Aid stores", "=", "[3, 3]", None, "store"),
    ("THREE PEOPLE HAVE DIED IN A BLAZE that broke out at a bank.", "THREE PEOPLE", "=", "[3, 3]", None, "person"),
    # a plural-looking word that modifies the noun after it
    ("He fled after two plainclothes police officers fired.", "two plainclothes police officers", "=", "[2, 2]", None,
     "officer"),
    ("Two police were hurt.", "Two police", "=", "[2, 2]", None, "police"),
    # --- ages ----------------------------------------------------------------------------
    ("The 45-year-old man was arrested.", "45-year-old", "=", "[45, 45]", "year", "age"),
    ("A 60 year-old might withdraw 2.72%.", "60 year-old", "=", "[60, 60]", "year", "age"),
    # tokenised text (ECB+) puts spaces around the hyphens
    ("Police shot 16 - year - old Kimani Gray.", "16 - year - old", "=", "[16, 16]", "year", "age"),
    ("He assaulted the 11 - year old girl.", "11 - year old", "=", "[11, 11]", "year", "age"),
    # --- units ---------------------------------------------------------------------------
    ("The convoy travelled 300 km overnight.", "300 km", "=", "[300, 300]", "kilometre", None),
    ("The country produces about 1.2 million barrels a day.", "about 1.2 million barrels", "~",
     "[1.08e+06, 1.32e+06]", "barrel", None),
]


@pytest.mark.parametrize(("sentence", "quote", "qualifier", "expected", "unit", "subject"), CASES,
                         ids=[c[1] for c in CASES])
def test_quantity(sentence: str, quote: str, qualifier: str, expected: str, unit: str | None,
                  subject: str | None) -> None:
    claim = only_quantity(sentence, quote)
    assert claim.qualifier is not None and claim.qualifier.value == qualifier
    assert interval(claim) == expected
    assert claim.unit == unit
    assert claim.subject == subject
    assert claim.text == sentence[claim.start:claim.end]


# sentence, quotes of all quantities in order
ALL: list[tuple[str, list[str]]] = [
    ("It also comes as Russia faces criticism for an air strike in the southeastern city of Zaporizhzhia that "
     "killed at least two civilians and wiped out two floors of a residential building.",
     ["at least two civilians", "two floors"]),
    # Figures that are part of a date or a duration are not quantities.
    ("Mr. Lavrov paid a two-day visit to Pyongyang in 2018.", []),
    ("Kim Jong Un visited Moscow just a month ago.", []),
    ("Lavrov’s trip to the Asian country on Wednesday, his first since 2018, is expected to pave the way.", []),
    # Two figures joined by "and" without "between" stay two figures with their own units.
    ("It paid $3bn and 40 percent of the shares.", ["$3bn", "40 percent"]),
    # Times, ordinals and identifiers are not counts; an age is a quantity of its own.
    ("The 45-year-old man arrived at 10:30 on the 3rd floor of Resolution 2231.", ["45-year-old"]),
    ("Apple sold the iPhone 11 in Game 2 week while the S&P 500 fell and Dak Prescott (4) ran.", []),
    ("Bristol City came from behind to beat Charlton 2-1 and tied at 89-89.", []),
    ("Analysts put the gap between the S8 and its rivals at around 25k or 40k.", ["around 25k", "40k"]),
    # a relative pronoun is no counted thing ("at least one whom": a typo of "of whom")
    ("Two women sat next to her, at least one whom also appeared to be injured.", ["Two women"]),
]


@pytest.mark.parametrize(("sentence", "quotes"), ALL, ids=[s[:40] for s, _ in ALL])
def test_all_quantities_of_a_sentence(sentence: str, quotes: list[str]) -> None:
    assert [c.text for c in quantities(sentence)] == quotes


def test_money_and_percent_keep_their_own_units() -> None:
    units = {c.text: c.unit for c in quantities("It paid $3bn and 40 percent of the shares.")}
    assert units == {"$3bn": "USD", "40 percent": "percent"}


def test_json_contract_of_an_open_bound() -> None:
    claim = only_quantity("North Korea has delivered more than 1,000 containers to Russia.",
                          "more than 1,000 containers")
    data = claim.to_json()
    assert (data["kind"], data["qualifier"], data["low"], data["high"], data["subject"]) == (
        "quantity", ">", 1000, None, "container")
    assert claim.low_open and not claim.high_open


def test_modifiers_narrow_the_counted_thing() -> None:
    claim = only_quantity("North Korea will dispatch an additional 6,000 military workers.",
                          "6,000 military workers")
    assert claim.modifiers == ("military",)


@pytest.mark.parametrize("text", ["", "   ", "1,0,0,0", "9" * 500, "$", "between and", "-5--10", "more than",
                                  "\x00\x1b[31m 12 \u200b%", "one one one one"])
def test_odd_text_never_crashes(text: str) -> None:
    for claim in quantities(text):
        assert claim.text == text[claim.start:claim.end]


# A number word that is the only figure of its sentence: every word of the number vocabulary,
# compounds of tens and units, and the special and vague expressions.
_SPELLED_ALONE = [
    *((word, float(value)) for word, value in {**UNITS, **TENS}.items() if value > 1),
    ("twenty-one", 21.0), ("ninety-nine", 99.0), ("a dozen", 12.0), ("half a dozen", 6.0),
    ("a couple of", 2.0), ("a hundred", 100.0), ("dozens of", 24.0), ("scores of", 40.0),
]


@pytest.mark.parametrize(("words", "low"), _SPELLED_ALONE, ids=[w for w, _ in _SPELLED_ALONE])
def test_a_number_word_alone_in_its_sentence_is_found(words: str, low: float) -> None:
    sentence = f"{words[0].upper()}{words[1:]} firefighters were sent."
    claim = only_quantity(sentence, f"{words[0].upper()}{words[1:]} firefighters")
    assert (claim.low, claim.subject) == (low, "firefighter")
