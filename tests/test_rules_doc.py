"""docs/rules.md is generated from the rule classes and kept up to date."""

from __future__ import annotations

from pathlib import Path

from reports.rules_doc import rules_markdown
from rules import all_rules


def test_docs_rules_md_is_current() -> None:
    path = Path(__file__).resolve().parent.parent / "docs" / "rules.md"
    assert path.read_text("utf-8") == rules_markdown(all_rules(include_plugins=False)), (
        "docs/rules.md is stale: run `factlint rules --format markdown > docs/rules.md`"
    )
