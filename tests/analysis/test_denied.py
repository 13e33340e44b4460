"""`Finding.denied`: the article denies a sacking of its manager, or a report of one, so recording can
withdraw a reported sacking. A plain sacking, or mere talk of one ("rumours of"), is not a denial.
Sentences written for these tests."""

from __future__ import annotations

import pytest

from bot.analysis import Finding, analyze
from bot.analysis.packread import denies
from bot.analysis.packs import load_pack
from bot.registry.loader import load_registry

REGISTRY = load_registry()


def _read(lang: str, text: str) -> Finding:
    return analyze(text, lang=lang, registry=REGISTRY)


# (lang, a denial, the sacking it denies, manager)
CASES = [
    (
        "en",
        "Manchester United deny reports that Erik ten Hag has been sacked.",
        "Erik ten Hag has been sacked by Manchester United.",
        "Erik ten Hag",
    ),
    (
        "es",
        "El Real Madrid desmiente la destitución de Carlo Ancelotti.",
        "El Real Madrid destituye a Carlo Ancelotti.",
        "Carlo Ancelotti",
    ),
    (
        "it",
        "La Juventus smentisce l'esonero di Massimiliano Allegri.",
        "La Juventus ha esonerato Massimiliano Allegri.",
        "Massimiliano Allegri",
    ),
    (
        "de",
        "Der FC Bayern dementiert die Entlassung von Thomas Tuchel.",
        "Der FC Bayern hat Trainer Thomas Tuchel entlassen.",
        "Thomas Tuchel",
    ),
    (
        "fr",
        "Le PSG dément le limogeage de l'entraîneur Luis Enrique.",
        "Le PSG a limogé l'entraîneur Luis Enrique.",
        "Luis Enrique",
    ),
]


@pytest.mark.parametrize(("lang", "denial", "_sacking", "manager"), CASES)
def test_a_denied_sacking_is_flagged(lang: str, denial: str, _sacking: str, manager: str) -> None:
    got = _read(lang, denial)
    assert (got.level, got.manager, got.denied) == (1, manager, True)
    assert got.to_json(explain=True)["why"]["denied"] is True


@pytest.mark.parametrize(("lang", "_denial", "sacking", "manager"), CASES)
def test_a_sacking_is_not_denied(lang: str, _denial: str, sacking: str, manager: str) -> None:
    got = _read(lang, sacking)
    assert (got.level, got.manager, got.denied) == (3, manager, False)


def test_a_negated_sacking_is_denied_but_a_negated_murmur_is_not() -> None:
    got = _read("en", "Erik ten Hag will not be sacked, Manchester United sources insist.")
    assert (got.manager, got.denied) == ("Erik ten Hag", True)
    calm = _read("it", "Il Torino non ha esonerato Ivan Jurić dopo il ko.")
    assert (calm.manager, calm.denied) == ("Ivan Jurić", True)


def test_talk_of_a_sacking_is_no_denial() -> None:
    got = _read("it", "Voci di esonero per Massimiliano Allegri alla Juventus.")
    assert (got.pressure, got.denied) == (True, False)


@pytest.mark.parametrize(
    ("lang", "marker", "want"),
    [
        ("en", "denied", True),
        ("en", "rumours of", False),
        ("es", "desmiente", True),
        ("es", "rumores de", False),
        ("it", "smentisce", True),
        ("it", "voci di", False),
        ("de", "dementiert", True),
        ("de", "geruchte uber", False),
        ("fr", "dement", True),
        ("fr", "rumeurs de", False),
        ("pt", "desmente", True),
        ("pt", "rumores de", False),
    ],
)
def test_deny_words_per_pack(lang: str, marker: str, want: bool) -> None:
    assert denies(load_pack(lang), marker) is want


def test_hyphenated_given_names_are_one_name() -> None:
    got = _read("fr", "L'OM a limogé l'entraîneur Jean-Louis Gasset.")
    assert (got.level, got.manager) == (3, "Jean-Louis Gasset")
    de = _read("de", "Der Verein hat Trainer Hans-Dieter Flick entlassen.")
    assert de.manager is not None and de.manager.endswith("Flick")


def test_an_article_between_two_german_nouns_is_no_name() -> None:
    text = "Oft reichen wenige Misserfolge, damit die Coaches der Bundesliga-Teams angezählt sind."
    assert _read("de", text).manager is None
    particle = "Der Verein hat Trainer Heinz von der Heyde entlassen."
    assert _read("de", particle).manager == "Heinz von der Heyde"
