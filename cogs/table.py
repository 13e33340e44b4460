"""/gap and /table: standings questions answered from the stored match data."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Any

import discord

from bot.football.results import GapResult, TableResult
from bot.football.wording import freshness_notes, gap_if_won
from bot.i18n import Texts, for_interaction, texts
from cogs._base import Choices, HotseatCog, read_only
from cogs._catalogue import slash
from cogs._ui import make_embed, parse_date, reply, reply_paged

if TYPE_CHECKING:
    from bot.app import HotseatBot

ROWS_PER_PAGE = 10
TEAM_WIDTH = 17  # a table row stays within MOBILE_WIDTH characters, so phones show it without wrapping
MOBILE_WIDTH = 40


def gap_embed(result: GapResult, _: Texts | None = None) -> discord.Embed:
    _ = _ or texts(None)
    lead, trail = result.leader, result.trailer
    if result.points_gap == 0:
        headline = _.ngettext(
            "{lead} and {trail} are level on {count} point",
            "{lead} and {trail} are level on {count} points",
            lead.points,
            lead=lead.name,
            trail=trail.name,
        )
    else:
        headline = _.ngettext(
            "{lead} lead {trail} by {count} point",
            "{lead} lead {trail} by {count} points",
            result.points_gap,
            lead=lead.name,
            trail=trail.name,
        )
    hand = result.games_in_hand
    if hand:
        ahead = trail if hand > 0 else lead
        headline += "; " + _.ngettext(
            "{team} have {count} game in hand",
            "{team} have {count} games in hand",
            abs(hand),
            team=ahead.name,
        )
    fields = [
        (
            f"{side.position}. {side.name}",
            _.ngettext("{count} point", "{count} points", side.points)
            + " · "
            + _.ngettext("{count} game played", "{count} games played", side.played),
            True,
        )
        for side in (lead, trail)
    ]
    fields.append((_("Gap"), _.ngettext("{count} point", "{count} points", result.points_gap), True))
    in_hand = f"{trail.name}: {hand}" if hand > 0 else f"{lead.name}: {-hand}" if hand < 0 else _("none")
    fields.append((_("Games in hand"), in_hand, True))
    if trail.remaining and result.points_gap:
        left = result.points_available
        verdict = (
            _.ngettext("yes — {count} point left to play for", "yes — {count} points left to play for", left)
            if result.can_catch_up
            else _.ngettext(
                "no — {count} point left to play for", "no — {count} points left to play for", left
            )
        )
        fields.append((_("Can they catch up?"), verdict, True))
    if_won = result.gap_if_games_in_hand_won
    if if_won is not None:
        fields.append(
            (_("If they win their games in hand"), gap_if_won(if_won, lead.name, trail.name, _), True)
        )
    description = _(
        "{league} {season}, as of {date}",
        league=result.league_name,
        season=result.season,
        date=day_tag(result.as_of),
    )
    notes = freshness_notes(result.freshness, _, day_tag)
    return make_embed(headline, "\n".join([description, *notes]), fields=fields)


def day_tag(day: str) -> str:
    """An ISO day as a Discord timestamp (the reader's language and calendar), taken at noon UTC so it
    is the same day almost everywhere; anything else is shown as it is."""
    try:
        moment = datetime.combine(date.fromisoformat(day), time(12), tzinfo=UTC)
    except ValueError:
        return day
    return discord.utils.format_dt(moment, "D")


def _cut(name: str, width: int) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


def table_lines(
    result: TableResult, _: Texts, short_names: Mapping[str, str] | None = None
) -> tuple[str, list[str]]:
    """The header and one line per club, compact enough for a phone: position, club (its short name),
    played, goal difference, points and the last five results, never wider than MOBILE_WIDTH."""
    names = [(short_names or {}).get(row.club_key or "", row.team) for row in result.rows]
    heads = (_("Club"), _("P"), _("GD"), _("Pts"))
    team = min(TEAM_WIDTH, max([len(heads[0]), *(len(name) for name in names)]))
    played = max([len(heads[1]), *(len(str(row.played)) for row in result.rows)])
    diff = max([len(heads[2]), *(len(f"{row.goal_difference:+d}") for row in result.rows)])
    points = max([len(heads[3]), *(len(str(row.points)) for row in result.rows)])
    club, games, goals, pts = heads
    header = f"{'#':>2} {_cut(club, team):<{team}} {games:>{played}} {goals:>{diff}} {pts:>{points}}"
    lines = []
    for row, name in zip(result.rows, names, strict=True):
        mark = "*" if row.adjustment else " "
        lines.append(
            f"{row.position:>2} {_cut(name, team):<{team}} {row.played:>{played}} "
            f"{row.goal_difference:>+{diff}} {row.points:>{points}}{mark}{row.form[-5:]}".rstrip()
        )
    return header, lines


def table_pages(
    result: TableResult, _: Texts | None = None, short_names: Mapping[str, str] | None = None
) -> list[discord.Embed]:
    """The table as code-block pages of ten rows, each page with its own header."""
    _ = _ or texts(None)
    header, rows = table_lines(result, _, short_names)
    title = _(
        "{league} {season} — table on {date}",
        league=result.league_name,
        season=result.season,
        date=result.as_of,
    )
    notes = []
    adjusted = [f"{row.team} {row.adjustment:+d}" for row in result.rows if row.adjustment]
    if adjusted:
        notes.append(_("* points adjusted: {clubs}", clubs=", ".join(adjusted)))
    if result.official:
        notes.append(_("Points and positions from the official standings."))
    notes.extend(freshness_notes(result.freshness, _, day_tag))
    pages = [rows[i : i + ROWS_PER_PAGE] for i in range(0, len(rows), ROWS_PER_PAGE)] or [[]]
    embeds = []
    for number, page in enumerate(pages, 1):
        block = "\n".join([header, *page]).replace("```", "'''")
        footer = " · ".join([_("Page {page} of {pages}", page=number, pages=len(pages)), *notes])
        embeds.append(make_embed(title, f"```\n{block}\n```", footer=footer))
    return embeds


class TableCog(HotseatCog):
    @slash("gap")
    @read_only
    async def gap(
        self,
        interaction: discord.Interaction[Any],
        team: str,
        other: str,
        date: str | None = None,
        league: str | None = None,
    ) -> None:
        result = await self.service.football.gap(team, other, parse_date(date), league)
        await reply(interaction, [gap_embed(result, for_interaction(interaction))])

    @slash("table")
    @read_only
    async def table(
        self, interaction: discord.Interaction[Any], league: str, date: str | None = None
    ) -> None:
        result = await self.service.football.table(league, parse_date(date))
        clubs = self.service.registry.registry.clubs
        keys = [row.club_key for row in result.rows if row.club_key in clubs]
        short = {key: clubs[key].short_name for key in keys if key is not None}
        await reply_paged(interaction, table_pages(result, for_interaction(interaction), short))

    @gap.autocomplete("team")
    async def _team(self, interaction: discord.Interaction[Any], current: str) -> Choices:
        return await self.clubs(interaction, current)

    @gap.autocomplete("other")
    async def _other(self, interaction: discord.Interaction[Any], current: str) -> Choices:
        return await self.clubs(interaction, current)

    @gap.autocomplete("league")
    async def _gap_league(self, interaction: discord.Interaction[Any], current: str) -> Choices:
        return await self.leagues(interaction, current)

    @table.autocomplete("league")
    async def _league(self, interaction: discord.Interaction[Any], current: str) -> Choices:
        return await self.leagues(interaction, current)


async def setup(bot: HotseatBot) -> None:
    await bot.add_cog(TableCog(bot))
