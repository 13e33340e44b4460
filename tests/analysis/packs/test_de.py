"""German pack: its phrases, traps and negatives on sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.analysis.packs.reading import frames, gaps, level, marked, other_sport, successors

LANG = "de"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Der Verein hat den Trainer am Sonntag entlassen.", 3),
        ("Der Klub entlässt seinen Cheftrainer.", 3),
        ("Der Verein stellt den Trainer mit sofortiger Wirkung frei.", 3),  # a separable verb
        ("Der Trainer wurde freigestellt.", 3),
        ("Der Klub trennt sich mit sofortiger Wirkung von seinem Trainer.", 3),
        ("Der Verein beurlaubt den Coach.", 3),
        ("Das Trainer-Aus ist besiegelt.", 3),
        ("Der Trainer ist nicht mehr Trainer des Vereins.", 3),
        ("Der Trainer ist angezählt.", 2),
        ("Nach der Niederlage gab es eine Krisensitzung.", 2),
        ("Dem Trainer droht die Entlassung.", 2),
        ("Der Vorstand sprach dem Trainer das Vertrauen aus.", 2),
        ("Der Verein sucht bereits einen Nachfolger.", 2),
        ("Der Trainer steht unter Druck.", 1),
        ("Der Coach gerät ins Kreuzfeuer der Kritik.", 1),
        ("Bayern gewinnt drei zu null.", 0),
    ],
)
def test_levels(text: str, want: int) -> None:
    assert level("de", text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Wenn der Klub verliert, wird der Trainer entlassen.", 2),  # a conditional
        ("Der Trainer soll entlassen werden.", 2),  # reported intention
        ("Der Verein könnte den Trainer entlassen.", 2),  # modality
        ("Der Verein dementiert die Entlassung des Trainers.", 1),  # denial
        ("Der Verein hat den Trainer nicht entlassen.", 1),  # negation
        ("Er wurde damals in Köln entlassen.", 0),  # history
        ("Der Trainer wurde aus dem Krankenhaus entlassen.", 0),  # discharged
        ("Der Verein trennt sich von Stürmer Meier.", 0),  # a player
        ("Der Klub ist nach dem Pokal-Aus enttäuscht.", 0),  # a cup exit
        ("Er wurde zum Trainer des Monats gewählt.", 0),
    ],
)
def test_modifiers_and_traps(text: str, want: int) -> None:
    assert level("de", text) == want


def test_club_statement_is_marked() -> None:
    assert marked("de", "Der Verein hat den Trainer entlassen, teilte der Klub mit.", "club_statement")
    assert not marked("de", "Fans fordern, dass der Verein den Trainer entlassen hat.", "club_statement")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Trainer Markus Weber leitet das Training.", "manager"),
        ("Interimstrainer Markus Weber übernimmt.", "interim"),
        ("Markus Weber übernimmt vorerst das Training.", "interim"),
        ("Markus Weber gilt als Favorit auf die Nachfolge.", "successor"),
        ("Neuer Trainer wird Markus Weber.", "successor"),
        ("Markus Weber sagte ab.", "not_successor"),
    ],
)
def test_frames(text: str, kind: str) -> None:
    assert kind in frames("de", text)


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Er hat neun Punkte Rückstand auf Bayern bei zwei Spielen weniger.", {"behind", "games_in_hand"}),
        ("Dortmund liegt sechs Punkte hinter Gladbach.", {"behind"}),
        ("Der LASK hat drei Punkte Vorsprung auf den WAC.", {"ahead"}),
        ("Bayern schoss drei Tore.", set()),
    ],
)
def test_gap_claims(text: str, kinds: set[str]) -> None:
    assert gaps("de", text) == kinds


def test_other_sports_are_recognised() -> None:
    assert other_sport("de", "Der Eishockey-Klub entlässt seinen Trainer.")
    assert other_sport("de", "Der Handball-Bundesligist trennt sich vom Coach.")
    assert not other_sport("de", "Der Fußball-Zweitligist trennt sich vom Trainer.")


def test_a_predicted_sacking_is_not_one() -> None:
    assert level("de", "Journalisten wagen es, dem Trainer eine baldige Entlassung zu prognostizieren.") == 2


def test_staff_taking_over_is_interim() -> None:
    assert "interim" in frames("de", "Vorerst übernimmt bis Saisonende Co-Trainer Max Huber.")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Der Trainer ist am Montag zurückgetreten.", 3),
        ("Der Trainer erklärte am Abend seinen Rücktritt.", 3),
        ("Rücktritt? Daran denke ich nicht, sagte der Trainer.", 0),
    ],
)
def test_resignation_is_a_verb(text: str, want: int) -> None:
    assert level("de", text) == want


def test_a_refused_job_guarantee_is_a_murmur() -> None:
    assert level("de", "Der Vorstand hatte dem Trainer eine Jobgarantie verweigert.") == 1


def test_a_dismissal_noun_needs_a_verb() -> None:
    assert level("de", "In der Stadt wird über die Entlassung des Trainers diskutiert.") == 2
    assert level("de", "Der Verein hat den Trainer entlassen.") == 3


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Das Ende der Zusammenarbeit wurde verkündet.", 3),
        ("Der Trainer wurde suspendiert.", 3),
        ("Der Verein hält am Trainer fest.", 2),
        ("Der Vorstand stellt sich hinter den Trainer.", 2),
        ("Der Trainer bekommt eine Schonfrist.", 2),
        ("Der Druck wächst.", 1),
        ("Unmut im Umfeld des Vereins.", 1),
        ("Der Stürmer traf zweimal.", 0),
    ],
)
def test_more_of_the_press_vocabulary(text: str, want: int) -> None:
    assert level(LANG, text) == want


SACKED = "Der Verein hat Trainer Klaus Berger entlassen. "


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (SACKED + "Nachfolger wird wohl Peter Lang.", ["Peter Lang"]),
        (
            SACKED + "Als Kandidaten werden Peter Lang und Jens Vogel gehandelt.",
            ["Jens Vogel", "Peter Lang"],
        ),
        (SACKED + "Stürmer Peter Lang traf.", []),
    ],
)
def test_successor_words_lists_and_coordination(text: str, want: list[str]) -> None:
    assert successors(LANG, text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Der Trainer wurde nach dem Spiel abgelöst.", 3),
        ("Der Trainer steht auf dem Prüfstand.", 2),
        ("Die Arbeit des Trainers wird hinterfragt.", 1),
        ("Der Trainer steht zur Disposition.", 2),
        ("Der Ball wurde abgefälscht.", 0),
    ],
)
def test_departures_reviews_and_demands(text: str, want: int) -> None:
    assert level(LANG, text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Der Sportdirektor will keine Personaldiskussion führen.", 0),  # negated murmur
        ("Nach der Pleite beginnt die Personaldebatte.", 1),
        ("Der Verein sucht einen neuen Impuls für den Abstiegskampf.", 1),
        ("Neue Impulse soll ein Trainerwechsel bringen.", 1),
        ("Der Impulsgeber im Mittelfeld fehlt verletzt.", 0),
    ],
)
def test_calls_for_a_new_impulse(text: str, want: int) -> None:
    assert level(LANG, text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (SACKED + "Jens Keller wird als Nachfolger gehandelt.", ["Jens Keller"]),
        (SACKED + "Jens Keller gilt als heißer Kandidat.", ["Jens Keller"]),
        (SACKED + "Jens Keller steht hoch im Kurs.", ["Jens Keller"]),
        (SACKED + "Gespräche mit Jens Keller laufen bereits.", ["Jens Keller"]),
        (SACKED + "Jens Keller könnte übernehmen.", ["Jens Keller"]),
        (SACKED + "Kapitän Jens Keller hat nach dem Spiel gesprochen.", []),
        (SACKED + "Jens Keller steht im Tor.", []),
    ],
)
def test_how_the_press_names_the_next_coach(text: str, want: list[str]) -> None:
    assert successors(LANG, text) == want
