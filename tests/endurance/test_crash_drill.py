"""The crash drill's fast variant: five SIGKILLs of the console bot, then two clean runs.

`make chaos` runs the full drill (`scripts/crash_drill.py --runs 100`); this keeps the same checks in
the ordinary suite: the file stays sound, nothing is stored twice or lost, nothing due is skipped and
nothing is posted twice.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
DRILL = ROOT / "scripts" / "crash_drill.py"


@pytest.mark.timeout(120)
def test_five_kills_lose_nothing_and_post_nothing_twice(tmp_path: Path) -> None:
    check_drill(tmp_path)


@pytest.mark.timeout(120)
def test_the_drill_on_postgresql_loses_nothing_and_posts_nothing_twice(
    tmp_path: Path, postgres_server: str
) -> None:
    report = check_drill(tmp_path, "--postgres", postgres_server)
    assert report["store"] == "postgresql"


def check_drill(tmp_path: Path, *options: str) -> dict[str, Any]:
    """Run five kills and two clean runs; every check of the drill's report must hold."""
    result = subprocess.run(
        [
            sys.executable,
            str(DRILL),
            "--runs",
            "5",
            "--seed",
            "7",
            "--json",
            "--keep",
            str(tmp_path),
            *options,
        ],
        capture_output=True,
        text=True,
        timeout=110,
        cwd=ROOT,
    )
    assert result.stdout.strip(), result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    log = (tmp_path / "bot.log").read_text(encoding="utf-8", errors="replace")[-3000:]

    assert sum(report["kills_by_mode"].values()) + report["sigterm_stops"] == 5
    assert report["sigterm_unclean"] == 0, log  # a polite stop ends with exit 0
    assert report["exited_before_the_kill"] == 0, log  # the bot never died on its own
    assert report["integrity_failures"] == 0
    assert report["articles_stored_twice"] == 0
    assert report["committed_then_lost"] == 0
    assert report["published_items"] > 3  # the newsroom kept publishing during the runs
    assert report["published_never_stored"] == 0, log
    assert report["alerts_skipped"] == 0 and report["digests_skipped"] == 0, log
    assert report["deliveries_left_pending"] == 0
    assert report["delivered_twice"] == 0 and report["posted_but_never_printed"] == 0
    assert report["final_exit_codes"] == [0, 0], log
    assert report["stored_never_analysed"] == 0, log
    assert report["final_run_settled"], log
    assert report["ok"] and result.returncode == 0
    return report
