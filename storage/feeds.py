"""Queries for feeds and per-server subscriptions: one row per URL, polled once for every server.

A feed is shared (default, or added by the operator from the CLI) or private: added by servers with
/feeds add, its articles reach only the servers following it (its id is their rumour scope).

Several pollers share the feeds through leases (migration 010): `claim_due` marks a batch of due,
unleased feeds with the poller's name and an expiry in one statement, and recording the poll clears
the lease. On SQLite the claim runs inside the writer's BEGIN IMMEDIATE, so claims never interleave;
on PostgreSQL `skip_locked=True` adds FOR UPDATE SKIP LOCKED so concurrent claims pass each other.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

import aiosqlite


@dataclass(frozen=True, slots=True)
class FeedRow:
    """A feed with its polling state, as stored."""

    id: int
    url: str
    outlet: str
    language: str
    is_default: bool
    etag: str | None
    last_modified: str | None
    failures: int
    next_poll_at: datetime | None
    last_polled_at: datetime | None
    last_success_at: datetime | None
    last_error: str | None
    disabled_reason: str | None
    shared: bool = False  # added by the operator: every server's, like a default feed
    disabled_at: datetime | None = None  # when repeated failures (or a permanent refusal) disabled it


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _row(row: aiosqlite.Row) -> FeedRow:
    return FeedRow(
        id=int(row["id"]),
        url=str(row["url"]),
        outlet=str(row["outlet"]),
        language=str(row["language"]),
        is_default=bool(row["is_default"]),
        etag=row["etag"],
        last_modified=row["last_modified"],
        failures=int(row["failures"]),
        next_poll_at=_time(row["next_poll_at"]),
        last_polled_at=_time(row["last_polled_at"]),
        last_success_at=_time(row["last_success_at"]),
        last_error=row["last_error"],
        disabled_reason=row["disabled_reason"],
        shared=bool(row["shared"]),
        disabled_at=_time(row["disabled_at"]),
    )


async def upsert_default(
    db: aiosqlite.Connection, url: str, outlet: str, language: str, now: datetime
) -> None:
    """Add a bundled feed, or mark an existing row as default; polling state is never touched."""
    await db.execute(
        "INSERT INTO feeds (url, outlet, language, is_default, created_at) VALUES (?, ?, ?, 1, ?) "
        "ON CONFLICT (url) DO UPDATE SET is_default = 1, outlet = excluded.outlet, "
        "language = excluded.language",
        (url, outlet, language, now.isoformat()),
    )


async def add_custom(
    db: aiosqlite.Connection,
    url: str,
    outlet: str,
    guild_id: int | None,
    added_by: int | None,
    now: datetime,
) -> tuple[FeedRow, bool]:
    """Insert the feed if new and subscribe the server; returns (feed, newly_subscribed).

    With no server (the operator, from the CLI) the feed becomes shared, even if servers had it.
    """
    shared = int(guild_id is None)
    await db.execute(
        "INSERT INTO feeds (url, outlet, shared, created_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (url) DO UPDATE SET shared = max(shared, excluded.shared)",
        (url, outlet, shared, now.isoformat()),
    )
    feed = await by_url(db, url)
    assert feed is not None
    if guild_id is None:
        return feed, True
    cursor = await db.execute(
        "INSERT INTO feed_subscriptions (guild_id, feed_id, added_by, added_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT DO NOTHING",
        (guild_id, feed.id, added_by, now.isoformat()),
    )
    return feed, cursor.rowcount > 0


async def by_url(db: aiosqlite.Connection, url: str) -> FeedRow | None:
    async with db.execute("SELECT * FROM feeds WHERE url = ?", (url,)) as cursor:
        row = await cursor.fetchone()
    return _row(row) if row else None


async def by_id(db: aiosqlite.Connection, feed_id: int) -> FeedRow | None:
    async with db.execute("SELECT * FROM feeds WHERE id = ?", (feed_id,)) as cursor:
        row = await cursor.fetchone()
    return _row(row) if row else None


async def all_feeds(db: aiosqlite.Connection) -> list[FeedRow]:
    async with db.execute("SELECT * FROM feeds ORDER BY id") as cursor:
        return [_row(row) for row in await cursor.fetchall()]


async def visible_to(db: aiosqlite.Connection, guild_id: int | None) -> list[FeedRow]:
    """The feeds whose news reaches a server: defaults, the operator's shared feeds and the server's
    own; with no server, every feed (the CLI's view)."""
    if guild_id is None:
        return await all_feeds(db)
    sql = (
        "SELECT * FROM feeds WHERE is_default = 1 OR shared = 1 OR id IN "
        "(SELECT feed_id FROM feed_subscriptions WHERE guild_id = ?) ORDER BY id"
    )
    async with db.execute(sql, (guild_id,)) as cursor:
        return [_row(row) for row in await cursor.fetchall()]


async def scope_of(db: aiosqlite.Connection, feed_id: int | None) -> int:
    """The rumour scope of an article from this feed: 0 (shared) for a default, operator-added or
    unknown feed (offline replays have none), else the private feed's own id."""
    if feed_id is None:
        return 0
    async with db.execute("SELECT is_default, shared FROM feeds WHERE id = ?", (feed_id,)) as cursor:
        row = await cursor.fetchone()
    if row is None or row[0] or row[1]:
        return 0
    return feed_id


async def scopes_for(db: aiosqlite.Connection, guild_id: int | None) -> tuple[int, ...]:
    """The scopes a server sees: the shared one (0) and each feed it follows (primary-key range)."""
    if guild_id is None:
        return (0,)
    sql = "SELECT feed_id FROM feed_subscriptions WHERE guild_id = ? ORDER BY feed_id"
    async with db.execute(sql, (guild_id,)) as cursor:
        return (0, *(int(row[0]) for row in await cursor.fetchall()))


async def subscription_count(db: aiosqlite.Connection, guild_id: int) -> int:
    """How many feeds a server follows (its cap is HOTSEAT_MAX_FEEDS_PER_SERVER)."""
    sql = "SELECT count(*) FROM feed_subscriptions WHERE guild_id = ?"
    async with db.execute(sql, (guild_id,)) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def enabled(db: aiosqlite.Connection) -> list[FeedRow]:
    async with db.execute("SELECT * FROM feeds WHERE disabled_reason IS NULL ORDER BY id") as cursor:
        return [_row(row) for row in await cursor.fetchall()]


async def unsubscribe(db: aiosqlite.Connection, feed_id: int, guild_id: int | None) -> bool:
    """Drop a server's subscription (or, from the CLI, the custom feed itself); defaults stay."""
    if guild_id is None:
        cursor = await db.execute("DELETE FROM feeds WHERE id = ? AND is_default = 0", (feed_id,))
        return cursor.rowcount > 0
    cursor = await db.execute(
        "DELETE FROM feed_subscriptions WHERE guild_id = ? AND feed_id = ?", (guild_id, feed_id)
    )
    removed = cursor.rowcount > 0
    await db.execute(
        "DELETE FROM feeds WHERE id = ? AND is_default = 0 AND NOT EXISTS "
        "(SELECT 1 FROM feed_subscriptions WHERE feed_id = ?)",
        (feed_id, feed_id),
    )
    return removed


async def record_successes(
    db: aiosqlite.Connection,
    updates: Sequence[tuple[int, str | None, str | None, datetime, datetime]],
) -> None:
    """Advance validators and clear failures for many feeds in one statement, in the transaction
    that saved their articles: (feed_id, etag, last_modified, now, next_poll_at)."""
    await db.executemany(
        "UPDATE feeds SET etag = ?, last_modified = ?, failures = 0, last_error = NULL, "
        "last_polled_at = ?, last_success_at = ?, next_poll_at = ?, lease_owner = NULL, lease_until = NULL "
        "WHERE id = ?",
        [
            (etag, modified, now.isoformat(), now.isoformat(), next_at.isoformat(), feed_id)
            for feed_id, etag, modified, now, next_at in updates
        ],
    )


async def record_failure(
    db: aiosqlite.Connection,
    feed_id: int,
    error: str,
    now: datetime,
    next_poll_at: datetime,
    disabled_reason: str | None,
) -> None:
    """Count a failed poll; with `disabled_reason` the feed is disabled from `now` on."""
    disabled_at = now.isoformat() if disabled_reason else None
    await db.execute(
        "UPDATE feeds SET failures = failures + 1, last_error = ?, last_polled_at = ?, "
        "next_poll_at = ?, disabled_reason = COALESCE(?, disabled_reason), "
        "disabled_at = COALESCE(disabled_at, ?), lease_owner = NULL, lease_until = NULL WHERE id = ?",
        (error, now.isoformat(), next_poll_at.isoformat(), disabled_reason, disabled_at, feed_id),
    )


async def rename(db: aiosqlite.Connection, feed_id: int, outlet: str, language: str) -> None:
    """Label a custom feed with its own title and language once they are known."""
    await db.execute("UPDATE feeds SET outlet = ?, language = ? WHERE id = ?", (outlet, language, feed_id))


async def enable(db: aiosqlite.Connection, feed_id: int) -> None:
    """Give a disabled feed another chance (an admin re-added it or asked to retry it): due at once."""
    await db.execute(
        "UPDATE feeds SET disabled_reason = NULL, disabled_at = NULL, failures = 0, last_error = NULL, "
        "next_poll_at = NULL WHERE id = ?",
        (feed_id,),
    )


async def health(db: aiosqlite.Connection) -> tuple[int, int, int]:
    """(total, healthy, disabled): healthy = enabled and not currently failing."""
    sql = (
        "SELECT COUNT(*), "
        "COALESCE(SUM(disabled_reason IS NULL AND failures = 0), 0), "
        "COALESCE(SUM(disabled_reason IS NOT NULL), 0) FROM feeds"
    )
    async with db.execute(sql) as cursor:
        row = await cursor.fetchone()
    assert row is not None
    return int(row[0]), int(row[1]), int(row[2])


def claim_sql(*, skip_locked: bool) -> str:
    """The claim as one statement; params: owner, lease_until, now, now, limit. NULL next_poll_at
    (never polled) sorts first on both engines through the explicit `IS NOT NULL` key."""
    lock = " FOR UPDATE SKIP LOCKED" if skip_locked else ""
    return (
        "UPDATE feeds SET lease_owner = ?, lease_until = ? WHERE id IN ("
        "SELECT id FROM feeds WHERE disabled_reason IS NULL "
        "AND (next_poll_at IS NULL OR next_poll_at <= ?) "
        "AND (lease_until IS NULL OR lease_until <= ?) "
        f"ORDER BY next_poll_at IS NOT NULL, next_poll_at, id LIMIT ?{lock}) RETURNING *"
    )


async def claim_due(
    db: aiosqlite.Connection,
    owner: str,
    now: datetime,
    until: datetime,
    limit: int,
    *,
    skip_locked: bool = False,
) -> list[FeedRow]:
    """Lease up to `limit` enabled feeds that are due and not leased by a live poller to `owner`
    until `until`; returns them by id. Run it in a write transaction. On PostgreSQL the claim always
    skips rows another transaction holds, so concurrent claims never take the same feed."""
    skip_locked = skip_locked or getattr(db, "dialect", "sqlite") == "postgresql"
    moment = now.isoformat()
    params = (owner, until.isoformat(), moment, moment, limit)
    async with db.execute(claim_sql(skip_locked=skip_locked), params) as cursor:
        rows = [_row(row) for row in await cursor.fetchall()]
    return sorted(rows, key=lambda row: row.id)


async def renew(db: aiosqlite.Connection, owner: str, until: datetime) -> int:
    """Extend every lease `owner` still holds (feeds claimed but not yet recorded) to `until`."""
    cursor = await db.execute(
        "UPDATE feeds SET lease_until = ? WHERE lease_owner = ?", (until.isoformat(), owner)
    )
    return cursor.rowcount


async def release(db: aiosqlite.Connection, owner: str, feed_ids: Sequence[int]) -> None:
    """Give back leases `owner` still holds (a poller stopping early), so others need not wait."""
    await db.executemany(
        "UPDATE feeds SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?",
        [(feed_id, owner) for feed_id in feed_ids],
    )


async def leases(db: aiosqlite.Connection) -> dict[int, tuple[str, datetime]]:
    """Every current lease: feed id → (owner, expiry); for /about-style views and tests."""
    sql = "SELECT id, lease_owner, lease_until FROM feeds WHERE lease_owner IS NOT NULL ORDER BY id"
    async with db.execute(sql) as cursor:
        return {
            int(row[0]): (str(row[1]), datetime.fromisoformat(str(row[2]))) for row in await cursor.fetchall()
        }


async def release_orphans(db: aiosqlite.Connection, instance: str, alive: Callable[[int], bool]) -> int:
    """Clear leases held under `instance` (owners are 'instance:pid') by a process that is gone, so a
    poller restarted on the same host takes its predecessor's feeds at once instead of at expiry."""
    prefix = f"{instance}:"
    sql = "SELECT id, lease_owner FROM feeds WHERE substr(lease_owner, 1, ?) = ?"
    async with db.execute(sql, (len(prefix), prefix)) as cursor:
        held = [(int(row[0]), str(row[1])) for row in await cursor.fetchall()]
    gone = [
        (feed_id, owner)
        for feed_id, owner in held
        if not owner[len(prefix) :].isdigit() or not alive(int(owner[len(prefix) :]))
    ]
    await db.executemany(
        "UPDATE feeds SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?", gone
    )
    return len(gone)
