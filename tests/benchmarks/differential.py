"""Differential check of the warm path: random edits to a generated corpus, and after each one
the report of a run served by the cache compared byte for byte with the report of a run
without it.

A warm run reuses what earlier runs kept (each article's claims, content sentences, event
sketches and story features, the name comparisons of unchanged name blocks, the parse of
unchanged manifests); whatever it reuses must give exactly the report that reading everything
again gives. The edits are those a corpus meets: a figure, a date, a weekday or a name changed,
a sentence added, an article added, copied into another shard or deleted, a publication date
or a title changed in a manifest.

    python tests/benchmarks/differential.py --edits 300 [--articles 60] [--seed 1] [--work DIR]

prints one line per mismatch and the figures (edits, mismatches, seconds per warm and full
run); ``tests/test_incremental.py`` runs a few dozen edits of the same kind.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import re
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from checker.cli import main as factlint  # noqa: E402

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NUMBER = re.compile(r"\b\d{1,5}\b")
_MONTH = re.compile(r"\b(?:" + "|".join(MONTHS) + r")\b")
_WEEKDAY = re.compile(r"\b(?:" + "|".join(WEEKDAYS) + r")\b")
_NAME = re.compile(r"(?<=[a-z,] )[A-Z][a-z]{3,}\b")
_PUBLISHED = re.compile(r"^published = (\d{4})-(\d\d)-(\d\d)$", re.M)
_TITLE = re.compile(r'^title = "(.*)"$', re.M)
TITLE_WORDS = ("Fire", "Quake", "Minister", "Visit", "Storm", "Trial", "Containers", "Harbour")
NOUNS = ("people", "containers", "soldiers", "homes", "passengers", "students")
VERBS = ("were killed", "arrived", "were injured", "were evacuated", "were counted")


def generate(dest: Path, articles: int, seed: int) -> None:
    """A generated corpus of about ``articles`` articles (story clusters included)."""
    from tests.benchmarks.generate import Generator

    Generator(articles, dest, seed=seed, cluster_share=0.6).run()


def _articles(corpus: Path) -> list[Path]:
    return sorted(corpus.rglob("*.txt"))


def _replace_one(rng: random.Random, text: str, pattern: re.Pattern[str],
                 make: Callable[[str], str]) -> str | None:
    found = list(pattern.finditer(text))
    if not found:
        return None
    m = rng.choice(found)
    return text[:m.start()] + make(m.group(0)) + text[m.end():]


@dataclass
class Editor:
    """Applies one random edit at a time to the corpus in ``root``; says what it did."""

    root: Path
    rng: random.Random
    added: int = 0
    names: list[str] = field(default_factory=list)

    def edit(self) -> str:
        kinds = [self.figure, self.date, self.weekday, self.name, self.sentence, self.add, self.copy,
                 self.delete, self.published, self.title]
        weights = [5, 3, 2, 4, 3, 2, 1, 1, 1, 1]
        for _ in range(20):
            done = self.rng.choices(kinds, weights)[0]()
            if done:
                return done
        return "nothing"

    def _pick(self) -> Path | None:
        files = _articles(self.root)
        return self.rng.choice(files) if files else None

    def _rewrite(self, pattern: re.Pattern[str], make: Callable[[str], str], what: str,
                 manifests: bool = False) -> str | None:
        """Replace one match of ``pattern`` in an article (or a manifest) picked at random."""
        found = sorted(self.root.rglob("corpus.toml")) if manifests else _articles(self.root)
        path = self.rng.choice(found) if found else None
        if path is None:
            return None
        text = path.read_text("utf-8")
        new = _replace_one(self.rng, text, pattern, make)
        if new is None or new == text:
            return None
        path.write_text(new, "utf-8")
        return f"{what} in {path.relative_to(self.root)}"

    def figure(self) -> str | None:
        return self._rewrite(_NUMBER, lambda old: str(self.rng.choice([int(old) + 1, int(old) * 3, 2, 1000])),
                             "a figure changed")

    def date(self) -> str | None:
        return self._rewrite(_MONTH, lambda old: self.rng.choice([m for m in MONTHS if m != old]), "a month changed")

    def weekday(self) -> str | None:
        return self._rewrite(_WEEKDAY, lambda old: self.rng.choice([d for d in WEEKDAYS if d != old]),
                             "a weekday changed")

    def name(self) -> str | None:
        if not self.names:
            self.names = sorted({m.group(0) for p in _articles(self.root) for m in _NAME.finditer(p.read_text("utf-8"))})
        if not self.names:
            return None
        return self._rewrite(_NAME, lambda old: self.rng.choice(self.names), "a name changed")

    def sentence(self) -> str | None:
        path = self._pick()
        if path is None:
            return None
        line = (f"\nOfficials said on {self.rng.choice(WEEKDAYS)} that {self.rng.randint(2, 900)} "
                f"{self.rng.choice(NOUNS)} {self.rng.choice(VERBS)} in {self.rng.choice(MONTHS)}.\n")
        with path.open("a", encoding="utf-8") as out:
            out.write(line)
        return f"a sentence added to {path.relative_to(self.root)}"

    def add(self) -> str | None:
        path = self._pick()
        if path is None:
            return None
        self.added += 1
        new = path.with_name(f"added{self.added:04d}.txt")
        text = path.read_text("utf-8")
        new.write_text(_replace_one(self.rng, text, _NUMBER, lambda old: str(int(old) + 7)) or text, "utf-8")
        return f"an article added: {new.relative_to(self.root)} (a rewrite of {path.name})"

    def copy(self) -> str | None:
        path = self._pick()
        shards = sorted(p for p in self.root.iterdir() if p.is_dir())
        if path is None or not shards:
            return None
        self.added += 1
        new = self.rng.choice(shards) / f"copy{self.added:04d}.txt"
        shutil.copyfile(path, new)
        return f"an article copied: {path.relative_to(self.root)} -> {new.relative_to(self.root)}"

    def delete(self) -> str | None:
        files = _articles(self.root)
        if len(files) < 10:
            return None
        path = self.rng.choice(files)
        path.unlink()
        return f"an article deleted: {path.relative_to(self.root)}"

    def published(self) -> str | None:
        def shift(old: str) -> str:
            year, month, day = _PUBLISHED.fullmatch(old).groups()  # type: ignore[union-attr]
            moved = max(1, min(28, int(day) + self.rng.choice([-9, -2, 1, 3, 40])))
            return f"published = {year}-{month}-{moved:02d}"

        return self._rewrite(_PUBLISHED, shift, "a publication date changed", manifests=True)

    def title(self) -> str | None:
        return self._rewrite(_TITLE, lambda _: f'title = "{self.rng.choice(TITLE_WORDS)} '
                                               f'{self.rng.choice(TITLE_WORDS).lower()} report"',
                             "a title changed", manifests=True)


def report(corpus: Path, out: Path, cache: Path | None) -> tuple[bytes, float]:
    """The JSON report of ``factlint check`` on ``corpus`` (with the cache in ``cache``, or
    none) and the seconds it took, the command run in this process."""
    args = ["check", str(corpus), "--format", "json", "--jobs", "1", "--no-baseline", "-o", str(out)]
    args += ["--cache-dir", str(cache)] if cache is not None else ["--no-cache"]
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = factlint(args)
    seconds = time.perf_counter() - start
    if code not in (0, 1):
        raise RuntimeError(f"factlint {' '.join(args)} exited {code}")
    return out.read_bytes(), seconds


@dataclass
class Outcome:
    edits: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)
    warm_seconds: list[float] = field(default_factory=list)
    full_seconds: list[float] = field(default_factory=list)


def run(work: Path, edits: int, articles: int, seed: int) -> Outcome:
    """Generate a corpus in ``work``, then ``edits`` times: edit it, run warm and full, compare."""
    corpus, cache, out = work / "corpus", work / "cache", work / "out"
    for path in (corpus, cache):
        if path.exists():
            shutil.rmtree(path)
    out.mkdir(parents=True, exist_ok=True)
    generate(corpus, articles, seed)
    editor = Editor(corpus, random.Random(seed))
    outcome = Outcome()
    report(corpus, out / "warm.json", cache)  # fills the cache
    for number in range(edits):
        what = editor.edit()
        warm, warm_s = report(corpus, out / "warm.json", cache)
        full, full_s = report(corpus, out / "full.json", None)
        outcome.edits.append(what)
        outcome.warm_seconds.append(warm_s)
        outcome.full_seconds.append(full_s)
        if warm != full:
            outcome.mismatches.append(f"edit {number + 1} ({what}): the warm report differs from the full one")
    return outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=300)
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/factlint-differential"))
    args = parser.parse_args(argv)
    start = time.perf_counter()
    outcome = run(args.work, args.edits, args.articles, args.seed)
    for line in outcome.mismatches:
        print(line)
    kinds: dict[str, int] = {}
    for what in outcome.edits:
        kind = re.split(r" (?:in|to) |:", what)[0]
        kinds[kind] = kinds.get(kind, 0) + 1
    n = len(outcome.edits)
    print(f"edits: {n} ({', '.join(f'{k}: {v}' for k, v in sorted(kinds.items()))})")
    print(f"mismatches: {len(outcome.mismatches)}")
    if n:
        print(f"warm run: {sum(outcome.warm_seconds) / n:.3f} s on average; full run (no cache): "
              f"{sum(outcome.full_seconds) / n:.3f} s; {time.perf_counter() - start:.0f} s in all")
    return 1 if outcome.mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
