"""Follows route alerts: the right channels, each once per story, with only the followers' roles."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from bot.departures import Departures
from bot.digest import DeliveryError, DigestService
from bot.follows import FollowLimitError, Follows
from bot.i18n import texts
from cogs._sink import alert_embed
from storage import Store
from storage import deliveries as delivery_rows
from storage import follows as follow_rows
from storage import guilds as guild_rows

from .conftest import Clock, Sink, Stories

GUILD, ALERTS, FANS = 7, 100, 200
SPURS_ROLE, PL_ROLE, ANGE_ROLE = 901, 902, 903


def at(clock: Clock, minutes: int = 0) -> datetime:
    return clock.now + timedelta(minutes=minutes)


def routed(sink: Sink) -> list[tuple[int, int, tuple[int, ...]]]:
    return [(channel, alert.story_id, alert.role_ids) for _, channel, alert in sink.alerts]


async def test_a_follow_pings_its_role_from_its_level_up(
    digests: DigestService, follows: Follows, stories: Stories, clock: Clock
) -> None:
    await digests.set_alerts(GUILD, ALERTS, 3)
    await follows.add(GUILD, "club", "tottenham-hotspur", "Tottenham", role_id=SPURS_ROLE, min_level=2)
    await follows.add(GUILD, "league", "es.1", "LaLiga", channel_id=FANS, min_level=1)
    stories.add(at(clock), level=1)  # below the club follow's level
    stories.add(at(clock), level=2)  # the club follow only: the alerts level is 3
    stories.add(at(clock), level=2, manager="Pep Guardiola", club="Manchester City")  # not followed
    stories.add(at(clock), level=1, manager="Hansi Flick", club="Barcelona", league="es.1")
    sink = Sink()
    await digests.tick(sink)
    assert routed(sink) == [(ALERTS, 2, (SPURS_ROLE,)), (FANS, 4, ())]


async def test_one_story_many_follows_posts_once_per_channel_with_all_roles(
    digests: DigestService, follows: Follows, stories: Stories, clock: Clock
) -> None:
    await digests.set_alerts(GUILD, ALERTS, 2)
    await follows.add(GUILD, "club", "tottenham-hotspur", "Tottenham", role_id=SPURS_ROLE)
    await follows.add(GUILD, "league", "en.1", "Premier League", role_id=PL_ROLE)
    await follows.add(GUILD, "manager", "ange postecoglou", "Ange", role_id=ANGE_ROLE, channel_id=FANS)
    story = stories.add(at(clock), level=3)
    sink = Sink()
    await digests.tick(sink)
    await digests.tick(sink)
    assert sorted(routed(sink)) == [
        (ALERTS, story.story_id, (SPURS_ROLE, PL_ROLE)),
        (FANS, story.story_id, (ANGE_ROLE,)),
    ]
    keys = {alert.key for _, _, alert in sink.alerts}
    assert len(keys) == 2  # each channel's post is its own delivery


async def test_a_server_with_only_follows_gets_new_stories_not_the_backlog(
    digests: DigestService, follows: Follows, stories: Stories, store: Store, clock: Clock
) -> None:
    old = stories.add(at(clock, -60), level=3)
    async with store.transaction() as db:  # the real rumours service numbers stories in `stories`
        await db.execute(
            "INSERT INTO stories (id, manager_key, manager_name, level, headline, url, first_seen_at, "
            "last_seen_at, article_count, outlets, value, alert_seq) "
            "VALUES (?, 'x', 'X', 3, 'h', 'u', ?, ?, 1, '[]', 1, ?)",
            (old.story_id, old.first_seen_at.isoformat(), old.first_seen_at.isoformat(), old.story_id),
        )
    await follows.add(GUILD, "league", "en.1", "Premier League", channel_id=FANS)
    new = stories.add(at(clock), level=2)
    sink = Sink()
    await digests.tick(sink)
    assert routed(sink) == [(FANS, new.story_id, ())]


async def test_a_crash_mid_post_resumes_the_ping_without_posting_twice(
    digests: DigestService, follows: Follows, stories: Stories, store: Store, clock: Clock
) -> None:
    await digests.set_alerts(GUILD, ALERTS, 3)
    await follows.add(GUILD, "club", "tottenham-hotspur", "Tottenham", role_id=SPURS_ROLE, channel_id=FANS)
    stories.add(at(clock), level=2)
    with pytest.raises(KeyboardInterrupt):
        await digests.tick(Sink(crash_alerts=True))
    async with store.read() as db:
        pending = await delivery_rows.pending(db)
    assert [(d.channel_id, d.state) for d in pending] == [(FANS, "pending")]

    restarted = Sink()
    await digests.resolve_pending(restarted)
    await digests.tick(restarted)
    await digests.tick(restarted)
    assert routed(restarted) == [(FANS, 1, (SPURS_ROLE,))]
    alert = restarted.alerts[0][2]
    assert alert.resumed and alert.key == pending[0].key
    async with store.read() as db:
        assert await delivery_rows.pending(db) == []
        config = await guild_rows.get(db, GUILD)
    assert config is not None and config.alerts_after_seq == 1


async def test_a_transient_failure_in_one_channel_retries_only_that_channel(
    digests: DigestService, follows: Follows, stories: Stories, store: Store, clock: Clock
) -> None:
    await digests.set_alerts(GUILD, ALERTS, 2)
    await follows.add(GUILD, "club", "tottenham-hotspur", "Tottenham", role_id=SPURS_ROLE, channel_id=FANS)
    stories.add(at(clock), level=2)
    sink = Sink(broken_channels={FANS: DeliveryError("Discord error 503", permanent=False)})
    await digests.tick(sink)
    assert routed(sink) == [(ALERTS, 1, ())]
    async with store.read() as db:
        config = await guild_rows.get(db, GUILD)
    assert config is not None and config.alerts_after_seq == 0  # the story is still due

    sink.broken_channels.clear()
    await digests.tick(sink)
    await digests.tick(sink)
    assert routed(sink) == [(ALERTS, 1, ()), (FANS, 1, (SPURS_ROLE,))]


async def test_a_broken_follow_channel_does_not_block_the_alerts_channel(
    digests: DigestService, follows: Follows, stories: Stories, clock: Clock
) -> None:
    await digests.set_alerts(GUILD, ALERTS, 2)
    await follows.add(GUILD, "club", "tottenham-hotspur", "Tottenham", channel_id=FANS)
    stories.add(at(clock), level=2)
    stories.add(at(clock), level=2)
    sink = Sink(broken_channels={FANS: DeliveryError("channel gone", permanent=True)})
    await digests.tick(sink)
    await digests.tick(sink)
    assert routed(sink) == [(ALERTS, 1, ()), (ALERTS, 2, ())]
    status = await digests.status(GUILD)
    assert status.problem == "alerts: channel gone"


async def test_alerts_name_the_outlet_that_broke_the_story_and_when(
    digests: DigestService, follows: Follows, stories: Stories, clock: Clock
) -> None:
    await digests.set_alerts(GUILD, ALERTS, 2)
    story = stories.add(at(clock, -5), level=2)
    sink = Sink()
    await digests.tick(sink)
    alert = sink.alerts[0][2]
    assert alert.broke_by == "BBC Sport"
    assert alert.at == story.first_seen_at


async def test_follow_again_replaces_and_remove_is_per_server(follows: Follows, store: Store) -> None:
    first = await follows.add(GUILD, "club", "arsenal", "Arsenal", role_id=1, min_level=2)
    again = await follows.add(GUILD, "club", "arsenal", "Arsenal", role_id=2, min_level=3, channel_id=FANS)
    assert again.id == first.id and (again.role_id, again.min_level, again.channel_id) == (2, 3, FANS)
    assert await follows.remove(GUILD + 1, first.id) is None  # another server cannot remove it
    assert [f.label for f in await follows.for_guild(GUILD)] == ["Arsenal"]
    removed = await follows.remove(GUILD, first.id)
    assert removed is not None and await follows.for_guild(GUILD) == []


async def test_a_server_can_follow_only_so_many_things(follows: Follows) -> None:
    for n in range(follow_rows.MAX_PER_SERVER):
        await follows.add(GUILD, "club", f"club-{n}", f"Club {n}")
    with pytest.raises(FollowLimitError):
        await follows.add(GUILD, "club", "one-more", "One more")
    await follows.add(GUILD, "club", "club-0", "Club 0", min_level=3)  # changing one is fine
    with pytest.raises(ValueError, match="level"):
        await follows.add(GUILD + 1, "club", "arsenal", "Arsenal", min_level=4)


async def test_a_confirmed_sacking_edits_the_reported_alert_in_each_channel(
    digests: DigestService, follows: Follows, stories: Stories, clock: Clock
) -> None:
    await digests.set_alerts(GUILD, ALERTS, 3)
    await follows.add(GUILD, "club", "tottenham-hotspur", "Tottenham", role_id=SPURS_ROLE, channel_id=FANS)
    reported = stories.add(at(clock), level=3)
    stories.items[0] = replace(reported, status="reported")
    sink = Sink()
    await digests.tick(sink)
    first = {channel: 2001 + n for n, (_, channel, _) in enumerate(sink.alerts)}
    assert sorted(first) == [ALERTS, FANS] and all(a.replaces is None for _, _, a in sink.alerts)

    stories.items[0] = replace(reported, status="confirmed", seq=5)
    await digests.tick(sink)
    await digests.tick(sink)
    confirmed = [(channel, alert.replaces, alert.role_ids) for _, channel, alert in sink.alerts[2:]]
    assert sorted(confirmed) == [(ALERTS, first[ALERTS], ()), (FANS, first[FANS], (SPURS_ROLE,))]
    assert all(alert.standing == "confirmed" for _, _, alert in sink.alerts[2:])


async def test_follows_of_a_server_the_bot_left_stay_quiet_until_it_returns(
    digests: DigestService, follows: Follows, stories: Stories, store: Store, clock: Clock
) -> None:
    await follows.add(GUILD, "club", "tottenham-hotspur", "Tottenham", channel_id=FANS)
    departures = Departures(store, clock=clock)
    await digests.forget_server(GUILD)
    await departures.left(GUILD)
    stories.add(at(clock), level=2)
    sink = Sink()
    await digests.tick(sink)
    assert sink.alerts == []
    await departures.rejoined(GUILD)
    await digests.tick(sink)
    assert routed(sink) == [(FANS, 1, ())]


async def test_a_withdrawn_sacking_edits_the_reported_alert_to_say_so(
    digests: DigestService, stories: Stories, clock: Clock
) -> None:
    await digests.set_alerts(GUILD, ALERTS, 3)
    reported = stories.add(at(clock), level=3)
    stories.items[0] = replace(reported, status="reported")
    sink = Sink()
    await digests.tick(sink)
    first = 2001
    assert [alert.replaces for _, _, alert in sink.alerts] == [None]

    stories.items[0] = replace(reported, status="withdrawn", seq=5)
    await digests.tick(sink)
    withdrawn = sink.alerts[1][2]
    assert withdrawn.key.endswith(":withdrawn") and withdrawn.replaces == first
    assert withdrawn.standing == "withdrawn"
    assert (
        alert_embed(withdrawn, texts("es")).title
        == "Se retira la noticia del despido: Ange Postecoglou (Tottenham Hotspur)"
    )
