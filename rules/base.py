"""The rule interface: a small class with explicit metadata and one pure method.

A rule never prints, reads files or formats text for a terminal: it receives a
:class:`RuleContext` (corpus, claims, aligned topics, events, options) and yields
:class:`~checker.findings.Finding` objects built with :meth:`Rule.finding`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import inspect
import json
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

import regex

from checker.findings import Evidence, Finding, Severity, Status, fingerprint, new_finding
from checker.model import Claim, ClaimKind
from checker.ruleapi import (
    Frame,
    StoryIndex,
    background,
    build_stories,
    continues,
    frame_of,
    reference_date,
)

from .compare import shown

if TYPE_CHECKING:
    from checker.model import Corpus
    from checker.ruleapi import Alignment, EventIndex


@dataclass(frozen=True, slots=True)
class Option:
    """A typed rule option with its default and a one-line description."""

    name: str
    type: type
    default: Any
    description: str

    def coerce(self, value: Any) -> Any:
        """Check a configured value; raises ``TypeError`` naming what was expected."""
        if self.type is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if self.type is bool and not isinstance(value, bool):
            raise TypeError(f"expected true or false, got {value!r}")
        if not isinstance(value, self.type):
            raise TypeError(f"expected {self.type.__name__}, got {type(value).__name__} {value!r}")
        return value


T = TypeVar("T")

_EVIDENCE_ORDER = operator.attrgetter("article", "start", "end")
"""The order of the evidence of a finding."""

_CANONICAL = operator.attrgetter("canonical")


class BlockMemo:
    """What one rule found in each block of the corpus it reads apart (a story, for the count
    rules), kept between runs by the claim cache (table ``rule_blocks``).

    A block is kept under a digest of everything its findings depend on
    (:meth:`RuleContext.block_key`): a run after a small change finds the unchanged blocks
    here and reads again only the others. ``stored`` is what the last run kept (JSON text by
    key); ``used`` what this run read or made, which the engine keeps in its place."""

    def __init__(self, stored: Mapping[str, str] | None = None) -> None:
        self.stored: Mapping[str, str] = stored or {}
        self.used: dict[str, str] = {}

    def recall(self, key: str, decode: Callable[[Any], T | None]) -> T | None:
        """``decode`` of the JSON value kept under ``key``, then kept for the next run too;
        ``None`` when there is none, it is not JSON, or ``decode`` refuses it (``None``)."""
        data = self.stored.get(key)
        if data is None:
            return None
        try:
            value = decode(json.loads(data))
        except ValueError:
            return None
        if value is not None:
            self.used[key] = data
        return value

    def put(self, key: str, value: Any) -> None:
        self.used[key] = json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True, slots=True)
class FindingSpec:
    """A finding as a rule that reads blocks makes it (:meth:`Rule.block_findings`): the
    arguments of :meth:`Rule.finding`, with the claims whose event the finding names (the
    first of them that has one) in place of the event id, which is numbered corpus-wide."""

    status: Status
    topic: str
    message: str
    claims: Sequence[Claim]
    confidence: float
    fact: tuple[str, ...]
    event_of: Sequence[Claim] = ()
    severity: Severity | None = None
    values: Sequence[str] | None = None
    """The normalised values the fingerprint names (by default the displayed value of each claim)."""
    shown_as: Callable[[Claim], str] = shown
    """The value shown for each claim (its normalised value by default)."""
    fingerprint_articles: Sequence[str] | None = None
    """The articles the fingerprint names when not those of the evidence."""


@dataclass
class RuleContext:
    corpus: Corpus
    claims: Sequence[Claim]
    alignment: Alignment
    events: EventIndex
    options: Mapping[str, Any] = field(default_factory=dict)
    stories: StoryIndex | None = None
    """The stories of the corpus (built from the claims when not given)."""
    _by_kind: dict[ClaimKind, list[Claim]] | None = field(default=None, init=False, repr=False, compare=False)
    _frames: dict[int, tuple[Claim, Frame | None]] = field(default_factory=dict, init=False, repr=False,
                                                           compare=False)
    """Frames by ``id`` of the claim, with the claim: held, it keeps its ``id`` (a claim a rule
    made for a moment, freed, would leave its ``id`` to the next one, which would find its frame)."""
    _frames_read: dict[tuple[object, ...], Frame | None] = field(default_factory=dict, init=False, repr=False,
                                                                 compare=False)
    """Frames by what :func:`frame_of` reads of a claim (:func:`_frame_key`): a figure a corpus
    repeats word for word (a wire report run by several outlets) is framed once."""
    _background: dict[int, tuple[Claim, bool]] = field(default_factory=dict, init=False, repr=False,
                                                        compare=False)
    """Whether a claim is background, by ``id`` of the claim, with the claim (as :attr:`_frames`)."""
    _background_read: dict[tuple[str, str, int | None, str | None], bool] = field(
        default_factory=dict, init=False, repr=False, compare=False)
    """:func:`background` by what it reads: a claim's sentence and quote, the year and the sentence before."""
    _written: dict[str, dt.date | None] = field(default_factory=dict, init=False, repr=False, compare=False)
    _shared: frozenset[str] | None = field(default=None, init=False, repr=False, compare=False)
    _shared_claims: dict[ClaimKind, dict[str, list[Claim]]] = field(default_factory=dict, init=False, repr=False,
                                                                     compare=False)
    _when: dict[str, dt.date | None] = field(default_factory=dict, init=False, repr=False, compare=False)
    _story_dates: dict[str, dt.date | None] = field(default_factory=dict, init=False, repr=False, compare=False)
    """Each article's date (publication, else dateline), once read."""
    _story_articles: dict[str, Sequence[str]] | None = field(default=None, init=False, repr=False, compare=False)
    memos: Mapping[str, BlockMemo] = field(default_factory=dict)
    """What rules that read blocks found in each block in the last run, by rule code (empty:
    every block is read)."""
    article_keys: Mapping[str, str] = field(default_factory=dict)
    """Each article's claim cache key: a digest of its text, id, metadata, the extract options
    and the extractor version (what its claims are made of)."""
    code_version: str = ""
    """A digest of the code of the engine and the rules (:func:`checker.cache.code_version`)."""
    _states: dict[str, bytes | None] = field(default_factory=dict, init=False, repr=False, compare=False)
    _key_heads: dict[tuple[str, ...], Any] = field(default_factory=dict, init=False, repr=False, compare=False)
    """The digest of what a block key of a rule (and its ``extra``) holds besides the articles."""

    def article(self, article_id: str) -> Any:
        return self.alignment.articles.get(article_id)

    def block_key(self, rule: Rule, articles: Sequence[str], *extra: str) -> str | None:
        """A digest of everything a rule's findings in a block of these articles depend on, or
        ``None`` when it cannot be told (an article without a cache key): the code and the
        rule's settings, ``extra`` (what else of the configuration the rule reads), and per
        article its claims (through its cache key: its text, id and metadata) and what the
        corpus makes of them: the grouped names of its entities (aliases applied) and the
        counted thing of each figure. Not in it: events, numbered corpus-wide (a rule that
        reads blocks names them through :attr:`FindingSpec.event_of`), and where the article
        is read from (the evidence of a kept finding is made again from the article as it is
        read now)."""
        head = (rule.code, *extra)
        prefix = self._key_heads.get(head)
        if prefix is None:
            prefix = self._key_heads[head] = hashlib.sha256(json.dumps(
                [self.code_version, rule.code, rule.effective_severity.value, rule.values, extra],
                sort_keys=True, default=str, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        digest = prefix.copy()
        for article in sorted(articles):
            state = self._article_state(article)
            if state is None:
                return None
            digest.update(state)
        return digest.hexdigest()

    def _article_state(self, article_id: str) -> bytes | None:
        """The digest of an article as :meth:`block_key` reads it (once per article)."""
        if article_id in self._states:
            return self._states[article_id]
        key = self.article_keys.get(article_id)
        article = self.alignment.articles.get(article_id)
        state = None
        if key is not None and article is not None:
            claims = self.alignment.by_article.get(article_id, ())
            thing, quantity = self.alignment.thing, ClaimKind.QUANTITY
            state = hashlib.sha256(json.dumps(
                [article_id, key, list(map(_CANONICAL, claims)), [thing(c) for c in claims if c.kind is quantity]],
                ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")).digest()
        self._states[article_id] = state
        return state

    def claims_of(self, kind: ClaimKind) -> Sequence[Claim]:
        """The claims of one kind, in the order of :attr:`claims` (sorted out once for all
        rules: most claims are entities, and a rule about figures need not look at them)."""
        if self._by_kind is None:
            self._by_kind = {k: [] for k in ClaimKind}
            add = {k: found.append for k, found in self._by_kind.items()}
            for claim in self.claims:
                add[claim.kind](claim)
        return self._by_kind[kind]

    def shared_claims(self, kind: ClaimKind) -> Mapping[str, Sequence[Claim]]:
        """The claims of one kind of the articles that share their story with others
        (:meth:`alone` is false), by the id of their story, each story's in the order of
        :attr:`claims` (sorted out once for all rules: the count rules compare the figures of
        a story's articles, and only those)."""
        found = self._shared_claims.get(kind)
        if found is None:
            found = self._shared_claims[kind] = {}
            last: str | None = None
            into: list[Claim] | None = None
            for claim in self.claims_of(kind):
                article = claim.article
                if article is not last:  # (an article's claims come together: asked once per article)
                    last = article
                    into = None if self.alone(article) else found.setdefault(self.story_of(article), [])
                if into is not None:
                    into.append(claim)
        return found

    def story_of(self, article: str) -> str:
        """The id of the story an article belongs to (the article's own id when it is in none)."""
        if self.stories is None:
            self.stories = build_stories(list(self.alignment.articles.values()), self.alignment.by_article)
        return self.stories.story_of(article) or article

    def story_articles(self, story: str) -> Sequence[str] | None:
        """The articles of the story of id ``story`` (``None`` when no story has that id; the
        first story of the id when several have it), looked up in an index built once."""
        if self._story_articles is None:
            self.story_of(story)  # builds the stories when not given
            assert self.stories is not None
            self._story_articles = {}
            for found in self.stories.stories:
                self._story_articles.setdefault(found.id, found.articles)
        return self._story_articles.get(story)

    def alone(self, article: str) -> bool:
        """Is the article the only one of its story? (Nothing of it is compared across articles.)"""
        if self._shared is None:
            self.story_of(article)
            assert self.stories is not None
            self._shared = frozenset(a for story in self.stories.stories if len(story.articles) > 1
                                     for a in story.articles)
        return article not in self._shared

    def frame(self, claim: Claim) -> Frame | None:
        """The fact frame of a quantity (computed once per claim)."""
        known = self._frames.get(id(claim))
        if known is not None and known[0] is claim:
            return known[1]
        thing = self.alignment.thing(claim)
        read = _frame_key(claim, thing)
        if read in self._frames_read:
            frame = self._frames_read[read]
        else:
            frame = self._frames_read[read] = frame_of(claim, thing)
        self._frames[id(claim)] = (claim, frame)
        return frame

    def background(self, claim: Claim) -> bool:
        """Does the claim's sentence tie it to another happening than its article's story?
        (Computed once per claim: several rules ask.)"""
        known = self._background.get(id(claim))
        if known is not None and known[0] is claim:
            return known[1]
        value = self._read_background(claim)
        self._background[id(claim)] = (claim, value)
        return value

    def written(self, article_id: str) -> dt.date | None:
        """When an article was written: its publication date, else its dateline's (computed once
        per article)."""
        if article_id not in self._written:
            article = self.alignment.articles.get(article_id)
            self._written[article_id] = (reference_date(article, self.alignment.by_article.get(article_id, ()))
                                         if article else None)
        return self._written[article_id]

    def _read_background(self, claim: Claim) -> bool:
        if claim.article not in self._when:
            self._when[claim.article] = self.written(claim.article) or self._story_date(claim.article)
        when = self._when[claim.article]
        previous = self._previous_sentence(claim) if continues(claim.sentence) else None
        year = when.year if when is not None else None
        key = (claim.sentence, claim.text, year, previous)
        known = self._background_read.get(key)
        if known is None:
            known = self._background_read[key] = background(claim, year, previous)
        return known

    def _story_date(self, article_id: str) -> dt.date | None:
        """The earliest date at which an article of the article's story was written: the time
        an undated article of the story tells of (computed once per story)."""
        story = self.story_of(article_id)
        if story not in self._story_dates:
            assert self.stories is not None
            found = self.stories.get(story)
            dates = [self.written(aid) for aid in (found.articles if found else ())]
            self._story_dates[story] = min((d for d in dates if d is not None), default=None)
        return self._story_dates[story]

    def _previous_sentence(self, claim: Claim) -> str | None:
        """The sentence before the claim's in its article (within 400 characters), if any."""
        article = self.alignment.articles.get(claim.article)
        if article is None:
            return None
        before = article.text[max(0, claim.sentence_start - 400):claim.sentence_start].rstrip()
        if not before:
            return None
        ends = [m.end() for m in _SENTENCE_END.finditer(before[:-1])]
        return before[ends[-1] if ends else 0:].strip() or None


def _event(ctx: RuleContext, claims: Iterable[Claim]) -> str | None:
    """The id of the event of the first of ``claims`` that has one."""
    events = (ctx.events.event_for(c) for c in claims)
    return next((e.id for e in events if e is not None), None)


def _encode_block(made: Sequence[tuple[FindingSpec, Finding]], lists: Sequence[Sequence[Claim]]) -> list[Any] | None:
    """The findings of a block as JSON values: what :meth:`Rule.finding` made of each, its
    claims in the order of its evidence as a flat list of ``article, index`` pairs into ``lists``
    (the claims of each article of the block) with their values as shown beside, and the
    claims whose event the finding names, as pairs too; ``None`` when a claim is not one of
    ``lists``."""
    at = {id(c): (a, i) for a, claims in enumerate(lists) for i, c in enumerate(claims)}
    try:
        return [[f.status.value, f.severity.value, f.topic, f.message, f.confidence, f.fingerprint,
                 [n for c in sorted(spec.claims, key=_EVIDENCE_ORDER) for n in at[id(c)]],
                 [e.display for e in f.claims], [n for c in spec.event_of for n in at[id(c)]]] for spec, f in made]
    except KeyError:
        return None


def _claims_at(refs: Any, lists: Sequence[Sequence[Claim]]) -> list[Claim] | None:
    """The claims of a flat list of ``article, index`` pairs into ``lists`` (as
    :func:`_encode_block` writes them), or ``None`` when it is not such a list."""
    if type(refs) is not list or len(refs) % 2:
        return None
    out = []
    count = len(lists)
    pairs = iter(refs)
    for a, i in zip(pairs, pairs, strict=False):  # (an even length, checked)
        if type(a) is not int or type(i) is not int or not 0 <= a < count:
            return None
        claims = lists[a]
        if not 0 <= i < len(claims):
            return None
        out.append(claims[i])
    return out


_STATUSES = {status.value: status for status in Status}
_SEVERITIES = {severity.value: severity for severity in Severity}


# The fields of a claim that say where it is (its article, offsets, lines and columns): what
# frame_of reads of them is the claim's offset in its sentence.
_PLACE_FIELDS = frozenset({"article", "start", "end", "line", "column", "end_line", "end_column", "sentence_start"})
_CONTENT = operator.attrgetter(*(f.name for f in dataclasses.fields(Claim) if f.name not in _PLACE_FIELDS))


def _frame_key(claim: Claim, thing: str | None) -> tuple[object, ...]:
    """Everything of a claim but where it is, with its offset in its sentence and its counted
    thing: claims with equal keys have one frame. (The types of the bounds too: ``1`` and
    ``1.0`` are equal keys.)"""
    return (claim.start - claim.sentence_start, thing, type(claim.low), type(claim.high), _CONTENT(claim))


_SENTENCE_END = regex.compile(r"[.!?][\"'”’)]*(?:\s+|$)|\n")


class Rule:
    """Base class of every rule. Subclasses set the metadata and implement :meth:`check`."""

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    groups: ClassVar[tuple[str, ...]] = ()
    consumes: ClassVar[tuple[str, ...]] = ()
    options: ClassVar[tuple[Option, ...]] = ()

    def __init__(self, severity: Severity | None = None, options: Mapping[str, Any] | None = None) -> None:
        self.effective_severity = severity or self.severity
        known = {o.name: o for o in self.options}
        values = {o.name: o.default for o in self.options}
        for key, value in (options or {}).items():
            if key not in known:
                raise KeyError(f"rule {self.code} has no option {key!r} (options: {', '.join(known) or 'none'})")
            values[key] = known[key].coerce(value)
        self.values: dict[str, Any] = values

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        raise NotImplementedError

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    def block_findings(self, ctx: RuleContext, articles: Sequence[str], make: Callable[[], Iterable[FindingSpec]],
                       *extra: str) -> Iterator[Finding]:
        """The findings of one block of the corpus, the claims of ``articles``: those the last
        run kept for the block when nothing they depend on has changed
        (:meth:`RuleContext.block_key`; ``extra``: what else of the configuration ``make``
        reads), else those of ``make``, then kept for the next run. ``make`` reads nothing of
        the corpus but the claims and the articles of the block, and makes findings of their
        claims only."""
        memo = ctx.memos.get(self.code)
        ordered = sorted(articles)
        key = ctx.block_key(self, ordered, *extra) if memo is not None else None
        lists = [ctx.alignment.by_article.get(a, []) for a in ordered] if key is not None else []
        kept = memo.recall(key, partial(self._decode_block, ctx, lists=lists)) if memo and key else None
        if kept is not None:
            yield from kept
            return
        made = [(spec, self._spec_finding(ctx, spec)) for spec in make()]
        if memo is not None and key is not None:
            encoded = _encode_block(made, lists)
            if encoded is not None:
                memo.put(key, encoded)
        yield from (finding for _, finding in made)

    def article_readings(self, ctx: RuleContext, article: str, name: str, read: Callable[[], list[Any]],
                         valid: Callable[[list[Any]], bool]) -> list[Any]:
        """What ``read`` reads of one article alone (a list of JSON values), the reading
        ``name`` of the rule: :meth:`block_readings` of the article alone."""
        return self.block_readings(ctx, [article], name, read, valid)

    def block_readings(self, ctx: RuleContext, articles: Sequence[str], name: str, read: Callable[[], list[Any]],
                       valid: Callable[[list[Any]], bool]) -> list[Any]:
        """What ``read`` reads of a block of the corpus, the claims and articles of
        ``articles`` (a list of JSON values), the reading ``name`` of the rule: what the last run
        kept for the block when nothing of it has changed (:meth:`RuleContext.block_key` of the
        articles) and ``valid`` accepts it, else what ``read`` reads, then kept for the next run.
        ``read`` reads nothing of the corpus but the claims and the articles of the block."""
        memo = ctx.memos.get(self.code)
        key = ctx.block_key(self, articles, "reading", name) if memo is not None else None
        kept = memo.recall(key, lambda value: value if isinstance(value, list) and valid(value) else None) \
            if memo and key else None
        if kept is not None:
            return kept
        value = read()
        if memo is not None and key is not None:
            memo.put(key, value)
        return value

    def _spec_finding(self, ctx: RuleContext, spec: FindingSpec) -> Finding:
        return self.finding(ctx, spec.status, spec.topic, spec.message, spec.claims, spec.confidence, fact=spec.fact,
                            event=_event(ctx, spec.event_of), severity=spec.severity, values=spec.values,
                            shown_as=spec.shown_as, fingerprint_articles=spec.fingerprint_articles)

    def _decode_block(self, ctx: RuleContext, value: Any, *, lists: Sequence[Sequence[Claim]]) -> list[Finding] | None:
        """The findings :func:`_encode_block` kept, or ``None`` when ``value`` is not such a list
        (an entry of another shape, or damaged: the block is read again)."""
        if type(value) is not list:
            return None
        found = []
        articles = ctx.alignment.articles
        evidence = Evidence.of
        try:
            for item in value:
                if type(item) is not list or len(item) != 9:
                    return None
                status, severity, topic, message, confidence, print_, refs, shown, events = item
                if not (type(topic) is str and type(message) is str and type(confidence) in (int, float)
                        and type(print_) is str and type(shown) is list and all(type(d) is str for d in shown)):
                    return None
                claims, named = _claims_at(refs, lists), _claims_at(events, lists)
                if claims is None or named is None or len(claims) != len(shown):
                    return None
                found.append(new_finding(self.code, self.name, _STATUSES[status], _SEVERITIES[severity], topic,
                                         message, confidence, print_, _event(ctx, named),
                                         tuple(evidence(c, articles.get(c.article), display)
                                               for c, display in zip(claims, shown, strict=True))))
        except (KeyError, TypeError, ValueError):
            return None
        return found

    def finding(
        self,
        ctx: RuleContext,
        status: Status,
        topic: str,
        message: str,
        claims: Sequence[Claim],
        confidence: float,
        *,
        fact: Sequence[str],
        event: str | None = None,
        severity: Severity | None = None,
        values: Sequence[str] | None = None,
        shown_as: Callable[[Claim], str] = shown,
        fingerprint_articles: Sequence[str] | None = None,
    ) -> Finding:
        """Build a finding with its evidence and a stable fingerprint.

        ``fact`` is the language-independent key of what is compared (for counts the counted
        thing, unit and role; for event dates and lengths the event family key and the
        attribute): with the rule code, the normalised ``values`` (by default the displayed
        value of each claim) and the articles it makes the fingerprint, which never uses
        ``topic`` or ``message``, so rewording them keeps every baseline valid.
        ``shown_as`` gives the value shown for each claim (its normalised value by default);
        ``fingerprint_articles`` the articles the fingerprint names when not those of the
        evidence."""
        if isinstance(fact, str):  # a str is a Sequence[str]: a topic passed as the fact by mistake
            raise TypeError(f"{self.code}: fact is a sequence of keys, not a string ({fact!r})")
        ordered = sorted(claims, key=_EVIDENCE_ORDER)
        evidence = tuple(Evidence.of(c, ctx.alignment.articles.get(c.article), shown_as(c)) for c in ordered)
        shown = list(values) if values is not None else [e.display for e in evidence]
        if status in (Status.CONFLICT, Status.AGREEMENT, Status.SINGLE_SOURCE, Status.DISTINCT_EVENTS,
                      Status.UNDETERMINED):
            sev = severity or (self.effective_severity if status is Status.CONFLICT else Severity.INFO)
        else:
            sev = severity or self.effective_severity
        return new_finding(
            self.code, self.name, status, sev, topic, message, max(0.0, min(1.0, confidence)),
            fingerprint(self.code, fact, shown, [c.article for c in ordered]
                        if fingerprint_articles is None else fingerprint_articles),
            event, evidence)
