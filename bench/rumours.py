"""Benchmark: recording findings into stories, and answering the rumour commands on a large store.

Seeds a store with N synthetic articles (managers from the bundled registry, Zipf-skewed so a few
managers carry most stories; 40 outlets; syndicated copies; successor tips) through the real
`record_article` path with a synthetic analyzer (the analysis has its own benchmark), then times each
command. Baseline, measured in the same run: the board computed the naive way, summing every
pressure finding's decayed weight (what the index would cost without the incremental rank). One
server follows 25 feeds of its own carrying a tenth of the articles: its views (shared rows merged
with its own at query time) are timed too, with their ratio to the shared views.
Usage: python bench/rumours.py [--articles 20000] [--queries 200] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import math
import random
import statistics
import sys
import tempfile
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.analysis.models import Finding, GapClaim, SuccessorTip  # noqa: E402
from bot.models import StoredArticle  # noqa: E402
from bot.registry.service import RegistryService  # noqa: E402
from bot.rumours import pressure  # noqa: E402
from bot.rumours.service import RumourService  # noqa: E402
from storage import Store, articles, feeds  # noqa: E402

START = datetime(2024, 1, 1, tzinfo=UTC)
SPAN = timedelta(days=700)
OUTLETS = [f"Outlet {n}" for n in range(40)]
BATCH = 500
SERVER = 1  # the server with feeds of its own
OWN_FEEDS = 25
OWN_SHARE = 0.1  # of articles, from the server's own feeds
Row = tuple[str, str, str, datetime, Finding | None]


class SyntheticAnalyzer:
    """Findings drawn from a seeded distribution, keyed by article title."""

    def __init__(self) -> None:
        self.findings: dict[str, Finding] = {}

    def __call__(self, text: str, *, title: str = "", **context: Any) -> Finding:
        return self.findings.pop(title)


async def no_check(claim: GapClaim, on: date) -> str | None:
    return None


def plan(count: int, managers: list[str], candidates: list[str], rng: random.Random) -> Iterator[Row]:
    """(title, text, outlet, published, finding) per article, in publication order, made lazily."""
    weights = [1.0 / (rank + 1) for rank in range(len(managers))]
    recent: deque[Row] = deque(maxlen=20)
    step = SPAN / count
    for n in range(count):
        at = START + step * n
        if recent and rng.random() < 0.15:  # a syndicated copy of a recent article on another site
            title, text, _, _, finding = rng.choice(recent)
            yield (f"{title} #{n}", text, rng.choice(OUTLETS), at, finding)
            continue
        if rng.random() < 0.45:
            yield (f"Match report {n}", f"Match report number {n}.", rng.choice(OUTLETS), at, None)
            continue
        manager = rng.choices(managers, weights)[0]
        level = rng.choices([1, 2, 3], [0.6, 0.37, 0.03])[0]
        picked = rng.sample(candidates, rng.randint(0, 2))
        tips = tuple(SuccessorTip(c, f"{c} could take over.") for c in picked)
        finding = Finding(pressure=True, level=level, score=0.3 * level, manager=manager, successors=tips)
        row = (
            f"{manager} story {n}",
            f"{manager} under pressure, story {n}.",
            rng.choice(OUTLETS),
            at,
            finding,
        )
        recent.append(row)
        yield row


async def own_feeds(store: Store) -> list[int]:
    """The feeds SERVER added with /feeds add (private to it)."""
    ids = []
    async with store.transaction() as db:
        for n in range(OWN_FEEDS):
            feed, _ = await feeds.add_custom(
                db, f"https://own{n}.example/rss", f"Own {n}", SERVER, None, START
            )
            ids.append(feed.id)
    return ids


async def seed(
    store: Store,
    rumours: RumourService,
    analyzer: SyntheticAnalyzer,
    rows: Iterator[Row],
    private: list[int],
    rng: random.Random,
) -> float:
    """Store the articles as the news path does, record each; returns seconds spent recording."""
    recording = 0.0
    serial = 0
    while chunk := list(itertools.islice(rows, BATCH)):
        new = []
        for title, text, outlet, at, _finding in chunk:
            url = f"https://bench.example/{serial}"
            feed_id = rng.choice(private) if rng.random() < OWN_SHARE else None
            new.append(
                articles.NewArticle(feed_id, None, url, url, title, text, f"h{serial}", outlet, "en", at, at)
            )
            serial += 1
        async with store.transaction() as db:
            ids = await articles.insert_many(db, new)
        began = time.perf_counter()
        for item, (title, text, outlet, at, finding) in zip(new, chunk, strict=True):
            analyzer.findings[title] = finding or Finding(pressure=False, level=0, score=0.0)
            await rumours.record_article(
                StoredArticle(
                    ids[item.url], item.feed_id, item.url, title, text, None, outlet, "en", at, False
                )
            )
        recording += time.perf_counter() - began
    return recording


async def naive_board(store: Store, now: datetime) -> list[tuple[str, float]]:
    """The baseline: sum every pressure finding's decayed weight, then sort."""
    totals: dict[str, float] = {}
    async with (
        store.read() as db,
        db.execute("SELECT manager_key, weight, published_at FROM findings WHERE pressure = 1") as cursor,
    ):
        async for key, weight, published in cursor:
            age = now - datetime.fromisoformat(published)
            totals[key] = totals.get(key, 0.0) + weight * pressure.decay(age)
    return sorted(totals.items(), key=lambda kv: -kv[1])[:10]


async def timed(call: Callable[[], Awaitable[object]], repeat: int) -> dict[str, float]:
    samples = []
    for _ in range(repeat):
        began = time.perf_counter()
        await call()
        samples.append((time.perf_counter() - began) * 1000)
    samples.sort()
    return {
        "p50_ms": round(statistics.median(samples), 3),
        "p99_ms": round(samples[min(len(samples) - 1, math.ceil(0.99 * len(samples)) - 1)], 3),
    }


async def run(count: int, repeat: int) -> dict[str, Any]:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        store = await Store.open(Path(folder) / "bench.db")
        try:
            registry = RegistryService(store)
            await registry.sync()
            people = registry.registry.people.values()
            managers = sorted(p.name for p in people if p.role == "manager")
            candidates = sorted(p.name for p in people if p.role == "candidate")
            analyzer = SyntheticAnalyzer()
            rumours = RumourService(store, registry, no_check, analyzer=analyzer)
            rows = plan(count, managers, candidates, rng)
            private = await own_feeds(store)
            recording = await seed(store, rumours, analyzer, rows, private, random.Random(11))
            now = START + SPAN
            hot = managers[0]
            queries = {
                "hotseat": lambda: rumours.hotseat(now=now),
                "hotseat_league": lambda: rumours.hotseat("La Liga", now=now),
                "successors_hottest": lambda: rumours.successors(hot, now=now),
                "manager_profile_hottest": lambda: rumours.manager_profile(hot, now=now),
                "digest_one_day": lambda: rumours.digest_groups(now - timedelta(days=1), now),
                "alerts_after_cursor": lambda: rumours.stories_for_alerts(0, 3),
                "autocomplete": lambda: rumours.autocomplete_managers("an"),
                "counts_for_about": rumours.counts,  # articles are a full count (news table)
                "server_hotseat": lambda: rumours.hotseat(now=now, guild_id=SERVER),
                "server_hotseat_league": lambda: rumours.hotseat("La Liga", now=now, guild_id=SERVER),
                "server_successors_hottest": lambda: rumours.successors(hot, now=now, guild_id=SERVER),
                "server_manager_profile_hottest": lambda: rumours.manager_profile(
                    hot, now=now, guild_id=SERVER
                ),
                "server_digest_one_day": lambda: rumours.digest_groups(
                    now - timedelta(days=1), now, guild_id=SERVER
                ),
                "server_alerts_after_cursor": lambda: rumours.stories_for_alerts(0, 3, guild_id=SERVER),
            }
            figures = {name: await timed(call, repeat) for name, call in queries.items()}
            naive = await timed(lambda: naive_board(store, now), max(3, repeat // 20))
            counts = await rumours.counts()
        finally:
            await store.close()
    return {
        "articles": count,
        "findings": counts.findings,
        "record_per_second": round(count / recording, 1),
        "queries": figures,
        "baseline_naive_board": naive,
        "board_speedup_p50": round(naive["p50_ms"] / max(figures["hotseat"]["p50_ms"], 1e-6), 1),
        "server_vs_shared_p50": {
            name: round(figures[f"server_{name}"]["p50_ms"] / max(figures[name]["p50_ms"], 1e-6), 2)
            for name in ("hotseat", "manager_profile_hottest", "digest_one_day", "alerts_after_cursor")
        },
        "worst_p99_ms": max(f["p99_ms"] for f in figures.values()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = asyncio.run(run(args.articles, args.queries))
    if args.json:
        print(json.dumps(result))
        return
    print(f"{result['articles']} articles recorded at {result['record_per_second']}/s")
    for name, figure in result["queries"].items():
        print(f"  {name:26} p50 {figure['p50_ms']:8.3f} ms   p99 {figure['p99_ms']:8.3f} ms")
    base = result["baseline_naive_board"]
    print(f"  naive board (baseline)     p50 {base['p50_ms']:8.3f} ms   p99 {base['p99_ms']:8.3f} ms")
    print(f"board speed-up vs naive: {result['board_speedup_p50']}x; worst p99 {result['worst_p99_ms']} ms")
    ratios = ", ".join(f"{name} {ratio}x" for name, ratio in result["server_vs_shared_p50"].items())
    print(f"a server with {OWN_FEEDS} feeds of its own vs the shared view (p50): {ratios}")


if __name__ == "__main__":
    main()
