"""A list of pack phrases scanned as one: `Words` (see its docstring)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.analysis.gate import GatedPattern
from bot.analysis.packs.phrases import Phrase, required_words


class Words:
    """A list of phrases as one scan with `search`/`finditer` over a whole string, like a compiled
    regex; gated (gate.GatedPattern) unless a phrase starts with punctuation."""

    def __init__(self, phrases: tuple[Phrase, ...]) -> None:
        self.phrases = phrases
        # A word each phrase needs ("points" in "{num} points behind"): when the text holds none of
        # them, nothing can match and no regex runs (most texts hold no gap claim, no marker).
        needed = [required_words(p.source) for p in phrases]
        self.needles = tuple({w for words in needed if words for w in words}) if all(needed) else None
        self._scan: GatedPattern | re.Pattern[str]
        if all(p.word_body for p in phrases):
            gated = GatedPattern("|".join(str(p.word_body) for p in phrases))
            self._scan, self._first = gated, gated.full
        else:
            self._scan = self._first = re.compile("|".join(f"(?:{p.regex})" for p in phrases))

    def _absent(self, text: str) -> bool:
        return self.needles is not None and not any(map(text.__contains__, self.needles))

    def _windows(self, text: str) -> list[tuple[int, int]] | None:
        """Stretches of a long text around its needed words, merged, where every match must lie
        (a match holds one, and no phrase spans NEEDLE_REACH characters on either side); None
        when the whole text is to be read (short, no needles, or needles everywhere)."""
        if self.needles is None or len(text) < 4 * NEEDLE_REACH:
            return None
        spans: list[tuple[int, int]] = []
        for needle in self.needles:
            at = text.find(needle)
            while at != -1:
                if len(spans) == MAX_WINDOWS:
                    return None
                spans.append((max(0, at - NEEDLE_REACH), at + len(needle) + NEEDLE_REACH))
                at = text.find(needle, at + 1)
        merged: list[tuple[int, int]] = []
        for lo, hi in sorted(spans):
            if merged and lo <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
            else:
                merged.append((lo, hi))
        out = []
        for lo, hi in merged:
            while hi < len(text) and (text[hi].isalnum() or text[hi] == "_"):
                hi += 1  # end on a word boundary, so a match's closing check reads the real text
            out.append((lo, min(hi, len(text))))
        return out

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self._absent(text):
            return iter(())
        if isinstance(self._scan, re.Pattern):
            windows = self._windows(text)
            if windows is not None:
                scan = self._scan
                return (m for lo, hi in windows for m in scan.finditer(text, lo, hi))
        return iter(self._scan.finditer(text))

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        # One C-level search: the gate's Python loop pays off for finding every match, not for the
        # first one, above all when a phrase opens with a common word ("{num}": "un", "a").
        if self._absent(text):
            return None
        if endpos is not None:
            return self._first.search(text, pos, endpos)
        windows = self._windows(text) if pos == 0 else None
        if windows is None:
            return self._first.search(text, pos)
        for lo, hi in windows:
            m = self._first.search(text, lo, hi)
            if m is not None:
                return m
        return None


NEEDLE_REACH = 200  # characters a phrase may span on either side of a word it needs
MAX_WINDOWS = 24  # past this many needle places the whole text is read at once
