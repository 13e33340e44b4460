"""The owner's /registry set-coach and /about's live-data lines, through the real command tree."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date

import pytest
from pydantic import SecretStr

from tests.support.football_data_server import TOKEN, FootballDataServer

from .conftest import USER_ID, Harness, option

SET_COACH = [option("club", "Everton"), option("person", "Ruben Amorim"), option("from", "2026-12-01")]


async def test_the_owner_records_a_coach_and_manager_says_admin(harness: Harness) -> None:
    harness.bot.owner_id = USER_ID
    calls = await harness.invoke("registry", SET_COACH, subcommand="set-coach")
    assert len(calls) == 1 and calls[0].ephemeral
    # the day as a Discord timestamp (noon UTC on 2026-12-01), shown in the reader's own calendar
    assert "Ruben Amorim coaches Everton from <t:1796126400:D>" in calls[0].text
    profile = await harness.service.rumours.manager_profile("Ruben Amorim")
    assert (profile.club, profile.since, profile.source) == ("Everton", date(2026, 12, 1), "admin")


async def test_anyone_else_is_refused_privately_and_nothing_changes(harness: Harness) -> None:
    harness.bot.owner_id = USER_ID + 1
    before = harness.service.registry.registry.manager_of("everton")
    calls = await harness.invoke("registry", SET_COACH, subcommand="set-coach")
    assert len(calls) == 1 and calls[0].ephemeral
    assert "Only the bot's owner can do that" in calls[0].text
    assert harness.service.registry.registry.manager_of("everton") == before


@pytest.mark.parametrize(
    ("options", "says"),
    [
        (
            [option("club", "Everton"), option("person", "Ruben Amorim"), option("from", "1/12/26")],
            "YYYY-MM-DD",
        ),
        (
            [option("club", "Narnia Utd"), option("person", "Ruben Amorim"), option("from", "2026-12-01")],
            "No club",
        ),
        (
            [option("club", "Everton"), option("person", "Nobody Atall"), option("from", "2026-12-01")],
            "No person",
        ),
    ],
    ids=["bad date", "unknown club", "unknown person"],
)
async def test_bad_input_gets_a_private_error_saying_what_to_fix(
    harness: Harness, options: list[dict[str, object]], says: str
) -> None:
    harness.bot.owner_id = USER_ID
    before = harness.service.registry.registry.manager_of("everton")
    calls = await harness.invoke("registry", options, subcommand="set-coach")
    assert len(calls) == 1 and calls[0].ephemeral
    assert says in calls[0].text and "Traceback" not in calls[0].text
    assert harness.service.registry.registry.manager_of("everton") == before


@pytest.fixture
async def api() -> AsyncIterator[FootballDataServer]:
    async with FootballDataServer() as server:
        yield server


async def test_about_says_which_live_data_was_not_refreshed_in_the_readers_language(
    harness: Harness, api: FootballDataServer
) -> None:
    football = harness.service.football
    football.settings = football.settings.model_copy(update={"football_data_token": SecretStr(TOKEN)})
    football.football_data_base, football.openfootball_base = api.base, "off"
    api.fail("PL", "teams", "403")
    await football.refresh_once()

    english = (await harness.invoke("about"))[0].text
    assert "Premier League coaches: not refreshed — not in your football-data.org plan" in english
    assert "Premier League matches" not in english and "La Liga" not in english
    spanish = (await harness.invoke("about", locale="es-ES"))[0].text
    assert (
        "Entrenadores de Premier League: sin actualizar — no incluido en tu plan de football-data.org"
        in spanish
    )
