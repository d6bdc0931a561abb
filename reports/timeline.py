"""A timeline of the events found: which articles describe which event, on which dates.

:func:`build_timeline` turns a check result into plain data (one row per event, its span and
the articles describing it, each on its publication date); :func:`timeline_text` draws it
as a compact terminal chart and :func:`timeline_html` as an HTML fragment (no script).

Terminal chart (rows are events, a shared time axis, articles as short keys A, B, ...)::

    Timeline  ━ event dates  A,B… articles on their publication dates
       2023-10-18                                                        2025-07-13
    E1 Sergei Lavrov's visit to North Korea (2023-10-18)
       ━···························································· ...
       C E
    E2 Sergei Lavrov's visit to North Korea (2025-07-11)
       ··························································· ... ━·
                                                                          A B
    E3 Sergei Lavrov's trip (date unresolved)
       date unresolved: D (undated)
    A 000_3f22f62562d4bbba 2025-07-11   B 001_9308d7e73d83f95c 2025-07-13 ...
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass

import regex
from rich.console import Group
from rich.text import Text

from checker.engine import CheckResult
from checker.wording import plural

from . import event_sort_key
from .terminal import clean, one_line


@dataclass(frozen=True)
class TimelineMark:
    article: str
    key: str
    published: dt.date | None
    basis: str
    """How the article's time for the event was found ("'October 18, 2023'", "publication date", "none")."""


@dataclass(frozen=True)
class TimelineRow:
    event: str
    label: str
    start: dt.date | None
    end: dt.date | None
    resolved: bool
    marks: tuple[TimelineMark, ...]
    by_publication: bool = False
    """No article gives the event a date: no bar is drawn, its articles' marks are all there is."""


@dataclass(frozen=True)
class Timeline:
    rows: tuple[TimelineRow, ...]
    first: dt.date | None
    last: dt.date | None
    keys: tuple[tuple[str, str, dt.date | None], ...]
    """(key, article id, publication date) for every article of the corpus, in corpus order."""
    outside: tuple[str, ...]
    """Articles that describe none of the events."""

    def __bool__(self) -> bool:
        return bool(self.rows)


def article_key(index: int) -> str:
    """A, B, ..., Z, AA, AB, ...: short names for articles on the chart."""
    key = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        key = chr(ord("A") + rem) + key
    return key


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def build_timeline(result: CheckResult, events: Sequence[str] | None = None) -> Timeline:
    """The timeline of ``result``'s events (or of the event ids in ``events`` only)."""
    keys: dict[str, str] = {}
    published: dict[str, dt.date | None] = {}
    for n, article in enumerate(result.corpus.articles):
        keys[article.id] = article_key(n)
        published[article.id] = article.published
    rows: list[TimelineRow] = []
    dates: list[dt.date] = []
    described: set[str] = set()
    wanted = set(events) if events is not None else None
    for event in sorted(result.events.events, key=lambda e: event_sort_key(e.id)):
        if wanted is not None and event.id not in wanted:
            continue
        basis = dict(event.basis)
        marks = []
        for aid in event.articles:
            if aid not in keys:  # an article the corpus does not list: give it a key anyway
                keys[aid] = article_key(len(keys))
                published[aid] = None
            marks.append(TimelineMark(aid, keys[aid], published[aid], basis.get(aid, "")))
            described.add(aid)
        start, end = _date(event.start), _date(event.end)
        if start and not end:
            end = start
        if end and not start:
            start = end
        by_publication = event.resolved and all(basis.get(a) == "publication date" for a in event.articles)
        rows.append(TimelineRow(event.id, event.label, start, end, event.resolved, tuple(marks), by_publication))
        if not by_publication:
            dates.extend(d for d in (start, end) if d)
        dates.extend(m.published for m in marks if m.published)
    outside = tuple(a.id for a in result.corpus.articles if a.id not in described)
    key_list = tuple((keys[a], a, published[a]) for a in keys)
    return Timeline(tuple(rows), min(dates) if dates else None, max(dates) if dates else None, key_list, outside)


def _column(day: dt.date, first: dt.date, last: dt.date, cells: int) -> int:
    span = (last - first).days
    if span <= 0 or cells <= 1:
        return cells // 2
    return round((day - first).days / span * (cells - 1))


def _place(wanted: list[tuple[int, str]], cells: int) -> list[tuple[int, str]]:
    """Positions for labels wanted at columns, inside ``cells``, a space apart ("A B", never
    "AB", which would read as the article AB)."""
    placed: list[tuple[int, str]] = []
    edge = 0
    for col, label in sorted(wanted):
        pos = max(col, edge)
        placed.append((pos, label))
        edge = pos + len(label) + 1
    # push back from the right edge if needed
    limit = cells
    for i in range(len(placed) - 1, -1, -1):
        pos, label = placed[i]
        pos = max(0, min(pos, limit - len(label)))
        placed[i] = (pos, label)
        limit = pos - 1
    return placed


def _track(row: TimelineRow, timeline: Timeline, cells: int) -> tuple[Text, Text]:
    """Two lines: the axis with the event's span drawn on it, and the article keys under
    their publication dates."""
    first, last = timeline.first, timeline.last
    assert first is not None and last is not None
    bar = Text()
    a = b = -1
    if row.start and row.end and not row.by_publication:
        a = _column(row.start, first, last, cells)
        b = _column(row.end, first, last, cells)
        a, b = min(a, b), max(a, b)
    for i in range(cells):
        if a <= i <= b:
            bar.append("━", style="bold blue")
        else:
            bar.append("·", style="dim")
    marks = [" "] * cells
    dated = [(_column(m.published, first, last, cells), m.key) for m in row.marks if m.published]
    if sum(len(key) + 1 for _, key in dated) > cells + 1:  # too many to draw: say how many
        days = sorted(m.published for m in row.marks if m.published)
        return bar, Text(f"{plural(len(days), 'article')} published {days[0].isoformat()} to {days[-1].isoformat()}",
                         style="bold")
    for pos, label in _place(dated, cells):
        for i, ch in enumerate(label):
            if pos + i < cells:
                marks[pos + i] = ch
    return bar, Text("".join(marks).rstrip(), style="bold")


def timeline_text(timeline: Timeline, width: int = 80, legend: bool = True, max_rows: int | None = None) -> Group:
    """The chart as rich renderables, every line at most ``width`` columns; ``legend`` lists
    the article keys (the rich report leaves it out: its article table shows them);
    ``max_rows`` caps the number of events drawn."""
    indent = "   "
    cells = max(10, width - len(indent) - 1)
    lines: list[Text] = []
    head = Text("Timeline", style="bold")
    head.append("  ━ event dates  ", style="dim")
    head.append("A,B… articles on their publication dates", style="dim")
    head.truncate(width, overflow="ellipsis")
    lines.append(head)
    if not timeline.rows:
        lines.append(Text(indent + "no events found", style="dim"))
        return Group(*lines)
    first, last = timeline.first, timeline.last
    if first and last:
        left, right = first.isoformat(), last.isoformat()
        axis = left + " " * max(1, cells - len(left) - len(right)) + (right if last != first else "")
        lines.append(Text(indent + axis, style="dim"))
    rows = timeline.rows if max_rows is None else timeline.rows[:max_rows]
    for row in rows:
        label = Text(f"{row.event} ", style="bold")
        label.append(clean(one_line(row.label)))
        label.truncate(width, overflow="ellipsis")
        lines.append(label)
        undated = [m for m in row.marks if m.published is None]
        if row.resolved and first and last:
            bar, marks = _track(row, timeline, cells)
            lines.append(Text(indent).append_text(bar))
            if marks:
                lines.append(Text(indent).append_text(marks))
            if undated:
                lines.append(Text(indent + "undated: " + ", ".join(m.key for m in undated), style="dim"))
        else:
            parts = [f"{m.key} ({m.published.isoformat() if m.published else 'undated'})" for m in row.marks]
            note = Text(indent + "date unresolved: ", style="yellow")
            note.append(", ".join(parts))
            lines.append(note)
    if len(rows) < len(timeline.rows):
        lines.append(Text(f"… and {plural(len(timeline.rows) - len(rows), 'more event')}", style="dim"))
    if legend:
        lines.append(_legend(timeline, width))
    if timeline.outside:
        lines.append(Text("in no event: " + ", ".join(
            k for k, a, _ in timeline.keys if a in timeline.outside), style="dim"))
    return Group(*lines)


def _legend(timeline: Timeline, width: int) -> Text:
    legend = Text()
    used = 0
    for key, article, published in timeline.keys:
        item = f"{key} {clean(one_line(article))} {published.isoformat() if published else 'undated'}"
        if used and used + 3 + len(item) > width:
            legend.append("\n")
            used = 0
        elif used:
            legend.append("   ")
            used += 3
        legend.append(key, style="bold")
        legend.append(item[len(key):], style="dim")
        used += len(item)
    return legend


_DATE = regex.compile(r"\b\d{4}-\d{2}(?:-\d{2})?\b|\b\d{1,2}(?:–\d{1,2})? [A-Z][a-z]{2,8} \d{4}\b")


def nowrap_dates(escaped: str) -> str:
    """HTML text (already escaped) with every date ("2025-07-11", "11–13 Jul 2025") in a
    ``<span class="date">`` that the page never wraps."""
    return str(_DATE.sub(lambda m: f'<span class="date">{m.group(0)}</span>', escaped))


def _pct(day: dt.date, first: dt.date, last: dt.date) -> float:
    span = (last - first).days
    return 50.0 if span <= 0 else round((day - first).days / span * 100, 2)


MIN_TRACK_PX = 320
"""The narrowest track the HTML chart is laid out for: markers do not overlap on any wider one."""
_MARK_CHAR_PX = 9
_MARK_PAD_PX = 12
_MARK_GAP_PX = 4
LANE_PX = 24
"""Height of a lane of markers (a marker is 20 px high)."""


def html_marks(marks: Sequence[TimelineMark], first: dt.date, last: dt.date) -> list[tuple[float, int, str,
                                                                                         list[TimelineMark]]]:
    """Markers for the dated ``marks`` of a row: articles published on the same day share one
    (its label their keys, "C E"), and a marker that would touch the one before it on a track
    of :data:`MIN_TRACK_PX` goes to the next free lane below. ``(position %, lane, label, marks)``."""
    by_day: dict[dt.date, list[TimelineMark]] = {}
    for mark in marks:
        if mark.published is not None:
            by_day.setdefault(mark.published, []).append(mark)
    placed: list[tuple[float, int, str, list[TimelineMark]]] = []
    lane_ends: list[float] = []  # per lane, the right edge (in px of the narrowest track) of its last marker
    for day in sorted(by_day):
        group = by_day[day]
        label = " ".join(m.key for m in group)
        pos = _pct(day, first, last)
        half = (len(label) * _MARK_CHAR_PX + _MARK_PAD_PX) / 2
        centre = pos / 100 * MIN_TRACK_PX
        lane = next((n for n, end in enumerate(lane_ends) if centre - half >= end + _MARK_GAP_PX), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(0.0)
        lane_ends[lane] = centre + half
        placed.append((pos, lane, label, group))
    return placed


def timeline_html(timeline: Timeline) -> str:
    """The chart as an HTML fragment (styles in :data:`TIMELINE_CSS`); all text escaped."""
    e = html.escape
    out = ['<section class="timeline"><h2>Timeline</h2>']
    if not timeline.rows:
        out.append('<p class="muted">No events found.</p></section>')
        return "".join(out)
    first, last = timeline.first, timeline.last
    out.append('<p class="muted">Bars: the event dates (none for an event dated by publication only). '
               'Markers: the articles describing it, on their publication dates.</p>')
    if first and last:
        out.append(f'<div class="tl-axis"><span class="date">{e(first.isoformat())}</span>'
                   f'<span class="date">{e(last.isoformat()) if last != first else ""}</span></div>')
    for row in timeline.rows:
        out.append(f'<div class="tl-row"><div class="tl-label"><b>{e(row.event)}</b> '
                   f'{nowrap_dates(e(clean(row.label)))}</div>')
        if row.resolved and first and last and row.start and row.end:
            a, b = _pct(row.start, first, last), _pct(row.end, first, last)
            placed = html_marks(row.marks, first, last)
            lanes = 1 + max((lane for _, lane, _, _ in placed), default=0)
            out.append(f'<div class="tl-track" style="height:{LANE_PX * lanes}px">')
            if not row.by_publication:
                out.append(f'<span class="tl-bar" style="left:{a}%;width:max({round(b - a, 2)}%,4px)" '
                           f'title="{e(row.start.isoformat())} to {e(row.end.isoformat())}"></span>')
            for pos, lane, label, group in placed:
                title = "; ".join(f"{m.key}: {m.article} published {m.published.isoformat() if m.published else ''}"
                                  f", event date from {m.basis}" for m in group)
                out.append(f'<span class="tl-mark" style="left:{pos}%;top:{LANE_PX * lane}px" '
                           f'title="{e(clean(title))}">{e(label)}</span>')
            out.append("</div>")
            undated = [m for m in row.marks if m.published is None]
            if undated:
                out.append('<div class="muted">undated: ' + ", ".join(
                    f'<span title="{e(clean(m.article))}">{e(m.key)}</span>' for m in undated) + "</div>")
        else:
            parts = [f'<span title="{e(clean(m.article))}">{e(m.key)}</span> '
                     f'(<span class="date">{e(m.published.isoformat()) if m.published else "undated"}</span>)'
                     for m in row.marks]
            out.append('<div class="tl-unresolved">date unresolved: ' + ", ".join(parts) + "</div>")
        out.append("</div>")
    out.append('<table class="tl-legend"><tr><th>key</th><th>article</th><th>published</th></tr>')
    for key, article, published in timeline.keys:
        out.append(f"<tr><td><b>{e(key)}</b></td><td>{e(clean(article))}</td>"
                   f"<td class=\"date\">{e(published.isoformat()) if published else 'undated'}</td></tr>")
    out.append("</table>")
    if timeline.outside:
        out.append('<p class="muted">In no event: ' + ", ".join(e(clean(a)) for a in timeline.outside) + "</p>")
    out.append("</section>")
    return "".join(out)


TIMELINE_CSS = """
.timeline .tl-axis{display:flex;justify-content:space-between;color:#666;font-size:.85em;margin-left:0}
.timeline .tl-row{margin:.6em 0}
.timeline .tl-track{position:relative;height:24px;background:repeating-linear-gradient(90deg,#eee 0 1px,
transparent 1px 10%);border-bottom:1px solid #ccc;margin:.2em 1.2em .2em 0}
.timeline .tl-bar{position:absolute;top:8px;height:8px;background:#2b6cb0;border-radius:3px;min-width:4px}
.timeline .tl-mark{position:absolute;top:0;transform:translateX(-50%);font-weight:bold;font-size:.8em;
line-height:18px;white-space:nowrap;background:#fff;border:1px solid #2b6cb0;border-radius:3px;padding:0 3px}
.timeline .tl-unresolved{color:#975a16}.date{white-space:nowrap}
.timeline .tl-legend td,.timeline .tl-legend th{padding:0 .8em 0 0;text-align:left}
"""
