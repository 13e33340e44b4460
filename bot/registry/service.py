"""SHELL — owned by the registry helper (issue 4)."""

from __future__ import annotations

from storage import Store


class RegistryService:
    def __init__(self, store: Store) -> None:
        self.store = store

    async def sync(self) -> None:
        """Write the bundled registry into the store when its data version changed."""
