"""Fixtures every test package may use: settings on a temp SQLite file, an open Store, the Service."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config import Settings, load_settings
from bot.service import Service
from storage import Store


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings isolated from the developer's environment and .env: a temp DB, no token, no default feeds."""
    monkeypatch.chdir(tmp_path)
    for name in ("DISCORD_TOKEN", "FOOTBALL_DATA_TOKEN", "HOTSEAT_DB", "HOTSEAT_LOG_FILE"):
        monkeypatch.delenv(name, raising=False)
    return load_settings(
        HOTSEAT_DB=str(tmp_path / "hotseat.db"),
        HOTSEAT_DEFAULT_FEEDS=False,
        HOTSEAT_ALLOW_PRIVATE_FEEDS=True,
        HOTSEAT_TIMEZONE="UTC",
    )


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "store.db")
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture
async def service(settings: Settings) -> AsyncIterator[Service]:
    opened = await Service.open(settings)
    try:
        yield opened
    finally:
        await opened.close()
