"""The Discord `DeliverySink`: digests and alerts as embeds in a channel, each post safe to repeat.

Repeat-safety (see bot/digest): every message carries a nonce derived from the delivery key and its
part number, sent with `enforce_nonce`, so Discord answers a repeat within its dedupe window with the
first message; and each message's last embed has a footer ending in a short reference derived from the key
("Hotseat alert · #1f0c9a", "… · #1f0c9a 2/3" for a part), so a post resumed after a crash first reads
the channel's last 50 messages and posts only the parts not there. Readers see a reference number, never
the internal key. Text is in the server's language (its Discord locale).
Errors: 403/404 (no permission, deleted channel) are permanent (the server's config is marked and shown
in /digest status); any other 4xx but 429 (Discord refused this message, e.g. 400 for a bad link) skips
that one delivery (recorded, shown in /digest status); 429 is waited out by discord.py (Retry-After) and
5xx retried by it; anything still failing is transient (the next tick retries).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
from typing import Any, Literal

import aiohttp
import discord

from bot.digest import Alert, DeliveryError, Digest
from bot.i18n import N_, Texts, standing_text, texts
from cogs._ui import NO_MENTIONS, batch, clean, link, make_embed, truncate

log = logging.getLogger(__name__)

HISTORY_SCAN = 50


def nonce_for(key: str, part: int) -> str:
    """A nonce of at most 25 characters, the same for the same delivery part every time."""
    return hashlib.sha256(key.encode()).hexdigest()[:20] + f"-{part}"


def footer_key(key: str, part: int = 0, parts: int = 1) -> str:
    """The reference on each posted message: how a resumed post recognises what is already there."""
    ref = "#" + hashlib.sha256(key.encode()).hexdigest()[:6]
    return ref if parts == 1 else f"{ref} {part + 1}/{parts}"


def marker_of(footer: str) -> str | None:
    """The reference at the end of one of our footers ("Hotseat alert · #1f0c9a" → "#1f0c9a")."""
    _, sep, ref = footer.rpartition(" · ")
    return ref if sep and ref.startswith("#") else None


LEVEL_NAMES = {1: N_("murmurs"), 2: N_("serious"), 3: N_("decided")}


def level_name(level: int, _: Texts) -> str:
    return _(LEVEL_NAMES[level]) if level in LEVEL_NAMES else str(level)


# What a story says about a manager, as a fan would put it: a level-3 story means he is out (sacked or
# resigned), which "decided" (the level's name in settings) does not say.
STORY_WORDS = {1: N_("murmurs"), 2: N_("serious"), 3: N_("out")}


def story_word(level: int, _: Texts) -> str:
    return _(STORY_WORDS[level]) if level in STORY_WORDS else str(level)


THREAD_NAME_MAX = 100
THREAD_ARCHIVE_MINUTES: Literal[1440] = 1440  # a story's thread goes quiet after a day without messages
FOOTER_RESERVE = 120  # room kept in every embed for the footer stamped at posting time


def digest_embeds(digest: Digest, _: Texts | None = None) -> list[discord.Embed]:
    """One field per manager (stories as links), split across embeds to respect Discord's limits."""
    _ = _ or texts(None)
    fields: list[tuple[str, str, bool]] = []
    for entry in digest.entries:
        lines = []
        for story in entry.stories:
            outlets = f" — {clean(', '.join(story.outlets))}" if story.outlets else ""
            said = standing_text(story.standing, _)
            standing = f" ({said})" if said else ""
            lines.append(f"• {link(story.headline, story.url, 200)}{outlets}{standing}")
        value = "\n".join(lines)
        if len(value) > 1024:
            kept: list[str] = []
            for line in lines:
                if sum(len(x) + 1 for x in kept) + len(line) > 990:
                    break
                kept.append(line)
            more = _.ngettext("…and {count} more", "…and {count} more", len(lines) - len(kept))
            value = "\n".join(kept) + "\n" + more
        name = f"{entry.title} · {story_word(entry.level, _)}"
        fields.append((clean(name), value, False))
    since = discord.utils.format_dt(digest.since, "f")
    summary = _.ngettext(
        "{count} story since {since}", "{count} stories since {since}", digest.story_count, since=since
    )
    embeds: list[discord.Embed] = []
    while fields:
        embed = make_embed(
            _("Hotseat digest"), summary if not embeds else "", fields=fields, reserve=FOOTER_RESERVE
        )
        embed.timestamp = digest.until
        taken = len(embed.fields) or 1
        fields = fields[taken:]
        embeds.append(embed)
    return embeds


def alert_embed(alert: Alert, _: Texts | None = None) -> discord.Embed:
    _ = _ or texts(None)
    outlets = ", ".join(alert.outlets)
    description = clean(truncate(alert.headline, 1000)) + (f"\n{clean(outlets)}" if outlets else "")
    who = f"{alert.manager} ({alert.club})" if alert.club else alert.manager
    said = standing_text(alert.standing, _)
    standing = f", {said}" if said else ""
    title = f"{story_word(alert.level, _).capitalize()}{standing}: {who}"
    if alert.standing == "withdrawn":  # nobody confirmed the reported sacking: say so plainly
        title = _("Sacking report withdrawn: {who}", who=who)
    if alert.broke_by:
        description += "\n" + _("First reported by {outlet}", outlet=clean(alert.broke_by))
    embed = make_embed(clean(title), description, url=alert.url, reserve=FOOTER_RESERVE)
    embed.timestamp = alert.at
    return embed


def role_pings(role_ids: tuple[int, ...]) -> tuple[str | None, discord.AllowedMentions]:
    """The message text pinging the followers' roles, and the mentions allowed for that message alone:
    those roles and nothing else. The text is built from role ids only, so feed content never pings."""
    if not role_ids:
        return None, NO_MENTIONS
    content = " ".join(f"<@&{role_id}>" for role_id in role_ids)
    allowed = discord.AllowedMentions(
        everyone=False, users=False, roles=[discord.Object(id=r) for r in role_ids], replied_user=False
    )
    return content, allowed


class DiscordSink:
    """Posts through the bot's connection; raises `DeliveryError` the digest loop understands."""

    def __init__(self, client: discord.Client) -> None:
        self.client = client

    def _texts(self, guild_id: int, language: str | None) -> Texts:
        """The server's language: the one chosen with /digest setup, else its Discord locale (Server
        Settings → Community → language)."""
        if language is not None:
            return texts(language)
        guild = self.client.get_guild(guild_id)
        return texts(guild.preferred_locale if guild is not None else None)

    async def post_digest(self, guild_id: int, channel_id: int, digest: Digest) -> int | None:
        _ = self._texts(guild_id, digest.language)
        embeds = digest_embeds(digest, _)
        return await self._post(channel_id, digest.key, embeds, digest.resumed, _("Hotseat digest"))

    async def post_alert(self, guild_id: int, channel_id: int, alert: Alert) -> int | None:
        """Post (or edit) the alert; with threads per story, a later alert of the story goes to the
        story's thread, and a first one opens the thread on its own message."""
        _ = self._texts(guild_id, alert.language)
        embeds = [alert_embed(alert, _)]
        content, allowed = role_pings(alert.role_ids)
        label = _("Hotseat alert")
        if alert.thread_id is not None and alert.replaces is None:
            try:
                return await self._post(
                    alert.thread_id, alert.key, embeds, alert.resumed, label, content, allowed
                )
            except DeliveryError as exc:
                if exc.refused or not exc.permanent:
                    raise
                log.warning("story thread %s is gone or closed; posting in the channel", alert.thread_id)
        message_id = await self._post(
            channel_id, alert.key, embeds, alert.resumed, label, content, allowed, alert.replaces
        )
        if alert.thread and alert.replaces is None and message_id is not None:
            await self._open_thread(guild_id, channel_id, message_id, alert, _)
        return message_id

    async def _open_thread(
        self, guild_id: int, channel_id: int, message_id: int, alert: Alert, _: Texts
    ) -> None:
        """A public thread on the alert for discussing the story; without permission the alert stands
        alone (one log line) and the story's later alerts go to the channel."""
        channel = self.client.get_partial_messageable(channel_id, guild_id=guild_id)
        who = f"{alert.manager} ({alert.club})" if alert.club else alert.manager
        try:
            await channel.get_partial_message(message_id).create_thread(
                name=truncate(_("{who}: discussion", who=who), THREAD_NAME_MAX) or "Hotseat",
                auto_archive_duration=THREAD_ARCHIVE_MINUTES,
            )
        except (discord.HTTPException, ValueError) as exc:
            log.warning("could not open a thread on alert %s in channel %s: %s", alert.key, channel_id, exc)

    async def _post(
        self,
        channel_id: int,
        key: str,
        embeds: list[discord.Embed],
        resumed: bool,
        label: str,
        content: str | None = None,
        allowed: discord.AllowedMentions = NO_MENTIONS,
        replaces: int | None = None,
    ) -> int | None:
        """Post each message part, stamping its marker; a resumed post skips parts already there.
        `content` (the role pings) and `allowed` go with the first part only; `replaces` is a message
        edited instead of posting the first part (a sacking now confirmed), unless it was deleted."""
        channel = self.client.get_partial_messageable(channel_id)
        parts = batch(embeds, reserve=FOOTER_RESERVE)
        try:
            present = await self._posted_markers(channel) if resumed else {}
            first_id: int | None = None
            for number, group in enumerate(parts):
                marker = footer_key(key, number, len(parts))
                if marker in present:
                    log.info("delivery %s was already posted as message %s", marker, present[marker])
                    first_id = first_id or present[marker]
                    continue
                group[-1].set_footer(text=f"{label} · {marker}")
                first = number == 0
                if first and replaces is not None:
                    with contextlib.suppress(discord.NotFound):  # deleted: post it anew below
                        edited = await channel.get_partial_message(replaces).edit(
                            content=content, embeds=group, allowed_mentions=allowed
                        )
                        first_id = edited.id
                        continue
                message = await channel.send(
                    content=content if first else None,
                    embeds=group,
                    nonce=nonce_for(key, number),
                    allowed_mentions=allowed if first else NO_MENTIONS,
                )
                first_id = first_id or message.id
            return first_id
        except discord.Forbidden as exc:
            raise DeliveryError(
                N_(
                    "I am not allowed to post in <#{channel}> (need View Channel, Send Messages and "
                    "Embed Links; Discord said: {said})"
                ),
                permanent=True,
                values={"channel": str(channel_id), "said": str(exc.text or exc.status)},
            ) from exc
        except discord.NotFound as exc:
            raise DeliveryError(
                N_("channel <#{channel}> no longer exists: choose another one"),
                permanent=True,
                values={"channel": str(channel_id)},
            ) from exc
        except discord.HTTPException as exc:
            if 400 <= exc.status < 500 and exc.status != 429:
                # Discord refused this message itself (e.g. 400 Invalid Form Body for a bad link):
                # sending it again gets the same answer, so it is skipped, not retried forever.
                raise DeliveryError(
                    N_("Discord refused the message ({status}: {said})"),
                    permanent=True,
                    refused=True,
                    values={"status": str(exc.status), "said": _one_line(exc.text) or "-"},
                ) from exc
            raise DeliveryError(f"Discord error {exc.status}: {exc.text}", permanent=False) from exc
        except (aiohttp.ClientError, OSError, TimeoutError) as exc:
            raise DeliveryError(f"could not reach Discord: {exc}", permanent=False) from exc

    async def _posted_markers(self, channel: discord.PartialMessageable) -> dict[str, int]:
        """Markers of our own recent messages in the channel (marker → message id)."""
        me = self.client.user
        found: dict[str, int] = {}
        try:
            async for message in channel.history(limit=HISTORY_SCAN):
                if me is not None and message.author.id != me.id:
                    continue
                for embed in message.embeds:
                    text = _footer(embed)
                    marker = marker_of(text) if isinstance(text, str) else None
                    if marker is not None:
                        found.setdefault(marker, message.id)
        except discord.Forbidden:
            log.warning("cannot read the history of channel %s to check a resumed post", channel.id)
        return found


def _one_line(text: str) -> str:
    """Discord's form errors come as several lines; status shows them as one."""
    return "; ".join(part.strip() for part in text.splitlines() if part.strip())


def _footer(embed: discord.Embed) -> Any:
    return embed.footer.text if embed.footer else None
