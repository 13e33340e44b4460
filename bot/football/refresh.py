"""The scheduled refresh: each covered competition's current season from openfootball, then its
matches, standings and head coaches from football-data.org when a token is set.

Kept apart from the answers in `service.py`: this module is about talking to providers politely and
never losing good data. A failure leaves the stored matches and tenures as they were and records a
short reason per competition (storage/refresh_status.py) that /about shows; the next success clears it.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from bot.football import footballdata, status
from bot.football.coaches import apply_coaches
from bot.football.leagues import LEAGUES, League, league_by_code, season_label, season_of
from storage import refresh_status

if TYPE_CHECKING:
    from bot.football.service import FootballService

log = logging.getLogger(__name__)

OPENFOOTBALL_OFF = {"", "off"}  # HOTSEAT_OPENFOOTBALL_URL values that turn the refresh off


def _reason(exc: Exception) -> tuple[str, dict[str, object]]:
    if isinstance(exc, footballdata.ProviderError):
        return exc.reason, dict(exc.reason_values)
    return status.FAILED, {}


def _message(exc: Exception) -> str:
    return str(getattr(exc, "message", exc))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


async def _record(
    football: FootballService, league: League, part: status.Part, failure: Exception | None
) -> None:
    """Remember how this part of the competition's refresh went (a failed write is only logged: the
    refresh must go on, and /about will show the store's own write problem)."""
    try:
        async with football.store.transaction() as db:
            if failure is None:
                await refresh_status.record_success(db, league.code, part, _now())
            else:
                reason, values = _reason(failure)
                await refresh_status.record_problem(db, league.code, part, reason, values, _now())
    except Exception as exc:
        log.warning("could not record the %s %s refresh: %s", league.code, part, exc)


async def refresh_once(football: FootballService, today: date | None = None) -> dict[str, str]:
    """Refresh the current season of every league; returns league code → outcome, never raises."""
    day = today or football.today()
    season = season_of(day)
    outcome: dict[str, str] = {}

    def note(code: str, text: str) -> None:
        outcome[code] = "; ".join(filter(None, (outcome.get(code), text)))

    base = football.openfootball_base
    stored = await football.stored_seasons()
    previous = season_label(int(season[:4]) - 1)
    for lg in LEAGUES if base.lower() not in OPENFOOTBALL_OFF else ():
        # The season just ended is loaded once too (on first run), so answers between seasons and
        # early in a new one have a table to come from.
        for wanted in [season] if (lg.code, previous) in stored else [season, previous]:
            url = f"{base}/{wanted}/{lg.code}.json"
            label = "openfootball" if wanted == season else f"openfootball {wanted}"
            try:
                report = await football.import_matches([url])
                note(lg.code, f"{label}: {report.inserted} new, {report.updated} updated")
            except Exception as exc:  # one league's failure must not stop the others or the loop
                log.warning("openfootball refresh of %s failed: %s", url, _message(exc))
                note(lg.code, f"{label} failed: {_message(exc)}")
    client = football.football_data_client()
    if client is None:
        return outcome
    for lg in LEAGUES:
        try:
            data = await client.season(lg, int(season[:4]))
            counts = await football.save_provider_season(lg, season, data)
            note(lg.code, f"football-data: {counts.inserted} new, {counts.updated} updated")
            await _record(football, lg, "matches", None)
        except Exception as exc:
            log.warning("football-data matches of %s not refreshed: %s", lg.code, _message(exc))
            note(lg.code, f"football-data failed: {_message(exc)}")
            await _record(football, lg, "matches", exc)
        try:
            teams = await client.teams(lg)
            coaches = await apply_coaches(football.registry, lg, teams, day)
            note(lg.code, coaches.summary())
            await _record(football, lg, "coaches", None)
        except Exception as exc:
            log.warning("football-data coaches of %s not refreshed: %s", lg.code, _message(exc))
            note(lg.code, f"coaches failed: {_message(exc)}")
            await _record(football, lg, "coaches", exc)
    return outcome


async def refresh_forever(football: FootballService) -> None:
    """`hotseat run`'s loop: refresh now, then every `matches_refresh_hours`; errors are logged."""
    while True:
        try:
            outcome = await refresh_once(football)
            log.info("match data refreshed: %s", outcome)
        except Exception:
            log.exception("match data refresh failed; retrying next cycle")
        await asyncio.sleep(football.settings.matches_refresh_hours * 3600)


async def problems(football: FootballService) -> list[status.DataProblem]:
    """The competitions whose latest matches or coaches refresh failed, for /about (none while no
    token is set: nothing is being refreshed, so an old failure is no longer news)."""
    if football.football_data_client() is None:
        return []
    async with football.store.read() as db:
        rows = await refresh_status.all_rows(db)
    found = []
    for row in rows:
        league = league_by_code(row.competition)
        if row.problem is None or league is None or row.part not in status.LINES:
            continue
        part: status.Part = "matches" if row.part == "matches" else "coaches"
        found.append(status.DataProblem(league.name, part, row.problem, row.problem_args, row.problem_at))
    return found
