"""Successor tips: folding one more tip into a person's running tally (pure; stored by the service).

A tally counts distinct outlets and stories, keeps the first and latest sighting, the three strongest
reports (highest level, then newest) and the sentence of the strongest. A tip after `SUCCESSOR_WINDOW`
of silence starts a new tally: last season's rumour is not this season's.
"""

from __future__ import annotations

from collections.abc import Sequence
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
    scope: int = 0  # 0: shared; else the private feed it came from


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
            scope=tip.scope,
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
        scope=tip.scope,
    )


def combine(rows: Sequence[TipRow]) -> list[TipRow]:
    """One tally per person from the same person's tallies in several scopes (a server's own feeds
    next to the shared ones): outlets and stories added up, the widest span, the strongest links."""
    by_person: dict[str, TipRow] = {}
    for row in sorted(rows, key=lambda r: r.scope):
        seen = by_person.get(row.person_id)
        if seen is None:
            by_person[row.person_id] = row
            continue
        links = {link.url: link for link in (*seen.links, *row.links)}
        strongest = _strength(row.links[0]) > _strength(seen.links[0]) if row.links and seen.links else False
        by_person[row.person_id] = TipRow(
            manager_key=seen.manager_key,
            person_id=seen.person_id,
            person_key=seen.person_key or row.person_key,
            person_name=seen.person_name,
            outlets=unique([*seen.outlets, *row.outlets]),
            story_count=seen.story_count + row.story_count,
            first_seen_at=min(seen.first_seen_at, row.first_seen_at),
            last_seen_at=max(seen.last_seen_at, row.last_seen_at),
            links=tuple(sorted(links.values(), key=_strength, reverse=True)[:MAX_LINKS]),
            evidence=row.evidence if strongest else seen.evidence,
            scope=seen.scope,
        )
    return list(by_person.values())
