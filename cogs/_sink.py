"""The Discord `DeliverySink`: digests and alerts as embeds in a channel, each post safe to repeat.

Repeat-safety (see bot/digest.py): every message carries a nonce derived from the delivery key and its
part number, sent with `enforce_nonce`, so Discord answers a repeat within its dedupe window with the
first message; and each message's last embed has a footer marker "hotseat <key> (part/parts)", so a post
resumed after a crash first reads the channel's last 50 messages and posts only the parts not there.
Errors: 403/404 (no permission, deleted channel) are permanent (the server's config is marked and shown
in /digest status); any other 4xx but 429 (Discord refused this message, e.g. 400 for a bad link) skips
that one delivery (recorded, shown in /digest status); 429 is waited out by discord.py (Retry-After) and
5xx retried by it; anything still failing is transient (the next tick retries).
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

import aiohttp
import discord

from bot.digest import Alert, DeliveryError, Digest, level_label
from cogs._ui import NO_MENTIONS, batch, clean, link, make_embed, truncate

log = logging.getLogger(__name__)

HISTORY_SCAN = 50


def nonce_for(key: str, part: int) -> str:
    """A nonce of at most 25 characters, the same for the same delivery part every time."""
    return hashlib.sha256(key.encode()).hexdigest()[:20] + f"-{part}"


def footer_key(key: str, part: int = 0, parts: int = 1) -> str:
    """The marker on each posted message: how a resumed post recognises what is already there."""
    return f"hotseat {key}" if parts == 1 else f"hotseat {key} ({part + 1}/{parts})"


FOOTER_RESERVE = 120  # room kept in every embed for the footer stamped at posting time


def digest_embeds(digest: Digest) -> list[discord.Embed]:
    """One field per manager (stories as links), split across embeds to respect Discord's limits."""
    fields: list[tuple[str, str, bool]] = []
    for entry in digest.entries:
        lines = []
        for story in entry.stories:
            outlets = f" — {clean(', '.join(story.outlets))}" if story.outlets else ""
            standing = f" ({story.standing})" if story.standing else ""
            lines.append(f"• {link(story.headline, story.url, 200)}{outlets}{standing}")
        value = "\n".join(lines)
        if len(value) > 1024:
            kept: list[str] = []
            for line in lines:
                if sum(len(x) + 1 for x in kept) + len(line) > 990:
                    break
                kept.append(line)
            value = "\n".join(kept) + f"\n…and {len(lines) - len(kept)} more"
        name = f"{entry.title} · {level_label(entry.level)} · index {entry.index:.1f}"
        fields.append((clean(name), value, False))
    embeds: list[discord.Embed] = []
    while fields:
        embed = make_embed(
            digest.title,
            f"{digest.story_count} stories since the last digest" if not embeds else "",
            fields=fields,
            reserve=FOOTER_RESERVE,
        )
        taken = len(embed.fields) or 1
        fields = fields[taken:]
        embeds.append(embed)
    return embeds


def alert_embed(alert: Alert) -> discord.Embed:
    outlets = ", ".join(alert.outlets)
    description = clean(truncate(alert.headline, 1000)) + (f"\n{clean(outlets)}" if outlets else "")
    return make_embed(clean(alert.title), description, url=alert.url, reserve=FOOTER_RESERVE)


class DiscordSink:
    """Posts through the bot's connection; raises `DeliveryError` the digest loop understands."""

    def __init__(self, client: discord.Client) -> None:
        self.client = client

    async def post_digest(self, guild_id: int, channel_id: int, digest: Digest) -> int | None:
        return await self._post(channel_id, digest.key, digest_embeds(digest), digest.resumed)

    async def post_alert(self, guild_id: int, channel_id: int, alert: Alert) -> int | None:
        return await self._post(channel_id, alert.key, [alert_embed(alert)], alert.resumed)

    async def _post(
        self, channel_id: int, key: str, embeds: list[discord.Embed], resumed: bool
    ) -> int | None:
        """Post each message part, stamping its marker; a resumed post skips parts already there."""
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
                group[-1].set_footer(text=marker)
                message = await channel.send(
                    embeds=group, nonce=nonce_for(key, number), allowed_mentions=NO_MENTIONS
                )
                first_id = first_id or message.id
            return first_id
        except discord.Forbidden as exc:
            raise DeliveryError(
                f"I am not allowed to post in <#{channel_id}> (need View Channel, Send Messages and "
                f"Embed Links; Discord said: {exc.text or exc.status})",
                permanent=True,
            ) from exc
        except discord.NotFound as exc:
            raise DeliveryError(
                f"channel <#{channel_id}> no longer exists: choose another one", permanent=True
            ) from exc
        except discord.HTTPException as exc:
            if 400 <= exc.status < 500 and exc.status != 429:
                # Discord refused this message itself (e.g. 400 Invalid Form Body for a bad link):
                # sending it again gets the same answer, so it is skipped, not retried forever.
                raise DeliveryError(
                    f"Discord refused the message ({exc.status}: {_one_line(exc.text) or 'no reason'})",
                    permanent=True,
                    refused=True,
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
                    if isinstance(text, str) and text.startswith("hotseat "):
                        found.setdefault(text, message.id)
        except discord.Forbidden:
            log.warning("cannot read the history of channel %s to check a resumed post", channel.id)
        return found


def _one_line(text: str) -> str:
    """Discord's form errors come as several lines; status shows them as one."""
    return "; ".join(part.strip() for part in text.splitlines() if part.strip())


def _footer(embed: discord.Embed) -> Any:
    return embed.footer.text if embed.footer else None
