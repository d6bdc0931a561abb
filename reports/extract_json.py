"""JSON of ``factlint extract --format json`` (contract documented in the README)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from checker import __version__
from checker.model import Claim, Corpus

from .jsontext import dumps


def extract_document(corpus: Corpus, claims: Mapping[str, Sequence[Claim]]) -> dict[str, Any]:
    return {
        "factlint": __version__,
        "articles": [
            {
                "id": article.id,
                "path": article.path,
                "title": article.title,
                "source": article.source,
                "published": article.published.isoformat() if article.published else None,
                "claims": [claim.to_json() for claim in claims.get(article.id, ())],
            }
            for article in corpus.articles
        ],
    }


def render_extract_json(corpus: Corpus, claims: Mapping[str, Sequence[Claim]]) -> str:
    return dumps(extract_document(corpus, claims)) + "\n"
