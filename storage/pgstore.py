"""PostgreSQL backend: today's SQL through a thin asyncpg adapter, and its mirrored migrations.

Why an adapter and not SQLAlchemy Core: every storage module already holds hand-tuned SQLite SQL
with `?` parameters; the adapter rewrites the few dialect differences (`?` → `$n`, `INSERT OR
IGNORE` → `ON CONFLICT DO NOTHING`) once per distinct statement (cached), so no query is written twice
and the SQLite path keeps its exact cost. asyncpg records answer both `row[0]` and `row["name"]`, like
aiosqlite.Row, so callers read rows the same way.

Migrations live in storage/migrations/postgres/, one file per SQLite version with the same number;
the version applied is kept in `hotseat_schema` (PostgreSQL has no `PRAGMA user_version`), and a
database written by a newer Hotseat is refused as on SQLite.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Sequence
from importlib import resources
from typing import Any

import asyncpg

from storage.store import SchemaTooNewError, StoreError, migration_scripts

log = logging.getLogger(__name__)

# One token at a time: a quoted string or identifier (kept as is), a `?`, or any other run of text.
# Every alternative consumes at least one character and none backtracks, so the scan is linear.
_TOKENS = re.compile(r"'[^']*'|\"[^\"]*\"|\?|[^'\"?]+|['\"]")
_OR_IGNORE = re.compile(r"\bINSERT\s+OR\s+IGNORE\b", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def translate(sql: str) -> str:
    """SQLite statement → PostgreSQL statement: `?` become `$1..$n` outside quotes, and
    `INSERT OR IGNORE` becomes `INSERT … ON CONFLICT DO NOTHING` (a statement without its own
    ON CONFLICT clause)."""
    out: list[str] = []
    n = 0
    for token in _TOKENS.findall(sql):
        if token == "?":
            n += 1
            out.append(f"${n}")
        else:
            out.append(token)
    text = "".join(out)
    if _OR_IGNORE.search(text):
        text = _OR_IGNORE.sub("INSERT", text, count=1).rstrip().rstrip(";")
        if "ON CONFLICT" not in text.upper():
            text += " ON CONFLICT DO NOTHING"
    return text


def pg_migration_scripts() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every PostgreSQL migration, checked to mirror the SQLite ones."""
    folder = resources.files("storage") / "migrations" / "postgres"
    scripts = sorted(
        (int(entry.name.split("_", 1)[0]), entry.name, entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".sql")
    )
    sqlite_names = [name for _, name, _ in migration_scripts()]
    missing = sorted(set(sqlite_names) - {name for _, name, _ in scripts})
    if missing or len(scripts) != len(sqlite_names):
        raise StoreError(
            f"PostgreSQL migrations do not mirror the SQLite ones; missing in "
            f"storage/migrations/postgres/: {missing or 'none'} (see README, 'Adding a migration')"
        )
    return scripts


class Cursor:
    """The part of aiosqlite's cursor the storage modules use, over fetched asyncpg records."""

    def __init__(self, rows: list[asyncpg.Record], rowcount: int) -> None:
        self._rows = rows
        self.rowcount = rowcount

    async def fetchone(self) -> asyncpg.Record | None:
        return self._rows.pop(0) if self._rows else None

    async def fetchall(self) -> list[asyncpg.Record]:
        rows, self._rows = self._rows, []
        return rows

    async def __aenter__(self) -> Cursor:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None


class PgConnection:
    """An asyncpg connection answering `execute(sql, params)` with SQLite-style SQL."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.raw = conn

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        statement = translate(sql)
        head = statement.lstrip().split(None, 1)[0].upper() if statement.strip() else ""
        if head in ("SELECT", "WITH", "VALUES") or " RETURNING " in statement.upper():
            rows = await self.raw.fetch(statement, *params)
            return Cursor(list(rows), len(rows))
        status = await self.raw.execute(statement, *params)
        tail = status.rsplit(" ", 1)[-1]
        return Cursor([], int(tail) if tail.isdigit() else -1)

    async def executemany(self, sql: str, params: Sequence[Sequence[Any]]) -> None:
        await self.raw.executemany(translate(sql), params)

    async def close(self) -> None:
        await self.raw.close()


async def connect(url: str) -> PgConnection:
    """Open a connection to `url` (postgresql://…), with a message an admin can act on."""
    try:
        return PgConnection(await asyncpg.connect(url))
    except (OSError, asyncpg.PostgresError) as exc:
        raise StoreError(f"cannot open the PostgreSQL database {redact(url)}: {exc}") from exc


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    return re.sub(r"//([^:/@]*):[^@/]*@", r"//\1:***@", url)


async def schema_version(conn: PgConnection) -> int:
    await conn.raw.execute("CREATE TABLE IF NOT EXISTS hotseat_schema (version BIGINT NOT NULL)")
    value = await conn.raw.fetchval("SELECT max(version) FROM hotseat_schema")
    return int(value or 0)


async def migrate(conn: PgConnection, target: int | None = None) -> int:
    """Apply pending PostgreSQL migrations up to `target` (default: latest), each in one transaction
    holding an advisory lock, so two processes starting together migrate once."""
    scripts = pg_migration_scripts()
    target = len(scripts) if target is None else target
    async with conn.raw.transaction():
        await conn.raw.execute("SELECT pg_advisory_xact_lock(7510)")
        current = await schema_version(conn)
        if current > len(scripts):
            raise SchemaTooNewError(
                f"the database is at schema version {current} but this Hotseat only knows up to "
                f"{len(scripts)}: upgrade Hotseat or point HOTSEAT_DATABASE_URL at another database"
            )
        for version, name, sql in scripts:
            if current < version <= target:
                log.info("applying PostgreSQL migration %s", name)
                await conn.raw.execute(sql)
                await conn.raw.execute("INSERT INTO hotseat_schema (version) VALUES ($1)", version)
    return await schema_version(conn)
