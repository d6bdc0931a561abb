"""Fuzz targets for the extractor and the corpus loader, run by CI for a bounded time.

Usage::

    python tests/fuzz/fuzz_targets.py [extract|corpus|warm] [--seconds N] [--seed S]

With atheris installed (``pip install atheris``), the target runs under atheris's
coverage-guided fuzzer (libFuzzer) for ``--seconds``, seeded with ``--seed`` so that a run in
CI can be repeated (pass another seed, and more seconds, to explore further); without it, a seeded mutation fuzzer
(seed articles cut, spliced and sprinkled with hostile fragments, plus random Unicode and
bytes) runs for the same time. Either way a failing input is written to
``fuzz-failure-<target>.bin`` in the working directory and the script exits 1.

The invariants checked for every input: no exception; every claim's offsets are inside the
text and ``text[start:end]`` is its quote; for the loader, every problem is a one-line
message and a check of what was loaded renders as JSON; for the warm path (``warm``), a run
served by the claim cache reports exactly what a run without it reports, twice, and again
after one article is edited.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

FRAGMENTS = [
    "more than 1,000", "about 300", "two-day visit", "three-day", "days-long", "on Wednesday", "last week",
    "next quarter", "October 18, 2023", "Feb. 30", "99999", "1,0,0,0", "between 5 and 10", "5-10", "40%",
    "Mr.", "U.S.", "[bold]", "[/]", "\x1b[31m", "<script>", "\u202e", "\u200b", "\ufeff", "\r\n", "\r",
    "---\npublished: 2023-02-30\n---\n", "—", "’", "\x00", "9" * 60, "Korea's North", "DPRK", "tens of thousands",
]


def check_extract(data: bytes) -> None:
    from checker import extract_text

    text = data.decode("utf-8", errors="replace")
    for claim in extract_text(text):
        assert 0 <= claim.start <= claim.end <= len(text), claim
        assert text[claim.start:claim.end] == claim.text, claim


def check_corpus(data: bytes) -> None:
    from checker.corpus import load_corpus
    from checker.engine import run_check
    from reports import ReportOptions, render

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        cut = len(data) // 3
        (root / "a.txt").write_bytes(data[cut:])
        (root / "b.md").write_bytes(data[:cut] + data[cut:][:200])
        if data[:1] == b"[":
            (root / "corpus.toml").write_bytes(data[: cut or 1])
        corpus = load_corpus([root])
        for diag in corpus.diagnostics:
            assert "\n" not in str(diag), diag
        for article in corpus.articles:
            assert article.text is not None
        result = run_check(corpus)
        json.loads(render("json", result, ReportOptions()))


def check_warm(data: bytes) -> None:
    """A run served by the claim cache (its claims and what rules kept per story and article)
    reports exactly what a run without it reports, before and after an edit of one article."""
    from checker.corpus import load_corpus
    from checker.engine import CheckSettings, run_check
    from reports import ReportOptions, render

    def report(root: Path, cache: Path | None) -> str:
        settings = CheckSettings(use_cache=cache is not None, cache_dir=str(cache) if cache else None)
        return render("json", run_check(load_corpus([root]), settings=settings), ReportOptions())

    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        root, cache = Path(tmp) / "corpus", Path(tmp) / "cache"
        root.mkdir()
        cut = len(data) // 3
        (root / "a.txt").write_bytes(data[cut:])
        (root / "b.txt").write_bytes(data[:cut] + data[cut:][:200])
        if seeds:  # an article of the seeds beside them: stories of several articles, with figures
            seed = seeds[len(data) % len(seeds)].read_bytes()
            (root / "c.txt").write_bytes(seed[:len(seed) // 2] + data[:300] + seed[len(seed) // 2:])
        full = report(root, None)
        for _ in range(2):
            assert report(root, cache) == full
        (root / "a.txt").write_bytes(data[cut:] + data[:80])
        assert report(root, cache) == report(root, None)


TARGETS: dict[str, Callable[[bytes], None]] = {"extract": check_extract, "corpus": check_corpus,
                                               "warm": check_warm}


def _mutations(rng: random.Random) -> bytes:
    seeds = [p.read_text("utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    text = rng.choice(seeds)
    choice = rng.random()
    if choice < 0.15:
        return bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 2000)))
    if choice < 0.3:
        return "".join(chr(rng.choice([rng.randint(0, 0x7F), rng.randint(0x80, 0x2FFF), rng.randint(0xE000, 0x10FFFF)]))
                       for _ in range(rng.randint(0, 1500))).encode("utf-8", errors="replace")
    for _ in range(rng.randint(1, 12)):
        pos = rng.randint(0, len(text))
        op = rng.random()
        if op < 0.4:
            text = text[:pos] + rng.choice(FRAGMENTS) + text[pos:]
        elif op < 0.6:
            text = text[:pos] + text[pos + rng.randint(0, 200):]
        elif op < 0.8:
            other = rng.choice(seeds)
            start = rng.randint(0, len(other))
            text = text[:pos] + other[start:start + rng.randint(0, 300)] + text[pos:]
        else:
            text = text[:pos] + rng.choice(FRAGMENTS) * rng.randint(1, 200) + text[pos:]
    encoding = rng.choice(["utf-8", "utf-8", "utf-16", "latin-1", "cp1252"])
    return text.encode(encoding, errors="replace")


def _report(target: str, data: bytes, exc: BaseException) -> int:
    path = Path(f"fuzz-failure-{target}.bin")
    path.write_bytes(data)
    print(f"FAIL {target}: {type(exc).__name__}: {exc}; input written to {path}", file=sys.stderr)
    return 1


def run_random(target: str, seconds: float, seed: int) -> int:
    rng = random.Random(seed)
    check = TARGETS[target]
    deadline = time.monotonic() + seconds
    runs = 0
    while time.monotonic() < deadline:
        data = _mutations(rng)
        try:
            check(data)
        except Exception as exc:
            return _report(target, data, exc)
        runs += 1
    print(f"{target}: {runs} inputs in {seconds:.0f}s (mutation fuzzer, seed {seed}), no failure")
    return 0


def run_atheris(target: str, seconds: float, seed: int) -> int:
    import atheris

    with atheris.instrument_imports():
        import checker.corpus
        import checker.extractors  # noqa: F401
    check = TARGETS[target]
    seeds_dir = Path(tempfile.mkdtemp(prefix="fuzz-corpus-"))
    for i, path in enumerate(sorted((ROOT / "seeds").glob("*.txt"))):
        (seeds_dir / f"seed{i}").write_bytes(path.read_bytes())
    atheris.Setup([sys.argv[0], f"-max_total_time={int(seconds)}", f"-seed={seed}", "-rss_limit_mb=2048", "-max_len=8192",
                   str(seeds_dir)], check)
    atheris.Fuzz()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", nargs="?", choices=sorted(TARGETS), default="extract")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--no-atheris", action="store_true", help="use the mutation fuzzer even if atheris is there")
    args = parser.parse_args()
    if not args.no_atheris:
        try:
            import atheris  # noqa: F401
        except ImportError:
            print("atheris is not installed: using the mutation fuzzer", file=sys.stderr)
        else:
            return run_atheris(args.target, args.seconds, args.seed)
    return run_random(args.target, args.seconds, args.seed)


if __name__ == "__main__":
    raise SystemExit(main())
