"""What a digest, an alert and a server's digest status are: frozen values with `to_dict` (JSON).

Their plain-text forms live in bot/digest/rendering.py; the Discord embeds in cogs/_sink.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from bot.digest import rendering
from bot.digest.problems import Problem
from bot.rumours.results import DigestGroup, StoryAlert, StorySummary

CONFIRMED = ":confirmed"  # the end of a StoryAlert key once its sacking is confirmed
WITHDRAWN = ":withdrawn"  # ... or withdrawn, nobody having confirmed it (bot/rumours/confirm.py)
SETTLED = (CONFIRMED, WITHDRAWN)  # a settled sacking's alert edits the one announcing it as reported


class DeliveryError(Exception):
    """Posting failed; permanent failures (permissions, deleted channel) need an admin to act.

    `refused` means Discord refused this one message (a 4xx other than 429, e.g. a link it cannot
    take): the delivery is skipped and recorded, and later posts go on; the channel itself is fine.
    `reason` may be a template filled from `values`, so the admin can read it in their language.
    """

    def __init__(
        self, reason: str, permanent: bool, *, refused: bool = False, values: dict[str, str] | None = None
    ) -> None:
        self.problem = Problem(reason, dict(values or {}))
        self.reason = self.problem.text()
        super().__init__(self.reason)
        self.permanent = permanent or refused
        self.refused = refused


# ---- what the rumours service hands us (structural, so tests may pass their own source) ---------


class StorySource(Protocol):
    """The stories one server may see: the shared ones and those of its own feeds."""

    async def digest_groups(
        self,
        since: datetime,
        until: datetime,
        *,
        min_level: int = 1,
        leagues: Sequence[str] = (),
        guild_id: int | None = None,
    ) -> Sequence[DigestGroup]: ...

    async def stories_for_alerts(
        self, after_seq: int, min_level: int, *, guild_id: int | None = None
    ) -> Sequence[StoryAlert]: ...


# ---- results ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DigestStory:
    headline: str
    url: str
    level: int
    outlets: tuple[str, ...]
    standing: str | None = None  # a sacking: "reported (1 source)" or "confirmed"

    @classmethod
    def from_summary(cls, story: StorySummary) -> DigestStory:
        return cls(story.headline, story.url, story.level, tuple(story.outlets), story.standing)

    def to_dict(self) -> dict[str, Any]:
        return {
            "headline": self.headline,
            "url": self.url,
            "level": self.level,
            "outlets": list(self.outlets),
            "standing": self.standing,
        }


@dataclass(frozen=True, slots=True)
class DigestEntry:
    """One manager's stories in a digest."""

    manager: str
    club: str | None
    league: str | None
    level: int
    index: float
    stories: tuple[DigestStory, ...]

    @classmethod
    def from_group(cls, group: DigestGroup) -> DigestEntry:
        return cls(
            manager=group.manager,
            club=group.club,
            league=group.league,
            level=group.level,
            index=group.index,
            stories=tuple(DigestStory.from_summary(s) for s in group.stories),
        )

    @property
    def title(self) -> str:
        return f"{self.manager} ({self.club})" if self.club else self.manager

    def to_dict(self) -> dict[str, Any]:
        return {
            "manager": self.manager,
            "club": self.club,
            "league": self.league,
            "level": self.level,
            "index": round(self.index, 3),
            "stories": [story.to_dict() for story in self.stories],
        }


@dataclass(frozen=True, slots=True)
class Digest:
    guild_id: int
    key: str
    since: datetime
    until: datetime
    timezone: str
    entries: tuple[DigestEntry, ...]
    resumed: bool = False
    language: str | None = None  # set with /digest setup language; None: the server's Discord locale

    @property
    def story_count(self) -> int:
        return sum(len(entry.stories) for entry in self.entries)

    @property
    def title(self) -> str:
        return rendering.digest_title(self)

    def to_dict(self) -> dict[str, Any]:
        return {
            "guild_id": self.guild_id,
            "key": self.key,
            "since": self.since.isoformat(),
            "until": self.until.isoformat(),
            "timezone": self.timezone,
            "stories": self.story_count,
            "entries": [entry.to_dict() for entry in self.entries],
        }

    def to_text(self) -> str:
        return rendering.digest_text(self)


@dataclass(frozen=True, slots=True)
class Alert:
    """One story to announce; `seq` is the rumours service's alert cursor, `key` the Delivery key."""

    guild_id: int
    key: str
    seq: int
    story_id: int
    manager: str
    club: str | None
    level: int
    headline: str
    url: str
    outlets: tuple[str, ...]
    resumed: bool = False
    standing: str | None = None  # a sacking: "reported (1 source)" or "confirmed"
    role_ids: tuple[int, ...] = ()  # the followers' roles to ping in this channel: the only mentions
    at: datetime | None = None  # when the story broke
    replaces: int | None = None  # the message announcing it as reported, edited now it is confirmed
    language: str | None = None  # the server's chosen language; None: its Discord locale
    thread: bool = False  # open a thread on this post for the story's discussion (the server's choice)
    thread_id: int | None = None  # the story's thread in this channel, where this later alert goes

    @property
    def broke_by(self) -> str | None:
        """The outlet that broke the story (outlets are in the order they told it)."""
        return self.outlets[0] if self.outlets else None

    @classmethod
    def from_story(cls, guild_id: int, alert: StoryAlert, resumed: bool = False) -> Alert:
        story = alert.story
        return cls(
            guild_id=guild_id,
            key=alert.key,
            seq=alert.seq,
            story_id=story.story_id,
            manager=alert.manager,
            club=alert.club,
            level=story.level,
            headline=story.headline,
            url=story.url,
            outlets=tuple(story.outlets),
            resumed=resumed,
            standing=story.standing,
            at=story.first_seen,
        )

    @property
    def title(self) -> str:
        return rendering.alert_title(self)

    def to_dict(self) -> dict[str, Any]:
        return {
            "guild_id": self.guild_id,
            "key": self.key,
            "seq": self.seq,
            "story_id": self.story_id,
            "manager": self.manager,
            "club": self.club,
            "level": self.level,
            "headline": self.headline,
            "url": self.url,
            "outlets": list(self.outlets),
            "standing": self.standing,
            "role_ids": list(self.role_ids),
            "at": self.at.isoformat() if self.at else None,
        }

    def to_text(self) -> str:
        return rendering.alert_text(self)


@dataclass(frozen=True, slots=True)
class DigestStatus:
    guild_id: int
    timezone: str
    enabled: bool
    channel_id: int | None
    time: str | None
    min_level: int
    leagues: tuple[str, ...]
    last_delivered_at: datetime | None
    next_due_at: datetime | None
    nothing_new_since: datetime | None
    alerts_channel_id: int | None
    alerts_level: int | None
    problem: str | None  # in English; `problem_detail` translates
    problem_at: datetime | None = None
    news_since: datetime | None = None  # where the next digest's window starts
    language: str | None = None  # of digests and alerts; None: the server's Discord locale
    story_threads: bool = False  # each story's alerts go to a thread of their own
    problem_detail: Problem | None = None

    def to_dict(self) -> dict[str, Any]:
        def iso(moment: datetime | None) -> str | None:
            return moment.isoformat() if moment else None

        return {
            "guild_id": self.guild_id,
            "timezone": self.timezone,
            "enabled": self.enabled,
            "channel_id": self.channel_id,
            "time": self.time,
            "min_level": self.min_level,
            "leagues": list(self.leagues),
            "last_delivered_at": iso(self.last_delivered_at),
            "next_due_at": iso(self.next_due_at),
            "nothing_new_since": iso(self.nothing_new_since),
            "alerts_channel_id": self.alerts_channel_id,
            "alerts_level": self.alerts_level,
            "problem": self.problem,
            "problem_at": iso(self.problem_at),
            "news_since": iso(self.news_since),
            "language": self.language,
            "story_threads": self.story_threads,
        }

    def lines(self) -> list[str]:
        """Plain lines shared by the console text and the Discord embed."""
        return rendering.status_lines(self)

    def to_text(self) -> str:
        return "\n".join(self.lines())
