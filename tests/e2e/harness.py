"""Runs the REAL bot (`bot.app.run_discord`) against the fake Discord over loopback, with seeded data.

Only loopback is touched: match refreshes are pointed at a local static server holding our own
openfootball file, feeds come from saved files through the news service's own ingest path.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from aiohttp import web

from bot.config import Settings, load_settings
from bot.service import Service
from tests.e2e import seed
from tests.e2e.fake_discord import FakeDiscord
from tests.e2e.seed import Item

START_TIMEOUT = 20.0


@dataclass
class TestClock:
    """The digest loop's clock: real time plus `offset`, always read as second :59.5.

    DigestService sleeps until the next minute boundary by its clock; pinning the seconds makes it tick
    about once a second, so a due digest or a new alert shows up within a second instead of a minute.
    `offset` moves the schedule forward (a slot becomes due) without waiting for it.
    """

    offset: timedelta = field(default_factory=timedelta)

    def __call__(self) -> datetime:
        return (datetime.now(UTC) + self.offset).replace(second=59, microsecond=500_000)


class StaticServer:
    """A loopback file server standing in for raw.githubusercontent.com/openfootball."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.port = 0
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application()
        app.router.add_static("/", self.root)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        self.port = int(server.sockets[0].getsockname()[1])  # type: ignore[attr-defined]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


class BotHarness:
    """One fake Discord, one store on disk, and the real bot that can be stopped and started again."""

    def __init__(self, fake: FakeDiscord, workdir: Path) -> None:
        self.fake = fake
        self.workdir = workdir
        self.clock = TestClock()
        self.data = StaticServer(workdir / "openfootball")
        self.settings: Settings = load_settings(
            DISCORD_TOKEN=fake.token,
            HOTSEAT_DB=str(workdir / "hotseat.db"),
            HOTSEAT_DISCORD_API_URL=fake.api_url,
            HOTSEAT_DISCORD_GATEWAY_URL=fake.gateway_url,
            HOTSEAT_SYNC_COMMANDS=True,
            HOTSEAT_DEV_GUILD_ID=fake.guild.guild_id,
            HOTSEAT_DEFAULT_FEEDS=False,
            HOTSEAT_ALLOW_PRIVATE_FEEDS=True,
            HOTSEAT_TIMEZONE="UTC",
            HOTSEAT_FETCH_TIMEOUT_SECONDS=5,
        )
        self.service: Service | None = None
        self.task: asyncio.Task[None] | None = None
        self._published: tuple[Item, ...] = ()

    # ----- data -----------------------------------------------------------------------------------
    async def seed(self) -> None:
        """Matches, background stories and one live feed, through the service's own import paths."""
        season = seed.write_season(self.workdir / "openfootball")
        seed.write_live_feed(self.live_dir, seed.STORIES_B)
        await self.data.start()
        service = await self.open_service()
        await service.football.import_matches([str(season)])
        await service.news.ingest_dir(seed.write_feeds(self.workdir / "feeds"))
        await service.news.add_feed(self.live_feed_url, guild_id=None)
        await service.news.poll_once()  # the first poll only learns what is already there

    @property
    def live_feed_url(self) -> str:
        return f"{self.data.url}/feeds/{seed.LIVE_FEED}"

    @property
    def live_dir(self) -> Path:
        return self.workdir / "openfootball" / "feeds"

    async def publish(self, *items: Item) -> None:
        """The live feed publishes `items` on top of what it had, and the news service polls it.

        Replayed files count as a first poll and never alert, so breaking news has to come through a
        real poll of a feed; the bot's digest loop then posts any alert on its next tick.
        """
        assert self.service is not None
        self._published = (*items, *self._published)
        seed.write_live_feed(self.live_dir, (*self._published, *seed.STORIES_B))
        report = await self.service.news.poll_once()
        assert report.new >= 1, report.to_text()

    async def ingest_breaking(self) -> None:
        """The sacking, with `@everyone` and markdown in its headline, arrives on the live feed."""
        await self.publish(seed.PING_ITEM)

    async def open_service(self) -> Service:
        if self.service is None:
            self.service = await Service.open(self.settings)
            self.service.digests.clock = self.clock
            self.service.football.openfootball_base = self.data.url
        return self.service

    # ----- bot lifecycle --------------------------------------------------------------------------
    async def start_bot(self, *, expect_sync: bool = True) -> None:
        """Start `run_discord` and wait for what Discord would see: command sync (unless `expect_sync` is
        False: the bot may find its commands unchanged) and an identified session."""
        from bot.app import run_discord  # imported late: the bot module may not exist in every checkout

        service = await self.open_service()
        identifies = len(self.fake.gateway.identifies)
        synced_before = len(
            self.fake.calls("PUT", "/applications/{application_id}/guilds/{guild_id}/commands")
        )
        self.task = asyncio.create_task(run_discord(self.settings, service), name="hotseat-bot")

        def started() -> bool:
            if self.task is not None and self.task.done():
                return True
            synced = self.fake.calls("PUT", "/applications/{application_id}/guilds/{guild_id}/commands")
            live = self.fake.gateway.active is not None
            synced_now = len(synced) > synced_before or not expect_sync
            return synced_now and len(self.fake.gateway.identifies) > identifies and live

        await self.fake.wait_until(started, START_TIMEOUT, "the bot to sync commands and identify")
        if self.task.done():
            self.task.result()  # re-raise why the bot stopped
            raise AssertionError("the bot returned right after starting")

    async def stop_bot(self, *, close_service: bool = True) -> None:
        """Cancel the bot like a SIGTERM would end the process, then close the service it used."""
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(self.task, 15)
            self.task = None
        if close_service and self.service is not None:
            await self.service.close()
            self.service = None

    async def restart_bot(self) -> None:
        await self.stop_bot()
        await self.start_bot()

    async def close(self) -> None:
        await self.stop_bot()
        await self.data.stop()


async def digest_status(harness: BotHarness) -> str:
    """What an admin sees in /digest status right now."""
    record = await harness.fake.invoke("digest status")
    return record.reply.text()


async def wait_for_status(
    harness: BotHarness, predicate: Callable[[str], bool], timeout: float = 15.0
) -> str:
    """Ask /digest status until it says what `predicate` wants (the loop ticks about once a second)."""
    deadline = asyncio.get_running_loop().time() + timeout
    text = await digest_status(harness)
    while not predicate(text):
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"/digest status never changed as expected; last:\n{text}")
        await asyncio.sleep(0.5)
        text = await digest_status(harness)
    return text


def slot_soon(harness: BotHarness, minutes: int = 2) -> str:
    """An HH:MM (UTC) a couple of minutes ahead of the digest clock: not due until we move the clock."""
    return f"{harness.clock() + timedelta(minutes=minutes):%H:%M}"
