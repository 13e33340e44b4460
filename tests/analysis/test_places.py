"""Gaps to a table place ("two points above the drop zone"): one English name per place in every
language, and the place below the team (the relegation zone) always trails it."""

from __future__ import annotations

import pytest

from bot.analysis import analyze


def _claims(text: str, lang: str) -> list[tuple[str, str, int]]:
    return [(g.team, g.other, g.points) for g in analyze(text, lang=lang).gap_claims]


@pytest.mark.parametrize(
    ("lang", "text", "claim"),
    [
        ("en", "Everton boss Sean Dyche is under pressure. Everton are four points from the relegation zone.",
         ("relegation zone", "Everton", 4)),
        ("en", "Spurs manager sacked. Tottenham are now just two points above the drop zone.",
         ("relegation zone", "Tottenham Hotspur", 2)),
        ("es", "El Alavés destituye a su entrenador. El Alavés está a seis puntos del descenso.",
         ("relegation zone", "Alavés", 6)),
        ("it", "Il Lecce ha esonerato l'allenatore. Il Lecce è a 2 punti dalla zona retrocessione.",
         ("relegation zone", "Lecce", 2)),
        ("de", "Trainer vor dem Aus: Der VfL Wolfsburg liegt drei Punkte vor dem Relegationsplatz.",
         ("relegation zone", "Wolfsburg", 3)),
        ("fr", "L'entraîneur de Nantes limogé. Le FC Nantes est à 3 points de la zone rouge.",
         ("relegation zone", "Nantes", 3)),
        ("fr", "Le FC Nantes, à 4 points du maintien, a limogé son entraîneur.", ("Nantes", "safety", 4)),
        ("it", "Il Lecce ha esonerato l'allenatore: la squadra è a 3 punti dalla salvezza.",
         ("Lecce", "safety", 3)),
    ],
)  # fmt: skip
def test_a_gap_to_a_place_names_the_place_and_its_side(
    lang: str, text: str, claim: tuple[str, str, int]
) -> None:
    assert claim in _claims(text, lang)


def test_a_named_club_beats_a_place_word() -> None:
    text = "El Barcelona despide a su entrenador. El Barcelona está a 8 puntos del líder, el Real Madrid."
    assert _claims(text, "es") == [("Barcelona", "Real Madrid", 8)]


def test_a_word_that_only_starts_like_a_place_is_no_place() -> None:
    """A place is named right after the gap phrase, not somewhere later in the sentence."""
    text = "Il Lecce ha esonerato l'allenatore. Il Lecce è a 2 punti da una squadra in zona retrocessione."
    assert _claims(text, "it") == []


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("Mikel Arteta is under pressure. Arsenal are six points off the top four.", "the top four"),
        ("Mikel Arteta is under pressure. Arsenal are six points off the top of the table.", "top spot"),
    ],
)
def test_a_number_after_a_place_word_makes_it_another_place(text: str, other: str) -> None:
    assert _claims(text, "en") == [("Arsenal", other, 6)]
