"""The editor's terminal report of ``factlint check``."""

from __future__ import annotations

from collections import defaultdict
from typing import IO

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from checker.engine import CheckResult
from checker.findings import Evidence, Finding, Status

from .terminal import clean, literal, make_console

STATUS_STYLE = {
    Status.CONFLICT: ("CONFLICT", "bold white on red"),
    Status.DISTINCT_EVENTS: ("DISTINCT EVENTS", "bold black on cyan"),
    Status.VARIANT: ("VARIANT", "bold black on yellow"),
    Status.AGREEMENT: ("AGREES", "bold black on green"),
    Status.SINGLE_SOURCE: ("SINGLE SOURCE", "bold white on grey37"),
}


def _article_label(result: CheckResult, article_id: str) -> str:
    article = result.corpus.get(article_id)
    if article is None:
        return article_id
    date = article.published.isoformat() if article.published else "undated"
    return f"{article_id} ({date})"


def highlighted_sentence(evidence: Evidence, width: int = 400) -> Text:
    """The quoted sentence with the compared value highlighted; article text shown literally."""
    sentence = evidence.sentence
    start = evidence.start - evidence.sentence_start
    end = evidence.end - evidence.sentence_start
    if not (0 <= start <= end <= len(sentence)):
        return literal(sentence[:width])
    if len(sentence) > width:
        lo = max(0, start - width // 2)
        hi = min(len(sentence), lo + width)
        prefix = "…" if lo > 0 else ""
        suffix = "…" if hi < len(sentence) else ""
        sentence, start, end = sentence[lo:hi], start - lo, end - lo
    else:
        prefix = suffix = ""
    text = Text(prefix)
    text.append(clean(sentence[:start]))
    text.append(clean(sentence[start:end]), style="bold reverse")
    text.append(clean(sentence[end:]))
    text.append(suffix)
    return text


def _location(evidence: Evidence) -> Text:
    loc = f"{evidence.path}:{evidence.line}:{evidence.column}"
    return Text(clean(loc), style=f"link file://{clean(evidence.path)}" if False else "dim")


def render_finding(result: CheckResult, finding: Finding, verbose: bool = False) -> Group | Text:
    label, style = STATUS_STYLE[finding.status]
    head = Text()
    head.append(f" {label} ", style=style)
    head.append(" ")
    head.append(clean(finding.topic), style="bold")
    head.append(f"  [{finding.rule} {finding.name}, confidence {finding.confidence:.2f}]", style="dim")
    reason = literal(finding.message)
    compact = finding.status in (Status.AGREEMENT, Status.SINGLE_SOURCE) and not verbose
    if compact:
        line = Text()
        line.append_text(head)
        line.append("\n   ")
        line.append_text(reason)
        return line
    table = Table(box=None, show_header=True, header_style="bold", pad_edge=False, expand=True)
    table.add_column("source", no_wrap=True, ratio=1)
    table.add_column("quote", ratio=4)
    table.add_column("value", ratio=1)
    for evidence in finding.claims:
        source = Text(clean(_article_label(result, evidence.article)))
        source.append("\n")
        source.append(_location(evidence))
        table.add_row(source, highlighted_sentence(evidence), literal(evidence.display, "bold"))
    return Group(head, Text("   ").append_text(reason), table)


def render_rich(result: CheckResult, output: IO[str] | None = None, color: str = "auto",
                verbose: bool = False, width: int | None = None) -> None:
    console: Console = make_console(output, color, width=width)
    _header(console, result)
    events = {e.id: e for e in result.events.events}
    grouped: dict[str | None, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        grouped[finding.event].append(finding)
    order = sorted(grouped, key=lambda k: (k is None, min(f.sort_key()[2] for f in grouped[k]), k or ""))
    for key in order:
        findings = sorted(grouped[key], key=lambda f: (f.sort_key()[2], f.topic, f.rule, f.fingerprint))
        title = events[key].label if key in events else "Not tied to an event"
        console.rule(Text(clean(title), style="bold"), align="left")
        for finding in findings:
            console.print(render_finding(result, finding, verbose))
            console.print()


def _header(console: Console, result: CheckResult) -> None:
    summary = Table.grid(padding=(0, 2))
    summary.add_column(style="bold")
    summary.add_column()
    counts: dict[Status, int] = defaultdict(int)
    for finding in result.findings:
        counts[finding.status] += 1
    summary.add_row("Corpus", clean(", ".join(result.corpus.roots) or "-"))
    summary.add_row("Articles", str(len(result.corpus.articles)))
    summary.add_row("Claims", str(len(result.claims)))
    summary.add_row("Events", str(len(result.events.events)))
    summary.add_row(
        "Findings",
        f"{counts[Status.CONFLICT]} conflicts, {counts[Status.AGREEMENT]} agreements, "
        f"{counts[Status.DISTINCT_EVENTS]} distinct events, {counts[Status.VARIANT]} variants, "
        f"{counts[Status.SINGLE_SOURCE]} single-source",
    )
    articles = Table(box=None, show_header=True, header_style="bold", pad_edge=False)
    articles.add_column("article", no_wrap=True)
    articles.add_column("published", no_wrap=True)
    articles.add_column("title / source")
    for article in result.corpus.articles:
        title = article.title or ""
        if article.source:
            title = f"{title} — {article.source}" if title else article.source
        articles.add_row(clean(article.id), article.published.isoformat() if article.published else "undated",
                         literal(title))
    console.print(Panel(Group(summary, Text(), articles), title="factlint", title_align="left"))
