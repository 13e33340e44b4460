"""The crash drill's world: registry managers, the servers' zones, a newsroom publishing items over
time to feeds on a local server (scripts/crash_drill.py)."""

from __future__ import annotations

import asyncio
import random
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime

from aiohttp import web

from bot.news.ingest import content_hash
from bot.news.urls import canonical_url
from tests.support.feed_server import FeedServer, Route, item, rss_feed

PYTHON = sys.executable
ZONES = ["UTC"] + [f"Etc/GMT{sign}{n}" for sign in "+-" for n in range(1, 13)] + ["Etc/GMT-13", "Etc/GMT-14"]
MANAGERS = [  # (manager, club) pairs the bundled registry knows
    ("Niko Kovač", "Borussia Dortmund"),
    ("Sebastian Hoeneß", "VfB Stuttgart"),
    ("Dino Toppmöller", "Eintracht Frankfurt"),
    ("Massimiliano Allegri", "AC Milan"),
    ("Luciano Spalletti", "Juventus"),
    ("Gian Piero Gasperini", "AS Roma"),
    ("Vincenzo Italiano", "Bologna"),
    ("Paulo Fonseca", "Lyon"),
    ("Franck Haise", "Nice"),
    ("Bruno Génésio", "Lille"),
    ("Mikel Arteta", "Arsenal"),
    ("Unai Emery", "Aston Villa"),
    ("Keith Andrews", "Brentford"),
    ("Fabian Hürzeler", "Brighton"),
    ("Scott Parker", "Burnley"),
    ("Marco Rose", "Bournemouth"),
    ("Cesc Fàbregas", "Como"),
    ("Paolo Vanoli", "Fiorentina"),
    ("Marco Baroni", "Torino"),
    ("Habib Beye", "Rennes"),
]


# ---- the newsroom: items published over time ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Published:
    n: int
    feeds: tuple[int, ...]
    title: str
    summary: str
    link: str
    level: int
    at: datetime

    @property
    def canonical(self) -> str:
        return canonical_url(self.link)

    @property
    def hash(self) -> str:
        return content_hash(self.title, self.summary)


def _story(n: int, rng: random.Random) -> tuple[str, str, int]:
    manager, club = rng.choice(MANAGERS)
    level = rng.choices([0, 1, 2, 3], weights=[3, 3, 2, 2])[0]
    if level == 0:
        return f"{club} prepare for the weekend (report {n})", f"{club} trained on Tuesday; report {n}.", 0
    if level == 1:
        title = f"{manager} under pressure at {club} after another defeat (report {n})"
        return title, f"{manager} is under growing pressure at {club} after a poor run. Report {n}.", 1
    if level == 2:
        title = f"{club} board hold crisis talks over {manager} future (report {n})"
        return title, f"{club} chiefs meet to decide whether {manager} stays; an ultimatum. Report {n}.", 2
    title = f"{club} sack {manager} (report {n})"
    return title, f"{club} have sacked head coach {manager} after a run of defeats. Report {n}.", 3


class Newsroom:
    """Feeds whose items grow over time; every item ever published stays in its feeds."""

    def __init__(self, server: FeedServer, feeds: int, rng: random.Random) -> None:
        self.server = server
        self.feeds = feeds
        self.rng = rng
        self.items: list[Published] = []
        self.version = 0
        for index in range(feeds):
            self._serve(index)

    def path(self, index: int) -> str:
        return f"/drill/feed-{index}.xml"

    def publish(self) -> Published:
        n = len(self.items) + 1
        title, summary, level = _story(n, self.rng)
        link = f"https://news.example/drill/{n}"
        roll = self.rng.random()
        feeds = tuple(self.rng.sample(range(self.feeds), 2 if roll < 0.15 and self.feeds > 1 else 1))
        if 0.15 <= roll < 0.25 and self.items:  # a wire copy: same words, another address
            earlier = self.rng.choice(self.items)
            title, summary, level = earlier.title, earlier.summary, earlier.level
            link = f"https://wire.example/copy/{n}"
        published = Published(n, feeds, title, summary, link, level, datetime.now(UTC))
        self.items.append(published)
        for index in feeds:
            self._serve(index)
        return published

    def _serve(self, index: int) -> None:
        self.version += 1
        specs = [
            item(
                p.n,
                title=p.title,
                link=p.link,
                guid=f"drill-{p.n}",
                date=format_datetime(p.at, usegmt=True),
                summary=p.summary,
            )
            for p in self.items
            if index in p.feeds
        ]
        body = rss_feed(specs, title=f"Drill Daily {index}")
        delay = 0.15 if index % 2 else 0.0  # some slow answers widen the mid-poll window
        self.server.routes[self.path(index)] = Route(body=body, etag=f'"v{self.version}"', delay=delay)


class DrillServer(FeedServer):
    """The shared feed server, telling the drill when the bot asks for a feed."""

    def __init__(self) -> None:
        super().__init__()
        self.on_request: list[asyncio.Event] = []

    async def __aenter__(self) -> DrillServer:
        await self.start()
        return self

    async def _answer(self, request: web.Request) -> web.StreamResponse:
        for event in self.on_request:
            event.set()
        return await super()._answer(request)
