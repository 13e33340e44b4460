"""Where one story is announced in a server, and whom each post may ping.

The server's alerts channel gets stories at or above its alerts level (no ping); each matching follow
adds its channel (default: the alerts channel) and its role. A story goes to each channel ONCE, with the
roles of every follow that matched there, so three follows of one club never make three posts.
Each (story, channel) post is its own Delivery: the alerts channel keeps the story's key, another
channel's key gets "@<channel id>" so the protocol's UNIQUE key still means "posted once".
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.rumours.results import StoryAlert
from storage.follows import Follow

Routes = dict[int, tuple[int, ...]]  # channel id → role ids to ping there


def matches(follow: Follow, story: StoryAlert) -> bool:
    if follow.kind == "manager":
        return story.manager_key == follow.target
    if follow.kind == "club":
        return story.club_key is not None and story.club_key == follow.target
    return story.league == follow.target


def routes(
    story: StoryAlert,
    follows: Sequence[Follow],
    alerts_channel: int | None,
    alerts_level: int | None,
) -> Routes:
    """Channels to post in (the alerts channel first, then by id), each with its sorted roles."""
    found: dict[int, set[int]] = {}
    if alerts_channel is not None and alerts_level is not None and story.level >= alerts_level:
        found[alerts_channel] = set()
    for follow in follows:
        if story.level < follow.min_level or not matches(follow, story):
            continue
        channel = follow.channel_id or alerts_channel
        if channel is None:
            continue
        roles = found.setdefault(channel, set())
        if follow.role_id is not None:
            roles.add(follow.role_id)
    order = sorted(found, key=lambda channel: (channel != alerts_channel, channel))
    return {channel: tuple(sorted(found[channel])) for channel in order}


def delivery_key(story_key: str, channel: int, alerts_channel: int | None) -> str:
    return story_key if channel == alerts_channel else f"{story_key}@{channel}"


def story_key_of(key: str) -> str:
    """The story's own alert key inside a Delivery key (the part before "@<channel>")."""
    return key.partition("@")[0]
