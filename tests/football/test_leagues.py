"""League names as people type them, and league/season from openfootball titles and paths."""

from __future__ import annotations

import pytest

from bot.errors import UserError
from bot.football.leagues import find_league, league_from_title, resolve_league, season_from_text


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("es.1", "es.1"),
        ("laliga", "es.1"),
        ("La Liga", "es.1"),
        ("PD", "es.1"),
        ("Primera División", "es.1"),
        ("Premier League", "en.1"),
        ("PL", "en.1"),
        ("epl", "en.1"),
        ("Serie A", "it.1"),
        ("SA", "it.1"),
        ("Bundesliga", "de.1"),
        ("BL1", "de.1"),
        ("Ligue 1", "fr.1"),
        ("FL1", "fr.1"),
        ("  ligue1 ", "fr.1"),
    ],
)
def test_league_names_and_codes(typed: str, code: str) -> None:
    found = find_league(typed)
    assert found is not None and found.code == code


def test_unknown_league_lists_the_known_ones() -> None:
    with pytest.raises(UserError, match=r"No league called 'MLS' — try one of: Premier League \(en.1\)"):
        resolve_league("MLS")


@pytest.mark.parametrize(
    ("title", "code", "season"),
    [
        ("Primera División de España 2023/24", "es.1", "2023-24"),
        ("Spain Primera División 2024/25", "es.1", "2024-25"),
        ("English Premier League 2025/26", "en.1", "2025-26"),
        ("Italian Serie A 2023/24", "it.1", "2023-24"),
        ("Deutsche Bundesliga 2024/25", "de.1", "2024-25"),
        ("French Ligue 1 2024/25", "fr.1", "2024-25"),
    ],
)
def test_openfootball_titles(title: str, code: str, season: str) -> None:
    league = league_from_title(title)
    assert league is not None and league.code == code
    assert season_from_text(title) == season


@pytest.mark.parametrize(
    ("text", "season"),
    [
        ("https://example.org/football.json/master/2024-25/es.1.json", "2024-25"),
        ("season 2024-2025", "2024-25"),
        ("1999/00", "1999-00"),
        ("2025-11-24 export", None),  # a date, not a season
        ("no season here", None),
    ],
)
def test_season_from_text(text: str, season: str | None) -> None:
    assert season_from_text(text) == season
