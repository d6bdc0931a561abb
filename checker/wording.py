"""Words for counts in messages and reports: "1 conflict", "2 conflicts", "3 inconsistencies".

One helper, :func:`plural`, used by rules (their messages) and by every report, so that no
text reads "1 conflicts" or "20 day(s)".
"""

from __future__ import annotations

from .extractors.nouns import plural as _plural_noun


def plural(n: float, word: str, many: str | None = None) -> str:
    """``n`` and ``word``, in the plural unless ``n`` is 1: ``plural(1, "claim")`` is
    "1 claim", ``plural(2, "single-source claim")`` "2 single-source claims",
    ``plural(2, "entry")`` "2 entries". ``many`` gives a plural the rules of English
    spelling do not (only the last word of ``word`` is inflected otherwise)."""
    if isinstance(n, float) and n.is_integer():
        n = int(n)
    number = f"{n:,}" if isinstance(n, int) else f"{n:,.2f}".rstrip("0").rstrip(".")
    if n == 1:
        return f"{number} {word}"
    if many is not None:
        return f"{number} {many}"
    head, space, last = word.rpartition(" ")
    return f"{number} {head}{space}{_plural_noun(last)}"


__all__ = ["plural"]
