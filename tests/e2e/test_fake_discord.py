"""The fake's own tests: a minimal real discord.py client logs in, syncs, and answers an interaction."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator

import aiohttp
import discord
import pytest
import yarl
from discord import app_commands

from tests.e2e.fake_discord import EPHEMERAL, FakeDiscord, Fault


class MiniBot(discord.Client):
    """The smallest client that uses every path the fake serves."""

    def __init__(self) -> None:
        super().__init__(intents=discord.Intents.default(), guild_ready_timeout=0.2)
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


async def test_discord_limits_are_enforced(fake: FakeDiscord, client: MiniBot) -> None:
    channel = client.get_channel(fake.guild.channels[0].channel_id)
    assert isinstance(channel, discord.TextChannel)
    with pytest.raises(discord.HTTPException) as too_long:
        await channel.send(embed=discord.Embed(description="x" * 4097))
    assert too_long.value.status == 400 and too_long.value.code == 50035
    with pytest.raises(discord.HTTPException) as too_big:
        await channel.send(embeds=[discord.Embed(description="y" * 4000) for _ in range(2)])
    assert too_big.value.code == 50035  # 8000 characters across embeds > 6000
    with pytest.raises(discord.HTTPException) as empty:
        await channel.send()
    assert empty.value.code == 50006
    assert not fake.channel_posts()


async def test_nonce_enforced_returns_the_first_message(fake: FakeDiscord, client: MiniBot) -> None:
    channel = client.get_channel(fake.guild.channels[0].channel_id)
    assert isinstance(channel, discord.TextChannel)
    first = await channel.send("digest part 1", nonce="digest:2026-11-24:1")
    again = await channel.send("digest part 1", nonce="digest:2026-11-24:1")
    assert first.id == again.id and fake.nonce_hits == 1
    assert len(fake.channel_posts()) == 1
    history = [m async for m in channel.history(limit=10)]
    assert [m.id for m in history] == [first.id]
    with pytest.raises(discord.HTTPException) as long_nonce:
        await channel.send("x", nonce="n" * 26)
    assert long_nonce.value.code == 50035


async def test_late_or_repeated_interaction_answers_are_refused(fake: FakeDiscord, client: MiniBot) -> None:
    fake.interaction_deadline = 0.0  # every callback is "too late", as after Discord's 3 seconds
    late = await fake.invoke("hello", {"name": "late"})
    assert late.rejected and late.rejected[0][1]["code"] == 10062 and not late.callbacks
    fake.interaction_deadline = 3.0
    ok = await fake.invoke("hello", {"name": "ok"})
    assert ok.callback_type == 4 and not ok.rejected


async def test_invocations_are_checked_against_the_registered_schema(
    fake: FakeDiscord, client: MiniBot
) -> None:
    with pytest.raises(AssertionError, match="required option"):
        await fake.invoke("hello")
    with pytest.raises(AssertionError, match="unknown options"):
        await fake.invoke("hello", {"name": "x", "shout": True})
    with pytest.raises(AssertionError, match="not registered"):
        await fake.invoke("nope")


async def test_unserved_routes_are_recorded(fake: FakeDiscord, client: MiniBot) -> None:
    with pytest.raises(discord.NotFound):
        await client.fetch_invite("abc")
    assert fake.unhandled and "/invites/abc" in fake.unhandled[0]
    fake.unhandled.clear()


async def test_privileged_intents_are_refused(fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(discord.http.Route, "BASE", fake.api_url)
    monkeypatch.setattr(discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(fake.gateway_url))
    greedy = discord.Client(intents=discord.Intents.all())
    with pytest.raises(discord.PrivilegedIntentsRequired):
        await asyncio.wait_for(greedy.start(fake.token), 15)
    await greedy.close()
    assert 4014 in fake.gateway.close_codes_sent


async def test_retrying_before_retry_after_is_limited_again(fake: FakeDiscord) -> None:
    channel = fake.guild.channels[0].channel_id
    fake.inject("POST", "/channels/{channel_id}/messages", Fault.rate_limited(1.0))
    url = f"{fake.api_url}/channels/{channel}/messages"
    headers = {"Authorization": f"Bot {fake.token}"}
    async with aiohttp.ClientSession() as session:
        statuses = []
        for _ in range(2):
            async with session.post(url, json={"content": "hi"}, headers=headers) as response:
                statuses.append(response.status)
                assert response.headers["Via"] and "X-RateLimit-Bucket" in response.headers
                body = await response.json()
        assert statuses == [429, 429] and 0 < body["retry_after"] <= 1.0
    assert fake.early_retries == 1 and not fake.channel_posts()
