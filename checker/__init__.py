"""factlint: a cross-article fact-consistency checker for news corpora.

Stable API::

    from checker import load_corpus, extract, extract_text
    corpus = load_corpus(["seeds/"])
    claims = extract(corpus.articles[0])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.4.0"

__all__ = [
    "Article",
    "Claim",
    "ClaimKind",
    "Corpus",
    "Diagnostic",
    "__version__",
    "extract",
    "extract_text",
    "load_corpus",
]

if TYPE_CHECKING:
    from .corpus import load_corpus
    from .extractors import extract, extract_text
    from .model import Article, Claim, ClaimKind, Corpus, Diagnostic

_LAZY = {
    "load_corpus": ".corpus",
    "extract": ".extractors",
    "extract_text": ".extractors",
    "Article": ".model",
    "Claim": ".model",
    "ClaimKind": ".model",
    "Corpus": ".model",
    "Diagnostic": ".model",
}


def __getattr__(name: str) -> Any:
    # Heavy modules (dateparser, rapidfuzz) load only when used, so `factlint --version` is instant.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module 'checker' has no attribute {name!r}")
