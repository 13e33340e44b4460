"""Benchmark: items/s of Hotseat's parse path (entity gate + lxml fast path + cleaning) vs plain
`feedparser.parse` on the same bytes, and vs feedparser with its sanitiser/URI resolver off.

Inputs: generated RSS 2.0 / Atom / RSS 1.0 feeds (50 items each) and, when present, the real BBC
sample from ../shared/data/feeds. Usage: python bench/parse.py [--seconds 2] [--json]
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import feedparser

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.news.parse import parse_feed  # noqa: E402
from tests.support.feed_server import atom_feed, generated_feed, item, rdf_feed  # noqa: E402

BBC = ROOT / ".." / "shared" / "data" / "feeds" / "bbc-sport-football__Kinshuk28-touchline__rss-bbc.xml"


def inputs() -> dict[str, bytes]:
    specs = [item(i) for i in range(50)]
    found = {"rss2-50": generated_feed(1), "atom-50": atom_feed(specs), "rss1-50": rdf_feed(specs)}
    if BBC.is_file():
        found["bbc-real-70"] = BBC.read_bytes()
    return found


def rate(parse: Callable[[bytes], int], data: bytes, seconds: float) -> float:
    """Items per second, repeating the parse for about `seconds`."""
    parse(data)  # warm-up
    items = runs = 0
    start = time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds or runs < 3:
        items += parse(data)
        runs += 1
    return items / elapsed


def hotseat(data: bytes) -> int:
    return len(parse_feed(data, {"content-type": "application/rss+xml"}, "https://bench.example/feed").items)


def plain_feedparser(data: bytes) -> int:
    return len(feedparser.parse(io.BytesIO(data)).entries)


def lean_feedparser(data: bytes) -> int:
    return len(feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False).entries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=1.5, help="time per measurement")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results: dict[str, dict[str, float]] = {}
    for name, data in inputs().items():
        ours = rate(hotseat, data, args.seconds)
        plain = rate(plain_feedparser, data, args.seconds)
        lean = rate(lean_feedparser, data, args.seconds)
        results[name] = {
            "hotseat_items_per_s": round(ours),
            "feedparser_items_per_s": round(plain),
            "feedparser_lean_items_per_s": round(lean),
            "speedup_vs_feedparser": round(ours / plain, 1),
        }
    overall = sum(r["speedup_vs_feedparser"] for r in results.values()) / len(results)
    summary = {"inputs": results, "mean_speedup_vs_feedparser": round(overall, 1)}
    if args.json:
        print(json.dumps(summary))
        return
    print(f"{'input':<14}{'hotseat/s':>12}{'feedparser/s':>14}{'fp lean/s':>12}{'speedup':>9}")
    for name, r in results.items():
        print(
            f"{name:<14}{r['hotseat_items_per_s']:>12,}{r['feedparser_items_per_s']:>14,}"
            f"{r['feedparser_lean_items_per_s']:>12,}{r['speedup_vs_feedparser']:>8}x"
        )
    print(f"mean speedup vs plain feedparser.parse: {summary['mean_speedup_vs_feedparser']}x")


if __name__ == "__main__":
    main()
