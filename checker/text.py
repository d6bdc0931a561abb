"""Text normalisation for matching, with an exact map back to the original offsets.

Extractors work on :attr:`NormText.norm`, a cleaned copy of the article text (straight
quotes, ASCII dashes, plain spaces, no zero-width characters, a space between words glued
to numbers such as ``2023Reuters``). :meth:`NormText.to_original` maps any span of the
normalised text back to the original, so that every claim quotes the file exactly.
"""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass
from itertools import accumulate

import regex

# Patterns of this module's one-off searches, compiled once (compiling per call showed in profiles).
_LINE_BREAK = regex.compile(r"\r\n|\r|\n")

# One-for-one character replacements.
_CHAR_MAP: dict[str, str] = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u2002": " ", "\u2003": " ",
    "\u3000": " ", "\t": " ", "\u2026": ".", "\r": "\n", "\u2028": "\n", "\u2029": "\n", "\x0b": "\n",
    "\x0c": "\n", "\u0085": "\n",
}
# Characters dropped from the normalised text (zero-width and directional marks, BOM, soft hyphen).
_DROP = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Em dashes glue clauses ("portion—up to 40%—of"); they become " - " so that words stay apart.
_SPACED = frozenset("\u2014\u2015")
# A number glued to a following capitalised word ("2023Reuters") or a lower-case word glued to a
# following number ("visit2023") gets a space inserted.
_TABLE = str.maketrans({k: v for k, v in _CHAR_MAP.items() if k not in _SPACED})
_LENGTH_CHANGING = regex.compile("[" + "".join(sorted(_DROP | _SPACED)) + "]")
_GLUE = regex.compile(r"(?<=\d)(?=[A-Z][a-z])|(?<=[a-z])(?=\d{4}\b)")
# A quick test that every text with a glue point passes (a superset): the lookbehinds of _GLUE
# tried at every offset cost four times as much, and most texts have no glue point at all.
_MAYBE_GLUE = re.compile(r"\d[A-Z][a-z]|[a-z]\d")
# On ASCII text the same test without a scan by the pattern: digits become "0", capitals "A",
# lower-case letters "a" and every other byte a space, and the glue points are substrings.
_GLUE_CLASSES = bytes(
    ord("0") if "0" <= chr(b) <= "9" else ord("A") if "A" <= chr(b) <= "Z" else ord("a") if "a" <= chr(b) <= "z"
    else ord(" ") for b in range(256))


# The identity offset map read by :func:`_offsets`: grown on demand (by doubling), up to
# _IDENTITY_CAP entries; longer stretches are built from a range.
_IDENTITY_CAP = 1 << 20
_identity: array[int] = array("q")


def _offsets(start: int, stop: int) -> array[int]:
    """``array("q", range(start, stop))``: a slice of a kept identity map (a copy of memory)
    instead of an array built one Python integer at a time, which cost 2 % of extraction."""
    global _identity
    if stop > len(_identity):
        if stop > _IDENTITY_CAP:
            return array("q", range(start, stop))
        _identity = array("q", range(min(_IDENTITY_CAP, max(stop, 2 * len(_identity), 1 << 12))))
    return _identity[start:stop]


def _maybe_glue(text: str) -> bool:
    """``_MAYBE_GLUE.search(text) is not None``."""
    if not text.isascii():
        return _MAYBE_GLUE.search(text) is not None
    classes = text.encode("ascii").translate(_GLUE_CLASSES)
    return b"0Aa" in classes or b"a0" in classes


@dataclass(frozen=True, slots=True)
class NormText:
    original: str
    norm: str
    _map: array  # type: ignore[type-arg]  # norm index -> original index (len(norm) + 1 entries)

    @property
    def original_offsets(self) -> array:  # type: ignore[type-arg]
        """Norm index -> original index (``len(norm) + 1`` entries, never decreasing)."""
        return self._map

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span ``[start, end)`` to the original text."""
        o_start = self._map[start]
        o_end = self._map[end - 1] + 1 if end > start else o_start
        # Extend over characters dropped right before the end? No: the quote stays tight.
        return o_start, o_end


def normalise(original: str) -> NormText:
    """Normalise ``original`` for matching; see the module docstring."""
    n = len(original)
    # One-for-one replacements keep every offset: str.translate does them at C speed. A CR
    # before LF becomes a space (" \n"), a lone CR a line break.
    text = original.replace("\r\n", " \n") if "\r" in original else original
    text = text.translate(_TABLE)
    mapping: array[int]
    if _LENGTH_CHANGING.search(text) is None:
        norm = text
        mapping = _offsets(0, n + 1)
    else:
        # Dropped characters and spaced dashes change lengths: rebuild around them.
        pieces: list[str] = []
        mapping = array("q")
        last = 0
        for match in _LENGTH_CHANGING.finditer(text):
            pos = match.start()
            pieces.append(text[last:pos])
            mapping.extend(_offsets(last, pos))
            if text[pos] in _SPACED:
                pieces.append(" - ")
                mapping.extend((pos, pos, pos))
            last = pos + 1
        pieces.append(text[last:])
        mapping.extend(_offsets(last, n))
        mapping.append(n)
        norm = "".join(pieces)
    if _maybe_glue(norm) and _GLUE.search(norm):
        glued: list[str] = []
        new_map = array("q")
        last = 0
        for match in _GLUE.finditer(norm):
            pos = match.start()
            glued.append(norm[last:pos])
            new_map.extend(mapping[last:pos])
            glued.append(" ")
            new_map.append(mapping[pos])
            last = pos
        glued.append(norm[last:])
        new_map.extend(mapping[last:])
        norm = "".join(glued)
        mapping = new_map
    return NormText(original, norm, mapping)


class LineIndex:
    """1-based line and column of offsets in a text (``\\n``, ``\\r\\n`` and ``\\r`` end lines)."""

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        if "\r" not in text:  # line breaks are "\n" only: each line starts after the previous one
            self._starts = list(accumulate((len(line) + 1 for line in text.split("\n")[:-1]), initial=0))
            return
        starts = [0]
        for match in _LINE_BREAK.finditer(text):
            starts.append(match.end())
        self._starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1
