"""Which IP addresses a feed may live at (pure), and DNS resolution that applies the rule.

A feed URL is fetched only when every address its host resolves to is public; the checked address is
then the one we connect to, so DNS cannot swap it between the check and the fetch.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Sequence

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# Name → address texts (the system resolver by default; tests give names of their own).
Lookup = Callable[[str, int], Awaitable[Sequence[str]]]

# Cloud metadata endpoints: refused even when private feeds are allowed.
METADATA = {
    ipaddress.ip_address("169.254.169.254"),
    ipaddress.ip_address("169.254.170.2"),
    ipaddress.ip_address("100.100.100.200"),
    ipaddress.ip_address("fd00:ec2::254"),
}
CGNAT = ipaddress.ip_network("100.64.0.0/10")
NAT64 = ipaddress.ip_network("64:ff9b::/96")
NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
SIX_TO_FOUR = ipaddress.ip_network("2002::/16")
TEREDO = ipaddress.ip_network("2001::/32")
LAN = [ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")]


class AddressRefused(Exception):
    """The host cannot be used: `permanent` when it points at a forbidden address, not when DNS
    merely failed (that may pass). `reason` is shown to admins."""

    def __init__(self, reason: str, permanent: bool = True) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent


def refusal(address: IPAddress, allow_private: bool = False) -> str | None:
    """Why a feed may not be fetched from `address`, or None when it may.

    `allow_private` (tests and self-hosters) admits loopback and private LAN ranges, never metadata,
    link-local, multicast, unspecified or reserved addresses.
    """
    if address in METADATA:
        return "a cloud metadata address"
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return "an IPv4-mapped IPv6 address"
        if address in NAT64 or address in NAT64_LOCAL:
            return "a NAT64 address"
        if address in SIX_TO_FOUR or address in TEREDO:
            return "a tunnelled IPv6 address"
        if address.scope_id:
            return "a scoped IPv6 address"
    if address.is_unspecified:
        return "an unspecified address"
    if address.is_multicast:
        return "a multicast address"
    if address.is_link_local:
        return "a link-local address"
    if address.is_loopback:
        return None if allow_private else "a loopback address"
    if isinstance(address, ipaddress.IPv4Address) and address in CGNAT:
        return "a carrier-grade NAT address"
    if any(address in network for network in LAN if network.version == address.version):
        return None if allow_private else "a private network address"
    if address.is_reserved:
        return "a reserved address"
    if address.is_private:
        return "a special-purpose address"
    if not address.is_global:
        return "a non-public address"
    return None


def parse_literal(host: str) -> IPAddress | None:
    """The address when `host` is an IP literal (brackets allowed), else None."""
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


async def system_lookup(host: str, port: int) -> list[str]:
    """The system resolver's addresses for `host`, scope ids dropped."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]).split("%", 1)[0] for info in infos]


async def resolve_checked(
    host: str, port: int, allow_private: bool, lookup: Lookup | None = None
) -> list[IPAddress]:
    """Resolve `host` and return the addresses to connect to, in order; refuse if ANY is not allowed."""
    literal = parse_literal(host)
    if literal is not None:
        addresses: list[IPAddress] = [literal]
    else:
        try:
            found = await (lookup or system_lookup)(host, port)
        except (OSError, UnicodeError) as exc:
            raise AddressRefused(f"the host {host} could not be found", permanent=False) from exc
        addresses = []
        for text in found:
            address = ipaddress.ip_address(text)
            if address not in addresses:
                addresses.append(address)
        if not addresses:
            raise AddressRefused(f"the host {host} has no addresses", permanent=False)
    for address in addresses:
        reason = refusal(address, allow_private)
        if reason:
            raise AddressRefused(f"{host} points to {reason} ({address}), which feeds may not use")
    return addresses
