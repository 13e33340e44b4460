"""The pressure index formula: decay, level and outlet weighting, and the stored running form."""

from __future__ import annotations

import itertools
import math
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.rumours import pressure

NOW = datetime(2025, 3, 20, 12, 0, tzinfo=UTC)


def direct(findings: list[tuple[float, datetime]], at: datetime) -> float:
    """The formula as written in the docstring: a sum over findings published by `at`."""
    return sum(w * math.pow(2.0, -(at - p) / pressure.HALF_LIFE) for w, p in findings if p <= at)


def test_a_weight_halves_every_seven_days() -> None:
    assert pressure.decay(timedelta(0)) == 1.0
    assert pressure.decay(timedelta(days=7)) == pytest.approx(0.5)
    assert pressure.decay(timedelta(days=28)) == pytest.approx(1 / 16)


def test_more_outlets_weigh_more_but_each_one_less() -> None:
    one, two, ten = (pressure.story_value(1, n) for n in (1, 2, 10))
    assert one == 1.0
    assert two == pytest.approx(1.5)
    assert ten < 3 * one  # ten outlets repeating a murmur are not ten stories


def test_levels_are_weighted_and_a_sacking_dominates() -> None:
    murmurs = [pressure.story_value(1, 10) for _ in range(5)]  # five widely told murmur stories
    assert pressure.story_value(2, 1) > pressure.story_value(1, 1)
    assert pressure.story_value(3, 1) > sum(murmurs)
    assert pressure.story_value(0, 3) == 0.0
    # A decision one outlet reports is serious pressure until confirmed, never a sacking's weight.
    assert pressure.story_value(3, 1, confirmed=False) == pressure.story_value(2, 1)


def test_stored_rank_gives_the_same_index_as_the_formula() -> None:
    findings = [
        (1.0, NOW - timedelta(days=9)),
        (3.0, NOW - timedelta(days=2)),
        (0.5, NOW - timedelta(hours=5)),
    ]
    rank = -math.inf
    for weight, published in findings:
        rank = pressure.add_rank(rank, pressure.rank_term(weight, published))
    assert pressure.index_from_rank(rank, NOW) == pytest.approx(direct(findings, NOW))
    later = NOW + timedelta(days=30)
    assert pressure.index_from_rank(rank, later) == pytest.approx(direct(findings, later))


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([0.0, 0.25, 1.0, 3.0, 20.0]), st.integers(min_value=0, max_value=60 * 24 * 80)
        ),
        min_size=1,
        max_size=30,
    )
)
def test_rank_and_day_rows_agree_with_the_formula(raw: list[tuple[float, int]]) -> None:
    start = NOW - timedelta(days=80)
    findings = [(w, start + timedelta(minutes=m)) for w, m in raw]
    rank = -math.inf
    days: dict[datetime, float] = {}
    for weight, published in findings:
        rank = pressure.add_rank(rank, pressure.rank_term(weight, published))
        day = pressure.day_start(published)
        days[day] = days.get(day, 0.0) + pressure.day_amount(weight, published)
    assert pressure.index_from_rank(rank, NOW) == pytest.approx(direct(findings, NOW), abs=1e-9)
    rows = sorted(days.items())
    boundary = pressure.day_start(NOW) - timedelta(days=20)
    expected = direct([(w, p) for w, p in findings if p < boundary], boundary)
    assert pressure.index_before(rank, rows, boundary) == pytest.approx(expected, rel=1e-6, abs=1e-6)


def test_history_has_a_point_per_day_and_decays_without_news() -> None:
    published = NOW - timedelta(days=30)
    rank = pressure.rank_term(3.0, published)
    rows = [(pressure.day_start(published), pressure.day_amount(3.0, published))]
    points = pressure.history(rank, rows, NOW, 90)
    assert len(points) == 90
    assert points[-1][0] == NOW
    assert points[-1][1] == pytest.approx(direct([(3.0, published)], NOW))
    values = [v for _, v in points]
    peak = values.index(max(values))
    assert all(v == 0.0 for v in values[: peak - 1])
    assert values[peak:] == sorted(values[peak:], reverse=True)


def test_empty_manager_has_zero_index() -> None:
    assert pressure.index_from_rank(-math.inf, NOW) == 0.0
    assert pressure.index_before(-math.inf, [], NOW) == 0.0


@pytest.mark.parametrize(
    ("now", "before", "expected"),
    [(5.0, 1.0, "up"), (1.0, 5.0, "down"), (2.0, 2.1, "steady"), (0.01, 0.0, "steady")],
)
def test_trend(now: float, before: float, expected: str) -> None:
    assert pressure.trend(now, before) == expected


def test_formula_is_documented_for_answers() -> None:
    described = pressure.formula()
    assert described["half_life_days"] == 7.0
    assert described["level_weights"] == {"1": 1.0, "2": 3.0, "3": 20.0}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([1.0, 3.0, 20.0]), st.integers(0, 60 * 24 * 120)), max_size=25))
def test_every_history_point_matches_the_formula(raw: list[tuple[float, int]]) -> None:
    start = NOW - timedelta(days=120)
    findings = [(w, start + timedelta(minutes=m)) for w, m in raw if start + timedelta(minutes=m) <= NOW]
    rank = -math.inf
    days: dict[datetime, float] = {}
    for weight, published in findings:
        rank = pressure.add_rank(rank, pressure.rank_term(weight, published))
        day = pressure.day_start(published)
        days[day] = days.get(day, 0.0) + pressure.day_amount(weight, published)
    points = pressure.history(rank, sorted(days.items()), NOW, 90)
    assert len(points) == 90
    steps = [b - a for (a, _), (b, _) in itertools.pairwise(points[:-1])]
    assert steps == [timedelta(days=1)] * 88
    for moment, value in points[:-1]:
        expected = direct([(w, p) for w, p in findings if p < moment], moment)
        assert value == pytest.approx(expected, rel=1e-6, abs=1e-9)
    assert points[-1][1] == pytest.approx(direct(findings, NOW), rel=1e-6, abs=1e-9)
