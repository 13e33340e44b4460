"""Gap claims: who trails whom, by how much, with whose games in hand."""

from __future__ import annotations

import pytest

from bot.analysis import analyze
from bot.registry.registry import Registry

EMPTY = Registry([], [], [])


def _claims(text: str, registry: Registry | None = None) -> list[tuple[str, str, int, int | None]]:
    finding = analyze(text, registry=registry)
    return [(g.team, g.other, g.points, g.games_in_hand) for g in finding.gap_claims]


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        (
            "Real Madrid are nine points behind Barcelona with a game in hand.",
            ("Real Madrid", "Barcelona", 9, 1),
        ),
        ("Bayern Munich trail Borussia Dortmund by a point.", ("Bayern", "Dortmund", 1, None)),
        ("Juventus are 9 points behind Inter, who also have a game in hand.", ("Juventus", "Inter", 9, None)),
        ("Chelsea hold a six-point lead over Arsenal in the title race.", ("Arsenal", "Chelsea", 6, None)),
        ("Liverpool are five points clear of Arsenal at the top.", ("Arsenal", "Liverpool", 5, None)),
        ("Everton and Burnley are level on points at the bottom.", ("Everton", "Burnley", 0, None)),
        ("Burnley sit seven points adrift of safety with ten games left.", ("Burnley", "safety", 7, None)),
    ],
)
def test_claim_shapes(text: str, claim: tuple[str, str, int, int | None]) -> None:
    got = _claims(text)
    assert any(claim[0] in t and claim[1] in o and p == claim[2] and h == claim[3] for t, o, p, h in got), got


def test_the_subject_they_is_the_articles_club() -> None:
    text = (
        "Real Madrid manager Carlo Ancelotti is under pressure. With a nine-point gap (Real Madrid have a "
        "game in hand) to Barcelona, they cannot drop more points."
    )
    assert ("Real Madrid", "Barcelona", 9, 1) in _claims(text)


def test_text_clubs_without_a_registry() -> None:
    text = (
        "Leeds United boss Sam Allardyce is under pressure: Leeds United are three points behind Everton FC "
        "in the Premier League."
    )
    assert ("Leeds United", "Everton FC", 3, None) in _claims(text, EMPTY)


def test_no_number_no_claim() -> None:
    assert _claims("Arsenal know the gap that we have to fill is big, said the Arsenal manager.") == []
