"""The editor's terminal report: readable at 80 columns, article text shown literally."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest
from rich.cells import cell_len

from checker.corpus import load_corpus
from checker.engine import CheckResult, run_check
from checker.findings import Status
from reports import ReportOptions, progress_bar, render
from reports.rich_report import highlighted_sentence, render_rich

from .test_reports_common import sample_result


def plain(**kwargs: object) -> str:
    options = ReportOptions(**{"width": 80, "color": "never", **kwargs})  # type: ignore[arg-type]
    return render("rich", sample_result(), options)


def styled(**kwargs: object) -> str:
    options = ReportOptions(**{"width": 80, "color": "always", **kwargs})  # type: ignore[arg-type]
    return render("rich", sample_result(), options)


def test_no_line_exceeds_80_columns() -> None:
    for text in (plain(), plain(verbose=True), styled()):
        from rich.text import Text

        for line in Text.from_ansi(text).plain.splitlines():
            assert cell_len(line) <= 80, line


@pytest.mark.parametrize("expected", [
    # the header: corpus, articles with dates and sources, events, counts
    "Corpus    corpus", "2023-10-19", "undated", "Example News", "3 events, 1 with no date",
    "1 conflict", "1 agreement", "1 single-source claim", "1 name variant",
    # a conflict: verdict, topic, reason, sources with locations, quote with the value, values
    "CONFLICT  Sergei Lavrov's visit to North Korea: length", "2 days vs 3 days: the sources disagree",
    "corpus/a1.txt:3:19", "corpus/sub dir/a2.txt:7:17", "Mr. Lavrov paid a «two-day visit»", "3 days",
    # the timeline and the event headings
    "Timeline", "E10 Lavrov's trip <i>x</i> (date unresolved)", "Not tied to an event",
])
def test_the_plain_report_shows(expected: str) -> None:
    assert expected in plain()


@pytest.mark.parametrize("hostile", [
    "[bold]x[/]", "[link=http://evil]click[/link]", "<script>alert(1)</script>", "[bold]Hostile[/]",
    "Sergei Lavrov's visit [bold]x[/]",
])
def test_markup_in_article_text_is_shown_literally(hostile: str) -> None:
    assert hostile in plain()
    assert hostile in styled()  # not interpreted even when styles are on


def test_plain_output_has_no_escape_sequences_at_all() -> None:
    assert "\x1b" not in plain() and "\x07" not in plain()


def test_styled_output_keeps_its_own_styles_but_none_from_the_article() -> None:
    out = styled()
    assert "\x1b[" in out  # factlint's own colours
    assert "\x1b[31mred" not in out and "\x1b[2J" not in out  # the article's ANSI codes are gone
    assert "http://evil" not in out.replace("[link=http://evil]", "")  # no OSC 8 link from the article
    assert "\x1b]8;" in out and f"file://{Path('corpus/a1.txt').resolve()}" in out  # our clickable locations


def test_conflicts_come_first_and_events_in_order() -> None:
    out = plain()
    assert out.index("CONFLICT") < out.index("AGREES")
    positions = [out.index(f"\n{e} ") for e in ("E1", "E2", "E10")] + [out.index("Not tied to an event")]
    assert positions == sorted(positions)


def test_agreements_are_one_line_unless_verbose() -> None:
    compact, verbose = plain(), plain(verbose=True)
    assert "AGREES  Sergei Lavrov's visit to North Korea: containers — more than 1,000" in compact
    assert "Some 1,000 containers" not in compact  # no quotes for compact agreements
    assert "«Some 1,000 containers»" in verbose


def test_no_color_turns_a_terminal_report_plain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b" not in render("rich", sample_result(), ReportOptions(width=80, terminal=True))
    monkeypatch.delenv("NO_COLOR")
    assert "\x1b" in render("rich", sample_result(), ReportOptions(width=80, terminal=True))
    assert "\x1b" not in render("rich", sample_result(), ReportOptions(width=80, terminal=False))
    assert "\x1b" not in render("rich", sample_result(), ReportOptions(width=80, terminal=True, color="never"))


def test_a_wide_terminal_gets_a_quote_column() -> None:
    out = plain(width=140)
    assert "source" in out and "quote" in out and "value" in out
    assert all(cell_len(line) <= 140 for line in out.splitlines())


def test_filters_show_in_the_header() -> None:
    out = plain(only="conflicts")
    assert "Shown     1 of 5 findings (filtered)" in out
    assert "AGREES" not in out and "VARIANT" not in out


def test_the_compared_value_is_highlighted() -> None:
    conflict = next(f for f in sample_result().findings if f.status is Status.CONFLICT)
    text = highlighted_sentence(conflict.claims[0])
    marked = [text.plain[s.start:s.end] for s in text.spans if "reverse" in str(s.style)]
    assert marked == ["two-day visit"]
    assert text.plain.startswith("Mr. Lavrov paid a two-day visit [bold]x[/]")
    assert "\x1b" not in text.plain and "\n" not in text.plain


def test_the_compatibility_wrapper_writes_to_a_stream() -> None:
    stream = io.StringIO()
    render_rich(sample_result(), stream, "auto", False, 80)
    assert "CONFLICT" in stream.getvalue() and "\x1b" not in stream.getvalue()


def test_progress_bar_is_a_no_op_when_disabled_and_transient_when_enabled() -> None:
    with progress_bar(3, enabled=False) as advance:
        advance(1)
    stream = io.StringIO()
    with progress_bar(3, enabled=True, stream=stream) as advance:
        for _ in range(3):
            advance(1)
    with progress_bar(3, stream=stream) as advance:  # a StringIO is not a terminal: disabled
        advance(3)


@pytest.fixture(scope="module")
def seeds_result() -> CheckResult:
    return run_check(load_corpus([Path(__file__).resolve().parent.parent / "seeds"]))


@pytest.mark.parametrize("width", [80, 100, 120, 140, 160])
def test_a_location_is_never_broken(seeds_result: CheckResult, width: int) -> None:
    out = render("rich", seeds_result, ReportOptions(width=width, color="never", verbose=True))
    expected = Counter(f"{e.path}:{e.line}:{e.column}" for f in seeds_result.findings for e in f.claims)
    assert {location: out.count(location) for location in expected} == expected
    assert all(cell_len(line) <= width for line in out.splitlines())


def test_the_header_names_the_stories_of_several_articles_with_their_articles(tmp_path: Path) -> None:
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    result = run_check(load_corpus([seeds]))
    text = render("rich", result, ReportOptions(width=120, color="never"))
    assert "2 stories of several articles" in text
    assert "S1 Russia’s Lavrov in North Korea for Latest High-Level Visit (000, 001)" in text
    assert "S2 Russia’s Lavrov hails deeper ties in N Korea visit (002, 003, 004)" in text


def test_a_story_label_is_shown_literally(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(
            "---\npublished: 2024-03-05\ntitle: \"[bold red]Fire[/] \\u001b[31mat the depot\"\n---\n"
            "A fire at the Maple Street depot injured 12 workers, Chief Dana Wells said.\n", "utf-8")
    text = render("rich", run_check(load_corpus([tmp_path])), ReportOptions(width=120, color="never"))
    assert "[bold red]Fire[/]" in text and "\x1b" not in text
