"""Finds every club and person named in a text with one compiled regex.

Python's `re` tries alternation branches one by one, so thousands of aliases as a flat alternation
would be slow; nesting them as a character trie makes each position cost only its common prefix.
The text is folded one character per character (`fold_letters`), so offsets stay valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Literal

from bot.registry.model import Mention
from bot.registry.names import fold_letters

Target = tuple[Literal["club", "person"], str]
_Trie = dict[str, "_Trie"]  # next character -> subtree; "" marks the end of an alias
_SEPARATORS = re.compile(r"[^0-9a-z]+")
_WORDS = re.compile(r"[^\W\d_]+")
# Lower-case words allowed inside a written name ("Erik ten Hag", "Robin van Persie").
_PARTICLES = frozenset(
    {"van", "von", "de", "der", "den", "ten", "ter", "da", "di", "del", "della", "dos", "das", "do", "du",
     "la", "le", "el", "al", "bin", "y", "t", "of", "and", "e", "d", "s"}
)  # fmt: skip


# Articles a club's nickname may start with ("the Old Lady", "los Blancos", "die Werkself").
_ARTICLES = frozenset(
    {"the", "la", "le", "les", "el", "los", "las", "il", "lo", "gli", "i", "die", "der", "das", "os", "as",
     "l", "a", "de", "des", "du"}
)  # fmt: skip


@lru_cache(maxsize=32768)  # the same names recur article after article
def _written_as_name(kind: str, surface: str) -> bool:
    """Prose capitalises names: "Will Still" is a coach, "will still" is two words; "Spurs" is a club,
    "spurs on" is a verb. People need every word capitalised (particles aside); clubs need their
    first word after any article capitalised ("the Buddies", not "the buddies")."""
    words: list[str] = _WORDS.findall(surface)
    if not words:
        return False
    if kind == "club":
        first = next((w for w in words if w.casefold() not in _ARTICLES), words[0])
        return first[0].isupper()
    return all(w[0].isupper() or w.casefold() in _PARTICLES for w in words)


def _trie_pattern(words: Iterable[str]) -> str:
    """A regex matching exactly `words`, longest first at each branch; a space in a word matches any
    run of characters that are not letters or digits ("St. Pauli", "Brighton & Hove", "Saint-Étienne")."""
    root: _Trie = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_pattern(root)


def _node_pattern(node: _Trie) -> str:
    ends_here = "" in node
    branches = []
    for char in sorted(c for c in node if c):
        atom = "[^0-9a-z]+" if char == " " else re.escape(char)
        branches.append(atom + _node_pattern(node[char]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return "(?:" + body + ")?"
    return body


class MentionFinder:
    """Compiled once per registry from `{folded alias: (kind, key)}` of unambiguous aliases."""

    def __init__(self, aliases: Mapping[str, Target]) -> None:
        self._targets = dict(aliases)
        words = sorted(self._targets)
        pattern = _trie_pattern(words) if words else r"(?!x)x"
        # An alias starts a word: the search opens with the character before it, a plain character
        # set that `re` skips to in C, instead of trying the trie at every letter of every word.
        self._regex = re.compile(r"[^0-9a-z](" + pattern + r")(?![0-9a-z])")
        self._head = re.compile(r"(?:" + pattern + r")(?![0-9a-z])")  # at offset 0, nothing before

    @property
    def aliases(self) -> tuple[str, ...]:
        """The folded spellings searched for, for diagnostics and benchmarks."""
        return tuple(self._targets)

    def find(self, text: str) -> list[Mention]:
        folded = fold_letters(text)
        found: list[Mention] = []
        spans: list[tuple[int, int]] = []
        head = self._head.match(folded)
        if head is not None:
            spans.append(head.span())
        spans.extend(m.span(1) for m in self._regex.finditer(folded, spans[0][1] if spans else 0))
        for start, end in spans:
            matched = folded[start:end]
            target = self._targets.get(matched) or self._targets.get(_SEPARATORS.sub(" ", matched))
            if target is None:
                continue
            surface = text[start:end]
            if _written_as_name(target[0], surface):
                found.append(Mention(target[0], target[1], start, end, surface))
        return found
