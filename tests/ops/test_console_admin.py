"""/digest setup, /alerts and /follow typed in the console change the console server's real settings."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config import load_settings
from bot.console import CONSOLE_GUILD, Console
from bot.service import Service


@pytest.fixture
async def console(tmp_path: Path) -> AsyncIterator[Console]:
    settings = load_settings(
        HOTSEAT_DB=str(tmp_path / "hotseat.db"), HOTSEAT_DEFAULT_FEEDS="false", HOTSEAT_OPENFOOTBALL_URL="off"
    )
    service = await Service.open(settings)
    try:
        await service.digests.ensure_console_guild("UTC")
        yield Console(service)
    finally:
        await service.close()


async def test_digest_setup_and_off(console: Console) -> None:
    await console.answer("/digest setup time:18:30 timezone:Europe/Madrid min_level:2")
    status = await console.service.digests.status(CONSOLE_GUILD)
    assert (status.enabled, status.time, status.timezone, status.min_level) == (
        True,
        "18:30",
        "Europe/Madrid",
        2,
    )
    await console.answer("/digest off")
    assert not (await console.service.digests.status(CONSOLE_GUILD)).enabled


async def test_digest_setup_refuses_a_bad_time_with_a_hint(console: Console) -> None:
    reply = await console.answer("/digest setup time:25:99")
    assert reply.startswith("⚠")
    assert (await console.service.digests.status(CONSOLE_GUILD)).time == "08:00"


async def test_alerts_set_and_off(console: Console) -> None:
    await console.answer("/alerts set 3")
    status = await console.service.digests.status(CONSOLE_GUILD)
    assert (status.alerts_channel_id, status.alerts_level) == (0, 3)
    await console.answer("/alerts off")
    assert (await console.service.digests.status(CONSOLE_GUILD)).alerts_channel_id is None


async def test_follow_club_manager_league_list_remove(console: Console) -> None:
    assert "Following Real Madrid" in await console.answer("/follow club Real Madrid")
    assert "level 3+" in await console.answer("/follow manager Diego Simeone level:3")
    assert "Following La Liga" in await console.answer("/follow league es.1")
    follows = await console.service.follows.for_guild(CONSOLE_GUILD)
    assert sorted(f.kind for f in follows) == ["club", "league", "manager"]
    listing = await console.answer("/follow list")
    first = follows[0]
    assert f"{first.id}. {first.label}" in listing
    assert "No longer following" in await console.answer(f"/follow remove {first.id}")
    assert len(await console.service.follows.for_guild(CONSOLE_GUILD)) == 2
    assert (await console.answer("/follow remove abc")).startswith("⚠")
