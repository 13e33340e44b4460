"""Command tests without a gateway: the real bot and service, interactions built from Discord's payload
shapes, and a webhook adapter that records what the bot answers instead of sending it.

discord.py answers interactions through `discord.webhook.async_.async_context` (an adapter looked up
per call); `Recorder` replaces it, keeps every request (method, path, JSON or multipart payload), and
returns what Discord would. Channel posts go through `bot.http.request`, recorded the same way.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import discord
import pytest
from discord.http import Route
from discord.user import ClientUser
from discord.webhook.async_ import AsyncWebhookAdapter, async_context

from bot.app import HotseatBot
from bot.config import Settings
from bot.service import Service

APP_ID = 900000000000000001
GUILD_ID = 910000000000000001
CHANNEL_ID = 920000000000000001
TEXT_CHANNEL_ID = 920000000000000002
VOICE_CHANNEL_ID = 920000000000000003
USER_ID = 930000000000000001
MANAGE_GUILD = 1 << 5
BOT_USER: Any = {
    "id": str(APP_ID),
    "username": "Hotseat",
    "discriminator": "0",
    "avatar": None,
    "bot": True,
    "verified": True,
    "mfa_enabled": False,
    "flags": 0,
}
EVERYDAY = (1 << 10) | (1 << 11)  # view channel, send messages
_ids = itertools.count(940000000000000001)


def snowflake() -> str:
    return str(next(_ids))


def message_json(channel_id: int | str, payload: dict[str, Any] | None) -> dict[str, Any]:
    """A message object as Discord returns it after a post."""
    body = payload or {}
    return {
        "id": snowflake(),
        "channel_id": str(channel_id),
        "type": 0,
        "content": body.get("content") or "",
        "author": {
            "id": str(APP_ID),
            "username": "Hotseat",
            "discriminator": "0",
            "avatar": None,
            "bot": True,
        },
        "embeds": body.get("embeds") or [],
        "attachments": [],
        "mentions": [],
        "mention_roles": [],
        "mention_everyone": False,
        "pinned": False,
        "tts": False,
        "timestamp": datetime.now(UTC).isoformat(),
        "edited_timestamp": None,
        "flags": body.get("flags") or 0,
        "components": body.get("components") or [],
    }


@dataclass
class Call:
    method: str
    path: str
    payload: dict[str, Any]
    files: list[str] = field(default_factory=list)

    @property
    def data(self) -> dict[str, Any]:
        """The message part of an interaction callback, or the body of a follow-up."""
        inner = self.payload.get("data")
        return inner if isinstance(inner, dict) else self.payload

    @property
    def ephemeral(self) -> bool:
        return bool(int(self.data.get("flags") or 0) & 64)

    @property
    def embeds(self) -> list[dict[str, Any]]:
        return list(self.data.get("embeds") or [])

    @property
    def text(self) -> str:
        """Everything a user would read: content plus embed titles, descriptions and fields."""
        parts = [str(self.data.get("content") or "")]
        for embed in self.embeds:
            parts += [embed.get("title", ""), embed.get("description", "")]
            for item in embed.get("fields", []):
                parts += [item["name"], item["value"]]
            parts.append((embed.get("footer") or {}).get("text", ""))
        return "\n".join(p for p in parts if p)


class Recorder(AsyncWebhookAdapter):
    """Stands in for Discord's webhook/interaction endpoints and for the bot's REST client."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[Call] = []
        self.fail_channel_posts: discord.HTTPException | None = None
        self.history: list[dict[str, Any]] = []  # what GET /channels/{id}/messages returns

    def _record(self, method: str, url: str, payload: Any, multipart: Any, files: Any) -> Call:
        body: dict[str, Any] = dict(payload or {})
        for part in multipart or []:
            if part.get("name") == "payload_json":
                body = json.loads(part["value"])
        names = [file.filename for file in files or []]
        call = Call(method, url.removeprefix(Route.BASE), body, names)
        self.calls.append(call)
        return call

    async def request(self, route: Route, session: Any, **kwargs: Any) -> Any:
        call = self._record(
            route.method, route.url, kwargs.get("payload"), kwargs.get("multipart"), kwargs.get("files")
        )
        if call.path.endswith("/callback"):
            ephemeral = bool(int((call.payload.get("data") or {}).get("flags") or 0) & 64)
            return {
                "interaction": {
                    "id": call.path.split("/")[2],
                    "type": 2,
                    "response_message_loading": call.payload.get("type") == 5,
                    "response_message_ephemeral": ephemeral,
                },
                "resource": {"type": call.payload.get("type")},
            }
        if call.method in ("POST", "PATCH", "GET"):
            return message_json(CHANNEL_ID, call.payload)
        return None

    async def rest(self, route: Route, **kwargs: Any) -> Any:
        """Replacement for `HTTPClient.request` (channel posts and history reads)."""
        form = kwargs.get("form")
        payload = kwargs.get("json")
        files = kwargs.get("files")
        call = self._record(route.method, route.url, payload, form, files)
        if route.method == "GET":
            return self.history
        if self.fail_channel_posts is not None:
            raise self.fail_channel_posts
        return message_json(route.channel_id or CHANNEL_ID, call.payload)

    def for_token(self, token: str) -> list[Call]:
        return [call for call in self.calls if token in call.path]


def guild_json(locale: str = "en-US", guild_id: int = GUILD_ID) -> Any:
    """The server as GUILD_CREATE describes it: a text channel and a voice channel, its locale."""

    def channel(channel_id: int, name: str, kind: int) -> dict[str, Any]:
        data: dict[str, Any] = {"id": str(channel_id), "name": name, "type": kind, "position": 0}
        if kind == 2:
            data.update(bitrate=64000, user_limit=0)
        return data

    return {
        "id": str(guild_id),
        "name": "Test FC",
        "owner_id": str(USER_ID),
        "preferred_locale": locale,
        "features": [],
        "roles": [],
        "emojis": [],
        "stickers": [],
        "member_count": 2,
        "channels": [channel(TEXT_CHANNEL_ID, "digest", 0), channel(VOICE_CHANNEL_ID, "voice", 2)],
    }


def option(name: str, value: Any, kind: int = 3, focused: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {"name": name, "type": kind, "value": value}
    if focused:
        data["focused"] = True
    return data


def channel_resolved(channel_id: int, name: str = "digest", kind: int = 0) -> dict[str, Any]:
    return {
        "channels": {
            str(channel_id): {
                "id": str(channel_id),
                "name": name,
                "type": kind,
                "permissions": "2147483647",
                "guild_id": str(GUILD_ID),
            }
        }
    }


def interaction_payload(
    name: str,
    options: list[dict[str, Any]] | None = None,
    *,
    subcommand: str | None = None,
    permissions: int = EVERYDAY,
    resolved: dict[str, Any] | None = None,
    kind: int = 2,
    guild: bool = True,
    locale: str = "en-GB",
    user_id: int = USER_ID,
) -> dict[str, Any]:
    """An INTERACTION_CREATE payload shaped like Discord's (application command or autocomplete)."""
    opts = options or []
    if subcommand is not None:
        opts = [{"name": subcommand, "type": 1, "options": opts}]
    data: dict[str, Any] = {"id": snowflake(), "name": name, "type": 1, "options": opts}
    if resolved:
        data["resolved"] = resolved
    user = {
        "id": str(user_id),
        "username": "alice",
        "discriminator": "0",
        "global_name": "Alice",
        "avatar": None,
    }
    payload: dict[str, Any] = {
        "id": snowflake(),
        "application_id": str(APP_ID),
        "type": kind,
        "token": f"token-{snowflake()}",
        "version": 1,
        "data": data,
        "channel_id": str(CHANNEL_ID),
        "locale": locale,
        "app_permissions": str(2147483647),
        "entitlements": [],
        "attachment_size_limit": 10 * 1024 * 1024,
        "authorizing_integration_owners": {"0": str(GUILD_ID)} if guild else {"1": str(user_id)},
        "context": 0 if guild else 1,
    }
    if guild:
        payload["guild_id"] = str(GUILD_ID)
        payload["guild_locale"] = "en-GB"
        payload["member"] = {
            "user": user,
            "roles": [],
            "joined_at": "2024-01-01T00:00:00+00:00",
            "deaf": False,
            "mute": False,
            "flags": 0,
            "permissions": str(permissions),
        }
    else:
        payload["user"] = user
    return payload


@dataclass
class Harness:
    bot: HotseatBot
    service: Service
    recorder: Recorder

    async def invoke(
        self, name: str, options: list[dict[str, Any]] | None = None, **kwargs: Any
    ) -> list[Call]:
        """Dispatch one interaction through the command tree; returns what the bot sent for it."""
        payload = interaction_payload(name, options, **kwargs)
        interaction: discord.Interaction[HotseatBot] = discord.Interaction(
            data=payload,  # type: ignore[arg-type]
            state=self.bot._connection,
        )
        await self.bot.tree._call(interaction)
        return self.recorder.for_token(payload["token"])

    async def autocomplete(
        self, name: str, options: list[dict[str, Any]], **kwargs: Any
    ) -> list[dict[str, Any]]:
        calls = await self.invoke(name, options, kind=4, **kwargs)
        assert calls and calls[0].payload["type"] == 8, calls
        return list(calls[0].payload["data"]["choices"])


# ---- seed data, in our own words --------------------------------------------------------------------

CLUBS = (
    "Real Madrid CF",
    "FC Barcelona",
    "Club Atlético de Madrid",
    "Athletic Club",
    "Villarreal CF",
    "Real Betis Balompié",
    "Real Sociedad de Fútbol",
    "Girona FC",
    "Sevilla FC",
    "Valencia CF",
    "CA Osasuna",
    "Getafe CF",
)


def season() -> dict[str, Any]:
    """Three rounds of a 12-club Liga season; Barcelona's third-round match is not played yet."""
    matches = []
    teams = list(CLUBS)
    for round_no in range(3):
        day = date(2026, 8, 22) + timedelta(days=7 * round_no)
        rest = teams[1:]
        rest = rest[round_no:] + rest[:round_no]
        lineup = [teams[0], *rest]
        for a, b in zip(lineup[:6], reversed(lineup[6:]), strict=True):
            match: dict[str, Any] = {
                "round": f"Matchday {round_no + 1}",
                "date": day.isoformat(),
                "team1": a,
                "team2": b,
            }
            if not (round_no == 2 and "FC Barcelona" in (a, b)):
                strong = CLUBS.index(a) < CLUBS.index(b)
                match["score"] = {"ft": [2, 0] if strong else [1, 1]}
            matches.append(match)
    return {"name": "Primera División 2026/27", "matches": matches}


HEADLINES = (
    (
        "Xabi Alonso under pressure at Real Madrid after a poor run",
        "Real Madrid coach Xabi Alonso is under pressure after a poor run. The board will hold crisis talks, "
        "and Zinedine Zidane is lined up as a replacement.",
    ),
    (
        "@everyone Real Madrid give Xabi Alonso an **ultimatum** <@&42>",
        "Real Madrid have given Xabi Alonso an ultimatum. Zinedine Zidane is the preferred replacement, "
        "sources say. Alonso is under pressure.",
    ),
)


def feed_xml(now: datetime) -> str:
    items = "".join(
        f"<item><title>{escape(title)}</title><link>https://liga-desk.example/{n}</link>"
        f"<guid>https://liga-desk.example/{n}</guid>"
        f"<pubDate>{format_datetime(now - timedelta(hours=n + 1))}</pubDate>"
        f"<description>{escape(body)}</description></item>"
        for n, (title, body) in enumerate(HEADLINES)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Liga Desk</title>'
        f"<link>https://liga-desk.example/</link><description>Liga news</description>{items}</channel></rss>"
    )


@pytest.fixture(scope="session")
def seed_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("seed")
    league = root / "2026-27" / "es.1.json"
    league.parent.mkdir(parents=True)
    league.write_text(json.dumps(season(), ensure_ascii=False), encoding="utf-8")
    feeds = root / "feeds"
    feeds.mkdir()
    (feeds / "liga-desk.xml").write_text(feed_xml(datetime.now(UTC)), encoding="utf-8")
    return root


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    recorder = Recorder()
    token = async_context.set(recorder)
    try:
        yield recorder
    finally:
        async_context.reset(token)


@pytest.fixture
async def harness(
    settings: Settings, service: Service, recorder: Recorder, seed_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Harness]:
    await service.football.import_matches([str(seed_dir / "2026-27" / "es.1.json")])
    await service.news.ingest_dir(seed_dir / "feeds")
    bot = HotseatBot(settings, service)
    await bot._async_setup_hook()
    # What READY would have told the client: who it is (it never logs in here).
    bot._connection.user = ClientUser(state=bot._connection, data=BOT_USER)
    bot._connection.application_id = APP_ID
    bot._connection._add_guild_from_data(guild_json())  # what GUILD_CREATE would have cached
    monkeypatch.setattr(bot.http, "request", recorder.rest)
    await bot.load_cogs()
    assert bot.failed_cogs == []
    try:
        yield Harness(bot, service, recorder)
    finally:
        await bot.close()
