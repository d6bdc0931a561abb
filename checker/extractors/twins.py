"""Plain ``re`` twins of ``regex`` patterns, for ASCII text.

On ASCII text ``re`` finds the same matches as ``regex`` for most of the extractors' patterns, and
finds them faster; :func:`ascii_twin` is the one way the extractors make such a copy, so that
every twin is read the same way (and refused the same way where it could differ).
"""

from __future__ import annotations

import re

import regex

# What a letter property reads on ASCII text, inside a character class.
_ASCII_LETTERS = {"L": "A-Za-z", "Ll": "a-z"}


def _ascii_properties(source: str, fold: bool) -> str:
    """``source`` with its letter properties written as ASCII classes: ``\\p{L}`` as ``A-Za-z``
    inside a class and ``[A-Za-z]`` alone, ``\\p{Ll}`` as ``a-z`` (``A-Za-z`` when case is
    ignored, as ``regex`` reads it then); any other property is refused."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(source):
        char = source[i]
        if char == "\\" and source.startswith("\\p{", i):
            close = source.index("}", i)
            name = source[i + 3:close]
            if name not in _ASCII_LETTERS:
                raise ValueError(f"no ASCII twin for {source!r}")
            letters = "A-Za-z" if fold else _ASCII_LETTERS[name]
            out.append(letters if in_class else f"[{letters}]")
            i = close + 1
            continue
        if char == "\\":  # an escaped character, whatever it is
            out.append(source[i:i + 2])
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
            opening = re.match(r"\[\^?\]?", source[i:])  # a "]" first in a class is one of its characters
            assert opening is not None
            out.append(opening.group(0))
            i += len(opening.group(0))
            continue
        if char == "]" and in_class:
            in_class = False
        out.append(char)
        i += 1
    return "".join(out)


def ascii_twin(pattern: regex.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` for ``re``, finding the same matches with the same groups on ASCII text, where
    ``re`` is faster: ``\\d``, ``\\s``, ``\\b`` and case folding read ASCII alike in both, ``\\p{L}`` is
    ``[A-Za-z]`` there and ``\\p{Ll}`` ``[a-z]`` (``[A-Za-z]`` when case is ignored, as ``regex``
    reads it). A group name used again (one group in ``regex``) is named ``name__2`` the second
    time: the caller reads it as ``name``."""
    fold = bool(pattern.flags & regex.IGNORECASE)
    if fold and "(?-i:" in pattern.pattern and "\\p{Ll}" in pattern.pattern:
        raise ValueError(f"\\p{{Ll}} may be read with its case in {pattern.pattern!r}")
    source = _ascii_properties(pattern.pattern, fold)
    seen: set[str] = set()

    def rename(group: re.Match[str]) -> str:
        name = group.group(1)
        if name in seen:
            return f"(?P<{name}__2>"
        seen.add(name)
        return group.group(0)

    source = re.sub(r"\(\?P<(\w+)>", rename, source)
    return re.compile(source, re.ASCII | (re.IGNORECASE if fold else 0))
