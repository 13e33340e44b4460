"""Crash drill: run the console bot against a live local feed server and SIGKILL it at random moments.

    python scripts/crash_drill.py [--runs 100] [--seed S] [--json] [--postgres SERVER_URL]

A newsroom publishes items over time (neutral news, murmurs, crisis talks and level-3 sackings of
registry managers, some syndicated to two feeds, some wire copies under another address) to feeds on a
local server. `python -m bot run` (console mode) polls them, analyses, alerts and posts digests for 27
servers whose digest slots fall one minute apart (each in its own Etc/GMT zone, so a printed digest
names its server). Each run is killed with SIGKILL: at a random moment, just after the server answers
a feed request (mid-poll / mid-analysis), or just after a digest or alert is printed (mid-delivery,
between the print and its commit). Between runs the drill makes every feed due again
(`storage.feeds.enable`), standing in for the minute a real restart would wait.

After every kill it reads the store directly (sqlite3 on the file; asyncpg on PostgreSQL with
`--postgres`, which runs the same drill on a database created for it): integrity (SQLite's
integrity_check; on PostgreSQL the trigger-kept row counters against the tables), articles stored
twice (URL, GUID, content hash), committed articles that vanished. A final clean run must then
store every published item, analyse every stored article, post every alert and every digest that
came due; a digest or alert printed twice is counted, split into re-prints of a delivery the kill
left 'pending' (the terminal cannot say whether the first print happened, so the resumed post prints
again) and real duplicates (printed again after it was recorded 'posted').
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import shutil
import signal
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from datetime import time as dtime
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import asyncpg  # noqa: E402
from aiohttp import web  # noqa: E402

from bot.digest import latest_slot  # noqa: E402
from bot.digest.models import SETTLED  # noqa: E402
from bot.news.ingest import content_hash  # noqa: E402
from bot.news.urls import canonical_url  # noqa: E402
from tests.support.feed_server import FeedServer, Route, item, rss_feed  # noqa: E402

PYTHON = sys.executable
ZONES = ["UTC"] + [f"Etc/GMT{sign}{n}" for sign in "+-" for n in range(1, 13)] + ["Etc/GMT-13", "Etc/GMT-14"]
MANAGERS = [  # (manager, club) pairs the bundled registry knows
    ("Niko Kovač", "Borussia Dortmund"),
    ("Sebastian Hoeneß", "VfB Stuttgart"),
    ("Dino Toppmöller", "Eintracht Frankfurt"),
    ("Massimiliano Allegri", "AC Milan"),
    ("Luciano Spalletti", "Juventus"),
    ("Gian Piero Gasperini", "AS Roma"),
    ("Vincenzo Italiano", "Bologna"),
    ("Paulo Fonseca", "Lyon"),
    ("Franck Haise", "Nice"),
    ("Bruno Génésio", "Lille"),
    ("Mikel Arteta", "Arsenal"),
    ("Unai Emery", "Aston Villa"),
    ("Keith Andrews", "Brentford"),
    ("Fabian Hürzeler", "Brighton"),
    ("Scott Parker", "Burnley"),
    ("Marco Rose", "Bournemouth"),
    ("Cesc Fàbregas", "Como"),
    ("Paolo Vanoli", "Fiorentina"),
    ("Marco Baroni", "Torino"),
    ("Habib Beye", "Rennes"),
]


# ---- the newsroom: items published over time ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Published:
    n: int
    feeds: tuple[int, ...]
    title: str
    summary: str
    link: str
    level: int
    at: datetime

    @property
    def canonical(self) -> str:
        return canonical_url(self.link)

    @property
    def hash(self) -> str:
        return content_hash(self.title, self.summary)


def _story(n: int, rng: random.Random) -> tuple[str, str, int]:
    manager, club = rng.choice(MANAGERS)
    level = rng.choices([0, 1, 2, 3], weights=[3, 3, 2, 2])[0]
    if level == 0:
        return f"{club} prepare for the weekend (report {n})", f"{club} trained on Tuesday; report {n}.", 0
    if level == 1:
        title = f"{manager} under pressure at {club} after another defeat (report {n})"
        return title, f"{manager} is under growing pressure at {club} after a poor run. Report {n}.", 1
    if level == 2:
        title = f"{club} board hold crisis talks over {manager} future (report {n})"
        return title, f"{club} chiefs meet to decide whether {manager} stays; an ultimatum. Report {n}.", 2
    title = f"{club} sack {manager} (report {n})"
    return title, f"{club} have sacked head coach {manager} after a run of defeats. Report {n}.", 3


class Newsroom:
    """Feeds whose items grow over time; every item ever published stays in its feeds."""

    def __init__(self, server: FeedServer, feeds: int, rng: random.Random) -> None:
        self.server = server
        self.feeds = feeds
        self.rng = rng
        self.items: list[Published] = []
        self.version = 0
        for index in range(feeds):
            self._serve(index)

    def path(self, index: int) -> str:
        return f"/drill/feed-{index}.xml"

    def publish(self) -> Published:
        n = len(self.items) + 1
        title, summary, level = _story(n, self.rng)
        link = f"https://news.example/drill/{n}"
        roll = self.rng.random()
        feeds = tuple(self.rng.sample(range(self.feeds), 2 if roll < 0.15 and self.feeds > 1 else 1))
        if 0.15 <= roll < 0.25 and self.items:  # a wire copy: same words, another address
            earlier = self.rng.choice(self.items)
            title, summary, level = earlier.title, earlier.summary, earlier.level
            link = f"https://wire.example/copy/{n}"
        published = Published(n, feeds, title, summary, link, level, datetime.now(UTC))
        self.items.append(published)
        for index in feeds:
            self._serve(index)
        return published

    def _serve(self, index: int) -> None:
        self.version += 1
        specs = [
            item(
                p.n,
                title=p.title,
                link=p.link,
                guid=f"drill-{p.n}",
                date=format_datetime(p.at, usegmt=True),
                summary=p.summary,
            )
            for p in self.items
            if index in p.feeds
        ]
        body = rss_feed(specs, title=f"Drill Daily {index}")
        delay = 0.15 if index % 2 else 0.0  # some slow answers widen the mid-poll window
        self.server.routes[self.path(index)] = Route(body=body, etag=f'"v{self.version}"', delay=delay)


class DrillServer(FeedServer):
    """The shared feed server, telling the drill when the bot asks for a feed."""

    def __init__(self) -> None:
        super().__init__()
        self.on_request: list[asyncio.Event] = []

    async def __aenter__(self) -> DrillServer:
        await self.start()
        return self

    async def _answer(self, request: web.Request) -> web.StreamResponse:
        for event in self.on_request:
            event.set()
        return await super()._answer(request)


# ---- one run of the bot ---------------------------------------------------------------------------


@dataclass(slots=True)
class Run:
    number: int
    mode: str
    printed: list[str] = field(default_factory=list)  # identities of digests/alerts printed
    killed: bool = True
    killed_after: float = 0.0
    phase: str = "startup"
    exit_code: int | None = None


def identities(lines: list[str]) -> list[str]:
    """Digests and alerts in console output: a digest by its first line (it names the zone), an
    alert by its link line."""
    found: list[str] = []
    for index, line in enumerate(lines):
        if line.startswith("Hotseat digest — "):
            found.append("digest " + line.rsplit(" ", 1)[-1].rstrip(")"))
        elif line.startswith("ALERT ") and index + 2 < len(lines):
            # A sacking is announced once when reported and once more when confirmed (same link).
            confirmed = " confirmed" if ", confirmed:" in line else ""
            found.append("alert " + lines[index + 2].strip() + confirmed)
    return found


class Bot:
    """`python -m bot run` in console mode as a child process, killed or quit on demand."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env = env
        self.log = log
        self.proc: asyncio.subprocess.Process | None = None
        self.lines: list[str] = []
        self.delivered = asyncio.Event()
        self.pumps: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        self.proc = await asyncio.create_subprocess_exec(
            PYTHON,
            "-m",
            "bot",
            "run",
            cwd=ROOT,
            env=self.env,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            start_new_session=True,
        )
        assert self.proc.stdout is not None and self.proc.stderr is not None
        self.pumps = [
            asyncio.create_task(self._pump_out(self.proc.stdout)),
            asyncio.create_task(self._pump_log(self.proc.stderr)),
        ]

    async def _pump_out(self, stream: asyncio.StreamReader) -> None:
        while raw := await stream.readline():
            line = raw.decode("utf-8", "replace").rstrip("\n")
            self.lines.append(line)
            if line.startswith(("ALERT ", "Hotseat digest — ")):
                self.delivered.set()

    async def _pump_log(self, stream: asyncio.StreamReader) -> None:
        with self.log.open("ab") as out:
            while raw := await stream.readline():
                out.write(raw)

    async def kill(self) -> int:
        assert self.proc is not None
        with contextlib.suppress(ProcessLookupError):
            self.proc.send_signal(signal.SIGKILL)
        return await self._finish()

    async def terminate(self) -> int:
        """SIGTERM; a bot still running after 20 s is killed (and its exit code says so)."""
        assert self.proc is not None
        with contextlib.suppress(ProcessLookupError):
            self.proc.send_signal(signal.SIGTERM)
        try:
            return await asyncio.wait_for(self._finish(), 20.0)
        except TimeoutError:
            return await self.kill()

    async def quit(self) -> int:
        assert self.proc is not None and self.proc.stdin is not None
        self.proc.stdin.close()  # end of input: the console leaves cleanly
        try:
            return await asyncio.wait_for(self._finish(), 30.0)
        except TimeoutError:
            return await self.kill()

    async def _finish(self) -> int:
        assert self.proc is not None
        code = await self.proc.wait()
        await asyncio.gather(*self.pumps, return_exceptions=True)
        return code


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


# ---- the drill ------------------------------------------------------------------------------------


async def cli(env: dict[str, str], *args: str) -> None:
    proc = await asyncio.create_subprocess_exec(
        PYTHON, "-m", "bot", *args, cwd=ROOT, env=env, stdout=asyncio.subprocess.DEVNULL
    )
    if await proc.wait() != 0:
        raise SystemExit(f"hotseat {' '.join(args)} failed")


async def configure_guilds(db: Database) -> Guilds:
    """Server 0 (the console: level-3 alerts) and 26 more, each digest due one minute after the last."""
    from bot.config import load_settings
    from bot.service import Service

    settings = load_settings(**db.settings, HOTSEAT_DEFAULT_FEEDS=False, HOTSEAT_TIMEZONE="UTC")
    service = await Service.open(settings)
    guilds: dict[int, tuple[str, str]] = {}
    start = datetime.now(UTC)
    try:
        first = start.replace(second=0, microsecond=0) + timedelta(minutes=1)
        for guild_id, zone in enumerate(ZONES):
            slot = (first + timedelta(minutes=guild_id)).astimezone(ZoneInfo(zone))
            at = f"{slot:%H:%M}"
            await service.digests.setup(guild_id, guild_id, at, zone)
            guilds[guild_id] = (at, zone)
        await service.digests.set_alerts(0, 0, 3)
    finally:
        await service.close()
    return Guilds(guilds, start)


async def make_feeds_due(db: Database) -> None:
    from bot.config import load_settings
    from bot.service import open_store
    from storage import feeds

    store = await open_store(load_settings(**db.settings, HOTSEAT_DEFAULT_FEEDS=False))
    try:
        async with store.transaction() as conn:
            for row in await feeds.enabled(conn):
                await feeds.enable(conn, row.id)
    finally:
        await store.close()


async def one_run(bot: Bot, server: DrillServer, mode: str, rng: random.Random, run: Run) -> None:
    began = time.monotonic()
    asked = asyncio.Event()
    server.on_request.append(asked)
    try:
        await bot.start()
        if mode in ("timer", "term"):
            await asyncio.sleep(rng.uniform(0.05, 5.0))
        else:
            trigger = asked if mode == "poll" else bot.delivered
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(trigger.wait(), 8.0)
            await asyncio.sleep(rng.uniform(0.0, 0.6) if mode == "poll" else rng.uniform(0.0, 0.02))
        run.killed_after = time.monotonic() - began
        run.phase = "delivery" if bot.delivered.is_set() else "poll" if asked.is_set() else "startup/idle"
        if mode == "term":  # a polite stop (SIGTERM) at a random moment must end cleanly and soon
            run.killed = False
            run.exit_code = await bot.terminate()
        else:
            run.exit_code = await bot.kill()
    finally:
        server.on_request.remove(asked)
    run.printed = identities(bot.lines)


MODES = {"timer": 4, "poll": 4, "delivery": 2, "term": 1}  # how a run ends, and how often


async def drill(
    runs: int,
    seed: int,
    feeds: int,
    interval: float,
    keep: Path | None,
    modes: list[str],
    db: Database,
) -> dict[str, Any]:
    rng = random.Random(seed)
    folder = db.path.parent
    log = folder / "bot.log"
    await db.create()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("HOTSEAT_")},
        **db.settings,
        "HOTSEAT_DEFAULT_FEEDS": "false",
        "HOTSEAT_OPENFOOTBALL_URL": "off",
        "HOTSEAT_ALLOW_PRIVATE_FEEDS": "true",
        "HOTSEAT_POLL_MINUTES": "1",
        "HOTSEAT_TIMEZONE": "UTC",
        "HOTSEAT_LOG_LEVEL": "INFO",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DISCORD_TOKEN", None)
    started = time.monotonic()
    async with DrillServer() as server:
        newsroom = Newsroom(server, feeds, rng)
        for _ in range(3):
            newsroom.publish()
        for index in range(feeds):
            await cli(env, "feeds", "add", server.url(newsroom.path(index)))
        guilds = await configure_guilds(db)
        setup_seconds = time.monotonic() - started

        async def publish_forever() -> None:
            while True:
                await asyncio.sleep(interval * rng.uniform(0.5, 1.5))
                newsroom.publish()

        publisher = asyncio.create_task(publish_forever())
        history: list[Run] = []
        integrity_failures = duplicate_rows = lost = 0
        previous = await snapshot(db)
        pending_after: list[set[tuple[int, str, str]]] = []
        try:
            for number in range(1, runs + 1):
                mode = rng.choices(modes, weights=[MODES[m] for m in modes])[0]
                run = Run(number, mode)
                await one_run(Bot(env, log), server, mode, rng, run)
                history.append(run)
                now = await snapshot(db)
                integrity_failures += now.integrity != "ok"
                duplicate_rows += now.duplicate_rows
                lost += len(previous.canonical - now.canonical) + len(previous.hashes - now.hashes)
                pending_after.append(now.pending)
                previous = now
                if rng.random() < 0.85:
                    await make_feeds_due(db)
        finally:
            publisher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await publisher
        # Two clean runs: everything published must end up stored and analysed by the first; the
        # second's first tick delivers what it stored (the digest loop ticks on start, then each minute).
        await make_feeds_due(db)
        settled, exit_codes = True, []
        for stage in ("stored", "delivered"):
            final_run = Run(len(history) + 1, f"final-{stage}", killed=False)
            bot = Bot(env, log)
            await bot.start()
            settled = await settle(db, newsroom.items, guilds, stage) and settled
            exit_codes.append(await bot.quit())
            final_run.printed = identities(bot.lines)
            history.append(final_run)
        end = await snapshot(db)
        integrity_failures += end.integrity != "ok"
        duplicate_rows += end.duplicate_rows
        lost += len(previous.canonical - end.canonical)
        state = await final_state(db, newsroom.items, guilds)
    keys = await delivery_keys(db)
    reprints, duplicates = classify_prints(keys, history, pending_after)
    printed = {identity for run in history for identity in run.printed}
    unseen = [key for identity, key in keys.items() if key in end.posted and identity not in printed]
    return {
        "runs": runs,
        "seed": seed,
        "seconds": round(time.monotonic() - started, 1),
        "kills_by_mode": dict(Counter(r.mode for r in history if r.killed)),
        "kills_by_phase": dict(Counter(r.phase for r in history if r.killed)),
        "sigterm_stops": sum(r.mode == "term" for r in history),
        # -15: the signal's default action, before the console installs its handler (start-up)
        "sigterm_during_startup": sum(r.mode == "term" and r.exit_code == -signal.SIGTERM for r in history),
        "sigterm_unclean": sum(r.mode == "term" and r.exit_code not in (0, -signal.SIGTERM) for r in history),
        "median_seconds_to_stop": round(statistics.median(r.killed_after for r in history[:runs]), 2),
        "exited_before_the_kill": sum(r.killed and r.exit_code != -signal.SIGKILL for r in history),
        "integrity_failures": integrity_failures,
        "articles_stored_twice": duplicate_rows,
        "committed_then_lost": lost,
        "published_items": state["published"],
        "published_never_stored": len(state["missing"]),
        "stored_never_analysed": state["unanalysed"],
        "alerts_due": state["alerts_due"],
        "alerts_skipped": len(state["alerts_skipped"]),
        "digests_due": state["digests_due"],
        "digests_skipped": state["digests_skipped"],
        "deliveries_left_pending": state["pending_left"],
        "prints": sum(len(r.printed) for r in history),
        "reprints_after_pending_kill": reprints,
        "delivered_twice": duplicates,
        "posted_but_never_printed": len(unseen),
        "final_run_settled": settled,
        "final_exit_codes": exit_codes,
        "setup_seconds": round(setup_seconds, 1),
        "folder": str(folder),
        "store": "postgresql" if db.url else "sqlite",
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--feeds", type=int, default=4)
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between published items")
    parser.add_argument("--keep", type=Path, default=None, help="folder for the database and log")
    parser.add_argument("--modes", default=",".join(MODES), help=f"how runs end, from {', '.join(MODES)}")
    parser.add_argument(
        "--postgres",
        metavar="SERVER_URL",
        default=None,
        help="run on PostgreSQL: a database the drill creates on this server (e.g. "
        "postgresql://postgres@127.0.0.1:5432/postgres) and drops when the drill passes",
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1_000_000)
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    if not modes or any(m not in MODES for m in modes):
        parser.error(f"--modes takes a comma-separated list from {', '.join(MODES)}")
    folder = args.keep or Path(tempfile.mkdtemp(prefix="hotseat-drill-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = Database(folder / "drill.db", args.postgres)
    report = asyncio.run(drill(args.runs, seed, args.feeds, args.interval, args.keep, modes, db))
    bad = [
        "integrity_failures",
        "articles_stored_twice",
        "committed_then_lost",
        "published_never_stored",
        "stored_never_analysed",
        "alerts_skipped",
        "digests_skipped",
        "deliveries_left_pending",
        "delivered_twice",
        "posted_but_never_printed",
        "sigterm_unclean",
    ]
    report["ok"] = all(report[name] == 0 for name in bad)
    if report["ok"] and args.keep is None:
        shutil.rmtree(report["folder"], ignore_errors=True)  # kept for inspection only when it failed
        report["folder"] = None
    if report["ok"]:
        asyncio.run(db.drop())
    elif db.url:
        report["database"] = db.url
    if args.json:
        print(json.dumps(report))
    else:
        width = max(map(len, report))
        for name, value in report.items():
            print(f"{name.ljust(width)}  {value}")
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
