"""Posting one digest or alert through the Delivery protocol, and where posts go (`DeliverySink`).

Steps 2 and 3 of the protocol (bot/digest/__init__.py): post through the sink, then mark the Delivery
'posted' (and advance the server's digest window) in one transaction; a failure is recorded, and a
permanent one becomes the server's visible problem. A transient failure (Discord down, a timeout) is
tried again on later ticks with a growing wait (`retry_delay`), at most `MAX_ATTEMPTS` times in all;
then the post is given up on like a permanent failure, and /digest status says so.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from bot.digest.models import Alert, DeliveryError, Digest
from bot.digest.problems import Problem
from bot.i18n import N_
from storage import Store
from storage import deliveries as delivery_rows
from storage import guilds as guild_rows
from storage.guilds import GuildConfig

log = logging.getLogger("bot.digest")

# What /digest status says about a failed post, by what failed and whether Discord refused that one post.
PROBLEMS = {
    ("digest", False): N_("digest: {reason}"),
    ("digest", True): N_("digest: Discord refused one post, so it was skipped ({reason})"),
    ("alerts", False): N_("alerts: {reason}"),
    ("alerts", True): N_("alerts: Discord refused one post, so it was skipped ({reason})"),
}
GAVE_UP = {
    "digest": N_("digest: not posted after {attempts} tries, so it was skipped ({reason})"),
    "alerts": N_("alerts: one post failed {attempts} times, so it was skipped ({reason})"),
}
MAX_ATTEMPTS = delivery_rows.MAX_ATTEMPTS
FIRST_WAIT = timedelta(minutes=1)
LONGEST_WAIT = timedelta(minutes=30)


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failed post: the first is retried on the next tick,
    then 1, 2, 4 … minutes up to half an hour (about an hour in all before giving up)."""
    if attempts <= 1:
        return timedelta(0)
    wait: timedelta = FIRST_WAIT * 2 ** min(attempts - 2, 16)  # capped: never overflows
    return min(wait, LONGEST_WAIT)


class DeliverySink(Protocol):
    """Where digests and alerts go (Discord channels, or the console). Return the message id if any."""

    async def post_digest(self, guild_id: int, channel_id: int, digest: Digest) -> int | None: ...

    async def post_alert(self, guild_id: int, channel_id: int, alert: Alert) -> int | None: ...


@dataclass(slots=True)
class TickReport:
    """What one tick did (for logs and tests)."""

    digests_posted: list[int] = field(default_factory=list)
    digests_empty: list[int] = field(default_factory=list)
    alerts_posted: list[tuple[int, int]] = field(default_factory=list)
    failures: list[tuple[int, str]] = field(default_factory=list)


class Poster:
    """Posts through a sink and records the outcome; `clock` is read at each post (tests move it)."""

    def __init__(self, store: Store, clock: Callable[[], datetime]) -> None:
        self.store = store
        self.clock = clock

    async def digest(
        self,
        sink: DeliverySink,
        config: GuildConfig,
        delivery: delivery_rows.Delivery,
        digest: Digest,
        slot: datetime,
        report: TickReport,
    ) -> None:
        try:
            message_id = await sink.post_digest(config.guild_id, delivery.channel_id, digest)
        except DeliveryError as exc:
            await self.failed(config.guild_id, delivery.id, exc, "digest", slot=slot)
            report.failures.append((config.guild_id, exc.reason))
            return
        except Exception as exc:
            log.exception("posting the digest for server %s failed", config.guild_id)
            await self.failed(
                config.guild_id, delivery.id, DeliveryError(str(exc), False), "digest", slot=slot
            )
            report.failures.append((config.guild_id, str(exc)))
            return
        now = self.clock()
        async with self.store.transaction() as db:
            await delivery_rows.mark_posted(db, delivery.id, message_id, now)
            await guild_rows.mark_digest_delivered(
                db, config.guild_id, until=digest.until, slot=slot, now=now
            )
        report.digests_posted.append(config.guild_id)
        log.info(
            "digest %s posted to server %s (%d stories)", digest.key, config.guild_id, digest.story_count
        )

    async def alert(
        self,
        sink: DeliverySink,
        config: GuildConfig,
        delivery: delivery_rows.Delivery,
        alert: Alert,
        report: TickReport,
    ) -> str:
        """Post one alert: "posted"; "skipped" (refused, or given up after its last attempt: later
        posts go on); "stop" (the channel is broken: skipped, the server's problem, no more this tick);
        "retry" (transient: due again after its wait)."""
        try:
            message_id = await sink.post_alert(config.guild_id, delivery.channel_id, alert)
        except DeliveryError as exc:
            gave_up = await self.failed(config.guild_id, delivery.id, exc, "alerts")
            report.failures.append((config.guild_id, exc.reason))
            if not exc.permanent:
                return "skipped" if gave_up else "retry"
            return "skipped" if exc.refused else "stop"
        except Exception as exc:
            log.exception("posting an alert for server %s failed", config.guild_id)
            error = DeliveryError(str(exc), False)
            gave_up = await self.failed(config.guild_id, delivery.id, error, "alerts")
            report.failures.append((config.guild_id, str(exc)))
            return "skipped" if gave_up else "retry"
        async with self.store.transaction() as db:
            await delivery_rows.mark_posted(db, delivery.id, message_id, self.clock())
        report.alerts_posted.append((config.guild_id, alert.story_id))
        return "posted"

    async def failed(
        self,
        guild_id: int,
        delivery_id: int,
        error: DeliveryError,
        what: str,
        *,
        slot: datetime | None = None,
    ) -> bool:
        """Record a failed post; returns True when it will not be tried again. A permanent failure, or
        a transient one on its last attempt, becomes the server's visible problem and is skipped."""
        now = self.clock()
        async with self.store.transaction() as db:
            made = await delivery_rows.attempts(db, delivery_id) + 1
            final = error.permanent or made >= MAX_ATTEMPTS
            retry_at = None if final else now + retry_delay(made)
            await delivery_rows.mark_failed(db, delivery_id, error.reason, retry_at=retry_at, give_up=final)
            if not final:
                return False
            if error.permanent:
                problem = Problem(PROBLEMS[what, error.refused], reason=error.problem)
            else:
                problem = Problem(GAVE_UP[what], {"attempts": str(made)}, reason=error.problem)
                log.warning("gave up on a %s post for server %s after %d tries", what, guild_id, made)
            await guild_rows.set_problem(db, guild_id, problem.encode(), now)
            if slot is not None:
                await guild_rows.mark_slot_handled(db, guild_id, slot=slot, now=now)
        return True
