"""The fake's own tests: a minimal real discord.py client logs in, syncs, and answers an interaction."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator

import discord
import pytest
import yarl
from discord import app_commands

from tests.e2e.fake_discord import EPHEMERAL, FakeDiscord, Fault


class MiniBot(discord.Client):
    """The smallest client that uses every path the fake serves."""

    def __init__(self) -> None:
        super().__init__(intents=discord.Intents.default())
        self.tree = app_commands.CommandTree(self)
        self.synced = asyncio.Event()

        @self.tree.command(description="Say hello")
        @app_commands.describe(name="Who to greet")
        async def hello(interaction: discord.Interaction, name: str) -> None:
            await interaction.response.send_message(f"Hello {name}", ephemeral=name == "secret")

        @self.tree.command(description="Slow answer")
        async def slow(interaction: discord.Interaction) -> None:
            await interaction.response.defer(thinking=True)
            await interaction.followup.send("done", file=discord.File(io.BytesIO(b"\x89PNG..."), "c.png"))

        @self.tree.command(description="Post to a channel")
        async def post(interaction: discord.Interaction, channel: discord.TextChannel, text: str) -> None:
            target = self.get_channel(channel.id)
            assert isinstance(target, discord.TextChannel)
            await target.send(text, allowed_mentions=discord.AllowedMentions.none())
            await interaction.response.send_message("posted", view=Pager())

        @hello.autocomplete("name")
        async def names(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
            return [
                app_commands.Choice(name=n, value=n) for n in ("ann", "andy", "bea") if n.startswith(current)
            ]

    async def setup_hook(self) -> None:
        await self.tree.sync()
        self.synced.set()


class Pager(discord.ui.View):
    @discord.ui.button(label="Next", custom_id="next")
    async def next_page(self, interaction: discord.Interaction, button: discord.ui.Button[Pager]) -> None:
        await interaction.response.edit_message(content="page 2")


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord() as server:
        yield server


@pytest.fixture
async def client(fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[MiniBot]:
    monkeypatch.setattr(discord.http.Route, "BASE", fake.api_url)
    monkeypatch.setattr(discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(fake.gateway_url))
    bot = MiniBot()
    task = asyncio.create_task(bot.start(fake.token))
    try:
        await asyncio.wait_for(bot.wait_until_ready(), 15)
        await asyncio.wait_for(bot.synced.wait(), 5)
        yield bot
    finally:
        await bot.close()
        await asyncio.wait_for(task, 10)


async def test_login_ready_guild_and_sync(fake: FakeDiscord, client: MiniBot) -> None:
    assert client.user is not None and client.user.id == fake.bot.user_id
    guild = client.get_guild(fake.guild.guild_id)
    assert guild is not None and {c.name for c in guild.text_channels} == {"general", "digests", "alerts"}
    assert {c["name"] for c in fake.all_commands()} == {"hello", "slow", "post"}
    identify = fake.gateway.identifies[0]
    assert identify["intents"] & (1 << 0)  # GUILDS
    assert fake.gateway.connections[0].compress == "zlib-stream"
    assert not fake.unhandled


async def test_command_reply_ephemeral_and_autocomplete(fake: FakeDiscord, client: MiniBot) -> None:
    public = await fake.invoke("hello", {"name": "world"})
    assert public.callback_type == 4 and public.reply.content == "Hello world" and not public.ephemeral
    secret = await fake.invoke("hello", {"name": "secret"})
    assert secret.ephemeral and int(secret.callbacks[0]["data"]["flags"]) & EPHEMERAL
    choices = await fake.autocomplete("hello", {"name": "an"}, focused="name")
    assert [c["value"] for c in choices] == ["ann", "andy"]


async def test_defer_then_followup_with_file(fake: FakeDiscord, client: MiniBot) -> None:
    record = await fake.invoke("slow")
    assert record.callback_type == 5
    assert record.reply.content == "done" and record.reply.files[0].filename == "c.png"
    assert record.reply.message["id"] == str(record.original_id)  # replaced the "thinking" message


async def test_channel_post_button_and_faults(fake: FakeDiscord, client: MiniBot) -> None:
    digests = fake.guild.channels[1].channel_id
    fake.inject("POST", "/channels/{channel_id}/messages", Fault.rate_limited(0.2))
    record = await fake.invoke("post", {"channel": digests, "text": "@everyone hi"}, timeout=10)
    posted = fake.channel_posts(digests)
    assert [p.content for p in posted] == ["@everyone hi"]
    assert posted[0].allowed_mentions == {"parse": []}
    calls = fake.calls("POST", "/channels/{channel_id}/messages")
    assert [c.status for c in calls] == [429, 200]
    assert calls[1].at - calls[0].at >= 0.2
    clicked = await fake.click(int(record.reply.message["id"]), "next")
    assert clicked.callback_type == 7 and clicked.reply.content == "page 2"


async def test_resume_after_drop_replays_missed_events(fake: FakeDiscord, client: MiniBot) -> None:
    first = fake.gateway.active
    assert first is not None
    await fake.gateway.drop()
    record = await fake.invoke("hello", {"name": "again"}, timeout=20)
    assert record.reply.content == "Hello again"
    assert fake.gateway.resumes and fake.gateway.resumes[-1]["session_id"] == first.session_id
    assert fake.gateway.connections[-1].path == "/resume/"


async def test_bad_token_is_refused() -> None:
    async with FakeDiscord() as server:
        discord.http.Route.BASE, old = server.api_url, discord.http.Route.BASE
        try:
            client = discord.Client(intents=discord.Intents.default())
            with pytest.raises(discord.LoginFailure):
                await client.login("wrong-token")
            await client.close()
        finally:
            discord.http.Route.BASE = old
