"""Scheduled digests and real-time alerts per server, posted exactly once.

Schedule: each server picks a local time (HH:MM) and an IANA time zone. The *slot* due at a moment is
the latest local HH:MM at or before it (a time that does not exist on a spring-forward day falls an hour
later; an ambiguous one on a fall-back day is its first occurrence). `guilds.last_slot_at` is the latest
slot handled, so after downtime only the LATEST missed slot is due: a server catches up once, not once
per missed day. A digest holds the stories since the server's last DELIVERED digest (the first one: since
a day before set-up, so `/digest now` right after set-up shows something; never more than 7 days back)
up to the moment it is built; nothing new means no post, recorded so `/digest status` can say
"nothing new since …".

Idempotency (the Delivery protocol):
1. record a Delivery ('pending', key = the slot in UTC, with the digest window) in its own transaction;
2. post through the `DeliverySink`;
3. mark it 'posted' and advance the server's window and slot in one transaction.
UNIQUE (guild_id, kind, key) means a second attempt finds the row: 'posted' → never posted again.
A 'pending' row found later (at start-up, or on the next tick) means the process died between 1 and 3,
so nobody knows whether Discord has the message. It is resolved by re-posting the SAME window with
`resumed=True` and the same key; a sink must make that safe: the Discord sink sends a nonce derived from
the key with `enforce_nonce` (Discord returns the earlier message instead of creating a second one) and,
for resumed posts, first looks in the channel's recent messages for one of its own carrying the key.
Failures: `DeliveryError(permanent=True)` (missing permission, deleted channel) marks the server's
config problem (shown in /digest status, cleared by the next /digest setup or /alerts) and the slot is
skipped; `DeliveryError(refused=True)` (Discord refused that one message) skips only that delivery,
records why and shows it in /digest status, so one bad story never holds back the posts after it; a
transient error leaves the slot due, so the next tick retries it.

Alerts: stories at or above the server's level, after the server's story cursor, one Delivery per
story and channel (key "story:<id>:level:<n>", plus "@<channel>" outside the alerts channel), so a
story is announced once per channel however many articles join it. Follows (bot/follow_routes.py) add
channels and the roles to ping there; the cursor passes a story only when every channel's post is done.
A sacking confirmed after it was announced as reported edits that message in place (`Alert.replaces`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from typing import Any, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot import follow_routes
from bot.config import Settings
from bot.errors import UserError
from bot.rumours.results import DigestGroup, StoryAlert, StorySummary
from storage import Store, bot_state
from storage import deliveries as delivery_rows
from storage import follows as follow_rows
from storage import guilds as guild_rows
from storage.guilds import GuildConfig

log = logging.getLogger(__name__)

CONSOLE_GUILD_ID = 0
TICK_SECONDS = 60.0
MAX_WINDOW = timedelta(days=7)
LEVEL_NAMES = {0: "none", 1: "murmurs", 2: "serious", 3: "decided"}
CONFIRMED = ":confirmed"  # the end of a StoryAlert key once its sacking is confirmed
_TIME = re.compile(r"^\s*(\d{1,2})[:.h](\d{2})\s*$")


class DeliveryError(Exception):
    """Posting failed; permanent failures (permissions, deleted channel) need an admin to act.

    `refused` means Discord refused this one message (a 4xx other than 429, e.g. a link it cannot
    take): the delivery is skipped and recorded, and later posts go on; the channel itself is fine.
    """

    def __init__(self, reason: str, permanent: bool, *, refused: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
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

    @property
    def story_count(self) -> int:
        return sum(len(entry.stories) for entry in self.entries)

    @property
    def title(self) -> str:
        local = self.until.astimezone(ZoneInfo(self.timezone))
        return f"Hotseat digest — {local:%a %d %b %Y}"

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
        since = format_local(self.since, self.timezone)
        lines = [f"{self.title} ({self.story_count} stories since {since})"]
        for entry in self.entries:
            lines.append(f"\n{entry.title} — {level_label(entry.level)}, index {entry.index:.1f}")
            for story in entry.stories:
                outlets = f" [{', '.join(story.outlets)}]" if story.outlets else ""
                standing = f" ({story.standing})" if story.standing else ""
                lines.append(f"  • {story.headline}{outlets}{standing}\n    {story.url}")
        return "\n".join(lines)


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
        who = f"{self.manager} ({self.club})" if self.club else self.manager
        standing = f", {self.standing}" if self.standing else ""
        return f"{level_label(self.level).capitalize()}{standing}: {who}"

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
        outlets = f" [{', '.join(self.outlets)}]" if self.outlets else ""
        return f"ALERT {self.title}\n  {self.headline}{outlets}\n  {self.url}"


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
    problem: str | None
    problem_at: datetime | None = None
    news_since: datetime | None = None  # where the next digest's window starts

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
        }

    def lines(self) -> list[str]:
        """Plain lines shared by the console text and the Discord embed."""
        tz = self.timezone
        if self.enabled and self.time:
            leagues = ", ".join(self.leagues) if self.leagues else "all leagues"
            schedule = (
                f"Daily digest at {self.time} ({tz}) in {_channel(self.channel_id)}, "
                f"level {self.min_level}+ ({level_label(self.min_level)}), {leagues}"
            )
        else:
            schedule = "Daily digest: off (turn it on with /digest setup)"
        lines = [schedule]
        lines.append(
            "Last delivered: "
            + (format_local(self.last_delivered_at, tz) if self.last_delivered_at else "never")
        )
        if self.enabled and self.next_due_at:
            lines.append(f"Next due: {format_local(self.next_due_at, tz)}")
        if self.nothing_new_since and (
            self.last_delivered_at is None or self.nothing_new_since > self.last_delivered_at
        ):
            start = self.news_since or self.last_delivered_at
            since = format_local(start, tz) if start else "set-up"
            lines.append(
                f"Nothing new since {since}: the digest due {format_local(self.nothing_new_since, tz)} "
                "was not posted"
            )
        if self.alerts_channel_id is not None and self.alerts_level is not None:
            lines.append(
                f"Alerts: level {self.alerts_level}+ ({level_label(self.alerts_level)}) "
                f"in {_channel(self.alerts_channel_id)}"
            )
        else:
            lines.append("Alerts: off (turn them on with /alerts)")
        if self.problem:
            lines.append(f"Problem: {self.problem}")
        return lines

    def to_text(self) -> str:
        return "\n".join(self.lines())


def _channel(channel_id: int | None) -> str:
    if not channel_id:
        return "the console"
    return f"<#{channel_id}>"


def level_label(level: int) -> str:
    return LEVEL_NAMES.get(level, str(level))


def format_local(moment: datetime, timezone: str) -> str:
    local = moment.astimezone(ZoneInfo(timezone))
    return f"{local:%a %d %b %H:%M} {local.tzname()}"


# ---- schedule arithmetic (pure) -------------------------------------------------------------------


def parse_time(text: str) -> dtime:
    """'08:00', '8:00', '8.30' or '18h30' → time; anything else is a UserError."""
    match = _TIME.match(text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour < 24 and minute < 60:
            return dtime(hour, minute)
    raise UserError(f"'{text}' is not a time of day: use 24-hour HH:MM, like 08:00 or 18:30.")


def parse_timezone(name: str) -> ZoneInfo:
    cleaned = name.strip()
    try:
        if cleaned and cleaned in available_timezones() | {"UTC"}:
            return ZoneInfo(cleaned)
    except (ZoneInfoNotFoundError, ValueError):
        pass
    hints = timezone_choices(cleaned, limit=3)
    hint = f" Did you mean {', '.join(hints)}?" if hints else ""
    raise UserError(f"'{name}' is not a time zone I know: use a name like Europe/London.{hint}")


def timezone_choices(typed: str, limit: int = 25) -> list[str]:
    """Time zone names for autocomplete: common ones first for empty input, else substring matches."""
    common = [
        "UTC",
        "Europe/London",
        "Europe/Madrid",
        "Europe/Paris",
        "Europe/Berlin",
        "Europe/Rome",
        "Europe/Lisbon",
        "Europe/Amsterdam",
        "America/New_York",
        "America/Chicago",
        "America/Los_Angeles",
        "America/Sao_Paulo",
        "Asia/Tokyo",
        "Australia/Sydney",
    ]
    needle = typed.strip().casefold().replace(" ", "_")
    if not needle:
        return common[:limit]
    names = sorted(available_timezones())
    starts = [n for n in names if n.casefold().startswith(needle)]
    inside = [n for n in names if needle in n.casefold() and n not in starts]
    return (starts + inside)[:limit]


def _at(day: date, at: dtime, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC)


def latest_slot(now: datetime, at: dtime, tz: ZoneInfo) -> datetime:
    """The latest scheduled moment at or before `now` (UTC)."""
    today = now.astimezone(tz).date()
    slot = _at(today, at, tz)
    if slot > now:
        slot = _at(today - timedelta(days=1), at, tz)
    return slot


def next_slot(after: datetime, at: dtime, tz: ZoneInfo) -> datetime:
    """The first scheduled moment strictly after `after` (UTC)."""
    day = after.astimezone(tz).date()
    for offset in range(3):
        slot = _at(day + timedelta(days=offset), at, tz)
        if slot > after:
            return slot
    raise AssertionError("a daily slot always exists within three days")


# ---- delivery ------------------------------------------------------------------------------------


class DeliverySink(Protocol):
    """Where digests and alerts go (Discord channels, or the console). Return the message id if any."""

    async def post_digest(self, guild_id: int, channel_id: int, digest: Digest) -> int | None: ...

    async def post_alert(self, guild_id: int, channel_id: int, alert: Alert) -> int | None: ...


@dataclass(slots=True)
class TickReport:
    """What one tick did (for logs and tests)."""

    digests_posted: list[int] = field(default_factory=list)
    digests_empty: list[int] = field(default_factory=list)
    alerts_posted: list[tuple[int, int]] = field(default_factory=list)
    failures: list[tuple[int, str]] = field(default_factory=list)


class DigestService:
    """Schedules, builds and delivers digests and alerts; every post goes through a Delivery row."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        rumours: StorySource,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.rumours = rumours
        self.clock = clock or (lambda: datetime.now(UTC))
        self.tick_seconds = TICK_SECONDS  # tests may shorten it
        self._woken = asyncio.Event()
        # Which servers this process posts for: a sharded bot owns only its shards' servers, so each
        # server's deliveries run in exactly one process (bot/app.py sets it; everything by default).
        self.owns: Callable[[int], bool] = lambda guild_id: True

    def wake(self) -> None:
        """Tick now rather than at the next minute: a story worth an alert has just been recorded."""
        self._woken.set()

    # -- configuration ------------------------------------------------------------------------------

    async def setup(
        self,
        guild_id: int,
        channel_id: int,
        time: str,
        timezone: str,
        min_level: int = 1,
        leagues: Sequence[str] = (),
    ) -> DigestStatus:
        at = parse_time(time)
        tz = parse_timezone(timezone)
        if not 1 <= min_level <= 3:
            raise UserError("min_level must be 1 (murmurs), 2 (serious) or 3 (decided).")
        cleaned = tuple(dict.fromkeys(code.strip() for code in leagues if code.strip()))
        now = self.clock()
        async with self.store.transaction() as db:
            await guild_rows.set_digest(
                db,
                guild_id,
                channel_id=channel_id,
                time=f"{at:%H:%M}",
                timezone=tz.key,
                min_level=min_level,
                leagues=cleaned,
                handled_slot=latest_slot(now, at, tz),
                first_since=now - timedelta(days=1),
                now=now,
            )
        return await self.status(guild_id)

    async def disable(self, guild_id: int) -> DigestStatus:
        async with self.store.transaction() as db:
            await guild_rows.disable_digest(db, guild_id, self.clock())
        return await self.status(guild_id)

    async def forget_server(self, guild_id: int) -> None:
        """The bot left the server: stop its digest and alerts (history and deliveries stay)."""
        async with self.store.transaction() as db:
            config = await guild_rows.get(db, guild_id)
            if config is None:
                return
            now = self.clock()
            await guild_rows.disable_digest(db, guild_id, now)
            await guild_rows.set_alerts(
                db,
                guild_id,
                channel_id=None,
                level=None,
                after_seq=config.alerts_after_seq,
                timezone=config.timezone,
                now=now,
            )
            await guild_rows.set_problem(db, guild_id, "Hotseat was removed from this server", now)

    async def set_alerts(self, guild_id: int, channel_id: int | None, level: int | None) -> DigestStatus:
        """Alerts for stories at `level`+ in `channel_id`; channel None (or level 0) turns them off."""
        if channel_id is not None and level not in (1, 2, 3):
            raise UserError("Alert level must be 1 (murmurs), 2 (serious) or 3 (decided, e.g. a sacking).")
        if level == 0:
            channel_id = None
        now = self.clock()
        async with self.store.transaction() as db:
            existing = await guild_rows.get(db, guild_id)
            after = await delivery_rows.latest_alert_seq(db)
            if existing and existing.alerts_channel_id is not None:
                after = existing.alerts_after_seq  # keep the cursor: changing the channel loses nothing
            await guild_rows.set_alerts(
                db,
                guild_id,
                channel_id=channel_id,
                level=level if channel_id is not None else None,
                after_seq=after,
                timezone=existing.timezone if existing else self.settings.timezone,
                now=now,
            )
        return await self.status(guild_id)

    async def ensure_console_guild(self, timezone: str) -> DigestStatus:
        """The console's pseudo-server 0: a daily digest at 08:00 local and level-3 alerts, once."""
        async with self.store.read() as db:
            existing = await guild_rows.get(db, CONSOLE_GUILD_ID)
        if existing is None:
            await self.setup(CONSOLE_GUILD_ID, 0, "08:00", timezone)
            await self.set_alerts(CONSOLE_GUILD_ID, 0, 3)
        return await self.status(CONSOLE_GUILD_ID)

    async def status(self, guild_id: int) -> DigestStatus:
        async with self.store.read() as db:
            config = await guild_rows.get(db, guild_id)
            posted = await delivery_rows.last_posted(db, guild_id, "digest")
        if config is None:
            return DigestStatus(
                guild_id=guild_id,
                timezone=self.settings.timezone,
                enabled=False,
                channel_id=None,
                time=None,
                min_level=1,
                leagues=(),
                last_delivered_at=None,
                next_due_at=None,
                nothing_new_since=None,
                alerts_channel_id=None,
                alerts_level=None,
                problem=None,
            )
        return DigestStatus(
            guild_id=guild_id,
            timezone=config.timezone,
            enabled=config.digest_enabled,
            channel_id=config.digest_channel_id,
            time=config.digest_time,
            min_level=config.min_level,
            leagues=config.leagues,
            last_delivered_at=posted.posted_at if posted else None,
            next_due_at=self._next_due(config),
            nothing_new_since=config.last_empty_at,
            alerts_channel_id=config.alerts_channel_id,
            alerts_level=config.alerts_level,
            problem=config.problem,
            problem_at=config.problem_at,
            news_since=config.last_digest_at,
        )

    def _next_due(self, config: GuildConfig) -> datetime | None:
        if not (config.digest_enabled and config.digest_time):
            return None
        at, tz = parse_time(config.digest_time), ZoneInfo(config.timezone)
        handled = config.last_slot_at or latest_slot(self.clock(), at, tz)
        return next_slot(handled, at, tz)

    # -- building ------------------------------------------------------------------------------------

    async def build(self, guild_id: int, now: datetime | None = None) -> Digest | None:
        """What the digest would hold right now (for /digest now); None when there is nothing new."""
        now = now or self.clock()
        async with self.store.read() as db:
            config = await guild_rows.get(db, guild_id)
        if config is None:
            return await self._collect(
                guild_id, now - timedelta(days=1), now, self.settings.timezone, 1, (), key="preview"
            )
        since = _window_start(config.last_digest_at, now)
        return await self._collect(
            guild_id, since, now, config.timezone, config.min_level, config.leagues, key="preview"
        )

    async def _collect(
        self,
        guild_id: int,
        since: datetime,
        until: datetime,
        timezone: str,
        min_level: int,
        leagues: Sequence[str],
        *,
        key: str,
        resumed: bool = False,
    ) -> Digest | None:
        groups = await self.rumours.digest_groups(
            since, until, min_level=min_level, leagues=leagues, guild_id=guild_id
        )
        entries = tuple(entry for entry in map(DigestEntry.from_group, groups) if entry.stories)
        if not entries:
            return None
        return Digest(guild_id, key, since, until, timezone, entries, resumed=resumed)

    # -- the loop ------------------------------------------------------------------------------------

    async def run_forever(self, sink: DeliverySink) -> None:
        """Resolve interrupted posts, then tick once a minute; one failing tick never stops the loop."""
        log.info("digest and alert loop started")
        try:
            await self.resolve_pending(sink)
        except Exception:
            log.exception("could not resolve pending deliveries; they will be retried on the next start")
        while True:
            try:
                report = await self.tick(sink)
                if report.failures:
                    log.warning("delivery problems: %s", report.failures)
            except Exception:
                log.exception("digest tick failed; retrying next minute")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._woken.wait(), self._until_next_tick())
            self._woken.clear()

    def _until_next_tick(self) -> float:
        """Wake just after the next whole minute by our clock (digest times are whole minutes)."""
        now = self.clock()
        return self.tick_seconds - (now.second + now.microsecond / 1e6) % self.tick_seconds + 0.05

    async def resolve_pending(self, sink: DeliverySink) -> TickReport:
        """Finish posts interrupted by a crash: re-post the same window with `resumed=True`."""
        report = TickReport()
        async with self.store.read() as db:
            leftovers = [d for d in await delivery_rows.pending(db) if self.owns(d.guild_id)]
            configs = {d.guild_id: await guild_rows.get(db, d.guild_id) for d in leftovers}
        for delivery in leftovers:
            config = configs[delivery.guild_id]
            if config is None:
                continue
            if delivery.kind == "digest":
                await self._resume_digest(sink, config, delivery, report)
            else:
                await self._resume_alert(sink, config, delivery, report)
        return report

    async def _resume_digest(
        self, sink: DeliverySink, config: GuildConfig, delivery: delivery_rows.Delivery, report: TickReport
    ) -> None:
        slot = datetime.fromisoformat(delivery.key)
        since = delivery.since_at or slot - timedelta(days=1)
        until = delivery.until_at or slot
        digest = await self._collect(
            config.guild_id,
            since,
            until,
            config.timezone,
            config.min_level,
            config.leagues,
            key=delivery.key,
            resumed=True,
        )
        if digest is None:  # the stories are gone (retention): nothing to finish
            async with self.store.transaction() as db:
                await delivery_rows.mark_failed(db, delivery.id, "nothing left to post after restart")
            return
        await self._post_digest(sink, config, delivery, digest, slot, report)

    async def _resume_alert(
        self, sink: DeliverySink, config: GuildConfig, delivery: delivery_rows.Delivery, report: TickReport
    ) -> None:
        # The cursor only moves past an alert once all its posts are done, so the story is still after it.
        stories = await self.rumours.stories_for_alerts(config.alerts_after_seq, 0, guild_id=config.guild_id)
        story_key = follow_routes.story_key_of(delivery.key)
        match = [story for story in stories if story.key == story_key]
        if not match:
            async with self.store.transaction() as db:
                await delivery_rows.mark_failed(db, delivery.id, "story no longer available")
            return
        async with self.store.read() as db:
            follows = await follow_rows.for_guild(db, config.guild_id)
        roles = follow_routes.routes(match[0], follows, config.alerts_channel_id, config.alerts_level)
        alert = replace(
            Alert.from_story(config.guild_id, match[0], resumed=True),
            key=delivery.key,
            role_ids=roles.get(delivery.channel_id, ()),
            replaces=await self._reported_message(config, match[0], delivery.channel_id),
        )
        # The next tick finds it posted and moves the cursor once the story's other channels are done.
        await self._post_alert(sink, config, delivery, alert, report)

    async def tick(self, sink: DeliverySink, now: datetime | None = None) -> TickReport:
        """Post every digest that is due and every new alert; returns what happened."""
        now = now or self.clock()
        report = TickReport()
        async with self.store.read() as db:
            digest_configs = await guild_rows.digest_enabled(db)
            alert_configs = await guild_rows.alerts_enabled(db)
            with_alerts = {config.guild_id for config in alert_configs}
            for guild_id in await follow_rows.guild_ids(db):
                if guild_id in with_alerts or await bot_state.get(db, f"{bot_state.LEFT_PREFIX}{guild_id}"):
                    continue  # a server the bot left keeps its follows for the grace period, unused
                followed = await guild_rows.get(db, guild_id)
                if followed is not None:
                    alert_configs.append(followed)
        digest_configs = [config for config in digest_configs if self.owns(config.guild_id)]
        alert_configs = [config for config in alert_configs if self.owns(config.guild_id)]
        for config in digest_configs:
            try:
                await self._digest_if_due(sink, config, now, report)
            except Exception as exc:
                log.exception("digest for server %s failed", config.guild_id)
                report.failures.append((config.guild_id, f"digest: {exc}"))
        for config in alert_configs:
            try:
                await self._alerts(sink, config, report)
            except Exception as exc:
                log.exception("alerts for server %s failed", config.guild_id)
                report.failures.append((config.guild_id, f"alerts: {exc}"))
        return report

    async def _digest_if_due(
        self, sink: DeliverySink, config: GuildConfig, now: datetime, report: TickReport
    ) -> None:
        if not config.digest_time or config.digest_channel_id is None:
            return
        at, tz = parse_time(config.digest_time), ZoneInfo(config.timezone)
        slot = latest_slot(now, at, tz)
        if config.last_slot_at is not None and slot <= config.last_slot_at:
            return
        key = guild_rows.to_text(slot)
        async with self.store.read() as db:
            earlier = await delivery_rows.get(db, config.guild_id, "digest", key)
        if earlier is not None and earlier.state in ("posted", "pending"):
            # posted: the slot bookkeeping was lost with a crash; pending: a crash mid-post.
            if earlier.state == "posted":
                async with self.store.transaction() as db:
                    until = earlier.until_at or slot
                    await guild_rows.mark_digest_delivered(
                        db, config.guild_id, until=until, slot=slot, now=now
                    )
            else:
                await self._resume_digest(sink, config, earlier, report)
            return
        since = _window_start(config.last_digest_at, slot)
        digest = await self._collect(
            config.guild_id, since, now, config.timezone, config.min_level, config.leagues, key=key
        )
        if digest is None:
            async with self.store.transaction() as db:
                await guild_rows.mark_slot_empty(db, config.guild_id, slot=slot, now=now)
            report.digests_empty.append(config.guild_id)
            return
        async with self.store.transaction() as db:
            delivery, fresh = await delivery_rows.begin(
                db,
                config.guild_id,
                "digest",
                key,
                config.digest_channel_id,
                now,
                since=digest.since,
                until=digest.until,
            )
        if not fresh:  # another tick got there first
            return
        await self._post_digest(sink, config, delivery, digest, slot, report)

    async def _post_digest(
        self,
        sink: DeliverySink,
        config: GuildConfig,
        delivery: delivery_rows.Delivery,
        digest: Digest,
        slot: datetime,
        report: TickReport,
    ) -> None:
        try:
            message_id = await sink.post_digest(config.guild_id, delivery.channel_id, digest)
        except DeliveryError as exc:
            await self._failed(config.guild_id, delivery.id, exc, "digest", slot=slot)
            report.failures.append((config.guild_id, exc.reason))
            return
        except Exception as exc:
            log.exception("posting the digest for server %s failed", config.guild_id)
            await self._failed(config.guild_id, delivery.id, DeliveryError(str(exc), False), "digest")
            report.failures.append((config.guild_id, str(exc)))
            return
        now = self.clock()
        async with self.store.transaction() as db:
            await delivery_rows.mark_posted(db, delivery.id, message_id, now)
            await guild_rows.mark_digest_delivered(
                db, config.guild_id, until=digest.until, slot=slot, now=now
            )
        report.digests_posted.append(config.guild_id)
        log.info(
            "digest %s posted to server %s (%d stories)", digest.key, config.guild_id, digest.story_count
        )

    async def _alerts(self, sink: DeliverySink, config: GuildConfig, report: TickReport) -> None:
        """Announce each new story in every channel it routes to; the cursor passes a story only once
        all its posts are done (posted, or skipped for good), so a crash never loses one."""
        async with self.store.read() as db:
            follows = await follow_rows.for_guild(db, config.guild_id)
        levels = [follow.min_level for follow in follows]
        if config.alerts_channel_id is not None and config.alerts_level is not None:
            levels.append(config.alerts_level)
        if not levels:
            return
        stories = await self.rumours.stories_for_alerts(
            config.alerts_after_seq, min(levels), guild_id=config.guild_id
        )
        for story in sorted(stories, key=lambda s: s.seq):
            if story.seq <= config.alerts_after_seq:
                continue
            routes = follow_routes.routes(story, follows, config.alerts_channel_id, config.alerts_level)
            outcomes = [
                await self._route(sink, config, story, channel, roles, report)
                for channel, roles in routes.items()
            ]
            if "retry" in outcomes:
                break
            async with self.store.transaction() as db:
                await guild_rows.advance_alert_cursor(db, config.guild_id, story.seq)
            if "stop" in outcomes:
                break

    async def _route(
        self,
        sink: DeliverySink,
        config: GuildConfig,
        story: StoryAlert,
        channel: int,
        roles: tuple[int, ...],
        report: TickReport,
    ) -> str:
        """Post one story in one channel through the Delivery protocol (record, post, mark)."""
        key = follow_routes.delivery_key(story.key, channel, config.alerts_channel_id)
        async with self.store.transaction() as db:
            delivery, fresh = await delivery_rows.begin(
                db, config.guild_id, "alert", key, channel, self.clock()
            )
        if not fresh and delivery.state == "posted":
            return "posted"
        alert = replace(
            Alert.from_story(config.guild_id, story),
            key=key,
            role_ids=roles,
            resumed=not fresh,
            replaces=await self._reported_message(config, story, channel),
        )
        return await self._post_alert(sink, config, delivery, alert, report)

    async def _reported_message(self, config: GuildConfig, story: StoryAlert, channel: int) -> int | None:
        """The message that announced this sacking as reported in this channel, if any: a confirmation
        edits it in place rather than posting the same story twice."""
        if not story.key.endswith(CONFIRMED):
            return None
        reported = follow_routes.delivery_key(
            story.key.removesuffix(CONFIRMED), channel, config.alerts_channel_id
        )
        async with self.store.read() as db:
            earlier = await delivery_rows.get(db, config.guild_id, "alert", reported)
        return earlier.message_id if earlier is not None and earlier.state == "posted" else None

    async def _post_alert(
        self,
        sink: DeliverySink,
        config: GuildConfig,
        delivery: delivery_rows.Delivery,
        alert: Alert,
        report: TickReport,
    ) -> str:
        """Post one alert: "posted"; "skipped" (refused, later posts go on); "stop" (the channel is
        broken: skipped, the server's problem, no more this tick); "retry" (transient: due again)."""
        try:
            message_id = await sink.post_alert(config.guild_id, delivery.channel_id, alert)
        except DeliveryError as exc:
            await self._failed(config.guild_id, delivery.id, exc, "alerts")
            report.failures.append((config.guild_id, exc.reason))
            if not exc.permanent:
                return "retry"
            return "skipped" if exc.refused else "stop"
        except Exception as exc:
            log.exception("posting an alert for server %s failed", config.guild_id)
            await self._failed(config.guild_id, delivery.id, DeliveryError(str(exc), False), "alerts")
            report.failures.append((config.guild_id, str(exc)))
            return "retry"
        async with self.store.transaction() as db:
            await delivery_rows.mark_posted(db, delivery.id, message_id, self.clock())
        report.alerts_posted.append((config.guild_id, alert.story_id))
        return "posted"

    async def _failed(
        self,
        guild_id: int,
        delivery_id: int,
        error: DeliveryError,
        what: str,
        *,
        slot: datetime | None = None,
    ) -> None:
        """Record a failed post; a permanent one becomes the server's visible problem and is skipped."""
        now = self.clock()
        async with self.store.transaction() as db:
            await delivery_rows.mark_failed(db, delivery_id, error.reason)
            if error.permanent:
                problem = (
                    f"{what}: Discord refused one post, so it was skipped ({error.reason})"
                    if error.refused
                    else f"{what}: {error.reason}"
                )
                await guild_rows.set_problem(db, guild_id, problem, now)
                if slot is not None:
                    await guild_rows.mark_slot_handled(db, guild_id, slot=slot, now=now)


def _window_start(last_delivered: datetime | None, moment: datetime) -> datetime:
    """Where a digest starts: the last delivered one, but never more than MAX_WINDOW back (a digest
    turned back on after months summarises the last week, not everything since)."""
    earliest = moment - MAX_WINDOW
    if last_delivered is None:
        return moment - timedelta(days=1)
    return max(last_delivered, earliest)
