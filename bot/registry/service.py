"""RegistryService: the bundled registry kept in the store, and the lookups front ends make.

The bundle is the source of names; the store adds what we learned since: a level-3 finding ends a
tenure, live data, the news or an admin open one, and live data may name a coach the bundle lacks (a
person learned at run time). `registry` is the bundle with all of that applied, so the analysis sees
it too.
"""

from __future__ import annotations

import asyncio
import logging
import re
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

import aiosqlite

from bot.errors import UserError
from bot.registry.affiliation import affiliation
from bot.registry.loader import load_registry
from bot.registry.model import (
    COACHING_ROLES,
    PERSON_ROLES,
    Club,
    Person,
    PersonRole,
    Tenure,
    source_rank,
)
from bot.registry.names import fold
from bot.registry.registry import Registry, RegistryDataError
from storage import Store
from storage import registry as queries

log = logging.getLogger(__name__)

T = TypeVar("T")
_Keyed = TypeVar("_Keyed", Club, Person)
AUTOCOMPLETE_MAX = 25
# Fuzzy matching on two or three typed letters only adds noise; prefixes answer those.
FUZZY_MIN_CHARS = 4
UNLISTED_LEAGUES = frozenset({"int", "other"})
# What an empty autocomplete box offers: the clubs people ask about most.
FEATURED_CLUBS = (
    "real-madrid", "barcelona", "atletico-madrid", "manchester-united", "manchester-city", "liverpool",
    "arsenal", "chelsea", "tottenham", "newcastle-united", "juventus", "inter", "ac-milan", "napoli",
    "roma", "bayern", "dortmund", "leverkusen", "psg", "marseille", "celtic", "rangers", "ajax",
    "benfica", "porto",
)  # fmt: skip


def _quoted(text: str) -> str:
    """User text echoed in a message: one line, bounded, no Discord markdown or mentions."""
    cleaned = " ".join(text.split())[:60]
    for char in "*_`~|<>@#":
        cleaned = cleaned.replace(char, "")
    return cleaned


_KEY_SEPARATORS = re.compile(r"[^a-z0-9]+")


def _new_key(name: str, registry: Registry) -> str:
    """A registry key for a person learned at run time: the folded name, made unique."""
    stem = _KEY_SEPARATORS.sub("-", fold(name)).strip("-") or "person"
    key, n = stem, 1
    while key in registry.people or key in registry.clubs:
        n += 1
        key = f"{stem}-{n}"
    return key


def _learned_person(row: queries.PersonRow) -> Person:
    roles: dict[str, PersonRole] = {r: r for r in PERSON_ROLES}
    role = roles.get(row.role, "manager")
    return Person(
        row.key, row.name, role, club_key=row.club_key, title=row.title, nationality=row.nationality
    )


async def _with_people(bundle: Registry, people: tuple[Person, ...]) -> Registry:
    """The bundle plus `people`, rebuilt off the event loop (indexing names is CPU work)."""
    if not people:
        return bundle
    return await asyncio.to_thread(bundle.with_people, people)


def _or(names: list[str]) -> str:
    """Suggested names for a message template (names are never translated)."""
    return ", ".join(names)


class RegistryService:
    def __init__(self, store: Store, bundle: Registry | None = None) -> None:
        """`bundle` replaces the packaged data (tests hand in a small registry of real records)."""
        self.store = store
        self._bundle = bundle if bundle is not None else load_registry()
        self._registry = self._bundle
        # The bundle plus the people learned at run time (rebuilt only when those change).
        self._learned: tuple[Person, ...] = ()
        self._base = self._bundle

    @property
    def registry(self) -> Registry:
        """The bundled registry with every tenure the store has ended applied."""
        return self._registry

    async def sync(self) -> None:
        """Write the bundled registry into the store when its data version changed (idempotent)."""
        bundle = self._bundle
        async with self.store.read() as db:
            stored_version = await queries.data_version(db)
        if stored_version != bundle.version:
            clubs = [
                queries.ClubRow(c.key, c.name, c.short_name, c.league, c.country)
                for c in bundle.clubs.values()
            ]
            people = [
                queries.PersonRow(p.key, p.name, p.role, p.club_key, p.title, p.nationality)
                for p in bundle.people.values()
            ]
            tenures = [
                queries.TenureRow(p.key, t.club_key, t.role, t.started_on, t.ended_on)
                for p in bundle.people.values()
                for t in p.tenures
            ]
            aliases = bundle.alias_rows()
            async with self.store.transaction() as db:
                await queries.write_snapshot(db, bundle.version, clubs, people, tenures, aliases)
        await self._refresh()

    async def _refresh(self) -> None:
        async with self.store.read() as db:
            ended = await queries.ended_by_findings(db)
            learned = await queries.learned_tenures(db)
            people = tuple(_learned_person(row) for row in await queries.learned_people(db))
        if people != self._learned:
            try:
                self._base = await _with_people(self._bundle, people)
                self._learned = people
            except RegistryDataError as exc:  # keep answering with the people we had
                log.warning("people learned at run time left out of the registry: %s", exc)
        overrides = {(t.person_key, t.club_key, t.role): t.ended_on for t in ended if t.ended_on is not None}
        added: dict[str, list[Tenure]] = {}
        for row in learned:
            tenure = Tenure(row.club_key, row.role, row.started_on, row.ended_on, row.source)
            added.setdefault(row.person_key, []).append(tenure)
        changed = overrides or added
        self._registry = self._base.with_ended_tenures(overrides, added) if changed else self._base

    async def add_person(self, name: str, source: str) -> Person:
        """A coach the bundle lacks, learned at run time (the live data names him): stored with its
        source, so a bundle sync keeps him; an already known name answers the known person."""
        cleaned = " ".join("".join(c for c in name if c.isprintable()).split())[:80]
        if not fold(cleaned):
            raise UserError(f"Cannot add a person without a name ('{_quoted(name)}').")
        known = self._registry.person_by_name(cleaned)
        if known is not None:
            return known
        base = self._base
        key = _new_key(cleaned, base)
        person = Person(key, cleaned, "manager")
        people = tuple(sorted((*self._learned, person), key=lambda p: p.key))  # as the store lists them
        try:  # a name clashing with the bundle's aliases would break every later rebuild: refuse it
            rebuilt = await _with_people(self._bundle, people)
        except RegistryDataError as exc:
            raise UserError(f"Cannot add '{_quoted(cleaned)}': {exc}.") from None
        async with self.store.transaction() as db:
            await queries.add_person(db, queries.PersonRow(key, cleaned, "manager", None, None, None), source)
        if self._base is base:  # nobody rebuilt meanwhile: the store now lists exactly `people`
            self._base, self._learned = rebuilt, people
        await self._refresh()
        return self._registry.people.get(key, person)

    async def open_tenure(
        self, person_key: str, club_key: str, on: date, source: str, role: str = "manager"
    ) -> bool:
        """Record that the person coaches the club from `on`; False (nothing written) when the club's
        current spell comes from a source that outranks `source` and started on or after `on`."""
        if person_key not in self._registry.people:
            raise UserError(f"Unknown person '{_quoted(person_key)}'.")
        if club_key not in self._bundle.clubs:
            raise UserError(f"Unknown club '{_quoted(club_key)}'.")
        async with self.store.transaction() as db:
            opened = await self.open_tenure_in(db, person_key, club_key, on, source, role)
        if opened:
            await self._refresh()
        return opened

    async def open_tenure_in(
        self,
        db: aiosqlite.Connection,
        person_key: str,
        club_key: str,
        on: date,
        source: str,
        role: str = "manager",
    ) -> bool:
        """`open_tenure` inside the caller's transaction (a confirmed appointment and its finding are
        one write); the caller runs `reload_tenures` once it commits. Unknown keys open nothing."""
        if person_key not in self._base.people or club_key not in self._bundle.clubs:
            return False
        current = await queries.open_coaching_spell(db, club_key)
        same = current is not None and (current.person_key, current.role) == (person_key, role)
        if same and current is not None and source_rank(current.source) >= source_rank(source):
            return False
        if current is not None and (
            (source_rank(current.source) > source_rank(source) and (current.started_on or date.min) >= on)
            # News read late (an interim named at a sacking confirmed after his successor's
            # appointment) must not reopen a spell a later one of equal rank replaced.
            or (source_rank(current.source) == source_rank(source) and (current.started_on or date.min) > on)
        ):
            return False
        await queries.open_tenure(db, person_key, club_key, role, on, source)
        return True

    async def learn_appointment(self, person_key: str, club_key: str, on: date) -> bool:
        """A confirmed appointment read in the news on `on` (ranks with live data, below an admin)."""
        return await self.open_tenure(person_key, club_key, on, f"news:{on.isoformat()}")

    async def learn_interim(self, person_key: str, club_key: str, on: date) -> bool:
        """The interim named at a confirmed sacking: the club's interim coach from `on`."""
        return await self.open_tenure(person_key, club_key, on, f"news:{on.isoformat()}", role="interim")

    async def set_coach(self, club: str, person: str, on: date) -> str:
        """An admin's correction (`hotseat registry set-coach`): outranks bundled and learned data."""
        found_club = await self.resolve_club(club)
        found_person = await self.resolve_person(person)
        await self.open_tenure(found_person.key, found_club.key, on, "admin")
        return f"{found_person.name} coaches {found_club.short_name} from {on.isoformat()} (admin)."

    async def resolve_club(self, name: str, league: str | None = None) -> Club:
        """The club a user typed, or a UserError suggesting the closest names."""
        registry = self._registry
        if not fold(name):
            raise UserError("Type a club name, for example 'Real Madrid' or 'Man Utd'.")
        club = registry.clubs.get(name) or registry.club_by_name(name)
        if club is not None and (league is None or club.league == league):
            return club
        if club is not None and league is not None:
            plays, asked = registry.league_name(club.league), registry.league_name(league)
            raise UserError("{club} play in {plays}, not {asked}.", club=club.name, plays=plays, asked=asked)
        suggestions = [c.name for c in registry.suggest_clubs(name, limit=3, league=league)]
        if suggestions:
            raise UserError(
                "No club called '{name}' — did you mean {names}?", name=_quoted(name), names=_or(suggestions)
            )
        if league:
            raise UserError(
                "No club called '{name}' in {league}. Try the club's full name, for example 'Real Madrid'.",
                name=_quoted(name),
                league=registry.league_name(league),
            )
        raise UserError(
            "No club called '{name}'. Try the club's full name, for example 'Real Madrid'.",
            name=_quoted(name),
        )

    async def resolve_person(self, name: str, role: PersonRole | None = None) -> Person:
        """The person a user typed, or a UserError suggesting the closest names."""
        registry = self._registry
        if not fold(name):
            raise UserError("Type a name, for example 'Carlo Ancelotti'.")
        person = registry.people.get(name) or registry.person_by_name(name)
        if person is not None and _has_role(person, role):
            return person
        suggestions = [p.name for p in registry.suggest_people(name, limit=10) if _has_role(p, role)][:3]
        quoted, names = _quoted(name), _or(suggestions)
        if role == "manager" and suggestions:
            raise UserError("No manager called '{name}' — did you mean {names}?", name=quoted, names=names)
        if role == "manager":
            raise UserError(
                "No manager called '{name}'. Try the full name, for example 'Carlo Ancelotti'.", name=quoted
            )
        if suggestions:
            raise UserError("No person called '{name}' — did you mean {names}?", name=quoted, names=names)
        raise UserError(
            "No person called '{name}'. Try the full name, for example 'Carlo Ancelotti'.", name=quoted
        )

    async def autocomplete_clubs(
        self, typed: str, league: str | None = None, limit: int = AUTOCOMPLETE_MAX
    ) -> list[tuple[str, str]]:
        """(label, value=club key) choices for a slash-command option; empty input → a useful list."""
        registry = self._registry
        limit = max(0, min(limit, AUTOCOMPLETE_MAX))
        query = fold(typed)
        if not query:
            clubs = (
                registry.clubs_in(league)
                if league
                else [registry.clubs[k] for k in FEATURED_CLUBS if k in registry.clubs]
            )
        else:
            clubs = _prefix_matches(query, _index(registry).club_pool(league))
            if len(query) >= FUZZY_MIN_CHARS:
                clubs += [
                    c
                    for c in registry.suggest_clubs(typed, limit=limit, league=league)
                    if (c.league == league if league else _in_a_league(c))
                ]
        return [
            (_label(f"{c.name} ({registry.league_name(c.league)})"), c.key) for c in _unique(clubs)[:limit]
        ]

    async def autocomplete_managers(self, typed: str, limit: int = AUTOCOMPLETE_MAX) -> list[tuple[str, str]]:
        """(label, value=person key) choices among current head coaches; empty input → big clubs' ones."""
        registry = self._registry
        limit = max(0, min(limit, AUTOCOMPLETE_MAX))
        query = fold(typed)
        if not query:
            people = [m for k in FEATURED_CLUBS if (m := registry.manager_of(k)) is not None]
        else:
            index = _index(registry)
            people = _prefix_matches(query, index.coaches)
            if len(query) >= FUZZY_MIN_CHARS:
                suggested = registry.suggest_people(typed, limit=limit * 2)
                people += [p for p in suggested if p.key in index.coach_keys]
        choices = []
        for person in _unique(people)[:limit]:
            club = _coaching_club(registry, person)
            label = f"{person.name} ({club.short_name})" if club else person.name
            choices.append((_label(label), person.key))
        return choices

    async def end_tenure(self, person_key: str, club_key: str, on: date, reason: str) -> bool:
        """Record that the person no longer coaches the club (a level-3 finding); True if one was open."""
        if person_key not in self._registry.people:
            raise UserError(f"Unknown person '{_quoted(person_key)}'.")
        if club_key not in self._bundle.clubs:
            raise UserError(f"Unknown club '{_quoted(club_key)}'.")
        async with self.store.transaction() as db:
            closed = await queries.end_tenure(db, person_key, club_key, on, reason[:500])
        if closed:
            await self._refresh()
        return closed > 0

    async def end_tenure_in(
        self, db: aiosqlite.Connection, person_key: str, club_key: str, on: date, reason: str
    ) -> bool:
        """`end_tenure` inside the caller's transaction (a confirmed sacking and its finding are one
        write); the caller runs `reload_tenures` once it commits. Unknown keys end nothing."""
        if person_key not in self._registry.people or club_key not in self._bundle.clubs:
            return False
        return await queries.end_tenure(db, person_key, club_key, on, reason[:500]) > 0

    async def reload_tenures(self) -> None:
        """Bring the in-memory registry up to the tenures the store holds."""
        await self._refresh()

    async def current_manager(self, club_key: str) -> Person | None:
        """The club's head coach as the store knows it (a sacking read in the news ends the spell)."""
        async with self.store.read() as db:
            key = await queries.current_coach_key(db, club_key)
        return self._registry.people.get(key) if key else None


def _has_role(person: Person, role: PersonRole | None) -> bool:
    if role is None or person.role == role:
        return True
    # Anyone who has picked a team counts as a manager when a command asks for one.
    return role == "manager" and any(t.role in COACHING_ROLES for t in person.tenures)


def _current_coaches(registry: Registry) -> list[Person]:
    return [p for p in registry.people.values() if _coaching_club(registry, p) is not None]


def _coaching_club(registry: Registry, person: Person) -> Club | None:
    """The club autocomplete names beside a coach: the one answer (`affiliation`) for today."""
    return affiliation(registry, person).club


@dataclass(frozen=True, slots=True)
class _Names:
    """One entity's names folded once: the shown names, all names, and every word of them."""

    shown: tuple[str, ...]
    every: tuple[str, ...]
    words: tuple[str, ...]

    @classmethod
    def of(cls, shown: Iterable[str], others: Iterable[str]) -> _Names:
        folded_shown = tuple(fold(n) for n in shown)
        every = folded_shown + tuple(fold(n) for n in others)
        return cls(folded_shown, every, tuple(w for f in every for w in f.split()))


class _AutocompleteIndex:
    """What autocomplete needs from one registry, built on its first keystroke: folding every name
    of every club on each keystroke was most of an autocomplete's time. Current coaches depend on
    the tenures, so this belongs to one registry object (a sacking replaces the registry)."""

    def __init__(self, registry: Registry) -> None:
        clubs = [(c, _Names.of((c.name, c.short_name), c.aliases)) for c in registry.clubs.values()]
        self._listed = [entry for entry in clubs if _in_a_league(entry[0])]
        self._by_league: dict[str, list[tuple[Club, _Names]]] = {}
        for entry in clubs:
            self._by_league.setdefault(entry[0].league, []).append(entry)
        self.coaches = [(p, _Names.of((p.name,), p.aliases)) for p in _current_coaches(registry)]
        self.coach_keys = frozenset(p.key for p, _ in self.coaches)

    def club_pool(self, league: str | None) -> list[tuple[Club, _Names]]:
        """The clubs autocomplete offers: one league's, or every club in a covered league."""
        return self._by_league.get(league, []) if league else self._listed


_INDEXES: weakref.WeakKeyDictionary[Registry, _AutocompleteIndex] = weakref.WeakKeyDictionary()


def _index(registry: Registry) -> _AutocompleteIndex:
    index = _INDEXES.get(registry)
    if index is None:
        index = _INDEXES[registry] = _AutocompleteIndex(registry)
    return index


def _in_a_league(club: Club) -> bool:
    """National teams and clubs outside the covered leagues are not offered unprompted."""
    return club.league not in UNLISTED_LEAGUES


def _prefix_matches(query: str, items: Iterable[tuple[T, _Names]]) -> list[T]:
    """Items whose shown name starts with `query`, then those with an alias or a word that does."""
    ranked: list[tuple[int, str, T]] = []
    for item, names in items:
        if any(f.startswith(query) for f in names.shown):
            rank = 0
        elif any(f.startswith(query) for f in names.every):
            rank = 1
        elif any(w.startswith(query) for w in names.words):
            rank = 2
        else:
            continue
        ranked.append((rank, names.shown[0], item))
    ranked.sort(key=lambda entry: entry[:2])
    return [item for _, _, item in ranked]


def _unique(items: Iterable[_Keyed]) -> list[_Keyed]:
    """First of each entity, by key: one registry's clubs and people are equal exactly when their
    keys are, and a dict lookup beats comparing whole dataclasses."""
    seen: dict[str, _Keyed] = {}
    for item in items:
        seen.setdefault(item.key, item)
    return list(seen.values())


def _label(text: str) -> str:
    return text if len(text) <= 100 else text[:99] + "…"
