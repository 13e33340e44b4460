"""Command latency over the fake Discord: `python -m tests.e2e.latency_probe [-n 200] [--json]`.

Starts the fake and the real bot on loopback with the seeded store, invokes /gap N times one after
another, and reports the time from dispatching INTERACTION_CREATE to receiving the interaction
callback (what a user waits for), plus /about as a baseline that does no football work, and a burst of
50 simultaneous /gap invocations (queueing under load).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from tests.e2e.fake_discord import FakeDiscord
from tests.e2e.harness import BotHarness

PAIRS = (
    ("Real Madrid", "Barcelona"),
    ("Athletic Club", "Osasuna"),
    ("Sevilla", "Betis"),
    ("Girona", "Valencia"),
)


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def summary(latencies: list[float]) -> dict[str, float]:
    millis = [v * 1000 for v in latencies]
    return {
        "n": len(millis),
        "p50_ms": round(percentile(millis, 50), 2),
        "p99_ms": round(percentile(millis, 99), 2),
        "mean_ms": round(statistics.fmean(millis), 2),
        "max_ms": round(max(millis), 2),
    }


async def measure(fake: FakeDiscord, name: str, n: int, options: list[dict[str, Any]]) -> list[float]:
    latencies = []
    for i in range(n):
        record = await fake.invoke(name, options[i % len(options)])
        if record.latency is None or record.rejected:
            raise RuntimeError(f"/{name} was not answered: {record.rejected}")
        if record.ephemeral:  # an error answer would make the figure meaningless
            raise RuntimeError(f"/{name} {options[i % len(options)]} failed: {record.reply.text()}")
        latencies.append(record.latency)
    return latencies


async def measure_burst(fake: FakeDiscord, n: int) -> list[float]:
    """`n` users invoking /gap at the same moment: the queueing a busy server sees."""
    options = [{"team": a, "other": b} for a, b in PAIRS]
    records = await asyncio.gather(*(fake.invoke("gap", options[i % len(options)]) for i in range(n)))
    return [r.latency for r in records if r.latency is not None and not r.rejected]


async def run(n: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        os.chdir(workdir)
        for name in ("DISCORD_TOKEN", "FOOTBALL_DATA_TOKEN", "HOTSEAT_DB", "HOTSEAT_LOG_FILE"):
            os.environ.pop(name, None)
        async with FakeDiscord(rate_limit=10_000) as fake:
            harness = BotHarness(fake, workdir)
            try:
                await harness.seed()
                await harness.start_bot()
                await measure(fake, "gap", 5, [{"team": "Real Madrid", "other": "Barcelona"}])  # warm-up
                gap = await measure(fake, "gap", n, [{"team": a, "other": b} for a, b in PAIRS])
                about = await measure(fake, "about", max(20, n // 4), [{}])
                burst = await measure_burst(fake, 50)
            finally:
                await harness.close()
    gap_summary, about_summary = summary(gap), summary(about)
    return {
        "gap": gap_summary,
        "about_baseline": about_summary,
        "gap_burst_50": summary(burst),
        "gap_vs_about_p50": round(gap_summary["p50_ms"] / about_summary["p50_ms"], 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=200, help="number of /gap invocations")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    result = asyncio.run(run(args.n))
    if args.json:
        print(json.dumps(result))
    else:
        for name in ("gap", "about_baseline", "gap_burst_50"):
            s = result[name]
            print(f"/{name}: n={s['n']} p50={s['p50_ms']} ms p99={s['p99_ms']} ms max={s['max_ms']} ms")
        print(f"/gap p50 is {result['gap_vs_about_p50']}x /about's (invoke → interaction callback received)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
