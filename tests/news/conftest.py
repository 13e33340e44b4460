"""Fixtures for news tests: a live local feed server and a NewsService over a temp store."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config import Settings, load_settings
from bot.http import make_client
from bot.models import StoredArticle
from bot.news.service import NewsService
from storage import Store
from tests.support.feed_server import FeedServer


class Recorder:
    """The analysis hook: records every article handed on (optionally failing on some)."""

    def __init__(self) -> None:
        self.seen: list[StoredArticle] = []
        self.fail_on: set[str] = set()

    async def __call__(self, article: StoredArticle) -> None:
        self.seen.append(article)
        if article.title in self.fail_on:
            raise RuntimeError("analysis blew up")


def news_settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "HOTSEAT_DB": str(tmp_path / "news.db"),
        "HOTSEAT_DEFAULT_FEEDS": False,
        "HOTSEAT_ALLOW_PRIVATE_FEEDS": True,
        "HOTSEAT_TIMEZONE": "UTC",
        "HOTSEAT_FETCH_TIMEOUT_SECONDS": 2,
        "HOTSEAT_MAX_FEED_BYTES": 200_000,
        "HOTSEAT_POLL_MINUTES": 15,
    }
    values.update(overrides)
    return load_settings(**values)


@pytest.fixture
async def feed_server() -> AsyncIterator[FeedServer]:
    async with FeedServer() as server:
        yield server


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
async def news(tmp_path: Path, recorder: Recorder) -> AsyncIterator[NewsService]:
    settings = news_settings(tmp_path)
    store = await Store.open(settings.db_path)
    client = make_client(settings)
    try:
        yield NewsService(store, settings, client, on_article=recorder)
    finally:
        await client.aclose()
        await store.close()
