"""The console's one start-up summary: store, feeds, match data, next digest; details are one command away."""

from __future__ import annotations

from collections import Counter
from typing import Any

from bot.news.reports import FeedStatus
from bot.service import Service
from bot.terminal import one_line
from storage import matches as q


def feeds_line(feeds: list[FeedStatus]) -> str:
    """All feeds in one line: how many work, how many do not and the commonest reasons why."""
    if not feeds:
        return "Feeds: none yet (/feeds add URL)."
    down = [feed for feed in feeds if feed.disabled_reason or feed.failures]
    text = f"Feeds: {len(feeds) - len(down)} of {len(feeds)} reachable"
    if down:
        reasons = Counter(
            one_line(feed.disabled_reason or feed.last_error or "failing")[:60] for feed in down
        )
        common = ", ".join(f"{count} × {reason}" for reason, count in reasons.most_common(2))
        more = " …" if len(reasons) > 2 else ""
        text += f"; {len(down)} unreachable ({common}{more})"
    return f"{text}. /feeds list has the detail."


def matches_line(seasons: list[Any]) -> str:
    if not seasons:
        return "Match data: none yet (loads by itself with a network, or 'hotseat import-matches')."
    leagues = sorted({row["competition"] for row in seasons})
    names = sorted({row["season"] for row in seasons})
    span = names[0] if len(names) == 1 else f"{names[0]} to {names[-1]}"
    results = sum(row["results"] for row in seasons)
    return f"Match data: {', '.join(leagues)}, {span} ({results} results)."


async def startup_summary(service: Service, guild_id: int) -> str:
    about = await service.about()
    feeds = await service.news.list_feeds(None)
    async with service.store.read() as db:
        seasons = await q.seasons(db)
    status = await service.digests.status(guild_id)
    lines = [
        f"Store: {about.db_path}, {about.articles} articles, {about.findings} findings.",
        feeds_line(feeds),
        matches_line(seasons),
        "Next digest: "
        + (
            status.next_due_at.strftime("%a %d %b %H:%M %Z")
            if status.next_due_at is not None
            else "not scheduled (/digest setup)"
        )
        + ".",
    ]
    lines += [problem.text() for problem in about.data_problems]  # live data left stale last time
    if about.write_problem:
        lines.append(f"Warning: {about.write_problem}")
    return "\n".join(lines)
