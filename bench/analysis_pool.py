"""What moving analysis off the event loop costs: articles/s in-process vs in the worker pool.

    python bench/analysis_pool.py [--articles N] [--json]

Same generated ~3 KB articles as bench/analyze.py, same run, wall-clock time (the work happens in other
processes). Baseline: `analyze` called directly on the loop, as before the pool. Pooled: through
`AnalysisPool` one article at a time (the poller's pattern), and with several in flight on 1 and 2
workers. Tiny articles isolate the per-article overhead (pickling, the pipe, waking the loop). The
loop's worst stall while analysing shows what the pool buys: in-process, every article blocks it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from analyze import make_article  # noqa: E402

from bot.analysis import analyze  # noqa: E402
from bot.registry.loader import load_registry  # noqa: E402
from bot.registry.registry import Registry  # noqa: E402
from bot.workers import AnalysisPool  # noqa: E402

TINY = "Nothing happened today."


async def stall_while(work: Callable[[], Awaitable[None]]) -> tuple[float, float]:
    """(seconds `work` took, the longest the loop went without running a 1 ms ticker)."""
    worst = 0.0

    async def ticker() -> None:
        nonlocal worst
        last = time.perf_counter()
        while True:
            await asyncio.sleep(0.001)
            now = time.perf_counter()
            worst = max(worst, now - last)
            last = now

    tick = asyncio.create_task(ticker())
    await asyncio.sleep(0.01)
    start = time.perf_counter()
    await work()
    took = time.perf_counter() - start
    tick.cancel()
    return took, worst


async def in_process(texts: list[str], registry: Registry) -> tuple[float, float]:
    async def work() -> None:
        for text in texts:
            analyze(text, title=None, source=None, published=None, registry=registry)
            await asyncio.sleep(0)  # the poller yields between articles

    return await stall_while(work)


async def pooled(texts: list[str], registry: Registry, workers: int, in_flight: int) -> tuple[float, float]:
    pool = AnalysisPool(workers=workers, timeout=30.0)
    try:
        for _ in range(workers * 2):  # start the workers and hand them the registry, untimed
            await asyncio.gather(
                *(
                    pool.analyze(TINY, title=None, source=None, published=None, registry=registry)
                    for _ in range(workers)
                )
            )
        queue = list(texts)

        async def lane() -> None:
            while queue:
                text = queue.pop()
                await pool.analyze(text, title=None, source=None, published=None, registry=registry)

        async def work() -> None:
            await asyncio.gather(*(lane() for _ in range(in_flight)))

        return await stall_while(work)
    finally:
        await pool.close()


async def run(count: int) -> dict[str, float]:
    rng = random.Random(4)
    texts = [make_article(rng) for _ in range(count)]
    tiny = [TINY] * count
    registry = load_registry()
    analyze(texts[0], registry=registry)  # warm caches, as the workers are warmed
    figures: dict[str, float] = {}
    for name, batch in (("3kb", texts), ("tiny", tiny)):
        took, stall = await in_process(batch, registry)
        figures[f"{name}_in_process_per_s"] = len(batch) / took
        figures[f"{name}_in_process_worst_stall_ms"] = stall * 1000
        for workers, in_flight in ((1, 1), (1, 4), (2, 8)):
            took, stall = await pooled(batch, registry, workers, in_flight)
            key = f"{name}_pool_{workers}w_{in_flight}inflight"
            figures[f"{key}_per_s"] = len(batch) / took
            figures[f"{key}_worst_stall_ms"] = stall * 1000
        figures[f"{name}_overhead_ms_per_article"] = 1000 * (
            1 / figures[f"{name}_pool_1w_1inflight_per_s"] - 1 / figures[f"{name}_in_process_per_s"]
        )
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = asyncio.run(run(args.articles))
    if args.json:
        print(json.dumps({k: round(v, 2) for k, v in figures.items()}))
        return 0
    print(f"{args.articles} articles each way, wall clock, this machine's load included")
    for name, label in (("3kb", "~3 KB articles"), ("tiny", "tiny articles (overhead only)")):
        base = figures[f"{name}_in_process_per_s"]
        print(f"{label}:")
        print(
            f"  in-process (baseline)   {base:8.0f}/s   loop stalls up to "
            f"{figures[f'{name}_in_process_worst_stall_ms']:6.1f} ms"
        )
        for workers, in_flight in ((1, 1), (1, 4), (2, 8)):
            key = f"{name}_pool_{workers}w_{in_flight}inflight"
            rate = figures[f"{key}_per_s"]
            print(
                f"  pool {workers} worker(s), {in_flight} in flight {rate:8.0f}/s ({rate / base:4.2f}x)"
                f"   loop stalls up to {figures[f'{key}_worst_stall_ms']:6.1f} ms"
            )
        print(f"  overhead per article, one at a time: {figures[f'{name}_overhead_ms_per_article']:.3f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
