"""A small key/value table for the Discord front end: the synced command tree's hash and the servers
that removed the bot (with when), so both survive a restart.

The table comes from migration 007.
"""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from storage.guilds import from_text, to_text

LEFT_PREFIX = "left:"


async def get(db: aiosqlite.Connection, key: str) -> str | None:
    async with db.execute("SELECT value FROM bot_state WHERE key = ?", (key,)) as cursor:
        row = await cursor.fetchone()
    return str(row[0]) if row else None


async def put(db: aiosqlite.Connection, key: str, value: str) -> None:
    await db.execute(
        "INSERT INTO bot_state (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


async def delete(db: aiosqlite.Connection, key: str) -> None:
    await db.execute("DELETE FROM bot_state WHERE key = ?", (key,))


async def mark_left(db: aiosqlite.Connection, guild_id: int, at: datetime) -> None:
    """Remember when the bot left a server (the first time: a second remove keeps the earlier date)."""
    await db.execute(
        "INSERT INTO bot_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
        (f"{LEFT_PREFIX}{guild_id}", to_text(at)),
    )


async def left_before(db: aiosqlite.Connection, cutoff: datetime) -> list[int]:
    """Servers the bot left at or before `cutoff`."""
    sql = "SELECT key, value FROM bot_state WHERE key LIKE 'left:%'"
    async with db.execute(sql) as cursor:
        rows = await cursor.fetchall()
    due = []
    for key, value in rows:
        moment = from_text(str(value))
        if moment is not None and moment <= cutoff:
            due.append(int(str(key).removeprefix(LEFT_PREFIX)))
    return sorted(due)
