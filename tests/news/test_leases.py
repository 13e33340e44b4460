"""Shared polling: pollers in separate connections claim due feeds with leases on one SQLite file.

Each due feed is fetched once per cycle by exactly one poller; a poller that stops holding leases
(dead) loses its feeds to the others when the leases expire; a restarted process on the same host
takes back its dead predecessor's leases at once.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.http import make_client
from bot.news import service as news_service
from bot.news.service import NewsService
from storage import Store, feeds
from tests.news.conftest import Recorder, news_settings
from tests.support.feed_server import FeedServer, generated_feed

FEEDS = 40


async def open_poller(tmp_path: Path, instance: str, **settings: object) -> NewsService:
    config = news_settings(tmp_path, HOTSEAT_INSTANCE=instance, **settings)
    store = await Store.open(config.db_path)
    return NewsService(store, config, make_client(config), on_article=Recorder())


async def close_poller(poller: NewsService) -> None:
    await poller.http.aclose()
    await poller.store.close()


@pytest.fixture
async def served(feed_server: FeedServer, tmp_path: Path) -> list[str]:
    urls = []
    for n in range(FEEDS):
        feed_server.slow(f"/f{n}.xml", 0.05, generated_feed(n, items=3))
        urls.append(feed_server.url(f"/f{n}.xml"))
    setup = await open_poller(tmp_path, "setup")
    for url in urls:
        await setup.add_feed(url, None)
    await close_poller(setup)
    return urls


async def test_two_pollers_fetch_every_due_feed_exactly_once(
    served: list[str], feed_server: FeedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(news_service, "CLAIM_BATCH", 4)  # small batches, so the two interleave
    a, b = await open_poller(tmp_path, "a"), await open_poller(tmp_path, "b")
    try:
        first, second = await asyncio.gather(a.poll_due(), b.poll_due())
        assert first.feeds + second.feeds == FEEDS
        assert first.feeds > 0 and second.feeds > 0
        assert first.failures == second.failures == 0
        assert sorted(feed_server.hits.values()) == [1] * FEEDS
        again = await asyncio.gather(a.poll_due(), b.poll_due())  # nothing is due until next cycle
        assert [r.feeds for r in again] == [0, 0]
        async with a.store.read() as db:
            assert await feeds.leases(db) == {}  # every lease was cleared with its poll
    finally:
        await close_poller(a)
        await close_poller(b)


async def test_a_dead_pollers_feeds_are_taken_over_when_its_leases_expire(
    served: list[str], feed_server: FeedServer, tmp_path: Path
) -> None:
    survivor = await open_poller(tmp_path, "survivor")
    try:
        now = datetime.now(UTC)
        async with survivor.store.transaction() as db:  # a poller claims half, then dies
            dead = await feeds.claim_due(db, "gone:1", now, now + timedelta(seconds=1), FEEDS // 2)
        assert len(dead) == FEEDS // 2
        first = await survivor.poll_due()
        assert first.feeds == FEEDS - len(dead)
        assert not any(feed_server.hits[f"/f{row.url.rsplit('/f', 1)[1]}"] for row in dead)
        await asyncio.sleep(2.5)  # past the expiry (polls read the clock in whole seconds)
        second = await survivor.poll_due()
        assert second.feeds == len(dead)
        assert sorted(feed_server.hits.values()) == [1] * FEEDS
    finally:
        await close_poller(survivor)


async def test_a_restarted_poller_takes_back_its_dead_predecessors_leases(
    served: list[str], tmp_path: Path
) -> None:
    dead_child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True)
    dead_pid = int(dead_child.stdout)
    poller = await open_poller(tmp_path, "host1", HOTSEAT_FEED_LEASE_SECONDS=3600)
    try:
        now = datetime.now(UTC)
        until = now + timedelta(hours=1)
        async with poller.store.transaction() as db:
            await feeds.claim_due(db, f"host1:{dead_pid}", now, until, 3)  # killed predecessor
            await feeds.claim_due(db, f"host1:{os.getppid()}", now, until, 3)  # alive on this host
            await feeds.claim_due(db, f"host2:{dead_pid}", now, until, 3)  # another host: not ours
        await poller._release_orphans()
        async with poller.store.read() as db:
            owners = sorted({owner for owner, _ in (await feeds.leases(db)).values()})
        assert owners == [f"host1:{os.getppid()}", f"host2:{dead_pid}"]
    finally:
        await close_poller(poller)


async def test_a_lease_is_renewed_while_a_slow_poll_runs(feed_server: FeedServer, tmp_path: Path) -> None:
    feed_server.slow("/slow.xml", 6, generated_feed(1, items=2))
    slow = await open_poller(tmp_path, "slow", HOTSEAT_FEED_LEASE_SECONDS=2, HOTSEAT_FETCH_TIMEOUT_SECONDS=15)
    other = await open_poller(tmp_path, "other", HOTSEAT_FEED_LEASE_SECONDS=2)
    try:
        await slow.add_feed(feed_server.url("/slow.xml"), None)
        running = asyncio.create_task(slow.poll_due())
        await eventually_leased(slow)
        async with slow.store.read() as db:
            [(_, first_expiry)] = (await feeds.leases(db)).values()
        # Past the first lease's expiry (by the store's clock): only a renewal keeps the feed claimed.
        # Renewals come every lease/3, so a loaded machine still has a wide margin.
        while datetime.now(UTC) < first_expiry + timedelta(seconds=0.5):
            await asyncio.sleep(0.1)
        assert (await other.poll_due()).feeds == 0
        assert (await running).feeds == 1
        assert feed_server.hits["/slow.xml"] == 1
    finally:
        await close_poller(slow)
        await close_poller(other)


async def test_a_cancelled_poll_stops_and_hands_its_leases_back(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    feed_server.slow("/slow.xml", 5, generated_feed(1, items=2))
    poller = await open_poller(tmp_path, "stopping", HOTSEAT_FETCH_TIMEOUT_SECONDS=10)
    try:
        await poller.add_feed(feed_server.url("/slow.xml"), None)
        running = asyncio.create_task(poller.poll_due())
        await eventually_leased(poller)
        running.cancel()
        with pytest.raises(asyncio.CancelledError):
            await asyncio.wait_for(running, 5)
        async with poller.store.read() as db:
            assert await feeds.leases(db) == {}  # another poller may take the feed at once
    finally:
        await close_poller(poller)


async def eventually_leased(poller: NewsService) -> None:
    for _ in range(100):
        async with poller.store.read() as db:
            if await feeds.leases(db):
                return
        await asyncio.sleep(0.05)
    raise AssertionError("the poller never claimed the feed")
