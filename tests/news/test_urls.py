"""Canonical URLs (one row per article) and which feed URLs users may add."""

from __future__ import annotations

import pytest

from bot.errors import UserError
from bot.news.urls import canonical_url, validate_feed_url


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
