"""Queries for the `deliveries` aggregate: every digest and alert, recorded before and after posting.

UNIQUE (guild_id, kind, key) is what makes posting idempotent: a second attempt finds the row.
A failed post counts an attempt (migration 012); `begin` revives a failed row only while it has
attempts left and its `retry_at` has come, so a transient failure is retried a bounded number of times.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import aiosqlite

from storage.guilds import from_text, to_text

Kind = Literal["digest", "alert"]
State = Literal["pending", "posted", "failed"]

MAX_ATTEMPTS = 8  # failed posts of one delivery before it is given up on


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
    attempts: int = 0  # failed posts so far
    retry_at: datetime | None = None  # a transient failure: not tried again before this

    @property
    def given_up(self) -> bool:
        return self.state == "failed" and self.attempts >= MAX_ATTEMPTS

    def waiting(self, now: datetime) -> bool:
        """A failed post whose next attempt has not come yet (or that was given up on)."""
        if self.state != "failed":
            return False
        return self.given_up or (self.retry_at is not None and now < self.retry_at)


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
        attempts=int(row["attempts"]),
        retry_at=from_text(row["retry_at"]),
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
    the caller knows it must not post blindly (a leftover 'pending' means a crash mid-post). It is also
    False for a 'failed' row still waiting for its `retry_at`, or out of attempts: not posted now.
    """
    cursor = await db.execute(
        "INSERT INTO deliveries (guild_id, kind, key, channel_id, state, since_at, until_at, created_at) "
        "VALUES (?, ?, ?, ?, 'pending', ?, ?, ?) "
        "ON CONFLICT (guild_id, kind, key) DO UPDATE SET state = 'pending', "
        "channel_id = excluded.channel_id, since_at = excluded.since_at, until_at = excluded.until_at, "
        "error = NULL WHERE deliveries.state = 'failed' AND deliveries.attempts < ? "
        "AND (deliveries.retry_at IS NULL OR deliveries.retry_at <= excluded.created_at)",
        (
            guild_id,
            kind,
            key,
            channel_id,
            to_text(since) if since else None,
            to_text(until) if until else None,
            to_text(now),
            MAX_ATTEMPTS,
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


async def mark_failed(
    db: aiosqlite.Connection,
    delivery_id: int,
    error: str,
    *,
    retry_at: datetime | None = None,
    give_up: bool = False,
) -> None:
    """Count a failed post. A transient failure names when it may be tried again (`retry_at`);
    `give_up` spends every attempt left, so `begin` never revives it."""
    await db.execute(
        "UPDATE deliveries SET state = 'failed', error = ?, retry_at = ?, attempts = max(attempts + 1, ?) "
        "WHERE id = ?",
        (error, to_text(retry_at) if retry_at else None, MAX_ATTEMPTS if give_up else 0, delivery_id),
    )


async def attempts(db: aiosqlite.Connection, delivery_id: int) -> int:
    """Failed posts of this delivery so far."""
    async with db.execute("SELECT attempts FROM deliveries WHERE id = ?", (delivery_id,)) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


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
