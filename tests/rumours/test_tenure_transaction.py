"""A confirmed sacking ends the tenure in the same transaction as the finding that confirms it: a failed
tenure write leaves nothing half-recorded, and recording the article again succeeds."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import asyncpg
import pytest

from bot.rumours.service import RumourService
from bot.service import Service
from tests.rumours.conftest import T0, Newsroom, pressure

SACKED = pressure("Hansi Flick", 3)
# A trigger that makes ending a tenure fail, and how to remove it, in each store's dialect.
INJECT = {
    "sqlite": [
        "CREATE TRIGGER fail_tenure_end BEFORE UPDATE OF ended_on ON tenures "
        "BEGIN SELECT RAISE(ABORT, 'injected tenure write failure'); END"
    ],
    "postgres": [
        "CREATE FUNCTION fail_tenure_end() RETURNS trigger LANGUAGE plpgsql "
        "AS 'BEGIN RAISE EXCEPTION ''injected tenure write failure''; END'",
        "CREATE TRIGGER fail_tenure_end BEFORE UPDATE OF ended_on ON tenures "
        "FOR EACH ROW EXECUTE FUNCTION fail_tenure_end()",
    ],
}
REMOVE = {"sqlite": "DROP TRIGGER fail_tenure_end", "postgres": "DROP TRIGGER fail_tenure_end ON tenures"}
FAILURE = {"sqlite": sqlite3.IntegrityError, "postgres": asyncpg.RaiseError}


async def _snapshot(service: Service) -> tuple[object, ...]:
    async with service.store.read() as db:
        rows = []
        for sql in (
            "SELECT count(*) FROM findings",
            "SELECT status, decided_outlets, article_count, alert_seq FROM stories",
            "SELECT rank_key, finding_count FROM manager_pressure",
            "SELECT ended_on FROM tenures WHERE person_key = 'hansi-flick' AND club_key = 'barcelona'",
        ):
            rows.append(tuple(tuple(r) for r in await db.execute_fetchall(sql)))
    return tuple(rows)


async def test_a_failed_tenure_write_records_nothing_and_a_retry_succeeds(
    service: Service, real_news: Newsroom, real_rumours: RumourService, backend: str
) -> None:
    await real_news.publish("Barcelona sack Flick", SACKED, outlet="Marca", at=T0)
    confirming = await real_news.article("Flick sacked", SACKED, outlet="AS", at=T0 + timedelta(hours=3))
    before = await _snapshot(service)
    async with service.store.transaction() as db:
        for statement in INJECT[backend]:
            await db.execute(statement)
    with pytest.raises(FAILURE[backend], match="injected"):
        await real_rumours.record_article(confirming)
    assert await _snapshot(service) == before  # no finding, story, index or tenure change
    coach = await service.registry.current_manager("barcelona")
    assert coach is not None and coach.key == "hansi-flick"

    async with service.store.transaction() as db:
        await db.execute(REMOVE[backend])
    recorded = await real_rumours.record_article(confirming)
    assert recorded is not None and recorded.story_id is not None
    assert await service.registry.current_manager("barcelona") is None
    async with service.store.read() as db:
        [(ended_on, ended_by)] = await db.execute_fetchall(
            "SELECT ended_on, ended_by FROM tenures "
            "WHERE person_key = 'hansi-flick' AND club_key = 'barcelona'"
        )
        [(status,)] = await db.execute_fetchall("SELECT status FROM stories")
    assert (ended_on, ended_by, status) == ("2025-03-10", "AS: Flick sacked", "confirmed")
