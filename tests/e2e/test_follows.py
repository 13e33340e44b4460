"""/follow through the real discord.py client: the followers' role is pinged, and nothing else is."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.e2e import seed
from tests.e2e.fake_discord.records import SentMessage
from tests.e2e.harness import BotHarness


async def test_a_follow_pings_its_role_and_nothing_else(bot: BotHarness) -> None:
    fake = bot.fake
    alerts = fake.guild.channels[2].channel_id
    fans = fake.guild.roles[0].role_id
    await fake.invoke("alerts set", {"channel": alerts, "level": 3})
    followed = await fake.invoke("follow manager", {"manager": seed.MANAGER, "role": fans, "level": 2})
    assert followed.ephemeral and seed.MANAGER in followed.reply.text()
    assert followed.reply.allowed_mentions == {"parse": []}
    listed = await fake.invoke("follow list")
    assert f"<@&{fans}>" in listed.reply.text() and listed.reply.allowed_mentions == {"parse": []}

    await bot.ingest_breaking()  # the headline itself carries @everyone, @here and a role mention
    alert = await fake.wait_for_message(alerts, timeout=15)
    assert alert.content == f"<@&{fans}>"
    mentions = alert.allowed_mentions
    assert mentions is not None and mentions["parse"] == []
    assert [int(role) for role in mentions["roles"]] == [fans]
    assert not mentions.get("users") and not mentions.get("replied_user")
    assert "@everyone" not in alert.content and "123456789012345678" not in alert.content
    assert len(fake.channel_posts(alerts)) == 1  # the alerts level and the follow: one post
    embed = alert.embeds[0]
    assert embed.get("timestamp")

    removed = await fake.invoke("follow remove", {"follow": 1})
    assert removed.ephemeral and seed.MANAGER in removed.reply.text()
    assert "nothing" in (await fake.invoke("follow list")).reply.text()


REPORTED = seed.Item(
    "Atlético Madrid sack Diego Simeone, reports say",
    "Atlético Madrid have sacked Diego Simeone, according to several reports in Spain tonight.",
    0.05,
    "simeone-sacked-reported",
)
SECOND_SOURCE = seed.Item(
    "Diego Simeone sacked by Atlético Madrid",
    "Diego Simeone has been sacked by Atlético Madrid after the defeat, we understand.",
    0.02,
    "simeone-out",
)


async def test_a_reported_sacking_alert_is_edited_when_confirmed(bot: BotHarness) -> None:
    fake = bot.fake
    service = await bot.open_service()
    alerts = fake.guild.channels[2].channel_id
    fans = fake.guild.roles[0].role_id
    other = bot.live_dir / "second-outlet.xml"
    other.write_text(seed.rss(seed.OUTLET_A, (), datetime.now(UTC)), encoding="utf-8")
    await service.news.add_feed(f"{bot.data.url}/feeds/{other.name}", guild_id=None)
    await service.news.poll_once()  # the second outlet's first poll: nothing yet
    await fake.invoke("alerts set", {"channel": alerts, "level": 3})
    await fake.invoke("follow club", {"club": "Atlético Madrid", "role": fans, "level": 3})

    await bot.publish(REPORTED)
    alert = await fake.wait_for_message(alerts, timeout=15)
    assert "Out, reported (1 source): Diego Simeone" in alert.text()
    original = int(alert.message["id"])

    other.write_text(seed.rss(seed.OUTLET_A, (SECOND_SOURCE,), datetime.now(UTC)), encoding="utf-8")
    await service.news.poll_once()  # a second, independent outlet: confirmed

    def edits() -> list[SentMessage]:
        return [s for s in fake.sent if s.kind == "edit" and int(s.message["id"]) == original]

    await fake.wait_until(lambda: bool(edits()), 15, "the alert edited in place")
    edited = edits()[-1]
    assert "Out, confirmed: Diego Simeone" in edited.text()
    assert "reported (1 source)" in alert.text() and "reported (1 source)" not in edited.text()
    assert edited.content == f"<@&{fans}>"
    assert edited.allowed_mentions is not None and edited.allowed_mentions["parse"] == []
    assert len(fake.channel_posts(alerts)) == 1  # edited in place, not posted again
