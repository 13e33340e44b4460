"""The language-neutral pack reader, driven by a small pack written here (Spanish-like, our own
sentences), so these rules are checked whatever the shipped packs say."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.analysis.models import Finding
from bot.analysis.packs import parse_pack
from bot.analysis.reader import read
from bot.registry.loader import load_registry

REGISTRY = load_registry()
PACK = parse_pack(
    """
[pack]
lang = "xx"
name = "Test"
schema = 1
[lists]
role = ["entrenador", "tecnico"]
[[cue]]
id = "sacked"
level = 3
phrases = ["(destituye|destituido|despedido|cesado)"]
[[cue]]
id = "talks"
level = 2
phrases = ["reunion de urgencia", "ultimatum"]
[[cue]]
id = "murmur"
level = 1
phrases = ["bajo presion"]
[[trap]]
id = "avoid"
phrases = ["evita ser destituido"]
[modifiers.voluntary]
after = ["por decision propia"]
reach_after = 6
[modifiers.negation]
before = ["no", "nunca"]
reach_before = 4
[modifiers.modality]
before = ["podria", "deberia", "piden"]
reach_before = 8
[modifiers.hypothetical]
before = ["si"]
reach_before = 12
[modifiers.club_statement]
before = ["en un comunicado", "el club anuncio"]
after = ["en un comunicado"]
reach_before = 12
reach_after = 12
[numbers]
nueve = 9
uno = 1
un = 1
[claims]
behind = ["a {num} puntos del"]
ahead = ["le saca {num} puntos al"]
games_in_hand = ["con {num} partido menos"]
[sources]
before = ["segun"]
after = ["informa"]
[[frame]]
id = "role"
kind = "manager"
phrases = ["el {role} {person}", "{role} {person}"]
[[frame]]
id = "successor"
kind = "successor"
phrases = ["sustituto sera {person}"]
""",
    "xx.toml",
)
CLUB = "El Deportivo Ficticio"


def _read(text: str, published: datetime | None = None) -> Finding:
    return read(text, None, published, REGISTRY, PACK)


def test_sacking_with_a_role_framed_manager_and_successor() -> None:
    got = _read(f"{CLUB} destituye al entrenador Tomas Ferreira. Su sustituto sera Pablo Ordonez.")
    assert (got.level, got.manager, got.cue_id) == (3, "Tomas Ferreira", "sacked")
    assert [s.name for s in got.successors] == ["Pablo Ordonez"]
    assert got.lang == "xx"
    assert any("sacked" in step for step in got.explain)


def test_club_statement_is_marked() -> None:
    got = _read(f"{CLUB} anuncio en un comunicado que el entrenador Tomas Ferreira ha sido destituido.")
    assert got.level == 3 and got.club_statement


def test_without_statement_the_sacking_is_not_marked_as_the_clubs() -> None:
    got = _read(f"El entrenador Tomas Ferreira ha sido destituido por {CLUB}.")
    assert got.level == 3 and not got.club_statement


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Los aficionados piden que el entrenador Tomas Ferreira sea destituido.", 2),
        ("Si pierde el domingo, el entrenador Tomas Ferreira sera destituido.", 2),
        ("El presidente dice que el entrenador Tomas Ferreira no sera destituido.", 1),
        ("¿Fue destituido el entrenador Tomas Ferreira?", 2),
        ("El entrenador Tomas Ferreira evita ser destituido tras ganar.", 0),
        ("El entrenador Tomas Ferreira esta bajo presion.", 1),
        ("El entrenador Tomas Ferreira ha cesado por decision propia.", 0),
    ],
)
def test_modifiers_compose_with_the_sacking_cue(text: str, level: int) -> None:
    assert _read(text).level == level


def test_history_is_judged_against_the_articles_own_year() -> None:
    text = "En 2024 el entrenador Tomas Ferreira fue destituido por el club."
    assert _read(text, published=datetime(2026, 3, 1)).level == 0
    assert _read(text, published=datetime(2024, 3, 1)).level == 3
    assert _read(text).level == 3  # no date: the latest year it names is its own


def test_a_year_inside_a_club_name_is_no_date() -> None:
    text = "El Hercules 1922 destituye al entrenador Tomas Ferreira."
    assert _read(text, published=datetime(2026, 3, 1)).level == 3


def test_abstains_without_a_person_the_text_makes_plain() -> None:
    for text in (
        "La Trust Project ha sido destituido del programa.",
        "El entrenador NEIL ha sido destituido.",
        "La Premier League destituye al arbitro.",
    ):
        got = _read(text)
        assert not got.pressure and got.manager is None, text


def test_a_sacking_of_someone_else_is_not_his() -> None:
    text = (
        "El entrenador Tomas Ferreira esta bajo presion en el Deportivo. "
        "En otra liga, el entrenador Martin Salgado fue destituido ayer por su club."
    )
    got = _read(text)
    assert got.manager == "Tomas Ferreira" and got.level == 1


def test_full_name_beside_the_cue_is_its_subject() -> None:
    got = _read("Ayer fue destituido Tomas Ferreira, despues de cinco derrotas.")
    assert (got.level, got.manager) == (3, "Tomas Ferreira")


def test_sources_by_the_packs_attribution_words() -> None:
    said = _read(
        "El entrenador Tomas Ferreira ha sido destituido, segun Marca. Mundo Deportivo informa lo mismo."
    )
    assert said.sources == ("Marca", "Mundo Deportivo")
    unsaid = _read("El entrenador Tomas Ferreira ha sido destituido. Marca tiene fotos.")
    assert unsaid.level == 3 and unsaid.sources == ()


def test_gap_claims_by_the_packs_grammar() -> None:
    got = _read(
        "El Real Madrid, a nueve puntos del Barcelona con un partido menos, destituye al entrenador "
        "Tomas Ferreira."
    )
    assert [(g.team, g.other, g.points, g.games_in_hand) for g in got.gap_claims] == [
        ("Real Madrid", "Barcelona", 9, 1)
    ]
    ahead = _read("El Barcelona le saca 9 puntos al Real Madrid, que destituye al entrenador Tomas Ferreira.")
    assert [(g.team, g.other, g.points) for g in ahead.gap_claims] == [("Real Madrid", "Barcelona", 9)]
