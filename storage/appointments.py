"""Queries for appointments read in the news (migration 014): one row per person, club and role,
its confirmation state, and whether its tenure was opened. Reads go through `appointments_person`
(a man's reports at a club), `appointments_story` (interims named at a sacking) and
`appointments_reported` (the expiry sweep)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import aiosqlite

from storage.stories import from_iso, select, select_one, to_iso


@dataclass(frozen=True, slots=True)
class AppointmentRow:
    id: int
    person_key: str
    person_name: str
    club_key: str
    club_name: str
    role: str  # "manager" | "interim"
    status: str  # reported | confirmed | withdrawn (bot/rumours/confirm.py)
    first_seen_at: datetime  # the first report: the day the tenure starts when confirmed
    last_seen_at: datetime
    outlets: tuple[str, ...]
    signatures: tuple[str, ...]
    story_id: int | None  # an interim: the sacking story he was named at
    opened_on: date | None  # when the tenure was opened (None: not yet, or refused)


_COLUMNS = (
    "id, person_key, person_name, club_key, club_name, role, status, first_seen_at, last_seen_at, "
    "outlets, signatures, story_id, opened_on"
)


def _row(row: aiosqlite.Row) -> AppointmentRow:
    return AppointmentRow(
        id=int(row["id"]),
        person_key=str(row["person_key"]),
        person_name=str(row["person_name"]),
        club_key=str(row["club_key"]),
        club_name=str(row["club_name"]),
        role=str(row["role"]),
        status=str(row["status"]),
        first_seen_at=from_iso(row["first_seen_at"]),
        last_seen_at=from_iso(row["last_seen_at"]),
        outlets=tuple(json.loads(row["outlets"])),
        signatures=tuple(json.loads(row["signatures"])),
        story_id=int(row["story_id"]) if row["story_id"] is not None else None,
        opened_on=date.fromisoformat(row["opened_on"]) if row["opened_on"] else None,
    )


async def latest(
    db: aiosqlite.Connection, person_key: str, club_key: str, role: str, since: datetime
) -> AppointmentRow | None:
    """The person's latest report at the club in `role` last seen at or after `since`."""
    row = await select_one(
        db,
        f"SELECT {_COLUMNS} FROM appointments WHERE person_key = ? AND club_key = ? AND role = ? "
        "AND last_seen_at >= ? ORDER BY last_seen_at DESC LIMIT 1",
        (person_key, club_key, role, to_iso(since)),
    )
    return _row(row) if row is not None else None


async def insert(
    db: aiosqlite.Connection,
    *,
    person_key: str,
    person_name: str,
    club_key: str,
    club_name: str,
    role: str,
    status: str,
    first_seen_at: datetime,
    seen_at: datetime,
    outlets: Sequence[str],
    signatures: Sequence[str],
    story_id: int | None = None,
) -> int:
    row = await select_one(
        db,
        "INSERT INTO appointments (person_key, person_name, club_key, club_name, role, status, "
        "first_seen_at, last_seen_at, outlets, signatures, story_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (
            person_key,
            person_name,
            club_key,
            club_name,
            role,
            status,
            to_iso(first_seen_at),
            to_iso(seen_at),
            json.dumps(list(outlets)),
            json.dumps(list(signatures)),
            story_id,
        ),
    )
    assert row is not None  # RETURNING always yields the new row
    return int(row[0])


async def update(
    db: aiosqlite.Connection,
    row_id: int,
    *,
    status: str,
    first_seen_at: datetime,
    seen_at: datetime,
    outlets: Sequence[str],
    signatures: Sequence[str],
) -> None:
    await db.execute(
        "UPDATE appointments SET status = ?, first_seen_at = ?, last_seen_at = ?, outlets = ?, "
        "signatures = ? WHERE id = ?",
        (
            status,
            to_iso(first_seen_at),
            to_iso(seen_at),
            json.dumps(list(outlets)),
            json.dumps(list(signatures)),
            row_id,
        ),
    )


async def set_opened(db: aiosqlite.Connection, row_id: int, status: str, on: date | None) -> None:
    """The row's final state: confirmed, and the day its tenure opened (None when a better source
    already said otherwise)."""
    await db.execute(
        "UPDATE appointments SET status = ?, opened_on = ? WHERE id = ?",
        (status, on.isoformat() if on else None, row_id),
    )


async def interims_at(db: aiosqlite.Connection, story_id: int) -> list[AppointmentRow]:
    """Interims named at a sacking story and not yet settled (opened or refused), first named first."""
    rows = await select(
        db,
        f"SELECT {_COLUMNS} FROM appointments WHERE story_id = ? AND role = 'interim' "
        "AND status = 'reported' ORDER BY first_seen_at, id",
        (story_id,),
    )
    return [_row(r) for r in rows]


async def withdraw_reported_before(db: aiosqlite.Connection, cutoff: datetime) -> int:
    """Withdraw every appointment still only reported whose first report is older than `cutoff`."""
    cursor = await db.execute(
        "UPDATE appointments SET status = 'withdrawn' WHERE status = 'reported' AND first_seen_at < ?",
        (to_iso(cutoff),),
    )
    return int(cursor.rowcount or 0)
