"""Store: one SQLite file, one writer connection, numbered migrations.

aiosqlite runs each connection on its own thread and serialises work on it, so writers share one
connection guarded by a lock (explicit BEGIN IMMEDIATE/COMMIT), while reads use a second connection
that WAL lets run beside an open write.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

import aiosqlite

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000


class StoreError(Exception):
    """The database cannot be used as it is (the message says why, in words for an admin)."""


class StoreWriteError(StoreError):
    """Writing is impossible for now (disk full, read-only file); reads still work, retry later."""


WRITE_PROBLEMS = {
    "database or disk is full": "the disk is full: free some space and Hotseat resumes writing",
    "readonly database": "the database file is read-only: fix its permissions and Hotseat resumes writing",
    "disk i/o error": "the disk reported an I/O error: check it; Hotseat retries its writes",
}


def write_problem(exc: sqlite3.Error) -> str | None:
    """Name a condition that blocks writing but leaves reads working, or None for other errors."""
    text = str(exc).lower()
    return next((advice for needle, advice in WRITE_PROBLEMS.items() if needle in text), None)


class SchemaTooNewError(StoreError):
    """The file was written by a newer Hotseat: refusing it protects data we do not understand."""


def migration_scripts() -> list[tuple[int, str, str]]:
    """Return (version, name, sql) for every bundled migration, in order."""
    folder = resources.files("storage") / "migrations"
    scripts: list[tuple[int, str, str]] = []
    for entry in folder.iterdir():
        name = entry.name
        if not name.endswith(".sql"):
            continue
        version = int(name.split("_", 1)[0])
        scripts.append((version, name, entry.read_text(encoding="utf-8")))
    scripts.sort()
    expected = list(range(1, len(scripts) + 1))
    if [v for v, _, _ in scripts] != expected:
        raise StoreError(f"migrations are not numbered 1..{len(scripts)}: {[n for _, n, _ in scripts]}")
    return scripts


LATEST_VERSION = len(migration_scripts())


async def _configure(conn: aiosqlite.Connection) -> None:
    conn.row_factory = aiosqlite.Row
    await conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    await conn.execute("PRAGMA foreign_keys = ON")
    await conn.execute("PRAGMA synchronous = NORMAL")


async def schema_version(conn: aiosqlite.Connection) -> int:
    async with conn.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def migrate(conn: aiosqlite.Connection, target: int | None = None) -> int:
    """Apply pending migrations up to `target` (default: latest), each in its own transaction."""
    scripts = migration_scripts()
    target = len(scripts) if target is None else target
    current = await schema_version(conn)
    if current > len(scripts):
        raise SchemaTooNewError(
            f"the database is at schema version {current} but this Hotseat only knows up to "
            f"{len(scripts)}: upgrade Hotseat or point HOTSEAT_DB at another file"
        )
    for version, name, sql in scripts:
        if version <= current or version > target:
            continue
        log.info("applying migration %s", name)
        try:
            await conn.executescript(f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;")
        except Exception:
            if conn.in_transaction:
                await conn.rollback()
            raise
    return await schema_version(conn)


class Store:
    """The bot's SQLite store. Open with `await Store.open(path)`, close with `await store.close()`."""

    def __init__(self, path: Path, writer: aiosqlite.Connection, reader: aiosqlite.Connection) -> None:
        self.path = path
        self._writer = writer
        self._reader = reader
        self._write_lock = asyncio.Lock()
        self.write_problem: str | None = None  # shown by /about while writes are failing

    @classmethod
    async def open(cls, path: str | Path) -> Store:
        db_path = Path(path)
        if str(db_path) != ":memory:" and db_path.parent and not db_path.parent.exists():
            raise StoreError(f"the folder for the database does not exist: {db_path.parent}")
        try:
            writer = await aiosqlite.connect(db_path, isolation_level=None)
        except Exception as exc:  # sqlite3 raises several types for an unusable path
            raise StoreError(f"cannot open the database {db_path}: {exc}") from exc
        try:
            await _configure(writer)
            await writer.execute("PRAGMA journal_mode = WAL")
            await migrate(writer)
            reader = await aiosqlite.connect(db_path, isolation_level=None)
            await _configure(reader)
            await reader.execute("PRAGMA query_only = ON")
        except BaseException:
            await writer.close()
            raise
        return cls(db_path, writer, reader)

    async def close(self) -> None:
        async with self._write_lock:
            await self._reader.close()
            await self._writer.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """Run writes atomically: commit on success, roll back on any error (cancellation included)."""
        async with self._write_lock:
            try:
                await self._writer.execute("BEGIN IMMEDIATE")
                try:
                    yield self._writer
                except BaseException:
                    if self._writer.in_transaction:
                        await self._writer.rollback()
                    raise
                await self._writer.commit()
            except sqlite3.OperationalError as exc:
                problem = write_problem(exc)
                if problem is None:
                    raise
                if self._writer.in_transaction:
                    await self._writer.rollback()
                if self.write_problem is None:
                    log.error("writes are failing: %s (%s)", problem, exc)
                self.write_problem = problem
                raise StoreWriteError(problem) from exc
            if self.write_problem is not None:
                log.warning("writes work again")
                self.write_problem = None

    @asynccontextmanager
    async def read(self) -> AsyncIterator[aiosqlite.Connection]:
        """A connection for reads; it never sees another task's uncommitted writes."""
        yield self._reader

    async def integrity_check(self) -> str:
        async with self._reader.execute("PRAGMA integrity_check") as cursor:
            row = await cursor.fetchone()
        return str(row[0]) if row else "no answer"

    async def size_bytes(self) -> int:
        """File size including the WAL, for /about."""
        total = 0
        for suffix in ("", "-wal"):
            candidate = Path(f"{self.path}{suffix}")
            if candidate.exists():
                total += candidate.stat().st_size
        return total
