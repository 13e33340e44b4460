"""Alerts and digests over the real service: articles in through ingestion, posts out through a sink."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

from bot.service import Service
from tests.support.feed_server import FeedServer, item, rss_feed

from .conftest import Sink

GUILD, ALERTS, DIGESTS = 4242, 51, 52
PRESSURE = (
    "Hansi Flick under pressure at Barcelona after poor run",
    "Barcelona coach Hansi Flick is under pressure after a poor run; the board will hold crisis talks.",
)
SACKED = (
    "Barcelona sack Hansi Flick",
    "Barcelona have sacked Hansi Flick with immediate effect, the club confirmed in a statement.",
)


def write_feed(folder: Path, items: list[tuple[str, str]], now: datetime) -> Path:
    entries = "".join(
        f"<item><title>{escape(title)}</title><link>https://desk.example/{n}</link>"
        f"<guid>https://desk.example/{n}</guid><pubDate>{format_datetime(now - timedelta(minutes=10 - n))}"
        f"</pubDate><description>{escape(body)}</description></item>"
        for n, (title, body) in enumerate(items)
    )
    folder.mkdir(exist_ok=True)
    (folder / "desk.xml").write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Catalan Desk</title>'
        f"<link>https://desk.example/</link><description>news</description>{entries}</channel></rss>",
        encoding="utf-8",
    )
    return folder


async def test_alert_once_for_a_live_sacking_not_for_old_news(service: Service) -> None:
    now = datetime.now(UTC)
    stamp = format_datetime(now - timedelta(minutes=30))
    older = item(1, title=PRESSURE[0], summary=PRESSURE[1], date=stamp)
    sacking = item(2, title=SACKED[0], summary=SACKED[1], date=format_datetime(now))
    async with FeedServer() as server:
        server.feed("/desk.xml", rss_feed([older], title="Catalan Desk"))
        await service.news.add_feed(server.url("/desk.xml"), guild_id=None)
        await service.news.poll_once()  # the feed's first poll: recorded, never alerted
        await service.digests.set_alerts(GUILD, ALERTS, 3)
        sink = Sink()
        await service.digests.tick(sink)
        assert sink.alerts == []

        server.feed("/desk.xml", rss_feed([sacking, older], title="Catalan Desk"))
        await service.news.poll_once()  # a live article
    await service.digests.tick(sink)
    await service.digests.tick(sink)
    assert [(channel, alert.level) for _, channel, alert in sink.alerts] == [(ALERTS, 3)]
    assert sink.alerts[0][2].manager == "Hansi Flick"


async def test_first_digest_holds_the_day_and_status_shows_delivery(service: Service, tmp_path: Path) -> None:
    now = datetime.now(UTC)
    await service.news.ingest_dir(write_feed(tmp_path / "feeds", [PRESSURE], now))
    await service.digests.setup(GUILD, DIGESTS, (now + timedelta(minutes=5)).strftime("%H:%M"), "UTC")
    sink = Sink()
    await service.digests.tick(sink, now + timedelta(minutes=6))
    assert len(sink.digests) == 1
    assert sink.digests[0][2].entries[0].manager == "Hansi Flick"
    status = await service.digests.status(GUILD)
    assert status.last_delivered_at is not None and "Last delivered: never" not in status.to_text()
