"""Tables as of a date: each tie-break rule once, each league's order, and what counts on a given day."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bot.football.leagues import League, league_by_code
from bot.football.table import (
    Adjustment,
    MatchRecord,
    OfficialLine,
    Standing,
    apply_official,
    compute_table,
)

D = date(2024, 9, 1)
MADRID, BARCA, ATLETI, GIRONA = "Real Madrid CF", "FC Barcelona", "Club Atlético de Madrid", "Girona FC"


def league(code: str) -> League:
    found = league_by_code(code)
    assert found is not None
    return found


def only(rule: str) -> League:
    """A league whose only tie-break is `rule`, so each rule is tested on its own."""
    return replace(league("en.1"), tiebreakers=(rule,), h2h_needs_complete=False)


def m(
    home: str, hg: int | None, ag: int | None, away: str, day: date = D, status: str = "played"
) -> MatchRecord:
    return MatchRecord(day, home, away, hg, ag, status)


def order(table: list[Standing]) -> list[str]:
    return [row.team for row in table]


def row(table: list[Standing], team: str) -> Standing:
    return next(r for r in table if r.team == team)


def test_points_counted_from_results() -> None:
    table = compute_table([m(MADRID, 2, 0, BARCA), m(ATLETI, 1, 1, GIRONA)], D, league("es.1"))
    madrid = row(table, MADRID)
    assert (madrid.played, madrid.won, madrid.points, madrid.goal_difference) == (1, 1, 3, 2)
    assert row(table, ATLETI).points == row(table, GIRONA).points == 1
    assert row(table, BARCA).lost == 1 and row(table, BARCA).position == 4
    assert madrid.form == ["W"] and row(table, BARCA).form == ["L"]


@pytest.mark.parametrize(
    ("rule", "matches", "winner"),
    [
        # Girona win by more: same points, better goal difference.
        ("gd", [m(GIRONA, 3, 0, ATLETI), m(BARCA, 1, 0, MADRID)], GIRONA),
        # Same goal difference, Girona scored more.
        ("gf", [m(GIRONA, 3, 2, ATLETI), m(BARCA, 1, 0, MADRID)], GIRONA),
        # Same points, difference and goals; Girona's goals came away from home.
        ("away_gf", [m(ATLETI, 1, 2, GIRONA), m(BARCA, 2, 1, MADRID)], GIRONA),
        # One win each elsewhere; Girona beat Barcelona.
        (
            "h2h_points",
            [m(GIRONA, 1, 0, BARCA), m(BARCA, 5, 0, MADRID), m(MADRID, 1, 1, ATLETI)],
            GIRONA,
        ),
        # A win each between them; Girona's was bigger.
        ("h2h_gd", [m(GIRONA, 3, 0, BARCA), m(BARCA, 1, 0, GIRONA)], GIRONA),
        # Three-way draw circle: level on points and difference inside the group; Girona scored most.
        ("h2h_gf", [m(GIRONA, 2, 2, BARCA), m(BARCA, 0, 0, MADRID), m(MADRID, 1, 1, GIRONA)], GIRONA),
        # All level between them except the goals scored away.
        ("h2h_away_gf", [m(BARCA, 1, 2, GIRONA), m(GIRONA, 0, 1, BARCA)], GIRONA),
    ],
)
def test_each_tiebreak_rule_decides(rule: str, matches: list[MatchRecord], winner: str) -> None:
    table = compute_table(matches, D, only(rule))
    tied = [r for r in table if r.team in (GIRONA, BARCA)]
    assert tied[0].points == tied[1].points
    assert tied[0].team == winner, order(table)


def test_still_level_after_every_rule_is_alphabetical() -> None:
    table = compute_table([m(GIRONA, 1, 1, BARCA)], D, league("es.1"))
    assert order(table)[:2] == [BARCA, GIRONA]


# Madrid beat Barcelona at home, the return is a draw; Barcelona thrash Girona. Level on 4 points:
# head-to-head favours Madrid (4 v 1), goal difference favours Barcelona (+5 v +1).
SPLIT = [
    m(MADRID, 1, 0, BARCA),
    m(BARCA, 0, 0, MADRID, date(2024, 9, 2)),
    m(BARCA, 5, 0, GIRONA, date(2024, 9, 3)),
    m(GIRONA, 0, 0, ATLETI, date(2024, 9, 3)),
]
LATE = date(2024, 9, 30)


@pytest.mark.parametrize(
    ("code", "first"),
    [("es.1", MADRID), ("it.1", MADRID), ("en.1", BARCA), ("de.1", BARCA), ("fr.1", BARCA)],
)
def test_leagues_put_head_to_head_or_goal_difference_first(code: str, first: str) -> None:
    table = compute_table(SPLIT, LATE, league(code))
    assert row(table, MADRID).points == row(table, BARCA).points == 4
    assert order(table)[0] == first


def test_head_to_head_waits_for_every_meeting_in_la_liga() -> None:
    # Three clubs on 3 points; only one meeting of each pair played: goal difference decides.
    games = [m(MADRID, 1, 0, BARCA), m(BARCA, 5, 0, GIRONA), m(MADRID, 0, 1, ATLETI)]
    table = compute_table(games, LATE, league("es.1"))
    assert order(table)[:3] == [BARCA, ATLETI, MADRID]
    eager = replace(league("es.1"), h2h_needs_complete=False)
    assert order(compute_table(games, LATE, eager))[:3] == [ATLETI, MADRID, BARCA]


def test_three_way_tie_uses_the_mini_league() -> None:
    # Madrid, Barcelona and Atlético each win both home games between them and beat Girona: 9 points
    # each. Inside the group Atlético have the best difference; overall Madrid's 10-0 counts.
    games = [
        m(MADRID, 1, 0, BARCA),
        m(MADRID, 1, 0, ATLETI),
        m(BARCA, 2, 0, MADRID),
        m(BARCA, 1, 0, ATLETI),
        m(ATLETI, 4, 0, MADRID),
        m(ATLETI, 3, 0, BARCA),
        m(MADRID, 10, 0, GIRONA),
        m(BARCA, 1, 0, GIRONA),
        m(ATLETI, 1, 0, GIRONA),
    ]
    assert {r.points for r in compute_table(games, D, league("es.1")) if r.team != GIRONA} == {9}
    assert order(compute_table(games, D, league("es.1")))[:3] == [ATLETI, BARCA, MADRID]
    assert order(compute_table(games, D, league("en.1")))[:3] == [MADRID, ATLETI, BARCA]


def test_rescheduled_match_is_a_game_in_hand_until_played() -> None:
    games = [
        m(MADRID, 2, 0, GIRONA, date(2024, 9, 1)),
        m(BARCA, 1, 0, ATLETI, date(2024, 9, 1)),
        m(MADRID, 1, 0, ATLETI, date(2024, 9, 20)),  # postponed from 2024-09-08, played later
        m(BARCA, 3, 0, GIRONA, date(2024, 9, 8)),
    ]
    on_10th = compute_table(games, date(2024, 9, 10), league("es.1"))
    assert row(on_10th, BARCA).played == 2 and row(on_10th, MADRID).played == 1
    assert row(on_10th, MADRID).remaining == 1
    on_20th = compute_table(games, date(2024, 9, 20), league("es.1"))
    assert row(on_20th, MADRID).played == 2 and row(on_20th, MADRID).points == 6


def test_postponed_and_unplayed_fixtures_do_not_count() -> None:
    games = [
        m(MADRID, None, None, BARCA, D, status="postponed"),
        m(BARCA, None, None, MADRID, date(2024, 8, 1), status="scheduled"),
    ]
    table = compute_table(games, LATE, league("es.1"))
    assert all(r.played == 0 and r.fixtures == 2 for r in table)


def test_awarded_result_counts_with_the_awarded_score() -> None:
    games = [m(MADRID, 0, 2, BARCA, status="awarded")]
    table = compute_table(games, D, league("es.1"))
    assert row(table, BARCA).points == 3 and row(table, BARCA).goals_for == 2


def test_deduction_applies_from_its_effective_date_and_an_appeal_can_restore_points() -> None:
    games = [m(MADRID, 1, 0, BARCA), m(BARCA, 1, 0, MADRID, date(2024, 9, 8))]
    sanctions = [
        Adjustment(MADRID, -10, date(2024, 9, 5), "sanction"),
        Adjustment(MADRID, 4, date(2024, 9, 20), "reduced on appeal"),
    ]
    before = compute_table(games, date(2024, 9, 4), league("en.1"), sanctions)
    assert row(before, MADRID).points == 3 and row(before, MADRID).adjustment == 0
    during = compute_table(games, date(2024, 9, 10), league("en.1"), sanctions)
    assert row(during, MADRID).points == -7 and order(during)[0] == BARCA
    after = compute_table(games, LATE, league("en.1"), sanctions)
    assert row(after, MADRID).points == -3 and row(after, MADRID).adjustment == -6


def test_form_is_the_last_five_oldest_first() -> None:
    results = [(3, 0), (0, 1), (1, 1), (2, 0), (2, 0), (0, 3)]
    opponents = [BARCA, GIRONA] * 3
    games = [m(MADRID, hg, ag, opponents[i], date(2024, 9, 1 + i)) for i, (hg, ag) in enumerate(results)]
    table = compute_table(games, LATE, league("es.1"))
    assert "".join(row(table, MADRID).form) == "LDWWL"


def test_official_snapshot_overrides_points_when_it_describes_the_same_games() -> None:
    table = compute_table([m(MADRID, 1, 0, BARCA)], D, league("en.1"))
    official = [OfficialLine(MADRID, 2, 1, 0), OfficialLine(BARCA, 1, 1, 3)]
    applied = apply_official(table, official)
    assert order(applied) == [BARCA, MADRID]
    assert row(applied, MADRID).points == 0 and row(applied, MADRID).official


def test_stale_official_snapshot_is_ignored() -> None:
    table = compute_table([m(MADRID, 1, 0, BARCA)], D, league("en.1"))
    stale = [OfficialLine(MADRID, 1, 0, 0), OfficialLine(BARCA, 2, 0, 0)]
    applied = apply_official(table, stale)
    assert order(applied) == [MADRID, BARCA] and not row(applied, MADRID).official
