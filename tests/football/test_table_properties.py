"""Invariants every computed table keeps, whatever the results (Hypothesis, modest example count)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.football.leagues import LEAGUES
from bot.football.table import MatchRecord, compute_table

CLUBS = ["Real Madrid CF", "FC Barcelona", "Girona FC", "Sevilla FC", "Valencia CF", "Getafe CF"]
START = date(2024, 8, 15)

fixture_pairs = [(home, away) for home in CLUBS for away in CLUBS if home != away]
score = st.one_of(st.none(), st.tuples(st.integers(0, 5), st.integers(0, 5)))
season = st.lists(
    st.tuples(score, st.integers(0, 60)), min_size=len(fixture_pairs), max_size=len(fixture_pairs)
)


def build(results: list[tuple[tuple[int, int] | None, int]]) -> list[MatchRecord]:
    return [
        MatchRecord(
            START + timedelta(days=offset),
            home,
            away,
            result[0] if result else None,
            result[1] if result else None,
            "played" if result else "scheduled",
        )
        for (home, away), (result, offset) in zip(fixture_pairs, results, strict=True)
    ]


@settings(max_examples=120, deadline=None)
@given(results=season, day=st.integers(0, 60), league_index=st.integers(0, len(LEAGUES) - 1))
def test_table_invariants(
    results: list[tuple[tuple[int, int] | None, int]], day: int, league_index: int
) -> None:
    matches = build(results)
    as_of = START + timedelta(days=day)
    table = compute_table(matches, as_of, LEAGUES[league_index])
    counted = [m for m in matches if m.home_goals is not None and m.match_date <= as_of]

    assert [row.position for row in table] == list(range(1, len(CLUBS) + 1))
    assert sorted(row.team for row in table) == sorted(CLUBS)
    assert [row.points for row in table] == sorted((row.points for row in table), reverse=True)
    assert sum(row.played for row in table) == 2 * len(counted)
    assert sum(row.goals_for for row in table) == sum(row.goals_against for row in table)
    assert sum(row.won for row in table) == sum(row.lost for row in table)
    for row in table:
        assert row.played == row.won + row.drawn + row.lost
        assert row.points == 3 * row.won + row.drawn
        assert row.played + row.remaining == 2 * (len(CLUBS) - 1)
        assert len(row.form) == min(row.played, 5)
