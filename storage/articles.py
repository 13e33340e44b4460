"""Queries for articles: bulk look-ups for dedupe and multi-row inserts, so a 50-item feed costs a
handful of round trips to the database thread instead of one per item."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

CHUNK = 400  # values per look-up statement
INSERT_ROWS = 250  # rows per insert: each row count is a statement sqlite3 caches, so keep them small
_ROW_MARKS = "(?,?,?,?,?,?,?,?,?,?,?,?)"


@dataclass(frozen=True, slots=True)
class ArticleKey:
    """Enough of a stored article to decide whether an incoming item is new, changed or seen."""

    id: int
    feed_id: int | None
    guid: str | None
    canonical_url: str
    title: str
    content_hash: str


# An article row in insert order: feed_id, guid, url, canonical_url, title, summary, content_hash,
# outlet, language, published_at, fetched_at (times as ISO text), lang (declared, or None).
ArticleValues = tuple[int | None, str | None, str, str, str, str, str, str, str, str, str, str | None]


@dataclass(frozen=True, slots=True)
class NewArticle:
    feed_id: int | None
    guid: str | None
    url: str
    canonical_url: str
    title: str
    summary: str
    content_hash: str
    outlet: str
    language: str
    published_at: datetime
    fetched_at: datetime
    lang: str | None = None  # declared by the feed; None: analysis detects it


def _chunks(values: Sequence[str], size: int = CHUNK) -> Iterable[Sequence[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _key(row: aiosqlite.Row) -> ArticleKey:
    return ArticleKey(
        id=int(row["id"]),
        feed_id=row["feed_id"],
        guid=row["guid"],
        canonical_url=str(row["canonical_url"]),
        title=str(row["title"]),
        content_hash=str(row["content_hash"]),
    )


async def _select(
    db: aiosqlite.Connection, column: str, values: Sequence[str], feed_id: int | None = None
) -> list[ArticleKey]:
    found: list[ArticleKey] = []
    for chunk in _chunks(sorted(set(values))):
        marks = ",".join("?" * len(chunk))
        sql = (
            "SELECT id, feed_id, guid, canonical_url, title, content_hash FROM articles "
            f"WHERE {column} IN ({marks})"
        )
        params: list[object] = list(chunk)
        if feed_id is not None:
            sql += " AND feed_id = ?"
            params.append(feed_id)
        found.extend(_key(row) for row in await db.execute_fetchall(sql, params))
    return found


async def matching(db: aiosqlite.Connection, urls: Sequence[str], hashes: Sequence[str]) -> list[ArticleKey]:
    """Stored articles sharing a canonical URL or content hash with a batch, in one statement
    (SQLite answers the OR with both indexes). GUIDs are left to the unique (feed_id, guid) index
    at insert time: probing them too would double the cost of every poll."""
    urls, hashes = sorted(set(urls)), sorted(set(hashes))
    if len(urls) + len(hashes) > CHUNK * 20:
        return await _select(db, "canonical_url", urls) + await _select(db, "content_hash", hashes)
    sql = (
        "SELECT id, feed_id, guid, canonical_url, title, content_hash FROM articles "
        f"WHERE canonical_url IN ({','.join('?' * len(urls))}) "
        f"OR content_hash IN ({','.join('?' * len(hashes))})"
    )
    return [_key(row) for row in await db.execute_fetchall(sql, [*urls, *hashes])]


async def by_guid(db: aiosqlite.Connection, feed_id: int, guids: Sequence[str]) -> list[ArticleKey]:
    """Stored articles of one feed with these GUIDs."""
    return await _select(db, "guid", guids, feed_id)


async def insert_many(db: aiosqlite.Connection, rows: Sequence[NewArticle]) -> dict[str, int]:
    """Insert already-deduped rows; returns canonical_url → new id (a racing duplicate is skipped)."""
    return await insert_values(
        db,
        [
            (
                row.feed_id,
                row.guid,
                row.url,
                row.canonical_url,
                row.title,
                row.summary,
                row.content_hash,
                row.outlet,
                row.language,
                row.published_at.isoformat(),
                row.fetched_at.isoformat(),
                row.lang,
            )
            for row in rows
        ],
    )


async def insert_values(db: aiosqlite.Connection, rows: Sequence[ArticleValues]) -> dict[str, int]:
    """insert_many for rows already in column order (the poller builds them in one pass).

    Up to INSERT_ROWS rows go in one statement, run and read back in one hop to the database thread.
    """
    ids: dict[str, int] = {}
    for start in range(0, len(rows), INSERT_ROWS):
        chunk = rows[start : start + INSERT_ROWS]
        sql = (
            "INSERT INTO articles (feed_id, guid, url, canonical_url, title, summary, content_hash, "
            f"outlet, language, published_at, fetched_at, lang) VALUES {','.join([_ROW_MARKS] * len(chunk))} "
            "ON CONFLICT DO NOTHING RETURNING id, canonical_url"
        )
        params = [value for row in chunk for value in row]
        for found in await db.execute_fetchall(sql, params):
            ids[str(found[1])] = int(found[0])
    return ids


async def update_title(
    db: aiosqlite.Connection, article_id: int, title: str, summary: str, content_hash: str, now: datetime
) -> None:
    """A feed changed an article's headline: keep one row, with the newest words."""
    await db.execute(
        "UPDATE articles SET title = ?, summary = ?, content_hash = ?, updated_at = ? WHERE id = ?",
        (title, summary, content_hash, now.isoformat(), article_id),
    )


async def mark_analysed(db: aiosqlite.Connection, ids: Sequence[int]) -> None:
    """Record that these articles reached analysis, so a restart does not hand them on again."""
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start : start + CHUNK])
        marks = ",".join("?" * len(chunk))
        await db.execute(f"UPDATE articles SET analysed = 1 WHERE id IN ({marks})", chunk)


async def awaiting_analysis(db: aiosqlite.Connection, limit: int) -> list[aiosqlite.Row]:
    """Stored articles that never reached analysis (a crash or a failed write came between), oldest
    first. `first_poll` is true when nothing older came from the same feed: no alert for those."""
    sql = (
        "SELECT a.id, a.feed_id, a.url, a.title, a.summary, a.body, a.outlet, a.language, a.lang,"
        " a.published_at,"
        " NOT EXISTS (SELECT 1 FROM articles b WHERE b.feed_id = a.feed_id AND b.fetched_at < a.fetched_at)"
        " AS first_poll FROM articles a WHERE a.analysed = 0 ORDER BY a.id LIMIT ?"
    )
    async with db.execute(sql, (limit,)) as cursor:
        return list(await cursor.fetchall())


async def set_body(db: aiosqlite.Connection, article_id: int, body: str) -> None:
    await db.execute("UPDATE articles SET body = ? WHERE id = ?", (body, article_id))


async def total(db: aiosqlite.Connection) -> int:
    """All stored articles, from the trigger-kept counter (a count(*) reads the whole table)."""
    async with db.execute("SELECT n FROM row_counts WHERE name = 'articles'") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def count(db: aiosqlite.Connection, feed_id: int | None = None) -> int:
    sql = "SELECT COUNT(*) FROM articles"
    params: tuple[int, ...] = ()
    if feed_id is not None:
        sql, params = sql + " WHERE feed_id = ?", (feed_id,)
    async with db.execute(sql, params) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def titles(db: aiosqlite.Connection, feed_id: int | None = None) -> list[tuple[str, str]]:
    """(title, url) of stored articles in id order: what tests and replays compare against."""
    sql = "SELECT title, url FROM articles"
    params: tuple[int, ...] = ()
    if feed_id is not None:
        sql, params = sql + " WHERE feed_id = ?", (feed_id,)
    sql += " ORDER BY id"
    async with db.execute(sql, params) as cursor:
        return [(str(r[0]), str(r[1])) for r in await cursor.fetchall()]


async def set_detected_lang(db: aiosqlite.Connection, article_id: int, lang: str) -> None:
    """Record the language analysis detected for an article whose feed declared none (declared
    languages are never overwritten)."""
    await db.execute("UPDATE articles SET lang = ? WHERE id = ? AND lang IS NULL", (lang, article_id))
