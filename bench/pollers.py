"""Benchmark: one poll cycle of N feeds shared by 1, 2 and 4 poller processes on one SQLite file,
or with `--postgres SERVER_URL` on PostgreSQL beside SQLite's single process.

Every configuration starts from a copy of the same store (N feeds, all due, none polled yet) and a
feed server in its own process. Each poller is a separate process running the real leased
`NewsService.poll_due` (analysis replaced by a counter: it has its own benchmark); they start
together and the cycle ends when the last one finishes. Figures: wall time, CPU of the pollers
(user + system during the cycle, summed), feeds each poller took (their sum must be N: each feed
fetched once), and the ratio against one poller measured in the same run. SQLite has one writer at
a time, so extra pollers help only as far as fetching and parsing, not storing, is the bottleneck.
With `--postgres`, SQLite runs one poller (the baseline every ratio is against) and PostgreSQL runs
each count of --pollers, each on a fresh database cloned from a template made on that server
(PostgreSQL serialises write transactions too, see storage/pgstore.py, but parses and fetches in
parallel processes).
Usage: python bench/pollers.py [--feeds 5000] [--items 10] [--pollers 1 2 4] [--postgres URL] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import asyncpg  # noqa: E402

from bot.config import Settings, load_settings  # noqa: E402
from bot.http import make_client  # noqa: E402
from bot.models import StoredArticle  # noqa: E402
from bot.news.service import NewsService  # noqa: E402
from bot.service import open_store  # noqa: E402
from storage import articles, feeds  # noqa: E402


def settings_for(db: str, instance: str) -> Settings:
    """Settings for the store at `db`: a SQLite path or a postgresql:// URL."""
    where = {"HOTSEAT_DATABASE_URL": db} if db.startswith("postgresql://") else {"HOTSEAT_DB": db}
    return load_settings(
        **where,
        HOTSEAT_INSTANCE=instance,
        HOTSEAT_DEFAULT_FEEDS=False,
        HOTSEAT_ALLOW_PRIVATE_FEEDS=True,
        HOTSEAT_PER_HOST_CONCURRENCY=16,
        HOTSEAT_TIMEZONE="UTC",
    )


async def worker(db: str, instance: str) -> None:
    """One poller process: open, say ready, wait for 'go' on stdin, poll every due feed once."""
    settings = settings_for(db, instance)
    store = await open_store(settings)
    client = make_client(settings)
    handed = 0

    async def on_article(article: StoredArticle) -> None:
        nonlocal handed
        handed += 1

    try:
        news = NewsService(store, settings, client, on_article)
        print("ready", flush=True)
        await asyncio.to_thread(sys.stdin.readline)
        cpu = time.process_time()
        report = await news.poll_due()
        cpu = time.process_time() - cpu
    finally:
        await client.aclose()
        await store.close()
    print(json.dumps({"feeds": report.feeds, "new": report.new, "handed": handed, "cpu": cpu}), flush=True)


async def make_template(db: str, urls: list[str]) -> None:
    store = await open_store(settings_for(db, "template"))
    try:
        async with store.transaction() as conn:
            for url in urls:
                await feeds.add_custom(conn, url, "bench", None, None, datetime.now(UTC))
    finally:
        await store.close()


def cycle(template: str, folder: Path, pollers: int) -> dict[str, object]:
    if template.startswith("postgresql://"):
        db = asyncio.run(clone_database(template, f"pollers_{pollers}"))
    else:
        db = str(folder / f"pollers-{pollers}.db")
        shutil.copy(template, db)
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOTSEAT_")}
    procs = [
        subprocess.Popen(
            [sys.executable, __file__, "--worker", db, f"p{n}"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        for n in range(pollers)
    ]
    for proc in procs:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    start = time.perf_counter()
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    results = []
    for proc in procs:
        assert proc.stdout is not None
        results.append(json.loads(proc.stdout.readline()))
        proc.wait(timeout=60)
    wall = time.perf_counter() - start
    cpu = sum(float(r["cpu"]) for r in results)
    stored = asyncio.run(count_articles(db))
    return {
        "store": "postgresql" if db.startswith("postgresql://") else "sqlite",
        "pollers": pollers,
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),  # the pollers' own CPU during the cycle (threads included), summed
        "feeds_per_poller": [r["feeds"] for r in results],
        "feeds_fetched": sum(r["feeds"] for r in results),
        "articles_stored": stored,
    }


async def clone_database(template: str, suffix: str) -> str:
    """A fresh database copied from the template database (its URL), replacing an older clone."""
    server, name = template.rsplit("/", 1)
    clone = f"{name}_{suffix}"
    admin = await asyncpg.connect(f"{server}/postgres")
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{clone}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{clone}" TEMPLATE "{name}"')
    finally:
        await admin.close()
    return f"{server}/{clone}"


async def drop_databases(server: str, prefix: str) -> None:
    admin = await asyncpg.connect(server)
    try:
        for row in await admin.fetch("SELECT datname FROM pg_database WHERE datname LIKE $1", f"{prefix}%"):
            await admin.execute(f'DROP DATABASE "{row["datname"]}" WITH (FORCE)')
    finally:
        await admin.close()


async def create_database(server: str, name: str) -> str:
    admin = await asyncpg.connect(server)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    return server.rsplit("/", 1)[0] + f"/{name}"


async def count_articles(db: str) -> int:
    store = await open_store(settings_for(db, "count"))
    try:
        async with store.read() as conn:
            return await articles.count(conn)
    finally:
        await store.close()


def run(feeds_n: int, items: int, poller_counts: list[int], postgres: str | None) -> dict[str, object]:
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.support.feed_server", "--port", "0", "--items", str(items)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    prefix = f"hotseat_pollers_{os.getpid()}"
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        urls = [f"http://127.0.0.1:{port}/gen/{n}.xml" for n in range(feeds_n)]
        with tempfile.TemporaryDirectory() as tmp:
            template = str(Path(tmp) / "template.db")
            asyncio.run(make_template(template, urls))
            cycle(template, Path(tmp), 1)  # warm-up: the server builds and caches each body once
            if postgres is None:
                runs = [cycle(template, Path(tmp), n) for n in poller_counts]
            else:
                pg_template = asyncio.run(create_database(postgres, prefix))
                asyncio.run(make_template(pg_template, urls))
                runs = [cycle(template, Path(tmp), 1)]
                runs += [cycle(pg_template, Path(tmp), n) for n in poller_counts]
    finally:
        server.terminate()
        server.wait(timeout=10)
        if postgres is not None:
            asyncio.run(drop_databases(postgres, prefix))
    base = runs[0]
    for r in runs:
        r["wall_vs_first"] = round(float(r["wall_s"]) / float(base["wall_s"]), 2)  # type: ignore[arg-type]
        r["cpu_vs_first"] = round(float(r["cpu_s"]) / float(base["cpu_s"]), 2)  # type: ignore[arg-type]
    return {
        "feeds": feeds_n,
        "items_per_feed": items,
        "store": "sqlite" if postgres is None else "sqlite (1 poller, the baseline) and postgresql",
        "cpus": os.cpu_count(),
        "runs": runs,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=5000)
    parser.add_argument("--items", type=int, default=10)
    parser.add_argument("--pollers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument(
        "--postgres", metavar="SERVER_URL", help="run the poller counts on PostgreSQL (this server)"
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--worker", nargs=2, metavar=("DB", "INSTANCE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        asyncio.run(worker(args.worker[0], args.worker[1]))
        return
    result = run(args.feeds, args.items, args.pollers, args.postgres)
    if args.json:
        print(json.dumps(result))
        return
    print(
        f"{result['feeds']} feeds x {result['items_per_feed']} items, {result['store']}, "
        f"{result['cpus']} CPUs"
    )
    for r in result["runs"]:  # type: ignore[attr-defined]
        print(
            f"  {r['store']:<10} {r['pollers']} poller(s): "
            f"wall {r['wall_s']:7.2f} s (x{r['wall_vs_first']}), "
            f"cpu {r['cpu_s']:7.2f} s (x{r['cpu_vs_first']}), feeds each {r['feeds_per_poller']}, "
            f"fetched {r['feeds_fetched']}, stored {r['articles_stored']}"
        )


if __name__ == "__main__":
    main()
