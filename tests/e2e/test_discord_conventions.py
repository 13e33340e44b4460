"""How the bot behaves as discord.py bots are expected to: server overrides, automatic command sync,
languages, private previews and cleaning up after a server removes it. Real bot, fake Discord."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot import app
from bot.departures import Departures
from storage import bot_state
from tests.e2e import seed
from tests.e2e.fake_discord import MEMBER_PERMISSIONS, CommandHidden
from tests.e2e.harness import BotHarness, slot_soon

GUILD_COMMANDS = "/applications/{application_id}/guilds/{guild_id}/commands"


def command(bot: BotHarness, name: str) -> dict[str, object]:
    return next(c for c in bot.fake.commands[bot.fake.guild.guild_id] if c["name"] == name)


async def test_a_server_override_lets_a_member_run_an_admin_command(bot: BotHarness) -> None:
    fake = bot.fake
    with pytest.raises(CommandHidden):
        await fake.invoke("digest status", member=fake.member, member_perms=MEMBER_PERMISSIONS)
    fake.allow_command("digest", fake.member.user_id)  # Server Settings → Integrations → Hotseat
    record = await fake.invoke("digest status", member=fake.member, member_perms=MEMBER_PERMISSIONS)
    text = record.reply.text()
    assert record.ephemeral and "Daily digest" in text, text
    assert "Manage Server" not in text


async def test_commands_sync_at_start_only_when_the_tree_changed(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = bot.fake
    bot.settings = bot.settings.model_copy(update={"sync_commands": False})  # no operator variable
    synced = len(fake.calls("PUT", GUILD_COMMANDS))

    await bot.stop_bot()
    await bot.start_bot(expect_sync=False)  # setup_hook (and its sync decision) runs before IDENTIFY
    assert len(fake.calls("PUT", GUILD_COMMANDS)) == synced, "unchanged commands were synced again"

    monkeypatch.setattr(app, "COGS", tuple(c for c in app.COGS if c != "cogs.table"))  # a new release
    await bot.stop_bot()
    await bot.start_bot()
    assert len(fake.calls("PUT", GUILD_COMMANDS)) == synced + 1
    assert "table" not in {c["name"] for c in fake.all_commands()}

    monkeypatch.undo()
    await bot.stop_bot()
    await bot.start_bot()
    assert len(fake.calls("PUT", GUILD_COMMANDS)) == synced + 2
    assert "table" in {c["name"] for c in fake.all_commands()}


async def test_only_the_owner_may_sync_by_hand(bot: BotHarness) -> None:
    fake = bot.fake
    synced = len(fake.calls("PUT", GUILD_COMMANDS))
    stranger = await fake.invoke("sync", member=fake.member, member_perms=1 << 3)  # an administrator
    assert stranger.ephemeral and "owner" in stranger.reply.text()
    assert len(fake.calls("PUT", GUILD_COMMANDS)) == synced
    owner = await fake.invoke("sync", member_perms=1 << 3)  # the application's owner (alice), an admin
    assert owner.ephemeral and "Published" in owner.reply.text()
    assert len(fake.calls("PUT", GUILD_COMMANDS)) == synced + 1


async def test_a_spanish_user_gets_spanish_names_and_replies(bot: BotHarness) -> None:
    digest = command(bot, "digest")
    assert digest["name_localizations"]["es-ES"] == "resumen"  # type: ignore[index]
    assert digest["name_localizations"]["es-419"] == "resumen"  # type: ignore[index]
    setup = next(o for o in digest["options"] if o["name"] == "setup")  # type: ignore[attr-defined]
    channel = next(o for o in setup["options"] if o["name"] == "channel")
    assert channel["name_localizations"]["es-ES"] == "canal"
    assert channel["description_localizations"]["es-ES"] == "dónde publicar"
    level = next(o for o in setup["options"] if o["name"] == "min_level")
    assert level["name_localizations"]["es-ES"] == "nivel_minimo"
    sacked = next(c for c in level["choices"] if c["value"] == 3)
    assert sacked["name_localizations"]["es-ES"] == "3 — decidido (destituido, dimitido)"
    spanish = await bot.fake.invoke("about", locale="es-ES")
    assert "Versión" in spanish.reply.text() and "Tus datos" in spanish.reply.text()
    english = await bot.fake.invoke("about", locale="en-GB")
    assert "Version" in english.reply.text() and "Your data" in english.reply.text()


async def test_digest_now_is_a_private_preview_with_a_post_button(bot: BotHarness) -> None:
    fake = bot.fake
    preview = await fake.invoke("digest now")
    shown = preview.reply
    assert shown.ephemeral and seed.MANAGER in shown.text()
    assert shown.custom_ids() == ["digest-post"]
    assert not [m for m in fake.sent if not m.ephemeral and seed.MANAGER in m.text()]
    clicked = await fake.click(int(shown.message["id"]), "digest-post")
    await fake.wait_until(
        lambda: any(m.kind == "followup" for m in clicked.messages), 10, "the digest to be posted"
    )
    posted = next(m for m in clicked.messages if m.kind == "followup")
    assert not posted.ephemeral and seed.MANAGER in posted.text()
    assert posted.allowed_mentions == {"parse": []}
    assert fake.messages[int(shown.message["id"])]["components"] == []  # the button is gone


async def test_a_german_server_gets_its_digest_in_german(bot: BotHarness) -> None:
    bot.fake.guild.locale = "de"
    await bot.restart_bot()  # GUILD_CREATE now says the server's language is German
    preview = await bot.fake.invoke("digest now", locale="en-GB")
    text = preview.reply.text()
    assert "Hotseat-Überblick" in text and "Meldungen seit" in text, text
    assert "Only you can see this preview." in text  # the admin's own words stay in their language

    digests = bot.fake.guild.channels[1].channel_id
    await bot.fake.invoke(
        "digest setup", {"channel": digests, "time": slot_soon(bot), "timezone": "UTC"}, locale="en-GB"
    )
    bot.clock.offset += timedelta(minutes=3)  # the scheduled digest is due
    posted = await bot.fake.wait_for_message(digests, timeout=15)
    assert "Hotseat-Überblick" in posted.text() and "Meldungen seit" in posted.text(), posted.text()
    assert "Hotseat digest" not in posted.text() and seed.MANAGER in posted.text()


async def test_a_server_that_removes_the_bot_is_forgotten_after_the_grace_period(bot: BotHarness) -> None:
    fake = bot.fake
    guild_id = fake.guild.guild_id
    await fake.invoke(
        "digest setup", {"channel": fake.guild.channels[1].channel_id, "time": "08:00", "timezone": "UTC"}
    )
    await fake.gateway.dispatch("GUILD_DELETE", {"id": str(guild_id)})  # kicked
    service = bot.service
    assert service is not None

    async def left() -> bool:
        async with service.store.read() as db:
            return await bot_state.get(db, f"left:{guild_id}") is not None

    for _ in range(100):
        if await left():
            break
        await asyncio.sleep(0.05)
    assert await left(), "the removal was not recorded"
    early = Departures(service.store, clock=lambda: bot.clock() + timedelta(days=6))
    assert await early.purge_due() == []
    assert (await service.digests.status(guild_id)).time == "08:00"
    late = Departures(service.store, clock=lambda: bot.clock() + timedelta(days=8))
    assert await late.purge_due() == [guild_id]
    status = await service.digests.status(guild_id)
    assert status.time is None and not status.enabled
