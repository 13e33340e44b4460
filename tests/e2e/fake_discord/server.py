"""A local Discord (REST API v10 + gateway) for end-to-end tests, built from Discord's documentation.

Start it with `async with FakeDiscord() as fake:`; point a client at `fake.api_url` / `fake.gateway_url`.
It keeps one application, one bot user and one guild, records everything the client sends, and lets a
test push interactions the way Discord does and queue faults (429/5xx/403/404) per route.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import time
from collections.abc import Callable
from typing import Any

from aiohttp import BodyPartReader, web

from tests.e2e.fake_discord import payloads
from tests.e2e.fake_discord.gateway import Gateway, Session
from tests.e2e.fake_discord.interactions import InteractionBuilder
from tests.e2e.fake_discord.limits import Fault, FaultQueue, RateLimiter, error_response
from tests.e2e.fake_discord.payloads import EPHEMERAL, LOADING, Channel, Guild, Member, Snowflakes
from tests.e2e.fake_discord.records import InteractionRecord, RequestRecord, SentMessage, Upload
from tests.e2e.fake_discord.validation import command_problem, form_error, message_problem

log = logging.getLogger(__name__)

API_PREFIX = "/api/v10"
# Routes reached with the interaction token instead of the bot token (Discord documents them as such).
TOKEN_ROUTES = ("/interactions/", "/webhooks/")
MAJOR_PARAMS = ("channel_id", "guild_id", "webhook_id", "interaction_id")
NONCE_WINDOW_SECONDS = 300.0  # Discord: "checked for uniqueness in the past few minutes"


class FakeDiscord:
    """The whole fake: aiohttp app, gateway, stored state and the helpers tests call."""

    def __init__(
        self,
        *,
        token: str = "fake-bot-token",
        heartbeat_interval_ms: int = 41_250,
        interaction_deadline: float = 3.0,
        rate_limit: int = 50,
        rate_window: float = 1.0,
    ) -> None:
        self.token = token
        self.ids = Snowflakes()
        self.application_id = self.ids.next()
        self.bot = Member(self.application_id, "hotseat", permissions=payloads.ADMIN_PERMISSIONS, bot=True)
        guild_id = self.ids.next()
        self.admin = Member(self.ids.next(), "alice", permissions=payloads.ADMIN_PERMISSIONS)
        self.member = Member(self.ids.next(), "bob", permissions=payloads.MEMBER_PERMISSIONS)
        self.guild = Guild(
            guild_id=guild_id,
            name="Fake FC Supporters",
            owner_id=self.admin.user_id,
            everyone_permissions=payloads.MEMBER_PERMISSIONS,
            channels=[
                Channel(self.ids.next(), "general", guild_id, 0),
                Channel(self.ids.next(), "digests", guild_id, 1),
                Channel(self.ids.next(), "alerts", guild_id, 2),
            ],
            members=[self.bot, self.admin, self.member],
        )
        self.interaction_deadline = interaction_deadline
        self.limiter = RateLimiter(rate_limit, rate_window)
        self.faults = FaultQueue()
        self.commands: dict[int | None, list[dict[str, Any]]] = {}
        self.messages: dict[int, dict[str, Any]] = {}
        self.sent: list[SentMessage] = []
        self.interactions: dict[int, InteractionRecord] = {}
        self.requests: list[RequestRecord] = []
        self.unhandled: list[str] = []
        self.stalls: dict[tuple[str, str], list[float]] = {}
        self.nonce_hits = 0
        self.early_retries = 0
        self._blocked: dict[tuple[str, str, str], float] = {}
        self._stopping = asyncio.Event()
        self._nonces: dict[tuple[int, str], tuple[float, int]] = {}
        self.changed = asyncio.Condition()
        self.gateway = Gateway(
            token=token,
            ready_payload=self._ready_payload,
            guild_payloads=lambda: [self.guild.payload()],
            resume_url=lambda: f"{self.ws_base}/resume/",
            heartbeat_interval_ms=heartbeat_interval_ms,
            changed=self.changed,
        )
        self.builder = InteractionBuilder(self)
        self._runner: web.AppRunner | None = None
        self.port = 0

    # ----- lifecycle -------------------------------------------------------------------------------
    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}{API_PREFIX}"

    @property
    def ws_base(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    @property
    def gateway_url(self) -> str:
        return f"{self.ws_base}/"

    async def start(self) -> None:
        app = web.Application(middlewares=[self._middleware], client_max_size=25 * 1024 * 1024)
        self._routes(app)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None and server.sockets  # type: ignore[attr-defined]
        self.port = int(server.sockets[0].getsockname()[1])  # type: ignore[attr-defined]

    async def stop(self) -> None:
        self._stopping.set()
        if self._runner is not None:
            for conn in self.gateway.connections:
                if not conn.closed:
                    await conn.ws.close(code=1001)
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # ----- waiting ---------------------------------------------------------------------------------
    async def notify(self) -> None:
        async with self.changed:
            self.changed.notify_all()

    async def wait_until(self, predicate: Callable[[], bool], timeout: float, what: str) -> None:
        async def wait() -> None:
            async with self.changed:
                await self.changed.wait_for(predicate)

        try:
            await asyncio.wait_for(wait(), timeout)
        except TimeoutError:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}") from None

    async def wait_ready(self, timeout: float = 15.0) -> Session:
        return await self.gateway.wait_for_session(timeout)

    async def wait_for_commands(
        self, timeout: float = 15.0, guild_id: int | None = None
    ) -> list[dict[str, Any]]:
        """Wait until the bot has synced commands (to `guild_id`, or anywhere when None)."""

        def synced() -> bool:
            if guild_id is not None:
                return bool(self.commands.get(guild_id))
            return any(self.commands.values())

        await self.wait_until(synced, timeout, "application command sync")
        return self.all_commands()

    def all_commands(self) -> list[dict[str, Any]]:
        return [c for cmds in self.commands.values() for c in cmds]

    async def wait_for_message(
        self,
        channel_id: int,
        predicate: Callable[[SentMessage], bool] | None = None,
        timeout: float = 10.0,
        after: int = 0,
    ) -> SentMessage:
        """The first post to `channel_id` (from index `after` of `self.sent`) matching `predicate`."""

        def find() -> SentMessage | None:
            for sent in self.sent[after:]:
                if (
                    sent.kind == "channel"
                    and sent.channel_id == channel_id
                    and (predicate is None or predicate(sent))
                ):
                    return sent
            return None

        await self.wait_until(lambda: find() is not None, timeout, f"a message in channel {channel_id}")
        found = find()
        assert found is not None
        return found

    def channel_posts(self, channel_id: int | None = None) -> list[SentMessage]:
        return [
            s for s in self.sent if s.kind == "channel" and (channel_id is None or s.channel_id == channel_id)
        ]

    def inject(self, method: str, route: str, fault: Fault, times: int = 1) -> None:
        """Answer the next `times` calls of `method route` (documented template) with `fault`."""
        self.faults.push(method, route, fault, times)

    def stall(self, method: str, route: str, seconds: float) -> None:
        """Handle the next `method route` fully, then hold the answer back (a reply lost in transit)."""
        self.stalls.setdefault((method.upper(), route), []).append(seconds)

    def calls(self, method: str, route: str) -> list[RequestRecord]:
        return [r for r in self.requests if r.method == method and r.route == route]

    def remove_channel(self, channel_id: int) -> None:
        """Delete a channel server-side: later posts get Discord's 404 Unknown Channel."""
        self.guild.channels = [c for c in self.guild.channels if c.channel_id != channel_id]

    # ----- interactions (delegated to the builder, kept here so tests have one object) -------------
    async def invoke(
        self, name: str, options: dict[str, Any] | None = None, **kwargs: Any
    ) -> InteractionRecord:
        return await self.builder.invoke(name, options, **kwargs)

    async def autocomplete(
        self, name: str, options: dict[str, Any], focused: str, **kwargs: Any
    ) -> list[dict[str, Any]]:
        return await self.builder.autocomplete(name, options, focused, **kwargs)

    async def click(self, message_id: int, custom_id: str, **kwargs: Any) -> InteractionRecord:
        return await self.builder.click(message_id, custom_id, **kwargs)

    # ----- gateway payloads ------------------------------------------------------------------------
    def _ready_payload(self, session: Session, resume_url: str) -> dict[str, Any]:
        return {
            "v": 10,
            "user": {
                **payloads.user(self.bot.user_id, self.bot.username, bot=True),
                "verified": True,
                "mfa_enabled": False,
                "email": None,
            },
            "guilds": [{"id": str(self.guild.guild_id), "unavailable": True}],
            "session_id": session.session_id,
            "resume_gateway_url": resume_url,
            "application": {"id": str(self.application_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": [],
            "session_type": "normal",
            "auth_session_id_hash": secrets.token_hex(8),
            "user_settings": {},
            "_trace": ["fake-discord"],
        }

    # ----- HTTP plumbing ---------------------------------------------------------------------------
    def _routes(self, app: web.Application) -> None:
        p = API_PREFIX
        r = app.router
        r.add_get("/", self.gateway.handle)
        r.add_get("/resume/", self.gateway.handle)
        r.add_get(p + "/users/@me", self._get_me)
        r.add_get(p + "/oauth2/applications/@me", self._get_application)
        r.add_get(p + "/applications/@me", self._get_application)
        r.add_get(p + "/gateway", self._get_gateway)
        r.add_get(p + "/gateway/bot", self._get_gateway_bot)
        r.add_get(p + "/applications/{application_id}/commands", self._get_commands)
        r.add_put(p + "/applications/{application_id}/commands", self._put_commands)
        r.add_get(p + "/applications/{application_id}/guilds/{guild_id}/commands", self._get_commands)
        r.add_put(p + "/applications/{application_id}/guilds/{guild_id}/commands", self._put_commands)
        r.add_get(p + "/channels/{channel_id}", self._get_channel)
        r.add_post(p + "/channels/{channel_id}/messages", self._post_channel_message)
        r.add_get(p + "/channels/{channel_id}/messages", self._get_channel_messages)
        r.add_get(p + "/channels/{channel_id}/messages/{message_id}", self._get_channel_message)
        r.add_patch(p + "/channels/{channel_id}/messages/{message_id}", self._patch_channel_message)
        r.add_delete(p + "/channels/{channel_id}/messages/{message_id}", self._delete_channel_message)
        r.add_post(p + "/channels/{channel_id}/typing", self._typing)
        r.add_get(p + "/guilds/{guild_id}", self._get_guild)
        r.add_get(p + "/guilds/{guild_id}/channels", self._get_guild_channels)
        r.add_post(p + "/interactions/{interaction_id}/{interaction_token}/callback", self._callback)
        r.add_post(p + "/webhooks/{webhook_id}/{webhook_token}", self._post_followup)
        r.add_get(
            p + "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}", self._get_webhook_message
        )
        r.add_patch(
            p + "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}", self._patch_webhook_message
        )
        r.add_delete(
            p + "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}", self._delete_webhook_message
        )

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Callable[..., Any]) -> web.StreamResponse:
        resource = request.match_info.route.resource
        canonical = resource.canonical if resource is not None else request.path
        route = canonical.removeprefix(API_PREFIX)
        if request.path in ("/", "/resume/"):
            response: web.StreamResponse = await handler(request)
            return response
        major = ":".join(request.match_info.get(k, "") for k in MAJOR_PARAMS)
        allowed, headers = self.limiter.check(f"{request.method} {route}", major)
        status, response = await self._answer(request, handler, route, major, allowed, headers)
        self.requests.append(RequestRecord(request.method, route, request.path, status, time.monotonic()))
        await self.notify()
        return response

    async def _answer(
        self,
        request: web.Request,
        handler: Callable[..., Any],
        route: str,
        major: str,
        allowed: bool,
        headers: dict[str, str],
    ) -> tuple[int, web.StreamResponse]:
        if request.match_info.route.resource is None:
            self.unhandled.append(f"{request.method} {request.path}")
            return 404, error_response(404, {"message": "404: Not Found", "code": 0}, headers)
        token_route = route.startswith(TOKEN_ROUTES)
        if not token_route and request.headers.get("Authorization") != f"Bot {self.token}":
            return 401, error_response(401, {"message": "401: Unauthorized", "code": 0}, headers)
        bucket = (request.method, route, major)
        early = self._blocked.get(bucket, 0.0) - time.monotonic()
        if early > 0:  # retried before Retry-After ran out: Discord limits it again
            self.early_retries += 1
            limited = Fault.rate_limited(round(early, 3))
            return 429, error_response(429, limited.body, {**headers, **limited.headers})
        fault = self.faults.pop(request.method, route)
        if fault is not None:
            if fault.status == 429:
                self._blocked[bucket] = time.monotonic() + float(fault.body.get("retry_after", 0))
            return fault.status, error_response(fault.status, fault.body, {**headers, **fault.headers})
        if not allowed:
            retry = float(headers["X-RateLimit-Reset-After"])
            limited = Fault.rate_limited(retry)
            return 429, error_response(429, limited.body, {**headers, **limited.headers})
        try:
            response: web.StreamResponse = await handler(request)
        except HttpError as exc:
            return exc.status, error_response(exc.status, exc.body, headers)
        response.headers.update(headers)
        pending = self.stalls.get((request.method, route))
        if pending:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), pending.pop(0))
        return response.status, response

    # ----- REST handlers ---------------------------------------------------------------------------
    async def _get_me(self, request: web.Request) -> web.Response:
        me = {
            **payloads.user(self.bot.user_id, self.bot.username, bot=True),
            "verified": True,
            "mfa_enabled": False,
            "locale": "en-US",
            "email": None,
        }
        return json_response(me)

    async def _get_application(self, request: web.Request) -> web.Response:
        return json_response(
            {
                "id": str(self.application_id),
                "name": "Hotseat (fake)",
                "icon": None,
                "description": "",
                "summary": "",
                "type": None,
                "bot": payloads.user(self.bot.user_id, self.bot.username, bot=True),
                "bot_public": True,
                "bot_require_code_grant": False,
                "owner": payloads.user(self.admin.user_id, self.admin.username),
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

    async def _get_gateway(self, request: web.Request) -> web.Response:
        return json_response({"url": self.ws_base})

    async def _get_gateway_bot(self, request: web.Request) -> web.Response:
        return json_response(
            {
                "url": self.ws_base,
                "shards": 1,
                "session_start_limit": {
                    "total": 1000,
                    "remaining": 999,
                    "reset_after": 86_400_000,
                    "max_concurrency": 1,
                },
            }
        )

    def _check_app(self, request: web.Request) -> int | None:
        if request.match_info["application_id"] != str(self.application_id):
            raise HttpError(403, {"message": "Missing Access", "code": 50001})
        guild = request.match_info.get("guild_id")
        if guild is not None and guild != str(self.guild.guild_id):
            raise HttpError(403, {"message": "Missing Access", "code": 50001})
        return int(guild) if guild is not None else None

    async def _get_commands(self, request: web.Request) -> web.Response:
        return json_response(self.commands.get(self._check_app(request), []))

    async def _put_commands(self, request: web.Request) -> web.Response:
        guild_id = self._check_app(request)
        body = await request.json()
        if not isinstance(body, list):
            raise HttpError(400, {"code": 50035, "message": "Invalid Form Body"})
        problem = command_problem(body)
        if problem is not None:
            raise HttpError(400, problem)
        previous = {(c["type"], c["name"]): c for c in self.commands.get(guild_id, [])}
        stored = []
        for command in body:
            kind = int(command.get("type", 1))
            old = previous.get((kind, command["name"]))
            entry = {
                **command,
                "id": old["id"] if old else str(self.ids.next()),
                "application_id": str(self.application_id),
                "version": str(self.ids.next()),
                "type": kind,
                "description": command.get("description", ""),
                "default_member_permissions": command.get("default_member_permissions"),
                "nsfw": bool(command.get("nsfw", False)),
                "options": command.get("options", []),
            }
            if guild_id is not None:
                entry["guild_id"] = str(guild_id)
            stored.append(entry)
        self.commands[guild_id] = stored
        return json_response(stored)

    def _channel(self, request: web.Request) -> Channel:
        channel = self.guild.channel(int(request.match_info["channel_id"]))
        if channel is None:
            raise HttpError(404, {"message": "Unknown Channel", "code": 10003})
        return channel

    async def _get_channel(self, request: web.Request) -> web.Response:
        return json_response(self._channel(request).payload())

    async def _get_guild(self, request: web.Request) -> web.Response:
        if request.match_info["guild_id"] != str(self.guild.guild_id):
            raise HttpError(404, {"message": "Unknown Guild", "code": 10004})
        data = self.guild.payload()
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

    async def _get_guild_channels(self, request: web.Request) -> web.Response:
        if request.match_info["guild_id"] != str(self.guild.guild_id):
            raise HttpError(404, {"message": "Unknown Guild", "code": 10004})
        return json_response([c.payload() for c in self.guild.channels])

    async def _typing(self, request: web.Request) -> web.Response:
        self._channel(request)
        return web.Response(status=204)

    async def _post_channel_message(self, request: web.Request) -> web.Response:
        channel = self._channel(request)
        body, files = await read_body(request)
        problem = message_problem(body, len(files))
        if problem is not None:
            raise HttpError(400, problem)
        nonce = body.get("nonce")
        if nonce is not None and len(str(nonce)) > 25:
            raise HttpError(
                400, form_error("nonce", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
            )
        if nonce is not None and body.get("enforce_nonce"):
            earlier = self._nonces.get((channel.channel_id, str(nonce)))
            if earlier is not None and time.monotonic() - earlier[0] < NONCE_WINDOW_SECONDS:
                self.nonce_hits += 1
                return json_response(self.messages.get(earlier[1]) or {})
        body = {**body, "flags": int(body.get("flags") or 0) & ~EPHEMERAL}  # ephemeral is interaction-only
        msg = self._new_message(channel.channel_id, body, files)
        if nonce is not None:
            msg["nonce"] = nonce
            self._nonces[(channel.channel_id, str(nonce))] = (time.monotonic(), int(msg["id"]))
        await self._record("channel", channel.channel_id, body, msg, files)
        return json_response(msg)

    async def _get_channel_messages(self, request: web.Request) -> web.Response:
        """Channel history, newest first, with Discord's limit/before/after paging."""
        channel = self._channel(request)
        try:
            limit = int(request.query.get("limit", "50"))
        except ValueError:
            raise HttpError(400, form_error("limit", "NUMBER_TYPE_COERCE", "Value is not int.")) from None
        if not 1 <= limit <= 100:
            raise HttpError(400, form_error("limit", "NUMBER_TYPE_MAX", "Must be between 1 and 100."))
        found = [m for m in self.messages.values() if m["channel_id"] == str(channel.channel_id)]
        found.sort(key=lambda m: int(m["id"]), reverse=True)
        if "before" in request.query:
            found = [m for m in found if int(m["id"]) < int(request.query["before"])]
        if "after" in request.query:
            found = [m for m in found if int(m["id"]) > int(request.query["after"])]
        return json_response(found[:limit])

    def _stored_channel_message(self, request: web.Request) -> dict[str, Any]:
        channel = self._channel(request)
        msg = self.messages.get(int(request.match_info["message_id"]))
        if msg is None or msg["channel_id"] != str(channel.channel_id):
            raise HttpError(404, {"message": "Unknown Message", "code": 10008})
        return msg

    async def _get_channel_message(self, request: web.Request) -> web.Response:
        return json_response(self._stored_channel_message(request))

    async def _patch_channel_message(self, request: web.Request) -> web.Response:
        msg = self._stored_channel_message(request)
        body, files = await read_body(request)
        problem = message_problem(body, len(files), edit=True)
        if problem is not None:
            raise HttpError(400, problem)
        self._apply_edit(msg, body, files)
        await self._record("edit", int(msg["channel_id"]), body, msg, files)
        return json_response(msg)

    async def _delete_channel_message(self, request: web.Request) -> web.Response:
        msg = self._stored_channel_message(request)
        self.messages.pop(int(msg["id"]), None)
        return web.Response(status=204)

    # ----- interactions and webhooks ---------------------------------------------------------------
    def _interaction_by_token(self, request: web.Request) -> InteractionRecord:
        if request.match_info["webhook_id"] != str(self.application_id):
            raise HttpError(404, {"message": "Unknown Webhook", "code": 10015})
        token = request.match_info["webhook_token"]
        record = next((i for i in self.interactions.values() if i.token == token), None)
        if record is None or not record.callbacks:
            raise HttpError(404, {"message": "Unknown Webhook", "code": 10015})
        return record

    async def _callback(self, request: web.Request) -> web.Response:
        record = self.interactions.get(int(request.match_info["interaction_id"]))
        if record is None or record.token != request.match_info["interaction_token"]:
            raise HttpError(404, {"message": "Unknown interaction", "code": 10062})
        if time.monotonic() - record.dispatched_at > self.interaction_deadline and not record.callbacks:
            record.rejected.append((404, {"code": 10062}))
            raise HttpError(404, {"message": "Unknown interaction", "code": 10062})
        if record.callbacks:
            record.rejected.append((400, {"code": 40060}))
            raise HttpError(400, {"message": "Interaction has already been acknowledged.", "code": 40060})
        body, files = await read_body(request)
        kind = int(body.get("type", 0))
        data = dict(body.get("data") or {})
        record.callbacks.append({"type": kind, "data": data, "files": files})
        record.callback_at = time.monotonic()
        result = await self._apply_callback(record, kind, data, files)
        await self.notify()
        if request.query.get("with_response") not in ("1", "true", "True"):
            return web.Response(status=204)
        return json_response(result)

    async def _apply_callback(
        self, record: InteractionRecord, kind: int, data: dict[str, Any], files: list[Upload]
    ) -> dict[str, Any]:
        channel_id = int(record.payload["channel_id"])
        flags = int(data.get("flags") or 0)
        summary: dict[str, Any] = {"id": str(record.interaction_id), "type": record.payload["type"]}
        resource: dict[str, Any] | None = None
        if kind in (4, 5):
            problem = message_problem(data, len(files)) if kind == 4 else None
            if problem is not None:
                record.callbacks.pop()
                record.rejected.append((400, problem))
                raise HttpError(400, problem)
            body = {**data, "flags": (flags & EPHEMERAL) | (LOADING if kind == 5 else 0)}
            msg = self._new_message(channel_id, body, files, interaction=record)
            record.original_id = int(msg["id"])
            if kind == 4:
                await self._record("callback", channel_id, data, msg, files, record)
            resource = {"type": kind, "message": msg}
            summary.update(
                response_message_id=msg["id"],
                response_message_loading=kind == 5,
                response_message_ephemeral=bool(flags & EPHEMERAL),
            )
        elif kind == 7:
            target = self.messages.get(record.original_id or 0)
            if target is None:
                raise HttpError(400, {"code": 50035, "message": "Invalid Form Body"})
            problem = message_problem(data, len(files), edit=True)
            if problem is not None:
                raise HttpError(400, problem)
            self._apply_edit(target, data, files)
            await self._record("update", channel_id, data, target, files, record)
            resource = {"type": kind, "message": target}
            summary.update(response_message_id=target["id"])
        elif kind == 8:
            choices = list(data.get("choices") or [])
            if len(choices) > 25 or any(len(str(c.get("name", ""))) > 100 for c in choices):
                record.callbacks.pop()
                problem = {"code": 50035, "message": "Invalid Form Body"}
                record.rejected.append((400, problem))
                raise HttpError(400, problem)
        elif kind not in (1, 6, 9):
            raise HttpError(400, {"code": 50035, "message": "Invalid interaction response type"})
        result: dict[str, Any] = {"interaction": summary}
        if resource is not None:
            result["resource"] = resource
        return result

    async def _post_followup(self, request: web.Request) -> web.Response:
        record = self._interaction_by_token(request)
        body, files = await read_body(request)
        problem = message_problem(body, len(files))
        if problem is not None:
            raise HttpError(400, problem)
        channel_id = int(record.payload["channel_id"])
        original = self.messages.get(record.original_id or 0)
        if original is not None and int(original["flags"]) & LOADING:
            # Discord: the first follow-up after a deferral replaces the "thinking…" message.
            self._apply_edit(original, {k: v for k, v in body.items() if k != "flags"}, files)
            msg = original
        else:
            msg = self._new_message(
                channel_id,
                {**body, "flags": int(body.get("flags") or 0) & EPHEMERAL},
                files,
                interaction=record,
            )
        await self._record("followup", channel_id, body, msg, files, record)
        if request.query.get("wait") in ("true", "True", "1"):
            return json_response(msg)
        return web.Response(status=204)

    def _webhook_message(self, request: web.Request) -> tuple[InteractionRecord, dict[str, Any]]:
        record = self._interaction_by_token(request)
        raw = request.match_info["message_id"]
        message_id = record.original_id if raw == "@original" else int(raw)
        msg = self.messages.get(message_id or 0)
        if msg is None:
            raise HttpError(404, {"message": "Unknown Message", "code": 10008})
        return record, msg

    async def _get_webhook_message(self, request: web.Request) -> web.Response:
        return json_response(self._webhook_message(request)[1])

    async def _patch_webhook_message(self, request: web.Request) -> web.Response:
        record, msg = self._webhook_message(request)
        body, files = await read_body(request)
        problem = message_problem(body, len(files), edit=True)
        if problem is not None:
            raise HttpError(400, problem)
        self._apply_edit(msg, body, files)
        await self._record("edit", int(msg["channel_id"]), body, msg, files, record)
        return json_response(msg)

    async def _delete_webhook_message(self, request: web.Request) -> web.Response:
        _, msg = self._webhook_message(request)
        self.messages.pop(int(msg["id"]), None)
        return web.Response(status=204)

    # ----- message store ---------------------------------------------------------------------------
    def _attachments(
        self, body: dict[str, Any], files: list[Upload], ephemeral: bool
    ) -> list[dict[str, Any]]:
        result = []
        for upload in files:
            attachment_id = self.ids.next()
            url = f"http://127.0.0.1:{self.port}/attachments/{attachment_id}/{upload.filename}"
            result.append(
                {
                    "id": str(attachment_id),
                    "filename": upload.filename,
                    "size": len(upload.data),
                    "url": url,
                    "proxy_url": url,
                    "content_type": upload.content_type,
                    "ephemeral": ephemeral,
                }
            )
        return result

    def _new_message(
        self,
        channel_id: int,
        body: dict[str, Any],
        files: list[Upload],
        interaction: InteractionRecord | None = None,
    ) -> dict[str, Any]:
        message_id = self.ids.next()
        metadata = None
        if interaction is not None:
            member = interaction.payload.get("member") or {}
            metadata = {
                "id": str(interaction.interaction_id),
                "type": interaction.payload["type"],
                "user": member.get("user") or interaction.payload.get("user"),
                "authorizing_integration_owners": {"0": str(self.guild.guild_id)},
            }
        ephemeral = bool(int(body.get("flags") or 0) & EPHEMERAL)
        msg = payloads.message(
            message_id=message_id,
            channel_id=channel_id,
            author=payloads.user(self.bot.user_id, self.bot.username, bot=True),
            body=body,
            attachments=self._attachments(body, files, ephemeral),
            guild_id=self.guild.guild_id,
            webhook_id=self.application_id if interaction is not None else None,
            interaction_metadata=metadata,
        )
        self.messages[message_id] = msg
        return msg

    def _apply_edit(self, msg: dict[str, Any], body: dict[str, Any], files: list[Upload]) -> None:
        for key in ("content", "embeds", "components"):
            if key in body:
                msg[key] = body[key] if body[key] is not None else ("" if key == "content" else [])
        if "attachments" in body or files:
            keep = {str(a.get("id")) for a in body.get("attachments") or []}
            kept = [a for a in msg["attachments"] if a["id"] in keep]
            msg["attachments"] = kept + self._attachments(body, files, bool(int(msg["flags"]) & EPHEMERAL))
        msg["flags"] = int(msg["flags"]) & ~LOADING
        msg["edited_timestamp"] = payloads.iso_now()

    async def _record(
        self,
        kind: str,
        channel_id: int,
        body: dict[str, Any],
        msg: dict[str, Any],
        files: list[Upload],
        record: InteractionRecord | None = None,
    ) -> None:
        sent = SentMessage(kind, channel_id, body, json.loads(json.dumps(msg)), files, time.monotonic())
        self.sent.append(sent)
        if record is not None:
            record.messages.append(sent)
        await self.notify()


def json_response(data: Any, status: int = 200) -> web.Response:
    """JSON with Discord's exact `Content-Type: application/json` (discord.py compares it verbatim)."""
    return web.Response(
        status=status, body=json.dumps(data).encode(), headers={"Content-Type": "application/json"}
    )


class HttpError(Exception):
    """Raised by handlers to answer with Discord's JSON error body."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(body.get("message"))
        self.status = status
        self.body = body


async def read_body(request: web.Request) -> tuple[dict[str, Any], list[Upload]]:
    """JSON body, or multipart `payload_json` + `files[n]` parts, as Discord's docs describe uploads."""
    if request.content_type == "multipart/form-data":
        body: dict[str, Any] = {}
        files: list[Upload] = []
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, BodyPartReader):
                continue
            data = await part.read()
            if part.name == "payload_json":
                body = json.loads(data)
            elif part.name and part.name.startswith("files["):
                files.append(
                    Upload(
                        filename=part.filename or "file",
                        content_type=part.headers.get("Content-Type", "application/octet-stream"),
                        data=bytes(data),
                    )
                )
        return body, files
    if not request.can_read_body:
        return {}, []
    try:
        loaded = await request.json()
    except ValueError:
        raise HttpError(400, {"code": 50109, "message": "The request body contains invalid JSON."}) from None
    if not isinstance(loaded, dict):
        raise HttpError(400, {"code": 50035, "message": "Invalid Form Body"})
    return loaded, []
