"""Benchmark: p50/p99 of every command's service call on the scale store, vs the raw SQL it runs.

For each call the SELECTs it sends are captured with sqlite3's trace callback; the baseline replays
exactly those statements on a plain sqlite3 connection (no asyncio, no thread hop, no Python answer
building). ratio = service p50 / raw p50. Targets: command p99 <= 5 ms, autocomplete p99 <= 2 ms,
ratio <= 3. Calls that run no SQL (answered from memory) have no ratio.
Usage: python bench/commands.py [--store PATH] [--articles N] [--rounds 200] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
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


async def time_service(call: Call, rounds: int) -> list[float]:
    await call.run()  # warm caches the way a running bot has them
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        await call.run()
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
        for call in await calls(service):
            statements = await traced(service, call)
            samples = await time_service(call, rounds)
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
    return {
        "worst_command_p99_ms": max(r["p99_ms"] for r in commands),
        "worst_autocomplete_p99_ms": max(r["p99_ms"] for r in completes),
        "worst_ratio": max(ratios) if ratios else None,
        "commands_meeting_p99": f"{sum(r['meets_p99'] for r in commands)}/{len(commands)}",
        "autocompletes_meeting_p99": f"{sum(r['meets_p99'] for r in completes)}/{len(completes)}",
        "calls_over_ratio": sorted(n for n, r in results.items() if r.get("ratio", 0) > RATIO_TARGET),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a store built by bench/store.py (default: the cache)")
    parser.add_argument("--articles", type=int, default=1_000_000, help="which cached store to use")
    parser.add_argument("--rounds", type=int, default=200)
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
    print(f"{'call':<18}{'p50 ms':>9}{'p99 ms':>9}{'raw p50':>9}{'ratio':>8}  ok")
    for name, row in results.items():
        raw = f"{row['raw_p50_ms']:.3f}" if "raw_p50_ms" in row else "-"
        ratio = f"{row['ratio']:.2f}" if "ratio" in row else "-"
        ok = "yes" if row["meets_p99"] else "NO"
        print(f"{name:<18}{row['p50_ms']:>9.3f}{row['p99_ms']:>9.3f}{raw:>9}{ratio:>8}  {ok}")
    for key, value in report["summary"].items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
