"""`hotseat refresh` as an operator runs it: a real subprocess against a local football-data.org."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.support.football_data_server import TOKEN, FootballDataServer

ROOT = Path(__file__).resolve().parents[2]
NEW_COACH = "Tomás Ejemplo Ruiz"
START = date.today() - timedelta(days=3)


@pytest.fixture
async def api() -> AsyncIterator[FootballDataServer]:
    async with FootballDataServer() as server:
        server.team(
            "PL", "Manchester United FC", "Man United", "MUN", coach=NEW_COACH, start=START.isoformat()
        )
        server.match("PL", f"{date.today().year}-08-16", "Manchester United FC", "Arsenal FC", (2, 1))
        yield server


async def hotseat(
    tmp_path: Path, api: FootballDataServer, *args: str, token: str | None = TOKEN
) -> tuple[int, str, str]:
    """Run `python -m bot ARGS` with settings in the environment only (no .env, no network)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("HOTSEAT_", "DISCORD_", "FOOTBALL_DATA")) and "proxy" not in key.lower()
    }
    env |= {
        "PYTHONPATH": str(ROOT),
        "HOTSEAT_DB": str(tmp_path / "hotseat.db"),
        "HOTSEAT_FOOTBALL_DATA_URL": api.base,
        "HOTSEAT_OPENFOOTBALL_URL": "off",
        "HOTSEAT_DEFAULT_FEEDS": "false",
        "HOTSEAT_ALLOW_PRIVATE_FEEDS": "true",  # the fake API listens on loopback
        "HOTSEAT_LOG_FILE": "",
    }
    if token is not None:
        env["FOOTBALL_DATA_TOKEN"] = token
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=120)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


async def test_refresh_prints_a_line_per_competition_and_manager_shows_the_new_coach(
    tmp_path: Path, api: FootballDataServer
) -> None:
    code, out, err = await hotseat(tmp_path, api, "refresh")
    assert code == 0, err
    lines = out.strip().splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "Premier League",
        "La Liga",
        "Serie A",
        "Bundesliga",
        "Ligue 1",
    ]
    assert lines[0] == (
        f"Premier League: football-data: 1 new, 0 updated; coaches: 1 team, 1 change "
        f"(Man Utd: {NEW_COACH} from {START.isoformat()})"
    )
    assert api.hits["PL/teams"] == 1 and api.hits["PL/matches"] == 1

    code, out, err = await hotseat(tmp_path, api, "manager", NEW_COACH)
    assert code == 0, err
    assert f"{NEW_COACH} — Man Utd since {START.isoformat()} (from football-data.org)" in out


async def test_refresh_without_a_token_refuses_and_asks_nothing(
    tmp_path: Path, api: FootballDataServer
) -> None:
    code, out, err = await hotseat(tmp_path, api, "refresh", token=None)
    assert code == 1 and out == ""
    assert "hotseat refresh needs FOOTBALL_DATA_TOKEN" in err and "Traceback" not in err
    assert api.log == []


async def test_a_competition_outside_the_plan_fails_the_run_and_about_says_why(
    tmp_path: Path, api: FootballDataServer
) -> None:
    api.fail("PL", "teams", "403")
    code, out, err = await hotseat(tmp_path, api, "refresh")
    assert code == 1, err
    assert "Premier League: football-data: 1 new, 0 updated; coaches failed:" in out
    code, out, err = await hotseat(tmp_path, api, "about")
    assert code == 0, err
    assert "Premier League coaches: not refreshed — not in your football-data.org plan" in out.splitlines()
