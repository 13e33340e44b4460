"""Sharding: each bot process identifies for its own shards and posts only for its shards' servers.

The fake Discord routes guilds by shard as the real gateway does (`(guild_id >> 22) % num_shards`), so
two clusters of one bot (shards 0-1 and 2-3 of 4) each see half the servers; digests set up in all
of them are each posted exactly once, by the process that holds the server's shard.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import aiohttp
import pytest

from bot.__main__ import main, shard_range
from bot.app import HotseatBot, run_discord, shard_of
from bot.digest import DeliverySink, TickReport
from bot.service import Service
from tests.e2e.fake_discord import FakeDiscord
from tests.e2e.fake_discord.gateway import INVALID_SHARD
from tests.e2e.harness import BotHarness, slot_soon

SHARDS = 4


def record_posts(service: Service) -> list[int]:
    """The servers whose digests this process's loop posted (from its own tick reports)."""
    posted: list[int] = []
    real_tick = service.digests.tick

    async def tick(sink: DeliverySink, now: datetime | None = None) -> TickReport:
        report = await real_tick(sink, now)
        posted.extend(report.digests_posted)
        return report

    service.digests.tick = tick  # type: ignore[method-assign]
    return posted


async def test_two_clusters_split_the_servers_and_post_each_digest_once(
    tmp_path: Path, isolated_env: Path
) -> None:
    async with FakeDiscord() as fake:
        fake.recommended_shards = SHARDS
        servers = [fake.add_guild(f"Server {n}", shard=(n % SHARDS, SHARDS)) for n in range(8)]
        assert sorted(Counter(shard_of(g.guild_id, SHARDS) for g in servers).values()) == [2, 2, 2, 2]
        harness = BotHarness(fake, tmp_path)
        await harness.seed()
        first = await harness.open_service()
        at = slot_soon(harness)
        for guild in servers:
            await first.digests.setup(guild.guild_id, guild.channels[0].channel_id, at, "UTC")
        second = await Service.open(harness.settings)
        second.digests.clock = harness.clock
        second.football.openfootball_base = harness.data.url
        posted_by = {id(first): record_posts(first), id(second): record_posts(second)}
        clusters = [
            asyncio.create_task(run_discord(harness.settings, first, shard_ids=[0, 1], shard_count=SHARDS)),
            asyncio.create_task(run_discord(harness.settings, second, shard_ids=[2, 3], shard_count=SHARDS)),
        ]
        try:
            await fake.gateway.wait_for_shards(list(range(SHARDS)), SHARDS)
            shards_seen = sorted(tuple(i["shard"]) for i in fake.gateway.identifies)
            assert shards_seen == [(n, SHARDS) for n in range(SHARDS)]
            harness.clock.offset += timedelta(minutes=3)  # every server's digest is now due
            for guild in servers:
                await fake.wait_for_message(guild.channels[0].channel_id, timeout=30)
            await asyncio.sleep(3)  # three more ticks of both loops: nothing may be posted again
            posts = Counter(post.channel_id for post in fake.channel_posts())
            assert posts == {guild.channels[0].channel_id: 1 for guild in servers}
            for service, shards in ((first, (0, 1)), (second, (2, 3))):
                mine = {g.guild_id for g in servers if shard_of(g.guild_id, SHARDS) in shards}
                assert sorted(posted_by[id(service)]) == sorted(mine)
        finally:
            for task in clusters:
                task.cancel()
            for task in clusters:
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            await second.close()
            await harness.close()
        for session in fake.gateway.sessions.values():
            assert session.shard is not None
            ready_guilds = {g["id"] for g in session.events[0][2]["guilds"]}
            expected = {
                str(g.guild_id) for g in fake.guilds if shard_of(g.guild_id, SHARDS) == session.shard[0]
            }
            assert ready_guilds == expected


async def test_ownership_follows_the_shard_formula(tmp_path: Path, isolated_env: Path) -> None:
    async with FakeDiscord() as fake:
        harness = BotHarness(fake, tmp_path)
        service = await harness.open_service()
        try:
            bot = HotseatBot(harness.settings, service, shard_ids=[1, 3], shard_count=SHARDS)
            for guild_id in (fake.add_guild(f"S{n}", shard=(n, SHARDS)).guild_id for n in range(SHARDS)):
                assert bot.owns(guild_id) is (shard_of(guild_id, SHARDS) in (1, 3))
                assert service.digests.owns(guild_id) is bot.owns(guild_id)
            whole = HotseatBot(harness.settings, service)
            assert all(whole.owns(g.guild_id) for g in fake.guilds)
        finally:
            await harness.close()


@pytest.mark.parametrize("shard", [[4, 4], [0], "0,4", [-1, 4]])
async def test_the_fake_gateway_refuses_a_bad_shard_like_discord(shard: object) -> None:
    async with (
        FakeDiscord() as fake,
        aiohttp.ClientSession() as http,
        http.ws_connect(f"{fake.gateway_url}?v=10&encoding=json") as ws,
    ):
        hello = await ws.receive_json()
        assert hello["op"] == 10
        await ws.send_json(
            {"op": 2, "d": {"token": fake.token, "intents": 1, "properties": {}, "shard": shard}}
        )
        closed = await ws.receive()
        assert closed.type is aiohttp.WSMsgType.CLOSE
        assert closed.data == INVALID_SHARD


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["run", "--shards", "0-3"], "--shards needs --shard-count"),
        (["run", "--shards", "0-8", "--shard-count", "8"], "shard 8 does not exist with --shard-count 8"),
        (["run", "--shard-count", "0"], "--shard-count must be 1 or more"),
        (["run", "--role", "bot"], "--role bot needs DISCORD_TOKEN"),
    ],
)
def test_run_refuses_an_impossible_shard_plan_in_one_line(
    argv: list[str], message: str, isolated_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(isolated_env / "x.db"), *argv]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_shard_lists_parse_ranges_and_lists() -> None:
    assert shard_range("0-3") == [0, 1, 2, 3]
    assert shard_range("5,0,2-3") == [0, 2, 3, 5]
    with pytest.raises(argparse.ArgumentTypeError):
        shard_range("3-1")
