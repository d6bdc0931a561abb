"""The text of an HTML article, as factlint reads and quotes it.

An ``.html``/``.htm`` article is checked as the text a reader sees: the contents of
``script``, ``style``, ``template``, ``noscript``, ``svg``, ``iframe``, ``object`` and the
``head`` are dropped; block
elements (paragraphs, headings, list items, table rows, ``br``...) become line breaks, so that
a headline or a list item is a sentence of its own; other runs of white space become one space
(except inside ``pre``); entities are unescaped. Evidence positions (offset, line, column) of an
HTML article refer to this text, not to the markup.

The page's metadata comes from its ``head``: the title from ``<title>`` (else the first
``<h1>``), the publication date, source and address from the usual ``meta`` tags (Open Graph,
``article:published_time``, ``date``/``pubdate``, ``itemprop="datePublished"``) and
``<link rel="canonical">``.

The markup is read by a small tokenizer (regular expressions whose matches are bounded in
length) rather than :mod:`html.parser`, whose time grows with the square of the input on
broken markup (on Python 3.11, 200 KB of "<" took 3.8 s, and ``"<a " * 50_000`` minutes): an
article is untrusted input, and every input must be read in linear time. A "<" that starts
no tag, comment or declaration is text. It never raises.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html import unescape

# Elements whose contents a reader never sees.
_HIDDEN = frozenset({"script", "style", "template", "noscript", "svg", "iframe", "object"})
# What a head holds: any other element starts the body (HTML lets a page leave both tags out).
_HEAD = frozenset({"head", "title", "meta", "link", "base", "style", "script", "noscript", "template"})
# Elements that start and end a line of text.
_BLOCK = frozenset("""address article aside blockquote body br caption dd details dialog div dl dt fieldset
figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr html legend li main nav ol p pre section summary
table tbody td tfoot th thead tr ul""".split())
# Void elements: no end tag, so they never close a hidden element.
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())

_PUBLISHED = ("article:published_time", "datepublished", "date", "pubdate", "publishdate", "publish-date",
              "publish_date", "dc.date", "dc.date.issued", "dcterms.created", "og:published_time")
_SOURCE = ("og:site_name", "application-name", "publisher")
_URL = ("og:url",)
_TITLE = ("og:title",)

_SPACES = re.compile(r"[ \t\r\n\f\v]+")

# Markup tokens: a comment (to its end or the end of the page), a declaration (<!doctype
# html>) or processing instruction, a start or end tag. Nothing in a tag crosses a "<" (a quoted
# value may hold a ">"), and the quantifiers are possessive: finding a token costs at most the
# distance to the next "<", so reading a page is linear in its length, whatever it holds.
_TOKEN = re.compile(
    r"<!--.*?(?:--!?>|\Z)"
    r"|<[!?][^<>]*+>"
    r"|<(/?)([A-Za-z][^\s/<>]*+)((?:[^<>\"']++|\"[^\"<]*+\"|'[^'<]*+')*+)>",
    re.DOTALL)
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
# Elements whose contents are not markup: they end at their end tag, whatever comes between.
_RAW_END = {name: re.compile(rf"</{name}[\s/>]|\Z", re.IGNORECASE) for name in ("script", "style")}


@dataclass
class HtmlText:
    """The text of a page and the metadata its ``head`` gives (``None`` where it says nothing)."""

    text: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


class _Extractor:
    """Turns the tokens of a page into lines of text and metadata."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.current: list[str] = []
        self.hidden: list[str] = []  # the open hidden elements, innermost last
        self.open_hidden: Counter[str] = Counter()  # how many of each are open
        self.in_head = False
        self.pre = 0
        self.in_title = False
        self.title: list[str] = []
        self.h1: list[str] | None = None
        self.h1_done = False
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None

    # -- lines ---------------------------------------------------------------------------

    def _break(self) -> None:
        line = "".join(self.current)
        self.current = []
        if self.pre:
            self.lines.extend(line.split("\n"))
            return
        line = line.strip()
        if line:
            self.lines.append(line)
        elif self.lines and self.lines[-1]:
            self.lines.append("")  # one blank line between blocks, never more

    # -- parser callbacks ----------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self._meta(dict(attrs))
            return
        if tag == "link":
            values = dict(attrs)
            if (values.get("rel") or "").lower() == "canonical" and values.get("href"):
                self.canonical = values["href"]
            return
        if tag == "title":
            self.in_title = True
            return
        if tag == "head":
            self.in_head = True
            return
        if tag not in _HEAD:
            self.in_head = False
        if tag in _HIDDEN:
            if tag not in _VOID:
                self.hidden.append(tag)
                self.open_hidden[tag] += 1
            return
        if self.hidden:
            return
        if tag in _BLOCK:
            self._break()
        if tag == "pre":
            self.pre += 1
        if tag == "h1" and not self.h1_done and self.h1 is None:
            self.h1 = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
            return
        if tag == "head":
            self.in_head = False
            return
        if tag in _HIDDEN:
            if self.open_hidden[tag]:  # close it and anything left open inside it
                while True:
                    closed = self.hidden.pop()
                    self.open_hidden[closed] -= 1
                    if closed == tag:
                        break
            return
        if self.hidden:
            return
        if tag == "pre" and self.pre:
            self._break()
            self.pre -= 1
            return
        if tag == "h1" and self.h1 is not None:
            self.h1_done = True
        if tag in _BLOCK:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
            return
        if self.hidden or self.in_head:
            return
        text = data if self.pre else _SPACES.sub(" ", data)
        if not self.pre and (not self.current or self.current[-1].endswith(" ")):
            text = text.lstrip(" ")
        self.current.append(text)
        if self.h1 is not None and not self.h1_done:
            self.h1.append(data)

    def _meta(self, values: dict[str, str | None]) -> None:
        name = (values.get("property") or values.get("name") or values.get("itemprop") or "").strip().lower()
        content = values.get("content")
        if name and content is not None and name not in self.meta:
            self.meta[name] = content.strip()

    def result(self) -> HtmlText:
        self._break()
        while self.lines and not self.lines[-1]:
            self.lines.pop()
        text = "\n".join(self.lines) + "\n" if self.lines else ""
        title = _one_line("".join(self.title)) or _first(self.meta, _TITLE)
        if not title and self.h1:
            title = _one_line("".join(self.h1))
        return HtmlText(text=text, title=title or None, published=_first(self.meta, _PUBLISHED),
                        source=_first(self.meta, _SOURCE), url=self.canonical or _first(self.meta, _URL),
                        meta=dict(self.meta))


def _one_line(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _first(meta: dict[str, str], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = meta.get(name)
        if value:
            return _one_line(value)
    return None


def _attributes(text: str) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    for match in _ATTR.finditer(text):
        name, double, single, bare = match.groups()
        value = double if double is not None else single if single is not None else bare
        out.append((name.lower(), None if value is None else unescape(value)))
    return out


def html_text(markup: str) -> HtmlText:
    """The text of the page ``markup`` and the metadata of its ``head``."""
    sink = _Extractor()
    pos = 0
    while pos < len(markup):
        match = _TOKEN.search(markup, pos)
        if match is None:
            sink.handle_data(unescape(markup[pos:]))
            break
        if match.start() > pos:
            sink.handle_data(unescape(markup[pos:match.start()]))
        pos = match.end()
        closing, name, rest = match.groups()
        if name is None:
            continue  # a comment or a declaration
        tag = name.lower()
        if closing:
            sink.handle_endtag(tag)
            continue
        attrs = _attributes(rest)
        if rest.rstrip().endswith("/"):
            sink.handle_startendtag(tag, attrs)
            continue
        sink.handle_starttag(tag, attrs)
        if tag in _RAW_END:  # script or style: nothing in it is markup or text
            end = _RAW_END[tag].search(markup, pos)
            pos = end.start() if end is not None else len(markup)
    return sink.result()
