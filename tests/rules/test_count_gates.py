"""CT01 searches its once-per-sentence patterns (several happenings, a place inside another, a
building that fell, a correction, a month, a total) only in sentences that hold a word each one
needs (``rules.counts._may_hold``). The gate is sound only if every sentence the pattern matches
holds one of the words: checked here on real news sentences, on one example of each of the
pattern's alternatives, and on random sentences made of the patterns' own words in any case."""

from __future__ import annotations

import random
import re

import pytest
import regex

from rules import counts
from tests.corpora import ECBPLUS, ecbplus_sentences

# Each pattern with the word lists the code asks before searching it.
GATED: dict[str, tuple[regex.Pattern[str], tuple[re.Pattern[str], ...]]] = {
    "several happenings": (counts._SEVERAL_HAPPENINGS, (counts._HAPPENINGS_WORDS,)),
    "a place inside another": (counts._SUB_PLACE, (counts._SUB_PLACE_WORDS,)),
    "a building that fell": (counts._SITE_FELL, (counts._SITES, counts._FELL)),
    "a correction": (counts._CORRECTION, (counts._CORRECTION_WORDS,)),
    "a month": (counts._MONTH_TIME, (counts._MONTH_WORDS,)),
    "a total": (counts._TOTAL, (counts._TOTAL_WORDS,)),
}

# One sentence per alternative of each pattern, so that a word dropped from a list shows.
_INSIDE = ["village", "town", "hamlet", "house", "home", "school", "mosque", "church", "building", "hospital", "camp",
           "neighbourhood", "neighborhood", "district"]
_SITES = ["mosque", "school", "church", "temple", "building", "house", "home", "hotel", "hospital", "bridge", "wall",
          "roof", "dormitory", "factory", "mine", "tower"]
_FALLS = ["collapsed", "caved in", "fell", "was hit", "was struck", "was flattened", "came down"]
EXAMPLES = [
    "The blasts at the embassies in Kenya and Tanzania killed more than 200.",
    *(f"Three people were killed in a {place} in Bener Meriah." for place in _INSIDE),
    *(f"Six children were killed when a {site} collapsed." for site in _SITES),
    *(f"Six children were killed when the mosque {fall}." for fall in _FALLS),
    "Four people were injured, not five as first reported.",
    "The toll was revised.", "The figure was corrected.", "A correction followed.",
    "No one was killed, contrary to initial estimates from the state government.",
    "In May, thieves stole 300 cars.", "The toll rose on Oct. 10.", "Since Sept. 2 the navy has searched.",
    *(f"Twelve people were hurt {total}." for total in [
        "in total", "totalling 40", "in all", "altogether", "combined", "overall", "cumulative", "so far",
        "to date", "by the tally", "across the state", "throughout", "nationwide", "worldwide", "over the weekend",
        "within the past 48 hours", "in days", "over three weeks", "in months", "during a three-day span",
        "in a one-week period", "over a two-week stretch"]),
]


def _real_sentences(files: int = 120) -> list[str]:
    paths = sorted(ECBPLUS.glob("*/*.xml"))[:files] if ECBPLUS.exists() else []
    return [sentence for path in paths for sentence in ecbplus_sentences(path)]


def _random_sentences(n: int, seed: int = 17) -> list[str]:
    """Sentences of the patterns' own words (and some capitals and digits), in random case."""
    words = sorted({w for pattern, _ in GATED.values() for w in re.findall(r"[A-Za-z]{2,}", pattern.pattern)}
                   - {"i", "L", "Ll", "Lu"} | {"Kabul", "Gaza", "48", "in", "a", "the"})
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        picked = [rng.choice(words) for _ in range(rng.randint(2, 7))]
        out.append(" ".join(rng.choice((w, w.lower(), w.upper(), w.title())) for w in picked))
    return out


@pytest.mark.parametrize("name", sorted(GATED))
def test_every_sentence_a_gated_pattern_matches_holds_a_word_it_needs(name: str) -> None:
    pattern, needed = GATED[name]
    sentences = [*EXAMPLES, *_real_sentences(), *_random_sentences(20000)]
    matched = [s for s in sentences if pattern.search(s)]
    assert matched, f"no sentence exercises the pattern of {name}"
    missed = [s for s in matched if not all(counts._may_hold(s, words) for words in needed)]
    assert missed == []


def test_a_sentence_outside_ascii_is_always_left_to_the_pattern() -> None:
    assert counts._may_hold("Zwölf Häuser", counts._SITES)
