"""One self-contained HTML page (``--format html``): the rich report's content plus the timeline.

No external assets and no script: inline CSS, native ``<details>`` for compact findings, and
a Content-Security-Policy that forbids scripts altogether. Every piece of article text (and
of metadata: ids, paths, titles, sources) goes through :func:`esc` (control sequences
removed, then :func:`html.escape` with quotes), so ``<script>`` in an article shows as text.
Location links are relative hrefs (percent-encoded) from the directory the page is written
to (``-o``; the working directory when it goes to stdout) to the article files, so they work
wherever the page is written. Dates never wrap inside (``2025-07-`` / ``11``).
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from urllib.parse import quote

from checker import __version__
from checker.engine import CheckResult
from checker.events import Event
from checker.findings import Evidence, Finding, Status
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
)
from .junit import xml_text
from .terminal import one_line
from .timeline import TIMELINE_CSS, article_key, build_timeline, nowrap_dates, timeline_html

QUOTE_CHARS = 240

_CLASSES = {
    Status.CONFLICT: "conflict",
    Status.INCONSISTENT: "inconsistent",
    Status.DISTINCT_EVENTS: "distinct",
    Status.VARIANT: "variant",
    Status.UNDETERMINED: "undetermined",
    Status.AGREEMENT: "agreement",
    Status.SINGLE_SOURCE: "single",
}
VERDICTS = {status: (STATUS_LABELS[status], cls) for status, cls in _CLASSES.items()}

CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1100px;
padding:1em 1.5em;color:#1a202c;background:#fff}
h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.2em;border-bottom:1px solid #ddd;padding-bottom:.2em;
margin-top:1.6em}h3{font-size:1em;margin:.2em 0;display:inline}
.muted{color:#666}table{border-collapse:collapse}
.summary td,.summary th{padding:.1em 1em .1em 0;text-align:left;vertical-align:top}
.articles td,.articles th{padding:.2em .8em .2em 0;text-align:left;vertical-align:top;border-bottom:1px solid #eee}
.finding{margin:.8em 0 1.2em;padding:.6em .8em;border-left:4px solid #ccc;background:#fafafa}
.finding.conflict{border-color:#c53030}.finding.variant{border-color:#b7791f}
.finding.distinct{border-color:#2c7a7b}.finding.agreement{border-color:#2f855a}
.finding.inconsistent{border-color:#97266d}
.badge{display:inline-block;font-weight:bold;font-size:.8em;padding:.05em .5em;border-radius:3px;color:#fff;
background:#718096;margin-right:.5em}
.conflict .badge{background:#c53030}.variant .badge{background:#b7791f}.distinct .badge{background:#2c7a7b}
.agreement .badge{background:#2f855a}.inconsistent .badge{background:#97266d}
.undetermined .badge{background:#e2e8f0;color:#1a202c}
.meta{font-size:.85em;color:#666}.reason{margin:.3em 0}
.sources{width:100%;margin-top:.3em}.sources td,.sources th{text-align:left;vertical-align:top;
padding:.25em .8em .25em 0;border-top:1px solid #e2e2e2}
.sources td.value{font-weight:bold}.date{white-space:nowrap}.loc{font-family:ui-monospace,monospace;font-size:.85em}
mark{background:#fefcbf;font-weight:bold;padding:0 1px}
details>summary{cursor:pointer}
""" + TIMELINE_CSS


def esc(text: str | None) -> str:
    """Untrusted text for HTML text or a quoted attribute."""
    return html.escape(xml_text(text or ""), quote=True)


def prose(value: str | None) -> str:
    """Untrusted text for HTML text (not an attribute), with every date kept on one line."""
    return nowrap_dates(esc(value))


def href_to(path: str, base: str) -> str:
    """A percent-encoded link to the file ``path`` (relative to the working directory, or
    absolute) from the directory ``base``: relative when it can be, else a ``file:`` URI."""
    target = os.path.abspath(path)
    try:
        relative = os.path.relpath(target, base)
    except ValueError:  # another drive
        return Path(target).as_uri()
    return quote(xml_text(relative).replace("\\", "/"), safe="/")


def _excerpt(evidence: Evidence, width: int = QUOTE_CHARS) -> str:
    sentence = evidence.sentence
    start = evidence.start - evidence.sentence_start
    end = evidence.end - evidence.sentence_start
    if not (0 <= start <= end <= len(sentence)) or sentence[start:end] != evidence.quote:
        found = sentence.find(evidence.quote) if evidence.quote else -1
        if found < 0:
            return prose(one_line(sentence[:width]))
        start, end = found, found + len(evidence.quote)
    prefix = suffix = ""
    if len(sentence) > width:
        lo = max(0, min(start - width // 3, len(sentence) - width))
        hi = min(len(sentence), max(lo + width, end))
        prefix = "…" if lo > 0 else ""
        suffix = "…" if hi < len(sentence) else ""
        sentence, start, end = sentence[lo:hi], start - lo, end - lo
    return (f"{prefix}{prose(sentence[:start])}<mark>{prose(sentence[start:end])}</mark>"
            f"{prose(sentence[end:])}{suffix}")


class _Page:
    def __init__(self, result: CheckResult, options: ReportOptions) -> None:
        self.result = result
        self.options = options
        self.keys = {a.id: article_key(n) for n, a in enumerate(result.corpus.articles)}
        self.events: dict[str, Event] = {e.id: e for e in result.events.events}
        self.articles: dict[str, Article] = {a.id: a for a in result.corpus.articles}
        self.base = os.path.dirname(os.path.abspath(options.output)) if options.output else os.getcwd()

    def article(self, article_id: str) -> str:
        article = self.articles.get(article_id)
        name = article.title if article and article.title else article_id
        date = article.published.isoformat() if article and article.published else "undated"
        return (f'<b>{esc(self.keys.get(article_id, "?"))}</b> {esc(one_line(name))} '
                f'<span class="muted date">({esc(date)})</span>')

    def location(self, evidence: Evidence) -> str:
        where = f"{one_line(evidence.path)}:{evidence.line}:{evidence.column}"
        return f'<a class="loc" href="{esc(href_to(evidence.path, self.base))}">{esc(where)}</a>'

    def sources(self, finding: Finding) -> str:
        rows = ['<table class="sources"><tr><th>source</th><th>quote</th><th>value</th></tr>']
        for evidence in finding.claims:
            rows.append(f"<tr><td>{self.article(evidence.article)}<br>{self.location(evidence)}</td>"
                        f"<td>{_excerpt(evidence)}</td><td class=\"value\">{prose(evidence.display)}</td></tr>")
        rows.append("</table>")
        return "".join(rows)

    def finding(self, finding: Finding) -> str:
        label, cls = VERDICTS[finding.status]
        head = f'<span class="badge">{label}</span><h3>{prose(finding.topic)}</h3>'
        short = f'<span class="badge">{label}</span><b>{prose(finding.topic)}</b>'
        meta = (f'<div class="meta">{esc(finding.rule)} {esc(finding.name)} · {esc(finding.severity.value)} · '
                f"confidence {finding.confidence:.2f} · fingerprint {esc(finding.fingerprint)}</div>")
        reason = f'<p class="reason">{prose(one_line(finding.message))}</p>'
        compact = finding.status in COMPACT_STATUSES
        if compact:
            values: list[str] = []
            for evidence in finding.claims:
                if evidence.display not in values:
                    values.append(evidence.display)
            who = ", ".join(esc(self.keys.get(a, "?")) for a in finding.articles)
            opened = " open" if self.options.verbose else ""
            return (f'<div class="finding {cls}"><details{opened}><summary>{short} — '
                    f'{prose(" / ".join(values))} — {who}</summary>{meta}{reason}{self.sources(finding)}'
                    f"</details></div>")
        return f'<div class="finding {cls}">{head}{meta}{reason}{self.sources(finding)}</div>'

    def header(self, shown: list[Finding]) -> str:
        result = self.result
        counts = count_statuses(shown)
        names = count_name_variants(shown)
        out = ['<table class="summary">']
        out.append(f"<tr><th>Corpus</th><td>{esc(', '.join(result.corpus.roots) or '-')}</td></tr>")
        out.append(f"<tr><th>Articles</th><td>{len(result.corpus.articles)} "
                   f"({plural(len(result.claims), 'claim')})</td></tr>")
        unresolved = sum(not e.resolved for e in result.events.events)
        out.append(f"<tr><th>Events</th><td>{len(result.events.events)}"
                   f"{f', {unresolved} with no date' if unresolved else ''}</td></tr>")
        found = [plural(counts[Status.CONFLICT], "conflict")]
        if counts[Status.INCONSISTENT]:
            found.append(plural(counts[Status.INCONSISTENT], "inconsistency"))
        found += [plural(counts[Status.AGREEMENT], "agreement"),
                  plural(counts[Status.SINGLE_SOURCE], "single-source claim"),
                  plural(names, "name variant")]
        if counts[Status.VARIANT] - names:
            found.append(plural(counts[Status.VARIANT] - names, "other variant"))
        found.append(plural(counts[Status.DISTINCT_EVENTS], "distinct-event pair"))
        if counts[Status.UNDETERMINED]:
            found.append(plural(counts[Status.UNDETERMINED], "undetermined event"))
        out.append(f"<tr><th>Findings</th><td>{' · '.join(found)}</td></tr>")
        if self.options.filtered:
            out.append(f"<tr><th>Shown</th><td>{len(shown)} of {plural(len(result.findings), 'finding')} (filtered)"
                       "</td></tr>")
        out.append("</table>")
        out.append('<h2>Articles</h2><table class="articles"><tr><th></th><th>article</th><th>published</th>'
                   "<th>title</th><th>source</th><th>file</th></tr>")
        for article in result.corpus.articles:
            out.append(
                f"<tr><td><b>{esc(self.keys[article.id])}</b></td><td>{esc(article.id)}</td>"
                f"<td class=\"date\">{esc(article.published.isoformat()) if article.published else 'undated'}</td>"
                f"<td>{esc(one_line(article.title or ''))}</td><td>{esc(one_line(article.source or ''))}</td>"
                f"<td class=\"loc\">{esc(article.path)}</td></tr>")
        out.append("</table>")
        return "".join(out)

    def body(self) -> str:
        shown = filter_findings(self.result.findings, self.options)
        parts = [f"<h1>factlint report</h1><p class=\"muted\">factlint {esc(__version__)}</p>",
                 self.header(shown), timeline_html(build_timeline(self.result)), "<h2>Findings</h2>"]
        if not shown:
            parts.append("<p>No findings.</p>" if not self.options.filtered
                         else "<p>No findings match the filters.</p>")
        for group in group_findings(shown):
            event = self.events.get(group.event) if group.event else None
            if event is not None:
                parts.append(f'<section class="event"><h2>{esc(event.id)} {prose(event.label)}</h2>'
                             f'<p class="muted">described by '
                             f'{", ".join(esc(self.keys.get(a, a)) for a in event.articles)}</p>')
            else:
                parts.append('<section class="event"><h2>Not tied to an event</h2>')
            for topic in group.topics:
                parts.extend(self.finding(f) for f in topic.findings)
            parts.append("</section>")
        return "\n".join(parts)


def render_html(result: CheckResult, options: ReportOptions | None = None) -> str:
    """The HTML page as a string (the registry's ``html`` format)."""
    page = _Page(result, options or ReportOptions())
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "img-src data:\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>factlint report</title><style>{CSS}</style></head>\n<body>\n{page.body()}\n</body></html>\n"
    )
