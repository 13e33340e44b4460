"""/follow club|manager|league, /follow list, /follow remove: what a server follows and whom it pings.

Admin-only the discord.py way (`default_permissions` + `guild_only`, so a server's Integrations overrides
apply). A follow's role is the one mention the bot ever makes, and only in that follow's alerts
(cogs/_sink.py `role_pings`); replies here never ping.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.follows import FollowLimitError
from bot.football.leagues import resolve_league
from bot.i18n import N_, Texts, for_interaction
from cogs._base import Choices, HotseatCog
from cogs._catalogue import group, sub
from cogs._sink import level_name
from cogs._ui import clean, make_embed, reply
from cogs.digests import LEVELS, MANAGE_SERVER, _guild
from storage.follows import Follow, Kind

if TYPE_CHECKING:
    from bot.app import HotseatBot

KIND_NAMES = {"club": N_("Club"), "manager": N_("Manager"), "league": N_("League")}


def describe(follow: Follow, _: Texts, alerts_channel: int | None) -> str:
    """One follow as a line: what, from which level, where, and whom it pings."""
    channel = follow.channel_id or alerts_channel
    where = f"<#{channel}>" if channel else _("no channel (set one with /alerts set)")
    ping = f"<@&{follow.role_id}>" if follow.role_id else _("no ping")
    return _(
        "{kind}: {name}, level {level}+ ({level_name}) in {channel}, {ping}",
        kind=_(KIND_NAMES[follow.kind]),
        name=clean(follow.label),
        level=follow.min_level,
        level_name=level_name(follow.min_level, _),
        channel=where,
        ping=ping,
    )


class FollowsCog(HotseatCog):
    follow = group("follow", guild_only=True, default_permissions=MANAGE_SERVER)

    async def _add(
        self,
        interaction: discord.Interaction[Any],
        kind: Kind,
        target: str,
        label: str,
        role: discord.Role | None,
        level: int,
        channel: discord.TextChannel | None,
    ) -> None:
        _ = for_interaction(interaction)
        guild = _guild(interaction)
        status = await self.service.digests.status(guild)
        if channel is None and status.alerts_channel_id is None:
            await reply(
                interaction,
                [
                    make_embed(
                        _("Follow"), _("Choose a channel, or set an alerts channel first with /alerts set.")
                    )
                ],
                ephemeral=True,
            )
            return
        if role is not None and role.is_default():
            await reply(
                interaction,
                [make_embed(_("Follow"), _("Choose a role other than @everyone, or leave the role out."))],
                ephemeral=True,
            )
            return
        try:
            follow = await self.service.follows.add(
                guild,
                kind,
                target,
                label,
                role_id=role.id if role else None,
                min_level=level,
                channel_id=channel.id if channel else None,
            )
        except FollowLimitError as exc:
            text = _(
                "This server already follows {count} things: remove one with /follow remove.",
                count=int(str(exc)),
            )
            await reply(interaction, [make_embed(_("Follow"), text)], ephemeral=True)
            return
        lines = [describe(follow, _, status.alerts_channel_id)]
        if role is not None and not role.mentionable:
            lines.append(
                _(
                    "Note: {role} only gets pinged if it allows @mentions (Server Settings → Roles) "
                    "or I have the Mention Everyone permission.",
                    role=role.mention,
                )
            )
        await reply(
            interaction,
            [make_embed(_("Following {name}", name=clean(label)), "\n".join(lines))],
            ephemeral=True,
        )

    @sub(follow, "follow club")
    @app_commands.choices(level=LEVELS)
    async def club(
        self,
        interaction: discord.Interaction[Any],
        club: str,
        role: discord.Role | None = None,
        level: int = 2,
        channel: discord.TextChannel | None = None,
    ) -> None:
        found = await self.service.registry.resolve_club(club)
        await self._add(interaction, "club", found.key, found.name, role, level, channel)

    @sub(follow, "follow manager")
    @app_commands.choices(level=LEVELS)
    async def manager(
        self,
        interaction: discord.Interaction[Any],
        manager: str,
        role: discord.Role | None = None,
        level: int = 2,
        channel: discord.TextChannel | None = None,
    ) -> None:
        found = await self.service.rumours.find_manager(manager)
        await self._add(interaction, "manager", found.key, found.name, role, level, channel)

    @sub(follow, "follow league")
    @app_commands.choices(level=LEVELS)
    async def league(
        self,
        interaction: discord.Interaction[Any],
        league: str,
        role: discord.Role | None = None,
        level: int = 2,
        channel: discord.TextChannel | None = None,
    ) -> None:
        found = resolve_league(league)
        await self._add(interaction, "league", found.code, found.name, role, level, channel)

    @sub(follow, "follow list")
    async def list_follows(self, interaction: discord.Interaction[Any]) -> None:
        _ = for_interaction(interaction)
        guild = _guild(interaction)
        follows = await self.service.follows.for_guild(guild)
        if not follows:
            text = _("This server follows nothing yet: try /follow club.")
        else:
            status = await self.service.digests.status(guild)
            text = "\n".join(f"• {describe(f, _, status.alerts_channel_id)}" for f in follows)
        await reply(interaction, [make_embed(_("Follows"), text)], ephemeral=True)

    @sub(follow, "follow remove")
    async def remove(self, interaction: discord.Interaction[Any], follow: int) -> None:
        _ = for_interaction(interaction)
        gone = await self.service.follows.remove(_guild(interaction), follow)
        text = (
            _("No longer following {name}.", name=clean(gone.label))
            if gone
            else _("That follow is not there any more: see /follow list.")
        )
        await reply(
            interaction, [make_embed(_("Follow removed") if gone else _("Follow"), text)], ephemeral=True
        )

    @club.autocomplete("club")
    async def _clubs(self, interaction: discord.Interaction[Any], current: str) -> Choices:
        return await self.clubs(interaction, current)

    @manager.autocomplete("manager")
    async def _managers(self, interaction: discord.Interaction[Any], current: str) -> Choices:
        return await self.managers(interaction, current)

    @league.autocomplete("league")
    async def _leagues(self, interaction: discord.Interaction[Any], current: str) -> Choices:
        return await self.leagues(interaction, current)

    @remove.autocomplete("follow")
    async def _follows(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[int]]:
        if interaction.guild_id is None:
            return []
        _ = for_interaction(interaction)
        wanted = current.casefold()
        follows = await self.service.follows.for_guild(interaction.guild_id)
        names = [(f.id, f"{_(KIND_NAMES[f.kind])}: {f.label}"[:100]) for f in follows]
        return [app_commands.Choice(name=n, value=i) for i, n in names if wanted in n.casefold()][:25]


async def setup(bot: HotseatBot) -> None:
    await bot.add_cog(FollowsCog(bot))
