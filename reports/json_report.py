"""JSON of ``factlint check --format json`` (contract documented in the README).

Byte-identical for the same corpus and configuration: articles, events and findings are
sorted, keys keep a fixed order, and nothing depends on the file system order or the hash
seed.
"""

from __future__ import annotations

from typing import Any

from checker import __version__
from checker.engine import CheckResult
from checker.findings import Finding, Status
from checker.model import Article
from checker.stories import Story

from .jsontext import Rows, Writer, dump, dumps


def _article(a: Article) -> dict[str, Any]:
    return {
        "id": a.id,
        "path": a.path,
        "title": a.title,
        "source": a.source,
        "published": a.published.isoformat() if a.published else None,
    }


def check_document(result: CheckResult) -> dict[str, Any]:
    findings = result.findings
    return {
        "factlint": __version__,
        "articles": Rows(result.corpus.articles, _article),
        "stories": Rows(result.stories.stories, Story.to_json),
        "events": [e.to_json() for e in result.events.events],
        "findings": Rows(findings, Finding.to_json),
        "summary": {
            "articles": len(result.corpus.articles),
            "claims": len(result.claims),
            "findings": len(findings),
            "conflicts": sum(f.status is Status.CONFLICT for f in findings),
            "inconsistencies": sum(f.status is Status.INCONSISTENT for f in findings),
            "agreements": sum(f.status is Status.AGREEMENT for f in findings),
        },
    }


def render_json(result: CheckResult) -> str:
    return dumps(check_document(result)) + "\n"


def write_json(result: CheckResult, write: Writer) -> None:
    """:func:`render_json` through ``write``, in pieces (:func:`reports.jsontext.dump`)."""
    dump(check_document(result), write)
    write("\n")
