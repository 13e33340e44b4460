"""Queries for stories: one event about one manager, told by one or more articles.

Every read goes through an index: `stories_manager` (manager_key, last_seen_at) for a manager's
stories, `stories_last_seen` for digest windows and `stories_alert` for the alert cursor.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import aiosqlite

from storage import cluster


def to_iso(moment: datetime) -> str:
    """The stored form of a time: ISO-8601 in UTC, seconds precision (sorts as text)."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def from_iso(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


async def select(db: aiosqlite.Connection, sql: str, params: Sequence[object] = ()) -> list[aiosqlite.Row]:
    """All rows of a query in one trip to the database thread (a cursor costs three)."""
    return list(await db.execute_fetchall(sql, params))


async def select_one(
    db: aiosqlite.Connection, sql: str, params: Sequence[object] = ()
) -> aiosqlite.Row | None:
    found = await select(db, sql, params)
    return found[0] if found else None


@dataclass(frozen=True, slots=True)
class StoryRow:
    id: int
    manager_key: str
    manager_name: str
    club_key: str | None
    club_name: str | None
    league: str | None
    level: int
    headline: str
    url: str
    first_seen_at: datetime
    last_seen_at: datetime
    article_count: int
    outlets: tuple[str, ...]
    value: float
    alert_seq: int | None
    scope: int = 0  # 0: shared; else the private feed the story came from
    status: str = "reported"  # of a level-3 story: reported, confirmed, withdrawn (bot/rumours/confirm.py)
    decided_at: datetime | None = None  # the first level-3 report
    decided_outlets: tuple[str, ...] = ()

    @property
    def outlet_count(self) -> int:
        return len(self.outlets)


_COLUMNS = (
    "id, manager_key, manager_name, club_key, club_name, league, level, headline, url, first_seen_at, "
    "last_seen_at, article_count, outlets, value, alert_seq, scope, status, decided_at, decided_outlets"
)


def _story(row: aiosqlite.Row) -> StoryRow:
    return StoryRow(
        id=int(row["id"]),
        manager_key=str(row["manager_key"]),
        manager_name=str(row["manager_name"]),
        club_key=row["club_key"],
        club_name=row["club_name"],
        league=row["league"],
        level=int(row["level"]),
        headline=str(row["headline"]),
        url=str(row["url"]),
        first_seen_at=from_iso(row["first_seen_at"]),
        last_seen_at=from_iso(row["last_seen_at"]),
        article_count=int(row["article_count"]),
        outlets=tuple(json.loads(row["outlets"])),
        value=float(row["value"]),
        alert_seq=row["alert_seq"],
        scope=int(row["scope"]),
        status=str(row["status"]),
        decided_at=from_iso(row["decided_at"]) if row["decided_at"] else None,
        decided_outlets=tuple(json.loads(row["decided_outlets"])),
    )


def _in(scopes: Sequence[int]) -> str:
    """`scope IN (?, ...)` for the scopes a reader may see (0, shared, always among them)."""
    return f"scope IN ({', '.join('?' for _ in scopes)})"


async def _fetch(db: aiosqlite.Connection, sql: str, params: Sequence[object]) -> list[StoryRow]:
    return [_story(row) for row in await select(db, sql, params)]


async def get_many(db: aiosqlite.Connection, story_ids: Sequence[int]) -> dict[int, StoryRow]:
    """Stories by id, in one primary-key lookup per id and one trip to the database."""
    if not story_ids:
        return {}
    marks = ", ".join("?" for _ in story_ids)
    found = await _fetch(db, f"SELECT {_COLUMNS} FROM stories WHERE id IN ({marks})", list(story_ids))
    return {story.id: story for story in found}


async def recent_for_manager(
    db: aiosqlite.Connection,
    manager_key: str,
    since: datetime,
    limit: int = 20,
    scopes: Sequence[int] = (0,),
) -> list[StoryRow]:
    """A manager's stories in `scopes` last seen at or after `since`, newest first."""
    return await _fetch(
        db,
        f"SELECT {_COLUMNS} FROM stories WHERE manager_key = ? AND last_seen_at >= ? AND {_in(scopes)} "
        "ORDER BY last_seen_at DESC LIMIT ?",
        (manager_key, to_iso(since), *scopes, limit),
    )


async def around(
    db: aiosqlite.Connection, manager_key: str, low: datetime, high: datetime, scope: int = 0
) -> list[StoryRow]:
    """A manager's stories in one scope last seen in [low, high]: the ones a new article may join."""
    return await _fetch(
        db,
        f"SELECT {_COLUMNS} FROM stories WHERE manager_key = ? AND last_seen_at BETWEEN ? AND ? "
        "AND scope = ? ORDER BY last_seen_at DESC LIMIT 50",
        (manager_key, to_iso(low), to_iso(high), scope),
    )


async def insert(
    db: aiosqlite.Connection,
    *,
    manager_key: str,
    manager_name: str,
    club_key: str | None,
    club_name: str | None,
    league: str | None,
    level: int,
    headline: str,
    url: str,
    seen_at: datetime,
    outlets: Sequence[str],
    value: float,
    scope: int = 0,
    status: str = "reported",
    decided_at: datetime | None = None,
    decided_outlets: Sequence[str] = (),
) -> int:
    row = await select_one(
        db,
        "INSERT INTO stories (manager_key, manager_name, club_key, club_name, league, level, headline, "
        "url, first_seen_at, last_seen_at, article_count, outlet_count, outlets, value, scope, status, "
        "decided_at, decided_outlets) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?) "
        "RETURNING id",
        (
            manager_key,
            manager_name,
            club_key,
            club_name,
            league,
            level,
            headline,
            url,
            to_iso(seen_at),
            to_iso(seen_at),
            len(outlets),
            json.dumps(list(outlets)),
            value,
            scope,
            status,
            to_iso(decided_at) if decided_at else None,
            json.dumps(list(decided_outlets)),
        ),
    )
    assert row is not None  # RETURNING always yields the new row
    return int(row[0])


async def update(
    db: aiosqlite.Connection,
    story: StoryRow,
    *,
    level: int,
    headline: str,
    url: str,
    seen_at: datetime,
    outlets: Sequence[str],
    value: float,
    status: str,
    decided_at: datetime | None,
    decided_outlets: Sequence[str],
) -> None:
    """Add one article to a story: widen its time span, count it, keep the strongest headline, and
    record where its decision (level 3) stands."""
    await db.execute(
        "UPDATE stories SET level = ?, headline = ?, url = ?, first_seen_at = min(first_seen_at, ?), "
        "last_seen_at = max(last_seen_at, ?), article_count = article_count + 1, outlet_count = ?, "
        "outlets = ?, value = ?, status = ?, decided_at = ?, decided_outlets = ? WHERE id = ?",
        (
            level,
            headline,
            url,
            to_iso(seen_at),
            to_iso(seen_at),
            len(outlets),
            json.dumps(list(outlets)),
            value,
            status,
            to_iso(decided_at) if decided_at else None,
            json.dumps(list(decided_outlets)),
            story.id,
        ),
    )


async def mark_alertable(db: aiosqlite.Connection, story_id: int) -> int:
    """Give the story the next alert sequence number (new live story, or its level rose)."""
    row = await select_one(db, "SELECT coalesce(max(alert_seq), 0) + 1 FROM stories")
    seq = int(row[0]) if row else 1
    await db.execute("UPDATE stories SET alert_seq = ? WHERE id = ?", (seq, story_id))
    await cluster.announce_story(db)
    return seq


async def in_window(
    db: aiosqlite.Connection,
    since: datetime,
    until: datetime,
    min_level: int,
    leagues: Sequence[str],
    scopes: Sequence[int] = (0,),
) -> list[StoryRow]:
    """Stories in `scopes` first seen or updated in (since, until], at `min_level` or above, in
    `leagues` if any."""
    sql = (
        f"SELECT {_COLUMNS} FROM stories WHERE last_seen_at > ? AND first_seen_at <= ? AND level >= ? "
        f"AND {_in(scopes)}"
    )
    params: list[object] = [to_iso(since), to_iso(until), min_level, *scopes]
    if leagues:
        sql += f" AND league IN ({', '.join('?' for _ in leagues)})"
        params.extend(leagues)
    return await _fetch(db, sql + " ORDER BY last_seen_at DESC", params)


async def alerts_after(
    db: aiosqlite.Connection, after_seq: int, min_level: int, limit: int, scopes: Sequence[int] = (0,)
) -> list[StoryRow]:
    """Live stories in `scopes` past the alert cursor, oldest first."""
    return await _fetch(
        db,
        f"SELECT {_COLUMNS} FROM stories WHERE alert_seq > ? AND level >= ? AND {_in(scopes)} "
        "ORDER BY alert_seq LIMIT ?",
        (after_seq, min_level, *scopes, limit),
    )


async def holding_text(db: aiosqlite.Connection, story_ids: Sequence[int], text_sig: str) -> frozenset[int]:
    """Which of these stories already hold an article with this text (a syndicated copy)."""
    if not story_ids or not text_sig:
        return frozenset()
    marks = ", ".join("?" for _ in story_ids)
    sql = f"SELECT DISTINCT story_id FROM findings WHERE story_id IN ({marks}) AND text_sig = ?"
    return frozenset(int(row[0]) for row in await select(db, sql, [*story_ids, text_sig]))


async def reported_before(db: aiosqlite.Connection, cutoff: datetime, limit: int = 500) -> list[StoryRow]:
    """Level-3 stories still only reported whose first report is older than `cutoff`, oldest first
    (index `stories_reported`)."""
    return await _fetch(
        db,
        f"SELECT {_COLUMNS} FROM stories WHERE status = 'reported' AND decided_at < ? AND level = 3 "
        "ORDER BY decided_at LIMIT ?",
        (to_iso(cutoff), limit),
    )


async def reported_of(
    db: aiosqlite.Connection, manager_key: str, since: datetime, until: datetime, scope: int
) -> list[StoryRow]:
    """One manager's level-3 stories still only reported, first reported between `since` and `until`
    (what a denial published at `until` can withdraw)."""
    return await _fetch(
        db,
        f"SELECT {_COLUMNS} FROM stories WHERE manager_key = ? AND scope = ? AND status = 'reported' "
        "AND level = 3 AND decided_at >= ? AND decided_at <= ? ORDER BY decided_at",
        (manager_key, scope, to_iso(since), to_iso(until)),
    )


async def set_status(db: aiosqlite.Connection, story_id: int, status: str) -> None:
    """Change where a story's sacking stands (e.g. a report withdrawn), nothing else."""
    await db.execute("UPDATE stories SET status = ? WHERE id = ?", (status, story_id))
