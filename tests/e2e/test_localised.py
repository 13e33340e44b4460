"""Replies in the caller's language, digests in the server's chosen one, and a thread per story, through
the real discord.py client against the fake Discord."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from tests.e2e import seed
from tests.e2e.fake_discord.records import SentMessage
from tests.e2e.harness import BotHarness
from tests.e2e.test_follows import REPORTED, SECOND_SOURCE

MURMUR = seed.Item(
    "Pressure grows on Ernesto Valverde after a poor run",
    "Ernesto Valverde faces growing criticism at Athletic Club after a poor run of results.",
    0.05,
    "valverde-pressure",
)
CRISIS = seed.Item(
    "Athletic Club hold crisis talks over Ernesto Valverde",
    "Athletic Club held crisis talks over Ernesto Valverde and gave him an ultimatum: win the next "
    "two games or he will be sacked.",
    0.02,
    "valverde-crisis-talks",
)


async def test_a_spanish_user_reads_every_answer_in_spanish(bot: BotHarness) -> None:
    fake = bot.fake
    gap = (await fake.invoke("gap", {"team": "Real Madrid", "other": "Barcelona"}, locale="es-ES")).reply
    assert "FC Barcelona aventaja a Real Madrid CF en 3 puntos" in gap.text(), gap.text()
    assert "tiene 1 partido pendiente" in gap.text() and "points" not in gap.text()
    table = (await fake.invoke("table", {"league": "es.1"}, locale="es-ES")).reply
    assert "clasificación a" in table.text() and " PJ " in table.text() and "Página 1 de 2" in table.text()
    buttons = [button["label"] for row in table.message["components"] for button in row["components"]]
    assert buttons == ["Anterior", "Siguiente"]
    board = (await fake.invoke("hotseat", {}, locale="es-419")).reply
    assert "Banquillo caliente" in board.text() and "Hot seat" not in board.text()
    tips = (await fake.invoke("successor", {"manager": seed.MANAGER}, locale="es-ES")).reply
    assert f"Candidatos a sustituir a {seed.MANAGER}" in tips.text() and "medios" in tips.text()
    profile = (await fake.invoke("manager", {"name": seed.MANAGER}, locale="es-ES")).reply
    assert "Presión" in profile.text() and "Últimas noticias" in profile.text()
    wrong = await fake.invoke("gap", {"team": "Real Madird", "other": "Barcelona"}, locale="es-ES")
    assert wrong.ephemeral and "No hay ningún club llamado 'Real Madird'" in wrong.reply.text()
    english = await fake.invoke("gap", {"team": "Real Madird", "other": "Barcelona"}, locale="en-GB")
    assert "No club called 'Real Madird'" in english.reply.text()
    assert_no_internal_keys(fake.sent)


async def test_digest_setup_language_sets_the_digest_language(bot: BotHarness) -> None:
    fake = bot.fake
    assert fake.guild.locale != "de"
    channel = fake.guild.channels[1].channel_id
    setup = await fake.invoke(
        "digest setup",
        {"channel": channel, "time": "08:00", "timezone": "Europe/Berlin", "language": "de"},
        locale="en-GB",
    )
    assert "Deutsch" in setup.reply.text() and "Language of digests and alerts" in setup.reply.text()
    preview = (await fake.invoke("digest now", locale="en-GB")).reply.text()
    assert "Hotseat-Überblick" in preview and "Meldungen seit" in preview, preview
    assert "Only you can see this preview." in preview
    await fake.invoke(
        "digest setup",
        {"channel": channel, "time": "08:00", "timezone": "Europe/Berlin", "language": "server"},
    )
    preview = (await fake.invoke("digest now", locale="en-GB")).reply.text()
    assert "Hotseat digest" in preview and "Hotseat-Überblick" not in preview


async def test_a_story_gets_a_thread_and_its_later_alerts_go_there(bot: BotHarness) -> None:
    fake = bot.fake
    alerts = fake.guild.channels[2].channel_id
    turned_on = await fake.invoke("alerts set", {"channel": alerts, "level": 1, "threads": True})
    assert "a thread per story" in turned_on.reply.text()

    await bot.publish(MURMUR)
    first = await fake.wait_for_message(alerts, timeout=15)
    opened = int(first.message["id"])
    await fake.wait_until(lambda: opened in fake.threads_started, 10, "a thread on the first alert")
    thread = fake.guild.channel(opened)
    assert thread is not None and thread.parent_id == alerts and thread.kind == 11
    assert "Ernesto Valverde" in thread.name

    await bot.publish(CRISIS)  # the same story, now serious: its alert goes to the story's thread

    def in_thread() -> list[SentMessage]:
        return fake.channel_posts(opened)

    await fake.wait_until(lambda: bool(in_thread()), 15, "the story's second alert in its thread")
    assert "Serious" in in_thread()[0].text() and "Ernesto Valverde" in in_thread()[0].text()
    assert len(fake.channel_posts(alerts)) == 1  # the channel holds the first alert only
    assert fake.threads_started == [opened]  # no second thread for the same story
    for alert in (first, in_thread()[0]):
        outlets = f"({seed.OUTLET_A[0]}|{seed.OUTLET_B[0]})"
        assert re.search(f"First reported by {outlets}\n", alert.text()), alert.text()  # who broke it
        assert alert.embeds[0].get("timestamp")
    assert_no_internal_keys(fake.sent)


# What Hotseat uses internally and must never show: delivery keys, manager/club keys, Python reprs.
INTERNAL = re.compile(r"story:\d|:level:|manager_key|club_key|ernesto-valverde|None\b|\{[a-z_]+\}")


def assert_no_internal_keys(sent: list[SentMessage]) -> None:
    for message in sent:
        visible = re.sub(r"\(https?://[^)\s]*\)|https?://\S+", "", message.text())  # link targets aside
        assert INTERNAL.search(visible) is None, visible


async def test_hotseat_lists_a_confirmed_sacking_as_gone_not_at_the_top(bot: BotHarness) -> None:
    fake = bot.fake
    service = await bot.open_service()
    other = bot.live_dir / "second-outlet.xml"
    other.write_text(seed.rss(seed.OUTLET_A, (), datetime.now(UTC)), encoding="utf-8")
    await service.news.add_feed(f"{bot.data.url}/feeds/{other.name}", guild_id=None)
    await service.news.poll_once()
    before = (await fake.invoke("hotseat", {})).reply.text()
    assert before.index(seed.MANAGER) < before.index(seed.SECOND_MANAGER)  # he tops the board

    await bot.publish(REPORTED)
    other.write_text(seed.rss(seed.OUTLET_A, (SECOND_SOURCE,), datetime.now(UTC)), encoding="utf-8")
    await service.news.poll_once()  # a second, independent outlet: confirmed

    board = (await fake.invoke("hotseat", {})).reply
    ranked = board.embeds[0]["description"]
    gone = board.embeds[0]["fields"]
    assert seed.MANAGER not in ranked and ranked.startswith(f"**1. {seed.SECOND_MANAGER}**"), ranked
    assert [field["name"] for field in gone] == ["Gone this week"]
    assert seed.MANAGER in gone[0]["value"] and "<t:" in gone[0]["value"]


async def test_a_deleted_story_thread_sends_later_alerts_to_the_channel(bot: BotHarness) -> None:
    fake = bot.fake
    alerts = fake.guild.channels[2].channel_id
    await fake.invoke("alerts set", {"channel": alerts, "level": 1, "threads": True})
    await bot.publish(MURMUR)
    first = await fake.wait_for_message(alerts, timeout=15)
    opened = int(first.message["id"])
    await fake.wait_until(lambda: opened in fake.threads_started, 10, "a thread on the first alert")
    fake.guild.channels = [c for c in fake.guild.channels if c.channel_id != opened]  # a moderator deleted it

    await bot.publish(CRISIS)
    await fake.wait_until(lambda: len(fake.channel_posts(alerts)) == 2, 15, "the second alert in the channel")
    assert "Serious" in fake.channel_posts(alerts)[1].text()
    assert fake.channel_posts(opened) == []
    status = (await fake.invoke("digest status")).reply.text()
    assert "Problem" not in status  # a vanished thread is not the server's problem
