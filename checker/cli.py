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
    return parser


def _cmd_extract(args: argparse.Namespace) -> int:
    from .corpus import load_corpus
    from .extract import ExtractOptions, extract, group_entities

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
        if args.command == "extract":
            return _cmd_extract(args)
    except BrokenPipeError:
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    parser.error(f"unknown command {args.command}")
    return EXIT_ERROR
