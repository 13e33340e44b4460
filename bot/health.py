"""Is this process well? A heartbeat each running process writes, and the check `hotseat health` makes.

Each `hotseat run` process rewrites its heartbeat (storage/cluster.py) every HEARTBEAT_SECONDS: its
role, whether its Discord gateway is connected (bot roles) and when its last poll finished (poller
roles). `hotseat health` reads the heartbeat of its instance (HOTSEAT_INSTANCE, the host name by
default: inside a container that is the container's own process) and exits 0 only when the heartbeat
is fresh, the gateway is connected (for bot roles) and the last poll is recent (for poller roles).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.config import Settings
from storage import Store, StoreWriteError
from storage import cluster as cluster_rows

log = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 15.0
STALE_AFTER = timedelta(seconds=HEARTBEAT_SECONDS * 4)  # a missed beat or two is fine; four is not


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Verdict:
    healthy: bool
    reason: str


class Heartbeat:
    """Writes this process's heartbeat until cancelled."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        role: str,
        *,
        gateway: Callable[[], bool] | None = None,
        last_poll: Callable[[], datetime | None] | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.role = role
        self.gateway = gateway
        self.last_poll = last_poll

    async def beat(self) -> None:
        polled = self.last_poll() if self.last_poll is not None else None
        beat = {
            "role": self.role,
            "at": _now().isoformat(),
            "gateway": self.gateway() if self.gateway is not None else None,
            "last_poll_at": polled.isoformat() if polled is not None else None,
        }
        async with self.store.transaction() as db:
            await cluster_rows.put_heartbeat(db, self.settings.instance, beat)

    async def run_forever(self) -> None:
        while True:
            try:
                await self.beat()
            except StoreWriteError as exc:  # health then reports a stale heartbeat, which is the truth
                log.warning("could not write the heartbeat: %s", exc)
            await asyncio.sleep(HEARTBEAT_SECONDS)


def judge(beat: dict[str, object] | None, settings: Settings, now: datetime | None = None) -> Verdict:
    """Healthy or not, with the reason in one line an operator can act on."""
    now = now or _now()
    instance = settings.instance
    if beat is None:
        return Verdict(False, f"no heartbeat from instance {instance!r}: is `hotseat run` running here?")
    at = datetime.fromisoformat(str(beat["at"]))
    if now - at > STALE_AFTER:
        return Verdict(False, f"instance {instance!r} last beat {int((now - at).total_seconds())} s ago")
    role = str(beat.get("role"))
    if role in ("bot", "all") and beat.get("gateway") is not True:
        return Verdict(False, f"instance {instance!r} ({role}) is not connected to the Discord gateway")
    if role in ("poller", "all"):
        polled = beat.get("last_poll_at")
        limit = timedelta(minutes=settings.health_max_poll_age_minutes)
        if polled is None:
            return Verdict(False, f"instance {instance!r} ({role}) has not finished a poll yet")
        age = now - datetime.fromisoformat(str(polled))
        if age > limit:
            minutes = int(age.total_seconds() // 60)
            return Verdict(False, f"instance {instance!r} ({role}) last finished a poll {minutes} min ago")
    return Verdict(True, f"instance {instance!r} ({role}) is healthy")


async def check(settings: Settings) -> Verdict:
    store = await Store.open(settings.db_path)
    try:
        async with store.read() as db:
            beat = await cluster_rows.get_heartbeat(db, settings.instance)
    finally:
        await store.close()
    return judge(beat, settings)
