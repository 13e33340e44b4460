"""Queries for the football aggregate: competitions, matches, point adjustments, official standings.

Every function takes the connection first so callers can compose several inside one transaction.
Dates are 'YYYY-MM-DD' text; `updated_at` is an ISO-8601 UTC time, bumped only when a row changes, so
(count, max(updated_at)) per season is a cheap fingerprint for caches in any process.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

import aiosqlite


class MatchIn(NamedTuple):
    """One fixture to write; goals are None until it has a result."""

    round: str | None
    match_date: str
    kickoff: str | None
    home_team: str
    away_team: str
    home_goals: int | None
    away_goals: int | None
    status: str


class UpsertCounts(NamedTuple):
    inserted: int
    updated: int
    unchanged: int


class AdjustmentIn(NamedTuple):
    competition: str
    season: str
    team: str
    points: int
    effective_on: str
    reason: str


class OfficialIn(NamedTuple):
    team: str
    position: int
    played: int
    points: int


async def ensure_competition(conn: aiosqlite.Connection, code: str, name: str, country: str) -> None:
    await conn.execute(
        "INSERT INTO competitions (code, name, country) VALUES (?, ?, ?) "
        "ON CONFLICT (code) DO UPDATE SET name = excluded.name, country = excluded.country",
        (code, name, country),
    )


async def upsert_matches(
    conn: aiosqlite.Connection,
    competition: str,
    season: str,
    rows: Sequence[MatchIn],
    source: str,
    now: str,
) -> UpsertCounts:
    """Insert new fixtures, update changed ones (result, date, status), leave the rest untouched."""
    existing: dict[tuple[str, str], tuple[object, ...]] = {}
    async with conn.execute(
        "SELECT home_team, away_team, round, match_date, kickoff, home_goals, away_goals, status "
        "FROM matches WHERE competition = ? AND season = ?",
        (competition, season),
    ) as cursor:
        async for r in cursor:
            existing[(r[0], r[1])] = (r[2], r[3], r[4], r[5], r[6], r[7])
    inserts: list[tuple[object, ...]] = []
    updates: list[tuple[object, ...]] = []
    unchanged = 0
    for row in rows:
        values = (row.round, row.match_date, row.kickoff, row.home_goals, row.away_goals, row.status)
        before = existing.get((row.home_team, row.away_team))
        if before is None:
            inserts.append((competition, season, row.home_team, row.away_team, *values, source, now))
        elif before != values:
            updates.append((*values, source, now, competition, season, row.home_team, row.away_team))
        else:
            unchanged += 1
    if inserts:
        await conn.executemany(
            "INSERT INTO matches (competition, season, home_team, away_team, round, match_date, kickoff, "
            "home_goals, away_goals, status, source, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            inserts,
        )
    if updates:
        await conn.executemany(
            "UPDATE matches SET round = ?, match_date = ?, kickoff = ?, home_goals = ?, away_goals = ?, "
            "status = ?, source = ?, updated_at = ? "
            "WHERE competition = ? AND season = ? AND home_team = ? AND away_team = ?",
            updates,
        )
    return UpsertCounts(len(inserts), len(updates), unchanged)


async def season_matches(conn: aiosqlite.Connection, competition: str, season: str) -> list[aiosqlite.Row]:
    """Every fixture of one league season, played or not, in date order."""
    async with conn.execute(
        "SELECT round, match_date, kickoff, home_team, away_team, home_goals, away_goals, status "
        "FROM matches WHERE competition = ? AND season = ? ORDER BY match_date, kickoff",
        (competition, season),
    ) as cursor:
        return list(await cursor.fetchall())


async def matches_played_by(
    conn: aiosqlite.Connection, competition: str, season: str, on: str
) -> list[aiosqlite.Row]:
    """Fixtures with a result on or before `on` (the raw query a table needs; used as a baseline)."""
    async with conn.execute(
        "SELECT match_date, home_team, away_team, home_goals, away_goals FROM matches "
        "WHERE competition = ? AND season = ? AND match_date <= ? AND home_goals IS NOT NULL "
        "AND status != 'postponed'",
        (competition, season, on),
    ) as cursor:
        return list(await cursor.fetchall())


async def seasons(conn: aiosqlite.Connection) -> list[aiosqlite.Row]:
    """(competition, season, first_date, last_date, fixtures, results) for every stored season."""
    async with conn.execute(
        "SELECT competition, season, MIN(match_date) AS first_date, MAX(match_date) AS last_date, "
        "COUNT(*) AS fixtures, COUNT(home_goals) AS results "
        "FROM matches GROUP BY competition, season ORDER BY competition, season"
    ) as cursor:
        return list(await cursor.fetchall())


async def data_version(conn: aiosqlite.Connection) -> int:
    """SQLite's counter of commits made by other connections (a cheap "anything changed?" check)."""
    async with conn.execute("PRAGMA data_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def season_fingerprint(conn: aiosqlite.Connection, competition: str, season: str) -> tuple[object, ...]:
    """Changes whenever a match, an adjustment or an official snapshot of the season changes."""
    async with conn.execute(
        "SELECT (SELECT COUNT(*) FROM matches WHERE competition = ?1 AND season = ?2), "
        "(SELECT MAX(updated_at) FROM matches WHERE competition = ?1 AND season = ?2), "
        "(SELECT COUNT(*) FROM point_adjustments WHERE competition = ?1 AND season = ?2), "
        "(SELECT COUNT(*) || MAX(as_of) FROM official_standings WHERE competition = ?1 AND season = ?2)",
        (competition, season),
    ) as cursor:
        row = await cursor.fetchone()
    return tuple(row) if row else ()


async def replace_adjustments(conn: aiosqlite.Connection, rows: Iterable[AdjustmentIn]) -> int:
    """Make the stored adjustments exactly the bundled list (it is the only writer of this table)."""
    await conn.execute("DELETE FROM point_adjustments")
    batch = list(rows)
    await conn.executemany(
        "INSERT INTO point_adjustments (competition, season, team, points, effective_on, reason) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        batch,
    )
    return len(batch)


async def adjustments(conn: aiosqlite.Connection, competition: str, season: str) -> list[aiosqlite.Row]:
    async with conn.execute(
        "SELECT team, points, effective_on, reason FROM point_adjustments "
        "WHERE competition = ? AND season = ? ORDER BY effective_on",
        (competition, season),
    ) as cursor:
        return list(await cursor.fetchall())


async def save_official_standings(
    conn: aiosqlite.Connection, competition: str, season: str, as_of: str, lines: Sequence[OfficialIn]
) -> None:
    """Store one official snapshot (replacing any earlier one for the same day)."""
    await conn.execute(
        "DELETE FROM official_standings WHERE competition = ? AND season = ? AND as_of = ?",
        (competition, season, as_of),
    )
    await conn.executemany(
        "INSERT INTO official_standings (competition, season, as_of, team, position, played, points) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(competition, season, as_of, *line) for line in lines],
    )


async def official_snapshots(
    conn: aiosqlite.Connection, competition: str, season: str
) -> list[aiosqlite.Row]:
    """Every official line of a season, newest snapshot first."""
    async with conn.execute(
        "SELECT as_of, team, position, played, points FROM official_standings "
        "WHERE competition = ? AND season = ? ORDER BY as_of DESC, position",
        (competition, season),
    ) as cursor:
        return list(await cursor.fetchall())
