"""Sources are outlets the text attributes claims to, in canonical spelling; mere mentions are not."""

from __future__ import annotations

import pytest

from bot.analysis.packs import load_pack
from bot.analysis.reader import sources_in
from bot.analysis.text import make_doc


@pytest.mark.parametrize(
    ("text", "sources"),
    [
        ("The coach had lunch with the president, say Marca.", ["Marca"]),
        ("The club will decide on Monday, according to The Athletic.", ["The Athletic"]),
        ("The Times reports that talks have started.", ["The Times"]),
        (
            "He has two games to save his job (Marca) and the board is split, reports Sky Sports.",
            ["Marca", "Sky Sports"],
        ),
        ("It was confirmed to ESPN by a source; report Marca and Cadena SER.", ["Marca", "Cadena SER"]),
        ("A person with knowledge of the decision told The Associated Press.", ["Associated Press"]),
        ("Speaking to L'Equipe, the president was clear.", ["L'Équipe"]),
        ("Spanish journalist Jacob Steinberg named three candidates.", ["Jacob Steinberg"]),
        ("The Athletic has learned that talks began on Monday.", ["The Athletic"]),
        ("Marca writes that the board met on Sunday.", ["Marca"]),
    ],
)
def test_attributions(text: str, sources: list[str]) -> None:
    assert sources_in(load_pack("en"), make_doc(text)) == sources


@pytest.mark.parametrize(
    "text",
    [
        "Follow Football España on social media for more news.",
        "He scored a goal against the record holders and the sun came out.",
        "The Times of the season have changed.",
        "Speaking on Sky Sports, the pundit said the manager had lost the dressing room.",
        "He was interviewed by ESPN; the club said nothing.",
    ],
)
def test_mentions_without_attribution(text: str) -> None:
    assert sources_in(load_pack("en"), make_doc(text)) == []
