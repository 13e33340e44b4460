"""Retention deletes old articles and nothing any command answers from."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import Any

from bench._calls import calls
from bench._synthetic import LEAGUES, NOW, bench_settings
from bot.models import StoredArticle
from bot.retention import RetentionService
from bot.service import Service
from storage import articles as articles_db


async def answers(service: Service) -> dict[str, Any]:
    """Every command's answer at NOW, as the JSON the CLI would print."""
    found: dict[str, Any] = {}
    for call in await calls(service):
        result = await call.run()
        to_dict = getattr(result, "to_dict", None)
        found[call.name] = to_dict() if to_dict else result
    board = await service.rumours.hotseat(limit=25, now=NOW)
    for entry in board.entries:
        key = entry.manager_key
        found[f"successor:{key}"] = (await service.rumours.successors(key, NOW)).to_dict()
        found[f"manager:{key}"] = (await service.rumours.manager_profile(key, NOW)).to_dict()
    for league in LEAGUES:
        found[f"hotseat:{league}"] = (await service.rumours.hotseat(league, now=NOW)).to_dict()
    for guild in range(10_000, 10_012):
        digest = await service.digests.build(guild, now=NOW)
        found[f"digest:{guild}"] = digest.to_dict() if digest else None
    found["alerts"] = [a.seq for a in await service.rumours.stories_for_alerts(0, 1, limit=500)]
    found["findings"] = (await service.rumours.counts()).findings
    return found


async def test_pruning_keeps_every_answer(store_copy: Path) -> None:
    service = await Service.open(bench_settings(store_copy))
    try:
        before = await answers(service)
        articles_before = (await service.rumours.counts()).articles
    finally:
        await service.close()
    service = await Service.open(bench_settings(store_copy, HOTSEAT_RETENTION_DAYS=30))
    try:
        report = await RetentionService(service.store, service.settings, batch=250).prune_once(NOW)

        assert report.skipped is None
        assert report.deleted > articles_before * 0.9  # 30 days kept out of ~34 months
        assert (await service.rumours.counts()).articles == articles_before - report.deleted
        assert report.oldest_kept is not None and report.oldest_kept >= (NOW - timedelta(days=31)).isoformat()
        assert report.batches >= report.deleted / 250
        assert await answers(service) == before
        assert await service.store.integrity_check() == "ok"
        async with service.store.read() as db, db.execute("PRAGMA foreign_key_check") as cursor:
            assert list(await cursor.fetchall()) == []
        assert "Findings, stories and successor tips are kept" in report.to_text()
    finally:
        await service.close()


async def test_pruning_twice_deletes_nothing_more(scale_service: Service) -> None:
    retention = RetentionService(scale_service.store, scale_service.settings)
    first = await retention.prune_once(NOW)
    second = await retention.prune_once(NOW)
    assert first.deleted > 0
    assert second.deleted == 0
    assert second.oldest_kept == first.oldest_kept


async def test_retention_off_keeps_everything(scale_service: Service) -> None:
    settings = scale_service.settings.model_copy(update={"retention_days": 0})
    counts = await scale_service.rumours.counts()
    report = await RetentionService(scale_service.store, settings).prune_once(NOW)
    assert report.skipped == "retention is off"
    assert report.to_dict()["deleted"] == 0
    assert await scale_service.rumours.counts() == counts


async def test_a_new_article_after_pruning_everything_is_still_analysed(scale_service: Service) -> None:
    """The newest article is kept, so a pruned id is never handed to a new article."""
    later = NOW + timedelta(days=400)
    await RetentionService(scale_service.store, scale_service.settings).prune_once(later)
    assert (await scale_service.rumours.counts()).articles == 1
    row = articles_db.NewArticle(
        feed_id=None,
        guid=None,
        url="https://late.example/news/1",
        canonical_url="https://late.example/news/1",
        title="Board backs the head coach after a heavy defeat",
        summary="The board backed the head coach after a heavy defeat.",
        content_hash="late-1",
        outlet="Late Outlet",
        language="en",
        published_at=later,
        fetched_at=later,
    )
    async with scale_service.store.transaction() as db:
        ids = await articles_db.insert_many(db, [row])
    article = StoredArticle(
        ids[row.canonical_url], None, row.url, row.title, row.summary, None, row.outlet, "en", later, False
    )
    assert await scale_service.rumours.record_article(article) is not None


async def test_an_old_article_fetched_recently_is_kept(store_copy: Path) -> None:
    """An item with an old date that a feed still shows stays known to dedupe until it ages."""
    conn = sqlite3.connect(store_copy)
    try:
        oldest = conn.execute("SELECT min(id) FROM articles").fetchone()[0]
        conn.execute("UPDATE articles SET fetched_at = ? WHERE id = ?", (NOW.isoformat(), oldest))
        conn.commit()
    finally:
        conn.close()
    service = await Service.open(bench_settings(store_copy, HOTSEAT_RETENTION_DAYS=30))
    try:
        report = await RetentionService(service.store, service.settings).prune_once(NOW)
        assert report.deleted > 0
    finally:
        await service.close()
    conn = sqlite3.connect(store_copy)
    try:
        assert conn.execute("SELECT count(*) FROM articles WHERE id = ?", (oldest,)).fetchone()[0] == 1
    finally:
        conn.close()


async def test_the_daily_loop_survives_a_failed_run(scale_service: Service, caplog: Any) -> None:
    calls_made: list[int] = []

    class Failing(RetentionService):
        async def prune_once(self, now: Any = None) -> Any:
            calls_made.append(1)
            raise RuntimeError("disk trouble")

    task = asyncio.create_task(Failing(scale_service.store, scale_service.settings).run_forever())
    for _ in range(100):
        if calls_made:
            break
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.01)
    assert not task.done()  # still waiting for tomorrow's run
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    assert calls_made == [1]
    assert "retention run failed" in caplog.text
