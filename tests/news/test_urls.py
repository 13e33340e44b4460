"""Canonical URLs (one row per article) and which feed URLs users may add."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import UserError
from bot.http import make_client
from bot.news.service import NewsService
from bot.news.urls import canonical_url, validate_feed_url
from storage import Store
from tests.news.conftest import Recorder, news_settings


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("HTTPS://WWW.BBC.co.uk/sport/a?at_medium=RSS&at_campaign=rss", "https://www.bbc.co.uk/sport/a"),
        ("https://x.example/a?utm_source=tw&utm_medium=s&id=3#comments", "https://x.example/a?id=3"),
        ("https://x.example/a?b=2&a=1&fbclid=zz", "https://x.example/a?a=1&b=2"),
        ("https://x.example:443/story/", "https://x.example/story"),
        ("https://x.example/story/amp", "https://x.example/story"),
        ("https://x.example/amp/story", "https://x.example/story"),
        ("https://amp.x.example/story", "https://x.example/story"),
        ("https://x.example/story.amp.html", "https://x.example/story.html"),
        ("https://x-example.cdn.ampproject.org/c/s/x.example/story", "https://x.example/story"),
        ("https://x.example/a#0", "https://x.example/a"),
        ("https://x.example/", "https://x.example/"),
    ],
)
def test_canonical_url(given: str, expected: str) -> None:
    assert canonical_url(given) == expected


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("", "Give the feed"),
        ("ftp://x.example/rss", "Only http"),
        ("file:///etc/passwd", "Only http"),
        ("javascript:alert(1)", "Only http"),
        ("https://", "no host"),
        ("https://user:pw@x.example/rss", "user name"),
        ("https://x.example/a b", "spaces"),
        ("https://x.example:99999/rss", "web address"),
        ("https://x.example/" + "a" * 3000, "too long"),
    ],
)
def test_bad_feed_urls_are_refused_with_a_reason(given: str, message: str) -> None:
    with pytest.raises(UserError, match=message):
        validate_feed_url(given)


def test_feed_url_is_normalised() -> None:
    assert validate_feed_url(" <HTTPS://Feeds.Example.COM:443/rss#top> ") == "https://feeds.example.com/rss"


@pytest.mark.parametrize("host", ["0177.0.0.1", "256.1.1.1", "xn--", "xn--a"])
def test_hosts_the_fetcher_cannot_parse_are_refused_in_one_line(host: str) -> None:
    with pytest.raises(UserError) as refused:
        validate_feed_url(f"http://{host}/rss")
    assert str(refused.value) == (
        f"The host name {host!r} is not a valid domain name or IP address; check the address."
    )


async def test_adding_an_unparseable_host_is_a_user_error_not_a_crash(tmp_path: Path) -> None:
    settings = news_settings(tmp_path)
    store = await Store.open(settings.db_path)
    client = make_client(settings)
    try:
        news = NewsService(store, settings, client, on_article=Recorder())
        for url in ("http://0177.0.0.1/rss", "http://xn--/rss", "http://256.1.1.1/"):
            with pytest.raises(UserError, match="not a valid domain name or IP address"):
                await news.add_feed(url, guild_id=1)
        assert await news.list_feeds(1) == []
    finally:
        await client.aclose()
        await store.close()
