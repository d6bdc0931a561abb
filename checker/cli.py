"""The ``factlint`` command line.

Exit codes: 0 nothing fails, 1 at least one failing finding, 2 usage, configuration or
input error.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from . import __version__

if TYPE_CHECKING:
    from reports.jsontext import Writer

    from .baseline import Baseline, Entry
    from .cache import ClaimCache
    from .config import Config
    from .engine import CheckResult
    from .model import Claim, Corpus

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


FORMAT_NAMES = ("rich", "json", "sarif", "github", "markdown", "junit", "html")
"""The names of ``reports.FORMATS`` (listed here so that ``--help`` does not import the renderers)."""


class UsageError(Exception):
    """A usage, configuration or input problem: printed as one line, exit code 2."""


class _Reported(Exception):
    """An input error already reported on stderr (one line per problem): exit code 2, nothing else."""


class _ArgumentError(Exception):
    """A command-line argument argparse refused; :func:`main` prints it as one line."""

    def __init__(self, parser: argparse.ArgumentParser, message: str) -> None:
        super().__init__(message)
        self.parser = parser
        self.message = message


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (README: every error is one line starting
    with ``factlint:``), not a usage block: :meth:`error` raises :class:`_ArgumentError`."""

    def error(self, message: str) -> NoReturn:
        raise _ArgumentError(self, message)


def _option_strings(parser: argparse.ArgumentParser) -> list[str]:
    return [o for action in parser._actions for o in action.option_strings if o.startswith("--")]


def _subparser(parser: argparse.ArgumentParser, argv: Sequence[str]) -> argparse.ArgumentParser:
    """The parser of the command named in ``argv`` (``parser`` itself when none is)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for arg in argv:
                if arg in action.choices:
                    chosen: argparse.ArgumentParser = action.choices[arg]
                    return chosen
    return parser


_INVALID_CHOICE = re.compile(r"invalid choice: '?(?P<value>[^'(]*?)'? \(choose from (?P<choices>.*)\)$")


def _argument_error_line(error: _ArgumentError, parser: argparse.ArgumentParser, argv: Sequence[str]) -> str:
    """The one line of an argument error, with the closest valid option or value when the
    refused one looks like a typo (``--formt``: did you mean --format?)."""
    import difflib

    message = error.message
    command = _subparser(parser, argv)
    hint = ""
    if message.startswith("unrecognized arguments:"):
        options = _option_strings(command)
        for word in message.split(":", 1)[1].split():
            if word.startswith("--"):
                close = difflib.get_close_matches(word.split("=", 1)[0], options, n=1, cutoff=0.6)
                if close:
                    hint = f" (did you mean {close[0]}?)"
                    break
    else:
        match = _INVALID_CHOICE.search(message)
        if match:
            choices = [c.strip().strip("'") for c in match.group("choices").split(",")]
            close = difflib.get_close_matches(match.group("value"), choices, n=1, cutoff=0.5)
            if close:
                hint = f" (did you mean {close[0]}?)"
    where = f"{command.prog.removeprefix('factlint').strip()}: " if command is not parser else ""
    return f"factlint: error: {where}{message}{hint}"


def _confidence(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, got {text!r}") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, got {text!r}")
    return value


def _add_config(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--config", metavar="FILE",
                     help="configuration file (default: factlint.toml or pyproject.toml [tool.factlint], "
                          "searched from the working directory up)")


def _jobs(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None


def _add_speed(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--jobs", "-j", type=_jobs, default=0, metavar="N",
                     help="processes extracting claims, threads comparing names (default 0: one per core; "
                          "processes for large corpora only)")
    cmd.add_argument("--no-cache", action="store_true",
                     help="do not read or write the claim cache (default: .factlint-cache in the working directory)")
    cmd.add_argument("--cache-dir", metavar="DIR", help="directory of the claim cache")


def _add_rule_selection(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--select", action="append", default=[], metavar="RULE",
                     help="only these rules: code, code prefix, name or group (repeatable, comma-separated; "
                          "replaces the configured select)")
    cmd.add_argument("--ignore", action="append", default=[], metavar="RULE",
                     help="leave these rules out (added to the configured ignore)")


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="factlint",
        description="Cross-article fact-consistency checker for news corpora.",
        epilog="Exit codes: 0 nothing fails, 1 failing findings, 2 usage, configuration or input error.",
    )
    parser.add_argument("--version", action="version", version=f"factlint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    ext = sub.add_parser("extract", help="list every claim found in each article")
    ext.add_argument("paths", nargs="*", metavar="PATH",
                     help="article files or directories (default: the configured paths)")
    ext.add_argument("--format", choices=("rich", "json"), default=None,
                     help="output format (default: rich)")
    ext.add_argument("-o", "--output", metavar="FILE", help="write the output to FILE instead of stdout")
    ext.add_argument("--kind", action="append", choices=("quantity", "duration", "date", "entity"),
                     help="only claims of this kind (repeatable)")
    ext.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    _add_config(ext)
    _add_speed(ext)

    chk = sub.add_parser(
        "check", help="align claims across articles and report agreements and conflicts",
        epilog="Exit codes: 0 nothing fails, 1 at least one failing finding (see fail-on; with a baseline, "
               "only new ones), 2 usage, configuration or input error.")
    chk.add_argument("paths", nargs="*", metavar="PATH",
                     help="article files or directories (default: the configured paths)")
    chk.add_argument("--format", choices=FORMAT_NAMES, default="rich", help="output format (default: rich)")
    chk.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of stdout")
    _add_rule_selection(chk)
    chk.add_argument("--only", choices=("conflicts", "inconsistencies", "agreements", "variants"),
                     help="report only findings of this status")
    chk.add_argument("--rule", action="append", default=[], metavar="RULE",
                     help="report only findings of these rules (code, prefix, name or group, as --select; "
                          "repeatable, comma-separated)")
    chk.add_argument("--article", action="append", default=[], metavar="ID",
                     help="report only findings with a side in this article (short id as in the messages, "
                          "id or path; repeatable)")
    chk.add_argument("--min-confidence", type=_confidence, default=0.0, metavar="X",
                     help="report only findings at least this confident (0 to 1)")
    chk.add_argument("--verbose", "-v", action="store_true", help="expand agreements and single-source findings")
    chk.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                     help="colour and links in the rich report (auto: on a terminal unless NO_COLOR is set)")
    _add_config(chk)
    chk.add_argument("--baseline", metavar="FILE", help="fail only on findings not in this baseline file "
                     "(default: the configured baseline, else factlint-baseline.json when it exists)")
    chk.add_argument("--no-baseline", action="store_true", help="use no baseline: show and fail on everything")
    chk.add_argument("--changed", nargs="*", metavar="PATH", default=None,
                     help="report only findings involving these changed articles (the whole corpus is still "
                          "aligned); given with no PATH after it, the PATH arguments are the changed files and "
                          "the corpus is the configured paths (the pre-commit hook's form)")
    chk.add_argument("--since", metavar="GIT_REF",
                     help="report only findings involving articles changed since GIT_REF (git diff --name-only)")
    _add_speed(chk)

    base = sub.add_parser("baseline", help="write the current failing findings to the baseline file")
    base.add_argument("paths", nargs="*", metavar="PATH",
                      help="article files or directories (default: the configured paths)")
    base.add_argument("-o", "--output", metavar="FILE",
                      help="baseline file to write ('-' for stdout; default: the configured baseline or "
                           "factlint-baseline.json)")
    _add_rule_selection(base)
    _add_config(base)
    _add_speed(base)

    cfg = sub.add_parser("config", help="print the effective configuration")
    cfg.add_argument("--format", choices=("toml", "json"), default="toml", help="output format (default: toml)")
    _add_config(cfg)

    rls = sub.add_parser("rules", help="list the rules")
    rls.add_argument("--format", choices=("rich", "markdown"), default="rich",
                     help="markdown prints the full rule documentation (docs/rules.md)")
    exp = sub.add_parser("explain", help="print a rule's documentation")
    exp.add_argument("rule", metavar="CODE", help="rule code or name")
    return parser


def _split(values: Sequence[str]) -> list[str]:
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def _warn(message: str) -> None:
    print(f"factlint: {message}", file=sys.stderr)


@dataclass
class _Run:
    """A check run with everything the report and the exit code need."""

    config: Config
    result: CheckResult
    input_errors: bool


def _load_config(args: argparse.Namespace) -> Config:
    from .config import ConfigError, load_config

    try:
        return load_config(args.config)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None


def _run(args: argparse.Namespace, config: Config, paths: Sequence[str], articles: Sequence[str] = ()) -> _Run:
    """Load the corpus and run the rules as configured (the command line wins). ``articles``
    (``--article``) must each name an article of the corpus, checked before the rules run."""
    from rules import RuleSelectionError, select_rules

    from .config import ConfigError, validate_rules
    from .engine import CheckSettings, run_check
    from .extractors import ExtractOptions
    from .units import UnitTable

    try:
        validate_rules(config)
    except (ConfigError, RuleSelectionError) as exc:
        raise UsageError(str(exc)) from None
    _require_paths(paths, config)
    try:
        rules = select_rules(_split(args.select) or list(config.select), [*config.ignore, *_split(args.ignore)],
                             config.severity, config.options)
    except RuleSelectionError as exc:
        raise UsageError(str(exc)) from None
    with _open_cache(args, paths) as cache:
        corpus = _load_corpus(paths, config, cache)
        _require_articles_found(corpus, paths, config)
        _require_articles(articles, corpus)
        settings = CheckSettings(units=UnitTable.build(config.equivalent, config.related), aliases=config.aliases,
                                 jobs=args.jobs, extract=ExtractOptions(max_claims=config.max_claims_per_article))
        from reports import progress_bar

        with progress_bar(len(corpus.articles)) as advance:
            result = run_check(corpus, rules, settings, progress=advance, cache=cache)
    for diag in result.diagnostics:
        _warn(str(diag))
    errors = bool(corpus.errors) or any(d.level == "error" for d in result.diagnostics)
    _retain(corpus, result)
    return _Run(config, result, errors)


def _require_paths(paths: Sequence[str], config: Config) -> None:
    if not paths:
        raise UsageError("no corpus: give PATH arguments or set 'paths' in the configuration"
                         + (f" ({config.source})" if config.source else ""))


def _require_articles_found(corpus: Corpus, paths: Sequence[str], config: Config) -> None:
    """A run that would check no article is an input error, never an empty report that passes.
    When loading already said why (a path that does not exist, files that cannot be read),
    that is all that is printed; else one line says where factlint looked and what it left out."""
    if corpus.articles:
        return
    if corpus.errors:
        raise _Reported
    other_type, left_out = _files_not_read(paths)
    reasons = []
    if other_type:
        reasons.append(f"{other_type} file{'s' if other_type != 1 else ''} skipped: not a supported type")
    if left_out:
        by = "include/exclude" + (f" of {config.source}" if config.source else "")
        reasons.append(f"{left_out} article file{'s' if left_out != 1 else ''} left out by {by}")
    where = ", ".join(paths)
    raise UsageError(f"no article found in {where}" + (f" ({'; '.join(reasons)})" if reasons else ""))


def _files_not_read(paths: Sequence[str]) -> tuple[int, int]:
    """Below the directories of ``paths``: the files of a type that is not read as an article
    (hidden files, hidden directories and manifests apart), and the article files (which, when
    no article was read and loading reported nothing, include/exclude left out)."""
    from .corpus import ARTICLE_SUFFIXES, MANIFEST_NAME

    other_type = articles = 0
    for path in paths:
        if not os.path.isdir(path):
            continue
        for _, dirnames, filenames in os.walk(path, followlinks=False):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for name in filenames:
                if name.startswith(".") or name == MANIFEST_NAME:
                    continue
                if name.lower().endswith(ARTICLE_SUFFIXES):
                    articles += 1
                else:
                    other_type += 1
    return other_type, articles


@contextlib.contextmanager
def _open_cache(args: argparse.Namespace, paths: Sequence[str]) -> Iterator[ClaimCache | None]:
    """The claim cache of this run (``None`` with ``--no-cache``), open for the corpus load (which
    keeps manifest parses in it) and the extraction, closed at the end. The engine is given this
    cache, so its settings need not say where the cache is or whether to use one."""
    if args.no_cache:
        yield None
        return
    from .cache import open_cache

    cache = open_cache(args.cache_dir, paths)
    try:
        yield cache
    finally:
        cache.close()


def _load_corpus(paths: Sequence[str], config: Config, cache: ClaimCache | None = None) -> Corpus:
    """The corpus as configured (include, exclude, size limit); its problems go to stderr."""
    from .corpus import LoadOptions, load_corpus

    corpus = load_corpus(paths, LoadOptions(include=config.include, exclude=config.exclude,
                                             max_bytes=config.max_article_bytes), cache)
    for diag in corpus.diagnostics:
        _warn(str(diag))
    return corpus


def _changed_files(args: argparse.Namespace, config: Config) -> tuple[list[str], list[str] | None]:
    """The corpus paths and the changed files (``None``: no changed-file mode)."""
    paths = list(args.paths)
    changed: list[str] | None = None
    if args.changed is not None:
        if args.changed:
            changed = list(args.changed)
        else:  # `--changed` then the files: the pre-commit hook's form
            changed, paths = paths, []
    if args.since:
        from .gitchanges import GitError, changed_since

        try:
            changed = [*(changed or []), *changed_since(args.since)]
        except GitError as exc:
            raise UsageError(f"--since {args.since}: {exc}") from None
    return (paths or list(config.paths)), changed


def _cmd_check(args: argparse.Namespace) -> int:
    import dataclasses

    from reports import ReportOptions, filter_findings, write_report

    config = _load_config(args)
    paths, changed = _changed_files(args, config)
    _require_rules(_split(args.rule))
    baseline_path = None if args.no_baseline else _baseline_path(args.baseline, config)
    baseline = _read_baseline(baseline_path) if baseline_path else None
    run = _run(args, config, paths, args.article)
    result = run.result
    options = ReportOptions(verbose=args.verbose, color=args.color, only=args.only, rules=tuple(_split(args.rule)),
                            articles=tuple(args.article), min_confidence=args.min_confidence,
                            output=args.output)
    scope = result.findings
    if changed is not None:
        from .gitchanges import select_changed

        scope = select_changed(scope, changed)
    fails = config.fail_on.fails
    failing = [f for f in filter_findings(scope, options) if fails(f)]
    extra: dict[str, Any] | None = None
    stale: Sequence[Entry] = ()
    if baseline is not None and baseline_path is not None:
        from .baseline import compare

        comparison = compare(baseline, failing, [f for f in result.findings if fails(f)],
                             {r.code for r in result.rules})
        known = {f.fingerprint for f in comparison.known}
        scope = [f for f in scope if f.fingerprint not in known]
        failing = list(comparison.new)
        stale = comparison.stale
        extra = {"path": Path(baseline_path).as_posix(), "entries": len(baseline.entries),
                 "known": len(comparison.known), "new": len(comparison.new),
                 "stale": [e.to_json() for e in comparison.stale]}
    shown = dataclasses.replace(result, findings=list(scope))
    try:
        if args.format == "json" and extra is not None:
            _write_with(_json_with_baseline(shown, options, extra), args.output)
        else:
            write_report(args.format, shown, options)
        if args.format == "github":
            from reports.github import append_step_summary, step_summary_path

            append_step_summary(shown, dataclasses.replace(options, output=None), step_summary_path())
    except OSError as exc:
        raise UsageError(f"{exc.filename or args.output or '<stdout>'}: cannot write: {exc.strerror or exc}") from None
    if extra is not None and baseline_path is not None:
        entries = extra["entries"]
        _warn(f"{baseline_path}: baseline in use ({entries} entr{'ies' if entries != 1 else 'y'}; "
              "--no-baseline shows everything)")
        if args.format != "json":
            _baseline_note(baseline_path, extra["known"], stale)
    if run.input_errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if failing else EXIT_OK


def _require_rules(selectors: Sequence[str]) -> None:
    """``--rule`` names rules as ``--select`` does; one that names none is a usage error, not an
    empty report that passes."""
    from rules import RuleSelectionError, unmatched

    try:
        missing = unmatched(selectors)
    except RuleSelectionError as exc:
        raise UsageError(str(exc)) from None
    if missing:
        raise UsageError(f"--rule {missing[0]}: no rule matches {missing[0]!r} (see 'factlint rules')")


def _require_articles(names: Sequence[str], corpus: Corpus) -> None:
    """Every ``--article`` must name an article of the corpus (by short id, id or path)."""
    from .findings import names_article

    for name in names:
        if not any(names_article(name, a.id, a.path) for a in corpus.articles):
            raise UsageError(f"--article {name}: no article of the corpus has this short id, id or path")


def _json_with_baseline(result: CheckResult, options: Any, extra: dict[str, Any]) -> Callable[[Writer], None]:
    """The JSON report with its ``baseline`` object (README: JSON of check, 0.2.0), written
    in pieces through the ``write`` function it is given."""
    from reports import json_document
    from reports.jsontext import dump

    document = json_document(result, options)
    document["baseline"] = extra

    def emit(write: Writer) -> None:
        dump(document, write)
        write("\n")

    return emit


def _baseline_path(given: str | None, config: Config) -> str | None:
    """The baseline of a check: ``--baseline FILE``, else the configured one, else the file
    ``factlint baseline`` writes by default (``factlint-baseline.json``) when it exists."""
    from .config import DEFAULT_BASELINE

    if given or config.baseline:
        return given or config.baseline
    return DEFAULT_BASELINE if os.path.isfile(DEFAULT_BASELINE) else None


def _baseline_note(path: str, known: int, stale: Sequence[Entry]) -> None:
    if known:
        _warn(f"{path}: {known} known finding{'s' if known != 1 else ''} in the baseline not shown "
              "(--no-baseline shows them)")
    if stale:
        _warn(f"{path}: {len(stale)} baseline entr{'ies' if len(stale) != 1 else 'y'} no longer occur; "
              "prune with 'factlint baseline':")
        for entry in stale:
            values = ", ".join(entry.values)
            print(f"  {entry.fingerprint[:12]} {entry.rule} {entry.status}: {entry.topic}"
                  + (f" ({values})" if values else ""), file=sys.stderr)


def _read_baseline(path: str) -> Baseline:
    from .baseline import Baseline, BaselineError

    try:
        with open(path, encoding="utf-8-sig") as handle:
            text = handle.read()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such baseline file (write it with 'factlint baseline')") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the baseline: {exc}") from None
    try:
        return Baseline.loads(text)
    except BaselineError as exc:
        raise UsageError(f"{path}: {exc}") from None


def _cmd_baseline(args: argparse.Namespace) -> int:
    from .baseline import Baseline
    from .config import DEFAULT_BASELINE

    config = _load_config(args)
    run = _run(args, config, list(args.paths) or list(config.paths))
    baseline = Baseline.of(f for f in run.result.findings if config.fail_on.fails(f))
    target = args.output or config.baseline or DEFAULT_BASELINE
    try:
        _write(baseline.dumps(), None if target == "-" else target)
    except OSError as exc:
        raise UsageError(f"{target}: cannot write: {exc.strerror or exc}") from None
    if target != "-":
        count = len(baseline.entries)
        _warn(f"wrote {count} finding{'s' if count != 1 else ''} to {target}")
    return EXIT_ERROR if run.input_errors else EXIT_OK


def _cmd_config(args: argparse.Namespace) -> int:
    import json

    from rules import RuleSelectionError

    from .config import ConfigError, effective, to_toml, validate_rules

    config = _load_config(args)
    try:
        validate_rules(config)
        data = effective(config)
    except (ConfigError, RuleSelectionError) as exc:
        raise UsageError(str(exc)) from None
    if args.format == "json":
        _write(json.dumps({"source": config.source, **data}, ensure_ascii=False, indent=2) + "\n", None)
    else:
        source = config.source or "no configuration file; defaults"
        _write(f"# factlint {__version__} effective configuration ({source})\n" + to_toml(data), None)
    return EXIT_OK


def _cmd_rules(args: argparse.Namespace) -> int:
    from rich.table import Table

    from reports.terminal import make_console
    from rules import all_rules

    if args.format == "markdown":
        from reports.rules_doc import rules_markdown

        sys.stdout.write(rules_markdown(all_rules()))
        return EXIT_OK
    table = Table(box=None, header_style="bold")
    for column in ("code", "name", "severity", "groups", "summary"):
        table.add_column(column)
    for rule in all_rules():
        table.add_row(rule.code, rule.name, rule.severity.value, ", ".join(rule.groups), rule.summary)
    make_console().print(table)
    return EXIT_OK


def _cmd_explain(args: argparse.Namespace) -> int:
    from rules import all_rules

    wanted = args.rule.strip()
    for rule in all_rules():
        if wanted.upper() == rule.code or wanted.lower() == rule.name:
            from reports.rules_doc import write_explanation

            isatty = getattr(sys.stdout, "isatty", None)
            write_explanation(rule, sys.stdout, terminal=bool(isatty and isatty()) and "NO_COLOR" not in os.environ)
            return EXIT_OK
    print(f"factlint: error: no rule {wanted!r} (see 'factlint rules')", file=sys.stderr)
    return EXIT_ERROR


def _cmd_extract(args: argparse.Namespace) -> int:
    """The claims of every article, read as ``check`` reads them: the configured paths, include
    and exclude patterns, size limit and aliases, the claim cache and ``--jobs``."""
    from .engine import CheckSettings, apply_aliases, extract_articles
    from .extractors import ExtractOptions

    config = _load_config(args)
    paths = list(args.paths) or list(config.paths)
    _require_paths(paths, config)
    options = ExtractOptions(max_claims=config.max_claims_per_article)
    if args.kind:
        options = ExtractOptions(kinds=tuple(args.kind), max_claims=config.max_claims_per_article)
    with _open_cache(args, paths) as cache:
        corpus = _load_corpus(paths, config, cache)
        _require_articles_found(corpus, paths, config)
        settings = CheckSettings(extract=options, jobs=args.jobs)
        extraction = extract_articles(corpus, settings, cache=cache)
    _retain(corpus, extraction)
    for diag in extraction.diagnostics:
        _warn(str(diag))
    claims = apply_aliases(extraction.claims, config.aliases) if config.aliases else extraction.claims
    by_article: dict[str, list[Claim]] = {a.id: [] for a in corpus.articles}
    for claim in claims:
        by_article[claim.article].append(claim)
    fmt = args.format or "rich"
    if fmt == "json":
        from reports.extract_json import write_extract_json

        _write_with(lambda write: write_extract_json(corpus, by_article, write), args.output)
    else:
        from reports.extract_rich import render_extract_rich

        render_extract_rich(corpus, by_article, output=args.output, color=args.color)
    failed = any(d.level == "error" for d in extraction.diagnostics)
    return EXIT_ERROR if failed else EXIT_OK


def _write(text: str, output: str | None) -> None:
    _write_with(lambda write: write(text), output)


def _write_with(emit: Callable[[Writer], object], output: str | None) -> None:
    """Write what ``emit`` writes (through the function it is given) to ``output`` (UTF-8,
    ``\\n`` line ends) or to stdout."""
    if output:
        with open(output, "w", encoding="utf-8", newline="\n") as handle:
            emit(handle.write)
    else:
        emit(sys.stdout.write)
        sys.stdout.flush()


_RETAINED: list[object] | None = None
"""Set by :func:`entry`: what a command built, kept to the end of the process (see :func:`entry`)."""


def _retain(*built: object) -> None:
    if _RETAINED is not None:
        _RETAINED.extend(built)


def entry() -> NoReturn:
    """The ``factlint`` command (and ``python -m checker``): :func:`main`, then the end of the
    process without freeing what the command built. A check holds millions of small objects;
    freeing them one by one at the end of the command, then tearing the interpreter down, is
    work nobody waits for (0.25 s of a warm 10,000-article check, seconds at 100,000). Before
    the end the output streams are flushed; nothing else is pending by then: the process pool,
    the claim cache and any output file were closed by the command itself.

    The cyclic collector stays off for the whole process, not only while the command builds
    its data (:func:`checker.gcpause.gc_paused`): switched back on at the end, its first pass
    would walk every object the run made (all still young to it, about 0.25 s of a warm
    10,000-article check) just before the process ends without freeing them anyway."""
    global _RETAINED
    _RETAINED = []
    gc.disable()
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:
            pass  # the reader went away (`factlint check | head`), as main() treats it
        except (OSError, ValueError):
            code = EXIT_ERROR  # output that could not be written is a failed run
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
    except _ArgumentError as exc:
        print(_argument_error_line(exc, parser, sys.argv[1:] if argv is None else argv), file=sys.stderr)
        return EXIT_ERROR
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else EXIT_ERROR
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    try:
        handler = {"extract": _cmd_extract, "check": _cmd_check, "baseline": _cmd_baseline,
                   "config": _cmd_config, "rules": _cmd_rules, "explain": _cmd_explain}[args.command]
        from .gcpause import gc_paused

        with gc_paused():  # a short-lived process building millions of objects: see checker.gcpause
            return handler(args)
    except UsageError as exc:
        print(f"factlint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except _Reported:
        return EXIT_ERROR
    except BrokenPipeError:
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    parser.error(f"unknown command {args.command}")
    return EXIT_ERROR
