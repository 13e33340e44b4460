"""RegistryService over a real SQLite store: sync, ended tenures, and what users see."""

from __future__ import annotations

from datetime import date

import pytest

from bot.errors import UserError
from bot.registry.service import RegistryService
from storage import Store
from storage import registry as queries


@pytest.fixture
async def service(store: Store) -> RegistryService:
    registry = RegistryService(store)
    await registry.sync()
    return registry


async def _count(store: Store, table: str) -> int:
    async with store.read() as db, db.execute(f"SELECT COUNT(*) FROM {table}") as cursor:
        row = await cursor.fetchone()
    assert row is not None
    return int(row[0])


async def test_sync_writes_bundle_once(store: Store, service: RegistryService) -> None:
    clubs = await _count(store, "clubs")
    people = await _count(store, "people")
    tenures = await _count(store, "tenures")
    assert clubs == len(service.registry.clubs)
    assert people == len(service.registry.people)
    assert tenures > people
    await service.sync()
    await RegistryService(store).sync()
    assert await _count(store, "clubs") == clubs
    assert await _count(store, "tenures") == tenures
    async with store.read() as db:
        assert await queries.data_version(db) == service.registry.version


async def test_current_manager_follows_the_store(service: RegistryService) -> None:
    manager = await service.current_manager("atletico-madrid")
    assert manager is not None and manager.key == "diego-simeone"
    assert await service.current_manager("no-such-club") is None


async def test_ended_tenure_is_never_resurrected(store: Store, service: RegistryService) -> None:
    closed = await service.end_tenure("diego-simeone", "atletico-madrid", date(2026, 11, 20), "sacked")
    assert closed
    assert await service.current_manager("atletico-madrid") is None
    assert service.registry.manager_of("atletico-madrid") is None
    assert service.registry.manager_of("atletico-madrid", date(2020, 1, 1)).key == "diego-simeone"  # type: ignore[union-attr]
    # A new bundle version (or a restart) must not reopen what the news closed.
    async with store.transaction() as db:
        await db.execute("UPDATE registry_meta SET value = 'older' WHERE key = 'version'")
    restarted = RegistryService(store)
    await restarted.sync()
    assert await restarted.current_manager("atletico-madrid") is None
    assert restarted.registry.manager_of("atletico-madrid") is None
    again = await restarted.end_tenure("diego-simeone", "atletico-madrid", date(2026, 11, 21), "again")
    assert not again


async def test_old_news_does_not_end_a_later_spell(service: RegistryService) -> None:
    # Simeone's spell began in December 2011: a sacking story from 2010 is about someone else's time.
    assert not await service.end_tenure("diego-simeone", "atletico-madrid", date(2010, 5, 1), "old story")
    manager = await service.current_manager("atletico-madrid")
    assert manager is not None and manager.key == "diego-simeone"


async def test_end_tenure_rejects_unknown_keys(service: RegistryService) -> None:
    with pytest.raises(UserError):
        await service.end_tenure("nobody", "atletico-madrid", date(2026, 1, 1), "x")
    with pytest.raises(UserError):
        await service.end_tenure("diego-simeone", "nowhere", date(2026, 1, 1), "x")


async def test_resolve_club(service: RegistryService) -> None:
    assert (await service.resolve_club("RealMadrid")).key == "real-madrid"
    assert (await service.resolve_club("real-madrid")).key == "real-madrid"
    assert (await service.resolve_club("Barça", league="es.1")).key == "barcelona"
    with pytest.raises(UserError) as caught:
        await service.resolve_club("Real Madird")
    assert caught.value.message.startswith("No club called 'Real Madird' — did you mean Real Madrid CF")
    with pytest.raises(UserError) as caught:
        await service.resolve_club("Barcelona", league="en.1")
    assert caught.value.message == "FC Barcelona play in La Liga, not Premier League."
    with pytest.raises(UserError) as caught:
        await service.resolve_club("Arsenol", league="es.1")
    assert caught.value.message.startswith("No club called 'Arsenol' in La Liga")
    with pytest.raises(UserError) as caught:
        await service.resolve_club("   ")
    assert "Type a club name" in caught.value.message
    with pytest.raises(UserError) as caught:
        await service.resolve_club("@everyone **zzzzqqq**")
    assert "@" not in caught.value.message and "*" not in caught.value.message


async def test_resolve_person(service: RegistryService) -> None:
    assert (await service.resolve_person("Ancelotti")).key == "carlo-ancelotti"
    assert (await service.resolve_person("Solari", role="manager")).key == "santiago-solari"
    with pytest.raises(UserError) as caught:
        await service.resolve_person("Florentino Perez", role="manager")
    assert caught.value.message.startswith("No manager called 'Florentino Perez'")
    with pytest.raises(UserError) as caught:
        await service.resolve_person("Ancelloti")
    assert "did you mean Carlo Ancelotti" in caught.value.message


async def test_autocomplete(service: RegistryService) -> None:
    empty = await service.autocomplete_clubs("")
    assert 0 < len(empty) <= 25
    assert ("Real Madrid CF (La Liga)", "real-madrid") in empty
    typed = await service.autocomplete_clubs("rea")
    assert typed[0][1] == "real-madrid" or "real-madrid" in [v for _, v in typed[:5]]
    liga = await service.autocomplete_clubs("", league="es.1")
    assert len(liga) == 20
    assert all(len(label) <= 100 for label, _ in await service.autocomplete_clubs("a"))
    managers = await service.autocomplete_managers("simeo")
    assert managers[0] == ("Diego Simeone (Atlético Madrid)", "diego-simeone")
    assert await service.autocomplete_managers("")
    assert await service.autocomplete_clubs("zzzzzzzzzz") == []
    inter = [value for _, value in await service.autocomplete_clubs("inter")]
    assert inter[:2] == ["inter", "inter-miami"]
    assert "germany" not in [value for _, value in await service.autocomplete_clubs("man")]
    assert [value for _, value in await service.autocomplete_clubs("Ger", league="int")] == ["germany"]


async def test_autocomplete_forgets_a_sacked_manager(service: RegistryService) -> None:
    """Autocomplete keeps per-registry data; a sacking replaces the registry, so it must not linger."""
    assert "diego-simeone" in [value for _, value in await service.autocomplete_managers("sim")]
    assert await service.end_tenure("diego-simeone", "atletico-madrid", date(2026, 11, 20), "sacked")
    assert "diego-simeone" not in [value for _, value in await service.autocomplete_managers("sim")]
    assert "diego-simeone" not in [value for _, value in await service.autocomplete_managers("simeone")]
    assert [value for _, value in await service.autocomplete_clubs("atleti")][:1] == ["atletico-madrid"]
