"""Queries for mentions (people named in a finding in a role; today: tipped successors) and the
successor tallies built from them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from storage.stories import from_iso, select, select_one, to_iso


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


async def story_has_tip(db: aiosqlite.Connection, story_id: int, person_id: str) -> bool:
    """Whether the person was already tipped in this story (so it is not counted twice)."""
    sql = "SELECT 1 FROM mentions WHERE story_id = ? AND person_id = ? LIMIT 1"
    return await select_one(db, sql, (story_id, person_id)) is not None


@dataclass(frozen=True, slots=True)
class Link:
    level: int
    seen_at: datetime
    url: str


@dataclass(frozen=True, slots=True)
class TipRow:
    """One person tipped to replace one manager: the running tally behind /successor."""

    manager_key: str
    person_id: str
    person_key: str | None
    person_name: str
    outlets: tuple[str, ...]
    story_count: int
    first_seen_at: datetime
    last_seen_at: datetime
    links: tuple[Link, ...]  # the strongest reports, best first
    evidence: str
    scope: int = 0  # 0: shared; else the private feed the tips came from (migration 003)


_TIP_COLUMNS = (
    "scope, manager_key, person_id, person_key, person_name, outlets, outlet_count, story_count, "
    "first_seen_at, last_seen_at, links, evidence"
)


def _tip(r: aiosqlite.Row) -> TipRow:
    return TipRow(
        manager_key=str(r["manager_key"]),
        person_id=str(r["person_id"]),
        person_key=r["person_key"],
        person_name=str(r["person_name"]),
        outlets=tuple(json.loads(r["outlets"])),
        story_count=int(r["story_count"]),
        first_seen_at=from_iso(r["first_seen_at"]),
        last_seen_at=from_iso(r["last_seen_at"]),
        links=tuple(
            Link(int(level), from_iso(seen), str(url)) for level, seen, url in json.loads(r["links"])
        ),
        evidence=str(r["evidence"]),
        scope=int(r["scope"]),
    )


async def get_tip(
    db: aiosqlite.Connection, manager_key: str, person_id: str, scope: int = 0
) -> TipRow | None:
    row = await select_one(
        db,
        f"SELECT {_TIP_COLUMNS} FROM successor_tips WHERE scope = ? AND manager_key = ? AND person_id = ?",
        (scope, manager_key, person_id),
    )
    return _tip(row) if row else None


async def put_tip(db: aiosqlite.Connection, tip: TipRow) -> None:
    await db.execute(
        f"INSERT OR REPLACE INTO successor_tips ({_TIP_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            tip.scope,
            tip.manager_key,
            tip.person_id,
            tip.person_key,
            tip.person_name,
            json.dumps(list(tip.outlets)),
            len(tip.outlets),
            tip.story_count,
            to_iso(tip.first_seen_at),
            to_iso(tip.last_seen_at),
            json.dumps([[link.level, to_iso(link.seen_at), link.url] for link in tip.links]),
            tip.evidence,
        ),
    )


async def tips_for_manager(
    db: aiosqlite.Connection,
    manager_key: str,
    since: datetime,
    limit: int = 25,
    scopes: Sequence[int] = (0,),
) -> list[TipRow]:
    """The people most tipped to replace the manager since `since`, per scope: most outlets, then
    stories, then the latest tip (an index range scan over the manager's tallies in each scope)."""
    marks = ", ".join("?" for _ in scopes)
    sql = (
        f"SELECT {_TIP_COLUMNS} FROM successor_tips WHERE scope IN ({marks}) AND manager_key = ? "
        "AND last_seen_at >= ? ORDER BY outlet_count DESC, story_count DESC, last_seen_at DESC LIMIT ?"
    )
    params = (*scopes, manager_key, to_iso(since), limit * len(scopes))
    return [_tip(r) for r in await select(db, sql, params)]
