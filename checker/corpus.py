"""Loading a corpus: files and directories of ``.txt``, ``.md`` and ``.html``/``.htm`` articles
with their metadata.

Metadata comes from a front-matter block at the top of an article (``---`` ... ``---``
with the keys ``title``, ``source``, ``published``, ``url``), the head of an HTML article, or
from a ``corpus.toml`` manifest beside the files; front matter and the head win. An HTML
article's text is what a reader sees (:mod:`checker.htmltext`); its claims' positions refer
to that text. Problems never stop the load: each becomes
a one-line :class:`~checker.model.Diagnostic` naming the file, and the rest is read.
Nothing here writes anywhere, except through the memo a caller may give :func:`load_corpus`
(the claim cache, in its own directory), which keeps the parse of each manifest.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sys
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import regex

from .model import Article, Corpus, Diagnostic

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
MANIFEST_NAME = "corpus.toml"
METADATA_KEYS = ("title", "source", "published", "url")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

@lru_cache(maxsize=1)
def _front_matter_loader() -> type[Any]:
    """YAML without implicit timestamps: dates stay text and are checked by :func:`parse_date`.
    (PyYAML is imported when an article first has front matter, not with this module.)"""
    import yaml

    class FrontMatterLoader(yaml.SafeLoader):
        pass

    FrontMatterLoader.yaml_implicit_resolvers = {
        key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return FrontMatterLoader


_FRONT_MATTER = regex.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", regex.DOTALL)


@dataclass
class LoadOptions:
    max_bytes: int = DEFAULT_MAX_BYTES
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()


@dataclass
class _Collector:
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def error(self, path: str | Path, message: str) -> None:
        self.diagnostics.append(Diagnostic(_display(path), message, "error"))

    def warning(self, path: str | Path, message: str) -> None:
        self.diagnostics.append(Diagnostic(_display(path), message, "warning"))


def _display(path: str | os.PathLike[str]) -> str:
    return Path(path).as_posix()


def decode(data: bytes) -> tuple[str, str, str | None]:
    """Decode article bytes: ``(text, encoding, warning)``.

    UTF-8 (with or without BOM) is expected; UTF-16 with a BOM is accepted; anything else is
    decoded as Windows-1252 (or Latin-1 where 1252 has no character) with a warning.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig", None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", None
        except UnicodeDecodeError as exc:
            return data.decode("utf-16", errors="replace"), "utf-16", f"invalid UTF-16 ({exc.reason})"
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError as exc:
        where = f"byte {exc.start}"
    try:
        return data.decode("cp1252"), "cp1252", f"not valid UTF-8 (at {where}); decoded as Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1", f"not valid UTF-8 (at {where}); decoded as Latin-1"


def looks_binary(data: bytes) -> bool:
    """Whether ``data`` holds a NUL byte in its first or last 64 KiB (and has no UTF-16 BOM)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if len(data) <= 2 * _BINARY_PROBE:  # the two ends cover it all: one search, no copies
        return b"\x00" in data
    return data.find(b"\x00", 0, _BINARY_PROBE) >= 0 or data.find(b"\x00", len(data) - _BINARY_PROBE) >= 0


_BINARY_PROBE = 65536


def parse_date(value: Any) -> dt.date:
    """A publication date from front matter or a manifest (a TOML/YAML date or ISO text)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            pass
        try:
            return dt.datetime.fromisoformat(text).date()
        except ValueError:
            pass
        parsed = _parse_written_date(text)
        if parsed is not None:
            return parsed
        raise ValueError(f"invalid date {value!r} (expected YYYY-MM-DD, or a day, a month name and a year)")
    raise ValueError(f"invalid date {value!r} (expected YYYY-MM-DD)")


# A written date must name its month: "03/04/2023" is April in London and March in New York,
# and words like "yesterday" would make the result depend on the day of the run.
_MONTH_NAME = regex.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?![a-z])", regex.I)
_WRITTEN_DATE_SETTINGS = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"],
                          "RETURN_AS_TIMEZONE_AWARE": False, "PREFER_LOCALE_DATE_ORDER": False}


def _parse_written_date(text: str) -> dt.date | None:
    """The date of a publication date written out ("18 October 2023", "Oct. 18, 2023", an RSS
    "Wed, 18 Oct 2023 10:00:00 +0000"), by :func:`dateparser.parse`, as the text gives it
    (no time-zone conversion); ``None`` unless it names its day, month (by name) and year."""
    if len(text) > 80 or not _MONTH_NAME.search(text):
        return None
    import dateparser  # imported lazily: it takes a while to load

    try:
        parsed = dateparser.parse(text, languages=["en"], settings=_WRITTEN_DATE_SETTINGS)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    return parsed.date() if parsed is not None else None


def _clean_meta(raw: dict[str, Any], where: str, col: _Collector) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    for key, value in raw.items():
        key_s = str(key)
        if key_s not in METADATA_KEYS:
            col.warning(where, f"unknown metadata key {key_s!r} ignored (known: {', '.join(METADATA_KEYS)})")
            continue
        if value is None:
            continue
        if key_s == "published":
            try:
                meta[key_s] = parse_date(value)
            except ValueError as exc:
                col.warning(where, f"published: {exc}; the article is undated")
        else:
            meta[key_s] = str(value).strip()
    return meta


def _front_matter(text: str, where: str, col: _Collector) -> tuple[dict[str, Any], int]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, 0
    import yaml

    try:
        raw = yaml.load(match.group(1), Loader=_front_matter_loader())
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        problem = str(exc).splitlines()[0] if str(exc) else "invalid YAML"
        col.warning(where, f"malformed front matter ignored: {problem}")
        return {}, match.end()
    if raw is None:
        return {}, match.end()
    if not isinstance(raw, dict):
        col.warning(where, "malformed front matter ignored: expected 'key: value' lines")
        return {}, match.end()
    return _clean_meta(raw, where, col), match.end()


def _html_article(markup: str, where: str, col: _Collector) -> tuple[str, dict[str, Any], int]:
    """The text of an HTML article (what a reader sees, :mod:`checker.htmltext`), the metadata of
    its head (as front matter: it wins over the manifest) and its body offset (0)."""
    from .htmltext import html_text

    page = html_text(markup)
    raw = {"title": page.title, "source": page.source, "published": page.published, "url": page.url}
    return page.text, _clean_meta({k: v for k, v in raw.items() if v}, where, col), 0


def unsupported_type(name: str) -> str | None:
    """The message for a file that is not an article by its name (``None`` if it is one): a
    name with a suffix other than those of :data:`ARTICLE_SUFFIXES` (a name without one is read
    as plain text)."""
    suffix = os.path.splitext(name)[1]
    if not suffix or suffix.lower() in ARTICLE_SUFFIXES:
        return None
    return f"skipped: unsupported file type {suffix} (supported: {', '.join(ARTICLE_SUFFIXES)})"


class ParsedMemo(Protocol):
    """Where :func:`load_corpus` keeps the parse of each manifest between runs (the claim cache,
    :class:`checker.cache.ClaimCache`): by file, with a digest of the file's bytes."""

    def get_parsed(self, name: str, digest: str) -> str | None: ...

    def put_parsed(self, name: str, digest: str, data: str) -> None: ...


# Part of every memo digest: another parser (or another Python's tomllib) parses afresh.
_PARSE_TAG = f"tomllib {sys.version_info[0]}.{sys.version_info[1]} tagged-json 1\0".encode()


def _tagged(value: Any) -> Any:
    """A TOML value as JSON data that :func:`_untag_object` turns back into an equal value of the
    same types: dates and times become ``{"$date": ...}``-style objects, and a table key that
    starts with ``$`` gets one more, so that no table reads back as a date."""
    if isinstance(value, dict):
        return {("$" + k if k.startswith("$") else k): _tagged(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_tagged(v) for v in value]
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, dt.time):
        return {"$time": value.isoformat()}
    if value is None or isinstance(value, (str, int, float)):  # bool is an int
        return value
    raise TypeError(f"not a TOML value: {type(value).__name__}")


_UNTAG = {"$datetime": dt.datetime.fromisoformat, "$date": dt.date.fromisoformat, "$time": dt.time.fromisoformat}


def _untag_object(value: dict[str, Any]) -> Any:
    """One JSON object of :func:`_tagged` data, its members already read back, as the value it
    stands for: the ``object_hook`` of :func:`json.loads`, which calls it from the innermost
    object out (reading the memo back then costs the parse, not a walk over it in Python)."""
    if len(value) == 1:
        key, inner = next(iter(value.items()))
        if key in _UNTAG:
            return _UNTAG[key](inner)
    if any(k.startswith("$") for k in value):
        return {(k[1:] if k.startswith("$") else k): v for k, v in value.items()}
    return value


def _parse_toml(data: bytes, name: str, memo: ParsedMemo | None) -> dict[str, Any]:
    """``tomllib.loads`` of the UTF-8 (with or without BOM) ``data`` of the file ``name``,
    through ``memo`` when given: a parse kept for the same bytes is read back instead (a
    broken or foreign entry is parsed afresh). Raises what decoding and tomllib raise."""
    if memo is None:
        return tomllib.loads(data.decode("utf-8-sig"))
    digest = hashlib.sha256(_PARSE_TAG + data).hexdigest()
    kept = memo.get_parsed(name, digest)
    if kept is not None:
        try:
            parsed = json.loads(kept, object_hook=_untag_object)
            if isinstance(parsed, dict):
                return parsed
        except (ValueError, TypeError, AttributeError, RecursionError):
            pass
    parsed = tomllib.loads(data.decode("utf-8-sig"))
    with contextlib.suppress(TypeError, ValueError, RecursionError):  # else nothing kept: parsed again next time
        memo.put_parsed(name, digest, json.dumps(_tagged(parsed), ensure_ascii=False, separators=(",", ":")))
    return parsed


def _load_manifest(directory: Path, col: _Collector, memo: ParsedMemo | None = None) -> dict[str, dict[str, Any]]:
    manifest = directory / MANIFEST_NAME
    if not manifest.is_file():
        return {}
    where = _display(manifest)
    try:
        data = _parse_toml(manifest.read_bytes(), os.path.abspath(manifest), memo)
    except (OSError, UnicodeDecodeError) as exc:
        col.error(where, f"cannot read manifest: {exc}")
        return {}
    except tomllib.TOMLDecodeError as exc:
        col.error(where, f"malformed manifest ignored: {exc}")
        return {}
    entries: dict[str, dict[str, Any]] = {}
    try:  # one listing for the check below (a stat per entry showed in profiles of large manifests)
        with os.scandir(directory) as it:
            files = {e.name for e in it if e.is_file()}
    except OSError:
        files = set()
    for key in data:
        if key != "articles":
            col.warning(where, f"unknown manifest key {key!r} ignored (expected [articles.\"FILE\"] tables)")
    articles = data.get("articles", {})
    if not isinstance(articles, dict):
        col.error(where, "'articles' must be a table of [articles.\"FILE\"] entries")
        return {}
    for name, raw in articles.items():
        if not isinstance(raw, dict):
            col.warning(where, f"articles.{name}: expected a table of metadata")
            continue
        if name not in files and not (directory / name).is_file():
            col.warning(where, f"articles.{name}: no such article beside the manifest")
        entries[name] = _clean_meta(raw, f"{where}: articles.{name}", col)
    return entries


def _first_line_title(text: str) -> str | None:
    """The first line of ``text`` that is not blank, when it reads as a headline, else ``None``.
    The lines are those of ``str.splitlines``, read from a prefix of the text first (an
    article's first line is near its start; splitting all of it took a tenth of the load)."""
    head = text[:_TITLE_PREFIX]
    if len(head) < len(text):
        lines = head.splitlines()
        for line in lines[:-1]:  # the last one may go on past the prefix
            if line.strip():
                return _title_of(line.strip())
    for line in text.splitlines():
        stripped = line.strip()
        if stripped:
            return _title_of(stripped)
    return None


_TITLE_PREFIX = 256


def _title_of(stripped: str) -> str | None:
    if stripped.startswith(("-", "*", "\u2022")) or len(stripped) > 200:
        return None
    if stripped[-1] in ".!?" or stripped.endswith(('."', ".'", '.\u201d')):
        return None  # a first sentence, not a headline
    return stripped


class _File(NamedTuple):
    """A file to read: its path as the system takes it, as shown to users (``Path.as_posix``),
    its article id, the directory and name that find its manifest entry, and whether it is a
    symbolic link (``None``: not known, ask the system)."""

    path: str
    shown: str
    id: str
    directory: Path
    name: str
    link: bool | None = None

    def is_link(self) -> bool:
        return self.link if self.link is not None else os.path.islink(self.path)


def _iter_files(root: Path, col: _Collector) -> Iterable[_File]:
    """The article files below the directory ``root``, directories and names sorted.

    Paths are made with ``pathlib`` once per directory and joined as text per file, the same
    as ``Path(dirpath) / name`` and :func:`article_id` spell them (on 10,000 articles the
    per-file ``Path`` operations took half of the load)."""
    seen_dirs: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=lambda e: col.error(
            e.filename or root, f"cannot list directory: {e.strerror}")):
        real = os.path.realpath(dirpath)
        if real in seen_dirs:
            col.warning(dirpath, "symlink loop or repeated directory skipped")
            dirnames[:] = []
            continue
        seen_dirs.add(real)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        directory = Path(dirpath)
        shown = _child_prefix(directory.as_posix())
        below = _child_prefix(directory.relative_to(root).as_posix())
        links = link_names(dirpath)
        for name in sorted(filenames):
            if name.lower().endswith(ARTICLE_SUFFIXES) and not name.startswith("."):
                # The id drops the suffix as Path.with_suffix("") does: from the last dot (the
                # name ends with a suffix and does not start with a dot).
                yield _File(os.path.join(dirpath, name), shown + name, below + name[:name.rindex(".")],
                            directory, name, None if links is None else name in links)


def link_names(directory: str) -> frozenset[str] | None:
    """The names of the symbolic links in ``directory`` from one listing (the type of each
    entry comes with it: no lstat per file), or ``None`` when it cannot be listed."""
    try:
        with os.scandir(directory) as it:
            return frozenset(entry.name for entry in it if entry.is_symlink())
    except OSError:
        return None


def _child_prefix(directory: str) -> str:
    """What goes before a file name to spell ``Path(directory) / name`` (``directory`` in its
    ``as_posix`` form)."""
    if directory == ".":
        return ""
    return directory if directory.endswith("/") else directory + "/"


def _matches(rel: str, patterns: Sequence[str]) -> bool:
    from fnmatch import fnmatch

    return any(fnmatch(rel, p) or fnmatch(Path(rel).name, p) for p in patterns)


def article_id(path: Path, root: Path | None) -> str:
    """The id of an article: its path below the corpus root, without the suffix."""
    if root is not None:
        try:
            rel = path.relative_to(root)
        except ValueError:
            rel = Path(path.name)
    else:
        rel = Path(path.name)
    return rel.with_suffix("").as_posix()


def _read_bytes(path: str | os.PathLike[str], where: str, col: _Collector, max_bytes: int) -> bytes | None:
    """The bytes of the file ``path``, or ``None`` after a one-line error; a file over
    ``max_bytes`` is not read. The file is opened once and its size read from the open file
    (a stat by name, then an open, then a buffered read cost a third more on 10,000 files);
    when it cannot be opened, :func:`_read_bytes_by_name` says why, as it always has."""
    try:
        handle = open(path, "rb", buffering=0)  # noqa: SIM115 (closed below; the error path differs)
    except OSError:
        return _read_bytes_by_name(path, where, col, max_bytes)
    with handle:
        try:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                col.error(where, f"skipped: {size} bytes is over the size limit of {max_bytes} bytes")
                return None
            return handle.readall()
        except OSError as exc:
            col.error(where, f"cannot read: {exc.strerror or exc}")
            return None


def _read_bytes_by_name(path: str | os.PathLike[str], where: str, col: _Collector, max_bytes: int) -> bytes | None:
    """:func:`_read_bytes` the first way: the size by name, then the bytes (so that a file over
    the limit that cannot be read is reported for its size, and a stat error as it is)."""
    try:
        size = os.stat(path).st_size
    except OSError as exc:
        col.error(where, f"cannot read: {exc.strerror or exc}")
        return None
    if size > max_bytes:
        col.error(where, f"skipped: {size} bytes is over the size limit of {max_bytes} bytes")
        return None
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        col.error(where, f"cannot read: {exc.strerror or exc}")
        return None


def read_article(
    path: str | os.PathLike[str],
    article_id_: str,
    manifest: dict[str, Any] | None,
    col: _Collector,
    max_bytes: int = DEFAULT_MAX_BYTES,
    shown: str | None = None,
) -> Article | None:
    """The article in the file ``path`` (shown to users as ``shown``, by default its
    ``Path.as_posix`` form), or ``None`` after a one-line error."""
    where = shown if shown is not None else _display(path)
    data = _read_bytes(path, where, col, max_bytes)
    if data is None:
        return None
    if not data or data.isspace():
        col.warning(where, "empty article: no claims")
    if looks_binary(data):
        col.error(where, "skipped: binary file (contains NUL bytes)")
        return None
    text, encoding, problem = decode(data)
    if problem:
        col.warning(where, problem)
    meta = dict(manifest or {})
    if where.lower().endswith(HTML_SUFFIXES):
        text, front, body_offset = _html_article(text, where, col)
    else:
        front, body_offset = _front_matter(text, where, col)
    meta.update(front)
    title = meta.get("title") or _first_line_title(text[body_offset:])
    return Article(
        id=article_id_,
        path=where,
        text=text,
        title=title,
        source=meta.get("source"),
        published=meta.get("published"),
        url=meta.get("url"),
        body_offset=body_offset,
        encoding=encoding,
    )


def load_corpus(paths: Iterable[str | os.PathLike[str]], options: LoadOptions | None = None,
                memo: ParsedMemo | None = None) -> Corpus:
    """Read the articles under ``paths`` (files or directories, searched recursively).

    ``memo`` (the claim cache) keeps the parse of each manifest for the next run; nothing is
    written anywhere without it."""
    opts = options or LoadOptions()
    col = _Collector()
    articles: dict[str, Article] = {}
    roots: list[str] = []
    manifests: dict[Path, dict[str, dict[str, Any]]] = {}

    def manifest_for(directory: Path, name: str) -> dict[str, Any] | None:
        if directory not in manifests:
            manifests[directory] = _load_manifest(directory, col, memo)
        return manifests[directory].get(name)

    for raw in paths:
        root = Path(raw)
        roots.append(_display(root))
        if not os.path.lexists(root):
            col.error(root, "no such file or directory")
            continue
        if not root.exists():
            col.error(root, "broken symbolic link")
            continue
        files: Iterable[_File]
        if root.is_dir():
            files = list(_iter_files(root, col))
        elif root.is_file():
            problem = unsupported_type(root.name)
            if problem is not None:
                col.error(root, problem)
                continue
            files = [_File(os.fspath(root), _display(root), article_id(root, None), root.parent, root.name)]
        else:
            col.error(root, "not a regular file or directory")
            continue
        for file in files:
            aid = rel = file.id
            if opts.include and not _matches(file.shown, opts.include) and not _matches(rel, opts.include):
                continue
            if opts.exclude and (_matches(file.shown, opts.exclude) or _matches(rel, opts.exclude)):
                continue
            if file.is_link() and not os.path.exists(file.path):
                col.error(file.shown, "broken symbolic link")
                continue
            if aid in articles:
                if os.path.realpath(articles[aid].path) == os.path.realpath(file.path):
                    continue  # the same file given twice
                # Another root holds a file with the same relative path: keep both.
                base = f"{root.name or 'corpus'}/{aid}" if root.is_dir() else aid
                candidate, n = base, 2
                while candidate in articles:
                    candidate, n = f"{base}~{n}", n + 1
                col.warning(file.shown, f"article id {aid!r} already used by {articles[aid].path}; "
                                        f"this one is {candidate!r}")
                aid = candidate
            article = read_article(file.path, aid, manifest_for(file.directory, file.name), col, opts.max_bytes,
                                   file.shown)
            if article is not None:
                articles[aid] = article
    ordered = tuple(articles[k] for k in sorted(articles))
    diags = tuple(sorted(set(col.diagnostics), key=lambda d: (d.path, d.message)))
    return Corpus(ordered, diags, tuple(roots))
