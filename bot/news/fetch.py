"""Safe HTTP GET for feeds and article pages.

The client comes from bot/http.py: each new connection is resolved, checked (bot/news/addresses.py)
and dialled to the checked address only, while the URL keeps its host name, so connections are pooled
per host and TLS checks the certificate of the host asked for. Compressed bodies arrive inflated in
bounded steps (one content coding at most). Redirects are followed by hand (at most 5), the whole
fetch runs under one `asyncio.timeout`, and the body is read as a stream with a cap on its bytes.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

from bot.http import BodyRefused, is_checked, refusal_of

REDIRECTS = {301, 302, 303, 307, 308}
MAX_REDIRECTS = 5
MAX_RETRY_AFTER = 7 * 24 * 3600.0  # seconds: a longer wait asked for is clamped to a week
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
HTML_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


class FetchError(Exception):
    """A fetch that did not produce a usable body; `reason` is short and readable by admins."""

    def __init__(
        self,
        reason: str,
        *,
        status: int | None = None,
        retry_after: float | None = None,
        permanent: bool = False,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.retry_after = retry_after
        self.permanent = permanent


@dataclass(frozen=True, slots=True)
class Fetched:
    status: int  # 200-299, or 304 when the validators still match
    url: str  # the final URL after redirects
    headers: dict[str, str]  # lower-cased names
    body: bytes

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date), at most a week."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return MAX_RETRY_AFTER if len(value) > 9 else min(float(value), MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds = (when - (now or datetime.now(UTC))).total_seconds()
    return min(max(0.0, seconds), MAX_RETRY_AFTER)


class SafeFetcher:
    """Fetches over the shared client with per-host concurrency, a whole-fetch timeout and a size cap."""

    def __init__(self, client: httpx.AsyncClient, *, max_bytes: int, timeout: float, per_host: int) -> None:
        if not is_checked(client):
            raise ValueError("SafeFetcher needs a client from bot.http (its connections are checked)")
        self.client = client
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.per_host = per_host
        self._hosts: dict[str, asyncio.Semaphore] = {}

    def _slot(self, host: str) -> asyncio.Semaphore:
        slot = self._hosts.get(host)
        if slot is None:
            slot = self._hosts[host] = asyncio.Semaphore(self.per_host)
        return slot

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = FEED_ACCEPT,
        max_bytes: int | None = None,
    ) -> Fetched:
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            host = httpx.URL(url).host
        except (httpx.InvalidURL, UnicodeError):
            raise FetchError("not a usable web address", permanent=True) from None
        async with self._slot(host):
            try:
                async with asyncio.timeout(self.timeout):
                    return await self._follow(url, headers, max_bytes or self.max_bytes)
            except TimeoutError:
                raise FetchError(f"no complete answer within {self.timeout:g} s") from None
            except BodyRefused as exc:
                raise FetchError(exc.reason) from None
            except httpx.HTTPError as exc:
                refused = refusal_of(exc)
                if refused is not None:
                    raise FetchError(refused.reason, permanent=refused.permanent) from None
                raise FetchError(_network_reason(exc, host)) from None

    async def _follow(self, url: str, headers: Mapping[str, str], max_bytes: int) -> Fetched:
        for _hop in range(MAX_REDIRECTS + 1):
            try:
                target = httpx.URL(url)
            except (httpx.InvalidURL, UnicodeError):
                raise FetchError("refused to follow a redirect to an invalid address") from None
            if target.scheme not in ("http", "https") or not target.host:
                raise FetchError(f"refused to follow a redirect to {url[:200]!r}", permanent=True)
            try:  # httpx reads a redirect's Location while sending: a broken host name fails there
                response = await self.client.send(
                    self.client.build_request("GET", target, headers=headers), stream=True
                )
            except (httpx.InvalidURL, UnicodeError):
                raise FetchError("refused to follow a redirect to an invalid address") from None
            try:
                if response.status_code in REDIRECTS or response.status_code == 304:
                    await _drain(response)
                if response.status_code in REDIRECTS:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(f"HTTP {response.status_code} redirect without a Location")
                    try:
                        url = str(target.join(location))
                    except (httpx.InvalidURL, UnicodeError):
                        raise FetchError("refused to follow a redirect to an invalid address") from None
                    continue
                answer = {k.lower(): v for k, v in response.headers.items()}
                if response.status_code == 304:
                    return Fetched(304, str(target), answer, b"")
                if response.status_code >= 400 or response.status_code < 200:
                    await _drain(response)
                    gone = response.status_code == 410
                    raise FetchError(
                        "the server says this feed is gone (HTTP 410)"
                        if gone
                        else f"HTTP {response.status_code}",
                        status=response.status_code,
                        retry_after=parse_retry_after(response.headers.get("retry-after")),
                        permanent=gone,
                    )
                body = await _read_capped(response, max_bytes)
                return Fetched(response.status_code, str(target), answer, body)
            finally:
                await response.aclose()
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")


def _network_reason(exc: httpx.HTTPError, host: str) -> str:
    """A readable reason for a transport failure; a bad certificate is named as such (with the host
    of the hop that failed, which after a redirect is not the feed's)."""
    if isinstance(exc, httpx.ConnectError) and "CERTIFICATE_VERIFY_FAILED" in str(exc):
        with contextlib.suppress(RuntimeError):  # no request attached
            host = exc.request.url.host
        return f"the TLS certificate is not valid for {host}"
    return f"network error ({type(exc).__name__})"


async def _drain(response: httpx.Response, limit: int = 65_536) -> None:
    """Read a small unwanted body to its end so the connection can be reused (h11 needs the end
    of the message); a large one is abandoned and its connection closed instead."""
    size = 0
    async for chunk in response.aiter_raw():
        size += len(chunk)
        if size > limit:
            return


async def _read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"the body is larger than the {max_bytes:,} byte limit")
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"the body is larger than the {max_bytes:,} byte limit")
        chunks.append(chunk)
    return b"".join(chunks)
