"""A fake football-data.org v4 on 127.0.0.1:<free port>: teams (with coaches), matches and standings.

It answers the three resources Hotseat reads, in v4's shapes, for any competition code (one never
declared is an empty competition), checks the X-Auth-Token header, sends the quota headers the real
API sends, and can be told to fail a resource: bad JSON, 429 with Retry-After, or 403 (not in plan).

    async with FootballDataServer() as api:
        api.team("PL", "Arsenal FC", "Arsenal", "ARS", coach="Mikel Arteta", start="2019-12")
        api.fail("PL", "teams", "429", retry_after=60)
        base = api.base  # http://127.0.0.1:<port>/v4, for HOTSEAT_FOOTBALL_DATA_URL
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

from aiohttp import web

TOKEN = "test-token"
Resource = Literal["teams", "matches", "standings"]
FaultKind = Literal["json", "429", "403"]
_ids = itertools.count(100)


@dataclass
class Fault:
    kind: FaultKind
    retry_after: int = 60
    times: int | None = None  # None: until cleared


@dataclass
class Competition:
    teams: list[dict[str, Any]] = field(default_factory=list)
    matches: list[dict[str, Any]] = field(default_factory=list)


class FootballDataServer:
    """Async context manager: start on 127.0.0.1:0, declare teams and matches, inject failures."""

    def __init__(self, token: str = TOKEN, requests_per_minute: int = 100) -> None:
        self.token = token
        self.requests_per_minute = requests_per_minute  # sent as the quota left, so clients go at once
        self.competitions: dict[str, Competition] = {}
        self.faults: dict[tuple[str, str], Fault] = {}
        self.hits: Counter[str] = Counter()  # "PL/teams" -> answers given, failures included
        self.log: list[str] = []  # every path asked, in order
        self._runner: web.AppRunner | None = None
        self.port = 0

    async def __aenter__(self) -> FootballDataServer:
        app = web.Application()
        app.router.add_get("/v4/competitions/{code}/{resource}", self._answer)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/v4"

    # --- declarations -------------------------------------------------------------------------

    def team(
        self,
        code: str,
        name: str,
        short_name: str,
        tla: str,
        *,
        coach: str | None,
        start: str | None = None,
    ) -> None:
        """Add a team (or replace the one of that name) with its head coach and contract start."""
        teams = self.competitions.setdefault(code, Competition()).teams
        existing = next((t for t in teams if t["name"] == name), None)
        team_id = existing["id"] if existing else next(_ids)
        coach_json: dict[str, Any] = {"id": None, "name": None, "contract": {"start": None, "until": None}}
        if coach is not None:
            first, _, last = coach.partition(" ")
            coach_json = {
                "id": next(_ids),
                "firstName": first,
                "lastName": last,
                "name": coach,
                "nationality": "Spain",
                "contract": {"start": start, "until": None},
            }
        entry = {
            "id": team_id,
            "name": name,
            "shortName": short_name,
            "tla": tla,
            "crest": f"https://crests.example/{team_id}.png",
            "coach": coach_json,
            "squad": [],
        }
        if existing:
            teams[teams.index(existing)] = entry
        else:
            teams.append(entry)

    def match(self, code: str, day: str, home: str, away: str, score: tuple[int, int] | None) -> None:
        """A fixture at 15:00 UTC on `day`, finished with `score` or still to play."""
        matches = self.competitions.setdefault(code, Competition()).matches
        matches.append(
            {
                "id": next(_ids),
                "utcDate": f"{day}T15:00:00Z",
                "status": "FINISHED" if score else "TIMED",
                "matchday": len(matches) // 2 + 1,
                "homeTeam": {"id": 1, "name": home},
                "awayTeam": {"id": 2, "name": away},
                "score": {
                    "duration": "REGULAR",
                    "fullTime": {"home": score[0] if score else None, "away": score[1] if score else None},
                },
            }
        )

    def fail(
        self,
        code: str,
        resource: Resource,
        kind: FaultKind,
        *,
        retry_after: int = 60,
        times: int | None = None,
    ) -> None:
        self.faults[(code, resource)] = Fault(kind, retry_after, times)

    def clear_faults(self) -> None:
        self.faults.clear()

    # --- serving ------------------------------------------------------------------------------

    def _quota(self) -> dict[str, str]:
        return {"X-Requests-Available-Minute": str(self.requests_per_minute), "X-RequestCounter-Reset": "60"}

    async def _answer(self, request: web.Request) -> web.Response:
        code, resource = request.match_info["code"], request.match_info["resource"]
        self.log.append(request.path_qs)
        self.hits[f"{code}/{resource}"] += 1
        if request.headers.get("X-Auth-Token") != self.token:
            return web.json_response(
                {"message": "Your API token is invalid.", "errorCode": 400}, status=403, headers=self._quota()
            )
        fault = self.faults.get((code, resource))
        if fault is not None:
            if fault.times is not None:
                fault.times -= 1
                if fault.times <= 0:
                    del self.faults[(code, resource)]
            return self._failure(fault)
        competition = self.competitions.get(code, Competition())
        if resource == "teams":
            body: dict[str, Any] = {"count": len(competition.teams), "teams": competition.teams}
        elif resource == "matches":
            body = {"filters": dict(request.query), "matches": competition.matches}
        elif resource == "standings":
            body = {"competition": {"code": code}, "standings": [standings(competition.matches)]}
        else:
            return web.json_response({"message": "no such resource"}, status=404, headers=self._quota())
        body["competition"] = {"code": code}
        return web.json_response(body, headers=self._quota())

    def _failure(self, fault: Fault) -> web.Response:
        if fault.kind == "json":
            return web.Response(
                body=b'{"teams": [{"name": "Arsenal FC", ',
                content_type="application/json",
                headers=self._quota(),
            )
        if fault.kind == "429":
            return web.json_response(
                {"message": "You reached your request limit. Wait 60 seconds.", "errorCode": 429},
                status=429,
                headers={
                    "Retry-After": str(fault.retry_after),
                    "X-RequestCounter-Reset": str(fault.retry_after),
                },
            )
        return web.json_response(
            {
                "message": "The resource you are looking for is restricted and apparently not within your "
                "permissions. Please check your subscription.",
                "errorCode": 403,
            },
            status=403,
            headers=self._quota(),
        )


def standings(matches: list[dict[str, Any]]) -> dict[str, Any]:
    """The TOTAL table of the finished matches (3 points a win), as v4's standings list it."""
    table: dict[str, list[int]] = {}
    for match in matches:
        home, away = match["homeTeam"]["name"], match["awayTeam"]["name"]
        for team in (home, away):
            table.setdefault(team, [0, 0])
        full = match["score"]["fullTime"]
        if match["status"] != "FINISHED":
            continue
        h, a = full["home"], full["away"]
        table[home][0] += 1
        table[away][0] += 1
        table[home][1] += 3 if h > a else 1 if h == a else 0
        table[away][1] += 3 if a > h else 1 if h == a else 0
    ranked = sorted(table.items(), key=lambda kv: (-kv[1][1], kv[0]))
    return {
        "stage": "REGULAR_SEASON",
        "type": "TOTAL",
        "table": [
            {"position": n, "team": {"name": team}, "playedGames": played, "points": points}
            for n, (team, (played, points)) in enumerate(ranked, start=1)
        ],
    }
