"""GitHub Actions output (``--format github``): workflow-command annotations and a step summary.

One annotation per conflict or variant finding (with ``--only``, per finding of that
status), at the first side's quote::

    ::error file=seeds/a.txt,line=13,col=213,endLine=13,endColumn=225,title=DU01 ...::message

``error``/``warning``/``notice`` follow the finding's severity. The message names the
reason and every side (article, date, ``path:line:column``, quote, value), one per line.

Escaping follows GitHub's toolkit (``@actions/core`` ``command.ts``): in the message
``%`` -> ``%25``, ``\\r`` -> ``%0D``, ``\\n`` -> ``%0A``; in properties additionally
``:`` -> ``%3A`` and ``,`` -> ``%2C``. Control sequences are removed first, so article
text can neither end the annotation nor start a second command.

:func:`render_github` is pure. :func:`append_step_summary` appends the Markdown report to
the file GitHub names in ``$GITHUB_STEP_SUMMARY``; the caller passes that path.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from checker.engine import CheckResult
from checker.findings import Evidence, Finding, Severity

from . import PROBLEM_STATUSES, ReportOptions, filter_findings
from .terminal import clean

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
MAX_MESSAGE = 4000
"""Longest message kept (GitHub truncates long annotations anyway)."""


def escape_data(text: str) -> str:
    """A workflow-command message: ``%``, CR and LF percent-encoded."""
    return clean(text.replace("\r\n", "\n")).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow-command property value: as data, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _flat(text: str) -> str:
    return " ".join(clean(text).split())


def _side(evidence: Evidence) -> str:
    date = evidence.published or "undated"
    return (f"- {_flat(evidence.article)} ({date}) {_flat(evidence.path)}:{evidence.line}:{evidence.column}: "
            f"\"{_flat(evidence.quote)}\" = {_flat(evidence.display)}")


def annotation(finding: Finding) -> str:
    """One workflow command for a finding (an empty string for a finding without sides)."""
    if not finding.claims:
        return ""
    first = finding.claims[0]
    props = [f"file={escape_property(first.path.replace(chr(92), '/'))}", f"line={max(1, first.line)}"]
    if first.end_line == first.line:
        props += [f"col={max(1, first.column)}", f"endLine={first.end_line}",
                  f"endColumn={max(first.column, first.end_column)}"]
    elif first.end_line > first.line:
        props.append(f"endLine={first.end_line}")
    title = f"{finding.rule} {finding.name}: {_flat(finding.topic)}"
    props.append(f"title={escape_property(title)}")
    lines = [f"{finding.status.value.upper()}: {_flat(finding.message)}"]
    lines += [_side(e) for e in finding.claims]
    lines.append(f"(confidence {finding.confidence:.2f}, fingerprint {finding.fingerprint})")
    message = "\n".join(lines)
    if len(message) > MAX_MESSAGE:
        message = message[: MAX_MESSAGE - 1] + "…"
    return f"::{COMMANDS[finding.severity]} {','.join(props)}::{escape_data(message)}"


def render_github(result: CheckResult, options: ReportOptions | None = None) -> str:
    """Annotations, one per line (the registry's ``github`` format)."""
    opts = options or ReportOptions()
    shown = filter_findings(result.findings, opts)
    if opts.only is None:
        shown = [f for f in shown if f.status in PROBLEM_STATUSES]
    lines = [line for line in (annotation(f) for f in shown) if line]
    return "".join(line + "\n" for line in lines)


def step_summary_path(environ: Mapping[str, str] | None = None) -> str | None:
    """The step-summary file GitHub Actions names (``$GITHUB_STEP_SUMMARY``), if any."""
    env = os.environ if environ is None else environ
    return env.get("GITHUB_STEP_SUMMARY") or None


def append_step_summary(result: CheckResult, options: ReportOptions | None, path: str | None) -> bool:
    """Append the Markdown report to the step-summary file ``path``; ``False`` when ``path``
    is ``None`` or empty (not running in GitHub Actions), ``True`` once written."""
    if not path:
        return False
    from .markdown import render_markdown

    text = render_markdown(result, options or ReportOptions())
    with open(path, "a", encoding="utf-8", newline="\n") as handle:
        handle.write(text if text.endswith("\n") else text + "\n")
    return True
