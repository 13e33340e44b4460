"""Queries for the pressure index kept per manager (`manager_pressure`) and per manager-day
(`pressure_days`); the arithmetic lives in bot/rumours/pressure.py."""

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


_COLUMNS = (
    "manager_key, manager_name, folded_name, club_key, club_name, league, rank_key, last_story_id, "
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
    )


async def _fetch(db: aiosqlite.Connection, sql: str, params: Sequence[object]) -> list[ManagerPressureRow]:
    return [_row(r) for r in await select(db, sql, params)]


async def get(db: aiosqlite.Connection, manager_key: str) -> ManagerPressureRow | None:
    found = await _fetch(db, f"SELECT {_COLUMNS} FROM manager_pressure WHERE manager_key = ?", (manager_key,))
    return found[0] if found else None


async def get_many(db: aiosqlite.Connection, manager_keys: Sequence[str]) -> dict[str, ManagerPressureRow]:
    """Several managers' rows in one trip to the database (primary-key lookups)."""
    if not manager_keys:
        return {}
    marks = ", ".join("?" for _ in manager_keys)
    sql = f"SELECT {_COLUMNS} FROM manager_pressure WHERE manager_key IN ({marks})"
    return {row.manager_key: row for row in await _fetch(db, sql, list(manager_keys))}


async def by_folded_name(db: aiosqlite.Connection, folded_name: str) -> ManagerPressureRow | None:
    """A manager the registry does not know, found by the name the press used."""
    found = await _fetch(
        db,
        f"SELECT {_COLUMNS} FROM manager_pressure WHERE folded_name = ? ORDER BY rank_key DESC LIMIT 1",
        (folded_name,),
    )
    return found[0] if found else None


async def top(db: aiosqlite.Connection, limit: int, league: str | None = None) -> list[ManagerPressureRow]:
    """Managers by pressure index, highest first: the rank key orders them at every moment."""
    if league is None:
        return await _fetch(
            db, f"SELECT {_COLUMNS} FROM manager_pressure ORDER BY rank_key DESC LIMIT ?", (limit,)
        )
    return await _fetch(
        db,
        f"SELECT {_COLUMNS} FROM manager_pressure WHERE league = ? ORDER BY rank_key DESC LIMIT ?",
        (league, limit),
    )


async def names_containing(db: aiosqlite.Connection, folded: str, limit: int) -> list[ManagerPressureRow]:
    """Managers in the news whose folded name contains the typed text, hottest first.

    A scan of `manager_pressure`, one short row per manager ever under pressure (thousands at most),
    because people type surnames: a prefix index on full names would miss them.
    """
    return await _fetch(
        db,  # folded names hold only letters, digits and spaces: no LIKE wildcards to escape
        f"SELECT {_COLUMNS} FROM manager_pressure WHERE folded_name LIKE ? ORDER BY rank_key DESC LIMIT ?",
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
) -> None:
    """Fold one finding into its manager's running index and its day's row.

    `rank_term` is log2 of the finding's term (bot/rumours/pressure.py); adding it is a log-sum-exp.
    Club and league follow the newest finding. Runs inside the caller's write transaction.
    """
    current = await get(db, manager_key)
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
        )
    await db.execute(
        f"INSERT OR REPLACE INTO manager_pressure ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
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
        "INSERT INTO pressure_days (manager_key, day, amount, level) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (manager_key, day) DO UPDATE SET amount = amount + excluded.amount, "
        "level = max(level, excluded.level)",
        (manager_key, day.date().isoformat(), day_amount, level),
    )


async def days(
    db: aiosqlite.Connection, manager_keys: Sequence[str], since: datetime
) -> dict[str, list[tuple[datetime, float, int]]]:
    """(day start, amount, level) rows per manager from `since`'s day on (primary-key range scans)."""
    found: dict[str, list[tuple[datetime, float, int]]] = {key: [] for key in manager_keys}
    if not manager_keys:
        return found
    marks = ", ".join("?" for _ in manager_keys)
    sql = (
        f"SELECT manager_key, day, amount, level FROM pressure_days WHERE manager_key IN ({marks}) "
        "AND day >= ? ORDER BY manager_key, day"
    )
    for r in await select(db, sql, (*manager_keys, since.date().isoformat())):
        found[str(r["manager_key"])].append(
            (from_iso(f"{r['day']}T00:00:00+00:00"), float(r["amount"]), int(r["level"]))
        )
    return found
