"""Analysis in worker processes (real ones): a stuck article costs its budget and its worker, never the
event loop; a failing article is stored as done with its reason; the registry travels once per change."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import time
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest

from bot.rumours.service import RumourService
from bot.workers import CRASHED, TIMED_OUT, AnalysisPool
from storage import Store
from storage import findings as findings_db
from tests.rumours import worker_analyzers
from tests.rumours.conftest import ClaimChecks, Newsroom
from tests.rumours.small_registry import SmallRegistry

BUDGET = 1.0
ABOUT_MADRID = "Real Madrid lost again and the pressure is growing."


def gone(pid: int) -> bool:
    """The process has ended (a zombie waiting for its reaper counts as ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):  # gone, or being reaped as we read
        return True
    return stat.rsplit(")", 1)[1].split()[0] == "Z"


def parent_of(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


@pytest.fixture
async def pool() -> AsyncIterator[AnalysisPool]:
    started = AnalysisPool(workers=1, timeout=BUDGET, analyzer=worker_analyzers.scripted)
    try:
        yield started
    finally:
        await started.close()


@pytest.fixture
def rumours(store: Store, registry: SmallRegistry, checks: ClaimChecks, pool: AnalysisPool) -> RumourService:
    return RumourService(store, registry, check_claim=checks, runner=pool)


async def failure(store: Store, article_id: int) -> str | None:
    async with store.read() as db:
        return await findings_db.failure(db, article_id)


async def test_an_article_past_its_budget_times_out_while_the_loop_keeps_running(
    news: Newsroom, rumours: RumourService, pool: AnalysisPool, store: Store
) -> None:
    await news.publish("Warm-up", None, text="Nothing to read here.")  # the worker is up
    [stuck_worker] = pool.pids
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    stuck = await news.article("Stuck", None, text="SPIN until killed")
    task = asyncio.create_task(ticker())
    started = time.monotonic()
    try:
        assert await rumours.record_article(stuck) is None
    finally:
        task.cancel()
    elapsed = time.monotonic() - started
    assert BUDGET <= elapsed < worker_analyzers.SPIN_SECONDS / 2  # the budget, not the whole spin
    # A blocked loop ticks about once in that second; a free one about a hundred times.
    assert ticks >= 20
    assert await failure(store, stuck.id) == TIMED_OUT
    assert gone(stuck_worker)
    recorded = await rumours.record_article(await news.article("Madrid lose", None, text=ABOUT_MADRID))
    assert recorded is not None and recorded.manager_key == "carlo-ancelotti"
    assert await failure(store, recorded.article_id) is None
    assert pool.pids and pool.pids != [stuck_worker]


async def test_an_analyzer_that_raises_marks_the_article_failed_and_logs_it_once(
    news: Newsroom,
    rumours: RumourService,
    pool: AnalysisPool,
    store: Store,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING)
    bad = await news.article("Unreadable", None, text="BOOM goes the parser")
    assert await rumours.record_article(bad) is None
    assert await failure(store, bad.id) == "ValueError: cannot read this one"
    about = [r for r in caplog.records if bad.url in r.getMessage()]
    assert len(about) == 1
    assert "cannot read this one" in about[0].getMessage() and "Traceback" in about[0].getMessage()
    [worker] = pool.pids
    recorded = await rumours.record_article(await news.article("Madrid lose", None, text=ABOUT_MADRID))
    assert recorded is not None and recorded.manager_key == "carlo-ancelotti"
    assert pool.pids == [worker]  # an exception is the article's problem, not the worker's
    assert (await rumours.counts()).findings == 2


async def test_a_worker_that_dies_mid_article_is_replaced(
    news: Newsroom, rumours: RumourService, pool: AnalysisPool, store: Store
) -> None:
    fatal = await news.article("Fatal", None, text="DIE now")
    assert await rumours.record_article(fatal) is None
    assert await failure(store, fatal.id) == CRASHED
    recorded = await rumours.record_article(await news.article("Madrid lose", None, text=ABOUT_MADRID))
    assert recorded is not None and recorded.manager_key == "carlo-ancelotti"


async def test_a_worker_that_died_while_idle_costs_the_next_article_nothing(
    news: Newsroom, rumours: RumourService, pool: AnalysisPool, store: Store
) -> None:
    await news.publish("Warm-up", None, text="Nothing to read here.")
    [idle] = pool.pids
    os.kill(idle, signal.SIGKILL)  # the OOM killer, or an admin
    while not gone(idle):
        await asyncio.sleep(0.01)
    recorded = await rumours.record_article(await news.article("Madrid lose", None, text=ABOUT_MADRID))
    assert recorded is not None and recorded.manager_key == "carlo-ancelotti"
    assert await failure(store, recorded.article_id) is None


async def test_a_busy_worker_leaves_stopping_to_the_bot(
    news: Newsroom, rumours: RumourService, pool: AnalysisPool, store: Store
) -> None:
    """A service manager's SIGTERM reaches every process of the bot; the worker must not die of it
    mid-article (the article would be stored as crashed): the budget is what ends it."""
    await news.publish("Warm-up", None, text="Nothing to read here.")
    [worker] = pool.pids
    stuck = await news.article("Stuck", None, text="SPIN until killed")
    task = asyncio.create_task(rumours.record_article(stuck))
    await asyncio.sleep(BUDGET / 4)
    forkserver = parent_of(worker)
    for pid in (worker, forkserver):  # what systemd does: every process of the unit at once
        os.kill(pid, signal.SIGTERM)
    assert await task is None
    assert await failure(store, stuck.id) == TIMED_OUT
    assert not gone(forkserver)


async def test_a_failed_article_is_not_analysed_again(
    news: Newsroom, rumours: RumourService, store: Store, registry: SmallRegistry, checks: ClaimChecks
) -> None:
    stuck = await news.article("Stuck", None, text="SPIN until killed")
    assert await rumours.record_article(stuck) is None
    again = AnalysisPool(workers=1, timeout=BUDGET, analyzer=worker_analyzers.scripted)
    try:
        restarted = RumourService(store, registry, check_claim=checks, runner=again)
        started = time.monotonic()
        assert await restarted.record_article(stuck) is None
        assert time.monotonic() - started < BUDGET
        assert again.pids == []  # no worker was even started for it
    finally:
        await again.close()
    assert await failure(store, stuck.id) == TIMED_OUT


async def test_warnings_logged_in_a_worker_reach_the_bot_log(
    pool: AnalysisPool, registry: SmallRegistry, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    await pool.analyze("WARN " + ABOUT_MADRID, title="Odd one", source=None, published=None, registry=None)
    [record] = [r for r in caplog.records if r.name == worker_analyzers.log.name]
    assert record.levelno == logging.WARNING and record.getMessage() == "odd article 'Odd one'"


async def test_one_stuck_article_does_not_hold_up_the_other_worker(registry: SmallRegistry) -> None:
    pool = AnalysisPool(workers=2, timeout=5.0, analyzer=worker_analyzers.scripted)
    try:

        async def read(text: str) -> str | None:
            finding = await pool.analyze(
                text, title=None, source=None, published=None, registry=registry.registry
            )
            return finding.manager

        stuck = asyncio.create_task(read("SPIN until killed"))
        answers = [await read(ABOUT_MADRID) for _ in range(5)]
        assert answers == ["Carlo Ancelotti"] * 5
        assert not stuck.done()  # still within its budget, and the other worker answered meanwhile
        stuck.cancel()
        with pytest.raises(asyncio.CancelledError):
            await stuck
        assert len(pool.pids) == 1  # a cancelled article's worker is not reused
    finally:
        await pool.close()
    assert pool.pids == []


async def test_the_registry_travels_once_per_change(registry: SmallRegistry) -> None:
    pool = AnalysisPool(workers=1, timeout=BUDGET, analyzer=worker_analyzers.registry_probe)
    try:

        async def probe() -> tuple[float, str | None]:
            finding = await pool.analyze(
                "text", title=None, source=None, published=None, registry=registry.registry
            )
            return finding.score, finding.manager

        assert [await probe() for _ in range(3)] == [(1.0, "Carlo Ancelotti")] * 3
        await registry.end_tenure_in(None, "carlo-ancelotti", "real-madrid", date(2025, 3, 11), "sacked")  # type: ignore[arg-type]
        await registry.reload_tenures()
        assert [await probe() for _ in range(2)] == [(2.0, None)] * 2  # the sacking reached the worker
    finally:
        await pool.close()


async def test_a_closed_pool_refuses_work_and_leaves_no_worker() -> None:
    pool = AnalysisPool(workers=1, timeout=BUDGET, analyzer=worker_analyzers.scripted)
    await pool.analyze(ABOUT_MADRID, title=None, source=None, published=None, registry=None)
    [worker] = pool.pids
    await pool.close()
    assert gone(worker)
    with pytest.raises(RuntimeError, match="closed"):
        await pool.analyze(ABOUT_MADRID, title=None, source=None, published=None, registry=None)


async def test_the_declared_language_reaches_the_worker() -> None:
    pool = AnalysisPool(workers=1, timeout=BUDGET, analyzer=worker_analyzers.language_probe)
    try:
        spanish = await pool.analyze(
            "texto", title=None, source=None, published=None, registry=None, lang="es"
        )
        unknown = await pool.analyze("text", title=None, source=None, published=None, registry=None)
    finally:
        await pool.close()
    assert (spanish.lang, unknown.lang) == ("es", None)
