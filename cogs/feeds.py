"""/feeds add|remove|list|bundled|retry: the news feeds a server reads (admins only).

A server's own feeds are private: their news reaches that server only (bot/rumours/service.py). A
server follows at most HOTSEAT_MAX_FEEDS_PER_SERVER of them and may add only a few per hour, so one
server cannot make the bot poll without bound. Bundled feeds are shared: /feeds bundled switches
them off (by language or one by one) for this server only, and /feeds retry gives a feed disabled
after repeated failures another try (also a few per hour: each retry fetches the feed again).
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
from bot.i18n import N_, Texts, for_interaction, texts
from bot.news.reports import FeedStatus, SwitchReport
from cogs._base import Choices, HotseatCog
from cogs._catalogue import group, sub
from cogs._ui import clean, make_embed, reply, truncate
from cogs.digests import LANGUAGE_CHOICES, LANGUAGE_NAMES
from storage import feeds as feeds_db

if TYPE_CHECKING:
    from bot.app import HotseatBot

STATE = {"ok": "✅", "new": "🆕", "failing": "⚠️", "disabled": "⛔", "off": "🔕"}
ADDS_PER_PERIOD = 5  # /feeds add per server ...
ADD_PERIOD_SECONDS = 3600.0  # ... per hour
RETRIES_PER_PERIOD = 5  # /feeds retry per server per hour
FEEDS_PER_EMBED = 3800  # characters of feed blocks per embed (Discord allows 4096)
BUNDLED_LANGUAGES = LANGUAGE_CHOICES[1:]  # the bundled feeds' languages, each by its own name


class AddLimiter:
    """At most `limit` attempts per server in any `period` seconds (a sliding window per server)."""

    def __init__(
        self,
        limit: int,
        period: float,
        clock: Callable[[], float] = time.monotonic,
        message: str = N_("This server has added {limit} feeds in the last hour: try again in {wait}."),
    ) -> None:
        self.limit = limit
        self.period = period
        self.clock = clock
        self.message = message
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
            raise UserError(_(self.message, limit=self.limit, wait=wait))
        attempts.append(now)


def _guild(interaction: discord.Interaction[Any]) -> int:
    if interaction.guild_id is None:
        raise UserError("That command only works inside a server.")
    return interaction.guild_id


def why_line(feed: FeedStatus, _: Texts) -> str:
    """Why the feed is in this server's list (bundled, the operator's, or added here by whom)."""
    if feed.origin == "bundled":
        language = LANGUAGE_NAMES.get(feed.language, feed.language)
        return _("bundled default feed ({language})", language=language)
    if feed.origin == "operator":
        return _("added by the bot's operator for every server")
    if feed.added_at is None:
        return _("added by this server's admins")
    when = discord.utils.format_dt(feed.added_at, "D")
    if feed.added_by:
        return _("added by <@{user}> on {when}", user=feed.added_by, when=when)
    return _("added by an admin on {when}", when=when)


def feed_line(feed: FeedStatus, _: Texts | None = None) -> str:
    _ = _ or texts(None)
    last = discord.utils.format_dt(feed.last_success_at, "R") if feed.last_success_at else _("never")
    default = ", " + _("default") if feed.is_default else ""
    parts = [f"{STATE.get(feed.state, '')} **{clean(feed.outlet)}** (#{feed.id}{default})"]
    parts.append(f"<{truncate(feed.url, 200)}>")
    parts.append(why_line(feed, _))
    if feed.off_here is not None:
        since = discord.utils.format_dt(feed.off_here.changed_at, "D")
        if feed.off_here.by_language:
            language = LANGUAGE_NAMES.get(feed.off_here.by_language, feed.off_here.by_language)
            parts.append(
                _("switched off here with its language ({language}) on {when}", language=language, when=since)
            )
        else:
            parts.append(_("switched off here on {when}", when=since))
    success = _("last success: {when}", when=last)
    if feed.failures:
        success += ", " + _.ngettext("{count} failure", "{count} failures", feed.failures)
    parts.append(success)
    if feed.disabled_reason:
        parts.append(_("disabled: {reason}", reason=clean(truncate(feed.disabled_reason, 200))))
        if feed.disabled_at:
            since = discord.utils.format_dt(feed.disabled_at, "D")
            parts.append(
                _.ngettext(
                    "disabled since {when} after {count} failure: /feeds retry tries again",
                    "disabled since {when} after {count} failures: /feeds retry tries again",
                    feed.failures,
                    when=since,
                )
            )
    elif feed.last_error:
        parts.append(_("last error: {error}", error=clean(truncate(feed.last_error, 200))))
    return "\n".join(parts)


def switch_embed(report: SwitchReport, _: Texts) -> discord.Embed:
    """What /feeds bundled changed, and that other servers are not affected."""
    if report.language:
        language = LANGUAGE_NAMES.get(report.language, report.language)
        title = (
            _("Bundled feeds in {language}: on here", language=language)
            if report.on
            else _("Bundled feeds in {language}: off here", language=language)
        )
    else:
        title = _("Feed switched on here") if report.on else _("Feed switched off here")
    names = ", ".join(f"**{clean(feed.outlet)}** (#{feed.id})" for feed in report.feeds)
    lines = [truncate(names, 3000) or _("No bundled feeds in that language yet.")]
    if not report.on:
        lines.append(
            _("Their stories no longer reach this server's digests and alerts; other servers still get them.")
        )
    return make_embed(title, "\n".join(lines))


def feeds_embeds(feeds: list[FeedStatus], _: Texts | None = None) -> list[discord.Embed]:
    """The server's feeds, as many embeds as they need (`reply` sends them in as many messages):
    the bundled feeds plus a server's own can pass one embed's limit."""
    _ = _ or texts(None)
    healthy = sum(1 for f in feeds if f.state in ("ok", "new"))
    title = _(
        "Feeds ({count}, {healthy})",
        count=len(feeds),
        healthy=_.ngettext("{count} healthy", "{count} healthy", healthy),
    )
    pages: list[list[str]] = [[]]
    size = 0
    for feed in feeds:
        block = feed_line(feed, _)
        if pages[-1] and size + len(block) > FEEDS_PER_EMBED:
            pages.append([])
            size = 0
        pages[-1].append(block)
        size += len(block) + 2
    if not feeds:
        return [make_embed(title, _("No feeds yet: add one with /feeds add."))]
    return [make_embed(title, "\n\n".join(page)) for page in pages]


class FeedsCog(HotseatCog):
    def __init__(self, bot: HotseatBot) -> None:
        super().__init__(bot)
        self.adds = AddLimiter(ADDS_PER_PERIOD, ADD_PERIOD_SECONDS)
        self.retries = AddLimiter(
            RETRIES_PER_PERIOD,
            ADD_PERIOD_SECONDS,
            message=N_("This server has retried {limit} feeds in the last hour: try again in {wait}."),
        )

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
        await reply(interaction, feeds_embeds(feeds, for_interaction(interaction)), ephemeral=True)

    @sub(feeds, "feeds bundled")
    @app_commands.choices(language=BUNDLED_LANGUAGES)
    async def bundled(
        self,
        interaction: discord.Interaction[Any],
        enabled: bool,
        language: str | None = None,
        feed: str | None = None,
    ) -> None:
        _ = for_interaction(interaction)
        if (language is None) == (feed is None):
            raise UserError(
                _("Name either a language or one feed, e.g. /feeds bundled enabled:False language:es.")
            )
        report = await self.service.news.switch_bundled(
            _guild(interaction), enabled, language=language, feed=feed, by=interaction.user.id
        )
        await reply(interaction, [switch_embed(report, _)], ephemeral=True)

    @sub(feeds, "feeds retry")
    async def retry(self, interaction: discord.Interaction[Any], feed: str) -> None:
        _ = for_interaction(interaction)
        guild = _guild(interaction)
        self.retries.take(guild, _)
        status = await self.service.news.retry_feed(guild, feed.strip())
        embed = make_embed(_("Feed back on: it is fetched again now"), feed_line(status, _))
        await reply(interaction, [embed], ephemeral=True)

    async def _choices(
        self, interaction: discord.Interaction[Any], current: str, fits: Callable[[FeedStatus], bool]
    ) -> Choices:
        if interaction.guild_id is None:
            return []
        typed = current.casefold()
        feeds = await self.service.news.list_feeds(interaction.guild_id)
        matches = [
            f for f in feeds if fits(f) and (typed in f.url.casefold() or typed in f.outlet.casefold())
        ]
        return [
            app_commands.Choice(name=truncate(f"{f.outlet} — {f.url}", 100), value=str(f.id))
            for f in matches[:25]
        ]

    @remove.autocomplete("feed")
    async def _own_feed(self, interaction: discord.Interaction[Any], current: str) -> Choices:
        return await self._choices(interaction, current, lambda feed: feed.origin == "own")

    @bundled.autocomplete("feed")
    async def _shared_feed(self, interaction: discord.Interaction[Any], current: str) -> Choices:
        return await self._choices(interaction, current, lambda feed: feed.origin != "own")

    @retry.autocomplete("feed")
    async def _disabled_feed(self, interaction: discord.Interaction[Any], current: str) -> Choices:
        return await self._choices(interaction, current, lambda feed: bool(feed.disabled_reason))


async def setup(bot: HotseatBot) -> None:
    await bot.add_cog(FeedsCog(bot))
