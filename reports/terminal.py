"""Shared helpers for terminal output: safe text and a configured rich console."""

from __future__ import annotations

import os
import sys
from typing import IO, Any

import regex
from rich.console import Console
from rich.text import Text

# C0/C1 control characters (but tab and newline), ESC sequences and bidi overrides.
_CONTROL = regex.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI sequences
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC sequences (terminal links, titles)
    r"|\x1b."  # other escapes
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"  # controls, bidi overrides
)


def clean(text: str) -> str:
    """Article text made safe for a terminal: control and escape sequences removed."""
    return str(_CONTROL.sub("", text))


def literal(text: str, style: str = "") -> Text:
    """Article text as a rich ``Text``: shown literally, never read as markup."""
    return Text(clean(text), style=style)


def make_console(output: IO[str] | None = None, color: str = "auto", **kwargs: Any) -> Console:
    no_color = color == "never" or (color == "auto" and "NO_COLOR" in os.environ)
    force = True if color == "always" else None
    return Console(
        file=output or sys.stdout,
        no_color=no_color,
        force_terminal=force,
        color_system=None if no_color else "auto",
        highlight=False,
        emoji=False,
        **kwargs,
    )


_SPACES = regex.compile(r"\s+")


def one_line(text: str) -> str:
    """Text on one line: every run of whitespace (newlines, tabs) becomes one space."""
    return str(_SPACES.sub(" ", text)).strip()
