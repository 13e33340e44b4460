"""Departures that are not sackings, and names that are not people, in every language.

Corpus rule (../shared/corpus/README.md): level 3 is a sacking, or a departure confirmed or agreed
under pressure; a voluntary departure is not pressure. "Resigned" and "is no longer the coach" say he
left, not who decided: they count as a sacking only when the article reads pressure on him besides,
or its sentence says what pushed him ("after the defeat"). Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from bot.analysis import Finding, analyze
from bot.analysis.packs import PackError, load_pack, parse_pack
from bot.analysis.sport import is_football
from bot.analysis.text import fold
from bot.registry.loader import load_registry

REGISTRY = load_registry()


def _read(lang: str, text: str) -> Finding:
    return analyze(text, lang=lang, registry=REGISTRY)


# (lang, a departure alone, the same departure after a setback named in its sentence, manager)
DEPARTURES = [
    (
        "it",
        "Roberto Mancini non è più il ct dell'Italia.",
        "Dopo la sconfitta con la Spagna, Roberto Mancini non è più il ct dell'Italia.",
        "Roberto Mancini",
    ),
    (
        "es",
        "Luis Enrique deja de ser el seleccionador de España.",
        "Tras la eliminación, Luis Enrique deja de ser el seleccionador de España.",
        "Luis Enrique",
    ),
    (
        "fr",
        "Didier Deschamps n'est plus l'entraîneur de la France.",
        "Après la défaite contre l'Argentine, Didier Deschamps n'est plus l'entraîneur de la France.",
        "Didier Deschamps",
    ),
    (
        "de",
        "Hansi Flick ist nicht mehr Trainer der Nationalmannschaft.",
        "Nach der Niederlage gegen Japan ist Hansi Flick nicht mehr Trainer der Nationalmannschaft.",
        "Hansi Flick",
    ),
    (
        "en",
        "Gareth Southgate is no longer in charge of England.",
        "After the defeat to Spain, Gareth Southgate is no longer in charge of England.",
        "Gareth Southgate",
    ),
]


@pytest.mark.parametrize(("lang", "alone", "_pushed", "_manager"), DEPARTURES)
def test_a_departure_alone_is_no_sacking(lang: str, alone: str, _pushed: str, _manager: str) -> None:
    got = _read(lang, alone)
    assert (got.pressure, got.level) == (False, 0)
    assert any("nothing else reads pressure on him" in step for step in got.explain)


@pytest.mark.parametrize(("lang", "_alone", "pushed", "manager"), DEPARTURES)
def test_a_departure_after_a_setback_is_a_sacking(lang: str, _alone: str, pushed: str, manager: str) -> None:
    got = _read(lang, pushed)
    assert (got.level, got.manager, got.cue_id) == (3, manager, "no_longer")


def test_a_departure_with_other_pressure_on_him_is_a_sacking() -> None:
    text = "Contestazione dei tifosi contro Roberto Mancini. Roberto Mancini non è più il ct dell'Italia."
    got = _read("it", text)
    assert (got.level, got.manager) == (3, "Roberto Mancini")


def test_a_resignation_alone_is_no_sacking_but_after_a_defeat_it_is() -> None:
    assert not _read("en", "Gareth Southgate has resigned as England manager.").pressure
    pushed = "Gareth Southgate has resigned as England manager after the defeat to Spain."
    assert _read("en", pushed).level == 3
    alone = _read("it", "Il tecnico Luca Gotti si è dimesso ieri sera.")
    assert not alone.pressure
    after = _read("it", "Dopo la sconfitta col Lecce, il tecnico Luca Gotti si è dimesso.")
    assert (after.level, after.manager) == (3, "Luca Gotti")


def test_every_pack_marks_its_resignation_cue_a_departure() -> None:
    for lang in ("en", "es", "it", "de", "fr", "pt"):
        assert load_pack(lang).is_departure("resigned"), lang
        assert not load_pack(lang).is_departure("sacked"), lang


_HEAD = '[pack]\nlang = "xx"\nname = "Test"\nschema = 1\n'


def test_departure_belongs_on_a_level_3_cue_and_flags_are_booleans() -> None:
    with pytest.raises(PackError, match="departure = true belongs on a level-3 cue"):
        parse_pack(_HEAD + '[[cue]]\nid = "gone"\nlevel = 2\ndeparture = true\nphrases = ["gone"]\n')
    with pytest.raises(PackError, match="nouns_capitalised must be true or false"):
        parse_pack(_HEAD.replace("schema = 1", 'schema = 1\nnouns_capitalised = "yes"'))
    ok = parse_pack(_HEAD + '[[cue]]\nid = "gone"\nlevel = 3\ndeparture = true\nphrases = ["gone"]\n')
    assert ok.is_departure("gone") and not ok.is_departure("unknown") and not ok.nouns_capitalised


def test_a_lone_capitalised_noun_is_no_name_in_german() -> None:
    text = "Nach wenigen Misserfolgen sind die Coaches der Bundesliga-Teams angezählt und nicht mehr sicher."
    got = _read("de", text)
    assert got.manager is None and not got.pressure
    assert load_pack("de").nouns_capitalised
    # A surname the text (or the registry) knows still counts alone.
    known = "Der Verein hat Trainer Steffen Baumgart entlassen. Baumgart droht nun eine lange Pause."
    assert _read("de", known).manager == "Steffen Baumgart"


def test_a_lone_capitalised_surname_is_still_a_name_where_nouns_are_lowercase() -> None:
    assert not load_pack("es").nouns_capitalised
    got = _read("es", "El técnico Pérez fue destituido por el club tras la derrota.")
    assert (got.level, got.manager) == (3, "Pérez")


def test_baseball_positions_mark_another_sport() -> None:
    # One club mention and two manager words would pass for football without the position's name.
    baseball = "The Angels fired manager Joe Maddon; third-base coach Phil Nevin is the interim manager."
    assert not is_football(fold(baseball), club_mentions=1)
    football = "The Angels fired manager Joe Maddon; assistant coach Phil Nevin is the interim manager."
    assert is_football(fold(football), club_mentions=1)
