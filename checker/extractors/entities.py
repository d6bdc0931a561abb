"""Named entities without a model: capitalised spans, titles, aliases and spelling variants.

- Spans of capitalised words (with connectors such as "of", "and", "for" inside names)
  are candidates; sentence-initial function words, months, weekdays and demonyms are not
  entities.
- Titles and honorifics ("Mr.", "Russian Foreign Minister") are stripped and mark a person.
- Possessive and inverted forms map to one canonical name ("Korea's North" -> "North
  Korea"); abbreviations defined in the text ("Center for Strategic and International
  Studies (CSIS)", "... is abbreviated as DPRK") and a small alias table map short forms.
- Within an article a bare surname ("Lavrov", "Mr. Kim") links to the full name.
- :func:`group_entities` gives transliteration variants across the corpus one canonical
  name ("Sergei Lavrov" / "Sergey Lavrov"), comparing transliteration keys with rapidfuzz
  within blocks so that cost stays near-linear.
"""

from __future__ import annotations

import dataclasses
import hashlib
import operator
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from typing import Any

import regex
from rapidfuzz import fuzz, process

from ..doc import Doc
from ..model import Claim, ClaimKind, replace_claim
from ..segment import Sentence
from .options import ExtractOptions

PERSON, PLACE, ORG, OTHER = "person", "place", "organisation", "other"

_COUNTRIES = """Afghanistan Albania Algeria Argentina Armenia Australia Austria Azerbaijan Bahrain Bangladesh Belarus
Belgium Bolivia Bosnia Brazil Bulgaria Cambodia Cameroon Canada Chad Chile China Colombia Congo Croatia Cuba Cyprus
Czechia Denmark Ecuador Egypt Eritrea Estonia Ethiopia Finland France Gaza Georgia Germany Ghana Greece Guatemala
Haiti Honduras Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Jamaica Japan Jordan Kazakhstan Kenya
Kosovo Kuwait Kyrgyzstan Laos Latvia Lebanon Libya Lithuania Luxembourg Madagascar Malaysia Mali Mexico Moldova
Mongolia Montenegro Morocco Mozambique Myanmar Nepal Netherlands Nicaragua Niger Nigeria Norway Oman Pakistan
Palestine Panama Paraguay Peru Philippines Poland Portugal Qatar Romania Russia Rwanda Serbia Singapore Slovakia
Slovenia Somalia Spain Sudan Sweden Switzerland Syria Taiwan Tajikistan Tanzania Thailand Tunisia Turkey
Turkmenistan Uganda Ukraine Uruguay Uzbekistan Venezuela Vietnam Yemen Zambia Zimbabwe Crimea Donbas Kursk
Zaporizhzhia Kharkiv Kherson Donetsk Luhansk Belgorod Siberia Chechnya Tibet Xinjiang Kashmir Darfur""".split()
_MULTI_PLACES = ["North Korea", "South Korea", "United States", "United Kingdom", "Saudi Arabia", "New Zealand",
                 "South Africa", "Sri Lanka", "Hong Kong", "New York", "Los Angeles", "San Francisco", "New Delhi",
                 "Dar es Salaam", "Tel Aviv", "West Bank", "Northeast Asia", "East Asia", "Southeast Asia",
                 "Asia-Pacific", "Middle East", "Latin America", "North America", "South America",
                 "Democratic People's Republic of Korea", "European Union", "Ivory Coast", "Costa Rica",
                 "El Salvador", "Puerto Rico", "Rio de Janeiro", "Sao Paulo", "Buenos Aires", "Abu Dhabi",
                 "Kuala Lumpur", "Addis Ababa", "Cape Town", "Mexico City", "Panama City", "Gulf Coast"]
_CITIES = """Pyongyang Seoul Moscow Beijing Tokyo Kyiv Kiev Washington London Paris Berlin Rome Madrid Hanoi Delhi Mumbai
Nairobi Cairo Baghdad Tehran Damascus Beirut Jerusalem Ankara Istanbul Riyadh Dubai Doha Kabul Islamabad Karachi
Lahore Dhaka Bangkok Manila Jakarta Sydney Melbourne Toronto Ottawa Montreal Vancouver Chicago Boston Houston
Dallas Miami Atlanta Seattle Denver Phoenix Detroit Philadelphia Baltimore Brussels Vienna Warsaw Prague Budapest
Athens Lisbon Dublin Oslo Stockholm Helsinki Copenhagen Amsterdam Geneva Zurich Minsk Tbilisi Yerevan Baku
Wonsan Rajin Nanjin Dunay Dunai Tikhoretsk Vladivostok Khartoum Mogadishu Kampala Kinshasa Lagos Accra Dakar
Johannesburg Harare Lusaka Tripoli Tunis Algiers Rabat Casablanca Caracas Bogota Lima Santiago Havana Kandahar
Gaza Odesa Odessa Mariupol Bakhmut Sevastopol Shanghai Hong Kong Taipei Osaka Busan Incheon Kaesong""".split()
_ORGS = """UN NATO EU BBC CNN Reuters AP AFP KCNA TASS RIA CSIS Kremlin Pentagon IAEA WHO IMF OPEC ASEAN Hamas
Hezbollah Taliban FBI CIA NASA Congress Parliament Senate Interpol Unicef UNICEF Xinhua Yonhap Apple Google
Microsoft Amazon Facebook Meta Twitter Airbus Boeing Toyota Samsung""".split()
_MULTI_ORGS = ["White House", "United Nations", "Security Council", "UN Security Council", "State Department",
               "Foreign Ministry", "Defence Ministry", "Defense Ministry", "Associated Press", "New York Times",
               "Wall Street Journal", "Washington Post", "European Commission", "World Bank", "Red Cross",
               "Belt and Road Initiative", "General Motors", "Supreme Court", "Al Qaeda", "al-Qaeda", "Al-Qaeda"]
_ORG_WORDS = frozenset("""Ministry Agency Center Centre Council University Bank Party Company Inc Corp Corporation Ltd
Group Committee Commission Institute Association Organization Organisation Federation Union Court Department Office
Service Services Forces Force Army Navy Guard Police Times Post News Agency Network Foundation Fund Authority Airlines
Airways Motors Studios Bureau Board League Club Church Assembly Cabinet Government Administration Reserve
Initiative Forum Alliance School College Hospital Embassy""".split())
_PLACE_WORDS = frozenset("""Region Province Port Harbour Harbor River Sea Ocean Island Islands Area Peninsula Strait Bay
Mountains Mountain Valley Desert County State City District Oblast Krai Republic Coast Gulf Lake Airport Square
Street Avenue Zone Border""".split())
_TITLES = frozenset("""mr mrs ms miss dr prof president vice prime minister foreign defence defense secretary chancellor
king queen prince princess general gen lt col colonel major captain admiral senator sen rep representative
governor mayor pope ambassador spokesperson spokeswoman spokesman chairman chairwoman chair leader premier
sheikh emir sultan chief commander director judge justice sir dame lord lady deputy envoy officer at large
state supreme head victim victims suspect suspects detective trooper gunman witness neighbor neighbour""".split())
_PERSON_TITLES = frozenset("mr mrs ms miss dr prof sir dame lord lady".split())
# Office words after a portfolio or qualifier: "Interior Minister", "Health Secretary",
# "Attorney General", "Trade Commissioner" are titles whatever the first word is.
_TITLE_HEADS = frozenset("""minister secretary chancellor commissioner ambassador envoy spokesperson spokesman
spokeswoman adviser advisor general""".split())
_STOP_INITIAL = frozenset("""The A An However According Following Because Due Both Theoretically Moreover Furthermore In
On At As It Its This That These Those There Their They He She His Her We Our You Your I If When While After Before
Since Although Though But And Or So Yet For With Without From By To Of Under Over Despite Meanwhile Likewise Still
Also Such Some Many Most Much Several Other Another Each Every All No Not Nor Concerned Eager Uncertainty Western
Russian Military Tourism Strengthening Joint Concerns Deepening Earlier Later Why What Who Where How Here Now Then
Today Yesterday Tomorrow Last Next First Second Third Only Even Just Mr Mrs Ms Dr New Old Among Between During
Amid Amidst Asked Said Says Speaking Officials Experts Sources Analysts Reports Police Authorities Witnesses
Residents Earlier Upon Within Throughout Toward Towards Against Along Around Behind Beyond Inside Outside Until
Once Instead Otherwise Indeed Perhaps Maybe Thus Hence Therefore Nevertheless Nonetheless Overall Finally
Additionally Initially Currently Recently Already Again Never Always Sometimes Often Later""".split())
_MONTHS = frozenset("""January February March April May June July August September October November December Jan Feb Mar
Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split())
_MONTH_ABBREVIATIONS = frozenset("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split())
_NUMBER_BEFORE = regex.compile(r"\d\s*$")
_DEMONYMS = frozenset("""Russian Korean American Ukrainian Chinese Japanese British English French German Italian
Spanish Portuguese Dutch Belgian Swiss Austrian Polish Czech Slovak Hungarian Romanian Bulgarian Serbian Croatian
Bosnian Albanian Greek Turkish Cypriot Georgian Armenian Azerbaijani Kazakh Uzbek Tajik Turkmen Kyrgyz Afghan
Pakistani Indian Bangladeshi Nepali Sri Lankan Burmese Thai Vietnamese Cambodian Laotian Malaysian Indonesian
Filipino Singaporean Australian Canadian Mexican Brazilian Argentine Argentinian Chilean Peruvian Colombian
Venezuelan Cuban Haitian Iranian Iraqi Syrian Lebanese Israeli Palestinian Jordanian Saudi Yemeni Omani Emirati
Qatari Kuwaiti Bahraini Egyptian Libyan Tunisian Algerian Moroccan Sudanese Ethiopian Eritrean Somali Kenyan
Tanzanian Ugandan Rwandan Nigerian Ghanaian Senegalese Malian Congolese Angolan Zimbabwean Zambian African Asian
European Western Eastern Soviet Belarusian Moldovan Lithuanian Latvian Estonian Finnish Swedish Norwegian Danish
Icelandic Irish Scottish Welsh Kurdish Arab Arabic Islamic Jewish Muslim Christian Catholic Taiwanese Tibetan
Mongolian Chechen Crimean Yugoslav Kosovar Macedonian Montenegrin Slovenian Hispanic Latino""".split())
_DEMONYMS = _DEMONYMS | frozenset(d + "s" for d in _DEMONYMS if d.endswith("an"))


class _Demonym:
    """Matches demonyms ("Russian", "North Korean", "Americans")."""

    @staticmethod
    @lru_cache(maxsize=1 << 16)  # words and names recur
    def match(word: str) -> bool:
        parts = word.split()
        if parts and parts[0] in ("North", "South", "East", "West") and len(parts) > 1:
            parts = parts[1:]
        return len(parts) == 1 and parts[0] in _DEMONYMS


_DEMONYM = _Demonym()
# Demonyms that are also given names: "Christian Dawson" is a man, "Christian leaders" an adjective.
_GIVEN_NAME_DEMONYMS = frozenset({"Christian"})
_DIRECTIONS = frozenset("North South East West Northern Southern Eastern Western".split())
_SPLIT_CONNECTORS = frozenset("and for".split())
_DEMONYM_EXCEPT = frozenset(_COUNTRIES) | frozenset(_CITIES) | frozenset(
    "Iran Oman Sudan Japan Taiwan Pakistan Afghanistan Kazakhstan Uzbekistan Tajikistan Kyrgyzstan Turkmenistan "
    "Yemen Bahrain Kuwait Israel Brazil Ahmadi Karachi Delhi Mumbai Nairobi Dubai Abu Dhabi Riyadh Bangkok Hanoi "
    "Wonsan Rajin Nanjin Dunai Dunay Choe Hui Un Lavrov Putin Kim".split())

_ALIASES: dict[str, str] = {
    "U.S.": "United States", "US": "United States", "U.S.A.": "United States", "USA": "United States",
    "America": "United States", "UN": "United Nations", "U.N.": "United Nations", "UK": "United Kingdom",
    "U.K.": "United Kingdom", "Britain": "United Kingdom", "Great Britain": "United Kingdom",
    "N Korea": "North Korea", "N. Korea": "North Korea", "DPRK": "North Korea",
    "Democratic People's Republic of Korea": "North Korea", "ROK": "South Korea", "S Korea": "South Korea",
    "EU": "European Union", "Kiev": "Kyiv", "Odessa": "Odesa", "Russian Federation": "Russia",
    "UN Security Council": "Security Council", "UNSC": "Security Council",
}

_PLACES = frozenset(_COUNTRIES) | frozenset(_CITIES) | frozenset(_MULTI_PLACES)
_COUNTRY_NAMES = frozenset(_COUNTRIES) | frozenset(
    "North Korea,South Korea,United States,United Kingdom,Saudi Arabia,New Zealand,South Africa,Sri Lanka,"
    "Ivory Coast,Costa Rica,El Salvador".split(","))


def is_country(name: str) -> bool:
    """Is ``name`` a country (or a territory named like one) of the gazetteer?"""
    return name in _COUNTRY_NAMES
_ORG_NAMES = frozenset(_ORGS) | frozenset(_MULTI_ORGS)
_KNOWN_NAMES = _PLACES | _ORG_NAMES | frozenset(_ALIASES)

_TOKEN = regex.compile(
    r"\p{Lu}(?:\.\p{Lu})+\.?"  # U.S., U.N.
    r"|(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Prof|St|Lt|Col|Jr|Sr|Gov|Capt|Sgt|Adm)\.(?=\s)"
    r"|\p{Lu}\.(?=\s\p{Lu}\p{Ll})(?<=\s\p{Lu}\.)"  # a middle initial: "Michael C. Reyes"
    r"|\p{Lu}[\p{L}\p{M}]*(?:['’-]\p{L}+)*"
    r"|[\p{Ll}]+(?:-\p{L}+)*|\S"
)
_CONNECTORS = frozenset("of the and for de del da la le al bin ibn von van der di du y".split())
_INVERTED = regex.compile(r"\b(\p{Lu}\p{L}+)'s\s+(North|South|East|West)n?\b(?!\s+\p{Lu})")
_POSSESSIVE = regex.compile(r"['’]s$")
_POSSESSIVE_ENDINGS = ("'s", "’s")  # what _POSSESSIVE finds in a token or a name (no line break in them)


def _drop_possessive(word: str) -> str:
    """``_POSSESSIVE.sub("", word)`` for a word or name without a line break."""
    return word[:-2] if word.endswith(_POSSESSIVE_ENDINGS) else word
_ABBREV_PAREN = regex.compile(r"\(([\p{Lu}][\p{Lu}&.]{1,9})\)")
_ABBREV_TEXT = regex.compile(r"(?:is\s+)?(?:abbreviated|shortened|known)\s+as\s+(?:the\s+)?([\p{Lu}][\p{Lu}.]{1,9})\b")


def _is_cap(token: str) -> bool:
    return bool(token) and token[0].isupper()


_TRANSLIT_PUNCT = regex.compile(r"['’.\-]")
_TRANSLIT_DOUBLE = regex.compile(r"(\p{L})\1+")


@lru_cache(maxsize=1 << 18)
def translit_key(name: str) -> str:
    """A spelling key under which transliteration variants coincide ("Sergey" ~ "Sergei")."""
    text = name.lower()
    if not text.isascii():  # accents off ("Kovács" ~ "Kovacs"); ASCII has none to take off
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    text = _TRANSLIT_PUNCT.sub("", text)
    for a, b in (("kh", "h"), ("ph", "f"), ("ck", "k"), ("ou", "u"), ("yo", "io"), ("ye", "e"), ("ya", "ia"),
                 ("yu", "iu"), ("y", "i"), ("j", "i"), ("w", "v"), ("ts", "c"), ("tz", "c"), ("zh", "j")):
        text = text.replace(a, b)
    return _TRANSLIT_DOUBLE.sub(r"\1", text)


# "Barbara Hawthorne of Battle Creek", "Lindsay, 26, of Chicago": where a person is from.
_FROM_PLACE_BEFORE = regex.compile(r"(?:\p{Lu}[\p{L}'’-]*|\b\d{1,3}),\s+of\s+$|\p{Lu}[\p{L}'’-]*\s+of\s+$")
_WORD_OF_BEFORE = regex.compile(r"(\p{Lu}[\p{L}'’-]*)\s+of\s+$")


def _after_place_of(text: str, start: int) -> bool:
    """Does a known place and "of" stand right before ``start`` ("the shooting in Athens of
    Alexandros Grigoropoulos")? What follows is the object of the event, not where one is from."""
    m = _WORD_OF_BEFORE.search(text, max(0, start - 40), start)
    return m is not None and m.group(1) in _PLACES


_LOCATIVE_BEFORE = regex.compile(r"\b(?:in|near|outside|across|throughout)\s+(?:the\s+)?$")
_LOCATIVE_WORDS = ("in", "near", "outside", "across", "throughout", "the")


def _locative_before(text: str, start: int) -> bool:
    """``_LOCATIVE_BEFORE`` finds something in the 12 characters before ``start``: they end with one
    of its words and white space (``str.rstrip`` strips a superset of the pattern's)."""
    before = text[max(0, start - 12):start]
    return before.rstrip().endswith(_LOCATIVE_WORDS) and _LOCATIVE_BEFORE.search(before) is not None


def _from_place_before(text: str, start: int) -> bool:
    """``_FROM_PLACE_BEFORE`` finds something in the 40 characters before ``start``: its matches
    end with "of" and white space."""
    lo = max(0, start - 40)
    return text[lo:start].rstrip().endswith("of") and _FROM_PLACE_BEFORE.search(text, lo, start) is not None


_PLACE_NOUN_AFTER = regex.compile(r"\s+(?:province|district|county|region|city|town|village|island|state|capital)\b")


_INITIAL = regex.compile(r"\p{Lu}\.")
_AGE_WORD = regex.compile(r"\p{L}+-(?:year|month|week|day)s?-old", regex.I)


def _alpha(word: str) -> bool:
    """Letters, with apostrophes and hyphens inside ("O'Brien", "A'naiya", "Mary-Ann")."""
    return word.replace("'", "").replace("’", "").replace("-", "").isalpha() and word[-1].isalpha()


@lru_cache(maxsize=1 << 16)  # names recur in an article and across a corpus
def _classify(name: str, titled: bool, person_title: bool) -> str:
    if name in _PLACES or _ALIASES.get(name) in _PLACES:
        return PLACE
    if name in _ORG_NAMES or _ALIASES.get(name) in _ORG_NAMES:
        return ORG
    words = name.split()
    if any(w in _ORG_WORDS for w in words):
        return ORG
    if titled or person_title:
        return PERSON
    if words and words[-1] in _PLACE_WORDS:
        return PLACE
    if 2 <= len(words) <= 4 and all(w[0].isupper() and (_alpha(w) or _INITIAL.fullmatch(w)) for w in words) \
            and _alpha(words[0]) and _alpha(words[-1]):
        return PERSON  # "Nicholas Lindsay", "Michael C. Reyes"
    return OTHER


_KNOWN_MULTI_NAMES = tuple(sorted({*_MULTI_PLACES, *_MULTI_ORGS, *(a for a in _ALIASES if " " in a)},
                                  key=len, reverse=True))
_KNOWN_MULTI = regex.compile(
    r"(?<![\p{L}])(?:" + "|".join(regex.escape(n) for n in _KNOWN_MULTI_NAMES) + r")(?![\p{L}])"
)


def _trie_pattern(words: Sequence[str]) -> str:
    """A pattern matching where one of ``words`` starts, with a branch per next character (so
    that a search tries one branch, not every word, wherever a word's first letter stands)."""
    trie: dict[str, dict[str, Any]] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branches(node: dict[str, Any]) -> str:
        alternatives = [re.escape(ch) + branches(node[ch]) for ch in sorted(node) if ch]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
        return f"(?:{body})?" if "" in node else body

    return branches(trie)


# Finds whether some known multi-word name occurs in a text (in most articles none does).
_ANY_KNOWN_MULTI = re.compile(_trie_pattern(_KNOWN_MULTI_NAMES))


def known_multi_names_in(text: str) -> tuple[str, ...]:
    """The known multi-word names that occur in ``text`` (as substrings): only they can be found
    by :data:`_KNOWN_MULTI` in a part of it."""
    if _ANY_KNOWN_MULTI.search(text) is None:
        return ()
    return tuple(n for n in _KNOWN_MULTI_NAMES if n in text)


def _spans(sentence: str, names: tuple[str, ...] = _KNOWN_MULTI_NAMES) -> list[tuple[int, int, list[str]]]:
    """Capitalised spans of a sentence: (start, end, tokens). Known multi-word names are kept
    whole; spans joined by "and"/"for" are split unless they name an organisation. ``names``: a
    set of known multi-word names holding every one that occurs in the sentence (by default all)."""
    known = [(m.start(), m.end()) for m in _KNOWN_MULTI.finditer(sentence)] \
        if names and any(n in sentence for n in names) else []
    raw = _raw_spans(sentence)
    if not known:
        return _spans_alone(sentence, raw)
    return _pieces(sentence, known, raw)


# The connectors a capitalised span may be cut at (:func:`_split_on_connectors`).
_CUT_WORDS = frozenset({"and", "for", "of"})


def _spans_alone(sentence: str, raw: list[tuple[int, int, list[str]]]) -> list[tuple[int, int, list[str]]]:
    """``_pieces(sentence, [], raw)``: the capitalised spans of a sentence in which no known
    multi-word name occurs.

    Without known names each raw span gives its pieces on its own, within its bounds and in
    order, so that the pieces of the sentence are those of its spans one after the other. A span
    that is not cut is one piece, and its tokens are its words when its last word does not end
    with a full stop: a scan of the span alone then cuts it where the scan of the sentence did.
    (The scan of a span sees nothing after it, but it sees what is before it; the token pattern
    looks ahead only in forms that end with a full stop, and a token inside a span looks ahead
    no further than the next token, which the span holds.) A span is not cut when it holds no
    "and", "for" or "of" and no word but its last one ends in "'s" (before a space: the words of
    a span are one space apart), or when it holds an organisation's word (kept whole). The other
    spans are cut as :func:`_pieces` cuts them."""
    out: list[tuple[int, int, list[str]]] = []
    find = sentence.find
    possessive = "'s " in sentence or "’s " in sentence  # (then one may stand inside a span)
    for start, end, words in raw:
        if words[-1][-1] != "." and (
                not _ORG_WORDS.isdisjoint(words)
                or (_CUT_WORDS.isdisjoint(words)
                    and not (possessive and (find("'s ", start, end) >= 0 or find("’s ", start, end) >= 0)))):
            out.append((start, end, words))
        else:
            out.extend(_pieces(sentence, [], [(start, end, words)]))
    return out


def _pieces(sentence: str, known: list[tuple[int, int]],
            raw: list[tuple[int, int, list[str]]]) -> list[tuple[int, int, list[str]]]:
    """The pieces of the raw spans ``raw`` of a sentence, known multi-word names (their bounds
    ``known``) kept whole, with their tokens (see :func:`_spans`)."""
    pieces: list[tuple[int, int]] = list(known)
    scanned: dict[tuple[int, int], list[str]] = {}  # the tokens of a piece, when already read
    for start, end, words in raw:
        overlapping = [k for k in known if k[0] < end and start < k[1]]
        if overlapping:
            # Keep known names whole and cut the rest around them.
            lo = min(start, *(k[0] for k in overlapping))
            hi = max(end, *(k[1] for k in overlapping))
            pieces.extend(p for p in _cut(sentence, lo, hi, overlapping) if p not in known)
        elif any(w in _ORG_WORDS for w in words):
            pieces.append((start, end))
        else:
            pieces.extend(_split_on_connectors(sentence, start, end, words, scanned))
    out: list[tuple[int, int, list[str]]] = []
    for a, b in sorted(set(pieces)):
        toks = scanned.get((a, b)) or [m.group() for m in _TOKEN.finditer(sentence, a, b)]
        if toks and _is_cap(toks[0]):
            out.append((a, b, toks))
    return out


def _cut(sentence: str, start: int, end: int, known: list[tuple[int, int]]) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    pos = start
    for a, b in sorted(known):
        if a > pos:
            pieces.extend(_trim_piece(sentence, pos, a))
        pieces.append((a, b))
        pos = b
    if pos < end:
        pieces.extend(_trim_piece(sentence, pos, end))
    return pieces


def _trim_piece(sentence: str, a: int, b: int) -> list[tuple[int, int]]:
    words = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(sentence, a, b)]
    while words and (not _is_cap(words[0][2]) or words[0][2] in ("'s", "’s")):
        words = words[1:]
    while words and not _is_cap(words[-1][2]):
        words = words[:-1]
    return [(words[0][0], words[-1][1])] if words else []


def _split_on_connectors(sentence: str, start: int, end: int, words: list[str],
                         scanned: dict[tuple[int, int], list[str]] | None = None) -> list[tuple[int, int]]:
    """The pieces of a capitalised span cut at its connectors. A span left whole has the tokens of
    ``_TOKEN.finditer(sentence, start, end)`` read here: they go into ``scanned`` (if given)."""
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(sentence, start, end)]
    pieces: list[tuple[int, int]] = []
    cur: list[tuple[int, int, str]] = []
    place_words = any(w in _PLACE_WORDS for w in words)
    for tok in toks:
        if tok[2] in _SPLIT_CONNECTORS or (tok[2] == "of" and ((len(cur) >= 2 and not place_words)
                                                              or (len(cur) == 1 and cur[0][2] in _PLACES))):
            # "Barbara Hawthorne of Battle Creek": a person and where they are from; a single
            # word before "of" is part of the name ("Gulf of Mexico", "Secretary of State"),
            # unless it is a place of its own ("in Athens of Alexandros Grigoropoulos, 15").
            if cur:
                pieces.append((cur[0][0], cur[-1][1]))
            cur = []
            continue
        cur.append(tok)
        if tok[2].endswith(_POSSESSIVE_ENDINGS):
            pieces.append((cur[0][0], cur[-1][1]))
            cur = []
    if cur:
        pieces.append((cur[0][0], cur[-1][1]))
    if scanned is not None and pieces == [(start, end)]:
        scanned[start, end] = [tok[2] for tok in toks]
    return pieces


_ASCII_CAPITAL = re.compile(r"[A-Z][^ ]*")  # from a word's first capital to its end
# The printable ASCII characters that are no letters: each is a token of its own.
_ASCII_NON_LETTERS = "".join(chr(c) for c in range(33, 127) if not chr(c).isalpha())
# The abbreviations _TOKEN takes with their full stop before a space ("Mr.").
_TITLE_ABBREVIATIONS = frozenset("Mr Mrs Ms Dr Gen Sen Rep Prof St Lt Col Jr Sr Gov Capt Sgt Adm".split())


def _tokens(sentence: str) -> list[tuple[int, int, str]]:
    """The tokens :func:`_raw_spans` needs: ``_TOKEN``'s, except that on printable ASCII text
    (single spaces between words, no other white space) only the tokens of the words with a
    capital and the connectors standing as words between two of them are listed.

    No token holds a space and a word (the characters between spaces) is cut into tokens on its
    own, so that the tokens of a word with a capital are found by ``_TOKEN`` from the word's start
    on. The other words hold no capitalised token; after a name, :func:`_raw_spans` reads the
    next token only to go on over it when it is a connector followed by a space and a
    capitalised token, which takes a connector word between two words with capitals (the tokens
    left out show as a gap that is not one space, where the name ends as it did at them). A
    possessive name followed by a direction word left out ends as one followed by anything else."""
    finditer = _TOKEN.finditer
    if not sentence.isascii() or not sentence.isprintable():
        return [(m.start(), m.end(), m.group()) for m in finditer(sentence)]
    tokens: list[tuple[int, int, str]] = []
    # The token scan of a word goes on into the next one when a space is all between them (its
    # next token is the one a scan from that word's start finds).
    scan: Iterator[regex.Match[str]] | None = None
    pending: regex.Match[str] | None = None
    previous_end: int | None = None
    rfind = sentence.rfind
    for capital in _ASCII_CAPITAL.finditer(sentence):  # the words with a capital, in order
        at, end = capital.span()  # the word's first capital and its end
        start = rfind(" ", 0, at) + 1
        if previous_end is not None and start - previous_end > 2 and sentence[previous_end] == " " \
                and sentence[start - 1] == " " and sentence[previous_end + 1:start - 1] in _CONNECTORS:
            # "Gulf of Mexico": the connector is one token (lower-case letters), read by the scan
            # of the word before when it got there
            if scan is not None and pending is not None and pending.start() == previous_end + 1:
                tokens.append((pending.start(), pending.end(), pending.group()))
                pending = next(scan, None)
            else:
                tokens.append((previous_end + 1, start - 1, sentence[previous_end + 1:start - 1]))
        word = sentence[start:end]
        if word.isalpha() and "A" <= word[0] <= "Z":
            # "Smith": one token, the whole word (the pattern's other forms need a full stop)
            tokens.append((start, end, word))
            pending = None
            previous_end = end
            continue
        core = word.strip(_ASCII_NON_LETTERS)
        if core.isalpha() and "A" <= core[0] <= "Z":
            # '"Smith,', "(AP)", "COVID-19": each mark is a token, the letters one token, unless a
            # full stop right after them may make an abbreviation of them ("Mr.", "C.").
            lead = start + len(word) - len(word.lstrip(_ASCII_NON_LETTERS))
            trail = lead + len(core)
            if sentence[trail:trail + 1] != "." or (len(core) > 1 and core not in _TITLE_ABBREVIATIONS):
                if lead > start:
                    tokens.extend((mark, mark + 1, sentence[mark]) for mark in range(start, lead))
                tokens.append((lead, trail, core))
                tokens.extend((mark, mark + 1, sentence[mark]) for mark in range(trail, end))
                pending = None
                previous_end = end
                continue
        if pending is None or pending.start() != start:
            scan = finditer(sentence, start)
            pending = next(scan, None)
        assert scan is not None
        while pending is not None and pending.start() < end:
            tokens.append((pending.start(), pending.end(), pending.group()))
            pending = next(scan, None)
        previous_end = end
    return tokens


def _raw_spans(sentence: str) -> list[tuple[int, int, list[str]]]:
    tokens = _tokens(sentence)
    spans: list[tuple[int, int, list[str]]] = []
    i = 0
    count = len(tokens)
    while i < count:
        start, end, tok = tokens[i]
        if not tok[0].isupper():  # _is_cap: tokens are never empty
            i += 1
            continue
        if tok.endswith(_POSSESSIVE_ENDINGS) and not (i + 1 < count and tokens[i + 1][2] in _DIRECTIONS):
            spans.append((start, end, [tok]))
            i += 1
            continue
        j = i
        words = [tok]
        last_end = end
        while j + 1 < len(tokens):
            nxt = tokens[j + 1]
            if nxt[0] != last_end + 1 or sentence[last_end] != " ":  # one space between them, or the end
                break
            if nxt[2][0].isupper():
                words.append(nxt[2])
                last_end = nxt[1]
                j += 1
                if nxt[2].endswith(_POSSESSIVE_ENDINGS):
                    break
                continue
            if nxt[2].lower() in _CONNECTORS and j + 2 < len(tokens) and _is_cap(tokens[j + 2][2]) \
                    and sentence[nxt[1]:tokens[j + 2][0]] == " ":
                words.extend([nxt[2], tokens[j + 2][2]])
                last_end = tokens[j + 2][1]
                j += 2
                continue
            break
        spans.append((start, last_end, words))
        i = j + 1
    return spans


_DROP_SUFFIXES = ("-based", "-run", "-led")


@lru_cache(maxsize=1 << 16)
def _never_dropped(word: str) -> bool:
    """Is ``word``, first in a span, kept by :func:`_strip` whatever the words after it, unless
    the next one is a title's head ("Interior Minister ...")? It is no function word, title,
    demonym, direction, month, age or "-based" word."""
    bare = word.rstrip(".")
    return not (bare in _STOP_INITIAL or bare.lower() in _TITLES or word in _MONTHS or word in _DIRECTIONS
                or _DEMONYM.match(word) or word.endswith(_DROP_SUFFIXES) or _AGE_WORD.fullmatch(word))


def _kept_whole(words: list[str]) -> list[str] | None:
    """The name words :func:`_strip` leaves of ``words`` when it drops no leading word and
    finds no title, whatever the sentence (the trailing connectors off); None when it may."""
    if words and _never_dropped(words[0]) and (len(words) < 3 or words[1].rstrip(".").lower() not in _TITLE_HEADS):
        # The loop of _strip_words would stop at the first word, dropping nothing.
        while words and words[-1].lower() in _CONNECTORS:
            words = words[:-1]
        return words
    return None


def _strip(words: list[str], start: int, sentence: str, initial: bool) -> tuple[int, list[str], list[str]]:
    """Drop leading function words and titles; returns (offset shift, name words, titles).
    ``words`` is left as it is (the name words may be it)."""
    kept = _kept_whole(words)
    if kept is not None:
        return 0, kept, []
    return _strip_words(words, start, sentence, initial)


def _strip_words(words: list[str], start: int, sentence: str, initial: bool) -> tuple[int, list[str], list[str]]:
    """:func:`_strip` word by word."""
    titles: list[str] = []
    shift = 0
    org = bool(words) and words[-1] in _ORG_WORDS
    while words:
        w = words[0]
        bare = w.rstrip(".").lower()
        drop = False
        if (w.rstrip(".") in _STOP_INITIAL and (initial or shift > 0 or w in ("The", "A", "An"))) or (org and len(words) > 1 and (_DEMONYM.match(w) or w.endswith(_DROP_SUFFIXES))):
            drop = True
        elif org:
            break
        elif (w in _DIRECTIONS and len(words) > 2 and _DEMONYM.match(words[1]) and words[1] not in _DEMONYM_EXCEPT) \
                or (len(words) > 1 and _DEMONYM.match(w) and w not in _DEMONYM_EXCEPT
                    and not (w in _GIVEN_NAME_DEMONYMS and len(words) == 2 and words[1].isalpha())):
            titles.append(w)
            drop = True
        elif (w.endswith(_DROP_SUFFIXES) or _AGE_WORD.fullmatch(w)) and len(words) > 1:
            drop = True  # "Four-year-old Ava Castillo": an age, then the name
        elif bare in _TITLES or (_DEMONYM.match(w) and w not in _DEMONYM_EXCEPT and len(words) > 1
                                 and words[1].rstrip(".").lower() in _TITLES) \
                or (len(words) > 2 and words[1].rstrip(".").lower() in _TITLE_HEADS):
            titles.append(w)
            drop = True
        elif w in _MONTHS and len(words) > 1 and (w not in _MONTH_ABBREVIATIONS
                                                  or _NUMBER_BEFORE.search(sentence, 0, start + shift)):
            # "March Lavrov" is a month; "Jan Patel" a given name unless a day is before it ("5 Jan").
            drop = True
        if not drop:
            break
        nxt = sentence.find(words[1], start + shift + len(w)) - start if len(words) > 1 else len(w)
        shift = nxt if len(words) > 1 else shift + len(w)
        words = words[1:]
        initial = False
    while words and words[-1].lower() in _CONNECTORS:
        words = words[:-1]
    return shift, words, titles


_OPENERS = ('"', "'", "(", "-")  # what may stand before a sentence's initial span


def _name_verdict(name_words: list[str]) -> tuple[str, bool, bool]:
    """The name that the words left of a span give (without its "'s"), whether it is no
    entity wherever it stands (a month, a function word, a demonym, a direction, a figure, a
    single character), and whether it is a listed place or organisation."""
    name = _drop_possessive(" ".join(name_words))
    skip = name in _MONTHS or (len(name_words) == 1 and name.rstrip(".") in _STOP_INITIAL) \
        or (_DEMONYM.match(name) and name not in _DEMONYM_EXCEPT and name not in _PLACES) \
        or len(name) < 2 or name.isdigit() or name in _DIRECTIONS
    return name, skip, name in _PLACES or name in _ORG_NAMES


@lru_cache(maxsize=1 << 16)  # spans recur in an article and across a corpus
def _plain_name(joined: str) -> tuple[list[str], str, bool, bool, str] | None:
    """What a span of the words ``joined`` (one space apart) gives wherever it stands: its
    name words, its name, whether it is no entity (:func:`_name_verdict`), whether it is a
    listed place or organisation, and its kind untitled (:func:`_classify`). That is when it is
    a known name (left whole), or when :func:`_strip` drops all of its words, or none and finds
    no title, whether the span is initial or not, or when it is no entity either way. None for
    the other spans: what :func:`_strip` leaves of them depends on the sentence.

    :func:`_strip_words` reads the sentence only to find where the words after a dropped one
    start and, for an abbreviated month ("Jan"), whether a figure stands before it."""
    words = joined.split(" ")
    name_words: list[str] | None = words if joined in _KNOWN_NAMES else _kept_whole(words)
    if name_words is None:
        if not _MONTH_ABBREVIATIONS.isdisjoint(words):
            return None
        stripped = _strip_words(words, 0, joined, True)
        other = _strip_words(words, 0, joined, False)
        if stripped != other:  # initial or not, no entity? ("He" is dropped, or left and no name)
            if all(not left or _name_verdict(left)[1] for _shift, left, _titles in (stripped, other)):
                return [], "", True, False, OTHER
            return None
        shift, name_words, titles = stripped
        if name_words and (shift or titles):
            return None
    if not name_words:
        return name_words, "", True, False, OTHER
    name, skip, listed = _name_verdict(name_words)
    return name_words, name, skip, listed, OTHER if skip else _classify(name, False, False)


def find_entities(doc: Doc, options: ExtractOptions) -> list[Claim]:
    # (start, end, name, type, titles, sentence)
    raw: list[tuple[int, int, str, str, tuple[str, ...], Sentence]] = []
    text = doc.norm
    abbreviations: dict[str, str] = {}
    content = list(doc.content_sentences())
    capitalised_elsewhere: dict[str, int] = {}
    sentence_spans = []
    names = known_multi_names_in(text)
    for sentence in content:
        s_text = text[sentence.start:sentence.end]
        spans = _spans(s_text, names)
        sentence_spans.append((sentence, s_text, spans))
        for s, _e, words in spans:
            if s > 0:
                first = _drop_possessive(words[0])
                capitalised_elsewhere[first] = capitalised_elsewhere.get(first, 0) + 1
    for sentence, s_text, spans in sentence_spans:
        base = sentence.start
        # A span is initial after nothing but white space and an opening mark: the sentence
        # must start with one of them.
        quoted = s_text[:1] in _OPENERS or s_text[:1].isspace()
        # _INVERTED needs "'s" and a direction word; _ABBREV_TEXT one of its three verbs.
        inverted = {m.start(): m for m in _INVERTED.finditer(s_text)} \
            if "'s" in s_text and any(d in s_text for d in ("North", "South", "East", "West")) else {}
        for start, _end, words in spans:
            if start in inverted:
                m = inverted[start]
                name = f"{m.group(2)} {m.group(1)}"
                raw.append((base + m.start(), base + m.end(), name, PLACE, (), sentence))
                continue
            if inverted and any(m.start() < start < m.end() for m in inverted.values()):
                continue
            if sentence.headline and len(spans) == 1 and len(words) > 3:
                continue  # a title-cased headline, not a name
            initial = start == 0 or (quoted and s_text[:start].strip() in _OPENERS)
            facts = _plain_name(" ".join(words))
            if facts is None:
                shift, name_words, titles = _strip_words(words, start, s_text, initial)
                if not name_words:
                    continue
                name, skip, listed = _name_verdict(name_words)
                kind = ""
            else:
                name_words, name, skip, listed, kind = facts
                shift, titles = 0, []
            if skip:
                continue
            s_start = start + shift
            s_end = s_start + len(name)
            if s_text[s_start:s_end] != name:
                found = s_text.find(name, start)
                if found < 0:
                    continue
                s_start, s_end = found, found + len(name)
            if sentence.headline and not titles and not listed and capitalised_elsewhere.get(name_words[0], 0) < 2:
                continue
            if initial and not titles and len(name_words) == 1 and not listed \
                    and capitalised_elsewhere.get(name, 0) == 0:
                continue
            if titles:
                person_title = any(t.rstrip(".").lower() in _PERSON_TITLES for t in titles)
                real_titles = [t for t in titles if t.rstrip(".").lower() in _TITLES]
                kind = _classify(name, bool(real_titles), person_title)
            else:
                person_title, real_titles = False, []
                kind = kind or _classify(name, False, False)
            if kind in (OTHER, PERSON) and not real_titles and not person_title and (
                    _locative_before(s_text, s_start) or (_from_place_before(s_text, s_start)
                                                          and not _after_place_of(s_text, s_start))
                    or _PLACE_NOUN_AFTER.match(s_text[s_end:s_end + 20])):
                kind = PLACE  # "damaged in Takengon", "in Bener Meriah district"
            raw.append((base + s_start, base + s_end, name, kind, tuple(titles), sentence))
            # "Center for Strategic and International Studies (CSIS)"
            after = s_text[s_end:s_end + 14]
            paren = _ABBREV_PAREN.match(after.lstrip()) if "(" in after else None
            if paren and _initials_match(paren.group(1), name_words):
                abbreviations[paren.group(1)] = name
        defined = _ABBREV_TEXT.finditer(s_text) \
            if "abbreviated" in s_text or "shortened" in s_text or "known" in s_text else ()
        for m in defined:
            before = [r for r in raw if r[1] <= base + m.start() and r[0] >= base]
            if before:
                abbreviations[m.group(1)] = max(before, key=lambda r: (len(r[2].split()), r[1]))[2]
    # Canonical names: aliases, abbreviations, then surnames linked to full names of this article.
    full_names: dict[str, set[str]] = defaultdict(set)
    for _s, _e, name, kind, _t, _sentence in raw:
        parts = name.split()
        if kind == PERSON and len(parts) >= 2:
            full_names[parts[-1]].add(name)
            full_names[parts[0]].add(name)
    claims: list[Claim] = []
    original: tuple[int, str] = (0, "")
    last: Sentence | None = None
    for start, end, name, kind, title_words, sentence in raw:
        canonical = abbreviations.get(name, name)
        canonical = _ALIASES.get(canonical, canonical)
        if " " not in name and kind in (PERSON, OTHER) and len(full_names.get(name, ())) == 1:
            canonical = next(iter(full_names[name]))
            kind = PERSON
        if canonical in _PLACES:
            kind = PLACE
        elif canonical in _ORG_NAMES:
            kind = ORG
        if sentence is not last:  # the claims of a sentence come together: it is mapped once
            original, last = doc.original_sentence(sentence), sentence
        attrs: list[tuple[str, str]] = []
        if title_words:
            attrs.append(("title", " ".join(title_words)))
        if canonical != name:
            attrs.append(("alias_of", canonical))
        claims.append(doc.claim_in(ClaimKind.ENTITY, start, end, *original, subject=kind, canonical=canonical,
                                   attrs=tuple(attrs)))
    return claims


def _initials_match(abbrev: str, words: Sequence[str]) -> bool:
    letters = abbrev.replace(".", "").replace("&", "")
    initials = "".join(w[0] for w in words if w.lower() not in _CONNECTORS)
    return letters.upper() == initials.upper() or letters.upper() == "".join(w[0] for w in words).upper()


_CDIST_CELLS = 1 << 22  # score-matrix cells computed at once (bounds memory on large blocks)
_BANDED_FROM = 256  # keys in a block from which only keys of compatible lengths are compared


def similar_pairs(keys: Sequence[str], threshold: float, workers: int = 1) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, of ``keys`` whose ``fuzz.ratio`` is at least ``threshold``,
    sorted: ``process.cdist`` (in ``workers`` threads: the same pairs whatever their number),
    the pairs picked out by numpy rather than a Python loop over every cell.

    ``fuzz.ratio`` is ``100 * (1 - d / (la + lb))`` with ``d`` the Indel distance, which is at
    least ``|la - lb|``: two keys can reach the threshold only if the longer is at most
    ``(1 + s) / (1 - s)`` times as long as the shorter, ``s = 1 - threshold / 100``. So in a large
    block the keys of each length are compared only with those of that length and of the longer
    lengths that can reach it (one character of slack against rounding), not with every key."""
    n = len(keys)
    if n < _BANDED_FROM:
        return _pairs_after(keys, keys, threshold, workers)
    slack = 1 - threshold / 100
    order = sorted(range(n), key=lambda i: (len(keys[i]), i))
    lengths = [len(keys[i]) for i in order]
    found: list[tuple[int, int]] = []
    lo = hi = 0
    while lo < n:
        same = lo
        while same < n and lengths[same] == lengths[lo]:
            same += 1
        limit = lengths[lo] * (1 + slack) / (1 - slack) + 1 if slack < 1 else float("inf")
        hi = max(hi, same)
        while hi < n and lengths[hi] <= limit:
            hi += 1
        rows, cols = [keys[i] for i in order[lo:same]], [keys[i] for i in order[lo:hi]]
        # Columns begin with the rows: a column after a row's own place pairs with it once.
        for r, c in _pairs_after(rows, cols, threshold, workers):
            a, b = order[lo + r], order[lo + c]
            found.append((a, b) if a < b else (b, a))
        lo = same
    return sorted(found)


def _pairs_after(rows: Sequence[str], cols: Sequence[str], threshold: float, workers: int) -> list[tuple[int, int]]:
    """``(r, c)``, ``c > r``, of rows and columns (which begin with the rows) scoring at least
    ``threshold``, in row order; rows go in bands of at most :data:`_CDIST_CELLS` cells."""
    import numpy as np

    step = max(1, _CDIST_CELLS // max(1, len(cols)))
    pairs: list[tuple[int, int]] = []
    for r0 in range(0, len(rows), step):
        band = process.cdist(rows[r0:r0 + step], cols, scorer=fuzz.ratio, score_cutoff=threshold, workers=workers)
        ii, jj = np.nonzero(band >= threshold)
        pairs.extend((r + r0, c) for r, c in zip(ii.tolist(), jj.tolist(), strict=True) if c > r + r0)
    return pairs


Pair = tuple[int, int]


@dataclasses.dataclass
class PairMemo:
    """The spelling groups of name blocks found by an earlier run, so that a run whose names
    are mostly those of the last one (a corpus with an article added or edited) compares and
    groups only the blocks whose names changed. Kept by the claim cache
    (:meth:`checker.cache.ClaimCache.get_pairs`), each block's groups as pairs of indices
    (:func:`group_links`).

    A block is keyed by a digest of the similarity threshold, the kind of entity and its names,
    all of them, in order: its groups are a function of exactly that (and of the code, which
    the cache's version covers), so a hit gives what comparing would give.
    ``known`` is what the earlier run left; ``used`` is what this run needed, to be kept for
    the next."""

    known: Mapping[str, Sequence[Pair]] = dataclasses.field(default_factory=dict)
    used: dict[str, list[Pair]] = dataclasses.field(default_factory=dict)
    hits: int = 0

    def groups(self, names: Sequence[str], threshold: float, workers: int = 1, kind: str = OTHER) -> list[list[int]]:
        """:func:`spelling_groups` of the block ``names``, from the memo when it has them."""
        digest = hashlib.blake2b(f"groups {threshold!r}\n{kind}\n".encode(), digest_size=16)
        digest.update("".join(f"{name}\0" for name in names).encode("utf-8", "surrogatepass"))
        key = digest.hexdigest()
        found = self.known.get(key)
        groups = linked_groups(found, len(names)) if found is not None else None
        if groups is not None:
            self.hits += 1
        else:
            groups = spelling_groups(names, threshold, workers, kind)
        self.used[key] = group_links(groups)
        return groups


def spelling_groups(names: Sequence[str], threshold: float, workers: int = 1, kind: str = OTHER) -> list[list[int]]:
    """The groups of two or more names of a block (indices, in order, groups by first index)
    that :func:`_spelling_groups` joins among the pairs whose spelling keys are similar."""
    pairs = similar_pairs([spelling_key(n, kind) for n in names], threshold, workers)
    return [group for group in _spelling_groups(len(names), names, pairs, kind) if len(group) > 1]


def group_links(groups: Sequence[Sequence[int]]) -> list[Pair]:
    """Groups of indices (each in order, groups by first index) as pairs (first, other)."""
    return [(group[0], other) for group in groups for other in group[1:]]


def linked_groups(links: Sequence[Pair], n: int) -> list[list[int]] | None:
    """The groups of :func:`group_links` back from their pairs; ``None`` when the pairs are not
    such links of indices below ``n`` (a damaged memo entry: the block is grouped again)."""
    groups: dict[int, list[int]] = {}
    last = -1
    for pair in links:
        if not (isinstance(pair, (tuple, list)) and len(pair) == 2):
            return None
        first, other = pair
        if not (type(first) is int and type(other) is int and 0 <= first < other < n):
            return None
        group = groups.get(first)
        if group is None:
            if first <= last:
                return None  # groups come by first index, each once
            group = groups[first] = [first]
            last = first
        elif other <= group[-1]:
            return None
        group.append(other)
    members = [i for group in groups.values() for i in group]
    if len(set(members)) != len(members):
        return None
    return list(groups.values())


def group_entities(claims: Sequence[Claim], options: ExtractOptions | None = None,
                   aliases: Mapping[str, str] | None = None, workers: int = 1,
                   memo: PairMemo | None = None) -> list[Claim]:
    """Give spelling variants across the corpus one canonical name (the most frequent spelling);
    ``workers`` threads compare spellings, ``memo`` gives the groups of an earlier run
    (neither changes the result)."""
    threshold = (options or ExtractOptions()).entity_similarity
    memo = memo if memo is not None else PairMemo()
    entity = ClaimKind.ENTITY
    # The named claims are walked twice rather than listed with their keys: on 100,000
    # articles such a list held 2.7 million pairs of tuples (about 400 MB) at once.
    names: Counter[tuple[str, str]] = Counter(
        (c.subject or OTHER, c.canonical) for c in claims if c.kind is entity and c.canonical)
    by_kind: dict[str, list[str]] = defaultdict(list)
    for kind, name in names:
        by_kind[kind].append(name)
    blocks: dict[tuple[str, str, int], list[str]] = defaultdict(list)
    last_keys: dict[str, str] = {}  # a corpus's names share their last words (surnames, "Ministry")
    for kind in sorted(by_kind):  # the names in order, as sorting (kind, name) orders them
        for name in sorted(by_kind[kind]):
            words = name.split()
            key = ""
            if words:
                key = last_keys.get(words[-1], "")
                if not key:
                    key = last_keys[words[-1]] = translit_key(words[-1])
            blocks[(kind, key[:1], len(words))].append(name)
    mapping: dict[tuple[str, str], str] = {}
    for (kind, _first, _n), members in blocks.items():
        if len(members) == 1:
            continue
        for group in memo.groups(members, threshold, workers, kind):
            spellings = [members[i] for i in group]
            best = min(spellings, key=lambda n: (-names[(kind, n)], n))
            for m in spellings:
                mapping[(kind, m)] = best
    _join_reordered(names, mapping)
    out = list(claims)
    if not mapping and not aliases:
        return out
    # Only claims with a name that some mapping names can change: most claims are passed over
    # by one set lookup each.
    mapped = {name for _kind, name in mapping}.union(aliases or ())
    for i, canonical in enumerate(map(_CANONICAL, claims)):
        if canonical not in mapped:
            continue
        c = claims[i]
        if c.kind is not entity or not canonical:
            continue
        target = mapping.get((c.subject or OTHER, canonical))
        if aliases and canonical in aliases:
            target = aliases[canonical]
        if target and target != canonical:
            out[i] = replace_claim(c, canonical=target)
    return out


_CANONICAL = operator.attrgetter("canonical")


def _join_reordered(names: Counter[tuple[str, str]], mapping: dict[tuple[str, str], str]) -> None:
    """A person's name written in either order ("Mary Lee" / "Lee Mary") is one name when the
    words are the same (case aside): the groups of spellings whose names have the same words are
    joined (in ``mapping``) under the most used one. Other words, however close, are never joined
    this way ("Lee Mary" / "Mary Leigh" stay apart unless spelling groups join them)."""
    by_words: dict[tuple[str, ...], set[str]] = defaultdict(set)
    count: Counter[str] = Counter()
    for (kind, name), n in names.items():
        if kind != PERSON or " " not in name:
            continue
        target = mapping.get((kind, name), name)
        count[target] += n
        by_words[tuple(sorted(map(str.lower, target.split())))].add(target)
    joined: dict[str, str] = {}
    for targets in by_words.values():
        if len(targets) > 1:
            best = sorted(targets, key=lambda t: (-count[t], t))[0]
            joined.update((t, best) for t in targets)
    if not joined:
        return
    for kind, name in names:
        if kind == PERSON and " " in name:
            rejoined = joined.get(mapping.get((kind, name), name))
            if rejoined is not None:
                mapping[(kind, name)] = rejoined


def _spelling_groups(n: int, members: Sequence[str], pairs: Sequence[Pair], kind: str) -> list[list[int]]:
    """The ``n`` names of a block grouped as spellings of one name (indices, in order, groups by
    first index): similar pairs (``pairs``) that are :func:`_compatible` are joined, the closest
    first, and two groups are never joined when a name of one and a name of the other are two
    people (:func:`_separate`): "Vargase" joins "Vargas" (one letter apart), and then not
    "Varga", another surname of "Vargas"'s block."""
    scored = sorted((-fuzz.ratio(spelling_key(members[i], kind), spelling_key(members[j], kind)), i, j)
                    for i, j in pairs if _compatible(members[i], members[j], kind))
    root = list(range(n))  # each name's group, named by its smallest index
    group: dict[int, list[int]] = {i: [i] for i in range(n)}
    for _score, i, j in scored:
        a, b = root[i], root[j]
        if a == b or (kind == PERSON and any(_separate(members[x], members[y], kind)
                                             for x in group[a] for y in group[b])):
            continue
        low, high = min(a, b), max(a, b)
        for x in group[high]:
            root[x] = low
        group[low].extend(group.pop(high))
    return [sorted(indices) for _root, indices in sorted(group.items())]


def _separate(a: str, b: str, kind: str) -> bool:
    """Two names that are never spellings of one, however they are linked through others: a
    person's names ending in a surname and its "s" form (:func:`_plural_pair`)."""
    return kind == PERSON and _plural_pair(a.split()[-1], b.split()[-1])


def spelling_key(name: str, kind: str) -> str:
    """The key under which spellings of a name are compared: :func:`translit_key`, and for a
    person each word's initial "o" written "u" (:func:`_vowel_variant`: "Omar Tan" ~ "Umar Tan")
    and an "h" after a consonant written "g" (:func:`_person_key`: "Olha" ~ "Olga")."""
    key = translit_key(name)
    if kind != PERSON:
        return key
    return " ".join(_person_key(word) for word in key.split(" "))


# After transliteration, the consonants that make no digraph with a following "h" ("ch", "sh",
# "th", "dh", "gh" and the like keep theirs).
_H_AFTER_CONSONANT = regex.compile(r"(?<=[bfjlmnqrvx])h")
# A "c" sounded "k" (not before e, i or, transliterated, y; not in "ch"): "Marc"/"Mark", "Eric"/"Erik".
_HARD_C = regex.compile(r"c(?![eihk])")


def _person_key(word: str) -> str:
    """One transliterated word of a person's name as spellings of it are compared: an initial
    "o" written "u" ("Omar"/"Umar"), a hard "c" written "k" ("Marc"/"Mark", "Eric"/"Erik"), and
    an "h" after a consonant written "g", the Ukrainian and the Russian transliteration of one
    letter ("Olha"/"Olga", "Serhiy"/"Sergiy")."""
    if word.startswith("o"):
        word = "u" + word[1:]
    if "c" in word:
        word = _HARD_C.sub("k", word)
    return _H_AFTER_CONSONANT.sub("g", word) if "h" in word else word


def _vowel_variant(x: str, y: str) -> bool:
    """Two words of four letters or more that differ only in an initial "o" and "u", as
    transliterations of Arabic names write the same vowel ("Omar"/"Umar", "Osama"/"Usama",
    "Othman"/"Uthman"). Other initial vowels are told apart: "Ivan" and "Evan" are two names."""
    return {x[:1].lower(), y[:1].lower()} == {"o", "u"} and min(len(x), len(y)) >= 4 \
        and translit_key(x)[1:] == translit_key(y)[1:]


def _plural_pair(x: str, y: str) -> bool:
    """One word is the other with an "s" added: as the last words of a person's name, two
    surnames ("Varga" and "Vargas", "Robert" and "Roberts"), not two spellings of one."""
    short, long_ = sorted((x.lower(), y.lower()), key=len)
    return len(short) >= 3 and long_ == short + "s"


def _compatible(a: str, b: str, kind: str = OTHER) -> bool:
    """Two spellings may be one name: same number of words, each pair of words with the same
    first letter and close once transliterated ("Sergei"/"Sergey") or, in a person's name,
    vowel variants of each other (:func:`_vowel_variant`; "Oman" and "Uman" are two places) or
    close under :func:`_person_key` ("Olha"/"Olga"), and not ending in a surname and its "s"
    form (:func:`_plural_pair`)."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb):
        return False
    if _separate(a, b, kind):
        return False
    for x, y in zip(wa, wb, strict=True):
        if kind == PERSON and _vowel_variant(x, y):
            continue
        if x[0].lower() != y[0].lower():
            return False
        kx, ky = translit_key(x), translit_key(y)
        if kind == PERSON:
            kx, ky = _person_key(kx), _person_key(ky)
            if abs(len(kx) - len(ky)) >= 2 and min(len(kx), len(ky)) <= 6:
                return False  # "Jeremy"/"Jerry", "Ian"/"Ivan": short names two letters apart are two names
        if kx != ky and fuzz.ratio(kx, ky) < 80:
            return False
    return min(len(a), len(b)) >= 4
