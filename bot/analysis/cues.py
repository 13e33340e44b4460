"""Pressure cues for the English reader, read from the en pack (packs/en.toml) by the pack engine.

Every phrase, trap and modifier (negation, modality, hypothetical, denial, history) is pack data,
composed once by `packread.adjust` (SCHEMA.md); history is judged against the article's own year
(`reference_year`). What stays here is grammar the phrase syntax cannot say: a present-tense headline
verb counts only with a capitalised name right after it ("United sack Ten Hag"), and the
whole-article tests for a voluntary exit and for murmurs aimed at the owners.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.analysis.gate import WordScan
from bot.analysis.packread import UNDATED_FLOOR_YEAR, PackCue, adjust, find_pack_cues, reference_year
from bot.analysis.packs import load_pack
from bot.analysis.text import Doc, Sentence

__all__ = ["Cue", "find_cues", "is_voluntary_exit", "reference_year", "targets_owners"]
HEADLINE_CUE = "headline_verb"  # the id of a "United sack Ten Hag" cue (grammar, not a pack phrase)

# Present-tense headline verbs ("United sack Ten Hag") only count with a name right after them.
# Literal alternation first, so `re` can skip ahead by first letter; the context is checked after.
_VERB_LOW = re.compile(r"(?:sacks|sack|fires|fire|dismisses|dismiss|axes|axe|ousts|oust)\s+")
_NOT_A_NAME = re.compile(r"(?:FC|CF|AFC|SC|United|City)\b")


def _headline_verbs(doc: Doc) -> list[tuple[int, int]]:
    """ "United sack Ten Hag": a present-tense sacking verb with a capitalised name right after it
    (not "Under-fire Leeds", not "Chicago Fire FC")."""
    found = []
    low, text = doc.low, doc.text
    for m in _verbs_at_word_starts(low):
        start, end = m.span()
        if start and (low[start - 1].isalnum() or low[max(0, start - 6) : start] in ("under-", "under ")):
            continue
        nxt = text[end : end + 1]
        if nxt and nxt.isupper() and not _NOT_A_NAME.match(text, end):
            found.append((start, end))
    return found


def _verbs_at_word_starts(low: str) -> list[re.Match[str]]:
    """`_VERB_LOW` matches not glued to a letter or digit before them, as `finditer` would give
    them: a glued match only spans its own word and the spaces after it, so dropping it hides no
    other match; candidates come from the character before them, which `re` skips to in C."""
    found = []
    if _VERB_HEAD.match(low):
        m = _VERB_LOW.match(low)
        if m is not None:
            found.append(m)
    last_end = found[0].end() if found else 0
    for candidate in _VERB_GATE.finditer(low):
        pos = candidate.end()
        if pos < last_end or low[pos - 1].isalnum():
            continue
        m = _VERB_LOW.match(low, pos)
        if m is not None:
            last_end = m.end()
            found.append(m)
    return found


_VERB_HEAD = re.compile(r"(?:sack|fire|dismiss|axe|oust)")
_VERB_GATE = re.compile(r"[^a-z0-9](?=sack|fire|dismiss|axe|oust)")


_VOLUNTARY = WordScan(
    re.compile(
        r"\bleav(?:e|es|ing) (?:[\w-]+ ){0,3}to (?:join|take over at|take charge (?:at|of)|become)\b"
        r"|\bsign(?:s|ed)? (?:a )?new (?:[\w-]+ )?(?:contract|deal)|\bcontract extension"
        r"|\bextended his (?:contract|deal)|"
        r"\b(?:announced?|announces|confirmed|revealed|decided|decision)\b[^.]{0,60}\b(?:will|to|would) "
        r"(?:leave|step down|stand down|depart|retire)\b|\brunning out of energy|\bown decision"
        r"|\bon his own terms"
        r"|\bretire(?:s|d|ment)?\b|\bto leave (?:the club )?at the end of the season|\bfarewell"
        r"|\bgo out on a high"
    ),
    prefilter=True,
)
_OWNER_TARGET = re.compile(
    r"\b(?:owners?|ownership|glazers?|kroenkes?|board|chairman|president|takeover|regime|family)\b"
)
_MANAGER_WORDS = re.compile(
    r"\b(?:manager|boss|head coach|coach|gaffer|he|him|his|the \w+(?:man|ard|ian|ese|ch|ot))\b"
)


@dataclass(frozen=True, slots=True)
class Cue:
    level: int  # after negation/modality/history adjustments; 0 = ignored
    base: int
    phrase: str
    sentence: Sentence
    start: int
    end: int
    id: str = ""  # the pack cue (or HEADLINE_CUE) that matched
    steps: tuple[str, ...] = ()  # the modifiers that changed its level, as packread records them
    denied: bool = False  # a sacking negated or a report of it denied (packread.PackCue.denied)


def find_cues(doc: Doc, year: int = UNDATED_FLOOR_YEAR) -> list[Cue]:
    """Every cue in the article, in text order, each adjusted by its context; `year` is the
    article's own (`reference_year`): years before it are history."""
    pack = load_pack("en")
    read = find_pack_cues(pack, doc, None, now=year)
    taken = [(c.start, c.end) for c in read]
    for start, end in _headline_verbs(doc):
        if any(s <= start < e for s, e in taken):
            continue
        cue = PackCue(HEADLINE_CUE, 3, 3, start, end, doc.sentence_at(start), doc.text[start:end])
        adjust(pack, doc, cue, year)
        read.append(cue)
    read.sort(key=lambda c: c.start)
    return [
        Cue(c.level, c.base, c.phrase.strip(), c.sentence, c.start, c.end, c.id, tuple(c.steps), c.denied)
        for c in read
    ]


def is_voluntary_exit(doc: Doc) -> bool:
    """The manager chose to go (announced departure, retirement) rather than being pushed."""
    return bool(_VOLUNTARY.search(doc.low))


def targets_owners(doc: Doc, cue: Cue) -> bool:
    """A murmur aimed at the owners or board ("pressure mounted for their exit", "Glazers out")."""
    text = doc.low[cue.sentence.start : cue.sentence.end]
    return bool(_OWNER_TARGET.search(text)) and not _MANAGER_WORDS.search(text)
