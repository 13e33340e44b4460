"""Read a match-data source: a local file or an http(s) URL, size-capped and time-boxed.

URLs go through the shared client from bot/http.py, so every hop gets the same address checks as
feeds (no loopback, LAN or metadata addresses unless HOTSEAT_ALLOW_PRIVATE_FEEDS) and compressed
bodies are inflated in bounded steps before the size cap counts them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urljoin

import httpx

from bot.errors import UserError
from bot.http import BodyRefused, refusal_of

MAX_REDIRECTS = 5


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


async def fetch_bytes(
    http: httpx.AsyncClient,
    url: str,
    *,
    max_bytes: int,
    time_limit: float,
    headers: dict[str, str] | None = None,
) -> bytes:
    """GET `url` (following a few redirects by hand) and return its body; UserError on any failure."""
    try:
        async with asyncio.timeout(time_limit):
            for _hop in range(MAX_REDIRECTS + 1):
                async with http.stream("GET", url, headers=headers) as response:
                    if response.is_redirect and "location" in response.headers:
                        url = urljoin(url, response.headers["location"])
                        continue
                    if response.status_code != 200:
                        raise UserError(f"{url} answered HTTP {response.status_code}; check the address.")
                    body = bytearray()
                    async for chunk in response.aiter_bytes():
                        body += chunk
                        if len(body) > max_bytes:
                            raise UserError(f"{url} is larger than {max_bytes:,} bytes; refusing it.")
                    return bytes(body)
            raise UserError(f"{url} redirects too many times.")
    except TimeoutError:
        raise UserError(f"{url} did not answer within {time_limit:g} s; try again later.") from None
    except (httpx.InvalidURL, UnicodeError):
        raise UserError(f"{url} is not a usable web address, or redirects to one that is not.") from None
    except BodyRefused as exc:
        raise UserError(f"Could not read {url}: {exc.reason}.") from None
    except httpx.HTTPError as exc:
        refused = refusal_of(exc)
        if refused is not None:
            raise UserError(f"{url} cannot be used: {refused.reason}.") from None
        raise UserError(f"Could not fetch {url}: {exc.__class__.__name__} {exc}".strip()) from None


def read_file(source: str, max_bytes: int) -> bytes:
    path = Path(source).expanduser()
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise UserError(f"{source} is larger than {max_bytes:,} bytes; refusing it.")
        return path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"No file at {source}; give a football.json path or an http(s) URL.") from None
    except OSError as exc:
        raise UserError(f"Cannot read {source}: {exc.strerror or exc}.") from None


def expand_sources(sources: Sequence[str]) -> list[str]:
    """Folders stand for every .json file under them (e.g. an openfootball checkout), in path order."""
    expanded: list[str] = []
    for source in sources:
        folder = Path(source).expanduser()
        if is_url(source) or not folder.is_dir():
            expanded.append(source)
            continue
        found = sorted(str(p) for p in folder.rglob("*.json") if p.is_file())
        if not found:
            raise UserError(f"{source} is a folder with no .json files in it.")
        expanded.extend(found)
    return expanded


async def load_source(http: httpx.AsyncClient, source: str, *, max_bytes: int, time_limit: float) -> bytes:
    if is_url(source):
        return await fetch_bytes(http, source, max_bytes=max_bytes, time_limit=time_limit)
    return await asyncio.to_thread(read_file, source, max_bytes)
