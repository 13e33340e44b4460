"""The gateway side with the real bot: resume after a dropped socket, reconnect on request."""

from __future__ import annotations

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
    assert "Xabi Alonso" in record.reply.text()
    assert fake.gateway.resumes, "op 7 RECONNECT should be followed by a RESUME"


async def test_bot_identifies_with_guilds_intent_only(bot: BotHarness) -> None:
    identify = bot.fake.gateway.identifies[0]
    assert identify["intents"] == 1
    assert bot.fake.gateway.connections[0].compress == "zlib-stream"
    assert bot.fake.gateway.heartbeats() >= 1
