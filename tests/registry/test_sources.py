"""Tenure sources (migration 008) and the admin correction: admin outranks learned outranks bundled."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import aiosqlite
import pytest

from bot.__main__ import main
from bot.registry.affiliation import affiliation
from bot.registry.model import Club, Person, Tenure
from bot.registry.registry import League, Registry
from bot.registry.service import RegistryService
from storage import Store
from storage import registry as queries
from storage.store import migrate

LIGA = League("es.1", "La Liga", "Spain")
MADRID = Club("real-madrid", "Real Madrid CF", "Real Madrid", "es.1", "Spain")
SEVILLA = Club("sevilla", "Sevilla FC", "Sevilla", "es.1", "Spain")
ALONSO = Person(
    "xabi-alonso",
    "Xabi Alonso",
    "manager",
    tenures=(Tenure("real-madrid", "manager", date(2025, 6, 1), None),),
)
ARBELOA = Person("alvaro-arbeloa", "Álvaro Arbeloa", "candidate")
GARCIA = Person(
    "garcia-pimienta",
    "García Pimienta",
    "manager",
    tenures=(Tenure("sevilla", "manager", date(2024, 6, 1), None),),
)


def _bundle() -> Registry:
    return Registry([LIGA], [MADRID, SEVILLA], [ALONSO, ARBELOA, GARCIA], version="v1")


async def test_a_store_at_version_7_with_a_sacking_upgrades(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    async with aiosqlite.connect(path) as db:
        await migrate(db, 7)
        await db.execute("INSERT INTO clubs VALUES ('sevilla', 'Sevilla FC', 'Sevilla', 'es.1', 'Spain')")
        await db.execute(
            "INSERT INTO people (key, name, role) VALUES ('garcia-pimienta', 'García Pimienta', 'manager')"
        )
        await db.execute(
            "INSERT INTO tenures (person_key, club_key, role, started_on, ended_on, ended_by) "
            "VALUES ('garcia-pimienta', 'sevilla', 'manager', '2024-06-01', '2025-04-06', 'sacked (Marca)')"
        )
        await db.commit()
    store = await Store.open(path)
    try:
        async with store.read() as db:
            rows = await queries.tenures_of(db, "garcia-pimienta")
            ended = await queries.ended_by_findings(db)
        assert [(r.ended_on, r.ended_by, r.source) for r in rows] == [
            (date(2025, 4, 6), "sacked (Marca)", "bundled")
        ]
        assert [r.person_key for r in ended] == ["garcia-pimienta"]
        service = RegistryService(store, _bundle())
        await service.sync()
        where = affiliation(service.registry, service.registry.people["garcia-pimienta"], date(2025, 5, 1))
        assert where.describe() == "no club (last: Sevilla, until 2025-04-06)"
    finally:
        await store.close()


async def test_admin_outranks_learned_outranks_bundled(store: Store) -> None:
    service = RegistryService(store, _bundle())
    await service.sync()
    assert await service.open_tenure("alvaro-arbeloa", "real-madrid", date(2026, 1, 12), "news:2026-01-12")
    people = service.registry.people
    now = affiliation(service.registry, people["alvaro-arbeloa"], date(2026, 2, 1))
    assert now.club == MADRID and now.tenure is not None and now.tenure.source == "news:2026-01-12"
    gone = affiliation(service.registry, people["xabi-alonso"], date(2026, 2, 1))
    assert gone.describe() == "no club (last: Real Madrid, until 2026-01-11)"
    # The admin says otherwise; live data claiming an earlier change cannot undo the admin's word.
    said = await service.set_coach("Real Madrid", "Xabi Alonso", date(2026, 1, 20))
    assert said == "Xabi Alonso coaches Real Madrid from 2026-01-20 (admin)."
    assert not await service.open_tenure(
        "alvaro-arbeloa", "real-madrid", date(2026, 1, 15), "football-data.org"
    )
    people = service.registry.people
    assert affiliation(service.registry, people["xabi-alonso"], date(2026, 2, 1)).club == MADRID
    assert affiliation(service.registry, people["alvaro-arbeloa"], date(2026, 2, 1)).club is None
    assert service.registry.manager_of("real-madrid", date(2026, 2, 1)) == people["xabi-alonso"]
    # A bundle sync keeps what was learned.
    await RegistryService(
        store, Registry([LIGA], [MADRID, SEVILLA], [ALONSO, ARBELOA, GARCIA], version="v2")
    ).sync()
    async with store.read() as db:
        sources = {(r.started_on, r.source) for r in await queries.tenures_of(db, "xabi-alonso")}
    assert (date(2026, 1, 20), "admin") in sources


def test_set_coach_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "cli.db")
    code = main(
        ["registry", "set-coach", "Sevilla", "Hansi Flick", "--from", "2026-11-30", "--db", db, "--json"]
    )
    assert code == 0
    assert (
        json.loads(capsys.readouterr().out)["set"] == "Hansi Flick coaches Sevilla from 2026-11-30 (admin)."
    )
    assert main(["registry", "set-coach", "Sevilla", "Nobody Atall", "--from", "2026-11-30", "--db", db]) != 0
    assert "Nobody Atall" in capsys.readouterr().err
    assert main(["manager", "Hansi Flick", "--db", db]) == 0
    assert "Sevilla since 2026-11-30 (from admin)" in capsys.readouterr().out


async def test_an_interim_named_at_a_sacking_then_an_appointment(store: Store) -> None:
    service = RegistryService(store, _bundle())
    await service.sync()
    assert await service.learn_interim("alvaro-arbeloa", "real-madrid", date(2026, 1, 12))
    arbeloa = affiliation(service.registry, service.registry.people["alvaro-arbeloa"], date(2026, 1, 13))
    assert arbeloa.club == MADRID and arbeloa.tenure is not None and arbeloa.tenure.role == "interim"
    assert await service.learn_appointment("garcia-pimienta", "real-madrid", date(2026, 2, 1))
    people = service.registry.people
    assert affiliation(service.registry, people["alvaro-arbeloa"], date(2026, 2, 2)).describe() == (
        "no club (last: Real Madrid, until 2026-01-31)"
    )
    assert affiliation(service.registry, people["garcia-pimienta"], date(2026, 2, 2)).describe() == (
        "Real Madrid since 2026-02-01"
    )
