"""Fixtures: the fake Discord on loopback, and the real bot started against it with seeded data."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import discord
import pytest
import pytest_asyncio

from tests.e2e.fake_discord import FakeDiscord
from tests.e2e.harness import BotHarness

ENV_TO_CLEAR = ("DISCORD_TOKEN", "FOOTBALL_DATA_TOKEN", "HOTSEAT_DB", "HOTSEAT_LOG_FILE")


@pytest.fixture(scope="module")
def isolated_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """No developer .env or tokens leak in (a football-data token would mean real network calls)."""
    workdir = tmp_path_factory.mktemp("e2e")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(workdir)
        for name in ENV_TO_CLEAR:
            mp.delenv(name, raising=False)
        # run_discord re-points discord.py's class-level endpoints; put Discord's back afterwards.
        mp.setattr(discord.http.Route, "BASE", discord.http.Route.BASE)
        mp.setattr(
            discord.gateway.DiscordWebSocket,
            "DEFAULT_GATEWAY",
            discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY,
        )
        yield workdir


async def started_harness(workdir: Path) -> AsyncIterator[BotHarness]:
    async with FakeDiscord() as fake:
        harness = BotHarness(fake, workdir)
        try:
            await harness.seed()
            await harness.start_bot()
            yield harness
        finally:
            await harness.close()
        assert not fake.unhandled, f"the bot called routes the fake does not serve: {fake.unhandled}"
        refused = {
            r.payload["data"].get("name"): r.rejected for r in fake.interactions.values() if r.rejected
        }
        assert not refused, f"Discord would have refused these answers (late or repeated): {refused}"


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def shared_bot(isolated_env: Path) -> AsyncIterator[BotHarness]:
    """One running bot for a whole module of tests that do not change server settings."""
    async for harness in started_harness(isolated_env):
        yield harness


@pytest_asyncio.fixture
async def bot(tmp_path: Path, isolated_env: Path) -> AsyncIterator[BotHarness]:
    """A fresh bot with its own store, for tests that configure it or restart it."""
    os.chdir(tmp_path)
    async for harness in started_harness(tmp_path):
        yield harness
