"""Rule documentation generated from the rules themselves (``factlint rules --format markdown``)."""

from __future__ import annotations

from collections.abc import Sequence

from rules.base import Rule


def rule_markdown(rule: type[Rule]) -> str:
    lines = [f"## {rule.code} `{rule.name}`", "", f"{rule.summary}.", "",
             f"Default severity: `{rule.severity.value}`. Groups: {', '.join(f'`{g}`' for g in rule.groups)}. "
             f"Consumes: {', '.join(rule.consumes)} claims.", ""]
    doc = rule.doc().split("\n", 1)
    body = doc[1].strip() if len(doc) > 1 else ""
    lines.append(body)
    if rule.options:
        lines += ["", "| option | type | default | meaning |", "| --- | --- | --- | --- |"]
        for option in rule.options:
            lines.append(f"| `{option.name}` | {option.type.__name__} | `{option.default!r}` | {option.description} |")
    return "\n".join(lines).rstrip() + "\n"


def rules_markdown(rules: Sequence[type[Rule]]) -> str:
    head = ["# factlint rules", "",
            "Generated from the rule classes by `factlint rules --format markdown`; do not edit by hand.", ""]
    head += ["| code | name | severity | summary |", "| --- | --- | --- | --- |"]
    head += [f"| [{r.code}](#{r.code.lower()}-{r.name}) | `{r.name}` | {r.severity.value} | {r.summary} |"
             for r in rules]
    return "\n".join(head) + "\n\n" + "\n".join(rule_markdown(r) for r in rules)
