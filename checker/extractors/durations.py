"""Durations: "two-day visit", "a days-long trip", "four-year-long war", "for three days".

Durations are normalised to days (``unit="day"``); calendar units keep their natural
spread so that equivalent statements overlap: a month is 28 to 31 days, a year 365 to 366.
Vague durations ("days-long", "months-long") are intervals with the ``vague`` qualifier:
"days-long" is 2 to 13 days (more than a day, less than two weeks).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import regex

from ..doc import Doc
from ..model import Claim, ClaimKind, Qualifier
from .nouns import EVENT_NOUNS, singular
from .numbers import NUMBER_PATTERN, SCALES, SPECIAL, TENS, UNITS, VAGUE, parse_number
from .options import ExtractOptions
from .twins import ascii_twin

# Patterns of this module's one-off searches, compiled once (compiling per call showed in profiles).
_LONG_SUFFIX = regex.compile(r"[- ]long\b")
_COLON_OR_SEMICOLON = regex.compile(r"[;:]")

UNIT_DAYS: dict[str, tuple[float, float]] = {
    "second": (1 / 86400, 1 / 86400),
    "minute": (1 / 1440, 1 / 1440),
    "hour": (1 / 24, 1 / 24),
    "day": (1.0, 1.0),
    "week": (7.0, 7.0),
    "fortnight": (14.0, 14.0),
    "month": (28.0, 31.0),
    "year": (365.0, 366.0),
    "decade": (3652.0, 3653.0),
    "century": (36524.0, 36525.0),
}
VAGUE_DAYS: dict[str, tuple[float, float]] = {
    "hour": (2 / 24, 23 / 24),
    "day": (2.0, 13.0),
    "week": (14.0, 60.0),
    "month": (60.0, 364.0),
    "year": (730.0, 3652.0),
    "decade": (7300.0, 36500.0),
}

_UNIT = (r"(?P<unit>(?:minute|hour|day|week|fortnight|month|year|decade|century|centurie|second)s?"
         r"|(?-i:hrs?|mins?|secs?|yrs?|wks?|h))")
_ABBREVIATIONS = {"h": "hour", "hr": "hour", "hrs": "hour", "min": "minute", "mins": "minute", "sec": "second",
                  "secs": "second", "yr": "year", "yrs": "year", "wk": "week", "wks": "week"}
_NUM = (rf"(?P<num>{NUMBER_PATTERN}(?:\s+and\s+a\s+half)?|an?(?:\s+and\s+a\s+half)?|(?:a\s+)?half(?:\s+an?)?|"
        rf"another|all|full|(?:a\s+)?few|some)")
_QUAL = (r"(?P<qual>more\s+than|over|almost|nearly|about|around|roughly|some|at\s+least|"
         r"less\s+than|under|up\s+to|fewer\s+than|just\s+over|well\s+over|barely|only)\s+")
_NOUN = r"(?P<noun>\p{L}+)"
_ADJ = r"(?:(?:\p{L}+)\s+){0,2}?"

_UNIT_GATE = regex.compile(r"(?i:minute|hour|day|week|fortnight|month|year|decade|centur|second)"
                           r"|\b(?:hrs?|mins?|secs?|yrs?|wks?|h)\b|\dh")
# The same test in two parts: on an ASCII sentence the case-insensitive words are substrings of
# the lower-cased sentence (a fraction of the cost of the pattern), and the abbreviations are the
# rest of it. A sentence passes the gate if and only if it passes one of the parts.
_UNIT_GATE_WORDS = ("minute", "hour", "day", "week", "fortnight", "month", "year", "decade", "centur", "second")
_UNIT_GATE_REST = regex.compile(r"\b(?:hrs?|mins?|secs?|yrs?|wks?|h)\b|\dh")
# ASCII bytes -> word characters as they are (digits as "0"), every other byte a space: the runs
# between the word boundaries of _UNIT_GATE_REST are the words of bytes.split(), "\dh" is "0h".
_WORD_RUNS = bytes(
    ord("0") if 48 <= b <= 57 else b if 65 <= b <= 90 or 97 <= b <= 122 or b == 95 else 32 for b in range(256))
_UNIT_ABBREVIATIONS = frozenset(b"hr hrs min mins sec secs yr yrs wk wks h".split())


def _has_unit(s_text: str, lower: str | None) -> bool:
    """Does :data:`_UNIT_GATE` find something in the sentence? ``lower``: the sentence lower-cased
    when it is ASCII, else ``None``."""
    if lower is None:
        return _UNIT_GATE.search(s_text) is not None
    if any(word in lower for word in _UNIT_GATE_WORDS):
        return True
    runs = s_text.encode("ascii").translate(_WORD_RUNS)
    return b"0h" in runs or not _UNIT_ABBREVIATIONS.isdisjoint(runs.split())

# "two-day visit", "a three-day official visit", "four-year-long war", "10-year sentence"
_COMPOUND = regex.compile(
    rf"(?<![\p{{L}}\d-])(?:{_QUAL})?(?P<num>{NUMBER_PATTERN})-(?P<unit>minute|hour|day|week|month|year|decade)"
    rf"(?:[- ]long)?(?![\p{{L}}-])(?!-old)\s+{_ADJ}{_NOUN}",
    regex.IGNORECASE,
)
# What every match of _COMPOUND holds, lower-cased: a hyphen and its unit ("two-day").
_COMPOUND_UNITS = ("-minute", "-hour", "-day", "-week", "-month", "-year", "-decade")
# "a days-long trip", "months-long war"
_VAGUE = regex.compile(
    rf"(?<![\p{{L}}\d-])(?P<unit>hour|day|week|month|year|decade)s[- ]long\s+{_ADJ}{_NOUN}",
    regex.IGNORECASE,
)
# "for three days", "over the past six months", "lasted two weeks", "48 hours"
_PHRASE = regex.compile(
    rf"(?<![\p{{L}}\d-])(?P<frame>(?:for|over|in|during|within|after|lasted|lasting|last|spent|took)"
    rf"(?:\s+the)?(?:\s+(?:past|last|next|previous|coming))?\s+)?(?:{_QUAL})?{_NUM}(?:\s+|(?<=\d)-?|(?:(?<=all)|(?<=full))-)"
    rf"(?:business\s+)?{_UNIT}(?![\p{{L}}-])",
    regex.IGNORECASE,
)
# Every match of _PHRASE ends with a unit that starts after a space, a digit or a hyphen (the
# pattern's separators) and has no letter or hyphen after it: on an ASCII sentence lower-cased
# (the abbreviations then match in any case: a wider test) this finds at least those.
_PHRASE_GATE = regex.compile(
    r"(?<=[\s\d-])(?:(?:minute|hour|day|week|fortnight|month|year|decade|century|centurie|second)s?"
    r"|hrs?|mins?|secs?|yrs?|wks?|h)(?![a-z-])")
# Their ``re`` twins, for ASCII sentences (the look-behind of "all-day" is written as two, which
# ``re`` takes, for the twin).
_ASCII_PHRASE = ascii_twin(_PHRASE)
_ASCII_PHRASE_GATE = ascii_twin(_PHRASE_GATE)
# Every word (lower-cased) that a match of _PHRASE can hold before its unit: the frame, qualifier
# and count words of the pattern and every word of a number expression (numbers.NUMBER_PATTERN
# reads its words from the tables of :mod:`.numbers`).
_PHRASE_WORDS = frozenset(
    """for over in during within after lasted lasting last spent took the past next previous coming more than almost
    nearly about around roughly some at least less under up to fewer just well barely only an a and half another all
    full few business dozen""".split()) | frozenset(UNITS) | frozenset(TENS) | frozenset(SCALES) | frozenset(
    word for phrase in (*VAGUE, *SPECIAL) for word in phrase.split())


def _phrase_word_run(piece: str) -> bool:
    """Can ``piece`` (a run of characters without a space, lower-cased) stand whole in a match of
    _PHRASE before its unit? Only if each of its parts between hyphens is a word of
    :data:`_PHRASE_WORDS`, holds a digit, or is empty."""
    return all(part in _PHRASE_WORDS or not part.isalpha() for part in piece.split("-"))


def _phrase_start_bound(lower: str, unit: int) -> int:
    """The first place where a match of _PHRASE whose unit starts at ``unit`` can start, in a
    printable ASCII sentence with single spaces, lower-cased. Before its unit a match holds whole
    runs of :func:`_phrase_word_run` between spaces, and it starts where no letter, digit or
    hyphen stands before it: in the last run before the unit that is not one, after its first
    other character, else after that run (where there is no run after it, no match has this unit)."""
    end = unit
    while True:
        start = lower.rfind(" ", 0, end) + 1
        piece = lower[start:end]
        if not _phrase_word_run(piece):
            for i, char in enumerate(piece):
                if not (char.isalnum() or char == "-"):
                    return start + i + 1
            return end + 1 if end < unit else unit
        if start == 0:
            return 0
        end = start - 1


def _phrase_matches(s_text: str, lower: str | None) -> Iterator[regex.Match[str] | re.Match[str]]:
    """``_PHRASE.finditer(s_text)`` (on an ASCII sentence by the twins); on a printable ASCII
    sentence with single spaces each search starts at the first place where a match with a unit
    after it can start (_PHRASE_GATE finds the units, :func:`_phrase_start_bound` where their
    matches can start)."""
    if lower is None:
        yield from _PHRASE.finditer(s_text)
        return
    if not s_text.isprintable() or "  " in s_text:
        if _ASCII_PHRASE_GATE.search(lower):  # no unit there: no match
            yield from _ASCII_PHRASE.finditer(s_text)
        return
    units = [m.start() for m in _ASCII_PHRASE_GATE.finditer(lower)]
    bounds = [_phrase_start_bound(lower, unit) for unit in units]
    for i in range(len(bounds) - 2, -1, -1):  # the first place for a unit there or after it
        bounds[i] = min(bounds[i], bounds[i + 1])
    pos = k = 0
    while True:
        while k < len(units) and units[k] < pos:
            k += 1
        if k == len(units):
            return
        match = _ASCII_PHRASE.search(s_text, max(pos, bounds[k]))
        if match is None:
            return
        yield match
        pos = match.end()


_AGE = regex.compile(r"^\s*(?:-|\s)?old\b|^\s*of\s+age\b|^\s*ago\b|^\s*later\b|^\s*earlier\b|^\s*before\b|"
                     r"^\s*after\b|^\s*from\s+now\b|^\s*prior\b", regex.IGNORECASE)

_QUALIFIERS: dict[str, Qualifier] = {
    "more than": Qualifier.MORE, "over": Qualifier.MORE, "just over": Qualifier.MORE, "well over": Qualifier.MORE,
    "almost": Qualifier.LESS, "nearly": Qualifier.LESS, "barely": Qualifier.LESS,
    "about": Qualifier.APPROX, "around": Qualifier.APPROX, "roughly": Qualifier.APPROX, "some": Qualifier.APPROX,
    "at least": Qualifier.AT_LEAST, "less than": Qualifier.LESS, "under": Qualifier.LESS,
    "fewer than": Qualifier.LESS, "up to": Qualifier.AT_MOST, "only": Qualifier.EXACT,
}


_VAGUE_COUNTS = {"few": (2.0, 5.0), "a few": (2.0, 5.0), "some": (2.0, 9.0), "several": (3.0, 9.0)}


def _count(text: str) -> float | None:
    t = " ".join(text.lower().split())
    if t in ("another", "all", "full"):
        return 1.0
    half = 0.0
    if t.endswith("and a half"):
        half = 0.5
        t = t[: -len("and a half")].strip()
    if t in ("a", "an"):
        return 1.0 + half
    if t in ("half a", "half an", "half", "a half"):
        return 0.5
    value = parse_number(t)
    if value is None or value.exact is None:
        return None
    return value.exact + half


def _vague_count(text: str) -> tuple[float, float] | None:
    value = parse_number(text)
    if value is None or not value.vague:
        return None
    return value.low, value.high


def _free(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= a or start >= b for a, b in taken)


def _bounds(count: float, unit: str, qualifier: Qualifier, options: ExtractOptions) -> tuple[
        float, float | None, bool, bool]:
    lo_per, hi_per = UNIT_DAYS[unit]
    low: float = count * lo_per
    high: float = count * hi_per
    if qualifier is Qualifier.MORE:
        return low, None, True, False
    if qualifier is Qualifier.AT_LEAST:
        return low, None, False, False
    if qualifier is Qualifier.AT_MOST:
        return 0.0, high, False, False
    if qualifier is Qualifier.LESS:
        return low * (1 - options.nearly_margin), high, False, True
    if qualifier is Qualifier.APPROX:
        t = options.approx_tolerance
        return low * (1 - t), high * (1 + t), False, False
    return low, high, False, False


def _unit(word: str) -> str:
    w = word.lower()
    if w in _ABBREVIATIONS:
        return _ABBREVIATIONS[w]
    w = w[:-1] if w.endswith("s") and w[:-1] in UNIT_DAYS else w
    return "century" if w.startswith("centur") else w


def find_durations(doc: Doc, options: ExtractOptions) -> list[Claim]:
    claims: list[Claim] = []
    text = doc.norm
    for sentence in doc.content_sentences():
        taken: list[tuple[int, int]] = []
        s_text = text[sentence.start:sentence.end]
        lower = s_text.lower() if s_text.isascii() else None
        if not _has_unit(s_text, lower):
            continue  # no unit of time: no duration (a cheap test before the patterns)
        base = sentence.start

        # _VAGUE needs "long" ("days-long"), _COMPOUND a hyphen and its unit ("two-day"): without them
        # they find nothing (on ASCII text, where case-insensitive matching is ASCII case folding).
        vague_found: Iterable[regex.Match[str]] = (
            _VAGUE.finditer(s_text) if lower is None or "long" in lower else ())
        for match in vague_found:
            noun = singular(match.group("noun"))
            unit = _unit(match.group("unit"))
            start, end = match.start(), match.end()
            noun_value: str | None = noun
            if noun not in EVENT_NOUNS:
                end = match.start("noun")
                while end > start and s_text[end - 1] == " ":
                    end -= 1
                noun_value = None
            vague_low, vague_high = VAGUE_DAYS[unit]
            taken.append((start, match.end()))
            claims.append(doc.claim(
                ClaimKind.DURATION, base + start, base + end, sentence, subject=noun_value,
                qualifier=Qualifier.VAGUE, low=vague_low, high=vague_high, unit="day",
                attrs=(("unit_word", unit), ("count", "several")),
            ))
        compounds: Iterable[regex.Match[str]] = _COMPOUND.finditer(s_text) if "-" in s_text and (
            lower is None or any(unit in lower for unit in _COMPOUND_UNITS)) else ()
        for match in compounds:
            if not _free(taken, match.start(), match.end()):
                continue
            count = _count(match.group("num"))
            if count is None:
                continue
            unit = _unit(match.group("unit"))
            noun, noun_end = _event_after(s_text, match)
            qualifier = _QUALIFIERS.get(" ".join((match.group("qual") or "").lower().split()), Qualifier.EXACT)
            end = noun_end if noun in EVENT_NOUNS else match.end("unit")
            if noun in ("old",):
                continue
            low, high, low_open, high_open = _bounds(count, unit, qualifier, options)
            taken.append((match.start(), match.end()))
            claims.append(doc.claim(
                ClaimKind.DURATION, base + match.start(), base + end, sentence,
                subject=noun if noun in EVENT_NOUNS else None, qualifier=qualifier,
                low=low, high=high, low_open=low_open, high_open=high_open, unit="day",
                attrs=(("unit_word", unit), ("count", _fmt(count))),
            ))
        phrases: Iterable[regex.Match[str] | re.Match[str]] = _phrase_matches(s_text, lower)
        for phrase in phrases:
            if not _free(taken, phrase.start("num"), phrase.end()):
                continue
            if _AGE.match(s_text[phrase.end():phrase.end() + 12]):
                continue  # "30 years old", "two days ago", "one month later" (dates handle those)
            num_words = " ".join(phrase.group("num").lower().split())
            frame = " ".join((phrase.group("frame") or "").lower().split())
            unit = _unit(phrase.group("unit"))
            if num_words in ("a", "an", "another", "all", "full", "some", "few") and not frame \
                    and not phrase.group("qual") and num_words not in ("another", "full"):
                continue  # "$3,500 a month", "some days": a rate or no figure at all
            vague = _VAGUE_COUNTS.get(num_words) or _vague_count(num_words)
            count = None if vague else _count(phrase.group("num"))
            if count is None and vague is None:
                continue
            if vague is not None:
                lo_per, hi_per = UNIT_DAYS[unit]
                taken.append((phrase.start(), phrase.end()))
                claims.append(doc.claim(
                    ClaimKind.DURATION, base + phrase.start("num"), base + phrase.end(), sentence,
                    subject=_nearest_event(s_text, phrase.start()), qualifier=Qualifier.VAGUE,
                    low=vague[0] * lo_per, high=vague[1] * hi_per, unit="day",
                    attrs=(("unit_word", unit), ("count", num_words)),
                ))
                continue
            assert count is not None
            qualifier = _QUALIFIERS.get(" ".join((phrase.group("qual") or "").lower().split()), Qualifier.EXACT)
            start = phrase.start("qual") if phrase.group("qual") else phrase.start("num")
            if "past" in frame or "last" in frame.split()[1:]:
                start = phrase.start("frame")
            low, high, low_open, high_open = _bounds(count, unit, qualifier, options)
            subject = _nearest_event(s_text, phrase.start())
            attrs: list[tuple[str, str]] = [("unit_word", unit), ("count", _fmt(count))]
            if frame:
                attrs.append(("frame", frame))
            taken.append((phrase.start(), phrase.end()))
            claims.append(doc.claim(
                ClaimKind.DURATION, base + start, base + phrase.end(), sentence,
                subject=None if "past" in frame else subject, qualifier=qualifier,
                low=low, high=high, low_open=low_open, high_open=high_open, unit="day", attrs=tuple(attrs),
            ))
    return claims


_EVENT_WORD = regex.compile(r"\b\p{L}+\b")
_NEXT_WORD = regex.compile(r"\s+(\p{L}+)")


def _event_after(sentence: str, match: regex.Match[str]) -> tuple[str, int]:
    """The noun a compound duration measures: the first event noun among the next three words
    ("10-year prison sentence" -> sentence), else the word the pattern matched."""
    pos = match.end("unit")
    long_word = _LONG_SUFFIX.match(sentence[pos:])
    if long_word:
        pos += long_word.end()
    for _ in range(3):
        word = _NEXT_WORD.match(sentence, pos)
        if word is None or word.group(1)[0].isupper():
            break
        if singular(word.group(1)) in EVENT_NOUNS:
            return singular(word.group(1)), word.end()
        pos = word.end()
    return singular(match.group("noun")), match.end()


def _nearest_event(sentence: str, position: int) -> str | None:
    """The nearest event noun before a duration phrase in its clause ("his visit will last three days")."""
    clause = _COLON_OR_SEMICOLON.split(sentence[:position])[-1]
    words = _EVENT_WORD.findall(clause)[-8:]
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        noun = singular(word)
        if noun in EVENT_NOUNS and word[0].islower():
            if noun == "fire" and i and words[i - 1].lower() in _GUNFIRE_BEFORE:
                continue  # "exchanged fire for two hours": gunfire, not a blaze
            return noun
    return None


_GUNFIRE_BEFORE = frozenset("open opened opens opening exchange exchanged exchanging return returned returning "
                            "under heavy gun cross sniper".split())


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
