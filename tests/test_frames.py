"""Fact frames: what a figure measures, read from the words around it (checker/frames.py)."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from checker import extract_text
from checker.align import Alignment
from checker.frames import PEOPLE_MEASURES, Frame, frame_of, lemmas
from checker.model import ClaimKind
from tests.claims import only_claim

# sentence, quote of the figure, expected (measure, role, part, who) or None
CASES = [
    ("Five people were injured in the shooting.", "Five people", ("injuries", None, None, None)),
    ("Two men were wounded.", "Two men", ("injuries", None, None, "man")),
    ("The blast left 40 people dead.", "40 people", ("deaths", None, None, None)),
    ("Three people have suffocated.", "Three people", ("deaths", None, None, None)),
    ("Police said 46 people had been arrested.", "46 people", ("arrests", None, None, None)),
    ("About 2,000 residents were evacuated.", "About 2,000 residents", ("evacuations", None, None, "resident")),
    ("No one was hurt in the fire.", "No one", ("injuries", None, None, None)),
    ("No injuries were reported.", "No injuries", ("injuries", None, None, None)),
    ("Three undersea cables were damaged.", "Three undersea cables", ("cable", "damaged", None, None)),
    ("Zurana Horton, a mother of 12, was killed.", "12", ("children", None, None, "mother")),
    ("She was walking with one of her 12 children.", "12 children", ("children", None, None, None)),
    ("He pointed a .357 caliber revolver at them.", ".357 caliber revolver", ("caliber", None, None, None)),
    ("Gray was shot eleven times.", "eleven", ("hits", None, None, None)),
    ("Seven bullets hit Mr. Gray.", "Seven bullets", ("hits", None, None, None)),
    ("The fire caused an estimated $1 million in damage.", "an estimated $1 million", ("amount", "damaged", None, None)),
    ("A handful of people, including two children, were injured.", "two children", ("injuries", None, "part", "child")),
    ("Another 20,000 people marched in Thessaloniki.", "20,000 people", ("participants", None, "part", None)),
    ("The three bank workers, a man and two women, died.", "two women", ("deaths", None, "part", "woman")),
    ("A total of 31 people were arrested.", "31 people", ("arrests", None, "total", None)),
    # nouns that are the people of a class, and what is said of them first
    ("About 500 protesters marched.", "About 500 protesters", ("participants", None, None, None)),
    ("More than 400 protesters have been detained.", "More than 400 protesters", ("arrests", None, None, "protester")),
    ("Blackmore, alleged to have 19 wives, is charged.", "19 wives", ("spouses", None, None, None)),
    ("He is charged with marrying 20 women.", "20 women", ("spouses", None, None, "woman")),
    ("He will join 12 other FLDS defendants.", "12 other FLDS defendants", ("charges", None, "part", None)),
    ("Jeffs and 11 members of his church were charged.", "11 members", ("charges", None, "part", "member")),
    ("Dozens gathered to remember him.", "Dozens gathered", ("participants", None, None, None)),
    # crowds, a further part, approximate figures
    ("NBC New York estimated the crowd at 70.", "70", ("participants", None, None, None)),
    ("The march was attended by an approximate 200,000.", "an approximate 200,000", ("participants", None, None, None)),
    ("In Thessaloniki a further 20,000 people joined the demonstrations.", "20,000 people",
     ("participants", None, "part", None)),
    ("Approximately 50,000 people marched.", "Approximately 50,000 people", ("participants", None, None, None)),
    # what an amount is for, said earlier in its clause
    ("Damage to the church was estimated at $1 million.", "$1 million", ("amount", "damaged", None, None)),
    ("Greece agreed to cuts in return for 110 billion euros in loans.", "110 billion euros", ("amount", "aid", None, None)),
    ("It took about 40 volunteer firefighters to knock down the blaze.", "about 40 volunteer firefighters",
     ("firefighter", "responded", None, None)),
    ("Federal authorities are offering a $35,000 reward for information.", "$35,000", ("amount", "reward", None, None)),
    ("He was convicted of sexually assaulting two girls.", "two girls", ("assaulted", None, None, "girl")),
    ("The community, with a population of approximately 1,000, follows the sect.", "approximately 1,000",
     ("population", None, None, None)),
    ("About 800 people live in the community.", "About 800 people", ("population", None, None, None)),
    ("Five people living near the plant were evacuated.", "Five people", ("evacuations", None, None, None)),
    # who has the children
    ("A stray bullet hit the mother of 13.", "13", ("children", None, None, "mother")),
    ("He was a father of three.", "three", ("children", None, None, "father")),
    ("The newlywed and father to two boys died almost immediately.", "two boys", ("children", None, None, "father")),
    # an abstract noun is no people, whatever happens near it
    ("He squandered two opportunities to turn his life around.", "two opportunities",
     ("opportunity", None, None, None)),
    # escaped unharmed: nobody was hurt
    ("Five women were inside the church, but escaped unharmed.", "escaped unharmed", ("injuries", None, None, None)),
    ("Everyone got out safely after the alarm.", "got out safely", ("injuries", None, None, None)),
    # the head of a singular compound is its last noun
    ("At least one bomb technician was injured.", "At least one bomb technician",
     ("injuries", None, None, "technician")),
    # people present where something happened
    ("A handful of people, including two children, were inside the church.", "two children",
     ("present", None, "part", "child")),
    ("Several people were inside when the blaze started.", "Several people", ("present", None, None, None)),
    # the verb of a figure that is its clause's subject, past the noun's modifiers
    ("Two top leaders of a polygamous community in western Canada have been arrested.", "Two top leaders",
     ("arrests", None, None, "leader")),
    # a clause of its own after "as": what its people do is not said of the figure before it
    ("Three people died in a burning bank as tens of thousands of protesters took to the streets.",
     "tens of thousands of protesters", ("participants", None, None, None)),
    # the verb before a list a figure ends; things listed side by side are no parts
    ("Youths attacked a government building, four shops and two banks.", "two banks",
     ("bank", "attacked", None, None)),
    ("Glenn shot two police officers and four civilians, leaving one woman with injuries.", "four civilians",
     ("shot", None, "part", "civilian")),
    ("Two people were declared dead at the scene and two other victims were hospitalized.", "two other victims",
     ("injuries", None, "part", None)),
    # the size of a gathering put at a figure, people taking to the streets
    ("Police put the march, to mark a 24-hour nationwide strike, at roughly 30,000 people.", "roughly 30,000 people",
     ("participants", None, None, None)),
    ("As many as 20,000 people took to the streets of Athens.", "As many as 20,000 people",
     ("participants", None, None, None)),
    # people who did what the verb says to others are its agents, not its victims
    ("Two plainclothes officers fatally shot Kimani Gray on Saturday.", "Two plainclothes officers",
     ("agents", "violence", None, "officer")),
    ("Three deputies arrested him on Friday.", "Three deputies", ("agents", "arrests", None, "deputy")),
    ("Five people were shot Sunday.", "Five people", ("shot", None, None, None)),
    ("Two men shot in Brooklyn were hospitalized.", "Two men", ("shot", None, None, "man")),
    # shots fired are a fact of a shooting, not a sports statistic
    ("Lopez is accused of spraying 13 shots on a Friday afternoon.", "13 shots", ("shots fired", None, None, None)),
    ("He sprayed 13 bullets from a rooftop.", "13 bullets", ("shots fired", None, None, None)),
    ("The officers fired a total of 11 rounds, striking Gray several times.", "11 rounds",
     ("shots fired", None, None, None)),
    ("Gray was hit by seven bullets fired by the officers.", "seven bullets", ("hits", None, None, None)),
    # a headline's capitalised state
    ("Three Killed In Athens Bank Fire", "Three", ("deaths", None, None, None)),
    # a thing that is not people keeps its name even beside a word said of people
    ("The quake caused destruction in seven villages and killed 10 people.", "seven villages",
     ("village", None, None, None)),
    ("Office workers evacuated several buildings in the city.", "several buildings", ("building", None, None, None)),
]

@pytest.mark.parametrize(("sentence", "quote", "expected"), CASES, ids=[c[0] for c in CASES])
def test_a_figure_has_the_frame_its_words_say(sentence: str, quote: str, expected: tuple[str, ...]) -> None:
    claim = only_claim(ClaimKind.QUANTITY, sentence, quote)
    frame = frame_of(claim, Alignment.build([], [claim]).thing(claim))
    assert frame is not None
    assert (frame.measure, frame.role, frame.part, frame.who) == expected


@pytest.mark.parametrize(("sentence", "quote"), [
    ("The five people met on Tuesday.", "five people"),  # nothing is said of them
    ("He scored 30 touchdowns in his career.", "30 touchdowns"),  # a sports statistic
    ("The ship sailed two blocks.", "two blocks"),  # a distance, not a count
    ("The new laptop starts at $2,199.", "$2,199"),  # a price: each model has its own
    ("One report said six children were killed.", "One report"),  # a report is not what is counted
    ("Investigators said at least three people were involved in the killing.", "at least three people"),  # not killed
    ("A sweet 16 party drew 40 people.", "16 party drew"),  # a kind, not a count
    ("The leader who has dozens of children was arrested Wednesday.", "dozens of children"),  # "was" is not theirs
])
def test_a_figure_with_nothing_comparable_said_of_it_has_no_frame(sentence: str, quote: str) -> None:
    claim = only_claim(ClaimKind.QUANTITY, sentence, quote)
    assert frame_of(claim, Alignment.build([], [claim]).thing(claim)) is None


def test_the_measure_classes_are_lemmas_of_one_class_each() -> None:
    data = tomllib.loads(resources.files("checker").joinpath("data/measures.toml").read_text("utf-8"))
    seen: dict[str, str] = {}
    for table in ("people", "things"):
        for cls, words in data[table].items():
            for word in words:
                assert word == word.lower() and " " not in word, word
                assert seen.setdefault(word, cls) == cls, f"{word!r} is in {seen[word]} and {cls}"
    assert set(data["people"]) <= PEOPLE_MEASURES
    assert set(data["people_nouns"]) <= PEOPLE_MEASURES  # "protesters" are the people of a class
    assert not set(data["not_people"]["things"]) & {w for ws in data["people_nouns"].values() for w in ws}


@pytest.mark.parametrize(("word", "lemma"), [("killed", "kill"), ("wounded", "wound"), ("bodies", "body"),
                                             ("hospitalized", "hospitalize"), ("detained", "detain")])
def test_inflections_reach_their_lemma(word: str, lemma: str) -> None:
    assert lemma in lemmas(word)


def test_frames_of_different_measures_have_different_keys() -> None:
    assert Frame("deaths", None).key != Frame("injuries", None).key
    assert Frame("cable", None, "damaged").key != Frame("cable", None).key
    assert Frame("deaths", None, who="worker").key == Frame("deaths", None).key


@pytest.mark.parametrize("sentence", [
    "Two others escaped unharmed.",  # a part: others were hurt
    "One was hurt, but the rest got out safely.",
    "Fanning said no one else was injured.",  # "else": the others, not everyone
    "He drove safely home without incident.",
])
def test_a_part_said_to_be_unharmed_is_no_zero(sentence: str) -> None:
    claims = [c for c in extract_text(sentence) if c.kind is ClaimKind.QUANTITY and c.attr("zero")]
    assert claims == []
