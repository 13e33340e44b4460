"""Admins steer the shared feeds for their own server only (issue 12, part 6), through the real path:
feed server on loopback → poll → store → real analysis → rumours → digest and alert loop → sink.

Server A switches the Spanish bundled feeds off; server B changes nothing. A's digests and alerts lose
the stories told only by the Spanish feed, B's keep them, and the feed is still polled for B.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from bot.errors import UserError
from bot.news.reports import FeedStatus
from bot.news.service import DISABLE_AFTER
from bot.service import Service
from storage import feeds as feed_rows
from tests.digest.conftest import Sink
from tests.support.feed_server import FeedServer, item, rss_feed

A, B = 1001, 2002
ADMIN = 77
FLICK = (  # the Spanish feed's story, in Spanish (the analysis reads it in the feed's language)
    "Hansi Flick, en la cuerda floja en el Barcelona",
    "Hansi Flick está en la cuerda floja en el Barcelona tras una mala racha; habrá reunión de crisis.",
)
FLICK_EN = (  # the same story told by the English feed
    "Hansi Flick under pressure at Barcelona",
    "Hansi Flick is under pressure at Barcelona after a poor run; the board will hold crisis talks.",
)
SIMEONE = (
    "Simeone under pressure at Atlético Madrid",
    "Diego Simeone is under pressure at Atlético Madrid after three defeats; the board is unhappy.",
)
FLICK_LIVE = (
    "Hansi Flick sigue en la cuerda floja en el Barcelona",
    "Hansi Flick sigue en la cuerda floja en el Barcelona tras otra derrota; el club perdió la paciencia.",
)


async def _bundled(service: Service, server: FeedServer) -> dict[str, int]:
    """Two bundled feeds served from loopback: one Spanish, one English (ids by language)."""
    now = datetime.now(UTC)
    async with service.store.transaction() as db:
        await feed_rows.upsert_default(db, server.url("/es.xml"), "Diario ES", "es", now)
        await feed_rows.upsert_default(db, server.url("/en.xml"), "Desk EN", "en", now)
        return {
            "es": (await feed_rows.by_url(db, server.url("/es.xml"))).id,  # type: ignore[union-attr]
            "en": (await feed_rows.by_url(db, server.url("/en.xml"))).id,  # type: ignore[union-attr]
        }


def _headlines(groups: object) -> set[str]:
    return {story.headline for group in groups for story in group.stories}  # type: ignore[attr-defined]


async def test_a_language_switched_off_filters_that_server_only(service: Service) -> None:
    now = datetime.now(UTC)
    when = format_datetime(now - timedelta(hours=1))
    async with FeedServer() as server:
        ids = await _bundled(service, server)
        server.feed(
            "/es.xml", rss_feed([item(1, title=FLICK[0], summary=FLICK[1], date=when)], language="es")
        )
        server.feed("/en.xml", rss_feed([item(2, title=SIMEONE[0], summary=SIMEONE[1], date=when)]))
        await service.news.poll_once()
        for guild, channel in ((A, 11), (B, 22)):
            await service.digests.set_alerts(guild, channel, 1)

        report = await service.news.switch_bundled(A, False, language="es", by=ADMIN)
        assert [(feed.id, feed.state) for feed in report.feeds] == [(ids["es"], "off")]

        preview_a = await service.digests.build(A, now)
        preview_b = await service.digests.build(B, now)
        assert preview_a is not None and preview_b is not None
        assert {s.headline for e in preview_a.entries for s in e.stories} == {SIMEONE[0]}
        assert {s.headline for e in preview_b.entries for s in e.stories} == {FLICK[0], SIMEONE[0]}

        live = format_datetime(now)
        server.feed(
            "/es.xml",
            rss_feed(
                [item(3, title=FLICK_LIVE[0], summary=FLICK_LIVE[1], date=live), item(1, date=when)],
                language="es",
            ),
        )
        await service.news.poll_once()  # the Spanish feed is still polled: B reads it
        assert server.hits["/es.xml"] == 2
    sink = Sink()
    await service.digests.tick(sink)
    assert [(guild, alert.headline) for guild, _, alert in sink.alerts] == [(B, FLICK[0])]
    status_a = await service.digests.status(A)
    await service.digests.tick(sink)  # A's cursor passed the story: nothing is posted later either
    assert len(sink.alerts) == 1 and status_a.problem is None

    listed = {feed.id: feed for feed in await service.news.list_feeds(A)}
    assert listed[ids["es"]].off_here is not None
    assert listed[ids["es"]].off_here.by_language == "es"
    assert listed[ids["en"]].off_here is None
    assert all(feed.off_here is None for feed in await service.news.list_feeds(B))


async def test_a_story_also_told_by_a_feed_left_on_stays(service: Service) -> None:
    now = datetime.now(UTC)
    when = format_datetime(now - timedelta(hours=1))
    async with FeedServer() as server:
        await _bundled(service, server)
        server.feed(
            "/es.xml", rss_feed([item(1, title=FLICK[0], summary=FLICK[1], date=when)], language="es")
        )
        copy = item(4, title=FLICK_EN[0], summary=FLICK_EN[1], date=when, link="https://desk.example/flick")
        server.feed("/en.xml", rss_feed([copy]))
        await service.news.poll_once()
    await service.news.switch_bundled(A, False, language="es", by=ADMIN)
    groups = await service.rumours.digest_groups(now - timedelta(days=1), now, guild_id=A)
    outlets = {outlet for g in groups for s in g.stories for outlet in s.outlets}
    assert outlets == {"Diario ES", "Desk EN"}, "the two copies make one story with both outlets"
    preview = await service.digests.build(A, now)
    assert preview is not None
    assert [sorted(s.outlets) for e in preview.entries for s in e.stories] == [["Desk EN", "Diario ES"]]


async def test_one_feed_back_on_inside_a_language_switched_off(service: Service) -> None:
    async with FeedServer() as server:
        ids = await _bundled(service, server)
    async with service.store.transaction() as db:
        await feed_rows.upsert_default(db, "https://marca.example/rss", "Marca", "es", datetime.now(UTC))
    await service.news.switch_bundled(A, False, language="es", by=ADMIN)
    back = await service.news.switch_bundled(A, True, feed=str(ids["es"]), by=ADMIN)
    assert [(f.id, f.state) for f in back.feeds] == [(ids["es"], "new")]
    states = {f.outlet: f.state for f in await service.news.list_feeds(A)}
    assert states == {"Diario ES": "new", "Desk EN": "new", "Marca": "off"}

    # One feed off by itself, then the language on again: the language switch wins for all of it.
    await service.news.switch_bundled(A, False, feed=f"#{ids['en']}", by=ADMIN)
    await service.news.switch_bundled(A, True, language="ES", by=ADMIN)
    states = {f.outlet: f.state for f in await service.news.list_feeds(A)}
    assert states == {"Diario ES": "new", "Desk EN": "off", "Marca": "new"}
    off = {f.outlet: f.off_here for f in await service.news.list_feeds(A)}
    assert off["Desk EN"] is not None and off["Desk EN"].by_language is None
    assert off["Desk EN"].changed_by == ADMIN


async def test_why_each_feed_is_listed(service: Service) -> None:
    async with FeedServer() as server:
        server.feed("/own.xml", rss_feed([item(1)], title="Our Blog"))
        server.feed("/op.xml", rss_feed([item(2)], title="Operator Desk"))
        ids = await _bundled(service, server)
        own = await service.news.add_feed(server.url("/own.xml"), guild_id=A, added_by=ADMIN)
        operator = await service.news.add_feed(server.url("/op.xml"), guild_id=None)
    listed = {f.id: f for f in await service.news.list_feeds(A)}
    assert listed[own.id].origin == "own" and listed[own.id].added_by == ADMIN
    assert listed[own.id].added_at is not None
    assert listed[operator.id].origin == "operator", "the operator's shared feeds are in every list"
    text = {f.id: f.to_text() for f in listed.values()}
    assert "why: bundled default feed for language es" in text[ids["es"]]
    assert f"why: added by member {ADMIN} on {datetime.now(UTC):%Y-%m-%d}" in text[own.id]
    assert "why: added by the operator" in text[operator.id]
    assert own.id not in {f.id for f in await service.news.list_feeds(B)}, "own feeds stay private"


async def test_retry_a_feed_disabled_after_failures(service: Service) -> None:
    async with FeedServer() as server:
        server.status("/broken.xml", 500)
        broken = await service.news.add_feed(server.url("/broken.xml"), guild_id=A, added_by=ADMIN)
        for _ in range(DISABLE_AFTER):
            async with service.store.transaction() as db:  # pretend the backoff has passed
                await db.execute("UPDATE feeds SET next_poll_at = NULL WHERE id = ?", (broken.id,))
            await service.news.poll_once()
        [disabled] = [f for f in await service.news.list_feeds(A) if f.id == broken.id]
        assert disabled.state == "disabled" and disabled.failures == DISABLE_AFTER
        assert disabled.disabled_at is not None
        assert f"disabled since {disabled.disabled_at:%Y-%m-%d}, after {DISABLE_AFTER} failure(s)" in (
            disabled.to_text()
        )
        with pytest.raises(UserError, match="no feed"):
            await service.news.retry_feed(B, str(broken.id))  # another server's private feed
        hits = server.hits["/broken.xml"]
        await service.news.poll_once()
        assert server.hits["/broken.xml"] == hits, "a disabled feed is not polled"

        server.feed("/broken.xml", rss_feed([item(1)], title="Fixed Blog"))
        again: FeedStatus = await service.news.retry_feed(A, f"#{broken.id}")
        assert (again.state, again.failures, again.disabled_at) == ("new", 0, None)
        report = await service.news.poll_once()
        assert server.hits["/broken.xml"] == hits + 1 and report.new == 1
    with pytest.raises(UserError, match="not disabled"):
        await service.news.retry_feed(A, str(broken.id))


async def test_bad_requests_are_refused_and_change_nothing(service: Service) -> None:
    async with FeedServer() as server:
        ids = await _bundled(service, server)
        server.feed("/own.xml", rss_feed([item(1)]))
        own = await service.news.add_feed(server.url("/own.xml"), guild_id=A, added_by=ADMIN)
    with pytest.raises(UserError, match="either a language or one feed"):
        await service.news.switch_bundled(A, False)
    with pytest.raises(UserError, match="either a language or one feed"):
        await service.news.switch_bundled(A, False, language="es", feed=str(ids["es"]))
    with pytest.raises(UserError, match="no bundled feeds in 'xx'"):
        await service.news.switch_bundled(A, False, language="xx")
    with pytest.raises(UserError, match="own feed"):
        await service.news.switch_bundled(A, False, feed=str(own.id))
    with pytest.raises(UserError, match="no feed"):
        await service.news.switch_bundled(B, False, feed=str(own.id))
    with pytest.raises(UserError, match="no feed"):
        await service.news.switch_bundled(A, False, feed="99999")
    with pytest.raises(UserError, match="cannot be removed"):
        await service.news.remove_feed(str(ids["es"]), A)
    assert all(f.off_here is None for f in await service.news.list_feeds(A))
