"""Sync across bundle versions: the store follows the data, except where the news ended a spell."""

from __future__ import annotations

from datetime import date

from bot.registry.model import Club, Person, Tenure
from bot.registry.registry import League, Registry
from bot.registry.service import RegistryService
from storage import Store
from storage import registry as queries

LIGA = League("es.1", "La Liga", "Spain")
MADRID = Club("real-madrid", "Real Madrid CF", "Real Madrid", "es.1", "Spain", ("Los Blancos",))
SEVILLA = Club("sevilla", "Sevilla FC", "Sevilla", "es.1", "Spain")


def _bundle(version: str, *people: Person) -> Registry:
    return Registry([LIGA], [MADRID, SEVILLA], people, version=version)


def _coach(key: str, name: str, club: str, start: date, end: date | None = None) -> Person:
    role = "manager" if end is None else "candidate"
    return Person(key, name, role, tenures=(Tenure(club, "manager", start, end),))


async def _tenures(store: Store, person: str) -> list[queries.TenureRow]:
    async with store.read() as db:
        return await queries.tenures_of(db, person)


async def test_new_bundle_updates_ends_and_drops_removed_people(store: Store) -> None:
    first = _bundle(
        "v1",
        _coach("xabi-alonso", "Xabi Alonso", "real-madrid", date(2025, 6, 1)),
        _coach("old-coach", "Old Coach", "sevilla", date(2020, 1, 1)),
    )
    service = RegistryService(store, first)
    await service.sync()
    assert (await service.current_manager("sevilla")).key == "old-coach"  # type: ignore[union-attr]

    second = _bundle(
        "v2",
        _coach("xabi-alonso", "Xabi Alonso", "real-madrid", date(2025, 6, 1)),
        _coach("new-coach", "New Coach", "sevilla", date(2025, 7, 1)),
    )
    service = RegistryService(store, second)
    await service.sync()
    assert (await service.current_manager("sevilla")).key == "new-coach"  # type: ignore[union-attr]
    assert await _tenures(store, "old-coach") == []
    async with store.read() as db:
        clubs, people, open_spells = await queries.counts(db)
    assert (clubs, people, open_spells) == (2, 2, 2)


async def test_store_end_beats_bundle_and_survives_new_versions(store: Store) -> None:
    xabi = _coach("xabi-alonso", "Xabi Alonso", "real-madrid", date(2025, 6, 1))
    service = RegistryService(store, _bundle("v1", xabi))
    await service.sync()
    assert await service.end_tenure("xabi-alonso", "real-madrid", date(2026, 1, 12), "Marca: sacked")
    assert await service.current_manager("real-madrid") is None
    assert service.registry.manager_of("real-madrid") is None

    # The next bundle still thinks he is in charge, then one that ends him on another date.
    for version, end in (("v2", None), ("v3", date(2026, 1, 15))):
        later = _coach("xabi-alonso", "Xabi Alonso", "real-madrid", date(2025, 6, 1), end)
        service = RegistryService(store, _bundle(version, later))
        await service.sync()
        (spell,) = await _tenures(store, "xabi-alonso")
        assert spell.ended_on == date(2026, 1, 12)
        assert spell.ended_by == "Marca: sacked"
        assert service.registry.manager_of("real-madrid") is None


async def test_bundle_end_date_applies_when_news_did_not_end_it(store: Store) -> None:
    service = RegistryService(store, _bundle("v1", _coach("a", "Ann Coach", "sevilla", date(2024, 7, 1))))
    await service.sync()
    ended = _coach("a", "Ann Coach", "sevilla", date(2024, 7, 1), date(2025, 5, 30))
    service = RegistryService(store, _bundle("v2", ended))
    await service.sync()
    (spell,) = await _tenures(store, "a")
    assert spell.ended_on == date(2025, 5, 30) and spell.ended_by is None
    # A later bundle that forgets the end date does not reopen the spell.
    service = RegistryService(store, _bundle("v3", _coach("a", "Ann Coach", "sevilla", date(2024, 7, 1))))
    await service.sync()
    (spell,) = await _tenures(store, "a")
    assert spell.ended_on == date(2025, 5, 30)
    assert await service.current_manager("sevilla") is None


async def test_aliases_are_written_for_sql_side_lookups(store: Store) -> None:
    service = RegistryService(store, _bundle("v1"))
    await service.sync()
    async with (
        store.read() as db,
        db.execute("SELECT entity_key FROM aliases WHERE folded = 'los blancos' AND kind = 'club'") as cursor,
    ):
        rows = await cursor.fetchall()
    assert [r[0] for r in rows] == ["real-madrid"]
