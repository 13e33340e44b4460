"""People learned at run time (migration 011): a coach the live data names and the bundle lacks."""

from __future__ import annotations

from datetime import date

import pytest

from bot.errors import UserError
from bot.registry.model import Club, Person, Tenure
from bot.registry.registry import League, Registry
from bot.registry.service import RegistryService
from storage import Store
from storage import registry as queries

LIGA = League("es.1", "La Liga", "Spain")
MADRID = Club("real-madrid", "Real Madrid CF", "Real Madrid", "es.1", "Spain")
SEVILLA = Club("sevilla", "Sevilla FC", "Sevilla", "es.1", "Spain")
ALONSO = Person(
    "xabi-alonso",
    "Xabi Alonso",
    "manager",
    tenures=(Tenure("real-madrid", "manager", date(2025, 6, 1), None),),
)
# Two men the press calls "Pimienta": the name alone is ambiguous, on purpose.
GARCIA = Person("garcia-pimienta", "García Pimienta", "manager", aliases=("Pimienta",))
OTHER = Person("luis-pimienta", "Luis Pimienta", "candidate", aliases=("Pimienta",))


def bundle(version: str = "v1") -> Registry:
    return Registry(
        [LIGA],
        [MADRID, SEVILLA],
        [ALONSO, GARCIA, OTHER],
        ambiguous={"garcia-pimienta": ["Pimienta"], "luis-pimienta": ["Pimienta"]},
        version=version,
    )


@pytest.fixture
async def registry(store: Store) -> RegistryService:
    service = RegistryService(store, bundle())
    await service.sync()
    return service


async def test_a_new_name_becomes_a_person_found_by_name_and_in_text(registry: RegistryService) -> None:
    added = await registry.add_person("  Tomás\u200b Ejemplo   Ruiz\n", "football-data.org")
    assert (added.key, added.name, added.role) == ("tomas-ejemplo-ruiz", "Tomás Ejemplo Ruiz", "manager")
    assert registry.registry.person_by_name("Tomas Ejemplo Ruiz") == added
    mentions = registry.registry.find_mentions("Sevilla appoint Tomás Ejemplo Ruiz as head coach")
    assert [(m.kind, m.key) for m in mentions] == [("club", "sevilla"), ("person", "tomas-ejemplo-ruiz")]
    assert await registry.open_tenure(added.key, "sevilla", date(2026, 11, 1), "football-data.org")
    assert registry.registry.manager_of("sevilla", date(2026, 12, 1)) == registry.registry.people[added.key]


async def test_a_known_name_answers_the_known_person_and_writes_nothing(
    registry: RegistryService, store: Store
) -> None:
    assert (
        await registry.add_person("xabi alonso", "football-data.org")
        is registry.registry.people["xabi-alonso"]
    )
    async with store.read() as db:
        assert await queries.learned_people(db) == []


async def test_a_name_that_would_clash_is_refused_and_not_stored(
    registry: RegistryService, store: Store
) -> None:
    with pytest.raises(UserError, match="Cannot add 'Pimienta'"):
        await registry.add_person("Pimienta", "football-data.org")
    with pytest.raises(UserError, match="without a name"):
        await registry.add_person(" \t ", "football-data.org")
    async with store.read() as db:
        assert await queries.learned_people(db) == []


async def test_a_key_taken_by_a_club_gets_a_suffix(registry: RegistryService) -> None:
    added = await registry.add_person("Sevilla", "football-data.org")
    assert added.key == "sevilla-2" and registry.registry.clubs["sevilla"].name == "Sevilla FC"


async def test_learned_people_and_their_spells_survive_a_new_bundle(store: Store) -> None:
    first = RegistryService(store, bundle("v1"))
    await first.sync()
    added = await first.add_person("Tomás Ejemplo Ruiz", "football-data.org")
    await first.open_tenure(added.key, "sevilla", date(2026, 11, 1), "football-data.org")
    second = RegistryService(store, bundle("v2"))  # a release with other bundled data
    await second.sync()
    person = second.registry.people[added.key]
    assert [(t.club_key, t.source) for t in person.tenures] == [("sevilla", "football-data.org")]
