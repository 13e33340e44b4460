"""The digest service: per-server configuration, building digests, and the loop that posts them.

See bot/digest/__init__.py for the schedule and the Delivery protocol.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.config import Settings
from bot.digest import prefs
from bot.digest.alerts import AlertRouter
from bot.digest.delivery import DeliverySink, Poster, TickReport
from bot.digest.models import Digest, DigestEntry, DigestStatus, StorySource
from bot.digest.problems import Problem
from bot.digest.schedule import latest_slot, next_slot, parse_time, window_start
from bot.digest.zones import parse_timezone
from bot.errors import UserError
from bot.i18n import LANGUAGES, N_, SOURCE_LANGUAGE
from bot.rumours.results import DigestGroup
from storage import Store, bot_state, feed_choices
from storage import deliveries as delivery_rows
from storage import follows as follow_rows
from storage import guilds as guild_rows
from storage.guilds import GuildConfig

log = logging.getLogger("bot.digest")

CONSOLE_GUILD_ID = 0
TICK_SECONDS = 60.0


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
        self.poster = Poster(store, lambda: self.clock())
        self.alerts = AlertRouter(store, rumours, self.poster, lambda: self.clock())

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
            removed = Problem(N_("Hotseat was removed from this server"))
            await guild_rows.set_problem(db, guild_id, removed.encode(), now)

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

    async def set_language(self, guild_id: int, language: str | None) -> DigestStatus:
        """The language of the server's digests and alerts; None goes back to its Discord locale."""
        if language is not None and language not in (SOURCE_LANGUAGE, *LANGUAGES):
            raise UserError(
                "'{language}' is not a language Hotseat speaks: pick one of {known}.",
                language=language,
                known=", ".join((SOURCE_LANGUAGE, *LANGUAGES)),
            )
        async with self.store.transaction() as db:
            await prefs.set_language(db, guild_id, language)
        return await self.status(guild_id)

    async def set_story_threads(self, guild_id: int, on: bool) -> DigestStatus:
        """Whether each story's first alert opens a thread where its later alerts go."""
        async with self.store.transaction() as db:
            await prefs.set_story_threads(db, guild_id, on)
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
            language = await prefs.language(db, guild_id)
            threads = await prefs.story_threads(db, guild_id)
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
                language=language,
                story_threads=threads,
            )
        detail = Problem.decode(config.problem)
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
            problem=detail.text() if detail else None,
            problem_at=config.problem_at,
            news_since=config.last_digest_at,
            language=language,
            story_threads=threads,
            problem_detail=detail,
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
        since = window_start(config.last_digest_at, now)
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
        groups = await self._without_switched_off(guild_id, groups)
        entries = tuple(entry for entry in map(DigestEntry.from_group, groups) if entry.stories)
        if not entries:
            return None
        async with self.store.read() as db:
            language = await prefs.language(db, guild_id)
        return Digest(guild_id, key, since, until, timezone, entries, resumed=resumed, language=language)

    async def _without_switched_off(
        self, guild_id: int, groups: Sequence[DigestGroup]
    ) -> Sequence[DigestGroup]:
        """Drop the stories told only by feeds this server switched off (/feeds bundled); a manager
        left with none drops out. His pressure index still counts every feed: it is shared."""
        async with self.store.read() as db:
            off = await feed_choices.only_switched_off(
                db, guild_id, [story.story_id for group in groups for story in group.stories]
            )
        if not off:
            return groups
        kept: list[DigestGroup] = []
        for group in groups:
            stories = tuple(story for story in group.stories if story.story_id not in off)
            if stories:
                kept.append(replace(group, stories=stories, level=max(story.level for story in stories)))
        return kept

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
                await self.alerts.resume(sink, config, delivery, report)
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
        await self.poster.digest(sink, config, delivery, digest, slot, report)

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
                await self.alerts.run(sink, config, report)
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
        if earlier is not None and earlier.waiting(now):
            return  # a failed post waits for its next attempt (bot/digest/delivery.py)
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
        since = window_start(config.last_digest_at, slot)
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
        if not fresh:  # another tick got there first, or its last failure is still waiting
            return
        await self.poster.digest(sink, config, delivery, digest, slot, report)
