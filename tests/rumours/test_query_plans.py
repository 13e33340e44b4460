"""Every query the rumour service runs reads through an index (the store will hold ~1,000,000 articles).

The SQL is captured as SQLite runs it (parameters bound) and each statement is explained; a full scan
of a big table fails the test. Allowed scans: counts for /about, and the per-manager summary table
for name search (one short row per manager ever under pressure).
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.rumours.service import RumourService
from storage import Store
from tests.rumours.conftest import T0, Newsroom, pressure

BIG_TABLES = ("stories", "findings", "mentions", "pressure_days", "articles", "successor_tips")
GUILD = 5


@pytest.mark.sqlite_only  # SQLite's EXPLAIN QUERY PLAN
async def test_no_query_scans_a_big_table(store: Store, news: Newsroom, rumours: RumourService) -> None:
    statements: list[str] = []
    async with store.read() as reader, store.transaction() as writer:
        pass
    for connection in (reader, writer):
        await connection.set_trace_callback(statements.append)
    tips = ("Santiago Solari",)
    await news.publish("Ancelotti crisis", pressure("Carlo Ancelotti", 2, successors=tips))
    await news.publish(
        "Ancelotti crisis", pressure("Carlo Ancelotti", 2), outlet="AS", at=T0 + timedelta(hours=1)
    )
    await news.publish("Flick sacked", pressure("Hansi Flick", 3), at=T0 + timedelta(hours=2))
    blog = await news.server_feed("https://blog.example/rss", GUILD)  # a server's own feed
    await news.publish("Flick gone", pressure("Hansi Flick", 3, successors=tips), feed_id=blog, outlet="Blog")
    now = T0 + timedelta(days=1)
    for guild in (None, GUILD):
        await rumours.hotseat(now=now, guild_id=guild)
        await rumours.hotseat("La Liga", now=now, guild_id=guild)
        await rumours.successors("Ancelotti", now=now, guild_id=guild)
        await rumours.manager_profile("Ancelotti", now=now, guild_id=guild)
        await rumours.manager_profile("Flick", now=now, guild_id=guild)
        await rumours.digest_groups(T0 - timedelta(days=1), now, leagues=["es.1"], guild_id=guild)
        await rumours.stories_for_alerts(0, 1, guild_id=guild)
    await rumours.autocomplete_managers("")
    assert await rumours.withdraw_expired(now + timedelta(days=30))  # the private "Flick gone" report
    for connection in (reader, writer):
        await connection.set_trace_callback(lambda _sql: None)  # stop collecting
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) > 10
    async with store.read() as db:
        for sql in selects:
            if "count(*)" in sql:
                continue
            async with db.execute(f"EXPLAIN QUERY PLAN {sql}") as cursor:
                plan = [str(row[3]) for row in await cursor.fetchall()]
            for step in plan:
                for table in BIG_TABLES:
                    assert not (step.startswith(f"SCAN {table}") and "INDEX" not in step), (sql, plan)
