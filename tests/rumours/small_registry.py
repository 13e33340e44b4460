"""A small registry for the rumour tests: the real `Registry` class over a handful of records.

The bundled data grows and changes daily; these tests pin the service's behaviour on facts they own.
It answers the `RegistryPort` calls the way `RegistryService` does (tenures end in memory here).
"""

from __future__ import annotations

from datetime import date

import aiosqlite

from bot.errors import UserError
from bot.registry.model import Club, Person, PersonRole, Tenure
from bot.registry.registry import League, Registry


def _manager(key: str, name: str, club: str, start: str, *aliases: str) -> Person:
    tenure = Tenure(club, "manager", date.fromisoformat(start), None)
    return Person(key, name, "manager", aliases=aliases, tenures=(tenure,))


def build() -> Registry:
    leagues = [
        League("es.1", "La Liga", "Spain", ("laliga", "liga")),
        League("en.1", "Premier League", "England", ("epl", "premier league")),
    ]
    clubs = [
        Club("real-madrid", "Real Madrid", "Real Madrid", "es.1", "Spain", ("Los Blancos",)),
        Club("barcelona", "FC Barcelona", "Barcelona", "es.1", "Spain", ("Barça",)),
        Club("atletico-madrid", "Atlético de Madrid", "Atlético", "es.1", "Spain", ("Atleti",)),
        Club("manchester-city", "Manchester City", "Man City", "en.1", "England"),
    ]
    people = [
        _manager("carlo-ancelotti", "Carlo Ancelotti", "real-madrid", "2021-06-01", "Carletto"),
        _manager("hansi-flick", "Hansi Flick", "barcelona", "2024-05-29"),
        _manager("diego-simeone", "Diego Simeone", "atletico-madrid", "2011-12-23", "Cholo"),
        _manager("pep-guardiola", "Pep Guardiola", "manchester-city", "2016-07-01"),
        Person("santiago-solari", "Santiago Solari", "candidate", aliases=("Santi Solari",)),
        Person("raul-gonzalez", "Raúl González", "candidate", aliases=("Raul Gonzalez",)),
        Person("zinedine-zidane", "Zinedine Zidane", "candidate", aliases=("Zizou",)),
        Person("florentino-perez", "Florentino Pérez", "executive", club_key="real-madrid"),
    ]
    return Registry(leagues, clubs, people, version="test")


class SmallRegistry:
    """The `RegistryPort` over `build()`, recording the tenures that findings end."""

    def __init__(self) -> None:
        self._registry = build()
        self.ended: list[tuple[str, str, date, str]] = []
        self._pending: list[tuple[str, str, date, str]] = []
        self.opened: list[tuple[str, str, date, str, str]] = []

    @property
    def registry(self) -> Registry:
        return self._registry

    async def resolve_person(self, name: str, role: PersonRole | None = None) -> Person:
        person = self._registry.people.get(name) or self._registry.person_by_name(name)
        if person is not None:
            return person
        names = [p.name for p in self._registry.suggest_people(name, limit=3)]
        hint = f" — did you mean {' or '.join(names)}?" if names else "."
        raise UserError(f"No manager called '{name}'{hint}")

    async def end_tenure_in(
        self, db: aiosqlite.Connection, person_key: str, club_key: str, on: date, reason: str
    ) -> bool:
        # Takes effect with reload_tenures, which the service calls only after its transaction commits.
        self._pending = [(person_key, club_key, on, reason)]
        return True

    async def open_tenure_in(
        self,
        db: aiosqlite.Connection,
        person_key: str,
        club_key: str,
        on: date,
        source: str,
        role: str = "manager",
    ) -> bool:
        self.opened.append((person_key, club_key, on, source, role))
        return True

    async def reload_tenures(self) -> None:
        for person_key, club_key, on, reason in self._pending:
            self.ended.append((person_key, club_key, on, reason))
            self._registry = self._registry.with_ended_tenures({(person_key, club_key, "manager"): on})
        self._pending = []

    async def autocomplete_managers(self, typed: str, limit: int = 25) -> list[tuple[str, str]]:
        managers = [p for p in self._registry.people.values() if p.role == "manager"]
        return [(p.name, p.key) for p in managers if typed.lower() in p.name.lower()][:limit]
