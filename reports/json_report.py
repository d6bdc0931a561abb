"""JSON of ``factlint check --format json`` (contract documented in the README).

Byte-identical for the same corpus and configuration: articles, events and findings are
sorted, keys keep a fixed order, and nothing depends on the file system order or the hash
seed.
"""

from __future__ import annotations

from typing import Any

from checker import __version__
from checker.engine import CheckResult
from checker.findings import Status

from .jsontext import dumps


def check_document(result: CheckResult) -> dict[str, Any]:
    findings = result.findings
    return {
        "factlint": __version__,
        "articles": [
            {
                "id": a.id,
                "path": a.path,
                "title": a.title,
                "source": a.source,
                "published": a.published.isoformat() if a.published else None,
            }
            for a in result.corpus.articles
        ],
        "events": [e.to_json() for e in result.events.events],
        "findings": [f.to_json() for f in findings],
        "summary": {
            "articles": len(result.corpus.articles),
            "claims": len(result.claims),
            "findings": len(findings),
            "conflicts": sum(f.status is Status.CONFLICT for f in findings),
            "agreements": sum(f.status is Status.AGREEMENT for f in findings),
        },
    }


def render_json(result: CheckResult) -> str:
    return dumps(check_document(result)) + "\n"
