"""The table of equivalent and related things counted in news, used to align counts.

*Equivalent* terms count the same thing ("vessel" and "ship"): their figures are compared.
*Related* terms measure one activity in different units ("container", "vessel",
"journey" for shipments): their figures cannot be compared without a conversion, so they
are shown together for review. Both tables can be extended from the configuration.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

DEFAULT_EQUIVALENT: dict[str, tuple[str, ...]] = {
    "ship": ("ship", "vessel", "boat"),
    "soldier": ("soldier", "troop", "serviceman", "servicemember", "serviceperson"),
    "worker": ("worker", "labourer", "laborer"),
    "leader": ("leader", "head of state", "head of government"),
    "container": ("container", "shipping container", "crate"),
    "journey": ("journey", "trip", "voyage", "crossing", "sailing"),
    "civilian": ("civilian", "noncombatant", "non-combatant"),
    "refugee": ("refugee", "asylum seeker"),
    "missile": ("missile", "rocket"),
    "death": ("death", "fatality", "dead", "killed"),
    "injury": ("injury", "injured", "wounded"),
}

DEFAULT_RELATED: dict[str, tuple[str, ...]] = {
    "shipments": ("container", "ship", "shipment", "journey", "consignment", "cargo", "transport", "delivery",
                  "train", "truck", "railcar", "wagon", "convoy"),
    "casualties": ("death", "injury", "casualty", "victim"),
    "personnel": ("soldier", "worker", "personnel", "troop", "mercenary", "volunteer"),
}


@dataclass(frozen=True)
class UnitTable:
    equivalent: Mapping[str, str] = field(default_factory=dict)
    """term -> canonical thing"""
    related: Mapping[str, str] = field(default_factory=dict)
    """canonical thing -> related group name"""

    @classmethod
    def build(
        cls,
        equivalent: Mapping[str, Sequence[str]] | None = None,
        related: Mapping[str, Sequence[str]] | None = None,
    ) -> UnitTable:
        eq: dict[str, str] = {}
        for canonical, terms in {**DEFAULT_EQUIVALENT, **(equivalent or {})}.items():
            eq[canonical.lower()] = canonical.lower()
            for term in terms:
                eq[term.lower()] = canonical.lower()
        rel: dict[str, str] = {}
        for group, terms in {**DEFAULT_RELATED, **(related or {})}.items():
            for term in terms:
                rel[eq.get(term.lower(), term.lower())] = group
        return cls(eq, rel)

    def canonical(self, thing: str) -> str:
        return self.equivalent.get(thing.lower(), thing.lower())

    def group(self, thing: str) -> str | None:
        return self.related.get(self.canonical(thing))


DEFAULT_UNITS = UnitTable.build()
