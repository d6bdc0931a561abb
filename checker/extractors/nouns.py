"""Noun normalisation shared by the extractors and the aligner.

- :func:`singular` turns an English plural into its singular ("containers" -> "container",
  "journeys" -> "journey", "casualties" -> "casualty", "people" -> "person").
- :data:`EVENT_CLASSES`: event nouns by class (visit ~ trip, fire ~ blaze), in the singular.
- :data:`EVENT_NOUNS`: nouns that name events whose length or date can be stated
  (visit, trip, war, blaze, ...), in the singular: those of :data:`EVENT_CLASSES` and more.
"""

from __future__ import annotations

from functools import lru_cache

IRREGULAR = {
    "people": "person", "men": "man", "women": "woman", "children": "child", "feet": "foot",
    "teeth": "tooth", "mice": "mouse", "geese": "goose", "lives": "life", "wives": "wife",
    "knives": "knife", "leaves": "leaf", "halves": "half", "thieves": "thief", "wolves": "wolf",
    "shelves": "shelf", "data": "data", "media": "media", "criteria": "criterion", "crises": "crisis",
    "analyses": "analysis", "bases": "base", "series": "series", "species": "species", "news": "news",
    "aircraft": "aircraft", "personnel": "personnel", "police": "police", "staff": "staff",
    "troops": "troop", "arms": "arms", "talks": "talks", "forces": "force", "sanctions": "sanction",
    "headquarters": "headquarters", "means": "means", "politics": "politics", "economics": "economics",
    "physics": "physics", "dies": "die", "ties": "tie", "lies": "lie", "movies": "movie",
    "cookies": "cookie", "calories": "calorie", "zombies": "zombie", "buses": "bus", "gases": "gas",
    "viruses": "virus", "statuses": "status", "campuses": "campus", "houses": "house", "cases": "case",
    "causes": "cause", "horses": "horse", "purposes": "purpose", "nurses": "nurse", "courses": "course",
    "responses": "response", "expenses": "expense", "licenses": "license", "phases": "phase",
}
# Words ending in -s that are singular.
INVARIANT_S = frozenset(
    "bus gas lens bias atlas canvas census chassis corps status virus campus bonus plus thesis "
    "process class glass grass mass pass boss cross loss chess dress press stress business "
    "congress progress access address success witness illness us was his is this its".split()
)

EVENT_CLASSES: dict[str, str] = {
    noun: cls
    for cls, nouns in {
        "visit": "visit trip journey tour voyage stay mission arrival",
        "war": "war conflict fighting invasion",
        "meeting": "meeting summit talks negotiation conference forum",
        "attack": "strike attack airstrike bombing shelling raid blast explosion shooting assault massacre rampage",
        "election": "election vote referendum ballot",
        "exercise": "exercise drill practice manoeuvre maneuver",
        "protest": "protest demonstration rally march",
        "trial": "trial hearing",
        "earthquake": "earthquake quake tremor",
        "storm": "storm hurricane typhoon cyclone tornado blizzard flood flooding heatwave",
        "fire": "fire wildfire blaze inferno",
        "crash": "crash collision derailment",
        "standoff": "standoff siege",
        "manhunt": "manhunt",
        "outage": "outage blackout",
    }.items()
    for noun in nouns.split()
}
"""Event nouns by class: nouns of one class name the same kind of event (visit ~ trip, fire ~
blaze), so their lengths and dates are compared. The one table of event nouns: events
(:mod:`checker.events`) and the duration rule read it, and :data:`EVENT_NOUNS` includes it."""

EVENT_NOUNS = frozenset(EVENT_CLASSES) | frozenset(
    """occupation ceasefire truce session offensive battle election campaign festival ceremony operation
    crisis pandemic epidemic outbreak lockdown shutdown strike protest demonstration hearing sentence
    detention imprisonment captivity deployment tenure term presidency reign rule ban embargo blockade
    delay closure flight""".split()
)
"""Nouns that name events whose length or date can be stated: every noun of
:data:`EVENT_CLASSES` and events of their own kind (a ceasefire, a sentence, a ban)."""


@lru_cache(maxsize=65536)
def singular(word: str) -> str:
    """The singular of an English noun (lower case); unknown forms are returned lower-cased."""
    w = word.lower()
    if w in IRREGULAR:
        return IRREGULAR[w]
    if len(w) <= 3 or w in INVARIANT_S or not w.endswith("s") or w.endswith(("ss", "us", "is")):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "zes", "sses", "oes")) and w not in ("shoes", "canoes"):
        return w[:-2]
    if w.endswith("ves") and w[:-3] + "f" in ("leaf", "half"):
        return w[:-3] + "f"
    return w[:-1]


def is_event_noun(word: str) -> bool:
    return singular(word) in EVENT_NOUNS


_PLURAL_IRREGULAR = {v: k for k, v in IRREGULAR.items() if v != k}


def plural(word: str) -> str:
    """The plural of a singular English noun, for messages ("300 vessels")."""
    w = word.lower()
    if w in _PLURAL_IRREGULAR:
        return _PLURAL_IRREGULAR[w]
    if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        return w[:-1] + "ies"
    if w.endswith(("s", "x", "z", "ch", "sh")):
        return w + "es"
    return w + "s"
