"""docs/rules.md is generated from the rule classes and kept up to date."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.text import Text

from reports.rules_doc import rule_markdown, rules_markdown, write_explanation
from rules import all_rules
from rules.base import Rule


def test_docs_rules_md_is_current() -> None:
    path = Path(__file__).resolve().parent.parent / "docs" / "rules.md"
    assert path.read_text("utf-8") == rules_markdown(all_rules(include_plugins=False)), (
        "docs/rules.md is stale: run `factlint rules --format markdown > docs/rules.md`"
    )


RULES = all_rules(include_plugins=False)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_the_markdown_has_no_restructuredtext_marks(rule: type[Rule]) -> None:
    text = rule_markdown(rule)
    assert "``" not in text and not re.search(r"::$", text, re.M)
    assert text.count("**Options**") == 1


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_explain_off_a_terminal_is_plain_text_with_each_option_once(rule: type[Rule]) -> None:
    out = io.StringIO()
    write_explanation(rule, out, terminal=False)
    text = out.getvalue()
    assert text.startswith(f"{rule.code} {rule.name} (default severity: {rule.severity.value})\n")
    assert "What it checks:" in text and "Why it matters:" in text
    assert "**" not in text and "`" not in text and "\x1b" not in text
    for option in rule.options:
        assert text.count(f"{option.name} (") == 1, option.name
        assert text.count(option.name) == 1, option.name


def test_explain_on_a_terminal_renders_the_markdown() -> None:
    (rule,) = [r for r in RULES if r.code == "DU01"]
    out = io.StringIO()
    write_explanation(rule, out, terminal=True, width=100)
    text = out.getvalue()
    plain = Text.from_ansi(text).plain
    assert "\x1b[" in text and "**" not in plain and "``" not in plain
    assert "What it checks: durations" in plain and "distinct-events" in plain
    assert plain.count("unresolved_confidence") == 1
