"""/about (version, sources, store size, feed health, what happens to a server's data), /help and /sync."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.i18n import N_, Texts, for_interaction
from cogs._base import HotseatCog, read_only
from cogs._catalogue import slash
from cogs._ui import make_embed, reply

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
            "{total} ({healthy} healthy, {disabled} disabled)",
            total=about.feeds_total,
            healthy=about.feeds_healthy,
            disabled=about.feeds_disabled,
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
        if self.bot.failed_cogs:
            fields.append((_("Unavailable"), ", ".join(self.bot.failed_cogs), False))
        if about.write_problem:
            fields.append((_("Warning"), about.write_problem, False))
        blurb = _("Managers under pressure and who is tipped to replace them.")
        await reply(interaction, [make_embed("Hotseat", blurb, fields=fields)])

    @slash("sync")
    @app_commands.default_permissions(administrator=True)
    @app_commands.allowed_contexts(guilds=True, dms=True, private_channels=False)
    async def sync(self, interaction: discord.Interaction[Any]) -> None:
        _ = for_interaction(interaction)
        if not await self.bot.is_owner(interaction.user):
            await reply(
                interaction,
                [
                    make_embed(
                        _("Only the bot's owner can do that"), _("Commands are published automatically.")
                    )
                ],
                ephemeral=True,
            )
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        synced = await self.bot.command_sync.sync()
        text = _.ngettext("Published {count} command.", "Published {count} commands.", len(synced))
        await reply(interaction, [make_embed(_("Commands synced"), text)], ephemeral=True)


async def setup(bot: HotseatBot) -> None:
    await bot.add_cog(AdminCog(bot))
