"""Sentence segmentation with offsets, and detection of boilerplate lines.

Works on normalised text (see :mod:`checker.text`). Every line break ends a sentence
(headlines and bullet points have no final punctuation); inside a line, ``.``, ``!`` and
``?`` end a sentence unless they belong to an abbreviation (Mr., U.S., Jan.), an initial or
a decimal number. Closing quotes and brackets stay with the sentence they end.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

# Patterns of this module's one-off searches, compiled once (compiling per call showed in profiles).
_LETTERS = regex.compile(r"\p{L}+")
_DOTTED_ACRONYM = regex.compile(r"(?:\p{L}\.)+\p{L}")
_DIGIT = regex.compile(r"\d")
_FINAL_PUNCTUATION = regex.compile(r"[.!?]$")
_ENDS_SENTENCE = regex.compile(r"[.!?][\"')\]]*\s*$")

ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm", "gov", "sen", "rep", "rev", "fr", "hon", "pres", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "inc", "ltd", "co", "corp", "bros", "dept", "univ", "assn", "est", "approx", "vs", "etc", "no", "nos", "vol", "fig", "al", "ave", "blvd", "rd", "ft", "mph", "u.s", "u.k", "u.n", "e.u", "u.s.a", "d.c", "a.m", "p.m", "i.e", "e.g", "ph.d", "b.c", "a.d"]
)

_END = regex.compile(r"[.!?]+[\"')\]]*(?=\s+|$)")
_WORD_BEFORE = regex.compile(r"([\p{L}.]+)\.$")
_BULLET = regex.compile(r"^\s*(?:[-*\u2022]|\d{1,2}[.)])\s+")

_BOILERPLATE_WORDS = frozenset(
    ["comment", "comments", "template", "share", "tweet", "subscribe", "newsletter", "advertisement", "advertising", "sponsored", "related", "read", "more", "sign", "login", "log", "in", "follow", "us", "click", "here", "copyright", "reserved", "cookie", "cookies", "menu", "home", "skip", "content", "print", "email", "photo", "gallery", "video", "watch", "listen"]
)


_NAVIGATION_VERBS = frozenset(["share", "subscribe", "comment", "comments", "advertisement", "sign", "follow", "click", "related", "read"])


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    boilerplate: bool = False
    headline: bool = False


def _is_abbreviation(line: str, dot: int) -> bool:
    """Is the full stop at ``dot`` (index in ``line``) part of an abbreviation or initial?"""
    # Only the few characters before the dot matter: a bounded window keeps this linear.
    before = _word_before(line, dot)
    if not before:
        return False
    word = before.lower().rstrip(".")
    if word in ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isalpha():  # an initial: "John F. Kennedy"
        return True
    # Dotted acronyms such as "U.S." or "D.P.R.K.", unless followed by a new sentence we cannot tell
    # (a word without a dot, as most words before a full stop are, is none).
    return "." in word and bool(_DOTTED_ACRONYM.fullmatch(word))


def _word_before(line: str, dot: int) -> str | None:
    """The group of ``_WORD_BEFORE.search(line, max(0, dot - 40), dot + 1)`` (``line[dot]`` is a
    full stop): the letters and dots right before the dot, within 40 characters. ASCII letters
    are read here; at a character beyond ASCII the pattern decides."""
    low = max(0, dot - 40)
    start = dot
    while start > low:
        char = line[start - 1]
        if char == "." or "a" <= char <= "z" or "A" <= char <= "Z":
            start -= 1
        elif char.isascii():
            break
        else:
            match = _WORD_BEFORE.search(line, low, dot + 1)
            return match.group(1) if match else None
    return line[start:dot] if start < dot else None


def _ends_sentence(line: str) -> bool:
    """``_ENDS_SENTENCE.search(line) is not None`` for a line without a line break: read from its
    end on printable ASCII (where the only white space is the space)."""
    if not (line.isascii() and line.isprintable()):
        return _ENDS_SENTENCE.search(line) is not None
    return line.rstrip(" ").rstrip("\"')]")[-1:] in (".", "!", "?")


def _next_starts_sentence(line: str, pos: int) -> bool:
    rest = line[pos:pos + 64].lstrip()
    if not rest:
        return not line[pos:].strip()
    first = rest[0]
    return first.isupper() or first.isdigit() or first in "\"'([-"


_LONG_LINE = 120


def is_boilerplate(line: str) -> bool:
    """Navigation and boilerplate fragments that carry no claims.

    Short all-caps headings ("MULTIPLIER CONTACTS") and short fragments made of navigation
    words ("Comment Template", "Share this article").
    """
    stripped = line.strip()
    if not stripped:
        return True
    if len(stripped) > _LONG_LINE and _letter_runs(stripped[:_LONG_LINE]) > 6:
        return False  # seven words already: no short fragment (each word of a prefix is one of the line)
    if stripped.isascii():  # most lines: more than six words, or words and a final full stop
        count = _letter_runs(stripped)
        if count > 6 or (count and stripped[-1] in ".!?"):
            return False
    words = _LETTERS.findall(stripped)
    if not words:
        return not _DIGIT.search(stripped)
    if len(words) <= 6 and not _FINAL_PUNCTUATION.search(stripped):
        letters = "".join(words)
        if letters.isupper() and len(letters) > 1 and not _DIGIT.search(stripped):
            return True
        lowered = [w.lower() for w in words]
        if sum(w in _BOILERPLATE_WORDS for w in lowered) * 2 >= len(lowered) + 1:
            return True
        if len(lowered) <= 4 and lowered[0] in _NAVIGATION_VERBS:
            return True
    return False


# ASCII bytes: letters -> "a", every other byte a space (the letter runs are the words of split()).
_LETTER_RUNS = bytes(ord("a") if 65 <= b <= 90 or 97 <= b <= 122 else 32 for b in range(256))


def _letter_runs(text: str) -> int:
    """``len(_LETTERS.findall(text))``, without the pattern on ASCII text (where a letter is A-Z, a-z)."""
    if text.isascii():
        return len(text.encode("ascii").translate(_LETTER_RUNS).split())
    return len(_LETTERS.findall(text))


def split_sentences(text: str, offset: int = 0) -> list[Sentence]:
    """Split ``text`` into sentences; offsets are relative to ``text`` plus ``offset``."""
    sentences: list[Sentence] = []
    pos = 0
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        boiler = is_boilerplate(line)
        has_end = _ends_sentence(line)
        bullet = _BULLET.match(line)
        seg_start = bullet.end() if bullet else 0
        for match in _END.finditer(line):
            dot = match.start()
            if line[dot] == "." and match.end() - dot == 1 and _is_abbreviation(line, dot):
                # "Mr. Lavrov" continues; an abbreviation at the end of a sentence before a
                # capitalised word is ambiguous and we keep the sentence whole.
                continue
            if not _next_starts_sentence(line, match.end()):
                continue
            _append(sentences, line, line_start + offset, seg_start, match.end(), boiler, False)
            seg_start = match.end()
        if seg_start < len(line):
            _append(sentences, line, line_start + offset, seg_start, len(line), boiler, not has_end)
    return sentences


# Longer "sentences" (a 10 MB line without a full stop) are cut at a space before this many
# characters, so that the work per sentence stays bounded and the whole stays linear.
MAX_SENTENCE = 1500


def _append(
    out: list[Sentence], line: str, base: int, start: int, end: int, boiler: bool, headline: bool
) -> None:
    while end - start > MAX_SENTENCE:
        cut = line.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        if cut <= start:
            cut = start + MAX_SENTENCE
        _append(out, line, base, start, cut, boiler, headline)
        start = cut
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(base + start, base + end, line[start:end], boiler, headline))
