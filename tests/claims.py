"""Helpers of the extractor tables: the claims of one kind in a sentence, the one claim with a
given quote, and a claim's interval written as in the tables."""

from __future__ import annotations

import datetime as dt

from checker import extract_text
from checker.model import Claim, ClaimKind


def claims_of(kind: ClaimKind, sentence: str, published: dt.date | None = None) -> list[Claim]:
    return [c for c in extract_text(sentence, published) if c.kind is kind]


def only_claim(kind: ClaimKind, sentence: str, quote: str, published: dt.date | None = None) -> Claim:
    """The single claim of ``kind`` quoting ``quote`` (the test fails if there is none or several)."""
    found = claims_of(kind, sentence, published)
    matching = [c for c in found if c.text == quote]
    assert matching, f"no {kind.value} {quote!r} in {[c.text for c in found]}"
    assert len(matching) == 1
    return matching[0]


def interval(claim: Claim) -> str:
    """``[low, high]`` with ``(``/``)`` for excluded bounds and ``inf`` for an open bound."""

    def fmt(value: object) -> str:
        return "inf" if value is None else f"{value:g}" if isinstance(value, float) else str(value)

    left = "(" if claim.low_open or claim.low is None else "["
    right = ")" if claim.high_open or claim.high is None else "]"
    return f"{left}{fmt(claim.low)}, {fmt(claim.high)}{right}"
