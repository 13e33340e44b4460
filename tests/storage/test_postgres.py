"""PostgreSQL backend against a real server at 127.0.0.1:5432 (each run creates and drops its own
database). With no server the module skips in one line, unless HOTSEAT_REQUIRE_POSTGRES=1 (CI)."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from storage.pgstore import PgConnection, PgStore, connect, migrate, pg_migration_scripts, translate
from storage.store import LATEST_VERSION, SchemaTooNewError, Store
from tests.support.postgres import admin_connection, database_url


@pytest.fixture
async def pg_url(postgres_server: str) -> AsyncIterator[str]:
    """A fresh database with a unique name, dropped afterwards (for tests of migrating itself)."""
    admin = await admin_connection()
    name = f"hotseat_test_{uuid.uuid4().hex[:12]}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield database_url(name)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@pytest.fixture
async def pg(pg_url: str) -> AsyncIterator[PgConnection]:
    conn = await connect(pg_url)
    await migrate(conn)
    yield conn
    await conn.close()


def test_translate_numbers_placeholders_outside_quotes() -> None:
    assert (
        translate("SELECT '?', x FROM t WHERE a = ? AND b = ?")
        == "SELECT '?', x FROM t WHERE a = $1 AND b = $2"
    )


def test_translate_insert_or_ignore() -> None:
    assert (
        translate("INSERT OR IGNORE INTO t (a) VALUES (?);")
        == "INSERT INTO t (a) VALUES ($1) ON CONFLICT DO NOTHING"
    )


def test_every_sqlite_migration_has_a_postgres_mirror() -> None:
    assert [v for v, _, _ in pg_migration_scripts()] == list(range(1, LATEST_VERSION + 1))


async def _sqlite_columns(tmp_path: Path) -> dict[str, set[str]]:
    store = await Store.open(tmp_path / "schema.db")
    try:
        async with (
            store.read() as conn,
            conn.execute(
                "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p "
                "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE 'article_search%'"
            ) as cursor,
        ):
            rows = await cursor.fetchall()
    finally:
        await store.close()
    found: dict[str, set[str]] = {}
    for table, column in rows:
        found.setdefault(table, set()).add(column)
    return found


async def test_postgres_schema_has_the_sqlite_tables_and_columns(pg: PgConnection, tmp_path: Path) -> None:
    rows = await pg.raw.fetch(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = 'public' AND table_name <> 'hotseat_schema'"
    )
    on_pg: dict[str, set[str]] = {}
    for row in rows:
        on_pg.setdefault(row["table_name"], set()).add(row["column_name"])
    assert on_pg == await _sqlite_columns(tmp_path)


async def test_migrate_twice_is_a_no_op_and_newer_schema_is_refused(pg: PgConnection) -> None:
    assert await migrate(pg) == LATEST_VERSION
    await pg.raw.execute("INSERT INTO hotseat_schema (version) VALUES ($1)", LATEST_VERSION + 1)
    with pytest.raises(SchemaTooNewError, match="only knows up to"):
        await migrate(pg)


async def test_row_counters_and_title_search_work_on_postgres(pg: PgConnection) -> None:
    insert = (
        "INSERT OR IGNORE INTO articles (url, canonical_url, title, content_hash, outlet, published_at, "
        "fetched_at) VALUES (?, ?, ?, 'h', 'o', '2024-01-01', '2024-01-01')"
    )
    await pg.execute(insert, ("u1", "c1", "Ancelotti under pressure"))
    await pg.execute(insert, ("u2", "c2", "Xavi sacked"))
    duplicate = await pg.execute(insert, ("u3", "c1", "same canonical url"))
    assert duplicate.rowcount == 0
    async with await pg.execute("SELECT n FROM row_counts WHERE name = ?", ("articles",)) as cursor:
        row = await cursor.fetchone()
    assert row is not None and row[0] == 2
    await pg.execute("DELETE FROM articles WHERE canonical_url = ?", ("c2",))
    cursor = await pg.execute("SELECT n FROM row_counts WHERE name = 'articles'")
    assert (await cursor.fetchall())[0]["n"] == 1
    found = await pg.execute(
        "SELECT title FROM articles WHERE to_tsvector('simple', title) @@ plainto_tsquery('simple', ?)",
        ("pressure",),
    )
    assert [r["title"] for r in await found.fetchall()] == ["Ancelotti under pressure"]


async def test_storage_modules_run_unchanged_on_postgres(pg_url: str) -> None:
    """Today's storage functions (upserts with max(), leases with SKIP LOCKED, json_extract,
    pragma_table_info) run on PostgreSQL through the adapter with the answers SQLite gives."""
    from datetime import UTC, datetime, timedelta

    from storage import bot_state, departures, feeds, findings
    from storage.pgstore import PgStore

    now = datetime(2024, 11, 6, 12, 0, tzinfo=UTC)
    store = await PgStore.open(pg_url)
    try:
        async with store.transaction() as db:
            await bot_state.put(db, "k", "v1")
            await bot_state.put(db, "k", "v2")
            await bot_state.mark_left(db, 9_000_000_000_000_001, now)
            await feeds.upsert_default(db, "https://a.example/rss", "A", "en", now)
            own, subscribed = await feeds.add_custom(db, "https://b.example/rss", "B", 77, 5, now)
            shared, _ = await feeds.add_custom(db, "https://b.example/rss", "B", None, None, now)
            claimed = await feeds.claim_due(
                db, "poller-1", now, now + timedelta(minutes=5), 10, skip_locked=True
            )
            await departures.forget_server(db, 77)
        async with store.read() as db:
            assert await bot_state.get(db, "k") == "v2"
            assert await bot_state.left_before(db, now) == [9_000_000_000_000_001]
            assert subscribed and not own.shared and shared.shared and shared.id == own.id
            assert [f.url for f in claimed] == ["https://a.example/rss", "https://b.example/rss"]
            assert await feeds.subscription_count(db, 77) == 0
            assert await findings.failure(db, 1) is None
    finally:
        await store.close()


async def test_migrate_store_copies_every_table_and_refuses_a_full_target(
    pg_url: str, tmp_path: Path
) -> None:
    from datetime import UTC, datetime

    from storage import feeds
    from storage.migrate_store import migrate_store
    from storage.pgstore import PgStore
    from storage.store import StoreError

    now = datetime(2024, 11, 6, 12, 0, tzinfo=UTC)
    source = tmp_path / "live.db"
    store = await Store.open(source)
    async with store.transaction() as db:
        await feeds.add_custom(db, "https://b.example/rss", "B", 9_000_000_000_000_001, 5, now)
        for n in range(3):
            await db.execute(
                "INSERT INTO articles (url, canonical_url, title, content_hash, outlet, published_at, "
                "fetched_at) "
                "VALUES (?, ?, ?, 'h', 'o', '2024-01-01', '2024-01-01')",
                (f"u{n}", f"c{n}", f"Title {n} é"),
            )
        await db.execute("DELETE FROM articles WHERE canonical_url = 'c1'")  # a gap in the ids
    await store.close()

    copied = {c.table: c.rows for c in await migrate_store(source, pg_url)}
    assert copied["articles"] == 2 and copied["feeds"] == 1 and copied["feed_subscriptions"] == 1

    target = await PgStore.open(pg_url)
    try:
        async with target.transaction() as db:
            counted = await db.raw.fetchval("SELECT n FROM row_counts WHERE name = 'articles'")
            ids = [r["id"] for r in await db.raw.fetch("SELECT id FROM articles ORDER BY id")]
            new_id = await db.raw.fetchval(
                "INSERT INTO articles (url, canonical_url, title, content_hash, outlet, published_at, "
                "fetched_at) "
                "VALUES ('u9', 'c9', 't', 'h', 'o', 'x', 'x') RETURNING id"
            )
            guild = await db.raw.fetchval("SELECT guild_id FROM feed_subscriptions")
    finally:
        await target.close()
    assert counted == 2 and ids == [1, 3] and new_id == 4 and guild == 9_000_000_000_000_001

    with pytest.raises(StoreError, match="no SQLite store"):
        await migrate_store(tmp_path / "missing.db", pg_url)
    with pytest.raises(StoreError, match="already holds data"):
        await migrate_store(source, pg_url)
    again = {c.table: c.rows for c in await migrate_store(source, pg_url, force=True)}
    assert again["articles"] == 2


async def _hotseat(url: str, *args: str) -> str:
    import asyncio
    import sys

    env = {**os.environ, "HOTSEAT_DATABASE_URL": url, "HOTSEAT_DEFAULT_FEEDS": "false"}
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await proc.communicate()
    assert proc.returncode == 0, err.decode()
    return out.decode()


async def test_service_ingests_and_answers_on_postgres(pg_url: str, tmp_path: Path) -> None:
    """The whole path (feed replay, analysis, stories, pressure board, /about) on PostgreSQL."""
    from tests.support.feed_server import item, rss_feed

    (tmp_path / "one.xml").write_bytes(
        rss_feed(
            [
                item(1, title="Ancelotti sacked by Real Madrid"),
                item(2, title="Xavi under pressure at Barcelona"),
            ]
        )
    )
    assert "2 new" in await _hotseat(pg_url, "ingest", "--from-dir", str(tmp_path))
    assert "2 new" not in await _hotseat(pg_url, "ingest", "--from-dir", str(tmp_path))
    board = await _hotseat(pg_url, "hotseat")
    assert board.index("Carlo Ancelotti") < board.index("Xavi")
    assert "2 articles, 2 findings" in await _hotseat(pg_url, "about")


async def test_appointment_reports_on_postgres(pg_url: str) -> None:
    await _appointment_reports(await PgStore.open(pg_url))


async def test_appointment_reports_on_sqlite(tmp_path: Path) -> None:
    await _appointment_reports(await Store.open(tmp_path / "store.db"))


async def _appointment_reports(store: Store | PgStore) -> None:
    """storage/appointments.py (migration 014): a report, its update, an interim waiting for its
    sacking, its settling and the expiry sweep answer alike on SQLite and PostgreSQL."""
    from datetime import UTC, date, datetime, timedelta

    from storage import appointments

    now = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)
    try:
        async with store.transaction() as db:
            manager = await appointments.insert(
                db, person_key="thiago-motta", person_name="Thiago Motta", club_key="barcelona",
                club_name="Barcelona", role="manager", status="reported", first_seen_at=now, seen_at=now,
                outlets=["Marca"], signatures=["sig-1"],
            )  # fmt: skip
            interim = await appointments.insert(
                db, person_key="rafael-marquez", person_name="Rafael Márquez", club_key="barcelona",
                club_name="Barcelona", role="interim", status="reported", first_seen_at=now, seen_at=now,
                outlets=["AS"], signatures=["sig-2"], story_id=7,
            )  # fmt: skip
            later = now + timedelta(hours=5)
            await appointments.update(
                db, manager, status="confirmed", first_seen_at=now, seen_at=later,
                outlets=["Marca", "AS"], signatures=["sig-1", "sig-3"],
            )  # fmt: skip
            await appointments.set_opened(db, manager, "confirmed", date(2025, 3, 10))
            waiting = await appointments.interims_at(db, 7)
            withdrawn = await appointments.withdraw_reported_before(db, now + timedelta(days=1))
        async with store.read() as db:
            found = await appointments.latest(db, "thiago-motta", "barcelona", "manager", now)
            gone = await appointments.latest(db, "rafael-marquez", "barcelona", "interim", now)
        assert [r.id for r in waiting] == [interim] and withdrawn == 1
        assert found is not None and (found.status, found.outlets, found.opened_on) == (
            "confirmed", ("Marca", "AS"), date(2025, 3, 10)
        )  # fmt: skip
        assert found.last_seen_at == later and found.signatures == ("sig-1", "sig-3")
        assert gone is not None and (gone.status, gone.story_id) == ("withdrawn", 7)
    finally:
        await store.close()
