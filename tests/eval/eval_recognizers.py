"""Microsoft Recognizers-Text English specs: numbers, ranges, percentages and durations.

How to run::

    /work/venv/bin/python tests/eval/eval_recognizers.py [--errors N] [--supported]

Data: ``../shared/external/recognizers-text/Specs/Number/English/*.json`` and
``Specs/DateTime/English/Duration*.json`` (JSON arrays of ``{"Input", "Results", ...}``).

A case that expects results passes when every expected result is found:

- every expected result has a factlint claim overlapping its span with the expected value:
  numbers (``NumberModel``) and percentages (``PercentModel``) against quantity claims, the
  value read back as in ``eval_newsquant.py``; ranges (``NumberRangeModel``, e.g.
  ``"(20,35]"``) against a quantity's interval with its open/closed ends (a lower bound of 0
  for "less than" stands for the open ``(,x)``); ordinals against nothing (factlint keeps no
  ordinals, so those cases pass only when nothing is expected); durations
  (``DurationExtractor``: the span only; ``DurationParser``: the TIMEX value too, in days with
  a month of 30 and a year of 365 days, inside factlint's interval);
- cases that expect no result ("the 180ml liquid" for a number-only model, URLs) are not in
  the pass rate; the script counts separately how many of them get no claim of that kind
  (factlint claims quantities with their units, so it is not meant to be silent on all of them).

``--supported`` leaves out the cases the spec marks ``NotSupported`` for Python or
``NotSupportedByDesign`` (the reference implementation fails them too).
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eval_common import EXTERNAL, close
from eval_newsquant import claim_value

from checker import extract_text
from checker.model import Claim, ClaimKind

SPECS = EXTERNAL / "recognizers-text" / "Specs"
FILES = [*sorted((SPECS / "Number" / "English").glob("*.json")),
         *sorted((SPECS / "DateTime" / "English").glob("Duration*.json"))]

Case = dict[str, Any]
Result = dict[str, Any]


def span(result: Result) -> tuple[int, int]:
    start = int(result["Start"])
    if "Length" in result:
        return start, start + int(result["Length"])
    return start, int(result["End"]) + 1


def overlapping(claims: list[Claim], result: Result) -> list[Claim]:
    start, end = span(result)
    return [c for c in claims if c.start < end and start < c.end]


def number_ok(claims: list[Claim], result: Result) -> bool:
    raw = str(result.get("Resolution", {}).get("value", "")).rstrip("%")
    try:
        expected = float(raw)
    except ValueError:
        return False
    for claim in overlapping(claims, result):
        value = claim_value(claim)
        if value is not None and close(value.low, expected) and close(value.high, expected):
            return True
    return False


def _bound(text: str) -> float | None:
    return float(text) if text.strip() else None


def range_ok(claims: list[Claim], result: Result) -> bool:
    found = re.fullmatch(r"([\[(])([^,]*),([^\])]*)([\])])", str(result.get("Resolution", {}).get("value", "")))
    if not found:
        return False
    low, high = _bound(found.group(2)), _bound(found.group(3))
    low_open, high_open = found.group(1) == "(", found.group(4) == ")"
    for claim in overlapping(claims, result):
        c_low = claim.low if isinstance(claim.low, float) else None
        c_high = claim.high if isinstance(claim.high, float) else None
        if low is None:
            low_matches = c_low is None or c_low == 0.0
        else:
            low_matches = c_low is not None and close(c_low, low) and claim.low_open == low_open
        if high is None:
            high_matches = c_high is None
        else:
            high_matches = c_high is not None and close(c_high, high) and claim.high_open == high_open
        if low_matches and high_matches:
            return True
    return False


_TIMEX_DAYS = {"Y": 365.0, "M": 30.0, "W": 7.0, "D": 1.0}
_TIME_DAYS = {"H": 1 / 24, "M": 1 / 1440, "S": 1 / 86400}


def timex_days(timex: str) -> float | None:
    found = re.fullmatch(r"P((?:[\d.]+[YMWD])*)(?:T((?:[\d.]+[HMS])*))?", timex)
    if not found:
        return None
    days = sum(float(n) * _TIMEX_DAYS[u] for n, u in re.findall(r"([\d.]+)([YMWD])", found.group(1)))
    days += sum(float(n) * _TIME_DAYS[u] for n, u in re.findall(r"([\d.]+)([HMS])", found.group(2) or ""))
    return days


def duration_span_ok(claims: list[Claim], result: Result) -> bool:
    return bool(overlapping(claims, result))


def duration_value_ok(claims: list[Claim], result: Result) -> bool:
    days = timex_days(str(result.get("Value", {}).get("Timex", "")))
    if days is None:
        return False
    for claim in overlapping(claims, result):
        if isinstance(claim.low, float) and isinstance(claim.high, float) and \
                claim.low - 1e-6 <= days <= claim.high + 1e-6:
            return True
    return False


def never(claims: list[Claim], result: Result) -> bool:
    return False  # factlint keeps no ordinals


def checker_for(path: Path) -> tuple[ClaimKind, Callable[[list[Claim], Result], bool]]:
    name = path.stem
    if name.startswith("Duration"):
        return ClaimKind.DURATION, duration_value_ok if "Parser" in name else duration_span_ok
    if name.startswith("NumberRange"):
        return ClaimKind.QUANTITY, range_ok
    if name.startswith("Ordinal"):
        return ClaimKind.QUANTITY, never
    return ClaimKind.QUANTITY, number_ok


def supported(case: Case) -> bool:
    return "python" not in str(case.get("NotSupported", "")).lower() and not case.get("NotSupportedByDesign")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", type=int, default=3, help="example failures to print per file")
    parser.add_argument("--supported", action="store_true", help="only cases the spec supports for Python")
    args = parser.parse_args()
    total_pass = total = neg_clean = neg_total = 0
    failures: list[str] = []
    for path in FILES:
        cases: list[Case] = json.loads(path.read_text(encoding="utf-8-sig"))
        if args.supported:
            cases = [c for c in cases if supported(c)]
        kind, ok = checker_for(path)
        passed = positives = clean = 0
        shown = 0
        for case in cases:
            claims = [c for c in extract_text(case["Input"]) if c.kind is kind]
            results: list[Result] = case.get("Results", [])
            if not results:
                clean += not claims
                neg_clean += not claims
                neg_total += 1
                continue
            positives += 1
            good = all(ok(claims, r) for r in results)
            passed += good
            if not good and shown < args.errors:
                shown += 1
                failures.append(f"  {path.stem}: {case['Input'][:90]!r} expected "
                                f"{[(r.get('Text'), r.get('Resolution', r.get('Value', {})).get('value', r.get('Value', {}).get('Timex'))) for r in results][:3]} "
                                f"got {[(c.text, c.low, c.high) for c in claims][:3]}")
        total += positives
        total_pass += passed
        rate = passed / positives if positives else 0.0
        print(f"{path.parent.parent.name + '/' + path.name:<50} {passed:>4}/{positives:<4} = {rate:.3f}"
              f"   (no-result cases with no claim: {clean}/{len(cases) - positives})")
    print(f"{'overall':<50} {total_pass:>4}/{total:<4} = {total_pass / total:.3f}"
          f"   (no-result cases with no claim: {neg_clean}/{neg_total})")
    if failures:
        print("\nExample failures:")
        print("\n".join(failures))


if __name__ == "__main__":
    main()
