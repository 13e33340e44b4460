"""A bot process that does not poll hears of a story another process recorded within seconds, not at
its next minute tick: it watches the newest alert sequence in the database and wakes its alert loop."""

from __future__ import annotations

import asyncio

from bot.cluster import watch_stories
from bot.config import Settings
from bot.service import Service
from tests.foundation.test_service import RecordingSink, article


async def first_alert_heard(settings: Settings, watch_every: float) -> str:
    """Record a story through one Service (another process's connections) while a second runs its
    alert loop with the next tick an hour away: the text of the first alert the second one posts."""
    bot, poller = await Service.open(settings), await Service.open(settings)
    tasks: list[asyncio.Task[None]] = []
    try:
        await bot.digests.set_alerts(1, 55, 3)
        bot.digests.tick_seconds = 3600  # the next scheduled tick is an hour away
        sink = RecordingSink()
        tasks.append(asyncio.create_task(bot.digests.run_forever(sink)))
        tasks.append(asyncio.create_task(watch_stories(bot, every=watch_every)))
        await asyncio.sleep(0.5)  # the loop's first tick (nothing to alert yet) is over
        assert sink.alerts == []
        recorded = await poller.news.on_article(article(1, first_poll=False))
        assert recorded is not None and recorded.story_id is not None
        await asyncio.wait_for(sink.arrived.wait(), timeout=10)
        return str(sink.alerts[0].to_text())
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await poller.close()
        await bot.close()


async def test_a_story_from_another_process_wakes_the_alert_loop(settings: Settings) -> None:
    assert "Ancelotti" in await first_alert_heard(settings, watch_every=0.1)
