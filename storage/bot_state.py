"""A small key/value table for the Discord front end: the synced command tree's hash and the servers
that removed the bot (with when), so both survive a restart.

The table is created here on first use (`CREATE TABLE IF NOT EXISTS`) rather than by a numbered
migration: it holds only disposable bookkeeping (losing it means one extra sync, or a later clean-up),
and keeping it out of the migration sequence lets it merge beside other branches' migrations.
"""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from storage.guilds import from_text, to_text

SCHEMA = "CREATE TABLE IF NOT EXISTS bot_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
LEFT_PREFIX = "left:"


async def ensure(db: aiosqlite.Connection) -> None:
    """Create the table if this store has none yet (inside the caller's write transaction)."""
    await db.execute(SCHEMA)


async def exists(db: aiosqlite.Connection) -> bool:
    sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'bot_state'"
    async with db.execute(sql) as cursor:
        return await cursor.fetchone() is not None


async def get(db: aiosqlite.Connection, key: str) -> str | None:
    if not await exists(db):
        return None
    async with db.execute("SELECT value FROM bot_state WHERE key = ?", (key,)) as cursor:
        row = await cursor.fetchone()
    return str(row[0]) if row else None


async def put(db: aiosqlite.Connection, key: str, value: str) -> None:
    await ensure(db)
    await db.execute(
        "INSERT INTO bot_state (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


async def delete(db: aiosqlite.Connection, key: str) -> None:
    await ensure(db)
    await db.execute("DELETE FROM bot_state WHERE key = ?", (key,))


async def mark_left(db: aiosqlite.Connection, guild_id: int, at: datetime) -> None:
    """Remember when the bot left a server (the first time: a second remove keeps the earlier date)."""
    await ensure(db)
    await db.execute(
        "INSERT INTO bot_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
        (f"{LEFT_PREFIX}{guild_id}", to_text(at)),
    )


async def left_before(db: aiosqlite.Connection, cutoff: datetime) -> list[int]:
    """Servers the bot left at or before `cutoff`."""
    if not await exists(db):
        return []
    sql = "SELECT key, value FROM bot_state WHERE key LIKE 'left:%'"
    async with db.execute(sql) as cursor:
        rows = await cursor.fetchall()
    due = []
    for key, value in rows:
        moment = from_text(str(value))
        if moment is not None and moment <= cutoff:
            due.append(int(str(key).removeprefix(LEFT_PREFIX)))
    return sorted(due)
