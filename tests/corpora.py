"""Turn the real corpora in ``../shared/external`` into factlint articles (for tests and evals).

Nothing here is copied into the repository: the functions write plain-text articles (with a
front-matter block for their metadata) into a directory the caller owns, usually a temporary one.

- :func:`ecbplus_topic_articles`: ECB+ token XML (one token per element, a sentence number on
  each) detokenised into one line per sentence. ECB+ pairs two similar events per topic (the
  ``ecb`` and the ``ecbplus`` halves). The corpus has no metadata; an article that states its
  publication date in a dateline near its top ("Updated: November 11, 2011") gets it as its
  publication date, the others stay undated.
- :func:`aquaint_embassy_articles`: the TimeML AQUAINT reports of August 1998 on the US embassy
  bombings in Nairobi and Dar es Salaam, with their creation time as publication date.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from itertools import groupby
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXTERNAL = ROOT.parent / "shared" / "external"
ECBPLUS = EXTERNAL / "ecbplus" / "ECB+"
AQUAINT = EXTERNAL / "tempeval3" / "data" / "TempEval3" / "Training" / "TBAQ-cleaned" / "AQUAINT"

_NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}’”]|'s\b|n't\b|'re\b|'ll\b|'ve\b|'d\b|'m\b|’s\b)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$“‘]) ")
_SPLIT_NUMBER = re.compile(r"(\d)(,) (\d{3})(?!\d)|(?<!\d\d\d)(\d)(\.) (\d)(?!\d)|(\d)(:) (\d\d)(?!\d)")
_SPLIT_ABBREVIATION = re.compile(r"\b([a-zA-Z])\. ([a-zA-Z])\.")
_HYPHEN = re.compile(r"(?<=\w) - (?=\w)")
_URL_LINE = re.compile(r"^(?:https?\s*:\s*/|www\s*\.)", re.IGNORECASE)


def detokenise(tokens: Iterable[str]) -> str:
    """Join word tokens into readable text: no space before closing punctuation or clitics."""
    text = " ".join(t for t in tokens if t)
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    text = _NO_SPACE_AFTER.sub(r"\1", text)
    # Straight double quotes: attach the opening one to the next word, the closing one to the last.
    parts = text.split(' " ')
    if len(parts) > 1:
        rebuilt = parts[0]
        for i, part in enumerate(parts[1:], start=1):
            rebuilt += (' "' if i % 2 else '" ') + part
        text = rebuilt
    # ECB+ splits "1,500", "6.1" and "1:45" into three tokens.
    text = _SPLIT_NUMBER.sub(lambda m: "".join(g for g in m.groups() if g), text)
    text = _SPLIT_ABBREVIATION.sub(r"\1.\2.", text)
    # ECB+ splits hyphenated words into three tokens ("90 - day"): glue them back.
    return _HYPHEN.sub("-", text)


def _front_matter(**meta: str | None) -> str:
    lines = ["---"]
    for key, value in meta.items():
        if value:
            escaped = value.replace("\\", "\\\\").replace('"', '\\"')
            lines.append(f'{key}: "{escaped}"')
    lines.append("---")
    return "\n".join(lines) + "\n"


def ecbplus_sentences(path: Path) -> list[str]:
    root = ET.parse(path).getroot()
    sentences = []
    for _, group in groupby(root.iter("token"), key=lambda t: t.get("sentence")):
        sentences.append(detokenise((t.text or "").strip() for t in group))
    return sentences


_DATELINE_WORDS = frozenset("""published updated posted first last on at am pm a m p edt est et pdt pst cdt cst
gmt bst ist utc by time""".split())


def dateline(lines: list[str]) -> str | None:
    """The publication date an article states in a short line near its top ("May 3, 2013
    2:00pm EDT", "First Published: June 13, 2013", "Updated: November 11, 2011 18:50 IST")."""
    from checker import extract_text
    from checker.model import ClaimKind, Granularity

    for line in lines:
        if len(line) > 80:
            continue
        for claim in extract_text(line):
            if claim.kind is ClaimKind.DATE and claim.granularity is Granularity.DAY and not claim.relative:
                rest = line[:claim.start] + " " + line[claim.end:]
                words = re.findall(r"[A-Za-z]+", rest)
                if all(w.lower() in _DATELINE_WORDS or w[0].isupper() for w in words):
                    return str(claim.low)
    return None


def ecbplus_topic_articles(topic: str, dest: Path, use_datelines: bool = True) -> list[Path]:
    """Write the articles of one ECB+ topic into ``dest``; returns the paths written.

    With ``use_datelines``, an article that states its publication date in a dateline near
    its top gets it as metadata (as a newsroom's corpus would have it); the others stay undated.
    """
    written = []
    for xml in sorted((ECBPLUS / topic).glob("*.xml")):
        sentences = ecbplus_sentences(xml)
        url = None
        if sentences and _URL_LINE.match(sentences[0]):
            url = sentences.pop(0).replace(" ", "")
        title = sentences[0] if sentences else None
        body = "\n".join(sentences)
        published = dateline(sentences[:4]) if use_datelines else None
        target = dest / f"{xml.stem}.txt"
        target.write_text(_front_matter(title=title, source=f"ECB+ {xml.name}", url=url, published=published)
                          + body + "\n", "utf-8")
        written.append(target)
    return written


def _tml_text(element: ET.Element | None) -> str:
    return "".join(element.itertext()) if element is not None else ""


def aquaint_embassy_articles(dest: Path, month: str = "199808") -> list[Path]:
    """Write the AQUAINT reports of ``month`` that speak of the embassy bombings into ``dest``."""
    written = []
    for tml in sorted(AQUAINT.glob(f"*{month}*.tml")):
        root = ET.parse(tml).getroot()
        text = _tml_text(root.find("TEXT"))
        if "embass" not in text.lower():
            continue
        dct = root.find("DCT/TIMEX3")
        published = dct.get("value", "")[:10] if dct is not None else None
        title = " ".join(_tml_text(root.find("TITLE")).split()) or None
        source = tml.name[:3]
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
        body = "\n\n".join(p for p in paragraphs if p)
        target = dest / f"{tml.stem}.txt"
        target.write_text(_front_matter(title=title, source=source, published=published) + body + "\n", "utf-8")
        written.append(target)
    return written
