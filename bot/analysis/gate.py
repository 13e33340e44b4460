"""Fast scanning for big phrase alternations: a literal-prefix trie finds candidates, then the full
pattern is tried only there.

Python's `re` tries every branch of an alternation at every word start, so a cue list of 100
phrases costs 100 attempts per word. Every branch of our cue patterns begins with literal text
("sacked", "vote of confidence", "(has|have) been ..."), so the set of possible first letters of a
match is small and known: a trie of those prefixes rejects almost every word in one step.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from typing import Any

from bot.analysis.text import trie_pattern

# The stdlib's own regex parser (typeshed has no stubs for these private modules).
_p: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")
_WORD_START = r"(?<![a-z0-9])"


def _seq_prefixes(items: list[Any]) -> list[str] | None:
    """Literal prefixes of a parsed sequence; None when it can start with something non-literal."""
    if not items:
        return [""]
    op, av = items[0]
    rest = items[1:]
    if op is _c.LITERAL:
        tails = _seq_prefixes(rest)
        head = chr(av)
        return [head] if tails is None else [head + t for t in tails]
    if op is _c.SUBPATTERN:
        return _join(_seq_prefixes(list(av[-1])), rest)
    if op is _c.BRANCH:
        found: list[str] = []
        for alternative in av[1]:
            sub = _seq_prefixes(list(alternative))
            if sub is None:
                return None
            found += sub
        return _join(found, rest)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] == 0:
        inner = _seq_prefixes(list(av[2]))
        after = _seq_prefixes(rest)
        if inner is None or after is None:
            return None
        return inner + after
    if op is _c.AT and av is _c.AT_BOUNDARY:
        return _seq_prefixes(rest)
    return None


def _join(heads: list[str] | None, rest: list[Any]) -> list[str] | None:
    """Heads of a group; extended with what follows only when a head is empty (an optional group)."""
    if heads is None:
        return None
    if all(heads):
        return heads
    after = _seq_prefixes(rest)
    if after is None:
        return None
    return [h for h in heads if h] + after


def _needles(pattern: str) -> tuple[str, ...] | None:
    """Literal strings one of which every match contains (its possible literal prefixes, minus those
    that contain a shorter one); None when some match may start with something non-literal."""
    prefixes = _seq_prefixes(list(_p.parse(pattern)))
    if prefixes is None or not all(prefixes):
        return None
    out: list[str] = []
    for prefix in sorted(set(prefixes), key=len):
        if not any(shorter in prefix for shorter in out):
            out.append(prefix)
    return tuple(out)


# The word separator every pack phrase compiles to (packs/phrases.py); in a gate prefix it stands for
# one character, `_SEP`, so a prefix can run on past it ("en la cuerda" instead of "en").
_SEP_PATTERN = r"[\s\-]+"
_SEP = "\x01"
_SEP_ITEM = list(_p.parse(r"[\s\-]"))
_MAX_GATE_PREFIXES = 2048  # past this many, a sequence's prefixes stop growing (the gate stays small)
_MAX_GATE_CHARS = 24  # a prefix this long already rejects nearly every word


def gate_prefixes(body: str) -> list[str] | None:
    """Regex prefixes, one of which every match of `body` starts with, as long as the literal text
    and word separators allow (`_SEP` marks a separator); None when a match may start otherwise."""
    found = _gate_seq(list(_p.parse(body)))
    if found is None or not all(p for p, _complete in found):
        return None
    return [p for p, _complete in found]


def _gate_seq(items: list[Any]) -> list[tuple[str, bool]] | None:
    """(prefix, complete) pairs for a parsed sequence: `complete` when the prefix is a whole match
    of it, so what follows the sequence may be appended; None when it may start non-literally."""
    if not items:
        return [("", True)]
    op, av = items[0]
    rest = items[1:]
    if op is _c.LITERAL:
        return _gate_cat([(chr(av), True)], rest)
    if op is _c.SUBPATTERN:
        return _gate_cat(_gate_seq(list(av[-1])), rest)
    if op is _c.BRANCH:
        found: list[tuple[str, bool]] = []
        for alternative in av[1]:
            sub = _gate_seq(list(alternative))
            if sub is None:
                return None
            found += sub
        return _gate_cat(found, rest)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] == 0:
        inner = _gate_seq(list(av[2]))
        after = _gate_seq(rest)
        if inner is None or after is None:
            return None
        once = _gate_cat(inner, rest) if av[1] == 1 else [(p, False) for p, _c2 in inner]
        return None if once is None else once + after
    if op is _c.MAX_REPEAT and av[0] >= 1 and list(av[2]) == _SEP_ITEM:
        return _gate_cat([(_SEP, True)], rest)
    if op is _c.AT and av is _c.AT_BOUNDARY:
        return _gate_seq(rest)
    return [("", False)]


def _gate_cat(heads: list[tuple[str, bool]] | None, rest: list[Any]) -> list[tuple[str, bool]] | None:
    """`heads` followed by the prefixes of `rest` where a head is complete (bounded in number and
    length; past the bound the heads stand as they are)."""
    if heads is None:
        return None
    if not rest or not any(complete for _h, complete in heads):
        return heads
    if all(len(h) >= _MAX_GATE_CHARS for h, _complete in heads):
        return [(h, False) for h, _complete in heads]
    tails = _gate_seq(rest)
    if tails is None:
        return [(h, False) for h, _complete in heads] if all(h for h, _complete in heads) else None
    out: list[tuple[str, bool]] = []
    for head, complete in heads:
        if complete:
            out += [(head + tail, done) for tail, done in tails]
        else:
            out.append((head, False))
        if len(out) > _MAX_GATE_PREFIXES:
            return [(h, False) for h, _complete in heads]
    return out


class Prefiltered:
    """`search` like the compiled `pattern`, but first asks `str.__contains__` (a fast C scan) whether
    any literal every match must contain is there at all; for rare phrases it usually is not."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.needles = _needles(pattern.pattern) if not pattern.flags & re.IGNORECASE else None

    def search(self, text: str) -> re.Match[str] | None:
        if self.needles is not None and not any(map(text.__contains__, self.needles)):
            return None
        return self.pattern.search(text)


class GatedPattern:
    """`finditer` like `re.compile(r"(?<![a-z0-9])(?:" + body + ")").finditer`, only faster.

    With `prefilter`, a text holding none of the literals a match must contain is not scanned at
    all (worth it for short lists of rare phrases, not for long cue lists that usually match)."""

    def __init__(self, body: str, *, prefilter: bool = False) -> None:
        self.full = re.compile(_WORD_START + "(?:" + body + ")")
        self.needles = _needles(body) if prefilter else None
        prefixes = gate_prefixes(body)
        if prefixes is None:
            self.gate: re.Pattern[str] | None = None
        else:
            trie = trie_pattern(sorted(set(prefixes))).replace(re.escape(_SEP), _SEP_PATTERN)
            # Word starts are found from the character before them: a pattern that opens with a
            # character set lets `re` skip ahead in C to the next space or punctuation mark.
            self.gate = re.compile("[^a-z0-9](?=" + trie + ")")
            self.head = re.compile(trie)  # a candidate at offset 0 has no character before it
        self.by_char = _by_first_char(body, self.full)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self.needles is not None and not any(map(text.__contains__, self.needles)):
            return
        if self.gate is None:
            yield from self.full.finditer(text)
            return
        last_end = 0
        by_char, full = self.by_char, self.full
        if self.head.match(text) is not None:
            m = by_char.get(text[0], full).match(text)
            if m is not None:
                last_end = max(m.end(), 1)
                yield m
        for candidate in self.gate.finditer(text):
            pos = candidate.end()
            if pos < last_end:
                continue
            m = by_char.get(text[pos], full).match(text, pos)
            if m is not None:
                last_end = max(m.end(), pos + 1)
                yield m


def _split_top(body: str) -> list[str] | None:
    """`body` cut at its top-level `|` (not inside groups, character sets or escapes); None when a
    `)` closes a group opened before `body`."""
    parts: list[str] = []
    depth, start, i, in_set = 0, 0, 0, False
    while i < len(body):
        char = body[i]
        if char == "\\":
            i += 2
            continue
        if in_set:
            in_set = char != "]"
        elif char == "[":
            in_set = True
            i += 1 + (body[i + 1 : i + 2] == "^")
            i += body[i : i + 1] == "]"  # a "]" first in a set is a literal
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return None
        elif char == "|" and depth == 0:
            parts.append(body[start:i])
            start = i + 1
        i += 1
    parts.append(body[start:])
    return parts


_NAMED = re.compile(r"\(\?P<(\w+)>(.*)\)", re.DOTALL)


def _first_chars(branch: str) -> set[str] | None:
    prefixes = _seq_prefixes(list(_p.parse(branch)))
    return None if prefixes is None or not all(prefixes) else {p[0] for p in prefixes}


def _by_first_char(body: str, full: re.Pattern[str]) -> dict[str, re.Pattern[str]]:
    """One pattern per first character, holding only the branches a match starting with that
    character can take, in their order: at a candidate `re` then skips the other hundred branches.
    A branch that cannot be read keeps its place in every pattern; named groups stay (empty ones as
    a group that never matches), so group names and numbers are those of `full`. Empty when the
    body is not a plain alternation of such branches."""
    units: list[tuple[str | None, list[tuple[str, set[str] | None]]]] = []
    for part in _split_top(body) or [body]:
        named = _NAMED.fullmatch(part)
        inner = _split_top(named.group(2)) if named is not None else None
        if named is not None and inner is not None:
            units.append((named.group(1), [(b, _first_chars(b)) for b in inner]))
        else:
            units.append((None, [(part, _first_chars(part))]))
    chars = {c for _name, branches in units for _b, firsts in branches for c in firsts or ()}
    table: dict[str, re.Pattern[str]] = {}
    for char in sorted(chars):
        pieces = []
        for name, branches in units:
            kept = [b for b, firsts in branches if firsts is None or char in firsts]
            if name is not None:
                pieces.append(f"(?P<{name}>" + ("|".join(kept) if kept else "(?!)") + ")")
            elif kept:
                pieces.append(kept[0])
        pattern = re.compile(_WORD_START + "(?:" + "|".join(pieces) + ")")
        if pattern.groups != full.groups or pattern.groupindex != full.groupindex:
            return {}
        table[char] = pattern
    return table


def _at_word_start(items: list[Any]) -> bool:
    """Every match of the parsed sequence begins with `\\b` (in each branch, if it branches)."""
    if not items:
        return False
    op, av = items[0]
    if op is _c.AT and av is _c.AT_BOUNDARY:
        return True
    if op is _c.SUBPATTERN:
        return _at_word_start(list(av[-1]))
    if op is _c.BRANCH:
        return all(_at_word_start(list(alternative)) for alternative in av[1])
    return False


class WordScan:
    """`finditer` exactly like a compiled pattern whose every match starts with `\\b` and a literal
    word: candidates are found from the non-word character before them (a character-set start that
    `re` skips to in C), and the pattern itself is tried only there."""

    def __init__(self, pattern: re.Pattern[str], *, prefilter: bool = False) -> None:
        self.pattern = pattern
        self.needles = _needles(pattern.pattern) if prefilter else None
        parsed = list(_p.parse(pattern.pattern, pattern.flags))
        prefixes = _seq_prefixes(parsed)
        usable = (
            prefixes is not None
            and all(p[:1].isascii() and p[:1].isalnum() for p in prefixes)
            and _at_word_start(parsed)
            and not pattern.flags & (re.IGNORECASE | re.ASCII)
        )
        self.gate: re.Pattern[str] | None = None
        if usable and prefixes is not None:
            trie = trie_pattern(sorted(set(prefixes)))
            self.gate = re.compile(r"\W(?=" + trie + ")")
            self.head = re.compile(trie)

    def search(self, text: str) -> re.Match[str] | None:
        return next(self.finditer(text), None)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self.needles is not None and not any(map(text.__contains__, self.needles)):
            return
        if self.gate is None:
            yield from self.pattern.finditer(text)
            return
        last_end = 0
        if self.head.match(text) is not None:
            m = self.pattern.match(text)
            if m is not None:
                last_end = max(m.end(), 1)
                yield m
        for candidate in self.gate.finditer(text):
            pos = candidate.end()
            if pos < last_end:
                continue
            m = self.pattern.match(text, pos)
            if m is not None:
                last_end = max(m.end(), pos + 1)
                yield m
