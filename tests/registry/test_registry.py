"""Lookups on the bundled registry, as the analysis and the commands make them."""

from __future__ import annotations

from datetime import date

import pytest

from bot.registry.loader import load_registry
from bot.registry.registry import Registry

REFERENCE_STORY = (
    "Real Madrid manager Carlo Ancelotti met the club's hierarchy; President Florentino Perez had lunch "
    "with him at Valdebebas. #RealMadrid are not as bad as under Julen Lopetegui or Rafael Benitez. "
    "Sporting Director Santi Solari or Real Madrid Castilla manager Raul Gonzalez would take over, "
    "nine points behind Barcelona, say Marca."
)


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("RealMadrid", "real-madrid"),
        ("Real Madrid", "real-madrid"),
        ("real madrid cf", "real-madrid"),
        ("Real Madrid CF", "real-madrid"),
        ("Los Blancos", "real-madrid"),
        ("Barça", "barcelona"),
        ("Barca", "barcelona"),
        ("FC Barcelona", "barcelona"),
        ("Atleti", "atletico-madrid"),
        ("Atlético de Madrid", "atletico-madrid"),
        ("Club Atlético de Madrid", "atletico-madrid"),
        ("Man Utd", "manchester-united"),
        ("Manchester United", "manchester-united"),
        ("Spurs", "tottenham"),
        ("PSG", "psg"),
        ("the Old Lady", "juventus"),
        ("Inter Miami", "inter-miami"),
        ("Inter", "inter"),
        ("Espanyol de Barcelona", "espanyol"),
        ("RCD Espanyol de Barcelona", "espanyol"),
        ("Arsenal FC", "arsenal"),
        ("Bayern Munich", "bayern"),
        ("Borussia Monchengladbach", "gladbach"),
        # As the Spanish, Italian, German and French press write them.
        ("Bayern Monaco", "bayern"),
        ("Bayern de Múnich", "bayern"),
        ("Barcellona", "barcelona"),
        ("Inter de Milán", "inter"),
        ("Nápoles", "napoli"),
        ("Olympique de Marsella", "marseille"),
        ("Siviglia", "sevilla"),
        ("Oporto", "porto"),
        ("Juventus Turin", "juventus"),
        ("FC Barcelone", "barcelona"),
        ("Sporting Lissabon", "sporting-cp"),
    ],
)
def test_club_by_name(registry: Registry, text: str, key: str) -> None:
    club = registry.club_by_name(text)
    assert club is not None, text
    assert club.key == key


@pytest.mark.parametrize("text", ["", "   ", "Hogwarts", "Saints", "Real Madrid Ladies Netball"])
def test_club_by_name_unknown_or_ambiguous(registry: Registry, text: str) -> None:
    assert registry.club_by_name(text) is None


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Raul Gonzalez", "raul-gonzalez"),
        ("Raúl González", "raul-gonzalez"),
        ("Raúl", "raul-gonzalez"),
        ("Solari", "santiago-solari"),
        ("Santiago Solari", "santiago-solari"),
        ("Santi Solari", "santiago-solari"),
        ("Carlo Ancelotti", "carlo-ancelotti"),
        ("Ancelotti", "carlo-ancelotti"),
        ("CARLO ANCELOTTI", "carlo-ancelotti"),
        ("Florentino Pérez", "florentino-perez"),
        ("Xabi Alonso", "xabi-alonso"),
        ("Simeone", "diego-simeone"),
        ("Ancelotti's", "carlo-ancelotti"),
        ("Pep Guardiola’s", "pep-guardiola"),
    ],
)
def test_person_by_name(registry: Registry, text: str, key: str) -> None:
    person = registry.person_by_name(text)
    assert person is not None, text
    assert person.key == key


def test_roles_keep_deciders_apart_from_candidates(registry: Registry) -> None:
    solari = registry.people["santiago-solari"]
    assert solari.role == "candidate" and solari.title == "director of football" and solari.tippable
    perez = registry.people["florentino-perez"]
    assert perez.role == "executive" and perez.club_key == "real-madrid" and not perez.tippable


def test_suggestions_fix_typos(registry: Registry) -> None:
    assert registry.suggest_clubs("Real Madird")[0].key == "real-madrid"
    assert registry.suggest_people("Ancelloti")[0].key == "carlo-ancelotti"
    managers = registry.suggest_people("Ancelotti", role="executive")
    assert all(p.role == "executive" for p in managers)
    assert registry.suggest_clubs("") == []


def test_manager_of_by_date(registry: Registry) -> None:
    assert registry.manager_of("real-madrid", date(2024, 11, 6)).key == "carlo-ancelotti"  # type: ignore[union-attr]
    assert registry.manager_of("real-madrid", date(2019, 1, 1)).key == "santiago-solari"  # type: ignore[union-attr]
    assert registry.manager_of("real-madrid", date(2017, 1, 1)).key == "zinedine-zidane"  # type: ignore[union-attr]
    assert registry.manager_of("atletico-madrid").key == "diego-simeone"  # type: ignore[union-attr]
    assert registry.manager_of("no-such-club") is None


def test_clubs_in_league(registry: Registry) -> None:
    liga = {c.key for c in registry.clubs_in("es.1")}
    assert len(liga) == 20
    assert {"real-madrid", "barcelona", "real-oviedo"} <= liga
    assert len(registry.clubs_in("en.1")) == 20
    assert registry.league_name("es.1") == "La Liga"
    assert registry.league_name("zz.9") == "zz.9"


def test_mentions_in_reference_story(registry: Registry) -> None:
    found = registry.find_mentions(REFERENCE_STORY)
    keys = [(m.kind, m.key) for m in found]
    for expected in [
        ("club", "real-madrid"),
        ("person", "carlo-ancelotti"),
        ("person", "florentino-perez"),
        ("person", "julen-lopetegui"),
        ("person", "rafael-benitez"),
        ("person", "santiago-solari"),
        ("club", "real-madrid-castilla"),
        ("person", "raul-gonzalez"),
    ]:
        assert expected in keys, expected
    for mention in found:
        assert REFERENCE_STORY[mention.start : mention.end] == mention.surface
    # "#RealMadrid" is found joined; "Real Madrid Castilla" is the B team, not the first team.
    assert any(m.surface == "RealMadrid" for m in found)
    castilla = next(m for m in found if m.key == "real-madrid-castilla")
    assert castilla.surface == "Real Madrid Castilla"


@pytest.mark.parametrize(
    ("sentence", "unwanted"),
    [
        ("The city council met on Monday in Madrid.", "real-madrid"),
        ("United Nations officials said it was real.", "manchester-united"),
        ("Messi starred as Inter Miami won again.", "inter"),
        ("RCD Espanyol de Barcelona drew at home.", "barcelona"),
        ("A real problem for the team.", "real-madrid"),
    ],
)
def test_mentions_skip_ambiguous_words(registry: Registry, sentence: str, unwanted: str) -> None:
    assert unwanted not in {m.key for m in registry.find_mentions(sentence)}


def test_mentions_need_word_boundaries(registry: Registry) -> None:
    assert registry.find_mentions("Spursy behaviour and Arsenalisation") == []


def test_mentions_handle_accents_and_case(registry: Registry) -> None:
    found = registry.find_mentions("ATLÉTICO DE MADRID beat Barça; RAÚL GONZÁLEZ and Erik ten Hag watched.")
    assert [(m.key, m.surface) for m in found] == [
        ("atletico-madrid", "ATLÉTICO DE MADRID"),
        ("barcelona", "Barça"),
        ("raul-gonzalez", "RAÚL GONZÁLEZ"),
        ("erik-ten-hag", "Erik ten Hag"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The coach will still be in charge on Saturday.",
        "A late goal spurs the team on.",
        "The wolves howled as the derby began.",
        "Fans of the local derby will still travel.",
    ],
)
def test_mentions_ignore_names_written_as_ordinary_words(registry: Registry, sentence: str) -> None:
    assert registry.find_mentions(sentence) == []


def test_common_surnames_answer_lookups_but_are_not_searched(registry: Registry) -> None:
    # "Valverde" is also Real Madrid's midfielder and "Mason" starts "Mason Mount": a direct lookup
    # may mean the coach, a sentence may not.
    assert registry.person_by_name("Valverde").key == "ernesto-valverde"  # type: ignore[union-attr]
    assert registry.person_by_name("Mason").key == "ryan-mason"  # type: ignore[union-attr]
    found = registry.find_mentions("Valverde passed to Mason Mount.")
    assert [(m.key, m.surface) for m in found] == [("mason-mount", "Mason Mount")]
    assert registry.person_by_name("Gonzalez") is None  # many people: nobody in particular


def test_a_players_full_name_beats_the_coach_inside_it(registry: Registry) -> None:
    found = registry.find_mentions("Giovanni Simeone scored, Diego Simeone smiled; Xavi Simons too.")
    assert [m.key for m in found] == ["giovanni-simeone", "diego-simeone", "xavi-simons"]
    assert not registry.people["giovanni-simeone"].tippable


def test_mentions_of_letters_that_fold_to_two(registry: Registry) -> None:
    # "ß" and "æ" fold to "ss"/"ae" in lookups but one letter at a time in text: both spellings work.
    text = "Sebastian Hoeneß, Sebastian Hoeness, Solskjær and Solskjaer"
    found = [m.key for m in registry.find_mentions(text)]
    assert found == ["sebastian-hoeness"] * 2 + ["ole-gunnar-solskjaer"] * 2
    assert registry.person_by_name("Sebastian Hoeneß") == registry.person_by_name("sebastian hoeness")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("FC St. Pauli won", "st-pauli"),
        ("Brighton & Hove Albion lost", "brighton"),
        ("Nott’m Forest drew", "nottingham-forest"),
        ("AS Saint-Étienne sacked him", "saint-etienne"),
        ("İstanbul trip for Paris Saint-Germain", "psg"),
    ],
)
def test_mentions_across_punctuation(registry: Registry, text: str, key: str) -> None:
    found = registry.find_mentions(text)
    assert key in [m.key for m in found]
    for mention in found:
        assert text[mention.start : mention.end] == mention.surface


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("St Mirren fans, the Buddies, sang.", ["st-mirren", "st-mirren"]),
        ("He went out with the buddies.", []),
        ("Germany national team coach", ["germany"]),
        ("1. FC Köln lost", ["koln"]),
        ("the Old Lady is back", ["juventus"]),
    ],
)
def test_club_mentions_need_a_capital(registry: Registry, text: str, found: list[str]) -> None:
    assert [m.key for m in registry.find_mentions(text)] == found


def test_coaches_on_a_changeover_day(registry: Registry) -> None:
    # Luchi Gonzalez left FC Dallas the day Marco Ferruzzi took over as interim.
    day = date(2021, 9, 19)
    assert [p.key for p in registry.coaches_on("fc-dallas", day)] == ["marco-ferruzzi", "luchi-gonzalez"]
    assert registry.manager_of("fc-dallas", day).key == "marco-ferruzzi"  # type: ignore[union-attr]
    assert [p.key for p in registry.coaches_on("fc-dallas", date(2021, 6, 1))] == ["luchi-gonzalez"]
    assert registry.coaches_on("no-such-club", day) == []
