"""The synthetic store is what the bot itself would write: the bulk path for quiet findings stores the
same row as RumourService.record_article, and the small build has every aggregate the commands need."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

from bench._synthetic import NOW, SHARED, Recorder, quiet_row
from bot.analysis.models import Finding
from bot.models import StoredArticle
from bot.rumours.service import RumourService
from bot.service import Service
from storage import articles as articles_db
from storage import findings as findings_db


def article(n: int, article_id: int) -> StoredArticle:
    when = NOW - timedelta(days=3)
    return StoredArticle(
        article_id, None, f"https://q.example/{n}", f"Late winner {n}", f"A late winner, report {n}.",
        None, "Quiet Outlet", "en", when, False,
    )  # fmt: skip


async def insert_articles(service: Service, count: int) -> list[int]:
    when = NOW - timedelta(days=3)
    rows = [
        articles_db.NewArticle(
            feed_id=None,
            guid=None,
            url=f"https://q.example/{n}",
            canonical_url=f"https://q.example/{n}",
            title=f"Late winner {n}",
            summary=f"A late winner, report {n}.",
            content_hash=f"q{n}",
            outlet="Quiet Outlet",
            language="en",
            published_at=when,
            fetched_at=when,
        )
        for n in range(count)
    ]
    async with service.store.transaction() as db:
        ids = await articles_db.insert_many(db, rows)
    return [ids[row.canonical_url] for row in rows]


async def test_bulk_quiet_findings_match_record_article(service: Service) -> None:
    first, second = await insert_articles(service, 2)

    async def no_claims(*_: object) -> str | None:
        return None

    def quiet(text: str, **_: object) -> Finding:
        return Finding(pressure=False, level=0, score=0.05)

    rumours = RumourService(service.store, service.registry, check_claim=no_claims, analyzer=quiet)
    assert await rumours.record_article(article(0, first)) is not None
    recorder = Recorder()
    await findings_db.insert(recorder, quiet_row(article(1, second)))  # type: ignore[arg-type]
    async with service.store.transaction() as db:
        await recorder.replay(db)

    async with service.store.read() as db, db.execute("SELECT * FROM findings ORDER BY article_id") as cursor:
        by_service, by_bulk = [dict(row) for row in await cursor.fetchall()]
    for row in (by_service, by_bulk):
        row.pop("article_id")
        row["title"] = row["title"].rsplit(" ", 1)[0]
        row["url"] = row["url"].rsplit("/", 1)[0]
        row["text_sig"] = "-"
    assert by_service == by_bulk


def test_small_store_has_every_aggregate(small_store: Path) -> None:
    conn = sqlite3.connect(f"file:{small_store}?mode=ro", uri=True)
    try:
        counts = {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "findings", "stories", "mentions", "successor_tips", "manager_pressure",
                          "pressure_days", "matches", "guilds", "feeds")
        }  # fmt: skip
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert counts["articles"] == counts["findings"] == 3_000
    assert all(counts.values()), counts
    assert counts["guilds"] == 12
    if (SHARED / "data" / "openfootball").is_dir():
        assert counts["matches"] > 5_000  # three seasons of five leagues
