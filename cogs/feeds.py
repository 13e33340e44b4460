"""/feeds add|remove|list: the server's own news feeds (admins only).

A server's own feeds are private: their news reaches that server only (bot/rumours/service.py). A
server follows at most HOTSEAT_MAX_FEEDS_PER_SERVER of them and may add only a few per hour, so one
server cannot make the bot poll without bound.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict, deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.errors import UserError
from bot.i18n import Texts, for_interaction, texts
from bot.news.reports import FeedStatus
from cogs._base import Choices, HotseatCog
from cogs._catalogue import group, sub
from cogs._ui import clean, make_embed, reply, truncate
from storage import feeds as feeds_db

if TYPE_CHECKING:
    from bot.app import HotseatBot

STATE = {"ok": "✅", "new": "🆕", "failing": "⚠️", "disabled": "⛔"}
ADDS_PER_PERIOD = 5  # /feeds add per server ...
ADD_PERIOD_SECONDS = 3600.0  # ... per hour


class AddLimiter:
    """At most `limit` attempts per server in any `period` seconds (a sliding window per server)."""

    def __init__(self, limit: int, period: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.period = period
        self.clock = clock
        self._attempts: defaultdict[int, deque[float]] = defaultdict(deque)

    def take(self, guild_id: int, _: Texts | None = None) -> None:
        """Count one attempt, or raise a UserError saying when the server may try again."""
        _ = _ or texts(None)
        now = self.clock()
        attempts = self._attempts[guild_id]
        while attempts and attempts[0] <= now - self.period:
            attempts.popleft()
        if len(attempts) >= self.limit:
            minutes = math.ceil((attempts[0] + self.period - now) / 60)
            wait = _.ngettext("{count} minute", "{count} minutes", minutes)
            raise UserError(
                _(
                    "This server has added {limit} feeds in the last hour: try again in {wait}.",
                    limit=self.limit,
                    wait=wait,
                )
            )
        attempts.append(now)


def _guild(interaction: discord.Interaction[Any]) -> int:
    if interaction.guild_id is None:
        raise UserError("That command only works inside a server.")
    return interaction.guild_id


def feed_line(feed: FeedStatus, _: Texts | None = None) -> str:
    _ = _ or texts(None)
    last = discord.utils.format_dt(feed.last_success_at, "R") if feed.last_success_at else _("never")
    default = ", " + _("default") if feed.is_default else ""
    parts = [f"{STATE.get(feed.state, '')} **{clean(feed.outlet)}** (#{feed.id}{default})"]
    parts.append(f"<{truncate(feed.url, 200)}>")
    success = _("last success: {when}", when=last)
    if feed.failures:
        success += ", " + _.ngettext("{count} failure", "{count} failures", feed.failures)
    parts.append(success)
    if feed.disabled_reason:
        parts.append(_("disabled: {reason}", reason=clean(truncate(feed.disabled_reason, 200))))
    elif feed.last_error:
        parts.append(_("last error: {error}", error=clean(truncate(feed.last_error, 200))))
    return "\n".join(parts)


def feeds_embed(feeds: list[FeedStatus], _: Texts | None = None) -> discord.Embed:
    _ = _ or texts(None)
    blocks: list[str] = []
    size = 0
    for feed in feeds:
        block = feed_line(feed, _)
        if size + len(block) > 3800:
            blocks.append(_.ngettext("…and {count} more", "…and {count} more", len(feeds) - len(blocks)))
            break
        blocks.append(block)
        size += len(block) + 2
    healthy = sum(1 for f in feeds if f.state in ("ok", "new"))
    return make_embed(
        _("Feeds ({count}, {healthy} healthy)", count=len(feeds), healthy=healthy),
        "\n\n".join(blocks) or _("No feeds yet: add one with /feeds add."),
    )


class FeedsCog(HotseatCog):
    def __init__(self, bot: HotseatBot) -> None:
        super().__init__(bot)
        self.adds = AddLimiter(ADDS_PER_PERIOD, ADD_PERIOD_SECONDS)

    feeds = group("feeds", guild_only=True, default_permissions=discord.Permissions(manage_guild=True))

    @sub(feeds, "feeds add")
    async def add(self, interaction: discord.Interaction[Any], url: str) -> None:
        _ = for_interaction(interaction)
        guild = _guild(interaction)
        limit = self.service.settings.max_feeds_per_server
        async with self.service.store.read() as db:
            following = await feeds_db.subscription_count(db, guild)
        if following >= limit:
            raise UserError(
                _(
                    "This server already follows {following} feeds, the most allowed ({limit}). "
                    "Remove one with /feeds remove, then add this one.",
                    following=following,
                    limit=limit,
                )
            )
        self.adds.take(guild, _)
        await interaction.response.defer(ephemeral=True, thinking=True)
        feed = await self.service.news.add_feed(url.strip(), guild, interaction.user.id)
        await reply(interaction, [make_embed(_("Feed added"), feed_line(feed, _))], ephemeral=True)

    @sub(feeds, "feeds remove")
    async def remove(self, interaction: discord.Interaction[Any], feed: str) -> None:
        _ = for_interaction(interaction)
        if not await self.service.news.remove_feed(feed.strip(), _guild(interaction)):
            raise UserError(
                _("This server does not follow '{feed}': see /feeds list.", feed=truncate(feed, 100))
            )
        embed = make_embed(_("Feed removed"), clean(truncate(feed, 500)))
        await reply(interaction, [embed], ephemeral=True)

    @sub(feeds, "feeds list")
    async def list(self, interaction: discord.Interaction[Any]) -> None:
        feeds = await self.service.news.list_feeds(_guild(interaction))
        await reply(interaction, [feeds_embed(feeds, for_interaction(interaction))], ephemeral=True)

    @remove.autocomplete("feed")
    async def _feed(self, interaction: discord.Interaction[Any], current: str) -> Choices:
        if interaction.guild_id is None:
            return []
        typed = current.casefold()
        feeds = await self.service.news.list_feeds(interaction.guild_id)
        matches = [
            f
            for f in feeds
            if not f.is_default and (typed in f.url.casefold() or typed in f.outlet.casefold())
        ]
        return [
            app_commands.Choice(name=truncate(f"{f.outlet} — {f.url}", 100), value=str(f.id))
            for f in matches[:25]
        ]


async def setup(bot: HotseatBot) -> None:
    await bot.add_cog(FeedsCog(bot))
