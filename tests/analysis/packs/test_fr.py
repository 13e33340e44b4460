"""French pack: its phrases, traps and negatives on sentences written for these tests."""

from __future__ import annotations

import pytest

from bot.analysis import analyze
from tests.analysis.packs.reading import frames, gaps, level, levels, marked, other_sport, successors

LANG = "fr"
CASES_INFINITIVE = [
    ("Le club a décidé de limoger son entraîneur.", 3),
    ("La direction a pris la décision de se séparer de l'entraîneur.", 3),
    ("Les supporters veulent limoger l'entraîneur.", 2),  # a wish, not a decision
    ("Le président refuse de limoger le coach, il n'a pas l'intention de le faire.", 2),
    ("Le FC Bâle envisage de se séparer de son entraîneur.", 2),  # considering
]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Le club a limogé son entraîneur après la défaite.", 3),
        ("Le président a décidé de limoger l'entraîneur.", 3),
        ("L'entraîneur a été démis de ses fonctions.", 3),
        ("L'entraîneur a été remercié par la direction.", 3),
        ("Le club se sépare de son entraîneur.", 3),
        ("Le coach prend la porte après trois défaites.", 3),
        ("Il n'est plus l'entraîneur du club.", 3),
        ("Les jours de l'entraîneur sont comptés.", 2),
        ("Le technicien est en sursis.", 2),
        ("Le président lui a lancé un ultimatum.", 2),
        ("Le président a renouvelé sa confiance à l'entraîneur.", 2),
        ("Le club cherche déjà un successeur.", 2),
        ("L'entraîneur est sous pression.", 1),
        ("Le coach est sur un siège éjectable.", 1),
        ("Le PSG a gagné trois à zéro.", 0),
    ],
)
def test_levels(text: str, want: int) -> None:
    assert level("fr", text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("S'il perd dimanche, l'entraîneur sera limogé.", 2),  # a conditional
        ("Le club pourrait limoger l'entraîneur cette semaine.", 2),  # modality
        ("Le président dément le limogeage de l'entraîneur.", 1),  # denial
        ("Le club n'a pas limogé son entraîneur.", 1),  # negation
        ("Il avait été limogé par Lyon la saison dernière.", 0),  # history
        ("Le club remercie les supporters pour leur soutien.", 0),  # to thank
        ("Le club annonce un plan de licenciements.", 0),  # layoffs
        ("Avec cette victoire, l'entraîneur sauve sa place.", 0),  # avoided the sack
        ("Il a été élu entraîneur du mois.", 0),
    ],
)
def test_modifiers_and_traps(text: str, want: int) -> None:
    assert level("fr", text) == want


def test_club_statement_is_marked() -> None:
    assert marked("fr", "Le club a annoncé dans un communiqué le limogeage du coach.", "club_statement")
    assert not marked("fr", "Les supporters réclament le limogeage de l'entraîneur.", "club_statement")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("L'entraîneur Michel Dupont dirige la séance.", "manager"),
        ("Michel Dupont assurera l'intérim.", "interim"),
        ("Michel Dupont nouveau T1 du club.", "interim"),
        ("Il sera remplacé par Michel Dupont.", "successor"),
        ("Michel Dupont tient la corde pour le poste.", "successor"),
        ("Michel Dupont a refusé l'offre.", "not_successor"),
    ],
)
def test_frames(text: str, kind: str) -> None:
    assert kind in frames("fr", text)


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Anderlecht est à onze points de Genk avec un match en moins.", {"behind", "games_in_hand"}),
        ("Xamax compte quatre points de retard sur Grasshopper.", {"behind"}),
        ("Lyon a trois points d'avance sur Nice.", {"ahead"}),
        ("Lyon a marqué trois buts.", set()),
    ],
)
def test_gap_claims(text: str, kinds: set[str]) -> None:
    assert gaps("fr", text) == kinds


def test_other_sports_are_recognised() -> None:
    assert other_sport("fr", "Handball : le club démet son entraîneur de ses fonctions.")
    assert other_sport("fr", "Le club de hockey licencie son entraîneur.")
    assert not other_sport("fr", "Le club de Ligue 1 limoge son entraîneur.")


def test_the_one_who_succeeds_is_a_successor() -> None:
    assert "successor" in frames("fr", "C'est l'adjoint Michel Dupont qui succède à l'entraîneur.")


def test_public_backing_is_serious() -> None:
    assert level("fr", "Le président a décidé d'accorder sa confiance au sélectionneur.") == 2


def test_a_nationality_between_role_and_name() -> None:
    assert "manager" in frames("fr", "Le technicien belge Hein Dupont a dirigé la séance.")


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
        ("Le club a mis fin à ses fonctions mardi.", 3),
        ("L'entraîneur a été mis à pied.", 3),
        ("L'entraîneur a été viré.", 3),
        ("Le coach a été libéré de ses fonctions.", 3),
        ("Le président renouvelle son soutien à l'entraîneur.", 2),
        ("Le club traverse une mauvaise passe.", 1),
        ("Son travail est remis en cause.", 1),
        ("Incertitude autour du banc.", 1),
        ("La grogne des supporters monte.", 1),
        ("Le match vire au cauchemar.", 0),
    ],
)
def test_more_of_the_press_vocabulary(text: str, want: int) -> None:
    assert level(LANG, text) == want


SACKED = "Le club a limogé l'entraîneur Paul Mercier. "


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Le club a limogé l'entraîneur Paul Mercier. Son successeur pourrait être Jean Dupuis.",
            ["Jean Dupuis"],
        ),
        (SACKED + "Le grand favori reste Jean Dupuis.", ["Jean Dupuis"]),
        (SACKED + "Le gardien Jean Dupuis est blessé.", []),
    ],
)
def test_successor_words_lists_and_coordination(text: str, want: list[str]) -> None:
    assert successors(LANG, text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Trois entraîneurs limogés depuis l'été.", 2),
        ("Les deux coachs limogées cette saison.", 2),
        ("Le Limoges CSP a gagné hier soir.", 0),
        ("L'entraîneur a été limogé ce matin.", 3),
    ],
)
def test_a_plural_participle_is_several_people_not_one_decision(text: str, want: int) -> None:
    assert level(LANG, text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("L'entraîneur a quitté ses fonctions dimanche.", 0),  # leaving says nothing of pressure
        ("Le coach a remis sa démission au président.", 3),
        ("Les supporters réclament sa démission.", 1),
        ("Il a quitté le terrain sur blessure.", 0),
    ],
)
def test_departures_reviews_and_demands(text: str, want: int) -> None:
    assert level(LANG, text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("C'est terminé pour l'entraîneur à Lens.", 3),
        ("C'est fini entre le club et son coach.", 3),
        ("Le match est terminé.", 0),
    ],
)
def test_the_press_idioms_of_a_dismissal(text: str, want: int) -> None:
    assert level(LANG, text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("L'entraîneur menacé joue gros ce week-end.", 2),
        ("L'entraîneur menacé ne parle plus à la presse.", 1),
        ("Le club est menacé de relégation.", 0),  # the club, not the coach
        ("Son poste est en danger après la défaite.", 1),
        ("Bronca du public contre l'équipe.", 1),
        ("C'est la fin de cycle à Nantes.", 1),
        ("Le cycle de formation du club est réputé.", 0),
        ("Un match couperet attend Lyon.", 2),
        ("Dernier avertissement pour l'entraîneur.", 2),
        ("Son avenir se jouera samedi.", 2),
        ("Le président envisage un changement d'entraîneur.", 2),
        ("Le changement de système a porté ses fruits.", 0),
    ],
)
def test_threats_and_changes_on_the_bench(text: str, want: int) -> None:
    assert level("fr", text) == want


@pytest.mark.parametrize(
    ("text", "manager"),
    [
        (
            "Football: Dubreuil menacé. Le club a perdu face à Lyon, le président réclame sa démission.",
            "Dubreuil",
        ),
        ("Football: Lyon menacé. Le club a perdu face à Lille, le président réclame sa démission.", None),
    ],
)
def test_a_surname_before_menace_is_the_coach(text: str, manager: str | None) -> None:
    assert analyze(text, lang="fr").manager == manager


@pytest.mark.parametrize("state", ["en danger", "contesté", "menacé"])
def test_subject_frames(state: str) -> None:
    assert "manager" in frames("fr", f"Dubreuil {state}.")
    text = "Ligue 1: {} {} après la défaite, le président réclame sa démission."
    assert analyze(text.format("Dubreuil", state), lang="fr").manager == "Dubreuil"
    assert analyze(text.format("l'entraîneur", state), lang="fr").manager is None  # nobody named
