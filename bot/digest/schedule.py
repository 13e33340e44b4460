"""Schedule arithmetic (pure): parsing a time of day, and the daily slots in a time zone.

The *slot* due at a moment is the latest local HH:MM at or before it (a time that does not exist on a
spring-forward day falls an hour later; an ambiguous one on a fall-back day is its first occurrence).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from zoneinfo import ZoneInfo

from bot.errors import UserError

MAX_WINDOW = timedelta(days=7)
_TIME = re.compile(r"^\s*(\d{1,2})[:.h](\d{2})\s*$")


def parse_time(text: str) -> dtime:
    """'08:00', '8:00', '8.30' or '18h30' → time; anything else is a UserError."""
    match = _TIME.match(text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour < 24 and minute < 60:
            return dtime(hour, minute)
    raise UserError("'{text}' is not a time of day: use 24-hour HH:MM, like 08:00 or 18:30.", text=text)


def _at(day: date, at: dtime, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC)


def latest_slot(now: datetime, at: dtime, tz: ZoneInfo) -> datetime:
    """The latest scheduled moment at or before `now` (UTC)."""
    today = now.astimezone(tz).date()
    slot = _at(today, at, tz)
    if slot > now:
        slot = _at(today - timedelta(days=1), at, tz)
    return slot


def next_slot(after: datetime, at: dtime, tz: ZoneInfo) -> datetime:
    """The first scheduled moment strictly after `after` (UTC)."""
    day = after.astimezone(tz).date()
    for offset in range(3):
        slot = _at(day + timedelta(days=offset), at, tz)
        if slot > after:
            return slot
    raise AssertionError("a daily slot always exists within three days")


def window_start(last_delivered: datetime | None, moment: datetime) -> datetime:
    """Where a digest starts: the last delivered one, but never more than MAX_WINDOW back (a digest
    turned back on after months summarises the last week, not everything since)."""
    earliest = moment - MAX_WINDOW
    if last_delivered is None:
        return moment - timedelta(days=1)
    return max(last_delivered, earliest)
