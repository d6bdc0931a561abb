"""Readable listing of ``factlint extract``: every claim with its place and normalised value."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.table import Table
from rich.text import Text

from checker.model import Claim, Corpus
from checker.wording import plural

from .terminal import literal, make_console

KIND_STYLE = {"quantity": "cyan", "duration": "magenta", "date": "green", "entity": "yellow"}


def describe_value(claim: Claim) -> str:
    """A short human reading of a claim's normalised value."""
    parts: list[str] = []
    if claim.kind.value == "entity":
        return claim.canonical or claim.text
    low, high = claim.low, claim.high
    lo = "−∞" if low is None else _fmt(low)
    hi = "+∞" if high is None else _fmt(high)
    if low is not None and low == high:
        parts.append(lo)
    else:
        left = "(" if claim.low_open or low is None else "["
        right = ")" if claim.high_open or high is None else "]"
        parts.append(f"{left}{lo}, {hi}{right}")
    if claim.unit:
        parts.append(claim.unit)
    if claim.granularity:
        parts.append(f"({claim.granularity.value})")
    if claim.subject:
        parts.append(f"· {claim.subject}")
    if claim.relative:
        parts.append(f"· relative to {claim.anchor or 'unknown date'}")
    return " ".join(parts)


def _fmt(value: float | str) -> str:
    if isinstance(value, float):
        return f"{int(value):,}" if value.is_integer() else f"{value:,.4g}"
    return str(value)


def render_extract_rich(
    corpus: Corpus, claims: Mapping[str, Sequence[Claim]], output: str | None = None, color: str = "auto"
) -> None:
    handle = open(output, "w", encoding="utf-8") if output else None  # noqa: SIM115
    try:
        console = make_console(handle, "never" if handle else color)
        for article in corpus.articles:
            found = claims.get(article.id, ())
            header = Text()
            header.append(article.id, style="bold")
            header.append(f"  {article.path}", style="dim")
            header.append(f"  {article.published.isoformat() if article.published else 'undated'}")
            if article.title:
                header.append("  ")
                header.append_text(literal(article.title, "italic"))
            console.print(header)
            table = Table(show_header=True, header_style="bold", box=None, pad_edge=False, expand=False)
            table.add_column("line:col", no_wrap=True)
            table.add_column("kind", no_wrap=True)
            table.add_column("quote")
            table.add_column("value")
            for claim in found:
                table.add_row(
                    f"{claim.line}:{claim.column}",
                    Text(claim.kind.value, style=KIND_STYLE.get(claim.kind.value, "")),
                    literal(claim.text),
                    literal(describe_value(claim)),
                )
            if found:
                console.print(table)
            console.print(Text(plural(len(found), "claim"), style="dim"))
            console.print()
    finally:
        if handle:
            handle.close()
