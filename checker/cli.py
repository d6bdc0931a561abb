"""The ``factlint`` command line.

Exit codes: 0 nothing fails, 1 at least one failing finding, 2 usage, configuration or
input error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factlint",
        description="Cross-article fact-consistency checker for news corpora.",
        epilog="Exit codes: 0 nothing fails, 1 failing findings, 2 usage, configuration or input error.",
    )
    parser.add_argument("--version", action="version", version=f"factlint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    ext = sub.add_parser("extract", help="list every claim found in each article")
    ext.add_argument("paths", nargs="+", metavar="PATH", help="article files or directories")
    ext.add_argument("--format", choices=("rich", "json"), default=None,
                     help="output format (default: rich)")
    ext.add_argument("-o", "--output", metavar="FILE", help="write the output to FILE instead of stdout")
    ext.add_argument("--kind", action="append", choices=("quantity", "duration", "date", "entity"),
                     help="only claims of this kind (repeatable)")
    ext.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    chk = sub.add_parser("check", help="align claims across articles and report agreements and conflicts")
    chk.add_argument("paths", nargs="+", metavar="PATH", help="article files or directories")
    chk.add_argument("--format", choices=("rich", "json"), default="rich", help="output format (default: rich)")
    chk.add_argument("-o", "--output", metavar="FILE", help="write the output to FILE instead of stdout")
    chk.add_argument("--select", action="append", default=[], metavar="RULE",
                     help="only these rules: code, code prefix, name or group (repeatable, comma-separated)")
    chk.add_argument("--ignore", action="append", default=[], metavar="RULE", help="leave these rules out")
    chk.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    chk.add_argument("--verbose", "-v", action="store_true", help="expand agreements and single-source findings")

    rls = sub.add_parser("rules", help="list the rules")
    rls.add_argument("--format", choices=("rich", "markdown"), default="rich",
                     help="markdown prints the full rule documentation (docs/rules.md)")
    exp = sub.add_parser("explain", help="print a rule's documentation")
    exp.add_argument("rule", metavar="CODE", help="rule code or name")
    return parser


def _split(values: Sequence[str]) -> list[str]:
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def _cmd_check(args: argparse.Namespace) -> int:
    from rules import RuleSelectionError, select_rules

    from .corpus import load_corpus
    from .engine import run_check

    try:
        rules = select_rules(_split(args.select), _split(args.ignore))
    except RuleSelectionError as exc:
        print(f"factlint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    corpus = load_corpus(args.paths)
    for diag in corpus.diagnostics:
        print(f"factlint: {diag}", file=sys.stderr)
    result = run_check(corpus, rules)
    if args.format == "json":
        from reports.json_report import render_json

        _write(render_json(result), args.output)
    else:
        from reports.rich_report import render_rich

        if args.output:
            with open(args.output, "w", encoding="utf-8") as handle:
                render_rich(result, handle, "never", args.verbose)
        else:
            render_rich(result, None, args.color, args.verbose)
    if corpus.errors and not corpus.articles:
        return EXIT_ERROR
    return EXIT_FINDINGS if any(f.status.value == "conflict" for f in result.findings) else EXIT_OK


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
            print(f"{rule.code} {rule.name} (default severity: {rule.severity.value})\n")
            print(rule.doc())
            if rule.options:
                print("\nOptions:")
                for option in rule.options:
                    print(f"  {option.name} ({option.type.__name__}, default {option.default!r}): {option.description}")
            return EXIT_OK
    print(f"factlint: error: no rule {wanted!r} (see 'factlint rules')", file=sys.stderr)
    return EXIT_ERROR


def _cmd_extract(args: argparse.Namespace) -> int:
    from .corpus import load_corpus
    from .extractors import ExtractOptions, extract, group_entities

    corpus = load_corpus(args.paths)
    for diag in corpus.diagnostics:
        print(f"factlint: {diag}", file=sys.stderr)
    options = ExtractOptions(kinds=tuple(args.kind)) if args.kind else ExtractOptions()
    per_article = [extract(article, options) for article in corpus.articles]
    flat = group_entities([c for claims in per_article for c in claims], options)
    by_article: dict[str, list] = {a.id: [] for a in corpus.articles}  # type: ignore[type-arg]
    for claim in flat:
        by_article[claim.article].append(claim)
    fmt = args.format or "rich"
    if fmt == "json":
        from reports.extract_json import render_extract_json

        text = render_extract_json(corpus, by_article)
        _write(text, args.output)
    else:
        from reports.extract_rich import render_extract_rich

        render_extract_rich(corpus, by_article, output=args.output, color=args.color)
    return EXIT_ERROR if corpus.errors and not corpus.articles else EXIT_OK


def _write(text: str, output: str | None) -> None:
    if output:
        with open(output, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def main(argv: Sequence[str] | None = None) -> int:
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else EXIT_ERROR
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    try:
        handler = {"extract": _cmd_extract, "check": _cmd_check, "rules": _cmd_rules,
                   "explain": _cmd_explain}[args.command]
        return handler(args)
    except BrokenPipeError:
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    parser.error(f"unknown command {args.command}")
    return EXIT_ERROR
