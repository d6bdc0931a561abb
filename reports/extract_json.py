"""JSON of ``factlint extract --format json`` (contract documented in the README)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from checker import __version__
from checker.model import Claim, Corpus

from .jsontext import Rows, Writer, dump, dumps


def extract_document(corpus: Corpus, claims: Mapping[str, Sequence[Claim]]) -> dict[str, Any]:
    return {
        "factlint": __version__,
        "articles": Rows(corpus.articles, lambda article: {
            "id": article.id,
            "path": article.path,
            "title": article.title,
            "source": article.source,
            "published": article.published.isoformat() if article.published else None,
            "claims": Rows(claims.get(article.id, ()), Claim.to_json),
        }),
    }


def render_extract_json(corpus: Corpus, claims: Mapping[str, Sequence[Claim]]) -> str:
    return dumps(extract_document(corpus, claims)) + "\n"


def write_extract_json(corpus: Corpus, claims: Mapping[str, Sequence[Claim]], write: Writer) -> None:
    """:func:`render_extract_json` through ``write``, in pieces (:func:`reports.jsontext.dump`)."""
    dump(extract_document(corpus, claims), write)
    write("\n")
