"""The HTML report: one self-contained page, every piece of article text escaped."""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import shutil
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from checker.corpus import load_corpus
from checker.engine import CheckResult, run_check
from reports import ReportOptions, render, write_report
from reports.timeline import TimelineMark, article_key, html_marks

from .test_reports_common import sample_result


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def page(**kwargs: object) -> str:
    return render("html", sample_result(), ReportOptions(**kwargs))  # type: ignore[arg-type]


def parsed(text: str) -> Tags:
    tags = Tags()
    tags.feed(text)
    return tags


def test_the_script_tag_from_the_article_is_text_not_markup() -> None:
    text = page()
    assert "<script" not in text.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<script>alert(1)</script>" in "".join(parsed(text).text)  # shown to the reader as written


def test_no_tag_comes_from_article_text() -> None:
    allowed = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "table", "tr", "th", "td",
               "b", "span", "div", "section", "a", "br", "mark", "details", "summary"}
    assert set(parsed(page()).tags) <= allowed  # no <i> from the event label, no <b> from a sentence...
    assert "&lt;i&gt;x&lt;/i&gt;" in page() and "&lt;b&gt;were&lt;/b&gt;" in page(verbose=True)


def test_the_page_is_self_contained_and_forbids_scripts() -> None:
    text = page()
    tags = parsed(text)
    assert "link" not in tags.tags and "img" not in tags.tags
    assert not [v for k, v in tags.attrs if k == "src"]
    assert not [v for k, v in tags.attrs if k == "href" and v and ":" in v.split("/")[0]]  # relative links only
    assert "default-src 'none'" in text
    assert "\x1b" not in text and "\x07" not in text


def test_it_has_the_content_of_the_rich_report_and_the_timeline() -> None:
    text = page()
    for expected in ("CONFLICT", "Sergei Lavrov&#x27;s visit to North Korea: length", "corpus/a1.txt:3:19",
                     "<mark>two-day visit</mark>", "3 days", "Example News", "2023-10-19", "undated",
                     'class="timeline"', "date unresolved", "Not tied to an event"):
        assert expected in text, expected


def test_location_links_are_percent_encoded_relative_paths() -> None:
    hrefs = [v for k, v in parsed(page()).attrs if k == "href"]
    assert "corpus/sub%20dir/a2.txt" in hrefs


@pytest.mark.parametrize(("verbose", "opened"), [(False, 0), (True, 2)])
def test_agreements_are_collapsed_unless_verbose(verbose: bool, opened: int) -> None:
    assert page(verbose=verbose).count("<details open>") == opened


# --- the page written elsewhere and seen in a real browser --------------------------------

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def seeds_result() -> CheckResult:
    return run_check(load_corpus([SEEDS]))


def hrefs(text: str) -> list[str]:
    return [v for k, v in parsed(text).attrs if k == "href" and v]


@pytest.mark.parametrize("where", ["report.html", "out/deeper/report.html"])
def test_links_resolve_from_where_the_page_is_written(where: str, tmp_path: Path, seeds_result: CheckResult,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the report is written elsewhere than the corpus and the working directory
    output = tmp_path / where
    output.parent.mkdir(parents=True, exist_ok=True)
    write_report("html", seeds_result, ReportOptions(output=str(output)))
    links = hrefs(output.read_text("utf-8"))
    assert links
    for href in links:
        assert not href.startswith(("/", "file:"))
        assert (output.parent / unquote(href)).resolve().is_file(), href


DATE_ELEMENT = re.compile(r'<(\w+) class="[^"]*\bdate\b[^"]*"[^>]*>.*?</\1>')


def test_dates_are_kept_on_one_line(seeds_result: CheckResult) -> None:
    for text in (page(verbose=True), render("html", seeds_result, ReportOptions(verbose=True))):
        assert ".date{white-space:nowrap}" in text
        body = text.split("<body>", 1)[1]
        outside = re.sub(r"<[^>]+>", " ", DATE_ELEMENT.sub(" ", body))  # the text no date element holds
        assert not re.findall(r"\d{4}-\d{2}|\d+(?:–\d+)? [A-Z][a-z]{2} \d{4}", outside)
    assert '<span class="date">2023-10-18</span>' in page()


def test_articles_published_on_one_day_share_a_marker_and_close_ones_take_another_lane() -> None:
    marks = [TimelineMark("c", "C", dt.date(2023, 10, 19), ""), TimelineMark("d", "D", dt.date(2023, 10, 18), ""),
             TimelineMark("e", "E", dt.date(2023, 10, 19), ""), TimelineMark("a", "A", dt.date(2025, 7, 11), "")]
    placed = html_marks(marks, dt.date(2023, 9, 1), dt.date(2025, 7, 13))
    assert [(label, lane) for _, lane, label, _ in placed] == [("D", 0), ("C E", 1), ("A", 0)]


PROBE = """<pre id="probe"></pre><script>
const out = {overlaps: [], hidden: [], wrapped: [], marks: []};
for (const track of document.querySelectorAll('.tl-track')) {
  const box = track.getBoundingClientRect();
  const marks = [...track.querySelectorAll('.tl-mark')].map(m => [m.textContent, m.getBoundingClientRect()]);
  for (const [label, r] of marks) {
    out.marks.push(label);
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (r.width <= 0 || r.height <= 0 || r.top < box.top - 1 || r.bottom > box.bottom + 1
        || !top || !top.closest('.tl-mark') || top.closest('.tl-mark').textContent !== label) out.hidden.push(label);
  }
  for (let i = 0; i < marks.length; i++) for (let j = i + 1; j < marks.length; j++) {
    const [a, p] = marks[i], [b, q] = marks[j];
    if (p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom) out.overlaps.push([a, b]);
  }
}
for (const d of document.querySelectorAll('.date')) if (d.getClientRects().length > 1) out.wrapped.push(d.textContent);
document.getElementById('probe').textContent = JSON.stringify(out);
</script>"""


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs chromium (apt-get install chromium)")
@pytest.mark.parametrize("width", [480, 800, 1280])
def test_in_a_browser_every_marker_is_visible_and_none_overlaps(width: int, tmp_path: Path,
                                                                 seeds_result: CheckResult) -> None:
    page_text = render("html", seeds_result, ReportOptions(output=str(tmp_path / "report.html")))
    (tmp_path / "report.html").write_text(page_text, "utf-8")
    # the page forbids scripts; the probe's copy lets one in to measure what the browser drew
    probe = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page_text)
    (tmp_path / "probe.html").write_text(probe.replace("</body>", PROBE + "</body>"), "utf-8")
    browser = [shutil.which("chromium") or "chromium", "--headless", "--no-sandbox", "--disable-gpu",
               f"--window-size={width},2000", f"--user-data-dir={tmp_path / 'profile'}"]
    proc = subprocess.run([*browser, "--dump-dom", (tmp_path / "probe.html").as_uri()], capture_output=True,
                          text=True, timeout=120, check=False)
    found = re.search(r'<pre id="probe">(.*?)</pre>', proc.stdout, re.S)
    assert found, proc.stderr[-2000:]
    seen = json.loads(html.unescape(found.group(1)))
    labels = " ".join(seen["marks"]).split()
    for event in seeds_result.events.events:  # every article of every dated event has its key on the chart
        if event.resolved:
            assert Counter(article_key(n) for n, a in enumerate(seeds_result.corpus.articles)
                           if a.id in event.articles) <= Counter(labels), event.label
    assert seen["overlaps"] == [] and seen["hidden"] == [] and seen["wrapped"] == []
    shot = tmp_path / "report.png"
    subprocess.run([*browser, f"--screenshot={shot}", (tmp_path / "report.html").as_uri()], capture_output=True,
                   timeout=120, check=False)
    assert shot.is_file() and shot.stat().st_size > 0
    if os.environ.get("FACTLINT_KEEP_SCREENSHOTS"):
        shutil.copy(shot, Path(os.environ["FACTLINT_KEEP_SCREENSHOTS"]) / f"report-{width}.png")
