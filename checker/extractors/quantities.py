"""Quantities: counts, amounts, money and percentages with their qualifiers.

A figure becomes an interval: "more than 1,000" is (1000, +inf), "at least six" [6, +inf),
"up to 40%" [0, 40], "nearly 40" just below 40, "about 300" a tolerance band around 300,
"between 5 and 10" and "5-10" ranges, "hundreds" a vague interval. The counted thing is
kept as a singular head noun ("more than 1,000 containers of military equipment" ->
``container``) with its modifiers ("6,000 military workers" -> ``worker``, ``("military",)``).
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

import regex

from ..doc import Doc
from ..model import Claim, ClaimKind, Qualifier
from ..segment import Sentence
from .lemmas import all_lemmas
from .nouns import singular
from .numbers import (
    NUMBER_PATTERN,
    TENS,
    UNITS,
    NumberValue,
    has_number_cue,
    number_starts_ascii,
    parse_number,
    scale_of,
    search_near_cue,
)
from .options import ExtractOptions
from .twins import ascii_twin

# Patterns of this module's one-off searches, compiled once (compiling per call showed in profiles).
_REFERENTIAL_WORDS = ("the", "both", "these", "those", "its", "their", "his", "her", "our", "all")
_CHANGE_WORDS = ("rose", "rise", "risen", "increased?", "grew", "grown", "up", "jumped", "climbed", "gained", "fell",
                 "fall", "fallen", "dropped", "declined?", "decreased?", "down", "lost", "slipped", "plunged")
_REFERENTIAL_BEFORE = regex.compile(rf"\b(?:{'|'.join(_REFERENTIAL_WORDS)})\s+$", regex.I)
_CHANGE_VERB = regex.compile(rf"\b(?:{'|'.join(_CHANGE_WORDS)})\s+(?:by\s+)?$", regex.I)
# What every match of the two patterns above ends with, lower-cased, white space aside (see
# _ends_with): one of their words ("increased?" is "increase" or "increased"), or "by".
_REFERENTIAL_ENDS = _REFERENTIAL_WORDS
_CHANGE_ENDS = (*(form for word in _CHANGE_WORDS
                  for form in ((word[:-2], word[:-1]) if word.endswith("?") else (word,))), "by")
_DIGITS_AND_COMMAS = regex.compile(r"[\d,]+")
_DIGITS_AND_SEPARATORS = regex.compile(r"[\d.,]+")
_DETERMINER_BEFORE = regex.compile(r"\b(?:no|any|every|the|this|that)\s+$", regex.I)
_YEAR_LIKE = regex.compile(r"(?:1[5-9]|20)\d\d")
_THOUSANDS = regex.compile(r"\d{1,3}(?:,\d{3})+")
_NON_DIGIT = regex.compile(r"\D")

_QUALIFIER_WORDS: list[tuple[str, Qualifier]] = [
    (r"(?:greater|more|higher|bigger|larger)\s+(?:than\s+)?or\s+equal\s+(?:to|than)|equal\s+to\s+or\s+(?:more|greater|higher)"
     r"(?:\s+than)?|at\s+least\s+or\s+equal\s+to|>\s?=|≥", Qualifier.AT_LEAST),
    (r"(?:less|fewer|lower|smaller)\s+(?:than\s+)?or\s+equal\s+(?:to|than)|equal\s+to\s+or\s+(?:less|fewer|lower)"
     r"(?:\s+than)?|<\s?=|≤", Qualifier.AT_MOST),
    (r"more\s+than|over|above|larger\s+than|bigger\s+than|exceeds?|exceeded|surpass(?:es|ed)?|>|in\s+excess\s+of|upwards\s+of|exceeding|beyond|north\s+of|greater\s+than|well\s+over|"
     r"just\s+over|higher\s+than", Qualifier.MORE),
    (r"at\s+least|no\s+fewer\s+than|no\s+less\s+than|a\s+minimum\s+of|or\s+more", Qualifier.AT_LEAST),
    (r"up\s+to|as\s+many\s+as|as\s+much\s+as|at\s+most|no\s+more\s+than|a\s+maximum\s+of|as\s+high\s+as",
     Qualifier.AT_MOST),
    (r"less\s+than|fewer\s+than|under|below|lower\s+than|smaller\s+than|just\s+under|short\s+of|sub-|<",
     Qualifier.LESS),
    (r"nearly|almost|close\s+to|just\s+shy\s+of|approaching", Qualifier.LESS),
    (r"about|around|some|roughly|approximately|an\s+estimated|estimated|an\s+approximate|circa|approx\.?|nearly\s+about|"
     r"or\s+so|give\s+or\s+take|more\s+or\s+less", Qualifier.APPROX),
]
_QUAL_RE = "|".join(f"(?:{w})" for w, _ in _QUALIFIER_WORDS)
_QUALIFIER_PATTERNS = [(regex.compile(w, regex.I), q) for w, q in _QUALIFIER_WORDS]
_NEARLY = regex.compile(r"nearly|almost|close\s+to|just\s+shy\s+of|approaching", regex.I)

_CURRENCY_SYMBOL = {"$": "USD", "US$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₩": "KRW", "₽": "RUB", "₹": "INR"}
_CURRENCY_WORD = {
    "dollar": "USD", "dollars": "USD", "usd": "USD", "pound": "GBP", "pounds": "GBP", "sterling": "GBP",
    "euro": "EUR", "euros": "EUR", "eur": "EUR", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "won": "KRW",
    "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "rupee": "INR", "rupees": "INR",
    "franc": "CHF", "francs": "CHF", "shilling": "KES", "shillings": "KES", "peso": "MXN", "pesos": "MXN",
}
_UNITS = {
    "%": "percent", "percent": "percent", "per cent": "percent", "pct": "percent",
    "percentage point": "percentage point", "percentage points": "percentage point",
    "km": "kilometre", "kilometre": "kilometre", "kilometres": "kilometre", "kilometer": "kilometre",
    "kilometers": "kilometre", "mile": "mile", "miles": "mile", "m": "metre", "metre": "metre", "metres": "metre",
    "meter": "metre", "meters": "metre", "feet": "foot", "foot": "foot", "ft": "foot", "inch": "inch",
    "inches": "inch", "cm": "centimetre", "mm": "millimetre", "kg": "kilogram", "kilogram": "kilogram",
    "kilograms": "kilogram", "kilo": "kilogram", "kilos": "kilogram", "tonne": "tonne", "tonnes": "tonne",
    "ton": "ton", "tons": "ton", "lb": "pound", "lbs": "pound", "gram": "gram", "grams": "gram", "g": "gram",
    "litre": "litre", "litres": "litre", "liter": "litre", "liters": "litre", "gallon": "gallon",
    "gallons": "gallon", "barrel": "barrel", "barrels": "barrel", "hectare": "hectare", "hectares": "hectare",
    "acre": "acre", "acres": "acre", "square kilometres": "square kilometre", "square kilometers": "square kilometre",
    "square miles": "square mile", "sq km": "square kilometre", "degrees": "degree", "degree": "degree",
    "mph": "mile per hour", "km/h": "kilometre per hour", "mw": "megawatt", "megawatts": "megawatt",
    "gw": "gigawatt", "kwh": "kilowatt hour", "bpd": "barrel per day", "knots": "knot",
    "mg": "milligram", "milligram": "milligram", "milligrams": "milligram", "mi": "mile", "sq mi": "square mile",
    "km2": "square kilometre", "ml": "millilitre", "millilitre": "millilitre", "millilitres": "millilitre",
    "degrees celsius": "degree Celsius", "degrees fahrenheit": "degree Fahrenheit", "°c": "degree Celsius",
    "°f": "degree Fahrenheit", "kw": "kilowatt", "mwh": "megawatt hour", "gwh": "gigawatt hour", "gb": "gigabyte",
    "mb": "megabyte", "tb": "terabyte", "ghz": "gigahertz", "mhz": "megahertz", "hp": "horsepower",
    "square metres": "square metre", "square meters": "square metre", "sq m": "square metre",
}
_UNIT_RE = "|".join(regex.escape(u) for u in sorted(_UNITS, key=len, reverse=True) if u != "%")
# Units that may be glued to the figure ("4km", "50mg"); one-letter units may not ("5G" is no gram).
_GLUED_UNIT_RE = "|".join(regex.escape(u) for u in sorted(_UNITS, key=len, reverse=True) if len(u) > 1 and " " not in u)
_CUR_WORD_RE = "|".join(sorted(_CURRENCY_WORD, key=len, reverse=True))
# Currency signs and codes written before the figure ("$", "US$", "$US", "HK $", "USD", "RM").
_SYMBOL_CODES = {
    "US$": "USD", "$US": "USD", "HK$": "HKD", "S$": "SGD", "A$": "AUD", "AU$": "AUD", "$A": "AUD", "C$": "CAD",
    "NZ$": "NZD", "NT$": "TWD", "USD": "USD", "EUR": "EUR", "GBP": "GBP", "AUD": "AUD", "CAD": "CAD", "INR": "INR", "JPY": "JPY",
    "CNY": "CNY", "CHF": "CHF", "RM": "MYR", "RS": "INR", "RS.": "INR", "EURO": "EUR",
}
_SYMBOL_RE = (r"(?-i:US|HK|NZ|AU|NT)\s?\$|(?-i:S|C)\s?\$(?=\d)|(?-i:A)\$|\$(?-i:US|A)(?=\d)|[$£€¥₩₽₹]"
              r"|(?-i:USD|EUR|GBP|AUD|CAD|INR|JPY|CNY|CHF|RM|Rs\.?)(?=\s?\d)"
              r"|(?-i:euro)(?=\d)")  # "euro110 billion", as agencies write it
_PCT = r"\s?%|\s+(?:percent|per\s+cent|pct)(?![\p{L}])"
_NEG_SIGN = r"(?<![\p{L}\d])-(?=\d)|minus[\s-]?(?=\d)"
_NEG = rf"(?P<neg>{_NEG_SIGN})?"
_FIGURE_START = r"(?<![\p{L}\d.,:/$£€¥])(?<!\p{L}-)"  # what may not stand before a figure
_FIGURE_QUAL = rf"(?:{_QUAL_RE})\s+|sub-|[<>≤≥]\s?=?\s*"
_FIGURE_HEAD = (
    rf"{_FIGURE_START}"
    rf"(?P<qual>{_FIGURE_QUAL})?"
    rf"(?P<sym>{_SYMBOL_RE})?\s?{_NEG}"
    rf"(?P<num>{NUMBER_PATTERN})(?![.,]?\d)"
)
# What a figure's match holds before its number, one character of it at least (a qualifier, a
# sign, a currency, a space, a minus), with the look-behind of its start: as a look-behind, it
# finds something at a number start whenever a figure can start before it. It holds no digit.
_FIGURE_LEAD_TEST = regex.compile(
    rf"(?<={_FIGURE_START}(?:(?:{_FIGURE_QUAL})(?:{_SYMBOL_RE})?\s?(?:{_NEG_SIGN})?"
    rf"|(?:{_SYMBOL_RE})\s?(?:{_NEG_SIGN})?|\s(?:{_NEG_SIGN})?|{_NEG_SIGN}))",
    regex.IGNORECASE)
# The second figure of a range, the first one possibly with its own unit: "5% to 10%", "$10 to $15 billion".
_RANGE_PART = (
    rf"(?:(?P<pct1>{_PCT})?(?P<unit1>\s+(?:{_UNIT_RE})(?![\p{{L}}]))?"
    rf"(?P<sep>\s?(?:-|–|to|and|or)\s?)(?P<sym2>{_SYMBOL_RE})?\s?(?P<num2>{NUMBER_PATTERN})(?![.,]?\d))?"
)
_FIGURE_TAIL = (
    rf"(?P<pct>{_PCT})?"
    rf"(?P<unit>(?:\s+(?:{_UNIT_RE})|(?:{_GLUED_UNIT_RE}))(?![\p{{L}}\d]))?"
    rf"(?P<cur>(?:\s+|\s?-\s?)(?:{_CUR_WORD_RE})(?![\p{{L}}]))?"  # "110 billion euros", "a 110bn-euro package"
    rf"(?P<post>\s+or\s+(?:more|greater|higher|above|over|less|fewer|lower|below|under|so)(?![\p{{L}}])(?:\s+than)?)?"
)
_FIGURE = regex.compile(_FIGURE_HEAD + _RANGE_PART + _FIGURE_TAIL, regex.IGNORECASE)
# The same without the second figure of a range: "$3bn and 40 percent" is two figures.
_SINGLE_FIGURE = regex.compile(_FIGURE_HEAD + _FIGURE_TAIL, regex.IGNORECASE)
# Their ``re`` twins, which find the same figures in a third less time: a printable ASCII sentence
# is searched with them (every sentence searched near its number starts is one).
_ASCII_FIGURE = ascii_twin(_FIGURE)
_ASCII_SINGLE_FIGURE = ascii_twin(_SINGLE_FIGURE)
_Match = regex.Match[str] | re.Match[str]
_SPELLED = regex.compile(r"[\p{L}\s-]+")
_BETWEEN = regex.compile(r"\bbetween\s+$", regex.I)
_OF_PREFIX = regex.compile(r"\s+(?:-\s+)?of(?=\s)(?:\s+(?:the|its|their|his|her|our|all|\p{Lu}\p{L}*'s)(?=\s))?")
_STOP_HEADS = frozenset(
    """of the a an and or but to in on at by for with from as than that which who whom whose is are was were be been has have
    had will would can could may might per each year years old percent times time more less other others another
    them they it its this these those there here million billion thousand hundred dozen such own same most least
    point points over under into onto about after before through during since until across against among between
    within without toward towards upon via apiece each every last next past""".split()
) | frozenset(UNITS) | frozenset(TENS)
_SKIP_AFTER = regex.compile(r"^(?:\s?(?:a\.m\.|p\.m\.|am\b|pm\b|(?-i:GMT|UTC|EDT|EST|BST|CET)\b)|:\d|"
                            r"(?:st|nd|rd|th)\b|-(?:day|week|month|year|hour)\b|\s*\))", regex.I)
# The first character of every match of _SKIP_AFTER that is no white space.
_SKIP_AFTER_FIRST = frozenset("aApPGUEBC:sSnNrRtT-)")


def _skip_after(after: str) -> bool:
    """``_SKIP_AFTER.match(after) is not None``: "5 p.m.", "5th", "5-day"; on ASCII text, where
    case reads alike, told by the first character that is no white space when none can start a
    match."""
    if after.isascii() and after.lstrip()[:1] not in _SKIP_AFTER_FIRST:
        return False
    return _SKIP_AFTER.match(after) is not None


# "25-year-old", "25 year old", and the tokenised "16 - year - old" / "11 - year old" of some corpora.
_AGE = regex.compile(r"^(?:\s?-\s?|\s)?(?P<unit>year|month|week|day)s?(?:\s?-\s?|\s)old\b", regex.I)
_SKIP_WORDS = (r"\bNo\.|\bnumber|\bpage|\bp\.|\broute|\bflight|\bline|\barticle|\bsection|\bchapter|"
               r"\bresolution|\bQ|\bCOVID-|\bG|#|\bA\.D\.|\bAD|\bgame|\bepisode|\bseason|\bcategory|"
               r"\blevel|\bphase|\bstage|\bround|\bgrade|\bunit|\bchannel|\bmodel|\bversion|\broom|\bgate|"
               r"\bplatform|\bterminal|\brow|\bseat|\bpart|\bvol\.|\bvolume|\bexit|\bhighway|\binterstate|"
               r"\bdistrict|\bward|\bbus|\btier|\btype|\bsize|\bcode|\bpage|\bpp\.|\bfig\.|\bfigure|\btable|"
               r"\bstep|\bweek|\bday")
_SKIP_BEFORE = regex.compile(rf"(?:{_SKIP_WORDS})\s?$|\(\s*$", regex.I)
# The same test run from the end of the text (``regex.REVERSE``): it finds a match exactly when
# _SKIP_BEFORE does, trying its words at the end first; only whether there is one is used.
_SKIP_BEFORE_TEST = regex.compile(_SKIP_BEFORE.pattern, _SKIP_BEFORE.flags | regex.REVERSE)
# What every match of _SKIP_BEFORE ends with, lower-cased, its white space aside.
_SKIP_BEFORE_ENDS = ("(", *(word.removeprefix(r"\b").replace("\\", "").lower() for word in _SKIP_WORDS.split("|")))


def _ends_with(text: str, ends: tuple[str, ...]) -> bool:
    """False only where no match of a pattern that ends the text with one of ``ends`` (in any
    case), then white space only, can be found: on ASCII text (where lower-casing reads case as
    the patterns do) whose end without its white space is none of them. The words before a
    figure rarely are one, and the test is a fraction of a search by the pattern."""
    return not text.isascii() or text.rstrip().lower().endswith(ends)


def _skip_before(before: str) -> bool:
    """``_SKIP_BEFORE.search(before) is not None``: "No. 5", "page 3", "(1"."""
    return _ends_with(before, _SKIP_BEFORE_ENDS) and _SKIP_BEFORE_TEST.search(before) is not None
_NAME_BEFORE = regex.compile(r"(?<=\S\s)(\p{Lu}[\p{L}&.'’]*|[\p{L}]*\p{Lu}[\p{L}]*)\s$")


def _name_before(s_text: str, start: int) -> regex.Match[str] | None:
    """``_NAME_BEFORE.search(s_text, max(0, start - 30), start)``: a word with a capital, then one
    white space, right before ``start``. A word with no capital (most words before a figure) is
    told by ``str.islower`` (white space per ``str.isspace``, a superset of the pattern's)."""
    lo = max(0, start - 30)  # the look-behind needs two characters before the word: none before 3
    if start < 3 or not s_text[start - 1].isspace() or s_text[lo:start - 1].rpartition(" ")[2].islower():
        return None
    return _NAME_BEFORE.search(s_text, lo, start)
_NOT_NAMES = frozenset("""I A The In On At As By For From To Of With And Or But If When While After Before Since Until Than
Only Just About Around Some Nearly Almost Over Under More Less Up Down Each Every All Both These Those Its Their His
Her Our Its January February March April May June July August September October November December Jan Feb Mar Apr
Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split())
_TIMES_AFTER = regex.compile(r"^\s+times\b", regex.I)
_ONE_SKIP = regex.compile(r"^\s+(?:of|another|day|time|way|thing|side|hand|point|another's|week|month|year|hour|minute|"
                          r"second|decade|century|quarter|night|morning|evening|afternoon)\b|^'s\b|^\s+by\s+one", regex.I)
_STATES = frozenset("dead hurt missing alive shot injured wounded safe unharmed inside aboard".split())
_VERB_FORM = regex.compile(r"(?:ed|ing)$", regex.I)


@lru_cache(maxsize=16384)
def _may_be_noun(word: str) -> bool:
    """Can the word be the counted noun ("technician", "ship"), not a verb or a state said of
    it ("sank", "killed", "dead")? By lemminflect's parts of speech."""
    w = word.lower()
    if w in _ADJECTIVES or w in _STATES or _VERB_FORM.search(w):
        return False
    tags = all_lemmas(w)
    return not tags or "NOUN" in tags
_ADJECTIVES = frozenset("""military global civilian foreign local international armed additional new former young old
total further extra senior top key main other russian ukrainian american korean north south western eastern""".split())


def _qualifier(text: str | None, post: str | None) -> Qualifier:
    if post:
        word = post.split()[1].lower()
        if word == "so":
            return Qualifier.APPROX
        return Qualifier.AT_LEAST if word in ("more", "greater", "higher", "above", "over") else Qualifier.AT_MOST
    if not text:
        return Qualifier.EXACT
    return _qualifier_of(" ".join(text.lower().split()))


@lru_cache(maxsize=1024)
def _qualifier_of(words: str) -> Qualifier:
    """The qualifier a qualifier's words state, worked out once per wording: news uses few, and
    testing each against every pattern cost more than all else done to a qualified figure."""
    for pattern, qualifier in _QUALIFIER_PATTERNS:
        if pattern.fullmatch(words):
            return qualifier
    return Qualifier.EXACT


_FOLLOW_WORDS = regex.compile(r"\s+([\p{L}][\p{L}'-]*)")


def _counted(sentence: str, end: int, plural: bool = True) -> tuple[str | None, tuple[str, ...], int]:
    """The counted thing after a figure: (singular head noun, modifiers, end offset in the sentence).

    Up to four lower-case words are read until a function word or punctuation; the head is
    the first plural-looking word ("6,000 military workers" -> worker, modifiers
    ("military",)), else the last word read ("one container" -> container)."""
    words: list[tuple[str, int]] = []
    pos = end
    shouting = _SHOUTING.match(sentence, end) is not None  # "THREE PEOPLE HAVE DIED": read as lower case
    while len(words) < 4:
        match = _FOLLOW_WORDS.match(sentence, pos)
        if not match:
            break
        word = match.group(1).lower() if shouting else match.group(1)
        if word[0].isupper() and not word.isupper() and word not in _NOT_NAMES:
            skipped = _proper_modifiers(sentence, pos)
            if skipped is not None:
                pos = skipped  # "two Bountiful residents", "three Rite Aid stores": a name modifies the noun
                continue
        if not words and pos == end and word.lower() == "other":
            following = _FOLLOW_WORDS.match(sentence, match.end())
            if following and following.group(1).lower() not in _STOP_HEADS:
                pos = match.end()  # "11 other FLDS men": the men counted are others (frames read it)
                continue
        if word.isupper() and len(word) > 1 and word.isalpha():
            following = _FOLLOW_WORDS.match(sentence, match.end())
            if following and following.group(1)[0].islower() and following.group(1).lower() not in _STOP_HEADS:
                words.append((word, match.end()))  # "FLDS men", "UN workers": an acronym modifies the noun
                pos = match.end()
                continue
        if word.endswith("ly") and not words and word.lower() not in _STOP_HEADS:
            following = _FOLLOW_WORDS.match(sentence, match.end())
            if following and following.group(1)[0].islower() and following.group(1).lower() not in _STOP_HEADS:
                pos = match.end()  # "three dozen mostly young people": the adverb is skipped
                continue
        if word[0].isupper() or word.lower() in _STOP_HEADS or word.endswith("ly"):
            break
        words.append((word, match.end()))
        pos = match.end()
        if len(words) >= 1 and plural and _looks_plural(word):
            following = _FOLLOW_WORDS.match(sentence, pos)
            if not (word.lower() in _NOUN_MODIFIERS and following and following.group(1).islower()
                    and _looks_plural(following.group(1))):
                break  # "two police officers": "police" modifies the noun after it
    if not words:
        return None, (), end
    head_index = len(words) - 1
    if plural:
        for i, (word, _) in enumerate(words):
            if _looks_plural(word) and not word.isupper() and not (word.lower() in _NOUN_MODIFIERS and i + 1 < len(words)):
                head_index = i
                break
        else:
            # no plural-looking word ("31 fire apparatus arrived"): the last word read that is no
            # past participle or state ("arrived", "dead"); "16 party shooting" keeps "shooting"
            nouns = [i for i, (w, _) in enumerate(words) if not w.lower().endswith("ed") and w.lower() not in _STATES]
            head_index = nouns[-1] if nouns else head_index
    elif len(words) > 1:
        # "one bomb technician", "one rocket propelled grenade launcher": the last noun read is the
        # head; not a participle or a state said of it ("one man killed", "one person dead").
        nouns = [i for i, (w, _) in enumerate(words) if _may_be_noun(w)]
        head_index = nouns[-1] if nouns else 0
    head, head_end = words[head_index]
    modifiers = tuple(w.lower() for w, _ in words[:head_index])
    return singular(head.strip("-")), modifiers, head_end


# Nouns that count pieces of what follows them ("31 pieces of equipment", "five items of clothing").
_PIECES = frozenset({"piece", "item", "unit", "article", "head"})
# "a 1,000-member church", "the three-story building": the figure counts the noun joined to it.
_COMPOUND = regex.compile(r"\s?-\s?(?P<noun>\p{Ll}{3,})(?=\s+\p{L})")
_SHOUTING = regex.compile(r"(?:\s+\p{Lu}[\p{Lu}'’-]*\b){3}")
_PROPER_WORD = regex.compile(r"\s+\p{Lu}\p{Ll}[\p{L}'’-]*")


def _proper_modifiers(sentence: str, pos: int) -> int | None:
    """The end of up to three capitalised words at ``pos`` that modify a lower-case plural noun
    after them ("Bountiful residents", "Rite Aid stores"), or ``None``."""
    for _ in range(3):
        match = _PROPER_WORD.match(sentence, pos)
        if match is None or match.group(0).strip() in _NOT_NAMES:
            return None
        pos = match.end()
        following = _FOLLOW_WORDS.match(sentence, pos)
        if following is None:
            return None
        word = following.group(1)
        if word[0].islower():
            return pos if _looks_plural(word) and word not in _STOP_HEADS else None
    return None


def _of_complement(sentence: str, end: int) -> tuple[str | None, int]:
    """The thing in an "of" complement after a figure ("40% of registered voters" -> voter)."""
    prefix = _OF_PREFIX.match(sentence, end)
    if prefix is None:
        return None, end
    subject, _modifiers, head_end = _counted(sentence, prefix.end())
    if subject is None or subject in _STOP_HEADS:
        return None, end
    return subject, head_end


_NOT_PLURAL = frozenset({"plainclothes", "overseas"})  # "two plainclothes officers"
# Plural-looking nouns that also modify a plural noun after them ("two police officers", "staff members").
_NOUN_MODIFIERS = frozenset({"police", "staff", "personnel", "sales", "arms", "news", "sports", "savings"})


def _looks_plural(word: str) -> bool:
    w = word.lower()
    if w in _NOT_PLURAL:
        return False
    return (w.endswith("s") and not w.endswith(("ss", "us", "is"))) or w in ("people", "men", "women", "children",
                                                                           "personnel", "police", "staff", "troops")


def find_quantities(doc: Doc, options: ExtractOptions) -> list[Claim]:
    claims: list[Claim] = []
    for sentence in doc.content_sentences():
        claims.extend(_sentence_quantities(doc, sentence, options))
    return claims


# The most characters a figure's match holds before its number when the text has single spaces
# only: a qualifier ("greater than or equal than " 27), a currency sign or code ("US $" 4), a
# space and a sign ("minus " 6): 38, and a margin.
_FIGURE_LEAD = 40


def _figure_number_starts(s_text: str) -> list[int] | None:
    """Every position where the number of a figure can start, in order; ``None`` unless the
    sentence is printable ASCII with single spaces (where :data:`_FIGURE_LEAD` bounds the lead).

    The number of a figure starts with a digit, ".5" or a number word (NUMBER_START_ASCII): a
    word right after qualifier words and a space, a currency sign, a comparison sign or at the
    start of the match (where the pattern's look-behind forbids a letter or a digit before it),
    never after a letter or a digit; a digit never after a digit (the signs and codes before
    one end in "$", a letter, "-" or a space)."""
    if not (s_text.isascii() and s_text.isprintable()) or "  " in s_text:
        return None
    return number_starts_ascii(s_text.lower())


# The words a figure's match can hold right before the space before its digits, lower-cased: the
# last word of each qualifier of _QUALIFIER_WORDS, "minus" and the currency codes of _SYMBOL_RE.
_LEAD_WORDS = frozenset("""to than more greater higher less fewer lower over above exceed exceeds exceeded surpass
surpasses surpassed of exceeding beyond least as most under below nearly almost approaching about around some roughly
approximately estimated approximate circa approx so take minus usd eur gbp aud cad inr jpy cny chf rm rs""".split())
# The printable ASCII characters such a match can hold right before its digits (besides letters).
_LEAD_ENDS = frozenset(" -$.<>=")


def _figure_may_start_before(text: str, cue: int) -> bool:
    """Can a figure's match start before ``cue``, a number start of a printable ASCII sentence?
    Before a digit or a number word (no figure holds one before its number: what stands before its
    number holds no digit and no number start of a word), the character and the word before it
    tell most often: no qualifier, sign, currency or minus ends with a digit before a space or with
    a character that is no letter and none of :data:`_LEAD_ENDS`, and a letter and a space end one
    only after one of :data:`_LEAD_WORDS` (a whole word: the start's look-behind or the white space
    inside a qualifier stands before it). Elsewhere (".5") :data:`_FIGURE_LEAD_TEST` decides."""
    if text[cue] == ".":
        return True
    char = text[cue - 1]
    if char == " " and cue > 1:
        previous = text[cue - 2]
        if "0" <= previous <= "9":
            return False
        if previous.isalpha():
            word = text[text.rfind(" ", 0, cue - 1) + 1:cue - 1]
            if word.isalpha() and word.lower() not in _LEAD_WORDS:
                return False
    elif not char.isalpha() and char not in _LEAD_ENDS:
        return False
    return _FIGURE_LEAD_TEST.match(text, cue) is not None


def _sentence_quantities(doc: Doc, sentence: Sentence, options: ExtractOptions) -> list[Claim]:
    s_text = doc.norm[sentence.start:sentence.end]
    if not has_number_cue(s_text):
        return []
    out: list[Claim] = []
    pos = 0
    starts = _figure_number_starts(s_text)
    next_start = 0
    while True:
        found: _Match | None
        if starts is None:
            found = _FIGURE.search(s_text, pos)
        else:  # a figure holds a number start at most _FIGURE_LEAD characters after its own start
            found, next_start = search_near_cue(_ASCII_FIGURE, s_text, pos, starts, next_start, _FIGURE_LEAD,
                                                _figure_may_start_before)
        if found is None:
            break
        match: _Match = found
        if match.group("num2"):
            verdict = _range_verdict(s_text, match)
            if verdict == "score":
                pos = match.end()  # "2-1", "89-89": a score or an identifier, not a quantity
                continue
            if verdict == "two":
                # "$3bn and 40 percent", "25k or 40k": two figures, each with its own unit.
                single = _SINGLE_FIGURE if starts is None else _ASCII_SINGLE_FIGURE
                match = single.match(s_text, match.start()) or match
        pos = max(match.end(), match.start() + 1)
        claim = _figure_claim(doc, sentence, s_text, match, options)
        if claim is not None:
            out.append(claim)
    return _merge_bounds(doc, out)


_LOWER_BOUNDS = (Qualifier.MORE, Qualifier.AT_LEAST)
_UPPER_BOUNDS = (Qualifier.LESS, Qualifier.AT_MOST)
_BOUND_JOINER = regex.compile(r"\s*,?\s*(?:and|but)?\s*")


def _merge_bounds(doc: Doc, claims: list[Claim]) -> list[Claim]:
    """"more than 100 and less than 300", "at most 100 and at least 20": one range with both bounds."""
    out: list[Claim] = []
    i = 0
    while i < len(claims):
        a = claims[i]
        b = claims[i + 1] if i + 1 < len(claims) else None
        if b is not None and a.qualifier is not None and b.qualifier is not None and (
                (a.qualifier in _LOWER_BOUNDS and b.qualifier in _UPPER_BOUNDS)
                or (a.qualifier in _UPPER_BOUNDS and b.qualifier in _LOWER_BOUNDS)) \
                and a.attr("qualifier_words") and b.attr("qualifier_words") \
                and _BOUND_JOINER.fullmatch(doc.original[a.end:b.start]) and a.unit == b.unit \
                and (a.subject is None or b.subject in (None, a.subject)):
            lower, upper = (a, b) if a.qualifier in _LOWER_BOUNDS else (b, a)
            nearly = _NEARLY.fullmatch(upper.attr("qualifier_words") or "")
            if isinstance(lower.low, float) and isinstance(upper.high, float) and lower.low < upper.high \
                    and not nearly:
                out.append(dataclasses.replace(
                    a, end=b.end, text=doc.original[a.start:b.end], end_line=b.end_line,
                    end_column=b.end_column, qualifier=Qualifier.RANGE, low=lower.low, low_open=lower.low_open,
                    high=upper.high, high_open=upper.high_open, subject=b.subject or a.subject,
                    modifiers=b.modifiers or a.modifiers,
                    attrs=(("qualifier_words", f"{a.attr('qualifier_words')} / {b.attr('qualifier_words')}"),),
                ))
                i += 2
                continue
        out.append(a)
        i += 1
    return out



def _interval(qualifier: Qualifier, low: float, high: float, words: str | None,
              options: ExtractOptions) -> tuple[float, float, bool, bool]:
    """The interval a qualified figure states: (low, high, low excluded, high excluded)."""
    if qualifier is Qualifier.MORE:
        return low, float("inf"), True, False
    if qualifier is Qualifier.AT_LEAST:
        return low, float("inf"), False, False
    if qualifier is Qualifier.AT_MOST:
        return min(0.0, low), high, False, False
    if qualifier is Qualifier.LESS:
        if words and _NEARLY.fullmatch(" ".join(words.split())):
            return high * (1 - options.nearly_margin), high, False, True
        return min(0.0, low), high, False, True
    if qualifier is Qualifier.APPROX:
        return low * (1 - options.approx_tolerance), high * (1 + options.approx_tolerance), False, False
    return low, high, False, False


def _range_verdict(s_text: str, match: _Match) -> str:
    """Whether two figures joined by "-", "to", "and" or "or" are one range: "range", "two"
    figures, or a "score" ("2-1", "89-89": neither a range nor counts)."""
    sep = " ".join(match.group("sep").lower().split())
    raw_sep = match.group("sep")
    first, second = parse_number(match.group("num")), parse_number(match.group("num2"))
    if first is None or second is None:
        return "two"
    low = first.low * (-1 if match.group("neg") else 1)
    scale = scale_of(match.group("num2"))
    if scale > 1 and scale_of(match.group("num")) == 1 and low * scale <= second.low:
        low *= scale  # "$10 to $15 billion", "four to five thousand"
    digits = bool(_DIGITS_AND_SEPARATORS.fullmatch(match.group("num")) and _DIGITS_AND_SEPARATORS.fullmatch(match.group("num2")))
    if sep in ("-", "–") and raw_sep.strip() == raw_sep and digits and second.low <= low and not match.group("qual"):
        return "score"
    if sep in ("-", "–") and raw_sep.startswith(" ") != raw_sep.endswith(" ") \
            and not (match.group("sym") and match.group("sym2")):
        return "two"  # "Stoxx 50 -1.3%"; "$140- $150 million" is a range
    if sep == "and" and not _BETWEEN.search(match.string[max(0, match.start() - 9):match.start()]):
        return "two"
    if sep == "or" and not (_SPELLED.fullmatch(match.group("num")) and _SPELLED.fullmatch(match.group("num2"))):
        return "two"  # "25k or 40k" are two figures; "three or four years" is a range
    if match.group("sym2") and not match.group("sym"):
        return "two"
    if match.group("pct1") and not match.group("pct"):
        return "two"
    if match.group("unit1") and " ".join(match.group("unit1").lower().split()) != " ".join(
            (match.group("unit") or "").lower().split()):
        return "two"
    if second.low <= low:
        return "two"
    return "range"


def _figure_claim(doc: Doc, sentence: Sentence, s_text: str, match: _Match,
                  options: ExtractOptions) -> Claim | None:
    """The claim of one figure matched in a sentence, or ``None`` when it is not a quantity."""
    num_text = match.group("num")
    num2: str | None = match.group("num2") if "num2" in match.re.groupindex else None  # _SINGLE_FIGURE has none
    value = parse_number(num_text)
    if value is None:
        return None
    if match.group("neg"):
        value = NumberValue(-value.high, -value.low, value.vague)
    start, end = match.start(), match.end()
    before = s_text[max(0, start - 12):start]
    after = s_text[end:end + 16]
    # _AGE needs "old" (in any case: on ASCII text, in the text lower-cased).
    age = _AGE.match(after) if not after.isascii() or "old" in after.lower() else None
    if age and not num2 and not _skip_before(before):
        unit_word = age.group("unit").lower()
        age_qualifier = _qualifier(match.group("qual"), None)
        a_low, a_high, a_low_open, a_high_open = _interval(age_qualifier, value.low, value.high,
                                                           match.group("qual"), options)
        return doc.claim(
            ClaimKind.QUANTITY, sentence.start + start, sentence.start + end + age.end(), sentence,
            subject="age", qualifier=age_qualifier, low=a_low, high=None if a_high == float("inf") else a_high,
            low_open=a_low_open, high_open=a_high_open, unit=unit_word, attrs=(("measure", "age"),),
        )
    if _skip_before(before) or _skip_after(after):
        return None
    bare = not (match.group("sym") or match.group("pct") or match.group("unit") or match.group("cur"))
    if bare and not match.group("qual") and (name := _name_before(s_text, start)) \
            and name.group(1).rstrip(".") not in _NOT_NAMES and not _TIMES_AFTER.match(after):
        return None  # "iPhone 11", "Game 2", "S&P 500": part of a name; not "hitting Gray eleven times"
    low_word = num_text.lower()
    if low_word in ("one", "a") and not match.group("qual") and (_ONE_SKIP.match(after) or
                                                                   _DETERMINER_BEFORE.search(before)):
        return None
    year_like = len(num_text) == 4 and bool(_YEAR_LIKE.fullmatch(num_text)) and bare  # four characters or none
    if "," in num_text and _DIGITS_AND_COMMAS.fullmatch(num_text) and not _THOUSANDS.fullmatch(num_text):
        return None  # "1,0,0,0": not a number
    if len(num_text) > 18 and len(_NON_DIGIT.sub("", num_text)) > 18:
        return None  # 500 digits: not a quantity anyone reports
    if num_text[:1].isupper() and start == 0 and num_text.lower() in ("may", "march"):
        return None
    qualifier = _qualifier(match.group("qual"), match.group("post"))
    low, high = value.low, value.high
    low_open = high_open = False
    if num2:
        second = parse_number(num2)
        if second is not None and second.high >= low:
            scale = scale_of(num2)
            if scale > 1 and scale_of(num_text) == 1 and low * scale <= second.low:
                low *= scale  # "$10 to $15 billion"
            high = second.high
            qualifier = Qualifier.RANGE if qualifier is Qualifier.EXACT else qualifier
    if num2 and _BETWEEN.search(s_text[max(0, start - 9):start]):
        start = s_text.lower().rfind("between", 0, start)
    if value.vague and qualifier is Qualifier.EXACT:
        qualifier = Qualifier.VAGUE
    low, high, low_open, high_open = _interval(qualifier, low, high, match.group("qual"), options)
    unit = None
    if match.group("pct"):
        unit = "percent"
    elif match.group("sym"):
        sym = "".join(match.group("sym").split())
        unit = _CURRENCY_SYMBOL.get(sym) or _SYMBOL_CODES.get(sym.upper(), "USD")
    elif match.group("cur"):
        unit = _CURRENCY_WORD[match.group("cur").strip(" -").lower()]
    elif match.group("unit"):
        unit = _UNITS.get(" ".join(match.group("unit").lower().split()))
    # Trim trailing space of optional groups from the quote.
    while end > start and s_text[end - 1].isspace():
        end -= 1
    subject: str | None = None
    modifiers: tuple[str, ...] = ()
    quote_end = end
    if unit == "percent":
        subject, _of_end = _of_complement(s_text, end)
    elif unit is None or unit in _CURRENCY_WORD.values():
        subject, modifiers, head_end = _counted(s_text, end, value.high != 1)
        if subject and subject not in _STOP_HEADS and unit is None:
            quote_end = head_end
            if subject in _PIECES:
                inner, of_end = _of_complement(s_text, head_end)
                if inner is not None:
                    subject, quote_end = inner, of_end  # "31 separate pieces of firefighting apparatus"
        elif subject in _STOP_HEADS:
            subject = None
        if subject is None and (value.vague or num_text.lower() in ("dozens", "a dozen")):
            # "hundreds of people", "tens of thousands of workers"
            subject, of_end = _of_complement(s_text, end)
            if subject is not None:
                quote_end = of_end
    compound = None
    if unit is None and subject is None and not num2:
        compound = _COMPOUND.match(s_text, end)
        if compound is not None and compound.group("noun").lower() not in _STOP_HEADS \
                and _may_be_noun(compound.group("noun")):
            subject, quote_end = singular(compound.group("noun").lower()), compound.end("noun")
        else:
            compound = None
    if unit is None and subject is None and num_text.lower() in ("one", "a", "a few", "several"):
        return None
    if year_like and (subject is None or not _looks_plural(s_text[start:quote_end].split()[-1])):
        return None  # a year (the dates extractor reads it), unless it counts something: "2018 people"
    if subject and (subject.endswith("ly") or subject in ("percent",)):
        subject = None
    attrs: list[tuple[str, str]] = []
    if match.group("qual"):
        attrs.append(("qualifier_words", " ".join(match.group("qual").lower().split())))
    if compound is not None:
        attrs.append(("compound", compound.group("noun").lower()))
    words_before = s_text[max(0, start - 8):start]
    referential = _REFERENTIAL_BEFORE.search(words_before) if _ends_with(words_before, _REFERENTIAL_ENDS) else None
    if referential and not match.group("qual") and compound is None:  # "the three-story building" counts storeys
        attrs.append(("referential", referential.group(0).strip().lower()))
    words_before = s_text[max(0, start - 20):start]
    change = _CHANGE_VERB.search(words_before) if _ends_with(words_before, _CHANGE_ENDS) else None
    if change:
        word = change.group(0).split()[0].lower()
        direction = "up" if word in ("rose", "rise", "risen", "increase", "increased", "grew", "grown", "up",
                                     "jumped", "climbed", "gained") else "down"
        attrs.append(("change", direction))
    return doc.claim(
        ClaimKind.QUANTITY, sentence.start + start, sentence.start + quote_end, sentence,
        subject=subject, qualifier=qualifier, low=low, high=None if high == float("inf") else high,
        low_open=low_open, high_open=high_open, unit=unit, modifiers=tuple(m for m in modifiers),
        attrs=tuple(attrs),
    )
