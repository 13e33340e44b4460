"""What cooperating processes tell each other through the database: heartbeats and the newest story.

A heartbeat is a `bot_state` row ('heartbeat:<instance>', JSON) each process rewrites every few
seconds; `hotseat health` reads its own instance's. Bot processes that do not poll learn of new
stories by watching the highest alert sequence number (an index lookup), then wake their alert loop;
on PostgreSQL a NOTIFY on STORY_CHANNEL tells them at once.
"""

from __future__ import annotations

import json
from typing import Any

import aiosqlite

from storage import bot_state

HEARTBEAT_PREFIX = "heartbeat:"
STORY_CHANNEL = "hotseat_stories"  # PostgreSQL NOTIFY channel: a story became alertable


async def announce_story(db: aiosqlite.Connection) -> None:
    """Tell listening bot processes that a story became alertable: on PostgreSQL a NOTIFY, which the
    server delivers when (and only if) the transaction commits, once per transaction. SQLite has no
    such signal; bot processes there notice the new alert sequence by watching it."""
    if getattr(db, "dialect", "sqlite") == "postgresql":
        await db.execute("SELECT pg_notify(?, '')", (STORY_CHANNEL,))


async def put_heartbeat(db: aiosqlite.Connection, instance: str, beat: dict[str, Any]) -> None:
    await bot_state.put(db, f"{HEARTBEAT_PREFIX}{instance}", json.dumps(beat, sort_keys=True))


async def get_heartbeat(db: aiosqlite.Connection, instance: str) -> dict[str, Any] | None:
    value = await bot_state.get(db, f"{HEARTBEAT_PREFIX}{instance}")
    if value is None:
        return None
    beat = json.loads(value)
    return beat if isinstance(beat, dict) else None


async def latest_alert_seq(db: aiosqlite.Connection) -> int:
    """The newest story event that may be alerted (0 when there is none)."""
    async with db.execute("SELECT max(alert_seq) FROM stories") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row and row[0] is not None else 0
