"""The PostgreSQL store as several processes see it: pooled reads, one writer at a time across
processes, write problems reported as on SQLite, and NOTIFY waking bot processes (a real server;
each "process" is a PgStore of its own, with its own connections)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import cast

import asyncpg
import pytest

from bot.config import Settings
from storage import StoreWriteError
from storage import cluster as cluster_rows
from storage import feeds as feed_rows
from storage import stories as story_rows
from storage.pgstore import PgConnection, PgStore, connect
from tests.foundation.test_story_watch import first_alert_heard

pytestmark = pytest.mark.postgres_only
LEASE = timedelta(minutes=5)


@pytest.fixture
async def pg_store(database_url: str) -> AsyncIterator[PgStore]:
    opened = await PgStore.open(database_url)
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture
async def other_process(database_url: str) -> AsyncIterator[PgStore]:
    """A second store on the same database, as another process holds."""
    opened = await PgStore.open(database_url)
    try:
        yield opened
    finally:
        await opened.close()


async def _story(db: PgConnection, n: int) -> int:
    return int(
        await db.raw.fetchval(
            "INSERT INTO stories (manager_key, manager_name, level, headline, url, first_seen_at, "
            "last_seen_at) VALUES ($1, $1, 2, 'h', 'u', '2026-03-20', '2026-03-20') RETURNING id",
            f"manager-{n}",
        )
    )


async def _waiting_on_a_lock(store: PgStore, count: int) -> None:
    """Until `count` sessions of this database wait on a lock (checked every 50 ms, 10 s at most)."""
    for _ in range(200):
        async with store.read() as db:
            waiting = await db.raw.fetchval(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock'"
            )
        if waiting >= count:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("no session started waiting on a lock")


async def test_reads_run_beside_a_held_read_and_an_open_write(pg_store: PgStore) -> None:
    held = asyncio.Event()
    release = asyncio.Event()

    async def long_read() -> None:
        async with pg_store.read() as db:
            await db.raw.fetchval("SELECT 1")
            held.set()
            await release.wait()

    reader = asyncio.create_task(long_read())
    await held.wait()
    async with pg_store.transaction() as db:
        await db.execute("INSERT INTO competitions (code, name, country) VALUES ('en.1', 'PL', 'England')")
        # A second read while the first is held and the write is open: another pooled connection,
        # which sees only committed rows.
        async with pg_store.read() as other:
            assert await other.raw.fetchval("SELECT count(*) FROM competitions") == 0
    async with pg_store.read() as other:
        assert await other.raw.fetchval("SELECT count(*) FROM competitions") == 1
    release.set()
    await reader


async def test_two_processes_never_hand_out_one_alert_number_twice(
    pg_store: PgStore, other_process: PgStore
) -> None:
    """mark_alertable reads the highest number and writes the next: the writer lock across processes
    makes the second writer wait and then see the first one's number (not fail on the unique index)."""
    async with pg_store.transaction() as db:
        first, second = await _story(db, 1), await _story(db, 2)
    opened = asyncio.Event()
    finish = asyncio.Event()

    async def holder() -> int:
        async with pg_store.transaction() as db:
            seq = await story_rows.mark_alertable(cast(asyncpg.Connection, db), first)
            opened.set()
            await finish.wait()
        return seq

    async def contender() -> int:
        async with other_process.transaction() as db:
            return await story_rows.mark_alertable(cast(asyncpg.Connection, db), second)

    held = asyncio.create_task(holder())
    await opened.wait()
    waiting = asyncio.create_task(contender())
    await _waiting_on_a_lock(pg_store, 1)
    finish.set()
    assert (await held, await waiting) == (1, 2)


async def test_two_open_claims_take_different_feeds_without_waiting(
    pg_store: PgStore, database_url: str
) -> None:
    """claim_due on PostgreSQL skips feeds another open transaction holds (FOR UPDATE SKIP LOCKED)
    without being asked: a plain claim would wait for the first one, then lease the same feeds again."""
    now = datetime(2026, 3, 20, 6, 0, tzinfo=UTC)
    async with pg_store.transaction() as db:
        for n in range(4):
            await feed_rows.add_custom(
                cast(asyncpg.Connection, db), f"https://f{n}.example/rss", "F", None, None, now
            )
    first, second = await connect(database_url), await connect(database_url)
    try:
        async with first.raw.transaction():
            mine = await feed_rows.claim_due(cast(asyncpg.Connection, first), "a", now, now + LEASE, 2)
            async with second.raw.transaction():
                claim = feed_rows.claim_due(cast(asyncpg.Connection, second), "b", now, now + LEASE, 2)
                theirs = await asyncio.wait_for(claim, timeout=10)
    finally:
        await first.close()
        await second.close()
    assert len(mine) == len(theirs) == 2
    assert {f.id for f in mine}.isdisjoint({f.id for f in theirs})


async def test_a_lost_connection_fails_the_write_clearly_and_the_next_write_works(pg_store: PgStore) -> None:
    async def write_and_lose_the_connection() -> None:
        async with pg_store.transaction() as db:
            await db.execute("INSERT INTO competitions (code, name, country) VALUES ('lost', 'x', 'y')")
            await db.execute("SELECT pg_terminate_backend(pg_backend_pid())")

    with pytest.raises(StoreWriteError, match="connection to the PostgreSQL server was lost"):
        await write_and_lose_the_connection()
    assert pg_store.write_problem is not None and "reconnects" in pg_store.write_problem
    async with pg_store.transaction() as db:
        await db.execute("INSERT INTO competitions (code, name, country) VALUES ('kept', 'x', 'y')")
    assert pg_store.write_problem is None
    async with pg_store.read() as db:
        assert [r["code"] for r in await db.execute_fetchall("SELECT code FROM competitions")] == ["kept"]


async def test_a_read_only_server_opens_answers_reads_and_refuses_writes_clearly(
    pg_store: PgStore, database_url: str
) -> None:
    async with pg_store.transaction() as db:
        await db.execute("INSERT INTO competitions (code, name, country) VALUES ('keep', 'x', 'y')")
        name = await db.raw.fetchval("SELECT current_database()")
        await db.raw.execute(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
    try:
        standby = await PgStore.open(database_url)  # new sessions are read-only, as on a standby
        try:
            with pytest.raises(StoreWriteError, match="read-only"):
                async with standby.transaction() as db:
                    await db.execute("INSERT INTO competitions (code, name, country) VALUES ('no', 'x', 'y')")
            assert standby.write_problem is not None and "HOTSEAT_DATABASE_URL" in standby.write_problem
            async with standby.read() as db:
                assert [r[0] for r in await db.execute_fetchall("SELECT code FROM competitions")] == ["keep"]
        finally:
            await standby.close()
    finally:
        admin = await asyncpg.connect(database_url)
        try:
            await admin.execute("SET default_transaction_read_only = off")
            await admin.execute(f'ALTER DATABASE "{name}" RESET default_transaction_read_only')
        finally:
            await admin.close()


async def test_a_story_notifies_a_listening_process_only_when_it_commits(
    pg_store: PgStore, other_process: PgStore
) -> None:
    heard: list[int] = []
    arrived = asyncio.Event()

    def hear() -> None:
        heard.append(1)
        arrived.set()

    async with other_process.listen(cluster_rows.STORY_CHANNEL, hear):
        async with pg_store.transaction() as db:
            story = await _story(db, 1)

        async def roll_back() -> None:
            async with pg_store.transaction() as db:
                await story_rows.mark_alertable(cast(asyncpg.Connection, db), story)
                raise RuntimeError("rolled back")

        with pytest.raises(RuntimeError, match="rolled back"):
            await roll_back()
        async with pg_store.transaction() as db:
            await story_rows.mark_alertable(cast(asyncpg.Connection, db), story)
        await asyncio.wait_for(arrived.wait(), timeout=10)
    # Notifications arrive in commit order: had the rolled-back one been sent it would be here first.
    assert heard == [1]


async def test_a_bot_process_hears_a_story_at_once_without_its_periodic_check(settings: Settings) -> None:
    """The watch's periodic check is an hour away: only the NOTIFY can wake the alert loop."""
    assert "Ancelotti" in await first_alert_heard(settings, watch_every=3600)
