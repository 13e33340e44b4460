"""A bot process that does not poll hears of a story another process recorded within seconds, not at
its next minute tick: it watches the newest alert sequence in the database and wakes its alert loop."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import date, timedelta

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


ARSENAL_SACKING = (
    "Arsenal have sacked manager Mikel Arteta after a 4-0 defeat at home to Fulham, the club confirmed "
    "on Monday. Arteta leaves with the side ninth in the table."
)


def _arteta_in_post(service: Service) -> bool:
    """Whether this process's registry has Arteta's Arsenal spell open (what /manager answers from)."""
    person = service.registry.registry.people["mikel-arteta"]
    return any(t.club_key == "arsenal" and t.ended_on is None for t in person.tenures)


async def _gone_here_within(bot: Service, seconds: float) -> bool:
    """Whether this process's registry stops showing Arteta in post within `seconds` (checked every
    50 ms)."""
    for _ in range(int(seconds / 0.05)):
        if not _arteta_in_post(bot):
            return True
        await asyncio.sleep(0.05)
    return not _arteta_in_post(bot)


@contextlib.asynccontextmanager
async def bot_beside_poller(
    settings: Settings, *, every: float, reload_every: float
) -> AsyncIterator[tuple[Service, Service]]:
    """A bot process running the story watch and a poller process, on one store; the bot's registry
    has Arteta in post once the watch runs."""
    bot, poller = await Service.open(settings), await Service.open(settings)
    watch = asyncio.create_task(watch_stories(bot, every=every, reload_every=reload_every))
    try:
        await asyncio.sleep(0.3)
        assert _arteta_in_post(bot)
        yield bot, poller
    finally:
        watch.cancel()
        await asyncio.gather(watch, return_exceptions=True)
        await poller.close()
        await bot.close()


async def test_a_sacking_another_process_confirmed_ends_the_spell_in_this_one(settings: Settings) -> None:
    """A bot process answers /manager from its own registry: a sacking a poller confirmed (here with
    the club's own statement) must show there as an ended spell, not only after a restart."""
    async with bot_beside_poller(settings, every=0.1, reload_every=3600) as (bot, poller):
        sacking = replace(
            article(1, first_poll=False), title="Arsenal sack Mikel Arteta", summary=ARSENAL_SACKING
        )
        recorded = await poller.news.on_article(sacking)
        assert recorded is not None and recorded.story_id is not None
        assert not _arteta_in_post(poller)  # confirmed: the club's statement is quoted
        assert await _gone_here_within(bot, 10)


async def test_tenures_changed_without_a_story_are_reread_on_the_reload_period(settings: Settings) -> None:
    """Live coaches or a registry correction change tenures without an alert: the periodic re-read."""
    async with bot_beside_poller(settings, every=3600, reload_every=0.2) as (bot, poller):
        yesterday = date.today() - timedelta(days=1)
        assert await poller.registry.end_tenure("mikel-arteta", "arsenal", yesterday, "test")
        assert await _gone_here_within(bot, 10)
