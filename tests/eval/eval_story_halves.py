"""Do factlint's stories keep apart the two happenings of each ECB+ topic?

How to run::

    python tests/eval/eval_story_halves.py [dl] [--show]

ECB+ (``../shared/external/ecbplus/ECB+``) has 43 topics, each pairing two similar but
different happenings: the ``*ecb`` articles of a topic report one, the ``*ecbplus`` articles
another (two earthquakes on one island years apart, two shootings in one city). Articles of the
two halves must never share a story: the fact rules would compare figures of two happenings.
Each topic is checked as its own corpus; the script prints the topics where a story mixes the
halves, the number of cross-half pairs of articles put together (should be 0) and of same-half
pairs put together (must not fall much: splitting one happening loses comparisons).

``dl`` gives the articles the publication date their datelines state (as a newsroom corpus
would have them); without it every article is undated. ``--show`` lists the mixed stories.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from checker.corpus import load_corpus
from checker.engine import run_check
from tests.corpora import ECBPLUS, ecbplus_topic_articles


def _half(article: str) -> str:
    return "plus" if article.endswith("plus") else "ecb"


def main(argv: list[str]) -> int:
    use_datelines = "dl" in argv
    show = "--show" in argv
    topics = sorted((p.name for p in ECBPLUS.iterdir() if p.is_dir()), key=int)
    cross_pairs = same_pairs = 0
    mixed_topics: list[tuple[str, int, list[int]]] = []
    details: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for topic in topics:
            folder = Path(tmp) / topic
            folder.mkdir()
            ecbplus_topic_articles(topic, folder, use_datelines=use_datelines)
            stories = run_check(load_corpus([folder]), None).stories
            mixed = 0
            for story in stories.stories:
                halves = Counter(map(_half, story.articles))
                cross_pairs += halves["plus"] * halves["ecb"]
                same_pairs += sum(n * (n - 1) // 2 for n in halves.values())
                if halves["plus"] and halves["ecb"]:
                    mixed += 1
                    details.append(f"  topic {topic} {story.id}: {' '.join(sorted(story.articles))}")
            if mixed:
                mixed_topics.append((topic, mixed, [len(s.articles) for s in stories.stories]))
    print("topics with a story mixing halves:", len(mixed_topics), "of", len(topics))
    for topic, mixed, sizes in mixed_topics:
        print(f"  topic {topic}: {mixed} mixed stories; story sizes {sizes}")
    if show:
        print("\n".join(details))
    print("cross-half pairs put together:", cross_pairs, "; same-half pairs together:", same_pairs)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
