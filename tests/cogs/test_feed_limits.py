"""/feeds add is bounded per server: at most HOTSEAT_MAX_FEEDS_PER_SERVER feeds, a few adds per hour."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.errors import UserError
from cogs.feeds import AddLimiter
from tests.cogs.conftest import MANAGE_GUILD, Harness, option

CAP = 2


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"max_feeds_per_server": CAP})


async def _add(harness: Harness, n: int) -> str:
    url = f"http://127.0.0.1:9/feed-{n}.xml"
    answer = await harness.invoke("feeds", [option("url", url)], subcommand="add", permissions=MANAGE_GUILD)
    assert answer[-1].ephemeral
    return answer[-1].text


async def test_a_server_follows_at_most_the_cap(harness: Harness) -> None:
    assert "Feed added" in await _add(harness, 1)
    assert "Feed added" in await _add(harness, 2)
    refused = await _add(harness, 3)
    assert "already follows 2 feeds, the most allowed (2)" in refused
    assert "/feeds remove" in refused
    listed = await harness.invoke("feeds", subcommand="list", permissions=MANAGE_GUILD)
    assert "feed-3" not in listed[0].text and "feed-2" in listed[0].text


def test_adds_are_limited_per_server_in_a_sliding_hour() -> None:
    now = [0.0]
    limiter = AddLimiter(2, 3600.0, clock=lambda: now[0])
    limiter.take(1)
    now[0] = 1000.0
    limiter.take(1)
    limiter.take(2)  # another server has its own allowance
    with pytest.raises(UserError, match="try again in 44 minutes"):
        limiter.take(1)
    now[0] = 3600.0  # the first attempt has left the window
    limiter.take(1)
    with pytest.raises(UserError, match="added 2 feeds in the last hour"):
        limiter.take(1)
