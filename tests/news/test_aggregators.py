"""Aggregator items (Google News and the like): the outlet is the item's <source>, the headline loses
its ` - Outlet` suffix, and the original link is kept whenever the item carries it."""

from __future__ import annotations

from html import escape

import pytest

from bot.news.aggregators import aggregator_name, original_link, without_outlet_suffix
from bot.news.parse import ParsedItem, parse_feed
from bot.news.service import NewsService
from tests.news.conftest import Recorder
from tests.support.feed_server import FeedServer

GUARDIAN = "https://www.theguardian.com/football/2026/nov/24/arteta-sacked-arsenal"
# An old-style Google News article id: base64 of a small protobuf holding GUARDIAN.
GUARDIAN_ID = (
    "CBMiRmh0dHBzOi8vd3d3LnRoZWd1YXJkaWFuLmNvbS9mb290YmFsbC8yMDI2L25vdi8yNC9hcnRldGEtc2Fja2VkLWFyc2VuYWzSAQA"
)
LONG_BBC = "https://www.bbc.co.uk/sport/football/articles/c" + "x" * 120  # a two-byte length prefix
LONG_BBC_ID = (
    "CBMipwFodHRwczovL3d3dy5iYmMuY28udWsvc3BvcnQvZm9vdGJhbGwvYXJ0aWNsZXMvY3h4eHh4eHh4eHh4eHh4eHh4eHh4eHh4"
    "eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4"
    "eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eNIBAA"
)
OPAQUE = "https://news.google.com/rss/articles/AU_yqLPq3mKh9bXyZ0Rk2TQ8vVhW1cE?oc=5"


def google_item(title: str, link: str, outlet: str | None, site: str = "https://www.example.com") -> str:
    source = f'<source url="{site}">{escape(outlet)}</source>' if outlet is not None else ""
    description = escape(
        f'<a href="{link}" target="_blank">{title}</a>&nbsp;&nbsp;<font color="#6f6f6f">x</font>'
    )
    return (
        f"<item><title>{escape(title)}</title><link>{escape(link)}</link>"
        f'<guid isPermaLink="false">{escape(link[-20:])}</guid>'
        f"<pubDate>Tue, 24 Nov 2026 06:00:00 GMT</pubDate><description>{description}</description>"
        f"{source}</item>"
    )


def google_feed(*items: str, well_formed: bool = True) -> bytes:
    title = "&quot;manager sacked&quot; football - Google News" if well_formed else "Google News & co"
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">'
        f"<channel><title>{title}</title><link>https://news.google.com/search?q=x</link>"
        f"{''.join(items)}</channel></rss>"
    ).encode()


SHAPES = [
    # Current Google News: a CBMi article id carrying the URL, " - Outlet" suffix, <source>.
    (
        google_item(
            "Arteta sacked by Arsenal - The Guardian",
            f"https://news.google.com/rss/articles/{GUARDIAN_ID}?oc=5",
            "The Guardian",
        ),
        ("Arteta sacked by Arsenal", GUARDIAN, "The Guardian"),
    ),
    # A two-byte length inside the id.
    (
        google_item(
            "Coach out - BBC Sport", f"https://news.google.com/rss/articles/{LONG_BBC_ID}", "BBC Sport"
        ),
        ("Coach out", LONG_BBC, "BBC Sport"),
    ),
    # A newer opaque id: the Google link stays, outlet and headline are still the outlet's.
    (
        google_item("Postecoglou under pressure - Sky Sports", OPAQUE, "Sky Sports"),
        ("Postecoglou under pressure", OPAQUE, "Sky Sports"),
    ),
    # Old Google News redirect with url=; a dash inside the headline stays.
    (
        google_item(
            "Ten Hag - is this the end? - Manchester Evening News",
            "https://news.google.com/news/url?sa=t&fd=R&ct2=uk&usg=AFQ&clid=c3a&url="
            "https%3A%2F%2Fwww.manchestereveningnews.co.uk%2Fsport%2Ffootball%2Ften-hag-123",
            "Manchester Evening News",
        ),
        (
            "Ten Hag - is this the end?",
            "https://www.manchestereveningnews.co.uk/sport/football/ten-hag-123",
            "Manchester Evening News",
        ),
    ),
    # A source whose name is not at the end of the title: the title is left alone.
    (
        google_item("Simeone stays at Atlético", OPAQUE, "Marca"),
        ("Simeone stays at Atlético", OPAQUE, "Marca"),
    ),
    # A source name with markup-ish characters, cased differently in the title.
    (
        google_item("Trainer entlassen - KICKER", OPAQUE, "kicker"),
        ("Trainer entlassen", OPAQUE, "kicker"),
    ),
    # A source site we bundle a feed for gets that feed's outlet name, so both count as one outlet.
    (
        google_item("Ancelotti destituido - MARCA", OPAQUE, "MARCA", site="https://www.marca.com"),
        ("Ancelotti destituido", OPAQUE, "Marca"),
    ),
    # No <source>: the aggregator is the outlet (never the search feed's name), the title keeps its dash.
    (
        google_item("Derby - the verdict", "https://news.example/derby", None),
        ("Derby - the verdict", "https://news.example/derby", "Google News"),
    ),
    # No <source>, but the link carries a known outlet's article: that outlet, its suffix dropped.
    (
        google_item(
            "Arteta sacked by Arsenal - The Guardian",
            f"https://news.google.com/rss/articles/{GUARDIAN_ID}",
            None,
        ),
        ("Arteta sacked by Arsenal", GUARDIAN, "The Guardian"),
    ),
]


def settled(item: ParsedItem) -> tuple[str, str, str | None]:
    return item.title, item.link, item.outlet


@pytest.mark.parametrize("well_formed", [True, False], ids=["lxml", "feedparser"])
def test_google_news_item_shapes(well_formed: bool) -> None:
    feed = parse_feed(google_feed(*(item for item, _ in SHAPES), well_formed=well_formed), {}, "")
    assert feed.parser == ("lxml" if well_formed else "feedparser")
    assert [settled(item) for item in feed.items] == [expected for _, expected in SHAPES]


def test_atom_source_and_google_alerts_redirects() -> None:
    doc = (
        b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        b"<title>Google Alert - manager sacked</title><id>tag:google.com,2005:reader/user/1</id>"
        b'<entry><id>tag:1</id><title type="html">Mourinho sacked - Record</title>'
        b'<link href="https://www.google.com/url?rct=j&amp;sa=t&amp;url=https://www.record.pt/futebol/x-1'
        b'&amp;ct=ga&amp;cd=CAIy&amp;usg=AOv"/>'
        b"<source><id>https://www.record.pt/</id><title>Record</title></source></entry>"
        b"</feed>"
    )
    [item] = parse_feed(doc, {}, "").items
    assert settled(item) == ("Mourinho sacked", "https://www.record.pt/futebol/x-1", "Record")


@pytest.mark.parametrize(
    ("link", "original"),
    [
        (
            "http://www.bing.com/news/apiclick.aspx?ref=FexRss&aid=&tid=1&url=https%3a%2f%2fwww.marca.com%2fx.html&c=1",
            "https://www.marca.com/x.html",
        ),
        ("https://www.google.com/url?q=https://as.com/futbol/y.html&sa=U", "https://as.com/futbol/y.html"),
        (
            "https://www.google.com/url?url=javascript:alert(1)",
            "https://www.google.com/url?url=javascript:alert(1)",
        ),
        (
            "https://news.google.com/rss/articles/not-base64!",
            "https://news.google.com/rss/articles/not-base64!",
        ),
        ("https://news.google.com/rss/articles/CBMi", "https://news.google.com/rss/articles/CBMi"),
        (
            "https://www.google.com/search?q=https://x.example/",
            "https://www.google.com/search?q=https://x.example/",
        ),
        ("https://news.example/google.html", "https://news.example/google.html"),
    ],
)
def test_original_links(link: str, original: str) -> None:
    assert original_link(link) == original


def test_only_an_exact_outlet_suffix_is_removed() -> None:
    assert without_outlet_suffix("Arteta sacked - BBC Sport", "BBC Sport") == "Arteta sacked"
    assert without_outlet_suffix("Arteta sacked | BBC Sport", "BBC Sport") == "Arteta sacked"
    assert (
        without_outlet_suffix("Arteta sacked - BBC Sport extra", "BBC Sport")
        == "Arteta sacked - BBC Sport extra"
    )
    assert without_outlet_suffix("Arteta sacked-BBC Sport", "BBC Sport") == "Arteta sacked-BBC Sport"
    assert without_outlet_suffix(" - BBC Sport", "BBC Sport") == " - BBC Sport"  # nothing would be left
    assert without_outlet_suffix("Arteta sacked - BBC Sport", None) == "Arteta sacked - BBC Sport"


async def test_each_item_is_stored_and_handed_on_under_its_own_outlet(
    news: NewsService, feed_server: FeedServer, recorder: Recorder
) -> None:
    feed_server.feed(
        "/google.xml",
        google_feed(
            google_item(
                "Arteta sacked by Arsenal - The Guardian",
                f"https://news.google.com/rss/articles/{GUARDIAN_ID}?oc=5",
                "The Guardian",
            ),
            google_item("Arteta out at Arsenal - Sky Sports", OPAQUE, "Sky Sports"),
            google_item("Arsenal statement - Arsenal FC", "https://news.example/statement", None),
        ),
    )
    await news.add_feed(feed_server.url("/google.xml"), guild_id=1)
    assert (await news.poll_once()).new == 3
    feed_outlet = (await news.list_feeds(1))[0].outlet
    assert feed_outlet == '"manager sacked" football - Google News'  # the feed is named by its title
    handed = {a.title: (a.outlet, a.url) for a in recorder.seen}
    assert handed == {
        "Arteta sacked by Arsenal": ("The Guardian", GUARDIAN),
        "Arteta out at Arsenal": ("Sky Sports", OPAQUE),
        "Arsenal statement - Arsenal FC": ("Google News", "https://news.example/statement"),
    }
    async with news.store.read() as db:
        rows = await db.execute_fetchall("SELECT title, outlet FROM articles ORDER BY id")
    assert [tuple(row) for row in rows] == [
        ("Arteta sacked by Arsenal", "The Guardian"),
        ("Arteta out at Arsenal", "Sky Sports"),
        ("Arsenal statement - Arsenal FC", "Google News"),
    ]


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://news.google.com/rss/search?q=x&hl=en-GB", "Google News"),
        ("https://news.google.com/search?q=x", "Google News"),
        ("https://www.google.com/alerts/feeds/0123/456", "Google Alerts"),
        ("https://www.bing.com/news/search?q=x&format=rss", "Bing News"),
        ("https://www.google.com/search?q=x", None),
        ("https://news.example/google.com/rss", None),
        ("https://feeds.bbci.co.uk/sport/football/rss.xml", None),
        ("http://[::1", None),
    ],
)
def test_aggregator_feeds_are_known_by_address(url: str, name: str | None) -> None:
    assert aggregator_name(url) == name


@pytest.mark.parametrize("well_formed", [True, False], ids=["lxml", "feedparser"])
def test_a_proxy_link_gives_way_to_the_original_the_feed_names(well_formed: bool) -> None:
    title = "Sky Sports Football" if well_formed else "Sky Sports & Football"
    doc = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"><channel>'
        f"<title>{title}</title><link>https://www.skysports.com/</link>"
        "<item><title>Postecoglou under pressure</title>"
        "<link>http://feedproxy.google.com/~r/skysports/football/~3/AbCdEf/story.html</link>"
        "<feedburner:origLink>https://www.skysports.com/football/news/123/postecoglou</feedburner:origLink>"
        "</item><item><title>Not a link</title><link>https://www.skysports.com/football/news/456</link>"
        "<feedburner:origLink>javascript:alert(1)</feedburner:origLink></item></channel></rss>"
    ).encode()
    feed = parse_feed(doc, {}, "")
    assert feed.parser == ("lxml" if well_formed else "feedparser")
    assert [item.link for item in feed.items] == [
        "https://www.skysports.com/football/news/123/postecoglou",
        "https://www.skysports.com/football/news/456",
    ]
