"""Bad registry data fails loudly at load time, naming the entity, instead of answering wrongly."""

from __future__ import annotations

from datetime import date

import pytest

from bot.registry.loader import parse_clubs, parse_leagues, parse_people
from bot.registry.model import Club, Person, Tenure
from bot.registry.registry import League, Registry, RegistryDataError

LIGA = League("es.1", "La Liga", "Spain")
MADRID = Club("real-madrid", "Real Madrid CF", "Real Madrid", "es.1", "Spain", ("Los Blancos", "Madrid"))
ATLETI = Club("atletico-madrid", "Club Atlético de Madrid", "Atlético Madrid", "es.1", "Spain", ("Madrid",))


def test_duplicate_keys() -> None:
    with pytest.raises(RegistryDataError, match="duplicate club key 'real-madrid'"):
        Registry([LIGA], [MADRID, MADRID], [])


def test_alias_claimed_by_two_clubs_must_be_marked_ambiguous() -> None:
    with pytest.raises(RegistryDataError, match="'madrid' is claimed by"):
        Registry([LIGA], [MADRID, ATLETI], [])
    both = Registry(
        [LIGA], [MADRID, ATLETI], [], ambiguous={"real-madrid": ["Madrid"], "atletico-madrid": ["Madrid"]}
    )
    assert both.club_by_name("Madrid") is None
    assert {c.key for c in both.suggest_clubs("Madrid")} == {"real-madrid", "atletico-madrid"}
    assert both.club_by_name("Los Blancos") == MADRID


def test_half_marked_alias_is_rejected() -> None:
    with pytest.raises(RegistryDataError, match="certain for"):
        Registry([LIGA], [MADRID, ATLETI], [], ambiguous={"atletico-madrid": ["Madrid"]})


def test_tenure_at_unknown_club_and_backwards_dates() -> None:
    ghost = Person("x", "Xavier Ghost", "manager", tenures=(Tenure("nowhere", "manager", None, None),))
    with pytest.raises(RegistryDataError, match="unknown club 'nowhere'"):
        Registry([LIGA], [MADRID], [ghost])
    backwards = Person(
        "y",
        "Yves Back",
        "candidate",
        tenures=(Tenure("real-madrid", "manager", date(2020, 1, 1), date(2019, 1, 1)),),
    )
    with pytest.raises(RegistryDataError, match="ends before it starts"):
        Registry([LIGA], [MADRID], [backwards])


def test_ambiguous_alias_must_be_listed() -> None:
    with pytest.raises(RegistryDataError, match="never lists them"):
        Registry([LIGA], [MADRID], [], ambiguous={"real-madrid": ["Merengues"]})


def test_parsers_reject_bad_records() -> None:
    leagues = {
        league.code: league
        for league in parse_leagues({"leagues": {"es.1": {"name": "La Liga", "country": "Spain"}}})
    }
    with pytest.raises(RegistryDataError, match="unknown league"):
        parse_clubs({"league": "xx.1", "clubs": []}, leagues, "bad.toml")
    with pytest.raises(RegistryDataError, match="lacks 'name'"):
        parse_clubs({"league": "es.1", "clubs": [{"key": "k"}]}, leagues, "bad.toml")
    with pytest.raises(RegistryDataError, match="unknown role 'coach'"):
        parse_people({"people": [{"key": "k", "name": "N", "role": "coach"}]}, "bad.toml")
    with pytest.raises(RegistryDataError, match="bad date"):
        parse_people(
            {"people": [{"key": "k", "name": "N", "role": "other", "tenures": [["c", "2020-13-45", ""]]}]},
            "x",
        )
    with pytest.raises(RegistryDataError, match="a tenure is"):
        parse_people({"people": [{"key": "k", "name": "N", "role": "other", "tenures": [["c"]]}]}, "x")


def test_derived_surname_clash_belongs_to_nobody() -> None:
    one = Person("a", "Alex Keeper", "manager")
    two = Person("b", "Brian Keeper", "candidate")
    registry = Registry([LIGA], [MADRID], [one, two])
    assert registry.person_by_name("Keeper") is None
    assert registry.person_by_name("Alex Keeper") == one
    assert registry.find_mentions("Keeper said so.") == []
