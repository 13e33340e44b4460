"""A small synthetic store (the scale benchmark's generator at 3,000 articles), built once per run
and copied for each test that changes it."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bench._synthetic import Spec, bench_settings, build
from bot.service import Service

SMALL = Spec(articles=3_000, outlets=20, pressure_share=0.2, managers=60, servers=12)


@pytest.fixture(scope="session")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("scale") / "small.db"
    asyncio.run(build(SMALL, path, progress=lambda _: None))
    return path


@pytest.fixture
def store_copy(small_store: Path, tmp_path: Path) -> Path:
    path = tmp_path / "copy.db"
    shutil.copy(small_store, path)
    return path


@pytest.fixture
async def scale_service(store_copy: Path) -> AsyncIterator[Service]:
    service = await Service.open(bench_settings(store_copy, HOTSEAT_RETENTION_DAYS=30))
    try:
        yield service
    finally:
        await service.close()
