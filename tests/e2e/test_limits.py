"""A digest far larger than one Discord message: split or trimmed so Discord accepts every part."""

from __future__ import annotations

from datetime import timedelta

from tests.e2e import seed
from tests.e2e.harness import BotHarness, slot_soon, wait_for_status

CHANNEL_MESSAGES = "/channels/{channel_id}/messages"


async def ingest_bulk(bot: BotHarness) -> None:
    assert bot.service is not None
    report = await bot.service.news.ingest_dir(seed.write_bulk(bot.workdir / "bulk"))
    assert report.new == len(seed.bulk_items()), report.to_text()


def refused(bot: BotHarness) -> list[str]:
    return [f"{r.method} {r.route} → {r.status}" for r in bot.fake.requests if r.status == 400]


async def test_digest_now_fits_discord_limits(bot: BotHarness) -> None:
    await ingest_bulk(bot)
    record = await bot.fake.invoke("digest now")  # a private preview of the first part
    assert record.reply.ephemeral and not refused(bot), refused(bot)
    clicked = await bot.fake.click(int(record.reply.message["id"]), "digest-post")
    managers = [manager for manager, _ in seed.BULK_MANAGERS[:5]]

    def shown_now() -> str:
        return "\n".join(m.text() for m in clicked.messages if m.kind == "followup")

    await bot.fake.wait_until(lambda: all(m in shown_now() for m in managers), 15, "every part posted")
    assert not clicked.rejected and not refused(bot), refused(bot)
    shown = shown_now()
    assert not any(m.ephemeral for m in clicked.messages if m.kind == "followup"), shown[:300]
    assert seed.MANAGER in shown
    for manager, _ in seed.BULK_MANAGERS[:5]:
        assert manager in shown, f"{manager} missing from the digest"
    assert "*board*" not in shown, "feed markdown must be escaped"


async def test_scheduled_big_digest_is_posted_in_valid_parts(bot: BotHarness) -> None:
    fake = bot.fake
    await ingest_bulk(bot)
    digests = fake.guild.channels[1].channel_id
    await fake.invoke("digest setup", {"channel": digests, "time": slot_soon(bot), "timezone": "UTC"})
    bot.clock.offset += timedelta(minutes=3)
    await fake.wait_for_message(digests, timeout=15)
    await wait_for_status(bot, lambda text: "never" not in text)  # every part is posted by then
    posts = fake.channel_posts(digests)
    assert not refused(bot), refused(bot)
    shown = "\n".join(p.text() for p in posts)
    assert seed.MANAGER in shown
    missing = [m for m, _ in seed.BULK_MANAGERS if m not in shown]
    assert not missing or "more" in shown.lower(), f"dropped without saying so: {missing}"
    assert all(p.allowed_mentions == {"parse": []} for p in posts)
