"""Which feeds there are and who sees them: bundled defaults, feeds admins add or remove, the bundled
feeds a server switches off for itself, and another try for a feed disabled after failures.

Polling is bot/news/service.py's job; this part only edits the feed rows and per-server choices
(storage/feeds.py, storage/feed_choices.py). Switching a shared feed off in one server never stops
it for the others: it filters that server's digests and alerts (bot/digest/service.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import aiosqlite
import httpx

from bot.config import Settings
from bot.errors import UserError
from bot.news.addresses import AddressRefused, resolve_checked
from bot.news.defaults import default_feeds, outlet_for
from bot.news.reports import FeedStatus, SwitchReport
from bot.news.urls import host_of, validate_feed_url
from storage import Store, feed_choices, feeds
from storage.feeds import FeedRow


@dataclass(frozen=True, slots=True)
class FeedHealth:
    total: int
    healthy: int
    disabled: int


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def placeholder_outlet(url: str) -> str:
    """A custom feed's label until its own title is known: its host."""
    return host_of(url).removeprefix("www.")


def bundled_languages() -> tuple[str, ...]:
    """The languages of the bundled feeds, in the order the bundle lists them."""
    return tuple(dict.fromkeys(feed.language for feed in default_feeds()))


class FeedManager:
    """The feed list and each server's view of it; NewsService polls what this keeps."""

    store: Store
    settings: Settings

    async def ensure_default_feeds(self) -> None:
        """Insert the bundled default feeds (when enabled) without touching their polling state."""
        if not self.settings.default_feeds:
            return
        moment = now()
        async with self.store.transaction() as db:
            for feed in default_feeds():
                await feeds.upsert_default(db, feed.url, feed.outlet, feed.language, moment)

    async def health(self) -> FeedHealth:
        async with self.store.read() as db:
            total, healthy, disabled = await feeds.health(db)
        return FeedHealth(total, healthy, disabled)

    async def add_feed(self, url: str, guild_id: int | None, added_by: int | None = None) -> FeedStatus:
        """Add a custom feed after checking its address; an existing row is shared, not duplicated."""
        clean = validate_feed_url(url)
        target = httpx.URL(clean)
        try:
            await resolve_checked(target.host, target.port or 0, self.settings.allow_private_feeds)
        except AddressRefused as exc:
            raise UserError("That feed cannot be added: {reason}.", reason=exc.reason) from None
        outlet = outlet_for(clean) or placeholder_outlet(clean)
        async with self.store.transaction() as db:
            feed, _ = await feeds.add_custom(db, clean, outlet, guild_id, added_by, now())
            if feed.disabled_reason:
                await feeds.enable(db, feed.id)
                feed = await feeds.by_id(db, feed.id) or feed
        return FeedStatus.from_row(feed)

    async def remove_feed(self, url_or_id: str, guild_id: int | None) -> bool:
        """Stop following a custom feed; default feeds cannot be removed (they are shared)."""
        async with self.store.transaction() as db:
            feed = await _lookup(db, url_or_id)
            if feed is None:
                return False
            if feed.is_default:
                raise UserError(
                    "That is one of the shared default feeds; it cannot be removed. "
                    "Switch it off for this server with /feeds bundled instead."
                )
            return await feeds.unsubscribe(db, feed.id, guild_id)

    async def list_feeds(self, guild_id: int | None, *, every: bool = False) -> list[FeedStatus]:
        """The feeds whose news reaches a server (every feed with `every`, or with no server), each
        with why it is there and whether the server switched it off."""
        async with self.store.read() as db:
            rows = await feeds.visible_to(db, None if every else guild_id)
            if guild_id is None:
                return [FeedStatus.from_row(row) for row in rows]
            own = await feed_choices.subscriptions(db, guild_id)
            off = await feed_choices.switched_off(db, guild_id)
        return [FeedStatus.from_row(row, added=own.get(row.id), off_here=off.get(row.id)) for row in rows]

    async def switch_bundled(
        self,
        guild_id: int,
        on: bool,
        *,
        language: str | None = None,
        feed: str | None = None,
        by: int | None = None,
    ) -> SwitchReport:
        """Switch a language's bundled feeds, or one shared feed, on or off for one server only."""
        if (language is None) == (feed is None):
            raise UserError(
                "Name either a language or one feed, e.g. /feeds bundled enabled:False language:es."
            )
        async with self.store.transaction() as db:
            if language is not None:
                code = language.strip().lower()
                if code not in bundled_languages():
                    raise UserError(
                        "There are no bundled feeds in '{language}': pick one of {known}.",
                        language=language[:20],
                        known=", ".join(bundled_languages()),
                    )
                ids = await feed_choices.set_language(db, guild_id, code, on, by, now())
            else:
                row = await self._shared_feed(db, guild_id, feed or "")
                languages = await feed_choices.languages_off(db, guild_id)
                language_off = row.is_default and row.language in languages
                await feed_choices.set_feed(db, guild_id, row.id, language_off, on, by, now())
                ids, code = [row.id], None
        listed = await self.list_feeds(guild_id)
        return SwitchReport(on, code, tuple(status for status in listed if status.id in ids))

    async def _shared_feed(self, db: aiosqlite.Connection, guild_id: int, key: str) -> FeedRow:
        row = await _lookup(db, key)
        if row is None or not (row.is_default or row.shared or await _follows(db, guild_id, row.id)):
            raise UserError("This server has no feed '{feed}': see /feeds list.", feed=key[:100])
        if not (row.is_default or row.shared):
            raise UserError("That is this server's own feed: remove it with /feeds remove instead.")
        return row

    async def retry_feed(self, guild_id: int | None, key: str) -> FeedStatus:
        """Give a feed disabled after repeated failures another try (it is due at once). The feed is
        shared by everyone who reads it, so it comes back for all of them; failing again disables it
        again after the same number of failures."""
        async with self.store.transaction() as db:
            row = await _lookup(db, key)
            if row is not None and guild_id is not None and not (row.is_default or row.shared):
                row = row if await _follows(db, guild_id, row.id) else None
            if row is None:
                raise UserError("This server has no feed '{feed}': see /feeds list.", feed=key[:100])
            if not row.disabled_reason:
                raise UserError("'{feed}' is not disabled: there is nothing to retry.", feed=row.outlet)
            await feeds.enable(db, row.id)
        statuses = await self.list_feeds(guild_id, every=guild_id is None)
        return next(status for status in statuses if status.id == row.id)


async def _lookup(db: aiosqlite.Connection, key: str) -> FeedRow | None:
    """A feed by its id (`12` or `#12`) or its address."""
    key = key.strip().lstrip("#")
    is_id = key.isascii() and key.isdigit() and len(key) <= 18  # fits SQLite's 64-bit integers
    if is_id:
        return await feeds.by_id(db, int(key))
    try:
        return await feeds.by_url(db, validate_feed_url(key))
    except UserError:
        return None


async def _follows(db: aiosqlite.Connection, guild_id: int, feed_id: int) -> bool:
    return feed_id in await feed_choices.subscriptions(db, guild_id)
