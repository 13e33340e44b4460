"""Per-server Discord settings kept in `bot_state` (migration 007): the language of the server's digest
and alerts (unset: the server's own Discord locale) and whether each story's alerts get a thread.

They live beside the Discord front end's other state rather than in `guilds`, so the server's schedule
and these presentation choices can change independently; `forget` runs when a server is purged.
"""

from __future__ import annotations

import aiosqlite

from storage import bot_state

LANGUAGE = "language:"
THREADS = "threads:"


async def language(db: aiosqlite.Connection, guild_id: int) -> str | None:
    return await bot_state.get(db, f"{LANGUAGE}{guild_id}")


async def set_language(db: aiosqlite.Connection, guild_id: int, lang: str | None) -> None:
    if lang is None:
        await bot_state.delete(db, f"{LANGUAGE}{guild_id}")
    else:
        await bot_state.put(db, f"{LANGUAGE}{guild_id}", lang)


async def story_threads(db: aiosqlite.Connection, guild_id: int) -> bool:
    return await bot_state.get(db, f"{THREADS}{guild_id}") == "on"


async def set_story_threads(db: aiosqlite.Connection, guild_id: int, on: bool) -> None:
    if on:
        await bot_state.put(db, f"{THREADS}{guild_id}", "on")
    else:
        await bot_state.delete(db, f"{THREADS}{guild_id}")


async def forget(db: aiosqlite.Connection, guild_id: int) -> None:
    for prefix in (LANGUAGE, THREADS):
        await bot_state.delete(db, f"{prefix}{guild_id}")
