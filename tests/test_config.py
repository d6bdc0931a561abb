"""Configuration: where it is found, what each key means, and one-line errors naming the key and the file."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from checker.config import (
    Config,
    ConfigError,
    FailOn,
    effective,
    find_config,
    load_config,
    parse_config,
    to_toml,
    validate_rules,
)
from checker.findings import Evidence, Finding, Severity, Status


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def finding(status: Status, severity: Severity) -> Finding:
    side = Evidence("a", "a.txt", 1, 1, 1, 3, "two", "two days", "duration", 2, 2, "day", "2 days")
    return Finding("DU01", "event-length", status, severity, "t", "m", 0.9, "f" * 32, None, (side,))


# --- finding the file ------------------------------------------------------------------


def test_no_file_means_the_defaults(tmp_path: Path) -> None:
    config = load_config(cwd=tmp_path, search=False)
    assert config == Config()
    assert config.fail_on == FailOn(frozenset({Status.CONFLICT, Status.INCONSISTENT}), Severity.WARNING)


def test_the_file_is_found_by_walking_up_from_the_working_directory(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.factlint]\npaths = ["corpus"]\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == (tmp_path / "pyproject.toml").resolve()
    config = load_config(cwd=deep)
    assert config.source == str(Path("..", "..", "pyproject.toml"))
    # paths are relative to the file, shown relative to the working directory
    assert config.paths == (str(Path("..", "..", "corpus")),)


def test_a_pyproject_without_a_factlint_table_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "factlint.toml", 'select = ["DU"]\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    assert find_config(tmp_path / "sub") == (tmp_path / "factlint.toml").resolve()


def test_a_broken_pyproject_without_a_factlint_table_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[project\n")
    assert find_config(tmp_path) is None


def test_factlint_toml_comes_before_pyproject_in_the_same_directory(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.factlint]\nselect = ["NM"]\n')
    write(tmp_path / "factlint.toml", 'select = ["DU"]\n')
    assert load_config(cwd=tmp_path).select == ("DU",)


def test_an_explicit_file_wins_over_the_search(tmp_path: Path) -> None:
    write(tmp_path / "factlint.toml", 'select = ["DU"]\n')
    write(tmp_path / "ci" / "strict.toml", 'select = ["CT"]\n')
    assert load_config("ci/strict.toml", cwd=tmp_path).select == ("CT",)
    assert load_config(tmp_path / "ci" / "strict.toml", cwd=tmp_path).select == ("CT",)


def test_an_explicit_file_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"nope\.toml: no such configuration file"):
        load_config("nope.toml", cwd=tmp_path)


# --- the keys ---------------------------------------------------------------------------


def test_every_key(tmp_path: Path) -> None:
    write(tmp_path / "factlint.toml", """
paths = ["corpus", "more"]
include = ["*.md"]
exclude = ["drafts/*"]
select = ["DU", "DT01"]
ignore = ["NM01"]
baseline = "ci/baseline.json"
fail-on = { status = ["conflict", "variant"], severity = "error" }

[rules.DU01]
severity = "info"
unresolved_confidence = 0.4

[rules.event-date]
severity = "WARNING"

[units.equivalent]
vessel = ["Tanker", "freighter"]
[units.related]
cargo = ["vessel", "train"]

[aliases]
"DPRK" = "North Korea"
""")
    config = load_config(cwd=tmp_path)
    assert config.paths == ("corpus", "more")
    assert config.include == ("*.md",)
    assert config.exclude == ("drafts/*",)
    assert config.select == ("DU", "DT01")
    assert config.ignore == ("NM01",)
    assert config.baseline == str(Path("ci", "baseline.json"))
    assert config.fail_on == FailOn(frozenset({Status.CONFLICT, Status.VARIANT}), Severity.ERROR)
    assert config.severity == {"DU01": "info", "event-date": "warning"}
    assert config.options == {"DU01": {"unresolved_confidence": 0.4}}
    assert config.equivalent == {"vessel": ("tanker", "freighter")}
    assert config.related == {"cargo": ("vessel", "train")}
    assert config.aliases == {"DPRK": "North Korea"}
    validate_rules(config)


def test_fail_on_takes_a_list_of_statuses_as_shorthand() -> None:
    assert parse_config({"fail-on": ["variant"]}).fail_on == FailOn(frozenset({Status.VARIANT}), Severity.WARNING)
    assert parse_config({"fail-on": {"status": []}}).fail_on.statuses == frozenset()


@pytest.mark.parametrize(("status", "severity", "fails"), [
    (Status.CONFLICT, Severity.ERROR, True),
    (Status.CONFLICT, Severity.WARNING, True),
    (Status.CONFLICT, Severity.INFO, False),
    (Status.VARIANT, Severity.ERROR, False),
    (Status.AGREEMENT, Severity.ERROR, False),
])
def test_by_default_conflicts_of_severity_warning_or_higher_fail(status: Status, severity: Severity,
                                                                   fails: bool) -> None:
    assert FailOn().fails(finding(status, severity)) is fails


def test_units_extend_the_built_in_table() -> None:
    from checker.units import UnitTable

    config = parse_config({"units": {"equivalent": {"vessel": ["tanker"]}}})
    table = UnitTable.build(config.equivalent, config.related)
    assert table.canonical("tanker") == "vessel"
    assert table.canonical("vessel") == "vessel"
    assert table.canonical("soldier") == "soldier"  # the built-in entries stay


# --- errors -----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "key", "problem"), [
    ('pahts = ["x"]\n', "pahts", "unknown key"),
    ('fail_on = ["conflict"]\n', "fail_on", "did you mean 'fail-on'"),
    ("select = 3\n", "select", "expected an array of strings, got a number"),
    ('select = ["DU", 1]\n', "select", "expected an array of strings"),
    ("baseline = []\n", "baseline", "expected a non-empty string, got an array"),
    ('rules = ["DU01"]\n', "rules", "expected a table, got an array"),
    ('[rules.DU01]\nseverity = "fatal"\n', "rules.DU01.severity", "expected error, warning or info"),
    ('[fail-on]\nstatus = ["conflicts"]\n', "fail-on.status", "unknown status 'conflicts'"),
    ('[fail-on]\nseverity = "high"\n', "fail-on.severity", "expected error, warning or info"),
    ('[fail-on]\nlevel = "error"\n', "fail-on.level", "unknown key"),
    ('[units]\nsynonyms = {}\n', "units.synonyms", "unknown key"),
    ('[units.equivalent]\nship = "boat"\n', "units.equivalent.ship", "expected an array of strings, got a string"),
    ('[units]\nrelated = ["ship"]\n', "units.related", "expected a table, got an array"),
    ("[aliases]\nDPRK = 1\n", "aliases.DPRK", "expected a non-empty string"),
    ('aliases = ["DPRK"]\n', "aliases", "expected a table, got an array"),
    # every documented array rejects a lone string (README: wrong types exit 2 naming the key)
    ('paths = "seeds"\n', "paths", "expected an array of strings, got a string"),
    ('include = "*.txt"\n', "include", "expected an array of strings, got a string"),
    ('exclude = "drafts/*"\n', "exclude", "expected an array of strings, got a string"),
    ('select = "DU"\n', "select", "expected an array of strings, got a string"),
    ('ignore = "NM01"\n', "ignore", "expected an array of strings, got a string"),
    ('fail-on = "conflict"\n', "fail-on", "expected a table, got a string"),
    ('[fail-on]\nstatus = "conflict"\n', "fail-on.status", "expected an array of strings, got a string"),
    ('max-article-bytes = "20MB"\n', "max-article-bytes", "expected a positive integer"),
    ("baseline = 1\n", "baseline", "expected a non-empty string, got a number"),
    ('rules = { DU01 = "error" }\n', "rules.DU01", "expected a table, got a string"),
])
def test_wrong_keys_and_types_name_the_key_and_the_file(tmp_path: Path, text: str, key: str, problem: str) -> None:
    write(tmp_path / "factlint.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_config(cwd=tmp_path)
    message = str(caught.value)
    assert message.startswith(f"factlint.toml: {key}: ")
    assert problem in message
    assert "\n" not in message


def test_keys_in_a_pyproject_are_named_with_their_table(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.factlint]\nselect = ["DU"]\ncolour = "red"\n')
    with pytest.raises(ConfigError, match=r"^pyproject\.toml: tool\.factlint\.colour: unknown key"):
        load_config(cwd=tmp_path)


def test_invalid_toml_names_the_file_and_the_position(tmp_path: Path) -> None:
    write(tmp_path / "factlint.toml", 'select = ["DU"]\nignore = [NM]\n')
    with pytest.raises(ConfigError, match=r"^factlint\.toml: invalid TOML: .*line 2"):
        load_config(cwd=tmp_path)


@pytest.mark.parametrize(("data", "key", "problem"), [
    ({"select": ["XX"]}, "select", "no rule matches 'XX'"),
    ({"ignore": ["nope"]}, "ignore", "no rule matches 'nope'"),
    ({"rules": {"XX99": {"severity": "error"}}}, "rules.XX99", "no such rule"),
    ({"rules": {"DU01": {"tolerance": 1}}}, "rules.DU01.tolerance", "rule DU01 has no such option"),
    ({"rules": {"DU01": {"unresolved_confidence": "high"}}}, "rules.DU01.unresolved_confidence",
     "expected float"),
])
def test_rule_settings_are_checked_against_the_registry(data: dict[str, object], key: str, problem: str) -> None:
    config = parse_config(data, "factlint.toml")
    with pytest.raises(ConfigError) as caught:
        validate_rules(config)
    assert str(caught.value).startswith(f"factlint.toml: {key}: ")
    assert problem in str(caught.value)


def test_rule_options_may_be_written_in_kebab_case() -> None:
    config = parse_config({"rules": {"DU01": {"unresolved-confidence": 0.3}}})
    assert config.options == {"DU01": {"unresolved_confidence": 0.3}}
    validate_rules(config)


# --- the effective configuration --------------------------------------------------------


def test_the_effective_configuration_lists_every_rule_and_reads_back_as_toml() -> None:
    config = parse_config({"rules": {"DU01": {"severity": "info", "unresolved_confidence": 0.25}},
                           "aliases": {"DPRK": "North Korea"}, "units": {"equivalent": {"vessel": ["tanker"]}}})
    data = effective(config)
    assert data["rules"]["DU01"] == {"severity": "info", "unresolved_confidence": 0.25}
    assert data["rules"]["NM01"]["severity"] == "warning"
    assert data["units"]["equivalent"]["vessel"] == ["tanker"]
    assert "ship" in data["units"]["equivalent"]
    assert data["fail-on"] == {"status": ["conflict", "inconsistent"], "severity": "warning"}
    text = to_toml(data)
    assert tomllib.loads(text) == {k: v for k, v in data.items() if v is not None}
    # what `factlint config` prints is itself a valid configuration
    reread = parse_config(tomllib.loads(text))
    assert reread.severity["DU01"] == "info"
    assert reread.aliases == {"DPRK": "North Korea"}


def test_max_article_bytes_skips_larger_articles_and_must_be_a_positive_integer(tmp_path: Path) -> None:
    import subprocess
    import sys

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "big.txt").write_text("A two-day visit. " * 100, "utf-8")
    (corpus / "small.txt").write_text("A two-day visit.", "utf-8")
    (tmp_path / "factlint.toml").write_text('paths = ["corpus"]\nmax-article-bytes = 500\n', "utf-8")
    run = subprocess.run([sys.executable, "-m", "checker", "check", "--format", "json", "--no-cache"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert "big.txt" in run.stderr and "size limit of 500 bytes" in run.stderr
    assert '"small"' in run.stdout and '"big"' not in run.stdout
    (tmp_path / "factlint.toml").write_text('paths = ["corpus"]\nmax-article-bytes = "1 MB"\n', "utf-8")
    bad = subprocess.run([sys.executable, "-m", "checker", "check"], cwd=tmp_path, capture_output=True,
                         text=True, timeout=120)
    assert bad.returncode == 2
    assert "max-article-bytes" in bad.stderr and "factlint.toml" in bad.stderr


def test_rule_tables_name_rules_as_select_does_the_closest_key_winning(tmp_path: Path) -> None:
    write(tmp_path / "factlint.toml", '[rules.dates]\nseverity = "info"\n[rules.DT01]\nseverity = "error"\n')
    config = load_config(cwd=tmp_path)
    validate_rules(config)
    severities = {code: rule["severity"] for code, rule in effective(config)["rules"].items()}
    assert (severities["DT01"], severities["DT02"], severities["DT03"], severities["DU01"]) == \
        ("error", "info", "info", "error")


@pytest.mark.parametrize(("text", "key", "problem"), [
    ('[rules.counts]\nunresolved_confidence = 0.3\n', "rules.counts.unresolved_confidence",
     "rule CT01 has no such option"),
    ('[rules.XX]\nseverity = "info"\n', "rules.XX", "no such rule"),
])
def test_a_rule_table_naming_no_rule_or_an_option_a_rule_lacks_is_refused(tmp_path: Path, text: str, key: str,
                                                                         problem: str) -> None:
    write(tmp_path / "factlint.toml", text)
    with pytest.raises(ConfigError, match=f"^factlint.toml: {key}: {problem}"):
        validate_rules(load_config(cwd=tmp_path))


@pytest.mark.parametrize(("value", "problem"), [
    ('"5000"', "expected a positive integer (claims), got a string"),
    ("0", "expected a positive integer (claims)"),
    ("-1", "expected a positive integer (claims)"),
    ("true", "expected a positive integer (claims)"),
    ("2.5", "expected a positive integer (claims)"),
])
def test_max_claims_per_article_must_be_a_positive_integer(tmp_path: Path, value: str, problem: str) -> None:
    write(tmp_path / "factlint.toml", f"max-claims-per-article = {value}\n")
    with pytest.raises(ConfigError) as caught:
        load_config(cwd=tmp_path)
    assert str(caught.value).startswith("factlint.toml: max-claims-per-article: ")
    assert problem in str(caught.value)


def test_max_claims_per_article_is_read_and_shown_with_its_default(tmp_path: Path) -> None:
    assert effective(Config())["max-claims-per-article"] == 5000
    write(tmp_path / "factlint.toml", "max-claims-per-article = 40\n")
    config = load_config(cwd=tmp_path)
    assert config.max_claims_per_article == 40
    assert effective(config)["max-claims-per-article"] == 40


def test_max_claims_per_article_limits_check_and_extract_with_one_line(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "roundup.txt").write_text(", ".join(f"{i} containers" for i in range(100)) + ".\n", "utf-8")
    (tmp_path / "factlint.toml").write_text('paths = ["corpus"]\nmax-claims-per-article = 30\n', "utf-8")
    for command in (["check"], ["extract"]):
        run = subprocess.run([sys.executable, "-m", "checker", *command, "--format", "json", "--no-cache"],
                             cwd=tmp_path, capture_output=True, text=True, timeout=120)
        (line,) = run.stderr.splitlines()
        assert line.startswith("factlint: ") and "roundup.txt" in line and "max-claims-per-article" in line
        doc = json.loads(run.stdout)
        claims = doc["summary"]["claims"] if command == ["check"] else len(doc["articles"][0]["claims"])
        assert claims == 30
