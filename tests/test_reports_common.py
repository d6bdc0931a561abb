"""The shared report machinery: a sample result, the format registry, filters, grouping, timeline.

:func:`sample_result` builds a small check result by hand, with hostile article text in
titles, sources, sentences and quotes (rich markup, ANSI and OSC escapes, HTML, workflow
commands, percent escapes, newlines and pipes). The format tests import it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from checker.corpus import load_corpus
from checker.engine import CheckResult, run_check
from checker.events import Event, EventIndex
from checker.findings import Evidence, Finding, Severity, Status, fingerprint, sort_findings
from checker.model import Article, Corpus
from reports import FORMATS, ReportOptions, event_sort_key, filter_findings, group_findings, render
from reports.timeline import article_key, build_timeline, timeline_text
from rules import select_rules

HOSTILE = ("[bold]x[/] [link=http://evil]click[/link] \x1b[31mred\x1b[0m \x1b]8;;http://evil\x07osc\x1b]8;;\x07 "
           "<script>alert(1)</script> ::error::boom %0A | pipe |\nnew line")
"""Article text that must come out literally (or be neutralised) in every format."""


def evidence(article: Article, sentence: str, quote: str, display: str, line: int, kind: str = "duration",
             low: float | str | None = 2.0, high: float | str | None = 2.0, unit: str | None = "day",
             sentence_start: int = 40) -> Evidence:
    at = sentence.index(quote)
    return Evidence(
        article=article.id, path=article.path, line=line, column=at + 1, end_line=line,
        end_column=at + len(quote), quote=quote, sentence=sentence, kind=kind, low=low, high=high, unit=unit,
        display=display, start=sentence_start + at, end=sentence_start + at + len(quote),
        sentence_start=sentence_start, published=article.published.isoformat() if article.published else None)


def finding(rule: str, name: str, status: Status, severity: Severity, topic: str, message: str,
            sides: list[Evidence], event: str | None, confidence: float = 0.9) -> Finding:
    return Finding(rule=rule, name=name, status=status, severity=severity, topic=topic, message=message,
                   confidence=confidence,
                   fingerprint=fingerprint(rule, (topic,), [e.display for e in sides], [e.article for e in sides]),
                   event=event, claims=tuple(sides))


A1 = Article(id="a1", path="corpus/a1.txt", text="", title="[bold]Hostile[/] <script>alert(1)</script> title",
             source="Evil | News %0A ::error::x", published=dt.date(2023, 10, 18))
A2 = Article(id="a2", path="corpus/sub dir/a2.txt", text="", title=None, source="Example News",
             published=dt.date(2023, 10, 19))
A3 = Article(id="a3", path="corpus/a3.txt", text="", title="Line\nbreak \x1b[31mred\x1b[0m", published=None)
A4 = Article(id="a4", path="corpus/a4.txt", text="", title="Later visit", published=dt.date(2025, 7, 11))

S1 = f"Mr. Lavrov paid a two-day visit {HOSTILE} to Pyongyang."
S2 = "Lavrov begins a three-day visit | to Pyongyang [link=http://evil]here[/link]."
S3 = "More than 1,000 containers <b>were</b> shipped, it said."
S4 = "Some 1,000 containers were shipped."
S5 = "Sergei Lavrov\x1b[2J arrived @someone #12."
S6 = "Sergey Lavrov arrived."
S7 = "Lavrov's four-day visit in 2025 ::warning::x."


def sample_result() -> CheckResult:
    corpus = Corpus(articles=(A1, A2, A3, A4), roots=("corpus",))
    events = EventIndex(events=[
        Event(id="E1", family="visit|Sergei Lavrov", label="Sergei Lavrov's visit to North Korea (2023-10-18)",
              cls="visit", agent="Sergei Lavrov", place="North Korea", articles=("a1", "a2"),
              start="2023-10-18", end="2023-10-18", resolved=True,
              basis=(("a1", "'October 18, 2023'"), ("a2", "publication date"))),
        Event(id="E2", family="visit|Sergei Lavrov", label="Sergei Lavrov's visit [bold]x[/] (2025-07-11)",
              cls="visit", agent="Sergei Lavrov", place=None, articles=("a4",), start="2025-07-11",
              end="2025-07-11", resolved=True, basis=(("a4", "publication date"),)),
        Event(id="E10", family="trip|Lavrov", label="Lavrov's trip <i>x</i> (date unresolved)", cls="visit",
              agent="Lavrov", place=None, articles=("a3",), start=None, end=None, resolved=False,
              basis=(("a3", "none"),)),
    ])
    findings = [
        finding("DU01", "event-length", Status.CONFLICT, Severity.ERROR,
                "Sergei Lavrov's visit to North Korea: length",
                f"2 days vs 3 days: the sources disagree {HOSTILE}",
                [evidence(A1, S1, "two-day visit", "2 days", 3),
                 evidence(A2, S2, "three-day visit", "3 days", 7, low=3.0, high=3.0)], "E1"),
        finding("CT01", "count-mismatch", Status.AGREEMENT, Severity.INFO,
                "Sergei Lavrov's visit to North Korea: containers", "more than 1,000 and about 1,000 agree",
                [evidence(A1, S3, "More than 1,000 containers", "more than 1,000 container", 5, kind="quantity",
                          low=1000.0, high=None, unit=None),
                 evidence(A2, S4, "Some 1,000 containers", "about 1,000 container", 9, kind="quantity",
                          low=900.0, high=1100.0, unit=None)], "E1"),
        finding("NM01", "name-variants", Status.VARIANT, Severity.WARNING, "name: Sergei Lavrov",
                "spelled 'Sergei Lavrov' and 'Sergey Lavrov'",
                [evidence(A1, S5, "Sergei Lavrov", "Sergei Lavrov", 11, kind="entity", low=None, high=None,
                          unit=None),
                 evidence(A3, S6, "Sergey Lavrov", "Sergei Lavrov", 2, kind="entity", low=None, high=None,
                          unit=None)], None, confidence=0.7),
        finding("DU01", "event-length", Status.DISTINCT_EVENTS, Severity.INFO,
                "Sergei Lavrov's visit: length", "2 days (2023-10-18) and 4 days (2025-07-11) are different visits",
                [evidence(A1, S1, "two-day visit", "2 days", 3),
                 evidence(A4, S7, "four-day visit", "4 days", 4, low=4.0, high=4.0)], "E2", confidence=0.6),
        finding("DU01", "event-length", Status.SINGLE_SOURCE, Severity.INFO, "Lavrov's trip: length",
                "only a3 gives the length: 4 days",
                [evidence(A3, S7, "four-day visit", "4 days", 6, low=4.0, high=4.0)], "E10", confidence=0.4),
    ]
    return CheckResult(corpus=corpus, claims=[], events=events, findings=sort_findings(findings),
                       rules=select_rules())


# --- the registry ------------------------------------------------------------------------


def test_the_registry_lists_every_format() -> None:
    assert set(FORMATS) == {"rich", "json", "sarif", "github", "markdown", "junit", "html"}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_renders_the_sample_to_text(fmt: str) -> None:
    text = render(fmt, sample_result(), ReportOptions(width=80, color="never"))
    assert isinstance(text, str) and text.strip()
    assert text.endswith("\n")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_renders_an_empty_result(fmt: str) -> None:
    empty = CheckResult(Corpus(articles=()), [], EventIndex(), [], [])
    assert isinstance(render(fmt, empty, ReportOptions(color="never")), str)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_renders_a_real_run_on_a_small_corpus(fmt: str, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "---\npublished: 2023-10-18\n---\nLavrov begins a three-day visit to North Korea [bold]x[/].\n", "utf-8")
    (tmp_path / "b.txt").write_text(
        "---\npublished: 2023-10-19\n---\nMr. Lavrov paid a two-day visit <script>alert(1)</script>.\n", "utf-8")
    result = run_check(load_corpus([tmp_path]))
    assert isinstance(render(fmt, result, ReportOptions(color="never", width=80)), str)


def test_machine_formats_are_byte_identical_across_runs() -> None:
    for fmt in ("json", "sarif", "github", "markdown", "junit", "html"):
        assert render(fmt, sample_result()) == render(fmt, sample_result()), fmt


# --- filters ------------------------------------------------------------------------------

FILTERS = [
    # options                                          statuses kept (in the engine's order)
    (ReportOptions(), ["agreement", "conflict", "single-source", "distinct-events", "variant"]),
    (ReportOptions(only="conflicts"), ["conflict"]),
    (ReportOptions(only="agreements"), ["agreement"]),
    (ReportOptions(only="variants"), ["variant"]),
    (ReportOptions(rules=("DU",)), ["conflict", "single-source", "distinct-events"]),
    (ReportOptions(rules=("name-variants", "CT01")), ["agreement", "variant"]),
    (ReportOptions(articles=("a3",)), ["single-source", "variant"]),
    (ReportOptions(articles=("corpus/a4.txt",)), ["distinct-events"]),
    (ReportOptions(min_confidence=0.7), ["agreement", "conflict", "variant"]),
    (ReportOptions(only="conflicts", articles=("a4",)), []),
]


@pytest.mark.parametrize(("options", "statuses"), FILTERS)
def test_filters_keep_what_they_name(options: ReportOptions, statuses: list[str]) -> None:
    kept = filter_findings(sample_result().findings, options)
    assert [f.status.value for f in kept] == statuses


def test_filters_apply_to_every_format() -> None:
    result = sample_result()
    only = ReportOptions(only="agreements", color="never", width=80)
    assert "count-mismatch" in render("json", result, only)
    assert "event-length" not in render("json", result, only)
    assert "CONFLICT" not in render("rich", result, only)
    assert "<failure" not in render("junit", result, only)
    assert "DU01" not in render("github", result, only)


# --- grouping -----------------------------------------------------------------------------


def test_findings_are_grouped_by_event_with_conflicts_first() -> None:
    groups = group_findings(sample_result().findings)
    assert [g.event for g in groups] == ["E1", "E2", "E10", None]
    first = groups[0]
    assert [t.topic for t in first.topics] == ["Sergei Lavrov's visit to North Korea: length",
                                               "Sergei Lavrov's visit to North Korea: containers"]
    assert first.topics[0].has_conflict


def test_event_ids_sort_naturally() -> None:
    assert sorted(["E10", "E2", None, "E1"], key=event_sort_key) == ["E1", "E2", "E10", None]


# --- timeline -----------------------------------------------------------------------------


@pytest.mark.parametrize(("wanted", "placed"), [
    # (column, key) wanted in 10 cells       placed
    ([(0, "A"), (0, "B"), (1, "C")],          [(0, "A"), (2, "B"), (4, "C")]),
    ([(9, "A"), (9, "B")],                    [(7, "A"), (9, "B")]),
    ([(3, "AA"), (9, "B"), (9, "C")],         [(3, "AA"), (7, "B"), (9, "C")]),
])
def test_timeline_keys_never_touch(wanted: list[tuple[int, str]], placed: list[tuple[int, str]]) -> None:
    from reports.timeline import _place

    assert _place(wanted, 10) == placed


def test_article_keys_run_a_to_z_then_two_letters() -> None:
    assert [article_key(n) for n in (0, 1, 25, 26, 27, 701, 702)] == ["A", "B", "Z", "AA", "AB", "ZZ", "AAA"]


def test_timeline_rows_are_events_with_their_articles_on_their_dates() -> None:
    timeline = build_timeline(sample_result())
    assert [r.event for r in timeline.rows] == ["E1", "E2", "E10"]
    assert timeline.first == dt.date(2023, 10, 18) and timeline.last == dt.date(2025, 7, 11)
    e1, _, e10 = timeline.rows
    assert [(m.key, m.published) for m in e1.marks] == [("A", dt.date(2023, 10, 18)), ("B", dt.date(2023, 10, 19))]
    assert not e10.resolved and e10.marks[0].published is None


def test_the_timeline_chart_fits_the_width_and_says_what_is_unresolved() -> None:
    from rich.console import Console

    console = Console(width=80, record=True, color_system=None, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(timeline_text(build_timeline(sample_result()), 80))
    text = console.export_text()
    lines = text.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert "2023-10-18" in lines[1] and "2025-07-11" in lines[1]
    assert lines[2].startswith("E1 ")
    assert lines[3] == "   ━" + "·" * 75  # E1 at the left edge of the axis
    assert lines[4] == "   A B"  # a1 and a2, published on the first two days, a space apart
    assert lines[5].startswith("E2 ")
    assert lines[6] == "   " + "·" * 76  # E2 is dated by publication only: no bar, its article's mark
    assert lines[7] == "   " + " " * 75 + "D"  # a4 (key D)
    assert "date unresolved: C (undated)" in text  # E10: article a3
    assert "D a4 2025-07-11" in text  # the legend


# --- scale --------------------------------------------------------------------------------


def big_result(articles: int, events: int, findings: int) -> CheckResult:
    """Many articles, events and findings: the reports must stay fast and bounded."""
    arts = tuple(Article(id=f"{n:04d}_art", path=f"big/{n:04d}_art.txt", text="", title=f"Article {n}",
                         published=dt.date(2020, 1, 1) + dt.timedelta(days=n % 900) if n % 7 else None)
                 for n in range(articles))
    evs = [Event(id=f"E{n + 1}", family=f"visit|P{n}", label=f"P{n}'s visit", cls="visit", agent=f"P{n}",
                 place=None, articles=tuple(a.id for a in arts[n::events]),
                 start=(dt.date(2020, 1, 1) + dt.timedelta(days=n * 9)).isoformat(),
                 end=(dt.date(2020, 1, 3) + dt.timedelta(days=n * 9)).isoformat(), resolved=True)
           for n in range(events)]
    found = []
    for n in range(findings):
        a, b = arts[n % articles], arts[(n * 7 + 1) % articles]
        status = (Status.CONFLICT, Status.AGREEMENT, Status.SINGLE_SOURCE, Status.VARIANT)[n % 4]
        found.append(finding("CT01", "count-mismatch", status, Severity.ERROR, f"topic {n % 50}",
                             f"{n} vs {n + 1}", [evidence(a, S4, "1,000 containers", f"{n}", 1 + n % 40),
                                                 evidence(b, S4, "1,000 containers", f"{n + 1}", 2)],
                             f"E{1 + n % events}"))
    return CheckResult(Corpus(articles=arts, roots=("big",)), [], EventIndex(events=evs), sort_findings(found),
                       select_rules())


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_handles_a_large_result_quickly(fmt: str) -> None:
    import time

    result = big_result(articles=400, events=60, findings=800)
    began = time.perf_counter()
    text = render(fmt, result, ReportOptions(width=80, color="never"))
    assert time.perf_counter() - began < 20
    assert text


def test_the_rich_report_caps_the_article_list_and_timeline_unless_verbose() -> None:
    result = big_result(articles=400, events=60, findings=40)
    short = render("rich", result, ReportOptions(width=80, color="never"))
    assert "… and 360 more articles (--verbose lists them all)" in short
    assert "… and 30 more events" in short
    assert all(len(line) <= 80 for line in short.splitlines())
    full = render("rich", result, ReportOptions(width=80, color="never", verbose=True))
    assert "0399_art" in full and "more events" not in full


# --- writing ------------------------------------------------------------------------------


def test_write_report_writes_files_plain_and_streams_as_rendered(tmp_path: Path) -> None:
    import io

    from reports import write_report

    target = tmp_path / "report.txt"
    write_report("rich", sample_result(), ReportOptions(output=str(target)))
    text = target.read_text("utf-8")
    assert "CONFLICT" in text and "\x1b" not in text  # a file is not a terminal
    stream = io.StringIO()
    write_report("sarif", sample_result(), ReportOptions(), stream)
    assert stream.getvalue() == render("sarif", sample_result())


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_writes_exactly_its_rendered_text_to_a_file_and_a_stream(fmt: str, tmp_path: Path) -> None:
    import io

    from reports import STREAMERS, write_report

    result = big_result(300, 20, 400)
    options = ReportOptions(color="never", width=80, verbose=True)
    expected = render(fmt, result, options)
    stream = io.StringIO()
    write_report(fmt, result, options, stream)
    target = tmp_path / "report.out"
    to_file = dataclasses.replace(options, output=str(target))
    write_report(fmt, result, to_file)
    assert stream.getvalue() == expected
    # (the HTML page's links start from where it is written; the other formats do not depend on it)
    assert target.read_bytes() == render(fmt, result, to_file).encode("utf-8")
    assert (render(fmt, result, to_file) == expected) is (fmt != "html")
    if fmt in STREAMERS:  # the machine formats reach the stream in pieces, never whole
        pieces: list[str] = []
        STREAMERS[fmt](result, options, pieces.append)
        assert "".join(pieces) == expected and len(pieces) > 2


def test_an_unknown_format_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        render("yaml", sample_result())
