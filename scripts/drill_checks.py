"""The crash drill's checks, read straight from the store: integrity, duplicates, what the last clean
run left, re-prints against real duplicates (scripts/crash_drill.py)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from datetime import time as dtime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import asyncpg
from drill_bot import Run
from drill_world import ZONES, Published

from bot.digest import latest_slot
from bot.digest.models import SETTLED

# ---- checks, read straight from the database ----------------------------------------------------


class Database:
    """Where the drill's store lives: a SQLite file (read with sqlite3), or with `--postgres` a fresh
    database the drill creates on that server (read with asyncpg) and drops when the drill passed."""

    def __init__(self, path: Path, server: str | None) -> None:
        self.path = path
        self.server = server
        self.name = f"hotseat_drill_{os.getpid()}_{random.randrange(16**8):08x}"
        self.url = server.rsplit("/", 1)[0] + f"/{self.name}" if server else None

    @property
    def settings(self) -> dict[str, str]:
        """The settings that point Hotseat at this store."""
        return {"HOTSEAT_DB": str(self.path), **({"HOTSEAT_DATABASE_URL": self.url} if self.url else {})}

    async def create(self) -> None:
        if self.server is not None:
            admin = await asyncpg.connect(self.server, timeout=10)
            try:
                await admin.execute(f'CREATE DATABASE "{self.name}"')
            finally:
                await admin.close()

    async def drop(self) -> None:
        if self.server is not None:
            admin = await asyncpg.connect(self.server, timeout=10)
            try:
                await admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            finally:
                await admin.close()

    async def rows(self, *queries: str) -> list[list[tuple[Any, ...]]]:
        """The rows of each query (plain SQL both stores understand), read in one go."""
        if self.url is None:
            return await asyncio.to_thread(self._sqlite_rows, queries)
        conn = await asyncpg.connect(self.url, timeout=10)
        try:
            return [[tuple(r) for r in await conn.fetch(sql)] for sql in queries]
        finally:
            await conn.close()

    def _sqlite_rows(self, queries: tuple[str, ...]) -> list[list[tuple[Any, ...]]]:
        with contextlib.closing(sqlite3.connect(self.path, timeout=30)) as conn:
            return [[tuple(r) for r in conn.execute(sql).fetchall()] for sql in queries]

    async def integrity(self) -> str:
        """SQLite's integrity_check; on PostgreSQL (whose server guards its pages) the row counters the
        triggers keep must match the tables, which a torn write would break."""
        if self.url is None:
            [[(answer,)]] = await self.rows("PRAGMA integrity_check")
            return str(answer)
        [counted, real] = await self.rows(
            "SELECT name, n FROM row_counts ORDER BY name",
            "SELECT 'articles', count(*) FROM articles UNION ALL SELECT 'findings', count(*) FROM findings "
            "ORDER BY 1",
        )
        return "ok" if counted == real else f"row counters {counted} but tables hold {real}"


READ_ERRORS: tuple[type[BaseException], ...] = (sqlite3.Error, asyncpg.PostgresError, OSError)


@dataclass(slots=True)
class Snapshot:
    integrity: str
    duplicate_rows: int
    canonical: set[str]
    hashes: set[str]
    pending: set[tuple[int, str, str]]
    posted: set[tuple[int, str, str]]


async def snapshot(db: Database) -> Snapshot:
    integrity = await db.integrity()
    *counts, rows, deliveries = await db.rows(
        "SELECT COUNT(*) - COUNT(DISTINCT canonical_url) FROM articles",
        "SELECT COUNT(*) - COUNT(DISTINCT content_hash) FROM articles",
        "SELECT COUNT(*) - COUNT(DISTINCT feed_id || ' ' || guid) FROM articles WHERE guid IS NOT NULL",
        "SELECT COUNT(*) - COUNT(DISTINCT guid) FROM articles WHERE guid LIKE 'drill-%'",
        "SELECT canonical_url, content_hash FROM articles",
        "SELECT guild_id, kind, key, state FROM deliveries",
    )
    return Snapshot(
        integrity=integrity,
        duplicate_rows=sum(int(found[0][0]) for found in counts),
        canonical={r[0] for r in rows},
        hashes={r[1] for r in rows},
        pending={(d[0], d[1], d[2]) for d in deliveries if d[3] == "pending"},
        posted={(d[0], d[1], d[2]) for d in deliveries if d[3] == "posted"},
    )


@dataclass(frozen=True, slots=True)
class Guilds:
    """The servers the drill set up: digest time and zone per server, and when they were set up."""

    schedule: dict[int, tuple[str, str]]
    since: datetime


async def final_state(db: Database, items: list[Published], guilds: Guilds) -> dict[str, Any]:
    """What the last clean run left: everything published stored, analysed, alerted and digested?"""
    stored_rows, hash_rows, [(unanalysed,)], alert_rows, due_alerts, delivery_rows, slot_rows = await db.rows(
        "SELECT canonical_url FROM articles",
        "SELECT content_hash FROM articles",
        "SELECT COUNT(*) FROM articles a LEFT JOIN findings f ON f.article_id = a.id "
        "WHERE f.article_id IS NULL",
        "SELECT alerts_after_seq FROM guilds WHERE guild_id = 0",
        "SELECT id, level FROM stories WHERE alert_seq IS NOT NULL AND level >= 3",
        "SELECT guild_id, kind, key, state FROM deliveries",
        "SELECT guild_id, last_slot_at, last_empty_at FROM guilds",
    )
    stored = {r[0] for r in stored_rows}
    hashes = {r[0] for r in hash_rows}
    alert_row = alert_rows[0] if alert_rows else None
    deliveries = {(d[0], d[1], d[2]): d[3] for d in delivery_rows}
    slots = {g[0]: (g[1], g[2]) for g in slot_rows}
    missing = [p.n for p in items if p.canonical not in stored and p.hash not in hashes]
    alerts_skipped = [  # a sacking confirmed (or withdrawn) before its first alert is announced settled
        s[0]
        for s in due_alerts
        if all(
            deliveries.get((0, "alert", f"story:{s[0]}:level:{s[1]}{end}")) != "posted"
            for end in ("", *SETTLED)
        )
    ]
    now = datetime.now(UTC)
    digests_due = digests_skipped = 0
    for guild_id, (at, zone) in guilds.schedule.items():
        hour, minute = map(int, at.split(":"))
        slot = latest_slot(now, dtime(hour, minute), ZoneInfo(zone))
        if slot <= guilds.since:
            continue  # its slot has not come round during the drill
        digests_due += 1
        key = slot.isoformat(timespec="seconds")
        handled, empty = slots.get(guild_id, (None, None))
        if deliveries.get((guild_id, "digest", key)) != "posted" and not (handled == key and empty):
            digests_skipped += 1
    return {
        "published": len(items),
        "missing": missing,
        "unanalysed": int(unanalysed),
        "alerts_due": len(due_alerts),
        "alerts_skipped": alerts_skipped,
        "alerts_cursor": int(alert_row[0]) if alert_row else None,
        "digests_due": digests_due,
        "digests_skipped": digests_skipped,
        "pending_left": sum(1 for state in deliveries.values() if state == "pending"),
    }


def classify_prints(
    keys: dict[str, tuple[int, str, str]], history: list[Run], pending_after: list[set[tuple[int, str, str]]]
) -> tuple[int, int]:
    """(re-prints of a post the kill left pending, real duplicates) over all runs."""
    seen: dict[str, int] = {}  # identity -> run index of its latest print
    reprints = duplicates = 0
    for index, run in enumerate(history):
        for identity in run.printed:
            if identity in seen:
                earlier = seen[identity]
                if earlier < len(pending_after) and keys.get(identity) in pending_after[earlier]:
                    reprints += 1
                else:
                    duplicates += 1
            seen[identity] = index
    return reprints, duplicates


async def delivery_keys(db: Database) -> dict[str, tuple[int, str, str]]:
    """Printed identity -> the delivery row behind it: digests by their zone's name, alerts by link."""
    found: dict[str, tuple[int, str, str]] = {}
    deliveries, stories = await db.rows(
        "SELECT guild_id, kind, key FROM deliveries", "SELECT id, level, url FROM stories"
    )
    for guild_id, kind, key in deliveries:
        if kind == "digest":
            moment = datetime.fromisoformat(key).astimezone(ZoneInfo(ZONES[guild_id]))
            found[f"digest {moment.tzname()}"] = (guild_id, kind, key)
    for story_id, level, url in stories:
        found[f"alert {url}"] = (0, "alert", f"story:{story_id}:level:{level}")
        found[f"alert {url} confirmed"] = (0, "alert", f"story:{story_id}:level:{level}:confirmed")
    return found


ANALYSIS_GRACE = 10.0  # seconds a clean run gets to analyse what it stored


async def settle(db: Database, items: list[Published], guilds: Guilds, stage: str, limit: float = 90) -> bool:
    """Wait until a clean run has stored and analysed everything, or (stage "delivered") also
    delivered every alert and due digest; False when `limit` seconds pass first, or when everything
    is stored but some articles stay unanalysed for ANALYSIS_GRACE (nothing will analyse them)."""
    deadline = time.monotonic() + limit
    stored_at: float | None = None
    while time.monotonic() < deadline:
        await asyncio.sleep(0.5)
        with contextlib.suppress(*READ_ERRORS):
            state = await final_state(db, items, guilds)
            if state["missing"]:
                continue
            stored_at = stored_at or time.monotonic()
            waiting = [state["unanalysed"]]
            if stage == "delivered":
                waiting += [state["alerts_skipped"], state["digests_skipped"], state["pending_left"]]
            if not any(waiting):
                return True
            if state["unanalysed"] and time.monotonic() - stored_at > ANALYSIS_GRACE:
                return False
    return False
