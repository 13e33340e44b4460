"""HTTPS through the pinned connection: we dial the checked IP, yet TLS still checks the host name
(SNI + certificate), so pinning never weakens certificate verification."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from pathlib import Path

import httpx
import pytest

from bot.http import USER_AGENT
from bot.news.fetch import FetchError, SafeFetcher
from tests.support.feed_server import FeedServer, item, rss_feed

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl not available")


def make_cert(folder: Path, name: str) -> tuple[Path, Path]:
    cert, key = folder / f"{name}.pem", folder / f"{name}.key"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            f"/CN={name}",
            "-addext",
            f"subjectAltName=DNS:{name}",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


async def fetch_from(tmp_path: Path, cert_name: str) -> bytes:
    cert, key = make_cert(tmp_path, cert_name)
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    client_tls = ssl.create_default_context(cafile=str(cert))
    async with FeedServer(ssl_context=server_tls) as server:
        server.feed("/a.xml", rss_feed([item(1)]))
        async with httpx.AsyncClient(verify=client_tls, headers={"User-Agent": USER_AGENT}) as client:
            fetcher = SafeFetcher(client, allow_private=True, max_bytes=100_000, timeout=5, per_host=2)
            fetched = await fetcher.fetch(server.url("/a.xml", host="localhost"))
    return fetched.body


async def test_https_to_a_pinned_address_verifies_the_host_name(tmp_path: Path) -> None:
    assert b"Story 1" in await fetch_from(tmp_path, "localhost")


async def test_https_certificate_for_another_name_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="network error"):
        await fetch_from(tmp_path, "other.example")
