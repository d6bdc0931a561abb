"""The editor's terminal report of ``factlint check``.

Layout: a header (corpus, articles with their dates and sources, events, counts), the
timeline of the events, then the findings grouped by event and topic, conflicts first.
Each expanded finding shows a coloured verdict, the topic, the one-line reason and its
sources: the article (title or id, date), ``path:line:column`` (a clickable terminal link to
the file when styles are on), the sentence with the compared value highlighted, and the
normalised value. Agreements and single-source claims take one line unless ``verbose``.

Article text never reaches rich as markup: it is wrapped in :class:`~rich.text.Text`
objects after :func:`~reports.terminal.clean` removed control sequences.
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path
from typing import IO

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.style import Style
from rich.table import Table
from rich.text import Text

from checker.engine import CheckResult
from checker.events import Event
from checker.findings import Evidence, Finding, Status, short_id
from checker.model import Article
from checker.wording import plural

from . import (
    COMPACT_STATUSES,
    STATUS_LABELS,
    ReportOptions,
    count_name_variants,
    count_statuses,
    filter_findings,
    group_findings,
    progress_bar,
)
from .terminal import clean, one_line
from .timeline import article_key, build_timeline, timeline_text

__all__ = ["STATUS_STYLE", "progress_bar", "render_rich", "render_rich_report", "write_rich_report"]

_BADGE_STYLE = {
    Status.CONFLICT: "bold white on red",
    Status.INCONSISTENT: "bold white on magenta",
    Status.DISTINCT_EVENTS: "bold black on cyan",
    Status.VARIANT: "bold black on yellow",
    Status.UNDETERMINED: "bold black on bright_white",
    Status.AGREEMENT: "bold black on green",
    Status.SINGLE_SOURCE: "bold white on grey37",
}
STATUS_STYLE = {status: (STATUS_LABELS[status], style) for status, style in _BADGE_STYLE.items()}

QUOTE_CHARS = 180
"""Longest sentence excerpt shown around a quoted value."""

WIDE = 120
"""From this width on, the sources table gets separate location and quote columns."""

QUOTE_MIN = 40
VALUE_MIN = 12
"""Narrowest quote and value columns of the wide layout; without room for them next to the
longest location, the sources table takes the narrow layout (one column for source and quote)."""

MAX_ARTICLES = 40
MAX_TIMELINE_ROWS = 30
"""The header lists at most this many articles and the timeline this many events, unless verbose."""


def _text(value: str, style: str | Style = "") -> Text:
    """Untrusted text as a literal, one-line rich Text."""
    return Text(clean(one_line(value)), style=style)


class _Context:
    """What every part of the report needs: the result, keys of articles, styling."""

    def __init__(self, result: CheckResult, options: ReportOptions, styled: bool, width: int) -> None:
        self.result = result
        self.options = options
        self.styled = styled
        self.width = width
        self.keys = {a.id: article_key(n) for n, a in enumerate(result.corpus.articles)}
        self.events: dict[str, Event] = {e.id: e for e in result.events.events}
        self.articles: dict[str, Article] = {a.id: a for a in result.corpus.articles}

    def key(self, article_id: str) -> str:
        return self.keys.get(article_id, "?")

    def article_label(self, article_id: str, limit: int = 48) -> Text:
        article = self.articles.get(article_id)
        date = "undated"
        name = article_id
        if article is not None:
            date = article.published.isoformat() if article.published else "undated"
            if article.title:
                name = one_line(article.title)
        if len(name) > limit:
            name = name[: limit - 1] + "…"
        text = Text()
        text.append(self.key(article_id), style="bold")
        text.append(" ")
        text.append(clean(name), style="bold")
        text.append(f" ({date})", style="dim")
        return text

    def location(self, evidence: Evidence) -> Text:
        loc = f"{clean(one_line(evidence.path))}:{evidence.line}:{evidence.column}"
        if not self.styled:
            return Text(loc)
        try:
            uri = Path(evidence.path).resolve().as_uri()
        except (OSError, ValueError):
            return Text(loc, style="cyan")
        return Text(loc, style=Style(color="cyan", link=uri))


def highlighted_sentence(evidence: Evidence, width: int = QUOTE_CHARS, marks: tuple[str, str] = ("", "")) -> Text:
    """The quoted sentence with the compared value highlighted; article text shown literally.

    ``marks`` surround the value as well (for plain output, where highlighting is invisible).
    """
    sentence = evidence.sentence
    start = evidence.start - evidence.sentence_start
    end = evidence.end - evidence.sentence_start
    if not (0 <= start <= end <= len(sentence)) or sentence[start:end] != evidence.quote:
        found = sentence.find(evidence.quote) if evidence.quote else -1
        if found < 0:
            return _text(sentence[:width])
        start, end = found, found + len(evidence.quote)
    prefix = suffix = ""
    if len(sentence) > width:
        lo = max(0, min(start - width // 3, len(sentence) - width))
        hi = min(len(sentence), max(lo + width, end))
        prefix = "…" if lo > 0 else ""
        suffix = "…" if hi < len(sentence) else ""
        sentence, start, end = sentence[lo:hi], start - lo, end - lo
    text = Text(prefix)
    text.append(clean(one_line(sentence[:start])) + (" " if sentence[:start][-1:].isspace() else ""))
    text.append(marks[0])
    text.append(clean(one_line(sentence[start:end])), style="bold reverse")
    text.append(marks[1])
    text.append((" " if sentence[end:][:1].isspace() else "") + clean(one_line(sentence[end:])))
    text.append(suffix)
    return text


def _verdict(finding: Finding) -> Text:
    label, style = STATUS_STYLE[finding.status]
    head = Text()
    head.append(f" {label} ", style=style)
    head.append(" ")
    head.append_text(_text(finding.topic, "bold"))
    return head


def _meta(finding: Finding) -> Text:
    return Text(f"   {finding.rule} {finding.name} · {finding.severity.value} · "
                f"confidence {finding.confidence:.2f}", style="dim")


def _sources_table(ctx: _Context, finding: Finding) -> Padding:
    marks = ("", "") if ctx.styled else ("«", "»")
    # A location is never broken: the column that holds it is at least as wide as the longest.
    locations = [ctx.location(evidence) for evidence in finding.claims]
    longest = max((loc.cell_len for loc in locations), default=1)
    room = ctx.width - 3  # the table's indent
    wide = ctx.width >= WIDE and room - longest - VALUE_MIN - 2 >= QUOTE_MIN
    table = Table(box=box.SIMPLE_HEAD, show_lines=True, show_edge=False, show_header=True, header_style="bold",
                  pad_edge=False, expand=True, padding=(0, 1), border_style="dim")
    if wide:
        table.add_column("source", ratio=2, width=longest, overflow="fold")
        table.add_column("quote", ratio=5, overflow="fold")
    else:
        table.add_column("source and quote", ratio=5, width=min(longest, room - VALUE_MIN - 1), overflow="fold")
    longest_value = max((len(evidence.display) for evidence in finding.claims), default=0)
    table.add_column("value", ratio=2 if longest_value > 24 else 1, overflow="fold", style="bold")
    for evidence, location in zip(finding.claims, locations, strict=True):
        source = ctx.article_label(evidence.article)
        source.append("\n")
        source.append_text(location)
        quote = highlighted_sentence(evidence, marks=marks)
        value = _text(evidence.display, "bold")
        if wide:
            table.add_row(source, quote, value)
        else:
            cell = Text()
            cell.append_text(source)
            cell.append("\n")
            cell.append_text(quote)
            table.add_row(cell, value)
    return Padding(table, (0, 0, 0, 3))


def _compact(ctx: _Context, finding: Finding) -> Text:
    line = _verdict(finding)
    values: list[str] = []
    for evidence in finding.claims:
        if evidence.display not in values:
            values.append(evidence.display)
    line.append(" — ", style="dim")
    line.append_text(_text(" / ".join(values)))
    line.append(" — ", style="dim")
    seen: list[str] = []
    for evidence in finding.claims:
        if evidence.article in seen:
            continue
        seen.append(evidence.article)
        article = ctx.articles.get(evidence.article)
        date = article.published.isoformat() if article and article.published else "undated"
        if len(seen) > 1:
            line.append(", ")
        line.append(ctx.key(evidence.article), style="bold")
        line.append(f" {clean(one_line(evidence.article))} ({date})", style="dim")
    return line


def render_finding(ctx: _Context, finding: Finding) -> RenderableType:
    compact = finding.status in COMPACT_STATUSES and not ctx.options.verbose
    if compact:
        return _compact(ctx, finding)
    reason = Padding(_text(finding.message), (0, 0, 0, 3))
    return Group(_verdict(finding), _meta(finding), reason, _sources_table(ctx, finding))


MAX_STORIES = 8
"""The header names at most this many stories of several articles, unless verbose."""


def _stories(ctx: _Context) -> Text:
    """The stories of several articles, each with its label and articles, and how many articles
    are alone in theirs."""
    stories = ctx.result.stories.stories
    shared = [s for s in stories if len(s.articles) > 1]
    alone = len(stories) - len(shared)
    out = Text(plural(len(shared), "story") + " of several articles"
               + (f", {plural(alone, 'article')} alone in its story" if alone == 1 else
                  f", {alone} articles alone in their stories" if alone else ""))
    listed = shared if ctx.options.verbose else shared[:MAX_STORIES]
    for story in listed:
        out.append("\n")
        out.append(f"{story.id} ", style="bold")
        out.append_text(_text(story.label))
        out.append(f" ({', '.join(short_id(a) for a in story.articles)})", style="dim")
    if len(listed) < len(shared):
        out.append(f"\n... and {len(shared) - len(listed)} more (--verbose)", style="dim")
    return out


def _header(ctx: _Context, shown: list[Finding]) -> Panel:
    result = ctx.result
    counts = count_statuses(shown)
    summary = Table.grid(padding=(0, 2))
    summary.add_column(style="bold", no_wrap=True)
    summary.add_column()
    summary.add_row("Corpus", _text(", ".join(result.corpus.roots) or "-"))
    summary.add_row("Articles", Text(f"{len(result.corpus.articles)} ({plural(len(result.claims), 'claim')})"))
    events = result.events.events
    unresolved = sum(not e.resolved for e in events)
    summary.add_row("Events", Text(plural(len(events), "event") + (f", {unresolved} with no date"
                                                                   if unresolved else "")))
    summary.add_row("Stories", _stories(ctx))
    names = count_name_variants(shown)
    entries = [
        (counts[Status.CONFLICT], "conflict", "bold red"),
        (counts[Status.INCONSISTENT], "inconsistency", "bold magenta"),
        (counts[Status.AGREEMENT], "agreement", "green"),
        (counts[Status.SINGLE_SOURCE], "single-source claim", ""),
        (names, "name variant", "yellow"),
        (counts[Status.VARIANT] - names, "other variant", "yellow"),
        (counts[Status.DISTINCT_EVENTS], "distinct-event pair", "cyan"),
        (counts[Status.UNDETERMINED], "undetermined event", ""),
    ]
    optional = ("inconsistency", "other variant", "undetermined event")
    found = Text()
    for number, word, style in entries:
        if word in optional and not number:
            continue
        if found:
            found.append(" · ", style="dim")
        found.append(plural(number, word), style=style if number else "dim")
    summary.add_row("Findings", found)
    if ctx.options.filtered:
        summary.add_row("Shown", Text(f"{len(shown)} of {plural(len(result.findings), 'finding')} (filtered)"))
    articles = Table(box=None, show_header=True, header_style="bold", pad_edge=False, padding=(0, 1))
    articles.add_column("", no_wrap=True, style="bold")
    articles.add_column("article", overflow="fold")
    articles.add_column("published", no_wrap=True)
    articles.add_column("title / source", overflow="fold")
    listed = result.corpus.articles if ctx.options.verbose else result.corpus.articles[:MAX_ARTICLES]
    for article in listed:
        title = one_line(article.title or "")
        if article.source:
            title = f"{title} — {one_line(article.source)}" if title else one_line(article.source)
        articles.add_row(Text(ctx.key(article.id)), _text(article.id),
                         Text(article.published.isoformat() if article.published else "undated"),
                         _text(title))
    parts: list[RenderableType] = [summary, Text(), articles]
    hidden = len(result.corpus.articles) - len(listed)
    if hidden:
        parts.append(Text(f"… and {plural(hidden, 'more article')} (--verbose lists them all)", style="dim"))
    return Panel(Group(*parts), title="factlint", title_align="left")


def print_report(console: Console, result: CheckResult, options: ReportOptions, styled: bool) -> None:
    """Print the report to ``console`` (its width and styling already set)."""
    ctx = _Context(result, options, styled, console.width)
    shown = filter_findings(result.findings, options)
    console.print(_header(ctx, shown))
    timeline = build_timeline(result)
    if timeline:
        limit = None if options.verbose else MAX_TIMELINE_ROWS
        console.print(timeline_text(timeline, console.width, legend=False, max_rows=limit))
    console.print()
    if not shown:
        console.print(Text("No findings." if not options.filtered else "No findings match the filters.",
                           style="bold"))
        return
    for group in group_findings(shown):
        event = ctx.events.get(group.event) if group.event else None
        title = Text()
        if event is not None:
            title.append(f"{event.id} ", style="bold")
            title.append_text(_text(event.label, "bold"))
        else:
            title.append("Not tied to an event", style="bold")
        console.rule(title, align="left")
        if event is not None:
            console.print(Text("described by " + ", ".join(ctx.key(a) for a in event.articles), style="dim"))
        for topic in group.topics:
            for finding in topic.findings:
                console.print(render_finding(ctx, finding))
            console.print()
    counts = count_statuses(shown)
    tail = Text(plural(counts[Status.CONFLICT], "conflict"), style="bold red" if counts[Status.CONFLICT] else "")
    if counts[Status.INCONSISTENT]:
        tail.append(", ")
        tail.append(plural(counts[Status.INCONSISTENT], "inconsistency"), style="bold magenta")
    if not options.verbose and (counts[Status.AGREEMENT] or counts[Status.SINGLE_SOURCE]):
        tail.append("  (agreements and single-source claims are compact; --verbose expands them)", style="dim")
    console.print(tail)


def _console(file: IO[str], options: ReportOptions, styled: bool, width: int | None) -> Console:
    return Console(
        file=file,
        width=width,
        force_terminal=styled,
        no_color=not styled,
        color_system="auto" if styled else None,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
        legacy_windows=False,
    )


def _width(options: ReportOptions) -> int:
    if options.width:
        return max(40, options.width)
    if options.is_terminal():
        return max(40, shutil.get_terminal_size((80, 24)).columns)
    columns = os.environ.get("COLUMNS", "")
    return max(40, int(columns)) if columns.isdigit() else 80


def render_rich_report(result: CheckResult, options: ReportOptions) -> str:
    """The editor's report as a string (the registry's ``rich`` format).

    Styles, colours and file links only when :meth:`ReportOptions.use_color` (a terminal
    destination, no ``NO_COLOR``, colour not ``never``; or colour ``always``); otherwise
    plain text. Width: ``options.width``, else the terminal's, else ``$COLUMNS`` or 80.
    """
    styled = options.use_color()
    buffer = io.StringIO()
    print_report(_console(buffer, options, styled, _width(options)), result, options, styled)
    return buffer.getvalue()


def write_rich_report(result: CheckResult, options: ReportOptions, file: IO[str]) -> None:
    """Write the report to an open text stream."""
    file.write(render_rich_report(result, options))
    file.flush()


def render_rich(result: CheckResult, output: IO[str] | None = None, color: str = "auto",
                verbose: bool = False, width: int | None = None) -> None:
    """Compatibility wrapper (the CLI's first signature): print the report to ``output``
    (stdout when ``None``; a given stream counts as a terminal only if it is one)."""
    import sys

    stream = output or sys.stdout
    isatty = getattr(stream, "isatty", None)
    mode = color if color in ("auto", "always", "never") else "auto"
    options = ReportOptions(verbose=verbose, color=mode, width=width,  # type: ignore[arg-type]
                            terminal=bool(isatty and isatty()))
    write_rich_report(result, options, stream)
