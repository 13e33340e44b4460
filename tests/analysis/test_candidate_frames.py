"""Candidacy frames added for it/de/fr successors ("le mieux placé est X", "X l'alternativa", "sich um X
bemühen", "X soll auf der Bank sitzen"), each with a sentence where it must not fire. Sentences written
for these tests; names are real coaches, facts invented."""

from __future__ import annotations

import pytest

from tests.analysis.packs.reading import successors

SACKED = {
    "fr": "Le FC Sion a limogé son entraîneur Christian Constantin. ",
    "it": "La Roma ha esonerato l'allenatore Zdenek Zeman. ",
    "de": "Der DFB hat Bundestrainer Hansi Flick entlassen. ",
}


@pytest.mark.parametrize(
    ("lang", "text", "want"),
    [
        ("fr", "Le mieux placé semble être Franck Dumas.", ["Franck Dumas"]),
        ("fr", "Franck Dumas est pressenti pour le poste.", ["Franck Dumas"]),
        ("it", "Delio Rossi l'alternativa, ma la società prende tempo.", ["Delio Rossi"]),
        ("it", "L'alternativa è Alberto Malesani.", ["Alberto Malesani"]),
        ("it", "Davide Ballardini in corsa per la panchina.", ["Davide Ballardini"]),
        ("de", "Der Verband soll sich jetzt um Julian Nagelsmann bemühen.", ["Julian Nagelsmann"]),
        ("de", "Rudi Völler soll gegen Frankreich auf der Bank sitzen.", ["Rudi Völler"]),
    ],
)
def test_candidacy_frames_name_successors(lang: str, text: str, want: list[str]) -> None:
    assert successors(lang, SACKED[lang] + text) == want


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Le mieux placé au classement reste Lyon, devant Nice."),  # a club, no person
        ("fr", "Franck Dumas a parlé aux joueurs avant le match."),
        ("it", "L'alternativa tattica della squadra è il 4-3-3."),
        ("it", "Davide Ballardini ha parlato della corsa salvezza."),
        ("de", "Der Verband will sich nicht weiter bemühen."),
        ("de", "Rudi Völler saß früher als Spieler auf der Bank."),
    ],
)
def test_the_same_words_without_a_candidate_name_nobody(lang: str, text: str) -> None:
    assert successors(lang, SACKED[lang] + text) == []
