"""The installed command line, run in a subprocess as users and CI run it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "checker", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "PYTHONPATH": str(ROOT)})


def test_version_and_help() -> None:
    assert run("--version").stdout.startswith("factlint ")
    assert "check" in run("--help").stdout


def test_extract_json_quotes_the_file_exactly() -> None:
    proc = run("extract", "seeds", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["factlint"]
    assert len(data["articles"]) == 5
    for article in data["articles"]:
        text = (ROOT / article["path"]).read_text("utf-8-sig")
        for claim in article["claims"]:
            assert text[claim["start"]:claim["end"]] == claim["text"]
            assert set(claim) == {"kind", "text", "start", "end", "line", "column", "subject", "qualifier",
                                  "low", "high", "unit", "granularity", "relative", "canonical"}


def test_extract_reads_the_corpus_as_configured_and_uses_the_cache(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "drafts").mkdir(parents=True)
    (corpus / "a.txt").write_text("Officials of the DPRK said that 300 vessels made six journeys.\n", "utf-8")
    (corpus / "drafts" / "b.txt").write_text("A draft: 7 ships.\n", "utf-8")
    (tmp_path / "factlint.toml").write_text(
        'paths = ["corpus"]\nexclude = ["corpus/drafts/*"]\n[aliases]\nDPRK = "North Korea"\n', "utf-8")
    args = ("extract", "--format", "json", "--cache-dir", str(tmp_path / "cache"))
    first = run(*args, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    (article,) = json.loads(first.stdout)["articles"]  # the configured paths, the draft excluded
    assert article["id"] == "a"
    assert {c["canonical"] for c in article["claims"] if c["kind"] == "entity"} == {"North Korea"}
    assert (tmp_path / "cache").is_dir()
    assert run(*args, cwd=tmp_path).stdout == first.stdout  # from the cache, the same claims
    assert run(*args, "--no-cache", "--jobs", "1", cwd=tmp_path).stdout == first.stdout


def test_extract_with_a_broken_config_exits_2(tmp_path: Path) -> None:
    (tmp_path / "factlint.toml").write_text("paths = [\n", "utf-8")
    proc = run("extract", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 2
    assert "factlint.toml" in proc.stderr and proc.stdout == ""


def test_check_json_has_the_documented_shape() -> None:
    proc = run("check", "seeds", "--format", "json")
    assert proc.returncode in (0, 1), proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) == {"factlint", "articles", "stories", "events", "findings", "summary"}
    assert set(data["summary"]) == {"articles", "claims", "findings", "conflicts", "inconsistencies", "agreements"}
    # every article is in exactly one story
    members = [a for s in data["stories"] for a in s["articles"]]
    assert sorted(members) == sorted(a["id"] for a in data["articles"])
    for story in data["stories"]:
        assert set(story) == {"id", "label", "articles", "start", "end", "dated_by"}
    for finding in data["findings"]:
        assert set(finding) == {"rule", "name", "status", "severity", "topic", "message", "confidence",
                                "fingerprint", "event", "story", "claims"}
        assert finding["story"] is None or finding["story"] in {s["id"] for s in data["stories"]}
        assert finding["status"] in ("conflict", "inconsistent", "agreement", "single-source", "variant",
                                     "distinct-events", "undetermined")
        assert 0 <= finding["confidence"] <= 1
        for claim in finding["claims"]:
            assert set(claim) == {"article", "path", "line", "column", "end_line", "end_column", "quote",
                                  "sentence", "kind", "low", "high", "unit", "display"}


def test_check_json_is_byte_identical_across_runs() -> None:
    assert run("check", "seeds", "--format", "json").stdout == run("check", "seeds", "--format", "json").stdout


@pytest.mark.parametrize("args", [["check", "seeds", "--select", "XX99"], ["explain", "XX99"], ["nope"]])
def test_usage_errors_exit_2(args: list[str]) -> None:
    proc = run(*args)
    assert proc.returncode == 2
    assert proc.stderr.strip()


def test_explain_prints_the_rule_documentation() -> None:
    proc = run("explain", "DU01")
    assert proc.returncode == 0
    assert "What it checks" in proc.stdout and "event-length" in proc.stdout


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["json", "rich"])
def test_a_report_that_cannot_be_written_exits_2_and_says_where(fmt: str) -> None:
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "checker", "check", "seeds", "--format", fmt], cwd=ROOT,
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=300,
                              env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == ["factlint: error: <stdout>: cannot write: No space left on device"]


def test_the_output_is_whole_when_the_command_ends_without_teardown() -> None:
    proc = run("check", "seeds", "--format", "json")  # python -m checker: cli.entry ends with os._exit
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["findings"]


def test_missing_path_is_reported_and_exits_2(tmp_path: Path) -> None:
    proc = run("check", str(tmp_path / "nope"))
    assert proc.returncode == 2
    assert "nope" in proc.stderr and "no such file" in proc.stderr


def test_the_readme_screenshot_script_renders_the_seed_report(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "tests" / "tools" / "make_screenshot.py"),
                           str(tmp_path / "report.svg")], cwd=tmp_path, capture_output=True, text=True, timeout=300,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}, check=False)
    assert proc.returncode == 0, proc.stderr
    svg = (tmp_path / "report.svg").read_text("utf-8")
    assert svg.startswith("<svg") and "INCONSISTENT" in svg and "file://" not in svg
    assert (ROOT / "docs" / "seeds-report.svg").is_file()


def test_check_reads_a_manifest_from_the_cache_as_it_parses_it(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The delegation arrived for a two-day visit.\n", "utf-8")
    (corpus / "b.txt").write_text("The delegation arrived for a three-day visit.\n", "utf-8")
    (corpus / "corpus.toml").write_text(
        '[articles."a.txt"]\npublished = 2023-10-18\nsource = "Wire"\n'
        '[articles."b.txt"]\npublished = 2023-10-19\nsource = "Daily"\n', "utf-8")
    args = ("check", "corpus", "--format", "json", "--cache-dir", str(tmp_path / "cache"))
    first = run(*args, cwd=tmp_path)
    assert first.returncode in (0, 1), first.stderr
    assert {a["source"] for a in json.loads(first.stdout)["articles"]} == {"Wire", "Daily"}
    import sqlite3

    db = sqlite3.connect(tmp_path / "cache" / "claims.sqlite")
    ((name,),) = db.execute("SELECT name FROM parsed").fetchall()
    db.close()
    assert Path(name).resolve() == (corpus / "corpus.toml").resolve()
    second = run(*args, cwd=tmp_path)  # the manifest's parse comes from the cache
    assert (second.stdout, second.stderr) == (first.stdout, first.stderr)
    assert run(*args[:-2], "--no-cache", cwd=tmp_path).stdout == first.stdout
    assert sorted(p.name for p in corpus.iterdir()) == ["a.txt", "b.txt", "corpus.toml"]  # nothing written there


@pytest.mark.parametrize(("args", "line"), [
    (["check", "seeds", "--formt", "json"],
     "factlint: error: check: unrecognized arguments: --formt json (did you mean --format?)"),
    (["check", "seeds", "--format", "jsn"],
     "factlint: error: check: argument --format: invalid choice: 'jsn' (choose from 'rich', 'json', 'sarif', "
     "'github', 'markdown', 'junit', 'html') (did you mean json?)"),
    (["check", "seeds", "--only", "conflict"],
     "factlint: error: check: argument --only: invalid choice: 'conflict' (choose from 'conflicts', 'inconsistencies', 'agreements', "
     "'variants') (did you mean conflicts?)"),
    (["chek", "seeds"],
     "factlint: error: argument COMMAND: invalid choice: 'chek' (choose from 'extract', 'check', 'baseline', "
     "'config', 'rules', 'explain') (did you mean check?)"),
    (["explain"], "factlint: error: explain: the following arguments are required: CODE"),
    (["check", "seeds", "--zzz"], "factlint: error: check: unrecognized arguments: --zzz"),
])
def test_argument_errors_are_one_line_with_the_closest_valid_option(args: list[str], line: str) -> None:
    proc = run(*args)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [line]
    assert proc.stdout == ""


def test_the_command_never_turns_the_cyclic_collector_back_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """cli.entry ends the process without freeing what the command built: a collector pass at
    the end would walk all of it for nothing, so the collector is off from start to end."""
    import gc

    from checker import cli

    seen: list[bool] = []

    def command() -> int:
        seen.append(gc.isenabled())
        return 0

    def leave(code: int) -> None:
        seen.append(gc.isenabled())
        raise SystemExit(code)

    monkeypatch.setattr(cli, "main", command)
    monkeypatch.setattr(cli.os, "_exit", leave)
    monkeypatch.setattr(cli, "_RETAINED", None)
    was = gc.isenabled()
    gc.enable()
    try:
        with pytest.raises(SystemExit):
            cli.entry()
    finally:
        if was:
            gc.enable()
    assert seen == [False, False]
