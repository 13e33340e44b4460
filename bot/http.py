"""The one place that imports httpx's client: every fetch goes through the client made here."""

from __future__ import annotations

import httpx

from bot import __version__
from bot.config import Settings

USER_AGENT = f"Hotseat/{__version__} (+https://github.com/hotseat-bot/hotseat; football news digest bot)"


def make_client(settings: Settings) -> httpx.AsyncClient:
    """A shared client; redirects are followed by hand so every hop is checked."""
    return httpx.AsyncClient(
        headers={"User-Agent": USER_AGENT},
        follow_redirects=False,
        timeout=httpx.Timeout(settings.fetch_timeout_seconds),
    )
