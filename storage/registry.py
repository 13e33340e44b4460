"""Registry queries: clubs, people, tenures and aliases as the bundled data wrote them, plus the
tenures the analysis ended (a level-3 finding), which a later data sync must never reopen, and the
people and spells learned at run time (live data, news, admin), which a sync must never delete."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import aiosqlite

COACHING_ROLES_SQL = "('manager', 'interim')"


@dataclass(frozen=True, slots=True)
class ClubRow:
    key: str
    name: str
    short_name: str
    league: str
    country: str


@dataclass(frozen=True, slots=True)
class PersonRow:
    key: str
    name: str
    role: str
    club_key: str | None
    title: str | None
    nationality: str | None


@dataclass(frozen=True, slots=True)
class TenureRow:
    person_key: str
    club_key: str
    role: str
    started_on: date | None
    ended_on: date | None
    ended_by: str | None = None
    source: str = "bundled"


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


async def data_version(db: aiosqlite.Connection) -> str | None:
    async with db.execute("SELECT value FROM registry_meta WHERE key = 'version'") as cursor:
        row = await cursor.fetchone()
    return str(row[0]) if row else None


async def write_snapshot(
    db: aiosqlite.Connection,
    version: str,
    clubs: Sequence[ClubRow],
    people: Sequence[PersonRow],
    tenures: Sequence[TenureRow],
    aliases: Iterable[tuple[str, str, str]],
) -> None:
    """Make the store match a bundle (call inside a transaction).

    Rows the bundle no longer has are removed; a tenure's end date is only ever set, never cleared,
    and an end recorded by a finding (`ended_by`) beats the bundle's date.
    """
    await db.executemany(
        "INSERT INTO clubs (key, name, short_name, league, country) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (key) DO UPDATE SET name = excluded.name, short_name = excluded.short_name, "
        "league = excluded.league, country = excluded.country",
        [(c.key, c.name, c.short_name, c.league, c.country) for c in clubs],
    )
    await db.executemany(
        "INSERT INTO people (key, name, role, club_key, title, nationality) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (key) DO UPDATE SET name = excluded.name, role = excluded.role, "
        "club_key = excluded.club_key, title = excluded.title, nationality = excluded.nationality, "
        "source = 'bundled'",
        [(p.key, p.name, p.role, p.club_key, p.title, p.nationality) for p in people],
    )
    stored: dict[tuple[str, str, str, str | None], tuple[int, str | None, str | None]] = {}
    async with db.execute(
        "SELECT id, person_key, club_key, role, started_on, ended_on, ended_by FROM tenures"
    ) as cursor:
        async for row in cursor:
            stored[(row[1], row[2], row[3], row[4])] = (int(row[0]), row[5], row[6])
    inserts, updates = [], []
    wanted: set[int] = set()
    for tenure in tenures:
        ident = (tenure.person_key, tenure.club_key, tenure.role, _iso(tenure.started_on))
        existing = stored.get(ident)
        if existing is None:
            inserts.append((*ident, _iso(tenure.ended_on)))
            continue
        row_id, ended_on, ended_by = existing
        wanted.add(row_id)
        if ended_by is None and tenure.ended_on is not None and ended_on != _iso(tenure.ended_on):
            updates.append((_iso(tenure.ended_on), row_id))
    stale = [
        (row_id,) for row_id, _, ended_by in stored.values() if row_id not in wanted and ended_by is None
    ]
    learned = {row_id async for row_id in _learned_ids(db)}
    stale = [row for row in stale if row[0] not in learned]
    await db.executemany("DELETE FROM tenures WHERE id = ?", stale)
    await db.executemany(
        "INSERT INTO tenures (person_key, club_key, role, started_on, ended_on) VALUES (?, ?, ?, ?, ?)",
        inserts,
    )
    await db.executemany("UPDATE tenures SET ended_on = ? WHERE id = ?", updates)
    await _delete_missing(db, "people", {p.key for p in people}, only_bundled=True)
    await _delete_missing(db, "clubs", {c.key for c in clubs})
    await db.execute("DELETE FROM aliases")
    await db.executemany("INSERT OR IGNORE INTO aliases (folded, kind, entity_key) VALUES (?, ?, ?)", aliases)
    await db.execute(
        "INSERT INTO registry_meta (key, value) VALUES ('version', ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (version,),
    )


async def _learned_ids(db: aiosqlite.Connection) -> AsyncIterator[int]:
    """Tenures a bundle did not write (live data, news, admin): a bundle sync never deletes them."""
    async with db.execute("SELECT id FROM tenures WHERE source <> 'bundled'") as cursor:
        async for row in cursor:
            yield int(row[0])


async def _delete_missing(
    db: aiosqlite.Connection, table: str, keep: set[str], *, only_bundled: bool = False
) -> None:
    """Remove rows the bundle no longer has (their tenures go with them); people learned at run time
    (`only_bundled`) were never the bundle's to remove."""
    where = " WHERE source = 'bundled'" if only_bundled else ""
    async with db.execute(f"SELECT key FROM {table}{where}") as cursor:
        stored = {str(row[0]) async for row in cursor}
    await db.executemany(f"DELETE FROM {table} WHERE key = ?", [(key,) for key in stored - keep])


async def end_tenure(db: aiosqlite.Connection, person_key: str, club_key: str, on: date, reason: str) -> int:
    """Close the person's open coaching spell at the club; returns how many spells were closed.

    A spell that started after `on` is left alone: an old article replayed today must not end it.
    """
    cursor = await db.execute(
        "UPDATE tenures SET ended_on = ?, ended_by = ? WHERE person_key = ? AND club_key = ? "
        f"AND ended_on IS NULL AND role IN {COACHING_ROLES_SQL} AND COALESCE(started_on, '') <= ?",
        (on.isoformat(), reason, person_key, club_key, on.isoformat()),
    )
    return cursor.rowcount


async def ended_by_findings(db: aiosqlite.Connection) -> list[TenureRow]:
    """Tenures a finding closed, so the in-memory registry can show them ended too."""
    async with db.execute(
        "SELECT person_key, club_key, role, started_on, ended_on, ended_by FROM tenures "
        "WHERE ended_by IS NOT NULL AND source = 'bundled'"
    ) as cursor:
        rows = await cursor.fetchall()
    return [TenureRow(r[0], r[1], r[2], _day(r[3]), _day(r[4]), r[5]) for r in rows]


async def current_coach_key(db: aiosqlite.Connection, club_key: str) -> str | None:
    """The person in the club's latest open coaching spell, as the store knows it."""
    async with db.execute(
        "SELECT person_key FROM tenures WHERE club_key = ? AND ended_on IS NULL "
        f"AND role IN {COACHING_ROLES_SQL} ORDER BY COALESCE(started_on, '') DESC LIMIT 1",
        (club_key,),
    ) as cursor:
        row = await cursor.fetchone()
    return str(row[0]) if row else None


async def tenures_of(db: aiosqlite.Connection, person_key: str) -> list[TenureRow]:
    async with db.execute(
        "SELECT person_key, club_key, role, started_on, ended_on, ended_by, source FROM tenures "
        "WHERE person_key = ? ORDER BY COALESCE(started_on, '')",
        (person_key,),
    ) as cursor:
        rows = await cursor.fetchall()
    return [TenureRow(r[0], r[1], r[2], _day(r[3]), _day(r[4]), r[5], r[6]) for r in rows]


async def counts(db: aiosqlite.Connection) -> tuple[int, int, int]:
    """(clubs, people, open coaching spells) for health output."""
    async with db.execute(
        "SELECT (SELECT COUNT(*) FROM clubs), (SELECT COUNT(*) FROM people), "
        f"(SELECT COUNT(*) FROM tenures WHERE ended_on IS NULL AND role IN {COACHING_ROLES_SQL})"
    ) as cursor:
        row = await cursor.fetchone()
    assert row is not None
    return int(row[0]), int(row[1]), int(row[2])


async def open_tenure(
    db: aiosqlite.Connection, person_key: str, club_key: str, role: str, on: date, source: str
) -> None:
    """Record that the person coaches the club from `on`: the club's other open coaching spells and
    the person's open spells elsewhere end the day before (call inside a transaction)."""
    before = (on - timedelta(days=1)).isoformat()
    await db.execute(
        "UPDATE tenures SET ended_on = ?, ended_by = ? WHERE ended_on IS NULL "
        f"AND role IN {COACHING_ROLES_SQL} AND (club_key = ? OR person_key = ?) "
        "AND COALESCE(started_on, '') < ?",
        (before, f"replaced ({source})", club_key, person_key, on.isoformat()),
    )
    await db.execute(
        "INSERT INTO tenures (person_key, club_key, role, started_on, ended_on, source) "
        "VALUES (?, ?, ?, ?, NULL, ?) ON CONFLICT (person_key, club_key, role, started_on) "
        "DO UPDATE SET ended_on = NULL, ended_by = NULL, source = excluded.source",
        (person_key, club_key, role, on.isoformat(), source),
    )


async def open_coaching_spell(db: aiosqlite.Connection, club_key: str) -> TenureRow | None:
    """The club's latest open coaching spell with its source (who a new claim must outrank)."""
    async with db.execute(
        "SELECT person_key, club_key, role, started_on, ended_on, ended_by, source FROM tenures "
        f"WHERE club_key = ? AND ended_on IS NULL AND role IN {COACHING_ROLES_SQL} "
        "ORDER BY COALESCE(started_on, '') DESC LIMIT 1",
        (club_key,),
    ) as cursor:
        row = await cursor.fetchone()
    return TenureRow(row[0], row[1], row[2], _day(row[3]), _day(row[4]), row[5], row[6]) if row else None


async def learned_tenures(db: aiosqlite.Connection) -> list[TenureRow]:
    """Spells the bundle does not have (live data, news, admin), for the in-memory registry."""
    async with db.execute(
        "SELECT person_key, club_key, role, started_on, ended_on, ended_by, source FROM tenures "
        "WHERE source <> 'bundled' ORDER BY COALESCE(started_on, '')"
    ) as cursor:
        rows = await cursor.fetchall()
    return [TenureRow(r[0], r[1], r[2], _day(r[3]), _day(r[4]), r[5], r[6]) for r in rows]


async def add_person(db: aiosqlite.Connection, person: PersonRow, source: str) -> None:
    """A person learned at run time (e.g. a coach the live data names); a bundle sync keeps them."""
    await db.execute(
        "INSERT INTO people (key, name, role, club_key, title, nationality, source) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING",
        (person.key, person.name, person.role, person.club_key, person.title, person.nationality, source),
    )


async def learned_people(db: aiosqlite.Connection) -> list[PersonRow]:
    """People the bundle does not have, oldest first, for the in-memory registry."""
    async with db.execute(
        "SELECT key, name, role, club_key, title, nationality FROM people WHERE source <> 'bundled' "
        "ORDER BY key"
    ) as cursor:
        rows = await cursor.fetchall()
    return [PersonRow(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows]
