"""Deleting what one server left behind: its settings, deliveries, follows and private feed subscriptions.

Shared history (articles, stories, pressure) stays: it belongs to every server. A private feed nobody
else follows goes with its last subscription (`feeds.unsubscribe`).
"""

from __future__ import annotations

import aiosqlite

from storage import feeds as feed_rows

# Per-server tables other parts add (one row set per guild_id); each is cleared only if it exists.
SERVER_TABLES = ("follows", "guild_feed_languages", "guild_feed_choices")


async def _table_has_guild_id(db: aiosqlite.Connection, table: str) -> bool:
    async with db.execute("SELECT name FROM pragma_table_info(?)", (table,)) as cursor:
        return any(str(row[0]) == "guild_id" for row in await cursor.fetchall())


async def forget_server(db: aiosqlite.Connection, guild_id: int) -> None:
    """Delete the server's own rows (run inside the caller's write transaction)."""
    async with db.execute("SELECT feed_id FROM feed_subscriptions WHERE guild_id = ?", (guild_id,)) as cursor:
        feed_ids = [int(row[0]) for row in await cursor.fetchall()]
    for feed_id in feed_ids:
        await feed_rows.unsubscribe(db, feed_id, guild_id)
    for table in SERVER_TABLES:
        if await _table_has_guild_id(db, table):
            await db.execute(f"DELETE FROM {table} WHERE guild_id = ?", (guild_id,))
    await db.execute("DELETE FROM deliveries WHERE guild_id = ?", (guild_id,))
    await db.execute("DELETE FROM guilds WHERE guild_id = ?", (guild_id,))
