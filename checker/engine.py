"""The check pipeline: extraction, entity grouping, alignment, events, rules.

Pure: takes a corpus and settings, returns a :class:`CheckResult`. Only ``reports/`` and
the CLI write anything. (The optional claim cache writes its own SQLite file, see
:mod:`checker.cache`; it is off unless ``CheckSettings.use_cache`` is set.)

Extraction is a pure function of (article text, metadata, options) to picklable claims, so
it runs per article, in any order, in a process pool (``jobs``) or from the cache; entity
grouping then runs once over all claims, in corpus order, so that the result does not depend
on ``jobs`` or on what came from the cache.
"""

from __future__ import annotations

import dataclasses
import math
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from .align import Alignment
from .cache import (
    POSITION_FIELDS,
    SHARED_FIELDS,
    ArticleExtraction,
    CacheStats,
    ClaimCache,
    article_key,
    code_version,
    open_cache,
    share_story,
)
from .events import EventIndex, MentionSketch, build_events, prune_events, sketch_mentions
from .extractors import ExtractOptions, extract_bounded, group_entities, load_extractors
from .extractors.entities import PairMemo
from .findings import Finding, replace_finding, sort_findings
from .forkpool import fork_context, fork_map
from .gcpause import gc_paused
from .model import Article, Claim, ClaimKind, Corpus, Diagnostic
from .stories import StoryIndex, build_stories
from .storyfeatures import StoryFeatures, story_features
from .units import DEFAULT_UNITS, UnitTable

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

    from rules.base import Rule, RuleContext

Span = tuple[int, int]


@dataclass(frozen=True)
class CheckSettings:
    extract: ExtractOptions = field(default_factory=ExtractOptions)
    units: UnitTable = DEFAULT_UNITS
    event_window_days: int = 21
    jobs: int = 1
    """Processes extracting claims (and threads comparing name spellings): 1 extracts in this
    process; 0 (or less) means one per core (:func:`default_jobs`). The result is identical
    whatever the number."""
    use_cache: bool = False
    """Read and write the per-article claim cache (:mod:`checker.cache`)."""
    cache_dir: str | None = None
    """Directory of the claim cache; ``None``: :func:`checker.cache.default_cache_dir`
    (``.factlint-cache`` in the working directory, never inside a corpus directory)."""
    aliases: Mapping[str, str] = field(default_factory=dict)
    """Configured entity aliases: name -> canonical name (``[aliases]`` of the config)."""


@dataclass
class Extraction:
    """The claims of a corpus (entity names grouped across it) with what event detection
    needs again (each article's content sentences) and how the run went."""

    claims: list[Claim]
    sentences: dict[str, tuple[Span, ...]] = field(default_factory=dict)
    sketches: dict[str, tuple[MentionSketch, ...]] = field(default_factory=dict)
    """Each article's event mentions as extraction sketched them (on these claims, in this order)."""
    stories: dict[str, StoryFeatures] = field(default_factory=dict)
    """What story building reads of each article alone, as extraction read it."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    """Warnings of the cache and errors of articles whose extraction failed (never raised)."""
    cache: CacheStats | None = None
    """Hits and misses when the cache was used."""
    jobs: int = 1
    """Processes that actually ran the extraction."""
    keys: dict[str, str] = field(default_factory=dict)
    """Each article's claim cache key, when the cache was used (what rules that read blocks of
    the corpus key the blocks they keep with)."""

    def by_article(self, corpus: Corpus) -> dict[str, list[Claim]]:
        out: dict[str, list[Claim]] = {a.id: [] for a in corpus.articles}
        for claim in self.claims:
            out.setdefault(claim.article, []).append(claim)
        return out


@dataclass
class CheckResult:
    corpus: Corpus
    claims: list[Claim]
    events: EventIndex
    findings: list[Finding]
    rules: list[Rule]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    """Problems of the run itself (cache warnings, failed extractions); the CLI prints them."""
    cache: CacheStats | None = None
    stories: StoryIndex = field(default_factory=lambda: StoryIndex([], {}))
    """The articles grouped by the happening they report (:mod:`checker.stories`)."""


def default_jobs() -> int:
    """One extraction process per core available to this process."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


# Below this many articles to extract per process, a pool costs more than it saves.
MIN_ARTICLES_PER_JOB = 16
# Fresh extractions are written to the cache in batches of this many, as the run goes.
CACHE_BATCH = 500


def _extract_one(article: Article, options: ExtractOptions) -> ArticleExtraction | str:
    """Claims and content-sentence spans of one article, or the reason extraction failed."""
    from .doc import Doc

    try:
        doc = Doc.from_article(article)
        found, truncated = extract_bounded(doc, options)
        claims = _share_sentences(found)
        spans = tuple(doc.nt.to_original(s.start, s.end) for s in doc.content_sentences())
        if truncated and claims:  # what extraction read: up to the sentence of the last claim kept
            last = max(c.sentence_start for c in claims)
            spans = tuple(span for span in spans if span[0] <= last)
        mentions = sketch_mentions(article, claims, spans)
        story = story_features(article, claims)
    except Exception as exc:  # a bug met on odd input must not stop the run
        return f"extraction failed ({type(exc).__name__}: {exc}); no claims from this article"
    return ArticleExtraction(claims, spans, mentions, truncated, story)


def _share_sentences(claims: Sequence[Claim]) -> tuple[Claim, ...]:
    """The claims with one string object per sentence (equal values, shared): an article's
    claims each carry their sentence, and on a large corpus the copies cost more memory than
    everything else, in this process and in what a pool worker sends back."""
    _share_values(claims, {}, ("sentence",))
    return tuple(claims)


def _share_values(claims: Sequence[Claim], shared: dict[object, object],
                  names: Sequence[str] = SHARED_FIELDS) -> None:
    """Give equal strings and string tuples of fresh claims one object each, the objects of
    ``shared``: by default in the fields the cache decoder shares (:data:`checker.cache.SHARED_FIELDS`,
    with the same ``shared`` dictionary), so that claims extracted in this run and claims read
    from the cache share them. Fresh claims are held by nobody else yet: swapping in an equal
    object changes no value."""
    share = shared.setdefault
    for claim in claims:
        for name in names:
            value = getattr(claim, name)
            if type(value) is str or type(value) is tuple:
                same = share(value, value)
                if same is not value:
                    object.__setattr__(claim, name, same)


def _share_offsets(claims: Sequence[Claim], numbers: dict[int, int]) -> None:
    """Give the claims equal offsets and line/column numbers as one object each, the objects of
    ``numbers``, as :func:`checker.cache.decode` does (an int above 256 is an object of its own,
    and a pool worker's claims arrive with one per field). Only ints are keys here: equal keys
    are equal values of one type."""
    share = numbers.setdefault
    for claim in claims:
        for name in _OFFSET_FIELDS:
            value = getattr(claim, name)
            if type(value) is int:
                same = share(value, value)
                if same is not value:
                    object.__setattr__(claim, name, same)


_OFFSET_FIELDS = (*POSITION_FIELDS, "sentence_start")


def _share_story(extraction: ArticleExtraction, shared: dict[object, object]) -> ArticleExtraction:
    """The extraction with each word of its story features the object of ``shared``, as the
    cache decoder gives them (:func:`checker.cache.share_story`)."""
    if extraction.story is None:
        return extraction
    share = cast(Callable[[str, str], str], shared.setdefault)
    return dataclasses.replace(extraction, story=share_story(extraction.story, share))


def _extract_chunk(articles: Sequence[Article], options: ExtractOptions) -> list[ArticleExtraction | str]:
    return [_extract_one(a, options) for a in articles]


def _pool_context() -> BaseContext | None:
    return fork_context()


class _Runner:
    """Extracts articles in order, in a process pool when there are enough of them, yielding
    each result as soon as it is there (so that the cache is written as the run goes)."""

    def __init__(self, options: ExtractOptions, jobs: int, diagnostics: list[Diagnostic]) -> None:
        self.options, self.jobs, self.diagnostics = options, jobs, diagnostics
        self.used_jobs = 1

    def run(self, articles: Sequence[Article]) -> Iterator[ArticleExtraction | str]:
        jobs = min(self.jobs, math.ceil(len(articles) / MIN_ARTICLES_PER_JOB)) if articles else 1
        done = 0
        if articles:
            load_extractors()  # in this process, before any fork: workers share the compiled patterns
        if jobs > 1:
            from concurrent.futures import ProcessPoolExecutor
            from concurrent.futures.process import BrokenProcessPool
            from itertools import repeat

            chunk = max(1, min(64, math.ceil(len(articles) / (jobs * 4))))
            chunks = [articles[i:i + chunk] for i in range(0, len(articles), chunk)]
            try:
                with ProcessPoolExecutor(max_workers=jobs, mp_context=_pool_context()) as pool:
                    self.used_jobs = jobs
                    for out in pool.map(_extract_chunk, chunks, repeat(self.options)):
                        for result in out:
                            done += 1
                            yield result
                return
            except (OSError, BrokenProcessPool, ImportError) as exc:
                self.used_jobs = 1
                self.diagnostics.append(Diagnostic(
                    "<jobs>", f"process pool unavailable, extracting in one process: {exc}", "warning"))
        for article in articles[done:]:
            yield _extract_one(article, self.options)


def extract_articles(
    corpus: Corpus, settings: CheckSettings | None = None, progress: Callable[[int], None] | None = None,
    cache: ClaimCache | None = None,
) -> Extraction:
    """Claims of every article of ``corpus``: from the cache when ``settings.use_cache`` and the
    entry is current, else extracted (``settings.jobs`` processes); entity names grouped across
    the corpus. ``progress`` is called with the number of articles done as they finish.

    ``cache``: an open claim cache to use (whatever ``settings`` say of the cache), which the
    caller closes; its warnings so far come with the extraction's diagnostics."""
    with gc_paused():
        return _extract_articles(corpus, settings or CheckSettings(), progress, cache)


def _extract_articles(corpus: Corpus, cfg: CheckSettings, progress: Callable[[int], None] | None,
                      given: ClaimCache | None = None) -> Extraction:
    options = cfg.extract
    jobs = cfg.jobs if cfg.jobs > 0 else default_jobs()
    diagnostics: list[Diagnostic] = []
    articles = corpus.articles
    done: dict[str, ArticleExtraction] = {}
    stats: CacheStats | None = None
    cache = None
    keys: dict[str, str] = {}
    shared: dict[object, object] = {}  # one object per distinct quote, modifier and attribute tuple
    numbers: dict[int, int] = {}  # one object per offset, line and column number
    if given is not None or cfg.use_cache:
        cache = given if given is not None else open_cache(cfg.cache_dir, corpus.roots)
        keys = {a.id: article_key(a, options) for a in articles}
        found = cache.get_many(list(keys.values()), {keys[a.id]: a.text for a in articles}, shared, numbers)
        done = {aid: found[key] for aid, key in keys.items() if key in found}
        if progress and done:
            progress(len(done))
    todo = [a for a in articles if a.id not in done]
    runner = _Runner(options, jobs, diagnostics)
    fresh: list[tuple[str, str, ArticleExtraction, str]] = []
    for article, result in zip(todo, runner.run(todo), strict=True):
        if progress:
            progress(1)
        if isinstance(result, str):
            diagnostics.append(Diagnostic(article.path, result, "error"))
            done[article.id] = ArticleExtraction((), (), ())
            continue
        _share_values(result.claims, shared)
        _share_offsets(result.claims, numbers)
        result = _share_story(result, shared)
        done[article.id] = result
        if cache is not None:
            fresh.append((keys[article.id], article.id, result, article.text))
            if len(fresh) >= CACHE_BATCH:
                cache.put_many(fresh)
                cache.prune({aid: key for key, aid, _, _ in fresh})
                fresh = []
    claims: list[Claim] = []
    for article in articles:
        extraction = done[article.id]
        claims.extend(extraction.claims)
        if extraction.truncated:
            diagnostics.append(Diagnostic(article.path, _truncated_message(extraction.claims, options), "warning"))
    memo = PairMemo(cache.get_pairs() if cache is not None else {})
    grouped = group_entities(claims, options, workers=jobs, memo=memo)
    if cache is not None:
        cache.put_many(fresh)
        cache.prune({aid: key for key, aid, _, _ in fresh})
        cache.put_pairs(memo.used)
        diagnostics.extend(cache.diagnostics)
        stats = cache.stats
        if given is None:
            cache.close()
    return Extraction(
        claims=grouped,
        sentences={aid: ex.sentences for aid, ex in done.items()},
        sketches={aid: ex.mentions for aid, ex in done.items() if ex.mentions is not None},
        stories={aid: ex.story for aid, ex in done.items() if ex.story is not None},
        diagnostics=diagnostics,
        cache=stats,
        jobs=runner.used_jobs,
        keys=keys,
    )


def _truncated_message(claims: Sequence[Claim], options: ExtractOptions) -> str:
    last = max(claims, key=lambda c: c.start, default=None)
    where = f" (up to line {last.line}, column {last.column})" if last is not None else ""
    return (f"more than {options.max_claims} claims (max-claims-per-article): only the first "
            f"{options.max_claims}{where} are checked")


def extract_corpus(
    corpus: Corpus, options: ExtractOptions, progress: Callable[[int], None] | None = None
) -> list[Claim]:
    """Claims of every article of ``corpus`` in one process, without the cache."""
    return extract_articles(corpus, CheckSettings(extract=options), progress).claims


def apply_aliases(claims: Sequence[Claim], aliases: Mapping[str, str]) -> list[Claim]:
    """Entities whose canonical name (or text) is a configured alias take the configured name."""
    out: list[Claim] = []
    for claim in claims:
        if claim.kind is ClaimKind.ENTITY:
            target = aliases.get(claim.canonical or claim.text) or aliases.get(claim.text)
            if target and target != claim.canonical:
                claim = dataclasses.replace(claim, canonical=target)
        out.append(claim)
    return out


def run_check(
    corpus: Corpus,
    rules: Sequence[Rule] | None = None,
    settings: CheckSettings | None = None,
    claims: Sequence[Claim] | None = None,
    progress: Callable[[int], None] | None = None,
    extraction: Extraction | None = None,
    cache: ClaimCache | None = None,
) -> CheckResult:
    """Check ``corpus``: extract its claims (or take ``claims``, or an ``extraction`` made by
    :func:`extract_articles`, through the open ``cache`` if given), align them, find events and
    run the rules."""
    with gc_paused():
        return _run_check(corpus, rules, settings or CheckSettings(), claims, progress, extraction, cache)


def _run_check(
    corpus: Corpus,
    rules: Sequence[Rule] | None,
    cfg: CheckSettings,
    claims: Sequence[Claim] | None,
    progress: Callable[[int], None] | None,
    extraction: Extraction | None,
    cache: ClaimCache | None = None,
) -> CheckResult:
    from rules import RuleContext, select_rules
    from rules.base import BlockMemo

    active = list(rules) if rules is not None else select_rules()
    made_here = extraction is None
    if extraction is None:
        extraction = Extraction(list(claims)) if claims is not None else extract_articles(corpus, cfg, progress, cache)
    all_claims = extraction.claims
    if cfg.aliases:
        all_claims = apply_aliases(all_claims, cfg.aliases)
    alignment = Alignment.build(corpus.articles, all_claims, cfg.units)
    events = build_events(alignment.articles, alignment.by_article, cfg.event_window_days,
                          extraction.sentences or None, extraction.sketches or None)
    if made_here:  # read: an article's sentence spans and sketches are many small tuples, freed for the rest
        extraction.sentences, extraction.sketches = {}, {}
    jobs = cfg.jobs if cfg.jobs > 0 else default_jobs()
    if len(corpus.articles) < PARALLEL_RULES_FROM:
        jobs = 1
    stories = build_stories(corpus.articles, alignment.by_article, jobs=jobs, features=extraction.stories)
    if made_here:
        extraction.stories = {}  # read: their word counts are many small objects, freed for the rules
    store = _block_store(cfg, cache, corpus, extraction)
    memos = {r.code: BlockMemo(store.get_blocks(r.code)) for r in active
             if store is not None and r.code in BLOCK_RULES and type(r).__module__.startswith("rules.")}
    ctx = RuleContext(corpus, all_claims, alignment, events, stories=stories, memos=memos,
                      article_keys=extraction.keys, code_version=code_version() if memos else "")
    findings: list[Finding] = []
    story_of = stories.of_article.get
    for rule, (found, used) in zip(active, _check_rules(ctx, active, jobs), strict=True):
        findings.extend(_with_story(f, story_of) for f in found)
        if store is not None and used is not None and used != memos[rule.code].stored:
            store.put_blocks(rule.code, used, memos[rule.code].stored)
    if store is not None:
        extraction.diagnostics.extend(d for d in store.diagnostics if d not in extraction.diagnostics)
        if store is not cache:
            store.close()
    # Keep the events an editor needs: those findings refer to and those several articles describe.
    mapping = prune_events(events, {f.event for f in findings if f.event})
    findings = [f if f.event is None else replace_finding(f, event=mapping.get(f.event)) for f in findings]
    return CheckResult(corpus, all_claims, events, sort_findings(findings), active, extraction.diagnostics,
                       extraction.cache, stories)


PARALLEL_RULES_FROM = 2000
"""From this many articles on, stories and rules use parallel processes (``--jobs``): on a
small corpus starting the processes costs more than they save."""

BLOCK_RULES = frozenset({"CT01", "CT02", "DT04", "NM01"})
"""The built-in rules that keep what they read of the corpus between runs, in the claim cache:
their findings per block of the corpus, a story, a group of stories or the articles of one name
(:meth:`rules.base.Rule.block_findings`), or what they read of a story or of each article alone
(:meth:`rules.base.Rule.block_readings`)."""


def _block_store(cfg: CheckSettings, cache: ClaimCache | None, corpus: Corpus,
                 extraction: Extraction) -> ClaimCache | None:
    """The claim cache, open, where the rules' blocks are kept: the one given, else the one of
    ``cfg`` when the run uses a cache and every article has its key."""
    if not extraction.keys or any(a.id not in extraction.keys for a in corpus.articles):
        return None
    if cache is not None:
        return cache if cache.enabled else None
    if not cfg.use_cache:
        return None
    store = open_cache(cfg.cache_dir, corpus.roots)
    if store.enabled:
        return store
    extraction.diagnostics.extend(d for d in store.diagnostics if d not in extraction.diagnostics)
    return None


def _check_rules(ctx: RuleContext, rules: Sequence[Rule],
                 jobs: int) -> list[tuple[list[Finding], dict[str, str] | None]]:
    """The findings of each rule, in the order of ``rules``, with the blocks it kept
    (:attr:`RuleContext.memos`; ``None`` for a rule that keeps none): with ``jobs`` > 1, rules
    run at once in forked processes that inherit the context (no copy of the corpus is sent),
    else one by one. The findings are the same either way; without fork, or if a process
    fails, the rules run here."""

    def _rule_findings(index: int) -> tuple[list[Finding], dict[str, str] | None]:
        found = list(rules[index].check(ctx))
        memo = ctx.memos.get(rules[index].code)
        return found, (memo.used if memo is not None else None)

    forked = fork_map(_rule_findings, len(rules), jobs) if jobs > 1 else None
    return forked if forked is not None else [_rule_findings(i) for i in range(len(rules))]


def _with_story(finding: Finding, story_of: Callable[[str], str | None]) -> Finding:
    """The finding with the story its articles belong to (``story_of``, the ``get`` of
    :attr:`StoryIndex.of_article`), when they all belong to one and it names none yet."""
    if finding.story is not None or not finding.claims:
        return finding
    claims = finding.claims
    story = story_of(claims[0].article)
    if story is None:
        return finding
    for evidence in claims:
        if story_of(evidence.article) != story:
            return finding
    return replace_finding(finding, story=story)
