"""HTTPS through checked connections: we dial the checked IP, yet TLS checks the host name asked for
(SNI + certificate), also when another name on the same IP already has a pooled connection."""

from __future__ import annotations

import ssl
from collections.abc import AsyncIterator, Sequence

import httpx
import pytest
import trustme

from bot.http import checked_client
from bot.news.addresses import Lookup
from bot.news.fetch import FetchError, SafeFetcher
from tests.support.feed_server import FeedServer, item, rss_feed

CERTIFIED = "certified.test"
OTHER = "other.test"


async def two_names_lookup(host: str, port: int) -> Sequence[str]:
    """Resolver for names that cannot be put in the system's: both test names are this loopback IP."""
    if host in (CERTIFIED, OTHER):
        return ["127.0.0.1"]
    raise OSError(f"unknown test host {host}")


@pytest.fixture
def ca() -> trustme.CA:
    return trustme.CA()


async def tls_server(ca: trustme.CA, *names: str) -> FeedServer:
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(*names).configure_cert(server_tls)
    server = FeedServer(ssl_context=server_tls)
    await server.start()
    server.feed("/a.xml", rss_feed([item(1)]))
    return server


@pytest.fixture
async def localhost_server(ca: trustme.CA) -> AsyncIterator[FeedServer]:
    server = await tls_server(ca, "localhost")
    yield server
    await server.stop()


def fetcher_for(ca: trustme.CA, lookup: Lookup | None = None) -> SafeFetcher:
    client_tls = ssl.create_default_context()
    ca.configure_trust(client_tls)
    client = checked_client(allow_private=True, timeout=5, verify=client_tls, lookup=lookup)
    return SafeFetcher(client, max_bytes=100_000, timeout=5, per_host=2)


async def test_https_to_a_checked_address_verifies_the_host_name(
    ca: trustme.CA, localhost_server: FeedServer
) -> None:
    fetcher = fetcher_for(ca)
    try:
        fetched = await fetcher.fetch(localhost_server.url("/a.xml", host="localhost"))
    finally:
        await fetcher.client.aclose()
    assert b"Story 1" in fetched.body


async def test_https_certificate_for_another_name_is_refused(ca: trustme.CA) -> None:
    server = await tls_server(ca, "elsewhere.example")
    fetcher = fetcher_for(ca)
    try:
        with pytest.raises(FetchError, match="TLS certificate is not valid for localhost"):
            await fetcher.fetch(server.url("/a.xml", host="localhost"))
    finally:
        await fetcher.client.aclose()
        await server.stop()


async def test_a_pooled_connection_for_one_name_is_not_reused_for_an_ip_literal(
    ca: trustme.CA, localhost_server: FeedServer
) -> None:
    """The certificate names only localhost; after a good fetch from localhost (its connection now
    pooled), the same server asked for as 127.0.0.1 must still be refused."""
    fetcher = fetcher_for(ca)
    try:
        await fetcher.fetch(localhost_server.url("/a.xml", host="localhost"))
        with pytest.raises(FetchError, match=r"not valid for 127\.0\.0\.1"):
            await fetcher.fetch(localhost_server.url("/a.xml", host="127.0.0.1"))
    finally:
        await fetcher.client.aclose()
    assert localhost_server.hits["/a.xml"] == 1


async def test_two_names_on_one_ip_each_need_their_own_certificate(ca: trustme.CA) -> None:
    server = await tls_server(ca, CERTIFIED)
    fetcher = fetcher_for(ca, two_names_lookup)
    try:
        first = await fetcher.fetch(server.url("/a.xml", host=CERTIFIED))
        assert b"Story 1" in first.body
        with pytest.raises(FetchError, match=f"not valid for {OTHER}"):
            await fetcher.fetch(server.url("/a.xml", host=OTHER))
        # A redirect from the certified name to the other one is refused at the hop that fails.
        server.redirect("/hop.xml", server.url("/a.xml", host=OTHER))
        with pytest.raises(FetchError, match=f"not valid for {OTHER}"):
            await fetcher.fetch(server.url("/hop.xml", host=CERTIFIED))
        # The certified name still works on its pooled connection afterwards.
        again = await fetcher.fetch(server.url("/a.xml", host=CERTIFIED))
        assert b"Story 1" in again.body
    finally:
        await fetcher.client.aclose()
        await server.stop()
    assert server.hits["/a.xml"] == 2


async def test_the_fetcher_refuses_a_client_without_address_checks() -> None:
    async with httpx.AsyncClient() as plain:
        with pytest.raises(ValueError, match=r"needs a client from bot\.http"):
            SafeFetcher(plain, max_bytes=100_000, timeout=5, per_host=2)
