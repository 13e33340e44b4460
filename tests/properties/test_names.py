"""Team, manager and league names as people type them: lookups, suggestions, gap, table, successors,
profiles and the board answer, or raise a UserError that says what to try; never anything else."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.config import Settings
from bot.errors import UserError
from bot.service import Service
from tests.properties.strategies import names

CLUBS = ["Real Madrid CF", "FC Barcelona", "Club Atlético de Madrid", "Girona FC"]
TYPED = st.one_of(
    names,
    st.sampled_from(
        ["Real Madrid", "Barca", "atleti", "Girona", "Ancelotti", "Flick", "es.1", "La Liga", "EPL"]
    ),
)
DAYS = st.one_of(st.none(), st.dates(min_value=date(1850, 1, 1), max_value=date(2200, 1, 1)))
SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
async def football_service(settings: Settings, tmp_path: Path) -> AsyncIterator[Service]:
    """A service holding one small La Liga season (invented scores) so gap and table reach their maths."""
    matches = [
        {
            "round": f"Matchday {n}",
            "date": f"2024-08-{10 + n:02d}",
            "team1": home,
            "team2": away,
            "score": {"ft": [n % 3, 1]},
        }
        for n, (home, away) in enumerate([(a, b) for a in CLUBS for b in CLUBS if a != b], start=1)
    ]
    season = tmp_path / "2024-25" / "es.1.json"
    season.parent.mkdir()
    season.write_text(json.dumps({"name": "Spain Primera División 2024/25", "matches": matches}), "utf-8")
    service = await Service.open(settings)
    try:
        await service.football.import_matches([str(season)])
        yield service
    finally:
        await service.close()


async def _answers(call: Callable[[], Awaitable[Any]]) -> None:
    """A result with text, or a UserError with a message."""
    message = None
    try:
        result = await call()
    except UserError as exc:
        message = exc.message
    if message is not None:
        assert message.strip()
        return
    if isinstance(result, list):
        assert all(isinstance(label, str) and isinstance(value, str) for label, value in result)
    else:
        assert result.to_text().strip()
        json.dumps(result.to_dict(), default=str)


@SLOW
@given(TYPED, st.one_of(st.none(), TYPED))
async def test_club_and_person_lookups(football_service: Service, typed: str, league: str | None) -> None:
    registry = football_service.registry
    await _answers(lambda: registry.autocomplete_clubs(typed))
    await _answers(lambda: registry.autocomplete_managers(typed))
    await _answers(lambda: football_service.rumours.autocomplete_managers(typed))
    await _answers(lambda: football_service.football.autocomplete_leagues(typed))
    for call in (lambda: registry.resolve_club(typed, league), lambda: registry.resolve_person(typed)):
        message = None
        try:
            found = await call()
        except UserError as exc:
            message = exc.message
        assert message is None or message.strip()
        assert message is not None or found.name


@SLOW
@given(TYPED, TYPED, DAYS, st.one_of(st.none(), TYPED))
async def test_gap_between_any_two_names(
    football_service: Service, team: str, other: str, on: date | None, league: str | None
) -> None:
    await _answers(lambda: football_service.football.gap(team, other, on=on, league=league))


@SLOW
@given(TYPED, DAYS)
async def test_table_for_any_league_name(football_service: Service, league: str, on: date | None) -> None:
    await _answers(lambda: football_service.football.table(league, on=on))


@SLOW
@given(TYPED, st.one_of(st.none(), TYPED))
async def test_rumour_questions_about_any_name(
    football_service: Service, name: str, league: str | None
) -> None:
    rumours = football_service.rumours
    await _answers(lambda: rumours.successors(name))
    await _answers(lambda: rumours.manager_profile(name))
    await _answers(lambda: rumours.hotseat(league))


@pytest.mark.parametrize(("team", "other"), [("Real Madrid", "Barcelona"), ("Girona", "Atlético de Madrid")])
async def test_the_fixture_season_answers_a_real_gap(
    football_service: Service, team: str, other: str
) -> None:
    """Guards the properties above: the season is imported, so they reach the gap maths."""
    gap = await football_service.football.gap(team, other, on=date(2024, 9, 30))
    assert gap.to_dict()["league"]
