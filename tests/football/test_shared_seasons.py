"""Checks against the real openfootball seasons in ../shared (skipped when that folder is absent)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.football.service import FootballService

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "openfootball"

pytestmark = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data/openfootball is absent")


async def test_done_when_barcelona_lead_real_madrid_by_nine_with_a_game_in_hand(
    football: FootballService,
) -> None:
    await football.import_matches([str(DATA / "2024-25" / "es.1.json")])
    body = (await football.gap("RealMadrid", "Barcelona", on=date(2024, 11, 6))).to_dict()
    assert body["leader"]["key"] == "barcelona" and body["trailer"]["key"] == "real-madrid"
    assert body["points_gap"] == 9 and body["games_in_hand"] == 1
    assert (body["leader"]["played"], body["trailer"]["played"]) == (12, 11)


async def test_premier_league_2023_24_final_table_carries_the_sanctions(football: FootballService) -> None:
    await football.import_matches([str(DATA / "2023-24" / "en.1.json")])
    table = await football.table("Premier League", on=date(2024, 5, 19))
    rows = {row.club_key: row for row in table.rows}
    assert (rows["everton"].position, rows["everton"].points) == (15, 40)
    assert (rows["nottingham-forest"].position, rows["nottingham-forest"].points) == (17, 32)
    assert (rows["newcastle-united"].position, rows["manchester-united"].position) == (7, 8)  # both on 60


async def test_ligue_1_2023_24_level_clubs_split_by_away_goals(football: FootballService) -> None:
    await football.import_matches([str(DATA / "2023-24" / "fr.1.json")])
    table = await football.table("Ligue 1", on=date(2024, 5, 19))
    rows = {row.club_key: row for row in table.rows}
    assert rows["metz"].points == rows["lorient"].points == 29
    assert (rows["metz"].position, rows["lorient"].position) == (16, 17)
