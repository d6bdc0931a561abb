"""quantulum3's English gold: quantities with values and units in 121 sentences.

How to run::

    /work/venv/bin/python tests/eval/eval_quantulum3.py [--errors N]

Data: ``../shared/external/quantulum3/quantulum3/_lang/en_US/tests/quantities.json`` and
``quantities.ambiguity.json`` (``{"req": sentence, "res": [{"value", "unit", "surface",
"uncertainty"?}]}``).

What is scored, per sentence:

- predictions are factlint's quantity and duration claims (a duration's stated count in its
  own unit: "six weeks" is 6 weeks), value read back as in ``eval_newsquant.py``; a gold
  range ("8- to 16-meter": value 12, uncertainty 4) is matched by a factlint range 8..16;
- value: a gold quantity is found when an unmatched prediction has the same value;
- value + unit, where meaningful: over the gold quantities whose unit factlint normalises
  (currencies, percent, lengths, masses, areas, volumes, durations), the matched prediction
  must also carry the same unit. quantulum3 also annotates bare numbers ("dimensionless":
  years, model numbers "Voyager 2") which factlint leaves out by design; they stay in the
  value score as misses, and a second line leaves them out.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter

from eval_common import EXTERNAL, fmt_prf
from eval_newsquant import Value, claim_value

from checker import extract_text
from checker.model import Claim, ClaimKind

DATA = EXTERNAL / "quantulum3" / "quantulum3" / "_lang" / "en_US" / "tests"
FILES = ("quantities.json", "quantities.ambiguity.json")

# quantulum3 unit name -> factlint unit (for quantities) or duration unit word.
UNITS = {
    "dollar": "USD", "euro": "EUR", "pound sterling": "GBP", "percentage": "percent", "kilometre": "kilometre",
    "metre": "metre", "mile": "mile", "inch": "inch", "foot": "foot", "kilogram": "kilogram", "tonne": "tonne",
    "gallon": "gallon", "litre": "litre", "square kilometre": "square kilometre", "square mile": "square mile",
    "pound-mass": "pound", "kilometre per hour": "kilometre per hour", "centimetre": "centimetre",
    "millimetre": "millimetre", "gram": "gram", "year": "year", "month": "month", "week": "week", "day": "day",
    "hour": "hour", "minute": "minute", "second": "second",
}


def unit_of(claim: Claim) -> str | None:
    if claim.kind is ClaimKind.DURATION:
        return claim.attr("unit_word")
    return claim.unit


def value_of(claim: Claim) -> Value | None:
    """The stated value; for a duration the count in its own unit ("six weeks" -> 6)."""
    return claim_value(claim)


def gold_interval(item: dict[str, object]) -> tuple[float, float]:
    value = float(str(item["value"]))
    spread = float(str(item.get("uncertainty", 0) or 0))
    return value - spread, value + spread


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", type=int, default=10, help="example errors to print")
    args = parser.parse_args()
    counts: Counter[str] = Counter()
    misses: list[str] = []
    extras: list[str] = []
    n_sentences = 0
    for name in FILES:
        for case in json.loads((DATA / name).read_text(encoding="utf-8")):
            n_sentences += 1
            text = case["req"]
            claims = [c for c in extract_text(text) if c.kind in (ClaimKind.QUANTITY, ClaimKind.DURATION)]
            preds = [(c, v) for c in claims if (v := value_of(c)) is not None]
            used: set[int] = set()
            counts["pred"] += len(preds)
            for item in case["res"]:
                gold = gold_interval(item)
                dimensionless = item["unit"] == "dimensionless"
                counts["gold"] += 1
                counts["gold_dim"] += not dimensionless
                meaningful = item["unit"] in UNITS
                counts["gold_unit"] += meaningful
                hit = next((i for i, (_c, v) in enumerate(preds) if i not in used and v.matches(gold)), None)
                if hit is None:
                    misses.append(f"  miss  {item['value']} {item['unit']!r} {item['surface']!r}   in: {text[:110]}")
                    continue
                used.add(hit)
                counts["value"] += 1
                counts["value_dim"] += not dimensionless
                if meaningful and unit_of(preds[hit][0]) == UNITS[str(item["unit"])]:
                    counts["unit"] += 1
            for i, (c, v) in enumerate(preds):
                if i not in used:
                    counts["extra"] += 1
                    extras.append(f"  extra {v.low:g}-{v.high:g} {c.text!r} ({unit_of(c)})   in: {text[:110]}")
    print(f"quantulum3 gold: {n_sentences} sentences, {counts['gold']} gold quantities "
          f"({counts['gold'] - counts['gold_dim']} dimensionless), {counts['pred']} predicted")
    print(fmt_prf("value", counts["value"], counts["pred"], counts["gold"]))
    print(fmt_prf("value, dimensionless left out", counts["value_dim"], counts["pred"], counts["gold_dim"]))
    print(fmt_prf("value + unit (normalised units)", counts["unit"], counts["pred"], counts["gold_unit"])
          + "   [recall over gold with a unit factlint normalises; precision over all predictions]")
    if args.errors:
        print(f"\nExample misses ({len(misses)} in all):")
        print("\n".join(misses[:: max(1, len(misses) // args.errors)][: args.errors]))
        print(f"\nExample spurious predictions ({len(extras)} in all):")
        print("\n".join(extras[:: max(1, len(extras) // args.errors)][: args.errors]))


if __name__ == "__main__":
    main()
