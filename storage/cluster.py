"""What cooperating processes tell each other through the database: heartbeats and the newest story.

A heartbeat is a `bot_state` row ('heartbeat:<instance>', JSON) each process rewrites every few
seconds; `hotseat health` reads its own instance's. Bot processes that do not poll learn of new
stories by watching the highest alert sequence number (an index lookup), then wake their alert loop.
"""

from __future__ import annotations

import json
from typing import Any

import aiosqlite

from storage import bot_state

HEARTBEAT_PREFIX = "heartbeat:"


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
