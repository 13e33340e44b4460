"""Digest test helpers: a story source we control, a sink that records or fails, a settable clock."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest

from bot.config import Settings
from bot.digest import Alert, DeliveryError, Digest, DigestService
from bot.follows import Follows
from bot.rumours.results import DigestGroup, StoryAlert, StorySummary
from storage import Store


@dataclass(frozen=True)
class Story:
    story_id: int
    manager: str
    club: str
    league: str
    level: int
    headline: str
    url: str
    first_seen_at: datetime
    outlets: tuple[str, ...] = ("BBC Sport",)
    status: str | None = None  # a sacking: "reported" or "confirmed"
    seq: int | None = None  # the alert cursor position (default: the story id)

    def summary(self) -> StorySummary:
        return StorySummary(
            story_id=self.story_id,
            headline=self.headline,
            url=self.url,
            level=self.level,
            outlets=self.outlets,
            article_count=1,
            first_seen=self.first_seen_at,
            last_seen=self.first_seen_at,
            status=self.status,
        )


class Stories:
    """The part of the rumours service digests read, over an in-memory list (seq = story id).

    tests/digest/test_stories_contract.py holds it to the real rumours service's answers."""

    def __init__(self) -> None:
        self.items: list[Story] = []

    def add(self, at: datetime, level: int = 2, manager: str = "Ange Postecoglou", **extra: str) -> Story:
        number = len(self.items) + 1
        story = Story(
            story_id=number,
            manager=manager,
            club=extra.get("club", "Tottenham Hotspur"),
            league=extra.get("league", "en.1"),
            level=level,
            headline=extra.get("headline", f"{manager} under pressure #{number}"),
            url=extra.get("url", f"https://example.org/{number}"),
            first_seen_at=at,
        )
        self.items.append(story)
        return story

    async def digest_groups(
        self,
        since: datetime,
        until: datetime,
        *,
        min_level: int = 1,
        leagues: Sequence[str] = (),
        guild_id: int | None = None,
    ) -> list[DigestGroup]:
        by_manager: dict[str, list[Story]] = {}
        for story in self.items:
            if not since < story.first_seen_at <= until or story.level < min_level:
                continue
            if leagues and story.league not in leagues:
                continue
            by_manager.setdefault(story.manager, []).append(story)
        groups = [
            DigestGroup(
                manager=name,
                manager_key=name.lower(),
                club=told[0].club,
                league=told[0].league,
                level=max(s.level for s in told),
                index=float(sum(s.level for s in told)),
                stories=tuple(s.summary() for s in told),
            )
            for name, told in by_manager.items()
        ]
        return sorted(groups, key=lambda g: -g.index)

    async def stories_for_alerts(
        self, after_seq: int, min_level: int, *, guild_id: int | None = None
    ) -> list[StoryAlert]:
        return [
            StoryAlert(
                seq=s.seq or s.story_id,
                manager=s.manager,
                manager_key=s.manager.lower(),
                club=s.club,
                league=s.league,
                story=s.summary(),
                club_key=s.club.lower().replace(" ", "-"),
            )
            for s in self.items
            if (s.seq or s.story_id) > after_seq and s.level >= min_level
        ]


@dataclass
class Sink:
    """Records posts; `fail_with` makes the next posts raise; an alert linking to a URL in `refuse`
    is refused the way Discord refuses a message it cannot take (a 400)."""

    digests: list[tuple[int, int, Digest]] = field(default_factory=list)
    alerts: list[tuple[int, int, Alert]] = field(default_factory=list)
    fail_with: DeliveryError | None = None
    crash: bool = False
    refuse: set[str] = field(default_factory=set)
    attempts: list[str] = field(default_factory=list)
    crash_alerts: bool = False
    broken_channels: dict[int, DeliveryError] = field(default_factory=dict)

    async def post_digest(self, guild_id: int, channel_id: int, digest: Digest) -> int | None:
        if self.fail_with:
            raise self.fail_with
        self.digests.append((guild_id, channel_id, digest))
        if self.crash:
            raise KeyboardInterrupt  # the process dies after Discord got the message
        return 1000 + len(self.digests)

    async def post_alert(self, guild_id: int, channel_id: int, alert: Alert) -> int | None:
        self.attempts.append(alert.url)
        if self.fail_with:
            raise self.fail_with
        if alert.url in self.refuse:
            raise DeliveryError(
                "400: Invalid Form Body; In embeds.0.url: Not a well formed URL.", False, refused=True
            )
        if channel_id in self.broken_channels:
            raise self.broken_channels[channel_id]
        self.alerts.append((guild_id, channel_id, alert))
        if self.crash_alerts:
            raise KeyboardInterrupt  # the process dies after Discord got the message
        return 2000 + len(self.alerts)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def stories() -> Stories:
    return Stories()


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 3, 20, 6, 0, tzinfo=UTC))


@pytest.fixture
def follows(store: Store, clock: Clock) -> Follows:
    return Follows(store, "UTC", clock=clock)


@pytest.fixture
def digests(store: Store, settings: Settings, stories: Stories, clock: Clock) -> DigestService:
    return DigestService(store, settings, stories, clock=clock)
