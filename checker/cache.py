"""A per-article cache of extracted claims, in SQLite (stdlib :mod:`sqlite3`).

An entry is keyed by a digest of everything extraction depends on: the article's text,
its id and metadata (publication date, body offset), the extract options, and the
*extractor version* (the package version plus a digest of the source of every module
extraction runs, plus the version of regex), so that editing an extractor
invalidates its old entries without anyone bumping a number.

An entry holds the article's claims, its content-sentence spans, the sketches of its
event mentions (:class:`checker.events.MentionSketch`) and what story building reads of the
article alone (:class:`checker.storyfeatures.StoryFeatures`). Entries are stored as a few
ints, a JSON header, columns of ints and the story words as text (:func:`encode`; never
pickle: a cache file is data that may come from anywhere, such as a pull request, and must not
be able to run code). Decoding gives back
claims equal to the extracted ones, field for field and type for type.

Beside the entries, the cache keeps the corpus-wide comparisons of name spellings of the last
run (:class:`checker.extractors.entities.PairMemo`, table ``name_pairs``), each keyed by a
digest of the names it compared, so that a run after a small change compares only the name
blocks that changed; and the parse of each corpus manifest (table ``parsed``, by path, with the
digest of the file's bytes), which :func:`checker.corpus.load_corpus` reuses while the file is
unchanged; and what rules found in each block of the corpus they read apart (table
``rule_blocks``, by rule and a digest of everything the block's findings depend on, see
:class:`rules.base.BlockMemo`), so that a run after a small change reads again only the blocks
that changed.

Safety:

- two runs at once: WAL journal, a busy timeout, ``INSERT OR REPLACE`` in short transactions;
- a corrupt or foreign cache file is deleted and rebuilt, with a warning; if it cannot be
  rebuilt the run goes on without a cache, with a warning; a cache problem never fails a run;
- the cache writes only inside its own directory (``.factlint-cache/`` by default), which
  gets a ``.gitignore`` so that it is never committed. It is never placed inside a corpus
  directory unless configured so (see :func:`default_cache_dir`).

Nothing here prints: problems are returned as :class:`~checker.model.Diagnostic` warnings.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import operator
import os
import sqlite3
import struct
import sys
import time
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from functools import lru_cache
from itertools import accumulate, chain, product, repeat
from pathlib import Path
from typing import Any, TypeVar, cast

import numpy as np

from .events import MentionSketch
from .extractors.options import ExtractOptions
from .model import Article, Claim, ClaimKind, Diagnostic, Granularity, Qualifier, new_claim
from .storyfeatures import HappeningDay, Marks, StoryFeatures
from .storyvectors import IntArray

DEFAULT_CACHE_DIRNAME = ".factlint-cache"
CACHE_FILENAME = "claims.sqlite"
SCHEMA_VERSION = 2
"""Bump when the table layout changes incompatibly (a table added with ``CREATE TABLE IF NOT
EXISTS``, as ``name_pairs`` was, is not: older files gain it, older versions of factlint ignore
it). A change of the entry encoding needs none: the extractor version, in every key, covers
this module's source, so entries of another encoding are never read (and each entry's first int,
:data:`ENTRY_FORMAT`, would refuse them)."""

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class ArticleExtraction:
    """What extraction found in one article: its claims (before corpus-wide entity
    grouping) and the spans ``(start, end)`` in the article text of its content sentences
    (boilerplate left out), which event detection reads again."""

    claims: tuple[Claim, ...]
    sentences: tuple[Span, ...] = ()
    mentions: tuple[MentionSketch, ...] | None = None
    """The article's event mentions, sketched on ``claims`` (:func:`checker.events.sketch_mentions`);
    ``None`` when they were not sketched."""
    truncated: bool = False
    """Claims past the limit of claims per article (``ExtractOptions.max_claims``) were dropped."""
    story: StoryFeatures | None = None
    """What story building reads of the article alone (:func:`checker.stories.story_features`);
    ``None`` when it was not read."""


# -- extractor version -------------------------------------------------------------------

_EXTRACTION_MODULES = ("model.py", "text.py", "segment.py", "doc.py", "units.py", "values.py", "events.py",
                       "cache.py", "storyfeatures.py", "frames.py", "data/measures.toml")


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A digest of the code extraction runs: any edit to an extractor changes it."""
    from importlib.metadata import PackageNotFoundError, version

    from . import __version__

    here = Path(__file__).resolve().parent
    paths = sorted((here / "extractors").glob("*.py")) + [here / name for name in _EXTRACTION_MODULES]
    digest = hashlib.sha256(f"factlint {__version__} schema {SCHEMA_VERSION}\n".encode())
    for path in paths:
        try:
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        except OSError:
            digest.update(path.name.encode() + b"\0missing\0")
    for dist in ("regex", "lemminflect"):
        try:
            digest.update(f"{dist} {version(dist)}\n".encode())
        except PackageNotFoundError:
            digest.update(f"{dist} none\n".encode())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of all the code of the engine and the built-in rules (every module of
    ``checker/`` and ``rules/``, and the versions of regex and lemminflect): what rules found in
    a block of the corpus is kept under it, so that editing any of that code sets it aside."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"{extractor_version()}\n".encode())
    for root in (here, here.parent / "rules"):
        for path in sorted(root.rglob("*")):
            if path.suffix in (".py", ".toml") and path.is_file():
                try:
                    digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
                except OSError:
                    digest.update(path.name.encode() + b"\0missing\0")
    return digest.hexdigest()[:16]


def options_key(options: ExtractOptions) -> str:
    """The options as the cache key spells them (computed once per options, not per article)."""
    try:
        return _options_key(options)
    except TypeError:  # options built with a list somewhere: unhashable, spelled the same
        return _options_key.__wrapped__(options)


@lru_cache(maxsize=16)
def _options_key(options: ExtractOptions) -> str:
    return json.dumps([[f.name, getattr(options, f.name)] for f in fields(options)], separators=(",", ":"))


def article_key(article: Article, options: ExtractOptions, version: str | None = None) -> str:
    """The cache key of an article's claims: a digest of its text, id, metadata (publication
    date, body offset, title: story features read a title kept apart from the body) and the
    extractor's version and options."""
    head = json.dumps(
        [version or extractor_version(), options_key(options), article.id,
         article.published.isoformat() if article.published else None, article.body_offset, article.title],
        separators=(",", ":"),
    )
    digest = hashlib.sha256(head.encode("utf-8"))
    digest.update(b"\0")
    digest.update(article.text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


# -- encoding ------------------------------------------------------------------------------

_CLAIM_FIELDS = tuple(f.name for f in fields(Claim))
_ROW_ORDER = ("kind", "article", "start", "end", "line", "column", "end_line", "end_column", "text", "sentence",
              "subject", "qualifier", "low", "high", "low_open", "high_open", "unit", "granularity", "relative",
              "canonical", "anchor", "modifiers", "sentence_start", "attrs")
"""The order in which :func:`decode` passes the columns to the claim constructor: Claim's
fields, which it must stay."""
if _ROW_ORDER != _CLAIM_FIELDS:  # pragma: no cover - a Claim field added without updating decode
    raise ImportError(f"checker.cache: decode builds {_ROW_ORDER}, Claim has {_CLAIM_FIELDS}")
POSITION_FIELDS = ("start", "end", "line", "column", "end_line", "end_column")
"""Claim fields that are offsets and line/column numbers: a column of ints in an entry, each
int one object per value through the caller's table of offsets (:func:`decode`)."""
_VALUE_FIELDS = ("kind", "article", "subject", "qualifier", "low", "high", "low_open", "high_open", "unit",
                 "granularity", "relative", "canonical", "anchor", "modifiers", "attrs")
"""Claim fields stored as a table of the article's distinct values and, per claim, an index
into it (an article repeats a few kinds, subjects and units over dozens of claims)."""
_POSITIONS_OF = operator.attrgetter(*POSITION_FIELDS)
_VALUES_OF = operator.attrgetter(*_VALUE_FIELDS)
_SHARED_STRING_FIELDS = ("article", "subject", "low", "high", "unit", "canonical", "anchor")
SHARED_FIELDS = ("text", "modifiers", "attrs", *_SHARED_STRING_FIELDS)
"""Claim fields whose equal values :func:`decode` gives one object each: strings, and tuples of
strings (never numbers: ``1 == 1.0`` and ``0.0 == -0.0`` are equal values of other types or signs)."""
_KINDS = {m.value: m for m in ClaimKind}
_QUALIFIERS = {m.value: m for m in Qualifier}
_GRANULARITIES = {m.value: m for m in Granularity}
_INT = frozenset({int})


ENTRY_FORMAT = 3
"""The layout of an entry (:func:`encode`): bump it with any change of the layout. It is the
entry's first int, so that an entry of another layout is refused, never misread (the
extractor version in every key, which covers this module's source, keeps such entries from
being looked up in the first place)."""
_MARK = 0x464C0000 | ENTRY_FORMAT
_PREFIX = struct.Struct("<7I")
"""An entry's first ints: its mark, then how many claims, bytes of JSON header, distinct
sentences, sentence spans, story words and bytes of story words it holds."""


def encode(extraction: ArticleExtraction, text: str = "") -> bytes:
    """The bytes of an extraction: seven little-endian unsigned 32-bit ints (:data:`_PREFIX`),
    a JSON header, then the ints of its columns (``array``), so that :func:`decode` reads them
    with no parsing and builds the claims a column at a time, with no per-field work for each
    claim, then the story words as UTF-8 text. The columns, ``n`` ints each for ``n`` claims:

    - one per position field (:data:`POSITION_FIELDS`);
    - each claim's index into the distinct ``(sentence_start, sentence)`` of the claims;
    - per other field (``_VALUE_FIELDS``), each claim's index into that field's table in the
      header's ``v``: its distinct values in order of first use (an article repeats a few
      kinds, subjects and units over dozens of claims);

    then the distinct sentences' offsets and lengths (a sentence is the slice of ``text``
    there, except those listed in the header's ``z`` as ``[index, sentence]``), the starts and
    ends of the content-sentence spans, and the story's word counts (lead words then the
    rest, in the order they were counted).

    A claim's quote is the slice ``text[start:end]`` (the cache key covers the text) except
    those listed in the header's ``q`` as ``[index, quote]``. Enum members are ``str``
    subclasses and tuples are JSON arrays, so values go to the JSON encoder as they are.
    Ints out of the range of the columns raise ``OverflowError``."""
    claims = extraction.claims
    distinct, sentence_at = _column([(c.sentence_start, c.sentence) for c in claims])
    sentences = cast(list[tuple[int, str]], distinct)
    values = [_column(column) for column in zip(*map(_VALUES_OF, claims), strict=True)] \
        or [([], [])] * len(_VALUE_FIELDS)
    header: dict[str, object] = {
        "q": [[i, c.text] for i, c in enumerate(claims) if text[c.start:c.end] != c.text],
        "z": [[i, sentence] for i, (offset, sentence) in enumerate(sentences)
              if text[offset:offset + len(sentence)] != sentence],
        "v": [table for table, _ in values],
        "m": None if extraction.mentions is None else [_SKETCH_FIELDS(m) for m in extraction.mentions],
    }
    if extraction.truncated:
        header["t"] = True
    counts: list[int] = []
    words = b""
    if extraction.story is not None:
        header["w"], counts, words = _encode_story(extraction.story)
    ints = array(_UINT32)
    for column in zip(*map(_POSITIONS_OF, claims), strict=True):
        ints.extend(column)
    ints.extend(sentence_at)
    for _, at in values:
        ints.extend(at)
    ints.extend(offset for offset, _ in sentences)
    ints.extend(len(sentence) for _, sentence in sentences)
    ints.extend(start for start, _ in extraction.sentences)
    ints.extend(end for _, end in extraction.sentences)
    ints.extend(counts)
    if _BIG_ENDIAN:  # pragma: no cover - the file is the same on any machine
        ints.byteswap()
    head = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    prefix = _PREFIX.pack(_MARK, len(claims), len(head), len(sentences), len(extraction.sentences), len(counts),
                          len(words))
    return prefix + head + ints.tobytes() + words


_BIG_ENDIAN = sys.byteorder == "big"
_UINT32 = next(code for code in "IL" if array(code).itemsize == 4)
_COLUMNS = len(POSITION_FIELDS) + 1 + len(_VALUE_FIELDS)
"""Int columns of an entry: positions, the sentence index, value indices."""


def _column(values: Iterable[object]) -> tuple[list[object], list[int]]:
    """The distinct values, in order of first use, and each value's index into them. Values
    are told apart by type and, for floats, spelling (``1 == 1.0 == True``, ``0.0 == -0.0``)."""
    seen: dict[object, int] = {}
    table: list[object] = []
    index: list[int] = []
    for value in values:
        key = (float, repr(value)) if type(value) is float else (type(value), value)
        at = seen.get(key)
        if at is None:
            at = seen[key] = len(table)
            table.append(value)
        index.append(at)
    return table, index


_REFUSED = (KeyError, TypeError, ValueError, IndexError, AttributeError, OverflowError)
"""What reading a malformed entry raises (a missing key, a value of the wrong type or out of
range): the entry is refused, never a crash."""


def decode(data: bytes, text: str = "", shared: dict[object, object] | None = None,
           numbers: dict[int, int] | None = None) -> ArticleExtraction:
    """The extraction back from :func:`encode` (given the same article ``text``); raises
    ``ValueError`` on anything else.

    Equal values of the :data:`SHARED_FIELDS` are given one object each through ``shared``
    (shared by the caller across articles, else within this one): a corpus repeats a few
    thousand names, dates and attribute pairs over hundreds of thousands of claims. Likewise
    the ints of :data:`POSITION_FIELDS` and sentence offsets through ``numbers`` (keys of one
    type, ints: above 256 each int read is an object of its own, 32 bytes a field)."""
    try:
        return _decode_together([(data, text)], shared, numbers)[0]
    except _REFUSED as exc:
        raise ValueError(f"bad cache entry: {exc!r}") from None


def decode_many(entries: Sequence[tuple[bytes, str]], shared: dict[object, object] | None = None,
                numbers: dict[int, int] | None = None) -> list[ArticleExtraction | None]:
    """:func:`decode` of each ``(data, text)`` entry, ``None`` for one it refuses.

    The entries are decoded together, each column once for all of them: decoding them one by
    one cost a few hundred microseconds of fixed work per article (a warm run decodes every
    article of the corpus). If any entry is refused, they are decoded again one by one, so
    that only that one is lost; every entry gets exactly what :func:`decode` gives it alone
    (indices that would reach into another entry's tables are refused together)."""
    try:
        return list[ArticleExtraction | None](_decode_together(entries, shared, numbers))
    except _REFUSED:
        pass
    found: list[ArticleExtraction | None] = []
    for data, text in entries:
        try:
            found.append(decode(data, text, shared, numbers))
        except ValueError:
            found.append(None)
    return found


_U32 = np.dtype("<u4")
_EXTRACTION_FIELDS = tuple(f.name for f in fields(ArticleExtraction))
_JSON = json.JSONDecoder().raw_decode


class _Entry:
    """One entry of :func:`_decode_together`, its header read and its columns found (views of
    its bytes): those of its claims, of its distinct sentences, of its sentence spans, and its
    story's word counts; the bytes of its story words; its story row (``None`` without story
    features) and the words the row lists (``None`` when they are text)."""

    __slots__ = ("claims", "counts", "head", "listed", "n", "row", "spans", "text", "words", "z")

    def __init__(self, data: bytes, text: str) -> None:
        if type(data) is not bytes or len(data) < _PREFIX.size:
            raise ValueError("not an entry of this version")
        mark, n, size, z, s, w, length = _PREFIX.unpack_from(data)
        start = _PREFIX.size + size
        ints = _COLUMNS * n + 2 * z + 2 * s + w
        if mark != _MARK or len(data) != start + 4 * ints + length:
            raise ValueError("not an entry of this version, or cut")
        header = data[_PREFIX.size:start].decode("utf-8", "surrogatepass")
        head, end = _JSON(header)
        if end != len(header) or type(head) is not dict or len(head["v"]) != len(_VALUE_FIELDS):
            raise ValueError("malformed header")
        row: list[Any] | None = head.get("w")
        listed = None if row is None else _listed_words(row)
        if row is None:
            wrong = w or length  # word counts or words without story features
        elif listed is not None:
            wrong = length or len(listed) != w
        else:  # w words joined by w - 1 separators: decoded together, each entry keeps its own words
            wrong = data.count(_SEP_BYTE, start + 4 * ints) != w - 1 if w else length
        if wrong:
            raise ValueError("malformed story words")
        columns = np.frombuffer(data, _U32, ints, start)
        self.claims = columns[:_COLUMNS * n].reshape(_COLUMNS, n)
        self.z = columns[_COLUMNS * n:_COLUMNS * n + 2 * z].reshape(2, z)
        self.spans = columns[_COLUMNS * n + 2 * z:ints - w].reshape(2, s)
        self.counts = columns[ints - w:]
        self.words = data[start + 4 * ints:]
        self.head, self.n, self.text, self.row, self.listed = head, n, text, row, listed


def _decode_together(entries: Sequence[tuple[bytes, str]], shared: dict[object, object] | None,
                     numbers: dict[int, int] | None) -> list[ArticleExtraction]:
    """The extractions of ``entries``, built a column at a time across all of them; raises
    (``KeyError``, ``ValueError``, ...) if any entry is malformed, which :func:`decode_many`
    answers by decoding them one by one. Each entry's indices are checked against its own
    tables, so that an index past them is refused as it would be alone, never read from the
    next entry's."""
    share = (shared if shared is not None else {}).setdefault
    number = (numbers if numbers is not None else {}).setdefault
    read = cast(Callable[[str, str], str], share)
    parts = [_Entry(data, text) for data, text in entries]
    if not parts:
        return []
    sizes = np.array([p.n for p in parts], dtype=np.int64)
    grid = np.concatenate([p.claims for p in parts], axis=1).astype(np.int64)
    firsts = np.concatenate(([0], np.cumsum(sizes)[:-1])).tolist()
    start, end, line, col, end_line, end_column = _shared_ints(grid[:6], number)
    texts = [p.text for p in parts]
    quotes = list(map(str.__getitem__, chain.from_iterable(map(repeat, texts, sizes.tolist())), map(slice, start, end)))
    z_sizes = [p.z.shape[1] for p in parts]
    offsets, lengths = np.concatenate([p.z for p in parts], axis=1).astype(np.int64)
    sentence_of = list(map(str.__getitem__, chain.from_iterable(map(repeat, texts, z_sizes)),
                           map(slice, offsets.tolist(), (offsets + lengths).tolist())))
    z_first = 0
    for part, first, z_size in zip(parts, firsts, z_sizes, strict=True):
        for i, told in part.head["q"]:
            if type(i) is not int or not 0 <= i < part.n or type(told) is not str:
                raise ValueError("malformed quote")
            quotes[first + i] = told
        for i, told in part.head["z"]:
            if type(i) is not int or not 0 <= i < z_size or type(told) is not str:
                raise ValueError("malformed sentence")
            sentence_of[z_first + i] = told
        z_first += z_size
    offset_of = _shared_ints(offsets[np.newaxis], number)[0]
    quotes = list(map(read, quotes, quotes))
    at = _global(grid[6], np.array(z_sizes, dtype=np.int64), sizes)
    sentence, sentence_start = _pick(sentence_of, at), _pick(offset_of, at)
    values: list[object] = []
    table_sizes = []
    told_tables = cast(Iterable[Sequence[list[object]]], zip(*[p.head["v"] for p in parts], strict=True))
    for reader, tables in zip(_value_readers(share), told_tables, strict=True):
        table_sizes.append(list(map(len, tables)))
        values += reader(list(chain.from_iterable(tables)))
    at = _global(grid[7:], np.array(table_sizes, dtype=np.int64), sizes)  # a row per field
    (kind, article, subject, qualifier, low, high, low_open, high_open, unit, granularity, relative, canonical,
     anchor, modifiers, attrs) = cast(list[list[object]], _pick(values, at))
    claims = list(map(new_claim, kind, article, start, end, line, col, end_line, end_column, quotes, sentence,
                      subject, qualifier, low, high, low_open, high_open, unit, granularity, relative,
                      canonical, anchor, modifiers, sentence_start, attrs))
    spans = list(zip(*np.concatenate([p.spans for p in parts], axis=1).tolist(), strict=True))
    counts = np.concatenate([p.counts for p in parts]).tolist()
    blobs = [p.words for p in parts if p.row is not None and p.listed is None and p.counts.size]
    words = _SEP_BYTE.join(blobs).decode("utf-8", "surrogatepass").split(_WORD_SEP) if blobs else []
    words = list(map(read, words, words))
    told_sketches = [p.head["m"] for p in parts]
    if not {*map(type, told_sketches)} <= _SKETCH_LISTS:
        raise ValueError("malformed event sketches")
    sketches = _sketches(list(chain.from_iterable(filter(None, told_sketches))))
    stories: list[StoryFeatures | None] = []
    count_at = word_at = 0
    for part in parts:
        if part.row is None:
            stories.append(None)
            continue
        count_end = count_at + part.counts.size
        if part.listed is None:
            told, word_at = words[word_at:word_at + part.counts.size], word_at + part.counts.size
        else:
            told = list(map(read, part.listed, part.listed))
        stories.append(_decode_story(part.row, told, counts[count_at:count_end]))
        count_at = count_end
    mentions = [None if told is None else run
                for told, run in zip(told_sketches, _runs(sketches, [len(m or ()) for m in told_sketches]), strict=True)]
    truncated = [p.head.get("t", False) is True for p in parts]
    return _frozen(ArticleExtraction, _EXTRACTION_FIELDS,
                   (_runs(claims, sizes.tolist()), _runs(spans, [p.spans.shape[1] for p in parts]), mentions,
                    truncated, stories), len(parts))


def _runs(items: list[_T], sizes: list[int]) -> list[tuple[_T, ...]]:
    """``items`` cut into tuples of ``sizes`` items each, one after the other."""
    ends = list(accumulate(sizes))
    return list(map(tuple, map(items.__getitem__, map(slice, [0, *ends[:-1]], ends))))


def _global(local: IntArray, table_sizes: IntArray, sizes: IntArray) -> IntArray:
    """Each claim's index into its entry's table (``local``, the entries' claims one after the
    other, ``sizes`` of them per entry) as an index into all the tables one after the other
    (``table_sizes`` entries each); raises ``IndexError`` for an index past its own table."""
    if local.size and bool((local >= np.repeat(table_sizes, sizes, axis=-1)).any()):
        raise IndexError("index past its table")
    starts = np.cumsum(table_sizes).reshape(table_sizes.shape) - table_sizes
    return local + np.repeat(starts, sizes, axis=-1)


def _pick(table: Sequence[object], at: IntArray) -> list[object]:
    """``[table[i] for i in at]`` (``at`` in range, never negative), in C: the table as an array
    of objects (``fromiter`` takes a tuple as one object, not as a row) taken at ``at``."""
    return cast(list[object], np.fromiter(table, dtype=object, count=len(table))[at].tolist())


def _shared_ints(ints: IntArray, number: Callable[[int, int], int]) -> list[list[int]]:
    """The rows of ``ints`` (not negative) as lists, each value the object ``number(value, value)``
    gives. Through a table indexed by value, in C, when the values are few enough for one (the
    offsets, lines and columns of a corpus's articles), else a value at a time."""
    top = int(ints.max()) + 1 if ints.size else 0
    if top > _DENSE_INTS + 4 * ints.size:
        return [list(map(number, row, row)) for row in ints.tolist()]
    present = np.zeros(top, dtype=bool)
    present[ints] = True
    values = np.flatnonzero(present).tolist()
    table = np.empty(top, dtype=object)
    table[values] = list(map(number, values, values))
    return cast(list[list[int]], table[ints].tolist())


_DENSE_INTS = 1 << 16
"""Values of ints read through a table beyond four per int read (:func:`_shared_ints`)."""


def _value_readers(share: Callable[[object, object], object]) -> tuple[Callable[[list[object]], list[object]], ...]:
    """How each of ``_VALUE_FIELDS`` is read back, a table of values at a time: enum members
    from their values, tuples from lists, and repeated values (:data:`SHARED_FIELDS`) as one
    object each through ``share``."""

    def shared(values: list[object]) -> list[object]:
        return list(map(share, values, values))

    def bound(values: list[object]) -> list[object]:
        return [share(value, value) if type(value) is str else value for value in values]

    def as_is(values: list[object]) -> list[object]:
        return values

    def modifiers(values: list[object]) -> list[object]:
        return shared(list(map(tuple, cast(list[list[str]], values))))  # () is one object in any case

    def attrs(values: list[object]) -> list[object]:
        return shared(list(map(tuple, map(map, repeat(tuple), cast(list[list[list[str]]], values)))))

    def kind(values: list[object]) -> list[object]:
        return list(map(_KINDS.__getitem__, cast(list[str], values)))

    def qualifier(values: list[object]) -> list[object]:
        return [None if value is None else _QUALIFIERS[cast(str, value)] for value in values]

    def granularity(values: list[object]) -> list[object]:
        return [None if value is None else _GRANULARITIES[cast(str, value)] for value in values]

    return (kind, shared, shared, qualifier, bound, bound, as_is, as_is, shared, granularity, as_is, shared, shared,
            modifiers, attrs)


def share_story(story: StoryFeatures, share: Callable[[str, str], str]) -> StoryFeatures:
    """``story`` with each word the object ``share(word, word)`` gives, in the same order: held
    until stories are built, a large corpus's words are millions of strings, most of them the
    same few thousand (the decoder's and a worker's words arrive as strings of their own)."""

    def shared(words: Mapping[str, int]) -> dict[str, int]:
        return dict(zip(map(share, words, words), words.values(), strict=True))

    return StoryFeatures(shared(story.lead_words), shared(story.rest_words), story.marks)


def _encode_story(story: StoryFeatures) -> tuple[list[object], list[int], bytes]:
    """The header row of story features, their word counts (which go to the int columns) and
    their words: ``[number of lead words, day, magnitude, haul, None]`` and the lead words then
    the rest in the order they were counted, as UTF-8 text joined by :data:`_WORD_SEP` (one
    decoding and one split for all the entries decoded together), or, if a word holds the
    separator, no text and the words as a list in place of the row's ``None``."""
    day = story.marks.day
    words = [*story.lead_words, *story.rest_words]
    joined = _WORD_SEP.join(words)
    inline = joined.count(_WORD_SEP) == max(len(words) - 1, 0)
    return ([len(story.lead_words),
             None if day is None else [day.kind, day.weekday, None if day.date is None else day.date.isoformat()],
             story.marks.magnitude, story.marks.haul, None if inline else words],
            [*story.lead_words.values(), *story.rest_words.values()],
            joined.encode("utf-8", "surrogatepass") if inline else b"")


_WORD_SEP = "\x1f"  # the unit separator, which no word of a text holds
_SEP_BYTE = _WORD_SEP.encode()


def _listed_words(row: object) -> list[str] | None:
    """The words a header's story row lists, ``None`` if they are stored as text."""
    if not isinstance(row, list) or len(row) != 5:
        raise ValueError("malformed story features")
    words = row[4]
    if words is None:
        return None
    if type(words) is not list or not {*map(type, words)} <= _STR:
        raise ValueError("malformed words")
    return words


def _decode_story(row: list[Any], words: Sequence[str], counts: Sequence[int]) -> StoryFeatures:
    """The story features back from :func:`_encode_story`, with their ``words`` and word
    ``counts``, each value of the type it was (the word counts in the order they were counted:
    story building sums them in that order)."""
    leads, day, size, value, _ = row
    if len(words) != len(counts) or type(leads) is not int or not 0 <= leads <= len(words):
        raise ValueError("malformed word counts")
    for number in (size, value):
        if number is not None and type(number) is not float:
            raise ValueError("malformed story mark")
    marked = None
    if day is not None:
        if (type(day) is not list or len(day) != 3 or type(day[0]) is not str or type(day[1]) is not int
                or not (day[2] is None or type(day[2]) is str)):
            raise ValueError("malformed happening day")
        marked = HappeningDay(day[0], day[1], None if day[2] is None else dt.date.fromisoformat(day[2]))
    return StoryFeatures(dict(zip(words[:leads], counts[:leads], strict=True)),
                         dict(zip(words[leads:], counts[leads:], strict=True)), Marks(marked, size, value))


_STR = frozenset({str})
_SKETCH_LISTS = frozenset({list, type(None)})


_SKETCH_NAMES = tuple(f.name for f in fields(MentionSketch))
_SKETCH_FIELDS = operator.attrgetter(*_SKETCH_NAMES)
_SKETCH_ROWS = frozenset(product(*({"str": (str,), "int": (int,), "bool": (bool,), "int | None": (int, type(None)),
                                    "str | None": (str, type(None))}[str(f.type)] for f in fields(MentionSketch))))
"""The types of the values of a header's sketch row, field by field, that :func:`_sketches` accepts."""
_LIST = frozenset({list})


def _sketches(rows: list[Any]) -> list[MentionSketch]:
    """``MentionSketch(*row)`` of each row of a header (:func:`encode`). The type of each value
    must be one its field allows, exactly (a JSON true is no index), else ``ValueError``."""
    if not {*map(type, rows)} <= _LIST or not {tuple(map(type, row)) for row in rows} <= _SKETCH_ROWS:
        raise ValueError("malformed event sketch")
    return _frozen(MentionSketch, _SKETCH_NAMES, zip(*rows, strict=True), len(rows))


def _frozen(cls: type[_T], names: Sequence[str], columns: Iterable[Iterable[object]], size: int) -> list[_T]:
    """``size`` instances of the frozen dataclass ``cls`` with slots, whose fields are ``names``,
    given the values of each field (``columns``, ``size`` values each): made and then filled a
    field at a time through the slots' own descriptors, in C (its ``__init__`` sets each field
    of each instance through ``object.__setattr__``: about 3 µs for a sketch)."""
    made = list(map(object.__new__, repeat(cls, size)))
    for name, column in zip(names, columns if size else repeat((), len(names)), strict=True):
        deque(map(getattr(cls, name).__set__, made, column), maxlen=0)
    return made


_T = TypeVar("_T")


# -- location ------------------------------------------------------------------------------

def _user_cache_root() -> Path:
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "factlint"


def default_cache_dir(corpus_roots: Iterable[str | os.PathLike[str]] = (), cwd: str | os.PathLike[str] | None = None
                      ) -> Path:
    """``.factlint-cache`` in the working directory, unless the working directory lies inside
    a corpus directory being checked: factlint never writes into a corpus, so the cache then
    goes to the user's cache directory (``$XDG_CACHE_HOME/factlint`` or ``~/.cache/factlint``),
    one subdirectory per working directory."""
    here = Path(cwd if cwd is not None else os.getcwd()).resolve()
    for root in corpus_roots:
        try:
            r = Path(root).resolve()
        except OSError:
            continue
        if r.is_dir() and (here == r or r in here.parents):
            tag = hashlib.sha256(str(here).encode()).hexdigest()[:12]
            return _user_cache_root() / f"{here.name or 'root'}-{tag}"
    return here / DEFAULT_CACHE_DIRNAME


# -- the cache -----------------------------------------------------------------------------

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS claims (
    key TEXT PRIMARY KEY,
    article TEXT NOT NULL,
    data TEXT NOT NULL,
    stored REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS claims_article ON claims (article);
CREATE TABLE IF NOT EXISTS name_pairs (key TEXT PRIMARY KEY, version TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS parsed (name TEXT PRIMARY KEY, digest TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rule_blocks (
    rule TEXT NOT NULL,
    key TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (rule, key)
);
"""
_BATCH = 500  # keys per SELECT ... IN (...) (under SQLite's variable limit)


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0
    written: int = 0
    bad_entries: int = 0


class ClaimCache:
    """The claim cache in ``directory`` (created if needed).

    Use as a context manager or call :meth:`close`. Every method swallows SQLite and file
    errors: the cache degrades to a miss (or is disabled) and a warning is added to
    :attr:`diagnostics`.
    """

    def __init__(self, directory: str | os.PathLike[str], timeout: float = 30.0) -> None:
        self.directory = Path(directory)
        self.path = self.directory / CACHE_FILENAME
        self.timeout = timeout
        self.diagnostics: list[Diagnostic] = []
        self.stats = CacheStats()
        self._conn: sqlite3.Connection | None = None
        self._open()

    # -- opening, and rebuilding a corrupt file
    @property
    def enabled(self) -> bool:
        return self._conn is not None

    def _warn(self, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.path.as_posix(), message, "warning"))

    def _connect(self) -> sqlite3.Connection:
        self.directory.mkdir(parents=True, exist_ok=True)
        ignore = self.directory / ".gitignore"
        if not ignore.exists():
            with contextlib.suppress(OSError):
                ignore.write_text("# created by factlint\n*\n", encoding="utf-8")
        conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            with contextlib.suppress(sqlite3.OperationalError):  # e.g. a file system without shared memory
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.executescript(_SCHEMA)
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if row is None:
                conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            elif row[0] != str(SCHEMA_VERSION):
                raise sqlite3.DatabaseError(f"cache schema {row[0]}, expected {SCHEMA_VERSION}")
            conn.execute("SELECT key, article, data, stored FROM claims LIMIT 1").fetchall()
            conn.execute("SELECT key, version, data FROM name_pairs LIMIT 1").fetchall()
            conn.execute("SELECT name, digest, data FROM parsed LIMIT 1").fetchall()
            conn.execute("SELECT rule, key, data FROM rule_blocks LIMIT 1").fetchall()
        except BaseException:
            conn.close()
            raise
        return conn

    def _open(self) -> None:
        try:
            self._conn = self._connect()
            return
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                self._warn(f"cache busy, running without it: {exc}")
                return
            if not self.path.exists() or (isinstance(exc, sqlite3.OperationalError) and "unable to open" in str(exc)):
                self._warn(f"cannot open the cache, running without it: {exc}")
                return
            self._warn(f"corrupt cache rebuilt ({exc})")
        except OSError as exc:
            self._warn(f"cannot create the cache, running without it: {exc.strerror or exc}")
            return
        self._rebuild()

    def _rebuild(self) -> None:
        self.close()
        try:
            for suffix in ("", "-wal", "-shm", "-journal"):
                with contextlib.suppress(FileNotFoundError):
                    Path(f"{self.path}{suffix}").unlink()
            self._conn = self._connect()
        except (sqlite3.Error, OSError) as exc:
            self._conn = None
            self._warn(f"cannot rebuild the cache, running without it: {exc}")

    def _failed(self, exc: sqlite3.Error, doing: str) -> None:
        """An error in use: a corrupt file is rebuilt, anything else disables the cache."""
        if isinstance(exc, sqlite3.OperationalError):
            self._warn(f"cache {doing} failed, going on without the cache: {exc}")
            self.close()
        else:
            self._warn(f"corrupt cache rebuilt ({exc})")
            self._rebuild()

    # -- reading and writing
    def get_many(self, keys: Sequence[str], texts: Mapping[str, str] | None = None,
                 shared: dict[object, object] | None = None,
                 numbers: dict[int, int] | None = None) -> dict[str, ArticleExtraction]:
        """The cached extractions of those ``keys`` that are in the cache; ``texts`` gives the
        article text of each key (quotes are stored as offsets into it); equal values of their
        claims are one object each through ``shared``, and equal offsets through ``numbers``
        (:func:`decode`)."""
        shared = {} if shared is None else shared
        numbers = {} if numbers is None else numbers
        found: dict[str, ArticleExtraction] = {}
        if self._conn is None:
            self.stats.misses += len(keys)
            return found
        unique = list(dict.fromkeys(keys))
        try:
            for i in range(0, len(unique), _BATCH):
                chunk = unique[i:i + _BATCH]
                marks = ",".join("?" * len(chunk))
                rows = self._conn.execute(f"SELECT key, data FROM claims WHERE key IN ({marks})", chunk).fetchall()
                told = decode_many([(data, texts.get(key, "") if texts else "") for key, data in rows],
                                   shared, numbers)
                for (key, _), extraction in zip(rows, told, strict=True):
                    if extraction is None:
                        self.stats.bad_entries += 1
                    else:
                        found[key] = extraction
        except sqlite3.Error as exc:
            self._failed(exc, "read")
            found = {}
        self.stats.hits += sum(1 for k in keys if k in found)
        self.stats.misses += sum(1 for k in keys if k not in found)
        if self.stats.bad_entries:
            self._warn(f"{self.stats.bad_entries} unreadable cache entries ignored (extracted again)")
            self.stats.bad_entries = 0
        return found

    def get(self, key: str, text: str = "") -> ArticleExtraction | None:
        return self.get_many([key], {key: text}).get(key)

    def put_many(self, items: Iterable[tuple[str, str, ArticleExtraction, str]]) -> None:
        """Store ``(key, article id, extraction, article text)`` entries (replacing any with the
        same key)."""
        if self._conn is None:
            return
        rows = []
        for key, article, ex, text in items:
            try:
                rows.append((key, article, encode(ex, text), time.time()))
            except (ValueError, OverflowError, TypeError) as exc:  # e.g. an offset out of range: not kept
                self._warn(f"claims of {article} not cached: {exc}")
        if not rows:
            return
        try:
            for i in range(0, len(rows), _BATCH):
                with self._transaction():
                    self._conn.executemany(
                        "INSERT OR REPLACE INTO claims (key, article, data, stored) VALUES (?, ?, ?, ?)",
                        rows[i:i + _BATCH])
            self.stats.written += len(rows)
        except sqlite3.Error as exc:
            self._failed(exc, "write")

    def put(self, key: str, article: str, extraction: ArticleExtraction, text: str = "") -> None:
        self.put_many([(key, article, extraction, text)])

    def get_pairs(self) -> dict[str, list[tuple[int, int]]]:
        """The spelling groups of name blocks the last run kept, each as pairs of indices
        (:class:`~checker.extractors.entities.PairMemo`, :func:`~checker.extractors.entities.group_links`),
        those of this extractor version; a malformed entry is left out (its block is grouped again)."""
        if self._conn is None:
            return {}
        version = extractor_version()
        found: dict[str, list[tuple[int, int]]] = {}
        try:
            rows = self._conn.execute("SELECT key, data FROM name_pairs WHERE version = ?", (version,)).fetchall()
        except sqlite3.Error as exc:
            self._failed(exc, "read")
            return {}
        for key, data in rows:
            try:
                pairs = json.loads(data)
                if isinstance(key, str) and isinstance(pairs, list) and all(
                        isinstance(p, list) and len(p) == 2 and all(type(v) is int for v in p) for p in pairs):
                    found[key] = [(i, j) for i, j in pairs]
            except (ValueError, TypeError):
                continue
        return found

    def put_pairs(self, pairs: Mapping[str, Sequence[tuple[int, int]]]) -> None:
        """Keep these blocks' spelling groups (as :meth:`get_pairs` reads them) for the next run,
        in place of what was kept before."""
        if self._conn is None:
            return
        version = extractor_version()
        rows = [(key, version, json.dumps(list(value), separators=(",", ":"))) for key, value in pairs.items()]
        try:
            with self._transaction():
                self._conn.execute("DELETE FROM name_pairs")
                self._conn.executemany("INSERT OR REPLACE INTO name_pairs (key, version, data) VALUES (?, ?, ?)",
                                       rows)
        except sqlite3.Error as exc:
            self._failed(exc, "write")

    def get_parsed(self, name: str, digest: str) -> str | None:
        """What the last run stored for the file ``name`` (:meth:`put_parsed`) if its digest was
        ``digest``, else ``None``."""
        if self._conn is None:
            return None
        try:
            row = self._conn.execute("SELECT data FROM parsed WHERE name = ? AND digest = ?", (name, digest)).fetchone()
        except sqlite3.Error as exc:
            self._failed(exc, "read")
            return None
        return row[0] if row is not None and isinstance(row[0], str) else None

    def put_parsed(self, name: str, digest: str, data: str) -> None:
        """Keep ``data`` (the parse of the file ``name`` whose content has ``digest``, as text)
        in place of what was kept for that file before: corpus manifests, whose TOML parse
        cost a large corpus more than reading all of its articles."""
        if self._conn is None:
            return
        try:
            with self._transaction():
                self._conn.execute("INSERT OR REPLACE INTO parsed (name, digest, data) VALUES (?, ?, ?)",
                                   (name, digest, data))
        except sqlite3.Error as exc:
            self._failed(exc, "write")

    def get_blocks(self, rule: str) -> dict[str, str]:
        """What the last run kept of the blocks of rule ``rule`` (:meth:`put_blocks`), by key."""
        if self._conn is None:
            return {}
        try:
            rows = self._conn.execute("SELECT key, data FROM rule_blocks WHERE rule = ?", (rule,)).fetchall()
        except sqlite3.Error as exc:
            self._failed(exc, "read")
            return {}
        return {key: data for key, data in rows if isinstance(key, str) and isinstance(data, str)}

    def put_blocks(self, rule: str, blocks: Mapping[str, str], kept: Mapping[str, str] | None = None) -> None:
        """Keep these blocks of rule ``rule`` for the next run, in place of what was kept before
        (blocks this run did not read go). ``kept``: what :meth:`get_blocks` gave this run, when
        only the difference is to be written."""
        if self._conn is None:
            return
        try:
            with self._transaction():
                if kept is None:
                    self._conn.execute("DELETE FROM rule_blocks WHERE rule = ?", (rule,))
                else:
                    self._conn.executemany("DELETE FROM rule_blocks WHERE rule = ? AND key = ?",
                                           [(rule, key) for key in sorted(kept) if key not in blocks])
                self._conn.executemany("INSERT OR REPLACE INTO rule_blocks (rule, key, data) VALUES (?, ?, ?)",
                                       [(rule, key, data) for key, data in sorted(blocks.items())
                                        if kept is None or kept.get(key) != data])
        except sqlite3.Error as exc:
            self._failed(exc, "write")

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        assert self._conn is not None
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def prune(self, keep: Mapping[str, str]) -> int:
        """Delete entries of the articles in ``keep`` (article id -> current key) other than
        their current one: old versions of changed articles. Returns how many went."""
        if self._conn is None or not keep:
            return 0
        try:
            with self._transaction():
                before = self._conn.total_changes
                self._conn.executemany("DELETE FROM claims WHERE article = ? AND key != ?", list(keep.items()))
                return self._conn.total_changes - before
        except sqlite3.Error as exc:
            self._failed(exc, "prune")
            return 0

    def clear(self) -> None:
        if self._conn is None:
            return
        try:
            with self._transaction():
                self._conn.execute("DELETE FROM claims")
                self._conn.execute("DELETE FROM name_pairs")
                self._conn.execute("DELETE FROM parsed")
                self._conn.execute("DELETE FROM rule_blocks")
        except sqlite3.Error as exc:
            self._failed(exc, "clear")

    def __len__(self) -> int:
        if self._conn is None:
            return 0
        try:
            return int(self._conn.execute("SELECT COUNT(*) FROM claims").fetchone()[0])
        except sqlite3.Error:
            return 0

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None

    def __enter__(self) -> ClaimCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_cache(directory: str | os.PathLike[str] | None, corpus_roots: Iterable[str] = ()) -> ClaimCache:
    """The cache in ``directory``, or in :func:`default_cache_dir` for the corpus roots."""
    return ClaimCache(directory if directory is not None else default_cache_dir(corpus_roots))


__all__ = [
    "ArticleExtraction",
    "CacheStats",
    "ClaimCache",
    "article_key",
    "decode",
    "default_cache_dir",
    "encode",
    "extractor_version",
    "open_cache",
]
