"""SARIF 2.1.0 for GitHub code scanning (``--format sarif``).

- ``tool.driver``: factlint, its version, and one rule entry per active rule from the
  rule's metadata (``id`` = code, ``name``, ``shortDescription`` = summary,
  ``fullDescription`` = the docstring's first paragraph, ``help`` = the documentation as
  text and Markdown, ``defaultConfiguration.level`` from the severity in force:
  error -> ``error``, warning -> ``warning``, info -> ``note``).
- One result per conflict or variant finding (see :data:`reports.PROBLEM_STATUSES`; with
  ``--only`` the chosen status is reported whatever it is), located at its first side;
  the other sides are ``relatedLocations`` (ids 1, 2, ...) linked from the message with
  SARIF's ``[text](id)`` syntax. ``partialFingerprints`` carries the finding's stable
  fingerprint under ``factlintFingerprint/v1``.
- Columns count Unicode code points (``run.columnKind`` = ``unicodeCodePoints``);
  ``endColumn`` is exclusive, as SARIF wants.
- Deterministic: findings keep the engine's order, rules are sorted by code, keys have a
  fixed order; nothing depends on the machine (paths stay as given, made relative to the
  working directory when they are absolute inside it).
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from checker import __version__
from checker.engine import CheckResult
from checker.findings import Evidence, Finding, Severity

from . import PROBLEM_STATUSES, ReportOptions, filter_findings
from .jsontext import Rows, Writer, dump, dumps
from .terminal import clean, one_line

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "factlintFingerprint/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str, cwd: str | None = None) -> str:
    """A relative, percent-encoded URI for a corpus path (as GitHub wants: relative to the
    repository root, which is where factlint runs in CI)."""
    raw = path.replace("\\", "/")
    if os.path.isabs(path):
        base = cwd or os.getcwd()
        try:
            raw = Path(path).resolve().relative_to(Path(base).resolve()).as_posix()
        except ValueError:
            return Path(path).resolve().as_uri()
    posix = PurePosixPath(raw).as_posix()
    if posix.startswith("./"):
        posix = posix[2:]
    return quote(posix, safe="/")


def escape_message(text: str) -> str:
    """Plain text for a SARIF message: one line, no control characters, and the characters
    SARIF's embedded-link syntax gives a meaning to escaped (``\\``, ``[`` and ``]``)."""
    text = clean(one_line(text))
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _region(evidence: Evidence) -> dict[str, Any]:
    end_line = max(evidence.end_line, evidence.line)
    end_column = evidence.end_column + 1 if end_line > evidence.line else max(
        evidence.end_column + 1, evidence.column + 1)
    return {
        "startLine": max(1, evidence.line),
        "startColumn": max(1, evidence.column),
        "endLine": max(1, end_line),
        "endColumn": max(1, end_column),
        "snippet": {"text": clean(evidence.quote)},
    }


def _location(evidence: Evidence, cwd: str | None) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(evidence.path, cwd)},
            "region": _region(evidence),
        }
    }


def _side(evidence: Evidence) -> str:
    date = evidence.published or "undated"
    return f"{evidence.article} ({date}) says \"{one_line(evidence.quote)}\" = {evidence.display}"


def full_description(doc: str) -> str:
    """The docstring's "What it checks" paragraph (else its first paragraph), on one line."""
    paragraphs = [p.strip() for p in doc.split("\n\n") if p.strip()]
    for paragraph in paragraphs:
        if paragraph.startswith("**What it checks**"):
            return one_line(paragraph.removeprefix("**What it checks**").lstrip(": "))
    return one_line(paragraphs[0]) if paragraphs else ""


def rule_descriptor(rule: Any) -> dict[str, Any]:
    """A ``reportingDescriptor`` from a rule's metadata (class or instance)."""
    from .rules_doc import rule_markdown

    doc = rule.doc()
    severity = getattr(rule, "effective_severity", rule.severity)
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": full_description(doc) or rule.summary},
        "help": {"text": doc or rule.summary, "markdown": rule_markdown(type(rule) if not isinstance(rule, type)
                                                                         else rule)},
        "defaultConfiguration": {"level": LEVELS[severity]},
        "properties": {"tags": sorted(rule.groups)},
    }
    return descriptor


def sarif_result(finding: Finding, rule_index: int | None, cwd: str | None = None) -> dict[str, Any]:
    first, others = finding.claims[0], finding.claims[1:]
    related: list[dict[str, Any]] = []
    links: list[str] = []
    for n, evidence in enumerate(others, 1):
        loc = _location(evidence, cwd)
        loc["id"] = n
        loc["message"] = {"text": escape_message(_side(evidence))}
        related.append(loc)
        links.append(f"[{escape_message(evidence.article)}: {escape_message(evidence.display)}]({n})")
    text = f"{escape_message(finding.topic)}: {escape_message(finding.message)}"
    text += f" Here: \"{escape_message(first.quote)}\" = {escape_message(first.display)}."
    if links:
        text += " Other sources: " + "; ".join(links) + "."
    result: dict[str, Any] = {"ruleId": finding.rule}
    if rule_index is not None:
        result["ruleIndex"] = rule_index
    primary = _location(first, cwd)
    primary["message"] = {"text": escape_message(_side(first))}
    result.update({
        "level": LEVELS[finding.severity],
        "message": {"text": text},
        "locations": [primary],
    })
    if related:
        result["relatedLocations"] = related
    result["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint}
    result["properties"] = {
        "status": finding.status.value,
        "topic": clean(finding.topic),
        "confidence": round(finding.confidence, 3),
        "event": finding.event,
        "articles": list(finding.articles),
    }
    return result


def sarif_document(result: CheckResult, options: ReportOptions | None = None,
                   cwd: str | None = None) -> dict[str, Any]:
    opts = options or ReportOptions()
    shown = filter_findings(result.findings, opts)
    if opts.only is None:
        shown = [f for f in shown if f.status in PROBLEM_STATUSES]
    shown = [f for f in shown if f.claims]
    rules = sorted({r.code: r for r in result.rules}.values(), key=lambda r: r.code)
    descriptors = [rule_descriptor(r) for r in rules]
    index = {r.code: n for n, r in enumerate(rules)}
    for finding in shown:  # a finding from a rule the run does not list: a minimal entry
        if finding.rule not in index:
            index[finding.rule] = len(descriptors)
            descriptors.append({"id": finding.rule, "name": finding.name,
                                "shortDescription": {"text": finding.name}})
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "factlint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": descriptors,
            }},
            "columnKind": "unicodeCodePoints",
            "results": Rows(shown, lambda f: sarif_result(f, index.get(f.rule), cwd)),
        }],
    }


def render_sarif(result: CheckResult, options: ReportOptions | None = None) -> str:
    """SARIF 2.1.0 as a JSON string (the registry's ``sarif`` format)."""
    return dumps(sarif_document(result, options)) + "\n"


def write_sarif(result: CheckResult, options: ReportOptions | None, write: Writer) -> None:
    """:func:`render_sarif` through ``write``, in pieces (:func:`reports.jsontext.dump`)."""
    dump(sarif_document(result, options), write)
    write("\n")
