"""Queries for the `guilds` aggregate: each server's digest schedule, alert settings and problem.

Times are ISO-8601 UTC text; `leagues` is a JSON list of league codes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

import aiosqlite


def to_text(moment: datetime) -> str:
    """The one UTC text form every time column uses."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def from_text(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


@dataclass(frozen=True, slots=True)
class GuildConfig:
    guild_id: int
    timezone: str
    digest_enabled: bool
    digest_channel_id: int | None
    digest_time: str | None
    min_level: int
    leagues: tuple[str, ...]
    last_digest_at: datetime | None
    last_slot_at: datetime | None
    last_empty_at: datetime | None
    alerts_channel_id: int | None
    alerts_level: int | None
    alerts_after_seq: int
    problem: str | None
    problem_at: datetime | None
    updated_at: datetime


def _row_to_config(row: aiosqlite.Row) -> GuildConfig:
    return GuildConfig(
        guild_id=int(row["guild_id"]),
        timezone=str(row["timezone"]),
        digest_enabled=bool(row["digest_enabled"]),
        digest_channel_id=row["digest_channel_id"],
        digest_time=row["digest_time"],
        min_level=int(row["min_level"]),
        leagues=tuple(json.loads(row["leagues"])),
        last_digest_at=from_text(row["last_digest_at"]),
        last_slot_at=from_text(row["last_slot_at"]),
        last_empty_at=from_text(row["last_empty_at"]),
        alerts_channel_id=row["alerts_channel_id"],
        alerts_level=row["alerts_level"],
        alerts_after_seq=int(row["alerts_after_seq"]),
        problem=row["problem"],
        problem_at=from_text(row["problem_at"]),
        updated_at=datetime.fromisoformat(row["updated_at"]),
    )


async def get(db: aiosqlite.Connection, guild_id: int) -> GuildConfig | None:
    async with db.execute("SELECT * FROM guilds WHERE guild_id = ?", (guild_id,)) as cursor:
        row = await cursor.fetchone()
    return _row_to_config(row) if row else None


async def ensure(db: aiosqlite.Connection, guild_id: int, timezone: str, now: datetime) -> None:
    """Create the server's row with defaults if it has none (keeps an existing row untouched)."""
    await db.execute(
        "INSERT INTO guilds (guild_id, timezone, updated_at) VALUES (?, ?, ?) "
        "ON CONFLICT (guild_id) DO NOTHING",
        (guild_id, timezone, to_text(now)),
    )


async def set_digest(
    db: aiosqlite.Connection,
    guild_id: int,
    *,
    channel_id: int,
    time: str,
    timezone: str,
    min_level: int,
    leagues: tuple[str, ...],
    handled_slot: datetime,
    first_since: datetime,
    now: datetime,
) -> None:
    """Turn the digest on (or change it); clears any problem since an admin just fixed the config.

    The first digest starts at `first_since` (a day before set-up), so it is never empty by design.
    """
    await ensure(db, guild_id, timezone, now)
    await db.execute(
        "UPDATE guilds SET digest_enabled = 1, digest_channel_id = ?, digest_time = ?, timezone = ?, "
        "min_level = ?, leagues = ?, last_slot_at = ?, problem = NULL, problem_at = NULL, "
        "last_digest_at = COALESCE(last_digest_at, ?), updated_at = ? WHERE guild_id = ?",
        (
            channel_id,
            time,
            timezone,
            min_level,
            json.dumps(list(leagues)),
            to_text(handled_slot),
            to_text(first_since),
            to_text(now),
            guild_id,
        ),
    )


async def disable_digest(db: aiosqlite.Connection, guild_id: int, now: datetime) -> bool:
    cursor = await db.execute(
        "UPDATE guilds SET digest_enabled = 0, updated_at = ? WHERE guild_id = ? AND digest_enabled = 1",
        (to_text(now), guild_id),
    )
    return cursor.rowcount > 0


async def set_alerts(
    db: aiosqlite.Connection,
    guild_id: int,
    *,
    channel_id: int | None,
    level: int | None,
    after_seq: int,
    timezone: str,
    now: datetime,
) -> None:
    await ensure(db, guild_id, timezone, now)
    await db.execute(
        "UPDATE guilds SET alerts_channel_id = ?, alerts_level = ?, alerts_after_seq = ?, "
        "problem = NULL, problem_at = NULL, updated_at = ? WHERE guild_id = ?",
        (channel_id, level, after_seq, to_text(now), guild_id),
    )


async def digest_enabled(db: aiosqlite.Connection) -> list[GuildConfig]:
    async with db.execute("SELECT * FROM guilds WHERE digest_enabled = 1") as cursor:
        rows = await cursor.fetchall()
    return [_row_to_config(row) for row in rows]


async def alerts_enabled(db: aiosqlite.Connection) -> list[GuildConfig]:
    async with db.execute(
        "SELECT * FROM guilds WHERE alerts_channel_id IS NOT NULL AND alerts_level IS NOT NULL"
    ) as cursor:
        rows = await cursor.fetchall()
    return [_row_to_config(row) for row in rows]


async def mark_digest_delivered(
    db: aiosqlite.Connection, guild_id: int, *, until: datetime, slot: datetime | None, now: datetime
) -> None:
    """The digest window up to `until` is delivered; `slot` (if any) is handled."""
    await db.execute(
        "UPDATE guilds SET last_digest_at = ?, last_slot_at = COALESCE(?, last_slot_at), "
        "problem = NULL, problem_at = NULL, updated_at = ? WHERE guild_id = ?",
        (to_text(until), to_text(slot) if slot else None, to_text(now), guild_id),
    )


async def mark_slot_empty(db: aiosqlite.Connection, guild_id: int, *, slot: datetime, now: datetime) -> None:
    await db.execute(
        "UPDATE guilds SET last_slot_at = ?, last_empty_at = ?, updated_at = ? WHERE guild_id = ?",
        (to_text(slot), to_text(now), to_text(now), guild_id),
    )


async def mark_slot_handled(
    db: aiosqlite.Connection, guild_id: int, *, slot: datetime, now: datetime
) -> None:
    await db.execute(
        "UPDATE guilds SET last_slot_at = ?, updated_at = ? WHERE guild_id = ?",
        (to_text(slot), to_text(now), guild_id),
    )


async def advance_alert_cursor(db: aiosqlite.Connection, guild_id: int, seq: int) -> None:
    await db.execute(
        "UPDATE guilds SET alerts_after_seq = MAX(alerts_after_seq, ?) WHERE guild_id = ?",
        (seq, guild_id),
    )


async def set_problem(db: aiosqlite.Connection, guild_id: int, problem: str, now: datetime) -> None:
    """Record what admins must fix; `/digest status` shows it until the config is set again."""
    await db.execute(
        "UPDATE guilds SET problem = ?, problem_at = ?, updated_at = ? WHERE guild_id = ?",
        (problem, to_text(now), to_text(now), guild_id),
    )
