"""Extraction of named entities (placeholder until implemented)."""

from __future__ import annotations

from collections.abc import Sequence

from ..doc import Doc
from ..model import Claim
from .options import ExtractOptions


def find_entities(doc: Doc, options: ExtractOptions) -> list[Claim]:
    return []


def group_entities(claims: Sequence[Claim], options: ExtractOptions | None = None) -> list[Claim]:
    """Give transliteration variants across the corpus one canonical name."""
    return list(claims)
