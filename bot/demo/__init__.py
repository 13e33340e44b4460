"""`hotseat demo`: something to look at with no network and no setup.

A real season (openfootball's La Liga 2024-25, CC0, bundled unchanged) and a handful of articles the
project wrote itself in five languages go through the normal import paths (football.import_matches,
news.ingest_dir) into a separate demo store, rebuilt on every run so the stories are always fresh.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bot.config import Settings
from bot.demo.articles import write_feeds
from bot.errors import UserError
from bot.service import Service

SEASON_FILE = Path(__file__).with_name("es.1.2024-25.json")
DEMO_DB = "hotseat-demo.db"

SUGGESTIONS = (
    '/gap Barcelona "Real Madrid" date:2025-05-25',
    "/table es.1 date:2025-05-25",
    "/hotseat",
    "/successor Diego Simeone",
    "/manager Diego Simeone",
    "/digest now",
)


@dataclass(frozen=True)
class DemoReport:
    matches: int
    articles: int
    store: Path

    def to_text(self) -> str:
        lines = [
            f"Demo store {self.store}: {self.matches} La Liga 2024-25 matches and {self.articles} "
            "articles (en, es, it, de, fr), loaded offline.",
            "Try:",
            *(f"  {command}" for command in SUGGESTIONS),
            "The season ended on 2025-05-25: give a date to see its table. /quit leaves.",
        ]
        return "\n".join(lines)


def demo_settings(settings: Settings, store: Path | None = None) -> Settings:
    """The user's settings pointed at the demo store, with everything that reaches the network off."""
    path = store or settings.db_path.with_name(DEMO_DB)
    if path.resolve() == settings.db_path.resolve():
        raise UserError(
            f"{path} is your Hotseat store; the demo rebuilds its own file, give another --store."
        )
    return settings.model_copy(
        update={
            "db_path": path,
            "default_feeds": False,
            "openfootball_url": "off",
            "fetch_article_text": False,
            "football_data_token": None,
        }
    )


def fresh_store(path: Path) -> None:
    """The demo store is rebuilt each run: remove the previous one (and its WAL files) first."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


async def load_demo(service: Service, now: datetime | None = None) -> DemoReport:
    """Import the bundled season and ingest the demo articles through the normal paths."""
    football = await service.football.import_matches([str(SEASON_FILE)])
    with tempfile.TemporaryDirectory(prefix="hotseat-demo-") as folder:
        write_feeds(Path(folder), now or datetime.now(UTC))
        ingested = await service.news.ingest_dir(Path(folder))
    return DemoReport(football.inserted + football.updated, ingested.new, service.settings.db_path)
