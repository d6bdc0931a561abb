"""Named entities: real sentences, the names found in them, their canonical form and type."""

from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz

from checker import extract_text
from checker.extractors import group_entities
from checker.extractors.entities import PairMemo, group_links, linked_groups, similar_pairs, spelling_groups
from checker.model import Claim, ClaimKind
from tests.claims import claims_of


def entities(text: str) -> list[Claim]:
    return claims_of(ClaimKind.ENTITY, text)


# sentence, quote, canonical name, entity type
CASES: list[tuple[str, str, str, str]] = [
    ("According to Sergei Lavrov, the Russian Foreign Minister, Moscow has completely supported Korea’s Northn "
     "leader Kim Jong Un.", "Sergei Lavrov", "Sergei Lavrov", "person"),
    ("According to Sergei Lavrov, the Russian Foreign Minister, Moscow has completely supported Korea’s Northn "
     "leader Kim Jong Un.", "Moscow", "Moscow", "place"),
    ("According to Sergei Lavrov, the Russian Foreign Minister, Moscow has completely supported Korea’s Northn "
     "leader Kim Jong Un.", "Kim Jong Un", "Kim Jong Un", "person"),
    # Inverted and possessive forms of a country name.
    ("Mr. Lavrov expressed gratitude to Korea's North for its assistance in Ukraine.", "Korea's North",
     "North Korea", "place"),
    ("According to Sergei Lavrov, Moscow has completely supported Korea’s Northn leader Kim Jong Un.",
     "Korea’s Northn", "North Korea", "place"),
    ("Russia’s Lavrov hails deeper ties in N Korea visit.", "N Korea", "North Korea", "place"),
    # Titles are stripped and mark a person.
    ("Putin accepted an invitation from Vietnamese President Vo Van Thuong to visit Hanoi.", "Vo Van Thuong",
     "Vo Van Thuong", "person"),
    ("Putin accepted an invitation from Vietnamese President Vo Van Thuong to visit Hanoi.", "Hanoi", "Hanoi",
     "place"),
    ("The Western accusations said to Kremlin spokesperson Dmitry Peskov, are not supported by any evidence.",
     "Dmitry Peskov", "Dmitry Peskov", "person"),
    ("The Western accusations said to Kremlin spokesperson Dmitry Peskov, are not supported by any evidence.",
     "Kremlin", "Kremlin", "organisation"),
    ("In talks with his North Korean counterpart, Choe Son Hui, Lavrov expressed gratitude.", "Choe Son Hui",
     "Choe Son Hui", "person"),
    # A portfolio before an office word is part of the title, whatever the portfolio.
    ("Italian Interior Minister Dmitri Horvat began a three-day visit to Sweden on Friday.", "Dmitri Horvat",
     "Dmitri Horvat", "person"),
    ("German Health Minister Helena Lehmann arrived in Ankara.", "Helena Lehmann", "Helena Lehmann", "person"),
    ("Attorney General Eric Holder announced the charges.", "Eric Holder", "Eric Holder", "person"),
    ("Home Secretary Priti Patel said the review would continue.", "Priti Patel", "Priti Patel", "person"),
    # Abbreviations defined in the text map to the full name.
    ("According to the Washington-based Center for Strategic and International Studies (CSIS), the transports "
     "may be connected. According to CSIS, a boat was also spotted.", "CSIS",
     "Center for Strategic and International Studies", "organisation"),
    ("According to the Washington-based Center for Strategic and International Studies (CSIS), the transports "
     "between the port of Rajin and Russia’s Dunai may be connected.", "Rajin", "Rajin", "place"),
    # People in local news: a role before the name, a middle initial, where they are from, an age.
    ("Victims Shane Newland and Justin Huckeby were identified.", "Shane Newland", "Shane Newland", "person"),
    ("Suspect Dora Delgado was arrested on Tuesday.", "Dora Delgado", "Dora Delgado", "person"),
    ("Michael C. Reyes was arrested at 7:30 p.m.", "Michael C. Reyes", "Michael C. Reyes", "person"),
    ("The victims were Barbara Hawthorne of Battle Creek and Dorothy Brown.", "Barbara Hawthorne",
     "Barbara Hawthorne", "person"),
    ("The victims were Barbara Hawthorne of Battle Creek and Dorothy Brown.", "Battle Creek", "Battle Creek",
     "place"),
    ("Four-year-old Ava Castillo died after being rushed to the hospital.", "Ava Castillo", "Ava Castillo",
     "person"),
    ("Christian Dawson, 19, was shot at a party.", "Christian Dawson", "Christian Dawson", "person"),
    # A single word before "of" is part of the name.
    ("Storms crossed the Gulf of Mexico on Monday.", "Gulf of Mexico", "Gulf of Mexico", "other"),
    # a known place before "of" is no name's head: what follows is the object of the event
    ("The shooting in Athens of Alexandros Grigoropoulos sparked riots.", "Alexandros Grigoropoulos",
     "Alexandros Grigoropoulos", "person"),
]


@pytest.mark.parametrize(("sentence", "quote", "canonical", "kind"), CASES, ids=[c[1] for c in CASES])
def test_entity(sentence: str, quote: str, canonical: str, kind: str) -> None:
    found = [c for c in entities(sentence) if c.text == quote]
    assert found, f"no entity {quote!r} in {[c.text for c in entities(sentence)]}"
    assert {(c.canonical, c.subject) for c in found} == {(canonical, kind)}
    assert all(c.text == sentence[c.start:c.end] for c in found)


def test_the_dprk_defined_in_the_text_is_north_korea() -> None:
    text = ("Lavrov added, “Likewise, the Russian Federation extends its full support and solidarity with the "
            "aspirations of the DPRK.” The North’s official name, the Democratic People’s Republic of Korea, is "
            "abbreviated as DPRK.")
    names = {(c.text, c.canonical) for c in entities(text)}
    assert ("DPRK", "North Korea") in names
    assert ("Democratic People’s Republic of Korea", "North Korea") in names


def test_abbreviations_defined_in_the_text_apply_before_and_after_the_definition() -> None:
    text = ("According to the Washington-based Center for Strategic and International Studies (CSIS), the transports "
            "may be connected. According to CSIS, a boat was also spotted.")
    csis = [c for c in entities(text) if c.text == "CSIS"]
    assert len(csis) == 2
    assert {c.canonical for c in csis} == {"Center for Strategic and International Studies"}


def test_transliteration_variants_across_articles_become_one_entity() -> None:
    first = extract_text("Russian Foreign Minister Sergei Lavrov has begun his three-day visit to North Korea.")
    second = extract_text("This backing was pronounced during a visit by Sergey Lavrov, the Russian Foreign "
                          "Minister.")
    grouped = group_entities([*first, *second])
    lavrov = {c.text: c.canonical for c in grouped if c.kind is ClaimKind.ENTITY and "Lavrov" in c.text}
    assert lavrov == {"Sergei Lavrov": "Sergei Lavrov", "Sergey Lavrov": "Sergei Lavrov"}


def test_spellings_are_compared_alike_in_any_number_of_threads() -> None:
    names = [f"{first} {last}" for first in ("Sergei", "Sergey", "Serhiy", "Dmitri", "Dmitry")
             for last in ("Lavrov", "Lavrow", "Horvat", "Horvath", "Kovacs", "Kovach")]
    claims = extract_text(" ".join(f"{name} spoke on Monday." for name in names))
    assert similar_pairs(names, 80.0, workers=2) == similar_pairs(names, 80.0) != []
    assert group_entities(claims, workers=2) == group_entities(claims)


@pytest.mark.parametrize("threshold", [90.0, 80.0, 100.0, 40.0])
def test_a_large_block_compares_by_length_and_finds_every_pair(threshold: float) -> None:
    rng = random.Random(7)
    keys: list[str] = []
    while len(keys) < 700:  # over the size from which lengths are banded
        word = "".join(rng.choice("abcdef ") for _ in range(rng.randint(1, 30)))
        keys.append(word)
        if rng.random() < 0.4:
            at = rng.randrange(len(word) + 1)
            keys.append(word[:at] + rng.choice("abc") + word[at:])
    every = [(i, j) for i in range(len(keys)) for j in range(i + 1, len(keys))
             if fuzz.ratio(keys[i], keys[j]) >= threshold]
    assert similar_pairs(keys, threshold) == every
    assert similar_pairs(keys, threshold, workers=2) == every


def test_a_pair_memo_gives_the_grouping_of_comparing_and_is_used_again() -> None:
    names = [f"{first} {last}" for first in ("Sergei", "Sergey", "Dmitri", "Dmitry")
             for last in ("Lavrov", "Lavrow", "Horvat", "Horvath")]
    claims = extract_text(" ".join(f"{name} spoke on Monday." for name in names))
    first = PairMemo()
    assert group_entities(claims, memo=first) == group_entities(claims)
    assert first.used and first.hits == 0
    again = PairMemo(known=first.used)
    assert group_entities(claims, memo=again) == group_entities(claims)
    assert again.hits == len(first.used) and again.used == first.used
    # One more name: its block is compared again, the others come from the memo.
    more = [*claims, *extract_text("Sergei Lavroff spoke on Monday.")]
    partly = PairMemo(known=first.used)
    assert group_entities(more, memo=partly) == group_entities(more)
    assert 0 < partly.hits < len(partly.used)


def test_a_pair_memo_entry_that_cannot_be_right_is_compared_again() -> None:
    claims = extract_text("Sergei Lavrov spoke. Sergey Lavrov spoke. Dmitri Horvat spoke.")
    honest = PairMemo()
    expected = group_entities(claims, memo=honest)
    forged = PairMemo(known={key: [(0, 99)] for key in honest.used})
    assert group_entities(claims, memo=forged) == expected
    assert forged.hits == 0


def test_north_and_south_korea_are_never_variants() -> None:
    claims = extract_text("Japan and South Korea held drills. North Korea fired a missile.")
    grouped = group_entities(claims)
    assert {c.canonical for c in grouped if c.kind is ClaimKind.ENTITY} == {"Japan", "South Korea", "North Korea"}


def test_a_bare_surname_links_to_the_full_name_in_the_article() -> None:
    claims = entities("Sergei Lavrov arrived in Pyongyang. Later, Mr. Lavrov met Kim Jong Un. Mr. Kim smiled.")
    canonical = {c.text: c.canonical for c in claims}
    assert canonical["Lavrov"] == "Sergei Lavrov"
    assert canonical["Kim"] == "Kim Jong Un"


def test_months_weekdays_and_demonyms_are_not_entities() -> None:
    text = "On Wednesday, Russian and North Korean officials met in September."
    assert [c.text for c in entities(text)] == []


@pytest.mark.parametrize(("text", "names"), [
    ("Foreign Minister Jan Patel has landed in Delhi.", ["Jan Patel", "Delhi"]),  # Jan: a given name
    ("Jun Nakamura met Jan Egeland on Tuesday.", ["Jun Nakamura", "Jan Egeland"]),
    ("On 5 Jan Patel said the visit went well.", ["Patel"]),  # after a day: the month
])
def test_an_abbreviated_month_before_a_name_is_a_given_name_unless_a_day_comes_first(
        text: str, names: list[str]) -> None:
    assert [c.text for c in entities(text)] == names


def test_a_persons_h_after_a_consonant_is_compared_as_g_and_digraphs_keep_theirs() -> None:
    from checker.extractors.entities import PERSON, PLACE, spelling_key

    assert spelling_key("Olha Stefanishyna", PERSON) == spelling_key("Olga Stefanishyna", PERSON)
    assert spelling_key("Serhiy Kyslytsya", PERSON) == spelling_key("Sergiy Kyslytsya", PERSON)
    assert spelling_key("Natasha Ahmed", PERSON) == "natasha ahmed"  # "sh" and a vowel before h: unchanged
    assert spelling_key("Elhovo", PLACE) != spelling_key("Elgovo", PLACE)  # places are not persons


def _block(seed: int) -> list[str]:
    rng = random.Random(seed)
    stems = ["Sergei", "Sergey", "Dmitri", "Dmitry", "Olha", "Olga", "Vargas", "Varga", "Vargase", "Omar", "Umar"]
    return sorted({f"{rng.choice(stems)} {rng.choice(['Lavrov', 'Lavrow', 'Lavrova', 'Horvat', 'Horvath'])}"
                   for _ in range(rng.randrange(2, 30))})


@pytest.mark.parametrize("seed", range(8))
def test_spelling_groups_kept_by_a_memo_are_those_of_grouping_again(seed: int) -> None:
    names = _block(seed)
    for kind in ("person", "other"):
        grouped = spelling_groups(names, 90.0, kind=kind)
        assert all(len(g) > 1 and g == sorted(g) for g in grouped)
        assert [g[0] for g in grouped] == sorted(g[0] for g in grouped)
        first = PairMemo()
        assert first.groups(names, 90.0, kind=kind) == grouped and first.hits == 0
        again = PairMemo(known=first.used)
        assert again.groups(names, 90.0, kind=kind) == grouped and again.hits == 1
        assert linked_groups(group_links(grouped), len(names)) == grouped


@pytest.mark.parametrize("links", [
    [(0, 2), (1, 2)],  # a name in two groups
    [(0, 1), (1, 2)],  # a name first of a group and in another
    [(1, 2), (0, 3)],  # groups out of order
    [(0, 2), (0, 1)],  # a group out of order
    [(0, 1), (0, 1)],  # a name twice in a group
    [(0, 0)], [(2, 1)], [(0, 5)], [(-1, 1)], [(True, 2)], [(0, 1.0)],  # not two indices in order below 5
    [(0, 1, 2)], [3], [None], ["01"],  # not pairs
])
def test_links_that_are_not_those_of_groups_are_refused(links: list[tuple[int, int]]) -> None:  # (or not pairs)
    assert linked_groups(links, 5) is None
    names = ["Sergei Lavrov", "Sergey Lavrov", "Sergei Lavrow", "Dmitri Lavrov", "Dmitry Lavrov"]
    memo = PairMemo()
    expected = memo.groups(names, 90.0, kind="person")
    forged = PairMemo(known={key: links for key in memo.used})
    assert forged.groups(names, 90.0, kind="person") == expected and forged.hits == 0
