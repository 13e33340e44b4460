"""/about: version, sources, store size and feed health."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from cogs._base import HotseatCog
from cogs._ui import make_embed, reply

if TYPE_CHECKING:
    from bot.app import HotseatBot

SOURCES = (
    "News: RSS/Atom feeds (BBC Sport, The Guardian, Marca, kicker, …). "
    "Results: openfootball, football-data.org."
)
BLURB = "Managers under pressure and who is tipped to replace them."


class AdminCog(HotseatCog):
    @app_commands.command(name="about", description="What Hotseat is and how healthy it is")
    async def about(self, interaction: discord.Interaction[Any]) -> None:
        about = await self.service.about()
        fields = [
            ("Version", about.version, True),
            (
                "Store",
                f"{about.store_bytes / 1_000_000:.1f} MB · {about.articles} articles · "
                f"{about.findings} findings",
                True,
            ),
            (
                "Feeds",
                f"{about.feeds_total} ({about.feeds_healthy} healthy, {about.feeds_disabled} disabled)",
                True,
            ),
            ("Sources", SOURCES, False),
        ]
        if self.bot.failed_cogs:
            fields.append(("Unavailable", ", ".join(self.bot.failed_cogs), False))
        if about.write_problem:
            fields.append(("Warning", about.write_problem, False))
        await reply(interaction, [make_embed("Hotseat", BLURB, fields=fields)])


async def setup(bot: HotseatBot) -> None:
    await bot.add_cog(AdminCog(bot))
