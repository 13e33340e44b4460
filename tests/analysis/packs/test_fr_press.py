"""French pack, second set: the press's phrasings of a dismissal, of pressure, of the coach and of
his successor (France, Belgium, Switzerland), each beside a near miss that must not read so.
Sentences written for these tests."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.analysis import analyze
from tests.analysis.packs.reading import frames, level, levels, successors

LANG = "fr"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # écarter: the coach dismissed, never an idea ruled out or a player dropped
        ("Le club a écarté son entraîneur dimanche soir.", 3),
        ("L'entraîneur Paul Mercier a été écarté par la direction.", 3),
        ("Paul Mercier écarté après la défaite à Brest.", 3),
        ("Mercier écarté, son adjoint assure l'intérim.", 3),
        ("Le président a écarté l'idée d'un changement.", 0),
        ("L'attaquant a été écarté du groupe pour raisons disciplinaires.", 0),
        ("Le coach a écarté le joueur du onze de départ.", 0),
        # renvoyer: a coach sent away, not a match put off
        ("Le club a renvoyé son entraîneur.", 3),
        ("Le match a été renvoyé à cause de la neige.", 0),
        ("Le président a viré son entraîneur.", 3),
        ("Le club a viré en tête à la mi-saison.", 0),
        ("Le licenciement du coach a été prononcé lundi.", 3),
        ("Le licenciement du coach a été évoqué lundi.", 2),
        ("Il a été renvoyé de ses fonctions.", 3),
        ("Le coach a été destitué lundi.", 3),
        # showing him the door, forcing him out
        ("La direction a mis à la porte son technicien.", 3),
        ("Le coach a été poussé à la démission.", 3),
        ("Le coach a été prié de faire ses valises.", 3),
        ("Le joueur fait ses valises pour l'Espagne.", 0),
        ("Le coach a fait les frais de la défaite.", 3),
        ("Le club a fait les comptes de la saison.", 0),
        ("Le technicien paie les mauvais résultats.", 3),
        ("Le coach a perdu son poste.", 3),
        ("Le coach a perdu son match.", 0),
        ("Le club a changé d'entraîneur cet hiver.", 3),
        ("Le club a changé de maillot cet hiver.", 0),
        ("Le président remercie son entraîneur pour la qualification.", 0),
        ("Le président remercie son entraîneur après la déroute.", 3),
        # ending the collaboration, breaking the contract
        ("Les dirigeants ont mis un terme à l'aventure avec le coach.", 3),
        ("Le club a mis fin à leur collaboration.", 3),
        ("Il a mis un terme à sa carrière de joueur.", 0),
        ("Le club annonce la fin de sa collaboration avec son entraîneur.", 3),
        ("Le club a rompu le contrat de son entraîneur.", 3),
        ("Le club a décidé de se passer des services du coach.", 3),
        ("Le club a décidé de mettre fin à la collaboration.", 3),
        ("Le club a décidé de renvoyer son entraîneur.", 3),
        ("Le limogeage du coach a été acté mardi.", 3),
        ("Le limogeage du coach est réclamé par les supporters.", 2),  # talk, no decision
    ],
)
def test_dismissals_as_the_press_writes_them(text: str, want: int) -> None:
    assert level(LANG, text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Il n'est plus le coach du Sporting.", 3),
        ("Il n'est plus le sélectionneur de la Suisse.", 3),
        ("Il n'est plus le meilleur buteur du club.", 0),
        ("Il n'entraînera plus le club la saison prochaine.", 3),
        ("Il n'entraîne plus le samedi matin que les gardiens.", 3),
        ("Le club et son coach se séparent.", 3),
        ("Le club et son coach se retrouvent en Coupe.", 0),
        ("Le départ de l'entraîneur est acté.", 3),
        ("Le départ de l'entraîneur est envisagé.", 0),
        ("C'est la fin pour l'entraîneur.", 3),
        ("C'est la fin pour Lyon.", 0),  # a club's run, as often as a coach's
        ("C'est la fin du match.", 0),
        ("C'est la fin de l'aventure européenne pour Lyon.", 0),
        ("C'est la fin pour Lyon en Ligue des champions.", 0),
        ("C'est la fin de l'aventure pour le coach.", 3),
        ("Le club et son coach, c'est terminé.", 3),
        ("C'est terminé pour le coach à Lens.", 3),
    ],
)
def test_departures_said_plainly(text: str, want: int) -> None:
    """Departure cues: a sacking only with pressure besides (the engine's rule); here the cue's own level."""
    assert level(LANG, text) == want
    if want:
        assert "no_longer" in levels(LANG, text)


def test_a_departure_with_a_setback_is_a_sacking_and_alone_is_not() -> None:
    pushed = analyze("Après la défaite, Paul Mercier n'est plus le coach du Sporting.", lang=LANG)
    alone = analyze("Paul Mercier n'est plus le coach du Sporting.", lang=LANG)
    assert (pushed.level, pushed.manager) == (3, "Paul Mercier")
    assert alone.level == 0


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Le siège de l'entraîneur est plus éjectable que jamais.", 1),
        ("Le coach est sur une chaise éjectable.", 1),
        ("Le banc du coach chauffe.", 1),
        ("Le banc de touche est neuf.", 0),
        ("Le coach est dans la tourmente.", 1),
        ("Le coach est sous le feu des critiques.", 1),
        ("Le coach a été critiqué après le match.", 1),
        ("Le coach a critiqué l'arbitre.", 0),
        ("Des résultats décevants pour le coach.", 1),
        ("Des résultats encourageants pour le coach.", 0),
        ("Le coach ne fait plus l'unanimité.", 1),
        ("Le climat est tendu autour du coach.", 1),
        ("Quel avenir pour l'entraîneur ?", 1),
        ("Le vestiaire a lâché le coach.", 1),
        ("Le coach est plus que jamais sur la sellette.", 1),  # plus que jamais is no negation
        ("Le coach n'a jamais été sur la sellette.", 0),
        ("Le coach joue sa place samedi.", 2),
        ("Le coach joue au golf samedi.", 0),
        ("L'étau se resserre autour du coach.", 2),
        ("Ça sent le sapin pour le coach.", 2),
        ("Le club prépare déjà l'après-Mercier.", 2),
        ("Le coach ne tient plus que sur un fil.", 2),
        ("Le coach reste en poste malgré la défaite.", 2),
        ("Le président lui fait toujours confiance.", 2),
        ("Le président défend son entraîneur.", 2),
        ("Le coach est confirmé dans ses fonctions.", 2),
        ("Pas question de changer d'entraîneur, dit le président.", 2),
        ("Le coach a été convoqué par la direction.", 2),
        ("Le milieu a été convoqué en équipe de France.", 0),
        ("La direction réfléchit à l'avenir du coach.", 2),
        ("Le joueur réfléchit à son avenir.", 0),
        ("Le sort du coach sera tranché lundi.", 2),
        ("Le sort du match sera tranché aux tirs au but.", 0),
        ("Les supporters scandent « démission » à l'adresse du coach.", 1),
        ("Les supporters scandent le nom du capitaine.", 0),
    ],
)
def test_pressure_as_the_press_writes_it(text: str, want: int) -> None:
    assert level(LANG, text) == want


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Le siège de Paul Mercier vacille.", "manager"),
        ("Paul Mercier est plus que jamais sur la sellette.", "manager"),
        ("Paul Mercier semble menacé.", "manager"),
        ("Paul Mercier a été écarté.", "manager"),
        ("Paul Mercier fait les frais de la défaite.", "manager"),
        ("Paul Mercier, c'est fini.", "manager"),
        ("Le club a annoncé la fin de sa collaboration avec Paul Mercier.", "manager"),
        ("Jean Dupuis, son adjoint, prend le relais.", "interim"),
        ("Jean Dupuis, son T2, assurera l'intérim.", "interim"),
        ("L'intérim a été confié à Jean Dupuis.", "interim"),
        ("Les rênes ont été confiées à Jean Dupuis.", "interim"),
        ("Jean Dupuis est le grand favori.", "successor"),
        ("Jean Dupuis fait figure de favori.", "successor"),
        ("Jean Dupuis figure sur les tablettes du club.", "successor"),
        ("Jean Dupuis, pressenti pour lui succéder, est libre.", "successor"),
        ("Jean Dupuis devrait lui succéder.", "successor"),
        ("Le nom de Jean Dupuis circule.", "successor"),
        ("On évoque le nom de Jean Dupuis.", "successor"),
        ("Le club a contacté Jean Dupuis.", "successor"),
        ("Le président pense à Jean Dupuis.", "successor"),
        ("Jean Dupuis devrait être nommé nouvel entraîneur.", "successor"),
        ("L'ombre de Jean Dupuis plane sur le club.", "successor"),
        ("Et la solution se nomme Jean Dupuis.", "successor"),
    ],
)
def test_who_the_named_person_is(text: str, kind: str) -> None:
    assert kind in frames(LANG, text)


@pytest.mark.parametrize(
    "text",
    [
        "Le stade porte le nom de Jean Dupuis.",
        "Jean Dupuis a joué avec son adjoint.",
        "Jean Dupuis est un joueur formé au club.",
        "Jean Dupuis a été nommé capitaine.",
        "Le club joue dans l'ombre du voisin.",
        "La menace se nomme Jean Dupuis.",
        "L'entraîneur pense à Jean Dupuis pour l'attaque.",
        "Le club cible Jean Dupuis au mercato.",
    ],
)
def test_near_misses_name_no_successor(text: str) -> None:
    assert not {"successor", "interim"} & frames(LANG, text)


SACKED = "Le club a limogé l'entraîneur Paul Mercier. "


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (SACKED + "Pour lui succéder, le club a choisi Jean Dupuis.", ["Jean Dupuis"]),
        (SACKED + "Jean Dupuis est pressenti pour le remplacer.", ["Jean Dupuis"]),
        (SACKED + "Jean Dupuis, son adjoint, prend le relais.", ["Jean Dupuis"]),
        (SACKED + "L'intérim a été confié à Jean Dupuis.", ["Jean Dupuis"]),
        (SACKED + "Le nom de Jean Dupuis circule.", ["Jean Dupuis"]),
        (SACKED + "Le stade porte le nom de Jean Dupuis.", []),
        (SACKED + "Le président Jean Dupuis s'explique.", []),
    ],
)
def test_successors_read_whole(text: str, want: list[str]) -> None:
    assert successors(LANG, text) == want


@pytest.mark.parametrize(
    "text",
    [
        "Ligue 2 : Nîmes Olympique, Paul Mercier limogé",
        "Sporting de Charleroi : Paul Mercier limogé",
    ],
)
def test_a_club_name_is_never_the_manager(text: str) -> None:
    assert analyze(text, lang=LANG).manager == "Paul Mercier"


def test_a_year_the_tenure_began_is_no_history() -> None:
    """ "en poste depuis 2019" dates his arrival; the sacking is this year's news."""
    now = datetime(2024, 3, 1, tzinfo=UTC)
    since = "Le club a remercié Paul Mercier, en poste depuis 2019."
    arrived = "Le club a remercié Paul Mercier, arrivé en juin 2019."
    old = "Le club a remercié Paul Mercier en 2019."
    assert analyze(since, lang=LANG, published=now).level == 3
    assert analyze(arrived, lang=LANG, published=now).level == 3
    assert analyze(old, lang=LANG, published=now).level == 0


@pytest.mark.parametrize(
    ("text", "manager"),
    [
        ("Le club a rompu le contrat de l'attaquant Jean Dupuis.", None),
        ("Le club a limogé le président Jean Dupuis.", None),
        ("Le club a limogé le journaliste Jean Dupuis.", None),
        ("Le club a limogé Jean Dupuis.", "Jean Dupuis"),
        ("Le club a rompu le contrat de l'entraîneur Jean Dupuis.", "Jean Dupuis"),
    ],
)
def test_a_player_or_executive_beside_a_cue_is_not_the_coach(text: str, manager: str | None) -> None:
    """The pack's `player`, `exec` and `media` words before a name keep it from a cue's subject."""
    assert analyze(text, lang=LANG).manager == manager


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Il a été mis un terme au contrat du coach.", 3),
        ("Il a été mis un terme à la rencontre à la 80e minute.", 0),
        ("Le coach n'a pas survécu à la défaite de samedi.", 3),
        ("Le club a survécu à la défaite de samedi.", 0),
        ("Le coach paie l'addition de la déroute.", 3),
        ("Le club paie l'addition du restaurant.", 0),
        ("Le club paie le prix fort pour l'attaquant.", 0),
        ("Il est le premier entraîneur à sauter cette saison.", 3),
        ("Il est le premier entraîneur à gagner ici.", 0),
        ("Sa tête est tombée lundi matin.", 3),
        ("Sa tête est passée au-dessus du ballon.", 0),
        ("Fin de mission pour le coach.", 3),
        ("Fin de saison pour le coach.", 0),
        ("Le président a fixé une obligation de résultats.", 2),
        ("Le club a fixé une date de reprise.", 0),
        ("Le président affiche un soutien indéfectible.", 2),
        ("La défaite de trop pour le coach.", 2),
        ("Le coach a été désavoué par ses joueurs.", 1),
        ("Le torchon brûle entre le coach et le président.", 1),
    ],
)
def test_idioms_of_the_end_and_of_serious_pressure(text: str, want: int) -> None:
    assert level(LANG, text) == want


@pytest.mark.parametrize(
    "text", ["Paul Mercier sera bien sur le banc samedi.", "Paul Mercier dirigera la séance de jeudi."]
)
def test_the_incumbent_on_his_bench_is_no_stand_in(text: str) -> None:
    assert not {"interim", "successor"} & frames(LANG, text)


def test_a_club_out_of_a_cup_is_no_sacking() -> None:
    text = "Le coach Paul Mercier est critiqué. C'est terminé pour l'Olympique Lyonnais en Coupe de France."
    assert analyze(text, lang=LANG).level == 1


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Au lendemain de la déconvenue, Paul Mercier n'est plus le coach du Sporting.", 3),
        ("En raison des mauvais résultats, Paul Mercier n'est plus le coach du Sporting.", 3),
        ("En raison de son âge, Paul Mercier n'est plus le coach du Sporting.", 0),
    ],
)
def test_what_pushed_him_out(text: str, want: int) -> None:
    assert analyze(text, lang=LANG).level == want
