"""Article links are normalised at ingest: http(s) only, printable ASCII, percent-encoded; an item
whose link cannot be made a valid URL is kept without one."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bot.news.ingest import key_items
from bot.news.parse import ParsedItem
from bot.news.service import NewsService
from bot.news.urls import MAX_LINK_LENGTH, clean_link
from tests.support.feed_server import FeedServer


def parsed(link: str, guid: str | None = None, title: str = "Coach sacked") -> ParsedItem:
    return ParsedItem(title, link, guid, None, "")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("https://news.example/story-1", "https://news.example/story-1"),
        ("  \n https://news.example/sto\nry-2\t ", "https://news.example/story-2"),
        (
            "https://news.example/a b?q=é ü#part two",
            "https://news.example/a%20b?q=%C3%A9%20%C3%BC#part%20two",
        ),
        ("https://news.example/\x1b[31mred", "https://news.example/%1B%5B31mred"),
        ("https://news.example/\u202etxt.exe", "https://news.example/%E2%80%AEtxt.exe"),
        ("https://münchen.example/x", "https://xn--mnchen-3ya.example/x"),
        ("HTTPS://news.example/a|b^c`d", "https://news.example/a%7Cb%5Ec%60d"),
        ("https://news.example/100%", "https://news.example/100%25"),
        ("https://news.example/ok%20fine", "https://news.example/ok%20fine"),
        ("https://news.example/a[1]?b[]=2", "https://news.example/a%5B1%5D?b%5B%5D=2"),
        ("http://[2001:db8::1]:8080/x", "http://[2001:db8::1]:8080/x"),
    ],
)
def test_links_become_clean_urls(raw: str, clean: str) -> None:
    assert clean_link(raw) == clean


@pytest.mark.parametrize(
    "raw",
    [
        "javascript:alert(1)",
        "data:text/html,<b>hi</b>",
        "ftp://news.example/file",
        "https://",
        "//news.example/no-scheme",
        "https://news.example:99999/bad-port",
        "http://xn--/broken-idna",
        "http://0177.0.0.1/odd-ip",
        "http://256.1.1.1/odd-ip",
        "https://news.example/" + "a" * MAX_LINK_LENGTH,
    ],
)
def test_links_that_cannot_be_valid_http_urls_are_dropped(raw: str) -> None:
    assert clean_link(raw) == ""


@example(". ")  # a dot segment resolving to the root once kept no path at all
@example("..?q=1")
@given(st.text(max_size=200))
def test_any_text_gives_a_printable_http_url_or_nothing(raw: str) -> None:
    link = clean_link("https://news.example/" + raw)
    assert link.startswith("https://news.example/")
    assert link.isascii() and link.isprintable() and " " not in link
    assert clean_link(link) == link  # settled: cleaning again changes nothing


def test_an_item_with_a_bad_link_keeps_no_link_but_is_kept() -> None:
    keyed, repeats = key_items(
        7,
        [
            parsed("javascript:alert(1)", guid="g\n1", title="One"),
            parsed("https://\n", guid="https://news.example/from-guid", title="Two"),
            parsed("https://news.example/a\nb", title="Three"),
        ],
    )
    assert repeats == 0
    assert [k.url for k in keyed] == [
        "urn:hotseat:7:g%0A1",
        "https://news.example/from-guid",
        "https://news.example/ab",
    ]


async def test_polled_links_are_stored_clean(news: NewsService, feed_server: FeedServer) -> None:
    feed = (
        b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
        b"<item><title>One</title><link>\n  https://news.example/one\n</link></item>"
        b"<item><title>Two</title><link>https://news.example/t w o\nsplit</link></item>"
        b'<item><title>Three</title><link>javascript:alert("x")</link><guid>three</guid></item>'
        b"</channel></rss>"
    )
    feed_server.feed("/a.xml", feed)
    await news.add_feed(feed_server.url("/a.xml"), guild_id=1)
    assert (await news.poll_once()).new == 3
    async with news.store.read() as db:
        rows = await db.execute_fetchall("SELECT title, url FROM articles ORDER BY title")
    stored = {title: url for title, url in rows}
    assert stored["One"] == "https://news.example/one"
    assert stored["Two"] == "https://news.example/t%20w%20osplit"
    assert not stored["Three"].startswith(("http", "javascript"))


def test_a_link_with_a_user_name_is_dropped() -> None:
    assert clean_link("https://trusted.example@elsewhere.example/story") == ""
