"""NewsQuant: quantities in 590 English news sentences (Almasian et al., CQE, EMNLP 2023).

How to run::

    /work/venv/bin/python tests/eval/eval_newsquant.py [--errors N] [--file NAME.json]

Data: ``../shared/external/newsquant/data/formatted_test_set/NewsQuant.json`` (JSON array of
``{"text", "quantities": [{"change", "value", "unit", ...}]}``, no character offsets).

What is scored, per sentence:

- predictions are factlint's quantity claims plus its duration claims (NewsQuant annotates
  "three years" and "five-year" as quantities) and the offsets of event-relative dates
  ("two years later"); dates themselves are not quantities in NewsQuant;
- the stated value of a claim is read back from its interval: ``low`` for =, >, >=;
  ``high`` for <, <=; the middle of a tolerance band for ~; both ends for a range. A vague
  plural ("hundreds", "tens of thousands") matches a gold range that contains its interval
  (NewsQuant writes "hundreds" as 100-1000);
- a gold quantity is found when an unmatched prediction of the sentence has the same value
  (relative tolerance 1e-6; ranges: both ends);
- value + qualifier also requires the qualifier: factlint = and range -> "=", ~ -> "~",
  > and >= -> ">", < and <= -> "<"; "nearly/almost N" (factlint: just below N) counts as "~",
  which is how NewsQuant annotates it. NewsQuant also labels changes "up"/"down"
  ("rose 2%"): the main score folds them into "=" (the four qualifiers of the issue); a
  second, stricter line requires factlint's change direction too.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from dataclasses import dataclass

from eval_common import EXTERNAL, close, fmt_prf

from checker import extract_text
from checker.model import Claim, ClaimKind, Qualifier

DATA = EXTERNAL / "newsquant" / "data" / "formatted_test_set"

_QUAL = {
    Qualifier.EXACT: "=", Qualifier.RANGE: "=", Qualifier.APPROX: "~", Qualifier.VAGUE: "=",
    Qualifier.MORE: ">", Qualifier.AT_LEAST: ">", Qualifier.LESS: "<", Qualifier.AT_MOST: "<",
}
_NEARLY = ("nearly", "almost", "close to", "just shy of", "approaching")


@dataclass
class Value:
    low: float
    high: float
    vague: bool
    qualifier: str
    change: str | None
    text: str

    def matches(self, gold: tuple[float, float]) -> bool:
        g_low, g_high = min(gold), max(gold)
        if self.vague:
            return g_low <= self.low and self.high <= g_high and g_low < g_high
        return close(self.low, g_low) and close(self.high, g_high)


def _bound(value: object) -> float | None:
    return float(value) if isinstance(value, (int, float)) else None


def claim_value(claim: Claim) -> Value | None:
    """The value a claim states, read back from its normalised interval."""
    q = claim.qualifier or Qualifier.EXACT
    change = claim.attr("change")
    symbol = _QUAL[q]
    if q is Qualifier.LESS and (claim.attr("qualifier_words") or "") in _NEARLY:
        symbol = "~"
    if claim.kind is ClaimKind.QUANTITY:
        low, high = _bound(claim.low), _bound(claim.high)
        if q in (Qualifier.EXACT, Qualifier.MORE, Qualifier.AT_LEAST) and low is not None:
            return Value(low, low, False, symbol, change, claim.text)
        if q in (Qualifier.LESS, Qualifier.AT_MOST) and high is not None:
            return Value(high, high, False, symbol, change, claim.text)
        if q is Qualifier.APPROX and low is not None and high is not None:
            mid = (low + high) / 2
            return Value(mid, mid, False, symbol, change, claim.text)
        if q in (Qualifier.RANGE, Qualifier.VAGUE) and low is not None and high is not None:
            return Value(low, high, q is Qualifier.VAGUE, symbol, change, claim.text)
        return None
    count = claim.attr("count")
    if claim.kind is ClaimKind.DATE:
        offset = claim.attr("offset")
        count = offset.split()[0] if offset else None
    try:
        n = float(count) if count is not None else None
    except ValueError:
        n = None
    if n is None:
        return None
    return Value(n, n, False, symbol, change, claim.text)


def gold_value(item: dict[str, str]) -> tuple[float, float] | None:
    text = str(item["value"]).replace(" ", "")
    parts = text.split("-", 1) if not text.startswith("-") else [text]
    try:
        numbers = [float(p) for p in parts if p]
    except ValueError:
        return None
    if not numbers:
        return None
    return (numbers[0], numbers[-1])


def gold_qualifier(change: str, strict: bool) -> str:
    if change in ("up", "down"):
        return change if strict else "="
    return change


def match(golds: list[tuple[tuple[float, float], str]], preds: list[Value], mode: str) -> tuple[int, list[int]]:
    """Greedy one-to-one matching; returns the true positives and the unmatched gold indexes."""
    used: set[int] = set()
    missed: list[int] = []
    tp = 0
    for gi, (gval, gq) in enumerate(golds):
        found = None
        for pi, pred in enumerate(preds):
            if pi in used or not pred.matches(gval):
                continue
            if mode == "value":
                found = pi
                break
            pq = pred.qualifier
            if mode == "strict" and pq == "=" and pred.change:
                pq = pred.change
            if pq == gq:
                found = pi
                break
        if found is None:
            missed.append(gi)
        else:
            used.add(found)
            tp += 1
    return tp, missed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--file", default="NewsQuant.json")
    parser.add_argument("--errors", type=int, default=8, help="example errors to print")
    args = parser.parse_args()
    data = json.loads((DATA / args.file).read_text(encoding="utf-8"))
    totals: Counter[str] = Counter()
    misses: list[str] = []
    spurious: list[str] = []
    started = time.perf_counter()
    for item in data:
        text: str = item["text"]
        claims = extract_text(text)
        preds = [v for c in claims if c.kind is not ClaimKind.ENTITY and (v := claim_value(c)) is not None]
        gold_items = [(g, q) for q in item["quantities"] if (g := gold_value(q)) is not None]
        totals["gold"] += len(gold_items)
        totals["pred"] += len(preds)
        for mode in ("value", "qualifier", "strict"):
            golds = [(g, gold_qualifier(q["change"], mode == "strict")) for g, q in gold_items]
            tp, missed = match(golds, preds, mode)
            totals[mode] += tp
            if mode == "value":
                for gi in missed:
                    g, q = gold_items[gi]
                    misses.append(f"  miss  {q['change']} {q['value']} {q['unit']!r}   in: {text[:140]}")
                matched_preds = _matched_predictions(golds, preds)
                for pi, pred in enumerate(preds):
                    if pi not in matched_preds:
                        spurious.append(f"  extra {pred.qualifier} {pred.low:g}-{pred.high:g} {pred.text!r}   in: {text[:140]}")
    elapsed = time.perf_counter() - started
    print(f"NewsQuant ({args.file}): {len(data)} sentences, {totals['gold']} gold quantities, "
          f"{totals['pred']} predicted, {elapsed:.1f}s")
    print(fmt_prf("value", totals["value"], totals["pred"], totals["gold"]))
    print(fmt_prf("value + qualifier (=,~,>,<)", totals["qualifier"], totals["pred"], totals["gold"]))
    print(fmt_prf("value + qualifier + up/down", totals["strict"], totals["pred"], totals["gold"]))
    if args.errors:
        print(f"\nExample misses ({len(misses)} in all):")
        print("\n".join(misses[:: max(1, len(misses) // args.errors)][: args.errors]))
        print(f"\nExample spurious predictions ({len(spurious)} in all):")
        print("\n".join(spurious[:: max(1, len(spurious) // args.errors)][: args.errors]))


def _matched_predictions(golds: list[tuple[tuple[float, float], str]], preds: list[Value]) -> set[int]:
    used: set[int] = set()
    for gval, _q in golds:
        for pi, pred in enumerate(preds):
            if pi not in used and pred.matches(gval):
                used.add(pi)
                break
    return used


if __name__ == "__main__":
    main()
