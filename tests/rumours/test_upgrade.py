"""Old stores upgrade (migration 003): a store built at schema 2 the way the old code wrote it.

Level-3 stories become 'reported' or 'confirmed' by the new rule (a second outlet from a shared feed
within 4 days), tenures a finding ended stay ended only for a confirmed story, feeds nobody follows
(operator-added) become shared, and the pressure index and successor tips carry over as shared rows.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiosqlite
import pytest

from bot.config import Settings
from bot.registry.loader import load_registry
from bot.service import Service
from storage.store import _configure, migrate, schema_version

T0 = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
GUILD = 77


def _iso(moment: datetime) -> str:
    return moment.isoformat()


async def _old_registry(db: aiosqlite.Connection) -> None:
    """The bundled registry as a schema-2 sync wrote it (tenures had no source column then)."""
    bundle = load_registry()
    await db.execute("BEGIN")
    await db.executemany(
        "INSERT INTO clubs (key, name, short_name, league, country) VALUES (?, ?, ?, ?, ?)",
        [(c.key, c.name, c.short_name, c.league, c.country) for c in bundle.clubs.values()],
    )
    await db.executemany(
        "INSERT INTO people (key, name, role, club_key, title, nationality) VALUES (?, ?, ?, ?, ?, ?)",
        [(p.key, p.name, p.role, p.club_key, p.title, p.nationality) for p in bundle.people.values()],
    )
    await db.executemany(
        "INSERT OR IGNORE INTO tenures (person_key, club_key, role, started_on, ended_on) "
        "VALUES (?, ?, ?, ?, ?)",
        [
            (
                p.key,
                t.club_key,
                t.role,
                t.started_on and t.started_on.isoformat(),
                t.ended_on and t.ended_on.isoformat(),
            )
            for p in bundle.people.values()
            for t in p.tenures
        ],
    )
    await db.execute("COMMIT")


async def _old_store(path: Path) -> None:
    """Schema 2, the bundled registry synced, and rows as the old rumour code recorded them."""
    writer = await aiosqlite.connect(path, isolation_level=None)
    reader = await aiosqlite.connect(path, isolation_level=None)
    await _configure(writer)
    await _configure(reader)
    assert await migrate(writer, target=2) == 2
    await _old_registry(writer)
    db = writer
    await db.execute("BEGIN")
    await db.executemany(
        "INSERT INTO feeds (id, url, outlet, is_default, created_at) VALUES (?, ?, ?, ?, ?)",
        [
            (1, "https://default.example/rss", "Marca", 1, _iso(T0)),
            (2, "https://server.example/rss", "Fan Blog", 0, _iso(T0)),  # a server's /feeds add
            (3, "https://operator.example/rss", "AS", 0, _iso(T0)),  # the CLI's feeds add
        ],
    )
    await db.execute(
        "INSERT INTO feed_subscriptions (guild_id, feed_id, added_at) VALUES (?, 2, ?)", (GUILD, _iso(T0))
    )
    # story id, manager, club, [(article id, feed id, outlet, hours after T0, weight)]
    stories = [
        (1, "hansi-flick", "barcelona", [(11, 1, "Marca", 0, 5.0)]),  # one source: reported
        (2, "diego-simeone", "atletico-madrid", [(21, 1, "Marca", 0, 5.0), (22, 3, "AS", 30, 2.5)]),
        (3, "matias-almeyda", "sevilla", [(31, 1, "Marca", 0, 5.0), (32, 2, "Fan Blog", 2, 2.5)]),
        (4, "alvaro-arbeloa", "real-madrid", [(41, 1, "Marca", 0, 5.0), (42, 3, "AS", 24 * 5, 2.5)]),
    ]
    for story_id, manager, club, findings in stories:
        last = T0 + timedelta(hours=findings[-1][3])
        outlets = [f[2] for f in findings]
        await db.execute(
            "INSERT INTO stories (id, manager_key, manager_name, club_key, club_name, league, level, "
            "headline, url, first_seen_at, last_seen_at, article_count, outlet_count, outlets, value, "
            "alert_seq) VALUES (?, ?, ?, ?, ?, 'es.1', 3, ?, ?, ?, ?, ?, ?, ?, 7.5, ?)",
            (
                story_id,
                manager,
                manager,
                club,
                club,
                f"{manager} sacked",
                f"https://x.example/{story_id}",
                _iso(T0),
                _iso(last),
                len(findings),
                len(outlets),
                json.dumps(outlets),
                story_id,
            ),
        )
        for article_id, feed_id, outlet, hours, weight in findings:
            at = T0 + timedelta(hours=hours)
            await db.execute(
                "INSERT INTO articles (id, feed_id, url, canonical_url, title, content_hash, outlet, "
                "published_at, fetched_at, analysed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                (
                    article_id,
                    feed_id,
                    f"u{article_id}",
                    f"u{article_id}",
                    "t",
                    f"h{article_id}",
                    outlet,
                    _iso(at),
                    _iso(at),
                ),
            )
            await db.execute(
                "INSERT INTO findings (article_id, pressure, level, score, manager_key, outlet, origins, "
                "weight, published_at, story_id, data) VALUES (?, 1, 3, 0.9, ?, ?, ?, ?, ?, ?, '{}')",
                (article_id, manager, outlet, json.dumps([outlet]), weight, _iso(at), story_id),
            )
        # The old code ended the spell on the first level-3 report.
        await db.execute(
            "UPDATE tenures SET ended_on = ?, ended_by = ? WHERE person_key = ? AND club_key = ? "
            "AND ended_on IS NULL",
            (T0.date().isoformat(), f"Marca: {manager} sacked", manager, club),
        )
    await db.execute(
        "INSERT INTO manager_pressure (manager_key, manager_name, folded_name, club_key, club_name, league, "
        "rank_key, last_story_id, last_seen_at, finding_count) "
        "VALUES ('hansi-flick', 'Hansi Flick', 'hansi flick', 'barcelona', 'Barcelona', 'es.1', ?, 1, ?, 1)",
        (1460.0, _iso(T0)),
    )
    await db.execute("COMMIT")
    await writer.close()
    await reader.close()


@pytest.mark.sqlite_only  # an old SQLite file
async def test_an_old_store_upgrades_by_the_new_rule(tmp_path: Path, settings: Settings) -> None:
    await _old_store(settings.db_path)
    service = await Service.open(settings)
    try:
        async with service.store.read() as db:
            assert await schema_version(db) >= 3
            statuses = dict(await db.execute_fetchall("SELECT id, status FROM stories ORDER BY id"))
            shared = dict(await db.execute_fetchall("SELECT id, shared FROM feeds ORDER BY id"))
            scopes = await db.execute_fetchall("SELECT DISTINCT scope FROM manager_pressure")
        assert statuses == {1: "reported", 2: "confirmed", 3: "reported", 4: "reported"}
        assert shared == {1: 0, 2: 0, 3: 1}
        assert [tuple(r) for r in scopes] == [(0,)]
        reopened = (
            ("barcelona", "hansi-flick"),
            ("sevilla", "matias-almeyda"),
            ("real-madrid", "alvaro-arbeloa"),
        )
        for club, coach in reopened:
            current = await service.registry.current_manager(club)
            assert current is not None and current.key == coach, club
        assert await service.registry.current_manager("atletico-madrid") is None
        assert service.registry.registry.manager_of("barcelona") is not None  # in memory too
        board = await service.rumours.hotseat(now=T0 + timedelta(hours=1))
        assert [e.manager_key for e in board.entries] == ["hansi-flick"]
        assert board.entries[0].standing == "reported (1 source)"
        profile = await service.rumours.manager_profile("Simeone", now=T0 + timedelta(days=2))
        assert profile.standing == "confirmed"
        # Migration 009: the upgraded store's unconfirmed reports expire like new ones, and reopen
        # nothing a confirmed one closed.
        withdrawn = await service.rumours.withdraw_expired(T0 + timedelta(days=10))
        async with service.store.read() as db:
            assert await schema_version(db) >= 9
            levels = dict(await db.execute_fetchall("SELECT id, level FROM stories ORDER BY id"))
            after = dict(await db.execute_fetchall("SELECT id, status FROM stories ORDER BY id"))
        assert sorted(withdrawn) == [
            i for i, status in statuses.items() if status == "reported" and levels[i] == 3
        ]
        assert withdrawn and after[2] == "confirmed"
        assert all(after[i] == "withdrawn" for i in withdrawn)
        assert await service.registry.current_manager("atletico-madrid") is None
        flick = await service.registry.current_manager("barcelona")
        assert flick is not None and flick.key == "hansi-flick"
    finally:
        await service.close()
