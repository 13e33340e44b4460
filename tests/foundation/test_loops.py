"""Background loops (polling, digests, refresh, retention) survive crashes in the bot and the console."""

from __future__ import annotations

import asyncio

import pytest

from bot.loops import keep_running


async def test_a_crashing_loop_is_restarted_until_it_finishes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.loops.RETRY_SECONDS", 0.01)
    runs = 0

    async def flaky() -> None:
        nonlocal runs
        runs += 1
        if runs < 3:
            raise RuntimeError("feed host down")

    await asyncio.wait_for(keep_running("flaky", flaky), timeout=5)
    assert runs == 3


async def test_cancelling_stops_the_loop_instead_of_restarting_it() -> None:
    started = asyncio.Event()

    async def forever() -> None:
        started.set()
        await asyncio.Event().wait()

    task = asyncio.create_task(keep_running("forever", forever))
    await started.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
