"""Zero counts said in words: "No one was hurt", "nobody was injured", "no injuries were reported",
"there were no casualties".

A report that nobody was injured states a figure, 0, as plainly as "two people were injured":
without it, "two injured" in one article and "no one was hurt" in another would never meet.
A zero is extracted only when a casualty word follows in the same clause (or is the noun
negated), so that "no one knows" or "no comment" give nothing.
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
_NOUN_SUBJECT = {"injuries": "injury", "injury": "injury", "deaths": "death", "fatalities": "fatality",
                 "casualties": "casualty"}


def find_zeros(doc: Doc, options: ExtractOptions) -> list[Claim]:
    """The zero counts of casualties in the content sentences of ``doc``."""
    del options  # no option applies
    claims: list[Claim] = []
    norm = doc.norm
    for sentence in doc.content_sentences():
        text = norm[sentence.start:sentence.end]
        if "no" not in text.lower():
            continue
        for match in _ZERO.finditer(text):
            if match.group("noun"):
                start, end = match.span("noun")
                subject = _NOUN_SUBJECT[match.group("what").lower()]
            else:
                start, end = match.span("who")
                subject = "person"
            claims.append(doc.claim(ClaimKind.QUANTITY, sentence.start + start, sentence.start + end, sentence,
                                    subject=subject, qualifier=Qualifier.EXACT, low=0.0, high=0.0,
                                    attrs=(("zero", "said"),)))
    return claims
