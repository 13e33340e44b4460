"""News ingestion: poll feeds (or replay saved files) → parse → clean → dedupe → store → hand on.

Each feed is polled on its own task: a slow, huge, hostile or broken feed costs only its own slot.
Validators (ETag/Last-Modified) advance in the same transaction that saved the articles (the group
writer, bot/news/writer.py), and the analysis hook runs only after that commit, once per new article.
Which feeds exist and who sees them is bot/news/manage.py's part (FeedManager, inherited here).
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
from collections.abc import Awaitable, Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

import httpx

from bot import metrics
from bot.config import Settings
from bot.errors import UserError
from bot.models import StoredArticle
from bot.news import fetch
from bot.news.article_text import fetch_article_text
from bot.news.defaults import outlet_for
from bot.news.fetch import FetchError, SafeFetcher
from bot.news.ingest import Batch, Keyed, Source, StoreResult, key_items, store_items
from bot.news.manage import FeedHealth, FeedManager, placeholder_outlet
from bot.news.manage import now as _now
from bot.news.parse import NotAFeed, ParsedFeed, parse_feed
from bot.news.reports import IngestReport, PollReport
from bot.news.writer import WRITE_GROUP, GroupWriter, Save
from bot.workers import AnalysisUnavailable
from storage import Store, StoreWriteError, articles, feeds
from storage.feeds import FeedRow

__all__ = ["DISABLE_AFTER", "FeedHealth", "NewsService"]

log = logging.getLogger(__name__)

ArticleHandler = Callable[[StoredArticle], Awaitable[object]]  # the result, if any, is ignored

DISABLE_AFTER = 8  # consecutive failures
MAX_BACKOFF = timedelta(hours=24)
MAX_RETRY_AFTER = timedelta(seconds=fetch.MAX_RETRY_AFTER)
FEED_TASKS = 32  # feeds in flight at once (memory bound: each holds at most max_feed_bytes)
ARTICLE_TEXT_TASKS = 4
SAVE_TASKS = WRITE_GROUP  # parsed feeds being stored or analysed at most (memory bound)
LOOP_MIN_SLEEP = 5.0
LOOP_MAX_SLEEP = 60.0
PARSE_THREADS = 2
CLAIM_BATCH = 32  # feeds leased per claim: pollers sharing the feeds interleave batch by batch
CATCH_UP_LIMIT = 500  # articles caught up per poll after a crash (bounded work per cycle)

# Feeds are parsed on threads of their own rather than asyncio's shared pool: during a poll they
# are usually busy, so handing them a feed seldom has to wake a sleeping thread (a costly switch
# while the event loop holds the GIL), and a slow hostile feed still holds up only one of them.
_parsers = ThreadPoolExecutor(max_workers=PARSE_THREADS, thread_name_prefix="hotseat-parse")


@dataclass(frozen=True, slots=True)
class _Outcome:
    kind: str  # "ok" | "304" | "failed"
    new: int = 0
    updated: int = 0
    error: str | None = None
    disabled: bool = False


def _parse_and_key(
    body: bytes, headers: Mapping[str, str], url: str, feed_id: int
) -> tuple[ParsedFeed, tuple[list[Keyed], int]]:
    """Worker-thread step: parse, clean and compute dedupe keys in one hop off the event loop."""
    parsed = parse_feed(body, headers, url)
    return parsed, key_items(feed_id, parsed.items)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def _language(value: str | None, fallback: str = "en") -> str:
    if not value:
        return fallback
    return value.strip().lower().replace("_", "-").split("-", 1)[0][:8] or fallback


class NewsService(FeedManager):
    def __init__(
        self, store: Store, settings: Settings, http: httpx.AsyncClient, on_article: ArticleHandler
    ) -> None:
        self.store = store
        self.settings = settings
        self.http = http
        self.on_article = on_article
        self.fetcher = SafeFetcher(
            http,
            max_bytes=settings.max_feed_bytes,
            timeout=settings.fetch_timeout_seconds,
            per_host=settings.per_host_concurrency,
        )
        self._feed_slots = asyncio.Semaphore(FEED_TASKS)
        self._save_slots = asyncio.Semaphore(SAVE_TASKS)
        self._text_slots = asyncio.Semaphore(ARTICLE_TEXT_TASKS)
        self.writer = GroupWriter(store)
        self.poller_id = f"{settings.instance}:{os.getpid()}"  # names this process's feed leases
        self.last_poll_at: datetime | None = None  # when a poll cycle last finished (health checks)

    # --- polling --------------------------------------------------------------------------------

    async def poll_once(self) -> PollReport:
        """Poll every enabled feed now, except feeds a server asked us to leave alone for a while."""
        await self._catch_up()
        now = _now()
        async with self.store.read() as db:
            rows = await feeds.enabled(db)
        chosen = [r for r in rows if not r.failures or r.next_poll_at is None or r.next_poll_at <= now]
        return await self._poll(chosen)

    async def poll_due(self) -> PollReport:
        """Poll the feeds whose scheduled time has come (the background loop's step).

        Due feeds are claimed in batches with a lease (storage/feeds.claim_due), so pollers in other
        processes take other feeds and each due feed is fetched once per cycle. The lease is renewed
        while the poll runs (a slow feed or a long analysis never lets it lapse), so it lapses only
        when the poller dies: HOTSEAT_FEED_LEASE_SECONDS later another poller takes those feeds over.
        """
        await self._catch_up()
        rows: list[FeedRow] = []
        outcomes: list[_Outcome] = []
        lease = timedelta(seconds=self.settings.feed_lease_seconds)
        renewer = asyncio.create_task(self._renew_leases(lease), name="lease renewal")
        try:
            await self._claim_and_poll(lease, rows, outcomes)
        finally:
            renewer.cancel()
            await asyncio.wait([renewer])  # unlike awaiting it, never swallows our own cancellation
        return self._report(rows, outcomes)

    async def _renew_leases(self, lease: timedelta) -> None:
        while True:
            await asyncio.sleep(lease.total_seconds() / 3)
            try:
                async with self.store.transaction() as db:
                    await feeds.renew(db, self.poller_id, _now() + lease)
            except StoreWriteError as exc:
                log.warning("could not renew feed leases: %s", exc)

    async def _claim_and_poll(self, lease: timedelta, rows: list[FeedRow], outcomes: list[_Outcome]) -> None:
        while True:
            now = _now()
            async with self.store.transaction() as db:
                batch = await feeds.claim_due(db, self.poller_id, now, now + lease, CLAIM_BATCH)
            if not batch:
                break
            try:
                outcomes += await asyncio.gather(*(self._poll_guarded(row) for row in batch))
            except asyncio.CancelledError:  # stopping: hand back what we hold so nobody waits for expiry
                await asyncio.shield(self._release(batch))
                raise
            rows += batch

    async def _release_orphans(self) -> None:
        """Leases of an earlier process under this instance name that died (a kill -9, then restart)."""
        me = os.getpid()
        try:
            async with self.store.transaction() as db:
                freed = await feeds.release_orphans(
                    db, self.settings.instance, lambda pid: pid != me and _process_alive(pid)
                )
        except StoreWriteError:
            return
        if freed:
            log.info("took back %d feed leases of an earlier process on this host", freed)

    async def _release(self, rows: Sequence[FeedRow]) -> None:
        try:
            async with self.store.transaction() as db:
                await feeds.release(db, self.poller_id, [row.id for row in rows])
        except Exception:
            log.warning("could not hand back feed leases; they expire by themselves", exc_info=True)

    async def run_forever(self) -> None:
        """The polling loop for `hotseat run`: never dies on one bad poll; cancel to stop."""
        await self._release_orphans()
        try:
            while True:
                try:
                    report = await self.poll_due()
                    if report.feeds:
                        log.info("poll: %s", report.to_text().splitlines()[0])
                except asyncio.CancelledError:
                    raise
                except Exception:
                    log.exception("poll cycle failed; trying again later")
                await asyncio.sleep(await self._seconds_to_next_due())
        finally:
            await self.writer.finish()

    async def _seconds_to_next_due(self) -> float:
        async with self.store.read() as db:
            rows = await feeds.enabled(db)
        if not rows:
            return LOOP_MAX_SLEEP
        now = _now()
        soonest = min((r.next_poll_at or now) for r in rows)
        wait = (soonest - now).total_seconds()
        return min(LOOP_MAX_SLEEP, max(LOOP_MIN_SLEEP, wait))

    async def _poll(self, rows: Sequence[FeedRow]) -> PollReport:
        outcomes = await asyncio.gather(*(self._poll_guarded(row) for row in rows))
        return self._report(rows, outcomes)

    def _report(self, rows: Sequence[FeedRow], outcomes: Sequence[_Outcome]) -> PollReport:
        report = PollReport(
            feeds=len(rows),
            ok=sum(o.kind == "ok" for o in outcomes),
            not_modified=sum(o.kind == "304" for o in outcomes),
            failures=sum(o.kind == "failed" for o in outcomes),
            new=sum(o.new for o in outcomes),
            updated=sum(o.updated for o in outcomes),
            disabled=sum(o.disabled for o in outcomes),
            errors=tuple((row.url, o.error) for row, o in zip(rows, outcomes, strict=True) if o.error),
        )
        metrics.record_poll(report)
        self.last_poll_at = _now()
        return report

    async def _poll_guarded(self, row: FeedRow) -> _Outcome:
        try:
            async with self._feed_slots:
                step = await self._fetch_feed(row)
            if isinstance(step, _Outcome):
                return step
            # The fetch slot is free again while the items wait for the group writer and analysis,
            # so fetching goes on at full concurrency; feeds at those steps are bounded apart.
            async with self._save_slots:
                result = await self.writer.save(step)
                if step.not_modified:
                    return _Outcome("304")
                await self._hand_on(result.new)
            return _Outcome("ok", new=len(result.new), updated=result.updated)
        except asyncio.CancelledError:
            raise
        except StoreWriteError as exc:  # the store's fault, not the feed's: due again once writes work
            log.warning("polling %s: not stored (%s)", row.url, exc)
            return _Outcome("failed", error=str(exc))
        except Exception as exc:  # a bug or MemoryError must not take other feeds down
            log.exception("polling %s failed unexpectedly", row.url)
            reason = f"unexpected error ({type(exc).__name__})"
            try:  # backed off like any failure, so a feed that trips a bug is not retried every tick
                return await self._failed(row, reason, None, False)
            except Exception:
                log.exception("could not record the failure of %s", row.url)
                return _Outcome("failed", error=reason)

    def _next_poll(self, now: datetime) -> datetime:
        minutes = self.settings.poll_minutes * random.uniform(0.85, 1.15)
        return now + timedelta(minutes=minutes)

    async def _fetch_feed(self, row: FeedRow) -> _Outcome | Save:
        """Fetch and parse one feed: what to store (a 304 too: it is recorded with the group), or the
        outcome of a failure, which is recorded at once."""
        try:
            fetched = await self.fetcher.fetch(row.url, etag=row.etag, last_modified=row.last_modified)
        except FetchError as exc:
            return await self._failed(row, exc.reason, exc.retry_after, exc.permanent)
        now = _now()
        if fetched.status == 304:
            return Save(
                Batch(Source(row.id, row.outlet, row.language, first_poll=False), ([], 0), now),
                fetched.etag or row.etag,
                fetched.last_modified or row.last_modified,
                self._next_poll(now),
                not_modified=True,
            )
        try:
            parsed, keyed = await asyncio.get_running_loop().run_in_executor(
                _parsers, _parse_and_key, fetched.body, fetched.headers, fetched.url, row.id
            )
        except NotAFeed as exc:
            return await self._failed(row, str(exc), None, False)
        outlet, language, rename = row.outlet, row.language, False
        if not row.is_default and row.outlet == placeholder_outlet(row.url) and parsed.title:
            # A custom feed is labelled by its host until its own title is known.
            outlet, language, rename = parsed.title[:80], _language(parsed.language, row.language), True
        # The document's own declaration, else a bundled feed's curated language; else detected later.
        lang = _language(parsed.language, "") or (row.language if row.is_default else None)
        source = Source(row.id, outlet, language, first_poll=row.last_success_at is None, lang=lang)
        return Save(
            Batch(source, keyed, now),
            fetched.etag,
            fetched.last_modified,
            self._next_poll(now),
            rename,
        )

    async def _failed(
        self, row: FeedRow, reason: str, retry_after: float | None, permanent: bool
    ) -> _Outcome:
        now = _now()
        failures = row.failures + 1
        backoff = min(timedelta(minutes=self.settings.poll_minutes) * 2 ** min(failures, 16), MAX_BACKOFF)
        if retry_after is not None:
            backoff = max(backoff, timedelta(seconds=min(retry_after, MAX_RETRY_AFTER.total_seconds())))
        backoff *= random.uniform(1.0, 1.1)
        disabled: str | None = None
        if permanent:
            disabled = reason
        elif failures >= DISABLE_AFTER:
            disabled = f"{failures} failures in a row (last: {reason})"
        async with self.store.transaction() as db:
            await feeds.record_failure(db, row.id, reason, now, now + backoff, disabled)
        log.info("feed %s failed (%s)%s", row.url, reason, " and is now disabled" if disabled else "")
        return _Outcome("failed", error=reason, disabled=disabled is not None)

    async def _hand_on(self, new: Sequence[StoredArticle]) -> None:
        """Give each committed new article to analysis; its errors are logged, never raised.

        Each article is marked as handed on afterwards, so one a crash (or a full disk) kept from
        analysis is caught up by `_catch_up` on the next poll; analysis is idempotent per article.
        """
        if self.settings.fetch_article_text:
            new = await asyncio.gather(*(self._with_text(article) for article in new))
        handed: list[int] = []
        for article in new:
            try:
                await self.on_article(article)
            except asyncio.CancelledError:
                raise
            except (StoreWriteError, AnalysisUnavailable) as exc:  # not this article's fault: retried later
                log.warning("analysis of article %s not stored (%s); will retry", article.id, exc)
                continue
            except Exception:  # a fault in the analysis itself would only repeat: do not retry it
                log.exception("analysis of article %s (%s) failed", article.id, article.url)
            handed.append(article.id)
        if handed:
            try:
                async with self.store.transaction() as db:
                    await articles.mark_analysed(db, handed)
            except StoreWriteError as exc:
                log.warning("could not mark %d article(s) as analysed (%s)", len(handed), exc)

    async def _catch_up(self) -> None:
        """Hand on articles stored before a crash or a failed write that never reached analysis."""
        async with self.store.read() as db:
            rows = await articles.awaiting_analysis(db, CATCH_UP_LIMIT)
        if not rows:
            return
        log.info("analysing %d article(s) stored before a restart or a failed write", len(rows))
        await self._hand_on(
            [
                StoredArticle(
                    id=row["id"],
                    feed_id=row["feed_id"],
                    url=row["url"],
                    title=row["title"],
                    summary=row["summary"],
                    body=row["body"],
                    outlet=row["outlet"],
                    language=row["language"],
                    published_at=datetime.fromisoformat(row["published_at"]),
                    first_poll=bool(row["first_poll"]),
                    lang=row["lang"],
                )
                for row in rows
            ]
        )

    async def _with_text(self, article: StoredArticle) -> StoredArticle:
        """Fetch the page text for a new article (not on a feed's first poll: that would be a flood)."""
        if article.first_poll:
            return article
        async with self._text_slots:
            body = await fetch_article_text(self.fetcher, article.url)
        if not body:
            return article
        async with self.store.transaction() as db:
            await articles.set_body(db, article.id, body)
        return replace(article, body=body)

    # --- offline replay -------------------------------------------------------------------------

    async def ingest_dir(self, folder: Path) -> IngestReport:
        """Replay saved feed files (one feed per file, any RSS/Atom, any encoding) through the same path."""
        if not folder.is_dir():
            raise UserError(f"{folder} is not a folder; give the folder holding the saved feed files.")
        await self._catch_up()  # like a poll: articles an earlier run stored but never analysed
        files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
        totals = StoreResult()
        readable = items = 0
        skipped: list[tuple[str, str]] = []
        failed: list[tuple[str, str]] = []
        for path in files:
            name = str(path.relative_to(folder))
            try:
                parsed = await asyncio.to_thread(self._read_feed_file, path)
            except (NotAFeed, OSError) as exc:
                skipped.append((name, str(exc) if isinstance(exc, NotAFeed) else f"unreadable ({exc})"))
                continue
            readable += 1
            items += len(parsed.items)
            outlet = outlet_for(parsed.link) or parsed.title or path.stem
            lang = _language(parsed.language, "") or None
            source = Source(None, outlet[:100], _language(parsed.language), first_poll=True, lang=lang)
            try:
                async with self.store.transaction() as db:
                    result = await store_items(db, source, parsed.items, _now())
            except StoreWriteError as exc:
                failed.append((name, str(exc)))
                break  # the store cannot write at all: say so once and stop, not once per file
            except Exception as exc:
                log.exception("storing %s failed", name)
                failed.append((name, f"could not store ({type(exc).__name__})"))
                continue
            totals.updated += result.updated
            totals.duplicates += result.duplicates
            totals.new.extend(result.new)
            await self._hand_on(result.new)
        return IngestReport(
            files=len(files),
            feeds=readable,
            items=items,
            new=len(totals.new),
            updated=totals.updated,
            duplicates=totals.duplicates,
            skipped=tuple(skipped),
            failed=tuple(failed),
        )

    def _read_feed_file(self, path: Path) -> ParsedFeed:
        if path.stat().st_size > self.settings.max_feed_bytes:
            raise NotAFeed(f"larger than the {self.settings.max_feed_bytes:,} byte limit")
        return parse_feed(path.read_bytes(), {}, "")
