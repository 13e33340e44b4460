"""The sport filter: football articles pass, other sports and business do not."""

from __future__ import annotations

import pytest

from bot.analysis.sport import is_football
from bot.analysis.text import fold


@pytest.mark.parametrize(
    "text",
    [
        "The striker scored twice as the club climbed out of the relegation zone in the Premier League.",
        "The head coach was fired after the MLS side lost another match at home.",
        "Los Blancos drew 1-1 and the manager admitted the dressing room is unhappy.",
    ],
)
def test_football_passes(text: str) -> None:
    assert is_football(fold(text))


@pytest.mark.parametrize(
    "text",
    [
        "The quarterback was sacked five times and the NFL linebacker had two touchdowns.",
        "The rugby head coach was sacked after the Six Nations; the scrum struggled all season.",
        "Shareholders passed a vote of no confidence in the chief executive at the annual general meeting.",
        "The NBA franchise fired its head coach despite 30 wins; the point guard led the team in rebounds.",
        "The cricket coach was dismissed after the Ashes; the batsmen failed in every innings.",
    ],
)
def test_other_sports_and_business_fail(text: str) -> None:
    assert not is_football(fold(text))


def test_club_mentions_tip_a_thin_article_to_football() -> None:
    text = fold("The coach was dismissed on Monday.")
    assert not is_football(text)
    assert is_football(text, club_mentions=1)


def test_rugby_with_a_football_town_stays_rugby() -> None:
    text = fold(
        "Leicester Tigers sacked their rugby director after the scrum collapsed in the Premiership Rugby "
        "final."
    )
    assert not is_football(text, club_mentions=1)
