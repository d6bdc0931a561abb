"""Loading a corpus: metadata, encodings and problems that never stop the run."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from checker.corpus import load_corpus


def test_seed_corpus_has_five_dated_articles(seeds_dir: Path) -> None:
    corpus = load_corpus([seeds_dir])
    assert [a.id[:3] for a in corpus.articles] == ["000", "001", "002", "003", "004"]
    dates = {a.id[:3]: a.published for a in corpus.articles}
    assert dates == {
        "000": dt.date(2025, 7, 11),
        "001": dt.date(2025, 7, 13),
        "002": dt.date(2023, 10, 19),
        "003": dt.date(2023, 10, 18),
        "004": dt.date(2023, 10, 19),
    }
    assert corpus.diagnostics == ()


def test_titles_are_first_lines_that_are_headlines(seeds_dir: Path) -> None:
    titles = {a.id[:3]: a.title for a in load_corpus([seeds_dir]).articles}
    assert titles["003"] == "Russia\u2019s Lavrov visits North Korea amid claims of military cooperation"
    assert titles["001"] is None  # starts with bullet points
    assert titles["004"] is None  # starts with a sentence


def test_front_matter_wins_over_the_manifest(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\npublished: 2020-01-02\nsource: Wire\n---\nBody text.\n", "utf-8")
    (tmp_path / "corpus.toml").write_text('[articles."a.md"]\npublished = 2019-05-05\ntitle = "T"\n', "utf-8")
    (article,) = load_corpus([tmp_path]).articles
    assert article.published == dt.date(2020, 1, 2)
    assert article.title == "T"
    assert article.source == "Wire"
    assert article.text[article.body_offset:] == "Body text.\n"


def test_undated_article_is_not_guessed(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Something happened last week.\n", "utf-8")
    (article,) = load_corpus([tmp_path]).articles
    assert article.published is None


def test_problems_are_one_line_messages_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Fine.\n", "utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\x00\x00\x00")
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 visit.".encode("latin-1"))
    (tmp_path / "bad.md").write_text("---\npublished: 2023-02-30\n---\nText.\n", "utf-8")
    corpus = load_corpus([tmp_path, tmp_path / "missing.txt"])
    assert sorted(a.id for a in corpus.articles) == ["bad", "good", "latin"]
    messages = [str(d) for d in corpus.diagnostics]
    assert all("\n" not in m for m in messages)
    assert any("binary.txt" in m and "binary" in m for m in messages)
    assert any("latin.txt" in m and "Windows-1252" in m for m in messages)
    assert any("bad.md" in m and "2023-02-30" in m for m in messages)
    assert any("missing.txt" in m and "no such file" in m for m in messages)
    latin = next(a for a in corpus.articles if a.id == "latin")
    assert latin.text == "Caf\u00e9 visit."


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    (tmp_path / "u16.txt").write_bytes("Two-day visit.".encode("utf-16"))
    (article,) = load_corpus([tmp_path]).articles
    assert article.text == "Two-day visit."


@pytest.mark.parametrize(("written", "expected"), [
    ("2023-10-18", dt.date(2023, 10, 18)),
    ("2023-10-18T23:30:00+02:00", dt.date(2023, 10, 18)),
    ("18 October 2023", dt.date(2023, 10, 18)),
    ("Oct. 18, 2023", dt.date(2023, 10, 18)),
    ("Wed, 18 Oct 2023 23:30:00 -0500", dt.date(2023, 10, 18)),  # the day as written, no conversion
])
def test_publication_dates_may_be_iso_or_written_with_the_month_name(
        tmp_path: Path, written: str, expected: dt.date) -> None:
    (tmp_path / "a.md").write_text(f"---\npublished: \"{written}\"\n---\nBody.\n", "utf-8")
    corpus = load_corpus([tmp_path])
    assert corpus.articles[0].published == expected
    assert not corpus.diagnostics


@pytest.mark.parametrize("written", ["03/04/2023", "yesterday", "October 2023", "18 Octobre 2023"])
def test_ambiguous_relative_or_partial_publication_dates_leave_the_article_undated(
        tmp_path: Path, written: str) -> None:
    (tmp_path / "a.md").write_text(f"---\npublished: \"{written}\"\n---\nBody.\n", "utf-8")
    corpus = load_corpus([tmp_path])
    assert corpus.articles[0].published is None
    (message,) = [str(d) for d in corpus.diagnostics]
    assert "a.md" in message and written in message and "month name" in message


# -- the manifest memo: a parse kept in the claim cache is the parse ---------------------------

_RICH_TOML = """
title = "T"
"$date" = "a table key that looks like a tag"
"$$x" = 1
when = 2020-01-02
at = 2020-01-02T03:04:05.123456+05:30
utc = 2020-01-02T03:04:05Z
local = 2020-01-02T03:04:05
clock = 07:08:09.5
floats = [inf, -inf, -0.0, 1e300, 0.1]
ints = [0, -1, 123456789012345678901234567890]
flags = [true, false]
nested = [[1, "a"], [{ "$date" = 2021-03-04 }]]
text = "quote \\" backslash \\\\ nul \\u0000 e\u0301 \U0001F600"

[articles."a.txt"]
published = 2019-05-05

[[list]]
"$time" = 1
"""


class DictMemo:
    """A ParsedMemo in a dictionary, counting what it is asked."""

    def __init__(self) -> None:
        self.kept: dict[str, tuple[str, str]] = {}
        self.hits = 0

    def get_parsed(self, name: str, digest: str) -> str | None:
        kept = self.kept.get(name)
        if kept is not None and kept[0] == digest:
            self.hits += 1
            return kept[1]
        return None

    def put_parsed(self, name: str, digest: str, data: str) -> None:
        self.kept[name] = (digest, data)


def _same(a: object, b: object) -> bool:
    """Equal with the same types all the way down (and nan equal to nan)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        assert isinstance(b, dict)
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        assert isinstance(b, list)
        return len(a) == len(b) and all(map(_same, a, b))
    if isinstance(a, float):
        assert isinstance(b, float)
        return (a != a and b != b) or (a == b and str(a) == str(b))  # -0.0 stays -0.0
    if isinstance(a, dt.datetime):
        assert isinstance(b, dt.datetime)
        return a == b and a.utcoffset() == b.utcoffset() and str(a) == str(b)
    return a == b


def test_a_kept_manifest_parse_reads_back_as_the_same_values_and_types() -> None:
    import tomllib

    from checker.corpus import _parse_toml

    data = _RICH_TOML.encode("utf-8")
    memo = DictMemo()
    first = _parse_toml(data, "m.toml", memo)
    assert _same(first, tomllib.loads(_RICH_TOML))
    again = _parse_toml(data, "m.toml", memo)
    assert memo.hits == 1
    assert _same(again, first)
    assert again["$date"] == "a table key that looks like a tag"  # a key, not a date
    assert again["nested"][1][0] == {"$date": dt.date(2021, 3, 4)}
    assert _same(_parse_toml(b"x = nan", "n.toml", memo)["x"], float("nan"))


def test_a_manifest_parse_is_kept_per_file_and_renewed_when_the_file_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tomllib

    (tmp_path / "a.txt").write_text("Body text.\n", "utf-8")
    manifest = tmp_path / "corpus.toml"
    manifest.write_text('[articles."a.txt"]\npublished = 2019-05-05\nsource = "Wire"\n', "utf-8")
    memo = DictMemo()
    plain = load_corpus([tmp_path])
    assert load_corpus([tmp_path], memo=memo) == plain
    parses: list[str] = []
    real_loads = tomllib.loads
    monkeypatch.setattr(tomllib, "loads", lambda text: parses.append(text) or real_loads(text))
    assert load_corpus([tmp_path], memo=memo) == plain
    assert parses == [] and memo.hits == 1  # read back, not parsed
    manifest.write_text('[articles."a.txt"]\npublished = 2019-05-06\n', "utf-8")
    (article,) = load_corpus([tmp_path], memo=memo).articles
    assert article.published == dt.date(2019, 5, 6) and article.source is None
    assert len(parses) == 1


@pytest.mark.parametrize("kept", ["not json", "[1, 2]", '{"$date": "not a date"}', '{"$date": 5}'])
def test_a_broken_kept_parse_is_parsed_again(tmp_path: Path, kept: str) -> None:
    (tmp_path / "a.txt").write_text("Body text.\n", "utf-8")
    (tmp_path / "corpus.toml").write_text('[articles."a.txt"]\ntitle = "T"\n', "utf-8")
    memo = DictMemo()
    plain = load_corpus([tmp_path])
    load_corpus([tmp_path], memo=memo)
    ((name, (digest, _)),) = memo.kept.items()
    memo.kept[name] = (digest, kept)
    assert load_corpus([tmp_path], memo=memo) == plain


def test_a_malformed_manifest_is_reported_with_or_without_the_memo(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Body text.\n", "utf-8")
    (tmp_path / "corpus.toml").write_text("[articles\n", "utf-8")
    memo = DictMemo()
    assert load_corpus([tmp_path], memo=memo).diagnostics == load_corpus([tmp_path]).diagnostics
    assert memo.kept == {}
    assert any("malformed manifest" in d.message for d in load_corpus([tmp_path], memo=memo).diagnostics)


@pytest.mark.parametrize(("root", "expected"), [
    (".", [("c/a", "c/a.txt"), ("c/sub/b.b", "c/sub/b.b.MD")]),
    ("./c/", [("a", "c/a.txt"), ("sub/b.b", "c/sub/b.b.MD")]),
    ("c//", [("a", "c/a.txt"), ("sub/b.b", "c/sub/b.b.MD")]),
    ("c/sub", [("b.b", "c/sub/b.b.MD")]),
])
def test_article_ids_and_paths_are_spelled_as_pathlib_spells_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, root: str, expected: list[tuple[str, str]]) -> None:
    (tmp_path / "c" / "sub").mkdir(parents=True)
    (tmp_path / "c" / "a.txt").write_text("A text.\n", "utf-8")
    (tmp_path / "c" / "sub" / "b.b.MD").write_text("B text.\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    assert [(a.id, a.path) for a in load_corpus([root]).articles] == expected
    absolute = load_corpus([tmp_path / root]).articles
    assert [(a.id, a.path) for a in absolute] == [(i, (tmp_path / p).as_posix()) for i, p in expected]


# --- HTML articles and unsupported file types ---------------------------------------------

_PAGE = """<!doctype html>
<html><head><title>Lavrov &amp; Kim meet</title>
<meta property="article:published_time" content="2023-10-18T09:00:00Z">
<meta property="og:site_name" content="Example News">
<link rel="canonical" href="https://example.org/lavrov">
<style>p { color: red } /* 300 ships */</style>
<script>var x = "<p>500 ships</p>";</script>
</head>
<body><h1>Lavrov visits North Korea</h1>
<p>Lavrov began a <b>two-day</b>
   visit on Wednesday.<br>North Korea delivered more than 1,000&nbsp;containers.</p>
<ul><li>Item &lt;one&gt;</li><li>Item two</li></ul>
</body></html>
"""


@pytest.mark.parametrize(("markup", "text"), [
    (_PAGE, "Lavrov visits North Korea\n\nLavrov began a two-day visit on Wednesday.\n"
            "North Korea delivered more than 1,000\xa0containers.\n\nItem <one>\n\nItem two\n"),
    ("<p>No head or body &amp; no end tags<p>Second", "No head or body & no end tags\nSecond\n"),
    ("<div>Kept<script>dropped()</script> <noscript>dropped</noscript>too</div>", "Kept too\n"),
    ("<pre>two  spaces\nkept</pre>", "two  spaces\nkept\n"),
    ("<p>Unclosed <b>bold <svg><text>300 ships</text></svg>end", "Unclosed bold end\n"),
    ("", ""),
])
def test_an_html_article_is_read_as_the_text_a_reader_sees(tmp_path: Path, markup: str, text: str) -> None:
    (tmp_path / "story.html").write_text(markup, "utf-8")
    corpus = load_corpus([tmp_path])
    (article,) = corpus.articles
    assert article.text == text
    assert article.body_offset == 0


def test_an_html_article_takes_its_metadata_from_its_head(tmp_path: Path) -> None:
    (tmp_path / "story.htm").write_text(_PAGE, "utf-8")
    (tmp_path / "corpus.toml").write_text('[articles."story.htm"]\nsource = "Manifest"\npublished = 2020-01-01\n',
                                          "utf-8")
    (article,) = load_corpus([tmp_path]).articles
    assert (article.id, article.title, article.source, article.published, article.url) == (
        "story", "Lavrov & Kim meet", "Example News", dt.date(2023, 10, 18), "https://example.org/lavrov")


def test_evidence_of_an_html_article_points_into_its_text(tmp_path: Path) -> None:
    from checker.engine import extract_articles

    (tmp_path / "story.html").write_text(_PAGE, "utf-8")
    corpus = load_corpus([tmp_path])
    (article,) = corpus.articles
    claims = extract_articles(corpus).claims
    assert {"two-day visit", "more than 1,000\xa0containers"} <= {c.text for c in claims}
    lines = article.text.split("\n")
    for claim in claims:
        assert article.text[claim.start:claim.end] == claim.text
        assert lines[claim.line - 1][claim.column - 1:].startswith(claim.text.split("\n")[0])


@pytest.mark.parametrize("name", ["story.docx", "story.pdf", "Story.RTF"])
def test_a_file_of_another_type_is_skipped_naming_the_supported_types(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"PK\x03\x04\x00\x00 two-day visit")
    corpus = load_corpus([tmp_path / name])
    assert corpus.articles == ()
    suffix = name[name.rindex("."):]
    assert [str(d) for d in corpus.diagnostics] == [
        f"{(tmp_path / name).as_posix()}: error: skipped: unsupported file type {suffix} "
        "(supported: .txt, .md, .html, .htm)"]


def test_a_directory_is_searched_for_the_supported_types_only(tmp_path: Path) -> None:
    for name in ("a.txt", "b.md", "c.html", "d.HTM", "e.docx", "f.png", "notes"):
        (tmp_path / name).write_text("A two-day visit.", "utf-8")
    corpus = load_corpus([tmp_path])
    assert [a.id for a in corpus.articles] == ["a", "b", "c", "d"]
    assert corpus.diagnostics == ()


def test_factlint_check_compares_html_articles_by_their_text(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    for name, days in (("a.html", "two"), ("b.htm", "three")):
        (tmp_path / name).write_text(
            f"<html><head><title>Visit</title><meta name='date' content='2023-10-18'></head><body>"
            f"<p class='lead'>Russian Foreign Minister Sergei Lavrov began a <em>{days}-day</em> visit to "
            f"North Korea on Wednesday.</p><script>document.write('a five-day visit')</script></body></html>",
            "utf-8")
    (tmp_path / "c.docx").write_bytes(b"PK\x03\x04\x00")
    run = subprocess.run([sys.executable, "-m", "checker", "check", str(tmp_path / "a.html"),
                          str(tmp_path / "b.htm"), str(tmp_path / "c.docx"), "--format", "json", "--no-cache"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2  # a file named on the command line could not be read
    assert run.stderr.splitlines() == [
        f"factlint: {(tmp_path / 'c.docx').as_posix()}: error: skipped: unsupported file type .docx "
        "(supported: .txt, .md, .html, .htm)"]
    (finding,) = [f for f in json.loads(run.stdout)["findings"] if f["rule"] == "DU01"]
    assert finding["status"] == "conflict"
    assert sorted(c["quote"] for c in finding["claims"]) == ["three-day visit", "two-day visit"]
    for claim in finding["claims"]:
        assert claim["line"] == 1 and claim["sentence"].startswith("Russian Foreign Minister")
        assert claim["column"] == claim["sentence"].index(claim["quote"]) + 1  # in the text, not the markup
        assert "<" not in claim["sentence"]


def _untagged_reference(value: object) -> object:
    """The kept manifest data read back by a walk from the outside in (how the memo was first
    read): the object hook that replaced it must give the same values and types."""
    from checker.corpus import _UNTAG

    if isinstance(value, dict):
        if len(value) == 1:
            key, inner = next(iter(value.items()))
            if key in _UNTAG:
                return _UNTAG[key](inner)
        return {(k[1:] if k.startswith("$") else k): _untagged_reference(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_untagged_reference(v) for v in value]
    return value


def test_the_kept_manifest_is_read_back_by_the_object_hook_as_by_a_walk() -> None:
    import json
    import tomllib

    from checker.corpus import _tagged, _untag_object

    toml = _RICH_TOML + '\n[deep."$$k"."$date"]\n"$time" = "x"\n"$$y" = [{ "$z" = 1 }]\n'
    kept = json.dumps(_tagged(tomllib.loads(toml)))
    assert _same(json.loads(kept, object_hook=_untag_object), _untagged_reference(json.loads(kept)))
    assert _same(json.loads(kept, object_hook=_untag_object), tomllib.loads(toml))


def _first_line_title_reference(text: str) -> str | None:
    """The title as the whole text's lines give it (before the title was read from a prefix)."""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped:
            if stripped.startswith(("-", "*", "\u2022")) or len(stripped) > 200:
                return None
            if stripped[-1] in ".!?" or stripped.endswith(('."', ".'", '.\u201d')):
                return None
            return stripped
    return None


def test_the_first_line_title_read_from_a_prefix_is_the_one_of_the_whole_text() -> None:
    from checker.corpus import _TITLE_PREFIX, _first_line_title

    n = _TITLE_PREFIX
    heads = ["Headline", "A first sentence.", "- item", "x" * 150, "y" * 199 + "z", "w" * 201, "", " \t ",
             "Quote.\u201d", "Ends?"]
    texts = []
    for head in heads:
        for fill in (0, 1, n - len(head) - 2, n - len(head) - 1, n - len(head), n - len(head) + 1, n):
            for end in ("\n", "\r\n", "\r", "\u2028", "\x0c"):
                pad = " " * max(fill, 0)
                texts.append(pad + head + end + "Second line here." + end)
                texts.append(end * max(fill, 0) + head + end + "Next" + end)
                texts.append(pad + head)
    texts += ["\n" * (n - 1) + "\r\nTitle\n", "\r" * (n - 1) + "\nTitle", "a" * (n + 50) + "\nB", ""]
    for text in texts:
        assert _first_line_title(text) == _first_line_title_reference(text), repr(text[:40])


def test_a_binary_file_is_found_by_its_first_and_last_64_kib_at_every_length() -> None:
    from checker.corpus import looks_binary

    def reference(data: bytes) -> bool:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return False
        return b"\x00" in data[:65536] or b"\x00" in data[-65536:]

    k = 65536
    for size in (0, 1, k - 1, k, k + 1, 2 * k - 1, 2 * k, 2 * k + 1, 3 * k):
        for nul in sorted({0, 1, k - 1, k, k + 1, size - k - 1, size - k, size - k + 1, size - 1}):
            data = bytearray(b"a" * size)
            if 0 <= nul < size:
                data[nul] = 0
            assert looks_binary(bytes(data)) == reference(bytes(data)), (size, nul)
    assert not looks_binary(b"\xff\xfe\x00a")


def test_a_file_that_cannot_be_opened_is_reported_as_before_the_single_open(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The size comes from the open file; when the file cannot be opened, the messages are those
    of a stat by name then an open: a file over the limit is reported for its size even when it
    cannot be read, and a missing file or a directory as the system says."""
    import builtins

    from checker import corpus as corpus_mod

    big = tmp_path / "big.txt"
    big.write_text("x" * 100, "utf-8")
    small = tmp_path / "small.txt"
    small.write_text("Small.\n", "utf-8")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    def messages(path: Path, max_bytes: int) -> list[str]:
        col = corpus_mod._Collector()
        assert corpus_mod.read_article(path, "a", None, col, max_bytes) is None
        return [d.message for d in col.diagnostics]

    assert messages(tmp_path / "none.txt", 1000) == ["cannot read: No such file or directory"]
    assert messages(tmp_path, 1 << 20) == ["cannot read: Is a directory"]
    assert messages(big, 10) == ["skipped: 100 bytes is over the size limit of 10 bytes"]
    monkeypatch.setattr(corpus_mod, "open", refuse, raising=False)
    assert messages(big, 10) == ["skipped: 100 bytes is over the size limit of 10 bytes"]
    assert messages(small, 1000) == ["cannot read: Permission denied"]
    monkeypatch.setattr(corpus_mod, "open", builtins.open, raising=False)
    col = corpus_mod._Collector()
    article = corpus_mod.read_article(small, "s", None, col)
    assert article is not None and article.text == "Small.\n" and col.diagnostics == []


def test_links_are_told_from_the_listing_and_a_broken_one_is_reported(tmp_path: Path) -> None:
    from checker.corpus import _Collector, _iter_files

    (tmp_path / "real.txt").write_text("Real text.\n", "utf-8")
    (tmp_path / "link.txt").symlink_to(tmp_path / "real.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    files = {f.name: f for f in _iter_files(tmp_path, _Collector())}
    assert {name: f.link for name, f in files.items()} == {"dangling.txt": True, "link.txt": True,
                                                           "real.txt": False}
    assert all(f.is_link() == os.path.islink(f.path) for f in files.values())
    corpus = load_corpus([tmp_path])
    assert [a.id for a in corpus.articles] == ["link", "real"]
    assert [(d.path.rsplit("/", 1)[-1], d.message) for d in corpus.diagnostics] == [
        ("dangling.txt", "broken symbolic link")]


def test_an_empty_or_blank_article_is_warned_of_and_one_with_text_is_not(tmp_path: Path) -> None:
    cases = {"empty.txt": b"", "blank.txt": b" \t\r\n\x0b\x0c", "text.txt": b" x ", "nbsp.txt": b"\xc2\xa0\n"}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    warned = {d.path.rsplit("/", 1)[-1] for d in load_corpus([tmp_path]).diagnostics
              if d.message == "empty article: no claims"}
    assert warned == {"empty.txt", "blank.txt"}
