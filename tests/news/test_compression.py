"""Compressed answers from a real local server: nested codings are refused, a single gzip/deflate is
inflated in bounded steps, so a bomb is stopped at the byte cap before it is allocated."""

from __future__ import annotations

import gzip
import tracemalloc
import zlib
from collections.abc import AsyncIterator

import pytest

from bot.http import DECODE_STEP, checked_client
from bot.news.article_text import fetch_article_text
from bot.news.fetch import FetchError, SafeFetcher
from bot.news.service import NewsService
from storage import feeds
from tests.support.feed_server import FeedServer, item, rss_feed

MAX_BYTES = 200_000
PEAK_LIMIT = 4_000_000  # bytes traced at most while fetching a bomb (it inflates to 128 MiB)
BLOCK = bytes(1 << 20)


def gzip_zeros(size: int) -> bytes:
    """`size` zero bytes, gzipped, without ever holding them all."""
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    parts = [packer.compress(BLOCK) for _ in range(size // len(BLOCK))]
    parts.append(packer.flush())
    return b"".join(parts)


@pytest.fixture(scope="module")
def nested_bomb() -> bytes:
    """gzip(gzip(gzip(128 MiB of zeros))): a few hundred bytes on the wire."""
    return gzip.compress(gzip.compress(gzip_zeros(128 << 20), 9), 9)


@pytest.fixture(scope="module")
def single_bomb() -> bytes:
    """gzip(128 MiB of zeros): about 128 KB on the wire, so a 64 KiB read inflates to 64 MiB at once."""
    return gzip_zeros(128 << 20)


@pytest.fixture
async def fetcher() -> AsyncIterator[SafeFetcher]:
    client = checked_client(allow_private=True, timeout=5)
    try:
        yield SafeFetcher(client, max_bytes=MAX_BYTES, timeout=5, per_host=2)
    finally:
        await client.aclose()


async def traced_fetch(fetcher: SafeFetcher, url: str) -> tuple[FetchError | None, int]:
    """Fetch under tracemalloc: (the refusal, if any; peak bytes allocated meanwhile)."""
    tracemalloc.start()
    try:
        await fetcher.fetch(url)
        error = None
    except FetchError as exc:
        error = exc
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return error, peak


async def test_nested_gzip_is_refused_with_a_reason_and_bounded_memory(
    fetcher: SafeFetcher, feed_server: FeedServer, nested_bomb: bytes
) -> None:
    assert len(nested_bomb) < 1000
    feed_server.feed("/bomb.xml", nested_bomb, headers={"Content-Encoding": "gzip, gzip, gzip"})
    error, peak = await traced_fetch(fetcher, feed_server.url("/bomb.xml"))
    assert error is not None and "compressed more than once (gzip, gzip, gzip)" in error.reason
    assert peak < PEAK_LIMIT


async def test_two_content_encoding_headers_count_as_nested(
    fetcher: SafeFetcher, feed_server: FeedServer, nested_bomb: bytes
) -> None:
    feed_server.feed("/bomb.xml", nested_bomb, headers={"Content-Encoding": "gzip,x-gzip,  gzip"})
    with pytest.raises(FetchError, match="more than once"):
        await fetcher.fetch(feed_server.url("/bomb.xml"))


async def test_single_gzip_bomb_stops_at_the_cap_before_it_is_inflated(
    fetcher: SafeFetcher, feed_server: FeedServer, single_bomb: bytes
) -> None:
    feed_server.feed("/bomb.xml", single_bomb, headers={"Content-Encoding": "gzip"})
    error, peak = await traced_fetch(fetcher, feed_server.url("/bomb.xml"))
    assert error is not None and error.reason == f"the body is larger than the {MAX_BYTES:,} byte limit"
    assert peak < PEAK_LIMIT


async def test_article_page_bomb_gives_no_text_and_bounded_memory(
    fetcher: SafeFetcher, feed_server: FeedServer, single_bomb: bytes, nested_bomb: bytes
) -> None:
    feed_server.feed(
        "/page.html", single_bomb, content_type="text/html", headers={"Content-Encoding": "gzip"}
    )
    feed_server.feed(
        "/nest.html", nested_bomb, content_type="text/html", headers={"Content-Encoding": "gzip, gzip"}
    )
    for path in ("/page.html", "/nest.html"):
        tracemalloc.start()
        try:
            text = await fetch_article_text(fetcher, feed_server.url(path))
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert text is None
        assert peak < PEAK_LIMIT
    assert feed_server.hits["/page.html"] == feed_server.hits["/nest.html"] == 1


@pytest.mark.parametrize(
    ("coding", "pack"),
    [
        ("gzip", lambda data: gzip.compress(data)),
        ("x-gzip", lambda data: gzip.compress(data)),
        ("deflate", zlib.compress),
        ("deflate", lambda data: zlib.compress(data, wbits=-zlib.MAX_WBITS)),  # raw deflate
        ("identity", lambda data: data),
    ],
)
async def test_honest_compressed_feeds_still_read(
    fetcher: SafeFetcher, feed_server: FeedServer, coding: str, pack: object
) -> None:
    feed = rss_feed([item(n) for n in range(600)])  # several inflate steps long
    assert len(feed) > 2 * DECODE_STEP
    feed_server.feed("/a.xml", pack(feed), headers={"Content-Encoding": coding})  # type: ignore[operator]
    fetched = await fetcher.fetch(feed_server.url("/a.xml"))
    assert fetched.body == feed
    assert fetched.headers.get("content-encoding", "identity") == "identity"
    assert feed_server.requests["/a.xml"][0]["Accept-Encoding"] == "gzip, deflate"


async def test_unaccepted_or_damaged_compression_is_refused(
    fetcher: SafeFetcher, feed_server: FeedServer
) -> None:
    feed_server.feed("/br.xml", b"\x1b\x00\x00", headers={"Content-Encoding": "br"})
    with pytest.raises(FetchError, match=r"compression we do not accept \(br\)"):
        await fetcher.fetch(feed_server.url("/br.xml"))
    feed_server.feed("/bad.xml", b"\x1f\x8bnot gzip at all", headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match="gzip-compressed body is damaged"):
        await fetcher.fetch(feed_server.url("/bad.xml"))


async def test_polling_a_nested_bomb_records_a_failure_with_the_reason(
    news: NewsService, feed_server: FeedServer, nested_bomb: bytes
) -> None:
    feed_server.feed("/bomb.xml", nested_bomb, headers={"Content-Encoding": "gzip, gzip, gzip"})
    await news.add_feed(feed_server.url("/bomb.xml"), guild_id=1)
    report = await news.poll_once()
    assert (report.failures, report.new) == (1, 0)
    async with news.store.read() as db:
        row = await feeds.by_url(db, feed_server.url("/bomb.xml"))
    assert row is not None and row.failures == 1
    assert row.last_error is not None and "compressed more than once" in row.last_error
