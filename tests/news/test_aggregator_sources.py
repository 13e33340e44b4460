"""Independent sources through an aggregator (issue 12, part 5), on the real path: a Google News feed
served from loopback → poll → parse → store → real analysis → rumours (pressure, /successor, the
confirmation of a sacking).

Two outlets' reports of one sacking reached through Google News are two sources: the sacking is
confirmed and the board and /successor count two outlets. The same report read twice (a syndicated
copy, or one article in two Google News searches) counts once; so do items that name no outlet.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape

from bot.service import Service
from tests.support.feed_server import FeedServer, item, rss_feed

GUARDIAN = "https://www.theguardian.com/football/2026/dec/04/simeone-sacked-atletico"
GUARDIAN_ID = (  # an old-style Google News article id: base64 of a small protobuf holding GUARDIAN
    "CBMiSGh0dHBzOi8vd3d3LnRoZWd1YXJkaWFuLmNvbS9mb290YmFsbC8yMDI2L2RlYy8wNC9zaW1lb25lLXNhY2tlZC1hdGxldGljb9IBAA"
)
OPAQUE = "https://news.google.com/rss/articles/CBMiAU_yqLPq3mKh9bXyZ0Rk2TQ8vVhW1cE?oc=5"
REPORTS = {  # outlet → (headline, text), each outlet in its own words
    "The Guardian": (
        "Atlético Madrid sack Diego Simeone",
        "Atlético Madrid have sacked Diego Simeone after a run of five defeats. "
        "Marcelino is the favourite to replace him.",
    ),
    "Sky Sports": (
        "Diego Simeone sacked by Atlético Madrid",
        "Diego Simeone has been sacked by Atlético Madrid following a poor run of results. "
        "Marcelino is lined up to take over.",
    ),
}


def google_item(n: int, outlet: str | None, link: str, site: str, when: datetime) -> str:
    headline, text = REPORTS["The Guardian" if n == 1 else "Sky Sports"]
    title = f"{headline} - {outlet}" if outlet else headline
    source = f'<source url="{site}">{escape(outlet)}</source>' if outlet else ""
    return (
        f"<item><title>{escape(title)}</title><link>{escape(link)}</link>"
        f'<guid isPermaLink="false">gn-{n}</guid><pubDate>{format_datetime(when)}</pubDate>'
        f"<description>{escape(text)}</description>{source}</item>"
    )


def google_feed(query: str, *items: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>&quot;{query}&quot; - Google News</title>"
        f"<link>https://news.google.com/search?q={query.replace(' ', '+')}</link><language>en-GB</language>"
        f"{''.join(items)}</channel></rss>"
    ).encode()


QUIET = (
    "<item><title>Transfer roundup</title><link>https://news.example/roundup</link><guid>q</guid>"
    "<description>Nothing much.</description></item>"
)


async def _first_poll(service: Service, server: FeedServer, **searches: str) -> None:
    """Each feed's first poll (recorded, never alerted), so the reports below arrive live. A feed is
    named by its own title then: each Google News search is a feed of its own name."""
    for path, query in searches.items():
        body = (
            google_feed(query, QUIET)
            if query
            else rss_feed([item(99, title="Roundup")], title="The Guardian")
        )
        server.feed(f"/{path}.xml", body)
        await service.news.add_feed(server.url(f"/{path}.xml"), guild_id=None)
    await service.news.poll_once()


async def test_two_outlets_through_google_news_confirm_a_sacking(service: Service) -> None:
    now = datetime.now(UTC)
    async with FeedServer() as server:
        await _first_poll(service, server, gn="manager sacked")
        server.feed(
            "/gn.xml",
            google_feed(
                "manager sacked",
                google_item(
                    1,
                    "The Guardian",
                    f"https://news.google.com/rss/articles/{GUARDIAN_ID}?oc=5",
                    "https://www.theguardian.com",
                    now - timedelta(minutes=30),
                ),
                google_item(
                    2, "Sky Sports", OPAQUE, "https://www.skysports.com", now - timedelta(minutes=10)
                ),
            ),
        )
        await service.news.poll_once()
    async with service.store.read() as db:
        rows = await db.execute_fetchall(
            "SELECT title, outlet, url FROM articles WHERE title LIKE '%Simeone%'"
        )
    assert sorted(tuple(row) for row in rows) == [
        ("Atlético Madrid sack Diego Simeone", "The Guardian", GUARDIAN),
        ("Diego Simeone sacked by Atlético Madrid", "Sky Sports", OPAQUE),
    ]
    profile = await service.rumours.manager_profile("Simeone", now=now)
    assert profile.standing == "confirmed"
    assert sorted(profile.stories[0].outlets) == ["Sky Sports", "The Guardian"]
    board = await service.rumours.hotseat(now=now)
    assert board.entries[0].manager_key == "diego-simeone" and board.entries[0].standing == "confirmed"
    successors = await service.rumours.successors("Simeone", now=now)
    marcelino = next(c for c in successors.candidates if "Marcelino" in c.name)
    assert (marcelino.outlet_count, sorted(marcelino.outlets)) == (2, ["Sky Sports", "The Guardian"])


async def test_items_naming_no_outlet_count_once_across_searches(service: Service) -> None:
    """Two Google News searches, each with one report and no <source>: the reader cannot tell the
    outlets apart, so neither can we: one source (Google News), the sacking only reported."""
    now = datetime.now(UTC)
    async with FeedServer() as server:
        await _first_poll(service, server, sacked="manager sacked", coach="head coach sacked")
        first = google_item(1, None, OPAQUE, "", now - timedelta(minutes=30))
        second = google_item(2, None, OPAQUE.replace("CBMiAU", "CBMiBV"), "", now - timedelta(minutes=10))
        server.feed("/sacked.xml", google_feed("manager sacked", first))
        server.feed("/coach.xml", google_feed("head coach sacked", second))
        await service.news.poll_once()
    async with service.store.read() as db:
        rows = await db.execute_fetchall("SELECT outlet FROM articles WHERE title LIKE '%Simeone%'")
        named = await db.execute_fetchall("SELECT outlet FROM feeds ORDER BY id")
    assert [row[0] for row in named] == [
        '"manager sacked" - Google News',
        '"head coach sacked" - Google News',
    ]
    assert [row[0] for row in rows] == ["Google News", "Google News"]
    profile = await service.rumours.manager_profile("Simeone", now=now)
    assert profile.standing == "reported (1 source)"


async def test_a_report_also_read_directly_counts_once(service: Service) -> None:
    """The Guardian read through Google News and through its own feed is one source, not two."""
    now = datetime.now(UTC)
    async with FeedServer() as server:
        await _first_poll(service, server, gn="manager sacked", guardian="")
        headline, text = REPORTS["The Guardian"]
        link = f"https://news.google.com/rss/articles/{GUARDIAN_ID}?oc=5"
        server.feed(
            "/gn.xml",
            google_feed(
                "manager sacked",
                google_item(
                    1, "The Guardian", link, "https://www.theguardian.com", now - timedelta(minutes=30)
                ),
            ),
        )
        direct = item(
            1, title=headline, summary=text, link=GUARDIAN, date=format_datetime(now - timedelta(minutes=20))
        )
        server.feed("/guardian.xml", rss_feed([direct], title="The Guardian"))
        await service.news.poll_once()
    profile = await service.rumours.manager_profile("Simeone", now=now)
    assert profile.standing == "reported (1 source)"
    assert profile.stories[0].outlets == ("The Guardian",)
