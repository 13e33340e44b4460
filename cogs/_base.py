"""What every cog shares: the service handle, the admin check, and autocomplete callbacks."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.digest import timezone_choices
from bot.errors import UserError
from cogs._ui import choices

if TYPE_CHECKING:
    from bot.app import HotseatBot
    from bot.service import Service

Choices = list[app_commands.Choice[str]]


def is_manager(interaction: discord.Interaction[Any]) -> bool:
    """Runtime twin of `default_permissions(manage_guild=True)`: server overrides can loosen those."""
    permissions = interaction.permissions
    if interaction.guild_id is None:
        raise app_commands.NoPrivateMessage()
    if not (permissions.manage_guild or permissions.administrator):
        raise app_commands.MissingPermissions(["manage_guild"])
    return True


admin_only = app_commands.check(is_manager)


class TextChannelOption(app_commands.Transformer[Any]):
    """A channel option whose picker offers only text and announcement channels.

    The value stays the interaction's resolved channel, so it works without a member/channel cache.
    """

    @property
    def type(self) -> discord.AppCommandOptionType:
        return discord.AppCommandOptionType.channel

    @property
    def channel_types(self) -> list[discord.ChannelType]:
        return [discord.ChannelType.text, discord.ChannelType.news]

    async def transform(self, interaction: discord.Interaction[Any], value: Any, /) -> Any:
        return value


TextChannel = app_commands.Transform[app_commands.AppCommandChannel, TextChannelOption]


class HotseatCog(commands.Cog):
    """A thin cog: it reads options, asks the service, and renders the answer."""

    def __init__(self, bot: HotseatBot) -> None:
        self.bot = bot

    @property
    def service(self) -> Service:
        return self.bot.service

    # Autocomplete answers: a UserError (odd input) means "no suggestions", never a failed popup.

    async def clubs(self, interaction: discord.Interaction[Any], current: str) -> Choices:
        with contextlib.suppress(UserError):
            return choices(await self.service.registry.autocomplete_clubs(current[:100]))
        return []

    async def managers(self, interaction: discord.Interaction[Any], current: str) -> Choices:
        with contextlib.suppress(UserError):
            return choices(await self.service.rumours.autocomplete_managers(current[:100]))
        return []

    async def leagues(self, interaction: discord.Interaction[Any], current: str) -> Choices:
        with contextlib.suppress(UserError):
            return choices(await self.service.football.autocomplete_leagues(current[:100]))
        return []

    async def timezones(self, interaction: discord.Interaction[Any], current: str) -> Choices:
        return choices(timezone_choices(current[:100]))
