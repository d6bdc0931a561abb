"""TempEval-3 platinum: dates in 20 news articles, anchored on each article's creation time.

How to run::

    /work/venv/bin/python tests/eval/eval_tempeval.py [--errors N]

Data: ``../shared/external/tempeval3/data/TempEval3/Evaluation/te3-platinum/*.tml`` (TimeML).

What is scored:

- the text of ``<TEXT>`` with its tags removed is given to :func:`checker.extract_text`
  with the document's creation time (DCT) as the publication date; only date claims count;
- gold: every ``TIMEX3`` of ``type="DATE"`` in the text except the creation time itself.
  *Normalisable* gold values are calendar values factlint can express (``2013``,
  ``2013-03``, ``2013-03-22``, ``2013-W12``, ``2013-Q1``); ``PRESENT_REF``/``PAST_REF``/
  ``FUTURE_REF``, seasons (``2012-SU``), partially unspecified values (``2012-XX-XX``,
  ``XXXX-WI``), centuries and period values are *excluded* from the main score and counted
  as misses in the second, all-DATE line;
- a gold date is found when a factlint date claim overlaps its span and the claim's
  interval at its granularity gives the same TIMEX3 value (day -> ``YYYY-MM-DD``, week ->
  ``YYYY-Www`` (ISO week), month -> ``YYYY-MM``, quarter -> ``YYYY-Qn``, year -> ``YYYY``;
  "late August" is the month ``YYYY-08``). TIMEX3 ``mod`` (START/END/APPROX) is ignored;
- precision: of factlint's date claims, the share that overlap a gold DATE and give its
  value; claims over no gold DATE at all are listed as spurious (claims over the creation
  time written in the text are not counted).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import time
from dataclasses import dataclass
from pathlib import Path

from eval_common import EXTERNAL, fmt_prf

from checker import extract_text
from checker.extractors import ExtractOptions
from checker.model import Claim, Granularity

DATA = EXTERNAL / "tempeval3" / "data" / "TempEval3" / "Evaluation" / "te3-platinum"
NORMALISABLE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2}|-Q[1-4])?$")
OPTIONS = ExtractOptions(kinds=("date",))
_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str
    dct: bool


def parse(path: Path) -> tuple[str, dt.date, list[Timex]]:
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r"<DCT>.*?value=\"(\d{4}-\d{2}-\d{2})", raw, re.S)
    assert dct_match, path
    dct = dt.date.fromisoformat(dct_match.group(1))
    body = raw[raw.index("<TEXT>") + len("<TEXT>"):raw.index("</TEXT>")]
    text: list[str] = []
    length = 0
    timexes: list[Timex] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    pos = 0
    for tag in _TAG.finditer(body):
        chunk = body[pos:tag.start()]
        text.append(chunk)
        length += len(chunk)
        pos = tag.end()
        if tag.group(2) != "TIMEX3":
            continue
        if not tag.group(1):
            open_timex = (length, dict(_ATTR.findall(tag.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            timexes.append(Timex(start, length, "", attrs.get("type", ""), attrs.get("value", ""),
                                 attrs.get("functionInDocument") == "CREATION_TIME"))
            open_timex = None
    text.append(body[pos:])
    plain = "".join(text)
    for t in timexes:
        t.text = plain[t.start:t.end]
    return plain, dct, timexes


def timex_value(claim: Claim) -> str | None:
    if not isinstance(claim.low, str) or claim.granularity is None:
        return None
    low = dt.date.fromisoformat(claim.low)
    g = claim.granularity
    if g is Granularity.DAY:
        return low.isoformat()
    if g is Granularity.WEEK:
        year, week, _ = low.isocalendar()
        return f"{year}-W{week:02d}"
    if g is Granularity.MONTH:
        return f"{low.year}-{low.month:02d}"
    if g is Granularity.QUARTER:
        return f"{low.year}-Q{(low.month - 1) // 3 + 1}"
    if g is Granularity.YEAR:
        if isinstance(claim.high, str) and claim.high[:3] != claim.low[:3]:
            return None
        if isinstance(claim.high, str) and int(claim.high[:4]) - low.year == 9:
            return f"{low.year // 10:03d}"  # a decade
        return str(low.year)
    return None


def overlaps(claim: Claim, timex: Timex) -> bool:
    return claim.start < timex.end and timex.start < claim.end


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", type=int, default=10, help="example errors to print")
    args = parser.parse_args()
    found_main = gold_main = found_all = gold_all = 0
    correct_pred = n_pred = 0
    span_found = 0
    misses: list[str] = []
    wrong: list[str] = []
    spurious: list[str] = []
    excluded: list[str] = []
    started = time.perf_counter()
    files = sorted(DATA.glob("*.tml"))
    for path in files:
        plain, dct, timexes = parse(path)
        claims = extract_text(plain, dct, OPTIONS)
        dates = [t for t in timexes if t.type == "DATE" and not t.dct]
        dct_spans = [t for t in timexes if t.dct]
        for gold in dates:
            hits = [c for c in claims if overlaps(c, gold)]
            ok = any(timex_value(c) == gold.value for c in hits)
            gold_all += 1
            found_all += ok
            if NORMALISABLE.match(gold.value):
                gold_main += 1
                found_main += ok
                span_found += bool(hits)
                if not ok:
                    line = (f"  {path.stem}: {gold.text!r} gold={gold.value} "
                            f"factlint={[(c.text, timex_value(c)) for c in hits]} (DCT {dct})")
                    (wrong if hits else misses).append(line)
            else:
                excluded.append(f"{gold.value}:{gold.text!r}")
        for claim in claims:
            if any(overlaps(claim, t) for t in dct_spans):
                continue
            n_pred += 1
            golds = [t for t in dates if overlaps(claim, t)]
            if any(timex_value(claim) == t.value for t in golds):
                correct_pred += 1
            elif not golds:
                others = [t.type for t in timexes if overlaps(claim, t)]
                spurious.append(f"  {path.stem}: {claim.text!r} -> {timex_value(claim)}"
                                f"{' (gold ' + '/'.join(others) + ')' if others else ''}")
    elapsed = time.perf_counter() - started
    print(f"TempEval-3 platinum: {len(files)} documents, {gold_all} gold DATE (creation times left out), "
          f"{gold_main} normalisable, {elapsed:.1f}s")
    print(f"normalisable DATE values found (main score): {found_main}/{gold_main} = {found_main / gold_main:.3f}"
          f"   (span found: {span_found}/{gold_main})")
    print(f"all DATE values found (excluded ones as misses): {found_all}/{gold_all} = {found_all / gold_all:.3f}")
    print(fmt_prf("date claims vs normalisable", correct_pred, n_pred, gold_main))
    print(f"excluded gold values: {', '.join(sorted(excluded))}")
    if args.errors:
        for title, rows in (("missed (no date claim over the span)", misses),
                            ("wrong value", wrong), ("date claims over no gold DATE", spurious)):
            print(f"\n{title}: {len(rows)}")
            print("\n".join(rows[: args.errors]))


if __name__ == "__main__":
    main()
