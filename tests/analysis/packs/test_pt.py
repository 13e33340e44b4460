"""Portuguese pack: its phrases, traps and negatives on sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.analysis.packs.reading import frames, gaps, level, other_sport


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("O clube demitiu o treinador após a derrota.", 3),
        ("O técnico foi demitido nesta segunda-feira.", 3),
        ("O Sporting anunciou a rescisão do contrato do treinador.", 3),
        ("Mais uma chicotada psicológica na Liga.", 3),
        ("O técnico está na corda bamba.", 2),
        ("A diretoria deu um ultimato ao treinador.", 2),
        ("O presidente não garante a permanência do técnico.", 2),
        ("O treinador está sob pressão.", 1),
        ("O Porto venceu por três a zero.", 0),
    ],
)
def test_levels(text: str, want: int) -> None:
    assert level("pt", text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Se perder no domingo, o treinador será demitido.", 2),  # a conditional
        ("O presidente nega a demissão do treinador.", 1),  # denial
        ("O clube não demitiu o treinador.", 1),  # negation
        ("Ele foi demitido pelo Santos em 2019.", 0),  # history
        ("O treinador se despediu da torcida no último jogo.", 0),  # farewell
        ("Com a vitória, o técnico segurou o emprego.", 0),  # avoided the sack
    ],
)
def test_modifiers_and_traps(text: str, want: int) -> None:
    assert level("pt", text) == want


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("O técnico João Silva comandou o treino.", "manager"),
        ("João Silva assume interinamente a equipe.", "interim"),
        ("Ele será substituído por João Silva.", "successor"),
        ("João Silva recusou a proposta.", "not_successor"),
    ],
)
def test_frames(text: str, kind: str) -> None:
    assert kind in frames("pt", text)


def test_gap_claims_and_other_sports() -> None:
    text = "O Santos está a um ponto do Vasco com dois jogos a menos."
    assert gaps("pt", text) == {"behind", "games_in_hand"}
    assert other_sport("pt", "O treinador de basquete foi demitido.")
    assert not other_sport("pt", "O treinador do Santos foi demitido.")
