"""The rule registry.

Built-in rules are listed explicitly in :data:`BUILTIN_RULES`; third-party rules come in
through the entry-point group ``factlint.rules`` (each entry point names a
:class:`~rules.base.Rule` subclass). Selection works by code (``DU01``), code prefix
(``DU``), name (``event-length``) or group (``dates``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from importlib.metadata import entry_points
from typing import Any

from checker.findings import Severity

from .ages import AgeMismatch
from .base import Option, Rule, RuleContext
from .counts import CountMismatch, RelatedCounts
from .dates import EventDate, RelativeDateMisfit, WeekdayMismatch
from .durations import EventLength
from .names import NameVariants

BUILTIN_RULES: tuple[type[Rule], ...] = (
    EventLength,
    EventDate,
    WeekdayMismatch,
    RelativeDateMisfit,
    CountMismatch,
    RelatedCounts,
    NameVariants,
    AgeMismatch,
)

ENTRY_POINT_GROUP = "factlint.rules"

__all__ = ["BUILTIN_RULES", "Option", "Rule", "RuleContext", "RuleSelectionError", "all_rules", "select_rules"]


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


def matches(rule: type[Rule], selector: str) -> bool:
    s = selector.strip()
    if not s:
        return False
    if s.upper() == "ALL":
        return True
    return rule.code.upper().startswith(s.upper()) or rule.name == s.lower() or s.lower() in rule.groups


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
    for selector in [*(select or ()), *(ignore or ())]:
        if not any(matches(r, selector) for r in pool):
            raise RuleSelectionError(f"no rule matches {selector!r}")
    chosen = [r for r in pool if not select or any(matches(r, s) for s in select)]
    chosen = [r for r in chosen if not any(matches(r, s) for s in (ignore or ()))]

    def lookup(table: Mapping[str, Any] | None, rule: type[Rule]) -> Any:
        if not table:
            return None
        for key in (rule.code, rule.name):
            if key in table:
                return table[key]
        return None

    for table_name, table in (("severity", severity), ("options", options)):
        for key in table or {}:
            if not any(key in (r.code, r.name) for r in pool):
                raise RuleSelectionError(f"{table_name}: no rule {key!r}")
    instances: list[Rule] = []
    for rule in chosen:
        sev_name = lookup(severity, rule)
        sev = None
        if sev_name is not None:
            try:
                sev = Severity(str(sev_name).lower())
            except ValueError:
                raise RuleSelectionError(
                    f"severity of {rule.code}: expected error, warning or info, got {sev_name!r}") from None
        try:
            instances.append(rule(sev, lookup(options, rule)))
        except (KeyError, TypeError) as exc:
            raise RuleSelectionError(f"options of {rule.code}: {exc.args[0] if exc.args else exc}") from None
    return instances
