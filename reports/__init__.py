"""Renderers: each takes the same structured result and writes one format. Rules never format text.

The registry
============

:data:`FORMATS` maps a format name to a renderer with one signature::

    render(result: CheckResult, options: ReportOptions) -> str

===========  ===================================  ==========================================
name         function                             output
===========  ===================================  ==========================================
``rich``     ``reports.rich_report.render_rich_report``  the editor's terminal report (ANSI
                                                  styles and links only when the destination
                                                  is a terminal and colour is allowed)
``json``     ``reports.json_report.render_json``  the JSON contract of the README
``sarif``    ``reports.sarif.render_sarif``       SARIF 2.1.0 for GitHub code scanning
``github``   ``reports.github.render_github``     GitHub Actions workflow commands (annotations)
``markdown`` ``reports.markdown.render_markdown`` a pull-request comment
``junit``    ``reports.junit.render_junit``       JUnit XML, one test case per topic
``html``     ``reports.html.render_html``         one self-contained HTML page
===========  ===================================  ==========================================

:data:`STREAMERS` gives the machine formats ``json`` and ``sarif`` a second form that writes the
same text in pieces as it is made (``stream(result, options, write)``); :func:`write_report`
uses it, so that the report of a large corpus is never held whole in memory.

Every renderer applies :func:`filter_findings` (``--only``, ``--rule``, ``--article``,
``--min-confidence``) to ``result.findings`` itself; pass the unfiltered result.

For the CLI::

    from reports import FORMATS, ReportOptions, write_report, progress_bar

    options = ReportOptions(verbose=args.verbose, color=args.color, output=args.output, ...)
    with progress_bar(len(corpus.articles)) as advance:        # transient bar on stderr
        result = run_check(corpus, rules, progress=advance)
    write_report(args.format, result, options)                 # to options.output or stdout

    # in GitHub Actions, next to --format github:
    from reports.github import append_step_summary
    append_step_summary(result, options, os.environ.get("GITHUB_STEP_SUMMARY"))

The submodules are imported lazily, so ``--format json`` does not import rich.
"""

from __future__ import annotations

import os
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, Literal

from checker.findings import STATUS_ORDER, Finding, Status, names_article

from .jsontext import Writer

if TYPE_CHECKING:
    from checker.engine import CheckResult

ColorMode = Literal["auto", "always", "never"]
OnlyMode = Literal["conflicts", "inconsistencies", "agreements", "variants"]

ONLY_STATUS: dict[str, Status] = {
    "conflicts": Status.CONFLICT,
    "inconsistencies": Status.INCONSISTENT,
    "agreements": Status.AGREEMENT,
    "variants": Status.VARIANT,
}

PROBLEM_STATUSES: frozenset[Status] = frozenset({Status.CONFLICT, Status.INCONSISTENT, Status.VARIANT})
"""Statuses the machine formats (SARIF, GitHub annotations) report as problems."""

FAILURE_STATUSES: frozenset[Status] = frozenset({Status.CONFLICT, Status.INCONSISTENT})
"""Statuses that fail by default (``fail-on``); JUnit reports their topics as failures."""

STATUS_LABELS: dict[Status, str] = {
    Status.CONFLICT: "CONFLICT",
    Status.INCONSISTENT: "INCONSISTENT",
    Status.DISTINCT_EVENTS: "DISTINCT EVENTS",
    Status.VARIANT: "VARIANT",
    Status.UNDETERMINED: "UNDETERMINED",
    Status.AGREEMENT: "AGREES",
    Status.SINGLE_SOURCE: "SINGLE SOURCE",
}
"""The badge of each status in the human formats (rich, HTML, Markdown)."""

COMPACT_STATUSES: frozenset[Status] = frozenset({Status.AGREEMENT, Status.SINGLE_SOURCE})
"""Findings the human formats show on one line unless ``verbose``."""


@dataclass(frozen=True)
class ReportOptions:
    """How to render a check result; shared by every format.

    ``only``, ``rules``, ``articles`` and ``min_confidence`` filter the findings (see
    :func:`filter_findings`). ``color``, ``width`` and ``verbose`` shape the human formats.
    ``output`` is the file to write (``None``: stdout); ``terminal`` says whether the
    destination is a terminal (``None``: detected from stdout when ``output`` is ``None``).
    """

    verbose: bool = False
    color: ColorMode = "auto"
    width: int | None = None
    only: OnlyMode | None = None
    rules: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    min_confidence: float = 0.0
    output: str | None = None
    terminal: bool | None = None

    @property
    def filtered(self) -> bool:
        return bool(self.only or self.rules or self.articles or self.min_confidence > 0)

    def is_terminal(self) -> bool:
        if self.terminal is not None:
            return self.terminal
        if self.output is not None:
            return False
        isatty = getattr(sys.stdout, "isatty", None)
        return bool(isatty and isatty())

    def use_color(self) -> bool:
        """Styles, colours and links: never with ``never``, always with ``always``; with
        ``auto`` only on a terminal and when ``NO_COLOR`` is not set."""
        if self.color == "never":
            return False
        if self.color == "always":
            return True
        return self.is_terminal() and "NO_COLOR" not in os.environ


Renderer = Callable[["CheckResult", ReportOptions], str]
Streamer = Callable[["CheckResult", ReportOptions, Writer], None]


def _rule_matches(finding: Finding, selector: str) -> bool:
    from rules import finding_matches  # the one matcher of select, ignore and [rules.X]

    return finding_matches(finding.rule, finding.name, selector)


def _article_matches(finding: Finding, wanted: Sequence[str]) -> bool:
    return any(names_article(name, evidence.article, evidence.path) for evidence in finding.claims for name in wanted)


def filter_findings(findings: Iterable[Finding], options: ReportOptions) -> list[Finding]:
    """The findings a report shows, in their order.

    - ``only``: ``conflicts``, ``agreements`` or ``variants`` keeps that status only;
    - ``rules``: codes, code prefixes (``DT``), names (``event-length``) or groups (``dates``),
      any of them, matched as ``--select`` matches them (:func:`rules.selector_matches`);
    - ``articles``: short ids as in the messages (``003``), article ids or paths; a finding
      stays when one of its sides is there;
    - ``min_confidence``: findings at least that confident.
    """
    wanted_status = ONLY_STATUS[options.only] if options.only else None
    rules = [r for r in options.rules if r.strip()]
    out: list[Finding] = []
    for finding in findings:
        if wanted_status is not None and finding.status is not wanted_status:
            continue
        if rules and not any(_rule_matches(finding, r) for r in rules):
            continue
        if options.articles and not _article_matches(finding, options.articles):
            continue
        if finding.confidence + 1e-9 < options.min_confidence:
            continue
        out.append(finding)
    return out


def count_statuses(findings: Iterable[Finding]) -> dict[Status, int]:
    counts = dict.fromkeys(Status, 0)
    for finding in findings:
        counts[finding.status] += 1
    return counts


def count_name_variants(findings: Iterable[Finding]) -> int:
    """Variants of names (NM rules), to be told apart from other variants (units, updated tolls)."""
    return sum(f.status is Status.VARIANT and f.rule.startswith("NM") for f in findings)


_NUM = re.compile(r"(\d+)")


def event_sort_key(event_id: str | None) -> tuple[int, tuple[object, ...]]:
    """Natural order of event ids (E2 before E10); findings without an event last."""
    if event_id is None:
        return (1, ())
    parts = tuple(int(p) if p.isdigit() else p for p in _NUM.split(event_id))
    return (0, parts)


@dataclass(frozen=True)
class TopicGroup:
    topic: str
    findings: tuple[Finding, ...]

    @property
    def has_conflict(self) -> bool:
        return any(f.status is Status.CONFLICT for f in self.findings)


@dataclass(frozen=True)
class EventGroup:
    event: str | None
    topics: tuple[TopicGroup, ...]

    @property
    def findings(self) -> Iterator[Finding]:
        for topic in self.topics:
            yield from topic.findings

    @property
    def conflicts(self) -> int:
        return sum(f.status is Status.CONFLICT for f in self.findings)

    @property
    def failing(self) -> int:
        """Conflicts and inconsistencies: the findings that fail by default."""
        return sum(f.status in FAILURE_STATUSES for f in self.findings)


def group_findings(findings: Iterable[Finding]) -> list[EventGroup]:
    """Findings grouped by event, then topic; events with conflicts or inconsistencies come
    first, topics in the order of their most pressing finding, and within a topic conflicts
    first (then inconsistencies, distinct events, variants, undetermined events, agreements,
    single-source). Deterministic."""
    by_event: dict[str | None, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for finding in findings:
        by_event[finding.event][finding.topic].append(finding)
    groups: list[EventGroup] = []
    for event_id, topics in by_event.items():
        topic_groups = [
            TopicGroup(topic, tuple(sorted(items, key=lambda f: (STATUS_ORDER[f.status], f.rule, f.fingerprint))))
            for topic, items in topics.items()
        ]
        topic_groups.sort(key=lambda t: (min(STATUS_ORDER[f.status] for f in t.findings), t.topic))
        groups.append(EventGroup(event_id, tuple(topic_groups)))
    groups.sort(key=lambda g: (g.failing == 0, event_sort_key(g.event)))
    return groups


# --- the registry (lazy imports keep `--format json` light) ----------------------------


def _rich(result: CheckResult, options: ReportOptions) -> str:
    from .rich_report import render_rich_report

    return render_rich_report(result, options)


def _filtered(result: CheckResult, options: ReportOptions) -> CheckResult:
    import dataclasses

    if options.filtered:
        result = dataclasses.replace(result, findings=filter_findings(result.findings, options))
    return result


def json_document(result: CheckResult, options: ReportOptions) -> dict[str, Any]:
    """The document of ``--format json`` (the findings the report options keep), before it is
    written: the CLI adds its ``baseline`` object to it."""
    from .json_report import check_document

    return check_document(_filtered(result, options))


def _json(result: CheckResult, options: ReportOptions) -> str:
    from .json_report import render_json

    return render_json(_filtered(result, options))


def _sarif(result: CheckResult, options: ReportOptions) -> str:
    from .sarif import render_sarif

    return render_sarif(result, options)


def _github(result: CheckResult, options: ReportOptions) -> str:
    from .github import render_github

    return render_github(result, options)


def _json_stream(result: CheckResult, options: ReportOptions, write: Writer) -> None:
    from .json_report import write_json

    write_json(_filtered(result, options), write)


def _sarif_stream(result: CheckResult, options: ReportOptions, write: Writer) -> None:
    from .sarif import write_sarif

    write_sarif(result, options, write)


def _markdown(result: CheckResult, options: ReportOptions) -> str:
    from .markdown import render_markdown

    return render_markdown(result, options)


def _junit(result: CheckResult, options: ReportOptions) -> str:
    from .junit import render_junit

    return render_junit(result, options)


def _html(result: CheckResult, options: ReportOptions) -> str:
    from .html import render_html

    return render_html(result, options)


FORMATS: dict[str, Renderer] = {
    "rich": _rich,
    "json": _json,
    "sarif": _sarif,
    "github": _github,
    "markdown": _markdown,
    "junit": _junit,
    "html": _html,
}


STREAMERS: dict[str, Streamer] = {
    "json": _json_stream,
    "sarif": _sarif_stream,
}
"""Formats that can be written in pieces as they are made (the same text as :data:`FORMATS`
gives): the machine formats, whose text on a large corpus is too large to hold twice."""


def render(fmt: str, result: CheckResult, options: ReportOptions | None = None) -> str:
    """Render ``result`` in format ``fmt`` (a key of :data:`FORMATS`); ``KeyError`` otherwise."""
    return FORMATS[fmt](result, options or ReportOptions())


def write_report(fmt: str, result: CheckResult, options: ReportOptions, stream: IO[str] | None = None) -> None:
    """Render and write: to ``options.output`` (UTF-8, ``\\n`` line ends) or to ``stream``
    (default stdout). A rich report written to a file is plain text unless ``color`` is
    ``always``. The formats of :data:`STREAMERS` are written in pieces as they are made."""
    streamer = STREAMERS.get(fmt)
    # Any other format is rendered whole before the file is opened (a failure leaves it as it was).
    text = render(fmt, result, options) if streamer is None else ""

    def emit(write: Writer) -> None:
        if streamer is not None:
            streamer(result, options, write)
        else:
            write(text)

    if options.output:
        with open(options.output, "w", encoding="utf-8", newline="\n") as handle:
            emit(handle.write)
        return
    out = stream or sys.stdout
    emit(out.write)
    out.flush()


@contextmanager
def progress_bar(total: int, enabled: bool | None = None, description: str = "reading articles",
                 stream: IO[str] | None = None) -> Iterator[Callable[[int], None]]:
    """A transient progress bar on stderr; yields ``advance(n)``.

    ``enabled=None`` shows it only when stderr is a terminal; a disabled bar yields a
    no-op, so the call site is the same either way. The bar disappears when done.
    """
    err = stream or sys.stderr
    if enabled is None:
        isatty = getattr(err, "isatty", None)
        enabled = bool(isatty and isatty())
    if not enabled or total <= 0:

        def ignore(n: int = 1) -> None:
            return None

        yield ignore
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(file=err, highlight=False, emoji=False)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True) as progress:
        task = progress.add_task(description, total=total)

        def advance(n: int = 1) -> None:
            progress.advance(task, n)

        yield advance


__all__ = [
    "COMPACT_STATUSES",
    "FAILURE_STATUSES",
    "FORMATS",
    "PROBLEM_STATUSES",
    "STATUS_LABELS",
    "STREAMERS",
    "EventGroup",
    "Renderer",
    "ReportOptions",
    "Streamer",
    "TopicGroup",
    "count_name_variants",
    "count_statuses",
    "event_sort_key",
    "filter_findings",
    "group_findings",
    "progress_bar",
    "render",
    "write_report",
]
