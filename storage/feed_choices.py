"""Queries for what each server switched off among the shared feeds (migration 012).

A shared feed (bundled, or added by the operator) is polled once for everyone; a server may switch it
off for itself only. A language switched off there (`guild_feed_languages`) covers its bundled feeds;
a choice about one feed (`guild_feed_choices`, on or off) outranks the language rule. Nothing here
changes polling: other servers keep the feed. What a switch filters is the server's digests and alerts
(`only_switched_off`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

CHUNK = 500  # ids per IN (...) list: well under SQLite's and PostgreSQL's parameter limits

# The shared feeds switched off in one server (params: guild_id, guild_id): a choice about the feed
# itself wins; without one, its language's rule applies to a bundled feed.
_OFF = (
    "SELECT f.id AS feed_id, f.language AS language, c.enabled AS chosen, "
    "c.changed_by AS feed_by, c.changed_at AS feed_at, l.changed_by AS lang_by, l.changed_at AS lang_at "
    "FROM feeds f "
    "LEFT JOIN guild_feed_choices c ON c.guild_id = ? AND c.feed_id = f.id "
    "LEFT JOIN guild_feed_languages l ON l.guild_id = ? AND l.language = f.language AND f.is_default = 1 "
    "WHERE (f.is_default = 1 OR f.shared = 1) "
    "AND (c.enabled = 0 OR (c.feed_id IS NULL AND l.language IS NOT NULL))"
)


@dataclass(frozen=True, slots=True)
class SwitchedOff:
    """Why a shared feed is off in one server: its own switch, or its language's."""

    feed_id: int
    by_language: str | None  # the language switched off, when that is the reason
    changed_by: int | None
    changed_at: datetime


async def switched_off(db: aiosqlite.Connection, guild_id: int) -> dict[int, SwitchedOff]:
    """Every shared feed switched off in this server, by feed id."""
    async with db.execute(_OFF, (guild_id, guild_id)) as cursor:
        rows = await cursor.fetchall()
    found: dict[int, SwitchedOff] = {}
    for row in rows:
        by_feed = row["chosen"] is not None
        found[int(row["feed_id"])] = SwitchedOff(
            feed_id=int(row["feed_id"]),
            by_language=None if by_feed else str(row["language"]),
            changed_by=row["feed_by"] if by_feed else row["lang_by"],
            changed_at=datetime.fromisoformat(str(row["feed_at"] if by_feed else row["lang_at"])),
        )
    return found


async def languages_off(db: aiosqlite.Connection, guild_id: int) -> dict[str, datetime]:
    """The bundled feeds' languages switched off in this server, with when."""
    sql = "SELECT language, changed_at FROM guild_feed_languages WHERE guild_id = ? ORDER BY language"
    async with db.execute(sql, (guild_id,)) as cursor:
        return {str(row[0]): datetime.fromisoformat(str(row[1])) for row in await cursor.fetchall()}


async def set_language(
    db: aiosqlite.Connection, guild_id: int, language: str, on: bool, by: int | None, now: datetime
) -> list[int]:
    """Switch a language's bundled feeds on or off in one server; returns those feeds' ids.

    Choices made about single feeds of that language are dropped: the whole language now follows
    this switch (switch one back afterwards with `set_feed`).
    """
    sql = "SELECT id FROM feeds WHERE is_default = 1 AND language = ? ORDER BY id"
    async with db.execute(sql, (language,)) as cursor:
        ids = [int(row[0]) for row in await cursor.fetchall()]
    await db.executemany(
        "DELETE FROM guild_feed_choices WHERE guild_id = ? AND feed_id = ?", [(guild_id, i) for i in ids]
    )
    if on:
        await db.execute(
            "DELETE FROM guild_feed_languages WHERE guild_id = ? AND language = ?", (guild_id, language)
        )
    else:
        await db.execute(
            "INSERT INTO guild_feed_languages (guild_id, language, changed_by, changed_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (guild_id, language) DO UPDATE SET "
            "changed_by = excluded.changed_by, changed_at = excluded.changed_at",
            (guild_id, language, by, now.isoformat()),
        )
    return ids


async def set_feed(
    db: aiosqlite.Connection,
    guild_id: int,
    feed_id: int,
    language_off: bool,
    on: bool,
    by: int | None,
    now: datetime,
) -> None:
    """Switch one shared feed on or off in one server. A choice that agrees with the feed's language
    rule (`language_off`) is not stored, so a later language switch governs the feed again."""
    if on != language_off:
        await db.execute(
            "DELETE FROM guild_feed_choices WHERE guild_id = ? AND feed_id = ?", (guild_id, feed_id)
        )
        return
    await db.execute(
        "INSERT INTO guild_feed_choices (guild_id, feed_id, enabled, changed_by, changed_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (guild_id, feed_id) DO UPDATE SET "
        "enabled = excluded.enabled, changed_by = excluded.changed_by, changed_at = excluded.changed_at",
        (guild_id, feed_id, int(on), by, now.isoformat()),
    )


async def only_switched_off(
    db: aiosqlite.Connection, guild_id: int, story_ids: Sequence[int]
) -> frozenset[int]:
    """The stories among `story_ids` whose every article came from a feed switched off in this
    server. An article whose feed is unknown (an offline replay, or deleted by retention) counts as a
    source the server did not switch off, so such a story stays."""
    if not story_ids or not await _any_switch(db, guild_id):
        return frozenset()
    found: set[int] = set()
    for start in range(0, len(story_ids), CHUNK):
        chunk = list(story_ids[start : start + CHUNK])
        marks = ", ".join("?" for _ in chunk)
        sql = (
            "SELECT fi.story_id FROM findings fi LEFT JOIN articles a ON a.id = fi.article_id "
            f"WHERE fi.story_id IN ({marks}) GROUP BY fi.story_id "
            "HAVING SUM(CASE WHEN a.feed_id IN "
            f"(SELECT feed_id FROM ({_OFF}) AS switched) THEN 0 ELSE 1 END) = 0"
        )
        async with db.execute(sql, (*chunk, guild_id, guild_id)) as cursor:
            found.update(int(row[0]) for row in await cursor.fetchall())
    return frozenset(found)


async def _any_switch(db: aiosqlite.Connection, guild_id: int) -> bool:
    sql = (
        "SELECT 1 FROM guild_feed_languages WHERE guild_id = ? UNION ALL "
        "SELECT 1 FROM guild_feed_choices WHERE guild_id = ? AND enabled = 0 LIMIT 1"
    )
    async with db.execute(sql, (guild_id, guild_id)) as cursor:
        return await cursor.fetchone() is not None


async def subscriptions(db: aiosqlite.Connection, guild_id: int) -> dict[int, tuple[int | None, datetime]]:
    """The server's own feeds: feed id → (who added it, when)."""
    sql = "SELECT feed_id, added_by, added_at FROM feed_subscriptions WHERE guild_id = ?"
    async with db.execute(sql, (guild_id,)) as cursor:
        return {int(row[0]): (row[1], datetime.fromisoformat(str(row[2]))) for row in await cursor.fetchall()}
