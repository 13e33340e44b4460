"""Main text of an article page, for feeds that carry only a headline and a line.

The page comes through the same SafeFetcher (address checks, redirects by hand, size cap). trafilatura
has no timeout of its own, so it runs in a worker thread that we stop waiting for after a deadline.
trafilatura is an optional extra (`pip install 'hotseat[fulltext]'`): without it, articles keep the
feed's own summary and the log says so once.
"""

from __future__ import annotations

import asyncio
import importlib.util
import logging

from bot.news.clean import html_to_text
from bot.news.fetch import HTML_ACCEPT, FetchError, SafeFetcher

log = logging.getLogger(__name__)

MAX_PAGE_BYTES = 2_000_000
MAX_BODY_CHARS = 20_000
EXTRACT_SECONDS = 10.0


_warned = False


def available() -> bool:
    """Whether trafilatura is installed; says once in the log when it is not."""
    global _warned
    if importlib.util.find_spec("trafilatura") is not None:
        return True
    if not _warned:
        _warned = True
        log.warning(
            "trafilatura is not installed (pip install 'hotseat[fulltext]'): articles keep the feed's summary"
        )
    return False


def _extract(page: bytes, url: str) -> str | None:
    import trafilatura  # an optional extra: imported only where used (see available())

    text = trafilatura.extract(page, url=url, include_comments=False, include_tables=False)
    return str(text) if text else None


async def fetch_article_text(fetcher: SafeFetcher, url: str) -> str | None:
    """The page's main text, or None when it cannot be had safely and quickly (never raises)."""
    if not url.startswith(("http://", "https://")) or not available():
        return None
    try:
        page = await fetcher.fetch(url, accept=HTML_ACCEPT, max_bytes=min(MAX_PAGE_BYTES, fetcher.max_bytes))
    except FetchError as exc:
        log.info("article text for %s not fetched: %s", url, exc.reason)
        return None
    if page.status == 304 or not page.body:
        return None
    try:
        async with asyncio.timeout(EXTRACT_SECONDS):
            text = await asyncio.to_thread(_extract, page.body, page.url)
    except TimeoutError:
        log.info("article text for %s: extraction took too long", url)
        return None
    except Exception:  # trafilatura/lxml raise many types on odd pages
        log.info("article text for %s: extraction failed", url, exc_info=True)
        return None
    return html_to_text(text, MAX_BODY_CHARS) if text else None
