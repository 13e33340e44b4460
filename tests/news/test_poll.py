"""Polling against a real local HTTP server: validators, faults, safety, dedupe, restart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.errors import UserError
from bot.http import make_client
from bot.news.service import DISABLE_AFTER, NewsService
from storage import Store, articles, feeds
from tests.news.conftest import Recorder, news_settings
from tests.support.feed_server import FeedServer, atom_feed, item, rdf_feed, rss_feed

LAST_MODIFIED = "Tue, 24 Nov 2026 06:00:00 GMT"


async def stored_titles(news: NewsService) -> list[str]:
    async with news.store.read() as db:
        return [title for title, _ in await articles.titles(db)]


async def feed_row(news: NewsService, url: str) -> feeds.FeedRow:
    async with news.store.read() as db:
        row = await feeds.by_url(db, url)
    assert row is not None
    return row


async def test_200_then_304_with_etag(news: NewsService, feed_server: FeedServer, recorder: Recorder) -> None:
    feed_server.feed("/a.xml", rss_feed([item(1), item(2)]), etag='"v1"')
    await news.add_feed(feed_server.url("/a.xml"), guild_id=1)
    first = await news.poll_once()
    assert (first.ok, first.new, first.failures) == (1, 2, 0)
    second = await news.poll_once()
    assert (second.not_modified, second.new) == (1, 0)
    assert feed_server.requests["/a.xml"][1]["If-None-Match"] == '"v1"'
    assert len(recorder.seen) == 2
    assert all(a.first_poll for a in recorder.seen)


async def test_304_with_last_modified(news: NewsService, feed_server: FeedServer) -> None:
    feed_server.feed("/lm.xml", rss_feed([item(1)]), last_modified=LAST_MODIFIED)
    await news.add_feed(feed_server.url("/lm.xml"), guild_id=None)
    await news.poll_once()
    report = await news.poll_once()
    assert report.not_modified == 1
    assert feed_server.requests["/lm.xml"][1]["If-Modified-Since"] == LAST_MODIFIED
    assert "If-None-Match" not in feed_server.requests["/lm.xml"][1]


async def test_new_items_after_first_poll_are_handed_on_for_alerts(
    news: NewsService, feed_server: FeedServer, recorder: Recorder
) -> None:
    feed_server.feed("/a.xml", rss_feed([item(1)]), etag='"v1"')
    await news.add_feed(feed_server.url("/a.xml"), guild_id=1)
    await news.poll_once()
    feed_server.feed("/a.xml", rss_feed([item(2), item(1)]), etag='"v2"')
    report = await news.poll_once()
    assert report.new == 1
    assert [(a.title, a.first_poll) for a in recorder.seen] == [
        ("Story 1: manager under pressure", True),
        ("Story 2: manager under pressure", False),
    ]


async def test_restart_resumes_with_stored_validators(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.feed("/a.xml", rss_feed([item(1)]), etag='"v1"', last_modified=LAST_MODIFIED)
    settings = news_settings(tmp_path)
    for round_ in range(2):
        store = await Store.open(settings.db_path)
        client = make_client(settings)
        try:
            news = NewsService(store, settings, client, on_article=Recorder())
            if round_ == 0:
                await news.add_feed(feed_server.url("/a.xml"), guild_id=None)
            report = await news.poll_once()
        finally:
            await client.aclose()
            await store.close()
    assert report.not_modified == 1
    headers = feed_server.requests["/a.xml"][1]
    assert headers["If-None-Match"] == '"v1"'
    assert headers["If-Modified-Since"] == LAST_MODIFIED


async def test_redirects_are_followed_and_rechecked(news: NewsService, feed_server: FeedServer) -> None:
    feed_server.feed("/real.xml", rss_feed([item(1)]))
    feed_server.redirect("/old.xml", "/hop.xml", status=301)
    feed_server.redirect("/hop.xml", feed_server.url("/real.xml"), status=307)
    feed_server.redirect("/to-metadata.xml", "http://169.254.169.254/latest/meta-data/")
    feed_server.redirect("/to-cgnat.xml", "http://100.64.0.7/feed")
    feed_server.redirect("/to-file.xml", "file:///etc/passwd")
    for n in range(7):
        feed_server.redirect(f"/loop{n}.xml", f"/loop{n + 1}.xml")
    for path in ("/old.xml", "/to-metadata.xml", "/to-cgnat.xml", "/to-file.xml", "/loop0.xml"):
        await news.add_feed(feed_server.url(path), guild_id=1)
    report = await news.poll_once()
    assert (report.ok, report.new, report.failures) == (1, 1, 4)
    errors = dict(report.errors)
    assert "metadata" in errors[feed_server.url("/to-metadata.xml")]
    assert "carrier-grade NAT" in errors[feed_server.url("/to-cgnat.xml")]
    assert "redirect" in errors[feed_server.url("/to-file.xml")]
    assert "more than 5 redirects" in errors[feed_server.url("/loop0.xml")]
    assert feed_server.hits["/loop6.xml"] == 0
    metadata = await feed_row(news, feed_server.url("/to-metadata.xml"))
    assert metadata.disabled_reason and "metadata" in metadata.disabled_reason


async def test_loopback_feed_refused_unless_private_feeds_allowed(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    settings = news_settings(tmp_path, HOTSEAT_ALLOW_PRIVATE_FEEDS=False)
    store = await Store.open(settings.db_path)
    client = make_client(settings)
    try:
        news = NewsService(store, settings, client, on_article=Recorder())
        with pytest.raises(UserError, match="loopback"):
            await news.add_feed(feed_server.url("/a.xml"), guild_id=1)
        with pytest.raises(UserError, match="Only http"):
            await news.add_feed("gopher://x.example/", guild_id=1)
        assert await news.list_feeds(1) == []
    finally:
        await client.aclose()
        await store.close()
    assert feed_server.hits.total() == 0


async def test_slow_server_times_out_without_delaying_others(
    news: NewsService, feed_server: FeedServer
) -> None:
    feed_server.slow("/slow.xml", 30, rss_feed([item(1)]))
    feed_server.feed("/fast.xml", rss_feed([item(2)]))
    await news.add_feed(feed_server.url("/slow.xml"), guild_id=1)
    await news.add_feed(feed_server.url("/fast.xml"), guild_id=1)
    report = await news.poll_once()
    assert (report.ok, report.failures) == (1, 1)
    assert "within 2 s" in dict(report.errors)[feed_server.url("/slow.xml")]
    assert await stored_titles(news) == ["Story 2: manager under pressure"]


async def test_endless_body_hits_the_size_cap(news: NewsService, feed_server: FeedServer) -> None:
    feed_server.endless("/endless.xml")
    await news.add_feed(feed_server.url("/endless.xml"), guild_id=1)
    report = await news.poll_once()
    assert report.failures == 1
    assert "byte limit" in report.errors[0][1]
    row = await feed_row(news, feed_server.url("/endless.xml"))
    assert row.failures == 1 and row.last_error and "byte limit" in row.last_error


@pytest.mark.parametrize(("code", "retry_after"), [(404, None), (500, None), (429, "3600"), (503, "7200")])
async def test_error_statuses_back_off_and_honour_retry_after(
    news: NewsService, feed_server: FeedServer, code: int, retry_after: str | None
) -> None:
    feed_server.status("/err.xml", code, retry_after=retry_after)
    await news.add_feed(feed_server.url("/err.xml"), guild_id=1)
    before = datetime.now(UTC)
    report = await news.poll_once()
    assert report.failures == 1 and report.errors[0][1] == f"HTTP {code}"
    row = await feed_row(news, feed_server.url("/err.xml"))
    assert row.failures == 1 and row.next_poll_at is not None
    wait = row.next_poll_at - before
    assert wait >= timedelta(minutes=news.settings.poll_minutes * 2) - timedelta(seconds=2)
    if retry_after:
        assert wait >= timedelta(seconds=int(retry_after)) - timedelta(seconds=2)
    again = await news.poll_once()  # still backing off: the server is left alone
    assert again.feeds == 0 and feed_server.hits["/err.xml"] == 1


async def test_repeated_failures_disable_the_feed_with_a_visible_reason(
    news: NewsService, feed_server: FeedServer
) -> None:
    feed_server.status("/gone.xml", 500)
    status = await news.add_feed(feed_server.url("/gone.xml"), guild_id=1)
    for _ in range(DISABLE_AFTER):
        async with news.store.transaction() as db:  # pretend the backoff has passed
            await db.execute("UPDATE feeds SET next_poll_at = NULL WHERE id = ?", (status.id,))
        await news.poll_once()
    [listed] = await news.list_feeds(1)
    assert listed.state == "disabled"
    assert listed.disabled_reason and "HTTP 500" in listed.disabled_reason
    assert "disabled" in listed.to_text()
    assert (await news.health()).disabled == 1
    assert (await news.poll_once()).feeds == 0


async def test_410_gone_disables_at_once(news: NewsService, feed_server: FeedServer) -> None:
    feed_server.status("/410.xml", 410)
    await news.add_feed(feed_server.url("/410.xml"), guild_id=1)
    report = await news.poll_once()
    assert report.disabled == 1


async def test_garbage_bytes_fail_that_feed_only(news: NewsService, feed_server: FeedServer) -> None:
    feed_server.feed("/garbage.xml", b"\x89PNG\r\n\x1a\n\x00\x00garbage<<<>>>")
    feed_server.feed("/ok.xml", atom_feed([item(1)]))
    feed_server.feed("/missing-ok.xml", rdf_feed([item(2)]))
    feed_server.status("/down.xml", 500)
    for path in ("/garbage.xml", "/ok.xml", "/missing-ok.xml", "/down.xml", "/nowhere.xml"):
        await news.add_feed(feed_server.url(path), guild_id=1)
    report = await news.poll_once()
    assert (report.ok, report.failures, report.new) == (2, 3, 2)
    assert "not an RSS or Atom feed" in dict(report.errors)[feed_server.url("/garbage.xml")]


async def test_hostile_feeds_are_refused_and_others_stored(
    news: NewsService, feed_server: FeedServer
) -> None:
    bomb = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>
<rss version="2.0"><channel><item><title>&b;</title><link>https://x.example/1</link></item></channel></rss>"""
    xxe = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><title>&x;</title><link>https://x.example/2</link></item></channel></rss>"""
    feed_server.feed("/bomb.xml", bomb)
    feed_server.feed("/xxe.xml", xxe)
    feed_server.feed("/ok.xml", rss_feed([item(3)]))
    for path in ("/bomb.xml", "/xxe.xml", "/ok.xml"):
        await news.add_feed(feed_server.url(path), guild_id=1)
    report = await news.poll_once()
    assert (report.ok, report.failures) == (1, 2)
    assert all("entities" in reason for _, reason in report.errors)
    assert await stored_titles(news) == ["Story 3: manager under pressure"]


async def test_duplicates_within_and_across_feeds_are_stored_once(
    news: NewsService, feed_server: FeedServer, recorder: Recorder
) -> None:
    one = [
        item(1, link="https://news.example/football/story-1?utm_source=rss"),
        item(1, guid="story-1-again", link="https://NEWS.example/football/story-1#comments"),
        item(2),
    ]
    two = [
        item(9, guid="other-guid", link="https://news.example/football/story-2?at_medium=RSS"),
        item(3, guid="x3", link="https://mirror.example/copy-of-1", title=one[0]["title"]),
        item(4),
    ]
    two[1]["summary"] = one[0]["summary"]
    feed_server.feed("/one.xml", rss_feed(one))
    feed_server.feed("/two.xml", atom_feed(two))
    await news.add_feed(feed_server.url("/one.xml"), guild_id=1)
    first = await news.poll_once()  # the first feed to carry an article is the one that stores it
    await news.add_feed(feed_server.url("/two.xml"), guild_id=2)
    second = await news.poll_once()
    assert (first.new, second.new) == (2, 1)
    assert sorted(await stored_titles(news)) == [
        "Story 1: manager under pressure",
        "Story 2: manager under pressure",
        "Story 4: manager under pressure",
    ]
    assert len(recorder.seen) == 3


async def test_changed_title_updates_the_row(news: NewsService, feed_server: FeedServer) -> None:
    feed_server.feed("/a.xml", rss_feed([item(1)]))
    await news.add_feed(feed_server.url("/a.xml"), guild_id=1)
    await news.poll_once()
    feed_server.feed("/a.xml", rss_feed([item(1, title="Story 1: manager SACKED")]))
    report = await news.poll_once()
    assert (report.new, report.updated) == (0, 1)
    assert await stored_titles(news) == ["Story 1: manager SACKED"]


async def test_analysis_errors_never_lose_articles(
    news: NewsService, feed_server: FeedServer, recorder: Recorder
) -> None:
    recorder.fail_on.add("Story 1: manager under pressure")
    feed_server.feed("/a.xml", rss_feed([item(1), item(2)]))
    await news.add_feed(feed_server.url("/a.xml"), guild_id=1)
    report = await news.poll_once()
    assert report.new == 2 and len(recorder.seen) == 2
    assert len(await stored_titles(news)) == 2


async def test_feed_list_add_remove(news: NewsService, feed_server: FeedServer) -> None:
    url = feed_server.url("/a.xml")
    added = await news.add_feed(url, guild_id=1, added_by=42)
    again = await news.add_feed(url, guild_id=2)
    assert added.id == again.id and added.state == "new"
    assert [f.url for f in await news.list_feeds(1)] == [url]
    assert await news.remove_feed(url, guild_id=1)
    assert await news.list_feeds(1) == []
    assert [f.id for f in await news.list_feeds(2)] == [added.id]
    assert not await news.remove_feed("https://unknown.example/rss", guild_id=2)
    assert await news.remove_feed(str(added.id), guild_id=2)
    assert await news.list_feeds(None) == []


async def test_default_feeds_are_idempotent_and_not_removable(tmp_path: Path) -> None:
    settings = news_settings(tmp_path, HOTSEAT_DEFAULT_FEEDS=True)
    store = await Store.open(settings.db_path)
    client = make_client(settings)
    try:
        news = NewsService(store, settings, client, on_article=Recorder())
        await news.ensure_default_feeds()
        await news.ensure_default_feeds()
        listed = await news.list_feeds(7)
        assert len(listed) >= 15 and all(f.is_default for f in listed)
        assert {f.language for f in listed} >= {"en", "es", "it", "de", "fr"}
        with pytest.raises(UserError, match="default"):
            await news.remove_feed(listed[0].url, guild_id=7)
        assert (await news.health()).total == len(listed)
    finally:
        await client.aclose()
        await store.close()


async def test_custom_feed_takes_its_own_title_as_outlet(news: NewsService, feed_server: FeedServer) -> None:
    feed_server.feed("/a.xml", rss_feed([item(1)], title="Calcio Notizie"))
    added = await news.add_feed(feed_server.url("/a.xml"), guild_id=1)
    assert added.outlet == "127.0.0.1"
    await news.poll_once()
    [listed] = await news.list_feeds(1)
    assert listed.outlet == "Calcio Notizie"
    async with news.store.read() as db, db.execute("SELECT outlet FROM articles") as cursor:
        assert [row[0] for row in await cursor.fetchall()] == ["Calcio Notizie"]


async def test_host_names_are_pinned_to_the_checked_address(
    news: NewsService, feed_server: FeedServer
) -> None:
    """`localhost` may resolve to ::1 and 127.0.0.1: the fetch connects to a checked address and
    still tells the server which host it asked for."""
    feed_server.feed("/a.xml", rss_feed([item(1)]))
    url = f"http://localhost:{feed_server.port}/a.xml"
    await news.add_feed(url, guild_id=1)
    report = await news.poll_once()
    assert report.ok == 1, report.errors
    assert feed_server.requests["/a.xml"][0]["Host"] == f"localhost:{feed_server.port}"


async def test_unknown_host_is_a_passing_failure_not_a_ban(news: NewsService) -> None:
    """DNS trouble must not disable a feed for good (only forbidden addresses do)."""
    async with news.store.transaction() as db:
        await feeds.add_custom(db, "https://no-such-host.invalid/rss", "x", None, None, datetime.now(UTC))
    report = await news.poll_once()
    assert report.failures == 1 and report.disabled == 0
    assert "could not be found" in report.errors[0][1]


async def test_same_guid_under_a_new_url_with_a_new_title_updates_the_row(
    news: NewsService, feed_server: FeedServer
) -> None:
    feed_server.feed("/a.xml", rss_feed([item(1, guid="g-1")]))
    await news.add_feed(feed_server.url("/a.xml"), guild_id=1)
    await news.poll_once()
    moved = item(1, guid="g-1", link="https://news.example/football/moved", title="Story 1: manager SACKED")
    feed_server.feed("/a.xml", rss_feed([moved]))
    report = await news.poll_once()
    assert (report.new, report.updated) == (0, 1)
    assert await stored_titles(news) == ["Story 1: manager SACKED"]
