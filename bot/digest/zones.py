"""Time-zone names: checking what an admin typed, and the autocomplete choices for it."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.errors import UserError


def parse_timezone(name: str) -> ZoneInfo:
    cleaned = name.strip()
    try:
        if cleaned and cleaned in available_timezones() | {"UTC"}:
            return ZoneInfo(cleaned)
    except (ZoneInfoNotFoundError, ValueError):
        pass
    hints = timezone_choices(cleaned, limit=3)
    if hints:
        raise UserError(
            "'{name}' is not a time zone I know: use a name like Europe/London. Did you mean {hints}?",
            name=name,
            hints=", ".join(hints),
        )
    raise UserError("'{name}' is not a time zone I know: use a name like Europe/London.", name=name)


def timezone_choices(typed: str, limit: int = 25) -> list[str]:
    """Time zone names for autocomplete: common ones first for empty input, else substring matches."""
    common = [
        "UTC",
        "Europe/London",
        "Europe/Madrid",
        "Europe/Paris",
        "Europe/Berlin",
        "Europe/Rome",
        "Europe/Lisbon",
        "Europe/Amsterdam",
        "America/New_York",
        "America/Chicago",
        "America/Los_Angeles",
        "America/Sao_Paulo",
        "Asia/Tokyo",
        "Australia/Sydney",
    ]
    needle = typed.strip().casefold().replace(" ", "_")
    if not needle:
        return common[:limit]
    names = sorted(available_timezones())
    starts = [n for n in names if n.casefold().startswith(needle)]
    inside = [n for n in names if needle in n.casefold() and n not in starts]
    return (starts + inside)[:limit]
