"""The manager's club from the role phrase he is written with ("l'entraîneur de Valenciennes",
"Bielefeld-Trainer"), including clubs the registry does not list; surname particles stay names."""

from __future__ import annotations

import pytest

from bot.analysis import analyze


@pytest.mark.parametrize(
    ("lang", "text", "manager", "club"),
    [
        ("fr", "L'entraîneur de Valenciennes, David Le Frapper, a été limogé après la défaite.",
         "David Le Frapper", "Valenciennes"),
        ("es", "El entrenador del Mirandés, Alessio Lisci, está en la cuerda floja.",
         "Alessio Lisci", "Mirandés"),
        ("de", "Bielefeld-Trainer Uwe Neuhaus steht vor dem Aus, die Entlassung droht.",
         "Uwe Neuhaus", "Bielefeld"),
        ("de", "Der Trainer von Arminia Bielefeld, Uwe Neuhaus, wurde entlassen.",
         "Uwe Neuhaus", "Arminia Bielefeld"),
        ("it", "L'allenatore del Monza Raffaele Palladino è stato esonerato.", "Raffaele Palladino", "Monza"),
    ],
)  # fmt: skip
def test_the_role_phrase_names_the_managers_club(lang: str, text: str, manager: str, club: str) -> None:
    finding = analyze(text, lang=lang)
    assert (finding.manager, finding.club) == (manager, club), finding.explain


def test_a_registry_club_is_reported_with_its_key() -> None:
    assert (
        analyze("L'allenatore del Monza Raffaele Palladino è stato esonerato.", lang="it").club_key == "monza"
    )


def test_a_club_he_left_is_not_his_club() -> None:
    text = (
        "L'entraîneur David Le Frapper est sur la sellette. David Le Frapper, ancien entraîneur de Sedan, "
        "joue gros samedi."
    )
    finding = analyze(text, lang="fr")
    assert finding.manager == "David Le Frapper" and finding.club is None, finding.club


def test_a_capitalised_particle_after_the_role_word_is_a_surname_not_a_club() -> None:
    finding = analyze("L'allenatore De Zerbi è stato esonerato dopo la sconfitta.", lang="it")
    assert finding.club != "Zerbi"


def test_a_particle_inside_a_full_name_keeps_the_name_whole() -> None:
    finding = analyze("L'entraîneur Christian Le Guen a été limogé par le club.", lang="fr")
    assert finding.manager == "Christian Le Guen"


def test_in_german_a_capitalised_article_between_nouns_is_no_particle() -> None:
    finding = analyze("Trainer Der Spiegel Neuhaus wurde entlassen.", lang="de")
    assert finding.manager != "Der Spiegel Neuhaus"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Le coach Paul Mercier est sur la sellette."),
        ("es", "El técnico Paco López está en la cuerda floja."),
    ],
)
def test_a_sentences_article_before_the_role_word_is_no_club(lang: str, text: str) -> None:
    finding = analyze(text, lang=lang)
    assert finding.manager is not None and finding.club is None, finding.club
