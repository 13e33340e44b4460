"""Alerts: each new story at or above a channel's level, posted once per story and channel.

One Delivery per story and channel (key "story:<id>:level:<n>", plus "@<channel>" outside the alerts
channel), so a story is announced once per channel however many articles join it. Follows
(bot/follow_routes.py) add channels and the roles to ping there; the server's story cursor passes a
story only when every channel's post is done (posted, or skipped for good), so a crash never loses one.
A story told only by feeds the server switched off (/feeds bundled) is passed over without a post.
A sacking confirmed (or withdrawn) after it was announced as reported edits that message in place
(`Alert.replaces`).
A server that wants a thread per story (`/alerts set threads:true`, bot/digest/prefs.py) gets one opened
on the story's first alert in each channel; the story's later alerts carry that message's id, which is
the thread's, and the sink posts them there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from bot import follow_routes
from bot.digest import prefs
from bot.digest.delivery import DeliverySink, Poster, TickReport
from bot.digest.models import SETTLED, Alert, StorySource
from bot.rumours.results import StoryAlert
from storage import Store, feed_choices
from storage import deliveries as delivery_rows
from storage import follows as follow_rows
from storage import guilds as guild_rows
from storage.guilds import GuildConfig


class AlertRouter:
    """Finds the stories a server has not been told about yet and posts each where it routes."""

    def __init__(
        self, store: Store, rumours: StorySource, poster: Poster, clock: Callable[[], datetime]
    ) -> None:
        self.store = store
        self.rumours = rumours
        self.poster = poster
        self.clock = clock

    async def run(self, sink: DeliverySink, config: GuildConfig, report: TickReport) -> None:
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
        async with self.store.read() as db:
            off = await feed_choices.only_switched_off(
                db, config.guild_id, [story.story.story_id for story in stories]
            )
        for story in sorted(stories, key=lambda s: s.seq):
            if story.seq <= config.alerts_after_seq:
                continue
            if story.story.story_id in off:  # nothing to post here: only pass the cursor over it
                async with self.store.transaction() as db:
                    await guild_rows.advance_alert_cursor(db, config.guild_id, story.seq)
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
        if not fresh and delivery.state == "failed":  # waiting for its next attempt, or given up
            return "skipped" if delivery.given_up else "retry"
        alert = replace(
            Alert.from_story(config.guild_id, story),
            key=key,
            role_ids=roles,
            resumed=not fresh,
            replaces=await self._reported_message(config, story, channel),
        )
        alert = await self._presented(alert, config, channel)
        return await self.poster.alert(sink, config, delivery, alert, report)

    async def _presented(self, alert: Alert, config: GuildConfig, channel: int) -> Alert:
        """The server's language, and its story thread when it wants one per story: the thread opened
        on the story's first alert in this channel (a thread started from a message has its id)."""
        async with self.store.read() as db:
            language = await prefs.language(db, config.guild_id)
            if not await prefs.story_threads(db, config.guild_id):
                return replace(alert, language=language)
            for level in (1, 2, 3):
                for end in ("", *SETTLED):
                    story_key = f"story:{alert.story_id}:level:{level}{end}"  # StoryAlert.key's form
                    key = follow_routes.delivery_key(story_key, channel, config.alerts_channel_id)
                    earlier = await delivery_rows.get(db, config.guild_id, "alert", key)
                    if key != alert.key and earlier is not None and earlier.state == "posted":
                        return replace(alert, language=language, thread_id=earlier.message_id)
        return replace(alert, language=language, thread=True)

    async def _reported_message(self, config: GuildConfig, story: StoryAlert, channel: int) -> int | None:
        """The message that announced this sacking as reported in this channel, if any: a confirmation
        (or a withdrawal) edits it in place rather than posting the same story twice."""
        settled = next((end for end in SETTLED if story.key.endswith(end)), None)
        if settled is None:
            return None
        reported = follow_routes.delivery_key(
            story.key.removesuffix(settled), channel, config.alerts_channel_id
        )
        async with self.store.read() as db:
            earlier = await delivery_rows.get(db, config.guild_id, "alert", reported)
        return earlier.message_id if earlier is not None and earlier.state == "posted" else None

    async def resume(
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
        alert = await self._presented(alert, config, delivery.channel_id)
        # The next tick finds it posted and moves the cursor once the story's other channels are done.
        await self.poster.alert(sink, config, delivery, alert, report)
