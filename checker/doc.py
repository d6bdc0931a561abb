"""A prepared article: normalised text, sentences, line index, and the claim factory.

Extractors receive a :class:`Doc`, find spans in ``doc.norm`` (normalised text) and call
:meth:`Doc.claim` with normalised offsets; the factory maps them back to the original
text, computes line and column and fills in the quote and the sentence.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .model import Article, Claim, ClaimKind, new_claim
from .segment import Sentence, split_sentences
from .text import LineIndex, NormText, normalise


@dataclass
class Doc:
    article_id: str
    original: str
    published: dt.date | None
    body_offset: int
    nt: NormText
    sentences: list[Sentence]
    lines: LineIndex
    _body_norm_start: int = field(default=0)

    @property
    def norm(self) -> str:
        return self.nt.norm

    @classmethod
    def from_article(cls, article: Article) -> Doc:
        return cls.from_text(article.text, article.published, article.id, article.body_offset)

    @classmethod
    def from_text(
        cls, text: str, published: dt.date | None = None, article_id: str = "text", body_offset: int = 0
    ) -> Doc:
        nt = normalise(text)
        # First normalised index at or after the body start: the first whose original offset is
        # not before it (the map from normalised to original offsets never decreases).
        body_norm = 0
        if body_offset:
            body_norm = bisect.bisect_left(nt.original_offsets, body_offset, 0, len(nt.norm))
        sentences = split_sentences(nt.norm[body_norm:], body_norm)
        return cls(article_id, text, published, body_offset, nt, sentences, LineIndex(text), body_norm)

    def content_sentences(self) -> Iterator[Sentence]:
        """Sentences that may carry claims (boilerplate lines left out)."""
        return (s for s in self.sentences if not s.boilerplate)

    def claim(self, kind: ClaimKind, start: int, end: int, sentence: Sentence, **fields: Any) -> Claim:
        """Build a claim from a span ``[start, end)`` of the normalised text."""
        return self.claim_in(kind, start, end, *self.original_sentence(sentence), **fields)

    def original_sentence(self, sentence: Sentence) -> tuple[int, str]:
        """The start of ``sentence`` in the original text and its original text: what
        :meth:`claim_in` takes to build the claims of one sentence without mapping it for each."""
        s_start, s_end = self.nt.to_original(sentence.start, sentence.end)
        return s_start, self.original[s_start:s_end]

    def claim_in(self, kind: ClaimKind, start: int, end: int, s_start: int, s_text: str, **fields: Any) -> Claim:
        """:meth:`claim` of a sentence given by :meth:`original_sentence` (``s_start, s_text``)."""
        o_start, o_end = self.nt.to_original(start, end)
        line, column = self.lines.position(o_start)
        text = self.original[o_start:o_end]
        if "\n" in text or "\r" in text:
            end_line, end_column = self.lines.position(max(o_start, o_end - 1))
        else:  # no line starts after o_start within the text: its last character is on its line
            end_line, end_column = line, column + max(0, o_end - 1 - o_start)
        # Claim's first ten fields in order (binding them by position is the quicker)
        return new_claim(kind, self.article_id, o_start, o_end, line, column, end_line, end_column, text, s_text,
                         sentence_start=s_start, **fields)
