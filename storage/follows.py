"""Queries for `follows`: what each server follows, and who to ping where when a story matches."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, cast

import aiosqlite

from storage.guilds import to_text

Kind = Literal["club", "manager", "league"]
KINDS: tuple[Kind, ...] = ("club", "manager", "league")
MAX_PER_SERVER = 50  # each follow is checked against every alert: a bound keeps that cheap


@dataclass(frozen=True, slots=True)
class Follow:
    id: int
    guild_id: int
    kind: Kind
    target: str  # club key, manager key or league code
    label: str  # what people read: "Arsenal", "Mikel Arteta", "Premier League"
    role_id: int | None
    min_level: int
    channel_id: int | None  # None: the server's alerts channel


def _row(row: aiosqlite.Row) -> Follow:
    return Follow(
        id=int(row["id"]),
        guild_id=int(row["guild_id"]),
        kind=cast(Kind, row["kind"]),
        target=str(row["target"]),
        label=str(row["label"]),
        role_id=row["role_id"],
        min_level=int(row["min_level"]),
        channel_id=row["channel_id"],
    )


async def upsert(
    db: aiosqlite.Connection,
    guild_id: int,
    kind: Kind,
    target: str,
    label: str,
    *,
    role_id: int | None,
    min_level: int,
    channel_id: int | None,
    now: datetime,
) -> Follow:
    """Follow something; following it again replaces its role, level and channel."""
    await db.execute(
        "INSERT INTO follows (guild_id, kind, target, label, role_id, min_level, channel_id, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, kind, target) DO UPDATE SET "
        "label = excluded.label, role_id = excluded.role_id, min_level = excluded.min_level, "
        "channel_id = excluded.channel_id",
        (guild_id, kind, target, label, role_id, min_level, channel_id, to_text(now)),
    )
    async with db.execute(
        "SELECT * FROM follows WHERE guild_id = ? AND kind = ? AND target = ?", (guild_id, kind, target)
    ) as cursor:
        row = await cursor.fetchone()
    assert row is not None
    return _row(row)


async def for_guild(db: aiosqlite.Connection, guild_id: int) -> list[Follow]:
    async with db.execute(
        "SELECT * FROM follows WHERE guild_id = ? ORDER BY kind, label, id", (guild_id,)
    ) as cursor:
        return [_row(row) for row in await cursor.fetchall()]


async def count(db: aiosqlite.Connection, guild_id: int) -> int:
    async with db.execute("SELECT COUNT(*) FROM follows WHERE guild_id = ?", (guild_id,)) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def remove(db: aiosqlite.Connection, guild_id: int, follow_id: int) -> Follow | None:
    """Delete one of the server's follows; None when it has no such follow (another server's id too)."""
    async with db.execute(
        "SELECT * FROM follows WHERE guild_id = ? AND id = ?", (guild_id, follow_id)
    ) as cursor:
        row = await cursor.fetchone()
    if row is None:
        return None
    await db.execute("DELETE FROM follows WHERE id = ?", (follow_id,))
    return _row(row)


async def guild_ids(db: aiosqlite.Connection) -> list[int]:
    """Servers with at least one follow (they get alerts even without an alerts level)."""
    async with db.execute("SELECT DISTINCT guild_id FROM follows ORDER BY guild_id") as cursor:
        return [int(row[0]) for row in await cursor.fetchall()]
