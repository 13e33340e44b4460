"""/successor, /hotseat and /manager: what the press says about managers under pressure."""

from __future__ import annotations

from datetime import datetime
from io import BytesIO
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.charts import is_flat, pressure_png
from bot.digest import level_label
from bot.heat import heat
from bot.i18n import Texts, for_interaction, texts
from bot.rumours.results import Board, ManagerProfile, SuccessorReport
from cogs._base import Choices, HotseatCog, per_user_cooldown, read_only
from cogs._ui import clean, link, make_embed, reply, reply_paged

if TYPE_CHECKING:
    from bot.app import HotseatBot

TREND = {"up": "↑", "down": "↓", "steady": "→"}


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else (many or one + 's')}"


def _day(moment: Any) -> str:
    """A Discord timestamp (shown in the reader's time zone and language) for a moment; a plain date
    stays a date."""
    if isinstance(moment, datetime):
        return discord.utils.format_dt(moment, "d")
    return f"{moment:%d %b %Y}" if moment else "?"


def successor_embed(report: SuccessorReport) -> discord.Embed:
    who = f"{report.manager} ({report.club})" if report.club else report.manager
    fields = []
    for number, tip in enumerate(report.candidates, 1):
        links = " · ".join(link(f"report {i}", url, 20) for i, url in enumerate(tip.links[:3], 1))
        value = (
            f"{_count(tip.outlet_count, 'outlet')}, {_count(tip.story_count, 'story', 'stories')} · "
            f"{_day(tip.first_seen)} → {_day(tip.last_seen)}\n"
            f"{clean(', '.join(tip.outlets))}" + (f"\n{links}" if links else "")
        )
        fields.append((f"{number}. {clean(tip.name)}", value, False))
    description = "" if fields else "No successor has been tipped in the stories I have read."
    return make_embed(f"Tipped to replace {clean(who)}", description, fields=fields)


def _label(level: int, standing: str | None) -> str:
    """ "serious"; a sacking says how sure it is: "decided, reported (1 source)" or "decided, confirmed"."""
    return f"{level_label(level)}, {standing}" if standing and level == 3 else level_label(level)


PAGE = 10  # managers per /hotseat page
BOARD_SIZE = 50  # how far down the ranking the buttons page


def board_pages(board: Board, _: Texts | None = None) -> list[discord.Embed]:
    """The ranking, ten managers a page, each with a heat word and bar rather than a bare index."""
    _ = _ or texts(None)
    title = f"Hot seat — {board.league}" if board.league else "Hot seat"
    lines = []
    for number, entry in enumerate(board.entries, 1):
        club = f" ({clean(entry.club)})" if entry.club else ""
        headline = f"\n   {link(entry.headline, entry.url, 150)}" if entry.headline else ""
        lines.append(
            f"**{number}. {clean(entry.manager)}**{club} — {_label(entry.level, entry.standing)}, "
            f"{heat(entry.index, _)} {TREND.get(entry.trend, '')}{headline}"
        )
    if not lines:
        lines.append("Nobody is under pressure in the stories I have read.")
    pages = []
    for first in range(0, len(lines), PAGE):
        chunk = lines[first : first + PAGE]
        text = "\n".join(chunk)
        while len(text) > 4000 and chunk:
            chunk.pop()
            text = "\n".join(chunk) + "\n…"
        embed = make_embed(title, text)
        if len(lines) > PAGE:
            embed.set_footer(
                text=_("Page {page} of {pages}", page=first // PAGE + 1, pages=-(-len(lines) // PAGE))
            )
        embed.timestamp = board.as_of
        pages.append(embed)
    return pages


def profile_embed(profile: ManagerProfile, chart_name: str | None, _: Texts | None = None) -> discord.Embed:
    _ = _ or texts(None)
    since = f" since {profile.since:%d %b %Y}" if profile.since else ""
    club = f"{profile.club}{since}" if profile.club else "no club"
    stories = "\n".join(
        f"• {link(story.headline, story.url, 150)} — {clean(', '.join(story.outlets))} "
        f"({_day(story.last_seen)}{', ' + story.standing if story.standing else ''})"
        for story in profile.stories[:5]
    )
    successors = ", ".join(f"{clean(s.name)} ({s.outlet_count})" for s in profile.successors[:5])
    fields = [
        ("Club", clean(club), True),
        (
            "Pressure",
            f"{_label(profile.level, profile.standing)} · {heat(profile.index, _)} "
            f"{TREND.get(profile.trend, '')}",
            True,
        ),
        ("Latest stories", stories or "none in the last 90 days", False),
    ]
    if successors:
        fields.append(("Tipped successors", successors, False))
    embed = make_embed(clean(profile.manager), "", fields=fields)
    if chart_name:
        embed.set_image(url=f"attachment://{chart_name}")
    return embed


class RumoursCog(HotseatCog):
    @app_commands.command(name="successor", description="Who is tipped to replace a manager")
    @app_commands.describe(manager="the manager under pressure")
    @read_only
    async def successor(self, interaction: discord.Interaction[Any], manager: str) -> None:
        report = await self.service.rumours.successors(manager, guild_id=interaction.guild_id)
        await reply(interaction, [successor_embed(report)])

    @app_commands.command(name="hotseat", description="Managers ranked by pressure")
    @app_commands.describe(league="only this league (name or code)")
    @read_only
    async def hotseat(self, interaction: discord.Interaction[Any], league: str | None = None) -> None:
        board = await self.service.rumours.hotseat(league, BOARD_SIZE, guild_id=interaction.guild_id)
        await reply_paged(interaction, board_pages(board, for_interaction(interaction)))

    @app_commands.command(name="manager", description="A manager's profile with a pressure chart")
    @app_commands.describe(name="the manager")
    @read_only
    @per_user_cooldown(3, 60.0)
    async def manager(self, interaction: discord.Interaction[Any], name: str) -> None:
        profile = await self.service.rumours.manager_profile(name, guild_id=interaction.guild_id)
        await interaction.response.defer(thinking=True)
        _ = for_interaction(interaction)
        marks = [(story.last_seen, story.level) for story in profile.stories]
        png = await pressure_png(profile.history, f"{profile.manager}: pressure", marks)
        if png is None:
            embed = profile_embed(profile, None, _)
            if is_flat(profile.history):
                note = _("No chart: pressure has not moved in the last 90 days.")
            else:
                note = _("No chart: charts are not installed on this bot.")
            embed.set_footer(text=note)
            await reply(interaction, [embed])
            return
        chart = discord.File(BytesIO(png), filename="pressure.png")
        await reply(interaction, [profile_embed(profile, chart.filename, _)], file=chart)

    @successor.autocomplete("manager")
    async def _successor_manager(self, interaction: discord.Interaction[Any], current: str) -> Choices:
        return await self.managers(interaction, current)

    @manager.autocomplete("name")
    async def _manager_name(self, interaction: discord.Interaction[Any], current: str) -> Choices:
        return await self.managers(interaction, current)

    @hotseat.autocomplete("league")
    async def _league(self, interaction: discord.Interaction[Any], current: str) -> Choices:
        return await self.leagues(interaction, current)


async def setup(bot: HotseatBot) -> None:
    await bot.add_cog(RumoursCog(bot))
