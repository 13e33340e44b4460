"""The gateway side with the real bot: resume after a dropped socket, reconnect on request."""

from __future__ import annotations

import asyncio
import os
import signal

import pytest

from tests.e2e import seed
from tests.e2e.harness import BotHarness


async def test_bot_resumes_after_a_dropped_connection(bot: BotHarness) -> None:
    fake = bot.fake
    session = fake.gateway.active
    assert session is not None
    await fake.gateway.drop()
    record = await fake.invoke("about", timeout=30)
    assert "Hotseat" in record.reply.text()
    assert fake.gateway.resumes[-1]["session_id"] == session.session_id
    assert fake.gateway.connections[-1].path == "/resume/"  # READY's resume_gateway_url was used
    assert len(fake.gateway.identifies) == 1


async def test_bot_reconnects_when_discord_asks(bot: BotHarness) -> None:
    fake = bot.fake
    await fake.gateway.request_reconnect()
    record = await fake.invoke("hotseat", timeout=30)
    assert seed.MANAGER in record.reply.text()
    assert fake.gateway.resumes, "op 7 RECONNECT should be followed by a RESUME"


async def test_bot_identifies_with_guilds_intent_only(bot: BotHarness) -> None:
    identify = bot.fake.gateway.identifies[0]
    assert identify["intents"] == 1
    assert bot.fake.gateway.connections[0].compress == "zlib-stream"
    assert bot.fake.gateway.heartbeats() >= 1


async def test_sigterm_shuts_the_bot_down_cleanly(bot: BotHarness) -> None:
    handler = signal.getsignal(signal.SIGTERM)
    if handler in (signal.SIG_DFL, signal.SIG_IGN, None):
        pytest.fail("run_discord installed no SIGTERM handler: a SIGTERM would kill the process outright")
    task = bot.task
    assert task is not None
    os.kill(os.getpid(), signal.SIGTERM)
    await asyncio.wait_for(task, 15)  # returns by itself: no cancellation needed
    assert bot.fake.gateway.active is None
    # The client closed the socket itself (discord.py's close races its reader and may send 4000).
    closes = [c.ws.close_code for c in bot.fake.gateway.connections]
    assert closes[-1] in (1000, 4000), closes
    bot.task = None
    assert bot.service is not None
    about = await bot.service.about()  # the store is intact and still readable
    assert about.articles == 3
