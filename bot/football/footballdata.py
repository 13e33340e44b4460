"""football-data.org v4 provider: a season's matches and the official standings, as rows for the store.

Free tier: 10 requests a minute, so requests are spaced `min_interval` seconds apart (6 s by default)
and a 429 waits for the reset the server names before one retry. Kick-off times arrive in UTC and are
turned into the league's local calendar date, the same convention as openfootball's dates.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from bot.errors import UserError
from bot.football.leagues import League
from storage.matches import MatchIn, OfficialIn

BASE_URL = "https://api.football-data.org/v4"
FREE_TIER_INTERVAL = 6.0  # seconds between requests: 10 per minute
MAX_RESET_WAIT = 65.0

_POSTPONED = {"POSTPONED", "SUSPENDED", "CANCELLED"}


@dataclass(frozen=True, slots=True)
class SeasonData:
    matches: list[MatchIn]
    official: tuple[str, list[OfficialIn]] | None  # (as_of, lines) when the standings were usable


class FootballDataClient:
    """A polite client for one refresh run (spacing is kept per client instance)."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        token: str,
        *,
        base_url: str = BASE_URL,
        min_interval: float = FREE_TIER_INTERVAL,
        timeout: float = 20.0,
        max_bytes: int = 5_000_000,
    ) -> None:
        self.http = http
        self.token = token
        self.base_url = base_url.rstrip("/")
        self.min_interval = min_interval
        self.timeout = timeout
        self.max_bytes = max_bytes
        self._lock = asyncio.Lock()
        self._last = float("-inf")

    async def _wait_turn(self) -> None:
        delay = self._last + self.min_interval - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        self._last = time.monotonic()

    async def get(self, path: str, params: Mapping[str, str | int] | None = None) -> dict[str, Any]:
        """GET one resource as JSON; UserError with the reason on failure."""
        url = f"{self.base_url}{path}"
        async with self._lock:
            for attempt in range(2):
                await self._wait_turn()
                try:
                    async with asyncio.timeout(self.timeout):
                        response = await self.http.get(
                            url, params=dict(params or {}), headers={"X-Auth-Token": self.token}
                        )
                except (TimeoutError, httpx.HTTPError) as exc:
                    raise UserError(f"football-data.org did not answer {path}: {exc or 'timeout'}") from None
                if response.status_code == 429 and attempt == 0:
                    await asyncio.sleep(_reset_seconds(response.headers))
                    continue
                if response.status_code in (401, 403):
                    raise UserError("football-data.org refused the token (check FOOTBALL_DATA_TOKEN).")
                if response.status_code != 200:
                    raise UserError(f"football-data.org answered HTTP {response.status_code} for {path}.")
                if len(response.content) > self.max_bytes:
                    raise UserError(f"football-data.org sent more than {self.max_bytes:,} bytes for {path}.")
                try:
                    body = json.loads(response.content)
                except json.JSONDecodeError:
                    raise UserError(
                        f"football-data.org sent something that is not JSON for {path}."
                    ) from None
                if not isinstance(body, dict):
                    raise UserError(f"football-data.org sent an unexpected answer for {path}.")
                return body
        raise UserError(f"football-data.org kept rate-limiting {path}; try later.")

    async def season(self, league: League, start_year: int) -> SeasonData:
        """Matches and standings of one league season (`start_year` 2025 means 2025-26)."""
        code = league.football_data_code
        matches_doc = await self.get(f"/competitions/{code}/matches", {"season": start_year})
        matches = parse_matches(matches_doc, league)
        standings_doc = await self.get(f"/competitions/{code}/standings", {"season": start_year})
        official = parse_standings(standings_doc, matches)
        return SeasonData(matches, official)


def _reset_seconds(headers: Mapping[str, str]) -> float:
    for name in ("Retry-After", "X-RequestCounter-Reset"):
        value = headers.get(name)
        if value:
            try:
                return min(max(float(value), 0.0), MAX_RESET_WAIT)
            except ValueError:
                continue
    return FREE_TIER_INTERVAL


def _local(utc_text: str, tz: ZoneInfo) -> datetime:
    moment = datetime.fromisoformat(utc_text.replace("Z", "+00:00"))
    return moment.astimezone(tz)


def _team(match: Mapping[str, Any], side: str) -> str | None:
    team = match.get(side)
    name = team.get("name") if isinstance(team, dict) else None
    return name.strip() if isinstance(name, str) and name.strip() else None


def parse_matches(document: Mapping[str, Any], league: League) -> list[MatchIn]:
    """The `matches` resource as rows; fixtures without both team names (TBD) are skipped."""
    tz = ZoneInfo(league.timezone)
    rows: list[MatchIn] = []
    for match in document.get("matches") or []:
        if not isinstance(match, dict):
            continue
        home, away = _team(match, "homeTeam"), _team(match, "awayTeam")
        utc = match.get("utcDate")
        if home is None or away is None or not isinstance(utc, str):
            continue
        try:
            local = _local(utc, tz)
        except ValueError:
            continue
        status_raw = str(match.get("status") or "").upper()
        full = (match.get("score") or {}).get("fullTime") or {}
        goals = (full.get("home"), full.get("away"))
        finished = status_raw in {"FINISHED", "AWARDED"} and all(isinstance(g, int) for g in goals)
        if finished:
            status = "awarded" if status_raw == "AWARDED" else "played"
        else:
            status = "postponed" if status_raw in _POSTPONED else "scheduled"
        matchday = match.get("matchday")
        rows.append(
            MatchIn(
                round=f"Matchday {matchday}" if isinstance(matchday, int) else None,
                match_date=local.date().isoformat(),
                kickoff=local.strftime("%H:%M"),
                home_team=home,
                away_team=away,
                home_goals=goals[0] if finished else None,
                away_goals=goals[1] if finished else None,
                status=status,
            )
        )
    return rows


def parse_standings(
    document: Mapping[str, Any], matches: list[MatchIn]
) -> tuple[str, list[OfficialIn]] | None:
    """The TOTAL table as official lines, dated the last day with a result (None when unusable)."""
    total = next(
        (s for s in document.get("standings") or [] if isinstance(s, dict) and s.get("type") == "TOTAL"),
        None,
    )
    if total is None:
        return None
    lines: list[OfficialIn] = []
    for row in total.get("table") or []:
        name = _team(row, "team") if isinstance(row, dict) else None
        values = [row.get(k) for k in ("position", "playedGames", "points")] if name else []
        if name is None or not all(isinstance(v, int) for v in values):
            return None
        lines.append(OfficialIn(name, values[0], values[1], values[2]))
    played_days = [m.match_date for m in matches if m.home_goals is not None]
    if not lines or not played_days:
        return None
    return max(played_days), lines
