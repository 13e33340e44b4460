"""Benchmark: items/s of Hotseat's parse path (entity gate + lxml fast path + cleaning) vs plain
`feedparser.parse` on the same bytes, and vs feedparser with its sanitiser/URI resolver off.

Inputs: generated RSS 2.0 / Atom / RSS 1.0 feeds (50 items each) and, when present, the real BBC
sample from ../shared/data/feeds. Then the worst case for a parse thread: a malformed (not
well-formed) 6 MB feed, which only the lenient parser reads: seconds for Hotseat (which gives that
parser at most FALLBACK_MAX_BYTES) vs lean feedparser on the whole document.
Usage: python bench/parse.py [--seconds 2] [--json]
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

from bot.news.parse import FALLBACK_MAX_BYTES, parse_feed  # noqa: E402
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


def malformed_feed(size: int) -> bytes:
    """About `size` bytes of RSS with a bare '&' in every title (so never well-formed)."""
    head = b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bench</title>'
    parts, total, n = [head], len(head), 0
    while total < size:
        part = (
            f"<item><title>Story {n} & more</title><link>https://bench.example/{n}</link>"
            f"<description>&lt;p&gt;Board meets after result {n} &amp; the coach waits.&lt;/p&gt;"
            "</description></item>"
        ).encode()
        parts.append(part)
        total, n = total + len(part), n + 1
    parts.append(b"</channel></rss>")
    return b"".join(parts)


def seconds_for(parse: Callable[[bytes], int], data: bytes) -> float:
    """The better of two runs (the machine is shared)."""
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        parse(data)
        best = min(best, time.perf_counter() - start)
    return best


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
    malformed = malformed_feed(6_000_000)
    worst = {
        "ours_s": seconds_for(hotseat, malformed),
        "lean_feedparser_s": seconds_for(lean_feedparser, malformed),
    }
    summary = {
        "inputs": results,
        "mean_speedup_vs_feedparser": round(overall, 1),
        "malformed_6mb": {k: round(v, 2) for k, v in worst.items()}
        | {"ratio": round(worst["ours_s"] / worst["lean_feedparser_s"], 2)},
    }
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
    print(
        f"malformed {len(malformed) / 1e6:.1f} MB feed on one parse thread: hotseat {worst['ours_s']:.2f} s "
        f"(lenient input capped at {FALLBACK_MAX_BYTES:,} bytes) vs lean feedparser on all of it "
        f"{worst['lean_feedparser_s']:.2f} s (ratio {worst['ours_s'] / worst['lean_feedparser_s']:.2f})"
    )


if __name__ == "__main__":
    main()
