"""Scheduled digests and alerts over a real SQLite store: due once, catch up once, never twice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.digest import DeliveryError, DigestService
from bot.errors import UserError
from storage import Store
from storage import deliveries as delivery_rows

from .conftest import Clock, Sink, Stories

GUILD, CHANNEL = 111, 222


async def _setup(digests: DigestService, time: str = "08:00", zone: str = "Europe/Madrid") -> None:
    await digests.setup(GUILD, CHANNEL, time, zone)


async def test_digest_posts_at_local_time_once(
    digests: DigestService, stories: Stories, clock: Clock
) -> None:
    clock.now = datetime(2026, 1, 15, 6, 0, tzinfo=UTC)  # 07:00 in Madrid
    await _setup(digests)
    stories.add(datetime(2026, 1, 15, 5, 0, tzinfo=UTC))
    sink = Sink()

    assert (await digests.tick(sink, clock.now)).digests_posted == []
    clock.now = datetime(2026, 1, 15, 7, 0, tzinfo=UTC)  # 08:00 Madrid
    assert (await digests.tick(sink, clock.now)).digests_posted == [GUILD]
    await digests.tick(sink, clock.now + timedelta(minutes=1))
    assert len(sink.digests) == 1
    guild, channel, digest = sink.digests[0]
    assert (guild, channel) == (GUILD, CHANNEL)
    assert digest.entries[0].manager == "Ange Postecoglou"
    assert "Ange Postecoglou" in digest.to_text()

    status = await digests.status(GUILD)
    assert status.last_delivered_at is not None
    assert status.news_since == datetime(2026, 1, 15, 7, 0, tzinfo=UTC)
    assert status.next_due_at == datetime(2026, 1, 16, 7, 0, tzinfo=UTC)


async def test_next_digest_holds_only_stories_since_the_last_delivered(
    digests: DigestService, stories: Stories, clock: Clock
) -> None:
    clock.now = datetime(2026, 1, 15, 6, 0, tzinfo=UTC)
    await _setup(digests)
    stories.add(datetime(2026, 1, 15, 5, 0, tzinfo=UTC), headline="old news")
    sink = Sink()
    await digests.tick(sink, datetime(2026, 1, 15, 7, 0, tzinfo=UTC))
    stories.add(datetime(2026, 1, 15, 20, 0, tzinfo=UTC), headline="fresh news")
    await digests.tick(sink, datetime(2026, 1, 16, 7, 0, tzinfo=UTC))
    headlines = [s.headline for s in sink.digests[1][2].entries[0].stories]
    assert headlines == ["fresh news"]


async def test_nothing_new_means_no_post_and_status_says_so(
    digests: DigestService, stories: Stories, clock: Clock
) -> None:
    clock.now = datetime(2026, 1, 15, 6, 0, tzinfo=UTC)
    await _setup(digests)
    sink = Sink()
    report = await digests.tick(sink, datetime(2026, 1, 15, 7, 0, tzinfo=UTC))
    assert report.digests_empty == [GUILD] and sink.digests == []
    text = (await digests.status(GUILD)).to_text()
    assert "Nothing new since" in text
    assert "Last delivered: never" in text


async def test_catch_up_once_after_days_of_downtime(
    digests: DigestService, stories: Stories, clock: Clock
) -> None:
    clock.now = datetime(2026, 1, 10, 6, 0, tzinfo=UTC)
    await _setup(digests)
    for day in range(10, 15):
        stories.add(datetime(2026, 1, day, 12, 0, tzinfo=UTC))
    sink = Sink()
    back = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)  # five slots missed
    await digests.tick(sink, back)
    await digests.tick(sink, back + timedelta(minutes=1))
    assert len(sink.digests) == 1
    digest = sink.digests[0][2]
    assert digest.story_count == 5  # stories from the first day of downtime on
    assert (await digests.status(GUILD)).next_due_at == datetime(2026, 1, 16, 7, 0, tzinfo=UTC)


async def test_restart_with_a_pending_delivery_never_posts_twice(
    store: Store, digests: DigestService, stories: Stories, clock: Clock
) -> None:
    clock.now = datetime(2026, 1, 15, 6, 0, tzinfo=UTC)
    await _setup(digests)
    stories.add(datetime(2026, 1, 15, 5, 0, tzinfo=UTC))
    crashing = Sink(crash=True)
    with pytest.raises(KeyboardInterrupt):
        await digests.tick(crashing, datetime(2026, 1, 15, 7, 0, tzinfo=UTC))
    async with store.read() as db:
        assert [d.state for d in await delivery_rows.pending(db)] == ["pending"]

    # The restarted process: the sink sees a resumed post with the same key and window.
    restarted = Sink()
    await digests.resolve_pending(restarted)
    await digests.tick(restarted, datetime(2026, 1, 15, 7, 5, tzinfo=UTC))
    assert len(restarted.digests) == 1
    digest = restarted.digests[0][2]
    assert digest.resumed and digest.key == crashing.digests[0][2].key
    assert digest.until == crashing.digests[0][2].until
    async with store.read() as db:
        assert await delivery_rows.pending(db) == []
    await digests.tick(restarted, datetime(2026, 1, 15, 8, 0, tzinfo=UTC))
    assert len(restarted.digests) == 1


async def test_pending_found_by_the_next_tick_is_resumed_not_duplicated(
    digests: DigestService, stories: Stories, clock: Clock
) -> None:
    clock.now = datetime(2026, 1, 15, 6, 0, tzinfo=UTC)
    await _setup(digests)
    stories.add(datetime(2026, 1, 15, 5, 0, tzinfo=UTC))
    with pytest.raises(KeyboardInterrupt):
        await digests.tick(Sink(crash=True), datetime(2026, 1, 15, 7, 0, tzinfo=UTC))
    sink = Sink()
    await digests.tick(sink, datetime(2026, 1, 15, 7, 1, tzinfo=UTC))
    await digests.tick(sink, datetime(2026, 1, 15, 7, 2, tzinfo=UTC))
    assert [d.resumed for _, _, d in sink.digests] == [True]


async def test_transient_failure_retries_next_tick(
    digests: DigestService, stories: Stories, clock: Clock
) -> None:
    clock.now = datetime(2026, 1, 15, 6, 0, tzinfo=UTC)
    await _setup(digests)
    stories.add(datetime(2026, 1, 15, 5, 0, tzinfo=UTC))
    sink = Sink(fail_with=DeliveryError("Discord is having trouble (503)", permanent=False))
    report = await digests.tick(sink, datetime(2026, 1, 15, 7, 0, tzinfo=UTC))
    assert report.failures and sink.digests == []
    sink.fail_with = None
    await digests.tick(sink, datetime(2026, 1, 15, 7, 1, tzinfo=UTC))
    assert len(sink.digests) == 1
    assert (await digests.status(GUILD)).problem is None


async def test_permanent_failure_is_shown_to_admins_and_cleared_by_setup(
    digests: DigestService, stories: Stories, clock: Clock
) -> None:
    clock.now = datetime(2026, 1, 15, 6, 0, tzinfo=UTC)
    await _setup(digests)
    stories.add(datetime(2026, 1, 15, 5, 0, tzinfo=UTC))
    sink = Sink(fail_with=DeliveryError("missing permission to post in the channel", permanent=True))
    await digests.tick(sink, datetime(2026, 1, 15, 7, 0, tzinfo=UTC))
    sink.fail_with = None
    await digests.tick(sink, datetime(2026, 1, 15, 7, 1, tzinfo=UTC))
    assert sink.digests == [], "a permanent failure was retried the next minute"
    status = await digests.status(GUILD)
    assert status.problem is not None and "missing permission" in status.problem
    assert "Problem:" in status.to_text()
    await _setup(digests)
    assert (await digests.status(GUILD)).problem is None


async def test_min_level_and_leagues_filter_the_digest(
    digests: DigestService, stories: Stories, clock: Clock
) -> None:
    clock.now = datetime(2026, 1, 15, 6, 0, tzinfo=UTC)
    await digests.setup(GUILD, CHANNEL, "08:00", "UTC", min_level=2, leagues=["es.1"])
    stories.add(datetime(2026, 1, 15, 5, 0, tzinfo=UTC), level=3, manager="Ange Postecoglou")
    stories.add(datetime(2026, 1, 15, 5, 0, tzinfo=UTC), level=1, manager="Carlo Ancelotti", league="es.1")
    stories.add(datetime(2026, 1, 15, 5, 0, tzinfo=UTC), level=2, manager="Hansi Flick", league="es.1")
    sink = Sink()
    await digests.tick(sink, datetime(2026, 1, 15, 8, 0, tzinfo=UTC))
    assert [e.manager for e in sink.digests[0][2].entries] == ["Hansi Flick"]


async def test_disable_stops_digests(digests: DigestService, stories: Stories, clock: Clock) -> None:
    clock.now = datetime(2026, 1, 15, 6, 0, tzinfo=UTC)
    await _setup(digests)
    stories.add(datetime(2026, 1, 15, 5, 0, tzinfo=UTC))
    status = await digests.disable(GUILD)
    assert not status.enabled and "off" in status.to_text()
    sink = Sink()
    await digests.tick(sink, datetime(2026, 1, 15, 7, 0, tzinfo=UTC))
    assert sink.digests == []


@pytest.mark.parametrize(
    ("time", "zone", "level", "message"),
    [
        ("25:00", "UTC", 1, "HH:MM"),
        ("08:00", "Mars/Olympus", 1, "time zone"),
        ("08:00", "UTC", 7, "min_level"),
    ],
)
async def test_bad_setup_is_refused_and_changes_nothing(
    digests: DigestService, time: str, zone: str, level: int, message: str
) -> None:
    with pytest.raises(UserError, match=message):
        await digests.setup(GUILD, CHANNEL, time, zone, min_level=level)
    assert not (await digests.status(GUILD)).enabled


async def test_alerts_once_per_story_at_or_above_level(
    digests: DigestService, stories: Stories, clock: Clock
) -> None:
    await digests.set_alerts(GUILD, 333, 3)
    sink = Sink()
    stories.add(clock.now, level=2, headline="only serious")
    sacked = stories.add(clock.now, level=3, headline="Postecoglou sacked")
    await digests.tick(sink, clock.now)
    await digests.tick(sink, clock.now + timedelta(minutes=1))
    posted = [(c, a.story_id, a.headline) for _, c, a in sink.alerts]
    assert posted == [(333, sacked.story_id, "Postecoglou sacked")]


async def test_alert_failure_keeps_the_story_for_the_next_tick(
    digests: DigestService, stories: Stories, clock: Clock
) -> None:
    await digests.set_alerts(GUILD, 333, 2)
    stories.add(clock.now, level=3)
    sink = Sink(fail_with=DeliveryError("503", permanent=False))
    await digests.tick(sink, clock.now)
    sink.fail_with = None
    await digests.tick(sink, clock.now)
    assert len(sink.alerts) == 1


async def test_an_alert_discord_refuses_is_skipped_and_never_blocks_the_queue(
    store: Store, digests: DigestService, stories: Stories, clock: Clock
) -> None:
    """Issue 10 High #4: a story whose link Discord refuses (400) once held back every later alert."""
    other_guild = GUILD + 1
    await digests.set_alerts(GUILD, 333, 2)
    await digests.set_alerts(other_guild, 444, 2)
    poisoned = stories.add(clock.now, level=3, headline="bad link", url="https://")
    fine = stories.add(clock.now, level=3, manager="Thomas Frank", headline="good link")
    sink = Sink(refuse={poisoned.url})

    for minute in range(3):
        await digests.tick(sink, clock.now + timedelta(minutes=minute))

    posted = sorted((guild, a.story_id) for guild, _, a in sink.alerts)
    assert posted == [(GUILD, fine.story_id), (other_guild, fine.story_id)]
    assert sink.attempts.count(poisoned.url) == 2, "the refused alert was retried instead of skipped"
    for guild in (GUILD, other_guild):
        status = await digests.status(guild)
        assert status.problem is not None and "refused" in status.problem
        assert "Not a well formed URL" in status.to_text()
    async with store.read() as db:
        row = await delivery_rows.get(db, GUILD, "alert", f"story:{poisoned.story_id}:level:3")
    assert row is not None and row.state == "failed" and "Invalid Form Body" in (row.error or "")


async def test_a_digest_discord_refuses_skips_its_slot_only(
    digests: DigestService, stories: Stories, clock: Clock
) -> None:
    clock.now = datetime(2026, 1, 15, 6, 0, tzinfo=UTC)
    await _setup(digests)
    stories.add(datetime(2026, 1, 15, 5, 0, tzinfo=UTC))
    refusal = DeliveryError("400: Invalid Form Body", permanent=True, refused=True)
    sink = Sink(fail_with=refusal)
    await digests.tick(sink, datetime(2026, 1, 15, 7, 0, tzinfo=UTC))
    sink.fail_with = None
    report = await digests.tick(sink, datetime(2026, 1, 15, 7, 1, tzinfo=UTC))
    assert report.digests_posted == [] and sink.digests == [], "the refused slot was retried"
    assert "refused" in ((await digests.status(GUILD)).problem or "")
    await digests.tick(sink, datetime(2026, 1, 16, 7, 0, tzinfo=UTC))
    assert len(sink.digests) == 1, "the next day's digest was held back"


async def test_bad_alert_level_is_refused(digests: DigestService) -> None:
    with pytest.raises(UserError, match="Alert level"):
        await digests.set_alerts(GUILD, 333, 9)


async def test_console_guild_gets_defaults_once(digests: DigestService) -> None:
    status = await digests.ensure_console_guild("Europe/London")
    assert (status.guild_id, status.time, status.alerts_level) == (0, "08:00", 3)
    assert status.timezone == "Europe/London"
    await digests.disable(0)
    again = await digests.ensure_console_guild("Europe/London")
    assert not again.enabled  # an existing choice is never overwritten


async def test_build_previews_without_recording(
    digests: DigestService, stories: Stories, clock: Clock
) -> None:
    assert await digests.build(GUILD, clock.now) is None
    stories.add(clock.now - timedelta(hours=2))
    preview = await digests.build(GUILD, clock.now)
    assert preview is not None and preview.story_count == 1
    assert (await digests.status(GUILD)).last_delivered_at is None


async def test_retry_after_failure_records_the_new_window(
    store: Store, digests: DigestService, stories: Stories, clock: Clock
) -> None:
    clock.now = datetime(2026, 1, 15, 6, 0, tzinfo=UTC)
    await _setup(digests)
    stories.add(datetime(2026, 1, 15, 5, 0, tzinfo=UTC))
    await digests.tick(
        Sink(fail_with=DeliveryError("503", permanent=False)), datetime(2026, 1, 15, 7, 0, tzinfo=UTC)
    )
    stories.add(datetime(2026, 1, 15, 7, 30, tzinfo=UTC), headline="arrived during the outage")
    with pytest.raises(KeyboardInterrupt):
        await digests.tick(Sink(crash=True), datetime(2026, 1, 15, 8, 0, tzinfo=UTC))
    resumed = Sink()
    await digests.resolve_pending(resumed)
    headlines = [s.headline for s in resumed.digests[0][2].entries[0].stories]
    assert "arrived during the outage" in headlines


async def test_a_digest_turned_back_on_after_months_covers_a_week(
    digests: DigestService, stories: Stories, clock: Clock
) -> None:
    clock.now = datetime(2026, 1, 15, 6, 0, tzinfo=UTC)
    await _setup(digests)
    await digests.tick(Sink(), datetime(2026, 1, 15, 7, 0, tzinfo=UTC))  # nothing new, but handled
    await digests.disable(GUILD)
    stories.add(datetime(2026, 3, 1, 12, 0, tzinfo=UTC), headline="long ago")
    stories.add(datetime(2026, 4, 28, 12, 0, tzinfo=UTC), headline="this week")
    clock.now = datetime(2026, 4, 30, 5, 0, tzinfo=UTC)  # 07:00 in Madrid (summer time)
    await _setup(digests)
    sink = Sink()
    await digests.tick(sink, datetime(2026, 4, 30, 7, 0, tzinfo=UTC))
    assert [s.headline for s in sink.digests[0][2].entries[0].stories] == ["this week"]


async def test_removed_from_a_server_stops_posting_there(
    digests: DigestService, stories: Stories, clock: Clock
) -> None:
    clock.now = datetime(2026, 1, 15, 6, 0, tzinfo=UTC)
    await _setup(digests)
    await digests.set_alerts(GUILD, 333, 1)
    await digests.forget_server(GUILD)
    stories.add(datetime(2026, 1, 15, 6, 30, tzinfo=UTC), level=3)
    sink = Sink()
    await digests.tick(sink, datetime(2026, 1, 15, 7, 0, tzinfo=UTC))
    assert sink.digests == [] and sink.alerts == []
    status = await digests.status(GUILD)
    assert not status.enabled and status.alerts_channel_id is None and status.problem
    await digests.forget_server(999)  # a server never configured: nothing to do


async def test_preview_right_after_setup_shows_the_last_day(
    digests: DigestService, stories: Stories, clock: Clock
) -> None:
    clock.now = datetime(2026, 1, 15, 7, 1, tzinfo=UTC)  # just after 08:00 in Madrid
    stories.add(datetime(2026, 1, 15, 6, 0, tzinfo=UTC))
    await _setup(digests)
    preview = await digests.build(GUILD, clock.now)
    assert preview is not None and preview.story_count == 1
