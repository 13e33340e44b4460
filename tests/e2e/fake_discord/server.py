"""A local Discord (REST API v10 + gateway) for end-to-end tests, built from Discord's documentation.

Start it with `async with FakeDiscord() as fake:`; point a client at `fake.api_url` / `fake.gateway_url`.
It keeps one application, one bot user and one guild, records everything the client sends, and lets a
test push interactions the way Discord does and queue faults (429/5xx/403/404) per route.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import secrets
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from tests.e2e.fake_discord import payloads, rest, webhooks
from tests.e2e.fake_discord.gateway import Gateway, Session
from tests.e2e.fake_discord.interactions import InteractionBuilder
from tests.e2e.fake_discord.limits import Fault, FaultQueue, RateLimiter, error_response
from tests.e2e.fake_discord.payloads import EPHEMERAL, LOADING, Channel, Guild, Member, Snowflakes
from tests.e2e.fake_discord.records import InteractionRecord, RequestRecord, SentMessage, Upload
from tests.e2e.fake_discord.wire import HttpError

API_PREFIX = "/api/v10"
# Routes reached with the interaction token instead of the bot token (Discord documents them as such).
TOKEN_ROUTES = ("/interactions/", "/webhooks/")
MAJOR_PARAMS = ("channel_id", "guild_id", "webhook_id", "interaction_id")


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
            roles=[payloads.Role(self.ids.next(), "Atleti fans")],
        )
        self.guilds = [self.guild]  # more with add_guild (sharding tests); interactions use `guild`
        self.recommended_shards = 1  # what GET /gateway/bot answers
        self.interaction_deadline = interaction_deadline
        self.limiter = RateLimiter(rate_limit, rate_window)
        self.faults = FaultQueue()
        self.commands: dict[int | None, list[dict[str, Any]]] = {}
        # Server overrides set in Integrations: command name → {user, role or guild (@everyone) id: allowed}
        self.command_overrides: dict[str, dict[int, bool]] = {}
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
        self.nonces: dict[tuple[int, str], tuple[float, int]] = {}
        self.threads_started: list[int] = []  # threads opened from messages, in order
        self.changed = asyncio.Condition()
        self.gateway = Gateway(
            token=token,
            ready_payload=self._ready_payload,
            guild_payloads=lambda: [guild.payload() for guild in self.guilds],
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

    def allow_command(self, name: str, target_id: int, allowed: bool = True) -> None:
        """A server admin's override in Server Settings → Integrations: let (or keep) a user, a role or
        @everyone (the guild's id) use `/name` whatever its default permissions say."""
        self.command_overrides.setdefault(name, {})[target_id] = allowed

    def add_guild(self, name: str, shard: tuple[int, int] | None = None) -> Guild:
        """Another server with #digests and #alerts; `shard=(id, count)` picks an id on that shard."""
        guild_id = self.ids.next()
        if shard is not None:
            shard_id, count = shard
            guild_id += ((shard_id - (guild_id >> 22)) % count) << 22  # move the timestamp part
        guild = Guild(
            guild_id=guild_id,
            name=name,
            owner_id=self.admin.user_id,
            everyone_permissions=payloads.MEMBER_PERMISSIONS,
            channels=[
                Channel(self.ids.next(), "digests", guild_id, 0),
                Channel(self.ids.next(), "alerts", guild_id, 1),
            ],
            members=[self.bot, self.admin],
        )
        self.guilds.append(guild)
        return guild

    def channel(self, channel_id: int) -> Channel | None:
        """A channel of any of the fake's servers."""
        for guild in self.guilds:
            found = guild.channel(channel_id)
            if found is not None:
                return found
        return None

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
        """Discord's documented routes (API v10) this fake serves; anything else is a recorded 404."""
        table: list[tuple[str, str, Callable[..., Awaitable[web.StreamResponse]]]] = [
            ("GET", "/users/@me", rest.get_me),
            ("GET", "/oauth2/applications/@me", rest.get_application),
            ("GET", "/applications/@me", rest.get_application),
            ("GET", "/gateway", rest.get_gateway),
            ("GET", "/gateway/bot", rest.get_gateway_bot),
            ("GET", "/applications/{application_id}/commands", rest.get_commands),
            ("PUT", "/applications/{application_id}/commands", rest.put_commands),
            ("GET", "/applications/{application_id}/guilds/{guild_id}/commands", rest.get_commands),
            ("PUT", "/applications/{application_id}/guilds/{guild_id}/commands", rest.put_commands),
            ("GET", "/guilds/{guild_id}", rest.get_guild),
            ("GET", "/guilds/{guild_id}/channels", rest.get_guild_channels),
            ("GET", "/channels/{channel_id}", rest.get_channel),
            ("POST", "/channels/{channel_id}/typing", rest.typing),
            ("POST", "/channels/{channel_id}/messages", rest.post_channel_message),
            ("GET", "/channels/{channel_id}/messages", rest.get_channel_messages),
            ("GET", "/channels/{channel_id}/messages/{message_id}", rest.get_channel_message),
            ("PATCH", "/channels/{channel_id}/messages/{message_id}", rest.patch_channel_message),
            ("DELETE", "/channels/{channel_id}/messages/{message_id}", rest.delete_channel_message),
            ("POST", "/channels/{channel_id}/messages/{message_id}/threads", rest.start_thread_from_message),
            ("POST", "/interactions/{interaction_id}/{interaction_token}/callback", webhooks.callback),
            ("POST", "/webhooks/{webhook_id}/{webhook_token}", webhooks.post_followup),
            (
                "GET",
                "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}",
                webhooks.get_webhook_message,
            ),
            (
                "PATCH",
                "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}",
                webhooks.patch_webhook_message,
            ),
            (
                "DELETE",
                "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}",
                webhooks.delete_webhook_message,
            ),
        ]
        app.router.add_get("/", self.gateway.handle)
        app.router.add_get("/resume/", self.gateway.handle)
        for method, path, handler in table:
            app.router.add_route(method, API_PREFIX + path, functools.partial(handler, self))

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

    # ----- message store ---------------------------------------------------------------------------
    def _attachments(self, files: list[Upload], ephemeral: bool) -> list[dict[str, Any]]:
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

    def new_message(
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
            attachments=self._attachments(files, ephemeral),
            guild_id=channel.guild_id if (channel := self.channel(channel_id)) else self.guild.guild_id,
            webhook_id=self.application_id if interaction is not None else None,
            interaction_metadata=metadata,
        )
        self.messages[message_id] = msg
        return msg

    def apply_edit(self, msg: dict[str, Any], body: dict[str, Any], files: list[Upload]) -> None:
        for key in ("content", "embeds", "components"):
            if key in body:
                msg[key] = body[key] if body[key] is not None else ("" if key == "content" else [])
        if "attachments" in body or files:
            keep = {str(a.get("id")) for a in body.get("attachments") or []}
            kept = [a for a in msg["attachments"] if a["id"] in keep]
            msg["attachments"] = kept + self._attachments(files, bool(int(msg["flags"]) & EPHEMERAL))
        msg["flags"] = int(msg["flags"]) & ~LOADING
        msg["edited_timestamp"] = payloads.iso_now()

    async def record(
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
