"""Successor tips: folding one more tip into a person's running tally (pure; stored by the service).

A tally counts distinct outlets and stories, keeps the first and latest sighting, the three strongest
reports (highest level, then newest) and the sentence of the strongest. A tip after `SUCCESSOR_WINDOW`
of silence starts a new tally: last season's rumour is not this season's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.rumours.grouping import unique
from storage.mentions import Link, TipRow

SUCCESSOR_WINDOW = timedelta(days=60)
MAX_LINKS = 3


@dataclass(frozen=True, slots=True)
class Tip:
    """One article naming one person as a possible replacement."""

    manager_key: str
    person_id: str
    person_key: str | None
    person_name: str
    outlets: tuple[str, ...]
    level: int
    seen_at: datetime
    url: str
    evidence: str
    new_story: bool  # the first tip for this person in its story


def _strength(link: Link) -> tuple[int, datetime]:
    return link.level, link.seen_at


def merge(current: TipRow | None, tip: Tip) -> TipRow:
    """The tally after `tip`."""
    link = Link(tip.level, tip.seen_at, tip.url)
    if current is None or tip.seen_at > current.last_seen_at + SUCCESSOR_WINDOW:
        return TipRow(
            manager_key=tip.manager_key,
            person_id=tip.person_id,
            person_key=tip.person_key,
            person_name=tip.person_name,
            outlets=unique(tip.outlets),
            story_count=1,
            first_seen_at=tip.seen_at,
            last_seen_at=tip.seen_at,
            links=(link,) if tip.url else (),
            evidence=tip.evidence,
        )
    links = {existing.url: existing for existing in current.links}
    if tip.url and (tip.url not in links or _strength(link) > _strength(links[tip.url])):
        links[tip.url] = link
    best = sorted(links.values(), key=_strength, reverse=True)[:MAX_LINKS]
    strongest = not current.links or _strength(link) >= _strength(current.links[0])
    newest = tip.seen_at >= current.last_seen_at
    return TipRow(
        manager_key=tip.manager_key,
        person_id=tip.person_id,
        person_key=tip.person_key or current.person_key,
        person_name=tip.person_name if newest else current.person_name,
        outlets=unique([*current.outlets, *tip.outlets]),
        story_count=current.story_count + (1 if tip.new_story else 0),
        first_seen_at=min(current.first_seen_at, tip.seen_at),
        last_seen_at=max(current.last_seen_at, tip.seen_at),
        links=tuple(best),
        evidence=tip.evidence if strongest else current.evidence,
    )
