"""The bundled default feeds (bot/news/default_feeds.json) and outlet names by host for replays."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from bot.news.urls import host_of


@dataclass(frozen=True, slots=True)
class DefaultFeed:
    url: str
    outlet: str
    language: str
    country: str
    site: str


@cache
def default_feeds() -> tuple[DefaultFeed, ...]:
    raw = json.loads((resources.files("bot.news") / "default_feeds.json").read_text(encoding="utf-8"))
    return tuple(
        DefaultFeed(
            entry["url"], entry["outlet"], entry["language"], entry.get("country", ""), entry.get("site", "")
        )
        for entry in raw["feeds"]
    )


def _bare(host: str) -> str:
    for prefix in ("www.", "feeds.", "rss.", "newsfeed."):
        host = host.removeprefix(prefix)
    return host


@cache
def _outlets_by_host() -> dict[str, str]:
    names: dict[str, str] = {}
    for feed in default_feeds():
        if "google" in feed.url:
            continue
        for url in (feed.url, feed.site):
            if url:
                names.setdefault(_bare(host_of(url)), feed.outlet)
    return names


def outlet_for(url: str) -> str | None:
    """A known outlet's name for a page or feed URL (BBC, Marca, ...), else None."""
    return _outlets_by_host().get(_bare(host_of(url)))
