"""A pack read on its own, sentence by sentence: which cues fire, which traps swallow them, and the
level each cue ends at once the pack's modifiers around it apply (the effects SCHEMA.md fixes).

This checks the data, so a pack's phrases, traps and markers are pinned even before the engine reads
them; whole-article behaviour is checked through `analyze` by the pack's own [[example]] entries.
"""

from __future__ import annotations

import re

from bot.analysis.packs import Pack, load_pack
from bot.analysis.text import make_doc

_BOUNDARY = re.compile(r"[.!?\n]")
# SCHEMA.md: the first modifier that applies decides; level -> new level.
_EFFECTS = {
    "history": lambda level: 0,
    "voluntary": lambda level: 0 if level == 3 else level,
    "negation": lambda level: 1 if level >= 2 else 0,
    "denial": lambda level: 1 if level >= 2 else level,
    "hypothetical": lambda level: 2 if level == 3 else level,
    "modality": lambda level: 2 if level == 3 else level,
}


def fold(text: str) -> str:
    """The folded text the engine matches phrases on."""
    return make_doc(text).low


def modifiers_at(pack: Pack, low: str, start: int, end: int) -> list[str]:
    """Modifiers whose markers lie within reach of the span, inside its sentence, in pack order."""
    left = max((m.end() for m in _BOUNDARY.finditer(low, 0, start)), default=0)
    right = _BOUNDARY.search(low, end)
    before_words = low[left:start].split()
    after_words = low[end : right.start() if right else len(low)].split()
    found = []
    for name, mod in pack.modifiers.items():
        window_before = " ".join(before_words[-mod.reach_before :]) if mod.reach_before else ""
        window_after = " ".join(after_words[: mod.reach_after])
        hit_before = mod.before is not None and mod.before.search(window_before)
        if hit_before or (mod.after is not None and mod.after.search(window_after)):
            found.append(name)
    return found


def levels(lang: str, text: str) -> dict[str, int]:
    """cue id -> the highest level it ends at in `text` (cues inside a trap are dropped)."""
    pack = load_pack(lang)
    low = fold(text)
    trapped = [(m.start(), m.end()) for trap in pack.traps for m in trap.regex.finditer(low)]
    out: dict[str, int] = {}
    for cue in pack.cues:
        for m in cue.regex.finditer(low):
            if any(s <= m.start() and m.end() <= e for s, e in trapped):
                continue
            level = cue.level
            for name in modifiers_at(pack, low, m.start(), m.end()):
                if name in _EFFECTS:
                    level = _EFFECTS[name](level)
                    break
            out[cue.id] = max(out.get(cue.id, 0), level)
    return out


def level(lang: str, text: str) -> int:
    return max(levels(lang, text).values(), default=0)


def marked(lang: str, text: str, modifier: str) -> bool:
    """The modifier applies to some cue in `text`."""
    pack = load_pack(lang)
    low = fold(text)
    spans = [(m.start(), m.end()) for cue in pack.cues for m in cue.regex.finditer(low)]
    return any(modifier in modifiers_at(pack, low, start, end) for start, end in spans)


def frames(lang: str, text: str) -> set[str]:
    """Kinds of the frames that match somewhere in `text`."""
    low = fold(text)
    return {f.kind for f in load_pack(lang).frames if f.regex.search(low)}


def gaps(lang: str, text: str) -> set[str]:
    low = fold(text)
    return {kind for kind, regex in load_pack(lang).claims.items() if regex.search(low)}


def other_sport(lang: str, text: str) -> bool:
    pack = load_pack(lang)
    # finditer: the one method both the compiled and the letter-gated patterns offer.
    return pack.sport_other is not None and next(pack.sport_other.finditer(fold(text)), None) is not None


def successors(lang: str, text: str) -> list[str]:
    """The successors `analyze` reads in `text` with the shipped pack (registry included)."""
    from bot.analysis import analyze
    from bot.registry.loader import load_registry

    got = analyze(text, lang=lang, registry=load_registry())
    return sorted(s.name for s in got.successors)
