"""Per-server follows of clubs, managers and leagues (/follow): the rows the alert routing reads.

A server's first follow with no alerts channel set starts its alert cursor at the newest story, so
following something announces what happens next, not the backlog.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from storage import Store
from storage import deliveries as delivery_rows
from storage import follows as follow_rows
from storage import guilds as guild_rows
from storage.follows import Follow, Kind


class FollowLimitError(Exception):
    """The server already has `follow_rows.MAX_PER_SERVER` follows."""


class Follows:
    def __init__(self, store: Store, timezone: str, clock: Callable[[], datetime] | None = None) -> None:
        self.store = store
        self.timezone = timezone
        self.clock = clock or (lambda: datetime.now(UTC))

    async def add(
        self,
        guild_id: int,
        kind: Kind,
        target: str,
        label: str,
        *,
        role_id: int | None = None,
        min_level: int = 2,
        channel_id: int | None = None,
    ) -> Follow:
        if not 1 <= min_level <= 3:
            raise ValueError(f"level must be 1 to 3, not {min_level}")
        now = self.clock()
        async with self.store.transaction() as db:
            existing = await follow_rows.for_guild(db, guild_id)
            known = any(f.kind == kind and f.target == target for f in existing)
            if not known and len(existing) >= follow_rows.MAX_PER_SERVER:
                raise FollowLimitError(str(follow_rows.MAX_PER_SERVER))
            await guild_rows.ensure(db, guild_id, self.timezone, now)
            config = await guild_rows.get(db, guild_id)
            if not existing and config is not None and config.alerts_channel_id is None:
                latest = await delivery_rows.latest_alert_seq(db)
                await guild_rows.advance_alert_cursor(db, guild_id, latest)
            return await follow_rows.upsert(
                db,
                guild_id,
                kind,
                target,
                label,
                role_id=role_id,
                min_level=min_level,
                channel_id=channel_id,
                now=now,
            )

    async def for_guild(self, guild_id: int) -> list[Follow]:
        async with self.store.read() as db:
            return await follow_rows.for_guild(db, guild_id)

    async def remove(self, guild_id: int, follow_id: int) -> Follow | None:
        async with self.store.transaction() as db:
            return await follow_rows.remove(db, guild_id, follow_id)
