"""Queries for retention: find articles held past the retention age and delete them in batches.

Findings, stories, mentions and the pressure tables are never touched: every command answers from
them, and a finding keeps its article's title, URL, outlet and date (findings do not reference
articles, so deleting an article leaves its finding in place).
"""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where the last batch stopped, so skipped rows are never read twice (keyset paging)."""

    published_at: str = ""
    article_id: int = 0


async def old_articles(
    db: aiosqlite.Connection, cutoff: str, after: Cursor, limit: int
) -> tuple[list[int], Cursor | None]:
    """Up to `limit` ids of articles both published and fetched before `cutoff`, after `after`.

    Walks the published_at index; an article fetched recently (an old date in a live feed) is
    skipped, so news dedupe still knows it while the feed may show it again. The newest article is
    never returned: SQLite gives a new row max(id) + 1, so keeping it means a pruned id is never
    reused (a reused id would look like an article whose finding is already recorded).
    Returns the ids and the cursor for the next call (None when the walk is done).
    """
    async with db.execute(
        "SELECT id, published_at, fetched_at FROM articles "
        "WHERE published_at < ? AND (published_at, id) > (?, ?) "
        "ORDER BY published_at, id LIMIT ?",
        (cutoff, after.published_at, after.article_id, limit),
    ) as cursor:
        rows = list(await cursor.fetchall())
    if not rows:
        return [], None
    async with db.execute("SELECT max(id) FROM articles") as cursor:
        top = await cursor.fetchone()
    newest = int(top[0]) if top and top[0] is not None else 0
    ids = [int(r[0]) for r in rows if str(r[2]) < cutoff and int(r[0]) != newest]
    last = rows[-1]
    return ids, Cursor(str(last[1]), int(last[0])) if len(rows) == limit else None


async def delete_articles(db: aiosqlite.Connection, ids: list[int]) -> int:
    """Delete these articles (their headline index rows go with them by trigger)."""
    if not ids:
        return 0
    marks = ",".join("?" * len(ids))
    cursor = await db.execute(f"DELETE FROM articles WHERE id IN ({marks})", ids)
    return int(cursor.rowcount)


async def oldest_published(db: aiosqlite.Connection) -> str | None:
    """The publication time of the oldest article kept (one index probe, unlike a count)."""
    async with db.execute("SELECT min(published_at) FROM articles") as cursor:
        row = await cursor.fetchone()
    return str(row[0]) if row and row[0] is not None else None
