"""Plain-text forms of digests, alerts and digest status (the console and the CLI print these).

Discord renders its own embeds from the same values in cogs/_sink.py and cogs/digests.py.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from bot.digest.models import Alert, Digest, DigestStatus

LEVEL_NAMES = {0: "none", 1: "murmurs", 2: "serious", 3: "decided"}


def level_label(level: int) -> str:
    return LEVEL_NAMES.get(level, str(level))


def format_local(moment: datetime, timezone: str) -> str:
    local = moment.astimezone(ZoneInfo(timezone))
    return f"{local:%a %d %b %H:%M} {local.tzname()}"


def _channel(channel_id: int | None) -> str:
    if not channel_id:
        return "the console"
    return f"<#{channel_id}>"


def digest_title(digest: Digest) -> str:
    local = digest.until.astimezone(ZoneInfo(digest.timezone))
    return f"Hotseat digest — {local:%a %d %b %Y}"


def digest_text(digest: Digest) -> str:
    since = format_local(digest.since, digest.timezone)
    lines = [f"{digest.title} ({digest.story_count} stories since {since})"]
    for entry in digest.entries:
        lines.append(f"\n{entry.title} — {level_label(entry.level)}, index {entry.index:.1f}")
        for story in entry.stories:
            outlets = f" [{', '.join(story.outlets)}]" if story.outlets else ""
            standing = f" ({story.standing})" if story.standing else ""
            lines.append(f"  • {story.headline}{outlets}{standing}\n    {story.url}")
    return "\n".join(lines)


def alert_title(alert: Alert) -> str:
    who = f"{alert.manager} ({alert.club})" if alert.club else alert.manager
    standing = f", {alert.standing}" if alert.standing else ""
    return f"{level_label(alert.level).capitalize()}{standing}: {who}"


def alert_text(alert: Alert) -> str:
    outlets = f" [{', '.join(alert.outlets)}]" if alert.outlets else ""
    return f"ALERT {alert.title}\n  {alert.headline}{outlets}\n  {alert.url}"


def status_lines(status: DigestStatus) -> list[str]:
    """Plain lines shared by the console text and the Discord embed."""
    tz = status.timezone
    if status.enabled and status.time:
        leagues = ", ".join(status.leagues) if status.leagues else "all leagues"
        schedule = (
            f"Daily digest at {status.time} ({tz}) in {_channel(status.channel_id)}, "
            f"level {status.min_level}+ ({level_label(status.min_level)}), {leagues}"
        )
    else:
        schedule = "Daily digest: off (turn it on with /digest setup)"
    lines = [schedule]
    lines.append(
        "Last delivered: "
        + (format_local(status.last_delivered_at, tz) if status.last_delivered_at else "never")
    )
    if status.enabled and status.next_due_at:
        lines.append(f"Next due: {format_local(status.next_due_at, tz)}")
    if status.nothing_new_since and (
        status.last_delivered_at is None or status.nothing_new_since > status.last_delivered_at
    ):
        start = status.news_since or status.last_delivered_at
        since = format_local(start, tz) if start else "set-up"
        lines.append(
            f"Nothing new since {since}: the digest due {format_local(status.nothing_new_since, tz)} "
            "was not posted"
        )
    if status.alerts_channel_id is not None and status.alerts_level is not None:
        lines.append(
            f"Alerts: level {status.alerts_level}+ ({level_label(status.alerts_level)}) "
            f"in {_channel(status.alerts_channel_id)}"
        )
    else:
        lines.append("Alerts: off (turn them on with /alerts)")
    if status.problem:
        lines.append(f"Problem: {status.problem}")
    return lines
