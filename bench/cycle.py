"""Benchmark: one full cycle of the bot with N feeds (default 5,000) and 1,000 servers.

Set-up (not timed): a synthetic store (bench/_synthetic, 20,000 articles), N feeds on a local feed
server in another process (bench/_cycle_server), one warm-up poll so every feed has an ETag, and
1,000 servers with a daily digest (200 of them with alerts too).
The cycle runs in a fresh child process so its peak RSS is the cycle's own: a few feeds get new items
(pressure stories about real managers among ordinary news), then the real pipeline runs -
NewsService.poll_once (mostly 304s) -> RumourService.record_article for the new items ->
DigestService.tick with every digest due and the new alerts, handed to a recording sink.
Figures: wall and CPU time, peak RSS (target <= 250 MB), and per alert the time from its item
appearing on the server to the alert reaching the sink.
Usage: python bench/cycle.py [--feeds 5000] [--servers 1000] [--changed 50] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._synthetic import LEAGUES, Spec, bench_settings, ensure, stderr  # noqa: E402
from bot.digest import Alert, Digest  # noqa: E402
from bot.models import StoredArticle  # noqa: E402
from bot.registry.loader import load_registry  # noqa: E402
from bot.service import Service  # noqa: E402
from storage import feeds  # noqa: E402

RSS_TARGET_MB = 250
ALERT_SHARE = 5  # one server in five also has real-time alerts
BASE = Spec(articles=20_000, servers=0)


class RecordingSink:
    """Stands in for Discord: remembers when each digest and alert was handed over."""

    def __init__(self) -> None:
        self.digests = 0
        self.alerts: list[tuple[float, Alert]] = []
        self._next = 1

    async def post_digest(self, guild_id: int, channel_id: int, digest: Digest) -> int | None:
        self.digests += 1
        self._next += 1
        return self._next

    async def post_alert(self, guild_id: int, channel_id: int, alert: Alert) -> int | None:
        self.alerts.append((time.time(), alert))
        self._next += 1
        return self._next


def pressure_items(count: int, stamp: datetime) -> list[tuple[str, dict[str, str]]]:
    """(manager name, item) pairs: strong pressure stories about current managers in the big leagues."""
    registry = load_registry()
    found = []
    for code in LEAGUES:
        for team in registry.clubs_in(code):
            coach = registry.manager_of(team.key)
            if coach is not None:
                found.append((coach.name, team.name))
    items = []
    for n in range(count):
        manager, club = found[n % len(found)]
        surname = manager.split()[-1]
        items.append(
            (
                manager,
                {
                    "title": f"{manager} faces the sack at {club} after a fifth straight defeat",
                    "link": f"https://cycle.example/news/sack-{n}",
                    "guid": f"cycle-sack-{n}",
                    "date": format_datetime(stamp, usegmt=True),
                    "summary": (
                        f"{club} are considering sacking {manager}. The board will meet on Monday to decide "
                        f"{surname}'s future after a fifth defeat in a row."
                    ),
                },
            )
        )
    return items


async def prepare(path: Path, port: int, feed_count: int, servers: int) -> None:
    """Feeds, a warm-up poll (ETags learnt, first-poll items stored without analysis), servers."""
    service = await Service.open(bench_settings(path, HOTSEAT_PER_HOST_CONCURRENCY=32))
    try:
        now = datetime.now(UTC)
        async with service.store.transaction() as db:
            for old in await feeds.all_feeds(db):  # the synthetic outlets' made-up hosts
                await feeds.unsubscribe(db, old.id, None)
            for n in range(feed_count):
                await feeds.add_custom(
                    db, f"http://127.0.0.1:{port}/gen/{n}.xml", f"Gen {n}", None, None, now
                )

        async def skip(article: StoredArticle) -> None:
            return None

        service.news.on_article = skip  # the warm-up's first-poll items are old news, not analysed
        started = time.perf_counter()
        report = await service.news.poll_once()
        stderr(
            f"warm-up poll: {report.ok} feeds, {report.new} items in {time.perf_counter() - started:.1f} s"
        )
        for n in range(servers):
            guild = 50_000 + n
            await service.digests.setup(guild, guild + 1, f"{n % 24:02d}:{n % 60:02d}", "UTC")
            if n % ALERT_SHARE == 0:
                await service.digests.set_alerts(guild, guild + 2, 1)
    finally:
        await service.close()


async def run_cycle(path: Path) -> dict[str, Any]:
    """The child: wait for 'go <appear times json>', run one cycle, print figures as JSON."""
    service = await Service.open(bench_settings(path, HOTSEAT_PER_HOST_CONCURRENCY=32))
    sink = RecordingSink()
    try:
        await service.rumours.hotseat()  # load the registry and analysis before the clock starts
        print("ready", flush=True)
        line = sys.stdin.readline().split(" ", 1)
        appeared: dict[str, float] = json.loads(line[1])
        wall, cpu = time.perf_counter(), time.process_time()
        poll = await service.news.poll_once()
        poll_seconds = time.perf_counter() - wall
        tick = await service.digests.tick(sink, now=datetime.now(UTC) + timedelta(days=1))
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    finally:
        await service.close()
    latencies = sorted(
        (at - appeared[alert.manager]) * 1000 for at, alert in sink.alerts if alert.manager in appeared
    )
    return {
        "poll": poll.to_dict(),
        "poll_seconds": round(poll_seconds, 3),
        "wall_seconds": round(wall, 3),
        "cpu_seconds": round(cpu, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "digests_handed": sink.digests,
        "alerts_handed": len(sink.alerts),
        "tick_failures": len(tick.failures),
        "alert_latency_ms": {
            "count": len(latencies),
            "min": round(latencies[0]) if latencies else None,
            "p50": round(statistics.median(latencies)) if latencies else None,
            "max": round(latencies[-1]) if latencies else None,
        },
    }


def start_server() -> tuple[subprocess.Popen[str], int]:
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "_cycle_server.py")],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    return proc, int(proc.stdout.readline())


def add_items(server: subprocess.Popen[str], feed: int, items: list[dict[str, str]]) -> float:
    assert server.stdin is not None and server.stdout is not None
    server.stdin.write(f"add {feed} {json.dumps(items)}\n")
    server.stdin.flush()
    return float(server.stdout.readline().split()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=5_000)
    parser.add_argument("--servers", type=int, default=1_000)
    parser.add_argument("--changed", type=int, default=50, help="feeds that get new items this cycle")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(asyncio.run(run_cycle(args.child))), flush=True)
        return
    base = Path(asyncio.run(ensure(BASE)).path)
    server, port = start_server()
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "cycle.db"
            shutil.copy(base, path)
            started = time.perf_counter()
            asyncio.run(prepare(path, port, args.feeds, args.servers))
            stderr(f"set-up done in {time.perf_counter() - started:.1f} s; running the cycle")
            result = cycle(path, server, args.changed)
    finally:
        server.terminate()
        server.wait()
    result.update(feeds=args.feeds, servers=args.servers, changed_feeds=args.changed)
    result["meets_rss_target"] = result["peak_rss_mb"] <= RSS_TARGET_MB
    if args.json:
        print(json.dumps(result))
        return
    late, poll, r = result["alert_latency_ms"], result["poll"], result
    print(f"cycle: {args.feeds} feeds, {poll['not_modified']} x 304, {poll['ok']} changed, {poll['new']} new")
    print(f"  poll {r['poll_seconds']} s; whole cycle {r['wall_seconds']} s wall, {r['cpu_seconds']} s CPU")
    print(f"  {r['digests_handed']} digests and {r['alerts_handed']} alerts handed to the sink")
    print(f"  peak RSS {r['peak_rss_mb']} MB (target <= {RSS_TARGET_MB})")
    print(f"  item on server -> alert handed: p50 {late['p50']} ms, max {late['max']} ms ({late['count']})")


def cycle(path: Path, server: subprocess.Popen[str], changed: int) -> dict[str, Any]:
    """Run the child, add the new items once it is ready, and read its figures."""
    child = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--child", str(path)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None and child.stdout is not None
    try:
        if child.stdout.readline().strip() != "ready":
            raise SystemExit("the cycle process did not start")
        appeared: dict[str, float] = {}
        stamp = datetime.now(UTC)
        stories = pressure_items(changed // 2, stamp)
        for n in range(changed):
            ordinary = {
                "title": f"Match report {n}: a late winner settles it",
                "link": f"https://cycle.example/news/report-{n}",
                "guid": f"cycle-report-{n}",
                "date": format_datetime(stamp, usegmt=True),
                "summary": "A late header settled a tight game.",
            }
            items = [ordinary]
            if n < len(stories):
                manager, story = stories[n]
                items.insert(0, story)
                appeared[manager] = add_items(server, n * 7, items)
            else:
                add_items(server, n * 7, items)
        child.stdin.write(f"go {json.dumps(appeared)}\n")
        child.stdin.flush()
        output = child.stdout.readline()
    finally:
        child.wait()
    return dict(json.loads(output))


if __name__ == "__main__":
    main()
