"""SHELL — owned by the football helper (issue 5)."""

from __future__ import annotations

from datetime import date

import httpx

from bot.analysis.models import GapClaim

from bot.config import Settings
from bot.registry.service import RegistryService
from storage import Store


class FootballService:
    def __init__(
        self, store: Store, settings: Settings, http: httpx.AsyncClient, registry: RegistryService
    ) -> None:
        self.store = store
        self.settings = settings
        self.http = http
        self.registry = registry

    async def check_claim(self, claim: GapClaim, on: date) -> str | None:
        """'table agrees' or 'table says N' for a gap claim on the article's date; None if unknown."""
        return None
