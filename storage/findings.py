"""Queries for findings: one row per analysed article, pressure or not (counts stay honest)."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime

import aiosqlite

from storage.stories import select_one, to_iso


@dataclass(frozen=True, slots=True)
class FindingRow:
    """What `insert` stores; `data` is the analysis' JSON (the CLI contract's Finding shape)."""

    article_id: int
    pressure: bool
    level: int
    score: float
    manager_key: str | None
    manager_name: str | None
    club_key: str | None
    club_name: str | None
    outlet: str
    origins: tuple[str, ...]
    title: str
    url: str
    text_sig: str
    first_poll: bool
    weight: float
    published_at: datetime
    story_id: int | None
    claim_check: str | None
    data: dict[str, object]


async def exists(db: aiosqlite.Connection, article_id: int) -> bool:
    return await select_one(db, "SELECT 1 FROM findings WHERE article_id = ?", (article_id,)) is not None


async def insert(db: aiosqlite.Connection, row: FindingRow) -> None:
    await db.execute(
        "INSERT INTO findings (article_id, pressure, level, score, manager_key, manager_name, club_key, "
        "club_name, outlet, origins, title, url, text_sig, first_poll, weight, published_at, story_id, "
        "claim_check, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            row.article_id,
            int(row.pressure),
            row.level,
            row.score,
            row.manager_key,
            row.manager_name,
            row.club_key,
            row.club_name,
            row.outlet,
            json.dumps(list(row.origins)),
            row.title,
            row.url,
            row.text_sig,
            int(row.first_poll),
            row.weight,
            to_iso(row.published_at),
            row.story_id,
            row.claim_check,
            json.dumps(row.data, ensure_ascii=False),
        ),
    )


async def insert_failed(db: aiosqlite.Connection, row: FindingRow, reason: str) -> None:
    """Mark an article analysed with a failure (timed out, raised): a no-pressure row whose data
    holds the reason under "failed", so the article counts as done and is never analysed again."""
    data = {**row.data, "failed": reason}
    await insert(db, replace(row, pressure=False, level=0, score=0.0, story_id=None, weight=0.0, data=data))


async def failure(db: aiosqlite.Connection, article_id: int) -> str | None:
    """Why analysis gave up on the article, or None (analysed fine, or not yet)."""
    row = await select_one(
        db, "SELECT json_extract(data, '$.failed') FROM findings WHERE article_id = ?", (article_id,)
    )
    return str(row[0]) if row and row[0] is not None else None


async def count(db: aiosqlite.Connection) -> int:
    row = await select_one(db, "SELECT n FROM row_counts WHERE name = 'findings'")
    return int(row[0]) if row else 0
