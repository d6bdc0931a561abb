"""Zero counts said in words: "No one was hurt", "nobody was injured", "no injuries were reported",
"there were no casualties".

A report that nobody was injured states a figure, 0, as plainly as "two people were injured":
without it, "two injured" in one article and "no one was hurt" in another would never meet.
A zero is extracted only when a casualty word follows in the same clause (or is the noun
negated), so that "no one knows" or "no comment" give nothing; or when the people present are
said to have escaped unharmed ("everyone got out safely", "were inside, but escaped unharmed"),
unless a number stands in that clause or the sentence names others or a casualty ("two others
escaped unharmed", "one was hurt; the rest got out safely"): then they are a part.
"""

from __future__ import annotations

import regex

from ..doc import Doc
from ..model import Claim, ClaimKind, Qualifier
from .options import ExtractOptions

_ZERO = regex.compile(
    r"\b(?:(?P<who>no\s+one|nobody|none)\b(?P<gap>(?:\s+(?!and\b|but\b)[\p{L}'’-]+){0,4}?)\s+"
    r"(?P<verb>hurt|injured|wounded|killed|harmed|hospitali[sz]ed|died|dead)\b"
    r"|(?P<noun>no\s+(?:(?:serious|major|other|immediate|reported)\s+)?(?P<what>injuries|injury|deaths|fatalities|"
    r"casualties)))",
    regex.I)
# "everyone got out safely", "... were inside the church, but escaped unharmed": nobody was hurt.
# Only when no number stands before it in its sentence ("two others escaped unharmed" is a part).
_UNHARMED = regex.compile(
    r"\b(?:escaped|got\s+out|made\s+it\s+out|walked\s+away|emerged|were\s+evacuated|was\s+evacuated)\s+"
    r"(?:safely|unharmed|unhurt|uninjured|unscathed|without\s+(?:any\s+)?injur(?:y|ies))\b", regex.I)
_NUMBER_BEFORE = regex.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens?|several|some|"
                               r"many|most|few|half)\b", regex.I)
_CLAUSE_BREAK = regex.compile(r"[,;:]")
_ELSE = regex.compile(r"\s+else\b", regex.I)
_WISHED = regex.compile(r"\b(?:pray\w*|hop(?:e|es|ed|ing)|wish\w*|fear\w*|worr\w*|unsure|unclear|whether|if|"
                        r"unknown|not\s+known|not\s+clear)\b", regex.I)
_PART_OR_HARM = regex.compile(r"\b(?:others?|another|rest|remaining|injur\w*|hurt|wounded|killed|dead|died)\b",
                              regex.I)
_UNHARMED_CUES = ("safely", "unharm", "unhurt", "uninjur", "unscathed", "without")
_NOUN_SUBJECT = {"injuries": "injury", "injury": "injury", "deaths": "death", "fatalities": "fatality",
                 "casualties": "casualty"}


def find_zeros(doc: Doc, options: ExtractOptions) -> list[Claim]:
    """The zero counts of casualties in the content sentences of ``doc``."""
    del options  # no option applies
    claims: list[Claim] = []
    norm = doc.norm
    for sentence in doc.content_sentences():
        text = norm[sentence.start:sentence.end]
        lower = text.lower()
        if "no" not in lower and not any(w in lower for w in _UNHARMED_CUES):
            continue
        for match in _ZERO.finditer(text):
            if _WISHED.search(_CLAUSE_BREAK.split(text[:match.start()])[-1]):
                continue  # "Praying that nobody died", "it was unclear whether anyone was hurt": not a report
            if match.group("noun"):
                start, end = match.span("noun")
                subject = _NOUN_SUBJECT[match.group("what").lower()]
            else:
                if _ELSE.match(text, match.end("who")):
                    continue  # "no one else was injured": the others, a part
                start, end = match.span("who")
                subject = "person"
            claims.append(doc.claim(ClaimKind.QUANTITY, sentence.start + start, sentence.start + end, sentence,
                                    subject=subject, qualifier=Qualifier.EXACT, low=0.0, high=0.0,
                                    attrs=(("zero", "said"),)))
        for match in _UNHARMED.finditer(text):
            clause = _CLAUSE_BREAK.split(text[:match.start()])[-1]
            if _NUMBER_BEFORE.search(clause) or _PART_OR_HARM.search(text):
                continue  # "two others escaped unharmed", "one was hurt, the rest escaped unharmed"
            start, end = match.span()
            claims.append(doc.claim(ClaimKind.QUANTITY, sentence.start + start, sentence.start + end, sentence,
                                    subject="injury", qualifier=Qualifier.EXACT, low=0.0, high=0.0,
                                    attrs=(("zero", "said"),)))
    return claims
