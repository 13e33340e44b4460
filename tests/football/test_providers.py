"""Providers against a local HTTP server on 127.0.0.1: openfootball URLs and football-data.org v4."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from bot.config import Settings, load_settings
from bot.errors import UserError
from bot.football import footballdata
from bot.football.service import FootballService
from bot.http import make_client
from bot.registry.service import RegistryService
from storage import Store

from .conftest import ATLETI, BARCA, GIRONA, MADRID, document, laliga_fixtures

TOKEN = "test-token"
# football-data.org may spell a club differently from the stored openfootball rows.
PROVIDER_NAME = {MADRID: "Real Madrid"}


def football_data_matches() -> dict[str, Any]:
    """The fixture season as football-data.org would send it (UTC times, its status words)."""
    matches = []
    for number, (rnd, day, home, away, score) in enumerate(laliga_fixtures(), start=1):
        utc = f"{day}T19:00:00Z"
        if home == BARCA and away == GIRONA:
            utc = f"{day}T22:30:00Z"  # 00:30 the next day in Madrid
        matches.append(
            {
                "id": number,
                "utcDate": utc,
                "status": "FINISHED" if score else "TIMED",
                "matchday": int(rnd.split()[-1]),
                "homeTeam": {"id": number * 2, "name": PROVIDER_NAME.get(home, home)},
                "awayTeam": {"id": number * 2 + 1, "name": PROVIDER_NAME.get(away, away)},
                "score": {
                    "duration": "REGULAR",
                    "fullTime": {"home": score[0] if score else None, "away": score[1] if score else None},
                },
            }
        )
    matches.append(  # a cup-style placeholder with no teams yet is skipped
        {"utcDate": "2024-12-01T19:00:00Z", "status": "TIMED", "homeTeam": {"name": None}, "awayTeam": {}}
    )
    return {"filters": {"season": "2024"}, "matches": matches}


def football_data_standings() -> dict[str, Any]:
    """Official table after 2024-09-25: Madrid shown on 6, one below what their results give."""
    rows = [(BARCA, 1, 3, 7), (MADRID, 2, 3, 6), (ATLETI, 3, 3, 3), (GIRONA, 4, 3, 0)]
    return {
        "competition": {"code": "PD"},
        "season": {"startDate": "2024-08-18", "endDate": "2025-05-25"},
        "standings": [
            {"stage": "REGULAR_SEASON", "type": "HOME", "table": []},
            {
                "stage": "REGULAR_SEASON",
                "type": "TOTAL",
                "table": [
                    {
                        "position": pos,
                        "team": {"name": PROVIDER_NAME.get(name, name)},
                        "playedGames": played,
                        "points": points,
                    }
                    for name, pos, played, points in rows
                ],
            },
        ],
    }


class FakeProviders:
    """openfootball raw files under /of and football-data.org v4 under /v4, with a request log."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.rate_limit_next = False
        app = web.Application()
        app.router.add_get("/of/{season}/{name}", self.openfootball)
        app.router.add_get("/moved/{season}/{name}", self.moved)
        app.router.add_get("/v4/competitions/{code}/{what}", self.football_data)
        self.runner = web.AppRunner(app)
        self.port = 0

    async def start(self) -> None:
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def openfootball(self, request: web.Request) -> web.Response:
        self.requests.append(request.path)
        if request.match_info["season"] == "2024-25" and request.match_info["name"] == "es.1.json":
            body = document("Spain Primera División 2024/25", laliga_fixtures())
            return web.json_response(body)
        return web.Response(status=404, text="404: Not Found")

    async def moved(self, request: web.Request) -> web.Response:
        raise web.HTTPFound(f"/of/{request.match_info['season']}/{request.match_info['name']}")

    async def football_data(self, request: web.Request) -> web.Response:
        self.requests.append(request.path_qs)
        if request.headers.get("X-Auth-Token") != TOKEN:
            return web.json_response({"message": "token invalid"}, status=403)
        if self.rate_limit_next:
            self.rate_limit_next = False
            return web.json_response({"message": "too many"}, status=429, headers={"Retry-After": "0"})
        if request.match_info["code"] != "PD" or request.query.get("season") != "2024":
            return web.json_response({"message": "not here"}, status=404)
        if request.match_info["what"] == "matches":
            return web.json_response(football_data_matches())
        return web.json_response(football_data_standings())


@pytest.fixture
async def providers() -> AsyncIterator[FakeProviders]:
    fake = FakeProviders()
    await fake.start()
    try:
        yield fake
    finally:
        await fake.runner.cleanup()


@pytest.fixture
async def connected(store: Store, tmp_path: Path, providers: FakeProviders) -> AsyncIterator[FootballService]:
    settings = load_settings(
        HOTSEAT_DB=str(tmp_path / "unused.db"),
        FOOTBALL_DATA_TOKEN=TOKEN,
        HOTSEAT_TIMEZONE="UTC",
        HOTSEAT_ALLOW_PRIVATE_FEEDS=True,  # the fake providers listen on loopback
    )
    http = make_client(settings)
    registry = RegistryService(store)
    await registry.sync()
    try:
        yield FootballService(
            store,
            settings,
            http,
            registry,
            openfootball_base=f"{providers.base}/of",
            football_data_base=f"{providers.base}/v4",
            football_data_interval=0.0,
        )
    finally:
        await http.aclose()


async def test_import_from_a_url_and_through_a_redirect(
    connected: FootballService, providers: FakeProviders
) -> None:
    report = await connected.import_matches([f"{providers.base}/moved/2024-25/es.1.json"])
    assert (report.files[0].league, report.files[0].season, report.inserted) == ("es.1", "2024-25", 12)
    with pytest.raises(UserError, match="HTTP 404"):
        await connected.import_matches([f"{providers.base}/of/2024-25/xx.1.json"])


async def test_refresh_fills_matches_and_official_standings(
    connected: FootballService, providers: FakeProviders
) -> None:
    providers.rate_limit_next = True  # the first football-data call is told to wait; it retries
    outcome = await connected.refresh_once(today=date(2024, 11, 6))
    assert outcome["es.1"].startswith("openfootball: 12 new")
    # Updated: six unplayed fixtures gain kick-off times, and the late kick-off moves a day; "Real
    # Madrid" is stored under the existing spelling, so no fixture is doubled.
    assert "football-data: 0 new, 7 updated" in outcome["es.1"]
    assert "openfootball failed" in outcome["en.1"] and "football-data failed" in outcome["en.1"]
    assert providers.requests.count("/v4/competitions/PL/matches?season=2024") == 2  # 429, then retried

    # Barcelona v Girona kicked off 00:30 Madrid time on 2024-08-26: it counts from that local day.
    on_25th = await connected.table("es.1", on=date(2024, 8, 25))
    on_26th = await connected.table("es.1", on=date(2024, 8, 26))
    barca = "barcelona"
    assert next(r.played for r in on_25th.rows if r.club_key == barca) == 1
    assert next(r.played for r in on_26th.rows if r.club_key == barca) == 2

    # Official standings win from the day of the last result they include; earlier, results decide.
    official = await connected.gap("Real Madrid", "Barcelona", on=date(2024, 9, 25))
    assert (official.trailer.points, official.points_gap) == (6, 1)
    table = await connected.table("es.1", on=date(2024, 9, 25))
    assert table.official and "official standings" in table.to_text() and len(table.rows) == 4
    computed = await connected.gap("Real Madrid", "Barcelona", on=date(2024, 9, 24))
    assert (computed.trailer.points, computed.games_in_hand) == (4, 1)


async def test_refresh_with_a_bad_token_is_reported_not_raised(
    store: Store, tmp_path: Path, providers: FakeProviders
) -> None:
    settings = load_settings(
        HOTSEAT_DB=str(tmp_path / "u.db"),
        FOOTBALL_DATA_TOKEN="wrong",
        HOTSEAT_TIMEZONE="UTC",
        HOTSEAT_ALLOW_PRIVATE_FEEDS=True,
    )
    http = make_client(settings)
    try:
        service = FootballService(
            store,
            settings,
            http,
            RegistryService(store),
            openfootball_base=f"{providers.base}/of",
            football_data_base=f"{providers.base}/v4",
            football_data_interval=0.0,
        )
        outcome = await service.refresh_once(today=date(2024, 11, 6))
    finally:
        await http.aclose()
    assert "refused the token" in outcome["es.1"]
    assert json.dumps(outcome)  # plain strings, safe to log


async def test_requests_are_spaced_for_the_free_tier(
    providers: FakeProviders, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    waits: list[float] = []

    async def record(delay: float) -> None:
        waits.append(delay)

    monkeypatch.setattr(footballdata.asyncio, "sleep", record)
    http = make_client(settings)
    try:
        client = footballdata.FootballDataClient(http, TOKEN, base_url=f"{providers.base}/v4")
        for _ in range(3):
            await client.get("/competitions/PD/standings", {"season": 2024})
    finally:
        await http.aclose()
    assert len(waits) == 2  # the first request goes at once, the next two wait their turn
    assert all(0 < wait <= footballdata.FREE_TIER_INTERVAL for wait in waits)


async def test_first_refresh_loads_the_season_just_ended_once(
    connected: FootballService, providers: FakeProviders
) -> None:
    outcome = await connected.refresh_once(today=date(2025, 9, 1))
    assert "openfootball 2024-25: 12 new" in outcome["es.1"]
    assert "/of/2024-25/es.1.json" in providers.requests and "/of/2025-26/es.1.json" in providers.requests
    assert (await connected.table("es.1", on=date(2024, 9, 25))).season == "2024-25"

    providers.requests.clear()
    again = await connected.refresh_once(today=date(2025, 9, 2))
    assert "2024-25" not in again["es.1"]  # stored now: only the running season is fetched
    assert providers.requests.count("/of/2025-26/es.1.json") == 1
    assert "/of/2024-25/es.1.json" not in providers.requests
