"""When the bot is removed from a server, that server's data is deleted after a grace period.

Removal is recorded (`storage/bot_state`); rejoining within the grace period cancels it, so an admin who
kicked the bot by mistake gets everything back. After the period, the server's settings, deliveries,
follows, private feed subscriptions and Discord preferences (language, threads) are deleted
(`storage/departures`, `bot/digest/prefs`). `/about` says so.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from bot.digest import prefs
from storage import Store, bot_state
from storage import departures as departure_rows

log = logging.getLogger(__name__)

GRACE = timedelta(days=7)
CHECK_SECONDS = 3600.0


class Departures:
    """Records removals and purges servers whose grace period is over."""

    def __init__(
        self, store: Store, grace: timedelta = GRACE, clock: Callable[[], datetime] | None = None
    ) -> None:
        self.store = store
        self.grace = grace
        self.clock = clock or (lambda: datetime.now(UTC))

    async def left(self, guild_id: int) -> None:
        async with self.store.transaction() as db:
            await bot_state.mark_left(db, guild_id, self.clock())

    async def rejoined(self, guild_id: int) -> None:
        async with self.store.transaction() as db:
            await bot_state.delete(db, f"{bot_state.LEFT_PREFIX}{guild_id}")

    async def present(self, guild_ids: list[int]) -> None:
        """At start-up: servers the bot is in again (re-added while it was offline) are kept."""
        if not guild_ids:
            return
        async with self.store.transaction() as db:
            for guild_id in guild_ids:
                await bot_state.delete(db, f"{bot_state.LEFT_PREFIX}{guild_id}")

    async def purge_due(self) -> list[int]:
        """Delete every server whose grace period has run out; returns their ids."""
        cutoff = self.clock() - self.grace
        async with self.store.read() as db:
            due = await bot_state.left_before(db, cutoff)
        for guild_id in due:
            async with self.store.transaction() as db:
                await departure_rows.forget_server(db, guild_id)
                await prefs.forget(db, guild_id)
                await bot_state.delete(db, f"{bot_state.LEFT_PREFIX}{guild_id}")
            log.info("deleted the settings of server %s (the bot left it over %s ago)", guild_id, self.grace)
        return due

    async def run_forever(self) -> None:
        while True:
            await self.purge_due()
            await asyncio.sleep(CHECK_SECONDS)
