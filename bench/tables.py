"""How fast /gap answers from the store, at every matchday of a 380-match season.

    python bench/tables.py [--json] [--repeats N]

Season: ../shared/data/openfootball/2024-25/es.1.json when present, else a generated 20-club double
round robin over the registry's La Liga clubs. For each matchday's last date it times
  - gap, first ask of that date (the table for the date is computed from the cached season),
  - gap, asked again (the per-date table comes from the cache),
  - gap right after an import (the season is reloaded from SQLite, then the table computed),
against the baseline: the raw SQL query fetching the same matches (played on or before the date).
Target: p99 of the first ask <= 5 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.config import load_settings  # noqa: E402
from bot.football.service import FootballService  # noqa: E402
from bot.http import make_client  # noqa: E402
from bot.registry.service import RegistryService  # noqa: E402
from storage import Store  # noqa: E402
from storage import matches as q  # noqa: E402

SHARED = ROOT / ".." / "shared" / "data" / "openfootball" / "2024-25" / "es.1.json"


def synthetic_season(clubs: list[str]) -> dict[str, Any]:
    """A double round robin (circle method), one matchday a week, home wins 2-1 and draws mixed in."""
    teams = clubs[:20]
    n = len(teams)
    rounds = []
    order = teams[:]
    for _ in range(n - 1):
        rounds.append([(order[i], order[n - 1 - i]) for i in range(n // 2)])
        order = [order[0], order[-1], *order[1:-1]]
    rounds += [[(away, home) for home, away in day] for day in rounds]
    start = date(2024, 8, 17)
    matches = []
    for number, day in enumerate(rounds, start=1):
        when = start + timedelta(weeks=number - 1)
        for i, (home, away) in enumerate(day):
            score = [2, 1] if (number + i) % 3 else [1, 1]
            matches.append(
                {
                    "round": f"Matchday {number}",
                    "date": when.isoformat(),
                    "team1": home,
                    "team2": away,
                    "score": {"ft": score},
                }
            )
    return {"name": "Spain Primera División 2024/25", "matches": matches}


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def summary(values: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(statistics.median(values) * 1000, 3),
        "p99_ms": round(percentile(values, 99) * 1000, 3),
        "max_ms": round(max(values) * 1000, 3),
        "n": len(values),
    }


async def run(repeats: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        settings = load_settings(HOTSEAT_DB=str(Path(folder) / "bench.db"), HOTSEAT_TIMEZONE="UTC")
        store = await Store.open(settings.db_path)
        http = make_client(settings)
        try:
            registry = RegistryService(store)
            await registry.sync()
            football = FootballService(store, settings, http, registry)
            if SHARED.is_file():
                source, origin = str(SHARED), "shared La Liga 2024-25"
            else:
                clubs = [club.name for club in registry.registry.clubs_in("es.1")]
                path = Path(folder) / "2024-25" / "es.1.json"
                path.parent.mkdir()
                path.write_text(json.dumps(synthetic_season(clubs)), encoding="utf-8")
                source, origin = str(path), "generated 20-club season"
            await football.import_matches([source])
            data = json.loads(Path(source).read_text(encoding="utf-8"))
            last_day: dict[str, str] = {}
            for m in data["matches"]:
                if "ft" in (m.get("score") or {}):
                    last_day[m["round"]] = max(last_day.get(m["round"], ""), m["date"])
            days = sorted(date.fromisoformat(d) for d in set(last_day.values()))
            clubs_in_season = sorted({m["team1"] for m in data["matches"]})
            pairs = [(clubs_in_season[i], clubs_in_season[-1 - i]) for i in range(len(clubs_in_season) // 2)]

            first: list[float] = []
            again: list[float] = []
            reload: list[float] = []
            raw: list[float] = []
            for _ in range(repeats):
                await football.import_matches([source])  # unchanged rows; drops the caches
                for index, day in enumerate(days):
                    team, other = pairs[index % len(pairs)]
                    if index == 0:
                        started = time.perf_counter()
                        await football.gap(team, other, on=day)
                        reload.append(time.perf_counter() - started)
                        continue
                    started = time.perf_counter()
                    await football.gap(team, other, on=day)
                    first.append(time.perf_counter() - started)
                    started = time.perf_counter()
                    await football.gap(other, team, on=day)
                    again.append(time.perf_counter() - started)
                    started = time.perf_counter()
                    async with store.read() as db:
                        await q.matches_played_by(db, "es.1", "2024-25", day.isoformat())
                    raw.append(time.perf_counter() - started)
        finally:
            await http.aclose()
            await store.close()
    first_s, raw_s = summary(first), summary(raw)
    return {
        "season": origin,
        "matchdays": len(days),
        "repeats": repeats,
        "gap_first_ask": first_s,
        "gap_repeat_ask": summary(again),
        "gap_after_import": summary(reload),
        "raw_sql_fetch": raw_s,
        "ratio_p50_first_vs_raw": round(first_s["p50_ms"] / raw_s["p50_ms"], 2),
        "ratio_p50_repeat_vs_raw": round(summary(again)["p50_ms"] / raw_s["p50_ms"], 2),
        "target_p99_ms": 5.0,
        "target_met": first_s["p99_ms"] <= 5.0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    result = asyncio.run(run(max(1, args.repeats)))
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"/gap over {result['season']}: {result['matchdays']} matchdays x {result['repeats']} repeats")
    for label, key in (
        ("gap, first ask of a date", "gap_first_ask"),
        ("gap, asked again", "gap_repeat_ask"),
        ("gap right after an import", "gap_after_import"),
        ("raw SQL fetch of the matches", "raw_sql_fetch"),
    ):
        s = result[key]
        print(f"  {label:<30} p50 {s['p50_ms']:7.3f} ms   p99 {s['p99_ms']:7.3f} ms   (n={s['n']})")
    print(
        f"  ratio to raw SQL (p50): first ask {result['ratio_p50_first_vs_raw']}x, "
        f"repeat {result['ratio_p50_repeat_vs_raw']}x"
    )
    print(f"  target p99 <= 5 ms for a first ask: {'met' if result['target_met'] else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
