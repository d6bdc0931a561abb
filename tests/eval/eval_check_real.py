"""Run ``factlint check`` on real corpora and list every conflict for an editor to judge.

How to run::

    /work/venv/bin/python tests/eval/eval_check_real.py [--ecb TOPICS] [--aquaint] [--json OUT]

- ECB+ (``../shared/external/ecbplus/ECB+/<topic>/*.xml``): each topic pairs two similar but
  different events (e.g. two earthquakes, two trials); the token XML is converted to text
  articles by ``tests/corpora.py``; an article that states its publication date in a dateline
  near its top is dated by it (``--no-datelines`` leaves all of them undated).
- AQUAINT (``../shared/external/tempeval3/.../TBAQ-cleaned/AQUAINT/``): the August 1998
  embassy-bombing reports (APW, NYT, XIE from 1998-08-07 on) with their publication dates.

It prints, per corpus, the counts of findings by status and every conflict with its
reason and quotes, so that each can be judged real or a false alarm. The judgements of the
last review are in the closing note of the rules issue and in the README.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from checker.corpus import load_corpus  # noqa: E402
from checker.engine import run_check  # noqa: E402
from checker.findings import Status  # noqa: E402
from tests.corpora import aquaint_embassy_articles, ecbplus_topic_articles  # noqa: E402

EXTERNAL = ROOT.parent / "shared" / "external"


def run(name: str, root: Path, out: list[dict[str, object]]) -> Counter[str]:
    corpus = load_corpus([root])
    start = time.perf_counter()
    result = run_check(corpus)
    elapsed = time.perf_counter() - start
    counts: Counter[str] = Counter(f.status.value for f in result.findings)
    print(f"== {name}: {len(corpus.articles)} articles, {len(result.claims)} claims, "
          f"{len(result.events.events)} events, {dict(sorted(counts.items()))} ({elapsed:.1f}s)")
    for finding in result.findings:
        if finding.status is Status.DISTINCT_EVENTS:
            print(f"  (distinct events) [{finding.rule}] {finding.topic}: {finding.message[:200]}")
        if finding.status is not Status.CONFLICT:
            continue
        print(f"  [{finding.rule}] {finding.topic}: {finding.message} (confidence {finding.confidence:.2f})")
        for ev in finding.claims:
            sentence = " ".join(ev.sentence.split())
            print(f"      {ev.article}:{ev.line}:{ev.column} «{ev.quote}» = {ev.display} | {sentence[:160]}")
        out.append({"corpus": name, **finding.to_json()})
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ecb", default="all", help="comma-separated ECB+ topics, or 'all' (default) or 'none'")
    parser.add_argument("--no-aquaint", action="store_true")
    parser.add_argument("--json", help="write the conflicts as JSON lines for judging")
    parser.add_argument("--no-datelines", action="store_true",
                        help="leave every ECB+ article undated (by default a dateline near the top dates it)")
    args = parser.parse_args()
    if not EXTERNAL.exists():
        print(f"no evaluation data at {EXTERNAL}", file=sys.stderr)
        return 2
    conflicts: list[dict[str, object]] = []
    total: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        if not args.no_aquaint:
            dest = base / "aquaint"
            dest.mkdir()
            aquaint_embassy_articles(dest)
            total += run("AQUAINT embassy bombings 1998", dest, conflicts)
        if args.ecb != "none":
            topics_dir = EXTERNAL / "ecbplus" / "ECB+"
            topics = sorted((p.name for p in topics_dir.iterdir() if p.is_dir()), key=int) if args.ecb == "all" \
                else args.ecb.split(",")
            for topic in topics:
                dest = base / f"ecb{topic}"
                dest.mkdir()
                ecbplus_topic_articles(topic, dest, use_datelines=not args.no_datelines)
                total += run(f"ECB+ topic {topic}", dest, conflicts)
    print(f"TOTAL findings by status: {dict(sorted(total.items()))}; conflicts: {len(conflicts)}")
    if args.json:
        Path(args.json).write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in conflicts), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
