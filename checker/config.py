"""Configuration: ``[tool.factlint]`` in ``pyproject.toml`` or a ``factlint.toml``.

The file is found by walking up from the working directory (in each directory
``factlint.toml`` first, then a ``pyproject.toml`` that has a ``[tool.factlint]`` table);
``--config FILE`` wins. Keys (all optional)::

    paths = ["corpus"]                 # corpus files or directories (relative to the file)
    include = ["*.md"]                 # globs on the article path or id
    exclude = ["drafts/*"]
    select = ["DU", "DT01"]            # rule codes, prefixes, names or groups
    ignore = ["NM01"]
    baseline = "factlint-baseline.json"
    max-article-bytes = 20971520       # larger articles are skipped with a message
    max-claims-per-article = 5000      # an article's claims past the first 5000 are dropped with a message
    fail-on = { status = ["conflict", "inconsistent"], severity = "warning" }

    [rules.DU01]                       # per rule: severity and options
    severity = "error"
    unresolved_confidence = 0.4

    [units.equivalent]                 # the unit-equivalence table (added to the built-in one)
    vessel = ["ship", "boat", "tanker"]
    [units.related]
    shipments = ["container", "vessel", "train"]

    [aliases]                          # entity name -> canonical name
    "DPRK" = "North Korea"

Unknown keys and wrong types raise :class:`ConfigError`, one line naming the file and the
key. Loading reads TOML only; it never imports the rules (see :func:`validate_rules`).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .findings import Finding, Severity, Status

# The same default as checker.corpus.DEFAULT_MAX_BYTES (not imported: loading the
# configuration stays light for --help and --version).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# The same default as checker.extractors.options.DEFAULT_MAX_CLAIMS.
DEFAULT_MAX_CLAIMS = 5000

if TYPE_CHECKING:
    from rules.base import Rule

CONFIG_NAME = "factlint.toml"
PYPROJECT = "pyproject.toml"
DEFAULT_BASELINE = "factlint-baseline.json"


class ConfigError(ValueError):
    """A configuration problem: ``str(error)`` is one line naming the file and the key."""

    def __init__(self, path: str | Path | None, key: str | None, problem: str) -> None:
        where = [str(path)] if path is not None else []
        if key:
            where.append(key)
        super().__init__(": ".join([*where, problem]))
        self.path = str(path) if path is not None else None
        self.key = key


@dataclass(frozen=True)
class FailOn:
    """Which findings fail the run: a status in ``statuses`` and a severity at least ``severity``."""

    statuses: frozenset[Status] = frozenset({Status.CONFLICT, Status.INCONSISTENT})
    severity: Severity = Severity.WARNING

    def fails(self, finding: Finding) -> bool:
        return finding.status in self.statuses and finding.severity.rank >= self.severity.rank


@dataclass(frozen=True)
class Config:
    """The effective configuration (defaults where the file says nothing)."""

    source: str | None = None
    """The file read (``None``: no configuration file)."""
    table: str = ""
    """The key prefix of the settings in ``source`` (``tool.factlint`` in a pyproject.toml)."""
    paths: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    equivalent: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    related: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    aliases: Mapping[str, str] = field(default_factory=dict)
    fail_on: FailOn = field(default_factory=FailOn)
    baseline: str | None = None
    max_article_bytes: int = DEFAULT_MAX_BYTES
    """Articles larger than this are skipped with a message (default 20 MiB)."""
    max_claims_per_article: int = DEFAULT_MAX_CLAIMS
    """Claims kept per article, the first ones by position; past them a message (default 5,000)."""

    def key(self, name: str) -> str:
        """The full key of a setting as written in the file (``tool.factlint.select``)."""
        return f"{self.table}.{name}" if self.table else name

    def error(self, key: str, problem: str) -> ConfigError:
        return ConfigError(self.source, self.key(key), problem)


# --- finding the file --------------------------------------------------------------------


def _has_factlint_table(pyproject: Path) -> bool:
    """Whether a pyproject.toml is meant for factlint (checked on the text first, so that a
    broken pyproject.toml without a factlint table never stops a run)."""
    try:
        text = pyproject.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    return "tool.factlint" in text or ("[tool]" in text and "factlint" in text)


def find_config(start: str | Path | None = None) -> Path | None:
    """The configuration file for ``start`` (default: the working directory) or its parents."""
    here = Path(start) if start is not None else Path.cwd()
    here = here.resolve()
    for directory in (here, *here.parents):
        candidate = directory / CONFIG_NAME
        if candidate.is_file():
            return candidate
        pyproject = directory / PYPROJECT
        if pyproject.is_file() and _has_factlint_table(pyproject):
            return pyproject
    return None


def _display(path: Path, cwd: Path) -> str:
    try:
        return os.path.relpath(path, cwd)
    except ValueError:  # another drive on Windows
        return str(path)


def load_config(path: str | Path | None = None, cwd: str | Path | None = None, search: bool = True) -> Config:
    """Read the configuration: ``path`` if given (an explicit ``--config``), else the file
    :func:`find_config` finds from ``cwd`` when ``search``, else the defaults."""
    base = Path(cwd) if cwd is not None else Path.cwd()
    if path is not None:
        file = Path(path)
        if not file.is_absolute():
            file = base / file
        if not file.is_file():
            raise ConfigError(path, None, "no such configuration file")
    else:
        found = find_config(base) if search else None
        if found is None:
            return Config()
        file = found
    shown = str(path) if path is not None else _display(file, base.resolve())
    try:
        data = tomllib.loads(file.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(shown, None, f"cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(shown, None, f"invalid TOML: {exc}") from None
    if file.name == PYPROJECT or ("tool" in data and file.name != CONFIG_NAME):
        tool = data.get("tool", {})
        table = tool.get("factlint", {}) if isinstance(tool, dict) else {}
        if not isinstance(table, dict):
            raise ConfigError(shown, "tool.factlint", "expected a table")
        return parse_config(table, shown, "tool.factlint", file.parent.resolve(), base.resolve())
    return parse_config(data, shown, "", file.parent.resolve(), base.resolve())


# --- parsing ---------------------------------------------------------------------------


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def parse_config(data: Mapping[str, Any], source: str | None = None, table: str = "",
                 root: Path | None = None, cwd: Path | None = None) -> Config:
    """Check and convert a parsed settings table. Paths (``paths``, ``baseline``) are
    relative to ``root`` (the file's directory) and returned relative to ``cwd``."""
    base = Config(source=source, table=table)
    root = root or Path.cwd()
    cwd = cwd or Path.cwd()

    def fail(key: str, problem: str) -> ConfigError:
        return base.error(key, problem)

    def strings(key: str, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(key, f"expected an array of strings, got {_type_name(value)}")
        return tuple(value)

    def string(key: str, value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            raise fail(key, f"expected a non-empty string, got {_type_name(value)}")
        return value

    def subtable(key: str, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise fail(key, f"expected a table, got {_type_name(value)}")
        return value

    def local(p: str) -> str:
        resolved = Path(p) if Path(p).is_absolute() else root / p
        return _display(resolved, cwd)

    values: dict[str, Any] = {}
    parsers: dict[str, Callable[[str, Any], None]] = {}

    def parse_list(key: str, value: Any) -> None:
        values[key.replace("-", "_")] = strings(key, value)

    def parse_paths(key: str, value: Any) -> None:
        values["paths"] = tuple(local(p) for p in strings(key, value))

    def parse_max_bytes(key: str, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise fail(key, f"expected a positive integer (bytes), got {_type_name(value)}")
        values["max_article_bytes"] = value

    def parse_max_claims(key: str, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise fail(key, f"expected a positive integer (claims), got {_type_name(value)}")
        values["max_claims_per_article"] = value

    def parse_baseline(key: str, value: Any) -> None:
        values["baseline"] = local(string(key, value))

    def parse_rules(key: str, value: Any) -> None:
        severity: dict[str, str] = {}
        options: dict[str, dict[str, Any]] = {}
        for code, settings in subtable(key, value).items():
            sub = subtable(f"{key}.{code}", settings)
            opts: dict[str, Any] = {}
            for name, setting in sub.items():
                if name == "severity":
                    level = string(f"{key}.{code}.severity", setting).lower()
                    if level not in {s.value for s in Severity}:
                        raise fail(f"{key}.{code}.severity", f"expected error, warning or info, got {setting!r}")
                    severity[code] = level
                else:
                    opts[name.replace("-", "_")] = setting
            if opts:
                options[code] = opts
        values["severity"] = severity
        values["options"] = options

    def parse_units(key: str, value: Any) -> None:
        for name, terms in subtable(key, value).items():
            if name not in ("equivalent", "related"):
                raise fail(f"{key}.{name}", "unknown key (known: equivalent, related)")
            table_ = subtable(f"{key}.{name}", terms)
            values[name] = {thing.lower(): tuple(t.lower() for t in strings(f"{key}.{name}.{thing}", listed))
                            for thing, listed in table_.items()}

    def parse_aliases(key: str, value: Any) -> None:
        values["aliases"] = {name: string(f"{key}.{name}", target) for name, target in subtable(key, value).items()}

    def parse_fail_on(key: str, value: Any) -> None:
        if isinstance(value, list):  # shorthand: fail-on = ["conflict", "variant"]
            value = {"status": value}
        statuses: set[Status] = set(FailOn().statuses)
        severity = FailOn().severity
        for name, setting in subtable(key, value).items():
            if name == "status":
                statuses = set()
                for item in strings(f"{key}.status", setting):
                    try:
                        statuses.add(Status(item.strip().lower()))
                    except ValueError:
                        known = ", ".join(s.value for s in Status)
                        raise fail(f"{key}.status", f"unknown status {item!r} (known: {known})") from None
            elif name == "severity":
                level = string(f"{key}.severity", setting).lower()
                try:
                    severity = Severity(level)
                except ValueError:
                    raise fail(f"{key}.severity", f"expected error, warning or info, got {setting!r}") from None
            else:
                raise fail(f"{key}.{name}", "unknown key (known: status, severity)")
        values["fail_on"] = FailOn(frozenset(statuses), severity)

    parsers.update({
        "paths": parse_paths, "include": parse_list, "exclude": parse_list, "select": parse_list,
        "ignore": parse_list, "rules": parse_rules, "units": parse_units, "aliases": parse_aliases,
        "fail-on": parse_fail_on, "baseline": parse_baseline, "max-article-bytes": parse_max_bytes,
        "max-claims-per-article": parse_max_claims,
    })
    for key, value in data.items():
        parser = parsers.get(key)
        if parser is None:
            hint = f" (did you mean {key.replace('_', '-')!r}?)" if key.replace("_", "-") in parsers else ""
            raise fail(key, f"unknown key{hint} (known: {', '.join(parsers)})")
        parser(key, value)
    return Config(source=source, table=table, **values)


# --- using it --------------------------------------------------------------------------


def validate_rules(config: Config, available: Sequence[type[Rule]] | None = None) -> None:
    """Check ``select``, ``ignore`` and the ``[rules.*]`` tables against the registry;
    :class:`ConfigError` names the key."""
    from rules import all_rules, matches, unmatched

    pool = list(available) if available is not None else all_rules()
    for key in ("select", "ignore"):
        for selector in unmatched(getattr(config, key), pool):
            raise config.error(key, f"no rule matches {selector!r}")
    for code in sorted(unmatched({*config.severity, *config.options}, pool)):
        raise config.error(f"rules.{code}", "no such rule (a rule code, code prefix, name or group, "
                                             "see 'factlint rules')")
    for code, options in config.options.items():
        for rule in (r for r in pool if matches(r, code)):
            known = {o.name: o for o in rule.options}
            for name, value in options.items():
                if name not in known:
                    listed = ", ".join(known) or "none"
                    raise config.error(f"rules.{code}.{name}",
                                       f"rule {rule.code} has no such option (options: {listed})")
                try:
                    known[name].coerce(value)
                except TypeError as exc:
                    raise config.error(f"rules.{code}.{name}", str(exc)) from None


def effective(config: Config, available: Sequence[type[Rule]] | None = None) -> dict[str, Any]:
    """The effective configuration as plain data (for ``factlint config``): every setting
    with its default, every rule with its severity and options, the full unit table."""
    from rules import all_rules
    from rules import configured as configured_for

    from .units import DEFAULT_EQUIVALENT, DEFAULT_RELATED

    pool = list(available) if available is not None else all_rules()
    rules: dict[str, dict[str, Any]] = {}
    for rule in pool:
        severity = ([rule.severity.value, *configured_for(config.severity, rule)])[-1]
        configured: dict[str, Any] = {}
        for table in configured_for(config.options, rule):
            configured.update(table)
        entry: dict[str, Any] = {"severity": severity}
        for option in rule.options:
            entry[option.name] = option.coerce(configured[option.name]) if option.name in configured \
                else option.default
        rules[rule.code] = entry
    equivalent = {k: list(v) for k, v in {**DEFAULT_EQUIVALENT, **config.equivalent}.items()}
    related = {k: list(v) for k, v in {**DEFAULT_RELATED, **config.related}.items()}
    return {
        "paths": list(config.paths),
        "include": list(config.include),
        "exclude": list(config.exclude),
        "select": list(config.select),
        "ignore": list(config.ignore),
        "baseline": config.baseline,
        "max-article-bytes": config.max_article_bytes,
        "max-claims-per-article": config.max_claims_per_article,
        "fail-on": {"status": sorted(s.value for s in config.fail_on.statuses),
                    "severity": config.fail_on.severity.value},
        "aliases": dict(sorted(config.aliases.items())),
        "rules": rules,
        "units": {"equivalent": equivalent, "related": related},
    }


# --- a small TOML writer for `factlint config` ----------------------------------------------


def _toml_key(key: str) -> str:
    import re

    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml_value(key)


def _toml_value(value: Any) -> str:
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def to_toml(data: Mapping[str, Any], prefix: str = "") -> str:
    """Plain data as TOML: the keys first, then one ``[table]`` per non-empty sub-table
    (``None`` values are left out: TOML has no null)."""
    lines: list[str] = []
    tables: list[tuple[str, Mapping[str, Any]]] = []
    for key, value in data.items():
        if value is None:
            continue
        if isinstance(value, dict) and value:
            tables.append((key, value))
        else:
            lines.append(f"{_toml_key(key)} = {_toml_value(value)}\n")
    for key, value in tables:
        name = f"{prefix}.{_toml_key(key)}" if prefix else _toml_key(key)
        lines.append(f"\n[{name}]\n")
        lines.append(to_toml(value, name))
    return "".join(lines).lstrip("\n") if not prefix else "".join(lines)
