"""Print real tables computed from the shared openfootball seasons, and check known final facts.

    python bench/eval_tables.py [--json] [--league CODE --date YYYY-MM-DD]

Reads ../shared/data/openfootball (next to the repository); exits 0 with a message when it is absent.
The checks are facts from the official final tables (points, and order where clubs ended level).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.config import load_settings  # noqa: E402
from bot.service import Service  # noqa: E402

DATA = ROOT / ".." / "shared" / "data" / "openfootball"

# (league, date, club key, expected position, expected points) from the official final tables.
FINAL_FACTS: list[tuple[str, str, str, int, int]] = [
    ("en.1", "2024-05-19", "manchester-city", 1, 91),
    ("en.1", "2024-05-19", "everton", 15, 40),  # 48 from results, -8 in sanctions
    ("en.1", "2024-05-19", "nottingham-forest", 17, 32),  # 36 from results, -4
    ("en.1", "2024-05-19", "newcastle-united", 7, 60),  # level with Man Utd, better goal difference
    ("en.1", "2024-05-19", "manchester-united", 8, 60),
    ("es.1", "2024-05-26", "real-madrid", 1, 95),
    ("it.1", "2024-06-02", "inter", 1, 94),
    ("de.1", "2024-05-18", "leverkusen", 1, 90),
    ("fr.1", "2024-05-19", "psg", 1, 76),
    ("fr.1", "2024-05-19", "metz", 16, 29),  # level with Lorient on points and goal difference
    ("fr.1", "2024-05-19", "lorient", 17, 29),
    ("es.1", "2024-05-26", "celta-vigo", 13, 41),  # level with Sevilla
    ("es.1", "2024-05-26", "sevilla", 14, 41),
    ("es.1", "2024-05-26", "mallorca", 15, 40),  # level with Las Palmas
    ("es.1", "2024-05-26", "las-palmas", 16, 40),
    ("it.1", "2024-06-02", "torino", 9, 53),  # level with Napoli
    ("it.1", "2024-06-02", "napoli", 10, 53),
    ("it.1", "2024-06-02", "cagliari", 16, 36),  # level with Empoli
    ("it.1", "2024-06-02", "empoli", 17, 36),
    ("de.1", "2024-05-18", "heidenheim", 8, 42),  # three clubs on 42
    ("de.1", "2024-05-18", "werder-bremen", 9, 42),
    ("de.1", "2024-05-18", "freiburg", 10, 42),
    ("en.1", "2025-05-25", "liverpool", 1, 84),
    ("de.1", "2025-05-17", "bayern", 1, 82),
    ("fr.1", "2025-05-17", "psg", 1, 84),
    ("fr.1", "2025-05-17", "nice", 4, 60),  # level with Lille
    ("fr.1", "2025-05-17", "lille", 5, 60),
    ("en.1", "2025-05-25", "newcastle-united", 5, 66),  # level with Aston Villa
    ("en.1", "2025-05-25", "aston-villa", 6, 66),
    ("de.1", "2025-05-17", "rb-leipzig", 7, 51),  # level with Werder Bremen
    ("de.1", "2025-05-17", "holstein-kiel", 17, 25),  # level with Bochum
    ("de.1", "2025-05-17", "bochum", 18, 25),
]

SHOWN = [("en.1", "2024-05-19"), ("es.1", "2024-11-06"), ("it.1", "2025-05-18"), ("de.1", "2025-05-17")]


async def run(as_json: bool, league: str | None, on: str | None) -> int:
    if not DATA.is_dir():
        print(f"skipped: {DATA} is absent")
        return 0
    with tempfile.TemporaryDirectory() as folder:
        settings = load_settings(HOTSEAT_DB=str(Path(folder) / "eval.db"), HOTSEAT_DEFAULT_FEEDS=False)
        service = await Service.open(settings)
        try:
            files = sorted(str(p) for p in DATA.glob("*/*.json"))
            report = await service.football.import_matches(files)
            shown = [(league, on)] if league and on else SHOWN
            tables = [await service.football.table(code, on=date.fromisoformat(day)) for code, day in shown]
            checks: list[dict[str, Any]] = []
            for code, day, key, position, points in FINAL_FACTS:
                table = await service.football.table(code, on=date.fromisoformat(day))
                row = next((r for r in table.rows if r.club_key == key), None)
                got = (row.position, row.points) if row else None
                checks.append(
                    {
                        "league": code,
                        "date": day,
                        "club": key,
                        "expected": [position, points],
                        "got": list(got) if got else None,
                        "ok": got == (position, points),
                    }
                )
            gap = await service.football.gap("RealMadrid", "Barcelona", on=date(2024, 11, 6))
        finally:
            await service.close()
    passed = sum(c["ok"] for c in checks)
    if as_json:
        print(
            json.dumps(
                {
                    "imported": report.to_dict()["inserted"] + report.to_dict()["unchanged"],
                    "facts_checked": len(checks),
                    "facts_ok": passed,
                    "checks": checks,
                    "gap_real_madrid_barcelona_2024_11_06": gap.to_dict(),
                    "tables": [t.to_dict() for t in tables],
                }
            )
        )
        return 0
    for table in tables:
        print(table.to_text(), end="\n\n")
    print(gap.to_text(), end="\n\n")
    for c in checks:
        mark = "ok " if c["ok"] else "BAD"
        print(f"{mark} {c['league']} {c['date']} {c['club']}: expected {c['expected']}, got {c['got']}")
    print(f"\n{passed}/{len(checks)} official final-table facts reproduced")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--league")
    parser.add_argument("--date")
    args = parser.parse_args()
    return asyncio.run(run(args.json, args.league, args.date))


if __name__ == "__main__":
    raise SystemExit(main())
