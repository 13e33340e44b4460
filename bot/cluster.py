"""How `hotseat run` processes share one database: the roles, the headless poller and the story watch.

`--role poller` fetches feeds (leased, so any number of pollers share them), analyses articles and
refreshes match data, with no Discord connection. `--role bot` connects to Discord (its shards only)
and posts digests and alerts, but never polls: it learns of new stories through the database by
watching the newest alert sequence number and waking its alert loop (on PostgreSQL, LISTEN/NOTIFY
tells it at once and the watch is a slow safety net). `--role all` (the default) does everything, as one
process always did.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from typing import Literal

from bot import loops
from bot.health import Heartbeat
from bot.loops import LoopFactory
from bot.service import Service
from storage import cluster as cluster_rows

log = logging.getLogger(__name__)

Role = Literal["all", "poller", "bot"]
STORY_CHECK_SECONDS = 2.0
LISTEN_FALLBACK_SECONDS = 30.0  # with LISTEN/NOTIFY (PostgreSQL), the periodic check is only a safety net
# Pollers also change who manages whom without an alert (live coaches, a registry correction): a bot
# process re-reads the tenures this often besides after every story it hears of.
TENURE_RELOAD_SECONDS = 300.0


def poller_loops(service: Service) -> dict[str, LoopFactory]:
    """The background work of a poller (also part of `all`)."""
    return {
        "feed polling": service.news.run_forever,
        "match refresh": service.football.refresh_forever,
        "retention": service.retention.run_forever,
    }


async def watch_stories(
    service: Service, every: float = STORY_CHECK_SECONDS, reload_every: float = TENURE_RELOAD_SECONDS
) -> None:
    """Wake the alert loop whenever another process records a story event (a bot without polling),
    and bring this process's tenures up to date: a sacking a poller confirmed ends a spell that
    /manager, /hotseat and autocomplete here must show ended too.

    On PostgreSQL the store's LISTEN hears the NOTIFY sent when such a story commits, so the check runs
    at once; the periodic check stays as a slower safety net (a listening connection that dropped)."""
    nudged = asyncio.Event()
    loop = asyncio.get_running_loop()
    async with contextlib.AsyncExitStack() as stack:
        listen = getattr(service.store, "listen", None)
        if listen is not None:
            await stack.enter_async_context(listen(cluster_rows.STORY_CHANNEL, nudged.set))
            every = max(every, LISTEN_FALLBACK_SECONDS)
        async with service.store.read() as db:
            seen = await cluster_rows.latest_alert_seq(db)
        reloaded = loop.time()
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(nudged.wait(), min(every, reload_every))
            nudged.clear()
            async with service.store.read() as db:
                latest = await cluster_rows.latest_alert_seq(db)
            if latest > seen or loop.time() - reloaded >= reload_every:
                await service.registry.reload_tenures()
                reloaded = loop.time()
            if latest > seen:
                seen = latest
                service.digests.wake()


async def run_poller(service: Service, stop: asyncio.Event | None = None) -> None:
    """Poll, analyse and refresh until SIGINT/SIGTERM (or `stop`): the `--role poller` process."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    installed: list[signal.Signals] = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
            installed.append(sig)
    heartbeat = Heartbeat(
        service.store, service.settings, "poller", last_poll=lambda: service.news.last_poll_at
    )
    factories = {**poller_loops(service), "heartbeat": heartbeat.run_forever}
    tasks = [loops.start(name, factory) for name, factory in factories.items()]
    log.info("poller %s started", service.news.poller_id)
    try:
        await stop.wait()
    finally:
        for sig in installed:
            loop.remove_signal_handler(sig)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
