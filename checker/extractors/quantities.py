"""Extraction of quantities (placeholder until implemented)."""

from __future__ import annotations

from ..doc import Doc
from ..model import Claim
from .options import ExtractOptions


def find_quantities(doc: Doc, options: ExtractOptions) -> list[Claim]:
    return []
