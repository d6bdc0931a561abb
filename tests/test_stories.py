"""Stories: articles grouped by the happening they report (checker/stories.py)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from checker.corpus import load_corpus
from checker.engine import extract_articles
from checker.model import Article, Claim, ClaimKind, new_claim
from checker.stories import (
    StoryIndex,
    background,
    build_stories,
    cluster,
    continues,
    reference_date,
    similarities,
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
        pairs, _ = similarities(sorted(corpus.articles, key=lambda a: a.id), extract_articles(corpus).by_article(corpus))
        return pairs[(0, 1)]

    both_named = similarity(TRIAL)
    one_named = similarity(TRIAL.replace("Zurana Horton", "the victim"))
    assert one_named < 0.5 * both_named  # 536 days apart: the date factor (about 0.28) applies
