"""SHELL — owned by the Discord helper (issue 6): digest schedules and deliveries."""

from __future__ import annotations

from bot.config import Settings
from bot.rumours.service import RumourService
from storage import Store


class DigestService:
    def __init__(self, store: Store, settings: Settings, rumours: RumourService) -> None:
        self.store = store
        self.settings = settings
        self.rumours = rumours
