"""The rule API: everything of the engine a rule may use, in one place.

A rule module imports :mod:`checker.model` (claims and articles), :mod:`checker.findings`
(what it yields) and this module, and nothing else from ``checker``: a test
(``tests/test_rule_api.py``) holds every module of ``rules/`` to that. What a rule reads of a
corpus comes through here:

- **stories** (:mod:`checker.stories`): which articles report one happening, and whether a
  claim's sentence is about another one (:func:`background`);
- **fact frames** (:mod:`checker.frames`): what a figure measures (:class:`Frame`,
  :func:`frame_of`) and what a day dates (:func:`happening_of`,
  :func:`happening_class`);
- **events** (:mod:`checker.events`): event families and their instances told apart by date;
- **values** (:mod:`checker.values`): claims as comparable intervals and their display;
- **alignment** (:mod:`checker.align`): claims by article and sentence, and canonical things;
- a few word tables and helpers (singular nouns, countries, transliteration keys, plurals).

A new rule is one module in ``rules/`` plus its line in ``rules/__init__.py`` and its YAML
cases: three files.
"""

from __future__ import annotations

from .align import Alignment
from .events import Event, EventIndex, EventMention
from .extractors.ages import FEMALE_ROLES, MALE_ROLES
from .extractors.entities import ORG, PLACE, is_country, translit_key
from .extractors.nouns import EVENT_CLASSES, singular
from .frames import (
    PEOPLE_MEASURES,
    SHAPE_MEASURES,
    TOLL_MEASURES,
    Frame,
    around,
    frame_of,
    happening_class,
    happening_of,
    role_in,
    years,
)
from .stories import Story, StoryIndex, build_stories
from .storyfeatures import background, continues, reference_date
from .values import Interval, display, interval_of
from .wording import plural

__all__ = [
    "EVENT_CLASSES",
    "FEMALE_ROLES",
    "MALE_ROLES",
    "ORG",
    "PEOPLE_MEASURES",
    "PLACE",
    "SHAPE_MEASURES",
    "TOLL_MEASURES",
    "Alignment",
    "Event",
    "EventIndex",
    "EventMention",
    "Frame",
    "Interval",
    "Story",
    "StoryIndex",
    "around",
    "background",
    "build_stories",
    "continues",
    "display",
    "frame_of",
    "happening_class",
    "happening_of",
    "interval_of",
    "is_country",
    "plural",
    "reference_date",
    "role_in",
    "singular",
    "translit_key",
    "years",
]
