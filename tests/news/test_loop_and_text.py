"""The background loop, the per-host cap, compressed bombs, the User-Agent and article text."""

from __future__ import annotations

import asyncio
import gzip
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.http import make_client
from bot.news.service import NewsService
from storage import Store
from tests.news.conftest import Recorder, news_settings
from tests.support.feed_server import FeedServer, item, rss_feed

ARTICLE_PAGE = """<!doctype html><html><head><title>Coach sacked</title></head><body>
<nav>Home | Football | Scores</nav>
<article><h1>Coach sacked after crisis talks</h1>
<p>The club confirmed on Tuesday that the head coach has left after a run of six defeats in a row.</p>
<p>The board met on Monday night and decided that a change was needed before the derby at the weekend.</p>
<p>An interim coach from the academy will take the team while the club searches for a successor.</p>
</article><footer>Copyright</footer></body></html>"""


async def open_news(tmp_path: Path, recorder: Recorder, **overrides: object) -> NewsService:
    settings = news_settings(tmp_path, **overrides)
    store = await Store.open(settings.db_path)
    return NewsService(store, settings, make_client(settings), on_article=recorder)


@pytest.fixture
async def text_news(tmp_path: Path, recorder: Recorder) -> AsyncIterator[NewsService]:
    news = await open_news(tmp_path, recorder, HOTSEAT_FETCH_ARTICLE_TEXT=True)
    try:
        yield news
    finally:
        await news.http.aclose()
        await news.store.close()


async def test_run_forever_polls_and_stops_cleanly(news: NewsService, feed_server: FeedServer) -> None:
    feed_server.feed("/a.xml", rss_feed([item(1)]))
    feed_server.feed("/garbage.xml", b"not xml at all")
    await news.add_feed(feed_server.url("/a.xml"), guild_id=1)
    await news.add_feed(feed_server.url("/garbage.xml"), guild_id=1)
    task = asyncio.create_task(news.run_forever())
    states: dict[str, str] = {}
    for _ in range(500):
        states = {f.url: f.state for f in await news.list_feeds(1)}
        if set(states.values()) == {"ok", "failing"}:
            break
        await asyncio.sleep(0.02)
    assert not task.done()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert states[feed_server.url("/a.xml")] == "ok"
    assert states[feed_server.url("/garbage.xml")] == "failing"


async def test_per_host_cap_limits_parallel_requests(tmp_path: Path, feed_server: FeedServer) -> None:
    news = await open_news(tmp_path, Recorder(), HOTSEAT_PER_HOST_CONCURRENCY=2)
    try:
        for n in range(8):
            feed_server.slow(f"/slow{n}.xml", 0.1, rss_feed([item(n)]))
            await news.add_feed(feed_server.url(f"/slow{n}.xml"), guild_id=1)
        report = await news.poll_once()
    finally:
        await news.http.aclose()
        await news.store.close()
    assert report.ok == 8
    assert feed_server.max_in_flight == 2


async def test_gzip_bomb_is_capped_on_decoded_bytes(news: NewsService, feed_server: FeedServer) -> None:
    inflated = rss_feed([item(1)]).replace(b"</channel>", b" " * 5_000_000 + b"</channel>")
    bomb = gzip.compress(inflated)
    assert len(bomb) < news.settings.max_feed_bytes
    feed_server.feed("/bomb.xml", bomb, headers={"Content-Encoding": "gzip"})
    await news.add_feed(feed_server.url("/bomb.xml"), guild_id=1)
    report = await news.poll_once()
    assert report.failures == 1 and "byte limit" in report.errors[0][1]


async def test_requests_identify_hotseat(news: NewsService, feed_server: FeedServer) -> None:
    feed_server.feed("/a.xml", rss_feed([item(1)]))
    await news.add_feed(feed_server.url("/a.xml"), guild_id=1)
    await news.poll_once()
    headers = feed_server.requests["/a.xml"][0]
    assert headers["User-Agent"].startswith("Hotseat/")
    assert "rss+xml" in headers["Accept"]


async def test_article_text_is_fetched_for_new_articles_after_the_first_poll(
    text_news: NewsService, feed_server: FeedServer, recorder: Recorder
) -> None:
    feed_server.page("/articles/1", ARTICLE_PAGE)
    feed_server.page("/articles/2", ARTICLE_PAGE.replace("six defeats", "seven defeats"))
    first = item(1, link=feed_server.url("/articles/1"))
    feed_server.feed("/a.xml", rss_feed([first]))
    await text_news.add_feed(feed_server.url("/a.xml"), guild_id=1)
    await text_news.poll_once()
    assert feed_server.hits["/articles/1"] == 0  # first poll: stored quietly, no page flood
    feed_server.feed("/a.xml", rss_feed([item(2, link=feed_server.url("/articles/2")), first]))
    await text_news.poll_once()
    latest = recorder.seen[-1]
    assert latest.body is not None and "seven defeats" in latest.body
    assert "Copyright" not in latest.body
    assert latest.text == latest.body
    async with (
        text_news.store.read() as db,
        db.execute("SELECT body FROM articles WHERE id = ?", (latest.id,)) as cur,
    ):
        row = await cur.fetchone()
    assert row is not None and "seven defeats" in row[0]


async def test_article_text_failure_keeps_the_summary(
    text_news: NewsService, feed_server: FeedServer, recorder: Recorder
) -> None:
    feed_server.feed("/a.xml", rss_feed([item(1)]))
    await text_news.add_feed(feed_server.url("/a.xml"), guild_id=1)
    await text_news.poll_once()
    feed_server.status("/articles/404", 404)
    feed_server.feed("/a.xml", rss_feed([item(2, link=feed_server.url("/articles/404")), item(1)]))
    report = await text_news.poll_once()
    assert report.new == 1
    assert recorder.seen[-1].body is None and recorder.seen[-1].text == "Summary of story 2."
