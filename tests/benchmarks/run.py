"""Benchmark factlint on generated corpora: speed, memory, scaling, cache, recall, and the
speed of what a user would otherwise script (quantulum3, dateparser's search_dates).

Usage::

    python tests/benchmarks/run.py [--sizes 1000,10000] [--with-100k] [--jobs N] [--repeat 3]
                                   [--work DIR] [--json OUT] [--compare-sample 100]
                                   [--cold-fills-cache] [--skip-extras]

Corpora are generated into ``--work`` (default ``/tmp/factlint-bench``) by ``generate.py`` when
missing and reused afterwards. Every measurement runs in a fresh subprocess, so that peak
memory (``ru_maxrss`` of the process and of its largest pool worker) belongs to that
measurement alone. Figures are medians over ``--repeat`` runs (one run at 100k). The runner
prints a table, then the same figures as JSON (also written to ``--json``).

What is measured, per corpus size:

- ``extract``: imports + load + extraction of every article (no cache), ``--jobs`` processes
  (the first stages of the cold check, timed separately);
- ``check``: load + extraction + alignment + events + rules + JSON report, no cache (cold);
- ``check warm``: the same with a warm claim cache;
- stage times of the cold check (load, extract, align+events+rules, report);
- time to first output: the first article extracted (engine progress callback);
- peak memory of the check;
- recall of the planted conflicts (``ground_truth.json``): a planted conflict is found when a
  conflict finding of its rule (or, for lengths and dates, any event rule) quotes the odd
  article and at least one other article of its cluster; a planted spelling is found when a
  NM01 variant finding quotes the odd article with the odd spelling (NM01 quotes only the
  first five articles of the most used spelling, so the cluster's others may not be quoted).

Once, on the 10,000-article corpus (or the largest below it): an incremental check after one
article changed, warm cache, the whole command in a fresh interpreter (``python -m checker
check DIR --format json --changed FILE`` when the CLI has ``--no-cache``/``--cache-dir``, and
the same without ``--changed``; otherwise the same steps through the engine API in a
``python -c`` subprocess, said so in the output); and the
start-up time of ``python -m checker --version`` and ``--help``.

The comparison runs factlint's extraction, quantulum3's ``parser.parse`` and dateparser's
``search.search_dates(text, languages=['en'])`` over the same ``--compare-sample`` articles in
one process each, and prints factlint's speed as a ratio to each. quantulum3 is optional: the
comparison says it was skipped when it is not installed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

DEFAULT_WORK = Path(tempfile.gettempdir()) / "factlint-bench"


# -- measurements, each run in a child process (`run.py --measure KIND ...`) -----------------

def _rss_mb() -> tuple[float, float]:
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return self_kb / 1024, child_kb / 1024


def measure(kind: str, corpus_dir: Path, jobs: int, cache_dir: str | None) -> dict[str, Any]:
    """One cold or warm run through the engine API, stage by stage, with Python's cyclic garbage
    collector paused for the whole run as ``factlint`` pauses it for the whole command
    (:mod:`checker.gcpause`), so that the stages cost what they cost in the CLI."""
    import gc

    try:
        from checker.gcpause import gc_paused
    except ImportError:  # an older checker: the collector stays on, as that CLI left it
        return _measure(kind, corpus_dir, jobs, cache_dir)
    gc.collect()
    with gc_paused():
        return _measure(kind, corpus_dir, jobs, cache_dir)


def _measure(kind: str, corpus_dir: Path, jobs: int, cache_dir: str | None) -> dict[str, Any]:
    t0 = time.perf_counter()
    from checker.cache import open_cache
    from checker.corpus import load_corpus
    from checker.engine import CheckSettings, extract_articles, run_check
    from reports.json_report import write_json

    t_import = time.perf_counter()
    # As the command opens it: once, for the load (manifest parses) and the extraction.
    cache = open_cache(cache_dir, [str(corpus_dir)]) if cache_dir is not None else None
    corpus = load_corpus([corpus_dir], memo=cache)
    t_load = time.perf_counter()
    first: list[float] = []

    def progress(n: int) -> None:
        if not first and n > 0:
            first.append(time.perf_counter())

    settings = CheckSettings(jobs=jobs, use_cache=cache_dir is not None, cache_dir=cache_dir)
    extraction = extract_articles(corpus, settings, progress, cache)
    if cache is not None:
        cache.close()
    t_extract = time.perf_counter()
    out: dict[str, Any] = {
        "articles": len(corpus.articles),
        "bytes": sum(len(a.text.encode("utf-8")) for a in corpus.articles),
        "claims": len(extraction.claims),
        "jobs": extraction.jobs,
        "import_s": t_import - t0,
        "load_s": t_load - t_import,
        "extract_s": t_extract - t_load,
        "first_article_s": (first[0] - t0) if first else None,
        "cache": None if extraction.cache is None else vars(extraction.cache),
        "diagnostics": [str(d) for d in extraction.diagnostics[:5]],
    }
    if kind == "check":
        result = run_check(corpus, settings=settings, extraction=extraction)
        t_check = time.perf_counter()
        with tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n") as handle:
            write_json(result, handle.write)  # as the command writes it: in pieces, never whole
            t_report = time.perf_counter()
            out["rss_mb"], out["worker_rss_mb"] = _rss_mb()  # before the report is read back
            handle.seek(0)
            text = handle.read()
        out.update(check_s=t_check - t_extract, report_s=t_report - t_check, total_s=t_report - t0,
                   findings=len(result.findings), report_bytes=len(text.encode("utf-8")),
                   conflicts=_conflicts(json.loads(text)))
    else:
        out["total_s"] = t_extract - t0
        out["rss_mb"], out["worker_rss_mb"] = _rss_mb()
    return out


def _conflicts(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Conflicts, and variant spellings (NM01 reports a name spelled two ways as a variant)."""
    return [{"rule": f["rule"], "status": f["status"], "articles": sorted({c["article"] for c in f["claims"]}),
             "shown": sorted({(c["article"], c["display"]) for c in f["claims"]}) if f["rule"] == "NM01" else []}
            for f in doc["findings"] if f["status"] == "conflict" or (f["status"] == "variant" and f["rule"] == "NM01")]


def compare(corpus_dir: Path, sample: int) -> dict[str, Any]:
    """factlint extraction vs quantulum3 and search_dates over the same articles, one process each."""
    from checker.corpus import load_corpus
    from checker.extractors import extract

    corpus = load_corpus([corpus_dir])
    step = max(1, len(corpus.articles) // sample)
    articles = list(corpus.articles[::step][:sample])
    texts = [a.text for a in articles]
    out: dict[str, Any] = {"articles": len(articles), "bytes": sum(len(t.encode()) for t in texts)}
    extract(articles[0])  # warm-up: lazy imports and dateparser's language data
    start = time.perf_counter()
    for a in articles:
        extract(a)
    out["factlint_s"] = time.perf_counter() - start

    import dateparser.search

    dateparser.search.search_dates("on 1 January 2020", languages=["en"])
    start = time.perf_counter()
    for t in texts:
        dateparser.search.search_dates(t, languages=["en"])
    out["search_dates_s"] = time.perf_counter() - start
    try:
        from quantulum3 import parser as qparser
    except ImportError as exc:
        out["quantulum3_s"] = None
        out["quantulum3_skipped"] = f"quantulum3 is not installed ({exc}); pip install quantulum3 to compare"
    else:
        qparser.parse("about 300 containers")
        start = time.perf_counter()
        for t in texts:
            qparser.parse(t)
        out["quantulum3_s"] = time.perf_counter() - start
    return out


def incremental_api(corpus_dir: Path, cache_dir: str, jobs: int) -> str:
    """The steps of `factlint check DIR --format json` with a cache, through the engine API."""
    return (
        "import sys\n"
        "from checker.cache import open_cache\n"
        "from checker.corpus import load_corpus\n"
        "from checker.engine import CheckSettings, run_check\n"
        "from reports.json_report import render_json\n"
        f"cache = open_cache({cache_dir!r}, [{str(corpus_dir)!r}])\n"
        f"corpus = load_corpus([{str(corpus_dir)!r}], memo=cache)\n"
        f"result = run_check(corpus, settings=CheckSettings(jobs={jobs}, use_cache=True, cache_dir={cache_dir!r}),"
        " cache=cache)\n"
        "cache.close()\n"
        "sys.stdout.write(render_json(result))\n"
    )


# -- the runner ---------------------------------------------------------------------------

def _child(args: list[str], timeout: float = 3600) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _timed_command(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """(seconds to the first byte of stdout, seconds in all, exit code) of a fresh process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
    assert proc.stdout is not None
    first = proc.stdout.read(1)
    t_first = time.perf_counter() - start
    proc.stdout.read()
    code = proc.wait()
    return (t_first if first else float("nan")), time.perf_counter() - start, code


def ensure_corpus(work: Path, n: int) -> Path:
    dest = work / f"n{n}"
    if (dest / "ground_truth.json").is_file():
        return dest
    if dest.exists():
        shutil.rmtree(dest)
    from tests.benchmarks.generate import Generator

    start = time.perf_counter()
    truth = Generator(n, dest, seed=1, cluster_share=0.4).run()
    print(f"  generated {n} articles ({truth.bytes / 1e6:.1f} MB, {len(truth.planted)} planted conflicts) "
          f"in {time.perf_counter() - start:.0f}s", file=sys.stderr)
    return dest


def recall(corpus_dir: Path, conflicts: list[dict[str, Any]]) -> dict[str, Any]:
    truth = json.loads((corpus_dir / "ground_truth.json").read_text("utf-8"))
    by_article: dict[str, list[dict[str, Any]]] = {}
    for c in conflicts:
        for a in c["articles"]:
            by_article.setdefault(a, []).append(c)
    event_rules = {"DU01", "DT01", "DT02"}
    found: dict[str, list[int]] = {}
    for p in truth["planted"]:
        odd, others = p["articles"][0], set(p["articles"][1:])
        rules = event_rules if p["rule"] in event_rules else {p["rule"]}
        if p["kind"] == "spelling":
            shown = (odd, p["values"][0])
            hit = any(c["rule"] == "NM01" and shown in map(tuple, c["shown"]) for c in by_article.get(odd, []))
        else:
            hit = any(c["rule"] in rules and others & set(c["articles"]) for c in by_article.get(odd, []))
        found.setdefault(p["kind"], [0, 0])
        found[p["kind"]][0] += int(hit)
        found[p["kind"]][1] += 1
    total_hit = sum(v[0] for v in found.values())
    total = sum(v[1] for v in found.values())
    return {"planted": total, "found": total_hit, "recall": total_hit / total if total else None,
            "by_kind": {k: {"found": v[0], "planted": v[1], "recall": v[0] / v[1]} for k, v in sorted(found.items())},
            "conflict_findings": sum(1 for c in conflicts if c["status"] == "conflict")}


def _median(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def cli_has_cache_flags() -> bool:
    proc = subprocess.run([sys.executable, "-m", "checker", "check", "--help"], capture_output=True, text=True,
                          cwd=ROOT)
    return "--no-cache" in proc.stdout and "--cache-dir" in proc.stdout and "--jobs" in proc.stdout


def run(args: argparse.Namespace) -> dict[str, Any]:
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.with_100k and 100000 not in sizes:
        sizes.append(100000)
    jobs = args.jobs
    report: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cores": os.cpu_count(), "jobs": jobs},
        "sizes": {},
    }
    for n in sizes:
        corpus_dir = ensure_corpus(work, n)
        repeat = 1 if n >= 100000 else args.repeat
        print(f"== {n} articles ({repeat} run(s))", file=sys.stderr)
        cache_dir = work / f"cache-{n}"
        shutil.rmtree(cache_dir, ignore_errors=True)
        cold_cache = ["--cache", str(cache_dir)] if args.cold_fills_cache else []
        check_runs = [_child(["--measure", "check", str(corpus_dir), "--jobs", str(jobs), *cold_cache])
                      for _ in range(repeat)]
        # The extract figure is the extraction part of the cold checks (import + load + extract):
        # the same work as `factlint extract`, without running it twice.
        extract_runs = [{"total_s": r["import_s"] + r["load_s"] + r["extract_s"]} for r in check_runs]
        fill = check_runs[-1] if args.cold_fills_cache else \
            _child(["--measure", "check", str(corpus_dir), "--jobs", str(jobs), "--cache", str(cache_dir)])
        warm_runs = [_child(["--measure", "check", str(corpus_dir), "--jobs", str(jobs), "--cache", str(cache_dir)])
                     for _ in range(repeat)]
        one = check_runs[0]
        mb = one["bytes"] / 1e6
        row = {
            "articles": one["articles"], "mb": mb, "claims": one["claims"], "jobs": one["jobs"],
            "extract_s": _median(extract_runs, "total_s"),
            "check_s": _median(check_runs, "total_s"),
            "check_warm_s": _median(warm_runs, "total_s"),
            "check_fill_cache_s": fill["total_s"],
            "stages_s": {k: _median(check_runs, k) for k in ("import_s", "load_s", "extract_s", "check_s", "report_s")},
            "warm_stages_s": {k: _median(warm_runs, k) for k in ("import_s", "load_s", "extract_s", "check_s",
                                                                  "report_s")},
            "first_article_s": _median(check_runs, "first_article_s"),
            "peak_rss_mb": max(r["rss_mb"] for r in check_runs),
            "peak_worker_rss_mb": max(r["worker_rss_mb"] for r in check_runs),
            "warm_peak_rss_mb": max(r["rss_mb"] for r in warm_runs),
            "warm_cache": warm_runs[0]["cache"],
            "runs": {"extract": [r["total_s"] for r in extract_runs], "check": [r["total_s"] for r in check_runs],
                     "check_warm": [r["total_s"] for r in warm_runs]},
            "recall": recall(corpus_dir, one["conflicts"]),
        }
        for key in ("extract", "check", "check_warm"):
            seconds = row[f"{key}_s"]
            row[f"{key}_articles_per_s"] = one["articles"] / seconds
            row[f"{key}_articles_per_s_per_core"] = one["articles"] / seconds / max(1, one["jobs"])
            row[f"{key}_mb_per_s"] = mb / seconds
        report["sizes"][str(n)] = row
    # Scaling: the cost of 100k (or the largest) relative to 10k.
    if "10000" in report["sizes"]:
        base = report["sizes"]["10000"]
        report["scaling_vs_10k"] = {k: {"check": v["check_s"] / base["check_s"],
                                        "check_warm": v["check_warm_s"] / base["check_warm_s"],
                                        "articles": v["articles"] / base["articles"]}
                                    for k, v in report["sizes"].items()}
    report["cold_runs_wrote_cache"] = bool(args.cold_fills_cache)
    if args.skip_extras:
        return report
    inc_n = 10000 if 10000 in sizes else max(sizes)
    report["incremental"] = incremental(work, inc_n, jobs)
    report["startup"] = startup()
    sample_dir = ensure_corpus(work, min(sizes))
    report["compare"] = _child(["--compare", str(sample_dir), "--sample", str(args.compare_sample)])
    c = report["compare"]
    c["factlint_articles_per_s"] = c["articles"] / c["factlint_s"]
    c["search_dates_articles_per_s"] = c["articles"] / c["search_dates_s"]
    c["ratio_vs_search_dates"] = c["search_dates_s"] / c["factlint_s"]
    if c.get("quantulum3_s"):
        c["quantulum3_articles_per_s"] = c["articles"] / c["quantulum3_s"]
        c["ratio_vs_quantulum3"] = c["quantulum3_s"] / c["factlint_s"]
    return report


def incremental(work: Path, n: int, jobs: int) -> dict[str, Any]:
    corpus_dir = work / f"n{n}"
    cache_dir = work / f"cache-{n}"  # warmed by the size measurements (entries are keyed by content)
    use_cli = cli_has_cache_flags()
    if use_cli:
        cmd = [sys.executable, "-m", "checker", "check", str(corpus_dir), "--format", "json", "--jobs", str(jobs),
               "--cache-dir", str(cache_dir)]
        how = "python -m checker check DIR --format json --jobs J --cache-dir C (whole command, fresh interpreter)"
    else:
        cmd = [sys.executable, "-c", incremental_api(corpus_dir, str(cache_dir), jobs)]
        how = ("engine API in a fresh `python -c` subprocess (the CLI has no --no-cache/--cache-dir/--jobs yet): "
               "interpreter start + imports + load + check with cache + JSON report to stdout")
    _, fill_s, _ = _timed_command(cmd)  # makes sure the cache is warm (fast when it already is)
    target = sorted((corpus_dir / "s0000").glob("*.txt"))[7]
    original = target.read_bytes()
    try:
        # Each run first edits the article anew, so that every run meets exactly one article
        # missing from the cache. The CI form first (`--changed FILE`: the whole corpus aligned,
        # the findings involving the file reported), then the whole report without --changed.
        changed = [*cmd, "--changed", str(target)] if use_cli else cmd

        def edited_run(run: int, command: list[str]) -> tuple[float, float, int]:
            line = f"\nOfficials said on Monday that {12 + run} more containers had arrived.\n"
            target.write_bytes(original + line.encode())
            return _timed_command(command)

        runs = [edited_run(i, changed) for i in range(3)]
        full = [edited_run(3 + i, cmd) for i in range(3)]
    finally:
        target.write_bytes(original)
    return {"articles": n, "how": how + (" --changed FILE" if use_cli else ""), "warm_up_s": fill_s,
            "changed": target.name, "first_output_s": statistics.median(r[0] for r in runs),
            "total_s": statistics.median(r[1] for r in runs), "runs_s": [r[1] for r in runs],
            "exit_codes": [r[2] for r in runs], "full_report_s": statistics.median(r[1] for r in full)}


def startup() -> dict[str, float]:
    out = {}
    for flag in ("--version", "--help"):
        runs = [_timed_command([sys.executable, "-m", "checker", flag])[1] for _ in range(5)]
        out[f"python -m checker {flag}"] = statistics.median(runs)
    exe = shutil.which("factlint")
    if exe:
        for flag in ("--version", "--help"):
            runs = [_timed_command([exe, flag])[1] for _ in range(5)]
            out[f"factlint {flag}"] = statistics.median(runs)
    return out


def print_table(report: dict[str, Any]) -> None:
    m = report["machine"]
    print(f"factlint benchmark: Python {m['python']}, {m['cores']} cores, --jobs {m['jobs']}")
    head = (f"{'articles':>9} {'MB':>6} {'claims':>8} | {'extract a/s':>11} {'MB/s':>5} | {'check s':>8} "
            f"{'a/s':>6} {'a/s/core':>8} {'MB/s':>5} | {'warm s':>7} {'a/s':>6} | {'1st art':>7} "
            f"{'peak MB':>7} {'worker':>6} | {'recall':>10}")
    print(head)
    print("-" * len(head))
    for row in report["sizes"].values():
        rc = row["recall"]
        print(f"{row['articles']:>9} {row['mb']:>6.1f} {row['claims']:>8} | {row['extract_articles_per_s']:>11.0f} "
              f"{row['extract_mb_per_s']:>5.2f} | {row['check_s']:>8.2f} {row['check_articles_per_s']:>6.0f} "
              f"{row['check_articles_per_s_per_core']:>8.0f} {row['check_mb_per_s']:>5.2f} | "
              f"{row['check_warm_s']:>7.2f} {row['check_warm_articles_per_s']:>6.0f} | "
              f"{row['first_article_s']:>7.2f} {row['peak_rss_mb']:>7.0f} {row['peak_worker_rss_mb']:>6.0f} | "
              f"{rc['found']:>4}/{rc['planted']:<4} {100 * (rc['recall'] or 0):.0f}%")
    print()
    for n, row in report["sizes"].items():
        st, ws = row["stages_s"], row["warm_stages_s"]
        print(f"{n:>7} cold stages: import {st['import_s']:.2f}s, load {st['load_s']:.2f}s, extract "
              f"{st['extract_s']:.2f}s, align+events+rules {st['check_s']:.2f}s, JSON report {st['report_s']:.2f}s")
        print(f"{n:>7} warm stages: import {ws['import_s']:.2f}s, load {ws['load_s']:.2f}s, cache read "
              f"{ws['extract_s']:.2f}s, align+events+rules {ws['check_s']:.2f}s, JSON report {ws['report_s']:.2f}s")
        wc = row["warm_cache"] or {}
        print(f"{n:>7} warm cache: {wc.get('hits', 0)} hits, {wc.get('misses', 0)} misses"
              + ("  (NOT WARM: the extractor code changed between runs?)" if wc.get("misses") else ""))
        print(f"{n:>7} recall by kind: " + ", ".join(
            f"{k} {v['found']}/{v['planted']}" for k, v in row["recall"]["by_kind"].items()))
    if "scaling_vs_10k" in report:
        print("scaling vs 10k (time ratio, cold / warm): " + ", ".join(
            f"{k}: {v['check']:.2f}x / {v['check_warm']:.2f}x for {v['articles']:g}x articles"
            for k, v in report["scaling_vs_10k"].items()))
    if "incremental" not in report:
        return
    inc = report["incremental"]
    print(f"incremental check, 1 changed article of {inc['articles']}, warm cache: {inc['total_s']:.2f}s "
          f"(first output {inc['first_output_s']:.2f}s; exit codes {inc['exit_codes']}) via {inc['how']}; "
          f"without --changed (the whole report) {inc['full_report_s']:.2f}s")
    print("start-up: " + ", ".join(f"{k} {v:.3f}s" for k, v in report["startup"].items()))
    c = report["compare"]
    print(f"comparison on {c['articles']} articles, one process each: factlint extract "
          f"{c['factlint_articles_per_s']:.0f} a/s; search_dates {c['search_dates_articles_per_s']:.1f} a/s "
          f"(factlint {c['ratio_vs_search_dates']:.1f}x)", end="")
    if c.get("quantulum3_s"):
        print(f"; quantulum3 {c['quantulum3_articles_per_s']:.1f} a/s (factlint {c['ratio_vs_quantulum3']:.1f}x)")
    else:
        print(f"; quantulum3 comparison skipped: {c.get('quantulum3_skipped')}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes (default 1000,10000)")
    parser.add_argument("--with-100k", action="store_true", help="add the 100,000-article corpus (slow)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="extraction processes (default: cores)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the median is reported")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help=f"corpora and caches (default {DEFAULT_WORK})")
    parser.add_argument("--json", type=Path, help="also write the JSON figures to this file")
    parser.add_argument("--compare-sample", type=int, default=100, help="articles in the comparison (default 100)")
    parser.add_argument("--cold-fills-cache", action="store_true",
                        help="the cold checks also write the cache (saves a second cold run on big corpora)")
    parser.add_argument("--skip-extras", action="store_true",
                        help="only the size rows: no incremental run, start-up times or comparison")
    parser.add_argument("--measure", nargs=2, metavar=("KIND", "DIR"), help=argparse.SUPPRESS)
    parser.add_argument("--cache", help=argparse.SUPPRESS)
    parser.add_argument("--compare", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--sample", type=int, default=100, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure[0], Path(args.measure[1]), args.jobs, args.cache)))
        return 0
    if args.compare:
        print(json.dumps(compare(args.compare, args.sample)))
        return 0
    report = run(args)
    print_table(report)
    text = json.dumps(report, indent=1, sort_keys=True)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
