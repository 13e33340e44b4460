"""Per-competition refresh outcomes (migration 011): the last success and the latest failure's reason.

A failure never touches the matches or tenures themselves; it only records why they are older than
they should be, and the next success clears it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import aiosqlite


@dataclass(frozen=True, slots=True)
class StatusRow:
    competition: str
    part: str
    refreshed_at: str | None
    problem: str | None
    problem_args: dict[str, Any]
    problem_at: str | None


async def record_success(db: aiosqlite.Connection, competition: str, part: str, at: str) -> None:
    await db.execute(
        "INSERT INTO refresh_status (competition, part, refreshed_at) VALUES (?, ?, ?) "
        "ON CONFLICT (competition, part) DO UPDATE SET refreshed_at = excluded.refreshed_at, "
        "problem = NULL, problem_args = NULL, problem_at = NULL",
        (competition, part, at),
    )


async def record_problem(
    db: aiosqlite.Connection, competition: str, part: str, problem: str, args: dict[str, Any], at: str
) -> None:
    await db.execute(
        "INSERT INTO refresh_status (competition, part, problem, problem_args, problem_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (competition, part) DO UPDATE SET problem = excluded.problem, "
        "problem_args = excluded.problem_args, problem_at = excluded.problem_at",
        (competition, part, problem, json.dumps(args, sort_keys=True), at),
    )


async def all_rows(db: aiosqlite.Connection) -> list[StatusRow]:
    async with db.execute(
        "SELECT competition, part, refreshed_at, problem, problem_args, problem_at FROM refresh_status "
        "ORDER BY competition, part"
    ) as cursor:
        rows = await cursor.fetchall()
    return [StatusRow(r[0], r[1], r[2], r[3], _args(r[4]), r[5]) for r in rows]


def _args(text: str | None) -> dict[str, Any]:
    try:
        found = json.loads(text) if text else {}
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}
