"""Publishing the slash commands only when they changed: a hash of the synced payload is kept in the store.

At start the bot builds the exact JSON discord.py would send (with every translation), hashes it with
where it goes (the dev server or global), and syncs only when that hash differs from the last sync's.
Operators never need a special variable and a restart after an update; `HOTSEAT_SYNC_COMMANDS=true`
still forces a sync, and the owner's `/sync` does the same at any time.
"""

from __future__ import annotations

import hashlib
import json
import logging
from typing import Any

import discord
from discord import app_commands

from storage import Store, bot_state

log = logging.getLogger(__name__)


def target_key(guild_id: int | None) -> str:
    return f"commands_hash:{guild_id}" if guild_id else "commands_hash:global"


async def tree_payload(tree: app_commands.CommandTree[Any], guild: discord.Object | None) -> list[Any]:
    """What `tree.sync(guild=...)` sends, translations included (discord.py builds it the same way)."""
    commands = tree._get_all_commands(guild=guild)
    translator = tree.translator
    if translator is None:
        return [command.to_dict(tree) for command in commands]
    return [await command.get_translated_payload(tree, translator) for command in commands]


async def tree_hash(tree: app_commands.CommandTree[Any], guild: discord.Object | None) -> str:
    payload = await tree_payload(tree, guild)
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class CommandSync:
    """Syncs `tree` to one target (a dev server, or global) and remembers what it synced."""

    def __init__(self, tree: app_commands.CommandTree[Any], store: Store, guild_id: int | None) -> None:
        self.tree = tree
        self.store = store
        self.guild = discord.Object(id=guild_id) if guild_id else None

    async def sync(self) -> list[app_commands.AppCommand]:
        """Publish now, whatever the stored hash says, and store the new one."""
        if self.guild is not None:
            self.tree.copy_global_to(guild=self.guild)
        synced = await self.tree.sync(guild=self.guild)
        digest = await tree_hash(self.tree, self.guild)
        async with self.store.transaction() as db:
            await bot_state.put(db, target_key(self.guild.id if self.guild else None), digest)
        log.info("synced %d commands", len(synced))
        return synced

    async def changed(self) -> bool:
        if self.guild is not None:
            self.tree.copy_global_to(guild=self.guild)
        digest = await tree_hash(self.tree, self.guild)
        async with self.store.read() as db:
            stored = await bot_state.get(db, target_key(self.guild.id if self.guild else None))
        return stored != digest

    async def sync_if_changed(self) -> bool:
        """Sync when the commands differ from the last sync; True when a sync was made."""
        if not await self.changed():
            log.info("slash commands unchanged since the last sync")
            return False
        await self.sync()
        return True
