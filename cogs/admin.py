"""/about (version, sources, store size, feed health, live-data problems, what happens to a server's
data), /help, and the owner's /sync and /registry set-coach (the CLI's `hotseat registry set-coach`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.errors import UserError
from bot.i18n import N_, Texts, for_interaction
from cogs._base import Choices, HotseatCog, read_only
from cogs._catalogue import group, slash, sub
from cogs._ui import make_embed, parse_date, reply
from cogs.table import day_tag

if TYPE_CHECKING:
    from bot.app import HotseatBot


HELP_SECTIONS = (
    (N_("For everyone"), "everyone"),
    (N_("For server admins (Manage Server, unless the server changed it)"), "admins"),
    (N_("For the bot's owner"), "owner"),
)


def _audience(command: app_commands.Command[Any, ..., Any]) -> str:
    """Who may run a command by default: Discord applies `default_permissions` set on its group."""
    root = command.root_parent or command
    permissions = root.default_permissions
    if permissions is None or permissions.value == 0:
        return "everyone"
    return "owner" if permissions.administrator else "admins"


def help_text(tree: app_commands.CommandTree[Any], _: Texts) -> str:
    """Every command with its description, in the reader's language, built from the command tree so
    it never falls behind the commands themselves."""
    sections: dict[str, list[str]] = {audience: [] for _title, audience in HELP_SECTIONS}
    commands = [c for c in tree.walk_commands() if isinstance(c, app_commands.Command)]
    for command in sorted(commands, key=lambda c: c.qualified_name):
        name = " ".join(_.name(part) for part in command.qualified_name.split())
        sections[_audience(command)].append(f"`/{name}` — {_(command.description)}")
    parts = [f"**{_(title)}**\n" + "\n".join(sections[audience]) for title, audience in HELP_SECTIONS]
    return "\n\n".join(parts)


class AdminCog(HotseatCog):
    @slash("help")
    @read_only
    async def help(self, interaction: discord.Interaction[Any]) -> None:
        _ = for_interaction(interaction)
        text = help_text(self.bot.tree, _)
        await reply(interaction, [make_embed(_("Hotseat commands"), text)], ephemeral=True)

    @slash("about")
    @read_only
    async def about(self, interaction: discord.Interaction[Any]) -> None:
        _ = for_interaction(interaction)
        about = await self.service.about()
        feeds = _(
            "{total} ({healthy}, {disabled})",
            total=about.feeds_total,
            healthy=_.ngettext("{count} healthy", "{count} healthy", about.feeds_healthy),
            disabled=_.ngettext("{count} disabled", "{count} disabled", about.feeds_disabled),
        )
        store = " · ".join(
            [
                f"{about.store_bytes / 1_000_000:.1f} MB",
                _.ngettext("{count} article", "{count} articles", about.articles),
                _.ngettext("{count} finding", "{count} findings", about.findings),
            ]
        )
        days = self.bot.departures.grace.days
        fields = [
            (_("Version"), about.version, True),
            (_("Store"), store, True),
            (_("Feeds"), feeds, True),
            (
                _("Sources"),
                _(
                    "News: RSS/Atom feeds (BBC Sport, The Guardian, Marca, kicker, …). "
                    "Results: openfootball, football-data.org."
                ),
                False,
            ),
            (
                _("Your data"),
                _.ngettext(
                    "When Hotseat is removed from a server, that server's settings, follows and own feeds "
                    "are deleted after {count} day (adding it back before then keeps them).",
                    "When Hotseat is removed from a server, that server's settings, follows and own feeds "
                    "are deleted after {count} days (adding it back before then keeps them).",
                    days,
                ),
                False,
            ),
        ]
        if about.data_problems:
            lines = "\n".join(problem.text(_) for problem in about.data_problems)
            fields.append((_("Live data"), lines[:1024], False))
        if self.bot.failed_cogs:
            fields.append((_("Unavailable"), ", ".join(self.bot.failed_cogs), False))
        if about.write_problem:
            fields.append((_("Warning"), about.write_problem, False))
        blurb = _("Managers under pressure and who is tipped to replace them.")
        await reply(interaction, [make_embed("Hotseat", blurb, fields=fields)])

    registry = group(
        "registry",
        default_permissions=discord.Permissions(administrator=True),
        allowed_contexts=app_commands.AppCommandContext(guild=True, dm_channel=True, private_channel=False),
    )

    async def _refuse_non_owner(self, interaction: discord.Interaction[Any], hint: str) -> bool:
        """True (after a private refusal) unless the bot's owner is asking: `default_permissions`
        only keeps the command from ordinary members, while these act for every server."""
        if await self.bot.is_owner(interaction.user):
            return False
        _ = for_interaction(interaction)
        await reply(interaction, [make_embed(_("Only the bot's owner can do that"), _(hint))], ephemeral=True)
        return True

    @slash("sync")
    @app_commands.default_permissions(administrator=True)
    @app_commands.allowed_contexts(guilds=True, dms=True, private_channels=False)
    async def sync(self, interaction: discord.Interaction[Any]) -> None:
        _ = for_interaction(interaction)
        if await self._refuse_non_owner(interaction, N_("Commands are published automatically.")):
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        synced = await self.bot.command_sync.sync()
        text = _.ngettext("Published {count} command.", "Published {count} commands.", len(synced))
        await reply(interaction, [make_embed(_("Commands synced"), text)], ephemeral=True)

    @sub(registry, "registry set-coach")
    @app_commands.rename(from_="from")
    async def set_coach(
        self, interaction: discord.Interaction[Any], club: str, person: str, from_: str
    ) -> None:
        _ = for_interaction(interaction)
        if await self._refuse_non_owner(interaction, N_("Ask the bot's owner to correct it.")):
            return
        day = parse_date(from_)
        if day is None:
            raise UserError("Give the first day in charge as YYYY-MM-DD, like 2026-12-01.")
        found_club = await self.service.registry.resolve_club(club)
        found_person = await self.service.registry.resolve_person(person)
        await self.service.registry.set_coach(found_club.key, found_person.key, day)
        text = _(
            "{person} coaches {club} from {date}; /manager now says so.",
            person=found_person.name,
            club=found_club.short_name,
            date=day_tag(day.isoformat()),
        )
        await reply(interaction, [make_embed(_("Coach recorded"), text)], ephemeral=True)

    @set_coach.autocomplete("club")
    async def _club(self, interaction: discord.Interaction[Any], current: str) -> Choices:
        return await self.clubs(interaction, current)

    @set_coach.autocomplete("person")
    async def _person(self, interaction: discord.Interaction[Any], current: str) -> Choices:
        return await self.managers(interaction, current)


async def setup(bot: HotseatBot) -> None:
    await bot.add_cog(AdminCog(bot))
