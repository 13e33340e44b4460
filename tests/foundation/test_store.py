"""The store keeps data through upgrades, crashes and concurrent use."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import aiosqlite
import asyncpg
import pytest

from storage import SchemaTooNewError, Store, StoreError, StoreWriteError
from storage.store import LATEST_VERSION, migrate

EXPECTED_TABLES = {
    "feeds",
    "feed_subscriptions",
    "articles",
    "clubs",
    "people",
    "tenures",
    "aliases",
    "stories",
    "findings",
    "mentions",
    "competitions",
    "matches",
    "point_adjustments",
    "official_standings",
    "guilds",
    "deliveries",
    "article_search",
}


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def user_version(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])


async def test_migrations_from_empty_create_every_aggregate(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    store = await Store.open(path)
    await store.close()
    # The newest migration file's number, read from the folder itself (not from the code under test).
    folder = Path(__file__).resolve().parents[2] / "storage" / "migrations"
    newest = max(int(sql.name.split("_", 1)[0]) for sql in folder.glob("[0-9]*_*.sql"))
    assert user_version(path) == newest
    assert tables(path) >= EXPECTED_TABLES


async def test_reopen_keeps_rows_and_version(tmp_path: Path) -> None:
    path = tmp_path / "reopen.db"
    store = await Store.open(path)
    async with store.transaction() as db:
        await db.execute("INSERT INTO competitions (code, name, country) VALUES ('es.1', 'La Liga', 'Spain')")
    await store.close()

    store = await Store.open(path)
    async with store.read() as db, db.execute("SELECT name FROM competitions") as cursor:
        rows = [row["name"] for row in await cursor.fetchall()]
    await store.close()
    assert rows == ["La Liga"]
    assert user_version(path) == LATEST_VERSION


async def test_refuses_a_database_from_a_newer_hotseat(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE precious (x)")
        conn.execute("INSERT INTO precious VALUES (42)")
        conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    with pytest.raises(SchemaTooNewError, match="upgrade Hotseat"):
        await Store.open(path)
    assert user_version(path) == LATEST_VERSION + 1
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT x FROM precious").fetchall() == [(42,)]


async def test_upgrades_a_database_made_by_an_older_migration(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        assert await migrate(conn, target=1) == 1
        await conn.execute(
            "INSERT INTO articles (url, canonical_url, title, content_hash, outlet, published_at, fetched_at)"
            " VALUES ('https://a.example/1', 'https://a.example/1', 'Ancelotti backed by Pérez', 'h1',"
            " 'Marca', '2024-11-06T10:00:00+00:00', '2024-11-06T10:05:00+00:00')"
        )
    store = await Store.open(path)
    async with (
        store.read() as db,
        db.execute("SELECT rowid FROM article_search WHERE article_search MATCH 'perez'") as cursor,
    ):
        hits = await cursor.fetchall()
    await store.close()
    assert user_version(path) == LATEST_VERSION
    assert len(hits) == 1, "rows stored before the search migration must be searchable after it"


async def test_failed_transaction_rolls_back_and_store_stays_usable(store: Store, backend: str) -> None:
    insert = "INSERT INTO competitions (code, name, country) VALUES ('en.1', 'PL', 'England')"
    duplicate = sqlite3.IntegrityError if backend == "sqlite" else asyncpg.UniqueViolationError

    async def insert_twice() -> None:
        async with store.transaction() as db:
            await db.execute(insert)
            await db.execute(insert)

    with pytest.raises(duplicate):
        await insert_twice()
    async with store.read() as db, db.execute("SELECT count(*) FROM competitions") as cursor:
        row = await cursor.fetchone()
    assert row is not None and row[0] == 0
    async with store.transaction() as db:
        await db.execute(insert)


async def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="folder for the database does not exist"):
        await Store.open(tmp_path / "nowhere" / "hotseat.db")


async def test_many_tasks_and_a_second_process_never_hit_database_is_locked(tmp_path: Path) -> None:
    path = tmp_path / "busy.db"
    first = await Store.open(path)
    second = await Store.open(path)  # a second writer connection, as another process would have

    async def writer(store: Store, worker: int) -> None:
        for n in range(20):
            async with store.transaction() as db:
                await db.execute(
                    "INSERT INTO competitions (code, name, country) VALUES (?, 'x', 'y')", (f"{worker}.{n}",)
                )

    async def reader(store: Store) -> None:
        for _ in range(20):
            async with store.read() as db, db.execute("SELECT count(*) FROM competitions") as cursor:
                await cursor.fetchone()

    jobs = [writer(first if i % 2 else second, i) for i in range(10)] + [reader(first) for _ in range(10)]
    await asyncio.gather(*jobs)
    async with first.read() as db, db.execute("SELECT count(*) FROM competitions") as cursor:
        row = await cursor.fetchone()
    await first.close()
    await second.close()
    assert row is not None and row[0] == 200


WRITER_SCRIPT = textwrap.dedent(
    """
    import asyncio, sys
    from storage import Store

    async def main(path):
        store = await Store.open(path)
        n = 0
        while True:
            async with store.transaction() as db:
                for k in range(5):
                    await db.execute(
                        "INSERT INTO competitions (code, name, country) VALUES (?, ?, 'x')",
                        (f"{n}.{k}", "row" * 50),
                    )
            print(n, flush=True)
            n += 1

    asyncio.run(main(sys.argv[1]))
    """
)


async def test_sigkill_mid_write_loses_nothing_committed(tmp_path: Path) -> None:
    path = tmp_path / "crash.db"
    await (await Store.open(path)).close()  # create the schema before the writer starts
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER_SCRIPT, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert process.stdout is not None
    committed = -1
    deadline = time.monotonic() + 60
    while committed < 150 and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        committed = int(line)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert committed >= 150, "the writer never got going"

    store = await Store.open(path)
    assert await store.integrity_check() == "ok"
    async with store.read() as db, db.execute("SELECT code FROM competitions") as cursor:
        codes = {row[0] for row in await cursor.fetchall()}
    await store.close()
    for n in range(committed + 1):
        assert all(f"{n}.{k}" in codes for k in range(5)), f"committed transaction {n} was lost"
    batches = {code.split(".")[0] for code in codes}
    for batch in batches:  # atomic: a transaction is wholly there or wholly absent
        assert all(f"{batch}.{k}" in codes for k in range(5))


@pytest.mark.sqlite_only  # PostgreSQL's form: tests/storage/test_pg_errors.py
async def test_disk_full_fails_writes_clearly_keeps_reads_and_recovers(store: Store) -> None:
    async with store.transaction() as db:
        await db.execute("INSERT INTO competitions (code, name, country) VALUES ('keep', 'x', 'y')")
        async with db.execute("PRAGMA page_count") as cursor:
            row = await cursor.fetchone()
        assert row is not None
        pages = int(row[0])
        await db.execute(f"PRAGMA max_page_count = {pages}")  # the file may not grow: a full disk

    async def fill() -> None:
        async with store.transaction() as db:
            for n in range(2000):
                await db.execute(
                    "INSERT INTO competitions (code, name, country) VALUES (?, ?, 'y')", (f"c{n}", "x" * 500)
                )

    with pytest.raises(StoreWriteError, match="disk is full"):
        await fill()
    assert store.write_problem is not None
    async with store.read() as db, db.execute("SELECT code FROM competitions") as cursor:
        assert [row[0] for row in await cursor.fetchall()] == ["keep"]

    async with store._writer.execute("PRAGMA max_page_count = 1073741823"):
        pass  # space returns
    async with store.transaction() as db:
        await db.execute("INSERT INTO competitions (code, name, country) VALUES ('after', 'x', 'y')")
    assert store.write_problem is None
    assert await store.integrity_check() == "ok"
