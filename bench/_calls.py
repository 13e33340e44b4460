"""Every command's service call on a synthetic store, and the SQL each one runs.

bench/commands.py times these; tests/scale/test_query_plans.py EXPLAINs the SQL they trace.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date

from bench._synthetic import NOW
from bot.service import Service

Run = Callable[[], Awaitable[object]]

TABLE_DAY = date(2025, 3, 1)
CLUB_PREFIXES = ("a", "ar", "ars", "m", "ma", "man", "b", "ba", "bar")
MANAGER_PREFIXES = ("a", "an", "anc", "g", "gu", "gua", "s", "si", "sim")
LEAGUE_PREFIXES = ("p", "pr", "pre", "l", "la", "lig", "s", "se", "ser")


@dataclass(frozen=True, slots=True)
class Call:
    name: str
    kind: str  # "command" or "autocomplete"
    run: Run


async def calls(service: Service) -> list[Call]:
    """The calls the slash commands make, with arguments that hit real data in the store."""
    rumours, football, registry = service.rumours, service.football, service.registry
    digests = service.digests
    board = await rumours.hotseat(now=NOW)
    hottest = board.entries[0].manager_key if board.entries else "name:nobody"
    tipped = hottest  # the hottest manager with someone tipped to replace him
    for entry in board.entries:
        if (await rumours.successors(entry.manager_key, now=NOW)).candidates:
            tipped = entry.manager_key
            break
    table = await football.table("en.1", on=TABLE_DAY)
    first, second = table.rows[0].team, table.rows[-1].team
    guild = 10_001  # set up with every league, min level 2 (see bench/_synthetic._servers)
    found = [
        Call("gap", "command", lambda: football.gap(first, second, on=TABLE_DAY)),
        Call("table", "command", lambda: football.table("en.1", on=TABLE_DAY)),
        Call("successor", "command", lambda: rumours.successors(tipped, now=NOW)),
        Call("hotseat", "command", lambda: rumours.hotseat(now=NOW)),
        Call("hotseat_league", "command", lambda: rumours.hotseat("Premier League", now=NOW)),
        Call("manager", "command", lambda: rumours.manager_profile(hottest, now=NOW)),
        Call("digest", "command", lambda: digests.build(guild, now=NOW)),
    ]
    for typed in CLUB_PREFIXES:
        found.append(Call(f"ac_club:{typed}", "autocomplete", _bind(registry.autocomplete_clubs, typed)))
    for typed in MANAGER_PREFIXES:
        found.append(Call(f"ac_manager:{typed}", "autocomplete", _bind(rumours.autocomplete_managers, typed)))
    for typed in LEAGUE_PREFIXES:
        found.append(Call(f"ac_league:{typed}", "autocomplete", _bind(football.autocomplete_leagues, typed)))
    return found


def _bind(method: Callable[[str], Awaitable[object]], typed: str) -> Run:
    return lambda: method(typed)


async def traced(service: Service, call: Call) -> list[str]:
    """The SELECT statements (parameters filled in) one run of `call` sends to the reader."""
    seen: list[str] = []

    def keep(statement: str) -> None:
        head = statement.lstrip().split(None, 1)[0].upper() if statement.strip() else ""
        if head in {"SELECT", "WITH"}:
            seen.append(statement)

    async with service.store.read() as db:
        await db.set_trace_callback(keep)
    try:
        await call.run()
    finally:
        async with service.store.read() as db:
            await db.set_trace_callback(None)  # type: ignore[arg-type]  # None turns tracing off
    return seen


def run_raw(conn: sqlite3.Connection, statements: list[str]) -> int:
    """Run the statements as plain sqlite3 would, fetching every row; returns the row count."""
    rows = 0
    for statement in statements:
        rows += len(conn.execute(statement).fetchall())
    return rows
