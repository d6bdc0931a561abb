"""What any warm run after one edit must still pay, measured on a corpus: the floors under the
incremental target of issue 17.

An exact incremental run (the same report as a full run) cannot skip these, whatever its
design, as long as it is a fresh CPython process that extracts the edited article with
factlint's extractors and builds stories from corpus-wide TF-IDF vectors:

- starting the interpreter and importing what a check imports;
- extracting one article in a fresh process: the extractors' lazy imports and the
  compilation of their patterns are paid by the first article of every process;
- finding which files changed: a stat of every file (reading every file is shown too);
- the story reach of an edit: a word that an edit adds to (or removes from) an article
  changes that word's document frequency, hence its weight in the vector of every article
  that holds it, hence their cosines: those articles' story similarities must be computed
  again. The script applies sampled edits (a sentence of another article put into the lead
  of an article, where story words are read) and counts the articles whose vector changes.

CPU seconds (user + system) of the best of ``--repeat`` runs; nothing here is a test::

    python tests/benchmarks/floors.py /tmp/factlint-bench/n10000 [--edits 200] [--repeat 3] [--seed 1]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
"""The children's environment: they may write their bytecode, as an installed factlint does,
so that the best run does not count compiling the sources."""


def child_cpu(argv: Sequence[str], repeat: int) -> float:
    """The least CPU (user + system) of ``repeat`` runs of ``argv`` as a child process (the
    first may compile and write the sources' bytecode)."""
    best = float("inf")
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(argv, cwd=ROOT, env=_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        best = min(best, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return best


def files_of(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix in {".txt", ".md", ".html", ".htm"})


def in_process_cpu(repeat: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


_SENTENCE = re.compile(r"[^.!?\n]{30,200}[.!?]")


def story_reach(corpus_dir: Path, edits: int, seed: int) -> tuple[int, list[int], list[int]]:
    """Articles of the corpus, and for each sampled edit the number of words whose document
    frequency it changes and the number of articles whose story vector it changes."""
    sys.path.insert(0, str(ROOT))
    from checker.corpus import load_corpus
    from checker.storyfeatures import LEAD_CHARS, article_words

    articles = load_corpus([str(corpus_dir)]).articles
    words = [set(lead) | set(rest) for lead, rest in map(article_words, articles)]
    holders: dict[str, list[int]] = {}
    for k, found in enumerate(words):
        for word in found:
            holders.setdefault(word, []).append(k)
    rng = random.Random(seed)
    changed_words: list[int] = []
    reach: list[int] = []
    for _ in range(edits):
        i, j = rng.randrange(len(articles)), rng.randrange(len(articles))
        donor = articles[j].text[articles[j].body_offset:]
        sentences = _SENTENCE.findall(donor)
        if not sentences:
            continue
        article = articles[i]
        body = article.text[article.body_offset:]
        cut = body.find(". ", 0, LEAD_CHARS // 2)
        cut = cut + 2 if cut >= 0 else 0
        edited = replace(article, text=article.text[:article.body_offset] + body[:cut]
                         + rng.choice(sentences).strip() + " " + body[cut:])
        lead, rest = article_words(edited)
        moved = (set(lead) | set(rest)) ^ words[i]
        changed_words.append(len(moved))
        touched = {k for word in moved for k in holders.get(word, ())}
        touched.add(i)
        reach.append(len(touched))
    return len(articles), changed_words, reach


def percentile(values: Sequence[int], share: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="a corpus directory (e.g. a generated n10000)")
    parser.add_argument("--edits", type=int, default=200, help="sampled edits for the story reach")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing; the least is shown")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    files = files_of(args.corpus)
    if not files:
        print(f"{args.corpus}: no article files", file=sys.stderr)
        return 2
    python = sys.executable
    one = str(files[len(files) // 2])
    rows = [
        ("interpreter (python -c pass)", child_cpu([python, "-c", "pass"], args.repeat)),
        ("factlint --version", child_cpu([python, "-m", "checker", "--version"], args.repeat)),
        ("imports of a check", child_cpu([python, "-c", "import checker.cli, checker.engine, rules, reports"],
                                         args.repeat)),
        ("extract one article, fresh process", child_cpu(
            [python, "-m", "checker", "extract", one, "--format", "json", "--no-cache"], args.repeat)),
        (f"stat {len(files)} files", in_process_cpu(args.repeat, lambda: [os.stat(p) for p in files])),
        (f"read {len(files)} files", in_process_cpu(args.repeat, lambda: [p.read_bytes() for p in files])),
    ]
    for label, seconds in rows:
        print(f"{label:<40} {seconds:7.3f} s CPU")
    floor = rows[3][1] + rows[4][1]
    print(f"{'floor: extract one + stat all':<40} {floor:7.3f} s CPU")
    n, moved, reach = story_reach(args.corpus, args.edits, args.seed)
    if reach:
        print(f"story reach of {len(reach)} sampled edits (a sentence of another article put into a lead), "
              f"{n} articles:")
        print(f"  words whose document frequency changes: median {statistics.median(moved):g}, "
              f"p10 {percentile(moved, 0.1)}, p90 {percentile(moved, 0.9)}")
        print(f"  articles whose story vector changes: median {statistics.median(reach):g} "
              f"({statistics.median(reach) / n:.1%}), p10 {percentile(reach, 0.1)}, p90 {percentile(reach, 0.9)}, "
              f"edits reaching over 10% of the corpus: {sum(r > n / 10 for r in reach)}/{len(reach)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
