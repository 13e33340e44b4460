"""App wiring: test endpoints, error wording, cog loading, background loops that survive failures."""

from __future__ import annotations

import asyncio

import discord
import pytest
import yarl
from aiohttp import web
from discord import app_commands
from discord.gateway import DiscordWebSocket
from pydantic import SecretStr

from bot.app import GENERIC_ERROR, error_message, invite_url, run_discord, use_endpoints
from bot.config import Settings, load_settings
from bot.errors import UserError
from bot.service import Service

from .conftest import Harness


def test_test_endpoints_point_rest_and_gateway_at_the_fake(settings: Settings) -> None:
    fake = settings.model_copy(
        update={"discord_api_url": "http://127.0.0.1:9/api/v10/", "discord_gateway_url": "ws://127.0.0.1:9/"}
    )
    try:
        use_endpoints(fake)
        assert discord.http.Route.BASE == "http://127.0.0.1:9/api/v10"
        assert discord.http.Route("GET", "/users/@me").url == "http://127.0.0.1:9/api/v10/users/@me"
        assert yarl.URL("ws://127.0.0.1:9/") == DiscordWebSocket.DEFAULT_GATEWAY
    finally:
        use_endpoints(settings)
    assert discord.http.Route.BASE == "https://discord.com/api/v10"
    assert yarl.URL("wss://gateway.discord.gg/") == DiscordWebSocket.DEFAULT_GATEWAY


def test_error_wording() -> None:
    wrapped = app_commands.CommandInvokeError.__new__(app_commands.CommandInvokeError)
    wrapped.original = UserError("No club called 'X'.")
    assert error_message(wrapped) == "No club called 'X'."
    assert "Manage Server" in (error_message(app_commands.MissingPermissions(["manage_guild"])) or "")
    assert error_message(RuntimeError("boom")) is None


async def test_unexpected_errors_get_a_generic_ephemeral_reply(
    harness: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("database exploded at line 42")

    monkeypatch.setattr(harness.service, "about", broken)
    calls = await harness.invoke("about")
    assert calls[0].ephemeral and calls[0].text == GENERIC_ERROR
    assert "line 42" not in calls[0].text
    # The reply says the error was logged: it must have been, with its traceback.
    assert "logged" in calls[0].text
    logged = [r for r in caplog.records if r.exc_info and "database exploded" in str(r.exc_info[1])]
    assert logged, "the unexpected error was not logged"


async def test_every_cog_loads_and_registers_the_commands(harness: Harness) -> None:
    names = {command.name for command in harness.bot.tree.get_commands()}
    assert names == {
        "gap",
        "table",
        "successor",
        "hotseat",
        "manager",
        "digest",
        "follow",
        "alerts",
        "feeds",
        "about",
        "help",
        "sync",
        "registry",
    }
    digest = harness.bot.tree.get_command("digest")
    assert isinstance(digest, app_commands.Group)
    assert digest.default_permissions == discord.Permissions(manage_guild=True)
    assert digest.guild_only


async def test_a_failing_background_loop_is_restarted(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bot.loops.RETRY_SECONDS", 0.01)
    runs = 0
    done = asyncio.Event()

    async def flaky() -> None:
        nonlocal runs
        runs += 1
        if runs < 3:
            raise RuntimeError("feed host down")
        done.set()

    harness.bot._ready.set()  # as if READY had arrived
    harness.bot.start_loop("flaky", flaky)
    await asyncio.wait_for(done.wait(), timeout=5)
    assert runs == 3


async def test_run_without_a_token_is_a_clear_error(settings: Settings, service: Service) -> None:
    with pytest.raises(UserError, match="DISCORD_TOKEN"):
        await run_discord(settings, service)


def test_blank_token_means_console_mode() -> None:
    assert load_settings(DISCORD_TOKEN="   ", HOTSEAT_DEFAULT_FEEDS=False).console_mode


async def test_a_refused_token_is_a_clear_error(settings: Settings, service: Service) -> None:
    """Discord (here a loopback stand-in) answers 401 to login: one friendly line, no traceback."""

    async def unauthorized(request: web.Request) -> web.Response:
        return web.json_response({"message": "401: Unauthorized", "code": 0}, status=401)

    app = web.Application()
    app.router.add_get("/api/v10/users/@me", unauthorized)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    refused = settings.model_copy(
        update={
            "discord_token": SecretStr("not-a-token"),
            "discord_api_url": f"http://127.0.0.1:{port}/api/v10",
            "discord_gateway_url": f"ws://127.0.0.1:{port}/",
        }
    )
    try:
        with pytest.raises(UserError, match="refused the token"):
            await asyncio.wait_for(run_discord(refused, service), timeout=20)
    finally:
        use_endpoints(settings)
        await runner.cleanup()


async def test_channel_options_offer_only_text_channels(harness: Harness) -> None:
    tree = harness.bot.tree
    schemas = [command.to_dict(tree) for command in tree.get_commands()]

    def channel_types(node: object) -> list[list[int]]:
        found: list[list[int]] = []
        if isinstance(node, dict):
            if node.get("type") == 7:
                found.append(node.get("channel_types", []))
            for value in node.values():
                found += channel_types(value)
        elif isinstance(node, list):
            for value in node:
                found += channel_types(value)
        return found

    # /digest setup, /alerts set, and /follow club|manager|league
    assert channel_types(schemas) == [[0, 5]] * 5


def test_invite_url_asks_for_what_the_bot_uses() -> None:
    url = invite_url(123)
    assert "client_id=123" in url and "permissions=117760" in url
    assert "scope=bot+applications.commands" in url
