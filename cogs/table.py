"""/gap and /table: standings questions answered from the stored match data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.football.results import GapResult, TableResult
from cogs._base import Choices, HotseatCog, read_only
from cogs._ui import make_embed, parse_date, reply, reply_paged

if TYPE_CHECKING:
    from bot.app import HotseatBot

ROWS_PER_PAGE = 10


def gap_embed(result: GapResult) -> discord.Embed:
    lead, trail = result.leader, result.trailer
    lines = result.to_text().splitlines()
    fields = [
        (f"{side.position}. {side.name}", f"{side.points} pts · {side.played} played", True)
        for side in (lead, trail)
    ]
    fields.append(("Gap", f"{result.points_gap} pts", True))
    hand = result.games_in_hand
    in_hand = f"{trail.name}: {hand}" if hand > 0 else f"{lead.name}: {-hand}" if hand < 0 else "none"
    fields.append(("Games in hand", in_hand, True))
    if trail.remaining:
        verdict = "yes" if result.can_catch_up else "no"
        fields.append(("Can they catch up?", f"{verdict} — {result.points_available} pts left", True))
    return make_embed(
        lines[1] if len(lines) > 1 else f"{lead.name} vs {trail.name}",
        f"{result.league_name} {result.season}, as of {result.as_of}",
        fields=fields,
    )


def table_pages(result: TableResult) -> list[discord.Embed]:
    """The table as code-block pages of ten rows, each page with its own header."""
    text = result.to_text().replace("```", "'''").splitlines()
    title, header, body = text[0], text[1], text[2:]
    rows, notes = body[: len(result.rows)], body[len(result.rows) :]
    pages = [rows[i : i + ROWS_PER_PAGE] for i in range(0, len(rows), ROWS_PER_PAGE)] or [[]]
    embeds = []
    for number, page in enumerate(pages, 1):
        block = "\n".join([header, *page])
        footer = f"Page {number}/{len(pages)}" + (f" · {' '.join(notes)}" if notes else "")
        embeds.append(make_embed(title, f"```\n{block}\n```", footer=footer))
    return embeds


class TableCog(HotseatCog):
    @app_commands.command(name="gap", description="Points gap between two clubs, with games in hand")
    @app_commands.describe(team="a club", other="another club in the same league", date="YYYY-MM-DD")
    @read_only
    async def gap(
        self, interaction: discord.Interaction[Any], team: str, other: str, date: str | None = None
    ) -> None:
        result = await self.service.football.gap(team, other, parse_date(date), None)
        await reply(interaction, [gap_embed(result)])

    @app_commands.command(name="table", description="A league table, as of today or any date")
    @app_commands.describe(league="league name or code, e.g. Premier League or es.1", date="YYYY-MM-DD")
    @read_only
    async def table(
        self, interaction: discord.Interaction[Any], league: str, date: str | None = None
    ) -> None:
        result = await self.service.football.table(league, parse_date(date))
        await reply_paged(interaction, table_pages(result))

    @gap.autocomplete("team")
    async def _team(self, interaction: discord.Interaction[Any], current: str) -> Choices:
        return await self.clubs(interaction, current)

    @gap.autocomplete("other")
    async def _other(self, interaction: discord.Interaction[Any], current: str) -> Choices:
        return await self.clubs(interaction, current)

    @table.autocomplete("league")
    async def _league(self, interaction: discord.Interaction[Any], current: str) -> Choices:
        return await self.leagues(interaction, current)


async def setup(bot: HotseatBot) -> None:
    await bot.add_cog(TableCog(bot))
