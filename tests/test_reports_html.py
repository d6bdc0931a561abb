"""The HTML report: one self-contained page, every piece of article text escaped."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from reports import ReportOptions, render

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
