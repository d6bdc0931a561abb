"""Extraction of dates (placeholder until implemented)."""

from __future__ import annotations

from ..doc import Doc
from ..model import Claim
from .options import ExtractOptions


def find_dates(doc: Doc, options: ExtractOptions) -> list[Claim]:
    return []
