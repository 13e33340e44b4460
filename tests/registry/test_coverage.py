"""Every team name in the shared openfootball files resolves to a club of the right league."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.registry.loader import load_registry

OPENFOOTBALL = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "openfootball"
SEASONS = ("2023-24", "2024-25", "2025-26")


def _team_names() -> list[tuple[str, str, str]]:
    """(season, league code, team name) for every team in the files present."""
    found: set[tuple[str, str, str]] = set()
    for season in SEASONS:
        for path in sorted((OPENFOOTBALL / season).glob("*.json")):
            league = path.name.removesuffix(".json")
            data = json.loads(path.read_text(encoding="utf-8"))
            for match in data.get("matches", []):
                for side in ("team1", "team2"):
                    found.add((season, league, match[side]))
    return sorted(found)


@pytest.mark.skipif(not OPENFOOTBALL.is_dir(), reason="../shared/data/openfootball is absent")
def test_every_openfootball_team_is_a_known_club() -> None:
    registry = load_registry()
    names = _team_names()
    assert names, "no openfootball files found"
    missing = [(season, name) for season, _, name in names if registry.club_by_name(name) is None]
    assert missing == []
    for season, league, name in names:
        club = registry.club_by_name(name)
        assert club is not None
        if season == "2025-26":
            assert club.league == league, (name, club.league, league)


def test_every_covered_league_has_clubs() -> None:
    registry = load_registry()
    sizes = {code: len(registry.clubs_in(code)) for code in ("en.1", "es.1", "it.1", "de.1", "fr.1")}
    assert sizes == {"en.1": 20, "es.1": 20, "it.1": 20, "de.1": 18, "fr.1": 18}
    for code in ("en.2", "sc.1", "nl.1", "pt.1", "us.1"):
        assert len(registry.clubs_in(code)) >= 12, code
