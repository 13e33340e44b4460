"""football-data.org v4 provider: a season's matches, the official standings and each team's coach.

Free tier: 10 requests a minute. Each answer says how many requests are left in the current minute
(X-Requests-Available-Minute) and when it resets (X-RequestCounter-Reset): while more than one is
left the next request goes at once, with one or none left it waits for the reset; an answer without
those headers spaces requests `min_interval` seconds apart (6 s by default). A 429 whose Retry-After
is short is waited out once; a longer one ends the client's round: every later request fails at once
with the same reason, so one refresh never hammers a limited token. Kick-off times arrive in UTC and
are turned into the league's local calendar date, as openfootball's dates are.

Failures raise `ProviderError`, whose `reason` is a short template (marked for the catalogues in
bot/football/status.py) that /about shows per competition.
"""

from __future__ import annotations

import asyncio
import json
import math
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from bot.errors import UserError
from bot.football import status
from bot.football.leagues import League
from storage.matches import MatchIn, OfficialIn

BASE_URL = "https://api.football-data.org/v4"
FREE_TIER_INTERVAL = 6.0  # seconds between requests: 10 per minute
MAX_RESET_WAIT = 86_400.0  # a Retry-After beyond a day is shown as a day
MAX_WINDOW_WAIT = 65.0  # the free tier's window is a minute
SHORT_RETRY_WAIT = 15.0  # a 429 naming a longer wait ends the round instead of holding the refresh

_POSTPONED = {"POSTPONED", "SUSPENDED", "CANCELLED"}


class ProviderError(UserError):
    """football-data.org could not be used: `message` for logs and the CLI, `reason` (a template with
    `values`) for /about's one line per competition."""

    def __init__(self, message: str, reason: str, **values: Any) -> None:
        super().__init__(message.replace("{", "{{").replace("}", "}}"))
        self.reason = reason
        self.reason_values = values


@dataclass(frozen=True, slots=True)
class TeamCoach:
    """One team of a competition as the `teams` resource names it, with its head coach (if any)."""

    team_id: int | None
    name: str
    short_name: str | None
    tla: str | None
    coach: str | None
    contract_start: date | None


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
        self._quota: tuple[int, float, float] | None = None  # (left this minute, reset in s, seen at)
        self._blocked: ProviderError | None = None  # set by a long 429: the rest of the round fails

    async def _wait_turn(self) -> None:
        now = time.monotonic()
        if self._quota is None:
            delay = self._last + self.min_interval - now
        else:
            left, reset, seen = self._quota
            delay = 0.0 if left > 1 else seen + min(reset, MAX_WINDOW_WAIT) - now
        if delay > 0:
            await asyncio.sleep(delay)
        self._last = time.monotonic()

    async def get(self, path: str, params: Mapping[str, str | int] | None = None) -> dict[str, Any]:
        """GET one resource as JSON; ProviderError with the reason on failure."""
        url = f"{self.base_url}{path}"
        async with self._lock:
            if self._blocked is not None:
                raise self._blocked
            for attempt in range(2):
                await self._wait_turn()
                try:
                    async with asyncio.timeout(self.timeout):
                        response = await self.http.get(
                            url, params=dict(params or {}), headers={"X-Auth-Token": self.token}
                        )
                except (TimeoutError, httpx.HTTPError) as exc:
                    raise ProviderError(
                        f"football-data.org did not answer {path}: {exc or 'timeout'}", status.NO_ANSWER
                    ) from None
                self._quota = _quota(response.headers)
                if response.status_code == 429:
                    wait = _reset_seconds(response.headers)
                    if attempt == 0 and wait <= SHORT_RETRY_WAIT:
                        await asyncio.sleep(wait)
                        self._quota, self._last = None, float("-inf")  # the server's wait was the turn
                        continue
                    self._blocked = ProviderError(
                        f"football-data.org is rate-limiting this token; retry in {wait:.0f} s.",
                        status.RATE_LIMITED,
                        seconds=f"{wait:.0f}",
                    )
                    raise self._blocked
                return self._body(path, response)
        raise AssertionError("unreachable: the loop returns or raises")  # pragma: no cover

    def _body(self, path: str, response: httpx.Response) -> dict[str, Any]:
        if response.status_code == 401 or (response.status_code == 403 and _about_token(response)):
            raise ProviderError(
                "football-data.org refused the token (check FOOTBALL_DATA_TOKEN).", status.TOKEN_REFUSED
            )
        if response.status_code == 403:
            raise ProviderError(
                f"football-data.org does not serve {path} on this token's plan.", status.NOT_IN_PLAN
            )
        if response.status_code != 200:
            raise ProviderError(
                f"football-data.org answered HTTP {response.status_code} for {path}.",
                status.HTTP_STATUS,
                status=response.status_code,
            )
        if len(response.content) > self.max_bytes:
            raise ProviderError(
                f"football-data.org sent more than {self.max_bytes:,} bytes for {path}.", status.TOO_LARGE
            )
        try:
            body = json.loads(response.content)
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise ProviderError(
                f"football-data.org sent something that is not JSON for {path}.", status.NOT_JSON
            ) from None
        if not isinstance(body, dict):
            raise ProviderError(f"football-data.org sent an unexpected answer for {path}.", status.UNEXPECTED)
        return body

    async def season(self, league: League, start_year: int) -> SeasonData:
        """Matches and standings of one league season (`start_year` 2025 means 2025-26)."""
        code = league.football_data_code
        matches_doc = await self.get(f"/competitions/{code}/matches", {"season": start_year})
        matches = parse_matches(matches_doc, league)
        standings_doc = await self.get(f"/competitions/{code}/standings", {"season": start_year})
        official = parse_standings(standings_doc, matches)
        return SeasonData(matches, official)

    async def teams(self, league: League) -> list[TeamCoach]:
        """The competition's current teams and their head coaches."""
        document = await self.get(f"/competitions/{league.football_data_code}/teams")
        teams = document.get("teams")
        if not isinstance(teams, list):
            raise ProviderError(
                f"football-data.org sent no team list for {league.football_data_code}.", status.UNEXPECTED
            )
        return parse_teams(teams)


def _about_token(response: httpx.Response) -> bool:
    """football-data.org answers 403 both for a bad token and for a competition outside the plan;
    only its message tells them apart."""
    try:
        message = json.loads(response.content).get("message", "")
    except (ValueError, AttributeError):
        return False
    return isinstance(message, str) and "token" in message.lower()


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _month_or_day(value: object) -> date | None:
    """`contract.start` is "2019-12" (a month) or a full date; a month counts from its first day."""
    text = _text(value)
    if text is None:
        return None
    try:
        return date.fromisoformat(f"{text}-01" if len(text) == 7 else text[:10])
    except ValueError:
        return None


def parse_teams(teams: list[Any]) -> list[TeamCoach]:
    """Teams with a name; a team without a named coach keeps `coach` None (the data has gaps)."""
    parsed: list[TeamCoach] = []
    for team in teams:
        if not isinstance(team, dict) or (name := _text(team.get("name"))) is None:
            continue
        coach = team.get("coach")
        coach = coach if isinstance(coach, dict) else {}
        contract = coach.get("contract")
        team_id = team.get("id")
        parsed.append(
            TeamCoach(
                team_id=team_id if isinstance(team_id, int) else None,
                name=name,
                short_name=_text(team.get("shortName")),
                tla=_text(team.get("tla")),
                coach=_text(coach.get("name")),
                contract_start=_month_or_day(contract.get("start")) if isinstance(contract, dict) else None,
            )
        )
    return parsed


def _quota(headers: Mapping[str, str]) -> tuple[int, float, float] | None:
    """(requests left this minute, seconds to the reset, when seen) from an answer's headers."""
    try:
        left = int(headers.get("X-Requests-Available-Minute", ""))
        reset = float(headers.get("X-RequestCounter-Reset", ""))
    except ValueError:
        return None
    if not math.isfinite(reset):
        return None
    return left, max(reset, 0.0), time.monotonic()


def _reset_seconds(headers: Mapping[str, str]) -> float:
    """Seconds the server asks us to wait (Retry-After, else its counter reset), within [0, a day]."""
    for name in ("Retry-After", "X-RequestCounter-Reset"):
        value = headers.get(name)
        if value:
            try:
                seconds = float(value)
            except ValueError:
                continue
            if math.isfinite(seconds):
                return min(max(seconds, 0.0), MAX_RESET_WAIT)
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
