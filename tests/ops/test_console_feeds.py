"""/feeds bundled, /feeds retry and /feeds list typed in the console steer the console server's feeds."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config import load_settings
from bot.console import CONSOLE_GUILD, Console
from bot.service import Service
from storage import feeds as feed_rows


@pytest.fixture
async def console(tmp_path: Path) -> AsyncIterator[Console]:
    settings = load_settings(
        HOTSEAT_DB=str(tmp_path / "hotseat.db"), HOTSEAT_DEFAULT_FEEDS="false", HOTSEAT_OPENFOOTBALL_URL="off"
    )
    service = await Service.open(settings)
    try:
        now = datetime.now(UTC)
        async with service.store.transaction() as db:
            await feed_rows.upsert_default(db, "https://marca.example/rss", "Marca", "es", now)
            await feed_rows.upsert_default(db, "https://bbc.example/rss", "BBC Sport", "en", now)
        yield Console(service)
    finally:
        await service.close()


async def test_bundled_language_off_and_on(console: Console) -> None:
    answer = await console.answer("/feeds bundled off language:es")
    assert answer.startswith("Switched language es's bundled feeds off here (1 feed(s))"), answer
    listed = await console.answer("/feeds list")
    assert "[off] Marca" in listed and "switched off here since" in listed and "(language es)" in listed
    assert "[new] BBC Sport" in listed
    states = {f.outlet: f.state for f in await console.service.news.list_feeds(CONSOLE_GUILD)}
    assert states == {"Marca": "off", "BBC Sport": "new"}
    await console.answer("/feeds bundled enabled:on language:es")
    states = {f.outlet: f.state for f in await console.service.news.list_feeds(CONSOLE_GUILD)}
    assert states == {"Marca": "new", "BBC Sport": "new"}


async def test_bad_values_are_refused_with_a_hint(console: Console) -> None:
    assert "enabled must be true or false" in await console.answer("/feeds bundled maybe language:es")
    refused = await console.answer("/feeds bundled off language:xx")
    assert refused == "⚠ There are no bundled feeds in 'xx': pick one of en, es, it, de, fr."
    assert "nothing to retry" in await console.answer("/feeds retry 1")
    assert all(f.off_here is None for f in await console.service.news.list_feeds(CONSOLE_GUILD))


async def test_retry_brings_back_a_disabled_feed(console: Console) -> None:
    async with console.service.store.transaction() as db:
        await db.execute(
            "UPDATE feeds SET disabled_reason = 'gone (410)', failures = 1 WHERE outlet = 'Marca'"
        )
    assert "disabled: gone (410)" in await console.answer("/feeds list")
    answer = await console.answer("/feeds retry 1")
    assert answer.startswith("#1 [new] Marca"), answer
    assert "[new] Marca" in await console.answer("/feeds list")
