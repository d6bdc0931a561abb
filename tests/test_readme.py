"""The README's examples are valid: its YAML parses, and the workflow caches the directory the
claim cache really uses."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from checker.cache import DEFAULT_CACHE_DIRNAME

README = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")


def _yaml_blocks() -> list[object]:
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", README, re.S)]


def test_every_yaml_example_parses() -> None:
    assert len(_yaml_blocks()) >= 2


def test_the_github_workflow_keeps_the_claim_cache_between_runs() -> None:
    (workflow,) = [b for b in _yaml_blocks() if isinstance(b, dict) and "jobs" in b]
    steps = workflow["jobs"]["factlint"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    cache = steps[next(i for i, u in enumerate(uses) if u.startswith("actions/cache@"))]
    assert cache["with"]["path"] == DEFAULT_CACHE_DIRNAME
    first_factlint = next(i for i, s in enumerate(steps) if "factlint check" in s.get("run", ""))
    assert uses.index(cache["uses"]) < first_factlint  # restored before factlint runs
