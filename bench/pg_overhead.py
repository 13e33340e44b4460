"""Benchmark: what the PostgreSQL adapter costs beside today's hand-written SQL path.

In one run, on the same 20,000 rows: the same storage queries (point lookup, upsert, range count)
through aiosqlite (today's path), through raw asyncpg with hand-written `$n` SQL, and through the
adapter (storage/pgstore.py: SQLite SQL translated once per statement, then cached). Prints p50/p99
per query in microseconds and the adapter/raw ratio; a fresh database is created and dropped.
Usage: python bench/pg_overhead.py [--url postgresql://postgres@127.0.0.1:5432/postgres] [--n 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import asyncpg

from storage import bot_state
from storage.pgstore import PgStore, translate
from storage.store import Store

ROWS = 20_000


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1e6, ordered[int(len(ordered) * 0.99) - 1] * 1e6


async def _time(n: int, call: Callable[[int], Awaitable[object]]) -> tuple[float, float]:
    samples = []
    for i in range(n):
        start = time.perf_counter()
        await call(i)
        samples.append(time.perf_counter() - start)
    return _percentiles(samples)


async def run(url: str, n: int) -> None:
    admin = await asyncpg.connect(url)
    name = f"hotseat_bench_{uuid.uuid4().hex[:10]}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    db_url = url.rsplit("/", 1)[0] + f"/{name}"
    try:
        with tempfile.TemporaryDirectory() as folder:
            sqlite = await Store.open(Path(folder) / "bench.db")
            pg = await PgStore.open(db_url)
            rows = [(f"key{i}", f"value{i}") for i in range(ROWS)]
            async with sqlite.transaction() as db:
                await db.executemany("INSERT INTO bot_state (key, value) VALUES (?, ?)", rows)
            async with pg.transaction() as pdb:
                await pdb.executemany("INSERT INTO bot_state (key, value) VALUES (?, ?)", rows)
            raw = await asyncpg.connect(db_url)

            async def lite_get(i: int) -> object:
                async with sqlite.read() as db:
                    return await bot_state.get(db, f"key{i % ROWS}")

            async def adapter_get(i: int) -> object:
                async with pg.read() as db:
                    return await bot_state.get(db, f"key{i % ROWS}")

            async def raw_get(i: int) -> object:
                return await raw.fetchrow("SELECT value FROM bot_state WHERE key = $1", f"key{i % ROWS}")

            async def lite_put(i: int) -> object:
                async with sqlite.transaction() as db:
                    await bot_state.put(db, f"key{i % ROWS}", f"v{i}")
                return None

            async def adapter_put(i: int) -> object:
                async with pg.transaction() as db:
                    await bot_state.put(db, f"key{i % ROWS}", f"v{i}")
                return None

            async def raw_put(i: int) -> object:
                async with raw.transaction():
                    await raw.execute(
                        "INSERT INTO bot_state (key, value) VALUES ($1, $2) "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        f"key{i % ROWS}",
                        f"v{i}",
                    )
                return None

            cases = {
                "point lookup (bot_state.get)": (lite_get, raw_get, adapter_get),
                "upsert in a transaction (bot_state.put)": (lite_put, raw_put, adapter_put),
            }
            print(f"{n} calls each, {ROWS} rows; microseconds p50 / p99")
            print(f"{'query':42} {'sqlite':>15} {'pg raw':>15} {'pg adapter':>15} {'adapter/raw p50':>16}")
            for label, (lite, plain, adapted) in cases.items():
                for call in (lite, plain, adapted):  # warm caches and prepared statements
                    await _time(50, call)
                a = await _time(n, lite)
                b = await _time(n, plain)
                c = await _time(n, adapted)
                print(
                    f"{label:42} {a[0]:7.0f} / {a[1]:5.0f} {b[0]:7.0f} / {b[1]:5.0f} "
                    f"{c[0]:7.0f} / {c[1]:5.0f} {c[0] / b[0]:15.2f}x"
                )
            translate.cache_clear()
            sql = (
                "INSERT INTO bot_state (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
            )
            start = time.perf_counter()
            translate(sql)
            cold = time.perf_counter() - start
            start = time.perf_counter()
            for _ in range(10_000):
                translate(sql)
            warm = (time.perf_counter() - start) / 10_000
            print(f"translate(): first call {cold * 1e6:.1f} µs, cached {warm * 1e6:.2f} µs")
            await raw.close()
            await pg.close()
            await sqlite.close()
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--n", type=int, default=2000)
    args = parser.parse_args()
    asyncio.run(run(args.url, args.n))


if __name__ == "__main__":
    main()
