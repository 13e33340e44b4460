"""A rumour service over a real store and a small real registry, with a scripted analyzer.

The analysis is another module's job; here each article's Finding is written by the test (keyed by
the article's title), so these tests pin down what the service does with findings. `real_rumours`
runs the same service over the whole `Service` (bundled registry included) for integration tests.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import pytest

from bot.analysis.models import Finding, GapClaim, SuccessorTip
from bot.models import StoredArticle
from bot.rumours.service import RumourService
from bot.service import Service
from storage import Store
from storage import articles as articles_db
from storage import feeds as feeds_db
from tests.rumours.small_registry import SmallRegistry

T0 = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)


@dataclass
class ScriptedAnalyzer:
    """Returns the Finding the test registered for an article's title (no pressure otherwise)."""

    findings: dict[str, Finding] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)
    langs: dict[str, str | None] = field(default_factory=dict)  # per title: the language it was given

    def __call__(self, text: str, *, title: str = "", **context: Any) -> Finding:
        self.calls.append(title)
        self.langs[title] = context.get("lang")
        if "EXPLODE" in text:
            raise ValueError("analysis bug")
        return self.findings.get(title, Finding(pressure=False, level=0, score=0.0))


@dataclass
class ClaimChecks:
    answer: str | None = "table agrees"
    seen: list[tuple[GapClaim, date]] = field(default_factory=list)

    async def __call__(self, claim: GapClaim, on: date) -> str | None:
        self.seen.append((claim, on))
        return self.answer


def pressure(
    manager: str | None,
    level: int,
    *,
    club: str | None = None,
    successors: tuple[str, ...] = (),
    sources: tuple[str, ...] = (),
    claims: tuple[GapClaim, ...] = (),
) -> Finding:
    return Finding(
        pressure=level > 0,
        level=level,
        score=0.3 * level,
        manager=manager,
        club=club,
        successors=tuple(SuccessorTip(name, f"{name} is lined up to take over.") for name in successors),
        gap_claims=claims,
        sources=sources,
    )


class Newsroom:
    """Stores articles through the news store's own insert and hands them to the service."""

    def __init__(
        self, store: Store, rumours: RumourService, analyzer: ScriptedAnalyzer | None = None
    ) -> None:
        self.store = store
        self.rumours = rumours
        self.analyzer = analyzer
        self._serial = itertools.count(1)

    async def article(
        self,
        title: str,
        finding: Finding | None,
        *,
        outlet: str = "Marca",
        at: datetime = T0,
        text: str | None = None,
        first_poll: bool = False,
        feed_id: int | None = None,
        lang: str | None = None,
    ) -> StoredArticle:
        number = next(self._serial)
        url = f"https://news.example/{number}"
        body = text if text is not None else f"{title}. Story number {number} in its own words."
        async with self.store.transaction() as db:
            ids = await articles_db.insert_many(
                db,
                [
                    articles_db.NewArticle(
                        feed_id=feed_id,
                        guid=None,
                        url=url,
                        canonical_url=url,
                        title=title,
                        summary=body,
                        content_hash=f"hash-{number}",
                        outlet=outlet,
                        language="en",
                        published_at=at,
                        fetched_at=at,
                    )
                ],
            )
        if finding is not None and self.analyzer is not None:
            self.analyzer.findings[title] = finding
        return StoredArticle(
            id=ids[url],
            feed_id=feed_id,
            url=url,
            title=title,
            summary=body,
            body=None,
            outlet=outlet,
            language="en",
            published_at=at,
            first_poll=first_poll,
            lang=lang,
        )

    async def publish(self, title: str, finding: Finding | None, **kwargs: Any) -> StoredArticle:
        article = await self.article(title, finding, **kwargs)
        await self.rumours.record_article(article)
        return article

    async def server_feed(self, url: str, *guild_ids: int) -> int:
        """A feed added with /feeds add by each of these servers (private to them); its id."""
        async with self.store.transaction() as db:
            for guild_id in guild_ids:
                feed, _ = await feeds_db.add_custom(db, url, "Fan Blog", guild_id, None, T0)
        return feed.id


@pytest.fixture
def analyzer() -> ScriptedAnalyzer:
    return ScriptedAnalyzer()


@pytest.fixture
def checks() -> ClaimChecks:
    return ClaimChecks()


@pytest.fixture
def registry() -> SmallRegistry:
    return SmallRegistry()


@pytest.fixture
def rumours(
    store: Store, registry: SmallRegistry, analyzer: ScriptedAnalyzer, checks: ClaimChecks
) -> RumourService:
    return RumourService(store, registry, check_claim=checks, analyzer=analyzer)


@pytest.fixture
def news(store: Store, rumours: RumourService, analyzer: ScriptedAnalyzer) -> Newsroom:
    return Newsroom(store, rumours, analyzer)


@pytest.fixture
def real_rumours(service: Service, analyzer: ScriptedAnalyzer, checks: ClaimChecks) -> RumourService:
    return RumourService(service.store, service.registry, check_claim=checks, analyzer=analyzer)


@pytest.fixture
def real_news(service: Service, real_rumours: RumourService, analyzer: ScriptedAnalyzer) -> Newsroom:
    return Newsroom(service.store, real_rumours, analyzer)
