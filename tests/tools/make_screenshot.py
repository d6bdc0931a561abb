"""Regenerate ``docs/seeds-report.svg``: the terminal report of the seed corpus as a screenshot.

    python tests/tools/make_screenshot.py [OUTPUT]

Runs ``factlint check seeds/ --color always`` at 100 columns (through the CLI, in this
process), reads its ANSI output back into rich and saves the recording as SVG. File links are
dropped so that the picture does not depend on where the repository is checked out.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from pathlib import Path

from rich.console import Console
from rich.style import Style
from rich.text import Span, Text

from checker.cli import main

ROOT = Path(__file__).resolve().parents[2]
WIDTH = 100


def report_ansi() -> str:
    previous = os.getcwd()
    os.environ["COLUMNS"] = str(WIDTH)
    os.environ.pop("NO_COLOR", None)
    buffer = io.StringIO()
    try:
        os.chdir(ROOT)
        with contextlib.redirect_stdout(buffer):
            main(["check", "seeds/", "--color", "always"])
    finally:
        os.chdir(previous)
    return buffer.getvalue()


def without_links(text: Text) -> Text:
    def unlink(style: str | Style) -> str | Style:
        return style.update_link(None) if isinstance(style, Style) and style.link else style

    text.spans = [Span(s.start, s.end, unlink(s.style)) for s in text.spans]
    return text


def make_svg(ansi: str) -> str:
    console = Console(record=True, width=WIDTH, file=io.StringIO(), force_terminal=True, color_system="truecolor",
                      legacy_windows=False)
    for line in ansi.splitlines():
        console.print(without_links(Text.from_ansi(line)), no_wrap=True, overflow="ignore", crop=False)
    return console.export_svg(title="factlint check seeds/")


def write(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(make_svg(report_ansi()), "utf-8", newline="\n")


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "seeds-report.svg"
    write(target)
    print(f"wrote {target}")
