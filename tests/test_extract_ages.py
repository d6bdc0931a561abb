"""Ages of named people: each sentence, the age quoted and the person it is tied to.

An age is tied to the person named right before it in apposition ("Lindsay, 26,") or right
after an "N-year-old" with at most role words between; a surname alone is the article's full
name of that surname; an unnamed "a 25 year old man" keeps its age and no person.
"""

from __future__ import annotations

import pytest

from checker import extract_text
from checker.model import Claim, ClaimKind


def ages(text: str) -> list[Claim]:
    return [c for c in extract_text(text) if c.kind is ClaimKind.QUANTITY and c.attr("measure") == "age"]


# text, quote of the age, age, unit, person (None: an age of no one named)
CASES: list[tuple[str, str, float, str, str | None]] = [
    ("Police identified the victim as Nicholas Lindsay, 25, of Chicago.", "25", 25, "year", "Nicholas Lindsay"),
    ("The 25-year-old Nicholas Lindsay was shot twice.", "25-year-old", 25, "year", "Nicholas Lindsay"),
    ("Nicholas Lindsay, aged 25, died at the scene.", "25", 25, "year", "Nicholas Lindsay"),
    ("Nicholas Lindsay, who was 25, died at the scene.", "25", 25, "year", "Nicholas Lindsay"),
    ("Nicholas Lindsay, a 25-year-old student, died.", "25-year-old", 25, "year", "Nicholas Lindsay"),
    ("Police said a 25 year old man was hurt.", "25 year old", 25, "year", None),
    ("The 30-year-old Chicago man, Mark Dunn, was shot.", "30-year-old", 30, "year", "Mark Dunn"),
    ("Four-year-old Ava Castillo died after being rushed to the hospital.", "Four-year-old", 4, "year",
     "Ava Castillo"),
    ("Police identified the child as 11-month-old Tedashi Williams.", "11-month-old", 11, "month",
     "Tedashi Williams"),
    ("Victims Shane Newland, 42, and Justin Huckeby, 25, were identified.", "42", 42, "year", "Shane Newland"),
    ("Victims Shane Newland, 42, and Justin Huckeby, 25, were identified.", "25", 25, "year", "Justin Huckeby"),
    ("The victims were 68-year-old Barbara Hawthorne of Battle Creek and Dorothy Brown.", "68-year-old", 68,
     "year", "Barbara Hawthorne"),
    # tokenised text (ECB+) puts spaces around the hyphens
    ("Two officers fatally shot 16 - year - old Kimani Gray on Saturday.", "16 - year - old", 16, "year",
     "Kimani Gray"),
    ("He assaulted the 11 - year old girl.", "11 - year old", 11, "year", None),
    # a surname alone, at the start of a sentence, is the article's one person of that surname
    ("Police named Nicholas Lindsay as the victim. Lindsay, 26, died on Monday.", "26", 26, "year",
     "Nicholas Lindsay"),
    # a place before "of" and a name: the name is the person's, not a place
    ("A police shooting in Athens of Alexandros Grigoropoulos, 15, touched off riots.", "15", 15, "year",
     "Alexandros Grigoropoulos"),
    # a kin noun with "in-law" or "step-" between the age and the name
    ("Police named her 62-year-old sister-in-law Mary Lou Nye of Baroda.", "62-year-old", 62, "year",
     "Mary Lou Nye"),
    # titles and role words before the name are not part of it
    ("Police named the dead officer as 51-year-old Capt. Tom Tennant.", "51-year-old", 51, "year", "Tom Tennant"),
    ("They announced the death of 51-year-old Senior Trooper William Hakim on Saturday.", "51-year-old", 51,
     "year", "William Hakim"),
    # the name said of the age's person: "identified as", "named"
    ("The 15-year-old victim, identified by family as Jimmy Vasquez, was found in the hallway.", "15-year-old",
     15, "year", "Jimmy Vasquez"),
    ("It was a 6-year-old girl named Isis Allen who was shot.", "6-year-old", 6, "year", "Isis Allen"),
    ("The 15-year-old girl shot in Mobile on Tuesday has been identified as Niaa Savagee.", "15-year-old", 15,
     "year", "Niaa Savagee"),
    # ... not with a verb or another person between
    ("A 20-year-old shot a woman named Jane Doe.", "20-year-old", 20, "year", None),
    ("The 15-year-old who shot John Doe has been identified as Mark Roe.", "15-year-old", 15, "year", None),
    ("A 20-year-old man was arrested; the victim was identified as Jane Doe.", "20-year-old", 20, "year", None),
    # a verb between the age and the name: the age is the unnamed gunman's
    ("A 40-year-old man shot Nicholas Lindsay on Monday.", "40-year-old", 40, "year", None),
    # a place before the role noun is where the person is from, not a name
    ("The 8-year-old Port Orange boy died on Monday.", "8-year-old", 8, "year", None),
]


@pytest.mark.parametrize(("text", "quote", "age", "unit", "person"), CASES, ids=[c[0][:50] for c in CASES])
def test_age_tied_to_person(text: str, quote: str, age: float, unit: str, person: str | None) -> None:
    found = [c for c in ages(text) if c.text == quote]
    assert len(found) == 1, [c.text for c in ages(text)]
    claim = found[0]
    assert (claim.low, claim.unit, claim.subject, claim.attr("person")) == (age, unit, "age", person)
    assert claim.text == text[claim.start:claim.end]


# Figures after a name that are no ages.
NOT_AGES = [
    "Nicholas Lindsay, 26 other people and a dog were hurt.",
    "On March 3, 26 people died.",
    "Lindsay scored 26 points.",
    "Nicholas Lindsay, 250, was a typo.",
    "Kim Jong Un met Sergei Lavrov, 12 days later.",
    # an age the person had then
    "Lynch said then-15-year-old Jermayne Timmons was at the scene.",
    # a headline's age and the name that opens the body are two sentences
    "Monroe Dad Charged in Accidental Shooting of 10-Year-Old Son\n\nVincent Pizzolato, of Monroe, is facing charges.",
    # two people of one surname: a surname alone is neither of them
    "Michael C. Reyes and Kaylee Reyes were hurt. Reyes, 27, was arrested.",
]


@pytest.mark.parametrize("text", NOT_AGES)
def test_not_an_age(text: str) -> None:
    assert [(c.text, c.attr("person")) for c in ages(text) if c.attr("person")] == []


def test_a_person_named_by_an_entity_claim_is_pointed_at() -> None:
    """``person_at`` is the start of the entity claim naming the person, so that a rule reads the
    name entity grouping gave it across the corpus."""
    text = "Police identified the victim as Nicholas Lindsay, 25, of Chicago."
    claims = extract_text(text)
    age = next(c for c in claims if c.attr("measure") == "age")
    entity = next(c for c in claims if c.kind is ClaimKind.ENTITY and str(c.start) == age.attr("person_at"))
    assert entity.text == "Nicholas Lindsay"


# Unnamed people's ages keep the role noun after the age ("person" when the age stands for the
# person), for AG01 to compare by role: text, quote of the age, age, role (None: no one's age).
ROLES: list[tuple[str, str, float, str | None]] = [
    ("Police shot a 15-year-old boy in Athens.", "15-year-old", 15, "boy"),
    ("Riots followed the death of a 15-year-old Greek boy.", "15-year-old", 15, "boy"),
    ("The 55 - year - old sect leader was convicted.", "55 - year - old", 55, "leader"),
    ("The killing of a 15-year-old teenager sparked riots.", "15-year-old", 15, "teenager"),
    ("An 18 - year old male confessed.", "18 - year old", 18, "male"),
    ("Dolan shot his wife and his 11-year old stepdaughter.", "11-year old", 11, "stepdaughter"),
    ("A 31 - year - old Brooklyn mom was shot in the arm.", "31 - year - old", 31, "mom"),
    # a nominal age: the age stands for the person
    ("The 15-year-old's post-mortem showed a ricochet.", "15-year-old", 15, "person"),
    ("By then an autopsy of the 16 - year - old was released.", "16 - year - old", 16, "person"),
    ("He played a recording of Jeffs with a 12 - year - old as well as a DNA report.", "12 - year - old", 12,
     "person"),
    # a list of ages after the people: each age has their role
    ("Jeffs assaulted two girls, ages 12 and 15, by arranging marriages.", "12", 12, "girl"),
    ("Jeffs assaulted two girls, ages 12 and 15, by arranging marriages.", "15", 15, "girl"),
    ("He was convicted of assaulting two girls, aged 15 and 12, that he claimed as wives.", "12", 12, "girl"),
    # no one's age: a thing, an age someone was, a class of people, a name after a comma
    ("The fire destroyed the 86 - year - old structure.", "86 - year - old", 86, None),
    ("He testified that Jeffs raped him when he was 5 years old.", "5 years old", 5, None),
    ("Sex with an under - 14 - year - old is aggravated assault.", "14 - year - old", 14, None),
    ("Students recalled another 15-year-old, Michalis Kaltezas, killed in 1985.", "15-year-old", 15, None),
]


@pytest.mark.parametrize(("text", "quote", "age", "role"), ROLES, ids=[c[0][:50] for c in ROLES])
def test_role_of_an_unnamed_age(text: str, quote: str, age: float, role: str | None) -> None:
    found = [c for c in ages(text) if c.text.strip() == quote]
    assert len(found) == 1, [c.text for c in ages(text)]
    assert (found[0].low, found[0].attr("person"), found[0].attr("role")) == (age, None, role)


def test_a_list_of_ages_after_no_role_is_no_age() -> None:
    assert ages("People aged 18 and over may vote.") == []


# People written with a nickname between first name and surname, and a surname alone after
# several people of that surname.
NICKNAMED: list[tuple[str, str, str]] = [
    ("Police named the boy as Kimani (Kiki) Gray, 16, of Brooklyn.", "16", "Kimani Gray"),
    ("Police shot 16 - year - old Kimani (Kiki) Gray on Saturday.", "16 - year - old", "Kimani Gray"),
    ("Police arrested Cashaan “Dink” Williams, 17, of Arnold.", "17", "Cashaan Williams"),
    # the surname alone is the person named last before it, alone in that sentence
    ("Polygamist leader Warren Jeffs was sentenced on Tuesday. Jeffs, 55, must serve 45 years. "
     "Jeffs' nephew, Brent Jeffs, spoke.", "55", "Warren Jeffs"),
]


@pytest.mark.parametrize(("text", "quote", "person"), NICKNAMED, ids=[c[0][:50] for c in NICKNAMED])
def test_nicknames_and_surnames_alone(text: str, quote: str, person: str) -> None:
    found = [c for c in ages(text) if c.text == quote]
    assert [c.attr("person") for c in found] == [person]


def test_both_and_an_age_after_two_names_is_the_age_of_each() -> None:
    """"A and B, both 51,": one figure, an age claim for each person."""
    text = "Police Capt. Tom Tennant and Senior Trooper William Hakim, both 51, died at the scene."
    assert sorted((c.text, c.low, c.attr("person")) for c in ages(text)) == [
        ("51", 51, "Tom Tennant"), ("51", 51, "William Hakim")]


def test_both_after_one_name_is_no_age() -> None:
    assert ages("Tom Tennant, both 51 times a winner, retired.") == []
