"""The quicker ways rules build and keep findings are the general ways, to the bit: findings and
their evidence made without the frozen ``__init__``, the compact form in which the rules that
read blocks keep their findings (``rules/base.py``), and the figures of each story sorted out
once for the count rules."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import json
import pickle
from collections import defaultdict
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from checker.align import Alignment
from checker.corpus import load_corpus
from checker.engine import extract_corpus
from checker.events import build_events
from checker.extractors import ExtractOptions
from checker.findings import (
    Evidence,
    Finding,
    Severity,
    Status,
    _EvidenceSlots,
    _FindingSlots,
    new_evidence,
    new_finding,
    replace_finding,
)
from checker.model import ClaimKind
from rules import RuleContext, select_rules
from rules.base import BlockMemo, FindingSpec, Rule, _encode_block
from rules.names import _two_ways
from tests.test_rule_blocks import ARTICLES
from tests.test_stories import _write

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.mark.parametrize(("fast", "slow", "slots"), [(new_evidence, Evidence, _EvidenceSlots),
                                                     (new_finding, Finding, _FindingSlots)])
def test_the_fast_constructors_make_the_same_frozen_objects(fast: Any, slow: Any, slots: type) -> None:
    fields = dataclasses.fields(slow)
    values = [f"v{i}" for i in range(len(fields))]  # every field told apart
    made, built = fast(*values), slow(*values)
    assert type(made) is slow
    assert made == built and hash(made) == hash(built)
    assert [getattr(made, f.name) for f in fields] == values
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(made, fields[0].name, "changed")
    assert pickle.loads(pickle.dumps(made)) == built and type(copy.deepcopy(made)) is slow
    # the same parameters, in the same order, with the same defaults
    assert [(p.name, p.default) for p in inspect.signature(slots).parameters.values()] == [
        (f.name, inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default) for f in fields]


def test_a_finding_replaced_quickly_is_the_finding_replaced_by_dataclasses() -> None:
    evidence = new_evidence("a", "a.txt", 1, 2, 1, 5, "five", "five people", "quantity", 5, 5, None, "5")
    finding = new_finding("CT01", "count-mismatch", Status.CONFLICT, Severity.ERROR, "t", "m", 0.5, "f", "E1",
                          (evidence,))
    for changes in ({"story": "S1"}, {"event": None}, {"event": "E2", "story": "S3"}):
        assert replace_finding(finding, **changes) == dataclasses.replace(finding, **changes)
    with pytest.raises(TypeError):
        replace_finding(finding, colour="red")


def _parts(root: Path) -> tuple[Any, Any, Any, Any]:
    """The corpus of ``root``, its claims, their alignment and events."""
    corpus = load_corpus([root])
    claims = extract_corpus(corpus, ExtractOptions())
    alignment = Alignment.build(corpus.articles, claims)
    return corpus, claims, alignment, build_events(alignment.articles, alignment.by_article)


@pytest.fixture(scope="module")
def seeds() -> tuple[Any, Any, Any, Any]:
    return _parts(SEEDS)


@pytest.fixture(scope="module")
def stories(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Any, Any, Any]:
    """Two stories of several articles and one article alone, each with figures and dates."""
    root = tmp_path_factory.mktemp("stories")
    _write(root, ARTICLES)
    return _parts(root)


def _context(seeds: tuple[Any, Any, Any, Any], memos: dict[str, BlockMemo] | None = None) -> RuleContext:
    corpus, claims, alignment, events = seeds
    return RuleContext(corpus, claims, alignment, events, memos=memos or {},
                       article_keys={a.id: f"key of {a.id}" for a in corpus.articles}, code_version="test")


BLOCK_RULES = [r for r in select_rules() if r.code in ("CT01", "CT02", "DT04", "NM01")]


@pytest.mark.parametrize(("rule", "corpus"), [(r, "stories" if r.code in ("CT01", "DT04") else "seeds")
                                               for r in BLOCK_RULES], ids=lambda x: getattr(x, "code", x))
def test_the_findings_a_rule_kept_come_back_as_it_made_them(rule: Rule, corpus: str,
                                                            request: pytest.FixtureRequest) -> None:
    parts = request.getfixturevalue(corpus)  # a corpus on which the rule finds something
    made = list(rule.check(_context(parts)))  # no memo: every block read
    assert made
    memo = BlockMemo()
    assert list(rule.check(_context(parts, {rule.code: memo}))) == made
    assert memo.used  # each block kept
    kept = BlockMemo(memo.used)
    assert list(rule.check(_context(parts, {rule.code: kept}))) == made
    assert kept.used == memo.used  # all of it taken from what was kept


def test_the_claims_whose_event_a_kept_finding_names_come_back(seeds: tuple[Any, Any, Any, Any]) -> None:
    rule = next(r for r in BLOCK_RULES if r.code == "NM01")
    ctx = _context(seeds)
    articles = sorted(ctx.alignment.articles)[:2]
    lists = [ctx.alignment.by_article[a] for a in articles]
    first, second = lists[0][3], lists[1][2]
    spec = FindingSpec(Status.VARIANT, "t", "m", [second, first], 0.5, ("f",), event_of=[second, first])
    [item] = _encode_block([(spec, rule._spec_finding(ctx, spec))], lists) or []
    assert item[6] == [0, 3, 1, 2] and item[8] == [1, 2, 0, 3]  # the evidence in order; the claims as given
    events = ctx.events
    named = next(c for c in ctx.claims if events.event_for(c) is not None)  # a claim of an event
    seen: list[Any] = []
    monkeypatched = type("Events", (), {"event_for": lambda self, c: seen.append(c) or events.event_for(named)})()
    ctx.events = monkeypatched  # type: ignore[assignment]
    [finding] = rule._decode_block(ctx, [item], lists=lists) or []
    assert seen[:1] == [second] and finding.event == events.event_for(named).id  # type: ignore[union-attr]


class _Seen(BlockMemo):
    """A memo that notes each block recalled, with the claims of each of its articles."""

    def __init__(self, stored: dict[str, str]) -> None:
        super().__init__(stored)
        self.seen: list[tuple[Any, Any]] = []

    def recall(self, key: str, decode: Any) -> Any:
        self.seen.append((json.loads(self.stored[key]), decode.keywords["lists"]))
        return super().recall(key, decode)


def _kept_block(seeds: tuple[Any, Any, Any, Any]) -> tuple[Rule, RuleContext, Any, Any]:
    """NM01, a context, and the first block of findings it kept (a JSON value) with the claims of
    each of the block's articles."""
    rule = next(r for r in BLOCK_RULES if r.code == "NM01")
    memo = BlockMemo()
    list(rule.check(_context(seeds, {rule.code: memo})))
    seen = _Seen(memo.used)
    ctx = _context(seeds, {rule.code: seen})
    list(rule.check(ctx))
    value, lists = next((value, lists) for value, lists in seen.seen if value)
    return rule, ctx, value, lists


def test_a_block_kept_is_the_findings_with_their_claims_as_article_and_index_pairs(
        seeds: tuple[Any, Any, Any, Any]) -> None:
    rule, ctx, value, lists = _kept_block(seeds)
    status, severity, _, _, _, _, refs, shown, events = value[0]
    assert (status, severity) == ("variant", "warning")
    assert len(refs) == 2 * len(shown) and all(type(n) is int for n in refs + events)
    [finding] = rule._decode_block(ctx, value[:1], lists=lists) or []
    assert [e.display for e in finding.claims] == shown


@pytest.mark.parametrize("damage", [
    lambda item: item[:8],  # the former shape, of eight fields
    lambda item: [*item[:6], item[6][:-1], *item[7:]],  # an odd number of references
    lambda item: [*item[:6], [-1, *item[6][1:]], *item[7:]],  # an article before the first
    lambda item: [*item[:6], [item[6][0], -1, *item[6][2:]], *item[7:]],  # a claim before the first
    lambda item: [*item[:6], [item[6][0], 10 ** 6, *item[6][2:]], *item[7:]],  # a claim beyond the last
    lambda item: [*item[:6], [10 ** 6, *item[6][1:]], *item[7:]],  # an article beyond the last
    lambda item: [*item[:6], [True, *item[6][1:]], *item[7:]],  # not a number
    lambda item: [*item[:6], item[6][:-2], *item[7:]],  # a value shown without its claim
    lambda item: [*item[:7], [*item[7][:-1], 5], item[8]],  # a value shown that is not text
    lambda item: [*item[:8], [0]],  # an event's claim half said
    lambda item: ["nonsense", *item[1:]],  # no such status
    lambda item: [item[0], ["error"], *item[2:]],  # a severity that is not one
    lambda item: [*item[:4], "0.8", *item[5:]],  # a confidence that is not a number
    lambda item: "not a finding",
], ids=["eight fields", "odd references", "article -1", "claim -1", "claim beyond", "article beyond", "bool",
        "value without claim", "value not text", "event half said", "status", "severity", "confidence",
        "not a list"])
def test_a_damaged_block_is_refused_never_misread(seeds: tuple[Any, Any, Any, Any], damage: Any) -> None:
    rule, ctx, value, lists = _kept_block(seeds)
    assert rule._decode_block(ctx, value, lists=lists)
    assert rule._decode_block(ctx, [damage(value[0]), *value[1:]], lists=lists) is None


def test_the_figures_of_each_shared_story_are_sorted_out_as_the_rules_sorted_them(tmp_path: Path) -> None:
    _write(tmp_path, ARTICLES)  # two stories of several articles and one article alone, each with figures
    corpus = load_corpus([tmp_path])
    claims = extract_corpus(corpus, ExtractOptions())
    alignment = Alignment.build(corpus.articles, claims)
    ctx = _context((corpus, claims, alignment, build_events(alignment.articles, alignment.by_article)))
    assert any(ctx.alone(c.article) for c in ctx.claims_of(ClaimKind.QUANTITY))
    for kind in ClaimKind:
        expected: dict[str, list[Any]] = defaultdict(list)
        for claim in ctx.claims_of(kind):
            if not ctx.alone(claim.article):
                expected[ctx.story_of(claim.article)].append(claim)
        assert ctx.shared_claims(kind) == expected
    assert len(ctx.shared_claims(ClaimKind.QUANTITY)) == 2


def test_a_name_is_compared_when_it_is_written_two_ways() -> None:
    def names(*texts: str) -> list[Any]:
        return [SimpleNamespace(text=t) for t in texts]

    assert not _two_ways([]) and not _two_ways(names("Lavrov")) and not _two_ways(names("Lavrov", "Lavrov"))
    assert _two_ways(names("Lavrov", "Lavrov", "Lavrow")) and _two_ways(names("Lavrow", "Lavrov"))
