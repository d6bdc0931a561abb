"""Where the memory of a check goes: what is alive at the end of each stage of a real
``factlint check`` run, by the line that allocated it, and per claim and per article.

Usage::

    python tests/benchmarks/memory.py DIR [DIR ...] [--slope] [--top 12] [--jobs 1] [--cache-dir C | --no-cache]

The command runs in this process under ``tracemalloc`` (about three times slower than a plain
run; measure a shard of a generated corpus, a thousand articles, not the whole of it). After
each stage (claims extracted or read from the cache and names grouped, alignment, events,
stories, rules, report) it prints the bytes alive and the allocation sites that hold the
most; with ``--slope``, it first runs on the first path alone and prints what the other paths
add, per claim and per article, and at which sites: the cost that grows with the corpus. The figures are what Python allocated, not the
process's resident size: the runner (``run.py``) measures that.

What it is for: the memory target of a large corpus (100,000 articles under 1 GB) is a
question of what each claim and each article keeps alive while the rules run; this script
says which objects those are.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import linecache
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import reports  # noqa: E402
from checker import align, cli, engine  # noqa: E402

STAGES = (
    (engine, "extract_articles", "claims (extracted or read) and names grouped"),
    (align.Alignment, "build", "alignment"),
    (engine, "build_events", "events"),
    (engine, "build_stories", "stories"),
    (engine, "_check_rules", "rules"),
    (reports, "write_report", "report"),
)
_IGNORED = (tracemalloc.Filter(False, "<frozen importlib._bootstrap>"),
            tracemalloc.Filter(False, "<frozen importlib._bootstrap_external>"),
            tracemalloc.Filter(False, tracemalloc.__file__))


def measured(argv: list[str]) -> tuple[list[tuple[str, tracemalloc.Snapshot]], int, int]:
    """Snapshots after each stage of ``factlint check ARGV`` (run here, output discarded, while
    ``tracemalloc`` traces), the number of claims and the number of articles checked."""
    snapshots: list[tuple[str, tracemalloc.Snapshot]] = []
    seen: dict[str, int] = {"claims": 0, "articles": 0}

    def wrap(owner: Any, name: str, label: str) -> Callable[[], None]:
        original = getattr(owner, name)

        @functools.wraps(original)
        def stage(*args: Any, **kwargs: Any) -> Any:
            result = original(*args, **kwargs)
            if label.startswith("claims"):
                seen["claims"] = len(result.claims)
            if label == "alignment":
                seen["articles"] = len(result.articles)
            snapshots.append((label, tracemalloc.take_snapshot().filter_traces(_IGNORED)))
            return result

        setattr(owner, name, stage)
        return lambda: setattr(owner, name, original)

    undo = [wrap(owner, name, label) for owner, name, label in STAGES]
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
            cli.main(["check", *argv, "--format", "json"])
    finally:
        for restore in undo:
            restore()
    return snapshots, seen["claims"], seen["articles"]


def main(args: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--top", type=int, default=12, help="allocation sites shown per stage")
    parser.add_argument("--jobs", default="1")
    parser.add_argument("--cache-dir")
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--slope", action="store_true",
                        help="also run on the first path alone and show what the other paths add, per article "
                             "and per claim (what a larger corpus costs, without the fixed cost of the tables "
                             "and patterns every run loads)")
    opts = parser.parse_args(args)
    flags = ["--jobs", opts.jobs]
    flags += ["--no-cache"] if opts.no_cache else (["--cache-dir", opts.cache_dir] if opts.cache_dir else [])
    base: list[tuple[str, tracemalloc.Snapshot]] = []
    base_claims = base_articles = 0
    tracemalloc.start(1)  # once: what the first run loads for good (tables, patterns) is in both
    if opts.slope and len(opts.paths) > 1:
        base, base_claims, base_articles = measured([opts.paths[0], *flags])
    snapshots, claims, articles = measured([*opts.paths, *flags])
    tracemalloc.stop()
    print(f"{articles} articles, {claims} claims" + (
        f" (the first path alone: {base_articles} articles, {base_claims} claims)" if base else ""))
    earlier = dict(base)
    for label, snapshot in snapshots:
        alive = sum(s.size for s in snapshot.statistics("filename"))
        print(f"\n== after {label}: {alive / 1e6:.1f} MB alive")
        if label in earlier:
            grown = alive - sum(s.size for s in earlier[label].statistics("filename"))
            print(f"   the other paths add {grown / 1e6:.1f} MB: "
                  f"{grown / max(claims - base_claims, 1):.0f} B per claim, "
                  f"{grown / max(articles - base_articles, 1) / 1e3:.1f} kB per article")
            rows = [(d.size_diff, d.count_diff, d.traceback[0]) for d in
                    snapshot.compare_to(earlier[label], "lineno")[:opts.top]]
        else:
            rows = [(d.size, d.count, d.traceback[0]) for d in snapshot.statistics("lineno")[:opts.top]]
        for size, count, frame in rows:
            where = f"{Path(frame.filename).name}:{frame.lineno}"
            code = linecache.getline(frame.filename, frame.lineno).strip()[:60]
            print(f"{size / 1e6:8.2f} MB {count:9d} objects  {where:28s} {code}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
