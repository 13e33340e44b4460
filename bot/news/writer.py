"""Group commit for polled feeds: feeds finishing while a transaction runs are stored together.

Fewer commits and round trips to the database thread, and each feed's validators (ETag,
Last-Modified) still advance only in the transaction that saved its articles. A group that fails is
stored again feed by feed, so one bad feed costs only itself.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.news.ingest import Batch, StoreResult, store_batch
from storage import Store, feeds

log = logging.getLogger(__name__)

WRITE_GROUP = 64  # feeds stored per transaction at most


@dataclass(frozen=True, slots=True)
class Save:
    """A fetched feed's items plus the validators that may advance only with them."""

    batch: Batch
    etag: str | None
    last_modified: str | None
    next_poll: datetime
    rename: bool = False  # store the source's outlet/language on the feed row too
    not_modified: bool = False  # a 304: nothing to store, only the poll to record


class GroupWriter:
    """Queues saves and stores them in groups on one background task."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._pending: list[tuple[Save, asyncio.Future[StoreResult]]] = []
        self._task: asyncio.Task[None] | None = None

    async def save(self, save: Save) -> StoreResult:
        """Queue one feed's items for the group writer and wait until they are committed."""
        done: asyncio.Future[StoreResult] = asyncio.get_running_loop().create_future()
        self._pending.append((save, done))
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._write_pending())
        return await done

    async def finish(self) -> None:
        """Let a running group commit finish (it is short) so the store can close cleanly after us."""
        task = self._task
        if task is None or task.done():
            return
        try:
            await asyncio.wait_for(asyncio.shield(task), timeout=30)
        except (TimeoutError, asyncio.CancelledError):
            log.warning("stopped before the last feed write finished")
        except Exception:
            log.exception("the last feed write failed")

    async def _write_pending(self) -> None:
        while self._pending:
            group, self._pending = self._pending[:WRITE_GROUP], self._pending[WRITE_GROUP:]
            try:
                results = await self._write(group)
            except Exception:
                log.warning("storing %d feeds together failed; storing them one by one", len(group))
                for save, done in group:
                    await self._write_alone(save, done)
                continue
            for (_, done), result in zip(group, results, strict=True):
                if not done.done():
                    done.set_result(result)

    async def _write_alone(self, save: Save, done: asyncio.Future[StoreResult]) -> None:
        try:
            [result] = await self._write([(save, done)])
        except Exception as exc:
            log.exception("storing feed %s failed", save.batch.source.feed_id)
            if not done.done():
                done.set_exception(exc)
            return
        if not done.done():
            done.set_result(result)

    async def _write(self, group: Sequence[tuple[Save, object]]) -> list[StoreResult]:
        async with self.store.transaction() as db:
            results = await store_batch(db, [save.batch for save, _ in group])
            await feeds.record_successes(
                db,
                [
                    (
                        save.batch.source.feed_id or 0,
                        save.etag,
                        save.last_modified,
                        save.batch.fetched_at,
                        save.next_poll,
                    )
                    for save, _ in group
                ],
            )
            for save, _ in group:
                source = save.batch.source
                if save.rename and source.feed_id is not None:
                    await feeds.rename(db, source.feed_id, source.outlet, source.language)
        return results
