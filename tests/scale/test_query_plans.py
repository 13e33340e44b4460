"""The hot queries use indexes: no full SCAN of a big table in any command, the article pipeline,
digests or retention. Statements are captured with sqlite3's trace callback while the real service
calls run, then EXPLAINed on the same file."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path

import aiosqlite

from bench._calls import calls
from bench._synthetic import NOW, bench_settings
from bench.cycle import RecordingSink
from bot.models import StoredArticle
from bot.retention import RetentionService
from bot.service import Service
from storage import articles as articles_db

BIG = (
    "articles", "findings", "mentions", "stories", "matches", "successor_tips", "pressure_days", "deliveries",
)  # fmt: skip
FULL_SCAN = re.compile(rf"^SCAN ({'|'.join(BIG)})\b")  # a whole table, or a whole index of it
SKIP = ("BEGIN", "COMMIT", "ROLLBACK", "PRAGMA", "SAVEPOINT", "RELEASE", "--")  # "--": inside triggers


async def capture(service: Service, action: Callable[[], Awaitable[object]]) -> list[str]:
    """Every statement both connections run during `action` (parameters filled in)."""
    seen: list[str] = []

    def keep(statement: str) -> None:
        text = statement.strip()
        if text and not text.upper().startswith(SKIP):
            seen.append(text)

    connections: list[aiosqlite.Connection] = []
    async with service.store.read() as db:
        connections.append(db)
    async with service.store.transaction() as db:
        connections.append(db)
    for conn in connections:
        await conn.set_trace_callback(keep)
    try:
        await action()
    finally:
        for conn in connections:
            await conn.set_trace_callback(None)  # type: ignore[arg-type]  # None turns tracing off
    return seen


def full_scans(path: Path, statements: list[str]) -> list[tuple[str, str]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    found = []
    try:
        for statement in dict.fromkeys(statements):
            if statement.upper().startswith("INSERT") and " SELECT " not in statement.upper():
                continue  # a plain INSERT ... VALUES reads nothing
            for row in conn.execute(f"EXPLAIN QUERY PLAN {statement}"):
                if FULL_SCAN.match(str(row[3])):
                    found.append((str(row[3]), statement[:200]))
    finally:
        conn.close()
    return found


async def test_every_command_uses_indexes(store_copy: Path) -> None:
    service = await Service.open(bench_settings(store_copy))
    try:
        checked = 0
        for call in await calls(service):
            statements = await capture(service, call.run)
            checked += len(statements)
            assert full_scans(store_copy, statements) == [], call.name
        assert checked > 10  # the trace really saw the commands' queries
    finally:
        await service.close()


async def test_recording_an_article_uses_indexes(store_copy: Path) -> None:
    service = await Service.open(bench_settings(store_copy))
    try:
        when = NOW - timedelta(hours=2)
        row = articles_db.NewArticle(
            None, None, "https://x.example/1", "https://x.example/1",
            "Under-fire Ancelotti faces the sack as Real Madrid board meets",
            "Carlo Ancelotti faces the sack at Real Madrid, with Xabi Alonso the favourite to replace him.",
            "h-1", "X", "en", when, when,
        )  # fmt: skip
        async with service.store.transaction() as db:
            ids = await articles_db.insert_many(db, [row])
        article = StoredArticle(
            ids[row.canonical_url], None, row.url, row.title, row.summary, None, "X", "en", when, False
        )

        async def record() -> None:
            async with service.store.read() as db:
                await articles_db.matching(db, [row.canonical_url], [row.content_hash])
            await service.rumours.record_article(article)
            await service.digests.build(10_001, now=NOW)
            await service.rumours.stories_for_alerts(0, 1)

        statements = await capture(service, record)
        assert any("stories" in s for s in statements)
        assert full_scans(store_copy, statements) == []
    finally:
        await service.close()


async def test_retention_uses_indexes(store_copy: Path) -> None:
    service = await Service.open(bench_settings(store_copy, HOTSEAT_RETENTION_DAYS=30))
    try:
        retention = RetentionService(service.store, service.settings, batch=500)
        statements = await capture(service, lambda: retention.prune_once(NOW))
        deletes = [s for s in statements if s.startswith("DELETE FROM articles")]
        assert deletes
        others = [s for s in statements if not s.startswith("DELETE")]
        assert full_scans(store_copy, [*others, deletes[0]]) == []
    finally:
        await service.close()


def test_the_check_catches_a_full_scan(small_store: Path) -> None:
    assert full_scans(small_store, ["SELECT * FROM findings WHERE title = 'x'"])
    assert not full_scans(small_store, ["SELECT * FROM findings WHERE article_id = 1"])


async def test_a_digest_tick_uses_indexes(store_copy: Path) -> None:
    """Every server's digest due at once, plus alerts: the deliveries table grows by ~1,000 rows a day."""
    service = await Service.open(bench_settings(store_copy))
    try:
        for guild in range(10_000, 10_012, 3):
            await service.digests.set_alerts(guild, guild + 5, 1)
        sink = RecordingSink()
        statements = await capture(service, lambda: service.digests.tick(sink, now=NOW + timedelta(days=1)))
        assert any("deliveries" in s for s in statements)  # slots were due and handled
        assert full_scans(store_copy, statements) == []
    finally:
        await service.close()
