"""The rule interface: a small class with explicit metadata and one pure method.

A rule never prints, reads files or formats text for a terminal: it receives a
:class:`RuleContext` (corpus, claims, aligned topics, events, options) and yields
:class:`~checker.findings.Finding` objects built with :meth:`Rule.finding`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from checker.findings import Evidence, Finding, Severity, Status, fingerprint
from checker.model import Claim, ClaimKind
from checker.values import display

if TYPE_CHECKING:
    from checker.align import Alignment
    from checker.events import EventIndex
    from checker.model import Corpus


@dataclass(frozen=True, slots=True)
class Option:
    """A typed rule option with its default and a one-line description."""

    name: str
    type: type
    default: Any
    description: str

    def coerce(self, value: Any) -> Any:
        """Check a configured value; raises ``TypeError`` naming what was expected."""
        if self.type is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if self.type is bool and not isinstance(value, bool):
            raise TypeError(f"expected true or false, got {value!r}")
        if not isinstance(value, self.type):
            raise TypeError(f"expected {self.type.__name__}, got {type(value).__name__} {value!r}")
        return value


@dataclass
class RuleContext:
    corpus: Corpus
    claims: Sequence[Claim]
    alignment: Alignment
    events: EventIndex
    options: Mapping[str, Any] = field(default_factory=dict)
    _by_kind: dict[ClaimKind, list[Claim]] | None = field(default=None, init=False, repr=False, compare=False)

    def article(self, article_id: str) -> Any:
        return self.alignment.articles.get(article_id)

    def claims_of(self, kind: ClaimKind) -> Sequence[Claim]:
        """The claims of one kind, in the order of :attr:`claims` (sorted out once for all
        rules: most claims are entities, and a rule about figures need not look at them)."""
        if self._by_kind is None:
            self._by_kind = {k: [] for k in ClaimKind}
            for claim in self.claims:
                self._by_kind[claim.kind].append(claim)
        return self._by_kind[kind]


class Rule:
    """Base class of every rule. Subclasses set the metadata and implement :meth:`check`."""

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    groups: ClassVar[tuple[str, ...]] = ()
    consumes: ClassVar[tuple[str, ...]] = ()
    options: ClassVar[tuple[Option, ...]] = ()

    def __init__(self, severity: Severity | None = None, options: Mapping[str, Any] | None = None) -> None:
        self.effective_severity = severity or self.severity
        known = {o.name: o for o in self.options}
        values = {o.name: o.default for o in self.options}
        for key, value in (options or {}).items():
            if key not in known:
                raise KeyError(f"rule {self.code} has no option {key!r} (options: {', '.join(known) or 'none'})")
            values[key] = known[key].coerce(value)
        self.values: dict[str, Any] = values

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        raise NotImplementedError

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    def finding(
        self,
        ctx: RuleContext,
        status: Status,
        topic: str,
        message: str,
        claims: Sequence[Claim],
        confidence: float,
        event: str | None = None,
        severity: Severity | None = None,
        values: Sequence[str] | None = None,
        shown_as: Callable[[Claim], str] = display,
        fingerprint_articles: Sequence[str] | None = None,
    ) -> Finding:
        """Build a finding with its evidence and a stable fingerprint; ``shown_as`` gives the
        value shown for each claim (its normalised value by default); ``fingerprint_articles``
        the articles the fingerprint names when not those of the evidence."""
        ordered = sorted(claims, key=lambda c: (c.article, c.start, c.end))
        evidence = tuple(Evidence.of(c, ctx.alignment.articles.get(c.article), shown_as(c)) for c in ordered)
        shown = list(values) if values is not None else [e.display for e in evidence]
        if status in (Status.CONFLICT, Status.AGREEMENT, Status.SINGLE_SOURCE, Status.DISTINCT_EVENTS,
                      Status.UNDETERMINED):
            sev = severity or (self.effective_severity if status is Status.CONFLICT else Severity.INFO)
        else:
            sev = severity or self.effective_severity
        return Finding(
            rule=self.code,
            name=self.name,
            status=status,
            severity=sev,
            topic=topic,
            message=message,
            confidence=max(0.0, min(1.0, confidence)),
            fingerprint=fingerprint(self.code, topic, shown, [c.article for c in ordered]
                                    if fingerprint_articles is None else fingerprint_articles),
            event=event,
            claims=evidence,
        )
