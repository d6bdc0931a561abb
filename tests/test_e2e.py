"""End to end: the installed ``factlint`` command in a subprocess, on small corpora written here.

Every format, the exit codes, configuration (and its errors), the baseline round trip and the
changed-article modes, as CI and pre-commit run them. Runs that several tests read are shared
through module-scoped fixtures.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_SCRIPT = Path(sys.executable).parent / "factlint"
COMMAND = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "checker"]

ARTICLES = {
    # a and b: a two-day vs a three-day visit (DU01 conflict, error) on the same date (DT01 agreement)
    "a.txt": "---\ntitle: Lavrov arrives in Pyongyang\nsource: Wire A\npublished: 2023-10-19\n---\n"
             "Russian Foreign Minister Sergei Lavrov arrived in Pyongyang on Wednesday for a two-day visit "
             "to North Korea.\n\nThe weather in the capital was mild.\n",
    "b.txt": "---\ntitle: Lavrov in North Korea\nsource: Wire B\npublished: 2023-10-19\n---\n"
             "Russian Foreign Minister Sergei Lavrov began a three-day visit to North Korea on Wednesday.\n",
    # c and d: more than 1,000 vs about 300 containers (CT01 conflict, error)
    "c.txt": "---\ntitle: Containers\npublished: 2023-10-18\n---\nWashington said that North Korea has "
             "delivered more than 1,000 containers of military equipment to Russia.\n",
    "d.txt": "---\ntitle: Containers again\npublished: 2023-10-18\n---\nWashington said that North Korea has "
             "delivered about 300 containers of military equipment to Russia.\n",
}


Run = Callable[..., subprocess.CompletedProcess[str]]


def factlint(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {"PATH": os.pathsep.join([str(Path(sys.executable).parent), "/usr/local/bin", "/usr/bin", "/bin"]),
            "HOME": str(cwd), "LANG": "C.UTF-8", "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull}
    return subprocess.run([*COMMAND, *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8",
                          timeout=120, env={**base, **(env or {})}, check=False)


def make_corpus(root: Path, articles: dict[str, str] = ARTICLES) -> Path:
    corpus = root / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (corpus / name).write_text(text, "utf-8")
    return corpus


def findings(proc: subprocess.CompletedProcess[str]) -> list[tuple[str, str, tuple[str, ...]]]:
    data = json.loads(proc.stdout)
    return [(f["rule"], f["status"], tuple(sorted({c["article"] for c in f["claims"]}))) for f in data["findings"]]


CONFLICTS = [("CT01", "conflict", ("c", "d")), ("DU01", "conflict", ("a", "b"))]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("project")
    make_corpus(root)
    return root


# --- every format ----------------------------------------------------------------------------

FORMATS = ("rich", "json", "sarif", "github", "markdown", "junit", "html")


@pytest.fixture(scope="module")
def outputs(project: Path) -> dict[str, tuple[int, str, str]]:
    """Each format written with -o: (exit code, file text, stderr)."""
    out: dict[str, tuple[int, str, str]] = {}
    for fmt in FORMATS:
        target = project / f"report.{fmt}"
        proc = factlint("check", "corpus", "--format", fmt, "-o", str(target), cwd=project)
        out[fmt] = (proc.returncode, target.read_text("utf-8"), proc.stderr)
        assert proc.stdout == ""
    return out


def test_the_format_list_is_the_report_registry() -> None:
    from checker.cli import FORMAT_NAMES
    from reports import FORMATS as REGISTRY

    assert set(FORMAT_NAMES) == set(REGISTRY) == set(FORMATS)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_reports_both_conflicts_and_exits_1(outputs: dict[str, tuple[int, str, str]],
                                                         fmt: str) -> None:
    code, text, stderr = outputs[fmt]
    assert code == 1, stderr
    assert stderr == ""
    assert "\x1b" not in text
    flat = " ".join(text.split())
    if fmt == "sarif":  # the quotes are regions of the files, the sides relatedLocations
        results = json.loads(text)["runs"][0]["results"]
        assert sorted(r["ruleId"] for r in results) == ["CT01", "DU01"]
        return
    for quote in ("two-day visit", "three-day visit", "more than 1,000", "about 300"):
        assert quote in flat, (fmt, quote)


def test_json_is_the_documented_document(outputs: dict[str, tuple[int, str, str]]) -> None:
    data = json.loads(outputs["json"][1])
    assert set(data) == {"factlint", "articles", "stories", "events", "findings", "summary"}
    assert [a["id"] for a in data["articles"]] == ["a", "b", "c", "d"]
    assert data["summary"]["conflicts"] == 2


def test_github_annotations_and_junit_and_html_are_well_formed(outputs: dict[str, tuple[int, str, str]]) -> None:
    lines = outputs["github"][1].splitlines()
    assert len(lines) == 2 and all(line.startswith("::error file=corpus/") for line in lines)
    suite = ET.fromstring(outputs["junit"][1])
    assert len(suite.findall(".//failure")) == 2
    assert outputs["html"][1].lstrip().lower().startswith("<!doctype html>")


def test_json_on_stdout_is_the_file_and_identical_across_runs(project: Path,
                                                               outputs: dict[str, tuple[int, str, str]]) -> None:
    proc = factlint("check", "corpus", "--format", "json", cwd=project)
    assert proc.returncode == 1
    assert proc.stdout == outputs["json"][1]


def test_the_claim_cache_is_written_beside_the_corpus_and_changes_nothing(tmp_path: Path,
                                                                        outputs: dict[str, tuple[int, str, str]]
                                                                        ) -> None:
    make_corpus(tmp_path)
    uncached = factlint("check", "corpus", "--format", "json", "--no-cache", "--jobs", "2", cwd=tmp_path)
    assert not (tmp_path / ".factlint-cache").exists()
    cached = [factlint("check", "corpus", "--format", "json", "--cache-dir", "c", cwd=tmp_path) for _ in range(2)]
    assert (tmp_path / "c").is_dir()
    assert uncached.stdout == cached[0].stdout == cached[1].stdout == outputs["json"][1]


def test_the_rich_report_is_plain_off_a_terminal_and_coloured_on_request(project: Path) -> None:
    plain = factlint("check", "corpus", cwd=project)
    assert plain.returncode == 1
    assert "\x1b" not in plain.stdout and "CONFLICT" in plain.stdout
    forced = factlint("check", "corpus", "--color", "always", cwd=project)
    assert "\x1b[" in forced.stdout
    assert "\x1b" not in factlint("check", "corpus", "--color", "always", "--color", "never", cwd=project).stdout


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_the_progress_bar_goes_to_an_interactive_stderr_only(project: Path,
                                                              outputs: dict[str, tuple[int, str, str]]) -> None:
    import pty
    import select

    master, slave = pty.openpty()
    try:
        proc = subprocess.run([*COMMAND, "check", "corpus", "--format", "json", "--no-cache"], cwd=project,
                              stdout=subprocess.PIPE, stderr=slave, text=True, timeout=120, check=False)
    finally:
        os.close(slave)
    seen = b""
    while select.select([master], [], [], 0.5)[0]:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    assert proc.returncode == 1
    assert proc.stdout == outputs["json"][1]  # the report is untouched
    assert b"reading articles" in seen
    assert outputs["json"][2] == ""  # and nothing on a stderr that is not a terminal


def test_github_format_appends_the_markdown_summary_to_the_step_summary(project: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step\n", "utf-8")
    proc = factlint("check", "corpus", "--format", "github", cwd=project,
                    env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert proc.returncode == 1
    assert proc.stdout.startswith("::error ")
    text = summary.read_text("utf-8")
    assert text.startswith("# earlier step\n") and "two-day visit" in text


# --- filters and exit codes ------------------------------------------------------------------


@pytest.mark.parametrize(("args", "code", "expected"), [
    (["--rule", "DU01"], 1, [("DU01", "conflict", ("a", "b"))]),
    (["--article", "c"], 1, [("CT01", "conflict", ("c", "d"))]),
    (["--article", "corpus/a.txt", "--only", "agreements"], 0, [("DT01", "agreement", ("a", "b"))]),
    (["--select", "DT"], 0, [("DT01", "agreement", ("a", "b"))]),
    (["--ignore", "DU01,CT"], 0, [("DT01", "agreement", ("a", "b"))]),
    (["--min-confidence", "1"], 0, []),
])
def test_filters_narrow_the_report_and_the_exit_code_follows_what_is_reported(
        project: Path, args: list[str], code: int, expected: list[tuple[str, str, tuple[str, ...]]]) -> None:
    proc = factlint("check", "corpus", "--format", "json", *args, cwd=project)
    assert proc.returncode == code, proc.stderr
    assert findings(proc) == expected


@pytest.mark.parametrize(("report_filter", "selection"), [
    (["--rule", "dates"], ["--select", "dates"]),
    (["--rule", "counts,DU"], ["--select", "counts", "--select", "DU"]),
    (["--rule", "event-length"], ["--select", "DU01"]),
])
def test_rule_filters_match_rules_as_the_selection_does(project: Path, report_filter: list[str],
                                                       selection: list[str]) -> None:
    filtered = factlint("check", "corpus", "--format", "json", *report_filter, cwd=project)
    selected = factlint("check", "corpus", "--format", "json", *selection, cwd=project)
    assert findings(filtered) == findings(selected) != []
    assert filtered.returncode == selected.returncode


def test_every_name_a_report_shows_selects_the_article(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", corpus)
    by_id = factlint("check", "corpus", "--format", "json", "--article", "002_d65288dac923f199", cwd=tmp_path)
    assert "(002" in by_id.stdout  # the messages name the article by its short id
    for name in ("002", "corpus/002_d65288dac923f199.txt", "./corpus/002_d65288dac923f199.txt",
                 str(corpus / "002_d65288dac923f199.txt")):
        proc = factlint("check", "corpus", "--format", "json", "--article", name, cwd=tmp_path)
        assert (proc.returncode, findings(proc)) == (by_id.returncode, findings(by_id)), name
    assert findings(by_id)


@pytest.mark.parametrize(("args", "message"), [
    (["--rule", "XX"], "factlint: error: --rule XX: no rule matches 'XX'"),
    (["--rule", "DU01,nosuch"], "factlint: error: --rule nosuch: no rule matches 'nosuch'"),
    (["--article", "nosuch"], "factlint: error: --article nosuch: no article of the corpus"),
    (["--article", "a", "--article", "corpus/zz.txt"], "factlint: error: --article corpus/zz.txt: no article"),
])
def test_a_filter_that_matches_no_rule_or_no_article_is_a_usage_error(project: Path, args: list[str],
                                                                      message: str) -> None:
    proc = factlint("check", "corpus", "--format", "json", *args, cwd=project)
    assert proc.returncode == 2
    assert proc.stdout == ""
    (line,) = proc.stderr.splitlines()
    assert line.startswith(message)


@pytest.mark.parametrize(("files", "config", "args", "stderr"), [
    ({}, None, ["check", "corpus"], ["factlint: error: no article found in corpus"]),
    ({"a.pdf": "%PDF", "b.docx": "x", ".hidden.txt": "x", "corpus.toml": ""}, None, ["check", "corpus"],
     ["factlint: error: no article found in corpus (2 files skipped: not a supported type)"]),
    ({"a.txt": ARTICLES["a.txt"], "b.txt": ARTICLES["b.txt"], "c.pdf": "%PDF"}, 'paths = ["corpus"]\ninclude = ["*.md"]\n',
     ["check"], ["factlint: error: no article found in corpus (1 file skipped: not a supported type; "
                 "2 article files left out by include/exclude of factlint.toml)"]),
    ({"a.txt": ARTICLES["a.txt"]}, None, ["check", "nowhere"], ["factlint: nowhere: error: no such file or directory"]),
    ({"a.txt": "binary\x00data"}, None, ["check", "corpus"],
     ["factlint: corpus/a.txt: error: skipped: binary file (contains NUL bytes)"]),
    ({}, None, ["baseline", "corpus"], ["factlint: error: no article found in corpus"]),
    ({}, None, ["extract", "corpus"], ["factlint: error: no article found in corpus"]),
])
@pytest.mark.parametrize("fmt", [None, "json"])
def test_a_run_that_checks_no_article_is_an_input_error_with_only_the_error_printed(
        tmp_path: Path, files: dict[str, str], config: str | None, args: list[str], stderr: list[str],
        fmt: str | None) -> None:
    make_corpus(tmp_path, files)
    if config is not None:
        (tmp_path / "factlint.toml").write_text(config, "utf-8")
    fmt_args = ["--format", fmt] if fmt and args[0] != "baseline" else []
    proc = factlint(*args, *fmt_args, cwd=tmp_path)
    assert (proc.returncode, proc.stderr.splitlines(), proc.stdout) == (2, stderr, "")
    assert not (tmp_path / "factlint-baseline.json").exists()


@pytest.mark.parametrize(("args", "message"), [
    (["check", "corpus", "--format", "yaml"], "invalid choice"),
    (["check", "corpus", "--min-confidence", "2"], "from 0 to 1"),
    (["check", "corpus", "--only", "conflict"], "invalid choice"),
    (["check", "corpus", "--select", "XX99"], "no rule matches 'XX99'"),
    (["check"], "no corpus"),
    (["check", "nowhere"], "nowhere: error: no such file or directory"),
    (["check", "corpus", "--baseline", "missing.json"], "missing.json: no such baseline file"),
    (["check", "corpus", "--since", "HEAD"], "not inside a git repository"),
    (["check", "corpus", "-o", "no/such/dir/report.json", "--format", "json"], "cannot write"),
])
def test_usage_and_input_errors_exit_2_with_one_line(project: Path, args: list[str], message: str) -> None:
    proc = factlint(*args, cwd=project)
    assert proc.returncode == 2, proc.stderr
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_an_unreadable_file_is_reported_the_rest_is_checked_and_the_run_exits_2(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path)
    (corpus / "e.txt").write_bytes(b"binary\x00data")
    proc = factlint("check", "corpus", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == "factlint: corpus/e.txt: error: skipped: binary file (contains NUL bytes)\n"
    assert sorted(findings(proc)) == sorted([*CONFLICTS, ("DT01", "agreement", ("a", "b"))])


def test_version_and_help_do_not_import_the_heavy_modules() -> None:
    code = ("import sys, contextlib, io\nfrom checker.cli import main\n"
            "for argv in (['--version'], ['--help'], ['check', '--help']):\n"
            "    with contextlib.redirect_stdout(io.StringIO()):\n"
            "        try:\n            main(argv)\n        except SystemExit:\n            pass\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'rich', 'dateparser', 'rapidfuzz', 'rules',"
            " 'reports', 'numpy', 'yaml', 'regex'}))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert proc.stdout.strip() == "[]", proc.stderr


# --- configuration ---------------------------------------------------------------------------


def test_the_configuration_is_found_from_a_subdirectory_and_supplies_the_corpus(tmp_path: Path) -> None:
    make_corpus(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "news"\n\n[tool.factlint]\npaths = ["corpus"]\nignore = ["CT01"]\n'
        '[tool.factlint.rules.DU01]\nseverity = "info"\n', "utf-8")
    sub = tmp_path / "notes"
    sub.mkdir()
    proc = factlint("check", "--format", "json", cwd=sub)
    # DU01 conflicts are only info now, and the default fail-on needs warning: nothing fails
    assert proc.returncode == 0, proc.stderr
    assert findings(proc) == [("DT01", "agreement", ("a", "b")), ("DU01", "conflict", ("a", "b"))]
    assert json.loads(proc.stdout)["articles"][0]["path"] == "../corpus/a.txt"
    shown = factlint("config", "--format", "json", cwd=sub)
    assert shown.returncode == 0
    data = json.loads(shown.stdout)
    assert data["source"] == "../pyproject.toml"
    assert data["paths"] == ["../corpus"]
    assert data["rules"]["DU01"]["severity"] == "info"
    toml = factlint("config", cwd=sub)
    assert toml.stdout.startswith("# factlint ") and 'severity = "info"' in toml.stdout


def test_fail_on_and_the_explicit_config_file(tmp_path: Path) -> None:
    make_corpus(tmp_path)
    (tmp_path / "factlint.toml").write_text('paths = ["corpus"]\n', "utf-8")
    (tmp_path / "lenient.toml").write_text('paths = ["corpus"]\nfail-on = { status = [] }\n', "utf-8")
    (tmp_path / "strict.toml").write_text(
        'paths = ["corpus"]\nselect = ["DT"]\nfail-on = { status = ["agreement"], severity = "info" }\n', "utf-8")
    assert factlint("check", cwd=tmp_path).returncode == 1
    assert factlint("check", "--config", "lenient.toml", cwd=tmp_path).returncode == 0
    assert factlint("check", "--config", "strict.toml", cwd=tmp_path).returncode == 1


def test_excluded_articles_are_not_read(tmp_path: Path) -> None:
    make_corpus(tmp_path)
    (tmp_path / "factlint.toml").write_text('paths = ["corpus"]\nexclude = ["c.txt"]\n', "utf-8")
    proc = factlint("check", "--format", "json", cwd=tmp_path)
    assert [a["id"] for a in json.loads(proc.stdout)["articles"]] == ["a", "b", "d"]


@pytest.mark.parametrize(("file", "text", "expected"), [
    ("factlint.toml", 'pahts = ["corpus"]\n', "factlint.toml: pahts: unknown key"),
    ("factlint.toml", "select = 3\n", "factlint.toml: select: expected an array of strings, got a number"),
    ("factlint.toml", 'select = ["DU"\n', "factlint.toml: invalid TOML"),
    ("factlint.toml", '[rules.DU01]\nwindow = 3\n', "factlint.toml: rules.DU01.window: rule DU01 has no such option"),
    ("pyproject.toml", '[tool.factlint]\nfail-on = { severity = "fatal" }\n',
     "pyproject.toml: tool.factlint.fail-on.severity: expected error, warning or info"),
])
@pytest.mark.parametrize("command", ["check", "config"])
def test_configuration_errors_exit_2_naming_the_key_and_the_file(tmp_path: Path, file: str, text: str,
                                                                 expected: str, command: str) -> None:
    make_corpus(tmp_path)
    (tmp_path / file).write_text(text, "utf-8")
    proc = factlint(command, *(["corpus"] if command == "check" else []), cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == f"factlint: error: {expected}" + proc.stderr.split(expected, 1)[1]
    assert proc.stderr.count("\n") == 1
    assert proc.stdout == ""


# --- baseline ----------------------------------------------------------------------------------


def test_baseline_round_trip(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path)
    (tmp_path / "factlint.toml").write_text('paths = ["corpus"]\nbaseline = "ci/factlint-baseline.json"\n',
                                            "utf-8")
    (tmp_path / "ci").mkdir()
    written = factlint("baseline", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    assert "wrote 2 findings to ci/factlint-baseline.json" in written.stderr
    path = tmp_path / "ci" / "factlint-baseline.json"
    data = json.loads(path.read_text("utf-8"))
    assert data["factlint-baseline"] == 2
    assert [(e["rule"], e["status"], e["articles"]) for e in data["findings"]] == [
        ("CT01", "conflict", ["c", "d"]), ("DU01", "conflict", ["a", "b"])]
    assert data["findings"][1]["values"] == ["2 days", "3 days"]
    # deterministic: written again, byte-identical
    again = factlint("baseline", "-o", "-", cwd=tmp_path)
    assert again.stdout == path.read_text("utf-8")

    # everything known: passes, and the known findings are not reported
    known = factlint("check", "--format", "json", cwd=tmp_path)
    assert known.returncode == 0, known.stderr
    document = json.loads(known.stdout)
    assert document["baseline"] == {"path": "ci/factlint-baseline.json", "entries": 2, "known": 2, "new": 0,
                                    "stale": []}
    assert findings(known) == [("DT01", "agreement", ("a", "b"))]
    assert factlint("check", "--no-baseline", cwd=tmp_path).returncode == 1

    # an unrelated edit that moves every line keeps the fingerprints
    text = (corpus / "a.txt").read_text("utf-8").replace("---\nRussian", "---\nUpdated at noon.\n\nRussian")
    (corpus / "a.txt").write_text(text.replace("was mild", "was cold"), "utf-8")
    assert factlint("check", cwd=tmp_path).returncode == 0

    # a new conflict fails; a fixed one is listed as stale
    (corpus / "d.txt").unlink()
    (corpus / "e.txt").write_text("---\npublished: 1998-08-07\n---\nThe bomb blast at the U.S. embassy in Nairobi "
                                  "killed 190 people, Kenyan officials said.\n", "utf-8")
    (corpus / "f.txt").write_text("---\npublished: 1998-08-09\n---\nThe bomb blast at the U.S. embassy in Nairobi "
                                  "killed 80 people, Kenyan officials said.\n", "utf-8")
    changed = factlint("check", "--format", "json", cwd=tmp_path)
    assert changed.returncode == 1
    document = json.loads(changed.stdout)
    assert (document["baseline"]["new"], document["baseline"]["known"]) == (1, 1)
    assert [f for f in findings(changed) if f[1] == "conflict"] == [("CT01", "conflict", ("e", "f"))]
    assert [(e["rule"], e["articles"]) for e in document["baseline"]["stale"]] == [("CT01", ["c", "d"])]
    rich = factlint("check", cwd=tmp_path)
    assert rich.returncode == 1
    assert "1 baseline entry no longer occur" in rich.stderr and "CT01 conflict" in rich.stderr
    assert "ci/factlint-baseline.json: 1 known finding in the baseline not shown" in rich.stderr


def test_the_default_baseline_file_is_used_when_it_exists(tmp_path: Path) -> None:
    make_corpus(tmp_path)
    (tmp_path / "factlint.toml").write_text('paths = ["corpus"]\n', "utf-8")
    before = factlint("check", cwd=tmp_path)
    assert before.returncode == 1
    assert "baseline" not in before.stderr  # no baseline file yet: none in use
    written = factlint("baseline", cwd=tmp_path)
    assert "wrote 2 findings to factlint-baseline.json" in written.stderr
    after = factlint("check", cwd=tmp_path)
    assert after.returncode == 0, after.stderr
    assert "factlint: factlint-baseline.json: baseline in use (2 entries; --no-baseline shows everything)" \
        in after.stderr.splitlines()
    as_json = factlint("check", "--format", "json", cwd=tmp_path)
    assert json.loads(as_json.stdout)["baseline"]["path"] == "factlint-baseline.json"
    everything = factlint("check", "--no-baseline", "--format", "json", cwd=tmp_path)
    assert everything.returncode == 1
    assert "baseline" not in json.loads(everything.stdout) and "baseline" not in everything.stderr
    assert sorted(f for f in findings(everything) if f[1] == "conflict") == CONFLICTS


def test_a_version_1_baseline_says_to_write_it_again_in_one_line(tmp_path: Path) -> None:
    make_corpus(tmp_path)
    (tmp_path / "factlint-baseline.json").write_text(
        '{"factlint-baseline": 1, "findings": [{"fingerprint": "0f8f6445", "rule": "DU01"}]}', "utf-8")
    proc = factlint("check", "corpus", cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr.splitlines() == [
        "factlint: error: factlint-baseline.json: baseline format 1 is out of date: its fingerprints were made "
        "from the English topics of findings and match none now; write it again with 'factlint baseline'"]


def test_a_broken_baseline_exits_2(tmp_path: Path) -> None:
    make_corpus(tmp_path)
    (tmp_path / "base.json").write_text('{"findings": []}', "utf-8")
    proc = factlint("check", "corpus", "--baseline", "base.json", cwd=tmp_path)
    assert proc.returncode == 2
    assert "base.json: not a factlint baseline" in proc.stderr


# --- changed articles ---------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "code", "expected"), [
    (["corpus", "--changed", "corpus/c.txt"], 1, [("CT01", "conflict", ("c", "d"))]),
    (["corpus", "--changed", "corpus/a.txt", "corpus/b.txt"], 1,
     [("DT01", "agreement", ("a", "b")), ("DU01", "conflict", ("a", "b"))]),
    (["corpus", "--changed", "README.md"], 0, []),
    (["corpus", "--changed", "corpus"], 1, [("DT01", "agreement", ("a", "b")), *CONFLICTS]),
    # the pre-commit hook's form: `--changed` then the files; the corpus comes from the configuration
    (["--changed", "corpus/d.txt"], 1, [("CT01", "conflict", ("c", "d"))]),
])
def test_changed_articles_are_aligned_against_the_whole_corpus(project: Path, args: list[str], code: int,
                                                               expected: list[tuple[str, str, tuple[str, ...]]],
                                                               tmp_path: Path) -> None:
    config = tmp_path / "factlint.toml"
    config.write_text(f'paths = ["{(project / "corpus").as_posix()}"]\n', "utf-8")
    proc = factlint("check", "--format", "json", "--config", str(config), *args, cwd=project)
    assert proc.returncode == code, proc.stderr
    assert sorted(findings(proc)) == sorted(expected)


def test_the_precommit_hook_checks_the_staged_files_against_the_configured_corpus(tmp_path: Path) -> None:
    import yaml

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["id"] == "factlint" and hook["pass_filenames"] is True
    entry = hook["entry"].split()
    assert entry[0] == "factlint"
    make_corpus(tmp_path)
    (tmp_path / "factlint.toml").write_text('paths = ["corpus"]\n', "utf-8")
    # pre-commit runs: entry, the hook's args, then the staged files matching `files`
    staged = [f for f in ("corpus/a.txt", "notes.rst") if re.search(hook["files"], f)]
    proc = factlint(*entry[1:], "--format", "json", *staged, cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert sorted(findings(proc)) == [("DT01", "agreement", ("a", "b")), ("DU01", "conflict", ("a", "b"))]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_since_a_git_ref(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path)
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(tmp_path), "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_CONFIG_GLOBAL": os.devnull, "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    for args in (["init", "-q", "-b", "main"], ["add", "."], ["commit", "-q", "-m", "corpus"]):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, env=env, capture_output=True)
    (corpus / "c.txt").write_text(ARTICLES["c.txt"].replace("military", "war"), "utf-8")
    sub = tmp_path / "deeper"
    sub.mkdir()
    proc = factlint("check", "../corpus", "--since", "HEAD", "--format", "json", cwd=sub, env=env)
    assert proc.returncode == 1, proc.stderr
    assert findings(proc) == [("CT01", "conflict", ("c", "d"))]
    clean = factlint("check", "corpus", "--since", "HEAD", "--format", "json", cwd=tmp_path, env=env)
    assert clean.returncode == 1  # c.txt is still changed relative to HEAD
    subprocess.run(["git", "commit", "-qam", "edit"], cwd=tmp_path, check=True, env=env, capture_output=True)
    assert findings(factlint("check", "corpus", "--since", "HEAD", "--format", "json", cwd=tmp_path,
                             env=env)) == []
    bad = factlint("check", "corpus", "--since", "no-such-ref", cwd=tmp_path, env=env)
    assert bad.returncode == 2
    assert bad.stderr == "factlint: error: --since no-such-ref: unknown git revision 'no-such-ref'\n"


# --- the seed corpus snapshot -------------------------------------------------------------------

SNAPSHOT = ROOT / "tests" / "snapshots" / "seeds.json"


def test_the_seed_corpus_json_matches_the_snapshot() -> None:
    """Any change to the findings of the seed corpus shows as a diff of tests/snapshots/seeds.json.

    Regenerate with ``FACTLINT_UPDATE_SNAPSHOTS=1 pytest tests/test_e2e.py -k snapshot``.
    """
    proc = factlint("check", "seeds", "--format", "json", cwd=ROOT)
    assert proc.returncode in (0, 1), proc.stderr
    if os.environ.get("FACTLINT_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.parent.mkdir(exist_ok=True)
        SNAPSHOT.write_text(proc.stdout, "utf-8", newline="\n")
    assert SNAPSHOT.exists(), "no snapshot yet: run with FACTLINT_UPDATE_SNAPSHOTS=1"
    expected = SNAPSHOT.read_text("utf-8")
    if proc.stdout != expected:  # a readable diff of the findings first
        got, want = json.loads(proc.stdout), json.loads(expected)
        got.pop("factlint"), want.pop("factlint")
        assert got["findings"] == want["findings"], "findings changed: FACTLINT_UPDATE_SNAPSHOTS=1 to accept"
        assert got == want, "the seed report changed: FACTLINT_UPDATE_SNAPSHOTS=1 to accept"
    assert proc.stdout == expected
