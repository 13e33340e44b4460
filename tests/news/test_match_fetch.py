"""Match-data URLs (import-matches, refreshes) go through the same checked client as feeds."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from bot.config import Settings
from bot.errors import UserError
from bot.football.fetch import fetch_bytes, load_source
from bot.http import checked_client, make_client
from tests.news.conftest import news_settings
from tests.support.feed_server import FeedServer

DOC = b'{"name": "Test League 2024/25", "matches": []}'


def strict_settings(tmp_path: Path) -> Settings:
    return news_settings(tmp_path, HOTSEAT_ALLOW_PRIVATE_FEEDS=False)


async def test_import_from_a_loopback_url_is_refused_by_default(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.feed("/es.1.json", DOC, content_type="application/json")
    http = make_client(strict_settings(tmp_path))
    try:
        with pytest.raises(UserError, match=r"cannot be used: 127\.0\.0\.1 points to a loopback address"):
            await load_source(http, feed_server.url("/es.1.json"), max_bytes=10_000, time_limit=5)
    finally:
        await http.aclose()
    assert feed_server.hits["/es.1.json"] == 0


async def test_import_allowed_on_loopback_when_private_feeds_are(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.feed("/es.1.json", DOC, content_type="application/json")
    http = make_client(news_settings(tmp_path))
    try:
        assert await load_source(http, feed_server.url("/es.1.json"), max_bytes=10_000, time_limit=5) == DOC
    finally:
        await http.aclose()


async def test_a_redirect_to_a_metadata_address_is_refused(feed_server: FeedServer) -> None:
    feed_server.redirect("/es.1.json", "http://169.254.169.254/latest/meta-data/")
    http = checked_client(allow_private=True, timeout=5)
    try:
        with pytest.raises(UserError, match="cloud metadata address"):
            await fetch_bytes(http, feed_server.url("/es.1.json"), max_bytes=10_000, time_limit=5)
    finally:
        await http.aclose()


async def test_a_redirect_to_a_broken_host_name_is_a_clear_error(feed_server: FeedServer) -> None:
    feed_server.redirect("/es.1.json", "http://xn--/x.json")
    http = checked_client(allow_private=True, timeout=5)
    try:
        with pytest.raises(UserError, match="is not a usable web address"):
            await fetch_bytes(http, feed_server.url("/es.1.json"), max_bytes=10_000, time_limit=5)
    finally:
        await http.aclose()


async def test_compressed_match_data_is_capped_and_nested_codings_refused(feed_server: FeedServer) -> None:
    bomb = gzip.compress(bytes(5_000_000))
    feed_server.feed(
        "/bomb.json", bomb, content_type="application/json", headers={"Content-Encoding": "gzip"}
    )
    feed_server.feed(
        "/nest.json",
        gzip.compress(gzip.compress(DOC)),
        content_type="application/json",
        headers={"Content-Encoding": "gzip, gzip"},
    )
    http = checked_client(allow_private=True, timeout=5)
    try:
        with pytest.raises(UserError, match="larger than 100,000 bytes"):
            await fetch_bytes(http, feed_server.url("/bomb.json"), max_bytes=100_000, time_limit=5)
        with pytest.raises(UserError, match="compressed more than once"):
            await fetch_bytes(http, feed_server.url("/nest.json"), max_bytes=100_000, time_limit=5)
    finally:
        await http.aclose()
