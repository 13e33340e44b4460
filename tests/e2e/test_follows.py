"""/follow through the real discord.py client: the followers' role is pinged, and nothing else is."""

from __future__ import annotations

from tests.e2e import seed
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
