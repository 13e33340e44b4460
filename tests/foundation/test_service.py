"""The service facade: its parts are wired to each other the way the bot relies on."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from bot.digest import Alert, DeliverySink, Digest, TickReport
from bot.models import StoredArticle
from bot.service import Service

SACKING = (
    "Real Madrid have sacked head coach Carlo Ancelotti after a 3-0 defeat at home to Osasuna, the club "
    "confirmed on Monday. Ancelotti leaves with the side seven points behind Barcelona. Castilla coach "
    "Raúl González will take charge on an interim basis, reports Marca."
)


class RecordingSink:
    def __init__(self) -> None:
        self.alerts: list[Alert] = []
        self.arrived = asyncio.Event()

    async def post_digest(self, guild_id: int, channel_id: int, digest: Digest) -> int | None:
        return None

    async def post_alert(self, guild_id: int, channel_id: int, alert: Alert) -> int | None:
        self.alerts.append(alert)
        self.arrived.set()
        return len(self.alerts)


def article(article_id: int, *, first_poll: bool) -> StoredArticle:
    return StoredArticle(
        id=article_id,
        feed_id=None,
        url=f"https://news.example/sacking-{article_id}",
        title="Real Madrid sack Carlo Ancelotti",
        summary=SACKING,
        body=None,
        outlet="Example Sport",
        language="en",
        published_at=datetime.now(UTC),
        first_poll=first_poll,
    )


async def test_a_live_sacking_wakes_the_alert_loop_without_waiting_for_the_tick(service: Service) -> None:
    await service.digests.set_alerts(1, 55, 3)
    service.digests.tick_seconds = 3600  # the next scheduled tick is an hour away
    sink = RecordingSink()
    ticked = asyncio.Event()
    real_tick = service.digests.tick

    async def tick(to: DeliverySink, now: datetime | None = None) -> TickReport:
        report = await real_tick(to, now)
        ticked.set()
        return report

    service.digests.tick = tick  # type: ignore[method-assign]
    loop = asyncio.create_task(service.digests.run_forever(sink))
    try:
        await asyncio.wait_for(ticked.wait(), timeout=20)  # the loop's first tick has run
        assert sink.alerts == []
        recorded = await service.news.on_article(article(1, first_poll=False))
        assert recorded is not None
        await asyncio.wait_for(sink.arrived.wait(), timeout=20)
    finally:
        loop.cancel()
        await asyncio.gather(loop, return_exceptions=True)
    assert len(sink.alerts) == 1
    assert "Ancelotti" in sink.alerts[0].to_text()


async def test_first_poll_articles_never_wake_or_alert(service: Service) -> None:
    await service.digests.set_alerts(1, 55, 1)
    await service.news.on_article(article(2, first_poll=True))
    sink = RecordingSink()
    report = await service.digests.tick(sink)
    assert sink.alerts == []
    assert report.failures == []
