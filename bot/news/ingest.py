"""Dedupe and store parsed items in one transaction: canonical URL, GUID per feed, content hash.

The same article seen again is not stored again; a changed headline (same GUID or URL, same feed)
updates the row instead of adding one. Look-ups are done in bulk so a feed costs a few round trips.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import quote

import aiosqlite

from bot.models import StoredArticle
from bot.news.clean import settle_date
from bot.news.parse import ParsedItem
from bot.news.urls import canonical_url, clean_link
from storage import articles


@dataclass(frozen=True, slots=True)
class Source:
    """Where a batch came from: the feed row (None for offline replays) and what to label it."""

    feed_id: int | None
    outlet: str
    language: str
    first_poll: bool
    lang: str | None = None  # what the feed declares (bot.analysis.language.declared_language)


@dataclass(slots=True)
class StoreResult:
    new: list[StoredArticle] = field(default_factory=list)
    updated: int = 0
    duplicates: int = 0


def content_hash(title: str, summary: str) -> str:
    """Same words → same hash, whatever the URL; case and spacing do not count."""
    text = " ".join(title.casefold().split()) + "\n" + " ".join(summary.casefold().split())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class Keyed:
    """One item with its dedupe keys."""

    item: ParsedItem
    url: str
    canonical: str
    guid: str | None
    hash: str


def _urn_part(text: str) -> str:
    """A GUID as printable ASCII for a linkless item's key (it is stored, and shown, as its URL)."""
    return quote(text[:500], safe=":/@!$&'()*+,;=-._~")


def key_items(feed_id: int | None, items: Sequence[ParsedItem]) -> tuple[list[Keyed], int]:
    """Key every item and drop repeats inside the batch itself; returns (unique, repeats).

    Pure CPU work: the poller runs it in the parse worker thread, off the event loop.
    """
    seen_urls: set[str] = set()
    seen_guids: set[str] = set()
    seen_hashes: set[str] = set()
    unique: list[Keyed] = []
    for item in items:
        digest = content_hash(item.title, item.summary)
        # Links are normalised here, before anything stores or shows them: an item whose link cannot
        # be made a valid http(s) URL is kept without one (keyed by GUID or content instead).
        url = clean_link(item.link) if item.link else ""
        if not url and item.guid and item.guid.startswith("http"):
            url = clean_link(item.guid)
        canonical = canonical_url(url) if url else f"urn:hotseat:{feed_id}:{_urn_part(item.guid or digest)}"
        guid = item.guid[:1000] if item.guid else None
        if canonical in seen_urls or (guid and guid in seen_guids) or digest in seen_hashes:
            continue
        seen_urls.add(canonical)
        seen_hashes.add(digest)
        if guid:
            seen_guids.add(guid)
        unique.append(Keyed(item, url or canonical, canonical, guid, digest))
    return unique, len(items) - len(unique)


# Stands for an item stored earlier in the same batch: a later copy is a duplicate (id 0 is never
# updated), whatever its title.
_PENDING = articles.ArticleKey(0, None, None, "", "", "")


@dataclass(frozen=True, slots=True)
class Batch:
    """One feed's keyed items, ready to store."""

    source: Source
    keyed: tuple[list[Keyed], int]
    fetched_at: datetime


async def store_batch(db: aiosqlite.Connection, batches: Sequence[Batch]) -> list[StoreResult]:
    """Store several feeds' items with one look-up and one insert (group commit for the poller).

    Feeds are decided in order, so an article carried by two feeds of the batch is stored once.
    """
    entries = [entry for batch in batches for entry in batch.keyed[0]]
    results = [StoreResult(duplicates=batch.keyed[1]) for batch in batches]
    if not entries:
        return results
    found = await articles.matching(db, [e.canonical for e in entries], [e.hash for e in entries])
    by_guid = {(k.feed_id, k.guid): k for k in found if k.guid}
    by_url = {k.canonical_url: k for k in found}
    by_hash = {k.content_hash: k for k in found}
    values: list[articles.ArticleValues] = []
    fresh: list[tuple[int, Keyed, datetime]] = []
    for index, batch in enumerate(batches):
        source, result, at = batch.source, results[index], batch.fetched_at
        fetched = at.isoformat()
        for entry in batch.keyed[0]:
            existing = by_guid.get((source.feed_id, entry.guid)) if entry.guid else None
            existing = existing or by_url.get(entry.canonical)
            if existing is not None:
                changed = existing.title != entry.item.title and existing.content_hash != entry.hash
                if changed and existing.feed_id == source.feed_id and existing.id > 0:
                    await _update(db, existing, entry, at)
                    result.updated += 1
                else:
                    result.duplicates += 1
                continue
            if entry.hash in by_hash:
                result.duplicates += 1
                continue
            by_url[entry.canonical] = by_hash[entry.hash] = _PENDING
            if entry.guid:
                by_guid[(source.feed_id, entry.guid)] = _PENDING
            item = entry.item
            published = settle_date(item.published, at)
            values.append(
                (
                    source.feed_id,
                    entry.guid,
                    entry.url,
                    entry.canonical,
                    item.title,
                    item.summary,
                    entry.hash,
                    item.outlet or source.outlet,
                    source.language,
                    published.isoformat(),
                    fetched,
                    source.lang,
                )
            )
            fresh.append((index, entry, published))
    ids = await articles.insert_values(db, values)
    for index, entry, published in fresh:
        article_id = ids.get(entry.canonical)
        if article_id is not None:
            source = batches[index].source
            results[index].new.append(
                StoredArticle(
                    id=article_id,
                    feed_id=source.feed_id,
                    url=entry.url,
                    title=entry.item.title,
                    summary=entry.item.summary,
                    body=None,
                    outlet=entry.item.outlet or source.outlet,
                    language=source.language,
                    published_at=published,
                    first_poll=source.first_poll,
                    lang=source.lang,
                )
            )
        elif await _retitled_under_new_url(db, batches[index], entry):
            results[index].updated += 1
        else:
            results[index].duplicates += 1
    return results


async def _update(
    db: aiosqlite.Connection, existing: articles.ArticleKey, entry: Keyed, at: datetime
) -> None:
    await articles.update_title(db, existing.id, entry.item.title, entry.item.summary, entry.hash, at)


async def _retitled_under_new_url(db: aiosqlite.Connection, batch: Batch, entry: Keyed) -> bool:
    """The insert met the feed's GUID under another URL: the same article, maybe with a new title."""
    feed_id = batch.source.feed_id
    if feed_id is None or not entry.guid:
        return False
    for existing in await articles.by_guid(db, feed_id, [entry.guid]):
        if existing.title != entry.item.title and existing.content_hash != entry.hash:
            await _update(db, existing, entry, batch.fetched_at)
            return True
    return False


async def store_items(
    db: aiosqlite.Connection, source: Source, items: Sequence[ParsedItem], fetched_at: datetime
) -> StoreResult:
    """Key, dedupe and store one feed's items; call inside `store.transaction()`."""
    [result] = await store_batch(db, [Batch(source, key_items(source.feed_id, items), fetched_at)])
    return result
