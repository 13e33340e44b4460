"""Name folding: one spelling for every way a name is written (accents, case, punctuation, joins).

Folding runs per article and per lookup, so both folds are table-driven (`str.translate`) rather than
per-character Python: the full `fold` is for lookups, the length-preserving `fold_same_length` lets the
mention finder search folded text and report offsets into the original.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that do not decompose under NFKD, spelled the way English-language press writes them.
_SPECIAL = {
    "ø": "o",
    "Ø": "o",
    "ß": "ss",
    "ẞ": "ss",
    "ł": "l",
    "Ł": "l",
    "đ": "d",
    "Đ": "d",
    "ð": "d",
    "Ð": "d",
    "þ": "th",
    "Þ": "th",
    "æ": "ae",
    "Æ": "ae",
    "œ": "oe",
    "Œ": "oe",
    "ı": "i",
    "ħ": "h",
    "Ħ": "h",
}
_NON_WORD = re.compile(r"[\W_]+")


def _fold_char(char: str) -> str:
    if char in _SPECIAL:
        return _SPECIAL[char]
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _build_tables() -> tuple[dict[int, str], dict[int, str]]:
    """Tables over Latin, Greek and Cyrillic: full fold, and a one-char-per-char approximation."""
    full: dict[int, str] = {}
    same: dict[int, str] = {}
    for code in range(0x0000, 0x0530):
        char = chr(code)
        folded = _fold_char(char)
        if not char.isalnum():
            same[code] = " "
            if folded != char:
                full[code] = folded
            continue
        if folded != char:
            full[code] = folded
        one = folded[:1] if folded else " "
        if one != char:
            same[code] = one
    for code in range(0x1E00, 0x1F00):  # Latin Extended Additional (Vietnamese, ẞ, ...)
        char = chr(code)
        full[code] = _fold_char(char)
        same[code] = (full[code] or " ")[:1]
    for char in "‘’‚‛“”„‟–—―‐‑‒…·•«»‹›":
        same[ord(char)] = " "
    return full, same


_FULL, _SAME = _build_tables()


def fold(text: str) -> str:
    """Accent- and case-insensitive form with single spaces: "Barça" -> "barca", "Ødegaard" -> "odegaard"."""
    folded = text.translate(_FULL)
    if not folded.isascii():
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _NON_WORD.sub(" ", folded).strip()


@lru_cache(maxsize=65536)
def squash(text: str) -> str:
    """`fold` without spaces, so joined names ("RealMadrid", "#ManUtd") equal their spaced forms."""
    return fold(text).replace(" ", "")


def fold_same_length(text: str) -> str:
    """Lower-case, accent-free copy of `text` with every non-alphanumeric character turned into a space.

    One output character per input character, so a match's offsets are valid in the original text.
    """
    return text.translate(_SAME)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _fold_one(match: re.Match[str]) -> str:
    char = match.group()
    return _SAME.get(ord(char), char)


def fold_letters(text: str) -> str:
    """Lower-case, accent-free copy of `text`, one output character per input character; ASCII
    punctuation stays, other punctuation (curly quotes, dashes) becomes a space.

    Several times faster than `fold_same_length` on real text: `str.lower` does the ASCII work and
    only the few non-ASCII characters go through the table.
    """
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer ("İ"): take the table
        return text.translate(_SAME)
    if lowered.isascii():
        return lowered
    return _NON_ASCII.sub(_fold_one, lowered)


def fold_alias_same_length(alias: str) -> str:
    """An alias in the form the mention finder searches for: `fold_same_length`, spaces collapsed."""
    return " ".join(fold_same_length(alias).split())
