"""factlint on local news of shooting incidents (``../shared/external/gvc-dev``), judged as an editor would.

How to run::

    python tests/eval/eval_gvc.py [--show all|conflicts|unjudged|none]

It checks the 185 articles of the 54 incidents twice, all together (as one corpus, where
stories must keep the incidents apart) and incident by incident, and prints:

- **stories** of the run over all incidents: how many, and any story that mixes incidents;
- **casualty alignment**: the incidents where two or more articles state a casualty figure
  (a figure framed as deaths, injuries or people shot), and in how many of them a CT01 finding
  (agreement, conflict or update) puts figures of two of those articles side by side;
- **conflicts**: every conflict of both runs with the verdict an editor gave it in
  ``tests/eval/gvc_judgements.tsv`` (``real`` or ``false``, and the reason), the share of real
  conflicts among the judged ones, conflicts whose articles belong to different incidents
  (always false), and the conflicts nobody judged yet (to be read and added to the table).

A conflict is keyed by its rule, its articles and its values (not by message or position), so
a judgement survives rewording; a finding whose values or articles change is unjudged again.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from checker.align import Alignment  # noqa: E402
from checker.corpus import load_corpus  # noqa: E402
from checker.engine import CheckResult, run_check  # noqa: E402
from checker.findings import Finding, Status  # noqa: E402
from checker.frames import frame_of  # noqa: E402
from checker.model import ClaimKind  # noqa: E402
from rules.compare import short_id  # noqa: E402

GVC = ROOT.parent / "shared" / "external" / "gvc-dev" / "incidents"
JUDGEMENTS = Path(__file__).with_name("gvc_judgements.tsv")
CASUALTIES = frozenset({"deaths", "injuries", "shot"})


def incident(article: str) -> str:
    return article.split("_")[0]


def key(finding: Finding) -> str:
    """The judgement key of a conflict: rule, articles and values (sorted)."""
    values = sorted({e.display for e in finding.claims})
    return f"{finding.rule}|{','.join(finding.articles)}|{' / '.join(values)}"


def load_judgements() -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    if JUDGEMENTS.exists():
        for line in JUDGEMENTS.read_text("utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            k, verdict, reason = line.split("\t", 2)
            out[k] = (verdict, reason)
    return out


def casualty_alignment(result: CheckResult) -> tuple[int, int, list[str]]:
    """(incidents eligible, incidents aligned, the eligible incidents left unaligned)."""
    alignment = Alignment.build(result.corpus.articles, result.claims)
    stating: dict[tuple[str, str], set[str]] = defaultdict(set)
    for claim in result.claims:
        if claim.kind is not ClaimKind.QUANTITY:
            continue
        frame = frame_of(claim, alignment.thing(claim))
        if frame is not None and frame.measure in CASUALTIES and frame.part is None:
            stating[(incident(claim.article), frame.measure)].add(claim.article)
    eligible = {inc for (inc, _), arts in stating.items() if len(arts) > 1}
    aligned = set()
    for finding in result.findings:
        if finding.rule != "CT01" or len(finding.articles) < 2:
            continue
        measure = finding.topic.removeprefix("count of ").split(" (")[0].split(":")[0]
        if measure in CASUALTIES:
            aligned.update(incident(a) for a in finding.articles)
    aligned &= eligible
    return len(eligible), len(aligned), sorted(eligible - aligned)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--show", choices=["all", "conflicts", "unjudged", "none"], default="conflicts")
    args = ap.parse_args()
    judged = load_judgements()
    with tempfile.TemporaryDirectory() as tmp:
        together = Path(tmp) / "all"
        together.mkdir()
        for folder in sorted(GVC.iterdir()):
            for f in sorted(folder.glob("*.txt")):
                shutil.copy(f, together / f.name)
        whole = run_check(load_corpus([together]))
        runs: list[tuple[str, CheckResult]] = [("all", whole)]
        for folder in sorted(GVC.iterdir()):
            if folder.is_dir():
                runs.append((folder.name, run_check(load_corpus([folder]))))

    mixed = [s for s in whole.stories.stories if len({incident(a) for a in s.articles}) > 1]
    print(f"stories (all incidents together): {len(whole.stories.stories)} for "
          f"{len({incident(a.id) for a in whole.corpus.articles})} incidents; mixing incidents: {len(mixed)}")
    for story in mixed:
        print(f"   MIXED {story.id}: {', '.join(story.articles)}")

    eligible, aligned, missed = casualty_alignment(whole)
    share = aligned / eligible if eligible else 0.0
    print(f"casualty figures aligned (all together): {aligned}/{eligible} incidents = {share:.0%}"
          f"{'; not aligned: ' + ', '.join(missed) if missed else ''}")
    per_eligible = per_aligned = 0
    for _name, result in runs[1:]:
        e, a, _ = casualty_alignment(result)
        per_eligible, per_aligned = per_eligible + e, per_aligned + a
    print(f"casualty figures aligned (incident by incident): {per_aligned}/{per_eligible} incidents"
          f" = {per_aligned / per_eligible if per_eligible else 0:.0%}")

    seen: dict[str, tuple[str, Finding]] = {}
    for name, result in runs:
        for finding in result.findings:
            if finding.status is Status.CONFLICT:
                seen.setdefault(key(finding), (name, finding))
    real = false = cross = 0
    unjudged: list[str] = []
    for k in sorted(seen):
        name, finding = seen[k]
        verdict, reason = judged.get(k, ("unjudged", ""))
        incidents = {incident(a) for a in finding.articles}
        if len(incidents) > 1:
            cross += 1
            verdict, reason = "false", "articles of different incidents"
        real += verdict == "real"
        false += verdict == "false"
        if verdict == "unjudged":
            unjudged.append(k)
        if args.show == "all" or (args.show == "conflicts") or (args.show == "unjudged" and verdict == "unjudged"):
            print(f"  [{verdict}] {k}\n      {finding.topic}: {finding.message}")
            if reason:
                print(f"      reason: {reason}")
            if args.show in ("all", "unjudged") or verdict == "unjudged":
                for ev in finding.claims:
                    sentence = " ".join(ev.sentence.split())
                    print(f"      {short_id(ev.article)}:{ev.line} «{ev.quote}» = {ev.display} | {sentence[:170]}")
    total = real + false
    print(f"conflicts: {len(seen)} ({real} real, {false} false, {len(unjudged)} unjudged); "
          f"real among judged: {real}/{total} = {real / total if total else 0:.0%}; "
          f"between different incidents: {cross}")
    counts = defaultdict(int)
    for finding in whole.findings:
        counts[(finding.rule, finding.status.value)] += 1
    print("findings (all together): " + ", ".join(f"{r} {s} {n}" for (r, s), n in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
