"""/successor, /hotseat and /manager: what the press says about managers under pressure."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from io import BytesIO
from typing import TYPE_CHECKING, Any

import discord

from bot.charts import is_flat, pressure_png
from bot.heat import heat
from bot.i18n import N_, Texts, for_interaction, standing_text, texts
from bot.rumours.results import Board, DigestGroup, ManagerProfile, StorySummary, SuccessorReport
from cogs._base import Choices, HotseatCog, per_user_cooldown, read_only
from cogs._catalogue import slash
from cogs._sink import STORY_WORDS, story_word
from cogs._ui import clean, link, make_embed, reply, reply_paged, truncate
from cogs.table import day_tag

if TYPE_CHECKING:
    from bot.app import HotseatBot

TREND = {"up": "↑", "down": "↓", "steady": "→"}
GONE_WINDOW = timedelta(days=7)  # /hotseat lists managers whose exit was confirmed this long ago


def _day(moment: datetime | date | None) -> str:
    """A Discord timestamp, shown in the reader's own language and time zone; a plain date is taken at
    noon UTC, so it reads as the same day almost everywhere."""
    if moment is None:
        return "?"
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, time(12), tzinfo=UTC)
    return discord.utils.format_dt(moment, "d")


def successor_embed(report: SuccessorReport, _: Texts | None = None) -> discord.Embed:
    _ = _ or texts(None)
    who = f"{report.manager} ({report.club})" if report.club else report.manager
    fields = []
    for number, tip in enumerate(report.candidates, 1):
        links = " · ".join(
            link(_("report {number}", number=i), url, 20) for i, url in enumerate(tip.links[:3], 1)
        )
        outlets = _.ngettext("{count} outlet", "{count} outlets", tip.outlet_count)
        stories = _.ngettext("{count} story", "{count} stories", tip.story_count)
        value = (
            f"{outlets}, {stories} · {_day(tip.first_seen)} → {_day(tip.last_seen)}\n"
            f"{clean(', '.join(tip.outlets))}" + quote(tip.evidence) + (f"\n{links}" if links else "")
        )
        fields.append((f"{number}. {clean(tip.name)}", value, False))
    description = "" if fields else _("No successor has been tipped in the stories I have read.")
    return make_embed(_("Tipped to replace {who}", who=clean(who)), description, fields=fields)


QUOTE_MAX = 200


def quote(evidence: str) -> str:
    """The sentence that named a successor, as a quote line (one line, escaped, bounded), or nothing."""
    said = " ".join(evidence.split())
    return f"\n> *{clean(truncate(said, QUOTE_MAX))}*" if said else ""


def pressure_label(level: int, standing: str | None, _: Texts) -> str:
    """ "serious"; a manager out says how sure it is: "out, reported (1 source)" or "out, confirmed"."""
    name = story_word(level, _)
    said = standing_text(standing, _) if level == 3 else None
    return f"{name}, {said}" if said else name


PAGE = 10  # managers per /hotseat page
BOARD_SIZE = 50  # how far down the ranking the buttons page


def gone_managers(groups: Sequence[DigestGroup]) -> list[tuple[DigestGroup, StorySummary]]:
    """Managers whose exit was confirmed in the window, newest first, each with the confirming story."""
    gone = []
    for group in groups:
        confirmed = [s for s in group.stories if s.level == 3 and s.status == "confirmed"]
        if confirmed:
            gone.append((group, max(confirmed, key=lambda s: s.last_seen)))
    return sorted(gone, key=lambda pair: pair[1].last_seen, reverse=True)


def board_pages(
    board: Board,
    _: Texts | None = None,
    gone: Sequence[tuple[DigestGroup, StorySummary]] = (),
) -> list[discord.Embed]:
    """The ranking of managers still in post, ten a page, each with a heat word and bar rather than a
    bare index; managers whose exit is confirmed are left out of it and listed under "Gone this week"."""
    _ = _ or texts(None)
    title = _("Hot seat — {league}", league=board.league) if board.league else _("Hot seat")
    out = {group.manager_key for group, _story in gone}
    lines = []
    ranked = [e for e in board.entries if e.manager_key not in out and e.standing != "confirmed"]
    for number, entry in enumerate(ranked, 1):
        club = f" ({clean(entry.club)})" if entry.club else ""
        headline = f"\n   {link(entry.headline, entry.url, 150)}" if entry.headline else ""
        lines.append(
            f"**{number}. {clean(entry.manager)}**{club} — {pressure_label(entry.level, entry.standing, _)}, "
            f"{heat(entry.index, _)} {TREND.get(entry.trend, '')}{headline}"
        )
    if not lines:
        lines.append(_("Nobody is under pressure in the stories I have read."))
    departed = [
        f"• **{clean(group.manager)}**"
        + (f" ({clean(group.club)})" if group.club else "")
        + f" — {link(story.headline, story.url, 120)} · {_day(story.last_seen)}"
        for group, story in gone
    ]
    pages = []
    for first in range(0, len(lines), PAGE):
        chunk = lines[first : first + PAGE]
        text = "\n".join(chunk)
        while len(text) > 3000 and chunk:
            chunk.pop()
            text = "\n".join(chunk) + "\n…"
        fields = []
        if departed:
            fields.append((_("Gone this week"), _fit(departed), False))
        embed = make_embed(title, text, fields=fields)
        if len(lines) > PAGE:
            embed.set_footer(
                text=_("Page {page} of {pages}", page=first // PAGE + 1, pages=-(-len(lines) // PAGE))
            )
        embed.timestamp = board.as_of
        pages.append(embed)
    return pages


def _fit(lines: Sequence[str], limit: int = 1000) -> str:
    """Whole lines up to an embed field's size."""
    kept: list[str] = []
    for line in lines:
        if sum(len(x) + 1 for x in kept) + len(line) > limit:
            break
        kept.append(line)
    return "\n".join(kept)


_NEWS_OF = re.compile(r"news of (\d{4}-\d{2}-\d{2})")
SOURCES = {"bundled data": N_("bundled data"), "news": N_("the news"), "admin": N_("an admin")}


def source_text(label: str, _: Texts) -> str:
    """Where the club came from ("news of 2026-01-12", "bundled data", "admin", a data provider's
    name) in the reader's language, a day as a Discord timestamp; a provider's name stays as it is."""
    news = _NEWS_OF.fullmatch(label)
    if news is not None:
        return _("news of {date}", date=day_tag(news.group(1)))
    return _(SOURCES[label]) if label in SOURCES else clean(label)


def profile_embed(profile: ManagerProfile, chart_name: str | None, _: Texts | None = None) -> discord.Embed:
    _ = _ or texts(None)
    if profile.club and profile.since:
        club = _("{club} since {date}", club=clean(profile.club), date=_day(profile.since))
    elif profile.club:
        club = clean(profile.club)
    elif profile.last_club and profile.until:
        last, until = clean(profile.last_club), _day(profile.until)
        club = _("no club (last: {club}, until {date})", club=last, date=until)
    else:
        club = _("no club")
    if profile.club and profile.source:
        club += " " + _("(from {source})", source=source_text(profile.source, _))
    lines = []
    for story in profile.stories[:5]:
        said = standing_text(story.standing, _)
        lines.append(
            f"• {link(story.headline, story.url, 150)} — {clean(', '.join(story.outlets))} "
            f"({_day(story.last_seen)}{', ' + said if said else ''})"
        )
    successors = ", ".join(f"{clean(s.name)} ({s.outlet_count})" for s in profile.successors[:5])
    if profile.successors:
        successors += quote(profile.successors[0].evidence)
    fields = [
        (_("Club"), club, True),
        (
            _("Pressure"),
            f"{pressure_label(profile.level, profile.standing, _)} · {heat(profile.index, _)} "
            f"{TREND.get(profile.trend, '')}",
            True,
        ),
        (_("Latest stories"), "\n".join(lines) or _("none in the last 90 days"), False),
    ]
    if successors:
        fields.append((_("Tipped successors"), successors, False))
    embed = make_embed(clean(profile.manager), "", fields=fields)
    if chart_name:
        embed.set_image(url=f"attachment://{chart_name}")
    return embed


class RumoursCog(HotseatCog):
    @slash("successor")
    @read_only
    async def successor(self, interaction: discord.Interaction[Any], manager: str) -> None:
        report = await self.service.rumours.successors(manager, guild_id=interaction.guild_id)
        await reply(interaction, [successor_embed(report, for_interaction(interaction))])

    @slash("hotseat")
    @read_only
    async def hotseat(self, interaction: discord.Interaction[Any], league: str | None = None) -> None:
        rumours = self.service.rumours
        board = await rumours.hotseat(league, BOARD_SIZE, guild_id=interaction.guild_id)
        recent = await rumours.digest_groups(
            board.as_of - GONE_WINDOW,
            board.as_of,
            min_level=3,
            leagues=(league,) if league else (),
            guild_id=interaction.guild_id,
        )
        pages = board_pages(board, for_interaction(interaction), gone_managers(recent))
        await reply_paged(interaction, pages)

    @slash("manager")
    @read_only
    @per_user_cooldown(3, 60.0)
    async def manager(self, interaction: discord.Interaction[Any], name: str) -> None:
        profile = await self.service.rumours.manager_profile(name, guild_id=interaction.guild_id)
        await interaction.response.defer(thinking=True)
        _ = for_interaction(interaction)
        marks = [(story.last_seen, story.level) for story in profile.stories]
        png = await pressure_png(
            profile.history,
            _("{manager}: pressure", manager=profile.manager),
            marks,
            lang=_.lang,
            axis=_("pressure"),
            levels={level: story_word(level, _) for level in STORY_WORDS},
        )
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
