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
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from drill_bot import Bot, Run, identities  # noqa: E402
from drill_checks import (  # noqa: E402
    Database,
    Guilds,
    classify_prints,
    delivery_keys,
    final_state,
    settle,
    snapshot,
)
from drill_world import PYTHON, ZONES, DrillServer, Newsroom  # noqa: E402

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
