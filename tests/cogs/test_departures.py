"""A server that removed the bot: kept during the grace period, then its own rows deleted (real store)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.departures import Departures
from bot.service import Service
from storage import bot_state
from storage import feeds as feed_rows

GONE, STAYS = 111, 222
START = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


async def setup_two_servers(service: Service) -> None:
    for guild in (GONE, STAYS):
        await service.digests.setup(guild, 5, "08:00", "UTC")
        await service.digests.set_alerts(guild, 6, 3)
        await service.digests.set_language(guild, "de")
        await service.digests.set_story_threads(guild, True)
    async with service.store.transaction() as db:
        await feed_rows.add_custom(db, "https://own.example/rss", "Own", GONE, 1, START)
        await feed_rows.add_custom(db, "https://both.example/rss", "Both", GONE, 1, START)
        await feed_rows.add_custom(db, "https://both.example/rss", "Both", STAYS, 2, START)
    await service.follows.add(GONE, "club", "rma", "Real Madrid", role_id=77)
    await service.follows.add(STAYS, "club", "fcb", "Barcelona")


async def urls(service: Service) -> set[str]:
    async with service.store.read() as db:
        return {feed.url for feed in await feed_rows.all_feeds(db)}


async def follows(service: Service) -> list[int]:
    async with service.store.read() as db, db.execute("SELECT guild_id FROM follows") as cursor:
        return sorted(int(row[0]) for row in await cursor.fetchall())


async def test_removed_server_is_deleted_after_the_grace_period_only(service: Service) -> None:
    await setup_two_servers(service)
    now = [START]
    departures = Departures(service.store, timedelta(days=7), clock=lambda: now[0])
    await departures.left(GONE)
    now[0] = START + timedelta(days=6, hours=23)
    assert await departures.purge_due() == []
    assert (await service.digests.status(GONE)).enabled
    now[0] = START + timedelta(days=7)
    assert await departures.purge_due() == [GONE]
    gone = await service.digests.status(GONE)
    assert not gone.enabled and gone.time is None and gone.alerts_channel_id is None
    assert gone.language is None and not gone.story_threads
    stays = await service.digests.status(STAYS)
    assert stays.enabled and stays.alerts_level == 3
    assert stays.language == "de" and stays.story_threads
    assert await urls(service) == {"https://both.example/rss"}  # its own feed went, the shared one stays
    async with service.store.read() as db:
        assert await feed_rows.subscription_count(db, GONE) == 0
        assert await feed_rows.subscription_count(db, STAYS) == 1
        assert await bot_state.left_before(db, now[0]) == []
    assert await follows(service) == [STAYS]
    assert await departures.purge_due() == []  # done once


async def test_rejoining_in_time_keeps_everything(service: Service) -> None:
    await setup_two_servers(service)
    now = [START]
    departures = Departures(service.store, timedelta(days=7), clock=lambda: now[0])
    await departures.left(GONE)
    await departures.rejoined(GONE)
    now[0] = START + timedelta(days=30)
    assert await departures.purge_due() == []
    assert (await service.digests.status(GONE)).enabled
    assert await follows(service) == [GONE, STAYS]


async def test_back_in_the_server_list_at_start_cancels_the_removal(service: Service) -> None:
    now = [START]
    departures = Departures(service.store, timedelta(days=7), clock=lambda: now[0])
    await departures.left(GONE)
    await departures.left(STAYS)
    await departures.present([STAYS])  # re-added while the bot was offline
    now[0] = START + timedelta(days=8)
    assert await departures.purge_due() == [GONE]


async def test_a_store_without_the_table_reads_as_empty(service: Service) -> None:
    async with service.store.read() as db:
        assert await bot_state.get(db, "commands_hash:global") is None
        assert await bot_state.left_before(db, START) == []
