"""Options of the claim extractors (part of the cache key of extracted claims)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    approx_tolerance: float = 0.1
    """"about/some/around/roughly N" is the band N*(1-t) .. N*(1+t)."""
    nearly_margin: float = 0.1
    """"nearly/almost N" is the band N*(1-m) .. N (N itself excluded)."""
    entity_similarity: float = 88.0
    """rapidfuzz score (0-100) from which two entity spellings are variants of one name."""
    kinds: tuple[str, ...] = ("quantity", "duration", "date", "entity")
    """Which claim kinds to extract."""


DEFAULT_OPTIONS = ExtractOptions()
