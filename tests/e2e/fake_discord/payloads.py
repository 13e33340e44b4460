"""Builders for the JSON objects Discord's API v10 documents (users, guilds, channels, messages).

Kept apart from the server so the shapes can be read against the docs in one place.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

DISCORD_EPOCH_MS = 1_420_070_400_000

# Permission bits (https://discord.com/developers/docs/topics/permissions)
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
READ_MESSAGE_HISTORY = 1 << 16
USE_APPLICATION_COMMANDS = 1 << 31
MANAGE_GUILD = 1 << 5
MEMBER_PERMISSIONS = (
    VIEW_CHANNEL
    | SEND_MESSAGES
    | EMBED_LINKS
    | ATTACH_FILES
    | READ_MESSAGE_HISTORY
    | USE_APPLICATION_COMMANDS
)
ADMIN_PERMISSIONS = MEMBER_PERMISSIONS | MANAGE_GUILD

EPHEMERAL = 1 << 6
LOADING = 1 << 7


class Snowflakes:
    """Monotonic snowflakes with a real timestamp part, as discord.py decodes `created_at` from them."""

    def __init__(self) -> None:
        self._counter = itertools.count(1)

    def next(self) -> int:
        millis = int(time.time() * 1000) - DISCORD_EPOCH_MS
        return (millis << 22) | (next(self._counter) & 0x3FFFFF)


def iso_now() -> str:
    return datetime.now(UTC).isoformat()


def user(user_id: int, username: str, *, bot: bool = False) -> dict[str, Any]:
    return {
        "id": str(user_id),
        "username": username,
        "discriminator": "0",
        "global_name": username.title(),
        "avatar": None,
        "bot": bot,
        "system": False,
        "public_flags": 0,
        "flags": 0,
    }


@dataclass
class Member:
    user_id: int
    username: str
    permissions: int = MEMBER_PERMISSIONS
    bot: bool = False
    role_ids: list[int] = field(default_factory=list)

    def payload(self, *, with_permissions: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "user": user(self.user_id, self.username, bot=self.bot),
            "nick": None,
            "avatar": None,
            "roles": [str(r) for r in self.role_ids],
            "joined_at": "2024-01-01T00:00:00+00:00",
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "communication_disabled_until": None,
        }
        if with_permissions:
            data["permissions"] = str(self.permissions)
        return data


THREAD_TYPES = (10, 11, 12)  # announcement, public and private threads


@dataclass
class Channel:
    channel_id: int
    name: str
    guild_id: int
    position: int = 0
    kind: int = 0  # GUILD_TEXT; PUBLIC_THREAD (11) for a thread
    parent_id: int | None = None  # a thread's channel
    owner_id: int | None = None  # who started a thread

    @property
    def is_thread(self) -> bool:
        return self.kind in THREAD_TYPES

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.channel_id),
            "type": self.kind,
            "guild_id": str(self.guild_id),
            "name": self.name,
            "position": self.position,
            "permission_overwrites": [],
            "nsfw": False,
            "topic": None,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "parent_id": str(self.parent_id) if self.parent_id else None,
            "flags": 0,
        }
        if self.is_thread:  # Discord's thread channel object: no position or overwrites, metadata instead
            for key in ("position", "permission_overwrites", "topic"):
                data.pop(key)
            data.update(
                owner_id=str(self.owner_id),
                message_count=0,
                member_count=1,
                total_message_sent=0,
                thread_metadata={
                    "archived": False,
                    "auto_archive_duration": 1440,
                    "archive_timestamp": "2024-01-01T00:00:00+00:00",
                    "locked": False,
                },
            )
        return data

    def resolved(self, permissions: int) -> dict[str, Any]:
        """The partial channel Discord puts in `resolved.channels` and in an interaction's `channel`."""
        data = self.payload()
        data["permissions"] = str(permissions)
        return data


@dataclass
class Role:
    """A server role people can be pinged through (when `mentionable`)."""

    role_id: int
    name: str
    position: int = 1
    mentionable: bool = True

    def payload(self) -> dict[str, Any]:
        return {
            "id": str(self.role_id),
            "name": self.name,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "icon": None,
            "unicode_emoji": None,
            "position": self.position,
            "permissions": "0",
            "managed": False,
            "mentionable": self.mentionable,
            "flags": 0,
        }


@dataclass
class Guild:
    guild_id: int
    name: str
    owner_id: int
    everyone_permissions: int
    channels: list[Channel]
    members: list[Member]
    locale: str = "en-US"  # the server's language (Server Settings → Community)
    roles: list[Role] = field(default_factory=list)  # besides @everyone

    def role(self, role_id: int) -> Role | None:
        return next((r for r in self.roles if r.role_id == role_id), None)

    def role_payloads(self) -> list[dict[str, Any]]:
        return [
            {
                "id": str(self.guild_id),  # @everyone shares the guild's id
                "name": "@everyone",
                "color": 0,
                "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
                "hoist": False,
                "icon": None,
                "unicode_emoji": None,
                "position": 0,
                "permissions": str(self.everyone_permissions),
                "managed": False,
                "mentionable": False,
                "flags": 0,
            },
            *(role.payload() for role in self.roles),
        ]

    def payload(self) -> dict[str, Any]:
        """A GUILD_CREATE body: the guild object plus the gateway-only extra fields."""
        return {
            "id": str(self.guild_id),
            "name": self.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(self.owner_id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "widget_enabled": False,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "roles": self.role_payloads(),
            "emojis": [],
            "stickers": [],
            "features": [],
            "mfa_level": 0,
            "application_id": None,
            "system_channel_id": str(self.channels[0].channel_id) if self.channels else None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "safety_alerts_channel_id": None,
            "max_members": 500000,
            "max_video_channel_users": 25,
            "vanity_url_code": None,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "premium_progress_bar_enabled": False,
            "preferred_locale": self.locale,
            "nsfw_level": 0,
            "nsfw": False,
            # GUILD_CREATE extras
            "joined_at": "2024-01-01T00:00:00+00:00",
            "large": False,
            "unavailable": False,
            "member_count": len(self.members),
            "voice_states": [],
            "members": [m.payload() for m in self.members],
            "channels": [c.payload() for c in self.channels if not c.is_thread],
            "threads": [c.payload() for c in self.channels if c.is_thread],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }

    def channel(self, channel_id: int) -> Channel | None:
        return next((c for c in self.channels if c.channel_id == channel_id), None)

    def member(self, user_id: int) -> Member | None:
        return next((m for m in self.members if m.user_id == user_id), None)


def message(
    *,
    message_id: int,
    channel_id: int,
    author: dict[str, Any],
    body: dict[str, Any],
    attachments: list[dict[str, Any]],
    guild_id: int | None,
    webhook_id: int | None = None,
    interaction_metadata: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A message object as Discord returns it after a create; `body` is what the client sent."""
    data: dict[str, Any] = {
        "id": str(message_id),
        "channel_id": str(channel_id),
        "author": author,
        "content": body.get("content") or "",
        "timestamp": iso_now(),
        "edited_timestamp": None,
        "tts": bool(body.get("tts", False)),
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": attachments,
        "embeds": list(body.get("embeds") or []),
        "components": list(body.get("components") or []),
        "pinned": False,
        "type": 0 if interaction_metadata is None else 20,
        "flags": int(body.get("flags") or 0),
    }
    if guild_id is not None:
        data["guild_id"] = str(guild_id)
    if webhook_id is not None:
        data["webhook_id"] = str(webhook_id)
        data["application_id"] = str(webhook_id)
    if interaction_metadata is not None:
        data["interaction_metadata"] = interaction_metadata
    return data
