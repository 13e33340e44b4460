"""A post that keeps failing transiently is tried a bounded number of times, with growing waits, then
given up on with a reason admins see in /digest status; later posts are never held up for good."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.digest import DeliveryError, Digest, DigestService
from bot.digest.delivery import MAX_ATTEMPTS, retry_delay
from storage import Store

from .conftest import Clock, Sink, Stories

GUILD, CHANNEL = 111, 222


@dataclass
class CountingSink(Sink):
    """A Sink that also counts digest attempts (the base one counts alert attempts)."""

    digest_attempts: int = 0

    async def post_digest(self, guild_id: int, channel_id: int, digest: Digest) -> int | None:
        self.digest_attempts += 1
        return await super().post_digest(guild_id, channel_id, digest)


def test_waits_grow_and_stay_bounded() -> None:
    waits = [retry_delay(n) for n in range(1, MAX_ATTEMPTS)]
    assert waits[0] == timedelta(0), "the first failure is retried on the next tick"
    assert all(later >= earlier for earlier, later in itertools.pairwise(waits))
    assert waits[1] == timedelta(minutes=1) and max(waits) == timedelta(minutes=30)
    assert timedelta(minutes=30) < sum(waits, timedelta(0)) < timedelta(hours=2)


async def test_a_digest_failing_every_time_is_given_up_after_the_last_attempt(
    store: Store, digests: DigestService, stories: Stories, clock: Clock
) -> None:
    clock.now = datetime(2026, 1, 15, 6, 0, tzinfo=UTC)
    await digests.setup(GUILD, CHANNEL, "08:00", "Europe/Madrid")
    stories.add(datetime(2026, 1, 15, 5, 0, tzinfo=UTC))
    sink = CountingSink(fail_with=DeliveryError("Discord is having trouble (503)", permanent=False))
    clock.now = datetime(2026, 1, 15, 7, 0, tzinfo=UTC)  # 08:00 in Madrid: the slot is due
    minutes = 0
    for attempt in range(1, MAX_ATTEMPTS + 1):
        await digests.tick(sink, clock.now)
        assert sink.digest_attempts == attempt
        status = await digests.status(GUILD)
        if attempt < MAX_ATTEMPTS:
            assert status.problem is None, "a transient failure is not a problem yet"
            wait = retry_delay(attempt)
            if wait:
                clock.now += wait - timedelta(seconds=1)
                await digests.tick(sink, clock.now)
                assert sink.digest_attempts == attempt, "retried before its wait was over"
                clock.now += timedelta(seconds=1)
            minutes += int(wait.total_seconds() // 60)
    status = await digests.status(GUILD)
    assert (
        status.problem
        == "digest: not posted after 8 tries, so it was skipped (Discord is having trouble (503))"
    )
    assert await _rows(store) == [("digest", "failed", MAX_ATTEMPTS)]
    for later in range(1, 4):  # the slot is over: nothing more, however long Discord stays down
        await digests.tick(sink, clock.now + timedelta(hours=later))
    assert sink.digest_attempts == MAX_ATTEMPTS
    assert 30 < minutes < 120, "about an hour of retries"

    sink.fail_with = None  # the next day's digest goes out as usual, with the stories since
    stories.add(datetime(2026, 1, 15, 12, 0, tzinfo=UTC), headline="next day")
    await digests.tick(sink, datetime(2026, 1, 16, 7, 0, tzinfo=UTC))
    assert [d.story_count for _, _, d in sink.digests] == [2]


async def test_a_transient_failure_then_success_posts_once(
    store: Store, digests: DigestService, stories: Stories, clock: Clock
) -> None:
    clock.now = datetime(2026, 1, 15, 6, 0, tzinfo=UTC)
    await digests.setup(GUILD, CHANNEL, "08:00", "Europe/Madrid")
    stories.add(datetime(2026, 1, 15, 5, 0, tzinfo=UTC))
    sink = CountingSink(fail_with=DeliveryError("timeout", permanent=False))
    clock.now = datetime(2026, 1, 15, 7, 0, tzinfo=UTC)
    await digests.tick(sink, clock.now)
    await digests.tick(sink, clock.now)  # retried at once: the first wait is none
    assert sink.digest_attempts == 2
    sink.fail_with = None
    await digests.tick(sink, clock.now + timedelta(seconds=59))
    assert sink.digest_attempts == 2, "the second failure waits a minute"
    clock.now += timedelta(minutes=1)
    await digests.tick(sink, clock.now)
    await digests.tick(sink, clock.now + timedelta(minutes=5))
    assert (sink.digest_attempts, len(sink.digests)) == (3, 1)
    assert await _rows(store) == [("digest", "posted", 2)]
    assert (await digests.status(GUILD)).problem is None


async def test_an_alert_failing_every_time_stops_blocking_later_ones(
    store: Store, digests: DigestService, stories: Stories, clock: Clock
) -> None:
    await digests.set_alerts(GUILD, 333, 2)
    stuck = stories.add(clock.now, level=3, headline="stuck")
    sink = CountingSink(fail_with=DeliveryError("503", permanent=False))
    for attempt in range(1, MAX_ATTEMPTS + 1):
        await digests.tick(sink, clock.now)
        assert len(sink.attempts) == attempt
        clock.now += retry_delay(attempt)
    assert (await digests.status(GUILD)).problem == (
        "alerts: one post failed 8 times, so it was skipped (503)"
    )
    sink.fail_with = None
    stories.add(clock.now, level=3, headline="next")
    await digests.tick(sink, clock.now)
    await digests.tick(sink, clock.now + timedelta(minutes=1))
    assert [alert.headline for _, _, alert in sink.alerts] == ["next"]
    assert sink.attempts.count(stuck.url) == MAX_ATTEMPTS


async def _rows(store: Store) -> list[tuple[str, str, int]]:
    """(kind, state, failed attempts) of every delivery, oldest first."""
    sql = "SELECT kind, state, attempts FROM deliveries ORDER BY id"
    async with store.read() as db, db.execute(sql) as cursor:
        return [(str(row[0]), str(row[1]), int(row[2])) for row in await cursor.fetchall()]
