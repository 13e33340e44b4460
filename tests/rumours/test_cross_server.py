"""The probe from issue 10: a fake "Simeone SACKED" item in server B's own feed, read through the real
path (feed server on loopback → poll → store → real analysis → rumours → digest loop → sink).

Server A must see nothing of it (alerts, digest, board, profile), Simeone's tenure must stay open in
the shared store, and server B must see its story, marked as a report from one source.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from bot.service import Service
from tests.digest.conftest import Sink
from tests.support.feed_server import FeedServer, item, rss_feed

A, B = 1001, 2002
CHANNEL_A, CHANNEL_B = 11, 22
SACKED = (
    "Atlético Madrid sack Diego Simeone",
    "Atlético Madrid have sacked Diego Simeone after a run of five defeats.",
)
PRESSURE = (
    "Simeone under pressure at Atlético Madrid",
    "Diego Simeone is under pressure at Atlético Madrid after a poor run; the board will hold crisis talks.",
)


async def test_a_private_feed_sacking_stays_in_its_server(service: Service) -> None:
    now = datetime.now(UTC)
    shared_item = item(
        1, title=PRESSURE[0], summary=PRESSURE[1], date=format_datetime(now - timedelta(hours=2))
    )
    old = item(2, title="Transfer news roundup", summary="Nothing much.", date=format_datetime(now))
    fake = item(
        3, title=SACKED[0], summary=SACKED[1], date=format_datetime(now), link="https://fake.example/1"
    )
    async with FeedServer() as server:
        server.feed("/desk.xml", rss_feed([shared_item], title="Madrid Desk"))
        server.feed("/b.xml", rss_feed([old], title="Server B Blog"))
        await service.news.add_feed(server.url("/desk.xml"), guild_id=None)  # the operator's: shared
        await service.news.add_feed(server.url("/b.xml"), guild_id=B, added_by=7)
        await service.news.poll_once()  # first polls: recorded, never alerted
        for guild, channel in ((A, CHANNEL_A), (B, CHANNEL_B)):
            await service.digests.set_alerts(guild, channel, 1)
        sink = Sink()
        await service.digests.tick(sink)
        board_before = await service.rumours.hotseat(now=now, guild_id=A)
        assert [e.manager_key for e in board_before.entries] == ["diego-simeone"]

        server.feed("/b.xml", rss_feed([fake, old], title="Server B Blog"))
        await service.news.poll_once()  # B's feed has a live "sacking"
    await service.digests.tick(sink)

    simeone = await service.registry.current_manager("atletico-madrid")
    assert simeone is not None and simeone.key == "diego-simeone"  # the shared tenure is intact
    assert [(guild, alert.headline, alert.standing) for guild, _, alert in sink.alerts] == [
        (B, SACKED[0], "reported (1 source)")
    ]
    assert sink.alerts[0][2].title == "Decided, reported (1 source): Diego Simeone (Atlético Madrid)"
    assert await service.rumours.hotseat(now=now, guild_id=A) == board_before
    assert await service.rumours.hotseat(now=now) == board_before  # the CLI's and console's view
    digest_a = await service.rumours.digest_groups(now - timedelta(days=1), now, guild_id=A)
    assert [s.headline for g in digest_a for s in g.stories] == [PRESSURE[0]]
    profile_a = await service.rumours.manager_profile("Simeone", now=now, guild_id=A)
    assert (profile_a.level, [s.headline for s in profile_a.stories]) == (2, [PRESSURE[0]])

    board_b = await service.rumours.hotseat(now=now, guild_id=B)
    assert board_b.entries[0].manager_key == "diego-simeone"
    assert (board_b.entries[0].level, board_b.entries[0].standing) == (3, "reported (1 source)")
    assert board_b.entries[0].index > board_before.entries[0].index
    profile_b = await service.rumours.manager_profile("Simeone", now=now, guild_id=B)
    assert [s.headline for s in profile_b.stories] == [SACKED[0], PRESSURE[0]]
    digest_b = await service.rumours.digest_groups(now - timedelta(days=1), now, guild_id=B)
    assert {s.headline for g in digest_b for s in g.stories} == {SACKED[0], PRESSURE[0]}
