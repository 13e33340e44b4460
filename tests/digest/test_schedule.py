"""Due times across time zones and daylight-saving changes (pure arithmetic)."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.digest import latest_slot, next_slot, parse_time, parse_timezone, timezone_choices
from bot.errors import UserError

MADRID = ZoneInfo("Europe/Madrid")
LONDON = ZoneInfo("Europe/London")


def test_slot_is_local_time_in_each_zone() -> None:
    now = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
    assert latest_slot(now, time(8, 0), MADRID) == datetime(2026, 1, 15, 7, 0, tzinfo=UTC)
    assert latest_slot(now, time(8, 0), ZoneInfo("America/New_York")) == datetime(
        2026, 1, 14, 13, 0, tzinfo=UTC
    )
    assert latest_slot(now, time(8, 0), ZoneInfo("Asia/Tokyo")) == datetime(2026, 1, 14, 23, 0, tzinfo=UTC)


def test_summer_time_moves_the_utc_moment_not_the_local_time() -> None:
    before = latest_slot(datetime(2026, 3, 28, 12, 0, tzinfo=UTC), time(8, 0), LONDON)
    after = latest_slot(datetime(2026, 3, 30, 12, 0, tzinfo=UTC), time(8, 0), LONDON)
    assert before == datetime(2026, 3, 28, 8, 0, tzinfo=UTC)  # GMT
    assert after == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)  # BST


def test_a_time_skipped_by_spring_forward_still_fires_once_that_day() -> None:
    # 29 March 2026: London clocks jump 01:00 -> 02:00, so 01:30 local never happens.
    slot = next_slot(datetime(2026, 3, 28, 23, 0, tzinfo=UTC), time(1, 30), LONDON)
    assert slot.astimezone(LONDON).date().isoformat() == "2026-03-29"
    assert next_slot(slot, time(1, 30), LONDON).astimezone(LONDON).date().isoformat() == "2026-03-30"


def test_an_ambiguous_time_on_fall_back_fires_once() -> None:
    # 25 October 2026: London 01:30 happens twice; the digest comes at the first one only.
    first = next_slot(datetime(2026, 10, 24, 23, 0, tzinfo=UTC), time(1, 30), LONDON)
    assert first == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert next_slot(first, time(1, 30), LONDON) == datetime(2026, 10, 26, 1, 30, tzinfo=UTC)


@settings(max_examples=150, deadline=None)
@given(
    st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)),
    st.times(),
    st.sampled_from(["Europe/London", "Europe/Madrid", "America/Sao_Paulo", "Australia/Sydney", "UTC"]),
)
def test_slots_bracket_now(now: datetime, at: time, zone: str) -> None:
    tz = ZoneInfo(zone)
    at = at.replace(second=0, microsecond=0)
    last = latest_slot(now, at, tz)
    following = next_slot(last, at, tz)
    assert last <= now < following
    assert next_slot(now, at, tz) == following


@pytest.mark.parametrize(
    ("text", "hour", "minute"), [("8:00", 8, 0), ("08:00", 8, 0), ("18.30", 18, 30), ("7h05", 7, 5)]
)
def test_times_people_type(text: str, hour: int, minute: int) -> None:
    assert (parse_time(text).hour, parse_time(text).minute) == (hour, minute)


@pytest.mark.parametrize("text", ["25:00", "8", "noon", "", "08:60"])
def test_bad_times_explain_the_format(text: str) -> None:
    with pytest.raises(UserError, match="HH:MM"):
        parse_time(text)


def test_unknown_time_zone_suggests_names() -> None:
    # Every refusal shows Europe/London as an example, so the suggestion is checked on another city.
    with pytest.raises(UserError, match="Did you mean Europe/Madrid"):
        parse_timezone("Madrid")
    with pytest.raises(UserError) as refused:
        parse_timezone("Zzzz")
    assert "Did you mean" not in refused.value.message
    assert parse_timezone("Europe/Madrid").key == "Europe/Madrid"


def test_timezone_autocomplete_is_short_and_relevant() -> None:
    assert len(timezone_choices("")) <= 25
    assert "Europe/Madrid" in timezone_choices("madr")
    assert len(timezone_choices("a")) == 25
