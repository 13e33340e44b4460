"""Discord's gateway (v10, JSON encoding, optional zlib-stream transport compression).

Implements the documented lifecycle: HELLO → IDENTIFY → READY (+ GUILD_CREATE per guild), heartbeats
ACKed, RESUME replaying missed dispatches, RECONNECT, INVALID_SESSION, and Discord's close codes for
protocol misuse, so a client that misbehaves here would misbehave against Discord.

Sharding as Discord does it: an IDENTIFY may carry `shard: [shard_id, num_shards]`; that session then
receives only the guilds with `(guild_id >> 22) % num_shards == shard_id` (in READY and GUILD_CREATE),
and events for a guild (interactions included) go to the session of its shard. A malformed shard, or
one out of range, is closed with 4010 (Invalid shard).
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

log = logging.getLogger(__name__)

DISPATCH, HEARTBEAT, IDENTIFY, PRESENCE, VOICE, RESUME, RECONNECT, REQUEST_MEMBERS = 0, 1, 2, 3, 4, 6, 7, 8
INVALID_SESSION, HELLO, HEARTBEAT_ACK = 9, 10, 11

# Close codes (https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway)
UNKNOWN_OPCODE, DECODE_ERROR, NOT_AUTHENTICATED, AUTH_FAILED, ALREADY_AUTHENTICATED = (
    4001,
    4002,
    4003,
    4004,
    4005,
)
INVALID_SHARD, INVALID_VERSION, INVALID_INTENTS, DISALLOWED_INTENTS = 4010, 4012, 4013, 4014

PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15)  # GUILD_MEMBERS, GUILD_PRESENCES, MESSAGE_CONTENT


def shard_of(guild_id: int, num_shards: int) -> int:
    """Discord's documented formula: which shard receives a guild's events."""
    return (guild_id >> 22) % num_shards


@dataclass
class Session:
    session_id: str
    identify: dict[str, Any]
    shard: tuple[int, int] | None = None  # (shard_id, num_shards) from IDENTIFY; None: unsharded
    seq: int = 0
    events: list[tuple[int, str, dict[str, Any]]] = field(default_factory=list)
    connection: Connection | None = None


@dataclass
class Connection:
    """One websocket; `path` shows whether the client used the first URL or `resume_gateway_url`."""

    ws: web.WebSocketResponse
    path: str
    compress: str | None
    zlib_ctx: Any = None
    session: Session | None = None
    heartbeats: int = 0
    closed: bool = False

    async def send(self, payload: dict[str, Any]) -> None:
        text = json.dumps(payload, separators=(",", ":"))
        if self.zlib_ctx is not None:
            data = self.zlib_ctx.compress(text.encode()) + self.zlib_ctx.flush(zlib.Z_SYNC_FLUSH)
            await self.ws.send_bytes(data)
        else:
            await self.ws.send_str(text)


def _valid_shard(shard: object) -> bool:
    if not isinstance(shard, list) or len(shard) != 2:
        return False
    shard_id, num_shards = shard
    if not (isinstance(shard_id, int) and isinstance(num_shards, int)):
        return False
    return num_shards >= 1 and 0 <= shard_id < num_shards


def session_gets(session: Session, guild_id: int) -> bool:
    """Whether Discord would send this guild's events to the session."""
    return session.shard is None or shard_of(guild_id, session.shard[1]) == session.shard[0]


class Gateway:
    """All sessions of the fake's single bot user; tests push events with `dispatch`."""

    def __init__(
        self,
        *,
        token: str,
        ready_payload: Callable[[Session, str], dict[str, Any]],
        guild_payloads: Callable[[], list[dict[str, Any]]],
        resume_url: Callable[[], str],
        heartbeat_interval_ms: int = 41_250,
        allowed_privileged_intents: int = 0,
        changed: asyncio.Condition | None = None,
    ) -> None:
        self.token = token
        self._ready_payload = ready_payload
        self._guild_payloads = guild_payloads
        self._resume_url = resume_url
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.allowed_privileged_intents = allowed_privileged_intents
        self.sessions: dict[str, Session] = {}
        self.connections: list[Connection] = []
        self.identifies: list[dict[str, Any]] = []
        self.resumes: list[dict[str, Any]] = []
        self.close_codes_sent: list[int] = []
        self.changed = changed or asyncio.Condition()  # shared with the REST side so waits see both

    @property
    def active(self) -> Session | None:
        """The newest session that currently has an open websocket."""
        for session in reversed(list(self.sessions.values())):
            if session.connection is not None and not session.connection.closed:
                return session
        return None

    async def _notify(self) -> None:
        async with self.changed:
            self.changed.notify_all()

    async def handle(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(max_msg_size=4096 * 1024)
        await ws.prepare(request)
        version = request.query.get("v")
        encoding = request.query.get("encoding", "json")
        compress = request.query.get("compress")
        conn = Connection(ws=ws, path=request.path, compress=compress)
        if compress == "zlib-stream":
            conn.zlib_ctx = zlib.compressobj()
        self.connections.append(conn)
        try:
            if version != "10":
                await self._close(conn, INVALID_VERSION, "Invalid API version")
                return ws
            if encoding != "json":
                await self._close(conn, DECODE_ERROR, "Only JSON encoding is served by this fake")
                return ws
            await conn.send(
                {"op": HELLO, "d": {"heartbeat_interval": self.heartbeat_interval_ms}, "s": None, "t": None}
            )
            async for msg in ws:
                if msg.type is not aiohttp.WSMsgType.TEXT:
                    await self._close(conn, DECODE_ERROR, "Decode error")
                    break
                try:
                    payload = json.loads(msg.data)
                except ValueError:
                    await self._close(conn, DECODE_ERROR, "Decode error")
                    break
                await self._receive(conn, payload)
                if conn.closed:
                    break
        finally:
            conn.closed = True
            if conn.session is not None and conn.session.connection is conn:
                conn.session.connection = None
            await self._notify()
        return ws

    async def _close(self, conn: Connection, code: int, reason: str) -> None:
        conn.closed = True
        self.close_codes_sent.append(code)
        await conn.ws.close(code=code, message=reason.encode())

    async def _receive(self, conn: Connection, payload: dict[str, Any]) -> None:
        op = payload.get("op")
        data = payload.get("d")
        if op == HEARTBEAT:
            conn.heartbeats += 1
            await conn.send({"op": HEARTBEAT_ACK, "d": None, "s": None, "t": None})
        elif op == IDENTIFY:
            await self._identify(conn, data or {})
        elif op == RESUME:
            await self._resume(conn, data or {})
        elif op in (PRESENCE, VOICE, REQUEST_MEMBERS):
            if conn.session is None:
                await self._close(conn, NOT_AUTHENTICATED, "Not authenticated")
        else:
            await self._close(conn, UNKNOWN_OPCODE, "Unknown opcode")

    async def _identify(self, conn: Connection, data: dict[str, Any]) -> None:
        if conn.session is not None:
            await self._close(conn, ALREADY_AUTHENTICATED, "Already authenticated")
            return
        self.identifies.append(data)
        if data.get("token") != self.token:
            await self._close(conn, AUTH_FAILED, "Authentication failed")
            return
        intents = data.get("intents")
        if not isinstance(intents, int) or intents < 0:
            await self._close(conn, INVALID_INTENTS, "Invalid intent(s)")
            return
        if intents & PRIVILEGED_INTENTS & ~self.allowed_privileged_intents:
            await self._close(conn, DISALLOWED_INTENTS, "Disallowed intent(s)")
            return
        shard = data.get("shard")
        if shard is not None and not _valid_shard(shard):
            await self._close(conn, INVALID_SHARD, "Invalid shard")
            return
        session = Session(
            session_id=secrets.token_hex(16),
            identify=data,
            shard=(int(shard[0]), int(shard[1])) if shard is not None else None,
            connection=conn,
        )
        conn.session = session
        self.sessions[session.session_id] = session
        guilds = [guild for guild in self._guild_payloads() if session_gets(session, int(guild["id"]))]
        ready = self._ready_payload(session, self._resume_url())
        ready["guilds"] = [{"id": guild["id"], "unavailable": True} for guild in guilds]
        if shard is not None:
            ready["shard"] = list(shard)
        await self._send_dispatch(session, "READY", ready)
        for guild in guilds:
            await self._send_dispatch(session, "GUILD_CREATE", guild)
        await self._notify()

    async def _resume(self, conn: Connection, data: dict[str, Any]) -> None:
        self.resumes.append(data)
        session = self.sessions.get(str(data.get("session_id")))
        if session is None or data.get("token") != self.token:
            await conn.send({"op": INVALID_SESSION, "d": False, "s": None, "t": None})
            return
        conn.session = session
        session.connection = conn
        last_seen = int(data.get("seq") or 0)
        for seq, event, body in session.events:
            if seq > last_seen:
                await conn.send({"op": DISPATCH, "t": event, "s": seq, "d": body})
        await self._send_dispatch(session, "RESUMED", {"_trace": ["fake-discord"]})
        await self._notify()

    async def _send_dispatch(self, session: Session, event: str, body: dict[str, Any]) -> None:
        session.seq += 1
        session.events.append((session.seq, event, body))
        conn = session.connection
        if conn is not None and not conn.closed:
            try:
                await conn.send({"op": DISPATCH, "t": event, "s": session.seq, "d": body})
            except ConnectionResetError:
                log.info("dispatch %s buffered: socket went away", event)

    async def wait_for_session(self, timeout: float = 10.0) -> Session:
        async def ready() -> Session:
            async with self.changed:
                await self.changed.wait_for(lambda: self.active is not None)
            session = self.active
            assert session is not None
            return session

        return await asyncio.wait_for(ready(), timeout)

    def live_sessions(self) -> list[Session]:
        return [s for s in self.sessions.values() if s.connection is not None and not s.connection.closed]

    def session_for(self, guild_id: int) -> Session | None:
        """The newest live session that receives `guild_id`'s events (its shard's)."""
        for session in reversed(self.live_sessions()):
            if session_gets(session, guild_id):
                return session
        return None

    async def wait_for_shards(self, shard_ids: list[int], num_shards: int, timeout: float = 30.0) -> None:
        """Wait until each of `shard_ids` (of `num_shards`) has a live session."""

        def connected() -> bool:
            live = {s.shard for s in self.live_sessions()}
            return all((shard_id, num_shards) in live for shard_id in shard_ids)

        async def wait() -> None:
            async with self.changed:
                await self.changed.wait_for(connected)

        await asyncio.wait_for(wait(), timeout)

    async def dispatch(self, event: str, body: dict[str, Any], timeout: float = 10.0) -> None:
        """Send an event to the bot's live session (waiting for one, e.g. during a resume); an event
        of a guild goes to the session of that guild's shard, as Discord routes it."""
        guild_id = body.get("guild_id")
        if guild_id is None:
            session = await self.wait_for_session(timeout)
        else:

            def found() -> bool:
                return self.session_for(int(guild_id)) is not None

            async def wait() -> None:
                async with self.changed:
                    await self.changed.wait_for(found)

            await asyncio.wait_for(wait(), timeout)
            live = self.session_for(int(guild_id))
            assert live is not None
            session = live
        await self._send_dispatch(session, event, body)

    async def request_reconnect(self) -> None:
        """Op 7: Discord asks the client to reconnect and resume."""
        session = self.active
        if session is not None and session.connection is not None:
            await session.connection.send({"op": RECONNECT, "d": None, "s": None, "t": None})

    async def drop(self, code: int = 4000) -> None:
        """Close the live socket with a resumable code, as Discord does on a server-side hiccup."""
        session = self.active
        if session is not None and session.connection is not None:
            await self._close(session.connection, code, "Unknown error")

    def heartbeats(self) -> int:
        return sum(c.heartbeats for c in self.connections)
