"""Hostile input: write corpora of broken and oversized articles and time `factlint check` on each.

Usage::

    python tests/benchmarks/hostile.py [--work DIR] [--only NAME[,NAME...]] [--timeout 600] [--json OUT]

Every case is a directory written into ``--work`` (default ``/tmp/factlint-hostile``), checked
by ``python -m checker check DIR --format json --no-cache`` in a fresh process; the script
prints the wall-clock time, the exit code and the number of findings of each, then the same
figures as JSON. The cases (the sizes are those of the issue that asked for bounded time):

- ``figures-10mb``: one article of one 9.8 MB line holding 400,000 figures of a few kinds;
- ``containers-20k``: one 822 KB article listing 20,000 container counts ("0 containers on
  day 1 of March 2020, 1 containers on day 2 ...") beside ten two-line articles that also
  count containers ("Article 0: 0 containers and a 1-day visit on Wednesday.");
- ``small-containers``: the ten two-line articles alone (the baseline of the case above);
- ``broken``: the seeds beside the 10 MB article and 22 other broken files (binary, bad
  encodings, markup, control characters, overlong numbers and words, repeated qualifiers).

The generator functions are also what the tests use (``tests/test_robustness.py``), so the
test budget and the figures printed here are measured on the same text.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_WORK = Path(tempfile.gettempdir()) / "factlint-hostile"
BUDGET_10MB_S = 60.0
"""Seconds the whole ``factlint check`` of the ``figures-10mb`` case may take: the budget of the
test in ``tests/test_robustness.py`` (several times what this script measures on a 2-core
machine, so that a loaded CI runner passes and a regression to superlinear time does not)."""

_THINGS = ("containers", "ships", "people", "tanks", "shells", "trucks", "votes", "shares")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def one_line_figures(count: int = 400_000) -> str:
    """One line of ``count`` figures of a few kinds, no full stop: a market or election
    roundup pasted without line breaks (about 24.5 bytes a figure: 9.8 MB for 400,000)."""
    parts = []
    for i in range(count):
        thing = _THINGS[i % len(_THINGS)]
        if i % 5 == 4:
            parts.append(f"up {i % 97}.{i % 10} percent today")
        else:
            parts.append(f"{(i * 7919) % 10_000_000:,} {thing} listed")
    return ", ".join(parts) + "\n"


def container_days(count: int = 20_000) -> str:
    """``count`` container counts dated day by day, on one line: "0 containers on day 1 of
    March 2020, 1 containers on day 2 of March 2020, ..." (822 KB for 20,000)."""
    parts = [f"{i} containers on day {i % 28 + 1} of {_MONTHS[(i // 28) % 12]} {2020 + i // 336}"
             for i in range(count)]
    return ", ".join(parts) + ".\n"


def small_container_articles(count: int = 10) -> dict[str, str]:
    """Two-line articles that also count containers."""
    return {f"small{i:02d}.txt": f"Article {i}: {i} containers and a {i + 1}-day visit on Wednesday.\n"
                                 f"Officials said {i * 10} containers arrived in Rason.\n"
            for i in range(count)}


def broken_files() -> dict[str, bytes]:
    """22 broken or hostile files (the 10 MB article is added beside them by :func:`write_case`)."""
    text: dict[str, str] = {
        "markup.txt": "[bold red]Alert[/] [link=https://evil.example]click[/link] 300 containers [/]\n",
        "ansi.txt": "\x1b[31mred\x1b[0m \x1b]8;;https://evil.example\x07link\x1b]8;;\x07 two-day visit \x07\x08\n",
        "html-like.txt": "<script>alert('x')</script> <b>more than 1,000</b> containers &amp; ]]> \"q\"\n",
        "bidi.txt": "\u202eevil\u202c \u200b\u200c\u200d\ufeff two\u200b-day visit \u2066isolate\u2069\n",
        "numbers.txt": "1,0,0,0 containers and " + "9" * 5000 + " ships and 1" + ",000" * 2000 + " shells\n",
        "bad-dates.txt": "On February 30, 2023 and in the year 99999 and on 31/02/2023 they met.\n" * 200,
        "about.txt": "about " * 50_000 + "300 containers.\n",
        "more-than.txt": "more than " * 30_000 + "1,000 containers.\n",
        "weekdays.txt": "Monday Tuesday Wednesday " * 20_000 + "\n",
        "last-week.txt": "last week " * 30_000 + "\n",
        "dashes.txt": "1-2-3-4-5-6-7-8-9-" * 30_000 + "\n",
        "long-word.txt": "A" * 500_000 + " " + "Mr. " * 20_000 + "Lavrov\n",
        "capitals.txt": " ".join(f"Name{i} Surname{i}" for i in range(30_000)) + "\n",
        "names.txt": ". ".join(f"Sergei Lavrov{i % 50} met Kim Jong{i % 40} in Pyongyang{i % 30}"
                              for i in range(20_000)) + ".\n",
        "many-lines.txt": "".join(f"{i} containers\n" for i in range(50_000)),
        "durations.txt": ", ".join(f"a {i % 30 + 1}-day visit" for i in range(40_000)) + "\n",
        "dates.txt": ", ".join(f"on {i % 28 + 1} {_MONTHS[i % 12]} {1990 + i % 40}" for i in range(40_000)) + "\n",
        "empty.txt": "",
        "front-matter.md": "---\npublished: [unclosed\n---\n" + "a two-day visit. " * 1000,
    }
    out = {name: body.encode("utf-8") for name, body in text.items()}
    out["binary.txt"] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 100
    out["latin1.txt"] = "Caf\xe9 d\xe9j\xe0 vu: two-day visit, 300 containers.\n".encode("latin-1") * 1000
    out["surrogates.txt"] = b"two-day \xed\xa0\x80 visit \xff\xfe 300 containers\n" * 1000
    return out


def write_case(name: str, dest: Path) -> Path:
    """Write the corpus of the case ``name`` into ``dest`` (emptied first); returns ``dest``."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    if name == "figures-10mb":
        (dest / "figures.txt").write_text(one_line_figures(), "utf-8")
    elif name == "containers-20k":
        (dest / "days.txt").write_text(container_days(), "utf-8")
        for file, body in small_container_articles().items():
            (dest / file).write_text(body, "utf-8")
    elif name == "small-containers":
        for file, body in small_container_articles().items():
            (dest / file).write_text(body, "utf-8")
    elif name == "broken":
        for seed in sorted((ROOT / "seeds").iterdir()):
            shutil.copy(seed, dest / seed.name)
        (dest / "figures.txt").write_text(one_line_figures(), "utf-8")
        for file, data in broken_files().items():
            (dest / file).write_bytes(data)
    else:
        raise ValueError(f"unknown case {name!r}")
    return dest


CASES: dict[str, Callable[[Path], Path]] = {
    name: (lambda dest, name=name: write_case(name, dest))
    for name in ("small-containers", "containers-20k", "figures-10mb", "broken")
}


def time_check(corpus: Path, timeout: float) -> dict[str, Any]:
    """Wall-clock time of ``factlint check CORPUS --format json --no-cache`` in a fresh process."""
    cmd = [sys.executable, "-m", "checker", "check", str(corpus), "--format", "json", "--no-cache"]
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"seconds": None, "timed_out_after_s": timeout}
    seconds = time.perf_counter() - start
    out: dict[str, Any] = {"seconds": round(seconds, 2), "exit_code": proc.returncode,
                           "stderr_lines": len(proc.stderr.splitlines())}
    try:
        doc = json.loads(proc.stdout)
    except ValueError:
        out["stderr_tail"] = proc.stderr[-500:]
        return out
    out.update(articles=doc["summary"]["articles"], claims=doc["summary"]["claims"],
               findings=doc["summary"]["findings"])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help=f"where the corpora go (default {DEFAULT_WORK})")
    parser.add_argument("--only", default="", help="comma-separated case names (default: all)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a case counts as not finished")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    names = [n for n in args.only.split(",") if n] or list(CASES)
    report: dict[str, Any] = {}
    for name in names:
        corpus = CASES[name](args.work / name)
        size = sum(p.stat().st_size for p in corpus.iterdir())
        result = time_check(corpus, args.timeout)
        result["bytes"] = size
        report[name] = result
        shown = "did not finish" if result["seconds"] is None else f"{result['seconds']:.2f} s"
        budget = f"; the test's budget is {BUDGET_10MB_S:.0f} s" if name == "figures-10mb" else ""
        print(f"{name:>17}: {shown:>14}  ({size / 1e6:.1f} MB, exit {result.get('exit_code')}, "
              f"{result.get('claims')} claims, {result.get('findings')} findings{budget})", flush=True)
    text = json.dumps(report, indent=1, sort_keys=True)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
