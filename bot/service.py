"""The service object every front end shares: Discord cogs, the console and the CLI ask it, never SQL.

Each domain keeps its own sub-service (news, rumours, football, digests, registry); this facade owns
their lifetimes and the one store and HTTP client they share.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from typing import Any, cast

import httpx

from bot import __version__, metrics
from bot.config import Settings
from bot.digest import DigestService
from bot.follows import Follows
from bot.football.service import FootballService
from bot.football.status import DataProblem
from bot.http import make_client
from bot.models import StoredArticle
from bot.news.service import NewsService
from bot.registry.service import RegistryService
from bot.retention import RetentionService
from bot.rumours.results import RecordedFinding
from bot.rumours.service import RumourService
from bot.workers import AnalysisPool
from storage import Store, StoreWriteError

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class About:
    version: str
    db_path: str
    store_bytes: int
    feeds_total: int
    feeds_healthy: int
    feeds_disabled: int
    articles: int
    findings: int
    write_problem: str | None = None
    # Competitions whose last live refresh failed; their last good matches and coaches stay in use.
    data_problems: tuple[DataProblem, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_text(self) -> str:
        megabytes = self.store_bytes / 1_000_000
        text = (
            f"Hotseat {self.version}\n"
            f"Store: {self.db_path} ({megabytes:.1f} MB), {self.articles} articles, "
            f"{self.findings} findings\n"
            f"Feeds: {self.feeds_total} ({self.feeds_healthy} healthy, {self.feeds_disabled} disabled)"
        )
        text += "".join(f"\n{problem.text()}" for problem in self.data_problems)
        return f"{text}\nWarning: {self.write_problem}" if self.write_problem else text


async def open_store(settings: Settings) -> Store:
    """PostgreSQL when HOTSEAT_DATABASE_URL is set, else the SQLite file HOTSEAT_DB."""
    if settings.database_url:
        from storage.pgstore import PgStore

        # PgStore answers the same methods as Store (transaction, read, close, size, checks).
        return cast(Store, await PgStore.open(settings.database_url))
    return await Store.open(settings.db_path)


class Service:
    """Everything Hotseat can answer or do, over one store and one HTTP client."""

    def __init__(self, settings: Settings, store: Store, http: httpx.AsyncClient) -> None:
        self.settings = settings
        self.store = store
        self.http = http
        self.registry = RegistryService(store)
        self.football = FootballService(store, settings, http, self.registry)
        self.analysis = AnalysisPool(
            workers=settings.analysis_workers, timeout=settings.analysis_timeout_seconds
        )  # started on the first article, so commands that analyse nothing start no process
        self.rumours = RumourService(
            store, self.registry, check_claim=self.football.check_claim, runner=self.analysis
        )
        self.digests = DigestService(store, settings, self.rumours)
        self.follows = Follows(store, settings.timezone)
        self.news = NewsService(store, settings, http, on_article=self._record_article)
        self.retention = RetentionService(store, settings)

    @classmethod
    async def open(cls, settings: Settings) -> Service:
        """Open the store (running migrations), the HTTP client, and bring bundled data up to date."""
        store = await open_store(settings)
        http = make_client(settings)
        try:
            service = cls(settings, store, http)
            try:
                await service.registry.sync()
                await service.news.ensure_default_feeds()
            except StoreWriteError:  # start anyway and answer from what is stored; /about says why
                log.warning("starting without writing: %s", store.write_problem)
        except BaseException:
            await http.aclose()
            await store.close()
            raise
        return service

    async def _record_article(self, article: StoredArticle) -> RecordedFinding | None:
        """Analyse a new article; a pressure story from a live poll wakes the alert loop at once."""
        recorded = await self.rumours.record_article(article)
        metrics.record_finding(recorded, article.lang or article.language)
        if recorded is not None and recorded.story_id is not None and not article.first_poll:
            self.digests.wake()
        return recorded

    async def close(self) -> None:
        await self.analysis.close()
        await self.http.aclose()
        await self.store.close()

    async def about(self) -> About:
        self.store.check_file(deep=True)  # a deleted or replaced database file shows up here at once
        health = await self.news.health()
        counts = await self.rumours.counts()
        return About(
            version=__version__,
            db_path=str(self.store.path),
            store_bytes=await self.store.size_bytes(),
            feeds_total=health.total,
            feeds_healthy=health.healthy,
            feeds_disabled=health.disabled,
            articles=counts.articles,
            findings=counts.findings,
            write_problem=self.store.write_problem,
            data_problems=tuple(await self.football.refresh_problems()),
        )
