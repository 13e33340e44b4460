"""The one place that imports httpx's client: every fetch goes through the client made here.

Redirects are off (the news fetcher follows them by hand so every hop is checked) and pool limits are
given to the transport, because httpx ignores client-level limits when a transport is passed.
"""

from __future__ import annotations

import httpx

from bot import __version__
from bot.config import Settings

USER_AGENT = f"Hotseat/{__version__} (+https://github.com/hotseat-bot/hotseat; football news digest bot)"
MAX_CONNECTIONS = 100


def make_client(settings: Settings) -> httpx.AsyncClient:
    """A shared client; redirects are followed by hand so every hop is checked."""
    transport = httpx.AsyncHTTPTransport(
        limits=httpx.Limits(max_connections=MAX_CONNECTIONS, max_keepalive_connections=MAX_CONNECTIONS),
        retries=0,
    )
    return httpx.AsyncClient(
        headers={"User-Agent": USER_AGENT},
        follow_redirects=False,
        timeout=httpx.Timeout(settings.fetch_timeout_seconds),
        transport=transport,
        trust_env=False,
    )
