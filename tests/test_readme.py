"""The README's examples are valid: its YAML parses, the workflow caches the directory the
claim cache really uses, and its JSON examples are excerpts of the real output for the seeds."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker import __version__
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


# --- the JSON examples are excerpts of real output -----------------------------------------

ROOT = Path(__file__).resolve().parents[1]


def _json_block(heading: str) -> Any:
    section = README.split(heading, 1)[1]
    return json.loads(re.search(r"```json\n(.*?)```", section, re.S).group(1))  # type: ignore[union-attr]


def excerpt_of(example: Any, actual: Any, where: str = "$") -> None:
    """``example`` is an excerpt of ``actual``: objects with the same keys, lists of items that
    are excerpts of distinct items (in order), ``"..."`` for any text and ``"abc..."`` for text
    that starts with ``abc``, every other value equal."""
    if isinstance(example, str) and example.endswith("..."):
        assert isinstance(actual, str) and actual.startswith(example[:-3]), f"{where}: {actual!r}"
    elif isinstance(example, dict):
        assert isinstance(actual, dict) and list(example) == list(actual), f"{where}: keys {list(actual)}"
        for key, value in example.items():
            excerpt_of(value, actual[key], f"{where}.{key}")
    elif isinstance(example, list):
        assert isinstance(actual, list), where
        rest = iter(enumerate(actual))
        for n, item in enumerate(example):
            for _, candidate in rest:
                try:
                    excerpt_of(item, candidate, f"{where}[{n}]")
                    break
                except AssertionError:
                    continue
            else:
                raise AssertionError(f"{where}[{n}]: no such item (in this order): {item!r}")
    else:
        assert example == actual, f"{where}: {example!r} != {actual!r}"


def test_the_check_json_example_is_an_excerpt_of_the_seed_snapshot() -> None:
    snapshot = json.loads((ROOT / "tests" / "snapshots" / "seeds.json").read_text("utf-8"))
    example = _json_block("## JSON of `factlint check --format json`")
    excerpt_of(example, snapshot)
    assert example["summary"] == snapshot["summary"] and example["factlint"] == __version__
    assert {f["status"] for f in example["findings"]} >= {"inconsistent"}


def test_the_extract_json_example_is_an_excerpt_of_the_seeds_claims() -> None:
    proc = subprocess.run([sys.executable, "-m", "checker", "extract", "seeds", "--format", "json", "--no-cache"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    excerpt_of(_json_block("## JSON of `factlint extract --format json`"), json.loads(proc.stdout))


@pytest.mark.parametrize(("example", "actual"), [
    ({"a": 1}, {"a": 2}), ({"a": 1}, {"a": 1, "b": 2}), ([3], [1, 2]), ([2, 1], [1, 2]), ("ab...", "ba"),
])
def test_an_excerpt_that_differs_is_caught(example: Any, actual: Any) -> None:
    with pytest.raises(AssertionError):
        excerpt_of(example, actual)
