"""What reading appointments adds to the analysis of an article, on the labelled corpus.

    python bench/appointments_overhead.py [--corpus DIR] [--rounds N]

Reads every article of the corpus (default ../shared/corpus/dev) with `read_article` as shipped and
with the appointment reading switched off, alternating, and prints the best time of each and their
ratio (measured in the same run). Exits 0 with one line when the corpus is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.analysis import engine  # noqa: E402
from bot.registry.loader import load_registry  # noqa: E402

DEFAULT_CORPUS = ROOT / ".." / "shared" / "corpus" / "dev"


def _timed(articles: list[dict[str, Any]], registry: Any, reader: Callable[..., Any]) -> float:
    engine.with_appointments = reader
    started = time.perf_counter()
    for article in articles:
        engine.read_article(article["text"], article.get("title"), None, registry, article.get("lang"))
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    files = sorted(args.corpus.glob("*.json")) if args.corpus.is_dir() else []
    articles = [a for a in (json.loads(f.read_text(encoding="utf-8")) for f in files) if "text" in a]
    if not articles:
        print(f"no corpus at {args.corpus}: nothing measured")
        return 0
    registry = load_registry()
    shipped = engine.with_appointments

    def skipped(finding: Any, *_: Any) -> Any:
        return finding

    _timed(articles, registry, shipped)  # warm caches (packs, registry lookups) for both
    with_, without = [], []
    for _ in range(max(1, args.rounds)):
        with_.append(_timed(articles, registry, shipped))
        without.append(_timed(articles, registry, skipped))
    engine.with_appointments = shipped
    best_with, best_without = min(with_), min(without)
    per = 1e6 / len(articles)
    print(f"articles: {len(articles)}")
    print(f"without appointments: {best_without * 1000:.1f} ms ({best_without * per:.0f} µs/article)")
    print(f"with appointments:    {best_with * 1000:.1f} ms ({best_with * per:.0f} µs/article)")
    print(f"ratio with/without:   {best_with / best_without:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
