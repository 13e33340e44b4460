"""A PostgreSQL database for a test run: created and migrated once, emptied back to its migrated
state before each test, dropped at the end.

Why one database emptied per test and not one per test: creating a database takes ~60 ms but
dropping one forces a checkpoint (~0.6 s), which would add minutes to a run; deleting the rows of
two dozen small tables and rewinding the sequences takes a few milliseconds. Rows the migrations
seed (the row counters) are put back as they were, so each test starts from what a freshly
migrated store holds, like a new SQLite file.

The server is HOTSEAT_TEST_POSTGRES_URL (default: the local one, trust auth, user postgres). Where
none answers, the PostgreSQL half of the suite skips with one reason, unless
HOTSEAT_REQUIRE_POSTGRES=1 (CI), where that is a failure.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from dataclasses import dataclass, field
from typing import Any

import asyncpg
import pytest

from storage.pgstore import connect, migrate

ADMIN_URL = os.environ.get("HOTSEAT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def database_url(name: str) -> str:
    """The URL of database `name` on the test server."""
    return ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


def required() -> bool:
    return os.environ.get("HOTSEAT_REQUIRE_POSTGRES") == "1"


def unavailable(reason: str) -> None:
    """Skip (or, in CI, fail) a test that needs PostgreSQL, with one wording for every such test."""
    if required():
        pytest.fail(f"HOTSEAT_REQUIRE_POSTGRES=1 but {reason}")
    pytest.skip(f"PostgreSQL half skipped: {reason}")


async def admin_connection() -> asyncpg.Connection:
    """A connection to the server's maintenance database, or a skip (a failure in CI) without one."""
    try:
        return await asyncpg.connect(ADMIN_URL, timeout=5)
    except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
        unavailable(f"no PostgreSQL at {ADMIN_URL} ({exc})")
        raise AssertionError("unreachable") from exc


async def _probe() -> None:
    conn = await asyncpg.connect(ADMIN_URL, timeout=5)
    await conn.close()


@dataclass
class _Seed:
    tables: list[str]
    rows: dict[str, tuple[list[str], list[tuple[Any, ...]]]]
    sequences: list[tuple[str, int, bool]]


@dataclass
class SessionDatabase:
    """The run's database: made on first use, reset before each test, dropped by `drop()`."""

    name: str = field(default_factory=lambda: f"hotseat_test_{os.getpid()}_{uuid.uuid4().hex[:8]}")
    problem: str | None = None
    created: bool = False
    probed: bool = False
    _seed: _Seed | None = None

    def check_server(self) -> None:
        """Skip (fail in CI) unless the server answers; asked once per run."""
        if not self.probed:
            self.probed = True
            try:
                asyncio.run(_probe())
            except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
                self.problem = f"no PostgreSQL at {ADMIN_URL} ({exc})"
        if self.problem is not None:
            unavailable(self.problem)

    @property
    def url(self) -> str:
        return database_url(self.name)

    async def ready(self) -> str:
        """The URL of an emptied, migrated database (skips the test when the server is missing)."""
        if self.problem is not None:
            unavailable(self.problem)
        if self._seed is None:
            try:
                self._seed = await self._create()
            except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
                self.problem = f"no PostgreSQL at {ADMIN_URL} ({exc})"
                unavailable(self.problem)
        await self._reset()
        return self.url

    async def _create(self) -> _Seed:
        admin = await asyncpg.connect(ADMIN_URL, timeout=5)
        try:
            await admin.execute(f'CREATE DATABASE "{self.name}"')
            self.created = True
        finally:
            await admin.close()
        conn = await connect(self.url)
        try:
            await migrate(conn)
            raw = conn.raw
            tables = [
                r["tablename"]
                for r in await raw.fetch(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                    "AND tablename <> 'hotseat_schema' ORDER BY tablename"
                )
            ]
            rows: dict[str, tuple[list[str], list[tuple[Any, ...]]]] = {}
            for table in tables:
                found = await raw.fetch(f'SELECT * FROM "{table}"')
                if found:
                    rows[table] = (list(found[0].keys()), [tuple(r) for r in found])
            sequences = [
                (r["name"], int(r["last_value"]), bool(r["is_called"]))
                for r in await raw.fetch(
                    "SELECT format('%I.%I', schemaname, sequencename) AS name, "
                    "coalesce(last_value, start_value) AS last_value, last_value IS NOT NULL AS is_called "
                    "FROM pg_sequences WHERE schemaname = 'public'"
                )
            ]
        finally:
            await conn.close()
        return _Seed(tables, rows, sequences)

    async def _reset(self) -> None:
        """Back to the freshly migrated state: other sessions ended, rows and sequences as seeded."""
        assert self._seed is not None
        seed = self._seed
        conn = await asyncpg.connect(self.url, timeout=5)
        try:
            await conn.execute("SET default_transaction_read_only = off")  # whatever a test left set
            await conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            async with conn.transaction():
                # Triggers and foreign keys paused: counters are restored from the seed, not recounted.
                await conn.execute("SET LOCAL session_replication_role = replica")
                await conn.execute("; ".join(f'DELETE FROM "{t}"' for t in seed.tables))
                for table, (columns, rows) in seed.rows.items():
                    await conn.copy_records_to_table(table, records=rows, columns=columns)
                for name, value, called in seed.sequences:
                    await conn.execute("SELECT setval($1::regclass, $2, $3)", name, value, called)
        finally:
            await conn.close()

    def drop(self) -> None:
        if not self.created:
            return

        async def run() -> None:
            admin = await asyncpg.connect(ADMIN_URL, timeout=5)
            try:
                await admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            finally:
                await admin.close()

        asyncio.run(run())
