"""Numbers in English news text: digits with separators and scales, and number words.

Public API (used by every extractor; keep it stable):

- :data:`NUMBER_PATTERN`: regular-expression source (for the ``regex`` module, case
  insensitive, word-bounded by the caller) matching one number expression:
  ``1,000``, ``2.5 million``, ``40``, ``six``, ``twenty-five``, ``a dozen``, ``hundreds``,
  ``tens of thousands``, ``one hundred and five``.
- :func:`parse_number` ``(text) -> NumberValue | None``: the value of such an expression.
- :data:`NUMBER_CUE`: a quick test that a text may hold a number expression (a digit or a
  word of the number vocabulary); built from the same tables, so no word the pattern reads
  is missed by the test. :func:`has_number_cue` is the same test, faster on ASCII text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import overload

import regex

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}
SCALES = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "m": 1_000_000, "b": 1_000_000_000,
    "k": 1_000, "tn": 1_000_000_000_000, "mil": 1_000_000, "mln": 1_000_000, "bln": 1_000_000_000,
}
SPECIAL = {"a dozen": 12, "dozen": 12, "a couple of": 2, "a pair of": 2, "half a dozen": 6, "a hundred": 100,
           "a thousand": 1000, "a million": 1_000_000, "a billion": 1_000_000_000, "a score of": 20}
# Vague plurals: "hundreds" is at least 200 and below a thousand.
VAGUE = {
    "dozens": (24.0, 99.0), "scores": (40.0, 99.0), "hundreds": (200.0, 999.0),
    "thousands": (2_000.0, 9_999.0), "tens of thousands": (20_000.0, 99_999.0),
    "hundreds of thousands": (200_000.0, 999_999.0), "millions": (2_000_000.0, 9_999_999.0),
    "tens of millions": (20_000_000.0, 99_999_999.0), "hundreds of millions": (200_000_000.0, 999_999_999.0),
    "billions": (2e9, 9.999e9), "several dozen": (24.0, 99.0), "several": (3.0, 9.0), "a few": (2.0, 5.0), "a handful of": (2.0, 6.0),
}

_WORD = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_SCALE_WORDS = r"hundred|thousand|million|billion|trillion"
_SCALE_ABBR = r"mn|bn|tn|mln|bln|mil(?![\p{L}])|[mbk](?![\p{L}]|\.\p{L})"
_WORD_NUMBER = (
    rf"(?:(?:{_WORD})(?:[- ](?:{_WORD}))?)(?:[ -](?:{_SCALE_WORDS})(?:(?: and)? (?:{_WORD})(?:[- ](?:{_WORD}))?)?)*"
)
# "two dozen", "3 dozen": a number of dozens (small numbers only: "twenty dozen" is not news).
_SMALL_WORD = "|".join(sorted((w for w, v in UNITS.items() if 2 <= v <= 12), key=len, reverse=True))
_VAGUE = "|".join(regex.escape(k) for k in sorted(VAGUE, key=len, reverse=True))
_SPECIAL = "|".join(regex.escape(k) for k in sorted(SPECIAL, key=len, reverse=True))

NUMBER_PATTERN = (
    rf"(?:(?:{_DIGITS}|{_SMALL_WORD})\s+dozen(?![\p{{L}}])"
    rf"|(?:{_DIGITS})(?:[\s-]?(?:{_SCALE_WORDS})(?:\s(?:{_SCALE_WORDS}))?|\s?(?:{_SCALE_ABBR}))?"
    rf"|{_VAGUE}|{_WORD_NUMBER}(?:\s+and\s+a\s+half(?![\p{{L}}-]))?"
    rf"|a (?:{_SCALE_WORDS})(?: (?:{_SCALE_WORDS}))?(?: and (?:{_WORD})(?:[- ](?:{_WORD}))?)?|{_SPECIAL})"
)
# Every word that can start or carry a number expression: the number words themselves
# ("thirteen", "twenty" of "twenty-one"), the scales and the words of the vague and special
# expressions ("dozen", "couple", "handful"), not their function words ("a", "of", "and").
_CUE_WORDS = sorted(
    {*UNITS, *TENS, *(s for s in SCALES if len(s) > 3),
     *(w for phrase in (*VAGUE, *SPECIAL) for w in phrase.split() if w not in ("a", "of", "and"))},
    key=lambda w: (-len(w), w))
NUMBER_CUE = regex.compile(rf"\d|\b(?:{'|'.join(_CUE_WORDS)})\b", regex.IGNORECASE)
# ASCII bytes -> word characters lower-cased, digits as "0", every other byte a space: the word
# runs of NUMBER_CUE's \b...\b are then the words of bytes.split().
_CUE_TABLE = bytes(
    ord("0") if 48 <= b <= 57 else b + 32 if 65 <= b <= 90 else b if 97 <= b <= 122 or b == 95 else 32
    for b in range(256))
_CUE_BYTES = frozenset(w.encode() for w in _CUE_WORDS)
# Where a number expression of NUMBER_PATTERN can start in an ASCII text lower-cased, as zero-width
# matches (every position reported, overlapping ones too): a digit not after a digit, ".5", or the
# first word of an expression ("twenty", "hundreds", "a few", "a hundred") not after a letter or
# a digit. A superset: "someone" has no "one" here, but "one" in "no-one" is reported. Used with
# the callers' own context rules (see quantities._figure_number_starts), which forbid the letter or digit
# before a number that starts with a word and the digit before one that starts with a digit.
_FIRST_WORDS = sorted(
    {*UNITS, *TENS, *(f"a {s}" for s in ("hundred", "thousand", "million", "billion", "trillion")),
     *(" ".join(phrase.split()[:2]) if phrase.startswith("a ") else phrase.split()[0]
       for phrase in (*VAGUE, *SPECIAL))},
    key=lambda w: (-len(w), w))
NUMBER_START_ASCII = re.compile(
    rf"(?<![0-9])(?=[0-9])|(?=\.[0-9])|(?<![a-z0-9])(?=(?:{'|'.join(re.escape(w) for w in _FIRST_WORDS)}))")
# The same positions found by matches that consume what they start (a run of digits, the first
# word of an expression), so that the scan skips them instead of trying every position inside:
# no position inside a run of digits or a word follows no digit and no letter. The words of
# "a few", "a dozen" are matched as their "a" only: "dozen" is a first word of its own.
_DIGIT_RUNS = re.compile(r"\.?[0-9]+")
_FIRST_WORD = re.compile(
    rf"(?<![a-z0-9])(?:{'|'.join(re.escape(w) for w in _FIRST_WORDS if ' ' not in w)}"
    rf"|a(?= (?:{'|'.join(re.escape(w[2:]) for w in _FIRST_WORDS if w.startswith('a '))})))")
if any(" " in w and not w.startswith("a ") for w in _FIRST_WORDS):  # _FIRST_WORD reads no other phrase
    raise ValueError("a first word of two words not starting with 'a '")


def number_starts_ascii(lower: str) -> list[int]:
    """``[m.start() for m in NUMBER_START_ASCII.finditer(lower)]``, in two scans that skip what
    they find (a third of the time): where a run of digits starts (and the "." before it, as in
    ".5"), and where a first word starts."""
    starts = [m.start() for m in _FIRST_WORD.finditer(lower)]
    for run in _DIGIT_RUNS.finditer(lower):
        start = run.start()
        if lower[start] == ".":
            starts.append(start)
            start += 1
        starts.append(start)
    starts.sort()
    return starts


def has_number_cue(text: str) -> bool:
    """``NUMBER_CUE.search(text) is not None``, cheaper on ASCII text: a digit, or a run of word
    characters that is a cue word in any case (the pattern's words stand between word boundaries,
    so a match is such a whole run)."""
    if text.isascii():
        runs = text.encode("ascii").translate(_CUE_TABLE)
        return b"0" in runs or not _CUE_BYTES.isdisjoint(runs.split())
    return NUMBER_CUE.search(text) is not None


NUMBER_RE = regex.compile(rf"(?<![\p{{L}}\d]){NUMBER_PATTERN}(?![\p{{L}}\d])", regex.IGNORECASE)


@dataclass(frozen=True, slots=True)
class NumberValue:
    low: float
    high: float
    vague: bool = False

    @property
    def exact(self) -> float | None:
        return self.low if self.low == self.high and not self.vague else None


def _words_value(words: list[str]) -> float | None:
    total = 0.0
    current = 0.0
    seen = False
    for word in words:
        if word == "and":
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in ("hundred",):
            current = (current or 1) * 100
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


_DIGITS_AND_SCALE = regex.compile(
    rf"({_DIGITS})\s?((?:{_SCALE_WORDS}|mn|bn|tn|mln|bln|mil|m|b|k)(?:\s(?:{_SCALE_WORDS}))?)?")


_DOZENS = regex.compile(r"(\d+|\p{L}+) dozen")


@lru_cache(maxsize=1 << 14)  # figures repeat across articles; the value is immutable
def parse_number(text: str) -> NumberValue | None:
    """The value of a number expression matched by :data:`NUMBER_PATTERN`, else ``None``."""
    t = " ".join(text.lower().replace("-", " ").split())
    if not t:
        return None
    if t in VAGUE:
        low, high = VAGUE[t]
        return NumberValue(low, high, True)
    if t in SPECIAL:
        v = float(SPECIAL[t])
        return NumberValue(v, v)
    dozens = _DOZENS.fullmatch(t)
    if dozens:
        word = UNITS.get(dozens.group(1))
        count = float(word) if word is not None else float(dozens.group(1))
        return NumberValue(count * 12, count * 12)
    match = _DIGITS_AND_SCALE.fullmatch(t)
    if match:
        try:
            value = float(match.group(1).replace(",", ""))
        except ValueError:
            return None
        for scale in (match.group(2) or "").split():
            value *= SCALES[scale]
        return NumberValue(value, value)
    half = 0.0
    if t.endswith(" and a half"):
        half, t = 0.5, t[: -len(" and a half")]
    words = t.split()
    if words and words[0] == "a":
        words[0] = "one"
    value_w = _words_value(words)
    if value_w is None:
        return None
    return NumberValue(value_w + half, value_w + half)


_TRAILING_SCALE = regex.compile(rf"(?:\d\s?|\s)((?:{_SCALE_WORDS}|mn|bn|tn|mln|bln|mil|[mbk])(?:\s(?:{_SCALE_WORDS}))?)$",
                                regex.IGNORECASE)


def scale_of(text: str) -> float:
    """The multiplier of the scale a number expression ends with ("$15 billion" -> 1e9), else 1."""
    match = _TRAILING_SCALE.search(" ".join(text.lower().replace("-", " ").split()))
    if match is None:
        return 1.0
    factor = 1.0
    for word in match.group(1).split():
        factor *= SCALES[word]
    return factor


@overload
def search_near_cue(pattern: regex.Pattern[str], text: str, pos: int, cues: Sequence[int], k: int,
                    lead: int, may_lead: Callable[[str, int], bool] | None = None,
                    ) -> tuple[regex.Match[str] | None, int]: ...


@overload
def search_near_cue(pattern: re.Pattern[str], text: str, pos: int, cues: Sequence[int], k: int,
                    lead: int, may_lead: Callable[[str, int], bool] | None = None,
                    ) -> tuple[re.Match[str] | None, int]: ...


def search_near_cue(pattern: regex.Pattern[str] | re.Pattern[str], text: str, pos: int, cues: Sequence[int], k: int,
                    lead: int, may_lead: Callable[[str, int], bool] | None = None,
                    ) -> tuple[regex.Match[str] | re.Match[str] | None, int]:
    """``pattern.search(text, pos)`` for a pattern whose every match holds a position of ``cues``
    (ascending: where a number or a month token starts) at most ``lead`` characters after its
    start: the first match from ``pos`` on begins at or after the first cue from ``pos`` on minus
    ``lead``, so the search starts there (the same match, without scanning the text before).
    ``k`` is where to look for that cue (the index this function returned last, or 0); returns
    the match (``None`` when no cue is left or nothing matches) and the index of that cue.
    ``may_lead(text, cue)``, when given, is false only where no match starts before that cue: the
    search then starts at the cue."""
    while k < len(cues) and cues[k] < pos:
        k += 1
    if k == len(cues):
        return None, k
    cue = cues[k]
    if may_lead is not None and cue > pos and not may_lead(text, cue):
        return pattern.search(text, cue), k
    return pattern.search(text, max(pos, cue - lead)), k
