"""Benchmark: one retention run on a copy of the scale store, vs one bare DELETE on another copy.

RetentionService deletes in batches of short transactions; while it runs, a probe task makes a tiny
write every 20 ms and records how long it waited for the writer (what a poll or digest would feel).
The baseline deletes the same articles with a single `DELETE ... WHERE published_at < ?` on a plain
sqlite3 connection (the writer is blocked for all of it). Findings, stories and mentions stay.
Usage: python bench/retention.py [--articles N] [--days 365] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._synthetic import NOW, Spec, bench_settings, ensure, stderr
from bot.retention import RetentionService
from bot.service import Service
from storage import stories as stories_db


async def pruned(path: Path, days: int) -> dict[str, Any]:
    service = await Service.open(bench_settings(path, HOTSEAT_RETENTION_DAYS=days))
    waits: list[float] = []
    done = asyncio.Event()

    async def probe() -> None:
        """A tiny write every 20 ms, like a poll's group commit: how long does it wait?"""
        while not done.is_set():
            start = time.perf_counter()
            async with service.store.transaction() as db:
                await stories_db.select(db, "SELECT 1")
            waits.append((time.perf_counter() - start) * 1000)
            await asyncio.sleep(0.02)

    try:
        prober = asyncio.create_task(probe())
        start = time.perf_counter()
        report = await RetentionService(service.store, service.settings).prune_once(NOW)
        seconds = time.perf_counter() - start
        done.set()
        await prober
        findings = (await service.rumours.counts()).findings
    finally:
        await service.close()
    return {
        "report": report.to_dict(),
        "seconds": round(seconds, 2),
        "articles_per_second": round(report.deleted / seconds) if seconds else None,
        "findings_after": findings,
        "writer_wait_ms": {
            "probes": len(waits),
            "p50": round(statistics.median(waits), 2) if waits else None,
            "max": round(max(waits), 2) if waits else None,
        },
    }


def bare_delete(path: Path, days: int) -> dict[str, Any]:
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        cutoff = (NOW - timedelta(days=days)).isoformat()
        start = time.perf_counter()
        with conn:
            deleted = conn.execute("DELETE FROM articles WHERE published_at < ?", (cutoff,)).rowcount
        seconds = time.perf_counter() - start
    finally:
        conn.close()
    return {"deleted": deleted, "seconds": round(seconds, 2), "writer_blocked_ms": round(seconds * 1000)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=365, help="retention age (keeps the last N days)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    base = Path(asyncio.run(ensure(Spec(articles=args.articles))).path)
    with tempfile.TemporaryDirectory(dir=base.parent) as folder:
        ours, bare = Path(folder) / "ours.db", Path(folder) / "bare.db"
        stderr("copying the store twice ...")
        shutil.copy(base, ours)
        shutil.copy(base, bare)
        stderr("pruning with RetentionService ...")
        result = asyncio.run(pruned(ours, args.days))
        result["file_mb_after"] = round(ours.stat().st_size / 1e6, 1)
        stderr("pruning with one bare DELETE ...")
        result["bare_delete"] = bare_delete(bare, args.days)
    result["file_mb_before"] = round(base.stat().st_size / 1e6, 1)
    result["ratio"] = round(result["seconds"] / max(result["bare_delete"]["seconds"], 1e-6), 2)
    result["days"] = args.days
    if args.json:
        print(json.dumps(result))
        return
    report, waits = result["report"], result["writer_wait_ms"]
    print(f"retention {args.days} days on {base.name}:")
    print(f"  deleted {report['deleted']} articles in {report['batches']} batches, {result['seconds']} s")
    print(f"  ({result['articles_per_second']}/s); findings kept: {result['findings_after']}")
    print(f"  a writer waited p50 {waits['p50']} ms, max {waits['max']} ms over {waits['probes']} probes")
    bare_run, r = result["bare_delete"], result
    print(f"  one bare DELETE: {bare_run['deleted']} articles in {bare_run['seconds']} s (writer blocked)")
    print(f"  ratio {r['ratio']}; file {r['file_mb_before']} MB before, {r['file_mb_after']} MB after")


if __name__ == "__main__":
    main()
