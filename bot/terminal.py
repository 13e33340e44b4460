"""Text bound for a terminal: feed content and user input may carry escape sequences, so every printer
(CLI, console, log lines) passes text through here first (issue 10 M5/L14)."""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls (ESC/CSI start terminal escapes), and the bidi
# overrides and isolates that make a line read differently from what it holds. One character class:
# linear time on any input.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_BREAKS = re.compile("[\t\n]+")


def printable(text: str) -> str:
    """`text` without control characters; tabs and line breaks stay (answers have several lines)."""
    return _UNSAFE.sub("", text)


def one_line(text: str) -> str:
    """`text` as one printable line, for error messages that may echo what someone typed."""
    return _BREAKS.sub(" ", printable(text)).strip()
