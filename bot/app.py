"""The Discord front end: `HotseatBot` (discord.py's advanced-startup shape) and `run_discord`.

The bot takes its dependencies in the constructor, loads each cog in its own try/except in
`setup_hook`, answers every app-command error ephemerally through `HotseatTree.on_error`, and starts
the background loops (feed polling, match refresh, digests/alerts) after `wait_until_ready`, each
restarted with a delay when it fails. Commands are synced at start when they changed since the last
sync (a hash in the store, bot/command_sync.py), always when `HOTSEAT_SYNC_COMMANDS` is true, and when
the owner runs `/sync` (to `HOTSEAT_DEV_GUILD_ID` only when that is set: instant, for development).
With `--role bot` it does not poll: pollers in other processes do (bot/cluster.py), and it watches the
database for their stories. Every process writes a heartbeat for `hotseat health` (bot/health.py).
Names, descriptions and replies are translated from the catalogues in bot/i18n.
Intents: `guilds` only (no privileged intents). Invite scopes: `bot applications.commands`; permissions:
View Channel, Send Messages, Embed Links, Attach Files, Read Message History (integer 117760). The bot
logs its invite URL when it connects.

Test endpoints (test-only settings; what a fake Discord must serve):
- `HOTSEAT_DISCORD_API_URL` (e.g. `http://127.0.0.1:PORT/api/v10`) replaces discord.py's REST base
  (`discord.http.Route.BASE`), which every REST call — webhooks and interaction callbacks included —
  is built from. Routes used: `GET /users/@me` (login), `GET /oauth2/applications/@me` (application
  id), `PUT /applications/{app}/commands` and `PUT /applications/{app}/guilds/{guild}/commands` (sync),
  `POST /interactions/{id}/{token}/callback` (multipart when a file is attached, e.g. /manager's PNG),
  `POST|PATCH|GET /webhooks/{app}/{token}[/messages/@original|/{id}]` (follow-ups after defer),
  `POST /channels/{id}/messages` (digests, alerts; sent with `nonce` + `enforce_nonce`), and
  `GET /channels/{id}/messages?limit=50` (only when finishing a post interrupted by a crash).
  Responses should carry the usual rate-limit headers; 429 with `retry_after` is honoured by
  discord.py, 5xx is retried by discord.py up to 5 times before the digest loop retries next tick.
- `HOTSEAT_DISCORD_GATEWAY_URL` (e.g. `ws://127.0.0.1:PORT/`) replaces
  `discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY`. The bot is an `AutoShardedBot`: given
  `--shard-count` it connects each of its shards to DEFAULT_GATEWAY; without it, it first asks
  `GET /gateway/bot` for the shard count and gateway URL. It connects with
  `?v=10&encoding=json&compress=zlib-stream` and IDENTIFYs with `shard: [id, count]`, so the
  fake must speak zlib-stream transport compression (one zlib context per connection, each message
  ending with the Z_SYNC_FLUSH suffix 00 00 ff ff). After READY it reconnects/resumes at READY's
  `resume_gateway_url`, and falls back to DEFAULT_GATEWAY after an INVALID_SESSION.
  The bot IDENTIFYs with intents = GUILDS (1) and expects GUILD_CREATE for each guild of that shard
  (`(guild_id >> 22) % count == id`) listed in READY.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import time
from collections.abc import Awaitable
from datetime import timedelta
from typing import Any

import discord
import yarl
from discord import app_commands
from discord.ext import commands
from discord.gateway import DiscordWebSocket

from bot import loops, metrics
from bot.cluster import Role, poller_loops, watch_stories
from bot.command_sync import CommandSync
from bot.config import Settings
from bot.departures import Departures
from bot.digest import Alert, DeliverySink, Digest
from bot.errors import UserError
from bot.health import Heartbeat
from bot.i18n import N_, Texts, for_interaction, texts
from bot.i18n.translator import CatalogueTranslator
from bot.loops import LoopFactory, keep_running
from bot.service import Service
from storage import StoreWriteError
from storage.store import is_damage

log = logging.getLogger(__name__)

COGS = ("cogs.rumours", "cogs.table", "cogs.digests", "cogs.follows", "cogs.feeds", "cogs.admin")
DEFAULT_REST_BASE = "https://discord.com/api/v10"
DEFAULT_GATEWAY = yarl.URL("wss://gateway.discord.gg/")
GENERIC_ERROR = N_("Something went wrong on my side (it has been logged). Please try again in a minute.")


def use_endpoints(settings: Settings) -> None:
    """Point discord.py at the configured REST base and gateway (Discord's own when unset)."""
    discord.http.Route.BASE = (settings.discord_api_url or DEFAULT_REST_BASE).rstrip("/")
    gateway = yarl.URL(settings.discord_gateway_url) if settings.discord_gateway_url else DEFAULT_GATEWAY
    DiscordWebSocket.DEFAULT_GATEWAY = gateway


INVITE_PERMISSIONS = discord.Permissions(
    view_channel=True, send_messages=True, embed_links=True, attach_files=True, read_message_history=True
)


def invite_url(application_id: int) -> str:
    """The URL an admin opens to add the bot with exactly the permissions it uses."""
    return discord.utils.oauth_url(
        application_id, permissions=INVITE_PERMISSIONS, scopes=("bot", "applications.commands")
    )


def error_message(error: Exception, _: Texts | None = None) -> str | None:
    """The friendly text for an app-command error; None means unexpected (log it, say sorry)."""
    _ = _ or texts(None)
    original = error.original if isinstance(error, app_commands.CommandInvokeError) else error
    if isinstance(original, UserError):
        return _(original.template, **original.values)
    if isinstance(original, StoreWriteError):
        log.warning("a command could not write: %s", original)  # the operator's detail; users get the gist
        return _("I could not save that just now: my storage can't write for the moment. Try again later.")
    if is_damage(original):
        log.error("a command met a damaged store: %s", original)
        return _(
            "My storage is damaged, so I can't answer. The bot's operator has to restore it; nothing you did."
        )
    if isinstance(error, app_commands.MissingPermissions):
        return _("You need the **Manage Server** permission to change Hotseat's settings here.")
    if isinstance(error, app_commands.NoPrivateMessage):
        return _("That command only works inside a server.")
    if isinstance(error, app_commands.CommandOnCooldown):
        again = discord.utils.utcnow() + timedelta(seconds=max(1.0, error.retry_after))
        return _(
            "That one takes some work: you can run it again {when}.", when=discord.utils.format_dt(again, "R")
        )
    if isinstance(error, app_commands.TransformerError):
        if error.type is discord.AppCommandOptionType.channel:
            return _(
                "I can't see that channel: pick a text channel I can view, or give me View Channel there."
            )
        return _("'{value}' is not a valid value for that option.", value=error.value)
    if isinstance(error, app_commands.CheckFailure):
        return _("You can't use that command here.")
    if isinstance(error, app_commands.CommandNotFound | app_commands.CommandSignatureMismatch):
        return _("That command has just been updated: wait a minute and try it again.")
    return None


async def send_ephemeral(interaction: discord.Interaction[Any], message: str) -> None:
    """Answer only the caller: a follow-up if the interaction was already answered or deferred."""
    try:
        if interaction.response.is_done():
            await interaction.followup.send(
                message, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
            )
        else:
            await interaction.response.send_message(
                message, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
            )
    except discord.HTTPException:
        log.warning("could not deliver an error message to interaction %s", interaction.id)


STARTED = "hotseat_started"  # interaction.extras key: when the command arrived (perf_counter)


def observe_command(interaction: discord.Interaction[Any]) -> None:
    """Record a finished command's latency once (on success or error) in `hotseat_command_seconds`."""
    started = interaction.extras.pop(STARTED, None)
    if started is None or interaction.type is not discord.InteractionType.application_command:
        return
    name = interaction.command.qualified_name if interaction.command else "?"
    metrics.COMMAND_SECONDS.labels(name).observe(time.perf_counter() - started)


class HotseatTree(app_commands.CommandTree["HotseatBot"]):
    """One error handler for every app command: friendly and ephemeral, never a traceback."""

    async def interaction_check(self, interaction: discord.Interaction[HotseatBot], /) -> bool:
        interaction.extras[STARTED] = time.perf_counter()
        return True

    async def on_error(
        self, interaction: discord.Interaction[HotseatBot], error: app_commands.AppCommandError, /
    ) -> None:
        observe_command(interaction)
        _ = for_interaction(interaction)
        message = error_message(error, _)
        if message is None:
            command = interaction.command.qualified_name if interaction.command else "?"
            log.error("command /%s failed", command, exc_info=error)
            message = _(GENERIC_ERROR)
        if interaction.type is discord.InteractionType.autocomplete:
            return
        await send_ephemeral(interaction, message)


class MeteredSink:
    """Counts each digest and alert post as posted or failed (`hotseat_deliveries`), then passes on."""

    def __init__(self, inner: DeliverySink) -> None:
        self.inner = inner

    async def post_digest(self, guild_id: int, channel_id: int, digest: Digest) -> int | None:
        return await _counted("digest", self.inner.post_digest(guild_id, channel_id, digest))

    async def post_alert(self, guild_id: int, channel_id: int, alert: Alert) -> int | None:
        return await _counted("alert", self.inner.post_alert(guild_id, channel_id, alert))


async def _counted(kind: str, post: Awaitable[int | None]) -> int | None:
    """Await one post and count it as posted or failed; the failure still reaches the caller."""
    try:
        message_id = await post
    except Exception:
        metrics.record_delivery(kind, posted=False)
        raise
    metrics.record_delivery(kind, posted=True)
    return message_id


def shard_of(guild_id: int, shard_count: int) -> int:
    """The shard Discord sends a server's events to (its documented sharding formula)."""
    return (guild_id >> 22) % shard_count


class HotseatBot(commands.AutoShardedBot):
    """The bot: settings and the shared service come in; cogs only ask the service.

    Sharded by discord.py: with `shard_ids` and `shard_count` it runs one cluster of shards (other
    processes run the rest under the same token); with neither it asks Discord how many shards to run
    and runs them all. Digests and alerts go out only for servers of this process's shards.
    """

    def __init__(
        self,
        settings: Settings,
        service: Service,
        *,
        shard_ids: list[int] | None = None,
        shard_count: int | None = None,
        role: Role = "all",
    ) -> None:
        intents = discord.Intents.none()
        intents.guilds = True
        sharding: dict[str, Any] = {}
        if shard_ids is not None:
            sharding["shard_ids"] = shard_ids
        if shard_count is not None:
            sharding["shard_count"] = shard_count
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            tree_cls=HotseatTree,
            help_command=None,
            allowed_mentions=discord.AllowedMentions.none(),
            **sharding,
        )
        service.digests.owns = self.owns
        self.role = role
        self.settings = settings
        self.service = service
        self.failed_cogs: list[str] = []
        self._loops: list[asyncio.Task[None]] = []
        self.departures = Departures(service.store)
        self.command_sync = CommandSync(self.tree, service.store, settings.dev_guild_id)

    def gateway_connected(self) -> bool:
        """Ready, and every shard of this process has a live gateway connection."""
        if not self.is_ready() or self.is_closed():
            return False
        return all(not shard.is_closed() for shard in self.shards.values())

    def owns(self, guild_id: int) -> bool:
        """True when this process holds the shard of `guild_id` (always, when it runs every shard)."""
        if self.shard_ids is None or self.shard_count is None:
            return True
        return shard_of(guild_id, self.shard_count) in self.shard_ids

    async def setup_hook(self) -> None:
        await self.tree.set_translator(CatalogueTranslator())
        await self.load_cogs()
        try:
            if self.settings.sync_commands:
                await self.command_sync.sync()
            else:
                await self.command_sync.sync_if_changed()
        except discord.HTTPException:
            log.exception("could not sync the slash commands; the owner can retry with /sync")
        from cogs._sink import DiscordSink

        sink = MeteredSink(DiscordSink(self))
        if self.role == "all":
            for name, factory in poller_loops(self.service).items():
                self.start_loop(name, factory)
        else:  # the pollers record stories in other processes: watch the database for them
            self.start_loop("story watch", lambda: watch_stories(self.service))
        self.start_loop("digests", lambda: self.service.digests.run_forever(sink))
        self.start_loop("departures", self.departures.run_forever)
        heartbeat = Heartbeat(
            self.service.store,
            self.settings,
            self.role,
            gateway=self.gateway_connected,
            last_poll=lambda: self.service.news.last_poll_at,
        )
        self._loops.append(loops.start("heartbeat", heartbeat.run_forever))

    async def load_cogs(self) -> None:
        """Load each cog on its own, so one broken cog does not take the bot down."""
        for name in COGS:
            try:
                await self.load_extension(name)
            except Exception:
                self.failed_cogs.append(name)
                log.exception("cog %s failed to load; the other commands still work", name)

    async def sync_commands(self) -> list[app_commands.AppCommand]:
        """Publish the slash commands now: to the dev server only when one is configured (instant)."""
        return await self.command_sync.sync()

    def start_loop(self, name: str, factory: LoopFactory) -> None:
        self._loops.append(loops.watch(asyncio.create_task(self._keep_running(name, factory), name=name)))

    async def _keep_running(self, name: str, factory: LoopFactory) -> None:
        """Run a background loop once the bot is ready (it may post to channels)."""
        await self.wait_until_ready()
        await keep_running(name, factory)

    async def close(self) -> None:
        for task in self._loops:
            task.cancel()
        await asyncio.gather(*self._loops, return_exceptions=True)
        self._loops.clear()
        await super().close()

    async def on_app_command_completion(
        self, interaction: discord.Interaction[HotseatBot], command: object
    ) -> None:
        observe_command(interaction)

    async def on_ready(self) -> None:
        log.info("connected as %s to %d servers", self.user, len(self.guilds))
        await self.departures.present([guild.id for guild in self.guilds])
        if self.application_id:
            log.info("invite: %s", invite_url(self.application_id))


async def run_discord(
    settings: Settings,
    service: Service,
    *,
    shard_ids: list[int] | None = None,
    shard_count: int | None = None,
    role: Role = "all",
) -> None:
    """Run the bot until SIGINT/SIGTERM or disconnect; the caller then closes the service."""
    if settings.discord_token is None:
        raise UserError("DISCORD_TOKEN is not set: set it, or run without it for console mode.")
    use_endpoints(settings)
    bot = HotseatBot(settings, service, shard_ids=shard_ids, shard_count=shard_count, role=role)
    loop = asyncio.get_running_loop()
    installed: list[signal.Signals] = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, lambda: asyncio.ensure_future(bot.close()))
            installed.append(sig)
    try:
        async with bot:
            await bot.start(settings.discord_token.get_secret_value())
    except discord.LoginFailure:
        raise UserError("Discord refused the token: check DISCORD_TOKEN (Bot tab of the app).") from None
    finally:
        for sig in installed:
            loop.remove_signal_handler(sig)
