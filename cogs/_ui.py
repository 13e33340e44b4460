"""Shared Discord presentation: escaping feed text, embeds within Discord's limits, paging, choices.

Everything shown from feeds goes through `clean` (markdown and mentions escaped) and every message is
sent with `AllowedMentions.none()`, so a headline can neither ping anyone nor break the layout.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import discord
from discord import app_commands

from bot.errors import UserError
from bot.i18n import Texts, for_interaction, texts

NO_MENTIONS = discord.AllowedMentions.none()
COLOUR = discord.Colour(0xC0392B)

# Discord's documented limits.
TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FIELDS_MAX = 25
EMBED_TOTAL_MAX = 6000
EMBEDS_PER_MESSAGE = 10
CONTENT_MAX = 2000
CHOICES_MAX = 25
CHOICE_MAX = 100

ELLIPSIS = "…"


def clean(text: str) -> str:
    """Feed text made inert: markdown escaped, @everyone/@here/user/role mentions defused."""
    return discord.utils.escape_mentions(discord.utils.escape_markdown(text))


def truncate(text: str, limit: int) -> str:
    """Cut at a word boundary when possible, never mid-escape, and mark the cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip("\\") + ELLIPSIS


def split_lines(text: str, limit: int) -> list[str]:
    """Split text into chunks of at most `limit` characters, on line boundaries where possible."""
    chunks: list[str] = []
    current = ""
    for line in text.splitlines():
        while len(line) > limit:
            if current:
                chunks.append(current)
                current = ""
            chunks.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            chunks.append(current)
            current = line
        else:
            current = candidate
    if current or not chunks:
        chunks.append(current)
    return chunks


def safe_url(url: str | None) -> str | None:
    """Only http(s) links, with parentheses encoded so markdown links stay intact."""
    if not url or not re.match(r"^https?://", url, re.IGNORECASE):
        return None
    return url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")


def link(text: str, url: str | None, limit: int = 300) -> str:
    label = clean(truncate(text, limit)) or "link"
    target = safe_url(url)
    return f"[{label}]({target})" if target else label


def embed_size(embed: discord.Embed) -> int:
    return len(embed)


def make_embed(
    title: str,
    description: str = "",
    *,
    url: str | None = None,
    fields: Iterable[tuple[str, str, bool]] = (),
    footer: str | None = None,
    reserve: int = 0,
) -> discord.Embed:
    """One embed with every part cut to Discord's limits (fields past 25 or 6000 chars dropped).

    `reserve` keeps that many characters free for a footer added later.
    """
    embed = discord.Embed(
        title=truncate(title, TITLE_MAX),
        description=truncate(description, DESCRIPTION_MAX) if description else None,
        url=safe_url(url),
        colour=COLOUR,
    )
    if footer:
        budget = min(2048, EMBED_TOTAL_MAX - len(embed))
        if budget > 1:
            embed.set_footer(text=truncate(footer, budget))
    for name, value, inline in fields:
        if len(embed.fields) >= FIELDS_MAX:
            break
        name, value = truncate(name, FIELD_NAME_MAX) or "\u200b", truncate(value, FIELD_VALUE_MAX) or "\u200b"
        if len(embed) + len(name) + len(value) > EMBED_TOTAL_MAX - reserve:
            break
        embed.add_field(name=name, value=value, inline=inline)
    return embed


def text_embeds(
    title: str, text: str, *, footer: str | None = None, code: bool = False
) -> list[discord.Embed]:
    """Long plain text as a run of embeds split on line boundaries (escaped, or in a code block)."""
    body = text.replace("```", "'''") if code else clean(text)
    limit = DESCRIPTION_MAX - 8 if code else DESCRIPTION_MAX
    pages = split_lines(body, limit)
    embeds = []
    for number, page in enumerate(pages, 1):
        name = title if len(pages) == 1 else f"{title} ({number}/{len(pages)})"
        description = f"```\n{page}\n```" if code else page
        embeds.append(make_embed(name, description, footer=footer))
    return embeds


def batch(embeds: Sequence[discord.Embed], reserve: int = 0) -> list[list[discord.Embed]]:
    """Group embeds into messages: at most 10 per message and 6000 characters in total (less
    `reserve`, kept for a footer stamped later)."""
    messages: list[list[discord.Embed]] = []
    current: list[discord.Embed] = []
    size = 0
    for embed in embeds:
        length = len(embed)
        if current and (len(current) >= EMBEDS_PER_MESSAGE or size + length > EMBED_TOTAL_MAX - reserve):
            messages.append(current)
            current, size = [], 0
        current.append(embed)
        size += length
    if current:
        messages.append(current)
    return messages


def choices(pairs: Iterable[tuple[str, str]] | Iterable[str]) -> list[app_commands.Choice[str]]:
    """Autocomplete choices within Discord's limits (25 choices, 100 characters each)."""
    result: list[app_commands.Choice[str]] = []
    for item in pairs:
        name, value = (item, item) if isinstance(item, str) else item
        if len(value) > CHOICE_MAX:
            continue
        result.append(app_commands.Choice(name=truncate(name, CHOICE_MAX) or value, value=value))
        if len(result) >= CHOICES_MAX:
            break
    return result


def parse_date(text: str | None) -> date | None:
    if text is None or not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserError("'{text}' is not a date: use YYYY-MM-DD, like 2024-11-06.", text=text) from None


def as_dict(result: object) -> dict[str, Any]:
    """A service result's JSON form (every result has `to_dict`)."""
    to_dict = getattr(result, "to_dict", None)
    return dict(to_dict()) if callable(to_dict) else {}


def as_text(result: object) -> str:
    to_text = getattr(result, "to_text", None)
    return str(to_text()) if callable(to_text) else str(result)


class Pager(discord.ui.View):
    """Previous/next buttons over pre-rendered embeds; only the person who asked may turn pages."""

    def __init__(
        self, pages: Sequence[discord.Embed], owner_id: int, timeout: float = 600.0, _: Texts | None = None
    ) -> None:
        super().__init__(timeout=timeout)
        self.texts = _ or texts(None)
        self.pages = list(pages)
        self.owner_id = owner_id
        self.index = 0
        self.origin: discord.Interaction[Any] | None = None
        _ = self.texts
        self.previous.label = _("Previous")
        self.next.label = _("Next")
        self._sync_buttons()

    async def on_timeout(self) -> None:
        """Take the buttons away once they stop working, rather than leaving dead ones."""
        if self.origin is not None:
            with contextlib.suppress(discord.HTTPException):
                await self.origin.edit_original_response(view=None)

    def _sync_buttons(self) -> None:
        self.previous.disabled = self.index == 0
        self.next.disabled = self.index >= len(self.pages) - 1

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        if interaction.user.id != self.owner_id:
            _ = for_interaction(interaction)
            await interaction.response.send_message(
                _("These buttons belong to whoever ran the command: run it yourself to page."), ephemeral=True
            )
            return False
        return True

    @discord.ui.button(label="Previous", style=discord.ButtonStyle.secondary)
    async def previous(self, interaction: discord.Interaction[Any], button: discord.ui.Button[Pager]) -> None:
        self.index = max(0, self.index - 1)
        self._sync_buttons()
        await interaction.response.edit_message(embed=self.pages[self.index], view=self)

    @discord.ui.button(label="Next", style=discord.ButtonStyle.secondary)
    async def next(self, interaction: discord.Interaction[Any], button: discord.ui.Button[Pager]) -> None:
        self.index = min(len(self.pages) - 1, self.index + 1)
        self._sync_buttons()
        await interaction.response.edit_message(embed=self.pages[self.index], view=self)


async def reply(
    interaction: discord.Interaction[Any],
    embeds: Sequence[discord.Embed],
    *,
    ephemeral: bool = False,
    file: discord.File | None = None,
    content: str | None = None,
) -> None:
    """Answer with embeds (more than one message's worth goes out as follow-ups); never pings."""
    messages = batch(embeds) or [[]]
    first, rest = messages[0], messages[1:]
    if interaction.response.is_done():
        kwargs: dict[str, Any] = {"file": file} if file else {}
        await interaction.followup.send(
            content=content or discord.utils.MISSING,
            embeds=first,
            ephemeral=ephemeral,
            allowed_mentions=NO_MENTIONS,
            **kwargs,
        )
    elif file is not None:
        await interaction.response.send_message(
            content=content, embeds=first, ephemeral=ephemeral, file=file, allowed_mentions=NO_MENTIONS
        )
    else:
        await interaction.response.send_message(
            content=content, embeds=first, ephemeral=ephemeral, allowed_mentions=NO_MENTIONS
        )
    for group in rest:
        await interaction.followup.send(embeds=group, ephemeral=ephemeral, allowed_mentions=NO_MENTIONS)


async def reply_paged(interaction: discord.Interaction[Any], pages: Sequence[discord.Embed]) -> None:
    """One page with buttons when there are several; a plain reply otherwise."""
    if len(pages) <= 1:
        await reply(interaction, pages)
        return
    view = Pager(pages, interaction.user.id, _=for_interaction(interaction))
    view.origin = interaction
    await interaction.response.send_message(embed=pages[0], view=view, allowed_mentions=NO_MENTIONS)
