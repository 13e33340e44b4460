"""Queries for the pressure index kept per manager (`manager_pressure`) and per manager-day
(`pressure_days`); the arithmetic lives in bot/rumours/pressure.py.

Rows are kept per scope: 0 is shared by every server, any other scope is one private feed's (see
migration 003). A server's view merges scope 0 with the scopes of the feeds it follows at query time.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from storage.stories import from_iso, select, to_iso


@dataclass(frozen=True, slots=True)
class ManagerPressureRow:
    manager_key: str
    manager_name: str
    folded_name: str
    club_key: str | None
    club_name: str | None
    league: str | None
    rank_key: float
    last_story_id: int | None
    last_seen_at: datetime
    finding_count: int
    scope: int = 0


_COLUMNS = (
    "scope, manager_key, manager_name, folded_name, club_key, club_name, league, rank_key, last_story_id, "
    "last_seen_at, finding_count"
)


def _row(r: aiosqlite.Row) -> ManagerPressureRow:
    return ManagerPressureRow(
        manager_key=str(r["manager_key"]),
        manager_name=str(r["manager_name"]),
        folded_name=str(r["folded_name"]),
        club_key=r["club_key"],
        club_name=r["club_name"],
        league=r["league"],
        rank_key=float(r["rank_key"]),
        last_story_id=r["last_story_id"],
        last_seen_at=from_iso(r["last_seen_at"]),
        finding_count=int(r["finding_count"]),
        scope=int(r["scope"]),
    )


async def _fetch(db: aiosqlite.Connection, sql: str, params: Sequence[object]) -> list[ManagerPressureRow]:
    return [_row(r) for r in await select(db, sql, params)]


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" for _ in values)


async def get(db: aiosqlite.Connection, manager_key: str, scope: int = 0) -> ManagerPressureRow | None:
    found = await _fetch(
        db,
        f"SELECT {_COLUMNS} FROM manager_pressure WHERE scope = ? AND manager_key = ?",
        (scope, manager_key),
    )
    return found[0] if found else None


async def get_many(
    db: aiosqlite.Connection, manager_keys: Sequence[str], scopes: Sequence[int] = (0,)
) -> dict[str, list[ManagerPressureRow]]:
    """Several managers' rows in `scopes`, by manager, in one trip to the database (primary-key seeks)."""
    found: dict[str, list[ManagerPressureRow]] = {}
    if not manager_keys:
        return found
    sql = (
        f"SELECT {_COLUMNS} FROM manager_pressure WHERE scope IN ({_marks(scopes)}) "
        f"AND manager_key IN ({_marks(manager_keys)})"
    )
    for row in await _fetch(db, sql, [*scopes, *manager_keys]):
        found.setdefault(row.manager_key, []).append(row)
    return found


async def by_folded_name(
    db: aiosqlite.Connection, folded_name: str, scopes: Sequence[int] = (0,)
) -> ManagerPressureRow | None:
    """A manager the registry does not know, found by the name the press used."""
    found = await _fetch(
        db,
        f"SELECT {_COLUMNS} FROM manager_pressure WHERE scope IN ({_marks(scopes)}) AND folded_name = ? "
        "ORDER BY scope = 0 DESC, rank_key DESC LIMIT 1",
        (*scopes, folded_name),
    )
    return found[0] if found else None


async def top(
    db: aiosqlite.Connection, limit: int, league: str | None = None, scope: int = 0
) -> list[ManagerPressureRow]:
    """Managers by pressure index in one scope, highest first: the rank key orders them at every moment."""
    if league is None:
        return await _fetch(
            db,
            f"SELECT {_COLUMNS} FROM manager_pressure WHERE scope = ? ORDER BY rank_key DESC LIMIT ?",
            (scope, limit),
        )
    return await _fetch(
        db,
        f"SELECT {_COLUMNS} FROM manager_pressure WHERE scope = ? AND league = ? "
        "ORDER BY rank_key DESC LIMIT ?",
        (scope, league, limit),
    )


async def above(
    db: aiosqlite.Connection, scopes: Sequence[int], min_rank: float, league: str | None = None
) -> list[ManagerPressureRow]:
    """Every row in these (private) scopes ranked at `min_rank` or above: a range seek per scope on
    `manager_pressure_rank`, bounded by how much a server's own feeds publish."""
    if not scopes:
        return []
    sql = f"SELECT {_COLUMNS} FROM manager_pressure WHERE scope IN ({_marks(scopes)}) AND rank_key >= ?"
    params: list[object] = [*scopes, min_rank]
    if league is not None:
        sql += " AND league = ?"
        params.append(league)
    return await _fetch(db, sql, params)


async def names_containing(db: aiosqlite.Connection, folded: str, limit: int) -> list[ManagerPressureRow]:
    """Managers in the news whose folded name contains the typed text, hottest first.

    A scan of `manager_pressure`, one short row per manager ever under pressure (thousands at most),
    because people type surnames: a prefix index on full names would miss them.
    """
    return await _fetch(
        db,  # folded names hold only letters, digits and spaces: no LIKE wildcards to escape
        f"SELECT {_COLUMNS} FROM manager_pressure WHERE scope = 0 AND folded_name LIKE ? "
        "ORDER BY rank_key DESC LIMIT ?",
        (f"%{folded}%", limit),
    )


async def add(
    db: aiosqlite.Connection,
    *,
    manager_key: str,
    manager_name: str,
    folded_name: str,
    club_key: str | None,
    club_name: str | None,
    league: str | None,
    rank_term: float,
    story_id: int,
    seen_at: datetime,
    level: int,
    day: datetime,
    day_amount: float,
    scope: int = 0,
) -> None:
    """Fold one finding into its manager's running index and its day's row.

    `rank_term` is log2 of the finding's term (bot/rumours/pressure.py); adding it is a log-sum-exp.
    Club and league follow the newest finding. Runs inside the caller's write transaction.
    """
    current = await get(db, manager_key, scope)
    rank = rank_term
    if current is not None:
        high, low = max(current.rank_key, rank_term), min(current.rank_key, rank_term)
        rank = high + math.log2(1.0 + 2.0 ** (low - high)) if math.isfinite(low) else high
    row = ManagerPressureRow(
        manager_key=manager_key,
        manager_name=manager_name,
        folded_name=folded_name,
        club_key=club_key,
        club_name=club_name,
        league=league,
        rank_key=rank,
        last_story_id=story_id,
        last_seen_at=seen_at,
        finding_count=1,
        scope=scope,
    )
    if current is not None:
        older = seen_at < current.last_seen_at
        newer, other = (current, row) if older else (row, current)
        row = ManagerPressureRow(
            manager_key=manager_key,
            manager_name=newer.manager_name,
            folded_name=newer.folded_name,
            club_key=newer.club_key or other.club_key,
            club_name=newer.club_name or other.club_name,
            league=newer.league or other.league,
            rank_key=rank,
            last_story_id=newer.last_story_id,
            last_seen_at=newer.last_seen_at,
            finding_count=current.finding_count + 1,
            scope=scope,
        )
    await db.execute(
        f"INSERT OR REPLACE INTO manager_pressure ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            row.scope,
            row.manager_key,
            row.manager_name,
            row.folded_name,
            row.club_key,
            row.club_name,
            row.league,
            row.rank_key,
            row.last_story_id,
            to_iso(row.last_seen_at),
            row.finding_count,
        ),
    )
    await db.execute(
        "INSERT INTO pressure_days (scope, manager_key, day, amount, level) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (scope, manager_key, day) DO UPDATE SET amount = amount + excluded.amount, "
        "level = max(level, excluded.level)",
        (scope, manager_key, day.date().isoformat(), day_amount, level),
    )


async def days(
    db: aiosqlite.Connection, manager_keys: Sequence[str], since: datetime, scopes: Sequence[int] = (0,)
) -> dict[str, list[tuple[datetime, float, int]]]:
    """(day start, amount, level) rows per manager from `since`'s day on, the scopes' amounts added
    and levels maxed (primary-key range scans)."""
    found: dict[str, list[tuple[datetime, float, int]]] = {key: [] for key in manager_keys}
    if not manager_keys:
        return found
    sql = (
        "SELECT manager_key, day, sum(amount) AS amount, max(level) AS level FROM pressure_days "
        f"WHERE scope IN ({_marks(scopes)}) AND manager_key IN ({_marks(manager_keys)}) AND day >= ? "
        "GROUP BY manager_key, day ORDER BY manager_key, day"
    )
    for r in await select(db, sql, (*scopes, *manager_keys, since.date().isoformat())):
        found[str(r["manager_key"])].append(
            (from_iso(f"{r['day']}T00:00:00+00:00"), float(r["amount"]), int(r["level"]))
        )
    return found
