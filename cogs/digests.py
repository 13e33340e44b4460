"""/digest setup|now|off|status and /alerts: per-server schedules (admins only)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.digest import DigestStatus
from bot.errors import UserError
from bot.football.leagues import find_league, resolve_league
from cogs._base import Choices, HotseatCog, TextChannel, admin_only
from cogs._sink import digest_embeds
from cogs._ui import make_embed, reply

if TYPE_CHECKING:
    from bot.app import HotseatBot

LEVELS = [
    app_commands.Choice(name="1 — murmurs (criticism, poor run)", value=1),
    app_commands.Choice(name="2 — serious (crisis talks, ultimatum)", value=2),
    app_commands.Choice(name="3 — decided (sacked, resigned)", value=3),
]
TEXT_CHANNELS = (discord.ChannelType.text, discord.ChannelType.news)
MANAGE_SERVER = discord.Permissions(manage_guild=True)


def status_embed(status: DigestStatus, title: str = "Digest status") -> discord.Embed:
    return make_embed(title, "\n".join(status.lines()))


def _guild(interaction: discord.Interaction[Any]) -> int:
    if interaction.guild_id is None:  # admin_only refuses direct messages before this
        raise UserError("That command only works inside a server.")
    return interaction.guild_id


def _text_channel(channel: app_commands.AppCommandChannel) -> int:
    if channel.type not in TEXT_CHANNELS:
        raise UserError(f"#{channel.name} is not a text channel: pick a text channel.")
    return channel.id


LEAGUE_CODE = re.compile(r"^[a-z]{2,3}\.\d$")


def split_leagues(text: str | None) -> list[str]:
    """League codes from what an admin typed ("La Liga, en.1"): names become codes, typos are refused."""
    codes = []
    for part in (text or "").replace(";", ",").split(","):
        typed = part.strip()
        if not typed:
            continue
        league = find_league(typed)
        if league is not None:
            codes.append(league.code)
        elif LEAGUE_CODE.match(typed.lower()):
            codes.append(typed.lower())  # a league the registry knows but the tables do not (pt.1, nl.1)
        else:
            resolve_league(typed)  # raises the friendly "No league called …" error
    return codes


class DigestsCog(HotseatCog):
    digest = app_commands.Group(
        name="digest",
        description="Daily digest of managers under pressure",
        guild_only=True,
        default_permissions=MANAGE_SERVER,
    )

    @digest.command(name="setup", description="Post a daily digest in a channel at a local time")
    @app_commands.describe(
        channel="where to post",
        time="local time, 24-hour HH:MM",
        timezone="e.g. Europe/London",
        min_level="lowest pressure level to include",
        leagues="comma-separated league codes, e.g. en.1, es.1 (default: all)",
    )
    @app_commands.choices(min_level=LEVELS)
    @admin_only
    async def setup(
        self,
        interaction: discord.Interaction[Any],
        channel: TextChannel,
        time: str,
        timezone: str,
        min_level: int = 1,
        leagues: str | None = None,
    ) -> None:
        status = await self.service.digests.setup(
            _guild(interaction), _text_channel(channel), time, timezone, min_level, split_leagues(leagues)
        )
        await reply(interaction, [status_embed(status, "Digest scheduled")], ephemeral=True)

    @digest.command(name="now", description="Show what the next digest would hold, right now")
    @admin_only
    async def now(self, interaction: discord.Interaction[Any]) -> None:
        digest = await self.service.digests.build(_guild(interaction))
        if digest is None:
            status = await self.service.digests.status(_guild(interaction))
            since = status.news_since or status.last_delivered_at
            when = f" since {since:%d %b %H:%M} UTC" if since else " in the last day"
            await reply(interaction, [make_embed("Digest", f"Nothing new{when}.")], ephemeral=True)
            return
        await reply(interaction, digest_embeds(digest))

    @digest.command(name="off", description="Stop the daily digest")
    @admin_only
    async def off(self, interaction: discord.Interaction[Any]) -> None:
        status = await self.service.digests.disable(_guild(interaction))
        await reply(interaction, [status_embed(status, "Digest turned off")], ephemeral=True)

    @digest.command(name="status", description="Schedule, last delivery, next due, problems")
    @admin_only
    async def status(self, interaction: discord.Interaction[Any]) -> None:
        status = await self.service.digests.status(_guild(interaction))
        await reply(interaction, [status_embed(status)], ephemeral=True)

    @app_commands.command(name="alerts", description="Post stories at or above a level as they happen")
    @app_commands.describe(channel="where to post alerts", level="lowest level to alert on (3 = sackings)")
    @app_commands.choices(level=[*LEVELS, app_commands.Choice(name="off", value=0)])
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    @admin_only
    async def alerts(self, interaction: discord.Interaction[Any], channel: TextChannel, level: int) -> None:
        channel_id = _text_channel(channel)
        status = await self.service.digests.set_alerts(
            _guild(interaction), channel_id if level else None, level or None
        )
        await reply(interaction, [status_embed(status, "Alerts updated")], ephemeral=True)

    @commands.Cog.listener()
    async def on_guild_remove(self, guild: discord.Guild) -> None:
        """Removed from a server: stop posting there instead of failing every day."""
        await self.service.digests.forget_server(guild.id)

    @setup.autocomplete("timezone")
    async def _timezone(self, interaction: discord.Interaction[Any], current: str) -> Choices:
        return await self.timezones(interaction, current)

    @setup.autocomplete("leagues")
    async def _leagues(self, interaction: discord.Interaction[Any], current: str) -> Choices:
        """Completes the last code of a comma-separated list, keeping the ones already typed."""
        head, _, last = current.rpartition(",")
        prefix = f"{head.strip()}, " if head.strip() else ""
        options = await self.service.football.autocomplete_leagues(last.strip())
        values = [(prefix + code)[:100] for _, code in options]
        return [app_commands.Choice(name=value, value=value) for value in values[:25]]


async def setup(bot: HotseatBot) -> None:
    await bot.add_cog(DigestsCog(bot))
