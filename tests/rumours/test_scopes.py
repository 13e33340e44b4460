"""A server's own feeds reach only that server: stories, board, profile, successors, digests, alerts.

Shared news (default feeds, feeds the operator added, offline replays) reaches every server; what a
server's private feed says is merged into that server's answers only and never changes shared state.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta

import pytest

from bot.rumours.pressure import index_from_rank
from bot.rumours.service import MIN_BOARD_INDEX, RumourService
from storage import Store
from storage import feeds as feeds_db
from tests.rumours.conftest import T0, Newsroom, pressure
from tests.rumours.small_registry import SmallRegistry

A, B, C = 101, 202, 303
NOW = T0 + timedelta(hours=6)


async def test_a_private_story_reaches_only_the_servers_following_its_feed(
    news: Newsroom, rumours: RumourService
) -> None:
    blog = await news.server_feed("https://blog.example/rss", B, C)
    await news.publish("Ancelotti under fire", pressure("Carlo Ancelotti", 1), at=T0)
    await news.publish("Flick must go, says blog", pressure("Hansi Flick", 2), feed_id=blog, outlet="Blog")
    for guild in (A, None):
        board = await rumours.hotseat(now=NOW, guild_id=guild)
        assert [e.manager_key for e in board.entries] == ["carlo-ancelotti"]
        groups = await rumours.digest_groups(T0 - timedelta(days=1), NOW, guild_id=guild)
        assert [g.manager_key for g in groups] == ["carlo-ancelotti"]
        alerts = await rumours.stories_for_alerts(0, 1, guild_id=guild)
        assert [a.manager_key for a in alerts] == ["carlo-ancelotti"]
        profile = await rumours.manager_profile("Flick", now=NOW, guild_id=guild)
        assert (profile.stories, profile.index) == ((), 0.0)
    for guild in (B, C):
        board = await rumours.hotseat(now=NOW, guild_id=guild)
        assert [e.manager_key for e in board.entries] == ["hansi-flick", "carlo-ancelotti"]
        alerts = await rumours.stories_for_alerts(0, 1, guild_id=guild)
        assert [a.manager_key for a in alerts] == ["carlo-ancelotti", "hansi-flick"]
        profile = await rumours.manager_profile("Flick", now=NOW, guild_id=guild)
        assert [s.headline for s in profile.stories] == ["Flick must go, says blog"]
        assert profile.index > 0


async def test_a_server_sees_shared_and_own_pressure_added_up(news: Newsroom, rumours: RumourService) -> None:
    blog = await news.server_feed("https://blog.example/rss", B)
    await news.publish("Flick under pressure", pressure("Hansi Flick", 2), at=T0)
    shared_index = (await rumours.hotseat(now=NOW, guild_id=A)).entries[0].index
    await news.publish("Flick crisis talks", pressure("Hansi Flick", 2), feed_id=blog, outlet="Blog")
    assert (await rumours.hotseat(now=NOW, guild_id=A)).entries[0].index == pytest.approx(shared_index)
    own = (await rumours.hotseat(now=NOW, guild_id=B)).entries[0]
    assert own.index == pytest.approx(2 * shared_index)  # the same story value again, from its own feed
    profile = await rumours.manager_profile("Flick", now=NOW, guild_id=B)
    assert profile.index == pytest.approx(own.index)
    assert len(profile.stories) == 2  # the private report never joins (or grows) the shared story
    groups = await rumours.digest_groups(T0 - timedelta(days=1), NOW, guild_id=B)
    assert groups[0].index == pytest.approx(own.index)


async def test_a_manager_only_a_private_feed_names_can_top_that_servers_board(
    news: Newsroom, rumours: RumourService
) -> None:
    blog = await news.server_feed("https://blog.example/rss", B)
    await news.publish("Ancelotti murmurs", pressure("Carlo Ancelotti", 1))  # below a reported sacking
    await news.publish("Flick sacked, says blog", pressure("Hansi Flick", 3), feed_id=blog, outlet="Blog")
    board = await rumours.hotseat(limit=1, now=NOW, guild_id=B)
    assert [e.manager_key for e in board.entries] == ["hansi-flick"]
    assert board.entries[0].standing == "reported (1 source)"
    assert "reported (1 source)" in board.to_text()
    shared = await rumours.hotseat(limit=1, now=NOW, guild_id=A)
    assert [e.manager_key for e in shared.entries] == ["carlo-ancelotti"]


async def test_private_successor_tips_stay_private(news: Newsroom, rumours: RumourService) -> None:
    blog = await news.server_feed("https://blog.example/rss", B)
    await news.publish("Ancelotti in trouble", pressure("Carlo Ancelotti", 2, successors=("Xabi Alonso",)))
    await news.publish(
        "Ancelotti out, Solari in",
        pressure("Carlo Ancelotti", 2, successors=("Santiago Solari", "Xabi Alonso")),
        feed_id=blog,
        outlet="Blog",
    )
    shared = await rumours.successors("Ancelotti", now=NOW, guild_id=A)
    assert [(c.name, c.outlet_count) for c in shared.candidates] == [("Xabi Alonso", 1)]
    own = await rumours.successors("Ancelotti", now=NOW, guild_id=B)
    assert [(c.name, c.outlets) for c in own.candidates] == [
        ("Xabi Alonso", ("Marca", "Blog")),
        ("Santiago Solari", ("Blog",)),
    ]
    assert own.candidates[0].story_count == 2


async def test_a_private_sacking_never_ends_a_tenure_or_confirms_a_shared_story(
    news: Newsroom, rumours: RumourService, registry: SmallRegistry
) -> None:
    blog = await news.server_feed("https://blog.example/rss", B)
    await news.publish("Barcelona sack Flick", pressure("Hansi Flick", 3), at=T0)
    for outlet in ("Blog", "Other Blog"):  # two private outlets, both "confirming"
        await news.publish(
            "Flick sacked by Barcelona", pressure("Hansi Flick", 3), feed_id=blog, outlet=outlet
        )
    assert registry.ended == []
    shared = await rumours.manager_profile("Flick", now=NOW, guild_id=A)
    assert [s.standing for s in shared.stories] == ["reported (1 source)"]
    own = await rumours.manager_profile("Flick", now=NOW, guild_id=B)
    assert sorted(str(s.standing) for s in own.stories) == ["confirmed", "reported (1 source)"]


async def test_a_private_club_statement_ends_no_tenure(
    news: Newsroom, rumours: RumourService, registry: SmallRegistry
) -> None:
    blog = await news.server_feed("https://blog.example/rss", B)
    official = replace(pressure("Hansi Flick", 3), club_statement=True)
    await news.publish("Barcelona statement", official, feed_id=blog)
    assert registry.ended == []
    await news.publish("Barcelona statement on Flick", official)
    assert [e[:2] for e in registry.ended] == [("hansi-flick", "barcelona")]


async def test_operator_feeds_are_shared_and_server_feeds_private(store: Store) -> None:
    async with store.transaction() as db:
        private, _ = await feeds_db.add_custom(db, "https://a.example/rss", "A", B, None, T0)
        shared, _ = await feeds_db.add_custom(db, "https://b.example/rss", "B", None, None, T0)
        assert await feeds_db.scope_of(db, private.id) == private.id
        assert await feeds_db.scope_of(db, shared.id) == 0
        assert await feeds_db.scope_of(db, None) == 0
        # The operator adding a server's feed makes it everyone's; a server adding it again does not undo it.
        await feeds_db.add_custom(db, "https://a.example/rss", "A", None, None, T0)
        await feeds_db.add_custom(db, "https://a.example/rss", "A", C, None, T0)
        assert await feeds_db.scope_of(db, private.id) == 0
        assert await feeds_db.scopes_for(db, C) == (0, private.id)
        assert await feeds_db.scopes_for(db, None) == (0,)
        assert await feeds_db.subscription_count(db, B) == 1


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_a_servers_board_equals_the_sum_over_every_row_it_may_see(
    news: Newsroom, rumours: RumourService, store: Store, seed: int
) -> None:
    """The board's shortcuts (the shared top rows, own rows above a floor) lose no manager: checked
    against the index summed over every stored row of the server's scopes."""
    rng = random.Random(seed)
    first = await news.server_feed("https://one.example/rss", B)
    second = await news.server_feed("https://two.example/rss", B, C)
    names = [f"Coach {letter}" for letter in "ABCDEFGHIJKL"]
    for n in range(80):
        feed = rng.choice([None, None, first, second])
        at = T0 + timedelta(hours=rng.uniform(0, 240))
        level = rng.choice([1, 1, 2, 3])
        await news.publish(
            f"Story {n}", pressure(rng.choice(names), level), feed_id=feed, outlet=f"O{n % 7}", at=at
        )
    now = T0 + timedelta(days=11)
    for guild, scopes in ((B, (0, first, second)), (C, (0, second)), (A, (0,))):
        async with store.read() as db:
            marks = ", ".join("?" for _ in scopes)
            rows = await db.execute_fetchall(
                f"SELECT manager_key, rank_key FROM manager_pressure WHERE scope IN ({marks})", scopes
            )
        totals: dict[str, float] = {}
        for key, rank in rows:
            totals[key] = totals.get(key, 0.0) + index_from_rank(rank, now)
        expected = sorted(((-v, k) for k, v in totals.items() if v >= MIN_BOARD_INDEX))
        for limit in (1, 3, 5):
            board = await rumours.hotseat(limit=limit, now=now, guild_id=guild)
            assert [e.manager_key for e in board.entries] == [k for _, k in expected[:limit]]
            assert [e.index for e in board.entries] == pytest.approx([-v for v, _ in expected[:limit]])
