"""The digest tests' `Stories` stand-in answers exactly as the real rumours service does.

Both are given the same stories (the real one through its own storage writes), then asked the same
digest windows and alert cursors; any difference means the digest tests test a fiction.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.rumours.results import DigestGroup, StoryAlert
from bot.service import Service
from storage import stories as stories_db

from .conftest import Stories, Story

T0 = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
SEEDED = (  # (hours after T0, level, manager, league)
    (0, 1, "Ange Postecoglou", "en.1"),
    (2, 2, "Ange Postecoglou", "en.1"),
    (3, 3, "Hansi Flick", "es.1"),
    (5, 2, "Thomas Frank", "en.1"),
    (9, 1, "Hansi Flick", "es.1"),
    (30, 3, "Diego Simeone", "es.1"),
)
WINDOWS = [
    (T0 - timedelta(hours=1), T0 + timedelta(days=2), 1, ()),
    (T0, T0 + timedelta(hours=5), 1, ()),  # (since, until]: the story at T0 is out, the one at +5h in
    (T0 + timedelta(hours=2), T0 + timedelta(hours=9), 2, ()),
    (T0 - timedelta(hours=1), T0 + timedelta(days=2), 1, ("es.1",)),
    (T0 + timedelta(hours=29), T0 + timedelta(days=3), 1, ()),
]


async def _seed(service: Service, fake: Stories) -> None:
    for n, (hours, level, manager, league) in enumerate(SEEDED):
        at = T0 + timedelta(hours=hours)
        story: Story = fake.add(at, level=level, manager=manager, league=league, headline=f"story {n}")
        async with service.store.transaction() as db:
            story_id = await stories_db.insert(
                db,
                manager_key=manager.lower(),
                manager_name=manager,
                club_key=None,
                club_name=story.club,
                league=league,
                level=level,
                headline=story.headline,
                url=story.url,
                seen_at=at,
                outlets=story.outlets,
                value=float(level),
            )
            await stories_db.mark_alertable(db, story_id)


def _digest_shape(groups: list[DigestGroup]) -> dict[str, tuple[int, list[str]]]:
    return {g.manager: (g.level, sorted(s.headline for s in g.stories)) for g in groups}


def _alert_shape(alerts: list[StoryAlert]) -> list[tuple[int, str, int]]:
    return [(a.seq, a.story.headline, a.story.level) for a in alerts]


@pytest.fixture
async def both(service: Service) -> tuple[Service, Stories]:
    fake = Stories()
    await _seed(service, fake)
    return service, fake


@pytest.mark.parametrize(("since", "until", "min_level", "leagues"), WINDOWS)
async def test_digest_windows_agree(
    both: tuple[Service, Stories],
    since: datetime,
    until: datetime,
    min_level: int,
    leagues: tuple[str, ...],
) -> None:
    service, fake = both
    real = await service.rumours.digest_groups(since, until, min_level=min_level, leagues=leagues)
    told = await fake.digest_groups(since, until, min_level=min_level, leagues=leagues)
    assert _digest_shape(told) == _digest_shape(real)
    assert real, "every window here holds something, so an empty answer on both sides proves nothing"


@pytest.mark.parametrize(("after", "min_level"), [(0, 1), (0, 3), (2, 1), (4, 2), (6, 1)])
async def test_alert_cursors_agree(both: tuple[Service, Stories], after: int, min_level: int) -> None:
    service, fake = both
    real = await service.rumours.stories_for_alerts(after, min_level)
    told = await fake.stories_for_alerts(after, min_level)
    assert _alert_shape(told) == _alert_shape(real)
