"""Ages of named people in real shooting-incident news (gvc-dev): recall against the archive's
participants and how many extracted ages are tied to the wrong person.

For every incident of ``../shared/external/gvc-dev``, the articles are extracted as
``factlint check`` extracts them (entity names grouped across the incident's articles) and every
age claim tied to a person (``measure=age`` with a ``person``) is compared with the participants
of ``gold.json`` that have a name and an age:

- recall: participants whose age some article of the incident gives, tied to that participant
  (the name matches: the same words, or the same surname and the same or no first name);
- tied ages: each extracted age tied to a person is *right* (the person is a participant of
  that age), *other age* (a participant, another age: the article disagrees with the archive,
  or the age belongs to someone else), or *not a participant* (an officer, a relative, a
  bystander, or a wrong person). ``--sample N`` prints N of the last two kinds with their
  sentences, for reading by hand (seeded, so the same sample every run);
- AG01 run on each incident's articles: its findings by status, and every one that is not an
  agreement, for reading.

Usage: ``python tests/eval/eval_gvc_ages.py [--sample N] [--verbose]``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from dataclasses import dataclass

import regex
from eval_common import EXTERNAL
from rapidfuzz import fuzz

from checker.corpus import load_corpus
from checker.engine import extract_corpus, run_check
from checker.extractors import ExtractOptions
from checker.model import Claim, ClaimKind
from rules import select_rules

GVC = EXTERNAL / "gvc-dev" / "incidents"


@dataclass(frozen=True)
class Participant:
    name: str
    age: int


_SUFFIXES = frozenset("jr sr ii iii iv".split())
_QUOTED = regex.compile(r"[\"“”][^\"“”]*[\"“”]")


def _words(name: str) -> list[str]:
    """The words of a name without quoted nicknames, suffixes ("Jr.") and punctuation."""
    name = _QUOTED.sub(" ", name.replace("’", "'"))
    words = [w.strip(".,").lower() for w in name.split()]
    return [w for w in words if w and w not in _SUFFIXES]


def same_person(extracted: str, gold: str) -> bool:
    """The extracted name names the gold participant: the same surname (or a part of a hyphenated
    one) and a first name that is one of the gold name's words or a spelling of its first name
    ("Jamie"/"Jaime"); a single word matches the gold surname or first name ("Lindsay", "Abby").
    Titles and middle names of the archive's names ("Marine Sgt Carson Holmquist") are left out."""
    a, b = _words(extracted), _words(gold)
    if not a or not b:
        return False
    surnames = {b[-1], *b[-1].split("-")}
    if len(a) == 1:
        return a[0] in surnames or a[0] == b[0]
    if a[-1] not in surnames:
        return False
    return a[0] in b[:-1] or fuzz.ratio(a[0], b[0]) >= 75


def participants(gold: dict[str, object]) -> list[Participant]:
    out: list[Participant] = []
    for p in gold.get("participants", []):  # type: ignore[union-attr]
        if isinstance(p, dict) and p.get("Name") and str(p.get("Age", "")).isdigit():
            out.append(Participant(str(p["Name"]), int(p["Age"])))
    return out


_PER_YEAR = {"year": 1, "month": 12, "week": 52, "day": 365}


def _years(claim: Claim) -> int | None:
    """The age in whole years ("11-month-old" is 0, as the archive writes a baby's age)."""
    if not isinstance(claim.low, float) or claim.unit not in _PER_YEAR:
        return None
    return int(claim.low // _PER_YEAR[claim.unit])


def person_of(claim: Claim, entity_at: dict[tuple[str, int], Claim]) -> str | None:
    """The person an age claim is tied to, as entity grouping named them across the incident."""
    at = claim.attr("person_at")
    if at is not None and (claim.article, int(at)) in entity_at:
        entity = entity_at[(claim.article, int(at))]
        return entity.canonical or entity.text
    return claim.attr("person")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=20, help="ages tied to a non-matching person to print")
    parser.add_argument("--verbose", action="store_true", help="print every missed participant")
    args = parser.parse_args(argv)
    if not GVC.is_dir():
        print(f"factlint: {GVC}: gvc-dev not found", file=sys.stderr)
        return 2
    gold_total = gold_found = 0
    tied = right = other_age = outsider = untied = 0
    doubtful: list[str] = []
    missed: list[str] = []
    statuses: Counter[str] = Counter()
    disagreements: list[str] = []
    age_rule = select_rules(["AG01"])
    for incident in sorted(p for p in GVC.iterdir() if p.is_dir()):
        gold = json.loads((incident / "gold.json").read_text("utf-8"))
        people = participants(gold)
        corpus = load_corpus([incident])
        claims = extract_corpus(corpus, ExtractOptions())
        entity_at = {(c.article, c.start): c for c in claims if c.kind is ClaimKind.ENTITY}
        ages = [c for c in claims if c.kind is ClaimKind.QUANTITY and c.attr("measure") == "age"]
        found: set[Participant] = set()
        for claim in ages:
            person = person_of(claim, entity_at)
            if person is None:
                untied += 1
                continue
            tied += 1
            age = _years(claim)
            matches = [p for p in people if same_person(person, p.name)]
            if any(p.age == age for p in matches):
                right += 1
                found.update(p for p in matches if p.age == age)
                continue
            if matches:
                other_age += 1
                why = f"archive: {', '.join(f'{p.name} {p.age}' for p in matches)}"
            else:
                outsider += 1
                why = "not a participant"
            sentence = " ".join(claim.sentence.split())
            doubtful.append(f"{incident.name} {claim.article}: {person} = {claim.text!r} ({why})\n    {sentence}")
        for finding in run_check(corpus, age_rule).findings:
            statuses[finding.status.value] += 1
            if finding.status.value != "agreement":
                disagreements.append(f"{incident.name} {finding.status.value}: {finding.message}")
        gold_total += len(people)
        gold_found += len(found)
        missed.extend(f"{incident.name}: {p.name}, {p.age}" for p in people if p not in found)
    print(f"gvc-dev: {len(list(GVC.iterdir()))} incidents")
    print(f"participants with a name and an age: {gold_total}; found tied to them with that age: {gold_found}"
          f" (recall {gold_found / gold_total:.3f})" if gold_total else "no participants")
    print(f"age claims tied to a person: {tied}; not tied to anyone: {untied}")
    if tied:
        print(f"  right person and age: {right} ({right / tied:.3f}); a participant of another age: {other_age};"
              f" not a participant: {outsider}")
    print("AG01 on each incident:", ", ".join(f"{n} {s}" for s, n in sorted(statuses.items())) or "no findings")
    for line in disagreements:
        print(" ", line)
    if args.verbose:
        print("missed:", *missed, sep="\n  ")
    if doubtful and args.sample:
        print(f"\nsample of {min(args.sample, len(doubtful))} of the {len(doubtful)} ages not matching the archive:")
        for line in random.Random(15).sample(doubtful, min(args.sample, len(doubtful))):
            print(" ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
