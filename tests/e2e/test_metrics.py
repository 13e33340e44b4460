"""The real bot counts what it does: a slash command's latency and each digest or alert it posts."""

from __future__ import annotations

from datetime import timedelta

from bot import metrics
from tests.e2e.harness import BotHarness, slot_soon


def sample(name: str, **labels: str) -> float:
    value = metrics.REGISTRY.get_sample_value(name, labels)
    return float(value or 0.0)


async def test_commands_and_posts_show_up_in_the_metrics(bot: BotHarness) -> None:
    fake = bot.fake
    commands = sample("hotseat_command_seconds_count", command="gap")
    unknown_team = sample("hotseat_command_seconds_count", command="successor")
    record = await fake.invoke("gap", {"team": "Real Madrid", "other": "Barcelona"})
    assert "Real Madrid" in record.reply.text()
    await fake.invoke("successor", {"manager": "Nobody Atall"})  # an unknown name is timed too
    assert sample("hotseat_command_seconds_count", command="gap") == commands + 1
    assert sample("hotseat_command_seconds_count", command="successor") == unknown_team + 1
    assert sample("hotseat_command_seconds_sum", command="gap") > 0

    posted = sample("hotseat_deliveries_total", kind="digest", outcome="posted")
    digests = fake.guild.channels[1].channel_id
    await fake.invoke("digest setup", {"channel": digests, "time": slot_soon(bot), "timezone": "UTC"})
    bot.clock.offset += timedelta(minutes=3)
    await fake.wait_for_message(digests, timeout=15)
    assert sample("hotseat_deliveries_total", kind="digest", outcome="posted") == posted + 1
