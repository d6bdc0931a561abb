"""Real article texts for the benchmarks: the seed articles, ECB+ and MEANTIME.

The evaluation data is read in place from ``../shared/external`` (never copied into the
repository). ECB+ and MEANTIME ship tokenised text; it is joined back into plain prose
with simple detokenisation rules, one paragraph per sentence.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXTERNAL = ROOT.parent / "shared" / "external"
SEEDS = ROOT / "seeds"
ECBPLUS = EXTERNAL / "ecbplus" / "ECB+"
MEANTIME = EXTERNAL / "meantime" / "MEANTIME-prep" / "output_data" / "en" / "meantime.conll"

_NO_SPACE_BEFORE = {".", ",", ":", ";", "!", "?", ")", "]", "}", "%", "'s", "n't", "'re", "'ve", "'ll", "'d", "'m",
                    "''", "'"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "#"}
_DIGIT_POINT = re.compile(r"(?:^|\s)\d+[.:]$")  # "6." + "1" is "6.1", "1:" + "28PM" is "1:28PM"
_HYPHEN = re.compile(r"(?<=\w) - (?=\w)")


@dataclass(frozen=True)
class SourceArticle:
    name: str
    text: str
    published: dt.date | None
    origin: str  # "seed", "ecbplus" or "meantime"


def detokenise(tokens: Iterable[str]) -> str:
    out: list[str] = []
    quote_open = False
    for tok in tokens:
        tok = tok.replace("``", '"').replace("''", '"') if tok in ("``", "''") else tok
        if not out:
            out.append(tok)
            continue
        prev = out[-1]
        if tok == '"':
            if quote_open:
                out[-1] = prev + tok
            else:
                out.append(" " + tok if not prev.endswith(("(", " ")) else tok)
            quote_open = not quote_open
            continue
        glue = tok in _NO_SPACE_BEFORE or prev.endswith(tuple(_NO_SPACE_AFTER)) or \
            (prev.endswith('"') and quote_open and prev.strip() == '"') or \
            (tok[:1].isdigit() and _DIGIT_POINT.search(prev) is not None)
        out.append(tok if glue else " " + tok)
    return _HYPHEN.sub("-", "".join(out))


def seed_articles() -> list[SourceArticle]:
    manifest = tomllib.loads((SEEDS / "corpus.toml").read_text("utf-8"))
    meta = manifest.get("articles", {})
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        published = meta.get(path.name, {}).get("published")
        out.append(SourceArticle(path.stem, path.read_text("utf-8"), published, "seed"))
    return out


def ecbplus_articles(limit: int | None = None) -> Iterator[SourceArticle]:
    if not ECBPLUS.is_dir():
        return
    files = sorted(ECBPLUS.glob("*/*.xml"), key=lambda p: (int(p.parent.name), p.name))
    for n, path in enumerate(files):
        if limit is not None and n >= limit:
            return
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError:
            continue
        sentences: dict[int, list[str]] = {}
        for tok in root.iter("token"):
            sentences.setdefault(int(tok.get("sentence", "0")), []).append(tok.text or "")
        skip_first = path.name.endswith("ecbplus.xml")  # sentence 0 is the source URL
        paras = [detokenise(toks) for s, toks in sorted(sentences.items()) if not (skip_first and s == 0)]
        paras = [p for p in paras if p.strip()]
        text = "\n".join(paras) + "\n"
        published = next((d for d in map(_dateline, paras[:3]) if d is not None), None)
        yield SourceArticle(f"ecb_{path.stem}", text, published, "ecbplus")


_MONTH_DAY_YEAR = re.compile(r"^(January|February|March|April|May|June|July|August|September|October|November|"
                             r"December) (\d{1,2}) ?, (\d{4})$")


def _dateline(line: str) -> dt.date | None:
    """The publication date of a dateline such as "May 03, 2013"."""
    m = _MONTH_DAY_YEAR.match(line.strip())
    if not m:
        return None
    try:
        return dt.date(int(m.group(3)), dt.datetime.strptime(m.group(1), "%B").month, int(m.group(2)))
    except ValueError:
        return None


def meantime_articles() -> Iterator[SourceArticle]:
    if not MEANTIME.is_file():
        return
    doc: str | None = None
    sentences: dict[int, list[str]] = {}

    def flush() -> SourceArticle | None:
        if doc is None or not sentences:
            return None
        paras = [detokenise(toks) for _, toks in sorted(sentences.items())]
        published = _dateline(paras[1]) if len(paras) > 1 else None
        name = "mt_" + doc.replace("/", "_").replace("corpus_", "")
        return SourceArticle(name, "\n".join(paras) + "\n", published, "meantime")

    with MEANTIME.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#begin document"):
                art = flush()
                if art:
                    yield art
                doc = line.split("(", 1)[1].split(")", 1)[0]
                sentences = {}
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 4 or line.startswith("#"):
                continue
            sentences.setdefault(int(parts[1]), []).append(parts[3])
    art = flush()
    if art:
        yield art


def all_sources(ecb_limit: int | None = None) -> list[SourceArticle]:
    return [*seed_articles(), *ecbplus_articles(ecb_limit), *meantime_articles()]
