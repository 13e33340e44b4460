"""What every cog shares: the service handle, install/cooldown decorators, and autocomplete callbacks.

Who may run an admin command is Discord's call alone: `default_permissions` plus `guild_only`, so a
server's own Integrations overrides (a role allowed, a channel denied) are honoured; the bot adds no
runtime permission check that would overrule them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

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
T = TypeVar("T")


READ_ONLY_INSTALLS = app_commands.allowed_installs(guilds=True, users=True)
READ_ONLY_CONTEXTS = app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)


def read_only(command: Any) -> Any:
    """A command that only reads: also usable from a user's own install, in DMs and group chats."""
    return READ_ONLY_INSTALLS(READ_ONLY_CONTEXTS(command))


def per_user_cooldown(rate: int, per: float) -> Callable[[T], T]:
    """At most `rate` uses per `per` seconds per person, for commands that cost real work."""
    return app_commands.checks.cooldown(rate, per, key=lambda interaction: interaction.user.id)


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
