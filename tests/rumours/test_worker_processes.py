"""The worker pool in the whole bot, with real processes: `ingest` and polling analyse in workers, a
restart never re-runs an article that failed, and the bot leaves no worker behind — on SIGTERM, at
end of input, and when it is killed with SIGKILL (busy workers included)."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
import signal
import sys
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

import bot.service
from bot.config import Settings
from bot.service import Service
from bot.workers import TIMED_OUT, AnalysisPool
from storage import findings as findings_db
from tests.rumours import worker_analyzers
from tests.rumours.test_worker import gone
from tests.support.feed_server import FeedServer, item, rss_feed

REPO = Path(__file__).resolve().parents[2]
STUCK = item(1, title="Stuck story", summary="SPIN on this one")
FINE = item(2, title="Madrid lose again", summary="Real Madrid lost again and the pressure grows.")
WAIT = 30.0  # seconds a started process gets to reach the state a test waits for


def descendants(pid: int, depth: int = 0) -> set[int]:
    """Every live process below `pid` (the forkserver, its workers, the resource tracker), or only
    those at least `depth` generations down (2: the workers the forkserver forked)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (FileNotFoundError, ProcessLookupError):
                continue
            if fields[0] != "Z":
                parents[int(entry.name)] = int(fields[1])
    found: set[int] = set()
    frontier = {pid}
    generation = 0
    while frontier:
        generation += 1
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        if generation >= depth:
            found |= frontier
    return found


async def until(condition: Callable[[], bool], what: str, seconds: float = WAIT) -> None:
    """Wait for `condition()` to hold, polling; fail naming `what` after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} within {seconds:.0f} s")
        await asyncio.sleep(0.05)


def cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


@pytest.fixture
def scripted_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bot's own pool, with the test analyzer in its workers and a one-second budget."""
    pool = functools.partial(AnalysisPool, analyzer=worker_analyzers.scripted)
    monkeypatch.setattr(bot.service, "AnalysisPool", pool)


@pytest.fixture
def quick_settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"analysis_timeout_seconds": 1.0})


@pytest.mark.usefixtures("scripted_pool")
async def test_ingest_and_polling_use_workers_and_a_restart_does_not_rerun_a_failed_article(
    quick_settings: Settings, tmp_path: Path
) -> None:
    saved = tmp_path / "saved"
    saved.mkdir()
    (saved / "feed.xml").write_bytes(rss_feed([STUCK, FINE]))
    first = await Service.open(quick_settings)
    try:
        report = await first.news.ingest_dir(saved)
        assert report.new == 2
        assert len(first.analysis.pids) == 1
        async with first.store.read() as db:
            failures = [await findings_db.failure(db, article_id) for article_id in (1, 2)]
        assert set(failures) == {TIMED_OUT, None}
        assert (await first.rumours.counts()).findings == 2
    finally:
        await first.close()

    async with FeedServer() as server:
        server.feed("/news.xml", rss_feed([STUCK, FINE]))
        restarted = await Service.open(quick_settings)
        try:
            await restarted.news.add_feed(server.url("/news.xml"), None)
            started = time.monotonic()
            await restarted.news.poll_once()
            assert time.monotonic() - started < quick_settings.analysis_timeout_seconds
            assert restarted.analysis.pids == []  # nothing new, nothing failed re-run
            server.feed("/news.xml", rss_feed([STUCK, FINE, item(3, summary="SPIN once more")]))
            await restarted.news.poll_once()
            async with restarted.store.read() as db:
                assert await findings_db.failure(db, 3) == TIMED_OUT
            assert (await restarted.rumours.counts()).findings == 3
        finally:
            await restarted.close()


BUSY_PARENT = """
import asyncio, sys
from bot.workers import AnalysisPool
from tests.rumours import worker_analyzers

async def main():
    pool = AnalysisPool(workers=1, timeout=600, analyzer=worker_analyzers.scripted)
    await pool.analyze("warm up", title=None, source=None, published=None, registry=None)
    with open(sys.argv[1], "w") as out:
        out.write(str(pool.pids[0]))
    await pool.analyze("SPIN", title=None, source=None, published=None, registry=None)

asyncio.run(main())
"""


async def test_a_killed_parent_takes_its_busy_worker_with_it(tmp_path: Path) -> None:
    said = tmp_path / "worker.pid"
    # no pipes to the child: a worker holding one would make wait() wait for the worker too
    proc = await asyncio.create_subprocess_exec(sys.executable, "-c", BUSY_PARENT, str(said), cwd=REPO)
    try:
        await until(lambda: said.exists() and said.read_text().isdigit(), "the pool never started")
        worker = int(said.read_text())
        family = descendants(proc.pid)
        assert worker in family
        spinning_from = cpu_ticks(worker)
        await until(lambda: cpu_ticks(worker) > spinning_from + 10, "the worker never started spinning")
        proc.kill()
        await asyncio.wait_for(proc.wait(), 5)
        await until(lambda: all(gone(pid) for pid in family), "workers outlived their parent", seconds=5)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()


@pytest.fixture
async def bot_process(settings: Settings, tmp_path: Path) -> AsyncIterator[asyncio.subprocess.Process]:
    """`hotseat run` in console mode, polling a local feed, once its analysis worker is up."""
    async with FeedServer() as server:
        server.feed("/news.xml", rss_feed([FINE]))
        service = await Service.open(settings)
        try:
            await service.news.add_feed(server.url("/news.xml"), None)
        finally:
            await service.close()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("HOTSEAT_", "DISCORD_"))}
        env.update(
            HOTSEAT_DB=str(settings.db_path),
            HOTSEAT_DEFAULT_FEEDS="false",
            HOTSEAT_ALLOW_PRIVATE_FEEDS="true",
            HOTSEAT_OPENFOOTBALL_URL="off",
            HOTSEAT_TIMEZONE="UTC",
            PYTHONPATH=str(REPO),
        )
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            cwd=tmp_path,
            env=env,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
            start_new_session=True,  # its own process group, as under a service manager
        )
        try:
            # the forkserver, the resource tracker and, below the forkserver, the worker
            await until(lambda: len(descendants(proc.pid)) >= 3, "no analysis worker started")
            yield proc
        finally:
            if proc.returncode is None:
                proc.kill()
                await proc.wait()


@pytest.mark.sqlite_only  # about process groups; the store is not involved
async def test_a_killed_bot_leaves_no_worker_behind(bot_process: asyncio.subprocess.Process) -> None:
    family = descendants(bot_process.pid)
    bot_process.kill()
    with contextlib.suppress(TimeoutError):  # its stderr pipe closes only when the last worker is gone
        await asyncio.wait_for(bot_process.wait(), 5)
    await until(lambda: all(gone(pid) for pid in family), "workers outlived the bot", seconds=5)


@pytest.mark.sqlite_only  # about process groups; the store is not involved
@pytest.mark.parametrize("stop", ["SIGTERM", "SIGTERM to the group", "end of input"])
async def test_the_bot_stops_its_workers_when_it_stops(
    bot_process: asyncio.subprocess.Process, stop: str
) -> None:
    family = descendants(bot_process.pid)
    workers = descendants(bot_process.pid, depth=2)
    assert workers
    if stop == "SIGTERM":
        bot_process.send_signal(signal.SIGTERM)
    elif stop == "SIGTERM to the group":  # what systemd does: every process of the unit at once
        os.killpg(bot_process.pid, signal.SIGTERM)
    else:
        assert bot_process.stdin is not None
        bot_process.stdin.close()
    _, stderr = await asyncio.wait_for(bot_process.communicate(), WAIT)
    assert bot_process.returncode == 0, stderr.decode(errors="replace")[-2000:]
    assert "Traceback" not in stderr.decode(errors="replace")
    assert all(gone(pid) for pid in workers)  # stopped before the bot exited
    # the forkserver and the resource tracker leave once they see the bot has gone
    await until(lambda: all(gone(pid) for pid in family), "helpers outlived the bot", seconds=5)
