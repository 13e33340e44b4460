"""Benchmark: one full poll of N feeds x 50 items from a local server, vs a bare httpx loop.

Both fetch the same URLs with the same concurrency from a feed server running in another process.
Hotseat's poll also parses, dedupes and stores every item; the second cycle is all 304s.
Usage: python bench/poll.py [--feeds 1000] [--concurrency 16] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.config import load_settings  # noqa: E402
from bot.http import make_client  # noqa: E402
from bot.models import StoredArticle  # noqa: E402
from bot.news.service import NewsService  # noqa: E402
from storage import Store, articles, feeds  # noqa: E402


def start_server(items: int) -> tuple[subprocess.Popen[str], int]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.support.feed_server", "--port", "0", "--items", str(items)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    return proc, int(proc.stdout.readline())


async def bare_loop(urls: list[str], concurrency: int) -> float:
    """The baseline: fetch every URL and read its body, nothing else."""
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    gate = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(transport=httpx.AsyncHTTPTransport(limits=limits)) as client:

        async def one(url: str) -> int:
            async with gate:
                response = await client.get(url)
                return len(response.content)

        start = time.perf_counter()
        await asyncio.gather(*(one(u) for u in urls))
        return time.perf_counter() - start


async def hotseat_poll(urls: list[str], concurrency: int, folder: Path) -> dict[str, float]:
    settings = load_settings(
        HOTSEAT_DB=str(folder / "bench.db"),
        HOTSEAT_DEFAULT_FEEDS=False,
        HOTSEAT_ALLOW_PRIVATE_FEEDS=True,
        HOTSEAT_PER_HOST_CONCURRENCY=concurrency,
        HOTSEAT_TIMEZONE="UTC",
    )
    store = await Store.open(settings.db_path)
    client = make_client(settings)
    handed = 0

    async def on_article(article: StoredArticle) -> None:
        nonlocal handed
        handed += 1

    try:
        news = NewsService(store, settings, client, on_article)
        async with store.transaction() as db:
            for url in urls:
                await feeds.add_custom(db, url, "bench", None, None, datetime.now(UTC))
        start = time.perf_counter()
        first = await news.poll_once()
        first_s = time.perf_counter() - start
        start = time.perf_counter()
        second = await news.poll_once()
        second_s = time.perf_counter() - start
        async with store.read() as db:
            stored = await articles.count(db)
    finally:
        await client.aclose()
        await store.close()
    return {
        "first_s": first_s,
        "second_s": second_s,
        "first_ok": first.ok,
        "first_failures": first.failures,
        "second_304": second.not_modified,
        "stored": stored,
        "handed_on": handed,
    }


async def run(feeds_n: int, items: int, concurrency: int) -> dict[str, object]:
    proc, port = start_server(items)
    try:
        urls = [f"http://127.0.0.1:{port}/gen/{n}.xml" for n in range(feeds_n)]
        await bare_loop(urls, concurrency)  # warm-up: the server builds and caches each body once
        cpu = time.process_time()
        before = await bare_loop(urls, concurrency)
        bare_cpu = time.process_time() - cpu
        with tempfile.TemporaryDirectory() as tmp:
            cpu = time.process_time()
            hotseat = await hotseat_poll(urls, concurrency, Path(tmp))
            hotseat_cpu = time.process_time() - cpu
        after = await bare_loop(urls, concurrency)
        baseline = min(before, after)  # the machine is shared: take the baseline's better run
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "feeds": feeds_n,
        "items_per_feed": items,
        "concurrency": concurrency,
        "bare_httpx_s": round(baseline, 3),
        "hotseat_first_poll_s": round(hotseat["first_s"], 3),
        "ratio_vs_bare": round(hotseat["first_s"] / baseline, 2),
        "bare_httpx_cpu_s": round(bare_cpu, 3),
        "hotseat_both_polls_cpu_s": round(hotseat_cpu, 3),
        "hotseat_304_cycle_s": round(hotseat["second_s"], 3),
        "ratio_304_vs_bare": round(hotseat["second_s"] / baseline, 2),
        "items_per_s": round(feeds_n * items / hotseat["first_s"]),
        "feeds_ok": hotseat["first_ok"],
        "feeds_failed": hotseat["first_failures"],
        "feeds_304": hotseat["second_304"],
        "articles_stored": hotseat["stored"],
        "articles_handed_on": hotseat["handed_on"],
        "peak_rss_mb": round(peak_mb, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = asyncio.run(run(args.feeds, args.items, args.concurrency))
    if args.json:
        print(json.dumps(result))
        return
    print(f"{result['feeds']} feeds x {result['items_per_feed']} items, concurrency {result['concurrency']}")
    print(f"  bare httpx loop        {result['bare_httpx_s']:8.2f} s  (cpu {result['bare_httpx_cpu_s']} s)")
    print(
        f"  hotseat first poll     {result['hotseat_first_poll_s']:8.2f} s  "
        f"(ratio {result['ratio_vs_bare']}, {result['items_per_s']} items/s)"
    )
    print(
        f"  hotseat 304 cycle      {result['hotseat_304_cycle_s']:8.2f} s  "
        f"(ratio {result['ratio_304_vs_bare']})"
    )
    print(
        f"  hotseat cpu, both polls {result['hotseat_both_polls_cpu_s']} s\n"
        f"  stored {result['articles_stored']} articles, {result['feeds_ok']} ok / "
        f"{result['feeds_failed']} failed, {result['feeds_304']} x 304; peak RSS {result['peak_rss_mb']} MB"
    )


if __name__ == "__main__":
    main()
