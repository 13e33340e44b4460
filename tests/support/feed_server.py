"""A real HTTP feed server on 127.0.0.1:<free port> for tests, the e2e suite and benchmarks.

Each test declares its routes: static feeds (with ETag/Last-Modified and 304s), redirects, slow
answers, endless bodies, error statuses with Retry-After, garbage bytes, and generated feeds
(`/gen/<n>.xml`, 50 items by default) for load. It records hits and request headers per path.

    async with FeedServer() as server:
        server.feed("/a.xml", rss_feed([item(1)]), etag='"v1"')
        url = server.url("/a.xml")

Run standalone (for benchmarks in another process): `python -m tests.support.feed_server --port 0`
prints the port on stdout, then serves until killed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ssl
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from typing import Any

from aiohttp import web


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    redirect: str | None = None
    endless: bool = False


def item(
    n: int,
    *,
    title: str | None = None,
    link: str | None = None,
    guid: str | None = None,
    date: str | None = "Tue, 24 Nov 2026 06:00:00 GMT",
    summary: str | None = None,
) -> dict[str, Any]:
    """One item spec for the feed builders below (every field overridable)."""
    return {
        "title": title if title is not None else f"Story {n}: manager under pressure",
        "link": link if link is not None else f"https://news.example/football/story-{n}",
        "guid": guid if guid is not None else f"story-{n}",
        "date": date,
        "summary": summary if summary is not None else f"<p>Summary of <b>story {n}</b>.</p>",
    }


def rss_feed(
    items: list[dict[str, Any]],
    title: str = "Test Football",
    encoding: str = "utf-8",
    language: str | None = "en-gb",
) -> bytes:
    """An RSS 2.0 document; `language=None` leaves out the channel's <language> declaration."""
    declared = f"<language>{escape(language)}</language>" if language else ""
    parts = [
        f'<?xml version="1.0" encoding="{encoding}"?>\n<rss version="2.0"><channel>',
        f"<title>{escape(title)}</title><link>https://news.example/</link>{declared}",
    ]
    for it in items:
        parts.append("<item>")
        parts.append(f"<title>{escape(it['title'])}</title>")
        if it["link"]:
            parts.append(f"<link>{escape(it['link'])}</link>")
        if it["guid"]:
            parts.append(f'<guid isPermaLink="false">{escape(it["guid"])}</guid>')
        if it["date"]:
            parts.append(f"<pubDate>{it['date']}</pubDate>")
        parts.append(f"<description>{escape(it['summary'])}</description></item>")
    parts.append("</channel></rss>\n")
    return "".join(parts).encode(encoding)


def atom_feed(items: list[dict[str, Any]], title: str = "Test Atom") -> bytes:
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">',
        f'<title>{escape(title)}</title><link href="https://atom.example/"/><id>urn:test</id>',
    ]
    for it in items:
        parts.append(f'<entry><title type="html">{escape(it["title"])}</title>')
        if it["link"]:
            parts.append(f'<link rel="alternate" href="{escape(it["link"])}"/>')
        parts.append(f"<id>{escape(it['guid'] or it['link'])}</id>")
        if it["date"]:
            parts.append(f"<updated>{it['date']}</updated>")
        parts.append(f'<summary type="html">{escape(it["summary"])}</summary></entry>')
    parts.append("</feed>\n")
    return "".join(parts).encode("utf-8")


def rdf_feed(items: list[dict[str, Any]], title: str = "Test RSS 1.0") -> bytes:
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
        f'<channel rdf:about="https://rdf.example/"><title>{escape(title)}</title>'
        "<link>https://rdf.example/</link></channel>",
    ]
    for it in items:
        parts.append(f'<item rdf:about="{escape(it["link"])}"><title>{escape(it["title"])}</title>')
        parts.append(f"<link>{escape(it['link'])}</link>")
        if it["date"]:
            parts.append(f"<dc:date>{it['date']}</dc:date>")
        parts.append(f"<description>{escape(it['summary'])}</description></item>")
    parts.append("</rdf:RDF>\n")
    return "".join(parts).encode("utf-8")


def generated_feed(n: int, items: int = 50) -> bytes:
    """Feed number `n` for load tests: `items` distinct items with unique links and GUIDs."""
    specs = [
        item(
            n * 1000 + i,
            title=f"Feed {n} story {i}: coach faces crunch talks",
            link=f"https://gen.example/{n}/story-{i}",
            guid=f"gen-{n}-{i}",
            summary=f"<p>Board meeting for club {n} after result {i}; <a href='/x'>more</a>.</p>",
        )
        for i in range(items)
    ]
    return rss_feed(specs, title=f"Generated {n}")


class FeedServer:
    """Async context manager: start on 127.0.0.1:0, declare routes, inspect hits."""

    def __init__(self, generated_items: int = 50, ssl_context: ssl.SSLContext | None = None) -> None:
        self.ssl_context = ssl_context
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.requests: dict[str, list[dict[str, str]]] = {}
        self.generated_items = generated_items
        self._generated: dict[str, bytes] = {}
        self._runner: web.AppRunner | None = None
        self.port = 0
        self.in_flight = 0
        self.max_in_flight = 0  # most requests being answered at once (per-host cap checks)

    async def __aenter__(self) -> FeedServer:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def start(self, port: int = 0) -> None:
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, handler_cancellation=True)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port, ssl_context=self.ssl_context)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        scheme = "https" if self.ssl_context else "http"
        return f"{scheme}://{host}:{self.port}{path}"

    # --- route declarations ----------------------------------------------------------------

    def feed(
        self,
        path: str,
        body: bytes,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        content_type: str = "application/rss+xml; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.routes[path] = Route(
            body=body,
            etag=etag,
            last_modified=last_modified,
            content_type=content_type,
            headers=headers or {},
        )

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        self.routes[path] = Route(status=status, redirect=location)

    def status(self, path: str, code: int, retry_after: str | None = None) -> None:
        headers = {"Retry-After": retry_after} if retry_after else {}
        self.routes[path] = Route(status=code, headers=headers, body=b"error", content_type="text/plain")

    def slow(self, path: str, delay: float, body: bytes) -> None:
        self.routes[path] = Route(body=body, delay=delay)

    def page(self, path: str, html: str) -> None:
        """An article web page (for article-text extraction)."""
        self.routes[path] = Route(body=html.encode("utf-8"), content_type="text/html; charset=utf-8")

    def endless(self, path: str) -> None:
        self.routes[path] = Route(endless=True)

    # --- serving ------------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            return await self._answer(request)
        finally:
            self.in_flight -= 1

    async def _answer(self, request: web.Request) -> web.StreamResponse:
        path = request.path
        self.hits[path] += 1
        self.requests.setdefault(path, []).append(dict(request.headers))
        route = self.routes.get(path) or self._generate(path)
        if route is None:
            return web.Response(status=404, text="no such feed")
        if route.delay:
            await asyncio.sleep(route.delay)
        if route.redirect is not None:
            return web.Response(status=route.status, headers={"Location": route.redirect})
        if route.endless:
            return await self._endless(request)
        if route.status != 200:
            return web.Response(
                status=route.status, body=route.body, headers=route.headers, content_type=route.content_type
            )
        headers = dict(route.headers)
        headers["Content-Type"] = route.content_type
        if route.etag:
            headers["ETag"] = route.etag
        if route.last_modified:
            headers["Last-Modified"] = route.last_modified
        if (route.etag and request.headers.get("If-None-Match") == route.etag) or (
            not route.etag
            and route.last_modified
            and request.headers.get("If-Modified-Since") == route.last_modified
        ):
            headers.pop("Content-Type")
            return web.Response(status=304, headers=headers)
        return web.Response(body=route.body, headers=headers)

    def _generate(self, path: str) -> Route | None:
        if not (path.startswith("/gen/") and path.endswith(".xml")):
            return None
        number = path[5:-4]
        if not number.isdigit():
            return None
        body = self._generated.get(number)
        if body is None:
            body = self._generated[number] = generated_feed(int(number), self.generated_items)
        return Route(body=body, etag=f'"gen-{number}"')

    async def _endless(self, request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
        await response.prepare(request)
        chunk = b"<rss><channel>" + b"<item><title>x</title></item>" * 2000
        try:
            while True:
                await response.write(chunk)
        except (ConnectionResetError, asyncio.CancelledError, RuntimeError):
            pass
        return response


async def _serve(port: int, items: int) -> None:
    server = FeedServer(generated_items=items)
    await server.start(port)
    print(server.port, flush=True)
    await asyncio.Event().wait()


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve test feeds on 127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--items", type=int, default=50)
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args.port, args.items))


if __name__ == "__main__":
    main()
