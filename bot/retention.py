"""Retention: delete articles held longer than HOTSEAT_RETENTION_DAYS, keep what commands answer from.

Articles are the bulk of the store (headline, summary, page text, search index) but no command reads
them once analysed: findings keep the title, URL, outlet and date, and stories, mentions, successor
tips and the pressure index hold everything else. Deleting runs in small batches, each its own short
transaction, so polls and digests never wait long for the writer.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.config import Settings
from storage import Store
from storage import retention as queries

log = logging.getLogger(__name__)

BATCH = 250  # articles per transaction: ~20 ms of writer time each at a million articles
DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class PruneReport:
    cutoff: datetime | None  # articles published and fetched before this go; None when retention is off
    deleted: int
    batches: int
    oldest_kept: str | None  # publication time of the oldest article left (None: no articles)
    seconds: float
    skipped: str | None = None  # why nothing was pruned, when that was on purpose

    def to_dict(self) -> dict[str, Any]:
        return {
            "cutoff": self.cutoff.isoformat() if self.cutoff else None,
            "deleted": self.deleted,
            "batches": self.batches,
            "oldest_kept": self.oldest_kept,
            "seconds": round(self.seconds, 3),
            "skipped": self.skipped,
        }

    def to_text(self) -> str:
        if self.skipped:
            return f"Retention: nothing pruned ({self.skipped})."
        kept = f"oldest article left from {self.oldest_kept[:10]}" if self.oldest_kept else "no articles left"
        return (
            f"Retention: deleted {self.deleted} articles older than {self.cutoff:%Y-%m-%d %H:%M} UTC "
            f"in {self.batches} batches ({self.seconds:.1f} s); {kept}. "
            "Findings, stories and successor tips are kept."
        )


class RetentionService:
    """Prunes old articles once a day; findings, stories and mentions are never deleted."""

    def __init__(self, store: Store, settings: Settings, batch: int = BATCH) -> None:
        self.store = store
        self.settings = settings
        self.batch = batch

    async def prune_once(self, now: datetime | None = None) -> PruneReport:
        """Delete articles older than the retention age; a no-op when `retention_days` is 0."""
        started = time.perf_counter()
        days = self.settings.retention_days
        async with self.store.read() as db:
            oldest = await queries.oldest_published(db)
        if days <= 0:
            return PruneReport(None, 0, 0, oldest, time.perf_counter() - started, "retention is off")
        moment = now or datetime.now(UTC)
        cutoff = moment.astimezone(UTC) - timedelta(days=days)
        deleted = batches = 0
        after: queries.Cursor | None = queries.Cursor()
        while after is not None:
            async with self.store.read() as db:
                ids, after = await queries.old_articles(db, cutoff.isoformat(), after, self.batch)
            if ids:
                async with self.store.transaction() as db:
                    deleted += await queries.delete_articles(db, ids)
                batches += 1
            await asyncio.sleep(0)  # let polls and digests take the writer between batches
        async with self.store.read() as db:
            oldest = await queries.oldest_published(db)
        report = PruneReport(cutoff, deleted, batches, oldest, time.perf_counter() - started)
        if deleted:
            log.info("%s", report.to_text())
        return report

    async def run_forever(self) -> None:
        """Prune once at start, then once a day; a failing run is logged and retried next day."""
        while True:
            try:
                await self.prune_once()
            except Exception:
                log.exception("retention run failed; retrying tomorrow")
            await asyncio.sleep(DAY.total_seconds())
