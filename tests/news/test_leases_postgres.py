"""The lease claim's PostgreSQL form (FOR UPDATE SKIP LOCKED) on a real server at 127.0.0.1:5432.

Two pollers claim inside open transactions at the same time: with SKIP LOCKED the second takes other
feeds at once instead of waiting on the first's rows and then claiming them too. The test creates and
drops its own database, and runs the exact statement `storage.feeds.claim_sql` gives (its `?`
placeholders numbered as PostgreSQL wants); it skips with a reason when no server or driver is there.
"""

from __future__ import annotations

import asyncio
import os
import re
import secrets
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from storage.feeds import claim_sql

asyncpg = pytest.importorskip("asyncpg", reason="no PostgreSQL driver installed (asyncpg)")

SERVER = os.environ.get("HOTSEAT_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
FEEDS = 10


def numbered(sql: str) -> str:
    """`?` → `$1`, `$2`, … (the statement holds no literal question marks)."""
    counter = iter(range(1, 100))
    return re.sub(r"\?", lambda _: f"${next(counter)}", sql)


@pytest.fixture
async def database() -> AsyncIterator[str]:
    try:
        admin = await asyncpg.connect(SERVER, timeout=3)
    except (OSError, asyncpg.PostgresError) as exc:
        pytest.skip(f"no PostgreSQL at {SERVER}: {exc}")
    name = f"hotseat_leases_{secrets.token_hex(4)}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    url = SERVER.rsplit("/", 1)[0] + f"/{name}"
    try:
        setup = await asyncpg.connect(url)
        await setup.execute(
            "CREATE TABLE feeds (id BIGSERIAL PRIMARY KEY, url TEXT NOT NULL, disabled_reason TEXT, "
            "next_poll_at TEXT, lease_owner TEXT, lease_until TEXT)"
        )
        await setup.executemany(
            "INSERT INTO feeds (url, next_poll_at) VALUES ($1, $2)",
            [
                (f"https://feeds.example/{n}", None if n % 2 else "2026-01-01T00:00:00+00:00")
                for n in range(FEEDS)
            ],
        )
        await setup.close()
        yield url
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


def params(owner: str, limit: int) -> tuple[object, ...]:
    now = datetime.now(UTC)
    return (owner, (now + timedelta(minutes=5)).isoformat(), now.isoformat(), now.isoformat(), limit)


async def test_concurrent_claims_on_postgresql_take_disjoint_feeds(database: str) -> None:
    first, second = await asyncpg.connect(database), await asyncpg.connect(database)
    sql = numbered(claim_sql(skip_locked=True))
    try:
        async with first.transaction():
            mine = await first.fetch(sql, *params("a:1", FEEDS // 2))
            async with second.transaction():  # while the first still holds its rows
                theirs = await asyncio.wait_for(second.fetch(sql, *params("b:2", FEEDS)), 5)
        ids_a, ids_b = {r["id"] for r in mine}, {r["id"] for r in theirs}
        assert len(ids_a) == FEEDS // 2 and not ids_a & ids_b and ids_a | ids_b == set(range(1, FEEDS + 1))
        assert ids_a == {2, 4, 6, 8, 10}  # never-polled (NULL) feeds first: those ids were inserted so
        assert await first.fetch(sql, *params("c:3", FEEDS)) == []  # every lease is live
        owners = {r["lease_owner"] for r in await first.fetch("SELECT lease_owner FROM feeds")}
        assert owners == {"a:1", "b:2"}
    finally:
        await first.close()
        await second.close()
