"""Small football.json seasons written for these tests (real club names, invented scores and dates)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.football.service import FootballService
from bot.http import make_client
from bot.registry.service import RegistryService
from storage import Store

MADRID, BARCA, ATLETI, GIRONA = "Real Madrid CF", "FC Barcelona", "Club Atlético de Madrid", "Girona FC"

Fixture = tuple[str, str, str, str, tuple[int, int] | None]  # round, date, home, away, full time


def _round_robin(clubs: list[str], start: date, results: list[tuple[int, int] | None]) -> list[Fixture]:
    """Double round robin, one matchday a week, results filled in order (None = not played)."""
    pairs = [
        [(clubs[0], clubs[1]), (clubs[2], clubs[3])],
        [(clubs[0], clubs[2]), (clubs[1], clubs[3])],
        [(clubs[0], clubs[3]), (clubs[1], clubs[2])],
    ]
    legs = pairs + [[(away, home) for home, away in day] for day in pairs]
    fixtures: list[Fixture] = []
    index = 0
    for number, day in enumerate(legs, start=1):
        when = (start + timedelta(weeks=number - 1)).isoformat()
        for home, away in day:
            fixtures.append((f"Matchday {number}", when, home, away, results[index]))
            index += 1
    return fixtures


# La Liga 2024-25 in four clubs. Matchday 2's Real Madrid v Atlético is postponed to 2024-09-25, so on
# 2024-09-10 Madrid have a game in hand. Scores are invented.
LALIGA_RESULTS: list[tuple[int, int] | None] = [
    (1, 1),  # MD1 Madrid v Barcelona
    (2, 0),  # MD1 Atlético v Girona
    (3, 1),  # MD2 Madrid v Atlético (played 2024-09-25)
    (2, 0),  # MD2 Barcelona v Girona
    (1, 0),  # MD3 Madrid v Girona
    (1, 0),  # MD3 Barcelona v Atlético
    None,
    None,
    None,
    None,
    None,
    None,
]


def laliga_fixtures() -> list[Fixture]:
    fixtures = _round_robin([MADRID, BARCA, ATLETI, GIRONA], date(2024, 8, 18), LALIGA_RESULTS)
    rnd, _day, home, away, score = fixtures[2]
    fixtures[2] = (rnd, "2024-09-25", home, away, score)
    return fixtures


# Premier League 2023-24 with the two sanctioned clubs: each club wins its home games 1-0.
PL_CLUBS = ["Everton FC", "Nottingham Forest FC", "Arsenal FC", "Liverpool FC"]


def premier_fixtures() -> list[Fixture]:
    """The last game (Arsenal v Forest) is played on the season's final day, 2024-05-19."""
    fixtures = _round_robin(PL_CLUBS, date(2023, 10, 1), [(1, 0)] * 12)
    rnd, _day, home, away, score = fixtures[-1]
    fixtures[-1] = (rnd, "2024-05-19", home, away, score)
    return fixtures


def document(
    name: str, fixtures: list[Fixture], extra: dict[int, dict[str, Any]] | None = None
) -> dict[str, Any]:
    matches = []
    for i, (rnd, day, home, away, score) in enumerate(fixtures):
        record: dict[str, Any] = {"round": rnd, "date": day, "team1": home, "team2": away}
        record["score"] = {"ft": list(score)} if score else {}
        if score:
            record["time"] = "21:00"
        record.update((extra or {}).get(i, {}))
        matches.append(record)
    return {"name": name, "matches": matches}


def write_season(folder: Path, relative: str, doc: dict[str, Any]) -> Path:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def laliga_file(tmp_path: Path) -> Path:
    return write_season(
        tmp_path, "2024-25/es.1.json", document("Spain Primera División 2024/25", laliga_fixtures())
    )


@pytest.fixture
def premier_file(tmp_path: Path) -> Path:
    return write_season(
        tmp_path, "2023-24/en.1.json", document("English Premier League 2023/24", premier_fixtures())
    )


@pytest.fixture
async def football(store: Store, settings: Settings) -> AsyncIterator[FootballService]:
    http = make_client(settings)
    registry = RegistryService(store)
    await registry.sync()
    try:
        yield FootballService(store, settings, http, registry)
    finally:
        await http.aclose()
