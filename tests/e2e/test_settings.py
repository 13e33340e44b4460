"""Admin commands that change a server's settings, each on a fresh bot and store."""

from __future__ import annotations

from tests.e2e import seed
from tests.e2e.harness import BotHarness, digest_status

MENTION_TRAPS = ("@everyone", "@here", "<@&123456789012345678>")


async def test_digest_setup_status_now_off(bot: BotHarness) -> None:
    fake = bot.fake
    digests = fake.guild.channels[1].channel_id
    assert "off" in (await digest_status(bot)).lower()
    setup = await fake.invoke(
        "digest setup", {"channel": digests, "time": "07:30", "timezone": "Europe/Madrid", "min_level": 1}
    )
    assert setup.ephemeral
    text = await digest_status(bot)
    assert "07:30" in text and "Europe/Madrid" in text and f"<#{digests}>" in text
    now = await fake.invoke("digest now")
    assert seed.MANAGER in now.reply.text() and seed.SECOND_MANAGER in now.reply.text()
    assert now.reply.allowed_mentions == {"parse": []}
    off = await fake.invoke("digest off")
    assert off.ephemeral
    assert "off" in (await digest_status(bot)).lower()


async def test_digest_setup_changes_one_setting_and_keeps_the_rest(bot: BotHarness) -> None:
    fake = bot.fake
    digests = fake.guild.channels[1].channel_id
    first = await fake.invoke("digest setup", {"time": "07:30"})
    assert first.ephemeral and "needs a channel and a time" in first.reply.text()
    assert "off" in (await digest_status(bot)).lower()
    await fake.invoke(
        "digest setup",
        {"channel": digests, "time": "07:30", "timezone": "Europe/Madrid", "min_level": 2, "leagues": "es.1"},
    )
    changed = await fake.invoke("digest setup", {"time": "09:15"})
    assert changed.ephemeral and "09:15" in changed.reply.text()
    text = await digest_status(bot)
    assert "09:15" in text and "07:30" not in text
    assert "Europe/Madrid" in text and f"<#{digests}>" in text and "level 2+" in text and "es.1" in text
    await fake.invoke("digest setup", {"leagues": "all"})
    text = await digest_status(bot)
    assert "all leagues" in text and "09:15" in text and "Europe/Madrid" in text


async def test_digest_setup_rejects_a_bad_time(bot: BotHarness) -> None:
    fake = bot.fake
    digests = fake.guild.channels[1].channel_id
    record = await fake.invoke("digest setup", {"channel": digests, "time": "25:99", "timezone": "UTC"})
    assert record.ephemeral and "time" in record.reply.text().lower()
    bad_zone = await fake.invoke(
        "digest setup", {"channel": digests, "time": "08:00", "timezone": "Mars/Olympus"}
    )
    assert bad_zone.ephemeral and "Mars/Olympus" in bad_zone.reply.text()
    assert "off" in (await digest_status(bot)).lower()


async def test_alert_for_a_sacking_does_not_ping(bot: BotHarness) -> None:
    fake = bot.fake
    alerts = fake.guild.channels[2].channel_id
    record = await fake.invoke("alerts set", {"channel": alerts, "level": 1})
    assert record.ephemeral and f"<#{alerts}>" in record.reply.text()
    assert not fake.channel_posts(alerts), "setting alerts must not replay old stories"
    await bot.ingest_breaking()
    posted = await fake.wait_for_message(alerts, timeout=15)
    text = posted.text()
    assert seed.MANAGER in text
    mentions = posted.allowed_mentions
    assert mentions is not None and mentions.get("parse") == [], mentions
    assert not mentions.get("users") and not mentions.get("roles")
    for trap in MENTION_TRAPS:
        assert trap not in text, f"{trap!r} reached Discord unescaped: {text!r}"
    assert "**official**" not in text, "feed markdown must be escaped"

    # The same news from a second article joins the story: no second alert.
    await bot.publish(seed.FOLLOW_UP_ITEM)
    # A later, different sacking: once its alert is out, the loop has been past the follow-up too.
    await bot.publish(seed.OTHER_SACKING_ITEM)
    await fake.wait_for_message(alerts, lambda m: seed.SECOND_MANAGER in m.text(), timeout=15)
    texts = [p.text() for p in fake.channel_posts(alerts)]
    assert len(texts) == 2 and seed.SECOND_MANAGER in texts[1], [t[:80] for t in texts]

    # Wherever the headline is shown again, it still cannot ping.
    for name, options in (("hotseat", {}), ("manager", {"name": seed.MANAGER})):
        reply = (await fake.invoke(name, options)).reply
        assert reply.allowed_mentions == {"parse": []}, name
        for trap in MENTION_TRAPS:
            assert trap not in reply.text(), f"/{name} shows {trap!r} unescaped"


async def test_feeds_add_list_remove(bot: BotHarness) -> None:
    fake = bot.fake
    url = f"{bot.data.url}/feeds/club.xml"
    added = await fake.invoke("feeds add", {"url": url})
    assert added.ephemeral and url in added.reply.text()
    listed = await fake.invoke("feeds list")
    assert url in listed.reply.text()
    removed = await fake.invoke("feeds remove", {"feed": url})
    assert removed.ephemeral
    assert url not in (await fake.invoke("feeds list")).reply.text()


async def test_feeds_add_refuses_a_non_feed_url(bot: BotHarness) -> None:
    record = await bot.fake.invoke("feeds add", {"url": "ftp://example.invalid/feed"})
    assert record.ephemeral
    assert "Traceback" not in record.reply.text()
    assert "ftp://example.invalid/feed" not in (await bot.fake.invoke("feeds list")).reply.text()
