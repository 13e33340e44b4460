"""Folding: every way the press writes a name comes out the same."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.registry.names import fold, fold_alias_same_length, fold_letters, fold_same_length, squash


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Barça", "barca"),
        ("Raúl González", "raul gonzalez"),
        ("Martin Ødegaard", "martin odegaard"),
        ("Weißwasser", "weisswasser"),
        ("Łódź", "lodz"),
        ("Đoković", "dokovic"),
        ("Mæhle", "maehle"),
        ("Cœur", "coeur"),
        ("  Man.   Utd!! ", "man utd"),
        ("Brighton & Hove Albion", "brighton hove albion"),
        ("Saint-Étienne", "saint etienne"),
        ("N’Golo Kanté", "n golo kante"),
        ("ＦＵＬＬＷＩＤＴＨ", "fullwidth"),
        ("", ""),
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


def test_squash_joins_words() -> None:
    assert squash("RealMadrid") == squash("Real Madrid") == squash("#Real-Madrid") == "realmadrid"


@given(st.text(max_size=200))
@settings(max_examples=200)
def test_same_length_fold_keeps_offsets(text: str) -> None:
    folded = fold_same_length(text)
    assert len(folded) == len(text)


@given(st.text(max_size=100))
@settings(max_examples=200)
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


def test_alias_form_collapses_spaces() -> None:
    assert fold_alias_same_length("St. Pauli") == "st pauli"


@given(st.text(max_size=200))
@settings(max_examples=200)
def test_fold_letters_keeps_offsets_and_agrees_on_letters(text: str) -> None:
    folded = fold_letters(text)
    assert len(folded) == len(text)
    assert fold(folded) == fold(fold_same_length(text))


def test_fold_letters_examples() -> None:
    assert fold_letters("Atlético, Barça’s") == "atletico, barca s"
    assert fold_letters("İstanbul") == fold_same_length("İstanbul")
