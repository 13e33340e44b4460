"""storage/feed_choices.py (and the delivery attempts of migration 012) give the same answers on SQLite
and on a real PostgreSQL (127.0.0.1:5432; each run creates and drops its own database, and the
PostgreSQL half skips with a reason without one).

Which shared feeds a server switched off, by language or one by one, and which stories are told only
by such feeds: a story with one article from a feed left on (or from an unknown feed) stays.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from storage import Store, feed_choices, feeds
from storage import stories as stories_db

ADMIN_URL = os.environ.get("HOTSEAT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
NOW = datetime(2026, 12, 4, 20, 0, tzinfo=UTC)
A, B = 1001, 2002


@pytest.fixture(params=["sqlite", "postgres"])
async def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Any]:
    if request.param == "sqlite":
        store = await Store.open(tmp_path / "choices.db")
        try:
            yield store
        finally:
            await store.close()
        return
    asyncpg = pytest.importorskip("asyncpg", reason="no PostgreSQL driver installed (asyncpg)")
    from storage.pgstore import PgStore

    try:
        admin = await asyncpg.connect(ADMIN_URL, timeout=5)
    except (OSError, asyncpg.PostgresError) as exc:
        if os.environ.get("HOTSEAT_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"HOTSEAT_REQUIRE_POSTGRES=1 but no PostgreSQL at {ADMIN_URL}: {exc}")
        pytest.skip(f"no PostgreSQL at {ADMIN_URL}: PostgreSQL half skipped")
    name = f"hotseat_choices_{uuid.uuid4().hex[:12]}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        pg = await PgStore.open(ADMIN_URL.rsplit("/", 1)[0] + f"/{name}")
        try:
            yield pg
        finally:
            await pg.close()
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def _story(db: Any, feed_ids: list[int | None], n: int) -> int:
    """A story told by one article per feed (None: an article of no known feed, e.g. a replay)."""
    story = await stories_db.insert(
        db,
        manager_key=f"manager-{n}",
        manager_name=f"Manager {n}",
        club_key=None,
        club_name=None,
        league=None,
        level=2,
        headline=f"story {n}",
        url=f"https://news.example/{n}",
        seen_at=NOW,
        outlets=["X"],
        value=1.0,
    )
    for k, feed_id in enumerate(feed_ids):
        url = f"https://news.example/{n}/{k}"
        cursor = await db.execute(
            "INSERT INTO articles (feed_id, url, canonical_url, title, content_hash, outlet, published_at, "
            "fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (feed_id, url, url, f"story {n}", f"hash-{n}-{k}", "X", NOW.isoformat(), NOW.isoformat()),
        )
        article = await cursor.fetchone()
        await db.execute(
            "INSERT INTO findings (article_id, pressure, level, score, outlet, published_at, story_id, data) "
            "VALUES (?, 1, 2, 1.0, 'X', ?, ?, '{}')",
            (article[0], NOW.isoformat(), story),
        )
    return story


async def test_switches_and_story_filter_agree_on_both_engines(any_store: Any) -> None:
    async with any_store.transaction() as db:
        await feeds.upsert_default(db, "https://es1.example/rss", "ES1", "es", NOW)
        await feeds.upsert_default(db, "https://es2.example/rss", "ES2", "es", NOW)
        await feeds.upsert_default(db, "https://en.example/rss", "EN", "en", NOW)
        own, _ = await feeds.add_custom(db, "https://own.example/rss", "Own", A, 7, NOW)
        es1, es2, en = [
            (await feeds.by_url(db, f"https://{h}.example/rss")).id  # type: ignore[union-attr]
            for h in ("es1", "es2", "en")
        ]
        only_es = await _story(db, [es1, es2], 1)
        mixed = await _story(db, [es1, en], 2)
        unknown = await _story(db, [es1, None], 3)
        english = await _story(db, [en], 4)
        own_story = await _story(db, [own.id], 5)
        stories = [only_es, mixed, unknown, english, own_story]
        assert await feed_choices.only_switched_off(db, A, stories) == frozenset()

        assert await feed_choices.set_language(db, A, "es", False, 7, NOW) == [es1, es2]
        await feed_choices.set_feed(db, A, es2, True, True, 7, NOW + timedelta(hours=1))  # back on
        await feed_choices.set_feed(db, A, en, False, False, 8, NOW + timedelta(hours=2))  # off alone

    async with any_store.read() as db:
        off = await feed_choices.switched_off(db, A)
        assert sorted(off) == [es1, en]
        assert (off[es1].by_language, off[es1].changed_by, off[es1].changed_at) == ("es", 7, NOW)
        assert (off[en].by_language, off[en].changed_by) == (None, 8)
        assert await feed_choices.switched_off(db, B) == {}
        assert await feed_choices.languages_off(db, A) == {"es": NOW}
        # es2 is back on, so only_es stays; mixed is es1 + en, both off; unknown has a replayed article.
        assert await feed_choices.only_switched_off(db, A, stories) == frozenset({mixed, english})
        assert await feed_choices.only_switched_off(db, B, stories) == frozenset()

    async with any_store.transaction() as db:
        await feed_choices.set_language(db, A, "es", True, 7, NOW)  # the language wins for es2 again
        await feed_choices.set_feed(db, A, en, False, True, 8, NOW)  # agrees with no rule: not stored
    async with any_store.read() as db:
        assert await feed_choices.switched_off(db, A) == {}
        assert await feed_choices.only_switched_off(db, A, stories) == frozenset()


async def test_disabled_since_is_kept_until_the_feed_is_enabled(any_store: Any) -> None:
    async with any_store.transaction() as db:
        feed, _ = await feeds.add_custom(db, "https://gone.example/rss", "Gone", A, 7, NOW)
        await feeds.record_failure(db, feed.id, "HTTP 500", NOW, NOW + timedelta(minutes=5), None)
        await feeds.record_failure(db, feed.id, "HTTP 410", NOW + timedelta(hours=1), NOW, "gone (410)")
        await feeds.record_failure(db, feed.id, "HTTP 410", NOW + timedelta(hours=2), NOW, "gone (410)")
        row = await feeds.by_id(db, feed.id)
        assert row is not None
        assert (row.failures, row.disabled_reason, row.disabled_at) == (
            3,
            "gone (410)",
            NOW + timedelta(hours=1),
        )
        await feeds.enable(db, feed.id)
        row = await feeds.by_id(db, feed.id)
        assert row is not None
        assert (row.failures, row.disabled_reason, row.disabled_at, row.last_error) == (0, None, None, None)


async def test_delivery_attempts_are_bounded_on_both_engines(any_store: Any) -> None:
    """deliveries.begin revives a failed post only once its retry time has come and while it has
    attempts left; giving up spends them all (storage/deliveries.py, migration 012)."""
    from storage import deliveries

    async with any_store.transaction() as db:
        await db.execute(
            "INSERT INTO guilds (guild_id, timezone, updated_at) VALUES (?, 'UTC', ?)", (A, NOW.isoformat())
        )
        row, fresh = await deliveries.begin(db, A, "alert", "story:1:level:2", 5, NOW)
        assert fresh and row.attempts == 0
        later = NOW + timedelta(minutes=2)
        await deliveries.mark_failed(db, row.id, "503", retry_at=later)
        waiting, fresh = await deliveries.begin(
            db, A, "alert", "story:1:level:2", 5, NOW + timedelta(minutes=1)
        )
        assert not fresh and waiting.state == "failed" and waiting.waiting(NOW + timedelta(minutes=1))
        revived, fresh = await deliveries.begin(db, A, "alert", "story:1:level:2", 5, later)
        assert fresh and (revived.state, revived.attempts) == ("pending", 1)
        await deliveries.mark_failed(db, row.id, "503 again", give_up=True)
        spent, fresh = await deliveries.begin(db, A, "alert", "story:1:level:2", 5, later + timedelta(days=1))
        assert not fresh and spent.given_up and spent.attempts == deliveries.MAX_ATTEMPTS
        assert spent.error == "503 again"


async def test_a_departed_server_leaves_no_switches_behind(any_store: Any) -> None:
    from storage import departures

    async with any_store.transaction() as db:
        await feeds.upsert_default(db, "https://es1.example/rss", "ES1", "es", NOW)
        es1 = (await feeds.by_url(db, "https://es1.example/rss")).id  # type: ignore[union-attr]
        for guild in (A, B):
            await feed_choices.set_language(db, guild, "es", False, 7, NOW)
            await feed_choices.set_feed(db, guild, es1, True, True, 7, NOW)
        await departures.forget_server(db, A)
    async with any_store.read() as db:
        assert await feed_choices.languages_off(db, A) == {}
        assert await feed_choices.switched_off(db, A) == {}
        assert await feed_choices.languages_off(db, B) == {"es": NOW}
