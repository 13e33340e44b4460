"""Store: one SQLite file, one writer connection, numbered migrations.

aiosqlite runs each connection on its own thread and serialises work on it, so writers share one
connection guarded by a lock (explicit BEGIN IMMEDIATE/COMMIT), while reads use a second connection
that WAL lets run beside an open write.
"""

from __future__ import annotations

import asyncio
import logging
import os
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


DAMAGED = "not a Hotseat database, or damaged: restore a backup"
SQLITE_MAGIC = b"SQLite format 3\x00"
# What SQLite says about a file that is not SQLite at all, or whose pages are corrupt.
DAMAGE_SIGNS = ("file is not a database", "malformed", "file is encrypted")

WRITE_PROBLEMS = {
    **dict.fromkeys(DAMAGE_SIGNS, DAMAGED),
    "database or disk is full": "the disk is full: free some space and Hotseat resumes writing",
    "readonly database": "the database file is read-only: fix its permissions and Hotseat resumes writing",
    "disk i/o error": "the disk reported an I/O error: check it; Hotseat retries its writes",
}


def is_damage(exc: BaseException) -> bool:
    """True when SQLite's error means the file is foreign or corrupt (not a passing condition)."""
    return isinstance(exc, sqlite3.DatabaseError) and any(sign in str(exc).lower() for sign in DAMAGE_SIGNS)


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


def _identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the file, or None when it is not there (or an in-memory database)."""
    if str(path) == ":memory:":
        return None
    try:
        found = path.stat()
    except OSError:
        return (-1, -1)
    return found.st_dev, found.st_ino


def _looks_like_sqlite(path: Path) -> bool:
    """The 16-byte SQLite header is still at the start of the file (an empty new file counts)."""
    try:
        with path.open("rb") as raw:
            head = raw.read(16)
    except OSError:
        return False
    return head in (b"", SQLITE_MAGIC)


async def _connect(path: Path, read_only: bool) -> aiosqlite.Connection:
    try:
        if read_only:
            return await _connect_read_only(path)
        return await aiosqlite.connect(path, isolation_level=None)
    except Exception as exc:  # sqlite3 raises several types for an unusable path
        raise StoreError(f"cannot open the database {path}: {exc}") from exc


async def _connect_read_only(path: Path) -> aiosqlite.Connection:
    """Read-only; a WAL file SQLite cannot add its -shm beside (read-only folder) is read immutable."""
    uri = path.resolve().as_uri()
    conn = await aiosqlite.connect(f"{uri}?mode=ro", uri=True, isolation_level=None)
    try:
        await schema_version(conn)
        return conn
    except sqlite3.OperationalError:
        await conn.close()
    return await aiosqlite.connect(f"{uri}?immutable=1", uri=True, isolation_level=None)


async def _close_all(*connections: aiosqlite.Connection | None) -> None:
    """Close what was opened before a failure, so no connection thread outlives it."""
    for connection in connections:
        if connection is not None:
            try:
                await connection.close()
            except Exception:  # already broken: nothing more to release
                log.debug("closing a half-open connection failed", exc_info=True)


class Store:
    """The bot's SQLite store. Open with `await Store.open(path)`, close with `await store.close()`."""

    def __init__(self, path: Path, writer: aiosqlite.Connection, reader: aiosqlite.Connection) -> None:
        self.path = path
        self._writer = writer
        self._reader = reader
        self._write_lock = asyncio.Lock()
        self.write_problem: str | None = None  # shown by /about while writes are failing
        self._identity = _identity(path)
        self.file_gone: str | None = None  # set for good once the file was deleted or replaced

    def check_file(self, *, deep: bool = False) -> str | None:
        """Notice the database file being deleted or replaced under us (an open SQLite connection
        keeps writing to the unlinked inode, so every write would be confirmed and then lost), and
        with `deep` (the minute timer, /about) a file overwritten with something that is not SQLite.
        Once noticed, writing stops for good and the problem is what /about and writes report."""
        if self.file_gone is not None or self._identity is None:
            return self.file_gone
        if _identity(self.path) != self._identity:
            self._stop_writing(
                f"the database file {self.path} was deleted or replaced while Hotseat was running: "
                "nothing more is saved; restart Hotseat (restore a backup if it was lost)"
            )
        elif deep and not _looks_like_sqlite(self.path):
            self._stop_writing(f"{self.path}: {DAMAGED}")
        return self.file_gone

    def _stop_writing(self, problem: str) -> None:
        log.error("%s", problem)
        self.file_gone = problem
        self.write_problem = problem

    @classmethod
    async def open(cls, path: str | Path) -> Store:
        db_path = Path(path)
        in_memory = str(db_path) == ":memory:"
        if not in_memory and db_path.parent and not db_path.parent.exists():
            raise StoreError(f"the folder for the database does not exist: {db_path.parent}")
        read_only = not in_memory and not os.access(db_path.parent or Path("."), os.W_OK)
        if read_only and not db_path.exists():
            raise StoreError(
                f"the folder {db_path.parent} is read-only, so the database cannot be created there"
            )
        writer = await _connect(db_path, read_only)
        reader: aiosqlite.Connection | None = None
        try:
            await _configure(writer)
            if read_only:
                if await schema_version(writer) != LATEST_VERSION:
                    raise StoreError(
                        f"the folder {db_path.parent} is read-only and the database needs an upgrade: "
                        "make the folder writable once"
                    )
            else:
                await writer.execute("PRAGMA journal_mode = WAL")
                await migrate(writer)
            reader = await _connect(db_path, read_only)
            await _configure(reader)
            await reader.execute("PRAGMA query_only = ON")
        except sqlite3.DatabaseError as exc:
            await _close_all(writer, reader)
            if is_damage(exc):
                raise StoreError(f"{db_path}: {DAMAGED}") from None
            raise StoreError(f"cannot open the database {db_path}: {exc}") from exc
        except BaseException:
            await _close_all(writer, reader)
            raise
        store = cls(db_path, writer, reader)
        if read_only:
            store.write_problem = (
                f"the folder {db_path.parent} is read-only: answering from the store, saving nothing "
                "(make the folder writable and restart)"
            )
            log.warning("opened %s read-only: %s", db_path, store.write_problem)
        return store

    async def close(self) -> None:
        async with self._write_lock:
            await self._reader.close()
            await self._writer.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """Run writes atomically: commit on success, roll back on any error (cancellation included)."""
        async with self._write_lock:
            if self.check_file() is not None:
                raise StoreWriteError(self.file_gone or "")
            try:
                await self._writer.execute("BEGIN IMMEDIATE")
                try:
                    yield self._writer
                except BaseException:
                    if self._writer.in_transaction:
                        await self._writer.rollback()
                    raise
                await self._writer.commit()
            except sqlite3.DatabaseError as exc:
                problem = write_problem(exc)
                if problem is None:
                    raise
                if self._writer.in_transaction:
                    await self._writer.rollback()
                if self.write_problem is None:
                    log.error("writes are failing: %s (%s)", problem, exc)
                self.write_problem = problem
                raise StoreWriteError(problem) from exc
            if self.write_problem is not None and self.file_gone is None:
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
