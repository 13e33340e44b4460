"""A process killed between storing a poll's articles and analysing them: the restart must analyse them.

The poller commits articles (and the feed's ETag) first and hands them to analysis after the commit;
a kill in between used to leave them stored but never analysed: no finding, no story, no alert, and the
next poll sees them as already stored. The crash drill found it (`stored_never_analysed`).
"""

from __future__ import annotations

import asyncio
import contextlib

import pytest

from bot.config import Settings
from bot.models import StoredArticle
from bot.service import Service
from tests.support.feed_server import FeedServer, item, rss_feed

SACKINGS = [
    item(1, title="Borussia Dortmund sack Niko Kovač", summary="Dortmund have sacked head coach Niko Kovač."),
    item(2, title="AC Milan sack Massimiliano Allegri", summary="Milan have sacked Massimiliano Allegri."),
]


async def _analysed(service: Service) -> tuple[int, int]:
    counts = await service.rumours.counts()
    return counts.articles, counts.findings


class Killed(BaseException):
    """Stands in for SIGKILL: nothing after it runs, not even `except Exception` handlers."""


async def test_articles_stored_before_a_kill_are_analysed_after_the_restart(settings: Settings) -> None:
    async with FeedServer() as server:
        server.feed("/news.xml", rss_feed(SACKINGS), etag='"v1"')
        first = await Service.open(settings)
        try:
            await first.news.add_feed(server.url("/news.xml"), None)

            async def killed_before_analysis(article: StoredArticle) -> None:
                raise Killed  # the process dies here: stored, never analysed

            first.news.on_article = killed_before_analysis
            with pytest.raises(Killed):
                await first.news.poll_once()
            assert (await _analysed(first)) == (2, 0)
        finally:
            await first.close()

        restarted = await Service.open(settings)
        loop = asyncio.create_task(restarted.news.run_forever())
        try:
            for _ in range(100):
                articles, findings = await _analysed(restarted)
                if findings == articles:
                    break
                await asyncio.sleep(0.05)
        finally:
            loop.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await loop
            articles, findings = await _analysed(restarted)
            await restarted.close()
    assert (articles, findings) == (2, 2)
