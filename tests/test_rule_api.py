"""Rules have one front door to the engine: checker.ruleapi, with the model and findings types."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

RULES = Path(__file__).resolve().parent.parent / "rules"
ALLOWED = {"checker.model", "checker.findings", "checker.ruleapi"}


def _checker_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found.update(n for n in names if n == "checker" or n.startswith("checker."))
    return found


@pytest.mark.parametrize("path", sorted(RULES.glob("*.py")), ids=lambda p: p.name)
def test_a_rule_module_imports_only_the_rule_api_the_model_and_the_findings(path: Path) -> None:
    assert _checker_imports(path) <= ALLOWED, f"{path.name} imports {_checker_imports(path) - ALLOWED}"


def test_the_check_catches_a_forbidden_import(tmp_path: Path) -> None:
    module = tmp_path / "rogue.py"
    module.write_text("from checker.align import Alignment\nimport checker.frames\n", "utf-8")
    assert _checker_imports(module) - ALLOWED == {"checker.align", "checker.frames"}


def test_everything_the_rule_api_lists_is_there() -> None:
    import checker.ruleapi as api

    for name in api.__all__:
        assert hasattr(api, name), name
