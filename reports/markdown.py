"""Markdown for a pull-request comment or a GitHub step summary (``--format markdown``).

Summary counts, a table of conflicts with both sides quoted and one of inconsistencies
within an article (a wrong weekday, a misfit relative date), then the other findings
(distinct events, variants and undetermined events, agreements, single-source claims) in collapsible
``<details>`` blocks. Article text is escaped with :func:`escape`: Markdown punctuation is
backslash-escaped, ``&``, ``<``, ``>`` become entities, ``@`` and ``#`` become entities
(no user mentions or issue links from article text), pipes are escaped in table cells and
newlines collapse to spaces, so article text can neither break the table nor inject HTML.
"""

from __future__ import annotations

from checker.engine import CheckResult
from checker.events import Event
from checker.findings import Evidence, Status
from checker.wording import plural

from . import ReportOptions, count_statuses, filter_findings, group_findings
from .terminal import clean, one_line

QUOTE_CHARS = 160

_MD_ESCAPES = {
    "\\": "\\\\",
    "`": "\\`",
    "*": "\\*",
    "_": "\\_",
    "[": "\\[",
    "]": "\\]",
    "|": "\\|",
    "~": "\\~",
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "@": "&#64;",
    "#": "&#35;",
    "!": "\\!",
    "$": "\\$",
}
_TABLE = str.maketrans(_MD_ESCAPES)


def escape(text: str) -> str:
    """Untrusted text as inline Markdown: one line, literal, safe inside a table cell."""
    return clean(one_line(text)).translate(_TABLE)


def _excerpt(evidence: Evidence, width: int = QUOTE_CHARS) -> str:
    """The sentence with the compared value in bold, escaped."""
    sentence = evidence.sentence
    start = evidence.start - evidence.sentence_start
    end = evidence.end - evidence.sentence_start
    if not (0 <= start <= end <= len(sentence)) or sentence[start:end] != evidence.quote:
        found = sentence.find(evidence.quote) if evidence.quote else -1
        if found < 0:
            return escape(sentence[:width])
        start, end = found, found + len(evidence.quote)
    prefix = suffix = ""
    if len(sentence) > width:
        lo = max(0, min(start - width // 3, len(sentence) - width))
        hi = min(len(sentence), max(lo + width, end))
        prefix = "…" if lo > 0 else ""
        suffix = "…" if hi < len(sentence) else ""
        sentence, start, end = sentence[lo:hi], start - lo, end - lo
    before, value, after = sentence[:start], sentence[start:end], sentence[end:]
    left = " " if before[-1:].isspace() else ""
    right = " " if after[:1].isspace() else ""
    bold = f"**{escape(value)}**" if value.strip() else escape(value)
    return f"{prefix}{escape(before)}{left}{bold}{right}{escape(after)}{suffix}"


def _where(evidence: Evidence) -> str:
    date = evidence.published or "undated"
    return f"{escape(evidence.article)} ({date})<br>`{_code(evidence.path)}:{evidence.line}:{evidence.column}`"


def _code(text: str) -> str:
    """Text inside a code span: backticks and pipes cannot be escaped there, so replace them."""
    return clean(one_line(text)).replace("`", "'").replace("|", "¦")


def _side_line(evidence: Evidence) -> str:
    date = evidence.published or "undated"
    return (f"{escape(evidence.article)} ({date}), `{_code(evidence.path)}:{evidence.line}:{evidence.column}`: "
            f"“{_excerpt(evidence)}” → {escape(evidence.display)}")


def _event_label(events: dict[str, Event], event_id: str | None) -> str:
    if event_id is None:
        return "not tied to an event"
    event = events.get(event_id)
    return f"{escape(event_id)} {escape(event.label)}" if event else escape(event_id)


def render_markdown(result: CheckResult, options: ReportOptions | None = None) -> str:
    """The Markdown report (the registry's ``markdown`` format)."""
    opts = options or ReportOptions()
    shown = filter_findings(result.findings, opts)
    counts = count_statuses(shown)
    events = {e.id: e for e in result.events.events}
    out: list[str] = ["## factlint: cross-article fact check", ""]
    verdict = ("**No conflicts between sources.**" if not counts[Status.CONFLICT]
               else f"**{plural(counts[Status.CONFLICT], 'conflict')} between sources.**")
    if counts[Status.INCONSISTENT]:
        verdict += f" **{plural(counts[Status.INCONSISTENT], 'single-article inconsistency')}.**"
    out += [verdict, ""]
    out += ["| articles | events | conflicts | inconsistent | agreements | single-source | variants "
            "| distinct events | undetermined |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            f"| {len(result.corpus.articles)} | {len(result.events.events)} | {counts[Status.CONFLICT]} | "
            f"{counts[Status.INCONSISTENT]} | {counts[Status.AGREEMENT]} | {counts[Status.SINGLE_SOURCE]} | "
            f"{counts[Status.VARIANT]} | {counts[Status.DISTINCT_EVENTS]} | {counts[Status.UNDETERMINED]} |", ""]
    if opts.filtered:
        out += [f"_Showing {len(shown)} of {plural(len(result.findings), 'finding')} (filtered)._", ""]

    groups = group_findings(shown)
    tables = ((Status.CONFLICT, "Conflicts between sources"),
              (Status.INCONSISTENT, "Inconsistencies within an article"))
    for status, title in tables:
        items = [f for g in groups for f in g.findings if f.status is status]
        if not items:
            continue
        out += [f"### {title}", "",
                "| topic | source | quote | value |", "| --- | --- | --- | --- |"]
        for finding in items:
            topic = (f"**{escape(finding.topic)}**<br>{escape(finding.message)}<br>"
                     f"<sub>{escape(finding.rule)} {escape(finding.name)} · {finding.status.value} · "
                     f"{finding.severity.value} · confidence {finding.confidence:.2f} · "
                     f"{_event_label(events, finding.event)}</sub>")
            for n, evidence in enumerate(finding.claims):
                cell = topic if n == 0 else "″"
                out.append(f"| {cell} | {_where(evidence)} | {_excerpt(evidence)} | {escape(evidence.display)} |")
        out.append("")

    sections = (
        ((Status.DISTINCT_EVENTS, Status.VARIANT, Status.UNDETERMINED), "Distinct events, variants and undetermined events"),
        ((Status.AGREEMENT,), "Agreements"),
        ((Status.SINGLE_SOURCE,), "Single-source claims"),
    )
    for statuses, title in sections:
        items = [f for g in groups for f in g.findings if f.status in statuses]
        if not items:
            continue
        out += ["<details>", f"<summary>{title} ({len(items)})</summary>", ""]
        for finding in items:
            out.append(f"- **{escape(finding.topic)}** ({finding.status.value}, {escape(finding.rule)}): "
                       f"{escape(finding.message)}")
            for evidence in finding.claims:
                out.append(f"  - {_side_line(evidence)}")
        out += ["", "</details>", ""]
    if not shown:
        out += ["No findings." if not opts.filtered else "No findings match the filters.", ""]
    return "\n".join(out).rstrip("\n") + "\n"
