"""Benchmark: p50/p99 of every command's service call on the scale store, vs the raw SQL it runs.

For each call the SELECTs it sends are captured with sqlite3's trace callback; the baseline replays
exactly those statements on a plain sqlite3 connection (no asyncio, no thread hop, no Python answer
building). ratio = service p50 / raw p50. A second baseline runs the same statements through the
store's aiosqlite reader (async_ratio): what is left there is Hotseat's own Python, not the thread
hop every aiosqlite statement pays. Calls run round-robin so machine noise hits them evenly.
Targets: command p99 <= 5 ms, autocomplete p99 <= 2 ms, ratio <= 3. Calls answered from memory (no
SQL) have no ratio.
Usage: python bench/commands.py [--store PATH] [--articles N] [--rounds 300] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sqlite3
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._calls import Call, calls, run_raw, traced
from bench._synthetic import Spec, bench_settings, ensure, stderr
from bot.service import Service

COMMAND_P99_MS = 5.0
AUTOCOMPLETE_P99_MS = 2.0
RATIO_TARGET = 3.0


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


async def measure(path: Path, rounds: int) -> dict[str, Any]:
    service = await Service.open(bench_settings(path))
    raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    results: dict[str, dict[str, Any]] = {}
    try:
        found = await calls(service)
        traces = {call.name: await traced(service, call) for call in found}
        timed = await time_services(found, rounds)
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
            results[call.name] = row
            stderr(f"  {call.name}: p50 {row['p50_ms']} ms, p99 {row['p99_ms']} ms, ratio {row.get('ratio')}")
    finally:
        raw.close()
        await service.close()
    return results


def summary(results: dict[str, dict[str, Any]]) -> dict[str, Any]:
    commands = [r for r in results.values() if r["kind"] == "command"]
    completes = [r for r in results.values() if r["kind"] == "autocomplete"]
    ratios = [r["ratio"] for r in results.values() if "ratio" in r]
    async_ratios = [r["async_ratio"] for r in results.values() if "async_ratio" in r]
    return {
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
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    path = args.store or Path(asyncio.run(ensure(Spec(articles=args.articles))).path)
    if not path.exists():
        parser.error(f"no store at {path}")
    results = asyncio.run(measure(path, args.rounds))
    report = {"store": str(path), "rounds": args.rounds, "summary": summary(results), "calls": results}
    if args.json:
        print(json.dumps(report))
        return
    print(f"store {path}, {args.rounds} rounds per call")
    print(
        f"{'call':<18}{'p50 ms':>9}{'p99 ms':>9}{'raw p50':>9}{'ratio':>8}{'aio p50':>9}{'ratio':>8}  p99 ok"
    )
    for name, row in results.items():
        raw = f"{row['raw_p50_ms']:.3f}" if "raw_p50_ms" in row else "-"
        ratio = f"{row['ratio']:.2f}" if "ratio" in row else "-"
        hop = f"{row['async_raw_p50_ms']:.3f}" if "async_raw_p50_ms" in row else "-"
        hop_ratio = f"{row['async_ratio']:.2f}" if "async_ratio" in row else "-"
        ok = "yes" if row["meets_p99"] else "NO"
        cells = (f"{row['p50_ms']:.3f}", f"{row['p99_ms']:.3f}", raw, ratio, hop, hop_ratio)
        print(f"{name:<18}" + "".join(f"{c:>9}" for c in cells) + f"  {ok}")
    for key, value in report["summary"].items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
