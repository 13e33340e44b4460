"""Scheduled posts across restarts and Discord's failure modes (429, 5xx, 403), asserted at the fake."""

from __future__ import annotations

from datetime import timedelta

from tests.e2e import seed
from tests.e2e.fake_discord import Fault
from tests.e2e.harness import BotHarness, slot_soon, wait_for_status

CHANNEL_MESSAGES = "/channels/{channel_id}/messages"


async def schedule_digest(bot: BotHarness) -> int:
    digests = bot.fake.guild.channels[1].channel_id
    await bot.fake.invoke("digest setup", {"channel": digests, "time": slot_soon(bot), "timezone": "UTC"})
    return digests


async def enable_alerts(bot: BotHarness) -> int:
    alerts = bot.fake.guild.channels[2].channel_id
    await bot.fake.invoke("alerts set", {"channel": alerts, "level": 1})
    return alerts


async def test_scheduled_digest_posts_once_across_a_restart(bot: BotHarness) -> None:
    fake = bot.fake
    digests = await schedule_digest(bot)
    alerts = await enable_alerts(bot)
    assert not fake.channel_posts(digests)
    bot.clock.offset += timedelta(minutes=3)  # the slot is now due
    digest = await fake.wait_for_message(digests, timeout=15)
    assert seed.MANAGER in digest.text()
    assert digest.allowed_mentions == {"parse": []}

    await bot.restart_bot()
    await bot.ingest_breaking()
    await fake.wait_for_message(alerts, timeout=15)  # proof the restarted loop has ticked
    assert len(fake.channel_posts(digests)) == 1
    status = await wait_for_status(bot, lambda text: "never" not in text)
    assert "Last delivered" in status


async def test_downtime_catches_up_once_not_once_per_missed_day(bot: BotHarness) -> None:
    fake = bot.fake
    digests = await schedule_digest(bot)
    alerts = await enable_alerts(bot)
    await bot.stop_bot()
    bot.clock.offset += timedelta(days=3, minutes=3)  # three daily slots passed while we were down
    await bot.start_bot()
    await fake.wait_for_message(digests, timeout=15)
    await bot.ingest_breaking()
    await fake.wait_for_message(alerts, timeout=15)  # the loop has ticked again since
    assert len(fake.channel_posts(digests)) == 1


async def test_digest_cut_off_mid_post_is_not_posted_twice(bot: BotHarness) -> None:
    fake = bot.fake
    digests = await schedule_digest(bot)
    fake.stall("POST", CHANNEL_MESSAGES, 30)  # Discord keeps the message, the reply never arrives
    bot.clock.offset += timedelta(minutes=3)
    await fake.wait_for_message(digests, timeout=15)
    await bot.stop_bot()  # the process dies before it can record the post
    await bot.start_bot()
    await wait_for_status(bot, lambda text: "never" not in text, timeout=20)
    assert len(fake.channel_posts(digests)) == 1, [p.text()[:80] for p in fake.channel_posts(digests)]
    # The restarted bot checked with Discord (history lookup or a nonce-deduplicated retry), not guessed.
    assert fake.calls("GET", CHANNEL_MESSAGES) or fake.nonce_hits


async def test_rate_limit_is_honoured(bot: BotHarness) -> None:
    fake = bot.fake
    alerts = await enable_alerts(bot)
    fake.inject("POST", CHANNEL_MESSAGES, Fault.rate_limited(0.5))
    await bot.ingest_breaking()
    await fake.wait_for_message(alerts, timeout=15)
    calls = fake.calls("POST", CHANNEL_MESSAGES)
    assert [c.status for c in calls] == [429, 200]
    assert calls[1].at - calls[0].at >= 0.5, "the retry came before Retry-After"
    assert fake.early_retries == 0
    assert len(fake.channel_posts(alerts)) == 1


async def test_server_error_is_retried(bot: BotHarness) -> None:
    fake = bot.fake
    alerts = await enable_alerts(bot)
    fake.inject("POST", CHANNEL_MESSAGES, Fault.server_error(500))
    await bot.ingest_breaking()
    await fake.wait_for_message(alerts, timeout=15)
    assert [c.status for c in fake.calls("POST", CHANNEL_MESSAGES)] == [500, 200]
    assert len(fake.channel_posts(alerts)) == 1


async def test_missing_permission_is_reported_to_admins(bot: BotHarness) -> None:
    fake = bot.fake
    await enable_alerts(bot)
    fake.inject("POST", CHANNEL_MESSAGES, Fault.missing_permissions(), times=5)
    await bot.ingest_breaking()
    status = await wait_for_status(bot, lambda text: "permission" in text.lower())
    assert "Traceback" not in status
    assert not fake.channel_posts()


async def test_deleted_channel_is_reported_to_admins(bot: BotHarness) -> None:
    fake = bot.fake
    digests = await schedule_digest(bot)
    fake.remove_channel(digests)
    bot.clock.offset += timedelta(minutes=3)
    status = await wait_for_status(bot, lambda text: "channel" in text.lower() and "problem" in text.lower())
    assert not fake.channel_posts()
    assert "Traceback" not in status


async def test_rate_limited_interaction_callback_is_still_answered(bot: BotHarness) -> None:
    fake = bot.fake
    fake.inject(
        "POST", "/interactions/{interaction_id}/{interaction_token}/callback", Fault.rate_limited(0.3)
    )
    record = await fake.invoke("about")
    assert record.callback_type == 4 and "Hotseat" in record.reply.text()
    assert fake.early_retries == 0


async def test_nothing_new_means_no_post_and_status_says_so(bot: BotHarness) -> None:
    fake = bot.fake
    digests = await schedule_digest(bot)
    bot.clock.offset += timedelta(minutes=3)
    await fake.wait_for_message(digests, timeout=15)
    bot.clock.offset += timedelta(days=1)  # the next day's slot, with no stories since the last digest
    status = await wait_for_status(bot, lambda text: "nothing new" in text.lower())
    assert len(fake.channel_posts(digests)) == 1, status


async def test_an_alert_discord_refuses_is_skipped_and_later_alerts_still_post(bot: BotHarness) -> None:
    """Issue 10 High #4: a link Discord answers 400 for was retried every tick and blocked every alert."""
    fake = bot.fake
    alerts = await enable_alerts(bot)
    await bot.stop_bot(close_service=False)
    await bot.ingest_breaking()
    assert bot.service is not None
    async with bot.service.store.transaction() as db:  # the link as a hostile feed can write it
        await db.execute(
            "UPDATE stories SET url = ? WHERE alert_seq = (SELECT MAX(alert_seq) FROM stories)",
            ("https://madrid-touchline.example/news/simeone\nsacked",),
        )
    await bot.start_bot()
    status = await wait_for_status(bot, lambda text: "refused" in text)
    assert "Not a well formed URL" in status and "Traceback" not in status

    await bot.publish(seed.OTHER_SACKING_ITEM)
    posted = await fake.wait_for_message(alerts, timeout=15)
    assert seed.SECOND_MANAGER in posted.text()
    refused = [c for c in fake.calls("POST", CHANNEL_MESSAGES) if c.status == 400]
    assert len(refused) == 1, "the refused alert was sent again"
    assert len(fake.channel_posts(alerts)) == 1


async def test_a_delivery_problem_reads_in_the_admins_language(bot: BotHarness) -> None:
    fake = bot.fake
    alerts = await enable_alerts(bot)
    fake.inject("POST", CHANNEL_MESSAGES, Fault.missing_permissions(), times=5)
    await bot.ingest_breaking()
    await wait_for_status(bot, lambda text: "permission" in text.lower())
    spanish = (await fake.invoke("digest status", locale="es-ES")).reply.text()
    assert f"avisos: No tengo permiso para publicar en <#{alerts}>" in spanish, spanish
    assert "I am not allowed" not in spanish and "{" not in spanish
