"""Per-fact figures of ``../shared/tools/score_ecb.py``: which judged facts factlint finds.

How to run (after ``score_ecb.py`` wrote its reports into ``--work``)::

    python ../shared/tools/score_ecb.py --work /tmp/ecb-score --show none
    python tests/eval/ecb_by_attribute.py --work /tmp/ecb-score [--kind conflicts|agreements|all]

For every judged fact (the gold file's ``attribute``) of every topic it prints how many of its
judged conflict pairs a conflict finding covers, and how many of its agreeing pairs an agreement
finding covers, with the rules whose findings cover them; the facts with the most missed pairs
come first. It reads the JSON reports score_ecb wrote and scores them with score_ecb's own
matching, so its totals are score_ecb's.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ROOT.parent / "shared" / "tools"
GOLD = ROOT.parent / "shared" / "gold" / "ecb_dev.json"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--work", default="/tmp/ecb-score", help="score_ecb's --work folder")
    ap.add_argument("--gold", default=str(GOLD))
    ap.add_argument("--kind", choices=["conflicts", "agreements", "all"], default="all")
    ap.add_argument("--top", type=int, default=40, help="show this many facts per kind")
    a = ap.parse_args()
    sys.path.insert(0, str(TOOLS))
    import score_ecb  # type: ignore[import-not-found]

    gold = json.loads(Path(a.gold).read_text(encoding="utf-8"))["topics"]
    kinds = ["conflicts", "agreements"] if a.kind == "all" else [a.kind]
    for kind in kinds:
        status = "conflict" if kind == "conflicts" else "agreement"
        rows: list[tuple[int, int, str, str, str]] = []
        total, found_total = 0, 0
        for topic in sorted(gold, key=int):
            report = Path(a.work) / f"{topic}.json"
            if not report.exists():
                print(f"topic {topic}: no report in {a.work} (run score_ecb.py --work {a.work} first)")
                continue
            findings: list[dict[str, Any]] = [f for f in json.loads(report.read_text(encoding="utf-8"))["findings"]
                                              if f.get("status") == status]
            pairs: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for pair in gold[topic].get(kind, []):
                if kind == "conflicts" and pair.get("kind", "conflict") != "conflict":
                    continue
                pairs[pair["attribute"]].append(pair)
            for attribute, judged in pairs.items():
                rules: Counter[str] = Counter()
                found = 0
                for pair in judged:
                    covering = [f for f in findings if score_ecb._covers(f, pair)]
                    if covering:
                        found += 1
                        rules.update({str(f.get("rule")) for f in covering})
                total += len(judged)
                found_total += found
                rows.append((len(judged) - found, len(judged), topic, attribute,
                             ",".join(sorted(rules)) or "-"))
        rows.sort(key=lambda r: (-r[0], r[2], r[3]))
        print(f"{kind}: found {found_total}/{total} = {found_total / total if total else 0:.2f}")
        print(f"  {'missed':>6} {'of':>4}  topic  {'rules':<14} fact")
        for missed, n, topic, attribute, rules_text in rows[:a.top]:
            print(f"  {missed:>6} {n:>4}  {topic:>5}  {rules_text:<14} {attribute}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
