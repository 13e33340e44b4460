"""Text preparation: normalise punctuation, drop page noise, split into sentences with offsets.

Every later stage works on one `Doc`: the cleaned text, its sentences as spans, and a folded copy
of the same length (so a regex match on the folded text maps back to the original by offset).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache


def _words(text: str) -> frozenset[str]:
    """A word set written as one readable block of text."""
    return frozenset(text.split())


_PUNCT = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201b": "'",
        "\u02bc": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2012": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u200b": " ",
        "\ufeff": " ",
        "\u2022": "\n",
        "\u25cf": "\n",
        "\u2026": ".",
        "\t": " ",
        "\r": "\n",
    }
)

# Letters that NFKD does not decompose into a base letter + mark.
_FOLD_EXTRA = str.maketrans(
    {"ø": "o", "ß": "s", "ł": "l", "đ": "d", "æ": "a", "œ": "o", "ı": "i", "þ": "t", "ð": "d"}
)

_NOISE_LINE = re.compile(
    r"^\s*(?:(?:Deprecated|Warning|Notice|Fatal error): .* on line \d+"
    r"|Article continues below|ADVERTISEMENT|Advertisement|Editors' Picks|Powered by"
    r"|Related News:.*|Read more:.*|READ MORE:.*|Follow us on.*|Síguenos en.*)\s*$",
    re.MULTILINE,
)
# Cheap test for "is there any page noise at all" before the multi-line noise regex runs.
_NOISE_HINT = re.compile(
    r"on line \d|Article continues|ADVERTISEMENT|Advertisement|Editors' Picks|Powered by|Related News"
    r"|Read more|READ MORE|Follow us|Síguenos"
)
# Literals one of which every `_NOISE_HINT` match starts with (a plain substring test is faster).
_NOISE_NEEDLES = (
    "on line ", "Article continues", "ADVERTISEMENT", "Advertisement", "Editors' Picks", "Powered by",
    "Related News", "Read more", "READ MORE", "Follow us", "Síguenos",
)  # fmt: skip
_URLS = re.compile(r"\b(?:https?://|www\.|pic\.twitter\.com/)\S+")
_SPACES = re.compile(r"[ ]{2,}")

_ABBREV = _words(
    """
    mr mrs ms dr st vs v no jr sr fc ac inc ltd co corp gen lt col sgt prof rev fig jan feb mar apr
    jun jul aug sep sept oct nov dec a.m p.m u.s u.k e.g i.e etc approx est
    """
)
# A run of [.!?] (not begun mid-run) before a capitalised word, or a line break. Written to start with
# the set [.!?\n] so `re` skips ahead to those rare characters instead of trying every position.
_SENT_END = re.compile(
    r"[.!?\n](?:(?<![.!?][.!?])(?<=[.!?])[.!?]*+[\"')\]]*(?=\s+[\"'(\[]?[A-Z0-9À-Þ#@])|(?<=\n)[\s\n]*)"
)
# A single line break ends a sentence only after a short, headline-like line; else it is wrapping.
_NEWLINE = re.compile(r"\n(?=[^\n\s\-*#])")


def _unwrap(text: str) -> str:
    """Join lines that were hard-wrapped mid-sentence (the line before is long and unfinished)."""

    def join(m: re.Match[str]) -> str:
        pos = m.start()
        line_start = text.rfind("\n", 0, pos) + 1
        if pos - line_start >= 60 and text[pos - 1] not in ".!?:\"'":
            return " "
        return "\n"

    return _NEWLINE.sub(join, text)


@lru_cache(maxsize=32768)
def fold(text: str) -> str:
    """Accent- and case-insensitive form (may change length; use `fold_keep` to keep offsets)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD_EXTRA))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _one_char(ch: str) -> str:
    folded = fold(ch)
    return folded[0] if len(folded) == 1 else (folded[:1] or " ")


# One character in, one character out, for Latin, Greek, Cyrillic and Latin Extended Additional.
_KEEP_TABLE = {
    code: _one_char(chr(code))
    for code in (*range(0x41, 0x5B), *range(0xC0, 0x530), *range(0x1E00, 0x1F00))
    if _one_char(chr(code)) != chr(code)
}


_KEEP_CHARS = {chr(code): folded for code, folded in _KEEP_TABLE.items()}
# Characters whose folded form is itself folded again by the table ("Ǣ" -> "æ"): replacing one
# character at a time would then depend on order, so texts holding them take the plain translate.
_KEEP_CHAINED = frozenset(ch for ch, folded in _KEEP_CHARS.items() if ord(folded) in _KEEP_TABLE)


def fold_keep(text: str) -> str:
    """Fold character by character so the result has exactly the same length as `text`.

    `str.translate` is fast only on ASCII text; on anything else it looks every character up, so
    there the few distinct characters that fold are replaced one by one instead (same result).
    """
    if text.isascii():
        return text.translate(_KEEP_TABLE)
    present = _KEEP_CHARS.keys() & set(text)
    if present & _KEEP_CHAINED:
        return text.translate(_KEEP_TABLE)
    for ch in present:
        text = text.replace(ch, _KEEP_CHARS[ch])
    return text


# `str.translate` looks up every character of a non-ASCII text; a replace per character that is
# present is much faster, and the same, since no replacement is itself replaced.
_PUNCT_PAIRS = tuple((chr(code), out) for code, out in _PUNCT.items())
_ASCII_PUNCT_PAIRS = tuple((ch, out) for ch, out in _PUNCT_PAIRS if ch.isascii())  # tab, CR


def clean(text: str) -> str:
    """Uniform quotes/dashes/spaces, no URLs or CMS warning lines: what a reader would see."""
    for ch, out in _ASCII_PUNCT_PAIRS if text.isascii() else _PUNCT_PAIRS:
        if ch in text:
            text = text.replace(ch, out)
    if any(map(text.__contains__, _NOISE_NEEDLES)) and _NOISE_HINT.search(text):
        text = _NOISE_LINE.sub("", text)
    if "http" in text or "www." in text or "pic.twitter" in text:
        text = _URLS.sub(" ", text)
    return _SPACES.sub(" ", text) if "  " in text else text


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Doc:
    """The cleaned article: `text`, a same-length folded `low`, and its sentences in order."""

    text: str
    low: str
    sentences: list[Sentence]
    starts: list[int] = field(default_factory=list)
    # The capitalised name runs of `text` (names.doc_name_runs), found once for every reader.
    name_spans: list[tuple[int, int]] | None = None

    def sentence_at(self, pos: int) -> Sentence:
        """The sentence containing character offset `pos`."""
        i = bisect_right(self.starts, pos) - 1  # never past the last sentence: starts has one per sentence
        return self.sentences[i if i > 0 else 0]


def _is_abbreviation(text: str, end: int) -> bool:
    """True when the full stop at `end` closes an abbreviation or an initial, not a sentence."""
    space = text.rfind(" ", 0, end)
    word = text[space + 1 : end]
    if word.replace(".", "").isalpha():  # the common case: letters (and dots) back to a space
        j = space + 1
    else:
        j = end
        while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
            j -= 1
    word = text[j:end].lower().rstrip(".")
    return len(word) == 1 or word in _ABBREV


def split_sentences(text: str) -> list[Sentence]:
    """Sentences (and headline/bullet lines) with their offsets into `text`."""
    out: list[Sentence] = []
    start = 0
    for m in _SENT_END.finditer(text):
        if text[m.start()] == "." and _is_abbreviation(text, m.start()):
            continue
        _append(out, text, start, m.end())
        start = m.end()
    _append(out, text, start, len(text))
    return out


def _append(out: list[Sentence], text: str, start: int, end: int) -> None:
    """The span without surrounding whitespace (`str.strip`'s notion of it), when anything is left."""
    span = text[start:end]
    body = span.strip()
    if body:
        start += len(span) - len(span.lstrip())
        out.append(Sentence(len(out), start, start + len(body), body))


def make_doc(text: str, title: str | None = None) -> Doc:
    """Clean the article (title first, as its own sentence) and split it."""
    body = _unwrap(clean(text))
    if title:
        head = clean(title).strip()
        if head and not body.lstrip().startswith(head):
            body = head + "\n" + body
    sentences = split_sentences(body)
    return Doc(body, fold_keep(body), sentences, [s.start for s in sentences])


def trie_pattern(words: list[str]) -> str:
    """A regex alternation of literal `words` shaped as a character trie.

    Python's `re` tries alternatives one by one, so a flat list of hundreds of names costs that many
    attempts per position; nested by common prefix, each position costs only its shared prefix.
    """
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_pattern(root)


def _node_pattern(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
    branches = [re.escape(char) + _node_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "(?:" + body + ")?" if "" in node else body
