"""Domain records shared across packages (kept tiny so every layer can import them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as stored, handed from ingestion to analysis exactly once."""

    id: int
    feed_id: int | None
    url: str
    title: str
    summary: str
    body: str | None
    outlet: str
    language: str
    published_at: datetime
    first_poll: bool  # stored on a feed's first poll: record it, but never alert on it
    lang: str | None = None  # the language its feed declared; None: analysis detects it

    @property
    def text(self) -> str:
        """The best text we have: the extracted page when fetched, else the feed's summary."""
        return self.body or self.summary
