"""The one place that makes httpx clients: every fetch goes through a client made here.

Two guards sit under httpx, so every user of the client (feeds, article pages, match data) has them:
- Address checks at connect time. The URL keeps its host name (so the connection pool is keyed by
  it, and TLS SNI and certificate checks use it); the network backend resolves the name, refuses the
  connection unless every address is allowed (bot/news/addresses.py) and dials only those addresses,
  so DNS cannot change between the check and the connect.
- Bounded decompression. At most one content coding is accepted (gzip or deflate; nested codings are
  a classic bomb), and it is inflated here in steps of at most `DECODE_STEP` bytes, so a reader that
  counts bytes stops a bomb before it is allocated. httpx then sees an uncompressed body.

Redirects are off (callers follow them by hand so every hop is checked) and pool limits are given to
the transport, because httpx ignores client-level limits when a transport is passed.
"""

from __future__ import annotations

import ssl
import typing
import weakref
import zlib
from collections.abc import AsyncIterator, Iterator

import httpcore
import httpx

from bot import __version__
from bot.config import Settings
from bot.news.addresses import AddressRefused, Lookup, resolve_checked

USER_AGENT = f"Hotseat/{__version__} (+https://github.com/hotseat-bot/hotseat; football news digest bot)"
MAX_CONNECTIONS = 100
DECODE_STEP = 65_536  # most bytes one inflate step may produce
ACCEPT_ENCODING = "gzip, deflate"
_INFLATE_WBITS = {"gzip": zlib.MAX_WBITS | 16, "x-gzip": zlib.MAX_WBITS | 16, "deflate": zlib.MAX_WBITS}

_checked_clients: weakref.WeakSet[httpx.AsyncClient] = weakref.WeakSet()


class BodyRefused(httpx.DecodingError):
    """A response body we will not decode; `reason` is short and readable by admins."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class AddressBlocked(httpcore.ConnectError):
    """A connection refused by the address rules. httpx re-raises it as an httpx.ConnectError with the
    same message (so every caller's network-error handling covers it); `refusal_of` finds the reason."""

    def __init__(self, refusal: AddressRefused) -> None:
        super().__init__(refusal.reason)
        self.refusal = refusal


def refusal_of(exc: BaseException) -> AddressRefused | None:
    """The address refusal behind an httpx error, if that is what it was."""
    cause = exc.__cause__
    return cause.refusal if isinstance(cause, AddressBlocked) else None


class CheckedBackend(httpcore.AsyncNetworkBackend):
    """Resolves and checks the host at connect time, then dials only the checked addresses."""

    def __init__(self, allow_private: bool, lookup: Lookup | None = None) -> None:
        self.allow_private = allow_private
        self.lookup = lookup
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore passes it by this name)
        local_address: str | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            addresses = await resolve_checked(host, port, self.allow_private, self.lookup)
        except AddressRefused as exc:
            raise AddressBlocked(exc) from exc
        failure: Exception | None = None
        for address in addresses:
            try:
                return await self._inner.connect_tcp(
                    str(address), port, timeout, local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        assert failure is not None  # resolve_checked never returns an empty list
        raise failure

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore passes it by this name)
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("unix sockets are not used by Hotseat")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class _Inflater:
    """gzip/deflate inflated in bounded steps (zlib's max_length and unconsumed_tail)."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self._zlib = zlib.decompressobj(_INFLATE_WBITS[coding])
        self._started = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        while not self._zlib.eof:
            try:
                out = self._zlib.decompress(data, DECODE_STEP)
            except zlib.error:
                if self.coding == "deflate" and not self._started:
                    # Many servers send raw deflate without the zlib header; try that once.
                    self._zlib, self._started = zlib.decompressobj(-zlib.MAX_WBITS), True
                    continue
                raise BodyRefused(f"the {self.coding}-compressed body is damaged") from None
            self._started = True
            if out:
                yield out
            data = self._zlib.unconsumed_tail
            if not data and len(out) < DECODE_STEP:
                return  # input used up and no output left pending


class _InflatedStream(httpx.AsyncByteStream):
    def __init__(self, raw: httpx.AsyncByteStream, coding: str) -> None:
        self._raw = raw
        self._coding = coding

    async def __aiter__(self) -> AsyncIterator[bytes]:
        inflater = _Inflater(self._coding)
        async for chunk in self._raw:
            for piece in inflater.feed(chunk):
                yield piece

    async def aclose(self) -> None:
        await self._raw.aclose()


class CheckedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport over a connection pool whose backend checks addresses, with bounded inflation."""

    def __init__(
        self,
        *,
        allow_private: bool,
        verify: ssl.SSLContext | bool = True,
        lookup: Lookup | None = None,
    ) -> None:
        context = (
            verify
            if isinstance(verify, ssl.SSLContext)
            else httpx.create_ssl_context(verify=verify, trust_env=False)
        )
        super().__init__(verify=context, trust_env=False, retries=0)
        # httpx has no parameter for the network backend: the pool it made is replaced by one that
        # has ours (same TLS context and limits).
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=context,
            max_connections=MAX_CONNECTIONS,
            max_keepalive_connections=MAX_CONNECTIONS,
            keepalive_expiry=httpx.Limits().keepalive_expiry,
            retries=0,
            network_backend=CheckedBackend(allow_private, lookup),
        )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        request.headers["Accept-Encoding"] = ACCEPT_ENCODING
        response = await super().handle_async_request(request)
        codings = [
            c.lower()
            for c in response.headers.get_list("content-encoding", split_commas=True)
            if c and c.lower() != "identity"
        ]
        if not codings:
            return response
        if len(codings) > 1 or codings[0] not in _INFLATE_WBITS:
            await response.aclose()
            listed = ", ".join(codings)[:60]
            if len(codings) > 1:
                raise BodyRefused(f"refused: the answer is compressed more than once ({listed})")
            raise BodyRefused(f"refused: the answer uses a compression we do not accept ({listed})")
        headers = [
            (name, value)
            for name, value in response.headers.raw
            if name.lower() not in (b"content-encoding", b"content-length")
        ]
        assert isinstance(response.stream, httpx.AsyncByteStream)
        return httpx.Response(
            status_code=response.status_code,
            headers=headers,
            stream=_InflatedStream(response.stream, codings[0]),
            extensions=response.extensions,
        )


def checked_client(
    *,
    allow_private: bool,
    timeout: float,
    verify: ssl.SSLContext | bool = True,
    lookup: Lookup | None = None,
) -> httpx.AsyncClient:
    """A client whose every connection is address-checked; redirects are followed by hand."""
    client = httpx.AsyncClient(
        headers={"User-Agent": USER_AGENT},
        follow_redirects=False,
        timeout=httpx.Timeout(timeout),
        transport=CheckedTransport(allow_private=allow_private, verify=verify, lookup=lookup),
        trust_env=False,
    )
    _checked_clients.add(client)
    return client


def make_client(settings: Settings) -> httpx.AsyncClient:
    """The bot's shared client: private addresses only when HOTSEAT_ALLOW_PRIVATE_FEEDS says so."""
    return checked_client(allow_private=settings.allow_private_feeds, timeout=settings.fetch_timeout_seconds)


def is_checked(client: httpx.AsyncClient) -> bool:
    """Whether `client` was made here (so its connections are address-checked)."""
    return client in _checked_clients
