"""Options of the claim extractors (part of the cache key of extracted claims)."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MAX_CLAIMS = 5000


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
    max_claims: int = DEFAULT_MAX_CLAIMS
    """Claims kept per article (``max-claims-per-article``): the first ones by position; the
    extraction of an article stops reading soon after it has found more."""


DEFAULT_OPTIONS = ExtractOptions()
