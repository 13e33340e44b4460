"""/digest setup|now|off|status and /alerts set|off: per-server schedules (Manage Server by default).

Discord decides who may run these (`default_permissions` + `guild_only`), so a server's Integrations
overrides apply. Replies are in the caller's language; a digest shown here is in the server's.
"""

from __future__ import annotations

import contextlib
import re
from datetime import datetime
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.digest import Digest, DigestStatus
from bot.errors import UserError
from bot.football.leagues import find_league, resolve_league
from bot.i18n import Texts, for_interaction, texts
from cogs._base import Choices, HotseatCog, per_user_cooldown
from cogs._catalogue import group, sub
from cogs._sink import digest_embeds, level_name
from cogs._ui import NO_MENTIONS, batch, make_embed, reply

if TYPE_CHECKING:
    from bot.app import HotseatBot

LEVELS = [
    app_commands.Choice(name="1 — murmurs (criticism, poor run)", value=1),
    app_commands.Choice(name="2 — serious (crisis talks, ultimatum)", value=2),
    app_commands.Choice(name="3 — decided (sacked, resigned)", value=3),
]
# Each language by its own name (readers look for theirs); "server" follows the server's Discord locale.
LANGUAGE_CHOICES = [
    app_commands.Choice(name="Server language (Discord setting)", value="server"),
    app_commands.Choice(name="English", value="en"),
    app_commands.Choice(name="Español", value="es"),
    app_commands.Choice(name="Italiano", value="it"),
    app_commands.Choice(name="Deutsch", value="de"),
    app_commands.Choice(name="Français", value="fr"),
]
LANGUAGE_NAMES = {choice.value: choice.name for choice in LANGUAGE_CHOICES[1:]}
MANAGE_SERVER = discord.Permissions(manage_guild=True)
PREVIEW_SECONDS = 600.0


def when(moment: datetime | None, _: Texts, style: discord.utils.TimestampStyle = "f") -> str:
    """A time every reader sees in their own time zone and language (Discord renders the tag)."""
    return discord.utils.format_dt(moment, style) if moment else _("never")


def status_embed(status: DigestStatus, _: Texts, title: str | None = None) -> discord.Embed:
    """The server's schedule, deliveries and alerts, with Discord timestamps."""
    if status.enabled and status.time:
        schedule = _(
            "Every day at {time} ({timezone}) in <#{channel}>, level {level}+ ({name}), {leagues}",
            time=status.time,
            timezone=status.timezone,
            channel=status.channel_id,
            level=status.min_level,
            name=level_name(status.min_level, _),
            leagues=", ".join(status.leagues) if status.leagues else _("all leagues"),
        )
    else:
        schedule = _("Off: turn it on with /digest setup")
    fields = [
        (_("Daily digest"), schedule, False),
        (_("Last delivered"), when(status.last_delivered_at, _), True),
    ]
    if status.enabled and status.next_due_at:
        fields.append(
            (_("Next due"), f"{when(status.next_due_at, _)} ({when(status.next_due_at, _, 'R')})", True)
        )
    if status.nothing_new_since and (
        status.last_delivered_at is None or status.nothing_new_since > status.last_delivered_at
    ):
        fields.append(
            (
                _("Nothing new"),
                _("The digest due {when} had nothing to post.", when=when(status.nothing_new_since, _)),
                False,
            )
        )
    if status.alerts_channel_id is not None and status.alerts_level is not None:
        alerts = _(
            "Level {level}+ ({name}) in <#{channel}>",
            level=status.alerts_level,
            name=level_name(status.alerts_level, _),
            channel=status.alerts_channel_id,
        )
    else:
        alerts = _("Off: turn them on with /alerts set")
    fields.append((_("Alerts"), alerts, False))
    language = LANGUAGE_NAMES.get(status.language or "", _("the server's Discord language"))
    fields.append((_("Language of digests and alerts"), language, True))
    threads = _("a thread per story") if status.story_threads else _("no threads")
    fields.append((_("Discussion"), threads, True))
    if status.problem_detail is not None:
        fields.append((_("Problem"), status.problem_detail.text(_), False))
    return make_embed(title or _("Digest status"), fields=fields)


def _guild(interaction: discord.Interaction[Any]) -> int:
    if interaction.guild_id is None:  # guild_only: Discord never sends these from a DM
        raise UserError(for_interaction(interaction)("That command only works inside a server."))
    return interaction.guild_id


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


class PostPreview(discord.ui.View):
    """The "post it now" button under a private digest preview: only its owner may press it."""

    def __init__(self, digest: Digest, owner_id: int, _: Texts) -> None:
        super().__init__(timeout=PREVIEW_SECONDS)
        self.digest = digest
        self.owner_id = owner_id
        self.texts = _
        self.post.label = _("Post it now")
        self.origin: discord.Interaction[Any] | None = None

    async def on_timeout(self) -> None:
        """Take the button away once it stops working, rather than leaving a dead one."""
        if self.origin is not None:
            with contextlib.suppress(discord.HTTPException):
                await self.origin.edit_original_response(view=None)

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        return interaction.user.id == self.owner_id

    @discord.ui.button(label="Post it now", style=discord.ButtonStyle.primary, custom_id="digest-post")
    async def post(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[PostPreview]
    ) -> None:
        _ = self.texts
        self.stop()
        await interaction.response.edit_message(content=_("Posted in this channel."), view=None)
        language = texts(self.digest.language or interaction.guild_locale)
        for embeds in batch(digest_embeds(self.digest, language)):
            await interaction.followup.send(embeds=embeds, allowed_mentions=NO_MENTIONS)


class DigestsCog(HotseatCog):
    digest = group("digest", guild_only=True, default_permissions=MANAGE_SERVER)
    alerts = group("alerts", guild_only=True, default_permissions=MANAGE_SERVER)

    @sub(digest, "digest setup")
    @app_commands.choices(min_level=LEVELS)
    @app_commands.choices(language=LANGUAGE_CHOICES)
    async def setup(
        self,
        interaction: discord.Interaction[Any],
        channel: discord.TextChannel | None = None,
        time: str | None = None,
        timezone: str | None = None,
        min_level: int | None = None,
        leagues: str | None = None,
        language: str | None = None,
    ) -> None:
        """Every option left out keeps its current value, so one setting can change on its own; the
        first set-up needs a channel and a time."""
        _ = for_interaction(interaction)
        guild = _guild(interaction)
        digests = self.service.digests
        now = await digests.status(guild)
        channel_id = channel.id if channel is not None else now.channel_id
        at = time or now.time
        if not channel_id or at is None:
            raise UserError("The first /digest setup needs a channel and a time, like 08:00.")
        if leagues is None:
            codes = list(now.leagues)
        else:
            codes = [] if leagues.strip().lower() == "all" else split_leagues(leagues)
        level = min_level if min_level is not None else now.min_level
        status = await digests.setup(guild, channel_id, at, timezone or now.timezone, level, codes)
        if language is not None:
            status = await digests.set_language(guild, None if language == "server" else language)
        await reply(interaction, [status_embed(status, _, _("Digest scheduled"))], ephemeral=True)

    @sub(digest, "digest now")
    @per_user_cooldown(2, 60.0)
    async def now(self, interaction: discord.Interaction[Any]) -> None:
        _ = for_interaction(interaction)
        guild = _guild(interaction)
        digest = await self.service.digests.build(guild)
        if digest is None:
            status = await self.service.digests.status(guild)
            since = status.news_since or status.last_delivered_at
            text = (
                _("Nothing new since {when}.", when=when(since, _))
                if since
                else _("Nothing new in the last day.")
            )
            await reply(interaction, [make_embed(_("Digest"), text)], ephemeral=True)
            return
        view = PostPreview(digest, interaction.user.id, _)
        view.origin = interaction
        first = batch(digest_embeds(digest, texts(digest.language or interaction.guild_locale)))[0]
        await interaction.response.send_message(
            content=_("Only you can see this preview."),
            embeds=first,
            view=view,
            ephemeral=True,
            allowed_mentions=NO_MENTIONS,
        )

    @sub(digest, "digest off")
    async def off(self, interaction: discord.Interaction[Any]) -> None:
        _ = for_interaction(interaction)
        status = await self.service.digests.disable(_guild(interaction))
        await reply(interaction, [status_embed(status, _, _("Digest turned off"))], ephemeral=True)

    @sub(digest, "digest status")
    async def status(self, interaction: discord.Interaction[Any]) -> None:
        _ = for_interaction(interaction)
        status = await self.service.digests.status(_guild(interaction))
        await reply(interaction, [status_embed(status, _)], ephemeral=True)

    @sub(alerts, "alerts set")
    @app_commands.choices(level=LEVELS)
    async def alerts_set(
        self,
        interaction: discord.Interaction[Any],
        channel: discord.TextChannel,
        level: int,
        threads: bool | None = None,
    ) -> None:
        _ = for_interaction(interaction)
        guild = _guild(interaction)
        status = await self.service.digests.set_alerts(guild, channel.id, level)
        if threads is not None:
            status = await self.service.digests.set_story_threads(guild, threads)
        await reply(interaction, [status_embed(status, _, _("Alerts updated"))], ephemeral=True)

    @sub(alerts, "alerts off")
    async def alerts_off(self, interaction: discord.Interaction[Any]) -> None:
        _ = for_interaction(interaction)
        status = await self.service.digests.set_alerts(_guild(interaction), None, None)
        await reply(interaction, [status_embed(status, _, _("Alerts turned off"))], ephemeral=True)

    @commands.Cog.listener()
    async def on_guild_remove(self, guild: discord.Guild) -> None:
        """Removed from a server: stop posting there now; its settings go after the grace period."""
        await self.service.digests.forget_server(guild.id)
        await self.bot.departures.left(guild.id)

    @commands.Cog.listener()
    async def on_guild_join(self, guild: discord.Guild) -> None:
        """Added back within the grace period: nothing of the server's is deleted."""
        await self.bot.departures.rejoined(guild.id)

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
