"""The phrase syntax of language packs, compiled to regexes that run in linear time by construction.

A phrase is words separated by spaces (see SCHEMA.md):

    word        a literal word, matched accent- and case-insensitively ("destituido" = "Destituído")
    word*       a word-prefix stem: "destitu*" matches destituido, destituye, destitución
    (a|b c)     alternatives, each a sequence (may nest)
    [a b]       an optional sequence
    ~N          a gap of 0..N arbitrary words (1 <= N <= 8), not at either end
    {list}      any entry of the pack's [lists] table named `list` (or {num}: digits or a number word,
                {year}: a four-digit year)
    {person} / {club}
                a name slot, only as the first or last item: the phrase matches the words around it
                and the reader takes the capitalised name right before (first) or after (last) it

Why linear: the only unbounded repeats are `\\s+` between words and `\\w*+` (possessive) at a stem's
end, never nested, and each is followed by something it cannot match; gaps are bounded
(`{0,N}` of possessive words). No raw regex is accepted from data.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from bot.analysis.text import fold_keep

MAX_GAP = 8
SLOTS = ("person", "club")
_WORD = re.compile(r"[^\W_]+(?:['’\-.&][^\W_]+)*['’]?s?\*?|[^\W_]+\*|[0-9]+", re.UNICODE)
_GAP_WORD = r"(?:[^\s.!?;:]++\s+)"
_SEP = r"[\s\-]+"  # "must win" and "must-win", "nine point" and "nine-point" read alike
_GLUE = frozenset((",", ":", "'s", "'", "’s", "’"))  # written as their own item: "{person} 's side"


class PhraseError(ValueError):
    """A phrase the syntax does not allow; the message says what to write instead."""


@dataclass(frozen=True, slots=True)
class Phrase:
    """One compiled phrase: `regex` runs on the folded text (`Doc.low`)."""

    source: str
    regex: str
    slot: str | None = None  # "person" | "club" when the phrase names someone at one end
    slot_side: str | None = None  # "before": the name precedes the match; "after": it follows
    # The pattern without its word-start check, for scanners that check word starts themselves
    # (gate.GatedPattern); None when the phrase starts with punctuation.
    word_body: str | None = None


@dataclass(frozen=True, slots=True)
class _Part:
    regex: str
    optional: bool = False  # may be absent (an optional group or a gap)
    gap: bool = False
    glue: bool = False  # punctuation (, : 's): no space needed before it


def _tokens(text: str) -> list[str]:
    """Split a phrase into words and the one-character operators ( | ) [ ]."""
    out: list[str] = []
    word = ""
    for ch in text:
        if ch in "()[]|":
            if word:
                out.append(word)
                word = ""
            out.append(ch)
        elif ch.isspace():
            if word:
                out.append(word)
                word = ""
        else:
            word += ch
    if word:
        out.append(word)
    return out


def required_words(source: str) -> tuple[str, ...] | None:
    """Words one of which every match of the phrase contains, folded: a plain word outside groups
    and options, or the alternatives of a top-level `(a|b)` group of plain words (a stem counts by
    its letters before `*`); the choice whose shortest word is longest. None when the phrase has
    none (only lists, numbers, options). A text holding none cannot match: a cheap test first."""
    best: tuple[str, ...] = ()
    depth = 0
    group: list[str] | None = None  # the words of a top-level ( ) group while it is plain
    for tok in _tokens(source):
        if tok == "(" and depth == 0:
            group = []
        elif tok in "([":
            group = None if depth else group
        if tok in "([":
            depth += 1
            continue
        if tok in ")]":
            depth -= 1
            if tok == ")" and depth == 0 and group:
                best = _better(best, tuple(group))
            group = None if depth else group
            continue
        if tok == "|" and depth == 0:
            return None  # alternatives at the top: no word is common to every match
        word = tok[:-1] if tok.endswith("*") else tok
        if depth == 0:
            if word.isalnum():
                best = _better(best, (word,))
        elif depth == 1 and group is not None and tok != "|":
            if word.isalnum():
                group.append(word)
            else:
                group = None
    return tuple(fold_keep(w).lower() for w in best) if best else None


def _better(best: tuple[str, ...], other: tuple[str, ...]) -> tuple[str, ...]:
    """The more selective of two needle sets: the one whose shortest word is longer."""
    return other if not best or min(map(len, other)) > min(map(len, best)) else best


class _Parser:
    def __init__(self, source: str, lists: Mapping[str, str]) -> None:
        self.source = source
        self.lists = lists
        self.tokens = _tokens(source)
        self.pos = 0

    def fail(self, why: str) -> PhraseError:
        return PhraseError(f"phrase {self.source!r}: {why}")

    def sequence(self, closers: str) -> list[_Part]:
        """Parts up to one of `closers` (not consumed) or the end."""
        parts: list[_Part] = []
        while self.pos < len(self.tokens) and self.tokens[self.pos] not in closers:
            tok = self.tokens[self.pos]
            self.pos += 1
            if tok in "([":
                closer = ")" if tok == "(" else "]"
                alternatives = [self.sequence("|" + closer)]
                while self.pos < len(self.tokens) and self.tokens[self.pos] == "|":
                    self.pos += 1
                    alternatives.append(self.sequence("|" + closer))
                self.expect(closer)
                if any(not alt or all(p.optional for p in alt) for alt in alternatives):
                    raise self.fail(
                        f"an empty alternative in {tok} | {closer}; use [ ] for something optional"
                    )
                body = "|".join(_join(alt) for alt in alternatives)
                parts.append(_Part(f"(?:{body})", optional=tok == "["))
            elif tok in ")]|":
                raise self.fail(f"unexpected {tok!r}")
            else:
                parts.append(self.word(tok))
        return parts

    def expect(self, closer: str) -> None:
        if self.pos >= len(self.tokens) or self.tokens[self.pos] != closer:
            raise self.fail(f"missing {closer!r}")
        self.pos += 1

    def word(self, tok: str) -> _Part:
        if tok.startswith("~"):
            if not tok[1:].isdigit() or not 1 <= int(tok[1:]) <= MAX_GAP:
                raise self.fail(f"a gap is ~1 to ~{MAX_GAP}, not {tok!r}")
            return _Part(f"{_GAP_WORD}{{0,{int(tok[1:])}}}", optional=True, gap=True)
        if tok.startswith("{") and tok.endswith("}"):
            name = tok[1:-1]
            if name in SLOTS:
                raise self.fail(f"{{{name}}} may only be the first or last item")
            if name == "year":
                return _Part(r"(?:1[89]|20)[0-9][0-9]")
            if name not in self.lists:
                raise self.fail(f"unknown list {{{name}}} (define it under [lists])")
            return _Part(self.lists[name])
        if tok in _GLUE:
            return _Part(re.escape(tok.replace("’", "'")), glue=True)
        if "{" in tok or "}" in tok or "~" in tok:
            raise self.fail(f"{tok!r} is not a word; placeholders are {{name}} and gaps ~N alone")
        stem = tok.endswith("*")
        literal = fold_keep(tok[:-1] if stem else tok).lower().replace("’", "'")
        if not literal or not _WORD.fullmatch(literal + ("*" if stem else "")):
            raise self.fail(f"{tok!r} is not a word (letters, digits, ' - . & inside a word, * at the end)")
        return _Part(re.escape(literal) + (r"\w*+" if stem else ""))


def _join(parts: list[_Part]) -> str:
    """Words joined by whitespace. An optional part carries its own separator: before it when
    something required came first, after it while only optional parts have been seen."""
    out = ""
    lead = True  # nothing required yet: an optional part is followed by its separator
    for part in parts:
        if part.gap:
            out += _SEP + part.regex  # each gap word ends with its own separator
            lead = True
        elif part.optional:
            out += f"(?:{part.regex}{_SEP})?" if lead else f"(?:{_SEP}{part.regex})?"
        elif part.glue:
            out += part.regex if lead else r"\s*" + part.regex
            lead = False
        else:
            out += part.regex if lead else _SEP + part.regex
            lead = False
    return out


def compile_phrase(source: str, lists: Mapping[str, str]) -> Phrase:
    """One phrase to a `Phrase`, or a PhraseError naming the problem."""
    text = source.strip()
    slot = side = None
    for name in SLOTS:
        mark = "{" + name + "}"
        if text.startswith(mark):
            slot, side, text = name, "before", text[len(mark) :].strip()
        elif text.endswith(mark):
            slot, side, text = name, "after", text[: -len(mark)].strip()
        if slot:
            break
    parser = _Parser(text, lists)
    parser.source = source
    parts = parser.sequence("")
    if parser.pos != len(parser.tokens):
        raise parser.fail(f"unexpected {parser.tokens[parser.pos]!r}")
    if not parts or all(p.optional for p in parts):
        raise parser.fail("needs at least one required word")
    if parts[0].gap or parts[-1].gap:
        raise parser.fail("a gap ~N must sit between words, not at an end")
    body = _join(parts)
    head = "" if parts[0].glue else r"(?<!\w)"
    # A frame may end in an elided word ("joueurs d' {person}"): the name is glued to the apostrophe.
    tail = "" if parts[-1].glue else r"(?:(?<=')|(?!\w))" if side == "after" else r"(?!\w)"
    word_body = None if parts[0].glue else f"(?:{body}){tail}"
    return Phrase(source, rf"{head}(?:{body}){tail}", slot, side, word_body)


def compile_list(name: str, entries: list[str], lists: Mapping[str, str]) -> str:
    """A [lists] entry: an alternation of its phrases (no slots, no gaps at the ends)."""
    parts: list[str] = []
    for entry in entries:
        if "{person}" in entry or "{club}" in entry:
            raise PhraseError(f"list {name}: {entry!r}: name slots are not allowed in lists")
        parser = _Parser(entry, lists)
        seq = parser.sequence("")
        if parser.pos != len(parser.tokens) or not seq or all(p.optional for p in seq):
            raise PhraseError(f"list {name}: {entry!r} is not a phrase with a required word")
        if seq[0].gap or seq[-1].gap:
            raise PhraseError(f"list {name}: {entry!r}: a gap ~N must sit between words")
        parts.append(_join(seq))
    # Longest first, so "head coach" wins over "head" at the same place.
    parts.sort(key=len, reverse=True)
    return "(?:" + "|".join(parts) + ")"
