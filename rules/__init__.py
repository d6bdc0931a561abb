"""The rule registry.

Built-in rules are listed explicitly in :data:`BUILTIN_RULES`; third-party rules come in
through the entry-point group ``factlint.rules`` (each entry point names a
:class:`~rules.base.Rule` subclass). Selection works by code (``DU01``), code prefix
(``DU``), name (``event-length``) or group (``dates``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from importlib.metadata import entry_points
from typing import Any

from checker.findings import Severity

from .ages import AgeMismatch
from .base import Option, Rule, RuleContext
from .counts import CountMismatch, RelatedCounts
from .dates import EventDate, RelativeDateMisfit, WeekdayMismatch
from .durations import EventLength
from .happenings import HappeningDay
from .names import NameVariants

BUILTIN_RULES: tuple[type[Rule], ...] = (
    EventLength,
    EventDate,
    WeekdayMismatch,
    RelativeDateMisfit,
    HappeningDay,
    CountMismatch,
    RelatedCounts,
    NameVariants,
    AgeMismatch,
)

ENTRY_POINT_GROUP = "factlint.rules"

__all__ = ["BUILTIN_RULES", "Option", "Rule", "RuleContext", "RuleSelectionError", "all_rules", "configured",
           "finding_matches", "matches", "select_rules", "selector_matches", "unmatched"]


class RuleSelectionError(ValueError):
    """A selector, severity or option names no rule, or has the wrong type."""


def plugin_rules() -> list[type[Rule]]:
    found: list[type[Rule]] = []
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        try:
            obj = ep.load()
        except Exception as exc:  # a broken plugin must not break the run
            raise RuleSelectionError(f"rule plugin {ep.name!r} failed to load: {exc}") from exc
        if not (isinstance(obj, type) and issubclass(obj, Rule)):
            raise RuleSelectionError(f"rule plugin {ep.name!r} is not a factlint Rule class")
        found.append(obj)
    return found


def all_rules(include_plugins: bool = True) -> list[type[Rule]]:
    rules = list(BUILTIN_RULES)
    if include_plugins:
        codes = {r.code for r in rules}
        for rule in plugin_rules():
            if rule.code in codes:
                raise RuleSelectionError(f"rule plugin {rule.__module__}.{rule.__name__} reuses code {rule.code}")
            rules.append(rule)
            codes.add(rule.code)
    return rules


def selector_matches(code: str, name: str, groups: Iterable[str], selector: str) -> bool:
    """The one matcher of every option that names rules (``select``, ``ignore``, ``--rule``,
    ``[rules.X]``): ``ALL``, a code or code prefix (any case), a name or a group."""
    s = selector.strip()
    if not s:
        return False
    if s.upper() == "ALL":
        return True
    return code.upper().startswith(s.upper()) or name == s.lower() or s.lower() in groups


def matches(rule: type[Rule], selector: str) -> bool:
    return selector_matches(rule.code, rule.name, rule.groups, selector)


def _specificity(rule: type[Rule], selector: str) -> int:
    """How closely ``selector`` names ``rule``: a code or name (3) wins over a code prefix (2),
    a group (1) and ``ALL`` (0)."""
    s = selector.strip()
    if s.upper() == rule.code.upper() or s.lower() == rule.name:
        return 3
    if s.upper() == "ALL":
        return 0
    return 2 if rule.code.upper().startswith(s.upper()) else 1


def configured(table: Mapping[str, Any] | None, rule: type[Rule]) -> list[Any]:
    """The entries of a per-rule table (keyed by code, prefix, name or group) that apply to
    ``rule``, the least specific first: ``[rules.dates]`` then ``[rules.DT]`` then
    ``[rules.DT01]``, so that the closer key wins where they set the same thing."""
    keys = [k for k in (table or {}) if matches(rule, k)]
    return [table[k] for k in sorted(keys, key=lambda k: (_specificity(rule, k), k))] if table else []


def unmatched(selectors: Iterable[str], available: Iterable[type[Rule]] | None = None) -> list[str]:
    """The selectors that name no rule (a usage error wherever rules are named)."""
    pool = list(available) if available is not None else all_rules()
    return [s for s in selectors if not any(matches(r, s) for r in pool)]


@lru_cache(maxsize=1)
def _groups_by_code() -> dict[str, tuple[str, ...]]:
    return {r.code: r.groups for r in all_rules()}


def finding_matches(code: str, name: str, selector: str) -> bool:
    """:func:`selector_matches` for a finding of the rule ``code`` (its groups looked up in the
    registry), so that ``--rule dates`` reports what ``--select dates`` runs."""
    return selector_matches(code, name, _groups_by_code().get(code, ()), selector)


def select_rules(
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    severity: Mapping[str, str] | None = None,
    options: Mapping[str, Mapping[str, Any]] | None = None,
    available: Iterable[type[Rule]] | None = None,
) -> list[Rule]:
    """Instantiate the selected rules with their severities and options.

    ``severity`` and ``options`` are keyed by code or name. Unknown selectors, severities or
    options raise :class:`RuleSelectionError` with the offending key.
    """
    pool = list(available) if available is not None else all_rules()
    for selector in unmatched([*(select or ()), *(ignore or ())], pool):
        raise RuleSelectionError(f"no rule matches {selector!r}")
    chosen = [r for r in pool if not select or any(matches(r, s) for s in select)]
    chosen = [r for r in chosen if not any(matches(r, s) for s in (ignore or ()))]

    for table_name, table in (("severity", severity), ("options", options)):
        for key in unmatched(table or {}, pool):
            raise RuleSelectionError(f"{table_name}: no rule {key!r}")
    instances: list[Rule] = []
    for rule in chosen:
        severities = configured(severity, rule)
        sev_name = severities[-1] if severities else None
        merged: dict[str, Any] = {}
        for table in configured(options, rule):
            merged.update(table)
        sev = None
        if sev_name is not None:
            try:
                sev = Severity(str(sev_name).lower())
            except ValueError:
                raise RuleSelectionError(
                    f"severity of {rule.code}: expected error, warning or info, got {sev_name!r}") from None
        try:
            instances.append(rule(sev, merged or None))
        except (KeyError, TypeError) as exc:
            raise RuleSelectionError(f"options of {rule.code}: {exc.args[0] if exc.args else exc}") from None
    return instances
