"""Rule documentation generated from the rules themselves: ``factlint rules --format markdown``
(``docs/rules.md``), the SARIF rule help, and ``factlint explain CODE``.

Rule docstrings are written with reStructuredText habits (``::`` before an example block,
double backticks); :func:`doc_markdown` turns them into Markdown, which ``explain`` renders
with rich on a terminal and turns into plain text otherwise (:func:`doc_plain`). A rule with
options lists them once, from its :class:`~rules.base.Option` metadata; the ``**Options**``
paragraph of its docstring is then left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import IO

from rules.base import Rule

_LITERAL_MARK = re.compile(r"::$", re.M)
_DOUBLE_BACKTICKS = re.compile(r"``([^`]+)``")
_OPTIONS_PARAGRAPH = re.compile(r"^\*\*Options\*\*:.*?(?:\n\n|\Z)", re.M | re.S)


def doc_markdown(rule: type[Rule]) -> str:
    """The body of a rule's docstring (its first line, the summary, left out) as Markdown."""
    doc = rule.doc().split("\n", 1)
    body = doc[1].strip() if len(doc) > 1 else ""
    body = _DOUBLE_BACKTICKS.sub(r"`\1`", _LITERAL_MARK.sub(":", body))
    if rule.options:
        body = _OPTIONS_PARAGRAPH.sub("", body)
    return body.strip()


def rule_markdown(rule: type[Rule]) -> str:
    lines = [f"## {rule.code} `{rule.name}`", "", f"{rule.summary}.", "",
             f"Default severity: `{rule.severity.value}`. Groups: {', '.join(f'`{g}`' for g in rule.groups)}. "
             f"Consumes: {', '.join(rule.consumes)} claims.", ""]
    lines.append(doc_markdown(rule))
    lines += _options_markdown(rule)
    return "\n".join(lines).rstrip() + "\n"


def _options_markdown(rule: type[Rule]) -> list[str]:
    if not rule.options:
        return []
    lines = ["", "**Options**:", "", "| option | type | default | meaning |", "| --- | --- | --- | --- |"]
    for option in rule.options:
        lines.append(f"| `{option.name}` | {option.type.__name__} | `{option.default!r}` | {option.description} |")
    return lines


def rules_markdown(rules: Sequence[type[Rule]]) -> str:
    head = ["# factlint rules", "",
            "Generated from the rule classes by `factlint rules --format markdown`; do not edit by hand.", ""]
    head += ["| code | name | severity | summary |", "| --- | --- | --- | --- |"]
    head += [f"| [{r.code}](#{r.code.lower()}-{r.name}) | `{r.name}` | {r.severity.value} | {r.summary} |"
             for r in rules]
    return "\n".join(head) + "\n\n" + "\n".join(rule_markdown(r) for r in rules)


_BOLD = re.compile(r"\*\*([^*]+)\*\*")
_CODE = re.compile(r"`([^`]+)`")


def doc_plain(rule: type[Rule]) -> str:
    """``factlint explain`` as plain text: the rule, its summary, its documentation without
    Markdown marks, and its options once."""
    body = _CODE.sub(r"\1", _BOLD.sub(r"\1", doc_markdown(rule)))
    lines = [f"{rule.code} {rule.name} (default severity: {rule.severity.value})", "", f"{rule.summary}.", "", body]
    if rule.options:
        lines += ["", "Options:"]
        lines += [f"  {o.name} ({o.type.__name__}, default {o.default!r}): {o.description}" for o in rule.options]
    return "\n".join(lines).rstrip() + "\n"


def write_explanation(rule: type[Rule], stream: IO[str], terminal: bool, width: int | None = None) -> None:
    """``factlint explain``: Markdown rendered by rich on a terminal, plain text otherwise."""
    if not terminal:
        stream.write(doc_plain(rule))
        return
    from rich.console import Console
    from rich.markdown import Markdown

    console = Console(file=stream, force_terminal=True, width=width, highlight=False, emoji=False)
    text = "\n".join([f"# {rule.code} {rule.name}", "", f"{rule.summary}. Default severity: "
                       f"`{rule.severity.value}`.", "", doc_markdown(rule), *_options_markdown(rule)])
    console.print(Markdown(text))
