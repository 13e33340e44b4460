"""A full disk or a read-only database file: the bot keeps running, says so, answers what only reads,
and resumes writing when space returns, with nothing lost and the file sound.

The full disk is simulated as in tests/foundation/test_store.py: `PRAGMA max_page_count` pinned at the
file's current size, so any write needing a new page fails with SQLITE_FULL. A read-only file is
`PRAGMA query_only` on the writer connection (SQLite's "attempt to write a readonly database").
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.config import Settings
from bot.console import Console
from bot.digest import Alert, Digest
from bot.models import StoredArticle
from bot.service import Service
from bot.workers import AnalysisUnavailable
from storage import Store
from tests.support.feed_server import FeedServer, item, rss_feed

FILLER = " ".join(
    ["The board met again on Tuesday to discuss the club's results and the coach's future."] * 30
)


def sackings(first: int, count: int) -> bytes:
    """Level-3 stories (Dortmund, Milan, Juventus take turns) with long summaries that need new pages."""
    clubs = [
        ("Borussia Dortmund", "Niko Kovač"),
        ("AC Milan", "Massimiliano Allegri"),
        ("Juventus", "Luciano Spalletti"),
    ]
    entries = []
    for n in range(first, first + count):
        club, coach = clubs[n % len(clubs)]
        entries.append(
            item(
                n,
                title=f"{club} sack {coach} (report {n})",
                summary=f"{club} have sacked head coach {coach} after a run of defeats. Report {n}. {FILLER}",
                date=None,
            )
        )
    return rss_feed(entries)


async def disk_full(store: Store) -> None:
    """No more pages: as if the disk had filled up."""
    async with store._writer.execute("PRAGMA page_count") as cursor:
        row = await cursor.fetchone()
    assert row is not None
    await store._writer.execute(f"PRAGMA max_page_count = {int(row[0])}")
    async with store._writer.execute("PRAGMA freelist_count") as cursor:
        free = await cursor.fetchone()
    assert free is not None and int(free[0]) == 0, "free pages would absorb the writes"


async def space_returns(store: Store) -> None:
    await store._writer.execute("PRAGMA max_page_count = 1073741823")


@contextlib.asynccontextmanager
async def read_only(store: Store) -> AsyncIterator[None]:
    await store._writer.execute("PRAGMA query_only = ON")
    try:
        yield
    finally:
        await store._writer.execute("PRAGMA query_only = OFF")


class Recorder:
    """A delivery sink that remembers what it was handed."""

    def __init__(self) -> None:
        self.posts: list[tuple[str, str, bool]] = []  # (kind, key, resumed)

    async def post_digest(self, guild_id: int, channel_id: int, digest: Digest) -> int | None:
        self.posts.append(("digest", digest.key, digest.resumed))
        return len(self.posts)

    async def post_alert(self, guild_id: int, channel_id: int, alert: Alert) -> int | None:
        self.posts.append(("alert", alert.key, alert.resumed))
        return len(self.posts)


@pytest.fixture
async def server() -> AsyncIterator[FeedServer]:
    async with FeedServer() as started:
        yield started


async def stored_titles(service: Service) -> set[str]:
    async with service.store.read() as db, db.execute("SELECT title FROM articles") as cursor:
        return {str(row[0]) for row in await cursor.fetchall()}


async def test_polling_through_a_full_disk_loses_nothing(service: Service, server: FeedServer) -> None:
    server.feed("/news.xml", sackings(1, 3), etag='"v1"')
    await service.news.add_feed(server.url("/news.xml"), None)
    first = await service.news.poll_once()
    assert first.new == 3

    server.feed("/news.xml", sackings(1, 8), etag='"v2"')
    await disk_full(service.store)
    during = await service.news.poll_once()  # must return, not raise
    assert during.new == 0 and during.failures == 1
    about = await service.about()
    assert about.write_problem is not None and "disk is full" in about.write_problem
    assert "Warning: the disk is full" in about.to_text()
    assert await Console(service).answer("/about") == about.to_text()  # the console says so too
    assert len(await stored_titles(service)) == 3  # what was there is still there

    await space_returns(service.store)
    after = await service.news.poll_once()  # the feed's ETag did not advance, so v2 is fetched whole
    assert after.new == 5
    assert len(await stored_titles(service)) == 8
    counts = await service.rumours.counts()
    assert (counts.articles, counts.findings) == (8, 8)
    assert (await service.about()).write_problem is None
    assert await service.store.integrity_check() == "ok"


async def test_reads_answer_while_the_disk_is_full(service: Service, server: FeedServer) -> None:
    server.feed("/news.xml", sackings(1, 3), etag='"v1"')
    await service.news.add_feed(server.url("/news.xml"), None)
    await service.news.poll_once()
    board_before = (await service.rumours.hotseat(None)).to_text()
    await disk_full(service.store)
    with contextlib.suppress(Exception):
        await service.news.poll_once()
    console = Console(service)
    assert (await service.rumours.hotseat(None)).to_text() == board_before
    assert "Niko Kovač" in (await service.rumours.manager_profile("Niko Kovač")).to_text()
    assert await service.news.list_feeds(None)
    for line in ("/hotseat", "/manager Niko Kovač", "/feeds list", "/digest status", "/successor Allegri"):
        reply = await console.answer(line)
        assert "Something went wrong" not in reply, line


async def test_ingest_through_a_read_only_file_reports_and_retries(
    service: Service, tmp_path: object
) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path)) / "saved"
    folder.mkdir()
    (folder / "feed.xml").write_bytes(sackings(1, 4))
    async with read_only(service.store):
        report = await service.news.ingest_dir(folder)
        assert not report.ok and report.new == 0
        assert "read-only" in ((await service.about()).write_problem or "")
    again = await service.news.ingest_dir(folder)
    assert again.ok and again.new == 4
    assert (await service.rumours.counts()).findings == 4
    assert (await service.about()).write_problem is None


async def test_alerts_wait_for_a_writable_file_then_post_once(service: Service, server: FeedServer) -> None:
    """The console server's level-3 alerts: none posted (and none lost) while nothing can be recorded.
    (A full disk is not used here: SQLite still fits a small delivery row into a page it has.)"""
    digests = service.digests
    await digests.ensure_console_guild("UTC")
    server.feed("/news.xml", sackings(1, 2), etag='"v1"')
    await service.news.add_feed(server.url("/news.xml"), None)
    await service.news.poll_once()  # first poll: recorded, never alerted
    server.feed("/news.xml", sackings(1, 5), etag='"v2"')
    await service.news.poll_once()  # three live sackings, one story per club
    sink = Recorder()

    async with read_only(service.store):
        report = await digests.tick(sink)
        assert sink.posts == []  # nothing is posted that could not first be recorded as pending
        assert report.failures
        assert "read-only" in ((await service.about()).write_problem or "")

    await digests.tick(sink)
    alerts = [key for kind, key, _ in sink.posts if kind == "alert"]
    assert len(alerts) == len(set(alerts)) == 3
    await digests.tick(sink)
    assert len(sink.posts) == 3  # a later tick posts nothing again


async def test_write_failure_between_posting_and_recording_resumes_the_same_post(service: Service) -> None:
    """Posted, then the 'posted' mark could not be written (the file turned read-only): the next tick
    re-sends the same key marked `resumed` (the Discord sink dedupes by nonce), and nothing after that."""
    digests = service.digests
    store = service.store

    class TurnsReadOnly(Recorder):
        async def post_digest(self, guild_id: int, channel_id: int, digest: Digest) -> int | None:
            posted = await super().post_digest(guild_id, channel_id, digest)
            if len(self.posts) == 1:
                await store._writer.execute("PRAGMA query_only = ON")
            return posted

    server_time = datetime.now(UTC) - timedelta(minutes=2)
    await digests.setup(7, 70, f"{server_time:%H:%M}", "UTC")
    await _one_story(service)
    sink = TurnsReadOnly()
    later = datetime.now(UTC) + timedelta(days=1)
    await digests.tick(sink, now=later)
    assert len(sink.posts) == 1 and (await service.about()).write_problem
    await store._writer.execute("PRAGMA query_only = OFF")
    await digests.tick(sink, now=later + timedelta(minutes=1))
    assert [post[1] for post in sink.posts] == [sink.posts[0][1]] * 2
    assert sink.posts[1][2] is True  # resumed: the sink can tell it may already be there
    await digests.tick(sink, now=later + timedelta(minutes=2))
    assert len(sink.posts) == 2
    assert await store.integrity_check() == "ok"


async def _one_story(service: Service) -> None:
    async with FeedServer() as server:
        server.feed("/one.xml", sackings(10, 1))
        await service.news.add_feed(server.url("/one.xml"), None)
        await service.news.poll_once()


async def test_analysis_that_could_not_be_written_happens_when_writing_resumes(
    service: Service, server: FeedServer
) -> None:
    """Articles are stored, then the file turns read-only before their findings are written: once it is
    writable again, the next poll must analyse them (today they stay without a finding for good)."""
    server.feed("/news.xml", sackings(1, 3), etag='"v1"')
    await service.news.add_feed(server.url("/news.xml"), None)
    record = service.rumours.record_article

    async def write_fails_first(article: StoredArticle) -> object:
        await service.store._writer.execute("PRAGMA query_only = ON")
        try:
            return await record(article)
        finally:
            await service.store._writer.execute("PRAGMA query_only = OFF")

    service.news.on_article = write_fails_first
    assert (await service.news.poll_once()).new == 3
    service.news.on_article = record
    await service.news.poll_once()
    counts = await service.rumours.counts()
    assert (counts.articles, counts.findings) == (3, 3)


async def test_articles_wait_for_a_worker_when_none_can_start(service: Service, server: FeedServer) -> None:
    """No analysis worker could start (not the article's fault): the articles stay unanalysed and the
    next poll reads them, instead of being marked done without a finding."""
    server.feed("/news.xml", sackings(1, 3), etag='"v1"')
    await service.news.add_feed(server.url("/news.xml"), None)
    record = service.rumours.record_article

    async def no_worker(article: StoredArticle) -> object:
        raise AnalysisUnavailable("could not start an analysis worker")

    service.news.on_article = no_worker
    assert (await service.news.poll_once()).new == 3
    assert (await service.rumours.counts()).findings == 0
    service.news.on_article = record
    await service.news.poll_once()
    counts = await service.rumours.counts()
    assert (counts.articles, counts.findings) == (3, 3)


async def test_a_read_only_file_still_starts_and_answers(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Restarting on a file that has turned read-only (or a full disk) must give a bot that answers and
    says why it cannot write, not a start-up failure: start-up's own writes are housekeeping."""
    first = await Service.open(settings)
    await first.close()

    class ReadOnlyStore(Store):
        @classmethod
        async def open(cls, path: str | Path) -> Store:
            store = await Store.open(path)
            await store._writer.execute("PRAGMA query_only = ON")
            return store

    monkeypatch.setattr("bot.service.Store", ReadOnlyStore)
    readonly_settings = settings.model_copy(update={"default_feeds": True})
    service = await Service.open(readonly_settings)
    try:
        about = await service.about()
        assert about.write_problem is not None and "read-only" in about.write_problem
        assert (await service.rumours.hotseat(None)).to_text()
    finally:
        await service.close()
