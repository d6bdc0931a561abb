"""Stories: articles grouped by the happening they report (checker/stories.py)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker import stories
from checker.corpus import load_corpus
from checker.engine import extract_articles
from checker.model import Article, Claim, ClaimKind, new_claim
from checker.stories import StoryIndex, build_stories, cluster, similarities
from checker.storyfeatures import (
    HappeningDay,
    Marks,
    background,
    continues,
    happening_day,
    haul,
    magnitude,
    reference_date,
    story_features,
)

FIRE_A = """Fire destroys apartment building on Maple Street in Brookton
A fire tore through a three-storey apartment building on Maple Street in Brookton on Tuesday night.
Twelve residents were injured and firefighters battled the blaze for two hours, Fire Chief Dana Wells said.
The Red Cross opened a shelter at Lincoln Elementary School for displaced tenants.
"""
FIRE_B = """Maple Street apartment fire injures 15 in Brookton
Fifteen people were hurt when flames engulfed an apartment building on Maple Street in Brookton.
Chief Dana Wells said crews fought the three-hour blaze before bringing it under control.
Displaced tenants spent the night at a Red Cross shelter in Lincoln Elementary School.
"""
FIRE_C = """Brookton tenants return after Maple Street apartment blaze
Tenants of the Maple Street apartment building gutted by fire in Brookton began collecting belongings.
Fire Chief Dana Wells said the apartment fire started in a kitchen on the second floor.
The Red Cross said most displaced families had left the Lincoln Elementary School shelter.
"""
RESTAURANT = """Kitchen fire closes Golden Dragon restaurant in Brookton
A kitchen fire closed the Golden Dragon restaurant on Harbor Road in Brookton on Sunday.
Three diners were treated for smoke inhalation, owner Mei Chen said, and the restaurant will reopen next month.
Health inspectors will visit the Harbor Road kitchen before the Golden Dragon serves customers again.
"""
QUAKE = """Magnitude 6.1 earthquake shakes Ridgecrest desert towns
A magnitude 6.1 earthquake shook Ridgecrest and Trona on Thursday, cracking roads and toppling shelves.
Seismologists at the Caltech laboratory recorded dozens of aftershocks across the Mojave desert.
"""


def _write(root: Path, articles: dict[str, tuple[str, str]]) -> None:
    for name, (published, text) in articles.items():
        (root / f"{name}.txt").write_text(f"---\npublished: {published}\n---\n{text}", "utf-8")


def _stories(root: Path) -> StoryIndex:
    corpus = load_corpus([root])
    extraction = extract_articles(corpus)
    return build_stories(corpus.articles, extraction.by_article(corpus))


def _groups(index: StoryIndex) -> list[list[str]]:
    return sorted(sorted(s.articles) for s in index.stories)


def test_articles_about_one_fire_are_one_story_and_another_fire_in_the_same_town_is_another(tmp_path: Path) -> None:
    _write(tmp_path, {"a": ("2024-03-05", FIRE_A), "b": ("2024-03-06", FIRE_B), "c": ("2024-03-08", FIRE_C),
                      "d": ("2024-03-25", RESTAURANT), "e": ("2024-03-06", QUAKE)})
    assert _groups(_stories(tmp_path)) == [["a", "b", "c"], ["d"], ["e"]]


def test_the_same_text_published_years_apart_is_two_stories(tmp_path: Path) -> None:
    _write(tmp_path, {"a": ("2019-03-05", FIRE_A), "b": ("2024-03-06", FIRE_B)})
    assert _groups(_stories(tmp_path)) == [["a"], ["b"]]


def test_stories_do_not_depend_on_the_order_of_the_files(tmp_path: Path) -> None:
    arts = {"a": ("2024-03-05", FIRE_A), "b": ("2024-03-06", FIRE_B), "c": ("2024-03-08", FIRE_C),
            "d": ("2024-03-25", RESTAURANT), "e": ("2024-03-06", QUAKE)}
    _write(tmp_path, arts)
    corpus = load_corpus([tmp_path])
    by_article = extract_articles(corpus).by_article(corpus)
    first = build_stories(corpus.articles, by_article)
    shuffled = list(corpus.articles)
    random.Random(7).shuffle(shuffled)
    assert build_stories(shuffled, by_article) == first
    assert [s.id for s in first.stories] == ["S1", "S2", "S3"]
    assert first.stories[0].label == "Fire destroys apartment building on Maple Street in Brookton"
    assert (first.stories[0].start, first.stories[0].end) == ("2024-03-05", "2024-03-08")


def test_stories_are_the_same_from_features_read_by_extraction_or_read_here(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path, {"a": ("2024-03-05", FIRE_A), "b": ("2024-03-06", FIRE_B), "c": ("2024-03-08", FIRE_C),
                      "d": ("2024-03-25", RESTAURANT), "e": ("2024-03-06", QUAKE)})
    corpus = load_corpus([tmp_path])
    extraction = extract_articles(corpus)
    assert set(extraction.stories) == {a.id for a in corpus.articles}
    by_article = extraction.by_article(corpus)
    plain = build_stories(corpus.articles, by_article)
    for features in (extraction.stories, dict(list(extraction.stories.items())[:2])):  # all, or some
        assert build_stories(corpus.articles, by_article, features=features) == plain
    monkeypatch.setattr(stories, "FORK_CHUNK", 1)  # the missing ones read by forked processes, one each
    assert build_stories(corpus.articles, by_article, jobs=2, features={}) == plain
    a = corpus.articles[0]
    assert extraction.stories[a.id] == story_features(a, by_article[a.id])


_LINES = [line for text in (FIRE_A, FIRE_B, FIRE_C, RESTAURANT, QUAKE) for line in text.splitlines()]
def _letters(n: int) -> str:
    """A word of letters only, its own for each ``n``."""
    return "q" + "".join("abcdefghij"[int(d)] for d in str(n)) + "z"


_WORDS = st.lists(st.sampled_from(["fire", "Brookton", "Maple", "quake", "the", "a", "6.1", "Tuesday", ".", ""]),
                  max_size=12).map(" ".join)
_ARTICLE = st.one_of(
    st.lists(st.sampled_from(_LINES), max_size=4).map("\n".join),  # lines of the fixtures, shared or not
    # a lead of its own (a word no other lead may have, repeated past the lead's length), then
    # words other articles may share: vectors that share terms, leads that share none
    st.tuples(st.integers(0, 9), _WORDS).map(lambda own: " ".join([_letters(own[0])] * 110) + "\n" + own[1]),
    _WORDS,  # a few words, or none: empty vectors
    st.text(max_size=40),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.tuples(st.sampled_from(["2024-03-05", "2024-03-06", "2025-01-01", ""]), _ARTICLE),
                      min_size=1, max_size=6),
       seed=st.integers(0, 1000))
def test_any_small_corpus_gets_its_stories_whatever_the_order_of_its_files(
        tmp_path_factory: pytest.TempPathFactory, texts: list[tuple[str, str]], seed: int) -> None:
    root = tmp_path_factory.mktemp("corpus")
    for n, (published, text) in enumerate(texts):
        front = f"---\npublished: {published}\n---\n" if published else ""
        (root / f"a{n}.txt").write_text(front + text, "utf-8")
    corpus = load_corpus([root])
    by_article = extract_articles(corpus).by_article(corpus)
    first = build_stories(corpus.articles, by_article)
    shuffled = list(corpus.articles)
    random.Random(seed).shuffle(shuffled)
    assert build_stories(shuffled, by_article) == first
    assert sorted(a for s in first.stories for a in s.articles) == sorted(
        a for s in first.stories for a in set(s.articles))  # no article in two stories


def test_average_linkage_does_not_chain_two_groups_through_one_pair() -> None:
    # 0-1-2 are one tight group, 3-4 another; a single similar pair 2~3 must not join them
    pairs = {(0, 1): 0.6, (0, 2): 0.5, (1, 2): 0.55, (3, 4): 0.7, (2, 3): 0.3}
    assert cluster(5, pairs, 0.2) == [[0, 1, 2], [3, 4]]
    # the same pairs as single links would have made one group
    assert cluster(2, {(0, 1): 0.3}, 0.2) == [[0, 1]]


def _date_claim(article: str, start: int, iso: str) -> Claim:
    from checker.model import Granularity

    return new_claim(ClaimKind.DATE, article, start, start + 10, 1, start + 1, 1, start + 10, iso, iso,
                     low=iso, high=iso, granularity=Granularity.DAY, relative=False)


def test_an_undated_article_is_dated_by_its_dateline() -> None:
    article = Article("a", "a.txt", "Tuesday, August 7, 2012\nA fire ...")
    assert reference_date(article, [_date_claim("a", 0, "2012-08-07")]) == dt.date(2012, 8, 7)
    assert reference_date(article, [_date_claim("a", 900, "2012-08-07")]) is None  # not a dateline
    dated = Article("b", "b.txt", "text", published=dt.date(2020, 1, 2))
    assert reference_date(dated, [_date_claim("b", 0, "2012-08-07")]) == dt.date(2020, 1, 2)


def _figure(sentence: str, quote: str) -> Claim:
    start = sentence.index(quote)
    return new_claim(ClaimKind.QUANTITY, "a", start, start + len(quote), 1, start + 1, 1, start + len(quote),
                     quote, sentence)


def test_a_figure_tied_to_another_happening_is_background() -> None:
    assert background(_figure("The 2004 tsunami killed 230,000 people.", "230,000 people"), 2024)
    assert background(_figure("Last year's fire injured 12 people.", "12 people"), 2024)
    assert background(_figure("It was the deadliest shooting in the city's history, killing 9.", "9"), 2024)
    assert not background(_figure("Twelve people were injured on Tuesday.", "Twelve people"), 2024)
    assert not background(_figure("In 2024, twelve people were injured.", "twelve people"), 2024)


def test_the_last_major_quake_and_what_the_next_sentence_says_of_it_are_background() -> None:
    last = "The last major quake to hit southern Iran was in February, when a temblor rocked Zarand, a town of 15,000."
    assert background(_figure(last, "15,000"), 2008)
    it = _figure("It killed 612 people and injured more than 1,400.", "612 people")
    assert continues(it.sentence)
    assert background(it, 2008, previous=last)
    assert not background(it, 2008)  # read alone, nothing ties it to another happening
    story = "An earthquake hit southern Iran on Sunday, killing 10 people."
    assert not background(it, 2008, previous=story)
    assert background(_figure("It was followed by a 2.0-magnitude quake two miles east.", "2.0-magnitude"), 2008)
    assert background(_figure("Seismologists recorded 40 aftershocks.", "40 aftershocks"), 2008)
    assert background(it, 2008, previous="In 2005, a quake struck the island.")  # another year
    assert not continues("It was not clear how many people were hurt.")
    assert not continues("Ten people were killed.")


SHOOTING = """Mother of 12 killed in Brownsville crossfire
Zurana Horton, 34, was killed on Friday when gunman Andrew Lopez fired from a rooftop near a school in Brownsville.
Police said Andrew Lopez, 18, confessed to the shooting, which also wounded an 11-year-old girl.
"""
TRIAL = """Gunman on trial for Brownsville crossfire killing of mother of 12
Prosecutors told jurors that Andrew Lopez fired from a Brownsville rooftop and killed Zurana Horton as she shielded children.
Video of the Brownsville shooting that killed Zurana Horton was shown at the trial of Andrew Lopez on Thursday.
"""


def test_a_trial_months_later_that_names_the_victim_and_the_accused_is_the_story_of_the_shooting(
        tmp_path: Path) -> None:
    _write(tmp_path, {"a": ("2011-10-22", SHOOTING), "b": ("2013-04-11", TRIAL)})
    assert _groups(_stories(tmp_path)) == [["a", "b"]]


def test_one_shared_name_leaves_reports_months_apart_discounted_by_their_dates(tmp_path: Path) -> None:
    def similarity(trial: str) -> float:
        root = tmp_path / str(abs(hash(trial)))
        root.mkdir()
        _write(root, {"a": ("2011-10-22", SHOOTING), "b": ("2013-04-11", trial)})
        corpus = load_corpus([root])
        pairs = similarities(sorted(corpus.articles, key=lambda a: a.id), extract_articles(corpus).by_article(corpus))
        return pairs[(0, 1)]

    both_named = similarity(TRIAL)
    one_named = similarity(TRIAL.replace("Zurana Horton", "the victim"))
    assert one_named < 0.5 * both_named  # 536 days apart: the date factor (about 0.28) applies


QUAKE_SMALL = """Quake hits island off southern Iran, five hurt
A 5.6 magnitude earthquake hit Qeshm island off Iran's southern coast on Sunday, injuring five people.
The tremor struck near the town of Dargahan, Governor Mehdi Irannejad told the ISNA news agency.
Walls of houses collapsed in the villages of Zainabieh and Koohi, and tents were sent to Dargahan.
"""
QUAKE_SMALL_B = """Five wounded by quake on Qeshm island
An earthquake measuring 5.6 on the Richter scale jolted Qeshm island off Iran's southern coast on Sunday.
The tremor struck the town of Dargahan on Qeshm island, injuring five people, the ISNA news agency said.
Walls of houses collapsed in the villages of Zainabieh and Koohi, Governor Mehdi Irannejad said.
"""
QUAKE_BIG = """Ten dead in quake on Qeshm island off southern Iran
A 6.1 magnitude earthquake hit Qeshm island off Iran's southern coast on Sunday, killing ten people.
The tremor struck near the town of Dargahan and damaged villages, the ISNA news agency said.
Walls of houses collapsed in villages of Qeshm island, and tents were sent to Dargahan.
"""
QUAKE_BIG_B = """Strong quake jolts Qeshm island, ten killed
An earthquake measuring magnitude-5.9 shook Qeshm island off Iran's southern coast on Sunday, killing ten.
The U.S. Geological Survey said it was a magnitude 6.1 temblor near the town of Dargahan.
Walls of houses collapsed in villages of Qeshm island, the ISNA news agency said.
"""


def _write_undated(root: Path, articles: dict[str, str]) -> None:
    for name, text in articles.items():
        (root / f"{name}.txt").write_text(text, "utf-8")


def test_two_earthquakes_half_a_magnitude_apart_in_one_place_are_two_stories(tmp_path: Path) -> None:
    # undated reports of one island's two quakes: the words are the same, the magnitudes are not
    _write_undated(tmp_path, {"a": QUAKE_SMALL, "b": QUAKE_SMALL_B, "c": QUAKE_BIG, "d": QUAKE_BIG_B})
    assert _groups(_stories(tmp_path)) == [["a", "b"], ["c", "d"]]


def test_the_magnitude_of_a_report_is_the_first_it_states() -> None:
    def article(text: str) -> Article:
        return Article("a", "a.txt", text)

    assert magnitude(article(QUAKE_SMALL)) == 5.6
    assert magnitude(article(QUAKE_SMALL_B)) == 5.6
    assert magnitude(article(QUAKE_BIG_B)) == 5.9  # 5.9 and 6.1 (two agencies) are one quake
    assert magnitude(article("A magnitude of 4.6 was recorded. A 4.4-magnitude quake")) == 4.6
    assert magnitude(article("A 4.4-magnitude temblor struck.")) == 4.4
    assert magnitude(article("Rain fell: 2.5 inches in 3.5 hours.")) is None


FIRE_TUESDAY = """Fire destroys apartment building on Maple Street in Brookton
A fire broke out on Tuesday night in an apartment building on Maple Street in Brookton.
Twelve residents were injured and firefighters battled the blaze for two hours, Fire Chief Dana Wells said.
The Red Cross opened a shelter at Lincoln Elementary School for displaced tenants.
"""
FIRE_WEDNESDAY = """Maple Street apartment fire injures 12 in Brookton
Twelve people were hurt when a fire broke out early Wednesday in an apartment building on Maple Street in Brookton.
Chief Dana Wells said crews fought the blaze for two hours before bringing it under control.
Displaced tenants spent the night at a Red Cross shelter in Lincoln Elementary School.
"""
FIRE_SATURDAY = """Another fire hits apartment building on Maple Street in Brookton
A fire broke out on Saturday in an apartment building on Maple Street in Brookton, injuring three residents.
Fire Chief Dana Wells said firefighters battled the blaze for an hour.
The Red Cross opened a shelter at Lincoln Elementary School for displaced tenants.
"""


def test_two_fires_told_on_days_of_the_week_apart_are_two_stories(tmp_path: Path) -> None:
    # undated reports: Tuesday night and early Wednesday are one fire, Saturday is another
    _write_undated(tmp_path, {"a": FIRE_TUESDAY, "b": FIRE_WEDNESDAY, "c": FIRE_SATURDAY})
    assert _groups(_stories(tmp_path)) == [["a", "b"], ["c"]]


def test_the_day_of_a_happening_is_the_first_day_an_event_word_ties_to() -> None:
    fire = HappeningDay("fire", 1)
    assert fire.other_than(HappeningDay("fire", 5))
    assert not fire.other_than(HappeningDay("fire", 2))  # a day apart: late at night, another time zone
    assert not fire.other_than(HappeningDay("fire", 0))
    assert not fire.other_than(HappeningDay("court", 5))  # a hearing days after the fire
    assert not fire.other_than(None)
    one, other = HappeningDay("storm", 6, dt.date(2008, 6, 15)), HappeningDay("storm", 6, dt.date(2005, 11, 27))
    assert one.other_than(other)  # both Sundays, years apart


def test_articles_kept_apart_are_never_in_one_group() -> None:
    pairs = {(0, 1): 0.6, (0, 2): 0.5, (1, 2): 0.5}
    assert cluster(3, pairs, 0.2) == [[0, 1, 2]]
    assert cluster(3, pairs, 0.2, apart=[(1, 2)]) == [[0, 1], [2]]


HEIST_BIG = """Armed robbers steal jewels from Paris boutique on Avenue Montaigne
Armed robbers stole diamonds and watches worth 85 million euros from a jewellery boutique in Paris.
Four robbers, two disguised as women, emptied the display cases of the Paris boutique, police said.
The jewellery store is a few steps from the Champs-Elysees, one of the most guarded areas of Paris.
"""
HEIST_BIG_B = """Robbers in disguise empty Paris jewellery boutique
Robbers made off with $108 million of diamonds and watches from a jewellery boutique in Paris.
Four robbers, two disguised as women, emptied the display cases of the Paris boutique, police said.
The jewellery store is a few steps from the Champs-Elysees, one of the most guarded areas of Paris.
"""
HEIST_SMALL = """Robbers ram car into Paris jewellery boutique
Four robbers rammed a car into a jewellery boutique in Paris and stole watches worth $2.6 million.
The robbers emptied the display cases of the Paris boutique and fled, police said.
The jewellery store is a few steps from the Place Vendome, one of the most guarded areas of Paris.
In July, a thief stole £88m worth of stones from a hotel in Cannes.
"""


def test_two_thefts_of_hauls_many_times_apart_are_two_stories(tmp_path: Path) -> None:
    # 85 million euros and $108 million are one haul; $2.6 million is another theft
    _write_undated(tmp_path, {"a": HEIST_BIG, "b": HEIST_BIG_B, "c": HEIST_SMALL})
    assert _groups(_stories(tmp_path)) == [["a", "b"], ["c"]]


def test_the_haul_of_a_theft_is_the_first_sum_a_sentence_telling_the_theft_states() -> None:
    def article(text: str) -> Article:
        return Article("a", "a.txt", text)

    assert haul(article(HEIST_BIG)) == 85e6
    assert haul(article(HEIST_BIG_B)) == 108e6
    assert haul(article(HEIST_SMALL)) == 2.6e6
    assert haul(article("Thieves nab £1.7m of jewels. The shop paid $5 million in rent.")) == 1.7e6
    # a theft of another time is not the report's own
    assert haul(article("In July, a thief stole £88m worth of stones. The hotel was closed.")) is None
    assert haul(article("The city spent $4 million on a new bridge.")) is None  # no theft
    assert Marks(haul=85e6).other_than(Marks(haul=2.6e6))
    assert not Marks(haul=85e6).other_than(Marks(haul=160e6))
    assert not Marks(haul=85e6).other_than(Marks())
    assert Marks(magnitude=5.6).other_than(Marks(magnitude=6.0))
    assert not Marks(magnitude=5.9).other_than(Marks(magnitude=6.1))


def _day_of_undated(root: Path, text: str) -> HappeningDay | None:
    """The happening day of ``text`` written as the one undated article of ``root``."""
    _write_undated(root, {"a": text})
    corpus = load_corpus([root])
    return happening_day(corpus.articles[0], extract_articles(corpus).by_article(corpus)["a"])


def test_the_day_of_another_happening_told_in_the_background_is_not_the_articles_day(tmp_path: Path) -> None:
    text = ("Quake shakes Qeshm island\nThe last major earthquake on the island struck on Thursday.\n"
            "A new earthquake struck Qeshm island on Sunday, injuring five people.\n")
    assert _day_of_undated(tmp_path, text) == HappeningDay("storm", 6)


def test_a_happening_word_in_a_title_gives_no_day(tmp_path: Path) -> None:
    text = ("Studio talks on sequel\n'Catching Fire' has a release date of Friday, 22 November 2013.\n"
            "The director will resume talks about 'Catching Fire' on Monday.\n")
    assert _day_of_undated(tmp_path, text) is None


def _random_marks(rng: random.Random) -> Marks:
    """Marks as articles tell them: mostly none, else a day, a magnitude or a haul (or several)."""
    day = HappeningDay(rng.choice(["fire", "storm"]), rng.randrange(7),
                       rng.choice([None, dt.date(2012, 8, rng.randrange(1, 20))])) if rng.random() < 0.4 else None
    size = rng.choice([5.6, 5.9, 6.1, 6.8]) if rng.random() < 0.3 else None
    value = rng.choice([0.0, 2.6e6, 85e6, 160e6]) if rng.random() < 0.3 else None
    return Marks(day, size, value)


@pytest.mark.parametrize("seed", range(5))
def test_a_pair_is_kept_apart_exactly_when_the_marks_of_its_articles_tell_two_happenings(seed: int) -> None:
    # only pairs whose two articles both tell a day, a magnitude or a haul are asked: the answer
    # must be the one asking every pair gives
    rng = random.Random(seed)
    told: list[Marks | None] = [_random_marks(rng) for _ in range(40)]
    pairs = sorted({(i, j) for i, j in (sorted(rng.sample(range(40), 2)) for _ in range(300))})
    first, second = (np.array(side, np.int64) for side in zip(*pairs, strict=True))
    kept = stories._kept_apart([], [], [], told, first, second)
    assert kept.tolist() == [told[i].other_than(told[j]) for i, j in pairs]  # type: ignore[union-attr]
    assert kept.any() and not kept.all()


@pytest.mark.parametrize("seed", range(5))
def test_clusters_do_not_depend_on_the_order_the_pairs_are_given_in(seed: int) -> None:
    rng = random.Random(seed)
    pairs = {(i, j): rng.choice([0.05, 0.125, 0.25, 0.25, 0.5, 0.75])
             for i, j in (sorted(rng.sample(range(30), 2)) for _ in range(120))}
    apart = [tuple(sorted(rng.sample(range(30), 2))) for _ in range(5)]
    first = cluster(30, pairs, 0.12, apart)
    assert len(first) < 25  # merges happened: the order of merging mattered
    for _ in range(5):
        shuffled = list(pairs.items())
        rng.shuffle(shuffled)
        assert cluster(30, dict(shuffled), 0.12, apart) == first


def test_reports_months_apart_are_fully_comparable_only_when_they_share_two_people_named_in_full() -> None:
    day = dt.date(2011, 10, 22)
    articles = [Article(f"a{k}", f"a{k}.txt", "Verdict in the Brownsville shooting trial\nThe jury convicted him.",
                        title="Verdict in the Brownsville shooting trial") for k in range(3)]
    names = [stories._Names(people=["@zurana horton", "@andrew lopez"]),
             stories._Names(people=["@zurana horton", "@andrew lopez", "@zurana horton"]),
             stories._Names(people=["@zurana horton", "@zurana horton"])]  # one person, named twice
    dates = [day, day + dt.timedelta(days=300), day + dt.timedelta(days=300)]
    first, second = np.array([0, 0], np.int64), np.array([1, 2], np.int64)
    factors = stories._date_factors(articles, dates, names, first, second, stories.DEFAULT_STORY_OPTIONS)
    assert factors[0] == 1.0
    assert 0 < factors[1] < 1.0


def test_the_names_of_an_article_are_its_entities_of_the_name_kinds_in_claim_order() -> None:
    subjects = [None, "", "person", "place", "organisation", "other", "title", "nationality"]
    claims = [new_claim(kind, "a", 10 * k, 10 * k + 8, 1, 1, 1, 8, "Dana Wells", "s", subject=subject,
                        canonical=f"Name {k}" if k % 2 else None)
              for k, (kind, subject) in enumerate((kind, subject) for subject in subjects
                                                  for kind in (ClaimKind.ENTITY, ClaimKind.QUANTITY))]
    names = stories._names(claims, 45, {})
    named = [c for c in claims if c.kind is ClaimKind.ENTITY and (c.subject or "other") in stories._NAME_KINDS]
    assert names.terms == ["@" + (c.canonical or c.text).lower() for c in named]
    assert names.in_lead == [c.start < 45 for c in named]
    assert names.people == ["@" + (c.canonical or c.text).lower() for c in named if c.subject == "person"]
