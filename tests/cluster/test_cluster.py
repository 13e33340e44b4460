"""The cluster test: two pollers and two bot processes (shards 0-1 and 2-3 of 4) on one database.

Real processes (`python -m bot run --role ...`), the local fake Discord with 4 shards and 12 servers,
40 feeds on a local feed server. Every feed is fetched once per cycle; every alert and every digest
is posted exactly once in the right channel, although one poller is killed with SIGKILL mid-poll and
one bot process is killed mid-delivery, then both are started again.

It runs on both stores: one SQLite file every process opens, and one PostgreSQL database.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from collections import Counter
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.app import shard_of
from bot.config import Settings, load_settings
from bot.service import Service
from cogs._sink import footer_key, marker_of
from tests.e2e.fake_discord import FakeDiscord
from tests.e2e.fake_discord.payloads import Guild
from tests.support.feed_server import FeedServer, item, rss_feed

pytestmark = pytest.mark.timeout(420)

ROOT = Path(__file__).resolve().parents[2]
SHARDS = 4
SERVERS = 12
FEEDS = 40
SACKINGS = [  # (manager, club) the bundled registry knows; one story each
    ("Niko Kovač", "Borussia Dortmund"),
    ("Sebastian Hoeneß", "VfB Stuttgart"),
    ("Massimiliano Allegri", "AC Milan"),
    ("Luciano Spalletti", "Juventus"),
    ("Vincenzo Italiano", "Bologna"),
    ("Paulo Fonseca", "Lyon"),
    ("Mikel Arteta", "Arsenal"),
    ("Unai Emery", "Aston Villa"),
]


async def eventually(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    """Wait until `predicate` holds (checked every 0.1 s): for state the fake Discord does not signal."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        await asyncio.sleep(0.1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Proc:
    """One `hotseat run` process that can be SIGKILLed and started again with the same arguments."""

    name: str
    args: list[str]
    env: dict[str, str]
    log: Path
    process: asyncio.subprocess.Process | None = None
    starts: int = 0

    async def start(self) -> None:
        self.starts += 1
        handle = self.log.open("ab")
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            *self.args,
            env=self.env,
            cwd=ROOT,
            stdout=handle,
            stderr=handle,
        )
        handle.close()

    async def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        assert await self.process.wait() == -signal.SIGKILL

    async def stop(self) -> int | None:
        if self.process is None or self.process.returncode is not None:
            return self.process.returncode if self.process else None
        self.process.send_signal(signal.SIGTERM)
        try:
            return await asyncio.wait_for(self.process.wait(), 30)
        except TimeoutError:
            self.process.kill()
            return await self.process.wait()


@dataclass
class Cluster:
    fake: FakeDiscord
    feeds: FeedServer
    workdir: Path
    settings: Settings
    servers: list[Guild] = field(default_factory=list)
    procs: dict[str, Proc] = field(default_factory=dict)
    metrics_ports: dict[str, int] = field(default_factory=dict)

    def env(self, instance: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("HOTSEAT_", "DISCORD_", "FOOTBALL_"))}
        env.update(
            DISCORD_TOKEN=self.fake.token,
            HOTSEAT_DB=str(self.settings.db_path),
            HOTSEAT_INSTANCE=instance,
            HOTSEAT_DISCORD_API_URL=self.fake.api_url,
            HOTSEAT_DISCORD_GATEWAY_URL=self.fake.gateway_url,
            HOTSEAT_DEV_GUILD_ID=str(self.fake.guild.guild_id),
            HOTSEAT_DEFAULT_FEEDS="false",
            HOTSEAT_ALLOW_PRIVATE_FEEDS="true",
            HOTSEAT_OPENFOOTBALL_URL="off",
            HOTSEAT_TIMEZONE="UTC",
            HOTSEAT_POLL_MINUTES="1",
            HOTSEAT_FEED_LEASE_SECONDS="5",
            HOTSEAT_LOG_LEVEL="INFO",
            PYTHONPATH=str(ROOT),
        )
        if self.settings.database_url:
            env["HOTSEAT_DATABASE_URL"] = self.settings.database_url
        return env

    def add(self, name: str, *args: str) -> Proc:
        env = self.env(name)
        if "poller" in args:
            self.metrics_ports[name] = free_port()
            env["HOTSEAT_METRICS_PORT"] = str(self.metrics_ports[name])
        proc = Proc(name, list(args), env, self.workdir / f"{name}.log")
        self.procs[name] = proc
        return proc

    def logs(self) -> str:
        return "\n".join(
            f"--- {p.name}\n{p.log.read_text(errors='replace')[-3000:]}" for p in self.procs.values()
        )

    def alerts_channel(self, guild: Guild) -> int:
        return guild.channels[1].channel_id

    def digest_channel(self, guild: Guild) -> int:
        return guild.channels[0].channel_id

    def markers(self, channel_id: int) -> list[str]:
        """The delivery reference of every message posted to the channel (one per message)."""
        found = []
        for post in self.fake.channel_posts(channel_id):
            footers = [str((embed.get("footer") or {}).get("text", "")) for embed in post.embeds]
            found.append(next((m for m in map(marker_of, footers) if m), "?"))
        return found


def feed_body(index: int, sacking: tuple[str, str] | None = None) -> bytes:
    specs = [
        item(
            index * 100 + k,
            title=f"Matchday notes {index}-{k}",
            link=f"https://news.example/{index}/{k}",
            guid=f"n-{index}-{k}",
            summary=f"Training report {index}-{k}: the squad prepared for the weekend.",
        )
        for k in range(2)
    ]
    if sacking is not None:
        manager, club = sacking
        specs.insert(
            0,
            item(
                index * 100 + 99,
                title=f"{club} sack {manager}",
                link=f"https://news.example/sack/{index}",
                guid=f"sack-{index}",
                date=None,
                summary=f"{club} have sacked head coach {manager} after a run of defeats, the club said.",
            ),
        )
    return rss_feed(specs, title=f"Cluster Daily {index}")


async def set_due(settings: Settings, when: datetime) -> None:
    """Every feed's next poll at `when` (standing in for the minute a real cycle waits)."""
    service = await Service.open(settings)
    try:
        async with service.store.transaction() as db:
            await db.execute("UPDATE feeds SET next_poll_at = ?", (when.isoformat(),))
    finally:
        await service.close()


def scrape_fetches(port: int) -> float:
    text = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text
    return sum(
        sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == "hotseat_feed_fetches_total"
    )


@pytest.fixture
async def cluster(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database_url: str | None
) -> AsyncIterator[Cluster]:
    monkeypatch.chdir(tmp_path)
    async with FakeDiscord() as fake, FeedServer() as feeds:
        fake.recommended_shards = SHARDS
        settings = load_settings(
            HOTSEAT_DB=str(tmp_path / "cluster.db"),
            HOTSEAT_DEFAULT_FEEDS=False,
            HOTSEAT_ALLOW_PRIVATE_FEEDS=True,
            HOTSEAT_TIMEZONE="UTC",
            HOTSEAT_OPENFOOTBALL_URL="off",
            **({"HOTSEAT_DATABASE_URL": database_url} if database_url else {}),
        )
        cluster = Cluster(fake, feeds, tmp_path, settings)
        cluster.servers = [fake.add_guild(f"Club {n}", shard=(n % SHARDS, SHARDS)) for n in range(SERVERS)]
        for index in range(FEEDS):
            feeds.routes.pop(f"/c{index}.xml", None)
            feeds.feed(f"/c{index}.xml", feed_body(index))
            feeds.routes[f"/c{index}.xml"].delay = 0.5  # a poll takes long enough to be killed inside it
        service = await Service.open(settings)
        try:
            for index in range(FEEDS):
                await service.news.add_feed(feeds.url(f"/c{index}.xml"), None)
            for guild in cluster.servers:
                await service.digests.set_alerts(guild.guild_id, cluster.alerts_channel(guild), 3)
        finally:
            await service.close()
        await set_due(settings, datetime.now(UTC) + timedelta(seconds=6))
        cluster.add("poller-1", "--role", "poller")
        cluster.add("poller-2", "--role", "poller")
        cluster.add("bot-a", "--role", "bot", "--shards", "0-1", "--shard-count", str(SHARDS))
        cluster.add("bot-b", "--role", "bot", "--shards", "2-3", "--shard-count", str(SHARDS))
        try:
            for proc in cluster.procs.values():
                await proc.start()
            yield cluster
        finally:
            codes = {name: await proc.stop() for name, proc in cluster.procs.items()}
            assert codes == dict.fromkeys(cluster.procs, 0), cluster.logs()
            assert "Traceback" not in cluster.logs(), cluster.logs()


async def test_a_cluster_posts_everything_exactly_once_through_kills(cluster: Cluster) -> None:
    fake, feeds = cluster.fake, cluster.feeds
    await fake.gateway.wait_for_shards(list(range(SHARDS)), SHARDS, timeout=60)
    session_guilds = Counter(shard_of(g.guild_id, SHARDS) for g in cluster.servers)
    assert session_guilds == dict.fromkeys(range(SHARDS), SERVERS // SHARDS)

    # Cycle 1: every feed fetched exactly once, shared by the two pollers.
    paths = [f"/c{index}.xml" for index in range(FEEDS)]
    await eventually(lambda: all(feeds.hits[p] >= 1 for p in paths), 60, "the first cycle")
    await asyncio.sleep(3)
    assert [feeds.hits[p] for p in paths] == [1] * FEEDS, cluster.logs()
    shares = {
        name: await asyncio.to_thread(scrape_fetches, port) for name, port in cluster.metrics_ports.items()
    }
    assert sum(shares.values()) == FEEDS, shares

    # Cycle 2: breaking news on some feeds; one poller is killed mid-poll, one bot mid-delivery.
    for index, sacking in enumerate(SACKINGS):
        feeds.routes[f"/c{index}.xml"].body = feed_body(index, sacking)
        feeds.routes[f"/c{index}.xml"].etag = None
    before = sum(feeds.hits.values())
    await set_due(cluster.settings, datetime.now(UTC))
    await eventually(lambda: sum(feeds.hits.values()) > before, 60, "the second cycle to start")
    await asyncio.sleep(0.3)
    await cluster.procs["poller-1"].kill()
    await cluster.procs["poller-1"].start()

    shard_a = [g for g in cluster.servers if shard_of(g.guild_id, SHARDS) in (0, 1)]
    channels_a = {cluster.alerts_channel(g) for g in shard_a}
    await fake.wait_until(
        lambda: any(p.channel_id in channels_a for p in fake.channel_posts()),
        90,
        "a first alert on shards 0-1",
    )
    await cluster.procs["bot-a"].kill()
    await cluster.procs["bot-a"].start()

    # Everything arrives: one alert per story in every server's alerts channel.
    def alerts_done() -> bool:
        return all(
            len(set(cluster.markers(cluster.alerts_channel(g)))) >= len(SACKINGS) for g in cluster.servers
        )

    await fake.wait_until(alerts_done, 120, "every alert in every server")

    # Digests: due at the next minute that leaves time to set them up; posted once each.
    service = await Service.open(cluster.settings)
    try:
        now = datetime.now(UTC)
        slot = (now + timedelta(seconds=75)).replace(second=0, microsecond=0)
        for guild in cluster.servers:
            await service.digests.setup(guild.guild_id, cluster.digest_channel(guild), f"{slot:%H:%M}", "UTC")
    finally:
        await service.close()
    await fake.wait_until(
        lambda: all(fake.channel_posts(cluster.digest_channel(g)) for g in cluster.servers),
        150,
        "every digest",
    )
    await asyncio.sleep(4)  # a few more ticks of every loop: nothing may be posted again

    service = await Service.open(cluster.settings)
    try:
        async with service.store.read() as db:
            rows = [dict(r) for r in await (await db.execute("SELECT * FROM deliveries")).fetchall()]
        expected: dict[int, set[str]] = {}
        for guild in cluster.servers:
            stories = await service.rumours.stories_for_alerts(0, 3, guild_id=guild.guild_id)
            expected[guild.guild_id] = {story.key for story in stories}
    finally:
        await service.close()

    assert [r for r in rows if r["state"] != "posted"] == []
    for guild in cluster.servers:
        alert_keys = {r["key"] for r in rows if r["guild_id"] == guild.guild_id and r["kind"] == "alert"}
        assert alert_keys == expected[guild.guild_id] and len(alert_keys) == len(SACKINGS)
        posted = cluster.markers(cluster.alerts_channel(guild))
        assert sorted(posted) == sorted(footer_key(key) for key in alert_keys), guild.name  # once each
        digests = [r for r in rows if r["guild_id"] == guild.guild_id and r["kind"] == "digest"]
        assert len(digests) == 1 and digests[0]["channel_id"] == cluster.digest_channel(guild)
        digest_posts = cluster.markers(cluster.digest_channel(guild))
        assert len(digest_posts) == len(set(digest_posts)) >= 1
    assert not fake.unhandled
