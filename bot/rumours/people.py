"""Who a finding is about, in registry terms: the few registry calls the rumour service needs.

`RegistryPort` is the slice of `RegistryService` used here, so tests can hand in a registry built from
a handful of real `Club`/`Person` records. People the registry does not know still get a stable key,
"name:<folded name>", so their stories and tips group under one id however the press spells them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

import aiosqlite

from bot.registry.affiliation import affiliation
from bot.registry.model import Club, Person, PersonRole
from bot.registry.names import fold
from bot.registry.registry import Registry

UNREGISTERED = "name:"


class RegistryPort(Protocol):
    @property
    def registry(self) -> Registry: ...

    async def resolve_person(self, name: str, role: PersonRole | None = None) -> Person: ...

    async def end_tenure_in(
        self, db: aiosqlite.Connection, person_key: str, club_key: str, on: date, reason: str
    ) -> bool: ...

    async def open_tenure_in(
        self,
        db: aiosqlite.Connection,
        person_key: str,
        club_key: str,
        on: date,
        source: str,
        role: str = "manager",
    ) -> bool: ...

    async def reload_tenures(self) -> None: ...

    async def autocomplete_managers(self, typed: str, limit: int = 25) -> list[tuple[str, str]]: ...


@dataclass(frozen=True, slots=True)
class Subject:
    """A manager as stored with his stories: key, display name, club and league when known."""

    key: str
    name: str
    registered: bool
    club_key: str | None = None
    club_name: str | None = None  # the short name the press uses ("Real Madrid")
    league: str | None = None


def person_id(registry: Registry, name: str, key: str | None) -> tuple[str, str, str | None]:
    """(id, display name, registry key) for a person named in a finding."""
    person = registry.people.get(key) if key else None
    if person is None:
        person = registry.person_by_name(name)
    if person is not None:
        return person.key, person.name, person.key
    return UNREGISTERED + fold(name), name.strip(), None


def current_club(registry: Registry, person: Person, on: date | None = None) -> Club | None:
    """The club a person coaches on `on` (today when None): the registry's one answer."""
    return affiliation(registry, person, on).club


def subject(
    registry: Registry,
    manager: str | None,
    manager_key: str | None,
    club: str | None,
    club_key: str | None,
    on: date,
) -> Subject | None:
    """The manager a finding is about, or None when the analysis named nobody."""
    if not manager and not manager_key:
        return None
    key, name, known = person_id(registry, manager or "", manager_key)
    if not fold(name):
        return None
    found = registry.clubs.get(club_key) if club_key else None
    if found is None and club:
        found = registry.club_by_name(club)
    if found is None and known:
        found = current_club(registry, registry.people[known], on)
    if found is not None:
        return Subject(key, name, known is not None, found.key, found.short_name, found.league)
    return Subject(key, name, known is not None, None, club, None)
