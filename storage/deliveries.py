"""Queries for the `deliveries` aggregate: every digest and alert, recorded before and after posting.

UNIQUE (guild_id, kind, key) is what makes posting idempotent: a second attempt finds the row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import aiosqlite

from storage.guilds import from_text, to_text

Kind = Literal["digest", "alert"]
State = Literal["pending", "posted", "failed"]


@dataclass(frozen=True, slots=True)
class Delivery:
    id: int
    guild_id: int
    kind: Kind
    key: str
    channel_id: int
    state: State
    message_id: int | None
    error: str | None
    since_at: datetime | None
    until_at: datetime | None
    created_at: datetime
    posted_at: datetime | None


def _row(row: aiosqlite.Row) -> Delivery:
    return Delivery(
        id=int(row["id"]),
        guild_id=int(row["guild_id"]),
        kind=row["kind"],
        key=str(row["key"]),
        channel_id=int(row["channel_id"]),
        state=row["state"],
        message_id=row["message_id"],
        error=row["error"],
        since_at=from_text(row["since_at"]),
        until_at=from_text(row["until_at"]),
        created_at=datetime.fromisoformat(row["created_at"]),
        posted_at=from_text(row["posted_at"]),
    )


async def get(db: aiosqlite.Connection, guild_id: int, kind: Kind, key: str) -> Delivery | None:
    async with db.execute(
        "SELECT * FROM deliveries WHERE guild_id = ? AND kind = ? AND key = ?", (guild_id, kind, key)
    ) as cursor:
        row = await cursor.fetchone()
    return _row(row) if row else None


async def begin(
    db: aiosqlite.Connection,
    guild_id: int,
    kind: Kind,
    key: str,
    channel_id: int,
    now: datetime,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
) -> tuple[Delivery, bool]:
    """Record an attempt as 'pending' (a failed earlier attempt is revived); returns (row, fresh).

    fresh is False when a 'posted' or 'pending' row already existed: that row is returned unchanged so
    the caller knows it must not post blindly (a leftover 'pending' means a crash mid-post).
    """
    cursor = await db.execute(
        "INSERT INTO deliveries (guild_id, kind, key, channel_id, state, since_at, until_at, created_at) "
        "VALUES (?, ?, ?, ?, 'pending', ?, ?, ?) "
        "ON CONFLICT (guild_id, kind, key) DO UPDATE SET state = 'pending', "
        "channel_id = excluded.channel_id, since_at = excluded.since_at, until_at = excluded.until_at, "
        "error = NULL WHERE deliveries.state = 'failed'",
        (
            guild_id,
            kind,
            key,
            channel_id,
            to_text(since) if since else None,
            to_text(until) if until else None,
            to_text(now),
        ),
    )
    fresh = cursor.rowcount > 0
    stored = await get(db, guild_id, kind, key)
    assert stored is not None
    return stored, fresh


async def mark_posted(
    db: aiosqlite.Connection, delivery_id: int, message_id: int | None, now: datetime
) -> None:
    await db.execute(
        "UPDATE deliveries SET state = 'posted', message_id = ?, error = NULL, posted_at = ? WHERE id = ?",
        (message_id, to_text(now), delivery_id),
    )


async def mark_failed(db: aiosqlite.Connection, delivery_id: int, error: str) -> None:
    await db.execute("UPDATE deliveries SET state = 'failed', error = ? WHERE id = ?", (error, delivery_id))


async def pending(db: aiosqlite.Connection) -> list[Delivery]:
    """Attempts interrupted between 'pending' and 'posted' (a crash or kill mid-post)."""
    async with db.execute("SELECT * FROM deliveries WHERE state = 'pending' ORDER BY id") as cursor:
        rows = await cursor.fetchall()
    return [_row(row) for row in rows]


async def last_posted(db: aiosqlite.Connection, guild_id: int, kind: Kind) -> Delivery | None:
    async with db.execute(
        "SELECT * FROM deliveries WHERE guild_id = ? AND kind = ? AND state = 'posted' "
        "ORDER BY posted_at DESC, id DESC LIMIT 1",
        (guild_id, kind),
    ) as cursor:
        row = await cursor.fetchone()
    return _row(row) if row else None


async def latest_alert_seq(db: aiosqlite.Connection) -> int:
    """The rumours service's newest alert sequence number, so alerts set up now start after what
    already exists (a read of the stories table, which bot/rumours owns)."""
    async with db.execute("SELECT COALESCE(MAX(alert_seq), 0) FROM stories") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0
