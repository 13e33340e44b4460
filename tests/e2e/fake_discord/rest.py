"""REST resources other than interactions: identity, application, gateway, commands, guild, channels.

Each handler takes the fake first (bound with functools.partial in the route table) and answers with
Discord's documented objects and error codes.
"""

from __future__ import annotations

import secrets
import time
from typing import TYPE_CHECKING, Any

from aiohttp import web

from tests.e2e.fake_discord import payloads
from tests.e2e.fake_discord.payloads import EPHEMERAL, Channel
from tests.e2e.fake_discord.validation import command_problem, form_error, message_problem
from tests.e2e.fake_discord.wire import HttpError, json_response, read_body

if TYPE_CHECKING:
    from tests.e2e.fake_discord.server import FakeDiscord

NONCE_WINDOW_SECONDS = 300.0  # Discord: "checked for uniqueness in the past few minutes"


async def get_me(fake: FakeDiscord, request: web.Request) -> web.Response:
    me = {
        **payloads.user(fake.bot.user_id, fake.bot.username, bot=True),
        "verified": True,
        "mfa_enabled": False,
        "locale": "en-US",
        "email": None,
    }
    return json_response(me)


async def get_application(fake: FakeDiscord, request: web.Request) -> web.Response:
    return json_response(
        {
            "id": str(fake.application_id),
            "name": "Hotseat (fake)",
            "icon": None,
            "description": "",
            "summary": "",
            "type": None,
            "bot": payloads.user(fake.bot.user_id, fake.bot.username, bot=True),
            "bot_public": True,
            "bot_require_code_grant": False,
            "owner": payloads.user(fake.admin.user_id, fake.admin.username),
            "team": None,
            "verify_key": secrets.token_hex(32),
            "flags": 0,
            "rpc_origins": [],
            "tags": [],
            "redirect_uris": [],
            "interactions_endpoint_url": None,
            "role_connections_verification_url": None,
            "approximate_guild_count": 1,
            "integration_types_config": {"0": {}},
        }
    )


async def get_gateway(fake: FakeDiscord, request: web.Request) -> web.Response:
    return json_response({"url": fake.ws_base})


async def get_gateway_bot(fake: FakeDiscord, request: web.Request) -> web.Response:
    return json_response(
        {
            "url": fake.ws_base,
            "shards": fake.recommended_shards,
            "session_start_limit": {
                "total": 1000,
                "remaining": 999,
                "reset_after": 86_400_000,
                "max_concurrency": 1,
            },
        }
    )


def check_app(fake: FakeDiscord, request: web.Request) -> int | None:
    if request.match_info["application_id"] != str(fake.application_id):
        raise HttpError(403, {"message": "Missing Access", "code": 50001})
    guild = request.match_info.get("guild_id")
    if guild is not None and guild not in {str(g.guild_id) for g in fake.guilds}:
        raise HttpError(403, {"message": "Missing Access", "code": 50001})
    return int(guild) if guild is not None else None


async def get_commands(fake: FakeDiscord, request: web.Request) -> web.Response:
    return json_response(fake.commands.get(check_app(fake, request), []))


async def put_commands(fake: FakeDiscord, request: web.Request) -> web.Response:
    guild_id = check_app(fake, request)
    body = await request.json()
    if not isinstance(body, list):
        raise HttpError(400, {"code": 50035, "message": "Invalid Form Body"})
    problem = command_problem(body)
    if problem is not None:
        raise HttpError(400, problem)
    previous = {(c["type"], c["name"]): c for c in fake.commands.get(guild_id, [])}
    stored = []
    for command in body:
        kind = int(command.get("type", 1))
        old = previous.get((kind, command["name"]))
        entry = {
            **command,
            "id": old["id"] if old else str(fake.ids.next()),
            "application_id": str(fake.application_id),
            "version": str(fake.ids.next()),
            "type": kind,
            "description": command.get("description", ""),
            "default_member_permissions": command.get("default_member_permissions"),
            "nsfw": bool(command.get("nsfw", False)),
            "options": command.get("options", []),
        }
        if guild_id is not None:
            entry["guild_id"] = str(guild_id)
        stored.append(entry)
    fake.commands[guild_id] = stored
    return json_response(stored)


def channel_of(fake: FakeDiscord, request: web.Request) -> Channel:
    channel = fake.channel(int(request.match_info["channel_id"]))
    if channel is None:
        raise HttpError(404, {"message": "Unknown Channel", "code": 10003})
    return channel


async def get_channel(fake: FakeDiscord, request: web.Request) -> web.Response:
    return json_response(channel_of(fake, request).payload())


async def get_guild(fake: FakeDiscord, request: web.Request) -> web.Response:
    if request.match_info["guild_id"] != str(fake.guild.guild_id):
        raise HttpError(404, {"message": "Unknown Guild", "code": 10004})
    data = fake.guild.payload()
    for key in (
        "members",
        "channels",
        "threads",
        "presences",
        "voice_states",
        "joined_at",
        "large",
        "unavailable",
        "member_count",
        "stage_instances",
        "guild_scheduled_events",
        "soundboard_sounds",
    ):
        data.pop(key, None)
    return json_response(data)


async def get_guild_channels(fake: FakeDiscord, request: web.Request) -> web.Response:
    if request.match_info["guild_id"] != str(fake.guild.guild_id):
        raise HttpError(404, {"message": "Unknown Guild", "code": 10004})
    return json_response([c.payload() for c in fake.guild.channels if not c.is_thread])


async def typing(fake: FakeDiscord, request: web.Request) -> web.Response:
    channel_of(fake, request)
    return web.Response(status=204)


async def post_channel_message(fake: FakeDiscord, request: web.Request) -> web.Response:
    channel = channel_of(fake, request)
    body, files = await read_body(request)
    problem = message_problem(body, len(files))
    if problem is not None:
        raise HttpError(400, problem)
    nonce = body.get("nonce")
    if nonce is not None and len(str(nonce)) > 25:
        raise HttpError(400, form_error("nonce", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length."))
    if nonce is not None and body.get("enforce_nonce"):
        earlier = fake.nonces.get((channel.channel_id, str(nonce)))
        if earlier is not None and time.monotonic() - earlier[0] < NONCE_WINDOW_SECONDS:
            fake.nonce_hits += 1
            return json_response(fake.messages.get(earlier[1]) or {})
    body = {**body, "flags": int(body.get("flags") or 0) & ~EPHEMERAL}  # ephemeral is interaction-only
    msg = fake.new_message(channel.channel_id, body, files)
    if nonce is not None:
        msg["nonce"] = nonce
        fake.nonces[(channel.channel_id, str(nonce))] = (time.monotonic(), int(msg["id"]))
    await fake.record("channel", channel.channel_id, body, msg, files)
    return json_response(msg)


async def get_channel_messages(fake: FakeDiscord, request: web.Request) -> web.Response:
    """Channel history, newest first, with Discord's limit/before/after paging."""
    channel = channel_of(fake, request)
    try:
        limit = int(request.query.get("limit", "50"))
    except ValueError:
        raise HttpError(400, form_error("limit", "NUMBER_TYPE_COERCE", "Value is not int.")) from None
    if not 1 <= limit <= 100:
        raise HttpError(400, form_error("limit", "NUMBER_TYPE_MAX", "Must be between 1 and 100."))
    found = [m for m in fake.messages.values() if m["channel_id"] == str(channel.channel_id)]
    found.sort(key=lambda m: int(m["id"]), reverse=True)
    if "before" in request.query:
        found = [m for m in found if int(m["id"]) < int(request.query["before"])]
    if "after" in request.query:
        found = [m for m in found if int(m["id"]) > int(request.query["after"])]
    return json_response(found[:limit])


def stored_channel_message(fake: FakeDiscord, request: web.Request) -> dict[str, Any]:
    channel = channel_of(fake, request)
    msg = fake.messages.get(int(request.match_info["message_id"]))
    if msg is None or msg["channel_id"] != str(channel.channel_id):
        raise HttpError(404, {"message": "Unknown Message", "code": 10008})
    return msg


async def get_channel_message(fake: FakeDiscord, request: web.Request) -> web.Response:
    return json_response(stored_channel_message(fake, request))


async def patch_channel_message(fake: FakeDiscord, request: web.Request) -> web.Response:
    msg = stored_channel_message(fake, request)
    body, files = await read_body(request)
    problem = message_problem(body, len(files), edit=True)
    if problem is not None:
        raise HttpError(400, problem)
    fake.apply_edit(msg, body, files)
    await fake.record("edit", int(msg["channel_id"]), body, msg, files)
    return json_response(msg)


THREAD_NAME_MAX = 100
ARCHIVE_DURATIONS = (60, 1440, 4320, 10080)
HAS_THREAD = 1 << 5  # message flag


async def start_thread_from_message(fake: FakeDiscord, request: web.Request) -> web.Response:
    """POST /channels/{channel}/messages/{message}/threads: a public thread whose id is the message's."""
    channel = channel_of(fake, request)
    msg = stored_channel_message(fake, request)
    if channel.is_thread:
        raise HttpError(400, {"message": "Cannot execute action on this channel type", "code": 50024})
    body = await request.json()
    name = body.get("name")
    if not isinstance(name, str) or not 1 <= len(name) <= THREAD_NAME_MAX:
        raise HttpError(
            400, form_error("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
        )
    duration = body.get("auto_archive_duration", 1440)
    if duration not in ARCHIVE_DURATIONS:
        raise HttpError(
            400,
            form_error(
                "auto_archive_duration", "BASE_TYPE_CHOICES", "Value must be one of {60, 1440, 4320, 10080}."
            ),
        )
    if fake.guild.channel(int(msg["id"])) is not None:
        raise HttpError(
            400, {"message": "A thread has already been created for this message", "code": 160004}
        )
    thread = Channel(
        int(msg["id"]),
        name,
        fake.guild.guild_id,
        kind=11,
        parent_id=channel.channel_id,
        owner_id=fake.bot.user_id,
    )
    fake.guild.channels.append(thread)
    msg["flags"] = int(msg.get("flags") or 0) | HAS_THREAD
    msg["thread"] = thread.payload()
    fake.threads_started.append(thread.channel_id)
    return json_response(thread.payload(), status=201)


async def delete_channel_message(fake: FakeDiscord, request: web.Request) -> web.Response:
    msg = stored_channel_message(fake, request)
    fake.messages.pop(int(msg["id"]), None)
    return web.Response(status=204)
