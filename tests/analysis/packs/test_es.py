"""Spanish pack: its phrases, traps and negatives on sentences written for these tests."""

from __future__ import annotations

import pytest

from bot.analysis import analyze
from tests.analysis.packs.reading import frames, gaps, level, levels, marked, other_sport, successors

LANG = "es"
CASES_INFINITIVE = [
    ("La directiva ha decidido destituir al entrenador.", 3),
    ("El Elche opta por cesar a su técnico tras la derrota.", 3),
    ("La afición quiere destituir al entrenador cuanto antes.", 2),  # a wish, not a decision
    ("El presidente se niega a destituirlo por ahora.", 1),  # negated intention
    ("Los ultras piden que el club destituya al técnico.", 2),  # subjunctive: a demand
]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("El Valencia ha destituido a su entrenador tras la derrota.", 3),
        ("El Valencia destituye al técnico y busca relevo.", 3),
        ("La directiva decidió destituirlo esta mañana.", 3),
        ("Pérez fue cesado como entrenador del Getafe.", 3),
        ("El Betis fulmina a su técnico tras el derbi.", 3),
        ("El técnico deja de ser entrenador del Elche.", 3),
        ("El club y el técnico rescinden su contrato de mutuo acuerdo.", 3),
        ("El club anuncia el cese del entrenador.", 3),
        ("El entrenador tiene los días contados en el Levante.", 2),
        ("El técnico está en la cuerda floja.", 2),
        ("La directiva le da un ultimátum al entrenador.", 2),
        ("El presidente le dio un voto de confianza.", 2),
        ("El club ya busca sustituto para el banquillo.", 2),
        ("El técnico se juega el puesto ante el Cádiz.", 2),
        ("El entrenador, bajo presión tras la tercera derrota.", 1),
        ("Su continuidad está en el aire.", 1),
        ("La afición pide la cabeza del entrenador.", 1),
        ("El Sporting ganó tres a cero y sigue líder.", 0),
    ],
)
def test_levels(text: str, want: int) -> None:
    assert level("es", text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Si el equipo pierde el domingo, el entrenador será destituido.", 2),  # a conditional
        ("El club podría destituir al técnico esta semana.", 2),  # modality
        ("El presidente niega la destitución del entrenador.", 1),  # denial
        ("El club no ha destituido al entrenador.", 1),  # negation
        ("El Sevilla destituyó a su técnico en 2019.", 0),  # history
        ("Su antecesor fue destituido tras tres jornadas.", 0),  # history: a predecessor
        ("El entrenador se despidió de la afición tras el último partido.", 0),  # farewell
        ("El técnico salvó el puesto con la victoria.", 0),  # avoided the sack
        ("Fue elegido entrenador del mes de octubre.", 0),
    ],
)
def test_modifiers_and_traps(text: str, want: int) -> None:
    assert level("es", text) == want


def test_club_statement_is_marked() -> None:
    text = "El club ha anunciado en un comunicado la destitución del entrenador."
    assert marked("es", text, "club_statement")
    assert not marked("es", "La prensa habla de la destitución del entrenador.", "club_statement")


def test_reported_speech_is_marked_but_keeps_the_level() -> None:
    text = "Según Marca, el club ha destituido al entrenador."
    assert marked("es", text, "reported") and levels("es", text)["sacked"] == 3


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("El técnico Íñigo Pérez dirigió el entrenamiento.", "manager"),
        ("Juan López será su sustituto hasta final de temporada.", "successor"),
        ("El puesto queda para Juan López, que asumirá el cargo el lunes.", "interim"),
        ("Juan López se hará cargo del equipo.", "interim"),
        ("Fue sustituido por Juan López en el banquillo.", "successor"),
        ("Juan López rechazó la oferta del club.", "not_successor"),
        ("Su predecesor, Juan López, dejó el club en mayo.", "former"),
    ],
)
def test_frames(text: str, kind: str) -> None:
    assert kind in frames("es", text)


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("El Madrid está a nueve puntos del Barcelona con un partido menos.", {"behind", "games_in_hand"}),
        ("El Madrid aventaja en cinco puntos al Barcelona.", {"ahead"}),
        ("El Betis suma ya sólo cinco menos que el Barça.", {"behind"}),
        ("El Madrid ganó por tres goles.", set()),
    ],
)
def test_gap_claims(text: str, kinds: set[str]) -> None:
    assert gaps("es", text) == kinds


def test_other_sports_are_recognised() -> None:
    assert other_sport("es", "El entrenador del equipo de baloncesto fue destituido.")
    assert other_sport("es", "El club de balonmano cesa a su técnico.")
    assert not other_sport("es", "El Getafe destituye a su entrenador.")


def test_a_nationality_between_role_and_name() -> None:
    assert "manager" in frames("es", "El entrenador neerlandés Ronald Koeman dirigió la sesión.")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Los aficionados hablan de la destitución del entrenador.", 2),  # the noun alone is talk
        ("El club ha anunciado esta mañana la destitución del entrenador.", 3),  # a verb states it
    ],
)
def test_a_dismissal_noun_needs_a_verb(text: str, want: int) -> None:
    assert level("es", text) == want


def test_leaving_of_his_own_will_is_no_sacking() -> None:
    assert level("es", "El entrenador dimitió por decisión propia para fichar por otro club.") == 0


@pytest.mark.parametrize(
    ("text", "want"),
    CASES_INFINITIVE,
)
def test_an_infinitive_is_a_decision_only_after_a_stated_one(text: str, want: int) -> None:
    assert levels(LANG, text).get("decided", 0) == (3 if want == 3 else 0)
    assert level(LANG, text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("El técnico está en el punto de mira de la grada.", 1),
        ("Su continuidad, en tela de juicio.", 1),
        ("El equipo está en crisis.", 1),
        ("Un entrenador cada vez más discutido.", 1),
        ("El momento es delicado para el banquillo.", 1),
        ("Silbidos para el técnico al final.", 1),
        ("Crecen las dudas sobre su continuidad.", 1),
        ("La directiva respalda a su entrenador.", 2),
        ("El técnico, ratificado en el cargo.", 2),
        ("El presidente mantiene la confianza en el técnico.", 2),
        ("Los silbidos del público de ópera.", 1),
        ("El jugador se recupera de su lesión.", 0),
    ],
)
def test_more_of_the_press_vocabulary(text: str, want: int) -> None:
    assert level(LANG, text) == want


SACKED = "El Getafe ha destituido al entrenador Tomás Ferrer. "


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            SACKED + "El sustituto de Ferrer será Pablo Ordóñez.",
            ["Pablo Ordóñez"],
        ),
        (
            SACKED + "Los candidatos: Ordóñez, Luis Vidal y Marín. Ayer habló Pedro Marín.",
            ["Luis Vidal", "Marín"],
        ),
        (
            SACKED + "El favorito es Pablo Ordóñez y Luis Vidal.",
            ["Luis Vidal", "Pablo Ordóñez"],
        ),
        (SACKED + "El portero Luis Vidal no jugará.", []),
    ],
)
def test_successor_words_lists_and_coordination(text: str, want: list[str]) -> None:
    assert successors(LANG, text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Ya son cinco los entrenadores destituidos esta temporada.", 2),
        ("El técnico fue destituido ayer.", 3),
    ],
)
def test_a_plural_participle_is_several_people_not_one_decision(text: str, want: int) -> None:
    assert level(LANG, text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("El Elche echa a su entrenador.", 3),
        ("El Cádiz se queda sin entrenador.", 3),
        ("El técnico está en capilla.", 2),
        ("El entrenador sale muy tocado del derbi.", 1),
        ("El delantero echa a correr.", 0),
    ],
)
def test_the_press_idioms_of_a_dismissal(text: str, want: int) -> None:
    assert level(LANG, text) == want


@pytest.mark.parametrize(
    ("text", "manager"),
    [
        (
            "Los dirigidos por Gagliardo no convencen: el técnico está en la cuerda floja tras el empate.",
            "Gagliardo",
        ),
        ("El equipo no convence: el técnico está en la cuerda floja tras el empate ante River.", None),
    ],
)
def test_the_team_coached_by_names_the_coach(text: str, manager: str | None) -> None:
    assert analyze(text, lang="es").manager == manager
