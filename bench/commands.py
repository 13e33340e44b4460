"""Benchmark: p50/p99 of every command's service call on the scale store, vs the raw SQL it runs.

For each call the SELECTs it sends are captured with sqlite3's trace callback; the baseline replays
exactly those statements on a plain sqlite3 connection (no asyncio, no thread hop, no Python answer
building). ratio = service p50 / raw p50. A second baseline runs the same statements through the
store's aiosqlite reader (async_ratio): what is left there is Hotseat's own Python, not the thread
hop every aiosqlite statement pays. Calls run round-robin so machine noise hits them evenly.
Targets: command p99 <= 5 ms, autocomplete p99 <= 2 ms, ratio <= 3. Calls answered from memory (no
SQL) have no ratio.
With `--postgres SERVER_URL` the same calls are also timed on PostgreSQL, in the same round-robin as
SQLite's: the store is copied once with migrate-store into a database on that server (kept, keyed by
the store's name, and reused), and pg_p50/pg_p99 (and pg_ratio = PostgreSQL p50 / SQLite p50) sit
beside SQLite's figures.
Usage: python bench/commands.py [--store PATH] [--articles N] [--rounds 300] [--postgres URL] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import sqlite3
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import asyncpg

from bench._calls import Call, calls, run_raw, traced
from bench._synthetic import Spec, bench_settings, ensure, stderr
from bot.service import Service
from storage.migrate_store import migrate_store

COMMAND_P99_MS = 5.0
AUTOCOMPLETE_P99_MS = 2.0
RATIO_TARGET = 3.0
PG = "postgresql:"  # prefix of the PostgreSQL service's calls in the shared round-robin


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def time_services(found: list[Call], rounds: int) -> dict[str, list[float]]:
    """Round-robin over the calls, after one warm-up each (caches as a running bot has them)."""
    samples: dict[str, list[float]] = {call.name: [] for call in found}
    for call in found:
        await call.run()
    for _ in range(rounds):
        for call in found:
            start = time.perf_counter()
            await call.run()
            samples[call.name].append((time.perf_counter() - start) * 1000)
    return samples


async def time_async_raw(service: Service, statements: list[str], rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        async with service.store.read() as db:
            for statement in statements:
                async with db.execute(statement) as cursor:
                    await cursor.fetchall()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def time_raw(conn: sqlite3.Connection, statements: list[str], rounds: int) -> list[float]:
    run_raw(conn, statements)
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        run_raw(conn, statements)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


async def measure(path: Path, rounds: int, postgres: str | None = None) -> dict[str, Any]:
    """Every call's figures; with `postgres` the PostgreSQL service's calls join the same round-robin."""
    service = await Service.open(bench_settings(path))
    raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    pg_service = None
    results: dict[str, dict[str, Any]] = {}
    try:
        if postgres is not None:
            url = await postgres_copy(path, postgres)
            pg_service = await Service.open(bench_settings(path, HOTSEAT_DATABASE_URL=url))
        found = await calls(service)
        traces = {call.name: await traced(service, call) for call in found}
        pg_found = (
            [Call(f"{PG}{call.name}", call.kind, call.run) for call in await calls(pg_service)]
            if pg_service is not None
            else []
        )
        timed = await time_services(found + pg_found, rounds)
        for call in found:
            statements, samples = traces[call.name], timed[call.name]
            row: dict[str, Any] = {
                "kind": call.kind,
                "p50_ms": round(statistics.median(samples), 3),
                "p99_ms": round(percentile(samples, 0.99), 3),
                "statements": len(statements),
            }
            if statements:
                base = time_raw(raw, statements, rounds)
                row["raw_p50_ms"] = round(statistics.median(base), 3)
                row["raw_p99_ms"] = round(percentile(base, 0.99), 3)
                row["ratio"] = round(statistics.median(samples) / max(statistics.median(base), 1e-6), 2)
                hop = await time_async_raw(service, statements, rounds)
                row["async_raw_p50_ms"] = round(statistics.median(hop), 3)
                row["async_ratio"] = round(statistics.median(samples) / max(statistics.median(hop), 1e-6), 2)
            target = AUTOCOMPLETE_P99_MS if call.kind == "autocomplete" else COMMAND_P99_MS
            row["meets_p99"] = row["p99_ms"] <= target
            if pg_found:
                theirs = timed[f"{PG}{call.name}"]
                row["pg_p50_ms"] = round(statistics.median(theirs), 3)
                row["pg_p99_ms"] = round(percentile(theirs, 0.99), 3)
                row["pg_ratio"] = round(row["pg_p50_ms"] / max(row["p50_ms"], 1e-6), 2)
                row["pg_meets_p99"] = row["pg_p99_ms"] <= target
            results[call.name] = row
            stderr(
                f"  {call.name}: p50 {row['p50_ms']} ms, p99 {row['p99_ms']} ms, ratio {row.get('ratio')}, "
                f"PostgreSQL p50 {row.get('pg_p50_ms')} ms, p99 {row.get('pg_p99_ms')} ms"
            )
    finally:
        raw.close()
        await service.close()
        if pg_service is not None:
            await pg_service.close()
    return results


async def postgres_copy(path: Path, server: str) -> str:
    """A PostgreSQL database holding the store at `path` (copied once, then reused); its URL."""
    name = "hotseat_bench_" + hashlib.blake2b(path.name.encode(), digest_size=6).hexdigest()
    url = server.rsplit("/", 1)[0] + f"/{name}"
    admin = await asyncpg.connect(server)
    try:
        if await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
            conn = await asyncpg.connect(url)
            try:
                ready = await conn.fetchval("SELECT to_regclass('bench_source') IS NOT NULL")
                source = await conn.fetchval("SELECT name FROM bench_source") if ready else None
            finally:
                await conn.close()
            if source == path.name:
                return url
            await admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    stderr(f"copying {path.name} into PostgreSQL database {name} (once) ...")
    start = time.perf_counter()
    await migrate_store(path, url)
    conn = await asyncpg.connect(url)
    try:
        await conn.execute("CREATE TABLE bench_source (name TEXT NOT NULL)")  # marks a finished copy
        await conn.execute("INSERT INTO bench_source VALUES ($1)", path.name)
    finally:
        await conn.close()
    stderr(f"copied in {time.perf_counter() - start:.0f} s")
    return url


def summary(results: dict[str, dict[str, Any]]) -> dict[str, Any]:
    commands = [r for r in results.values() if r["kind"] == "command"]
    completes = [r for r in results.values() if r["kind"] == "autocomplete"]
    ratios = [r["ratio"] for r in results.values() if "ratio" in r]
    async_ratios = [r["async_ratio"] for r in results.values() if "async_ratio" in r]
    on_pg = [r for r in results.values() if "pg_p99_ms" in r]
    pg_commands = [r for r in on_pg if r["kind"] == "command"]
    pg_completes = [r for r in on_pg if r["kind"] == "autocomplete"]
    postgres = (
        {
            "pg_worst_command_p99_ms": max(r["pg_p99_ms"] for r in pg_commands),
            "pg_worst_autocomplete_p99_ms": max(r["pg_p99_ms"] for r in pg_completes),
            "pg_commands_meeting_p99": f"{sum(r['pg_meets_p99'] for r in pg_commands)}/{len(pg_commands)}",
            "pg_autocompletes_meeting_p99": f"{sum(r['pg_meets_p99'] for r in pg_completes)}"
            f"/{len(pg_completes)}",
            "pg_worst_ratio_to_sqlite": max(r["pg_ratio"] for r in on_pg),
        }
        if on_pg
        else {}
    )
    return {
        **postgres,
        "load_average": os.getloadavg()[0],
        "worst_command_p99_ms": max(r["p99_ms"] for r in commands),
        "worst_autocomplete_p99_ms": max(r["p99_ms"] for r in completes),
        "worst_ratio": max(ratios) if ratios else None,
        "worst_async_ratio": max(async_ratios) if async_ratios else None,
        "commands_meeting_p99": f"{sum(r['meets_p99'] for r in commands)}/{len(commands)}",
        "autocompletes_meeting_p99": f"{sum(r['meets_p99'] for r in completes)}/{len(completes)}",
        "calls_over_ratio": sorted(n for n, r in results.items() if r.get("ratio", 0) > RATIO_TARGET),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a store built by bench/store.py (default: the cache)")
    parser.add_argument("--articles", type=int, default=1_000_000, help="which cached store to use")
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument(
        "--postgres", metavar="SERVER_URL", help="also time the calls on a PostgreSQL copy on this server"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    path = args.store or Path(asyncio.run(ensure(Spec(articles=args.articles))).path)
    if not path.exists():
        parser.error(f"no store at {path}")
    results = asyncio.run(measure(path, args.rounds, args.postgres))
    report = {"store": str(path), "rounds": args.rounds, "summary": summary(results), "calls": results}
    if args.json:
        print(json.dumps(report))
        return
    print(f"store {path}, {args.rounds} rounds per call")
    pg_head = f"{'pg p50':>9}{'pg p99':>9}{'pg/sq':>9}  pg ok" if args.postgres else ""
    print(
        f"{'call':<18}{'p50 ms':>9}{'p99 ms':>9}{'raw p50':>9}{'ratio':>9}{'aio p50':>9}{'ratio':>9}  p99 ok"
        + pg_head
    )
    for name, row in results.items():
        raw = f"{row['raw_p50_ms']:.3f}" if "raw_p50_ms" in row else "-"
        ratio = f"{row['ratio']:.2f}" if "ratio" in row else "-"
        hop = f"{row['async_raw_p50_ms']:.3f}" if "async_raw_p50_ms" in row else "-"
        hop_ratio = f"{row['async_ratio']:.2f}" if "async_ratio" in row else "-"
        ok = "yes" if row["meets_p99"] else "NO "
        cells = (f"{row['p50_ms']:.3f}", f"{row['p99_ms']:.3f}", raw, ratio, hop, hop_ratio)
        line = f"{name:<18}" + "".join(f"{c:>9}" for c in cells) + f"  {ok}   "
        if "pg_p50_ms" in row:
            pg_cells = (f"{row['pg_p50_ms']:.3f}", f"{row['pg_p99_ms']:.3f}", f"{row['pg_ratio']:.2f}")
            line += "".join(f"{c:>9}" for c in pg_cells) + ("  yes" if row["pg_meets_p99"] else "  NO")
        print(line)
    for key, value in report["summary"].items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
