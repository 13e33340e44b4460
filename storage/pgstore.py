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

import asyncio
import functools
import logging
import re
from collections.abc import AsyncIterator, Callable, Coroutine, Generator, Iterable, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

import asyncpg

from storage.store import SchemaTooNewError, StoreError, StoreWriteError, migration_scripts

log = logging.getLogger(__name__)

# One token at a time: a quoted string or identifier (kept as is), a `?N` or `?`, or any other run of
# text. Every alternative consumes at least one character and none backtracks, so the scan is linear.
_TOKENS = re.compile(r"'[^']*'|\"[^\"]*\"|\?\d*|[^'\"?]+|['\"]")
_OR_IGNORE = re.compile(r"\bINSERT\s+OR\s+IGNORE\b", re.IGNORECASE)
_OR_REPLACE = re.compile(r"\bINSERT\s+OR\s+REPLACE\s+INTO\s+(\w+)\s*\(([^)]*)\)", re.IGNORECASE)
_INSERT_INTO = re.compile(r"\bINSERT\s+INTO\s+(\w+)", re.IGNORECASE)
_UPDATE_SET = re.compile(r"\bDO\s+UPDATE\s+SET\b", re.IGNORECASE)
_ASSIGNMENT = re.compile(r"(\w+)\s*=\s*")
# SQLite's two-argument scalar max/min; the aggregate forms take one argument and are left alone.
_SCALAR_MAX_MIN = re.compile(r"\b(max|min)\(([^(),]+),([^(),]+)\)", re.IGNORECASE)
_JSON_EXTRACT = re.compile(r"\bjson_extract\((\w+),\s*'\$\.(\w+)'\)", re.IGNORECASE)
# SQLite's `PRAGMA data_version` changes when another connection commits, so caches (football seasons)
# know when to re-read. PostgreSQL's equivalent: the current snapshot (oldest running transaction,
# next transaction id, those in progress) changes exactly when some transaction that writes began or
# ended, and equal snapshots see equal data; its 64-bit hash makes the integer callers compare.
_DATA_VERSION = "SELECT hashtextextended(pg_current_snapshot()::text, 0)"
_TABLE_INFO = "(SELECT column_name AS name FROM information_schema.columns WHERE table_name = ?) AS p"

# The unique key of each table written with INSERT OR REPLACE, which becomes ON CONFLICT (key) on
# PostgreSQL. tests/storage/test_replace_keys.py checks every such statement in the code has one, and
# that it is the table's only unique constraint (SQLite's REPLACE would replace on any of them).
REPLACE_KEYS: dict[str, tuple[str, ...]] = {
    "manager_pressure": ("scope", "manager_key"),
    "successor_tips": ("scope", "manager_key", "person_id"),
}


@functools.lru_cache(maxsize=4096)
def translate(sql: str) -> str:
    """SQLite statement → PostgreSQL statement. Parameters `?`/`?N` become `$n`; `INSERT OR IGNORE`
    and `INSERT OR REPLACE` become `ON CONFLICT` clauses; in `DO UPDATE SET col = f(col, …)` the old
    value is qualified with the table (PostgreSQL finds a bare name ambiguous); scalar `max(a, b)`
    becomes `greatest`, `json_extract(c, '$.k')` a jsonb lookup, `pragma_table_info` the catalogue."""
    sql = sql.replace("pragma_table_info(?)", _TABLE_INFO)
    if sql.strip() == "PRAGMA data_version":
        return _DATA_VERSION
    out: list[str] = []
    n = 0
    for token in _TOKENS.findall(sql):
        if token.startswith("?"):
            n += 1
            out.append(f"${token[1:] or n}")
        else:
            out.append(token)
    text = "".join(out)
    text = _SCALAR_MAX_MIN.sub(
        lambda m: f"{'greatest' if m[1].lower() == 'max' else 'least'}({m[2]},{m[3]})", text
    )
    text = _JSON_EXTRACT.sub(r"(\1::jsonb ->> '\2')", text)
    if _OR_IGNORE.search(text):
        text = _OR_IGNORE.sub("INSERT", text, count=1).rstrip().rstrip(";")
        if "ON CONFLICT" not in text.upper():
            text += " ON CONFLICT DO NOTHING"
    replace = _OR_REPLACE.search(text)
    if replace:
        table, columns = replace[1], [c.strip() for c in replace[2].split(",")]
        keys = REPLACE_KEYS.get(table, ())
        if not keys or not set(keys) <= set(columns):
            raise StoreError(
                f"INSERT OR REPLACE INTO {table}: its unique key must be in REPLACE_KEYS "
                "(storage/pgstore.py) and among the inserted columns"
            )
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in keys)
        text = _OR_REPLACE.sub(lambda m: m[0].replace(m[0].split("INTO")[0], "INSERT "), text, count=1)
        text = f"{text.rstrip().rstrip(';')} ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {updates}"
    return _qualify_old_values(text)


def _qualify_old_values(text: str) -> str:
    """In `DO UPDATE SET x = x + excluded.x`, write the old value as `table.x`."""
    update = _UPDATE_SET.search(text)
    into = _INSERT_INTO.search(text)
    if update is None or into is None:
        return text
    head, tail = text[: update.end()], text[update.end() :]
    for target in {m[1] for m in _ASSIGNMENT.finditer(tail)}:
        tail = re.sub(rf"(=[^,=]*?)(?<![.\w]){target}\b", rf"\1{into[1]}.{target}", tail)
    return head + tail


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

    def __aiter__(self) -> AsyncIterator[asyncpg.Record]:
        return self._each()

    async def _each(self) -> AsyncIterator[asyncpg.Record]:
        while self._rows:
            yield self._rows.pop(0)

    async def __aenter__(self) -> Cursor:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None


class _Pending:
    """What `execute` returns: awaited it is the cursor; used with `async with` too, like aiosqlite."""

    def __init__(self, run: Coroutine[Any, Any, Cursor]) -> None:
        self._run = run

    def __await__(self) -> Generator[Any, None, Cursor]:
        return self._run.__await__()

    async def __aenter__(self) -> Cursor:
        return await self._run

    async def __aexit__(self, *exc: object) -> None:
        return None


class PgConnection:
    """An asyncpg connection answering `execute(sql, params)` with SQLite-style SQL."""

    # Storage modules ask `dialect` where the engines differ in more than SQL text: story events are
    # announced with NOTIFY (storage/cluster.py), lease claims skip rows others hold (storage/feeds.py).
    dialect = "postgresql"

    def __init__(self, conn: asyncpg.Connection | asyncpg.pool.PoolConnectionProxy) -> None:
        self.raw = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> _Pending:
        return _Pending(self._execute(sql, params))

    async def _execute(self, sql: str, params: Sequence[Any]) -> Cursor:
        statement = translate(sql)
        head = statement.lstrip().split(None, 1)[0].upper() if statement.strip() else ""
        if head in ("SELECT", "WITH", "VALUES") or " RETURNING " in statement.upper():
            rows = await self.raw.fetch(statement, *params)
            return Cursor(list(rows), len(rows))
        status = await self.raw.execute(statement, *params)
        tail = status.rsplit(" ", 1)[-1]
        return Cursor([], int(tail) if tail.isdigit() else -1)

    async def execute_fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[asyncpg.Record]:
        return list(await self.raw.fetch(translate(sql), *params))

    async def executemany(self, sql: str, params: Iterable[Sequence[Any]]) -> None:
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
    if await conn.raw.fetchval("SELECT to_regclass('hotseat_schema')") is None:
        return 0
    value = await conn.raw.fetchval("SELECT max(version) FROM hotseat_schema")
    return int(value or 0)


def _refuse_newer(current: int, known: int) -> None:
    if current > known:
        raise SchemaTooNewError(
            f"the database is at schema version {current} but this Hotseat only knows up to "
            f"{known}: upgrade Hotseat or point HOTSEAT_DATABASE_URL at another database"
        )


async def migrate(conn: PgConnection, target: int | None = None) -> int:
    """Apply pending PostgreSQL migrations up to `target` (default: latest), each in one transaction
    holding an advisory lock, so two processes starting together migrate once. A database already
    up to date is only read, so a read-only server (a standby) still opens."""
    scripts = pg_migration_scripts()
    target = len(scripts) if target is None else target
    current = await schema_version(conn)
    _refuse_newer(current, len(scripts))
    if current >= target:
        return current
    try:
        async with conn.raw.transaction():
            await conn.raw.execute("SELECT pg_advisory_xact_lock(7510)")
            await conn.raw.execute("CREATE TABLE IF NOT EXISTS hotseat_schema (version BIGINT NOT NULL)")
            current = await schema_version(conn)
            _refuse_newer(current, len(scripts))
            for version, name, sql in scripts:
                if current < version <= target:
                    log.info("applying PostgreSQL migration %s", name)
                    await conn.raw.execute(sql)
                    await conn.raw.execute("INSERT INTO hotseat_schema (version) VALUES ($1)", version)
    except asyncpg.ReadOnlySQLTransactionError as exc:
        raise StoreError(
            f"the PostgreSQL database is read-only and needs an upgrade to schema version {target}: "
            "run Hotseat once against the primary"
        ) from exc
    return await schema_version(conn)


# What blocks writing for now but leaves the store otherwise sound, in words for an admin (as
# storage.store.WRITE_PROBLEMS does for SQLite); any other error is the caller's and passes unchanged.
_LOST = "the connection to the PostgreSQL server was lost: Hotseat reconnects and retries its writes"
_WRITE_PROBLEMS: tuple[tuple[type[BaseException], str], ...] = (
    (
        asyncpg.DiskFullError,
        "the database server's disk is full: free some space and Hotseat resumes writing",
    ),
    (
        asyncpg.InsufficientResourcesError,
        "the database server is out of resources (memory or connections): Hotseat retries its writes",
    ),
    (
        asyncpg.ReadOnlySQLTransactionError,
        "the PostgreSQL database is read-only (a standby, or default_transaction_read_only): "
        "point HOTSEAT_DATABASE_URL at the primary; Hotseat retries its writes",
    ),
    (
        asyncpg.PostgresSystemError,
        "the database server reported an I/O error: check it; Hotseat retries its writes",
    ),
    # Shut down, crashed or starting (57P01-57P03); not a cancelled statement, which is the caller's.
    (asyncpg.AdminShutdownError, _LOST),
    (asyncpg.CrashShutdownError, _LOST),
    (asyncpg.CannotConnectNowError, _LOST),
    (asyncpg.PostgresConnectionError, _LOST),
)
POOL_SIZE = 8  # reads run side by side on up to this many connections; writes take one at a time
WRITE_LOCK = 7511  # advisory lock every write transaction holds (migrations use 7510)


def write_problem(exc: BaseException) -> str | None:
    """Name a condition that blocks writing for now (the SQLite store's StoreWriteError cases)."""
    return next((advice for kind, advice in _WRITE_PROBLEMS if isinstance(exc, kind)), None)


def _problem_in_chain(exc: BaseException) -> str | None:
    """The write problem behind `exc`: a connection that died mid-transaction fails its statement,
    then its rollback (an InterfaceError whose context is the first failure)."""
    seen: BaseException | None = exc
    for _ in range(4):
        if seen is None:
            return None
        problem = write_problem(seen)
        if problem is not None:
            return problem
        seen = seen.__context__
    return None


class PgStore:
    """The PostgreSQL store, with the Store interface the services use: `transaction()` for writes and
    `read()` for reads, over a pool of connections.

    Write transactions are serialised: within a process by a lock, across processes by an advisory
    lock taken first in each transaction. The storage code reads then writes inside one transaction
    (the next alert number, a story to join) trusting SQLite's single writer; the advisory lock gives it
    the same guarantee on PostgreSQL, so two pollers never hand out one alert number twice. Reads and
    the work between transactions (fetching, parsing, analysis) run in parallel. Conditions that stop
    writing for now (disk full, read-only server, lost connection) raise StoreWriteError, as on SQLite."""

    def __init__(self, url: str, pool: asyncpg.Pool) -> None:
        self.url = url
        self.path = redact(url)  # what /about and logs show in place of a file name
        self._pool = pool
        self._write_lock = asyncio.Lock()
        self.write_problem: str | None = None
        self.file_gone: str | None = None

    @classmethod
    async def open(cls, url: str) -> PgStore:
        first = await connect(url)
        try:
            await migrate(first)
        finally:
            await first.close()
        try:
            pool = await asyncpg.create_pool(url, min_size=1, max_size=POOL_SIZE)
        except (OSError, asyncpg.PostgresError) as exc:
            raise StoreError(f"cannot open the PostgreSQL database {redact(url)}: {exc}") from exc
        return cls(url, pool)

    async def close(self) -> None:
        async with self._write_lock:
            await self._pool.close()

    def check_file(self, *, deep: bool = False) -> str | None:
        """No file to watch on PostgreSQL: the server guards its own storage."""
        return None

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[PgConnection]:
        """Run writes atomically: commit on success, roll back on any error (cancellation included)."""
        async with self._write_lock:
            try:
                raw = await self._pool.acquire()
            except (OSError, TimeoutError, asyncpg.PostgresError) as exc:  # no server to write to
                raise self._failing(exc, write_problem(exc) or _LOST) from exc
            try:
                async with raw.transaction():
                    await raw.execute(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
                    yield PgConnection(raw)
            except (asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
                problem = _problem_in_chain(exc)
                if problem is None:
                    raise
                raise self._failing(exc, problem) from exc
            finally:
                await self._pool.release(raw)
            if self.write_problem is not None:
                log.warning("writes work again")
                self.write_problem = None

    def _failing(self, exc: BaseException, problem: str) -> StoreWriteError:
        """Note why writes fail (for /about, logged once) and the error the caller gets."""
        if self.write_problem is None:
            log.error("writes are failing: %s (%s)", problem, exc)
        self.write_problem = problem
        return StoreWriteError(problem)

    @asynccontextmanager
    async def read(self) -> AsyncIterator[PgConnection]:
        """A pooled connection for reads; it never sees another task's uncommitted writes."""
        async with self._pool.acquire() as raw:
            yield PgConnection(raw)

    @asynccontextmanager
    async def listen(self, channel: str, callback: Callable[[], None]) -> AsyncIterator[None]:
        """Call `callback` (on the event loop) for every NOTIFY on `channel` while inside, over a
        connection of its own (a pooled one would drop its LISTEN when handed back). A lost connection
        goes quiet, so listeners keep a slow check of their own beside it."""
        try:
            conn = await asyncpg.connect(self.url)
        except (OSError, TimeoutError, asyncpg.PostgresError) as exc:
            raise StoreError(f"cannot listen on the PostgreSQL database {self.path}: {exc}") from exc
        try:
            await conn.add_listener(channel, lambda *_: callback())
            yield
        finally:
            await conn.close()

    async def integrity_check(self) -> str:
        async with self.read() as db:
            await db.raw.fetchval("SELECT 1")
        return "ok"

    async def size_bytes(self) -> int:
        async with self.read() as db:
            return int(await db.raw.fetchval("SELECT pg_database_size(current_database())"))
