"""Live coaches and matches from a local football-data.org (real socket, v4 shapes): a coach change
reaches /manager after one refresh, and bad JSON, 429 and 403 keep the last good data with a reason."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, timedelta

import pytest

from bot.config import Settings, load_settings
from bot.football.footballdata import parse_teams
from bot.service import Service
from storage import registry as registry_db
from tests.support.football_data_server import TOKEN, FaultKind, FootballDataServer

TODAY = date.today()
NEW_START = TODAY - timedelta(days=3)
NEW_COACH = "Tomás Ejemplo Ruiz"  # nobody the bundle knows
CLUBS = (  # (registry key, data name, short name, tla)
    ("arsenal", "Arsenal FC", "Arsenal", "ARS"),
    ("manchester-united", "Manchester United FC", "Man United", "MUN"),
    ("everton", "Everton FC", "Everton", "EVE"),
)


@pytest.fixture
async def api() -> AsyncIterator[FootballDataServer]:
    async with FootballDataServer() as server:
        yield server


@pytest.fixture
async def live(settings: Settings, api: FootballDataServer) -> AsyncIterator[Service]:
    """The real service on a temp store, its live data pointed at the local football-data.org."""
    configured = load_settings(
        HOTSEAT_DB=str(settings.db_path),
        FOOTBALL_DATA_TOKEN=TOKEN,
        HOTSEAT_FOOTBALL_DATA_URL=api.base,
        HOTSEAT_OPENFOOTBALL_URL="off",
        HOTSEAT_DEFAULT_FEEDS=False,
        HOTSEAT_ALLOW_PRIVATE_FEEDS=True,  # the fake API listens on loopback
        HOTSEAT_TIMEZONE="UTC",
    )
    service = await Service.open(configured)
    try:
        for key, name, short, tla in CLUBS:  # the data agrees with the registry to begin with
            coach = service.registry.registry.manager_of(key, TODAY)
            assert coach is not None, key
            api.team("PL", name, short, tla, coach=coach.name, start="2019-12")
        api.match("PL", f"{TODAY.year}-08-16", "Arsenal FC", "Everton FC", (2, 0))
        api.match("PL", f"{TODAY.year}-08-16", "Manchester United FC", "Chelsea FC", (1, 1))
        yield service
    finally:
        await service.close()


def coach_of(service: Service, club: str) -> str | None:
    person = service.registry.registry.manager_of(club, TODAY)
    return person.name if person else None


async def played(service: Service, club: str) -> int:
    table = await service.football.table("en.1", on=TODAY)
    return next(row.played for row in table.rows if row.club_key == club)


async def test_a_coach_change_in_the_data_reaches_manager_after_one_refresh(
    live: Service, api: FootballDataServer
) -> None:
    before = coach_of(live, "manchester-united")
    first = await live.football.refresh_once(today=TODAY)
    assert "coaches: 3 teams, 0 changes" in first["en.1"]
    assert coach_of(live, "manchester-united") == before

    api.team("PL", "Manchester United FC", "Man United", "MUN", coach=NEW_COACH, start=NEW_START.isoformat())
    outcome = await live.football.refresh_once(today=TODAY)
    assert f"1 change (Man Utd: {NEW_COACH} from {NEW_START.isoformat()})" in outcome["en.1"]

    profile = await live.rumours.manager_profile(NEW_COACH)
    assert (profile.club, profile.since, profile.source) == ("Man Utd", NEW_START, "football-data.org")
    assert f"Man Utd since {NEW_START.isoformat()} (from football-data.org)" in profile.to_text()
    assert before is not None
    gone = await live.rumours.manager_profile(before)
    assert (gone.club, gone.last_club, gone.until) == (None, "Man Utd", NEW_START - timedelta(days=1))

    again = await live.football.refresh_once(today=TODAY)  # nothing new: nothing written twice
    assert "0 changes" in again["en.1"]


async def test_a_learned_coach_survives_a_restart_and_a_bundle_sync(
    live: Service, api: FootballDataServer
) -> None:
    api.team("PL", "Everton FC", "Everton", "EVE", coach=NEW_COACH, start=NEW_START.isoformat())
    await live.football.refresh_once(today=TODAY)
    async with live.store.transaction() as db:  # as if a new release shipped other bundled data
        await db.execute("UPDATE registry_meta SET value = 'older' WHERE key = 'version'")
    reopened = await Service.open(live.settings)
    try:
        assert coach_of(reopened, "everton") == NEW_COACH
        async with reopened.store.read() as db:
            people = await registry_db.learned_people(db)
        assert [p.name for p in people] == [NEW_COACH]
    finally:
        await reopened.close()


async def test_an_admin_correction_outranks_the_live_data(live: Service, api: FootballDataServer) -> None:
    await live.registry.set_coach("Everton", "Ruben Amorim", TODAY - timedelta(days=1))
    api.team(
        "PL", "Everton FC", "Everton", "EVE", coach=NEW_COACH, start=(TODAY - timedelta(days=30)).isoformat()
    )
    outcome = await live.football.refresh_once(today=TODAY)
    assert "0 changes" in outcome["en.1"]
    assert coach_of(live, "everton") == "Ruben Amorim"
    profile = await live.rumours.manager_profile("Ruben Amorim")
    assert profile.source == "admin"


async def test_the_bundle_stays_when_the_data_names_no_coach_or_spells_him_longer(
    live: Service, api: FootballDataServer
) -> None:
    arsenal = coach_of(live, "arsenal")
    assert arsenal is not None
    api.team("PL", "Arsenal FC", "Arsenal", "ARS", coach=f"{arsenal} Amatriain", start="2019-12")
    api.team("PL", "Everton FC", "Everton", "EVE", coach=None)
    everton = coach_of(live, "everton")
    outcome = await live.football.refresh_once(today=TODAY)
    assert "0 changes" in outcome["en.1"]
    assert (coach_of(live, "arsenal"), coach_of(live, "everton")) == (arsenal, everton)


FAILURES: list[tuple[FaultKind, str]] = [
    ("json", "the answer was not valid JSON"),
    ("429", "rate limited, retry in 60 s"),
    ("403", "not in your football-data.org plan"),
]


@pytest.mark.parametrize(("kind", "reason"), FAILURES, ids=[k for k, _ in FAILURES])
async def test_a_failed_refresh_keeps_the_last_good_data_and_says_why(
    live: Service, api: FootballDataServer, kind: FaultKind, reason: str
) -> None:
    await live.football.refresh_once(today=TODAY)
    before = (coach_of(live, "manchester-united"), await played(live, "arsenal"))
    assert before[1] == 1 and (await live.about()).data_problems == ()

    api.team("PL", "Manchester United FC", "Man United", "MUN", coach=NEW_COACH, start=NEW_START.isoformat())
    api.match("PL", f"{TODAY.year}-08-23", "Everton FC", "Arsenal FC", (0, 3))
    for resource in ("matches", "teams"):
        api.fail("PL", resource, kind, retry_after=60)
    asked = len(api.log)
    await live.football.refresh_once(today=TODAY)

    assert (coach_of(live, "manchester-united"), await played(live, "arsenal")) == before
    about = await live.about()
    lines = about.to_text().splitlines()
    assert f"Premier League matches: not refreshed — {reason}" in lines
    assert f"Premier League coaches: not refreshed — {reason}" in lines
    if kind == "429":  # the long wait ends the round: nothing more is asked of the API
        assert len(api.log) == asked + 1
    else:  # the other competitions still refresh
        assert not any(p.league != "Premier League" for p in about.data_problems)

    api.clear_faults()
    await live.football.refresh_once(today=TODAY)
    assert (await live.about()).data_problems == ()
    assert (coach_of(live, "manchester-united"), await played(live, "arsenal")) == (NEW_COACH, 2)


async def test_a_short_retry_after_is_waited_once(live: Service, api: FootballDataServer) -> None:
    api.fail("PL", "teams", "429", retry_after=0, times=1)
    api.team("PL", "Everton FC", "Everton", "EVE", coach=NEW_COACH, start=NEW_START.isoformat())
    outcome = await live.football.refresh_once(today=TODAY)
    assert api.hits["PL/teams"] == 2 and "1 change" in outcome["en.1"]
    assert (await live.about()).data_problems == ()


def test_teams_parse_coaches_and_contract_months() -> None:
    teams = parse_teams(
        [
            {"id": 57, "name": "Arsenal FC", "shortName": "Arsenal", "tla": "ARS",
             "coach": {"name": "Mikel Arteta", "contract": {"start": "2019-12", "until": "2027-06"}}},
            {"id": 62, "name": "Everton FC", "coach": {"id": None, "name": None, "contract": None}},
            {"id": 1, "name": "  ", "coach": {"name": "Nobody"}},
            {"name": "Chelsea FC", "coach": {"name": "Enzo Maresca", "contract": {"start": "soon"}}},
            "not a team",
        ]
    )  # fmt: skip
    assert [(t.name, t.coach, t.contract_start) for t in teams] == [
        ("Arsenal FC", "Mikel Arteta", date(2019, 12, 1)),
        ("Everton FC", None, None),
        ("Chelsea FC", "Enzo Maresca", None),
    ]


async def test_without_a_token_old_failures_are_not_shown(live: Service, api: FootballDataServer) -> None:
    api.fail("PL", "teams", "403")
    await live.football.refresh_once(today=TODAY)
    assert len((await live.about()).data_problems) == 1
    live.football.settings = live.settings.model_copy(update={"football_data_token": None})
    assert (await live.about()).data_problems == ()
