"""Which story an article belongs to, and which of its sources are new: pure rules, no I/O.

A story is one event about one manager. An article joins a story of the same manager when it is close
in time (within `WINDOW` of the story's span) and either
- carries the same text as an article already in it (a syndicated copy: it adds no source),
- has a headline like the story's (token-sorted similarity >= `SIMILAR`), or
- is part of the same pressure episode: both below level 3, levels at most one apart, within `EPISODE`
  of the story's last article (Monday's "under pressure" and Tuesday's "crisis talks").
A sacking (level 3) joins an earlier story only through its text or headline, so "sacked" is news of
its own unless the press tells it as the same story, and later level-3 reports join that sacking for
`DECIDED_WINDOW` (the days within which a second outlet confirms it: bot/rumours/confirm.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from rapidfuzz import fuzz

from bot.registry.names import fold
from storage.stories import StoryRow

WINDOW = timedelta(hours=72)
EPISODE = timedelta(hours=48)
DECIDED_WINDOW = timedelta(days=4)
SIMILAR = 70.0
SIGNATURE_WORDS = 300


@dataclass(frozen=True, slots=True)
class Incoming:
    """The parts of a new pressure finding that decide its story."""

    level: int
    title: str
    published: datetime
    copies: frozenset[int] = frozenset()  # ids of candidate stories already holding the same text


def text_signature(text: str) -> str:
    """A fingerprint of an article's words (accents, case and markup spacing ignored)."""
    words = fold(text).split()[:SIGNATURE_WORDS]
    return hashlib.sha1(" ".join(words).encode()).hexdigest() if words else ""


def similarity(title: str, other: str) -> float:
    return float(fuzz.token_sort_ratio(fold(title), fold(other), processor=None))


def _joins(story: StoryRow, incoming: Incoming) -> float | None:
    """How well `incoming` fits `story` (higher is better), or None when it is another event."""
    span = DECIDED_WINDOW if incoming.level == 3 and story.level == 3 else WINDOW
    if not story.first_seen_at - span <= incoming.published <= story.last_seen_at + span:
        return None
    if story.id in incoming.copies:
        return 200.0
    score = similarity(incoming.title, story.headline)
    if score >= SIMILAR:
        return score
    same_episode = (
        incoming.level < 3
        and story.level < 3
        and abs(incoming.level - story.level) <= 1
        and incoming.published <= story.last_seen_at + EPISODE
    )
    if same_episode:
        return score
    if incoming.level == 3 and story.level == 3:
        return score
    return None


def choose_story(candidates: Sequence[StoryRow], incoming: Incoming) -> StoryRow | None:
    """The best-fitting story among the manager's recent ones, or None to start a new story."""
    best: tuple[float, float, StoryRow] | None = None
    for story in candidates:
        fit = _joins(story, incoming)
        if fit is None:
            continue
        closeness = -abs((incoming.published - story.last_seen_at).total_seconds())
        if best is None or (fit, closeness) > (best[0], best[1]):
            best = (fit, closeness, story)
    return best[2] if best else None


def origins(sources: Iterable[str], outlet: str) -> tuple[str, ...]:
    """Independent sources an article counts for: the outlets it cites, else its own outlet."""
    cited = unique(s for s in sources if fold(s))
    return cited or unique([outlet] if fold(outlet) else ["unknown"])


def unique(names: Iterable[str]) -> tuple[str, ...]:
    """Names without repeats, comparing folded spellings ("Marca", "MARCA"); first spelling kept."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(fold(name), name.strip())
    return tuple(seen.values())
