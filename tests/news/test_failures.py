"""Every way a poll can fail is recorded with a backoff and a reason an admin can read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.news import service as news_service
from bot.news.fetch import MAX_RETRY_AFTER, parse_retry_after
from bot.news.service import DISABLE_AFTER, NewsService
from storage import feeds
from tests.support.feed_server import FeedServer, item, rss_feed


async def feed_row(news: NewsService, url: str) -> feeds.FeedRow:
    async with news.store.read() as db:
        row = await feeds.by_url(db, url)
    assert row is not None
    return row


async def assert_backed_off(news: NewsService, url: str, reason: str, at_least: timedelta) -> feeds.FeedRow:
    row = await feed_row(news, url)
    assert row.failures == 1
    assert row.last_error is not None and reason in row.last_error
    assert row.next_poll_at is not None
    assert row.next_poll_at - datetime.now(UTC) >= at_least - timedelta(seconds=5)
    assert (await news.poll_due()).feeds == 0  # not polled again on the next tick
    return row


def first_backoff(news: NewsService) -> timedelta:
    return timedelta(minutes=news.settings.poll_minutes * 2)


async def test_redirect_to_a_broken_idna_host_is_a_recorded_failure(
    news: NewsService, feed_server: FeedServer
) -> None:
    feed_server.redirect("/idna.xml", "http://xn--/")
    await news.add_feed(feed_server.url("/idna.xml"), guild_id=1)
    report = await news.poll_once()
    assert report.failures == 1
    assert (
        dict(report.errors)[feed_server.url("/idna.xml")]
        == "refused to follow a redirect to an invalid address"
    )
    await assert_backed_off(news, feed_server.url("/idna.xml"), "invalid address", first_backoff(news))


@pytest.mark.parametrize("retry_after", ["99999999999999999999", "9" * 5000, "Fri, 31 Dec 9999 23:59:59 GMT"])
async def test_a_huge_retry_after_is_clamped_to_a_week(
    news: NewsService, feed_server: FeedServer, retry_after: str
) -> None:
    feed_server.status("/busy.xml", 503, retry_after=retry_after)
    await news.add_feed(feed_server.url("/busy.xml"), guild_id=1)
    report = await news.poll_once()
    assert report.errors == ((feed_server.url("/busy.xml"), "HTTP 503"),)
    row = await assert_backed_off(news, feed_server.url("/busy.xml"), "HTTP 503", timedelta(days=7))
    assert row.next_poll_at is not None
    assert row.next_poll_at - datetime.now(UTC) <= timedelta(days=7) * 1.1 + timedelta(seconds=5)


def test_retry_after_parsing_clamps_and_ignores_nonsense() -> None:
    now = datetime(2026, 12, 4, tzinfo=UTC)
    assert parse_retry_after("120", now) == 120.0
    assert parse_retry_after("99999999999999999999", now) == MAX_RETRY_AFTER
    assert parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", now) == MAX_RETRY_AFTER
    assert parse_retry_after("Thu, 03 Dec 2026 00:00:00 GMT", now) == 0.0
    assert parse_retry_after("٣٠", now) is None  # digits, but not ASCII ones
    assert parse_retry_after("soon", now) is None


async def test_memory_error_while_parsing_is_recorded_with_backoff(
    news: NewsService, feed_server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def exhausted(*args: Any) -> Any:
        raise MemoryError

    monkeypatch.setattr(news_service, "_parse_and_key", exhausted)
    feed_server.feed("/a.xml", rss_feed([item(1)]))
    await news.add_feed(feed_server.url("/a.xml"), guild_id=1)
    report = await news.poll_once()
    assert report.errors == ((feed_server.url("/a.xml"), "unexpected error (MemoryError)"),)
    await assert_backed_off(
        news, feed_server.url("/a.xml"), "unexpected error (MemoryError)", first_backoff(news)
    )


async def test_disabled_reasons_read_after_disabled(news: NewsService, feed_server: FeedServer) -> None:
    feed_server.status("/gone.xml", 410)
    feed_server.status("/broken.xml", 500)
    gone = await news.add_feed(feed_server.url("/gone.xml"), guild_id=1)
    broken = await news.add_feed(feed_server.url("/broken.xml"), guild_id=1)
    for _ in range(DISABLE_AFTER):
        async with news.store.transaction() as db:  # pretend the backoff has passed
            await db.execute("UPDATE feeds SET next_poll_at = NULL WHERE id = ?", (broken.id,))
        await news.poll_once()
    listed = {status.id: status for status in await news.list_feeds(1)}
    assert listed[gone.id].to_text().splitlines()[1].strip() == (
        "disabled: the server says this feed is gone (HTTP 410)"
    )
    assert listed[broken.id].to_text().splitlines()[1].strip() == (
        f"disabled: {DISABLE_AFTER} failures in a row (last: HTTP 500)"
    )
