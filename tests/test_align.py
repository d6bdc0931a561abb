"""Alignment: what the rules read of the claims around a claim."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.align import Alignment
from checker.corpus import load_corpus
from checker.engine import extract_corpus
from checker.extractors import ExtractOptions
from checker.model import Claim, ClaimKind


@pytest.fixture(scope="module")
def seed_claims() -> tuple[object, list[Claim]]:
    corpus = load_corpus([Path(__file__).resolve().parents[1] / "seeds"])
    return corpus, extract_corpus(corpus, ExtractOptions())


@pytest.mark.parametrize("order", ["corpus", "reversed"])
def test_the_entities_of_a_sentence_are_its_own_in_claim_order(seed_claims, order: str) -> None:  # type: ignore[no-untyped-def]
    corpus, claims = seed_claims
    claims = claims if order == "corpus" else claims[::-1]
    alignment = Alignment.build(corpus.articles, claims)
    entities = [c for c in claims if c.kind is ClaimKind.ENTITY]
    seen = 0
    for claim in claims:
        expected = [e for e in entities
                    if e.article == claim.article and e.sentence_start == claim.sentence_start]
        assert list(alignment.entities_in_sentence(claim)) == expected
        seen += bool(expected)
    assert seen > len(claims) // 2


def test_a_claim_of_an_article_without_entities_has_none_around_it(seed_claims) -> None:  # type: ignore[no-untyped-def]
    corpus, claims = seed_claims
    alignment = Alignment.build(corpus.articles, [c for c in claims if c.kind is not ClaimKind.ENTITY])
    assert all(alignment.entities_in_sentence(c) == () for c in alignment.claims)
    assert all(alignment.entities_near(c) == set() for c in alignment.claims)


def test_claims_by_article_are_in_claim_order_whatever_order_the_articles_come_in(seed_claims) -> None:  # type: ignore[no-untyped-def]
    corpus, claims = seed_claims
    interleaved = sorted(claims, key=lambda c: (c.start % 3, c.article))  # an article's claims in several runs
    alignment = Alignment.build(corpus.articles, interleaved)
    expected: dict[str, list[Claim]] = {}
    for claim in interleaved:
        expected.setdefault(claim.article, []).append(claim)
    assert alignment.by_article == expected and list(alignment.by_article) == list(expected)
    assert len({id(run) for run in alignment.by_article.values()}) == len(expected)
    for claim in interleaved:  # the entities of a sentence as an eager listing gave them
        assert list(alignment.entities_in_sentence(claim)) == [
            e for e in expected[claim.article]
            if e.kind is ClaimKind.ENTITY and e.sentence_start == claim.sentence_start]


def test_the_entities_of_a_claim_of_another_article_are_none(seed_claims) -> None:  # type: ignore[no-untyped-def]
    corpus, claims = seed_claims
    alignment = Alignment.build(corpus.articles, claims[:0])
    assert all(alignment.entities_in_sentence(c) == () for c in claims)


def test_alignments_of_the_same_claims_are_equal_whatever_was_asked_of_them(seed_claims) -> None:  # type: ignore[no-untyped-def]
    corpus, claims = seed_claims
    asked, fresh = Alignment.build(corpus.articles, claims), Alignment.build(corpus.articles, claims)
    asked.entities_in_sentence(claims[0])
    assert asked == fresh
