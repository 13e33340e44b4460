"""Queries for mentions: people named in a finding in a role (today: tipped successors)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from storage.stories import from_iso, to_iso


@dataclass(frozen=True, slots=True)
class MentionRow:
    article_id: int
    manager_key: str
    person_key: str | None
    person_name: str
    person_id: str  # registry key, else "name:<folded name>": one id per person however spelled
    evidence: str
    outlet: str
    url: str
    level: int
    story_id: int | None
    seen_at: datetime
    role: str = "successor"


async def insert(db: aiosqlite.Connection, rows: list[MentionRow]) -> None:
    await db.executemany(
        "INSERT INTO mentions (article_id, manager_key, person_key, person_name, person_id, role, "
        "evidence, outlet, url, level, story_id, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                m.article_id,
                m.manager_key,
                m.person_key,
                m.person_name,
                m.person_id,
                m.role,
                m.evidence,
                m.outlet,
                m.url,
                m.level,
                m.story_id,
                to_iso(m.seen_at),
            )
            for m in rows
        ],
    )


async def for_manager(
    db: aiosqlite.Connection, manager_key: str, since: datetime, role: str = "successor", limit: int = 2000
) -> list[MentionRow]:
    """A manager's mentions in `role` seen at or after `since`, newest first (index range scan)."""
    async with db.execute(
        "SELECT article_id, manager_key, person_key, person_name, person_id, role, evidence, outlet, url, "
        "level, story_id, seen_at FROM mentions WHERE manager_key = ? AND role = ? AND seen_at >= ? "
        "ORDER BY seen_at DESC LIMIT ?",
        (manager_key, role, to_iso(since), limit),
    ) as cursor:
        rows = await cursor.fetchall()
    return [
        MentionRow(
            article_id=int(r["article_id"]),
            manager_key=str(r["manager_key"]),
            person_key=r["person_key"],
            person_name=str(r["person_name"]),
            person_id=str(r["person_id"]),
            evidence=str(r["evidence"]),
            outlet=str(r["outlet"]),
            url=str(r["url"]),
            level=int(r["level"]),
            story_id=r["story_id"],
            seen_at=from_iso(r["seen_at"]),
            role=str(r["role"]),
        )
        for r in rows
    ]
