"""SHELL — owned by the news helper (issue 3). Signatures are the contract the front ends use."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from bot.config import Settings
from bot.models import StoredArticle
from storage import Store

ArticleHandler = Callable[[StoredArticle], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class FeedHealth:
    total: int
    healthy: int
    disabled: int


class NewsService:
    def __init__(
        self, store: Store, settings: Settings, http: httpx.AsyncClient, on_article: ArticleHandler
    ) -> None:
        self.store = store
        self.settings = settings
        self.http = http
        self.on_article = on_article

    async def ensure_default_feeds(self) -> None:
        """Insert the bundled default feeds (when enabled) without touching their polling state."""

    async def health(self) -> FeedHealth:
        return FeedHealth(0, 0, 0)

    async def poll_once(self) -> object:
        """Poll every due feed once; returns a report with to_dict()/to_text()."""
        raise NotImplementedError

    async def ingest_dir(self, folder: Path) -> object:
        """Replay saved feed files; returns a report with to_dict()/to_text() and `.ok`."""
        raise NotImplementedError

    async def add_feed(self, url: str, guild_id: int | None, added_by: int | None = None) -> object:
        raise NotImplementedError

    async def remove_feed(self, url_or_id: str, guild_id: int | None) -> bool:
        raise NotImplementedError

    async def list_feeds(self, guild_id: int | None) -> list[object]:
        raise NotImplementedError

    async def run_forever(self) -> None:
        """The polling loop for `hotseat run`: never dies on one bad poll."""
        raise NotImplementedError
