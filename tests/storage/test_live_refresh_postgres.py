"""Live coaches and refresh failures on the real PostgreSQL (migration 011's mirror, its upserts)."""

from __future__ import annotations

from datetime import date, timedelta

from bot.config import Settings, load_settings
from bot.service import Service
from tests.storage.test_postgres import pg_url
from tests.support.football_data_server import TOKEN, FootballDataServer

__all__ = ["pg_url"]  # the fixture: a fresh database, dropped afterwards

NEW_COACH = "Tomás Ejemplo Ruiz"


async def test_learned_coach_and_refresh_problem_on_postgres(pg_url: str, settings: Settings) -> None:
    start = date.today() - timedelta(days=3)
    async with FootballDataServer() as api:
        api.team("PL", "Everton FC", "Everton", "EVE", coach=NEW_COACH, start=start.isoformat())
        api.fail("PD", "teams", "403")
        configured = load_settings(
            HOTSEAT_DATABASE_URL=pg_url,
            FOOTBALL_DATA_TOKEN=TOKEN,
            HOTSEAT_FOOTBALL_DATA_URL=api.base,
            HOTSEAT_OPENFOOTBALL_URL="off",
            HOTSEAT_DEFAULT_FEEDS=False,
            HOTSEAT_ALLOW_PRIVATE_FEEDS=True,
        )
        service = await Service.open(configured)
        try:
            await service.football.refresh_once()
            await service.football.refresh_once()  # the problem's upsert over an existing row
            problems = [p.text() for p in (await service.about()).data_problems]
        finally:
            await service.close()
        assert problems == ["La Liga coaches: not refreshed — not in your football-data.org plan"]

        reopened = await Service.open(configured)  # a new process: the learned coach is read back
        try:
            profile = await reopened.rumours.manager_profile(NEW_COACH)
            api.clear_faults()
            await reopened.football.refresh_once()
            cleared = (await reopened.about()).data_problems
        finally:
            await reopened.close()
    assert (profile.club, profile.since, profile.source) == ("Everton", start, "football-data.org")
    assert cleared == ()
