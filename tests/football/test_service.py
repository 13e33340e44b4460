"""FootballService over a real SQLite store and the real registry: imports, gap, table, claim checks."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from bot.analysis.models import GapClaim
from bot.errors import UserError
from bot.football.results import Freshness
from bot.football.service import FootballService
from bot.registry.service import RegistryService
from storage import Store

from .conftest import document, laliga_fixtures, write_season

CONTRACT_KEYS = {"league", "season", "as_of", "leader", "trailer", "points_gap", "games_in_hand"}


async def test_import_is_idempotent_and_updates_changed_results(
    football: FootballService, laliga_file: Path, tmp_path: Path
) -> None:
    first = await football.import_matches([str(laliga_file)])
    assert (first.inserted, first.updated, first.unchanged) == (12, 0, 0)
    assert first.files[0].league == "es.1" and first.files[0].season == "2024-25"
    again = await football.import_matches([str(laliga_file)])
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 12)
    assert "12 unchanged" in again.to_text()

    before = await football.gap("Real Madrid", "Barcelona", on=date(2024, 9, 10))
    assert before.points_gap == 3

    fixtures = laliga_fixtures()
    rnd, day, home, away, _ = fixtures[0]
    fixtures[0] = (rnd, day, home, away, (2, 1))  # the result was corrected: Madrid won
    corrected = write_season(
        tmp_path, "fix/2024-25/es.1.json", document("Spain Primera División 2024/25", fixtures)
    )
    report = await football.import_matches([str(corrected)])
    assert (report.inserted, report.updated, report.unchanged) == (0, 1, 11)
    after = await football.gap("Real Madrid", "Barcelona", on=date(2024, 9, 10))
    assert (after.leader.points, after.trailer.points) == (6, 6)


async def test_gap_with_a_game_in_hand(football: FootballService, laliga_file: Path) -> None:
    await football.import_matches([str(laliga_file)])
    result = await football.gap("RealMadrid", "Barça", on=date(2024, 9, 10))
    body = result.to_dict()
    assert set(body) >= CONTRACT_KEYS
    assert body["league"] == "es.1" and body["season"] == "2024-25" and body["as_of"] == "2024-09-10"
    assert body["leader"]["name"] == "FC Barcelona"
    assert {k: body["leader"][k] for k in ("position", "played", "points")} == {
        "position": 1,
        "played": 3,
        "points": 7,
    }
    assert {k: body["trailer"][k] for k in ("position", "played", "points")} == {
        "position": 2,
        "played": 2,
        "points": 4,
    }
    assert body["points_gap"] == 3 and body["games_in_hand"] == 1
    assert body["can_catch_up"] is True and body["points_available"] == 12
    assert "lead Real Madrid" in result.to_text() and "1 game in hand" in result.to_text()


async def test_gap_level_on_points_names_the_club_ahead_on_tie_breaks(
    football: FootballService, laliga_file: Path
) -> None:
    await football.import_matches([str(laliga_file)])
    # The postponed game is played on 2024-09-25: both on 7, one meeting only, so goals decide.
    result = await football.gap("Barcelona", "Real Madrid", on=date(2024, 9, 25))
    body = result.to_dict()
    assert body["points_gap"] == 0 and body["level_on_points"] is True and body["games_in_hand"] == 0
    assert body["leader"]["key"] == "real-madrid" and body["leader"]["position"] == 1
    assert "level on 7 points" in result.to_text()


async def test_gap_errors_say_what_to_do(
    football: FootballService, laliga_file: Path, premier_file: Path
) -> None:
    with pytest.raises(UserError, match="No match data"):
        await football.gap("Real Madrid", "Barcelona", on=date(2024, 9, 10))
    await football.import_matches([str(laliga_file), str(premier_file)])
    with pytest.raises(UserError, match="No club called"):
        await football.gap("Real Madriz FC United", "Barcelona")
    with pytest.raises(UserError, match="same league"):
        await football.gap("Real Madrid", "Arsenal", on=date(2024, 9, 10))
    with pytest.raises(UserError, match=r"Known seasons: 2023-24 .*2024-25"):
        await football.gap("Real Madrid", "Barcelona", on=date(2022, 1, 1))
    with pytest.raises(UserError, match="different clubs"):
        await football.gap("Atleti", "Atlético Madrid", on=date(2024, 9, 10))
    with pytest.raises(UserError, match="No league called"):
        await football.gap("Real Madrid", "Barcelona", league="Eredivisie Zero")


async def test_gap_without_a_date_uses_the_latest_season_end_when_today_is_outside(
    football: FootballService, laliga_file: Path
) -> None:
    await football.import_matches([str(laliga_file)])
    result = await football.gap("Atleti", "Girona", league="laliga")
    assert result.as_of == "2024-09-25"  # the last day with a fixture (the rescheduled game)
    assert result.leader.club_key == "atletico-madrid"


async def test_deductions_follow_the_sanction_dates(football: FootballService, premier_file: Path) -> None:
    await football.import_matches([str(premier_file)])

    async def gap_on(day: date) -> tuple[str, int, int]:
        result = await football.gap("Everton", "Nottingham Forest", on=day)
        return str(result.leader.club_key), result.leader.points, result.trailer.points

    assert await gap_on(date(2023, 11, 16)) == ("nottingham-forest", 9, 9)
    assert await gap_on(date(2023, 11, 17)) == ("nottingham-forest", 9, -1)  # Everton -10
    assert await gap_on(date(2024, 2, 26)) == ("nottingham-forest", 9, 3)  # reduced to -6 on appeal
    assert await gap_on(date(2024, 3, 18)) == ("nottingham-forest", 5, 3)  # Forest -4
    assert await gap_on(date(2024, 4, 8)) == ("nottingham-forest", 5, 1)  # Everton's second, -2
    table = await football.table("EPL", on=date(2024, 5, 19))
    everton = next(row for row in table.rows if row.club_key == "everton")
    assert everton.points == 1 and everton.adjustment == -8
    assert "points adjusted" in table.to_text()


@pytest.mark.parametrize("name", ["es.1", "laliga", "La Liga", "PD", "primera division"])
async def test_table_accepts_league_codes_and_names(
    football: FootballService, laliga_file: Path, name: str
) -> None:
    await football.import_matches([str(laliga_file)])
    table = await football.table(name, on=date(2024, 9, 10))
    assert table.league == "es.1"
    assert [row.club_key for row in table.rows] == ["barcelona", "real-madrid", "atletico-madrid", "girona"]
    assert table.rows[0].form == "DWW" and table.rows[1].played == 2
    lines = table.to_text().splitlines()
    assert lines[0].startswith("La Liga 2024-25") and "Pts" in lines[1]
    points_end = lines[1].index("Pts") + 3
    for line, row in zip(lines[2 : 2 + len(table.rows)], table.rows, strict=True):
        assert line[:points_end].endswith(f" {row.points}") and row.team in line
    assert table.to_dict()["rows"][0]["points"] == 7


async def test_unknown_league_and_missing_league_data(football: FootballService, laliga_file: Path) -> None:
    await football.import_matches([str(laliga_file)])
    with pytest.raises(UserError, match="No league called 'Narnia League'"):
        await football.table("Narnia League")
    with pytest.raises(UserError, match="No Serie A match data"):
        await football.table("Serie A")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"{not json", "not valid JSON"),
        (b'{"name": "Spain Primera Division 2024/25"}', "no 'matches' list"),
        (
            json.dumps(
                {"name": "x 2024/25", "matches": [{"team1": "A", "team2": "B", "date": "2024-13-01"}]}
            ).encode(),
            "no valid date",
        ),
        (
            json.dumps(
                {"matches": [{"team1": "A", "team2": "B", "date": "2024-09-01", "score": {"ft": ["1", 0]}}]}
            ).encode(),
            "malformed full-time score",
        ),
    ],
)
async def test_bad_files_are_refused_and_nothing_is_lost(
    football: FootballService, laliga_file: Path, tmp_path: Path, content: bytes, problem: str
) -> None:
    await football.import_matches([str(laliga_file)])
    bad = tmp_path / "2024-25" / "bad" / "es.1.json"
    bad.parent.mkdir(parents=True)
    bad.write_bytes(content)
    with pytest.raises(UserError, match=problem):
        await football.import_matches([str(laliga_file), str(bad)])
    table = await football.table("es.1", on=date(2024, 9, 10))
    assert table.rows[0].points == 7


async def test_missing_file_and_unknown_league_file(football: FootballService, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="No file at"):
        await football.import_matches([str(tmp_path / "nope.json")])
    odd = write_season(tmp_path, "2024-25/xx.json", document("Narnia Cup 2024/25", laliga_fixtures()))
    with pytest.raises(UserError, match="cannot tell which league"):
        await football.import_matches([str(odd)])
    with pytest.raises(UserError, match="at least one"):
        await football.import_matches([])
    (tmp_path / "empty").mkdir()
    with pytest.raises(UserError, match=r"no \.json files"):
        await football.import_matches([str(tmp_path / "empty")])


async def test_a_folder_imports_every_season_file_in_it(
    football: FootballService, laliga_file: Path, premier_file: Path, tmp_path: Path
) -> None:
    report = await football.import_matches([str(tmp_path)])
    assert sorted((f.league, f.season) for f in report.files) == [("en.1", "2023-24"), ("es.1", "2024-25")]


async def test_league_and_season_from_the_name_when_the_path_says_nothing(
    football: FootballService, tmp_path: Path
) -> None:
    plain = write_season(
        tmp_path, "download.json", document("Spain Primera División 2024/25", laliga_fixtures())
    )
    report = await football.import_matches([str(plain)])
    assert (report.files[0].league, report.files[0].season) == ("es.1", "2024-25")


@pytest.mark.parametrize(
    ("claim", "verdict"),
    [
        (GapClaim("Real Madrid", "Barcelona", 3, 1), "table agrees"),
        (GapClaim("Real Madrid", "Barcelona", 3), "table agrees"),
        (GapClaim("Real Madrid", "Barcelona", 9, 1), "table says 3"),
        (GapClaim("Real Madrid", "Barcelona", 3, 2), "table says 3, 1 game in hand"),
        (GapClaim("Barcelona", "Real Madrid", 3), "table says FC Barcelona lead by 3"),
        (GapClaim("Girona", "Atleti", 0), "table says 3"),
    ],
)
async def test_check_claim(
    football: FootballService, laliga_file: Path, claim: GapClaim, verdict: str
) -> None:
    await football.import_matches([str(laliga_file)])
    assert await football.check_claim(claim, date(2024, 9, 10)) == verdict


async def test_check_claim_unknown_is_none(football: FootballService, laliga_file: Path) -> None:
    assert await football.check_claim(GapClaim("Real Madrid", "Barcelona", 3), date(2024, 9, 10)) is None
    await football.import_matches([str(laliga_file)])
    assert await football.check_claim(GapClaim("Nobody FC", "Barcelona", 3), date(2024, 9, 10)) is None
    assert await football.check_claim(GapClaim("Real Madrid", "Barcelona", 3), date(2020, 1, 1)) is None


async def test_claim_written_before_the_day_s_games_agrees(
    football: FootballService, laliga_file: Path
) -> None:
    await football.import_matches([str(laliga_file)])
    # Morning of 2024-09-25 Madrid were 3 behind with a game in hand; that evening they drew level.
    claim = GapClaim("Real Madrid", "Barcelona", 3, 1)
    assert await football.check_claim(claim, date(2024, 9, 25)) == "table agrees"


async def test_leagues_and_autocomplete(football: FootballService, laliga_file: Path) -> None:
    await football.import_matches([str(laliga_file)])
    infos = {info.code: info for info in await football.leagues()}
    assert set(infos) == {"en.1", "es.1", "it.1", "de.1", "fr.1"}
    assert infos["es.1"].seasons == ("2024-25",) and infos["en.1"].seasons == ()
    assert "2024-25" in infos["es.1"].to_text()
    assert len(await football.autocomplete_leagues("")) == 5
    assert await football.autocomplete_leagues("prem") == [("Premier League (England)", "en.1")]
    assert (await football.autocomplete_leagues("EPL"))[0][1] == "en.1"
    assert await football.autocomplete_leagues("zzzz") == []


async def test_final_table_stands_through_the_summer_then_dates_are_refused(
    football: FootballService, premier_file: Path
) -> None:
    await football.import_matches([str(premier_file)])
    summer = await football.gap("Everton", "Nottingham Forest", on=date(2024, 6, 15))
    assert (summer.leader.points, summer.trailer.points, summer.games_in_hand) == (5, 1, 0)
    with pytest.raises(
        UserError, match=r"covers 2024-07-15\. Known seasons: 2023-24 \(2023-10-01 to 2024-05-19\)"
    ):
        await football.gap("Everton", "Nottingham Forest", on=date(2024, 7, 15))
    with pytest.raises(UserError, match="Known seasons"):
        await football.table("EPL", on=date(2023, 9, 30))


async def test_an_import_by_another_process_is_seen_without_a_restart(
    football: FootballService, laliga_file: Path, premier_file: Path, tmp_path: Path
) -> None:
    await football.import_matches([str(laliga_file)])
    assert (await football.leagues())[0].seasons == ()  # en.1 first: nothing yet
    other_store = await Store.open(football.store.path)  # what a `hotseat import-matches` run opens
    try:
        other = FootballService(other_store, football.settings, football.http, RegistryService(other_store))
        await other.import_matches([str(premier_file)])
    finally:
        await other_store.close()
    assert (await football.leagues())[0].seasons == ("2023-24",)
    gap = await football.gap("Everton", "Arsenal", on=date(2024, 5, 19))
    assert gap.league == "en.1"


async def test_a_renamed_club_in_a_later_file_does_not_double_its_fixtures(
    football: FootballService, laliga_file: Path, tmp_path: Path
) -> None:
    await football.import_matches([str(laliga_file)])
    renamed = [
        (
            rnd,
            day,
            home.replace("Real Madrid CF", "Real Madrid"),
            away.replace("Real Madrid CF", "Real Madrid"),
            s,
        )
        for rnd, day, home, away, s in laliga_fixtures()
    ]
    path = write_season(
        tmp_path, "again/2024-25/es.1.json", document("Spain Primera División 2024/25", renamed)
    )
    report = await football.import_matches([str(path)])
    assert (report.inserted, report.updated, report.unchanged) == (0, 0, 12)
    table = await football.table("es.1", on=date(2024, 9, 10))
    assert len(table.rows) == 4


async def test_answers_say_how_fresh_they_are(football: FootballService, laliga_file: Path) -> None:
    """Stamped with the last result, not the last fixture; past fixtures without a score are flagged."""
    await football.import_matches([str(laliga_file)])
    gap = await football.gap("Real Madrid", "Barcelona", on=date(2024, 9, 10))
    # Matchday 4 (2024-09-08) has no scores in the data: two results missing, the last is 2024-09-01.
    assert (gap.freshness.last_result, gap.freshness.missing_results, gap.freshness.season_ended) == (
        "2024-09-01",
        2,
        False,
    )
    assert (gap.points_gap, gap.games_in_hand, gap.gap_if_games_in_hand_won) == (3, 1, 0)
    text = gap.to_text()
    assert "If Real Madrid CF win their games in hand: level on points." in text
    assert "⚠ 2 results missing" in text and "Results up to 2024-09-01." in text
    assert gap.to_dict()["missing_results"] == 2

    final = await football.table("es.1", on=date(2024, 10, 1))
    assert final.freshness == Freshness("2024-09-25", 6, True)
    assert "The season has ended" in final.to_text()
    early = await football.table("es.1", on=date(2024, 8, 19))
    assert early.freshness == Freshness("2024-08-18", 0, False)
    assert "missing" not in early.to_text()
