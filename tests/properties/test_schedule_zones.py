"""Digest schedules in every time zone a server may pick (tests/digest covers five): the slot maths
never raises and always brackets the moment, whatever the zone's history of offsets and skipped days."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo, available_timezones

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.digest import Digest, DigestStatus, format_local, latest_slot, next_slot

ZONES = sorted(available_timezones() | {"UTC"})


@settings(max_examples=200, deadline=None)
@given(
    st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2099, 1, 1), timezones=st.just(UTC)),
    st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    st.sampled_from(ZONES),
)
def test_slots_bracket_now_in_every_zone(now: datetime, at: time, zone: str) -> None:
    tz = ZoneInfo(zone)
    last = latest_slot(now, at, tz)
    following = next_slot(last, at, tz)
    assert last <= now < following
    assert next_slot(now, at, tz) == following
    assert last.tzinfo is not None and following.tzinfo is not None
    assert format_local(now, zone)  # what /digest status shows


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(ZONES),
    st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2099, 1, 1), timezones=st.just(UTC)),
)
def test_status_and_digest_text_in_every_zone(zone: str, moment: datetime) -> None:
    status = DigestStatus(
        guild_id=1,
        timezone=zone,
        enabled=True,
        channel_id=5,
        time="08:00",
        min_level=1,
        leagues=(),
        last_delivered_at=moment,
        next_due_at=moment,
        nothing_new_since=moment,
        alerts_channel_id=None,
        alerts_level=None,
        problem=None,
    )
    assert status.to_text() and status.to_dict()["timezone"] == zone
    digest = Digest(1, "k", moment, moment, zone, ())
    assert digest.to_text().startswith("Hotseat digest")
