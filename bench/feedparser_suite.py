"""Robustness check: every file of feedparser's test suite and defusedxml's hostile XML through
Hotseat's ingest parse path. Counts crashes (any exception other than NotAFeed) and hangs (over
--timeout seconds), and, for well-formed files whose `Expect:` header states entries[0]['title'] or
entries[0]['link'], how often our stored value agrees (strictly, and after the same HTML-to-text
cleaning we apply, since we store text where feedparser keeps sanitised HTML).

The Expect strings are never eval()'d: only their string literals are read with ast.literal_eval.
Skips cleanly when ../shared/data is absent. Usage: python bench/feedparser_suite.py [--json]
"""

from __future__ import annotations

import argparse
import ast
import codecs
import json
import os
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.news.clean import one_line  # noqa: E402
from bot.news.parse import NotAFeed, ParsedFeed, parse_feed  # noqa: E402

DATA = ROOT / ".." / "shared" / "data"
SUITE = DATA / "feedparser-tests"
HOSTILE = DATA / "hostile-xml"
LITERAL = r"(u?'(?:[^'\\]|\\.)*'|u?\"(?:[^\"\\]|\\.)*\")"
EXPECT_FIELD = {name: re.compile(rf"entries\[0\]\['{name}'\]\s*==\s*{LITERAL}") for name in ("title", "link")}
HEADER = re.compile(r"^Header:\s+([^:]+):(.*)$", re.M)


def header_text(data: bytes) -> str:
    """The leading comment, decoded the way feedparser's helper does (BOM / first bytes)."""
    head = data[:4096]
    for bom, name in (
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
    ):
        if head.startswith(bom):
            return head.decode(name, "ignore")
    if head.startswith(b"\x00\x00\x00<"):
        return head.decode("utf-32-be", "ignore")
    if head.startswith(b"<\x00\x00\x00"):
        return head.decode("utf-32-le", "ignore")
    if head.startswith(b"\x00<"):
        return head.decode("utf-16-be", "ignore")
    if head.startswith(b"<\x00"):
        return head.decode("utf-16-le", "ignore")
    return head.decode("utf-8", "ignore")


def expectations(text: str) -> dict[str, str]:
    match = re.search(r"Expect:\s*(.*)", text)
    if not match:
        return {}
    found: dict[str, str] = {}
    for name, pattern in EXPECT_FIELD.items():
        hit = pattern.search(match.group(1))
        if hit:
            try:
                found[name] = str(ast.literal_eval(hit.group(1)))
            except (ValueError, SyntaxError):
                continue
    return found


def run_one(path: Path, rel: str) -> tuple[str, ParsedFeed | None, str]:
    data = path.read_bytes()
    text = header_text(data)
    headers = {k.strip().lower(): v.strip() for k, v in HEADER.findall(text)}
    url = f"http://127.0.0.1:8097/{rel}" if "http" in rel else ""
    try:
        return "parsed", parse_feed(data, headers, url), ""
    except NotAFeed as exc:
        return "refused", None, str(exc)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds before a file counts as a hang")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not SUITE.is_dir() and not HOSTILE.is_dir():
        print("skipped: ../shared/data/feedparser-tests and hostile-xml are not present")
        return 0
    files = [
        (p, str(p.relative_to(base)), label)
        for base, label in ((SUITE, "suite"), (HOSTILE, "hostile"))
        if base.is_dir()
        for p in sorted(base.rglob("*"))
        if p.is_file() and p.suffix != ".md"
    ]
    counts = {"files": 0, "parsed": 0, "refused": 0, "crashes": 0, "hangs": 0}
    crashes: list[str] = []
    compared = {"title": 0, "link": 0}
    strict = {"title": 0, "link": 0}
    cleaned = {"title": 0, "link": 0}
    disagreements: list[str] = []
    slowest = (0.0, "")
    start = time.perf_counter()
    pool = ThreadPoolExecutor(max_workers=1)
    for path, rel, label in files:
        counts["files"] += 1
        began = time.perf_counter()
        future = pool.submit(run_one, path, rel)
        try:
            outcome, feed, _reason = future.result(timeout=args.timeout)
        except FutureTimeout:
            counts["hangs"] += 1
            print(f"HANG {label}/{rel}", file=sys.stderr)
            os._exit(1)  # a hung parser thread cannot be stopped; report and leave
        except Exception as exc:
            counts["crashes"] += 1
            crashes.append(f"{label}/{rel}: {type(exc).__name__}: {exc}")
            continue
        spent = time.perf_counter() - began
        slowest = max(slowest, (spent, f"{label}/{rel}"))
        counts[outcome] += 1
        if label != "suite" or not rel.startswith("wellformed/"):
            continue
        expected = expectations(header_text(path.read_bytes()))
        for name, value in expected.items():
            compared[name] += 1
            got = ""
            if feed is not None and feed.items:
                got = feed.items[0].title if name == "title" else feed.items[0].link
            if got == value:
                strict[name] += 1
                cleaned[name] += 1
            elif got == (one_line(value) if name == "title" else value.strip()):
                cleaned[name] += 1
            else:
                disagreements.append(f"{rel} {name}: expected {value!r}, got {got!r}")
    total = sum(compared.values())
    result = {
        **counts,
        "seconds": round(time.perf_counter() - start, 2),
        "slowest_file": slowest[1],
        "slowest_s": round(slowest[0], 3),
        "compared": compared,
        "agreement_strict": round(sum(strict.values()) / total, 3) if total else None,
        "agreement_as_text": round(sum(cleaned.values()) / total, 3) if total else None,
        "title_agreement_as_text": round(cleaned["title"] / compared["title"], 3)
        if compared["title"]
        else None,
        "link_agreement": round(cleaned["link"] / compared["link"], 3) if compared["link"] else None,
        "crash_list": crashes[:20],
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"{counts['files']} files in {result['seconds']} s: {counts['parsed']} parsed, "
            f"{counts['refused']} refused/not a feed, {counts['crashes']} crashes, {counts['hangs']} hangs"
        )
        print(f"slowest: {result['slowest_file']} ({result['slowest_s']} s)")
        print(
            f"entries[0] title/link checks: {total}; agreement strict {result['agreement_strict']}, "
            f"as text {result['agreement_as_text']} (titles {result['title_agreement_as_text']}, "
            f"links {result['link_agreement']})"
        )
        for line in crashes[:20]:
            print("CRASH", line)
        for line in disagreements[:15]:
            print("  differs:", line)
    return 1 if counts["crashes"] or counts["hangs"] else 0


if __name__ == "__main__":
    sys.exit(main())
