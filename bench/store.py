"""Benchmark: build the synthetic scale store (1,000,000 articles by default) and report its cost.

The store is cached under bench/out/ keyed by its parameters, so bench/commands.py and
bench/retention.py reuse it. A fresh build is timed; `--rebuild` forces one, `--out` writes elsewhere.
Usage: python bench/store.py [--articles N] [--out PATH] [--rebuild] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._synthetic import Spec, build, ensure


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--servers", type=int, default=1_000)
    parser.add_argument("--out", type=Path, help="write here instead of the bench/out cache")
    parser.add_argument("--rebuild", action="store_true", help="build even when a cached store exists")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    spec = Spec(articles=args.articles, servers=args.servers)
    if args.out:
        if args.out.exists():
            parser.error(f"{args.out} exists; give a new path")
        report = asyncio.run(build(spec, args.out))
    else:
        report = asyncio.run(ensure(spec, rebuild=args.rebuild))
    result = report.to_dict()
    if not report.cached:
        result["articles_per_second"] = round(report.articles / report.seconds) if report.seconds else None
        result["bytes_per_article"] = round(report.file_bytes / max(1, report.articles))
    print(json.dumps(result) if args.json else report.to_text())


if __name__ == "__main__":
    main()
