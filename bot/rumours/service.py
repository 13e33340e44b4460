"""SHELL — owned by the rumours helper (issue 4: stories, pressure index, successors, board)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date

from bot.analysis.models import GapClaim

from bot.models import StoredArticle
from bot.registry.service import RegistryService
from storage import Store


@dataclass(frozen=True, slots=True)
class Counts:
    articles: int
    findings: int


class RumourService:
    def __init__(
        self,
        store: Store,
        registry: RegistryService,
        check_claim: Callable[[GapClaim, date], Awaitable[str | None]],
    ) -> None:
        self.store = store
        self.registry = registry
        self.check_claim = check_claim

    async def record_article(self, article: StoredArticle) -> None:
        """Analyse a newly stored article and record its finding, story and mentions."""

    async def counts(self) -> Counts:
        return Counts(0, 0)
